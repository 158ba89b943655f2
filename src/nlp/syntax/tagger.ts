/**
 * Part-of-speech tagger: a greedy left-to-right averaged perceptron over joint UPOS|XPOS tags, choosing only among
 * the tags the training data allows for the word (its tag dictionary; unknown words get the open-class tags), so
 * a word with one tag costs nothing and an ambiguous one a few dozen feature look-ups. Features: the word, its
 * affixes and shape, two words either side, the two previous tags (Collins 2002; Ratnaparkhi 1996); the ambiguity
 * classes (candidate sets) of the word and its neighbours, and Brown cluster paths of the word (cut to 4, 6, 10
 * bits and whole) and of its neighbours (Koo et al. 2008), which carry most of the help for words train never saw.
 */
import { FeatureProgram, templateSeed } from "./hash.js";
import type { LinearModel } from "./linear.js";
import type { WordInfo } from "./words.js";

const T = Array.from({ length: 64 }, (_, k) => templateSeed(1, k));
const START = [templateSeed(2, 0), templateSeed(2, 1)];
const END = [templateSeed(2, 2), templateSeed(2, 3)];
/** Max features per token. */
export const TAG_FEATS = 64;

/** Value slots of a word's tagging features. */
const V = {
  lower: 0, form: 1, suf1: 2, suf2: 3, suf3: 4, suf4: 5, pre1: 6, pre2: 7, pre3: 8, shape: 9, p1: 10, p2: 11, wm1: 12,
  sm1: 13, wm2: 14, wp1: 15, sp1: 16, wp2: 17, shp1: 18, first: 19, shm1: 20, amb: 21, c4: 22, c6: 23, c10: 24,
  cAll: 25, ambp1: 26, ambp2: 27, cp1: 28, cm1: 29, c6p1: 30, c6m1: 31, ambm1: 32,
} as const;

/** Features of the word alone (after the bias T[0]): templates T[1]–T[10], T[31]–T[35]. */
const WORD_PROGRAM = new FeatureProgram(
  [[V.lower], [V.form], [V.suf1], [V.suf2], [V.suf3], [V.suf4], [V.pre1], [V.pre2], [V.pre3], [V.shape]].map((slots, k) => [T[k + 1]!, ...slots])
    // the ambiguity class and the Brown cluster at four grains
    .concat([[T[31]!, V.amb], [T[32]!, V.c4], [T[33]!, V.c6], [T[34]!, V.c10], [T[35]!, V.cAll]]),
);
/** Features of the word in its context: templates T[11]–T[28], T[40]–T[50]. */
const CONTEXT_PROGRAM = new FeatureProgram(
  [
    [V.p1], [V.p2], [V.p1, V.p2], [V.p1, V.lower], [V.wm1], [V.sm1], [V.wm2], [V.wp1], [V.sp1], [V.wp2], [V.shp1],
    [V.wm1, V.lower], [V.lower, V.wp1], [V.p1, V.wp1], [V.first, V.shape], [V.shm1], [V.p1, V.suf3], [V.wm1, V.lower, V.wp1],
  ].map((slots, k) => [T[k + 11]!, ...slots])
    // ambiguity classes of the neighbours (the tags they may take: a cheap look at the right context's tags)
    .concat([[T[40]!, V.ambp1], [T[41]!, V.ambp2], [T[42]!, V.amb, V.ambp1], [T[43]!, V.p1, V.amb], [T[44]!, V.ambm1, V.amb], [T[45]!, V.amb, V.ambp1, V.ambp2]])
    // clusters of the neighbours
    .concat([[T[46]!, V.cp1], [T[47]!, V.cm1], [T[48]!, V.c6p1], [T[49]!, V.c6m1], [T[50]!, V.p1, V.c6]]),
);
const values = new Int32Array(40);

/** The bias and the features of the word alone, into `out` from 0; returns how many. */
function wordFeatures(w: WordInfo, out: Int32Array): number {
  const v = values;
  v[V.lower] = w.hLower;
  v[V.form] = w.hForm;
  v[V.suf1] = w.suf1;
  v[V.suf2] = w.suf2;
  v[V.suf3] = w.suf3;
  v[V.suf4] = w.suf4;
  v[V.pre1] = w.pre1;
  v[V.pre2] = w.pre2;
  v[V.pre3] = w.pre3;
  v[V.shape] = w.hShape;
  v[V.amb] = w.hCands;
  v[V.c4] = w.c4;
  v[V.c6] = w.c6;
  v[V.c10] = w.c10;
  v[V.cAll] = w.cAll;
  out[0] = T[0]!;
  return WORD_PROGRAM.run(v, out, 1);
}

