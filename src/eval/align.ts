/**
 * Character alignment of two versions of a text (a diff, as jsdiff computes it), so a span marked on one version
 * lands on the same words of the other. Scorers map gold spans onto the text Parley read this way, never by
 * searching for the gold string (a short string such as "he" would land on an earlier occurrence).
 */
import { diffChars } from "diff";
import type { Span } from "../record/schema.js";

/** Maps offsets of `from` onto `to`: an offset inside a deleted stretch goes to where that stretch stood in `to`. */
export function offsetMap(from: string, to: string): (offset: number) => number {
  const map = new Int32Array(from.length + 1);
  let i = 0;
  let j = 0;
  for (const part of diffChars(from, to)) {
    const n = part.value.length;
    if (part.added) j += n;
    else if (part.removed) for (let k = 0; k < n; k++) map[i++] = j;
    else for (let k = 0; k < n; k++) map[i++] = j++;
  }
  map[from.length] = j;
  return (offset) => map[Math.max(0, Math.min(offset, from.length))]!;
}

/** The span of `to` that `span` of `from` covers. */
export function mapSpan(span: Span, map: (offset: number) => number): Span {
  return { start: map(span.start), end: map(span.end) };
}
