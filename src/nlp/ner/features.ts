/**
 * Features of the NER tagger, as 32-bit hashes (data/models/README.md lists the templates). What depends on a word
 * alone (its forms, shape, affixes, Brown-cluster prefixes, dictionary lists) is computed once per distinct word
 * and cached; what depends on context (neighbours, dictionary names across words, an all-capitals headline) is
 * combined from the cached integer hashes. Features fill a reusable buffer: no allocation per token.
 */
import type { Clusters } from "../clusters/clusters.js";
import { GenerationalCache } from "../../util/generational-cache.js";
import { hash, mix, template } from "./hashing.js";
import { Lexicon } from "./lexicon.js";
import { T } from "./tags.js";

/** Brown-cluster path prefixes used as features (Ratinov & Roth 2009 use 4, 6, 10, 20). */
const PREFIXES = [4, 6, 10, 20] as const;

const S = Object.fromEntries(
  [
    "b", "w", "W", "s", "p1", "p2", "p3", "p4", "x1", "x2", "x3", "x4", "c4", "c6", "c10", "c20", "c?", "place", "given", "org",
    "w-1", "w+1", "w-2", "w+2", "w-1w", "ww+1", "s-1", "s+1", "s-1s", "ss+1", "s-1ss+1", "c-1", "c+1", "c6-1", "c6+1",
    "first", "hl-s", "hl-w", "hl-c", "given-1", "org+1", "org+2", "gaz", "gaz-1", "gaz+1",
  ].map((k) => [k, template(k)]),
) as Record<string, number>;

