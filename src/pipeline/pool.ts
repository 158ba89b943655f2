/**
 * The worker pool: parses and annotates sources in N worker threads (node:worker_threads, one extractor each) and
 * gives the results back in input order, so N jobs give what one job gives. It holds each article to the time limit:
 * a worker still busy after `timeLimitMs` is terminated (the only way to stop synchronous work), its article becomes
 * a skip with the reason, and a fresh worker takes its place; a worker that dies (out of memory, a crash) costs only
 * its article. Reading runs ahead of the consumer by a bounded window, so memory stays flat however long the input.
 */
import { Worker } from "node:worker_threads";
import type { Source } from "../ingest/convert.js";
import type { SourceItem } from "../ingest/sources.js";
import type { Limits } from "./budget.js";
import type { ExtractOptions, StageEnv } from "./types.js";
import type { SourceResult } from "./process.js";
import type { FromWorker, ToWorker, WorkerInit } from "./worker.js";

export type PoolResult = SourceResult;

export interface PoolOptions {
  /** Worker threads; 0 runs every article in this thread, one after another, without the time limit. */
  jobs: number;
  /** Longest time one article may take in a worker, parsing included. */
  timeLimitMs: number;
  env?: StageEnv;
  options?: ExtractOptions;
  limits?: Partial<Limits>;
  /** Asked before an article is annotated: true skips it as unchanged (the store holds that hash). */
  isCurrent?: (id: string, hash: string) => Promise<boolean>;
  /** Compute the story engine's inputs in the workers (story/inputs.ts): the records go to a store. */
  storyInputs?: boolean;
  /** Heap limit of each worker, in MB: an article that needs more costs only itself. */
  memoryLimitMb?: number;
}

export const DEFAULT_TIME_LIMIT_MS = 30_000;
export const DEFAULT_MEMORY_LIMIT_MB = 1024;

// From source (tests, tsx) the worker is TypeScript and starts through tsx; built, it is plain JavaScript.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const ENTRY = new URL(FROM_SOURCE ? "./worker.ts" : "./worker.js", import.meta.url);
const FILE = FROM_SOURCE ? new URL("./worker-tsx.mjs", import.meta.url) : ENTRY;

interface Job {
  seq: number;
  source: Source;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  gone: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const skip = (origin: string, reason: string): PoolResult => ({ kind: "skip", origin, reason });

/**
 * The models' read-only tables in SharedArrayBuffers, for the workers to read one copy between them instead of each
 * loading its own (worker.ts `SHARED`). They are built by a worker of their own that then ends, so the garbage of
 * building them (the city package's 135k rows, the actor dictionaries) goes with its heap instead of swelling this
 * thread's. Undefined when they cannot be built: each worker then loads the models itself and reports what is wrong
 * as it starts.
 */
function sharedTables(): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(FILE, { workerData: { buildTables: true, entry: ENTRY.href } });
    worker.once("message", (m: FromWorker) => resolve(m.type === "tables" ? m.tables : undefined));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
}

/** Every source in this thread (`--jobs 0`): for debugging and embedding; no time limit can be kept here. */
async function* inline(items: AsyncIterable<SourceItem>, opts: PoolOptions): AsyncGenerator<PoolResult> {
  const [{ createExtractor }, { processSource }] = await Promise.all([import("./extractor.js"), import("./process.js")]);
  const extractor = createExtractor(opts.env ?? {}, { limits: opts.limits ?? {} });
  for await (const item of items) yield item.kind === "skip" ? item : await processSource(item.source, extractor, opts.options ?? {}, opts.isCurrent, opts.storyInputs);
}

