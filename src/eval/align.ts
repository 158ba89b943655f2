/**
 * Character alignment of a gold text with the record's text, by a diff of the two (jsdiff's `diffChars`, Myers'
 * algorithm): every character the two share is mapped, so a gold span lands where its characters are in the
 * record, never on an earlier occurrence of the same string. Characters the record dropped map to nothing.
 */
import { diffChars } from "diff";

export interface Alignment {
  /** Offset in the record's text of the character at `offset` in the gold text, or -1 when it was dropped. */
  at(offset: number): number;
  /** A gold span [start, end) in the record's text, or null when its first or last character was dropped. */
  span(start: number, end: number): { start: number; end: number } | null;
}

export function align(gold: string, record: string): Alignment {
  const map = new Int32Array(gold.length).fill(-1);
  if (gold === record) map.forEach((_, i) => (map[i] = i));
  else {
    let g = 0;
    let r = 0;
    for (const part of diffChars(gold, record)) {
      const n = part.value.length;
      if (part.added) r += n;
      else if (part.removed) g += n;
      else for (let k = 0; k < n; k++) map[g++] = r++;
    }
  }
  return {
    at: (offset) => map[offset] ?? -1,
    span(start, end) {
      if (end <= start) return null;
      const s = map[start] ?? -1;
      const e = map[end - 1] ?? -1;
      return s >= 0 && e >= s ? { start: s, end: e + 1 } : null;
    },
  };
}
