/**
 * The PostgreSQL store (node-postgres): the same contract, tables and results as the SQLite store, for a newsroom or
 * research group with several writers and machines. One transaction per article; concurrent writers of the same
 * article are made safe by the primary key (a unique violation is retried once, and the retry sees the article and
 * reports it unchanged or updated). Migrations run under an advisory lock, so many workers can start at once.
 */
import pg from "pg";
import type { ArticleRecord } from "../record/schema.js";
import { addArticle, mergeStories, unmergeStories, type EngineOptions } from "../story/engine.js";
import { pgFeedMethods } from "./pg-feeds.js";
import { pgStoryQueries, pgStoryRepo } from "./pg-stories.js";
import { PG_MIGRATIONS } from "./postgres-migrations.js";
import { ARTICLE_COLUMNS, articleRow, assembleRecord, layerRows, type LayerRows, type StoredLayers } from "./rows.js";
import { searchTerms } from "./search-terms.js";
import type { PutResult, SearchHit, Store } from "./store.js";

type Value = string | number | null;
type Row = Record<string, unknown>;

/** PostgreSQL allows 65,535 parameters per statement: multi-row inserts are cut below that. */
const MAX_PARAMS = 60_000;
const MIGRATION_LOCK = 7_470_511; // an arbitrary constant: the advisory lock id of Parley's migrations
/**
 * Every write transaction takes this lock first: story updates read and rewrite shared rows (document frequencies,
 * story centroids), so writers take turns, as SQLite's single writer does. Taken before any row lock, so two
 * writers never wait on each other in opposite orders. The NLP work, the expensive part, runs before, in parallel.
 */
const WRITE_LOCK = 7_470_512;

const LAYER_COLUMNS: Record<keyof LayerRows, string> = {
  sentences: `article_id, seq, start, "end"`,
  entities: "article_id, seq, entity_id, name, type, code, country, role, code_source",
  mentions: `article_id, entity_seq, seq, start, "end", text, kind`,
  times: `article_id, seq, start, "end", text, type, value, scope, "of", anchor`,
  quotes: `article_id, seq, start, "end", text, kind, speaker, speaker_text, speaker_span_json, cue_json, chain_json, hedges_json`,
  events: `article_id, seq, event_id, type, mode, cameo, quad_class, score, actor_code, actor_text, recipient_code, recipient_text,
    date, date_source, modality, location_text, evidence_start, evidence_end, rule, detail_json`,
};
const LAYER_ORDER: Record<keyof LayerRows, string> = {
  sentences: "seq", entities: "seq", mentions: "entity_seq, seq", times: "seq", quotes: "seq", events: "seq",
};
const TABLES = ["articles", "article_versions", "sentences", "entities", "mentions", "times", "quotes", "events",
  "stories", "story_members", "story_events", "story_event_mentions", "copies"];

export interface PostgresStore extends Store {
  readonly pool: pg.Pool;
  /** Runs `fn` in one transaction on one connection (COMMIT, or ROLLBACK when it throws). */
  transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

export interface PostgresOptions {
  /** Schema to keep Parley's tables in (created when missing); default: the connection's search_path. */
  schema?: string;
  /** Most connections this process opens. */
  max?: number;
  /** Story engine settings (the scorers try others); the bundled data/story/settings.json by default. */
  stories?: EngineOptions;
}

/** Multi-row INSERT of `rows` into `table`, in statements under the parameter limit. */
async function insertRows(c: pg.PoolClient, table: string, columns: string, rows: Value[][]): Promise<void> {
  if (!rows.length) return;
  const width = rows[0]!.length;
  const per = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const values = chunk.map((_, r) => `(${Array.from({ length: width }, (_, k) => `$${r * width + k + 1}`).join(", ")})`);
    await c.query(`INSERT INTO ${table} (${columns}) VALUES ${values.join(", ")}`, chunk.flat());
  }
}

