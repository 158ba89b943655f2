/**
 * Story update latency in a large store: how long one more article takes to go in (`put`: the article, its copy
 * group, its story and that story's events, in one transaction) when the store already holds N articles.
 *
 * The store is generated: the te3-silver wire stories are read by the pipeline once, then each record is put
 * `copies` times — the original, and variants under new ids, a few years later, with every word of four letters or
 * more rotated by a fixed shift (a "new vocabulary" per variant, same length, so offsets stay valid and no variant is
 * a copy of another), keeping its entities and events. So the store has N articles, their stories, events, index
 * keys and document frequencies, as a real one would. Then `probe` held-out wire stories are put one at a time and
 * timed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { ArticleRecord } from "../record/schema.js";
import { openSqliteStore } from "../store/sqlite.js";

const rotate = (word: string, k: number) =>
  word.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + k) % 26) + 97)).replace(/[A-Z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 65 + k) % 26) + 65));

/** A variant of a record: new id, shifted dates, words of 4+ letters rotated by `k` (entity names kept). */
export function variant(r: ArticleRecord, k: number): ArticleRecord {
  const shift = (d: string | null) => (d && /^\d{4}/.test(d) ? `${Number(d.slice(0, 4)) + 3 * k}${d.slice(4)}` : d);
  return {
    ...r,
    id: `${r.id}~${k}`,
    hash: `${r.hash}~${k}`,
    url: r.url ? `${r.url}~${k}` : null,
    published: shift(r.published),
    text: r.text.replace(/\p{L}{4,}/gu, (w) => rotate(w, k)),
    events: r.events.map((e) => ({ ...e, date: shift(e.date) })),
  };
}

export interface StoryBench {
  storeArticles: number;
  stories: number;
  storyEvents: number;
  populateSeconds: number;
  probe: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** CPU time per put (user + system), median: what the machine's other load does not inflate. */
  medianCpuMs: number;
}

export async function benchStories(records: ArticleRecord[], target: number, probe = 50, onProgress?: (n: number) => void): Promise<StoryBench> {
  const held = records.slice(-probe);
  const base = records.slice(0, records.length - probe);
  const dir = mkdtempSync(join(tmpdir(), "parley-bench-stories-"));
  const store = openSqliteStore(join(dir, "bench.db"));
  try {
    const t0 = performance.now();
    let n = 0;
    for (let k = 0; n < target; k++)
      for (const r of base) {
        if (n >= target) break;
        await store.put(k === 0 ? r : variant(r, k));
        if (++n % 1000 === 0) onProgress?.(n);
      }
    const populateSeconds = (performance.now() - t0) / 1000;
    const times: number[] = [];
    const cpu: number[] = [];
    for (const r of held) {
      const s = performance.now();
      const c = process.cpuUsage();
      await store.put(r);
      times.push(performance.now() - s);
      const u = process.cpuUsage(c);
      cpu.push((u.user + u.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const counts = await store.counts();
    return {
      storeArticles: n,
      stories: (await store.stories({ limit: 1_000_000 })).length,
      storyEvents: counts.story_events ?? 0,
      populateSeconds: +populateSeconds.toFixed(1),
      probe: times.length,
      medianMs: +times[Math.floor(times.length / 2)]!.toFixed(2),
      p95Ms: +times[Math.floor(times.length * 0.95)]!.toFixed(2),
      maxMs: +times[times.length - 1]!.toFixed(2),
      medianCpuMs: +cpu[Math.floor(cpu.length / 2)]!.toFixed(2),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A day `k` days after an ISO day; other values (partial dates, null) as they are. */
const laterDay = (d: string | null, k: number) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(Date.parse(d) + k * 86_400_000).toISOString().slice(0, 10) : d);

export interface ThreadBench {
  /** CPU ms (user + system) of the put that made the story this many articles long. */
  cpuMsAt: Record<number, number>;
  storyEvents: number;
}

/**
 * One long thread: `length` tellings of the record with the most events, two days apart (new ids, rotated words, the
 * same parties; day dates moved with them), as a negotiation followed day after day becomes one story. Each put
 * rebuilds that story's events from all its mentions, so this measures the tail the store bench samples rarely.
 */
export async function benchThread(records: ArticleRecord[], length: number): Promise<ThreadBench> {
  const rich = [...records].sort((a, b) => b.events.length - a.events.length || (a.id < b.id ? -1 : 1))[0];
  if (!rich) throw new Error("benchThread: no records");
  const store = openSqliteStore(":memory:");
  const cpuMsAt: Record<number, number> = {};
  try {
    for (let k = 0; k < length; k++) {
      const v = k === 0 ? rich : variant(rich, k);
      const r = { ...v, published: laterDay(rich.published, 2 * k), events: rich.events.map((e) => ({ ...e, date: laterDay(e.date, 2 * k) })) };
      const c = process.cpuUsage();
      await store.put(r);
      const u = process.cpuUsage(c);
      if ((k + 1) % 50 === 0 || k + 1 === length) cpuMsAt[k + 1] = +((u.user + u.system) / 1000).toFixed(1);
    }
    return { cpuMsAt, storyEvents: (await store.counts()).story_events ?? 0 };
  } finally {
    await store.close();
  }
}