/** "Putin" → "Xx", "U.S." → "X.X.", "1956" → "d", "NATO" → "X", "al-Aqsa" → "x-Xx". */
export function shape(w: string): string {
  let out = "";
  let last = "";
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? "X" : /\p{Ll}/u.test(ch) ? "x" : /\p{N}/u.test(ch) ? "d" : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

export interface WordInfo {
  lower: string;
  lowerHash: number;
  shapeHash: number;
  /** Hash of the full cluster path and of its 6-bit prefix (0 when the word has no cluster). */
  cluster: number;
  cluster6: number;
  /** Upper-case letters only (at least one letter). */
  allCaps: boolean;
  capital: boolean;
  given: boolean;
  org: boolean;
  /**
   * The word's own features, then those it gives its neighbours (`NEAR` order: the word before (w-1, s-1, c-1,
   * c6-1), after (w+1, s+1, c+1, c6+1), two before (w-2), two after (w+2)) from `ownLength` on. One array rather
   * than five: a cache entry per distinct word, and each typed array has its own backing store.
   */
  feats: Uint32Array;
  ownLength: number;
  /**
   * The summed weights of `feats` by list (own, then each neighbour list: 5 × T), under the tagger's first model
   * (from 0) and its second (from SUMS_SECOND): a cache the tagger fills, for the models `scored1` and `scored2`.
   * In the same buffer as `feats`, as each typed array with a buffer of its own costs a few hundred bytes.
   */
  sums: Int32Array;
  scored1?: object;
  scored2?: object;
}

/** Where the second model's sums start in WordInfo.sums. */
export const SUMS_SECOND = 5 * T;

/** Where each list of features a word gives its neighbours starts after its own (see WordInfo.feats); 10 in all. */
export const NEAR_AT = [0, 4, 8, 9, 10] as const;

/** A word's features for its neighbours, from its hashes, after its own (`own`) in one array; room for its sums after them. */
function withNear(own: readonly number[], lowerHash: number, shapeHash: number, cluster: number, cluster6: number): Pick<WordInfo, "feats" | "sums"> {
  const n = own.length + NEAR_AT[4];
  const buf = new ArrayBuffer(4 * (n + 2 * SUMS_SECOND));
  const out = new Uint32Array(buf, 0, n);
  out.set(own);
  out.set(
    [
      mix(S["w-1"]!, lowerHash), mix(S["s-1"]!, shapeHash), mix(S["c-1"]!, cluster), mix(S["c6-1"]!, cluster6),
      mix(S["w+1"]!, lowerHash), mix(S["s+1"]!, shapeHash), mix(S["c+1"]!, cluster), mix(S["c6+1"]!, cluster6),
      mix(S["w-2"]!, lowerHash),
      mix(S["w+2"]!, lowerHash),
    ],
    own.length,
  );
  return { feats: out, sums: new Int32Array(buf, 4 * n, 2 * SUMS_SECOND) };
}

/** Distinct words held (see GenerationalCache): frequent words stay, rare ones are recomputed. */
const CACHE_LIMIT = 50_000;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** A growable buffer of features for one sentence: token i's features are feats[offsets[i] … offsets[i + 1]). */
export class FeatureBuffer {
  feats = new Uint32Array(4096);
  offsets = new Int32Array(257);
  length = 0;
  private n = 0;

  reset(tokens: number): void {
    if (this.offsets.length < tokens + 1) this.offsets = new Int32Array(2 * tokens + 2);
    this.n = 0;
    this.length = 0;
  }

  push(f: number): void {
    if (this.n === this.feats.length) {
      const bigger = new Uint32Array(this.feats.length * 2);
      bigger.set(this.feats);
      this.feats = bigger;
    }
    this.feats[this.n++] = f;
  }

  /** Closes the features of the current token. */
  next(): void {
    this.offsets[++this.length] = this.n;
  }
}

export class Featurizer {
  private readonly cache = new GenerationalCache<WordInfo>(CACHE_LIMIT);
  /** What stands before the first word and after the last. */
  readonly start: WordInfo;
  readonly end: WordInfo;
  private infos: WordInfo[] = [];
  private gaz = new Int32Array(256);
  /** Whether the last sentence given to `sentence` was an all-capitals line. */
  headline = false;

  constructor(
    private readonly lex: Lexicon,
    private readonly clusters: Clusters,
  ) {
    const boundary = (name: string): WordInfo => ({
      lower: name, lowerHash: hash(name), shapeHash: hash(name), cluster: hash(name), cluster6: hash(name),
      allCaps: false, capital: false, given: false, org: false, ownLength: 0,
      ...withNear([], hash(name), hash(name), hash(name), hash(name)),
    });
    this.start = boundary("<s>");
    this.end = boundary("</s>");
  }

  /** The cluster path of a word: as written, else (for ALL-CAPS or lower-case forms) capitalised or lower-cased. */
  private path(w: string, lower: string): string | undefined {
    return this.clusters.get(w) ?? this.clusters.get(lower.charAt(0).toUpperCase() + lower.slice(1)) ?? this.clusters.get(lower);
  }

  info(w: string): WordInfo {
    const hit = this.cache.get(w);
    if (hit) return hit;
    const lower = w.toLowerCase();
    const shp = shape(w);
    const own: number[] = [S.b!, hash(lower, S.w!), hash(w, S.W!), hash(shp, S.s!)];
    for (let k = 1; k <= 4 && k <= lower.length; k++) own.push(hash(lower.slice(0, k), S[`p${k}`]!), hash(lower.slice(-k), S[`x${k}`]!));
    const path = this.path(w, lower);
    if (path) for (const p of PREFIXES) own.push(hash(path.slice(0, p), S[`c${p}`]!));
    else own.push(S["c?"]!);
    const given = this.lex.isGivenName(lower);
    const org = this.lex.isOrgWord(lower);
    if (this.lex.isPlace(lower)) own.push(S.place!);
    if (given) own.push(S.given!);
    if (org) own.push(S.org!);
    const lowerHash = hash(lower);
    const shapeHash = hash(shp);
    const cluster = path ? hash(path) : 0;
    const cluster6 = path ? hash(path.slice(0, 6)) : 0;
    const info: WordInfo = {
      lower,
      lowerHash,
      shapeHash,
      cluster,
      cluster6,
      allCaps: UPPER.test(w) && !LOWER.test(w),
      capital: UPPER.test(w.charAt(0)),
      given,
      org,
      ...withNear(own, lowerHash, shapeHash, cluster, cluster6),
      ownLength: own.length,
    };
    this.cache.set(w, info);
    return info;
  }

  /** Dictionary names over the sentence, longest first from the left: gaz[i] = (type bits << 2 | position) + 1. */
  private names(n: number): void {
    if (this.gaz.length < n) this.gaz = new Int32Array(2 * n);
    this.gaz.fill(0, 0, n);
    const infos = this.infos;
    for (let i = 0; i < n; ) {
      if (!infos[i]!.capital) {
        i++;
        continue;
      }
      let node = Lexicon.ROOT;
      let best = 0;
      let types = 0;
      for (let j = i; j < n; j++) {
        node = this.lex.child(node, infos[j]!.lower);
        if (node < 0) break;
        const t = this.lex.types(node);
        if (t && infos[j]!.capital) {
          best = j + 1;
          types = t;
        }
      }
      if (!best) {
        i++;
        continue;
      }
      for (let k = i; k < best; k++) {
        const p = best - i === 1 ? 3 : k === i ? 0 : k === best - 1 ? 2 : 1;
        this.gaz[k] = ((types << 2) | p) + 1;
      }
      i = best;
    }
  }

  /** The words of the last sentence given to `sentence`, with their word-level features. */
  get words(): readonly WordInfo[] {
    return this.infos;
  }

  /**
   * Fills `out` with the static features of every token of one sentence; without `withOwn`, only those that
   * depend on more than one word (the tagger adds each word's own features, and those it gives its neighbours,
   * from a per-word cache of their scores: WordInfo.near).
   */
  sentence(words: readonly string[], out: FeatureBuffer, withOwn = true): void {
    const n = words.length;
    out.reset(n);
    this.infos.length = n;
    let letters = 0;
    let caps = 0;
    for (let i = 0; i < n; i++) {
      const inf = this.info(words[i]!);
      this.infos[i] = inf;
      if (inf.capital || LOWER.test(inf.lower)) letters++;
      if (inf.allCaps) caps++;
    }
    // An all-capitals line (a headline, a dateline such as "ROME 1996-12-06"): capitals say nothing there.
    const headline = letters > 0 && caps === letters;
    this.headline = headline;
    this.names(n);
    const at = (k: number) => (k < 0 ? this.start : k >= n ? this.end : this.infos[k]!);
    for (let i = 0; i < n; i++) {
      const cur = this.infos[i]!;
      const p1 = at(i - 1);
      const p2 = at(i - 2);
      const n1 = at(i + 1);
      const n2 = at(i + 2);
      const before = p1.ownLength + NEAR_AT[0];
      const after = n1.ownLength + NEAR_AT[1];
      const bf = p1.feats;
      const af = n1.feats;
      // In the order training has always used (w-1, w+1, w-2, w+2, …): float sums in training depend on it.
      if (withOwn) {
        for (let k = 0; k < cur.ownLength; k++) out.push(cur.feats[k]!);
        out.push(bf[before]!);
        out.push(af[after]!);
        out.push(p2.feats[p2.ownLength + NEAR_AT[2]]!);
        out.push(n2.feats[n2.ownLength + NEAR_AT[3]]!);
      }
      out.push(mix(mix(S["w-1w"]!, p1.lowerHash), cur.lowerHash));
      out.push(mix(mix(S["ww+1"]!, cur.lowerHash), n1.lowerHash));
      if (withOwn) {
        out.push(bf[before + 1]!);
        out.push(af[after + 1]!);
      }
      out.push(mix(mix(S["s-1s"]!, p1.shapeHash), cur.shapeHash));
      out.push(mix(mix(S["ss+1"]!, cur.shapeHash), n1.shapeHash));
      out.push(mix(mix(mix(S["s-1ss+1"]!, p1.shapeHash), cur.shapeHash), n1.shapeHash));
      if (withOwn)
        for (let k = 2; k < 4; k++) {
          out.push(bf[before + k]!);
          out.push(af[after + k]!);
        }
      if (i === 0) out.push(mix(S.first!, cur.shapeHash));
      if (headline) {
        out.push(mix(S["hl-s"]!, cur.shapeHash));
        out.push(mix(S["hl-w"]!, cur.lowerHash));
        out.push(mix(S["hl-c"]!, cur.cluster));
      }
      if (p1.given) out.push(S["given-1"]!);
      if (n1.org) out.push(S["org+1"]!);
      if (n2.org) out.push(S["org+2"]!);
      const g = this.gaz[i]!;
      if (g) {
        const types = (g - 1) >> 2;
        const pos = (g - 1) & 3;
        for (let t = 0; t < 4; t++) if (types & (1 << t)) out.push(mix(S.gaz!, t * 4 + pos));
      }
      if (i > 0 && this.gaz[i - 1]) out.push(mix(S["gaz-1"]!, (this.gaz[i - 1]! - 1) >> 2));
      if (i + 1 < n && this.gaz[i + 1]) out.push(mix(S["gaz+1"]!, (this.gaz[i + 1]! - 1) >> 2));
      out.next();
    }
  }
}
