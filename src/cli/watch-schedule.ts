/**
 * When `parley watch` polls a feed: durations as the user writes them (30s, 15m, 1h, 1h30m), the next poll after a
 * success (one interval after the check) and after a failure (exponential backoff from the interval, capped, with
 * jitter, never sooner than the server's Retry-After), and when a feed is due given what the store remembers, so a
 * restarted watcher waits as the last one would have.
 */
import type { FeedPoll } from "../store/store.js";
import { CliError } from "./io.js";

export const MIN_EVERY_MS = 1000;
/** Longer than this does not fit a timer (setTimeout takes at most 2^31 − 1 ms), and nobody polls weekly anyway. */
export const MAX_EVERY_MS = 7 * 24 * 3600_000;
/** The longest backoff, unless the interval itself is longer. */
export const MAX_BACKOFF_MS = 6 * 3600_000;
/** The longest Retry-After honoured: a server asking for more is asked again after this. */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 24 * 3600_000 };

/** "30s", "15m", "1h", "1h30m", "1.5h", "500ms" to milliseconds; anything else is a one-line error naming the option. */
export function parseDuration(text: string, name = "--every"): number {
  const bad = () => new CliError(`${name} must be a duration such as 30s, 15m, 1h or 1h30m, not ${JSON.stringify(text)}`);
  const s = text.trim().toLowerCase();
  // Short first: the pattern is then cheap whatever the input.
  if (s.length > 40 || !/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/.test(s)) throw bad();
  let ms = 0;
  for (const [, n, unit] of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) ms += Number(n) * UNITS[unit!]!;
  ms = Math.round(ms);
  if (ms < MIN_EVERY_MS) throw new CliError(`${name} must be at least 1s, not ${text}`);
  if (ms > MAX_EVERY_MS) throw new CliError(`${name} must be at most 7d, not ${text}`);
  return ms;
}

/** Retry-After (delta-seconds or an HTTP date) as milliseconds from `now`, capped; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const h = header.trim();
  const ms = /^\d+$/.test(h) ? Number(h) * 1000 : Date.parse(h) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/**
 * The wait after `failures` polls in a row have failed: the interval doubled per failure (2×, 4×, …), capped at
 * MAX_BACKOFF_MS (or the interval, if longer), times a random factor in [0.8, 1.2) so feeds that failed together
 * (a network outage) do not all come back at once; never shorter than the interval.
 */
export function backoffMs(failures: number, everyMs: number, random: () => number = Math.random): number {
  const cap = Math.max(everyMs, MAX_BACKOFF_MS);
  const base = Math.min(cap, everyMs * 2 ** Math.min(failures, 30));
  return Math.max(everyMs, Math.round(base * (0.8 + 0.4 * random())));
}

/** The next poll after a failed one: the backoff, or the server's Retry-After when that is later. */
export function nextAfterFailure(now: number, failures: number, everyMs: number, retryAfter: number | null, random?: () => number): number {
  return now + Math.max(backoffMs(failures, everyMs, random), retryAfter ?? 0);
}

/**
 * When a feed is next due (epoch ms): never polled, now; after a success, one interval (the current one, so a
 * changed --every applies at once) after the last check; after failures, the time the backoff set.
 */
export function dueAt(poll: FeedPoll | null, everyMs: number): number {
  if (!poll) return 0;
  if (poll.failures > 0) return Date.parse(poll.nextAt) || 0;
  return (Date.parse(poll.checkedAt) || 0) + everyMs;
}
