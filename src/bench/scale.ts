/**
 * `npm run bench:scale` (and the last part of `npm run bench`): the timeline and event queries on a large store.
 * Fills a SQLite file and a PostgreSQL schema with the same generated story rows (scale-data.ts: --articles N
 * articles' worth, default 100,000; `npm run bench` asks for 1,000,000), loaded directly (scale-load.ts), then
 * times the Store's query methods over a seeded sample of 200 queries per kind (scale-queries.ts) and prints
 * p50/p95 per kind and backend, checks that both backends gave the same answers, and writes
 * bench-results/scale-latest.json.
 *
 * Generating a million articles' worth takes minutes, so each store is kept (in the system's temp folder, and in
 * the PostgreSQL schema parley_scale_<key>) under a key of the size, the seed and the generator's and migrations'
 * code, and reused while they are unchanged; --fresh rebuilds. --pg URL picks the server (default
 * $PARLEY_BENCH_PG, else the local test server); --no-pg or --no-sqlite skips one; --queries N sets the sample.
 * A benchmark, not a test: nothing here fails a build.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { REPO_ROOT } from "../eval/datasets.js";
import { openSqliteStore } from "../store/sqlite.js";
import type { Store } from "../store/store.js";
import { scaleStories } from "./scale-data.js";
import { loadPostgres, loadSqlite, type LoadCounts } from "./scale-load.js";
import { measure, queryKinds, type QueryFigures, type QueryKind } from "./scale-queries.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const ARTICLES = arg("--articles", Number(process.env.PARLEY_SCALE_ARTICLES) || 100_000);
const QUERIES = arg("--queries", 200);
const SEED = 20240611;
const FRESH = process.argv.includes("--fresh");
const PG_URL = (process.argv.includes("--pg") ? process.argv[process.argv.indexOf("--pg") + 1] : undefined)
  ?? process.env.PARLEY_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test";

/** What the generated store depends on: its size and seed, and the code that generates, loads and indexes it. */
function storeKey(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const ext = extname(fileURLToPath(import.meta.url));
  const h = createHash("sha1").update(`${ARTICLES} ${SEED}`);
  for (const f of [join(here, `scale-data${ext}`), join(here, `scale-load${ext}`), join(here, "..", "store", `migrations${ext}`), join(here, "..", "store", `postgres-migrations${ext}`)])
    h.update(readFileSync(f));
  return h.digest("hex").slice(0, 10);
}

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

