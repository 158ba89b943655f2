/**
 * Sentence splitting for wire style, over the shared tokens. Breaks never cross a paragraph (headline and standfirst
 * are sentences of their own, stop or no stop), never fall inside the dateline ("MOSCOW, November 16. /TASS/." is a
 * prefix of the first sentence), never after a title abbreviation ("Mr.", "Gen.") and after other abbreviations,
 * initials and initialisms ("Inc.", "J.", "U.S.") only before a usual sentence opener, and never inside a quotation
 * whose closing mark is in the same paragraph, so a quote of two sentences stays one unit. Word lists:
 * data/structure/abbreviations.yaml.
 */
import type { Span } from "../record/schema.js";
import { tokenIndexAt, type Token } from "../pipeline/tokens.js";
import type { Doc, StageFactory } from "../pipeline/types.js";
import { OTHER_ABBREVIATIONS, PREFIX_ABBREVIATIONS, SENTENCE_OPENERS } from "./structure/data.js";

const TERMINAL = new Set([".", "!", "?", "…"]);
/** Marks that close a sentence when they follow its stop directly: `…over."`, `…(see above.)`. */
const CLOSERS = new Set(["”", "’", ")", "]", "»", "'"]);
// A signature line after a stop ("… the bank said. -- Warsaw Newsroom") opens with a dash.
const OPENING_MARK = /[\p{Lu}\p{N}"“‘'(«[\-–—]/u;
const CAMEL = /^\p{Ll}\p{Lu}/u;
/** Characters before a straight double quote that make it an opening one. */
const BEFORE_OPEN = /[\s([{—–\-/:]/u;

/** Blocks to split independently: the record's headline, standfirst and paragraphs when known, else blank-line runs. */
function blocks(doc: Doc): Span[] {
  const s = doc.record.structure;
  const known = [s.headline, s.standfirst, ...s.paragraphs].filter((x): x is Span => x !== null);
  if (known.length) return known;
  const out: Span[] = [];
  const re = /\n[ \t]*\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  const text = doc.record.text;
  while ((m = re.exec(text)) !== null) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  return out;
}

/**
 * Pairs the double quotation marks of one block: for each opening mark whose closing mark is in the block, the
 * token index of that closing mark. An opening mark left open (a quote running on into the next paragraph, as wire
 * style does) protects nothing.
 */
function pairQuotes(text: string, tokens: readonly Token[], from: number, to: number): Map<number, number> | null {
  let pairs: Map<number, number> | null = null;
  const open: number[] = [];
  for (let i = from; i < to; i++) {
    const w = tokens[i]!.text;
    let opening: boolean;
    if (w === "“" || w === "«") opening = true;
    else if (w === "”" || w === "»") opening = false;
    else if (w === '"') {
      const start = tokens[i]!.start;
      opening = start === 0 || BEFORE_OPEN.test(text[start - 1]!);
    } else continue;
    if (opening) open.push(i);
    else if (open.length) (pairs ??= new Map()).set(open.pop()!, i);
  }
  return pairs;
}

/** Whether a stop at token `i` (with `next` the first token after its closing marks) is an abbreviation's period. */
function abbreviationStop(tokens: readonly Token[], i: number, from: number, next: Token): boolean {
  const w = tokens[i]!.text;
  if (w === ".") {
    const prev = i > from ? tokens[i - 1]! : undefined;
    if (!prev || prev.end !== tokens[i]!.start) return false;
    if (PREFIX_ABBREVIATIONS.has(prev.text)) return true;
    return OTHER_ABBREVIATIONS.has(prev.text) && !SENTENCE_OPENERS.has(next.text);
  }
  // A word the tokeniser kept with its period: an initial ("J.") or initialism ("U.S.") ends a sentence only before
  // an opener; an acronym without inner periods ("NATO.", "UN.") takes the period as a stop.
  if (w.length === 2 || w.indexOf(".") < w.length - 1) return !SENTENCE_OPENERS.has(next.text);
  return false;
}

function splitBlock(text: string, tokens: readonly Token[], from: number, to: number, noBreak: Span | null, out: Span[]): void {
  const pairs = pairQuotes(text, tokens, from, to);
  let sentenceStart = -1;
  let quoteClose = -1;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (sentenceStart < 0) sentenceStart = t.start;
    if (pairs !== null) {
      if (quoteClose < 0) quoteClose = pairs.get(i) ?? -1;
      else if (i === quoteClose) quoteClose = -1;
    }
    const w = t.text;
    if (!TERMINAL.has(w) && !(w.length > 1 && w.charCodeAt(w.length - 1) === 46)) continue;
    if (noBreak !== null && t.start >= noBreak.start && t.end <= noBreak.end) continue;
    // Closing quotes and brackets right after the stop belong to this sentence.
    let j = i + 1;
    while (j < to) {
      const c = tokens[j]!;
      if (c.start !== tokens[j - 1]!.end) break;
      if (!(CLOSERS.has(c.text) || ((c.text === '"' || c.text === "”") && (j === quoteClose || pairs === null || !pairs.has(j))))) break;
      j++;
    }
    if (quoteClose >= j) continue; // inside a quotation that closes later in the paragraph
    if (quoteClose >= 0) quoteClose = -1;
    if (j < to) {
      const next = tokens[j]!;
      // Lower case only when a capital follows at once: "iPhone", "eBay".
      if (!OPENING_MARK.test(next.text[0]!) && !CAMEL.test(next.text)) continue;
      // ".596" in a table: a period glued to the digits after it is a decimal point.
      if (j === i + 1 && next.start === t.end && w === "." && next.text.charCodeAt(0) <= 57) continue;
      if (abbreviationStop(tokens, i, from, next)) continue;
    }
    out.push({ start: sentenceStart, end: tokens[j - 1]!.end });
    sentenceStart = -1;
    i = j - 1;
  }
  if (sentenceStart >= 0) out.push({ start: sentenceStart, end: tokens[to - 1]!.end });
}

/**
 * The longest sentence passed on, in characters. A longer run without a break (a list, a table, a text with no
 * stops) is cut at the last token boundary before the limit: every later stage works sentence by sentence, and some
 * work (chrono-node's refiners, cue look-backs) grows with the square of a sentence's length.
 */
export const MAX_SENTENCE_CHARS = 2_000;

function capLength(tokens: readonly Token[], span: Span, out: Span[]): void {
  if (span.end - span.start <= MAX_SENTENCE_CHARS) return void out.push(span);
  let start = span.start;
  let lastEnd = start;
  for (let i = tokenIndexAt(tokens, span.start); i < tokens.length && tokens[i]!.start < span.end; i++) {
    const t = tokens[i]!;
    if (t.end - start > MAX_SENTENCE_CHARS && lastEnd > start) {
      out.push({ start, end: lastEnd });
      start = t.start;
    }
    lastEnd = t.end;
  }
  out.push({ start, end: span.end });
}

/** Splits `doc.record.text` into sentences (sorted, non-overlapping, trimmed spans). */
export function splitSentences(doc: Doc): Span[] {
  const out: Span[] = [];
  const { tokens } = doc;
  const dateline = doc.record.dateline;
  for (const b of blocks(doc)) {
    const from = tokenIndexAt(tokens, b.start);
    let to = from;
    while (to < tokens.length && tokens[to]!.start < b.end) to++;
    if (to > from) splitBlock(doc.record.text, tokens, from, to, dateline, out);
  }
  const capped: Span[] = [];
  for (const span of out) capLength(tokens, span, capped);
  return capped;
}

export const sentencesStage: StageFactory = () => ({
  name: "sentences",
  run(doc: Doc) {
    doc.record.sentences = splitSentences(doc);
  },
});
