/**
 * The PostgreSQL side of watched feeds (`parley watch`): the items of each feed already seen (`feed_items`) and each
 * feed's poll schedule (`feed_polls`), migration 5. The same results as sqlite-feeds.ts. Keys go in as one text
 * array, so any number of them fits one statement (no limit on bound parameters).
 */
import type pg from "pg";
import type { FeedItemState, FeedItemUpdate, FeedPoll, Store } from "./store.js";

export async function feedItemStates(pool: pg.Pool, url: string, keys: readonly string[]): Promise<FeedItemState[]> {
  if (!keys.length) return [];
  const { rows } = await pool.query<FeedItemState>(
    `SELECT item_key AS key, article_id AS "articleId", done, attempts, reason, first_seen AS "firstSeen"
     FROM feed_items WHERE feed_url = $1 AND item_key = ANY($2::text[]) ORDER BY item_key COLLATE "C"`,
    [url, keys],
  );
  return rows;
}

export async function putFeedItems(pool: pg.Pool, url: string, items: readonly FeedItemUpdate[]): Promise<void> {
  if (!items.length) return;
  // A key given twice counts once, the last one given (one statement may not update a row twice).
  items = [...new Map(items.map((i) => [i.key, i])).values()];
  const at = new Date().toISOString();
  // One statement over arrays (one row per item): atomic without a transaction of our own.
  await pool.query(
    `INSERT INTO feed_items AS f (feed_url, item_key, article_id, done, attempts, reason, first_seen, last_seen)
     SELECT $1, u.key, u.article_id, u.done, 1, u.reason, $2, $2
     FROM unnest($3::text[], $4::text[], $5::boolean[], $6::text[]) AS u(key, article_id, done, reason)
     ON CONFLICT (feed_url, item_key) DO UPDATE SET
       article_id = coalesce(EXCLUDED.article_id, f.article_id), done = f.done OR EXCLUDED.done,
       attempts = f.attempts + 1, reason = EXCLUDED.reason, last_seen = EXCLUDED.last_seen`,
    [url, at, items.map((i) => i.key), items.map((i) => i.articleId ?? null), items.map((i) => i.done), items.map((i) => i.reason ?? null)],
  );
}

export async function feedPoll(pool: pg.Pool, url: string): Promise<FeedPoll | null> {
  const { rows } = await pool.query<FeedPoll>(
    `SELECT checked_at AS "checkedAt", next_at AS "nextAt", failures, last_error AS "lastError" FROM feed_polls WHERE url = $1`,
    [url],
  );
  return rows[0] ?? null;
}

export async function putFeedPoll(pool: pg.Pool, url: string, poll: FeedPoll): Promise<void> {
  await pool.query(
    `INSERT INTO feed_polls VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (url) DO UPDATE SET checked_at = $2, next_at = $3, failures = $4, last_error = $5`,
    [url, poll.checkedAt, poll.nextAt, poll.failures, poll.lastError],
  );
}

/** The four methods bound to a pool, to spread into the store object: `...pgFeedMethods(pool)`. */
export function pgFeedMethods(pool: pg.Pool): Pick<Store, "feedItemStates" | "putFeedItems" | "feedPoll" | "putFeedPoll"> {
  return {
    feedItemStates: (url, keys) => feedItemStates(pool, url, keys),
    putFeedItems: (url, items) => putFeedItems(pool, url, items),
    feedPoll: (url) => feedPoll(pool, url),
    putFeedPoll: (url, poll) => putFeedPoll(pool, url, poll),
  };
}