const progress = (name: string, t0: number) => (c: LoadCounts) =>
  process.stderr.write(`\r  ${name}: ${c.articles.toLocaleString("en")} articles, ${c.events.toLocaleString("en")} story events (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

interface BackendResult {
  backend: string;
  /** Null when the store was reused from an earlier run with the same key. */
  generateSeconds: number | null;
  dbBytes: number;
  rows: Record<string, number>;
  queries: QueryFigures[];
}

/** The largest stories' timelines: outside the uniform sample (they are few), reported beside it. */
const largest = (ids: number[]): QueryKind => ({
  name: "timeline({story}), 5 largest", sample: "the five stories with the most articles", args: ids,
  run: async (s, id: number) => ({ total: null, events: (await s.timeline({ story: id })).events }),
});

async function runBackend(name: string, open: () => Promise<{ store: Store; generateSeconds: number | null; dbBytes: () => Promise<number>; rows: () => Promise<Record<string, number>>; largest: () => Promise<number[]> }>): Promise<{ result: BackendResult; digests: string[] }> {
  const { store, generateSeconds, dbBytes, rows, largest: big } = await open();
  try {
    const counts = await rows();
    const kinds = [...queryKinds(counts.stories!, QUERIES), largest(await big())];
    console.log(`${name}: ${counts.story_members!.toLocaleString("en")} articles, ${counts.stories!.toLocaleString("en")} stories, ${counts.story_events!.toLocaleString("en")} story events, `
      + `${counts.story_event_mentions!.toLocaleString("en")} mentions, ${counts.story_event_parties!.toLocaleString("en")} parties; `
      + `${(await dbBytes() / 2 ** 30).toFixed(2)} GiB${generateSeconds === null ? " (reused)" : `, generated in ${generateSeconds.toFixed(0)} s`}`);
    console.log(`  ${"query".padEnd(34)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)} ${"events".padStart(7)} ${"total".padStart(8)}`);
    const { figures, digests } = await measure(store, kinds, (f) =>
      console.log(`  ${f.query.padEnd(34)} ${String(f.p50ms).padStart(8)} ${String(f.p95ms).padStart(8)} ${String(f.maxMs).padStart(8)} ${String(f.meanEvents).padStart(7)} ${String(f.meanTotal ?? "").padStart(8)}`));
    return { result: { backend: name, generateSeconds, dbBytes: await dbBytes(), rows: counts, queries: figures }, digests };
  } finally {
    await store.close();
  }
}

const TABLES = ["stories", "story_members", "story_events", "story_event_parties", "story_event_contexts", "story_event_mentions"];
const key = storeKey();
const results: BackendResult[] = [];
const digests: Record<string, string[]> = {};

if (!process.argv.includes("--no-sqlite")) {
  const path = join(tmpdir(), `parley-scale-${key}.db`);
  const { result, digests: d } = await runBackend("sqlite", async () => {
    let generateSeconds: number | null = null;
    if (FRESH || !existsSync(path)) {
      for (const f of readdirSync(tmpdir())) if (/^parley-scale-.*\.db/.test(f)) rmSync(join(tmpdir(), f), { force: true });
      const store = openSqliteStore(path);
      // A bulk load: no fsync per batch (a crash means generating again) and a large page cache for the indexes.
      store.db.pragma("synchronous = OFF");
      store.db.pragma("cache_size = -500000");
      const t0 = performance.now();
      loadSqlite(store.db, scaleStories({ articles: ARTICLES, seed: SEED }), progress("sqlite", t0));
      store.db.exec("ANALYZE");
      store.db.pragma("wal_checkpoint(TRUNCATE)");
      generateSeconds = (performance.now() - t0) / 1000;
      process.stderr.write("\n");
      await store.close();
    }
    const store = openSqliteStore(path);
    const one = (sql: string) => Object.values(store.db.prepare(sql).get() as object)[0] as number;
    return {
      store, generateSeconds,
      dbBytes: async () => statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0),
      rows: async () => Object.fromEntries(TABLES.map((t) => [t, one(`SELECT count(*) FROM ${t}`)])),
      largest: async () => (store.db.prepare("SELECT id FROM stories ORDER BY article_count DESC, id LIMIT 5").all() as { id: number }[]).map((r) => r.id),
    };
  });
  results.push(result);
  digests.sqlite = d;
}

if (!process.argv.includes("--no-pg")) {
  const probe = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  const reachable = await probe.connect().then(() => true, (e: Error) => (console.log(`postgres: skipped, ${PG_URL} not reachable (${e.message})`), false));
  if (reachable) {
    const schema = `parley_scale_${key}`;
    const exists = (await probe.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount! > 0
      && (await probe.query("SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'scale_done'", [schema])).rowCount! > 0;
    if (FRESH || !exists)
      for (const { nspname } of (await probe.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'parley\\_scale\\_%'")).rows)
        await probe.query(`DROP SCHEMA "${nspname}" CASCADE`);
    await probe.end();
    const { openPostgresStore } = await import("../store/postgres.js");
    const { result, digests: d } = await runBackend("postgres", async () => {
      let generateSeconds: number | null = null;
      if (FRESH || !exists) {
        const store = await openPostgresStore(PG_URL, { schema });
        const t0 = performance.now();
        await loadPostgres(store.pool, scaleStories({ articles: ARTICLES, seed: SEED }), progress("postgres", t0));
        process.stderr.write("\n  postgres: VACUUM ANALYZE\n");
        for (const t of TABLES) await store.pool.query(`VACUUM ANALYZE ${t}`);
        await store.pool.query("CREATE TABLE scale_done (at TEXT)");
        generateSeconds = (performance.now() - t0) / 1000;
        await store.close();
      }
      const store = await openPostgresStore(PG_URL, { schema });
      const one = async (sql: string) => Number(Object.values((await store.pool.query(sql)).rows[0] as object)[0]);
      return {
        store, generateSeconds,
        dbBytes: () => one(`SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '${schema}' AND c.relkind = 'r'`),
        rows: async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await one(`SELECT count(*) FROM ${t}`)]))),
        largest: async () => (await store.pool.query<{ id: number }>("SELECT id FROM stories ORDER BY article_count DESC, id LIMIT 5")).rows.map((r) => r.id),
      };
    });
    results.push(result);
    digests.postgres = d;
  }
}

let agree: boolean | null = null;
if (digests.sqlite && digests.postgres) {
  const differ = digests.sqlite.filter((d, i) => d !== digests.postgres![i]).length;
  agree = differ === 0;
  console.log(agree ? `both backends gave the same answers to all ${digests.sqlite.length} queries` : `the backends disagree on ${differ} of ${digests.sqlite.length} answers`);
}

const out = { date: new Date().toISOString(), commit: commit(), node: process.version, articles: ARTICLES, seed: SEED, queriesPerKind: QUERIES, backendsAgree: agree, results };
mkdirSync(join(REPO_ROOT, "bench-results"), { recursive: true });
writeFileSync(join(REPO_ROOT, "bench-results", "scale-latest.json"), JSON.stringify(out, null, 2) + "\n");
console.log("written bench-results/scale-latest.json");
