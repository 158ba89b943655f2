/**
 * The tagger's labels: BILOU (begin, inside, last, unit) over the four CoNLL types, which Ratinov & Roth (2009)
 * found better than BIO for NER, and the transitions BILOU allows. Tag 0 is O; tag 1 + 4·type + position.
 */
export const TYPES = ["PER", "ORG", "LOC", "MISC"] as const;
export type NerType = (typeof TYPES)[number];
const POSITIONS = ["B", "I", "L", "U"] as const;
export const TAGS: readonly string[] = ["O", ...TYPES.flatMap((t) => POSITIONS.map((p) => `${p}-${t}`))];
export const T = TAGS.length;

const B = 0;
const I = 1;
const L = 2;
const U = 3;
const pos = (tag: number) => (tag - 1) % 4;
const typeIndex = (tag: number) => Math.floor((tag - 1) / 4);
const tagOf = (type: number, p: number) => 1 + type * 4 + p;

/** Whether a name is open after `tag` (it was B or I), so the next tag must continue it. */
const opens = (tag: number) => tag > 0 && (pos(tag) === B || pos(tag) === I);

/** allowed[prev * T + cur]: whether BILOU lets `cur` follow `prev`. */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array(T * T);
  for (let p = 0; p < T; p++)
    for (let c = 0; c < T; c++) {
      const continues = c > 0 && (pos(c) === I || pos(c) === L);
      a[p * T + c] = opens(p) ? (continues && typeIndex(c) === typeIndex(p) ? 1 : 0) : continues ? 0 : 1;
    }
  return a;
})();
/** Tags that may start a sentence (no name open before it) and end one (no name left open). */
export const CAN_START: Uint8Array = Uint8Array.from(TAGS, (_, t) => (t === 0 || pos(t) === B || pos(t) === U ? 1 : 0));
export const CAN_END: Uint8Array = Uint8Array.from(TAGS, (_, t) => (t === 0 || pos(t) === L || pos(t) === U ? 1 : 0));

/** CoNLL-2003's IOB1 (I- everywhere, B- only between two names of one type) → BILOU tag indices. */
export function fromIob(tags: readonly string[]): number[] {
  const spans = iobSpans(tags);
  const out = new Array<number>(tags.length).fill(0);
  for (const s of spans) {
    const t = TYPES.indexOf(s.type);
    if (s.to - s.from === 1) out[s.from] = tagOf(t, U);
    else {
      out[s.from] = tagOf(t, B);
      for (let k = s.from + 1; k < s.to - 1; k++) out[k] = tagOf(t, I);
      out[s.to - 1] = tagOf(t, L);
    }
  }
  return out;
}

export interface TokenSpan {
  from: number;
  to: number;
  type: NerType;
}

/** Names of an IOB1 (or IOB2) tag sequence, as token ranges [from, to). */
export function iobSpans(tags: readonly string[]): TokenSpan[] {
  const out: TokenSpan[] = [];
  tags.forEach((tag, i) => {
    if (tag === "O") return;
    const type = tag.slice(2) as NerType;
    const last = out[out.length - 1];
    if (!tag.startsWith("B-") && last && last.type === type && last.to === i) last.to = i + 1;
    else out.push({ from: i, to: i + 1, type });
  });
  return out;
}

/** Names of a BILOU tag sequence (a well-formed one, as Viterbi under ALLOWED gives). */
export function bilouSpans(tags: ArrayLike<number>, n = tags.length): TokenSpan[] {
  const out: TokenSpan[] = [];
  let open = -1;
  for (let i = 0; i < n; i++) {
    const t = tags[i]!;
    if (t === 0) {
      open = -1;
      continue;
    }
    const p = pos(t);
    const type = TYPES[typeIndex(t)]!;
    if (p === U) out.push({ from: i, to: i + 1, type });
    else if (p === B) open = i;
    else if (p === L && open >= 0) {
      out.push({ from: open, to: i + 1, type });
      open = -1;
    }
  }
  return out;
}

/** The type of a tag (-1 for O), for document features. */
export const tagType = (tag: number): number => (tag === 0 ? -1 : typeIndex(tag));
