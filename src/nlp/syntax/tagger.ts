/**
 * Part-of-speech tagger: a greedy left-to-right averaged perceptron over joint UPOS|XPOS tags, choosing only among
 * the tags the training data allows for the word (its tag dictionary; unknown words get the open-class tags), so
 * a word with one tag costs nothing and an ambiguous one a few dozen feature look-ups. Features: the word, its
 * affixes and shape, two words either side, the two previous tags (Collins 2002; Ratnaparkhi 1996).
 */
import { f1, f2, f3, templateSeed } from "./hash.js";
import type { LinearModel } from "./linear.js";
import type { WordInfo } from "./words.js";

const T = Array.from({ length: 32 }, (_, k) => templateSeed(1, k));
const START = [templateSeed(2, 0), templateSeed(2, 1)];
const END = [templateSeed(2, 2), templateSeed(2, 3)];
/** Max features per token. */
export const TAG_FEATS = 32;

/** Fills `out` with the features of word `i` given the tags before it; returns how many. */
export function tagFeatures(ws: readonly WordInfo[], i: number, tags: Uint8Array, out: Int32Array): number {
  const w = ws[i]!;
  const n = ws.length;
  const p1 = i > 0 ? tags[i - 1]! + 1 : 0;
  const p2 = i > 1 ? tags[i - 2]! + 1 : 0;
  const wm1 = i > 0 ? ws[i - 1]!.hLower : START[0]!;
  const wm2 = i > 1 ? ws[i - 2]!.hLower : START[1]!;
  const wp1 = i + 1 < n ? ws[i + 1]!.hLower : END[0]!;
  const wp2 = i + 2 < n ? ws[i + 2]!.hLower : END[1]!;
  const sm1 = i > 0 ? ws[i - 1]!.suf3 : START[0]!;
  const sp1 = i + 1 < n ? ws[i + 1]!.suf3 : END[0]!;
  const shm1 = i > 0 ? ws[i - 1]!.hShape : START[0]!;
  const shp1 = i + 1 < n ? ws[i + 1]!.hShape : END[0]!;
  let k = 0;
  out[k++] = T[0]!;
  out[k++] = f1(T[1]!, w.hLower);
  out[k++] = f1(T[2]!, w.hForm);
  out[k++] = f1(T[3]!, w.suf1);
  out[k++] = f1(T[4]!, w.suf2);
  out[k++] = f1(T[5]!, w.suf3);
  out[k++] = f1(T[6]!, w.suf4);
  out[k++] = f1(T[7]!, w.pre1);
  out[k++] = f1(T[8]!, w.pre2);
  out[k++] = f1(T[9]!, w.pre3);
  out[k++] = f1(T[10]!, w.hShape);
  out[k++] = f1(T[11]!, p1);
  out[k++] = f1(T[12]!, p2);
  out[k++] = f2(T[13]!, p1, p2);
  out[k++] = f2(T[14]!, p1, w.hLower);
  out[k++] = f1(T[15]!, wm1);
  out[k++] = f1(T[16]!, sm1);
  out[k++] = f1(T[17]!, wm2);
  out[k++] = f1(T[18]!, wp1);
  out[k++] = f1(T[19]!, sp1);
  out[k++] = f1(T[20]!, wp2);
  out[k++] = f1(T[21]!, shp1);
  out[k++] = f2(T[22]!, wm1, w.hLower);
  out[k++] = f2(T[23]!, w.hLower, wp1);
  out[k++] = f2(T[24]!, p1, wp1);
  out[k++] = f2(T[25]!, i === 0 ? 1 : 2, w.hShape);
  out[k++] = f1(T[26]!, shm1);
  out[k++] = f2(T[27]!, p1, w.suf3);
  out[k++] = f3(T[28]!, wm1, w.hLower, wp1);
  if (w.cluster) {
    out[k++] = f1(T[29]!, w.cluster);
    out[k++] = f2(T[30]!, p1, w.cluster);
  }
  return k;
}

/** Tags a sentence (tag ids into `tags`); `scores` and `feats` are scratch buffers. */
export function tagSentence(model: LinearModel, ws: readonly WordInfo[], tags: Uint8Array, feats: Int32Array, scores: Int32Array): void {
  for (let i = 0; i < ws.length; i++) {
    const cands = ws[i]!.cands;
    if (cands.length === 1) {
      tags[i] = cands[0]!;
      continue;
    }
    const n = tagFeatures(ws, i, tags, feats);
    // Only the candidates' scores are read, so only they need zeroing (the others may hold anything).
    for (let c = 0; c < cands.length; c++) scores[cands[c]!] = 0;
    model.score(feats, n, scores);
    let best = cands[0]!;
    for (let c = 1; c < cands.length; c++) if (scores[cands[c]!]! > scores[best]!) best = cands[c]!;
    tags[i] = best;
  }
}
