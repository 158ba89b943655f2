/**
 * Token features of the attribution tagger (src/nlp/quotes/model.ts), as 32-bit hashes so the model is a flat
 * weight table. The same function serves training (scripts/train-attribution.ts) and the quotes stage, so what the
 * model saw in PolNeAR train is what it sees at run time: the word and its neighbours, quote marks, the sentence,
 * entity mentions, the nearest cue word left and right (a lexicon learned from train plus the hand list), and, when
 * the document has a parse (`Doc.syntax`), part of speech, relation, head and the relation path up to a cue word.
 */
import type { Span } from "../../record/schema.js";
import { tokenIndexAt, type Token } from "../../pipeline/tokens.js";
import type { SyntaxLayer } from "../../pipeline/types.js";
import { shape } from "../ner/features.js";
import { hash } from "../ner/hashing.js";
import { GenerationalCache } from "../../util/generational-cache.js";
import { FeatureRows } from "./model.js";

export interface FeatureInput {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Span[];
  /** Entity mentions (any order): their type is a feature of the tokens they cover. */
  mentions: readonly { start: number; end: number; type: string }[];
  syntax?: SyntaxLayer | undefined;
  /** Lower-case words (and lemmas) that are cues in train often enough, from the model file. */
  cueWords: ReadonlySet<string>;
  /** True for token i when the hand cue list matches there (data/quotes/cues.yaml). */
  handCue: (i: number) => boolean;
}

const OPEN = new Set(["“", "«", "‘"]);
const CLOSE = new Set(["”", "»", "’"]);
const BOTH = new Set(['"', "''", "``"]);

/** Per token: 1 when a line break lies between it and the token before (scanned in place, without slicing). */
export function lineBreaks(text: string, tokens: readonly Token[]): Uint8Array {
  const out = new Uint8Array(tokens.length);
  for (let i = 1; i < tokens.length; i++) {
    for (let c = tokens[i - 1]!.end, end = tokens[i]!.start; c < end; c++)
      if (text.charCodeAt(c) === 10) {
        out[i] = 1;
        break;
      }
  }
  return out;
}

/** Per token: inside a pair of quote marks (reset at each line break, as a quotation never runs across paragraphs). */
export function quoteState(text: string, tokens: readonly Token[], breaks: Uint8Array = lineBreaks(text, tokens)): Uint8Array {
  const inQ = new Uint8Array(tokens.length);
  let open = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (breaks[i]) open = false;
    const w = t.text;
    // Two apostrophes ('') stand for a double quote mark in some papers' text.
    if (w === "'" && tokens[i + 1]?.text === "'" && tokens[i + 1]!.start === t.end) {
      open = !open;
      inQ[i] = inQ[i + 1] = open ? 1 : 2;
      i++;
      continue;
    }
    // A closing ’ is an apostrophe unless it follows a word and precedes a space and something was opened with ‘.
    if (OPEN.has(w) && (w !== "‘" || !open)) open = true;
    else if (CLOSE.has(w) && open) {
      inQ[i] = 2; // the closing mark
      open = false;
      continue;
    } else if (BOTH.has(w)) {
      open = !open;
      if (!open) {
        inQ[i] = 2;
        continue;
      }
    }
    inQ[i] = open ? 1 : 0;
  }
  return inQ;
}

export const bucket = (d: number): string => (d <= 3 ? String(d) : d <= 5 ? "4-5" : d <= 10 ? "6-10" : d <= 20 ? "11-20" : ">20");

