/**
 * The SQLite store (better-sqlite3): one row per article, one table per layer, FTS5 over titles and texts, WAL mode.
 * Every `put` runs in one transaction, so a crash never leaves half an article. Statements are prepared once.
 * better-sqlite3 is synchronous; the contract is async (PostgreSQL implements it too), so the methods resolve at once.
 * `transaction` runs an async function between BEGIN IMMEDIATE and COMMIT, one at a time per connection, so work that
 * must await (a story update beside the article it changes) still commits with the article or not at all.
 */
import Database from "better-sqlite3";
import type { ArticleRecord } from "../record/schema.js";
import { addArticle, mergeStories, unmergeStories, type EngineOptions } from "../story/engine.js";
import { ftsQuery } from "./fts.js";
import { MIGRATIONS } from "./migrations.js";
import { ARTICLE_COLUMNS, articleRow, assembleRecord, layerRows, type LayerRows } from "./rows.js";
import { sqliteFeedMethods } from "./sqlite-feeds.js";
import { sqliteStoryQueries, sqliteStoryRepo } from "./sqlite-stories.js";
import type { PutResult, SearchHit, Store } from "./store.js";

type Row = Record<string, unknown>;
const json = (v: unknown) => JSON.stringify(v);
const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);
/** Copies only the defined optional fields, so a record read back equals the one written. */
function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function migrate(db: Database.Database): number[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const done = new Set((db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version));
  const applied: number[] = [];
  if (MIGRATIONS.every((m) => done.has(m.version))) return applied;
  // Another process may be migrating the same file: take the write lock first, then look again.
  db.transaction(() => {
    const now = new Set((db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (now.has(m.version)) continue;
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(m.version, m.name, new Date().toISOString());
      applied.push(m.version);
    }
  }).immediate();
  return applied;
}

export { ftsQuery };

export interface SqliteStore extends Store {
  /** The connection, for modules that keep their own tables in this database (stories, queues). */
  readonly db: Database.Database;
  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK on throw); calls are serialised. */
  transaction<T>(fn: () => T | Promise<T>): Promise<T>;
}

export interface SqliteOptions {
  /** Story engine settings (the scorers try others); the bundled data/story/settings.json by default. */
  stories?: EngineOptions;
}

/** How long a writer waits for another process's write lock before SQLite reports "database is locked". */
export const BUSY_TIMEOUT_MS = 60_000;

const isBusy = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((err as { code?: string })?.code ?? "");

/**
 * Runs `fn`, retrying while SQLite says the database is busy: the busy timeout covers most waits, but a few (WAL
 * recovery, a lock held by a process that just crashed) report SQLITE_BUSY at once. Backs off up to ~1 s a try.
 */
export function retryBusy<T>(fn: () => T, deadlineMs = BUSY_TIMEOUT_MS): T {
  const until = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err) || Date.now() > until) throw err;
      // Synchronous sleep: better-sqlite3 is synchronous, and the caller holds no lock while it waits.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(1000, 10 * 2 ** attempt));
    }
  }
}

