/**
 * Features of the cue taggers, which tag the tokens around one cue for that cue's source and for its content
 * (two models over the same features): where the token
 * stands from the cue (side, distance, commas, quote marks and other cue words between), the cue's word, the
 * token's word, shape and entity type, how much of the sentence follows the cue, and, with a parse, the dependency
 * path between token and cue (the subject of the cue verb or of the verb it depends on, the object of "according
 * to", a passive agent, the clause the cue verb governs).
 */
import type { SyntaxLayer } from "../../pipeline/types.js";
import { hash } from "../ner/hashing.js";
import type { TokenSpan } from "./assemble.js";
import { GenerationalCache } from "../../util/generational-cache.js";
import { FeatureRows } from "./model.js";
import { bucket, type DocContext } from "./features.js";

/** Tokens either side of the cue a source or content is looked for in (within the cue's sentence). */
export const CUE_WINDOW = 50;

const K = (name: string) => hash(`src:${name}=`);
const F = {
  bias: K("bias"),
  side: K("side"),
  w: K("w"),
  wm1: K("w-1"),
  wp1: K("w+1"),
  s: K("s"),
  ent: K("ent"),
  entd: K("ent|d"),
  cw: K("cuew"),
  cwd: K("cuew|d"),
  cwe: K("cuew|ent"),
  between: K("between"),
  q: K("q"),
  first: K("first"),
  path: K("path"),
  rest: K("rest"),
  next: K("next"),
  last: K("last"),
  pathw: K("path|cuew"),
  rel: K("rel"),
  up: K("upos"),
};

/** The token range a cue's source and content are looked for in: its sentence, at most CUE_WINDOW tokens either side. */
export function cueWindow(ctx: DocContext, cue: TokenSpan): TokenSpan {
  return { from: Math.max(ctx.sentStart[cue.from]!, cue.from - CUE_WINDOW), to: Math.min(ctx.sentEnd[cue.from]!, cue.to + CUE_WINDOW) };
}

/** Per token, the parts of its features that do not depend on the cue, hashed once per document. */
interface TokenParts {
  w: Uint32Array;
  wSep: Uint32Array;
  wm1: Uint32Array;
  wp1: Uint32Array;
  shape: Uint32Array;
  ent: Uint32Array;
  entd: Uint32Array;
  /** hash(ent, ·) continued from the "cuew|ent" seed is per cue; the entity string is kept for it. */
  entText: string[];
  /** 1 for a double quote mark (counted between a token and the cue). */
  quote: Uint8Array;
  rel: Uint32Array | null;
  up: Uint32Array | null;
}
const partsCache = new WeakMap<DocContext, TokenParts>();
/** hash(a, prefix) continued over "|": h2(prefix, a, b) is then hash(b, sep(prefix, a)). */
const sep = (prefix: number, a: string) => hash("|", hash(a, prefix));
/** One FNV-1a step: hash(String.fromCharCode(c), h), without the string. */
const step = (h: number, c: number) => Math.imul(h ^ c, 0x01000193) >>> 0;
const PIPE = "|".charCodeAt(0);

/** A word's hashes as the token (w), its left neighbour (w-1) and its right neighbour (w+1), kept per distinct word. */
const wordCache = new GenerationalCache<Uint32Array>(200_000);
function wordParts(w: string): Uint32Array {
  let h = wordCache.get(w);
  if (h === undefined) {
    h = Uint32Array.of(hash(w, F.w), sep(F.wm1, w), sep(F.wp1, w));
    wordCache.set(w, h);
  }
  return h;
}
const START_WM1 = sep(F.wm1, "<s>");
const END_WP1 = sep(F.wp1, "</s>");

