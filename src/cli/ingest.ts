/**
 * `parley ingest FILES…|URLS…|-`: into the store. Reading happens here (files, folders, fetching); parsing and
 * annotation run in worker threads (pipeline/pool.ts), each article within its budget; this thread is the one writer,
 * committing in batches (one transaction and one full-text flush per batch, not per article). A progress bar on a
 * terminal, then a summary line, one line per skipped input, and the warnings the new articles carry.
 */
import cliProgress from "cli-progress";
import type { Validators } from "../ingest/fetch.js";
import { readSources, type FeedCache, type SourceItem } from "../ingest/sources.js";
import { rememberStoryInputs } from "../story/inputs.js";
import { runPool } from "../pipeline/pool.js";
import type { StageEnv } from "../pipeline/types.js";
import type { ArticleRecord } from "../record/schema.js";
import type { PutResult, Store } from "../store/store.js";
import { EXIT, type CliIo } from "./io.js";
import type { Pipeline } from "./pipeline-flags.js";
import { printable } from "./printable.js";

export interface IngestSummary {
  read: number;
  new: number;
  updated: number;
  unchanged: number;
  skipped: { origin: string; reason: string }[];
  /** Warning code → the origins of the new or updated articles that carry it. */
  warnings: Map<string, string[]>;
  /** Inputs that gave nothing without being an error (a feed not modified since the last read). */
  notices: { origin: string; message: string }[];
}

/** Records per transaction, and the longest a record waits for its batch to be written. */
export const BATCH_SIZE = 200;
export const BATCH_MS = 1000;

/** Feed validators read from the store, and the new ones kept until the batch is stored. */
function feedCache(store: Store): { cache: FeedCache; save(): Promise<void> } {
  const pending = new Map<string, Validators>();
  return {
    cache: { get: (url) => store.feedValidators(url), remember: (url, v) => void pending.set(url, v) },
    save: async () => {
      for (const [url, v] of pending) await store.putFeedValidators(url, v);
    },
  };
}

export const emptySummary = (): IngestSummary => ({ read: 0, new: 0, updated: 0, unchanged: 0, skipped: [], warnings: new Map(), notices: [] });

export async function ingestInto(store: Store, inputs: string[], pipeline: Pipeline, io: CliIo, env: StageEnv = {}): Promise<IngestSummary> {
  const sum = emptySummary();
  const feeds = feedCache(store);
  const sources = readSources(inputs, { ...pipeline.ingest, feedCache: feeds.cache, onNotice: (origin, message) => sum.notices.push({ origin, message }) });
  await ingestSources(store, sources, pipeline, io, env, { summary: sum, progress: true });
  await feeds.save();
  return sum;
}

/** What one source became in the store, in source order: stored (new or updated), already there, or skipped. */
export type IngestOutcome = { kind: "stored"; id: string; result: "new" | "updated" } | { kind: "unchanged"; id: string } | { kind: "skip"; origin: string; reason: string };

export interface IngestRun {
  /** Counts are added to this summary (default: a fresh one). */
  summary?: IngestSummary;
  /** A progress bar on a terminal. */
  progress?: boolean;
  /** Stops after the article in hand: what was read so far is stored, the rest is not read. */
  signal?: AbortSignal;
  /** Told each source's outcome, in order, once it is stored. */
  onOutcome?: (outcome: IngestOutcome) => void;
}

/**
 * Sources through the pipeline into the store, as `ingest` does: worker threads, batches of up to BATCH_SIZE records
 * or BATCH_MS per transaction, stories updated with each batch.
 */
