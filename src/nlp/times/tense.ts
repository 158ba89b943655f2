/**
 * The tense of the verb a time expression modifies, read from the dependency parse: which way a weekday, a bare
 * month or a month and day without a year lies from the publication date ("the ruling announced Wednesday" looks
 * back, "the father will travel Thursday" forward). TimeML anchors such dates to the speech time; the tense of the
 * event they time is what tells the past occurrence from the coming one.
 */
import type { Token } from "../../pipeline/tokens.js";
import type { SyntaxLayer } from "../../pipeline/types.js";

/** -1 past, +1 future, 0 present or not told. */
export type Tense = -1 | 0 | 1;

// Auxiliaries and modals that put the event ahead of the time of speaking ("would" as the future of reported speech).
const FUTURE_AUX = new Set(["will", "'ll", "shall", "wo", "would", "may", "might", "could", "should", "must", "can", "ca"]);
// Auxiliaries of the past and perfect ("has announced", "had met", "was killed", "did not say").
const PAST_AUX = new Set(["had", "has", "have", "'ve", "'d", "did", "was", "were"]);
// Verbs whose event lies ahead by their meaning ("is expected in December", "was scheduled for Friday").
const FUTURE_LEMMAS = new Set(["expect", "plan", "schedule", "intend", "hope", "aim", "propose", "forecast", "predict"]);
// How many heads up from the expression a verb is looked for ("the Oct. 23 slaying of …" → the noun → its verb).
const CLIMB = 3;

/** Index of the first token that ends after `at` (tokens are in text order). */
function tokenAt(tokens: readonly Token[], at: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tense of the verb governing the text span [start, end), or null when the parse gives no verb. */
export function governingTense(tokens: readonly Token[], syntax: SyntaxLayer, start: number, end: number): Tense | null {
  const first = tokenAt(tokens, start);
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.start < end) last++;
  if (first >= tokens.length || tokens[first]!.start >= end) return null;
  // The expression's own root: the token whose head lies outside it.
  let root = first;
  for (let i = first; i <= last; i++) {
    const h = syntax.head[i]!;
    if (h < first || h > last) {
      root = i;
      break;
    }
  }
  // "since March": what follows "since" lies before the time of speaking, whatever the verb.
  for (let j = first - 1; j >= 0 && j >= first - 2; j--) {
    if (syntax.head[j] === root && syntax.deprel[j] === "case" && tokens[j]!.text.toLowerCase() === "since") return -1;
  }
  let v = syntax.head[root]!;
  for (let step = 0; v >= 0 && syntax.upos[v] !== "VERB" && step < CLIMB; step++) v = syntax.head[v]!;
  if (v < 0 || syntax.upos[v] !== "VERB") return null;
  if (FUTURE_LEMMAS.has(syntax.lemma[v]!)) return 1;
  // Auxiliaries and an infinitive marker among the verb's dependents (they stand within its sentence, before it).
  let past = false;
  let future = false;
  let present = false;
  let infinitive = false;
  for (let j = v - 1; j >= 0 && j >= v - 6; j--) {
    if (syntax.head[j] !== v) continue;
    const rel = syntax.deprel[j]!;
    const w = tokens[j]!.text.toLowerCase();
    if (rel.startsWith("aux")) {
      if (FUTURE_AUX.has(w)) future = true;
      else if (PAST_AUX.has(w)) past = true;
      else present = true; // "is expected", "are meeting", "be published"
    } else if (rel === "mark" && w === "to") infinitive = true;
  }
  if (future) return 1;
  // "plans to sign Friday", "is expected to expire Dec. 31" look ahead; "the first to join on Friday" need not.
  if (infinitive) {
    const h = syntax.head[v]!;
    return h >= 0 && FUTURE_LEMMAS.has(syntax.lemma[h]!) ? 1 : 0;
  }
  if (past) return -1;
  if (present) return 0;
  const tag = syntax.xpos[v]!;
  // A past form, or a participle without an auxiliary ("the ruling announced Wednesday").
  if (tag === "VBD" || tag === "VBN") return -1;
  return 0;
}