// Feature-name prefixes, hashed once; a feature is its prefix hash continued over its value.
const K = (name: string) => hash(`${name}=`);
const F = {
  bias: hash("bias"),
  w: K("w"),
  W: K("W"),
  s: K("s"),
  x3: K("x3"),
  wm1: K("w-1"),
  wp1: K("w+1"),
  wm2: K("w-2"),
  wp2: K("w+2"),
  bm: K("w-1w"),
  bp: K("ww+1"),
  q: K("q"),
  qm1: K("q-1"),
  qp1: K("q+1"),
  first: K("first"),
  last: K("last"),
  sp: K("spos"),
  ent: K("ent"),
  cue: K("cue"),
  hand: K("hand"),
  lc: K("lcue"),
  rc: K("rcue"),
  lcw: K("lcuew"),
  rcw: K("rcuew"),
  lcc: K("lcue,"),
  rcc: K("rcue,"),
  para: K("para"),
  up: K("upos"),
  upm1: K("upos-1"),
  upp1: K("upos+1"),
  lem: K("lemma"),
  rel: K("rel"),
  hrel: K("hlemma|rel"),
  hup: K("hupos"),
  anc: K("anc"),
  ancw: K("ancw"),
  kids: K("kids"),
  send: K("send"),
  lcs: K("lcue-send"),
  rcs: K("rcue-send"),
  lcomma: K("lcomma"),
  rcomma: K("rcomma"),
};

// Shapes repeat: computed once per distinct word (bounded), as the NER tagger's shape is a regex per character.
const shapeCache = new GenerationalCache<string>(200_000);
function shapeOf(w: string): string {
  let s = shapeCache.get(w);
  if (s === undefined) {
    s = shape(w);
    shapeCache.set(w, s);
  }
  return s;
}


const h2 = (prefix: number, a: string, b: string) => hash(b, hash("|", hash(a, prefix)));

/** For each token, the first token of its sentence and the token after its sentence's last (both sorted). */
export function sentenceBounds(tokens: readonly Token[], sentences: readonly Span[]): { sentStart: Int32Array; sentEnd: Int32Array } {
  const n = tokens.length;
  const sentStart = new Int32Array(n);
  const sentEnd = new Int32Array(n);
  for (let i = 0, s = 0; i < n; ) {
    while (s < sentences.length && sentences[s]!.end <= tokens[i]!.start) s++;
    const end = s < sentences.length && sentences[s]!.start <= tokens[i]!.start ? sentences[s]!.end : tokens[i]!.end;
    let j = i + 1;
    while (j < n && tokens[j]!.start < end) j++;
    for (let k = i; k < j; k++) {
      sentStart[k] = i;
      sentEnd[k] = j;
    }
    i = j;
  }
  return { sentStart, sentEnd };
}

/** What the features of one document are computed from, once per document. */
export interface DocContext {
  inp: FeatureInput;
  n: number;
  lower: string[];
  inQ: Uint8Array;
  sentStart: Int32Array;
  sentEnd: Int32Array;
  /** Entity type per token with B/I ("B-PERSON"), or null. */
  ent: (string | null)[];
  /** 1 for a cue candidate: a learned cue word (word or lemma) or the hand list. */
  isCue: Uint8Array;
  /** Running count of commas before each token, to test "a comma between i and j". */
  commaBefore: Int32Array;
  /** Word shape of each token ("Xx", "d"). */
  shapes: string[];
  /** Lower-case lemma of each token, when the features use the parse. */
  lemmas: string[] | null;
  /** 1 where a line break precedes the token (a paragraph starts). */
  breaks: Uint8Array;
}

export function docContext(inp: FeatureInput): DocContext {
  const { text, tokens, sentences, syntax, cueWords } = inp;
  const n = tokens.length;
  const lower = tokens.map((t) => t.text.toLowerCase());
  const { sentStart, sentEnd } = sentenceBounds(tokens, sentences);
  const ent: (string | null)[] = new Array<string | null>(n).fill(null);
  for (const m of inp.mentions) {
    for (let k = tokenIndexAt(tokens, m.start); k < n && tokens[k]!.start < m.end; k++) ent[k] = `${k > 0 && tokens[k - 1]!.start >= m.start ? "I" : "B"}-${m.type}`;
  }
  const lemmas = syntax ? syntax.lemma.map((l) => l.toLowerCase()) : null;
  const isCue = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (cueWords.has(lower[i]!) || (lemmas && cueWords.has(lemmas[i]!)) || inp.handCue(i)) isCue[i] = 1;
  }
  const commaBefore = new Int32Array(n);
  for (let i = 0, c = 0; i < n; i++) {
    commaBefore[i] = c;
    if (tokens[i]!.text === ",") c++;
  }
  const shapes = tokens.map((t) => shapeOf(t.text));
  const breaks = lineBreaks(text, tokens);
  return { inp, n, lower, inQ: quoteState(text, tokens, breaks), sentStart, sentEnd, ent, isCue, commaBefore, shapes, lemmas, breaks };
}

