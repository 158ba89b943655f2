/**
 * Character alignment between a gold set's text and the record's text, so gold offsets are carried over by a diff
 * of the two texts and never found by searching for the gold string (a search for "he" lands on an earlier "he").
 */
import { diffChars } from "diff";
import type { Span } from "../record/schema.js";

/** Maps offsets of `from` onto `to`: a character kept by the diff keeps its place; a deleted one maps to the next kept. */
export function offsetMap(from: string, to: string): (offset: number) => number {
  if (from === to) return (o) => o;
  const map = new Int32Array(from.length + 1);
  let a = 0;
  let b = 0;
  for (const part of diffChars(from, to)) {
    const n = part.value.length;
    if (part.added) b += n;
    else if (part.removed) for (let k = 0; k < n; k++) map[a++] = b;
    else for (let k = 0; k < n; k++) map[a++] = b++;
  }
  map[from.length] = to.length;
  return (o) => map[Math.max(0, Math.min(from.length, o))]!;
}

/** A span of `from` carried onto `to` (empty when every character of it was deleted). */
export function mapSpan(map: (offset: number) => number, s: Span): Span {
  return { start: map(s.start), end: Math.max(map(s.start), map(s.end)) };
}