export async function ingestSources(store: Store, sources: AsyncIterable<SourceItem>, pipeline: Pipeline, io: CliIo, env: StageEnv = {}, run: IngestRun = {}): Promise<IngestSummary> {
  const sum = run.summary ?? emptySummary();
  const bar = run.progress && io.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: io.stderr, format: "ingest {bar} {value} read | {new} new, {unchanged} unchanged, {skipped} skipped", hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(0, 0, { new: 0, unchanged: 0, skipped: 0 });

  let batch: ArticleRecord[] = [];
  // Outcomes wait for their batch: a record is told stored only once it is.
  let told: IngestOutcome[] = [];
  let since = Date.now();
  // One batch is written while the next is gathered, so the workers keep parsing meanwhile. At most one write is in
  // flight (memory holds two batches), and outcomes are told in input order, each after the writes before it.
  let writing: Promise<void> = Promise.resolve();
  let failed = null as { error: unknown } | null;
  const after = (step: () => Promise<void> | void) => {
    // A failed write is kept, not left as a rejected promise nobody awaits yet (Node would end the process).
    writing = writing.then(step).catch((error: unknown) => void (failed ??= { error }));
  };
  const tell = () => {
    const outcomes = told;
    told = [];
    if (outcomes.length) after(() => outcomes.forEach((o) => run.onOutcome?.(o)));
  };
  const flush = async () => {
    await writing;
    if (failed) throw failed.error;
    if (!batch.length) return tell();
    const records = batch;
    const outcomes = told;
    batch = [];
    told = [];
    after(async () => settleBatch(records, outcomes, await store.putMany(records)));
  };
  const settleBatch = (records: ArticleRecord[], outcomes: IngestOutcome[], results: PutResult[]) => {
    let k = 0;
    for (const [j, o] of outcomes.entries()) {
      if (o.kind !== "stored") continue;
      const r = results[k++]!;
      outcomes[j] = r === "unchanged" ? { kind: "unchanged", id: o.id } : { ...o, result: r };
    }
    for (const o of outcomes) run.onOutcome?.(o);
    results.forEach((r, i) => {
      sum[r]++;
      if (r === "unchanged") return;
      for (const w of records[i]!.warnings) {
        const list = sum.warnings.get(w.code) ?? [];
        list.push(records[i]!.origin ?? records[i]!.id);
        sum.warnings.set(w.code, list);
      }
    });
  };

  for await (const r of runPool(sources, {
    jobs: pipeline.jobs,
    timeLimitMs: pipeline.timeLimitMs,
    env,
    options: pipeline.options,
    // Incremental: an article the store already holds unchanged is not annotated again.
    isCurrent: (id, hash) => store.isCurrent(id, hash),
    storyInputs: true,
  })) {
    sum.read++;
    if (r.kind === "skip") {
      sum.skipped.push({ origin: r.origin, reason: r.reason });
      told.push(r);
    } else if (r.kind === "unchanged") {
      sum.unchanged++;
      told.push({ kind: "unchanged", id: r.id });
    } else {
      if (!batch.length) since = Date.now();
      const record = JSON.parse(r.json) as ArticleRecord;
      if (r.story) rememberStoryInputs(record, r.story);
      batch.push(record);
      told.push({ kind: "stored", id: r.id, result: "new" });
      if (batch.length >= BATCH_SIZE || Date.now() - since >= BATCH_MS) await flush();
    }
    if (!batch.length) tell();
    bar?.setTotal(sum.read);
    bar?.update(sum.read, { new: sum.new, unchanged: sum.unchanged, skipped: sum.skipped.length });
    // Breaking out ends the pool (its finally stops the workers); what was read is stored below.
    if (run.signal?.aborted) break;
  }
  await flush();
  await writing;
  bar?.stop();
  if (failed) throw failed.error;
  return sum;
}

export function printSummary(sum: IngestSummary, io: CliIo): number {
  io.stdout.write(`read ${sum.read}, new ${sum.new}, updated ${sum.updated}, unchanged ${sum.unchanged}, skipped ${sum.skipped.length}\n`);
  for (const s of sum.skipped) io.stderr.write(`skip ${printable(s.origin)}: ${printable(s.reason)}\n`);
  for (const n of sum.notices) io.stderr.write(`note ${printable(n.origin)}: ${printable(n.message)}\n`);
  for (const [code, origins] of [...sum.warnings].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
    const shown = origins.slice(0, 3).map(printable).join(", ");
    io.stderr.write(`warning ${code}: ${origins.length} article${origins.length === 1 ? "" : "s"} (${shown}${origins.length > 3 ? ", …" : ""})\n`);
  }
  return sum.skipped.length ? EXIT.skipped : EXIT.ok;
}