const BUCKETS = ["0", "1", "2", "3", "4-5", "6-10", "11-20", ">20"];
const bucketIndex = (d: number) => (d <= 3 ? d : d <= 5 ? 4 : d <= 10 ? 5 : d <= 20 ? 6 : 7);
/** hash(bucket(d), seed) for each bucket, by bucketIndex(d); d < 0 only where bucket(d) is String(d) (never here). */
const byBucket = (seed: number, suffix = "") => Uint32Array.from(BUCKETS, (b) => hash(`${b}${suffix}`, seed));
const SP_H = byBucket(F.sp);
const SEND_H = byBucket(F.send);
const LCOMMA_H = byBucket(F.lcomma);
const RCOMMA_H = byBucket(F.rcomma);
const LC_H = byBucket(F.lc);
const RC_H = byBucket(F.rc);
/** [comma ? 1 : 0][bucket]: hash(`${bucket}${comma}`, seed). */
const LCS_H = [byBucket(F.lcs), byBucket(F.lcs, ",")];
const RCS_H = [byBucket(F.rcs), byBucket(F.rcs, ",")];
/** Quote states 0–2 and 9 (no neighbour), hashed with their prefixes. */
const qTable = (seed: number) => Uint32Array.from({ length: 10 }, (_, v) => hash(String(v), seed));
const Q_H = qTable(F.q);
const QM1_H = qTable(F.qm1);
const QP1_H = qTable(F.qp1);
/** [comma ? 1 : 0][quote state]: hash(`${comma}${q}`, seed). */
const commaQ = (seed: number) => [0, 1].map((c) => Uint32Array.from({ length: 3 }, (_, q) => hash(`${c ? "," : ""}${q}`, seed)));
const LCC_H = commaQ(F.lcc);
const RCC_H = commaQ(F.rcc);

// A word's hashes, by index: F.w, F.wm1, F.wp1, F.wm2, F.wp2, hash("|", hash(w, F.bm)), F.cue, F.lcw, F.rcw, its last
// three characters with F.x3, and hash("|", hash(w, F.bp)) (the bigram with the next word, continued over that word).
const [W, WM1, WP1, WM2, WP2, BM, CUE, LCW, RCW, X3, BP] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const wordCache = new GenerationalCache<Uint32Array>(200_000);
function wordHashes(w: string): Uint32Array {
  let h = wordCache.get(w);
  if (h === undefined) {
    h = Uint32Array.of(hash(w, F.w), hash(w, F.wm1), hash(w, F.wp1), hash(w, F.wm2), hash(w, F.wp2), hash("|", hash(w, F.bm)), hash(w, F.cue), hash(w, F.lcw), hash(w, F.rcw), hash(w.slice(-3), F.x3), hash("|", hash(w, F.bp)));
    wordCache.set(w, h);
  }
  return h;
}

/** Features of every token of the document, in token order (as lists, for training). */
export function documentFeatures(ctx: DocContext): number[][] {
  return documentFeatureRows(ctx).toArrays();
}