/** The features of word `i` that depend on its neighbours and the tags before it, into `out` from `k`. */
function contextFeatures(ws: readonly WordInfo[], i: number, tags: Uint8Array, out: Int32Array, k: number): number {
  const w = ws[i]!;
  const n = ws.length;
  const v = values;
  v[V.lower] = w.hLower;
  v[V.suf3] = w.suf3;
  v[V.shape] = w.hShape;
  v[V.p1] = i > 0 ? tags[i - 1]! + 1 : 0;
  v[V.p2] = i > 1 ? tags[i - 2]! + 1 : 0;
  v[V.wm1] = i > 0 ? ws[i - 1]!.hLower : START[0]!;
  v[V.wm2] = i > 1 ? ws[i - 2]!.hLower : START[1]!;
  v[V.wp1] = i + 1 < n ? ws[i + 1]!.hLower : END[0]!;
  v[V.wp2] = i + 2 < n ? ws[i + 2]!.hLower : END[1]!;
  v[V.sm1] = i > 0 ? ws[i - 1]!.suf3 : START[0]!;
  v[V.sp1] = i + 1 < n ? ws[i + 1]!.suf3 : END[0]!;
  v[V.shm1] = i > 0 ? ws[i - 1]!.hShape : START[0]!;
  v[V.shp1] = i + 1 < n ? ws[i + 1]!.hShape : END[0]!;
  v[V.first] = i === 0 ? 1 : 2;
  v[V.amb] = w.hCands;
  v[V.c6] = w.c6;
  v[V.cAll] = w.cAll;
  v[V.ambp1] = i + 1 < n ? ws[i + 1]!.hCands : END[0]!;
  v[V.ambp2] = i + 2 < n ? ws[i + 2]!.hCands : END[1]!;
  v[V.ambm1] = i > 0 ? ws[i - 1]!.hCands : START[0]!;
  v[V.cp1] = i + 1 < n ? ws[i + 1]!.cAll : END[0]!;
  v[V.cm1] = i > 0 ? ws[i - 1]!.cAll : START[0]!;
  v[V.c6p1] = i + 1 < n ? ws[i + 1]!.c6 : END[0]!;
  v[V.c6m1] = i > 0 ? ws[i - 1]!.c6 : START[0]!;
  return CONTEXT_PROGRAM.run(v, out, k);
}

/** Fills `out` with the features of word `i` given the tags before it; returns how many. */
export function tagFeatures(ws: readonly WordInfo[], i: number, tags: Uint8Array, out: Int32Array): number {
  return contextFeatures(ws, i, tags, out, wordFeatures(ws[i]!, out));
}

/**
 * Tags a sentence (tag ids into `tags`); `scores` and `feats` are scratch buffers. A word's own features score the
 * same wherever it occurs, so their candidate scores are kept on the (cached) WordInfo, for this model.
 */
export function tagSentence(model: LinearModel, ws: readonly WordInfo[], tags: Uint8Array, feats: Int32Array, scores: Int32Array): void {
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const cands = w.cands;
    if (cands.length === 1) {
      tags[i] = cands[0]!;
      continue;
    }
    // Only the candidates' scores are read, so only they need zeroing (the others may hold anything).
    if (w.tagModel !== model) {
      for (let c = 0; c < cands.length; c++) scores[cands[c]!] = 0;
      model.score(feats, wordFeatures(w, feats), scores);
      const own = new Int32Array(cands.length);
      for (let c = 0; c < cands.length; c++) own[c] = scores[cands[c]!]!;
      w.tagScores = own;
      w.tagModel = model;
    }
    const own = w.tagScores!;
    for (let c = 0; c < cands.length; c++) scores[cands[c]!] = own[c]!;
    model.score(feats, contextFeatures(ws, i, tags, feats, 0), scores);
    let best = cands[0]!;
    for (let c = 1; c < cands.length; c++) if (scores[cands[c]!]! > scores[best]!) best = cands[c]!;
    tags[i] = best;
  }
}
