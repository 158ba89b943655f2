/**
 * One tokenisation shared by all stages: words (letters/digits with inner apostrophes, hyphens, periods such as
 * "U.S." or "1.5"), and single punctuation marks. Offsets index `record.text`.
 */
export interface Token {
  start: number;
  end: number;
  text: string;
}

const WORD = String.raw`[\p{L}\p{N}]+(?:[’'\-/][\p{L}\p{N}]+|\.(?:\p{N}+|\p{L}{1,2}(?![\p{L}\p{N}])))*`;
// A word, optionally with the final period of an initialism ("U.S."), or one punctuation mark.
const TOKEN_RE = new RegExp(String.raw`${WORD}(?:\.(?<=\p{Lu}\.)(?![\p{L}\p{N}]))?|[^\s\p{L}\p{N}]`, "gu");

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    if (m.index >= to) break;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
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