/** Features of every token of the document, in token order (into `into` when given, emptied first). */
export function documentFeatureRows(ctx: DocContext, into?: FeatureRows): FeatureRows {
  const { inp, n, lower, inQ, sentStart, sentEnd, ent, isCue, commaBefore, breaks } = ctx;
  const { tokens, syntax } = inp;
  // Nearest cue candidate to the left and right within the sentence (not the token itself).
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (i > sentStart[i]!) left[i] = isCue[i - 1] ? i - 1 : left[i - 1]!;
  for (let i = n - 1; i >= 0; i--) if (i + 1 < sentEnd[i]!) right[i] = isCue[i + 1] ? i + 1 : right[i + 1]!;
  // Nearest comma (or colon) to the left and right within the sentence.
  const lComma = new Int32Array(n).fill(-1);
  const rComma = new Int32Array(n).fill(-1);
  const comma = new Uint8Array(n);
  for (let k = 0; k < n; k++) comma[k] = COMMA_LIKE.test(tokens[k]!.text) ? 1 : 0;
  for (let i = 0; i < n; i++) if (i > sentStart[i]!) lComma[i] = comma[i - 1] ? i - 1 : lComma[i - 1]!;
  for (let i = n - 1; i >= 0; i--) if (i + 1 < sentEnd[i]!) rComma[i] = comma[i + 1] ? i + 1 : rComma[i + 1]!;
  const word = (k: number) => (k < 0 ? "<s>" : k >= n ? "</s>" : lower[k]!);
  // Each word's hashes with the prefixes it is used with (itself, a neighbour, a bigram's half, a cue word), kept
  // per distinct word across documents, as words repeat.
  const wh: Uint32Array[] = new Array<Uint32Array>(n);
  for (let k = 0; k < n; k++) wh[k] = wordHashes(lower[k]!);
  const wm1H = new Uint32Array(n + 1); // [k + 1]: word k as the previous word (k = -1: "<s>")
  const wp1H = new Uint32Array(n + 1); // [k]: word k as the next word (k = n: "</s>")
  const wm2H = new Uint32Array(n + 2); // [k + 2]: word k two before (k < 0: "<s>")
  const wp2H = new Uint32Array(n + 2); // [k]: word k two after (k >= n: "</s>")
  const bmLeft = new Uint32Array(n + 1); // [k + 1]: hash("|", hash(word k, F.bm))
  for (let k = 0; k < n; k++) {
    const h = wh[k]!;
    wm1H[k + 1] = h[WM1]!;
    wp1H[k] = h[WP1]!;
    wm2H[k + 2] = h[WM2]!;
    wp2H[k] = h[WP2]!;
    bmLeft[k + 1] = h[BM]!;
  }
  const start = wordHashes("<s>");
  const end = wordHashes("</s>");
  wm1H[0] = start[WM1]!;
  wm2H[0] = wm2H[1] = start[WM2]!;
  bmLeft[0] = start[BM]!;
  wp1H[n] = end[WP1]!;
  wp2H[n] = wp2H[n + 1] = end[WP2]!;
  const f = into ? into.reset(n * ROW_SIZE, n) : new FeatureRows(n * ROW_SIZE, n);
  for (let i = 0; i < n; i++) {
    const w = lower[i]!;
    const q = inQ[i]!;
    f.push(F.bias);
    f.push(wh[i]![W]!);
    f.push(hash(ctx.shapes[i]!, F.s));
    f.push(wh[i]![X3]!);
    f.push(wm1H[i]!);
    f.push(wp1H[i + 1]!);
    f.push(wm2H[i]!);
    f.push(wp2H[i + 2]!);
    f.push(hash(w, bmLeft[i]!));
    f.push(hash(word(i + 1), wh[i]![BP]!)); // h2(F.bp, w, next word)
    f.push(Q_H[q]!);
    f.push(QM1_H[i > 0 ? inQ[i - 1]! : 9]!);
    f.push(QP1_H[i + 1 < n ? inQ[i + 1]! : 9]!);
    f.push(SP_H[bucketIndex(i - sentStart[i]!)]!);
    f.push(SEND_H[bucketIndex(sentEnd[i]! - 1 - i)]!);
    if (lComma[i]! >= 0) f.push(LCOMMA_H[bucketIndex(i - lComma[i]!)]!);
    if (rComma[i]! >= 0) f.push(RCOMMA_H[bucketIndex(rComma[i]! - i)]!);
    if (i === sentStart[i]) f.push(F.first);
    if (i === sentEnd[i]! - 1) f.push(F.last);
    if (breaks[i]) f.push(F.para);
    if (ent[i]) f.push(hash(ent[i]!, F.ent));
    if (isCue[i]) f.push(wh[i]![CUE]!);
    if (inp.handCue(i)) f.push(F.hand);
    const l = left[i]!;
    if (l >= 0) {
      const c = commaBefore[i]! > commaBefore[l + 1]! ? 1 : 0;
      f.push(LC_H[bucketIndex(i - l)]!);
      f.push(wh[l]![LCW]!);
      f.push(LCC_H[c]![q]!);
      f.push(LCS_H[c]![bucketIndex(sentEnd[i]! - 1 - l)]!);
    }
    const r = right[i]!;
    if (r >= 0) {
      const c = commaBefore[r]! > commaBefore[i + 1]! ? 1 : 0;
      f.push(RC_H[bucketIndex(r - i)]!);
      f.push(wh[r]![RCW]!);
      f.push(RCC_H[c]![q]!);
      f.push(RCS_H[c]![bucketIndex(sentEnd[i]! - 1 - r)]!);
    }
    if (syntax) syntaxFeatures(syntax, ctx.lemmas!, i, n, isCue, f);
    f.end();
  }
  return f;
}
// About as many features as a token has with a parse: the rows' first size, so they are not grown and copied.
const ROW_SIZE = 44;
const COMMA_LIKE = /^[,:;]$/;
const KID_RELS = ["nsubj", "ccomp", "parataxis", "obj", "xcomp", "obl", "advcl"];
const KID_H = KID_RELS.map((r) => hash(r, F.kids));
/** A relation's bit in a set of KID_RELS (by its part before ":"), 0 for the others; remembered per relation. */
const kidBits = new Map<string, number>();
function kidBit(rel: string): number {
  let b = kidBits.get(rel);
  if (b === undefined) {
    const r = KID_RELS.indexOf(rel.split(":")[0]!);
    b = r < 0 ? 0 : 1 << r;
    kidBits.set(rel, b);
  }
  return b;
}
/** Per relation, hash(`${rel}|${bucket(depth)}`, F.anc) for depths 0–8 (the path feature up to a cue word). */
const ancCache = new Map<string, Uint32Array>();
function ancHashes(rel: string): Uint32Array {
  let h = ancCache.get(rel);
  if (h === undefined) {
    h = Uint32Array.from({ length: 9 }, (_, depth) => hash(`${rel}|${bucket(depth)}`, F.anc));
    ancCache.set(rel, h);
  }
  return h;
}

