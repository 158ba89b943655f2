/**
 * One tokenisation shared by all stages: words (letters/digits with inner apostrophes, hyphens, periods such as
 * "U.S." or "1.5", thousands separators such as "13,000"), and single punctuation marks. Offsets index `record.text`.
 *
 * Clitics are split off as Universal Dependencies (and the Penn Treebank, and CoNLL-2003) split them, so the tokens
 * are the words the trained tagger and parser know: "Russia's" → "Russia" "'s", "don't" → "do" "n't", "can't" →
 * "ca" "n't", "I'm" → "I" "'m", "cannot" → "can" "not", "gonna" → "gon" "na". The parts keep their offsets, so
 * the text is untouched.
 */
export interface Token {
  start: number;
  end: number;
  text: string;
}

// A number keeps its thousands separators, as UD and the Penn Treebank write it ("13,000" is one word): split, the
// parser read "killed more than 13 , 000 Palestinians" with "13" as the object.
const WORD = String.raw`[\p{L}\p{N}]+(?:[’'\-/][\p{L}\p{N}]+|\.(?:\p{N}+|\p{L}{1,2}(?![\p{L}\p{N}]))|(?<=\p{N}),\p{N}{3}(?!\p{N}))*`;
// A word, optionally with the final period of an initialism ("U.S."), or one punctuation mark.
const TOKEN_RE = new RegExp(String.raw`${WORD}(?:\.(?<=\p{Lu}\.)(?![\p{L}\p{N}]))?|[^\s\p{L}\p{N}]`, "gu");

// A clitic at the end of a word: the negation "n't" or an apostrophe clitic ('s, 're, 've, 'll, 'd, 'm).
const CLITIC = /(?:n['’]t|['’](?:s|re|ve|ll|d|m))$/iu;
// Words UD writes as two without an apostrophe (the split point after the first part).
const FUSED = new Map([["cannot", 3], ["gonna", 3], ["wanna", 3], ["gotta", 3]]);

/** Where a word splits into host and clitic (0: it does not). */
function cliticAt(w: string): number {
  if (w.length < 3) return 0;
  const last = w.charCodeAt(w.length - 1) | 0x20;
  // Cheap pre-check: every clitic ends in t, s, e, l, d or m, and contains an apostrophe.
  if (last === 0x74 || last === 0x73 || last === 0x65 || last === 0x6c || last === 0x64 || last === 0x6d) {
    if (w.includes("'") || w.includes("’")) {
      const m = CLITIC.exec(w);
      return m && m.index > 0 ? m.index : 0;
    }
  }
  if (w.length <= 6 && (last === 0x74 || last === 0x61)) return FUSED.get(w.toLowerCase()) ?? 0;
  return 0;
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    if (m.index >= to) break;
    const w = m[0];
    const cut = cliticAt(w);
    if (cut === 0) out.push({ start: m.index, end: m.index + w.length, text: w });
    else {
      out.push({ start: m.index, end: m.index + cut, text: w.slice(0, cut) });
      out.push({ start: m.index + cut, end: m.index + w.length, text: w.slice(cut) });
    }
  }
  return out;
}

/** Index of the first token whose end is after `offset` (binary search). */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tokens fully inside [start, end). */
export function tokensIn(tokens: readonly Token[], start: number, end: number): Token[] {
  const out: Token[] = [];
  for (let i = tokenIndexAt(tokens, start); i < tokens.length && tokens[i]!.start < end; i++) {
    const t = tokens[i]!;
    if (t.start >= start && t.end <= end) out.push(t);
  }
  return out;
}
