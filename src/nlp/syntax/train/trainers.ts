/**
 * Training loops: the tagger (greedy, on its own predicted history, as it runs) and the parser (arc-eager with the
 * dynamic oracle and error exploration, Goldberg & Nivre 2012: after the first epoch it follows its own prediction
 * 90% of the time, so it learns to recover from its mistakes; each arc's label is learned when a correct arc is made).
 */
import { LABEL_FEATS, LEFT, PARSE_FEATS, ParseState, RIGHT, labelSide } from "../parser.js";
import { TAG_FEATS, tagFeatures } from "../tagger.js";
import type { WordInfo } from "../words.js";
import { AveragedPerceptron } from "./averaged.js";
import { cost } from "./oracle.js";

/** A seeded pseudo-random generator (LCG): training is deterministic. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

export function shuffle<T>(xs: T[], random: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

export interface TagItem {
  ws: WordInfo[];
  gold: Uint8Array;
  /**
   * The candidates to learn with, by token, when they differ from `ws[i].cands`: the tagger learns on every word with
   * all the tags train saw for it, also on the frequent words the run-time lexicon fixes to one tag (those examples
   * still teach the context weights; measured +0.15 UPOS on EWT dev, mostly on unknown words).
   */
  cands?: Uint8Array[];
}

/** One epoch of tagger training over `data` (in the order given). */
export function tagEpoch(model: AveragedPerceptron, data: readonly TagItem[]): void {
  const feats = new Int32Array(TAG_FEATS);
  const scores = new Float64Array(model.classes);
  for (const { ws, gold, cands: own } of data) {
    const tags = new Uint8Array(ws.length);
    for (let i = 0; i < ws.length; i++) {
      const cands = own ? own[i]! : ws[i]!.cands;
      if (cands.length === 1) {
        tags[i] = cands[0]!;
        continue;
      }
      model.step++;
      const n = tagFeatures(ws, i, tags, feats);
      scores.fill(0);
      model.scoreAll(feats, n, scores);
      let best = cands[0]!;
      for (const c of cands) if (scores[c]! > scores[best]!) best = c;
      const g = gold[i]!;
      if (best !== g && cands.includes(g)) {
        model.update(feats, n, g, 1);
        model.update(feats, n, best, -1);
      }
      tags[i] = best;
    }
  }
}

export interface ParseItem {
  /** Word hashes, (predicted) tags and cluster hashes (whole, 6 bits). */
  w: Int32Array;
  p: Uint8Array;
  c: Int32Array;
  c6: Int32Array;
  /** Gold heads (n for the root) and label ids. */
  heads: Int32Array;
  labels: Uint8Array;
}

export interface ParserTrainer {
  transitions: AveragedPerceptron;
  labels: AveragedPerceptron;
  labelCands: Uint8Array[];
  rootLabel: number;
}

/** One epoch of parser training; `explore` is the chance of following the model's own (possibly wrong) choice. */
export function parseEpoch(m: ParserTrainer, data: readonly ParseItem[], explore: number, random: () => number): void {
  const st = new ParseState();
  const feats = new Int32Array(Math.max(PARSE_FEATS, LABEL_FEATS));
  const costs = new Int32Array(4);
  const scores = new Float64Array(4);
  const labelScores = new Float64Array(m.labels.classes);
  for (const s of data) {
    const n = s.w.length;
    st.reset(n, s.w, s.p, s.c, s.c6);
    while (!st.terminal) {
      const nf = st.features(feats);
      m.transitions.step++;
      let pred = -1;
      let best = -1;
      let minCost = Infinity;
      scores.fill(0);
      m.transitions.scoreAll(feats, nf, scores);
      for (let t = 0; t < 4; t++) {
        if (!st.valid(t)) continue;
        costs[t] = cost(st, s.heads, t);
        if (costs[t]! < minCost) minCost = costs[t]!;
      }
      for (let t = 0; t < 4; t++) {
        if (!st.valid(t)) continue;
        if (pred < 0 || scores[t]! > scores[pred]!) pred = t;
        if (costs[t] === minCost && (best < 0 || scores[t]! > scores[best]!)) best = t;
      }
      if (costs[pred]! > minCost) {
        m.transitions.update(feats, nf, best, 1);
        m.transitions.update(feats, nf, pred, -1);
      }
      const follow = costs[pred]! === minCost || random() < explore ? pred : best;
      if (follow === LEFT || follow === RIGHT) {
        const [h, d] = st.arcOf(follow);
        st.apply(follow, h === n ? m.rootLabel : trainLabel(m, st, s, h, d, feats, labelScores));
      } else st.apply(follow);
    }
  }
}

/** Predicts the label of h → d, learning from it when the arc is gold; returns the label to apply. */
function trainLabel(m: ParserTrainer, st: ParseState, s: ParseItem, h: number, d: number, feats: Int32Array, scores: Float64Array): number {
  const cands = m.labelCands[st.p[d]! * 3 + labelSide(h, d, st.n)];
  const gold = s.heads[d] === h ? s.labels[d]! : -1;
  if (!cands || cands.length === 0) return gold >= 0 ? gold : 0;
  const nf = st.labelFeatures(h, d, feats);
  m.labels.step++;
  scores.fill(0);
  m.labels.scoreAll(feats, nf, scores);
  let best = cands[0]!;
  for (const c of cands) if (scores[c]! > scores[best]!) best = c;
  if (gold >= 0 && best !== gold && cands.includes(gold)) {
    m.labels.update(feats, nf, gold, 1);
    m.labels.update(feats, nf, best, -1);
  }
  return best;
}
