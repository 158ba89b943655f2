/**
 * Sentence splitting for wire style. Breaks never cross a paragraph (headline and standfirst are sentences of their
 * own, stop or no stop), never fall inside the dateline ("MOSCOW, November 16. /TASS/."), never after an
 * abbreviation or an initial, and never inside an open quotation, so a quote of two sentences stays one unit.
 */
import type { Span } from "../record/schema.js";
import { tokenIndexAt, type Token } from "../pipeline/tokens.js";
import type { Doc, StageFactory } from "../pipeline/types.js";
import { ABBREVIATIONS } from "./structure/data.js";

const TERMINAL = new Set([".", "!", "?", "…"]);

const CLOSERS = new Set(["”", "’", ")", "]", "»"]);
// After an initialism such as "U.S." a capitalised word starts a new sentence only if it is a usual sentence opener.
const OPENING_WORDS = new Set(["The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "But", "This", "That", "However", "On", "At", "As", "Its", "His", "Her", "Their", "There"]);

/** Blocks to split independently: the record's paragraphs when known, else runs of text between blank lines. */
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

function startsSentence(t: Token | undefined): boolean {
  if (!t) return false;
  const c = t.text[0]!;
  return /[\p{Lu}\p{N}"“‘(«]/u.test(c);
}

function splitBlock(tokens: readonly Token[], from: number, to: number, noBreak: Span | null, out: Span[]): void {
  let sentenceStart = -1;
  let inQuote = false;
  let lastEnd = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (sentenceStart < 0) sentenceStart = t.start;
    lastEnd = t.end;
    const w = t.text;
    if (w === '"') inQuote = !inQuote;
    else if (w === "“") inQuote = true;
    else if (w === "”") inQuote = false;
    if (!TERMINAL.has(w) && !(w.endsWith(".") && w.length > 1)) continue;
    if (noBreak && t.start >= noBreak.start && t.end <= noBreak.end) continue;
    const prev = tokens[i - 1];
    if (w === "." && prev && prev.end === t.start && (ABBREVIATIONS.has(prev.text) || /^\p{Lu}$/u.test(prev.text))) continue;
    // Closing quotes and brackets right after the stop belong to this sentence.
    let j = i + 1;
    while (j < to && (CLOSERS.has(tokens[j]!.text) || (tokens[j]!.text === '"' && inQuote))) {
      if (tokens[j]!.text === '"' || tokens[j]!.text === "”") inQuote = false;
      j++;
    }
    if (inQuote) continue;
    const next = tokens[j];
    if (j < to && !startsSentence(next)) continue;
    if (w.length > 1) {
      // A word ending in a period: an initial ("J.") never ends a sentence; an initialism ("U.S.") only before an opener.
      if (/^\p{Lu}\.$/u.test(w)) continue;
      if (j < to && !OPENING_WORDS.has(next!.text)) continue;
    }
    const end = tokens[j - 1]!.end;
    out.push({ start: sentenceStart, end });
    sentenceStart = -1;
    i = j - 1;
  }
  if (sentenceStart >= 0) out.push({ start: sentenceStart, end: lastEnd });

}

export const sentencesStage: StageFactory = () => ({
  name: "sentences",
  run(doc: Doc) {
    const out: Span[] = [];
    const dateline = doc.record.dateline;
    for (const b of blocks(doc)) {
      const from = tokenIndexAt(doc.tokens, b.start);
      let to = from;
      while (to < doc.tokens.length && doc.tokens[to]!.start < b.end) to++;
      splitBlock(doc.tokens, from, to, dateline, out);
    }
    doc.record.sentences = out;
  },
});