export function openSqliteStore(path: string, options: SqliteOptions = {}): SqliteStore {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  // Several processes may open one file at once (two `ingest`s): every step that takes a lock waits for the other.
  retryBusy(() => db.pragma("journal_mode = WAL"));
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  retryBusy(() => migrate(db));

  const s = {
    head: db.prepare("SELECT hash, version FROM articles WHERE id = ?"),
    article: db.prepare("SELECT * FROM articles WHERE id = ?"),
    del: db.prepare("DELETE FROM articles WHERE id = ?"),
    delFts: db.prepare("DELETE FROM articles_fts WHERE id = ?"),
    keepVersion: db.prepare("INSERT OR REPLACE INTO article_versions VALUES (?, ?, ?, ?, ?)"),
    insArticle: db.prepare(`INSERT INTO articles (${ARTICLE_COLUMNS.join(", ")}) VALUES (${ARTICLE_COLUMNS.map(() => "?").join(", ")})`),
    insFts: db.prepare("INSERT INTO articles_fts (id, title, text) VALUES (?, ?, ?)"),
    insSentence: db.prepare("INSERT INTO sentences VALUES (?, ?, ?, ?)"),
    insEntity: db.prepare("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    insMention: db.prepare("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)"),
    insTime: db.prepare("INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    insQuote: db.prepare("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    insEvent: db.prepare(`INSERT INTO events VALUES (${Array(20).fill("?").join(", ")})`),
    sentences: db.prepare("SELECT * FROM sentences WHERE article_id = ? ORDER BY seq"),
    entities: db.prepare("SELECT * FROM entities WHERE article_id = ? ORDER BY seq"),
    mentions: db.prepare("SELECT * FROM mentions WHERE article_id = ? ORDER BY entity_seq, seq"),
    times: db.prepare("SELECT * FROM times WHERE article_id = ? ORDER BY seq"),
    quotes: db.prepare("SELECT * FROM quotes WHERE article_id = ? ORDER BY seq"),
    events: db.prepare("SELECT * FROM events WHERE article_id = ? ORDER BY seq"),
    ids: db.prepare("SELECT id FROM articles ORDER BY published, id"),
    search: db.prepare(`SELECT a.id, a.title, a.published, snippet(articles_fts, 2, '[', ']', '…', 16) AS snippet, bm25(articles_fts) AS score
      FROM articles_fts JOIN articles a ON a.id = articles_fts.id WHERE articles_fts MATCH ? ORDER BY score LIMIT ?`),
    versions: db.prepare("SELECT version, hash, replaced_at AS replacedAt FROM article_versions WHERE id = ? ORDER BY version"),
    feed: db.prepare("SELECT etag, last_modified AS lastModified FROM feeds WHERE url = ?"),
    putFeed: db.prepare("INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?)"),
  };

  function get(id: string): ArticleRecord | null {
    const a = s.article.get(id) as Row | undefined;
    if (!a) return null;
    const all = (stmt: Database.Statement) => stmt.all(id) as Row[];
    return assembleRecord(a, {
      sentences: all(s.sentences), entities: all(s.entities), mentions: all(s.mentions), times: all(s.times), quotes: all(s.quotes), events: all(s.events),
    });
  }

  const layerInserts: Record<keyof LayerRows, Database.Statement> = {
    sentences: s.insSentence, entities: s.insEntity, mentions: s.insMention, times: s.insTime, quotes: s.insQuote, events: s.insEvent,
  };
  function insert(r: ArticleRecord, version: number): void {
    s.insArticle.run(...articleRow(r, version, new Date().toISOString()));
    s.insFts.run(r.id, r.title ?? "", r.text);
    const rows = layerRows(r);
    for (const t of Object.keys(layerInserts) as (keyof LayerRows)[]) for (const row of rows[t]) layerInserts[t].run(...row);
  }

  let queue: Promise<unknown> = Promise.resolve();
  function transaction<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = async () => {
      retryBusy(() => db.exec("BEGIN IMMEDIATE"));
      try {
        const out = await fn();
        retryBusy(() => db.exec("COMMIT"));
        return out;
      } catch (err) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw err;
      }
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  // One timestamp per transaction, so everything a put changes carries the same time.
  let txTime: string | null = null;
  const now = () => (txTime ??= new Date().toISOString());
  const repo = sqliteStoryRepo(db, now);
  const queries = sqliteStoryQueries(db);
  const inTx = <T>(fn: () => T | Promise<T>) =>
    transaction(async () => {
      txTime = null;
      repo.sync();
      try {
        return await fn();
      } catch (err) {
        repo.reset();
        throw err;
      } finally {
        txTime = null;
      }
    });

  const put = (r: ArticleRecord): PutResult => {
    const head = s.head.get(r.id) as { hash: string; version: number } | undefined;
    if (head?.hash === r.hash) return "unchanged";
    if (head) {
      // A changed article under the same id (same URL): keep the old version, replace the current one.
      s.keepVersion.run(r.id, head.version, head.hash, json(get(r.id)), new Date().toISOString());
      s.delFts.run(r.id);
      s.del.run(r.id);
    }
    insert(r, head ? head.version + 1 : 1);
    return head ? "updated" : "new";
  };

  return {
    kind: "sqlite",
    db,
    transaction,
    // The article and the story it changes commit together; a batch is one transaction (one FTS flush).
    put: (r) =>
      inTx(async () => {
        const result = put(r);
        if (result !== "unchanged") await addArticle(repo, r, options.stories);
        return result;
      }),
    putMany: (records) =>
      inTx(async () => {
        const results: PutResult[] = [];
        for (const [i, r] of records.entries()) {
          // Between articles the event loop runs (better-sqlite3 is synchronous): workers get their next article and
          // their answers while a batch is written, so parsing and writing overlap. Reads on this connection meanwhile
          // see the batch's earlier articles, each whole with its story.
          if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
          const result = put(r);
          if (result !== "unchanged") await addArticle(repo, r, options.stories);
          results.push(result);
        }
        return results;
      }),
    isCurrent: async (id, hash) => (s.head.get(id) as { hash: string } | undefined)?.hash === hash,
    get: async (id) => get(id),
    async search(query, options = {}) {
      const q = ftsQuery(query);
      if (!q) return [];
      return s.search.all(q, options.limit ?? 20) as SearchHit[];
    },
    async *records() {
      // Ids first (small), then one record at a time, so memory stays flat however large the store.
      for (const { id } of s.ids.all() as { id: string }[]) {
        const r = get(id);
        if (r) yield r;
      }
    },
    async counts() {
      const out: Record<string, number> = {};
      for (const t of ["articles", "article_versions", "sentences", "entities", "mentions", "times", "quotes", "events",
        "stories", "story_members", "story_events", "story_event_mentions", "copies"])
        out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      return out;
    },
    ...queries,
    mergeStories: (target, merged) =>
      inTx(async () => {
        const merge = await mergeStories(repo, target, merged);
        return { merge, story: (await queries.story(target))! };
      }),
    unmergeStories: (merge) =>
      inTx(async () => {
        const { target, merged } = await unmergeStories(repo, merge);
        return [(await queries.story(target))!, (await queries.story(merged))!];
      }),
    versions: async (id) => s.versions.all(id) as { version: number; hash: string; replacedAt: string }[],
    async feedValidators(url) {
      const row = s.feed.get(url) as { etag: string | null; lastModified: string | null } | undefined;
      return row ? defined({ etag: opt(row.etag), lastModified: opt(row.lastModified) }) : null;
    },
    putFeedValidators: (url, v) =>
      transaction(() => void s.putFeed.run(url, v.etag ?? null, v.lastModified ?? null, new Date().toISOString())),
    ...sqliteFeedMethods(db, transaction),
    close: async () => {
      await queue;
      db.close();
    },
  };
}
