/** Modality cues around a trigger: negation, conditions, expectation and hedges (lower-case words). */
import type { TextSpan } from "../record/schema.js";
import type { Token } from "../pipeline/tokens.js";

const NEGATION = new Set(["not", "n't", "never", "no", "neither", "nor", "without"]);
const NEGATING_VERBS = new Set(["refused", "refuses", "failed", "fails", "declined", "declines"]);
// "willing to", "committed to": the PLOVER manual's AGREE is to "indicate willingness or commitment to cooperate",
// so an act one is willing or committed to do is intended, not done.
const EXPECTATION = new Set(["will", "would", "shall", "expected", "expects", "plans", "planned", "intends", "intend", "should", "prepared", "ready", "going", "to"]);
const FUTURE_AUXILIARIES = new Set(["will", "shall"]);
const HEDGES = new Set(["may", "might", "could", "reportedly", "allegedly", "apparently", "possibly", "probably", "likely", "purportedly", "supposedly"]);
const CONDITION = /\b(?:(only\b[^.;]*?\b)?if|provided that|on (?:the )?condition(?: that| of)?|unless)\b/i;

/** Looks back up to `window` tokens (not past `from`) for a cue of the given kind. */
function before(tokens: readonly Token[], from: number, k: number, window: number, test: (w: string, i: number) => boolean): boolean {
  for (let i = k - 1; i >= Math.max(from, k - window); i--) if (test(tokens[i]!.text.toLowerCase(), i)) return true;
  return false;
}

export function isNegated(tokens: readonly Token[], clauseStart: number, k: number): boolean {
  return before(tokens, clauseStart, k, 3, (w) => NEGATION.has(w) || NEGATING_VERBS.has(w) || w.endsWith("n't"));
}

/**
 * A negated act told as what never happened ("the two countries never signed a peace treaty"), not as a refusal
 * ("refused to sign", "will not sign", "did not accept": REJECT, "All rejections and refusals"): "never" with a past
 * form and no modal before it ("would never sign" is a refusal). The PLOVER manual lets negated events be excluded.
 */
export function isNonOccurrence(tokens: readonly Token[], clauseStart: number, k: number): boolean {
  for (let i = k - 1; i >= Math.max(clauseStart, k - 3); i--) {
    const w = tokens[i]!.text.toLowerCase();
    if (NEGATING_VERBS.has(w) || w === "not" || w.endsWith("n't")) return false;
    if (w === "never") return !EXPECTATION.has(tokens[i - 1]?.text.toLowerCase() ?? "") && /ed$/i.test(tokens[k]!.text);
  }
  return false;
}

export function isExpected(tokens: readonly Token[], clauseStart: number, k: number, sentenceText: string): boolean {
  if (/^\s*it is (?:expected|planned|likely) that\b/i.test(sentenceText)) return true;
  // A trigger phrase may open with its own auxiliary ("will visit", "will allow"): it says the future itself.
  if (FUTURE_AUXILIARIES.has(tokens[k]?.text.toLowerCase() ?? "")) return true;
  return before(tokens, clauseStart, k, 4, (w, i) => EXPECTATION.has(w) && (w !== "to" || /^(is|are|was|were|plans|planned|going|expected|intends|prepared|ready|willing|eager|committed)$/i.test(tokens[i - 1]?.text ?? "")));
}

export function isHedged(tokens: readonly Token[], clauseStart: number, k: number): boolean {
  return before(tokens, clauseStart, k, 6, (w) => HEDGES.has(w));
}

/** The condition after a trigger in its sentence: from "only"/"if"/"on condition" to the sentence end. */
export function conditionAfter(text: string, from: number, sentenceEnd: number): TextSpan | null {
  const rest = text.slice(from, sentenceEnd);
  const m = CONDITION.exec(rest);
  if (!m) return null;
  const start = from + m.index;
  let end = sentenceEnd;
  while (end > start && /[\s.;]/.test(text[end - 1]!)) end--;
  return { start, end, text: text.slice(start, end) };
}
