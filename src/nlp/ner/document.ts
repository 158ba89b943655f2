/**
 * Document-level features (Ratinov & Roth 2009, "context aggregation" in two passes): a name is usually written the
 * same way elsewhere in the article, often in an easier context (the headline's "LEICESTERSHIRE" is the body's
 * "Leicestershire"; "Lentini" after "Gianluigi Lentini"). A first pass tags every sentence; then each capitalised
 * word gets, as features, the types the first pass gave the other occurrences of the same word in the document:
 * every type seen, the majority, and the majority among occurrences in ordinary running text (not opening a
 * sentence, not in an all-capitals line), which are the most telling.
 */
import { mix, template } from "./hashing.js";
import { tagType } from "./tags.js";

const SEEN = template("doc-seen");
const MAJORITY = template("doc-major");
const RELIABLE = template("doc-reliable");
/** Slot 0 is O, slots 1–4 the types. */
const K = 5;

export interface DocToken {
  /** Lower-cased word. */
  lower: string;
  /** Starts with a capital (or is all capitals). */
  capital: boolean;
  /** Opens its sentence or stands in an all-capitals line. */
  weak: boolean;
}

/**
 * Document features of every token, from the first-pass tags of all tokens of the document (in order).
 * `emit(i, feature)` is called for each feature of token i.
 */
export function documentFeatures(tokens: readonly DocToken[], firstPass: ArrayLike<number>, emit: (i: number, f: number) => void): void {
  // Per capitalised word: counts of each first-pass type, over all occurrences and over the reliable ones.
  const counts = new Map<string, Int32Array>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.capital) continue;
    let c = counts.get(t.lower);
    if (!c) counts.set(t.lower, (c = new Int32Array(2 * K)));
    const k = tagType(firstPass[i]!) + 1;
    c[k]!++;
    if (!t.weak) c[K + k]!++;
  }
  const own = new Int32Array(2 * K);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.capital) continue;
    const c = counts.get(t.lower)!;
    // The others: all occurrences but this one.
    own.set(c);
    const k = tagType(firstPass[i]!) + 1;
    own[k]!--;
    if (!t.weak) own[K + k]!--;
    let major = -1;
    let reliable = -1;
    for (let j = 0; j < K; j++) {
      if (own[j]! > 0) {
        emit(i, mix(SEEN, j));
        if (major < 0 || own[j]! > own[major]!) major = j;
      }
      if (own[K + j]! > 0 && (reliable < 0 || own[K + j]! > own[K + reliable]!)) reliable = j;
    }
    if (major >= 0) emit(i, mix(MAJORITY, major));
    if (reliable >= 0) emit(i, mix(RELIABLE, reliable));
  }
}