export async function* runPool(items: AsyncIterable<SourceItem>, opts: PoolOptions): AsyncGenerator<PoolResult> {
  if (opts.jobs === 0) return yield* inline(items, opts);
  const jobs = Math.max(1, Math.floor(opts.jobs) || 1);
  const memoryMb = opts.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
  const init: WorkerInit = { env: opts.env ?? {}, options: opts.options ?? {}, limits: opts.limits ?? {}, ask: opts.isCurrent !== undefined, storyInputs: opts.storyInputs ?? false };
  let tables: Record<string, unknown> | undefined;
  const it = items[Symbol.asyncIterator]();
  const results = new Map<number, PoolResult>();
  const queue: Job[] = [];
  const slots: Slot[] = [];
  const window = Math.max(16, jobs * 8);
  let seq = 0;
  let emitted = 0;
  let inputDone = false;
  let reading = false;
  let closing = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const settle = (slot: Slot, result: PoolResult) => {
    const job = slot.job!;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    results.set(job.seq, result);
    dispatch();
    void pump();
    notify();
  };

  const lose = (slot: Slot, reason: string) => {
    if (slot.gone) return;
    slot.gone = true;
    if (slot.timer) clearTimeout(slot.timer);
    if (closing) return;
    const wasReady = slot.ready;
    slots.splice(slots.indexOf(slot), 1);
    if (slot.job) {
      results.set(slot.job.seq, skip(slot.job.source.origin, reason));
      slot.job = null;
    }
    // A worker that never got ready will not get ready next time either (a missing data file, a broken install).
    if (!wasReady) failure ??= new Error(`worker failed to start: ${reason}`);
    dispatch();
    void pump();
    notify();
  };

  function spawn(): Slot {
    const worker = new Worker(FILE, { workerData: { ...init, tables, entry: ENTRY.href }, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    const slot: Slot = { worker, ready: false, gone: false, job: null, timer: null };
    worker.on("message", (m: FromWorker) => {
      if (slot.gone) return;
      if (m.type === "ready") {
        slot.ready = true;
        dispatch();
      } else if (m.type === "fatal") {
        failure ??= new Error(m.message);
        notify();
      } else if (m.type === "ask") {
        opts.isCurrent!(m.id, m.hash).then(
          (current) => slot.gone || worker.postMessage({ type: "answer", seq: m.seq, current } satisfies ToWorker),
          (err: unknown) => {
            failure ??= err instanceof Error ? err : new Error(String(err));
            notify();
          },
        );
      } else if (m.type === "done" && slot.job?.seq === m.seq) settle(slot, m.result);
    });
    worker.on("error", (err: Error & { code?: string }) =>
      lose(slot, err.code === "ERR_WORKER_OUT_OF_MEMORY" ? `ran out of memory (limit ${memoryMb} MB per article)` : `failed: ${err.message.split("\n")[0]}`),
    );
    worker.on("exit", (code) => lose(slot, `worker stopped (exit code ${code})`));
    return slot;
  }

  function dispatch(): void {
    // Workers start as work comes (one article needs one worker, not N), up to `jobs`.
    const free = slots.filter((s) => !s.ready || !s.job).length;
    for (let k = free; k < queue.length && slots.length < jobs && !closing && !failure; k++) slots.push(spawn());
    for (const slot of slots) {
      if (!slot.ready || slot.gone || slot.job) continue;
      const job = queue.shift();
      if (!job) return;
      slot.job = job;
      slot.timer = setTimeout(() => {
        if (slot.job !== job) return;
        results.set(job.seq, skip(job.source.origin, `took longer than the ${opts.timeLimitMs / 1000} s time limit`));
        slot.job = null;
        lose(slot, "abandoned");
        void slot.worker.terminate();
      }, opts.timeLimitMs);
      slot.worker.postMessage({ type: "job", seq: job.seq, source: job.source } satisfies ToWorker);
    }
  }

  async function pump(): Promise<void> {
    if (reading || closing) return;
    reading = true;
    try {
      while (!inputDone && !failure && seq - emitted < window && queue.length < jobs * 2) {
        const r = await it.next();
        if (closing) return;
        if (r.done) {
          inputDone = true;
          break;
        }
        const n = seq++;
        if (r.value.kind === "skip") results.set(n, r.value);
        else {
          queue.push({ seq: n, source: r.value.source });
          dispatch();
        }
        notify();
      }
    } catch (err) {
      failure ??= err instanceof Error ? err : new Error(String(err));
    } finally {
      reading = false;
    }
    notify();
  }

  try {
    tables = await sharedTables();
    // One worker starts at once, to load its dictionaries while the first inputs are read.
    slots.push(spawn());
    void pump();
    for (;;) {
      if (failure) throw failure;
      const r = results.get(emitted);
      if (r) {
        results.delete(emitted);
        emitted++;
        void pump();
        yield r;
        continue;
      }
      if (inputDone && emitted === seq) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    closing = true;
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.gone = true;
      void slot.worker.terminate();
    }
    // Not awaited: a reader waiting on the network or standard input must not hold up the caller.
    it.return?.().catch(() => undefined);
  }
}
