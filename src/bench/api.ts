/**
 * `npm run bench` (second part): a loopback load test of the HTTP API. Builds a SQLite store of synthetic articles
 * (--articles N, default 10,000; src/bench/synthetic.ts, seeded) through the real ingest path (extraction, story
 * threading), starts the server on 127.0.0.1 on an ephemeral port, and runs autocannon against the timeline and
 * event endpoints for a bounded time each (--seconds S, default 10; 10 connections). Prints requests/s, p50/p95/p99
 * latency and the count of 5xx answers per endpoint, and writes them to bench-results/api-latest.json.
 * Building the store takes minutes (every article is threaded into its story), so it is kept in the system's temp
 * folder under a key of the source tree (`git rev-parse HEAD:src`) and reused while src/ is unchanged; --fresh
 * rebuilds it.
 * Traffic goes to 127.0.0.1 only, and every run stops by itself.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { buildServer } from "../api/server.js";
import { REPO_ROOT } from "../eval/datasets.js";
import { createExtractor } from "../pipeline/extractor.js";
import { openSqliteStore } from "../store/sqlite.js";
import { syntheticArticles } from "./synthetic.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const ARTICLES = arg("--articles", 10_000);
const SECONDS = arg("--seconds", 10);
const CONNECTIONS = 10;

function sourceKey(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD:src"], { cwd: REPO_ROOT, encoding: "utf8" }).trim().slice(0, 12);
  } catch {
    return null;
  }
}

/** The synthetic store, built through extraction and story threading (or the cached copy for this source tree). */
async function buildStore(path: string): Promise<number | null> {
  const key = sourceKey();
  const cached = key ? join(tmpdir(), `parley-bench-api-${key}-${ARTICLES}.db`) : null;
  if (cached && existsSync(cached) && !process.argv.includes("--fresh")) {
    copyFileSync(cached, path);
    return null;
  }
  const store = openSqliteStore(path);
  const extractor = createExtractor();
  const t0 = performance.now();
  let n = 0;
  for (const raw of syntheticArticles(ARTICLES)) {
    await store.put(extractor.extract(raw));
    if (++n % 1000 === 0) process.stderr.write(`  ingested ${n} (${((performance.now() - t0) / n).toFixed(1)} ms/article)\n`);
  }
  await store.close();
  if (cached) {
    copyFileSync(path, `${cached}.tmp`);
    renameSync(`${cached}.tmp`, cached);
  }
  return (performance.now() - t0) / 1000;
}

const dir = mkdtempSync(join(tmpdir(), "parley-bench-api-"));
const ingestSeconds = await buildStore(join(dir, "bench.db"));
const store = openSqliteStore(join(dir, "bench.db"));
try {
  const counts = await store.counts();
  const stories = await store.stories({ limit: 1000 });
  const actors = (await store.actors()).slice(0, 50).map((a) => a.code);
  console.log(`api bench  store: ${counts.articles} synthetic articles, ${stories.length >= 1000 ? "1000+" : stories.length} stories, ${counts.story_events ?? "?"} story events (${ingestSeconds === null ? "cached store" : `built in ${ingestSeconds.toFixed(0)} s`})`);

  const app = await buildServer({ store, webRoot: null });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const storyIds = stories.slice(0, 200).map((s) => s.id);
  const years = ["2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022"];
  let i = 0;
  const rotate = <T>(xs: T[]) => xs[i++ % xs.length]!;
  const endpoints: { name: string; path: () => string }[] = [
    { name: "GET /api/stories/:id/timeline", path: () => `/api/stories/${rotate(storyIds)}/timeline` },
    { name: "GET /api/events?actor=…", path: () => `/api/events?actor=${rotate(actors)}&limit=50` },
    { name: "GET /api/events?from=…&to=…", path: () => `/api/events?from=${rotate(years)}-03&to=${rotate(years)}-06&limit=50` },
    { name: "GET /api/events?story=…", path: () => `/api/events?story=${rotate(storyIds)}&limit=50` },
  ];

  const rows = [];
  for (const ep of endpoints) {
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const inst = autocannon(
        { url: base, connections: CONNECTIONS, duration: SECONDS, requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: ep.path() }) }] },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      inst.on("response", (_client, _status, _bytes, ms) => times.push(ms));
    });
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
    const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
    const fivexx = Object.entries(stats).filter(([code]) => code.startsWith("5")).reduce((s, [, v]) => s + v.count, 0);
    const row = {
      endpoint: ep.name,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      p50ms: +pct(50).toFixed(1),
      p95ms: +pct(95).toFixed(1),
      p99ms: +pct(99).toFixed(1),
      non2xx: result.non2xx,
      "5xx": fivexx,
      errors: result.errors + result.timeouts,
    };
    rows.push(row);
    console.log(`  ${ep.name.padEnd(30)} ${String(row.requestsPerSecond).padStart(6)} req/s  p50 ${row.p50ms} ms  p95 ${row.p95ms} ms  p99 ${row.p99ms} ms  5xx ${row["5xx"]}  non-2xx ${row.non2xx}`);
  }
  await app.close();
  const out = { date: new Date().toISOString(), articles: counts.articles, storyEvents: counts.story_events, ingestSeconds: ingestSeconds === null ? null : +ingestSeconds.toFixed(1), seconds: SECONDS, connections: CONNECTIONS, rows };
  mkdirSync(join(REPO_ROOT, "bench-results"), { recursive: true });
  writeFileSync(join(REPO_ROOT, "bench-results", "api-latest.json"), JSON.stringify(out, null, 2) + "\n");
  console.log(`  written bench-results/api-latest.json (${CONNECTIONS} connections, ${SECONDS} s per endpoint)`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
