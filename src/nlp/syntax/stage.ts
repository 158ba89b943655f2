/**
 * The `syntax` stage: part of speech, lemma and dependency parse of the shared tokens, sentence by sentence (heads
 * never cross a sentence of the `sentences` layer; tokens outside every sentence are parsed as units of their own).
 * The model loads on the first article, once per process.
 */
import type { Span } from "../../record/schema.js";
import { tokenIndexAt, type Token } from "../../pipeline/tokens.js";
import type { Doc, StageFactory, SyntaxLayer } from "../../pipeline/types.js";
import { loadSyntaxModel, type Analysis, type SyntaxModel } from "./model.js";

// Typographic quotes read as the treebanks mostly write them (straight), so "’s" is the known "'s".
const CURLY = /[‘’“”]/g;
const STRAIGHT: Record<string, string> = { "‘": "'", "’": "'", "“": '"', "”": '"' };
const formOf = (t: Token) => {
  const s = t.text;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d) return s.replace(CURLY, (ch) => STRAIGHT[ch]!);
  }
  return s;
};

let scratch: Analysis = { tags: new Uint8Array(512), heads: new Int32Array(512), labels: new Uint8Array(512) };
const forms: string[] = [];

/** Tags and parses `tokens` unit by unit (the sentences, and any tokens between them). */
export function analyseTokens(model: SyntaxModel, tokens: readonly Token[], sentences: readonly Span[]): SyntaxLayer {
  const n = tokens.length;
  const layer: SyntaxLayer = { upos: new Array<string>(n), xpos: new Array<string>(n), lemma: new Array<string>(n), head: new Int32Array(n), deprel: new Array<string>(n) };
  const unit = (a: number, b: number) => {
    const len = b - a;
    if (len <= 0) return;
    if (len > scratch.tags.length) scratch = { tags: new Uint8Array(2 * len), heads: new Int32Array(2 * len), labels: new Uint8Array(2 * len) };
    forms.length = len;
    for (let i = 0; i < len; i++) forms[i] = formOf(tokens[a + i]!);
    model.analyse(forms, scratch);
    for (let i = 0; i < len; i++) {
      const t = scratch.tags[i]!;
      layer.upos[a + i] = model.upos[t]!;
      layer.xpos[a + i] = model.xpos[t]!;
      layer.lemma[a + i] = model.lemmaAt(i, t);
      const h = scratch.heads[i]!;
      layer.head[a + i] = h < 0 ? -1 : a + h;
      layer.deprel[a + i] = model.labels[scratch.labels[i]!]!;
    }
  };
  for (const [a, b] of units(tokens, sentences)) unit(a, b);
  return layer;
}

/** The token ranges [from, to) parsed as one unit each: every sentence, and any run of tokens between sentences. */
export function units(tokens: readonly Token[], sentences: readonly Span[]): [number, number][] {
  const out: [number, number][] = [];
  const n = tokens.length;
  let at = 0;
  for (const s of sentences) {
    const a = Math.max(at, tokenIndexAt(tokens, s.start));
    let b = a;
    while (b < n && tokens[b]!.start < s.end) b++;
    if (at < a) out.push([at, a]);
    if (a < b) out.push([a, b]);
    at = b;
  }
  if (at < n) out.push([at, n]);
  return out;
}

export const syntaxStage: StageFactory = () => ({
  name: "syntax",
  run(doc: Doc) {
    doc.syntax = analyseTokens(loadSyntaxModel(), doc.tokens, doc.record.sentences);
  },
});
