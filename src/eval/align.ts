/**
 * Maps character offsets of a gold text onto the record's text by a character alignment (a diff of the two texts),
 * so a gold span lands where its characters went, never on an earlier occurrence of the same string.
 */
import { diffChars } from "diff";

export interface Alignment {
  /** Record offset of gold offset `i` (a boundary: 0 ≤ i ≤ gold.length). */
  at(i: number): number;
  /** The gold span [start, end) in record offsets, or null when none of its characters survive in the record. */
  span(start: number, end: number): { start: number; end: number } | null;
}

/** Aligns `gold` to `record`. Identical texts (the usual case) cost one comparison. */
export function alignTexts(gold: string, record: string): Alignment {
  if (gold === record) return { at: (i) => i, span: (start, end) => (end > start ? { start, end } : null) };
  // kept[i]: record offset of gold character i, or -1 when the record dropped it.
  const kept = new Int32Array(gold.length).fill(-1);
  let g = 0;
  let r = 0;
  for (const part of diffChars(gold, record)) {
    const n = part.value.length;
    if (part.added) r += n;
    else if (part.removed) g += n;
    else for (let k = 0; k < n; k++) kept[g++] = r++;
  }
  // A boundary maps to the next kept character's offset (or the record's end).
  const boundary = new Int32Array(gold.length + 1);
  boundary[gold.length] = record.length;
  for (let i = gold.length - 1; i >= 0; i--) boundary[i] = kept[i]! >= 0 ? kept[i]! : boundary[i + 1]!;
  return {
    at: (i) => boundary[i]!,
    span(start, end) {
      let first = start;
      while (first < end && kept[first]! < 0) first++;
      let last = end - 1;
      while (last >= first && kept[last]! < 0) last--;
      return first <= last ? { start: kept[first]!, end: kept[last]! + 1 } : null;
    },
  };
}
