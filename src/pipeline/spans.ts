/** Small helpers over standoff spans shared by stages. */
import type { Span } from "../record/schema.js";

/** Index of the span in a sorted, non-overlapping list that contains `offset`, or -1. */
export function spanIndexAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = spans[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Index of the first item whose start is at or after `offset`, in a list sorted by start (binary search). */
export function lowerBound(sorted: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items of a start-sorted list lying wholly inside [from, to): found by binary search, so long articles stay fast. */
export function within<T extends { start: number; end: number }>(sorted: readonly T[], from: number, to: number): T[] {
  const out: T[] = [];
  for (let i = lowerBound(sorted, from); i < sorted.length && sorted[i]!.start < to; i++) if (sorted[i]!.end <= to) out.push(sorted[i]!);
  return out;
}

/** The last item before `offset` (ending at or before it) that passes `test`, looking back at most `limit` items. */
export function lastBefore<T extends { start: number; end: number }>(sorted: readonly T[], offset: number, test: (item: T) => boolean, limit = 5000): T | undefined {
  for (let i = lowerBound(sorted, offset) - 1, n = 0; i >= 0 && n < limit; i--, n++) {
    const item = sorted[i]!;
    if (item.end <= offset && test(item)) return item;
  }
  return undefined;
}
