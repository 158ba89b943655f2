/**
 * `parley watch FEED_URL…`: polls feeds for good. Each feed is polled when it is due (watch-schedule.ts), one feed at
 * a time, so a slow or failing feed costs only its own turn; its new items go through the same path as `parley
 * ingest` (or into the work queue with --queue). Everything that must outlive the process is in the store: the
 * validators, the items done, and each feed's schedule, so a restarted watcher polls no sooner than the last one
 * would have. A signal stops it after the article in hand.
 */
import { toArticle } from "../ingest/convert.js";
import type { SourceItem } from "../ingest/sources.js";
import type { StageEnv } from "../pipeline/types.js";
import type { WorkQueue } from "../queue/queue.js";
import type { Store } from "../store/store.js";
import { ingestSources } from "./ingest.js";
import type { CliIo } from "./io.js";
import type { Pipeline } from "./pipeline-flags.js";
import { printable } from "./printable.js";
import { pollFeed, type ItemOutcome, type ItemSink, type PollContext, type PollSummary } from "./watch-poll.js";
import { backoffMs, dueAt } from "./watch-schedule.js";

/** New items into the store, through the ingest pipeline (worker threads, batches, stories). */
export function ingestSink(store: Store, pipeline: Pipeline, io: CliIo, env: StageEnv): ItemSink {
  return async (sources, signal, onOutcome) => {
    await ingestSources(store, sources, pipeline, io, env, { signal, onOutcome });
  };
}

/** New items into the work queue, as `parley enqueue` puts them; `parley worker` processes annotate and store them. */
export function queueSink(queue: WorkQueue, pipeline: Pipeline): ItemSink {
  return async (sources: AsyncIterable<SourceItem>, signal, onOutcome: (o: ItemOutcome) => void) => {
    for await (const item of sources) {
      const read = item.kind === "skip" ? item : await toArticle(item.source);
      if (read.kind === "skip") onOutcome(read);
      else {
        try {
          onOutcome({ kind: "queued", duplicate: !(await queue.enqueue({ raw: read.article, options: pipeline.options })) });
        } catch (err) {
          onOutcome({ kind: "skip", origin: read.article.origin, reason: `not queued: ${(err as Error).message}` });
        }
      }
      if (signal.aborted) break;
    }
  };
}

const time = (iso: string) => iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");

/** The human line of one poll (stderr); errors name the feed and when it is tried again. */
export function pollLine(s: PollSummary): string {
  const feed = printable(s.feed);
  if (s.status === "error") return `error ${feed}: ${printable(s.error ?? "failed")} (${s.failures} failed poll${s.failures === 1 ? "" : "s"} in a row; next try ${time(s.nextAt)})`;
  if (s.status === "not-modified") return `poll ${feed}: not modified (HTTP 304); next ${time(s.nextAt)}`;
  const counts = [`${s.new} new`, `${s.updated} updated`, `${s.unchanged} unchanged`, ...(s.queued ? [`${s.queued} queued`] : []), `${s.skipped} skipped`];
  if (s.deferred) counts.push(`${s.deferred} left for next time`);
  const tail = s.status === "stopped" ? "stopped" : `next ${time(s.nextAt)}`;
  return `poll ${feed}: ${s.items} items, ${s.seen} seen before; ${counts.join(", ")}; ${tail}`;
}

export interface WatchOptions {
  once: boolean;
  json: boolean;
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Polls the feeds (once each with `once`, else until `ctx.signal` aborts); returns every poll's summary. */
export async function watchFeeds(urls: string[], ctx: PollContext, io: CliIo, options: WatchOptions): Promise<PollSummary[]> {
  const polls: PollSummary[] = [];
  const failures = new Map<string, number>();
  const poll = async (url: string): Promise<number> => {
    let s: PollSummary;
    try {
      s = await pollFeed(url, ctx);
    } catch (err) {
      // Not the feed's own problem (the store locked or gone, the workers failing): this feed waits its backoff, the
      // others go on.
      const n = (failures.get(url) ?? 0) + 1;
      failures.set(url, n);
      const at = Date.now();
      s = { feed: url, at: new Date(at).toISOString(), status: "error", http: null, items: 0, seen: 0, new: 0, updated: 0, unchanged: 0, queued: 0, skipped: 0,
        gaveUp: 0, deferred: 0, error: `failed: ${(err as Error).message.split("\n")[0]}`, failures: n, nextAt: new Date(at + backoffMs(n, ctx.everyMs, ctx.random)).toISOString() };
    }
    polls.push(s);
    if (options.json) io.stdout.write(`${JSON.stringify(s)}\n`);
    if (!options.json || s.status === "error") io.stderr.write(`${pollLine(s)}\n`);
    return Date.parse(s.nextAt);
  };

  if (options.once) {
    for (const url of urls) if (!ctx.signal.aborted) await poll(url);
    return polls;
  }
  // Each feed's next poll, from the store at start (a restart keeps the schedule), then from each poll.
  const next = new Map<string, number>();
  for (const url of urls) {
    const due = dueAt(await ctx.store.feedPoll(url), ctx.everyMs);
    next.set(url, due);
    if (!options.json) io.stderr.write(`watch ${printable(url)}: next poll ${due <= Date.now() ? "now" : time(new Date(due).toISOString())}\n`);
  }
  while (!ctx.signal.aborted) {
    const [url, due] = [...next].reduce((a, b) => (b[1] < a[1] ? b : a));
    const wait = due - Date.now();
    if (wait > 0) {
      await sleep(wait, ctx.signal);
      continue;
    }
    next.set(url, await poll(url));
  }
  return polls;
}