export async function migratePostgres(c: pg.PoolClient | pg.Client): Promise<number[]> {
  await c.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
  try {
    await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    const done = new Set((await c.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of PG_MIGRATIONS) {
      if (done.has(m.version)) continue;
      await c.query("BEGIN");
      try {
        await c.query(m.sql);
        await c.query("INSERT INTO schema_migrations VALUES ($1, $2, $3)", [m.version, m.name, new Date().toISOString()]);
        await c.query("COMMIT");
      } catch (err) {
        await c.query("ROLLBACK");
        throw err;
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await c.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const config: pg.PoolConfig = { connectionString: url, max: options.max ?? 4 };
  if (options.schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Under the migration lock: CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent twin.
      await admin.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
    } finally {
      await admin.end();
    }
    config.options = `-c search_path=${quoteIdent(options.schema)}`;
  }
  const pool = new pg.Pool(config);
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const first = await pool.connect();
  try {
    await migratePostgres(first);
  } finally {
    first.release();
  }

  async function transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      const out = await fn(c);
      await c.query("COMMIT");
      return out;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async function get(q: pg.Pool | pg.PoolClient, id: string): Promise<ArticleRecord | null> {
    const a = (await q.query<Row>("SELECT * FROM articles WHERE id = $1", [id])).rows[0];
    if (!a) return null;
    const layers = {} as StoredLayers;
    for (const t of Object.keys(LAYER_COLUMNS) as (keyof LayerRows)[])
      layers[t] = (await q.query<Row>(`SELECT * FROM ${t} WHERE article_id = $1 ORDER BY ${LAYER_ORDER[t]}`, [id])).rows;
    return assembleRecord(a, layers);
  }

  /** A write transaction: the write lock, then `fn` with the story repo on the same connection and one timestamp. */
  function write<T>(fn: (c: pg.PoolClient, repo: ReturnType<typeof pgStoryRepo>) => Promise<T>): Promise<T> {
    return transaction(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK]);
      const at = new Date().toISOString();
      return fn(c, pgStoryRepo(c, () => at));
    });
  }

  async function putIn(c: pg.PoolClient, repo: ReturnType<typeof pgStoryRepo>, r: ArticleRecord): Promise<PutResult> {
    const result = await putArticle(c, r);
    if (result !== "unchanged") await addArticle(repo, r, options.stories);
    return result;
  }

  async function putArticle(c: pg.PoolClient, r: ArticleRecord): Promise<PutResult> {
    const head = (await c.query<{ hash: string; version: number }>("SELECT hash, version FROM articles WHERE id = $1 FOR UPDATE", [r.id])).rows[0];
    if (head?.hash === r.hash) return "unchanged";
    if (head) {
      // A changed article under the same id (same URL): keep the old version, replace the current one.
      const old = await get(c, r.id);
      await c.query("INSERT INTO article_versions VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id, version) DO UPDATE SET record_json = EXCLUDED.record_json",
        [r.id, head.version, head.hash, JSON.stringify(old), new Date().toISOString()]);
      await c.query("DELETE FROM articles WHERE id = $1", [r.id]);
    }
    await insertRows(c, "articles", ARTICLE_COLUMNS.join(", "), [articleRow(r, head ? head.version + 1 : 1, new Date().toISOString())]);
    const rows = layerRows(r);
    for (const t of Object.keys(LAYER_COLUMNS) as (keyof LayerRows)[]) await insertRows(c, t, LAYER_COLUMNS[t], rows[t]);
    return head ? "updated" : "new";
  }

  /** Runs a write once more after a unique violation: another process inserted the same new row first. */
  async function retryingConflict<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if ((err as { code?: string }).code === "23505") return fn();
      throw err;
    }
  }

  const queries = pgStoryQueries(pool);

  return {
    kind: "postgres",
    pool,
    transaction,
    put: (r) => retryingConflict(() => write((c, repo) => putIn(c, repo, r))),
    putMany: (records) =>
      retryingConflict(() =>
        write(async (c, repo) => {
          const results: PutResult[] = [];
          for (const r of records) results.push(await putIn(c, repo, r));
          return results;
        }),
      ),
    async isCurrent(id, hash) {
      return (await pool.query<{ hash: string }>("SELECT hash FROM articles WHERE id = $1", [id])).rows[0]?.hash === hash;
    },
    get: (id) => get(pool, id),
    async search(query, options = {}) {
      const terms = searchTerms(query);
      if (!terms.length) return [];
      const { rows } = await pool.query<SearchHit>(
        `SELECT a.id, a.title, a.published,
           ts_headline('english', left(a.text, 200000), q, 'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…') AS snippet,
           -ts_rank_cd(a.fts, q) AS score
         FROM articles a, plainto_tsquery('english', $1) q
         WHERE a.fts @@ q ORDER BY score, a.id LIMIT $2`,
        [terms.join(" "), options.limit ?? 20],
      );
      return rows.map((h) => ({ ...h, score: Number(h.score) }));
    },
    async *records() {
      // Keyset pages of ids in the same order as SQLite (nulls first, byte order), then one record at a time.
      let after: { published: string | null; id: string } | null = null;
      for (;;) {
        const page: { id: string; published: string | null }[] = (
          await pool.query(
            after === null
              ? `SELECT id, published FROM articles ORDER BY published COLLATE "C" ASC NULLS FIRST, id COLLATE "C" LIMIT 500`
              : `SELECT id, published FROM articles
                 WHERE (published IS NOT DISTINCT FROM $1 AND id COLLATE "C" > $2)
                    OR ($1::text IS NULL AND published IS NOT NULL) OR published COLLATE "C" > $1
                 ORDER BY published COLLATE "C" ASC NULLS FIRST, id COLLATE "C" LIMIT 500`,
            after === null ? [] : [after.published, after.id],
          )
        ).rows;
        for (const { id } of page) {
          const r = await get(pool, id);
          if (r) yield r;
        }
        if (page.length < 500) return;
        after = page[page.length - 1]!;
      }
    },
    async counts() {
      const out: Record<string, number> = {};
      for (const t of TABLES) out[t] = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
      return out;
    },
    async versions(id) {
      return (await pool.query<{ version: number; hash: string; replacedAt: string }>(
        `SELECT version, hash, replaced_at AS "replacedAt" FROM article_versions WHERE id = $1 ORDER BY version`, [id])).rows;
    },
    ...queries,
    ...pgFeedMethods(pool),
    mergeStories: (target, merged) =>
      write(async (c, repo) => {
        const merge = await mergeStories(repo, target, merged);
        return { merge, story: (await pgStoryQueries(c).story(target))! };
      }),
    unmergeStories: (merge) =>
      write(async (c, repo) => {
        const { target, merged } = await unmergeStories(repo, merge);
        const q = pgStoryQueries(c);
        return [(await q.story(target))!, (await q.story(merged))!];
      }),
    async feedValidators(url) {
      const row = (await pool.query<{ etag: string | null; last_modified: string | null }>("SELECT etag, last_modified FROM feeds WHERE url = $1", [url])).rows[0];
      if (!row) return null;
      return { ...(row.etag !== null ? { etag: row.etag } : {}), ...(row.last_modified !== null ? { lastModified: row.last_modified } : {}) };
    },
    async putFeedValidators(url, v) {
      await pool.query(
        `INSERT INTO feeds VALUES ($1, $2, $3, $4) ON CONFLICT (url) DO UPDATE SET etag = $2, last_modified = $3, checked_at = $4`,
        [url, v.etag ?? null, v.lastModified ?? null, new Date().toISOString()],
      );
    },
    close: () => pool.end(),
  };
}
