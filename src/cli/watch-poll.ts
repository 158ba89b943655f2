/**
 * One poll of one watched feed: a conditional GET with the validators kept in the store, the feed's items, the ones
 * not done yet (the store's `feed_items`) through the sink (the ingest pipeline, or the work queue), each item's
 * outcome recorded, then the feed's schedule. Never throws for the feed's own problems: an unreachable feed, an HTTP
 * error or a broken feed is a failed poll with its reason, and the feed backs off.
 *
 * An item is done once stored (new, updated or unchanged), queued, or tried MAX_ATTEMPTS times; a done item is never
 * fetched again. New validators are kept only when every item of the feed is done: otherwise the next poll would get
 * 304 and never try the rest again.
 */
import { decodeBytes } from "../ingest/decode.js";
import { feedItems, looksLikeFeed, type FeedItem } from "../ingest/feed.js";
import { fetchBytes, HttpStatusError } from "../ingest/fetch.js";
import { reasonOf } from "../ingest/skip.js";
import { feedItemSources, resolveOptions, type IngestOptions, type SourceItem } from "../ingest/sources.js";
import type { Warning } from "../record/schema.js";
import type { FeedItemUpdate, Store } from "../store/store.js";
import type { IngestOutcome } from "./ingest.js";
import { nextAfterFailure, retryAfterMs } from "./watch-schedule.js";

/** Polls an item may fail before it is given up on (recorded done, with its last reason). */
export const MAX_ATTEMPTS = 3;

export type ItemOutcome = IngestOutcome | { kind: "queued"; duplicate: boolean };

/** Where new items go: each source in, exactly one outcome out, in order; stops early when `signal` aborts. */
export type ItemSink = (sources: AsyncIterable<SourceItem>, signal: AbortSignal, onOutcome: (o: ItemOutcome) => void) => Promise<void>;

/** One poll, as `--json` prints it (one line per poll; a public contract, in the README). */
export interface PollSummary {
  feed: string;
  /** When the poll started (ISO). */
  at: string;
  /** ok: read; not-modified: HTTP 304; error: the poll failed (see error); stopped: a signal came mid-poll. */
  status: "ok" | "not-modified" | "error" | "stopped";
  /** The feed request's HTTP status; null when there was no answer. */
  http: number | null;
  /** Items in the feed; of them, `seen` were done before this poll and not fetched. */
  items: number;
  seen: number;
  new: number;
  updated: number;
  unchanged: number;
  queued: number;
  /** Items that gave no article this time (each reported); `gaveUp` of them will not be tried again. */
  skipped: number;
  gaveUp: number;
  /** Items left for the next poll (the feed deadline passed, or a signal came). */
  deferred: number;
  error: string | null;
  /** Failed polls in a row, this one included. */
  failures: number;
  nextAt: string;
}

export interface PollContext {
  store: Store;
  sink: ItemSink;
  /** Fetching and reading (private addresses, item links, feed deadline); `stdin` is unused. */
  ingest: IngestOptions;
  everyMs: number;
  signal: AbortSignal;
  /** Told each item that gave no article, with its reason. */
  onSkip?: (origin: string, reason: string) => void;
  now?: () => number;
  random?: () => number;
}

const FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
const charsetOf = (contentType: string) => /charset=["']?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? null;

export async function pollFeed(url: string, ctx: PollContext): Promise<PollSummary> {
  const now = ctx.now ?? Date.now;
  const started = now();
  const opts = resolveOptions(ctx.ingest);
  const sum: PollSummary = {
    feed: url, at: new Date(started).toISOString(), status: "ok", http: null, items: 0, seen: 0, new: 0, updated: 0, unchanged: 0, queued: 0,
    skipped: 0, gaveUp: 0, deferred: 0, error: null, failures: 0, nextAt: new Date(started + ctx.everyMs).toISOString(),
  };
  const deadline = { signal: AbortSignal.timeout(opts.feedDeadlineMs), reason: `feed deadline of ${opts.feedDeadlineMs / 1000} s passed` };

  let items: FeedItem[];
  let fetched;
  let warning: Warning | undefined;
  try {
    const validators = await ctx.store.feedValidators(url);
    fetched = await fetchBytes(url, { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, userAgent: opts.userAgent, allowPrivate: opts.allowPrivate, allowAddresses: opts.allowAddresses, deadline, validators, accept: FEED_ACCEPT });
    sum.http = fetched.status;
    if (fetched.notModified) {
      sum.status = "not-modified";
      await ctx.store.putFeedPoll(url, { checkedAt: sum.at, nextAt: sum.nextAt, failures: 0, lastError: null });
      return sum;
    }
    if (fetched.bytes.length === 0) throw new Error("empty response");
    const decoded = decodeBytes(fetched.bytes, charsetOf(fetched.contentType));
    warning = decoded.warning;
    if (!/(rss|atom|rdf)\+xml/.test(fetched.contentType) && !looksLikeFeed(decoded.text))
      throw new Error(`not an RSS or Atom feed (content type ${fetched.contentType || "none"})`);
    items = await feedItems(decoded.text, url);
  } catch (err) {
    if (err instanceof HttpStatusError) sum.http = err.status;
    const failures = ((await ctx.store.feedPoll(url))?.failures ?? 0) + 1;
    const retry = err instanceof HttpStatusError ? retryAfterMs(err.retryAfter, started) : null;
    Object.assign(sum, { status: "error", error: reasonOf(err), failures, nextAt: new Date(nextAfterFailure(started, failures, ctx.everyMs, retry, ctx.random)).toISOString() });
    await ctx.store.putFeedPoll(url, { checkedAt: sum.at, nextAt: sum.nextAt, failures, lastError: sum.error });
    return sum;
  }

  // A feed that lists an item twice has it once.
  const byKey = new Map<string, FeedItem>();
  for (const item of items) if (!byKey.has(item.key)) byKey.set(item.key, item);
  sum.items = byKey.size;
  const states = new Map((await ctx.store.feedItemStates(url, [...byKey.keys()])).map((s) => [s.key, s]));
  const fresh = [...byKey.values()].filter((i) => !states.get(i.key)?.done);
  sum.seen = sum.items - fresh.length;

  const outcomes: ItemOutcome[] = [];
  if (fresh.length) {
    const sources = feedItemSources(fresh, ctx.ingest, { deadline, ...(warning ? { warning } : {}) });
    await ctx.sink(sources, ctx.signal, (o) => outcomes.push(o));
  }
  const updates: FeedItemUpdate[] = [];
  fresh.forEach((item, i) => {
    const o = outcomes[i];
    if (!o) return void sum.deferred++;
    if (o.kind === "stored") {
      sum[o.result]++;
      updates.push({ key: item.key, done: true, articleId: o.id });
    } else if (o.kind === "unchanged") {
      sum.unchanged++;
      updates.push({ key: item.key, done: true, articleId: o.id });
    } else if (o.kind === "queued") {
      sum.queued++;
      updates.push({ key: item.key, done: true });
    } else if (deadline.signal.aborted && o.reason.endsWith(deadline.reason)) {
      // Not the item's fault: tried again next time, without counting an attempt.
      sum.deferred++;
    } else {
      const givenUp = (states.get(item.key)?.attempts ?? 0) + 1 >= MAX_ATTEMPTS;
      sum.skipped++;
      if (givenUp) sum.gaveUp++;
      ctx.onSkip?.(o.origin, givenUp ? `${o.reason} (given up after ${MAX_ATTEMPTS} attempts)` : o.reason);
      updates.push({ key: item.key, done: givenUp, reason: o.reason });
    }
  });
  await ctx.store.putFeedItems(url, updates);
  const allDone = updates.filter((u) => u.done).length === fresh.length;
  if (allDone && (fetched.validators.etag || fetched.validators.lastModified)) await ctx.store.putFeedValidators(url, fetched.validators);
  if (outcomes.length < fresh.length && ctx.signal.aborted) {
    // Stopped mid-poll: the schedule is left as it was, so a restart reads the rest soon.
    sum.status = "stopped";
    return sum;
  }
  await ctx.store.putFeedPoll(url, { checkedAt: sum.at, nextAt: sum.nextAt, failures: 0, lastError: null });
  return sum;
}