function tokenParts(ctx: DocContext): TokenParts {
  const hit = partsCache.get(ctx);
  if (hit) return hit;
  const { n, lower, ent, shapes } = ctx;
  const { syntax: sx, tokens } = ctx.inp;
  const parts: TokenParts = {
    w: new Uint32Array(n),
    wSep: new Uint32Array(n),
    wm1: new Uint32Array(n),
    wp1: new Uint32Array(n),
    shape: new Uint32Array(n),
    ent: new Uint32Array(n),
    entd: new Uint32Array(n),
    entText: new Array<string>(n),
    quote: new Uint8Array(n),
    rel: sx ? new Uint32Array(n) : null,
    up: sx ? new Uint32Array(n) : null,
  };
  for (let i = 0; i < n; i++) {
    const wh = wordParts(lower[i]!);
    const w = wh[0]!;
    parts.w[i] = w;
    parts.wSep[i] = step(w, PIPE);
    // Word i is the left neighbour of i + 1 and the right neighbour of i - 1.
    if (i + 1 < n) parts.wm1[i + 1] = wh[1]!;
    if (i > 0) parts.wp1[i - 1] = wh[2]!;
    parts.shape[i] = sep(F.s, shapes[i]!);
    const e = ent[i] ?? "-";
    parts.entText[i] = e;
    parts.ent[i] = sep(F.ent, e);
    parts.entd[i] = sep(F.entd, e);
    parts.quote[i] = QUOTE_MARK.test(tokens[i]!.text) ? 1 : 0;
    if (sx) {
      parts.rel![i] = sep(F.rel, sx.deprel[i]!);
      parts.up![i] = sep(F.up, sx.upos[i]!);
    }
  }
  if (n > 0) {
    parts.wm1[0] = START_WM1;
    parts.wp1[n - 1] = END_WP1;
  }
  partsCache.set(ctx, parts);
  return parts;
}
const QUOTE_MARK = /^["“”«»]$/;
// About as many features as a token of a cue window has with a parse: the rows' first size.
const ROW_SIZE = 24;

// The sides of a token from the cue, as the feature strings spell them, and the distance buckets (features.ts).
const SIDES = ["L", "R", "C"] as const;
const SIDE_CODE = SIDES.map((x) => x.charCodeAt(0));
const BUCKETS = ["0", "1", "2", "3", "4-5", "6-10", "11-20", ">20"];
const bucketIndex = (d: number) => (d <= 3 ? d : d <= 5 ? 4 : d <= 10 ? 5 : d <= 20 ? 6 : 7);
/** hash(`${side}${bucket}`, seed) for every side and bucket, indexed side * 8 + bucket index (made per cue). */
function sideBucket(seed: number): Uint32Array {
  const out = new Uint32Array(24);
  for (let x = 0; x < 3; x++) {
    const h = step(seed, SIDE_CODE[x]!);
    for (let b = 0; b < 8; b++) out[x * 8 + b] = hash(BUCKETS[b]!, h);
  }
  return out;
}
const SIDE_H = sideBucket(F.side);
/** hash(`${side}${commas}${cues}${quotes}`, F.between), indexed [side][commas * 9 + cues * 3 + quotes]. */
const BETWEEN_H = SIDES.map((x) => Uint32Array.from({ length: 27 }, (_, k) => hash(`${x}${Math.floor(k / 9)}${Math.floor(k / 3) % 3}${k % 3}`, F.between)));
const Q_H = SIDES.map((x) => Uint32Array.from({ length: 3 }, (_, q) => hash(`${x}${q}`, F.q)));
const FIRST_H = SIDES.map((x) => hash(x, F.first));
const LAST_H = SIDES.map((x) => hash(x, F.last));

/** A cue word's seeds, per side (L, R, C): the cue's own prefixes continued over the side letter (and bucket). */
interface CueSeeds {
  cwS: number[];
  cwdS: Uint32Array;
  cweS: number[];
  pathw: number;
}
// Cue words repeat ("said" most of all): their seeds are kept per word rather than made per cue.
const seedCache = new GenerationalCache<CueSeeds>(20_000);
function cueSeeds(cueWord: string): CueSeeds {
  let s = seedCache.get(cueWord);
  if (s === undefined) {
    const cw = sep(F.cw, cueWord);
    const cwe = sep(F.cwe, cueWord);
    s = { cwS: SIDE_CODE.map((c) => step(cw, c)), cwdS: sideBucket(sep(F.cwd, cueWord)), cweS: SIDE_CODE.map((c) => step(cwe, c)), pathw: sep(F.pathw, cueWord) };
    seedCache.set(cueWord, s);
  }
  return s;
}
/** The word after the cue, as sideBucket(sep(F.next, word)), kept per word. */
const nextCache = new GenerationalCache<Uint32Array>(20_000);
function nextSeeds(word: string): Uint32Array {
  let s = nextCache.get(word);
  if (s === undefined) {
    s = sideBucket(sep(F.next, word));
    nextCache.set(word, s);
  }
  return s;
}
/** hash(`${side}${bucket(rest)}${commas}`, F.rest), indexed [side][commas]; a table per bucket, made once. */
const restTable = (rest: string) => SIDES.map((x) => Uint32Array.from({ length: 3 }, (_, c) => hash(`${x}${rest}${c}`, F.rest)));
const REST_H = BUCKETS.map(restTable);
// A cue running past its sentence's end leaves a negative rest, which bucket() spells as the number.
const restHashes = (rest: number) => (rest >= 0 ? REST_H[bucketIndex(rest)]! : restTable(bucket(rest)));

/** Continues FNV-1a from h over `${rel}|${up}|${down}` (up and down single digits), without the string. */
function pathHash(h: number, rel: string, up: number, down: number): number {
  h = hash(rel, h);
  return step(step(step(step(h, PIPE), 48 + up), PIPE), 48 + down);
}

/** Features of each token of `win` for the source and content of `cue` (as lists, for training). */
export function cueFeatures(ctx: DocContext, cue: TokenSpan, win: TokenSpan): number[][] {
  return cueFeatureRows(ctx, cue, win).toArrays();
}

/** Features of each token of `win` for the source and content of `cue` (into `into` when given, emptied first). */
export function cueFeatureRows(ctx: DocContext, cue: TokenSpan, win: TokenSpan, into?: FeatureRows): FeatureRows {
  const { lower, inQ, isCue, commaBefore, sentStart, sentEnd } = ctx;
  const { syntax } = ctx.inp;
  const parts = tokenParts(ctx);
  const { cwS, cwdS, cweS, pathw } = cueSeeds(lower[cue.from]!);
  // How much of the sentence follows the cue ("…, Kyodo said on Tuesday." has the content before), what comes next.
  const restS = restHashes(sentEnd[cue.from]! - cue.to);
  const nextS = nextSeeds(cue.to < ctx.n ? lower[cue.to]! : "</s>");
  const cueHead = syntax ? headOf(syntax, cue) : -1;
  const cueUp = syntax && cueHead >= 0 ? ancestors(syntax, cueHead) : null;
  // Cue candidates and quote marks before each token of the window, to count those between a token and the cue.
  const cuesBefore = new Int32Array(win.to - win.from + 1);
  const quotesBefore = new Int32Array(win.to - win.from + 1);
  for (let k = win.from; k < win.to; k++) {
    const at = k - win.from;
    cuesBefore[at + 1] = cuesBefore[at]! + (isCue[k] && (k < cue.from || k >= cue.to) ? 1 : 0);
    quotesBefore[at + 1] = quotesBefore[at]! + parts.quote[k]!;
  }
  const size = win.to - win.from;
  const f = into ? into.reset(size * ROW_SIZE, size) : new FeatureRows(size * ROW_SIZE, size);
  for (let i = win.from; i < win.to; i++) {
    const side = i < cue.from ? 0 : i >= cue.to ? 1 : 2;
    const sc = SIDE_CODE[side]!;
    const d = side === 0 ? cue.from - i : side === 1 ? i - cue.to + 1 : 0;
    const bi = bucketIndex(d);
    const b = BUCKETS[bi]!;
    // What lies between the token and the cue: commas, other cue words, quote marks (capped at 2).
    const from = side === 0 ? i + 1 : side === 1 ? cue.to : i;
    const to = side === 0 ? cue.from : i;
    const lo = Math.min(from, to);
    const commas = Math.min(2, Math.max(0, commaBefore[to]! - commaBefore[lo]!));
    const cues = Math.min(2, cuesBefore[to - win.from]! - cuesBefore[lo - win.from]!);
    const quotes = Math.min(2, quotesBefore[to - win.from]! - quotesBefore[lo - win.from]!);
    f.push(F.bias);
    f.push(SIDE_H[side * 8 + bi]!);
    f.push(step(parts.wSep[i]!, sc));
    f.push(parts.w[i]!);
    f.push(step(parts.wm1[i]!, sc));
    f.push(step(parts.wp1[i]!, sc));
    f.push(hash(b, step(parts.shape[i]!, sc)));
    f.push(step(parts.ent[i]!, sc));
    f.push(hash(b, step(parts.entd[i]!, sc)));
    f.push(cwS[side]!);
    f.push(cwdS[side * 8 + bi]!);
    f.push(hash(parts.entText[i]!, cweS[side]!));
    f.push(BETWEEN_H[side]![commas * 9 + cues * 3 + quotes]!);
    f.push(Q_H[side]![inQ[i]!]!);
    if (i === sentStart[i]) f.push(FIRST_H[side]!);
    if (i === sentEnd[i]! - 1) f.push(LAST_H[side]!);
    f.push(restS[side]![commas]!);
    f.push(nextS[side * 8 + bi]!);
    if (syntax && cueUp) {
      f.push(step(parts.rel![i]!, sc));
      f.push(hash(b, step(parts.up![i]!, sc)));
      pathFeatures(syntax, i, cueUp, pathw, f);
    }
    f.end();
  }
  return f;
}

/** The token of the cue whose head lies outside it (the first such). */
function headOf(sx: SyntaxLayer, cue: TokenSpan): number {
  for (let k = cue.from; k < cue.to; k++) {
    const h = sx.head[k]!;
    if (h < cue.from || h >= cue.to) return k;
  }
  return cue.from;
}

/** The cue head's ancestors (itself first), at most 4 steps up. */
function ancestors(sx: SyntaxLayer, t: number): number[] {
  const out = [t];
  for (let a = sx.head[t]!; a >= 0 && out.length < 5; a = sx.head[a]!) out.push(a);
  return out;
}

/**
 * The path from token i up to the lowest ancestor it shares with the cue head: the relation by which i's branch
 * hangs there and the steps on each side ("nsubj|1|0": the cue's subject; "nsubj|1|1": the subject of the verb the
 * cue depends on), as the features path=… and path|cuew=…; none beyond 4 steps up from the token.
 */
function pathFeatures(sx: SyntaxLayer, i: number, cueUp: readonly number[], pathw: number, f: FeatureRows): void {
  let child = -1;
  for (let a = i, up = 0; a >= 0 && up <= 4; child = a, a = sx.head[a]!, up++) {
    const down = cueUp.indexOf(a);
    if (down < 0) continue;
    const rel = child < 0 ? "self" : sx.deprel[child]!;
    f.push(pathHash(F.path, rel, up, down));
    f.push(pathHash(pathw, rel, up, down));
    return;
  }
}
