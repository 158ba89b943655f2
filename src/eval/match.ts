/** Span matching shared by scorers: one-to-one matches between gold and system spans, exact or by overlap. */
import type { Span } from "../record/schema.js";

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export function prf(matched: number, system: number, gold: number): Prf {
  const precision = system ? matched / system : 0;
  const recall = gold ? matched / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Number of one-to-one matches: exact offsets, or any overlap when `overlap` is set (greedy, in order). */
export function countMatches(gold: readonly Span[], system: readonly Span[], overlap: boolean): number {
  const used = new Set<number>();
  let n = 0;
  for (const g of gold) {
    const i = system.findIndex((s, k) => !used.has(k) && (overlap ? s.start < g.end && g.start < s.end : s.start === g.start && s.end === g.end));
    if (i >= 0) {
      used.add(i);
      n++;
    }
  }
  return n;
}
