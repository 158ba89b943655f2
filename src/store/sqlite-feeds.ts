/**
 * The SQLite side of watched feeds (`parley watch`): the items of each feed already seen (`feed_items`) and each
 * feed's poll schedule (`feed_polls`), migration 5. Keys are looked up through json_each, so any number of them
 * fits one statement (no limit on bound parameters).
 */
import type Database from "better-sqlite3";
import type { FeedItemState, FeedPoll, Store } from "./store.js";

type FeedMethods = Pick<Store, "feedItemStates" | "putFeedItems" | "feedPoll" | "putFeedPoll">;

interface ItemRow {
  key: string;
  articleId: string | null;
  done: number;
  attempts: number;
  reason: string | null;
  firstSeen: string;
}

export function sqliteFeedMethods(db: Database.Database, transaction: <T>(fn: () => T) => Promise<T>): FeedMethods {
  const s = {
    items: db.prepare(`SELECT item_key AS key, article_id AS articleId, done, attempts, reason, first_seen AS firstSeen
      FROM feed_items WHERE feed_url = ? AND item_key IN (SELECT value FROM json_each(?)) ORDER BY item_key`),
    putItem: db.prepare(`INSERT INTO feed_items VALUES (@url, @key, @articleId, @done, 1, @reason, @at, @at)
      ON CONFLICT (feed_url, item_key) DO UPDATE SET
        article_id = coalesce(excluded.article_id, feed_items.article_id), done = max(feed_items.done, excluded.done),
        attempts = feed_items.attempts + 1, reason = excluded.reason, last_seen = excluded.last_seen`),
    poll: db.prepare("SELECT checked_at AS checkedAt, next_at AS nextAt, failures, last_error AS lastError FROM feed_polls WHERE url = ?"),
    putPoll: db.prepare("INSERT OR REPLACE INTO feed_polls VALUES (?, ?, ?, ?, ?)"),
  };
  return {
    async feedItemStates(url, keys) {
      if (!keys.length) return [];
      return (s.items.all(url, JSON.stringify(keys)) as ItemRow[]).map((r): FeedItemState => ({ ...r, done: r.done === 1 }));
    },
    putFeedItems: (url, items) =>
      transaction(() => {
        const at = new Date().toISOString();
        // A key given twice counts once, the last one given (as in PostgreSQL).
        for (const i of new Map(items.map((i) => [i.key, i])).values()) s.putItem.run({ url, key: i.key, articleId: i.articleId ?? null, done: i.done ? 1 : 0, reason: i.reason ?? null, at });
      }),
    feedPoll: async (url) => (s.poll.get(url) as FeedPoll | undefined) ?? null,
    putFeedPoll: (url, p) => transaction(() => void s.putPoll.run(url, p.checkedAt, p.nextAt, p.failures, p.lastError)),
  };
}
