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
  rel: Uint32Array | null;
  up: Uint32Array | null;
}
const partsCache = new WeakMap<DocContext, TokenParts>();
/** hash(a, prefix) continued over "|": h2(prefix, a, b) is then hash(b, sep(prefix, a)). */
const sep = (prefix: number, a: string) => hash("|", hash(a, prefix));

function tokenParts(ctx: DocContext): TokenParts {
  const hit = partsCache.get(ctx);
  if (hit) return hit;
  const { n, lower, ent, shapes } = ctx;
  const sx = ctx.inp.syntax;
  const make = (f: (i: number) => number) => Uint32Array.from({ length: n }, (_, i) => f(i));
  const parts: TokenParts = {
    w: make((i) => hash(lower[i]!, F.w)),
    wSep: make((i) => sep(F.w, lower[i]!)),
    wm1: make((i) => sep(F.wm1, i > 0 ? lower[i - 1]! : "<s>")),
    wp1: make((i) => sep(F.wp1, i + 1 < n ? lower[i + 1]! : "</s>")),
    shape: make((i) => sep(F.s, shapes[i]!)),
    ent: make((i) => sep(F.ent, ent[i] ?? "-")),
    entd: make((i) => sep(F.entd, ent[i] ?? "-")),
    rel: sx ? make((i) => sep(F.rel, sx.deprel[i]!)) : null,
    up: sx ? make((i) => sep(F.up, sx.upos[i]!)) : null,
  };
  partsCache.set(ctx, parts);
  return parts;
}

/** Hashes of short keys (side, distance, counts), shared by every document. */
const small = new Map<string, number>();
function memo(prefix: number, key: string): number {
  const k = `${prefix}:${key}`;
  let h = small.get(k);
  if (h === undefined) {
    h = hash(key, prefix);
    if (small.size < 100_000) small.set(k, h);
  }
  return h;
}

/** Features of each token of `win` for the source and content of `cue`. */
export function cueFeatures(ctx: DocContext, cue: TokenSpan, win: TokenSpan): number[][] {
  const { lower, inQ, ent, isCue, commaBefore, inp } = ctx;
  const { tokens, syntax } = inp;
  const parts = tokenParts(ctx);
  const cueWord = lower[cue.from]!;
  const cw = sep(F.cw, cueWord);
  const cwd = sep(F.cwd, cueWord);
  const cwe = sep(F.cwe, cueWord);
  const pathw = sep(F.pathw, cueWord);
  // How much of the sentence follows the cue ("…, Kyodo said on Tuesday." has the content before), what comes next.
  const rest = bucket(ctx.sentEnd[cue.from]! - cue.to);
  const next = sep(F.next, cue.to < ctx.n ? lower[cue.to]! : "</s>");
  const cueHead = syntax ? headOf(syntax, cue) : -1;
  const cueUp = syntax && cueHead >= 0 ? ancestors(syntax, cueHead) : null;
  // Cue candidates and quote marks before each token of the window, to count those between a token and the cue.
  const cuesBefore = new Int32Array(win.to - win.from + 1);
  const quotesBefore = new Int32Array(win.to - win.from + 1);
  for (let k = win.from; k < win.to; k++) {
    const at = k - win.from;
    cuesBefore[at + 1] = cuesBefore[at]! + (isCue[k] && (k < cue.from || k >= cue.to) ? 1 : 0);
    quotesBefore[at + 1] = quotesBefore[at]! + (/^["“”«»]$/.test(tokens[k]!.text) ? 1 : 0);
  }
  const out: number[][] = [];
  for (let i = win.from; i < win.to; i++) {
    const side = i < cue.from ? "L" : i >= cue.to ? "R" : "C";
    const d = side === "L" ? cue.from - i : side === "R" ? i - cue.to + 1 : 0;
    const sd = `${side}${bucket(d)}`;
    // What lies between the token and the cue: commas, other cue words, quote marks (capped at 2).
    const [a, b] = side === "L" ? [i + 1, cue.from] : side === "R" ? [cue.to, i] : [i, i];
    const commas = Math.min(2, Math.max(0, commaBefore[b]! - commaBefore[Math.min(a, b)]!));
    const cues = Math.min(2, cuesBefore[b - win.from]! - cuesBefore[Math.min(a, b) - win.from]!);
    const quotes = Math.min(2, quotesBefore[b - win.from]! - quotesBefore[Math.min(a, b) - win.from]!);
    const f = [
      F.bias,
      memo(F.side, sd),
      hash(side, parts.wSep[i]!),
      parts.w[i]!,
      hash(side, parts.wm1[i]!),
      hash(side, parts.wp1[i]!),
      hash(sd, parts.shape[i]!),
      hash(side, parts.ent[i]!),
      hash(sd, parts.entd[i]!),
      hash(side, cw),
      hash(sd, cwd),
      hash(`${side}${ent[i] ?? "-"}`, cwe),
      memo(F.between, `${side}${commas}${cues}${quotes}`),
      memo(F.q, `${side}${inQ[i]}`),
    ];
    if (i === ctx.sentStart[i]) f.push(memo(F.first, side));
    if (i === ctx.sentEnd[i]! - 1) f.push(memo(F.last, side));
    f.push(memo(F.rest, `${side}${rest}${commas}`), hash(sd, next));
    if (syntax && cueUp) {
      f.push(hash(side, parts.rel![i]!), hash(sd, parts.up![i]!));
      const p = path(syntax, i, cueUp);
      if (p) f.push(memo(F.path, p), hash(p, pathw));
    }
    out.push(f);
  }
  return out;
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
 * cue depends on). Null beyond 4 steps up from the token.
 */
function path(sx: SyntaxLayer, i: number, cueUp: readonly number[]): string | null {
  let child = -1;
  for (let a = i, up = 0; a >= 0 && up <= 4; child = a, a = sx.head[a]!, up++) {
    const down = cueUp.indexOf(a);
    if (down < 0) continue;
    const rel = child < 0 ? "self" : sx.deprel[child]!;
    return `${rel}|${up}|${down}`;
  }
  return null;
}