/** Part of speech, relation, head, and the relation by which the token hangs (through any path) from a cue word. */
function syntaxFeatures(sx: SyntaxLayer, lemmas: readonly string[], i: number, n: number, isCue: Uint8Array, f: FeatureRows): void {
  const up = (k: number) => (k < 0 || k >= n ? "<s>" : sx.upos[k]!);
  const h = sx.head[i]!;
  f.push(hash(sx.upos[i]!, F.up));
  f.push(hash(up(i - 1), F.upm1));
  f.push(hash(up(i + 1), F.upp1));
  f.push(hash(lemmas[i]!, F.lem));
  f.push(hash(sx.deprel[i]!, F.rel));
  f.push(h2(F.hrel, h >= 0 ? lemmas[h]! : "<root>", sx.deprel[i]!));
  f.push(hash(h >= 0 ? sx.upos[h]! : "<root>", F.hup));
  // Walk up at most 8 heads to the first cue word: the relation of the child on the path says source or content.
  let child = i;
  for (let a = h, depth = 1; a >= 0 && depth <= 8; child = a, a = sx.head[a]!, depth++) {
    if (!isCue[a]) continue;
    const rel = sx.deprel[child]!;
    f.push(ancHashes(rel)[depth]!);
    f.push(h2(F.ancw, lemmas[a]!, rel));
    break;
  }
  if (isCue[i]) {
    // Which dependents a cue word has (a subject, a clause, an object): whether it reports something.
    let kids = 0;
    for (let k = Math.max(0, i - 30); k < Math.min(n, i + 30); k++) if (sx.head[k] === i) kids |= kidBit(sx.deprel[k]!);
    for (let r = 0; r < KID_RELS.length; r++) if (kids & (1 << r)) f.push(KID_H[r]!);
  }
}
