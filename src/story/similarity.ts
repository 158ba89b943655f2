/**
 * How close an article is to a story: TF-IDF cosine per namespace (parties' countries, names, words), combined with
 * fixed weights, times a mild time factor. TF-IDF rather than MinHash for stories because a thread is told in new
 * words every day (different sentences, the same parties and names): weighted term overlap finds that, shingle
 * overlap does not. MinHash is used where the text itself repeats: syndicated copies (minhash.ts).
 *
 * Document frequencies come from the store as it grows, smoothed by a prior of `priorDocs` virtual documents, and for
 * words also by a background table counted over wire stories (data/story/idf.json), so the first articles of a new
 * store are weighed sensibly.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../eval/datasets.js";
import { ns, type Vector } from "./features.js";
import { daysBetween } from "./dates.js";

export interface StorySettings {
  weights: Record<string, number>;
  join: number;
  /** The join threshold for a story whose events share no dyad with the article's (engine.ts); absent: `join`. */
  newPartyJoin?: number;
  merge: number;
  timeWeight: number;
  timeScaleDays: number;
  priorDocs: number;
  copyContainment: number;
  candidates: number;
}

const DIR = join(REPO_ROOT, "data", "story");
let settings: StorySettings | undefined;
export function storySettings(): StorySettings {
  return (settings ??= JSON.parse(readFileSync(join(DIR, "settings.json"), "utf8")) as StorySettings);
}

interface Background {
  docs: number;
  df: Record<string, number>;
}
let background: Background | undefined;
export function backgroundDf(): Background {
  return (background ??= JSON.parse(readFileSync(join(DIR, "idf.json"), "utf8")) as Background);
}

/** Inverse document frequency of every feature a caller will look at, from the store's counts and the priors. */
export type Idf = (feature: string) => number;

export function makeIdf(storeDocs: number, storeDf: Map<string, number>, s = storySettings()): Idf {
  const bg = backgroundDf();
  return (f) => {
    const words = ns(f) === "w";
    const n = storeDocs + (words ? bg.docs : s.priorDocs);
    const df = (storeDf.get(f) ?? 0) + (words ? (bg.df[f.slice(2)] ?? 0) : 0);
    return Math.log((n + 1) / (df + 1));
  };
}

/** A vector with its IDF weights and norms worked out once, for scoring against many stories. */
export class Weighted {
  readonly keys: string[];
  readonly spaces: string[];
  /** x · idf */
  readonly values: number[];
  readonly idfs: number[];
  readonly norms: Record<string, number> = {};
  constructor(v: Vector, idf: Idf) {
    this.keys = Object.keys(v);
    this.spaces = this.keys.map(ns);
    this.idfs = this.keys.map(idf);
    this.values = this.keys.map((k, i) => v[k]! * this.idfs[i]!);
    this.values.forEach((x, i) => (this.norms[this.spaces[i]!] = (this.norms[this.spaces[i]!] ?? 0) + x * x));
  }
}

/** Squared TF-IDF norms of a vector per namespace (stored with a story, so scoring needs no IDF of its features). */
export function norms(v: Vector, idf: Idf): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) {
    const n = ns(k);
    out[n] = (out[n] ?? 0) + (x * idf(k)) ** 2;
  }
  return out;
}

/**
 * Cosine of two vectors within each namespace, weighted and summed. `bNorms` are b's norms as stored with a story
 * (computed when it was last saved); without them they are computed here.
 */
export function similarity(a: Vector | Weighted, b: Vector, idf: Idf, s = storySettings(), bNorms?: Record<string, number>): number {
  const wa = a instanceof Weighted ? a : new Weighted(a, idf);
  const dot: Record<string, number> = {};
  for (let i = 0; i < wa.keys.length; i++) {
    const y = b[wa.keys[i]!];
    if (y !== undefined) dot[wa.spaces[i]!] = (dot[wa.spaces[i]!] ?? 0) + wa.values[i]! * y * wa.idfs[i]!;
  }
  const na = wa.norms;
  const nb = bNorms ?? norms(b, idf);
  let sum = 0;
  for (const [n, weight] of Object.entries(s.weights)) {
    const d = dot[n];
    if (d && nb[n]) sum += (weight * d) / Math.sqrt(na[n]! * nb[n]!);
  }
  return Math.min(1, sum);
}

/** A weak time signal: 1 inside the story's span, falling linearly to 1 − timeWeight at timeScaleDays away. */
export function timeFactor(published: string | null, span: { from: string | null; to: string | null }, s = storySettings()): number {
  if (!published || !span.from || !span.to) return 1;
  const gap = published < span.from ? daysBetween(published, span.from) : published > span.to ? daysBetween(published, span.to) : 0;
  return 1 - s.timeWeight * Math.min(1, gap / s.timeScaleDays);
}

/** The features worth indexing for candidate retrieval: parties and names, strongest first. */
export function indexKeys(v: Vector, idf: Idf, limit: number): { feature: string; weight: number }[] {
  return Object.entries(v)
    .filter(([k]) => ns(k) === "a" || ns(k) === "e")
    .map(([feature, x]) => ({ feature, weight: x * idf(feature) }))
    .sort((p, q) => q.weight - p.weight || (p.feature < q.feature ? -1 : 1))
    .slice(0, limit);
}

/** How many features of each namespace a story centroid keeps: the strongest. */
const KEEP_PER_NS: Record<string, number> = { a: 60, e: 200, w: 400, d: 100 };

/**
 * `a + sign·b`, kept bounded: features at or below zero dropped, then the strongest `perNs` of each namespace
 * (ties by key), namespaces in the order they first occur, strongest first within each. This runs once per article
 * on the writer's thread, so it sums into a Map: spreading a 600-key object and its entries cost more than the rest
 * of the story update.
 */
export function addPruned(a: Vector, b: Vector, sign: 1 | -1 = 1, perNs: Record<string, number> = KEEP_PER_NS): Vector {
  const sum = new Map<string, number>();
  for (const k in a) sum.set(k, a[k]!);
  for (const k in b) sum.set(k, (sum.get(k) ?? 0) + sign * b[k]!);
  const keys: string[] = [];
  const values: number[] = [];
  const groups = new Map<string, number[]>();
  for (const [k, x] of sum) {
    if (!(x > 1e-9)) continue;
    const n = ns(k);
    const g = groups.get(n);
    if (g) g.push(keys.length);
    else groups.set(n, [keys.length]);
    keys.push(k);
    values.push(x);
  }
  const out: Vector = {};
  for (const [n, members] of groups) {
    members.sort((p, q) => values[q]! - values[p]! || (keys[p]! < keys[q]! ? -1 : 1));
    const keep = Math.min(members.length, perNs[n] ?? 100);
    for (let i = 0; i < keep; i++) out[keys[members[i]!]!] = values[members[i]!]!;
  }
  return out;
}
