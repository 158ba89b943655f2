/**
 * Transition-based dependency parser: arc-eager (Nivre 2003) with the root at the end of the buffer (Ballesteros &
 * Nivre 2013), greedy, four unlabelled transitions scored by an averaged perceptron over the rich feature set of
 * Zhang & Nivre (2011); each arc gets its label when it is made, from a second perceptron choosing among the
 * relations the training data allows for the dependent's tag and side, so labels are features of later decisions.
 * One `ParseState` is reused for every sentence: no allocation per word.
 */
import { f1, f2, f3, templateSeed } from "./hash.js";
import type { LinearModel } from "./linear.js";

export const SHIFT = 0;
export const REDUCE = 1;
export const LEFT = 2;
export const RIGHT = 3;

const T = Array.from({ length: 96 }, (_, k) => templateSeed(3, k));
const L = Array.from({ length: 48 }, (_, k) => templateSeed(4, k));
const NONE_W = templateSeed(5, 0);
const ROOT_W = templateSeed(5, 1);
/** Tag value of an absent token and of the root. */
const NONE_P = 255;
const ROOT_P = 254;
export const PARSE_FEATS = 96;
export const LABEL_FEATS = 48;

export class ParseState {
  n = 0;
  /** Stack of token indices; the buffer is b..n, with n standing for the root. */
  stack: Int32Array;
  sp = 0;
  b = 0;
  head: Int32Array;
  label: Uint8Array;
  /** Leftmost, second-leftmost, rightmost, second-rightmost dependents (-1: none). */
  l1: Int32Array;
  l2: Int32Array;
  r1: Int32Array;
  r2: Int32Array;
  vl: Uint8Array;
  vr: Uint8Array;
  /** Sets of the labels of left and right dependents (bit label % 31). */
  sl: Int32Array;
  sr: Int32Array;
  /** Word hash and tag of each token, n included (the root). */
  w: Int32Array;
  p: Uint8Array;

  constructor(cap = 256) {
    this.stack = new Int32Array(cap + 1);
    this.head = new Int32Array(cap + 1);
    this.label = new Uint8Array(cap + 1);
    this.l1 = new Int32Array(cap + 1);
    this.l2 = new Int32Array(cap + 1);
    this.r1 = new Int32Array(cap + 1);
    this.r2 = new Int32Array(cap + 1);
    this.vl = new Uint8Array(cap + 1);
    this.vr = new Uint8Array(cap + 1);
    this.sl = new Int32Array(cap + 1);
    this.sr = new Int32Array(cap + 1);
    this.w = new Int32Array(cap + 1);
    this.p = new Uint8Array(cap + 1);
  }

  /** Starts a sentence of `n` words with word hashes `w` and tags `p` (from index `from` of those arrays). */
  reset(n: number, w: ArrayLike<number>, p: ArrayLike<number>, from = 0): void {
    if (n + 1 > this.head.length) Object.assign(this, new ParseState(Math.max(n, 2 * this.head.length)));
    this.n = n;
    this.sp = 0;
    this.b = 0;
    for (let i = 0; i <= n; i++) {
      this.head[i] = -1;
      this.label[i] = 0;
      this.l1[i] = this.l2[i] = this.r1[i] = this.r2[i] = -1;
      this.vl[i] = this.vr[i] = 0;
      this.sl[i] = this.sr[i] = 0;
    }
    for (let i = 0; i < n; i++) {
      this.w[i] = w[from + i]!;
      this.p[i] = p[from + i]!;
    }
    this.w[n] = ROOT_W;
    this.p[n] = ROOT_P;
  }

  get terminal(): boolean {
    return this.b === this.n && this.sp === 0;
  }

  valid(t: number): boolean {
    switch (t) {
      case SHIFT:
        return this.b < this.n;
      case REDUCE:
        return this.sp > 0 && this.head[this.stack[this.sp - 1]!]! >= 0;
      case LEFT:
        return this.sp > 0 && this.head[this.stack[this.sp - 1]!]! < 0;
      default:
        return this.sp > 0 && this.b < this.n;
    }
  }

  private attach(h: number, d: number, lab: number): void {
    this.head[d] = h;
    this.label[d] = lab;
    const bit = 1 << lab % 31;
    if (d < h) {
      if (this.l1[h]! < 0 || d < this.l1[h]!) {
        this.l2[h] = this.l1[h]!;
        this.l1[h] = d;
      } else if (this.l2[h]! < 0 || d < this.l2[h]!) this.l2[h] = d;
      if (this.vl[h]! < 255) this.vl[h]!++;
      this.sl[h]! |= bit;
    } else {
      if (this.r1[h]! < 0 || d > this.r1[h]!) {
        this.r2[h] = this.r1[h]!;
        this.r1[h] = d;
      } else if (this.r2[h]! < 0 || d > this.r2[h]!) this.r2[h] = d;
      if (this.vr[h]! < 255) this.vr[h]!++;
      this.sr[h]! |= bit;
    }
  }

  /** The arc a LEFT or RIGHT would make, as [head, dependent]. */
  arcOf(t: number): [number, number] {
    const s0 = this.stack[this.sp - 1]!;
    return t === LEFT ? [this.b, s0] : [s0, this.b];
  }

  /** Applies transition `t`; for LEFT and RIGHT, `lab` is the arc's label. */
  apply(t: number, lab = 0): void {
    if (t === SHIFT) this.stack[this.sp++] = this.b++;
    else if (t === REDUCE) this.sp--;
    else if (t === LEFT) this.attach(this.b, this.stack[--this.sp]!, lab);
    else {
      this.attach(this.stack[this.sp - 1]!, this.b, lab);
      this.stack[this.sp++] = this.b++;
    }
  }

  private W(i: number): number {
    return i < 0 ? NONE_W : this.w[i]!;
  }
  private P(i: number): number {
    return i < 0 ? NONE_P : this.p[i]!;
  }
  private Lb(i: number): number {
    return i < 0 ? 255 : this.head[i]! < 0 ? 254 : this.label[i]!;
  }

  /** Features of the configuration for the transition classifier; returns how many were written. */
  features(out: Int32Array): number {
    const sp = this.sp;
    const s0 = sp > 0 ? this.stack[sp - 1]! : -1;
    const s1 = sp > 1 ? this.stack[sp - 2]! : -1;
    const n = this.n;
    const n0 = this.b;
    const n1 = n0 + 1 <= n ? n0 + 1 : -1;
    const n2 = n0 + 2 <= n ? n0 + 2 : -1;
    const s0h = s0 >= 0 ? this.head[s0]! : -1;
    const s0h2 = s0h >= 0 && s0h < n ? this.head[s0h]! : -1;
    const s0l = s0 >= 0 ? this.l1[s0]! : -1;
    const s0r = s0 >= 0 ? this.r1[s0]! : -1;
    const s0l2 = s0 >= 0 ? this.l2[s0]! : -1;
    const s0r2 = s0 >= 0 ? this.r2[s0]! : -1;
    const n0l = this.l1[n0]!;
    const n0l2 = this.l2[n0]!;
    const s0w = this.W(s0), s0p = this.P(s0);
    const n0w = this.W(n0), n0p = this.P(n0);
    const n1w = this.W(n1), n1p = this.P(n1);
    const n2w = this.W(n2), n2p = this.P(n2);
    const s0hp = this.P(s0h);
    const s0lp = this.P(s0l), s0rp = this.P(s0r), n0lp = this.P(n0l);
    const s0wp = f2(0x1f, s0w, s0p);
    const n0wp = f2(0x2f, n0w, n0p);
    const dist = s0 < 0 ? 0 : n0 === n ? 15 : Math.min(n0 - s0, 10);
    const s0vl = s0 < 0 ? 0 : this.vl[s0]!, s0vr = s0 < 0 ? 0 : this.vr[s0]!;
    const n0vl = this.vl[n0]!;
    let k = 0;
    // single words
    out[k++] = f1(T[0]!, s0wp);
    out[k++] = f1(T[1]!, s0w);
    out[k++] = f1(T[2]!, s0p);
    out[k++] = f1(T[3]!, n0wp);
    out[k++] = f1(T[4]!, n0w);
    out[k++] = f1(T[5]!, n0p);
    out[k++] = f2(T[6]!, n1w, n1p);
    out[k++] = f1(T[7]!, n1w);
    out[k++] = f1(T[8]!, n1p);
    out[k++] = f2(T[9]!, n2w, n2p);
    out[k++] = f1(T[10]!, n2w);
    out[k++] = f1(T[11]!, n2p);
    // pairs
    out[k++] = f2(T[12]!, s0wp, n0wp);
    out[k++] = f2(T[13]!, s0wp, n0w);
    out[k++] = f2(T[14]!, s0w, n0wp);
    out[k++] = f2(T[15]!, s0wp, n0p);
    out[k++] = f2(T[16]!, s0p, n0wp);
    out[k++] = f2(T[17]!, s0w, n0w);
    out[k++] = f2(T[18]!, s0p, n0p);
    out[k++] = f2(T[19]!, n0p, n1p);
    // triples of tags
    out[k++] = f3(T[20]!, n0p, n1p, n2p);
    out[k++] = f3(T[21]!, s0p, n0p, n1p);
    out[k++] = f3(T[22]!, s0hp, s0p, n0p);
    out[k++] = f3(T[23]!, s0p, s0lp, n0p);
    out[k++] = f3(T[24]!, s0p, s0rp, n0p);
    out[k++] = f3(T[25]!, s0p, n0p, n0lp);
    // distance
    out[k++] = f2(T[26]!, s0w, dist);
    out[k++] = f2(T[27]!, s0p, dist);
    out[k++] = f2(T[28]!, n0w, dist);
    out[k++] = f2(T[29]!, n0p, dist);
    out[k++] = f3(T[30]!, s0w, n0w, dist);
    out[k++] = f3(T[31]!, s0p, n0p, dist);
    // valency
    out[k++] = f2(T[32]!, s0w, s0vr);
    out[k++] = f2(T[33]!, s0p, s0vr);
    out[k++] = f2(T[34]!, s0w, s0vl);
    out[k++] = f2(T[35]!, s0p, s0vl);
    out[k++] = f2(T[36]!, n0w, n0vl);
    out[k++] = f2(T[37]!, n0p, n0vl);
    // second order: head of s0, leftmost and rightmost dependents
    out[k++] = f1(T[38]!, this.W(s0h));
    out[k++] = f1(T[39]!, s0hp);
    out[k++] = f1(T[40]!, this.Lb(s0));
    out[k++] = f1(T[41]!, this.W(s0l));
    out[k++] = f1(T[42]!, s0lp);
    out[k++] = f1(T[43]!, this.Lb(s0l));
    out[k++] = f1(T[44]!, this.W(s0r));
    out[k++] = f1(T[45]!, s0rp);
    out[k++] = f1(T[46]!, this.Lb(s0r));
    out[k++] = f1(T[47]!, this.W(n0l));
    out[k++] = f1(T[48]!, n0lp);
    out[k++] = f1(T[49]!, this.Lb(n0l));
    // third order
    out[k++] = f1(T[50]!, this.W(s0h2));
    out[k++] = f1(T[51]!, this.P(s0h2));
    out[k++] = f1(T[52]!, this.Lb(s0h));
    out[k++] = f1(T[53]!, this.W(s0l2));
    out[k++] = f1(T[54]!, this.P(s0l2));
    out[k++] = f1(T[55]!, this.Lb(s0l2));
    out[k++] = f1(T[56]!, this.W(s0r2));
    out[k++] = f1(T[57]!, this.P(s0r2));
    out[k++] = f1(T[58]!, this.Lb(s0r2));
    out[k++] = f1(T[59]!, this.W(n0l2));
    out[k++] = f1(T[60]!, this.P(n0l2));
    out[k++] = f1(T[61]!, this.Lb(n0l2));
    out[k++] = f3(T[62]!, s0p, s0lp, this.P(s0l2));
    out[k++] = f3(T[63]!, s0p, s0rp, this.P(s0r2));
    out[k++] = f3(T[64]!, s0p, s0hp, this.P(s0h2));
    out[k++] = f3(T[65]!, n0p, n0lp, this.P(n0l2));
    // label sets
    const s0sr = s0 < 0 ? 0 : this.sr[s0]!, s0sl = s0 < 0 ? 0 : this.sl[s0]!;
    out[k++] = f2(T[66]!, s0w, s0sr);
    out[k++] = f2(T[67]!, s0p, s0sr);
    out[k++] = f2(T[68]!, s0w, s0sl);
    out[k++] = f2(T[69]!, s0p, s0sl);
    out[k++] = f2(T[70]!, n0w, this.sl[n0]!);
    out[k++] = f2(T[71]!, n0p, this.sl[n0]!);
    // the stack below s0, and whether s0 already has its head
    out[k++] = f2(T[72]!, this.P(s1), s0p);
    out[k++] = f3(T[73]!, this.P(s1), s0p, n0p);
    out[k++] = f2(T[74]!, this.W(s1), n0w);
    out[k++] = f3(T[75]!, s0h >= 0 ? 1 : 0, s0p, n0p);
    return k;
  }

  /** Features for labelling the arc head → dep. */
  labelFeatures(h: number, d: number, out: Int32Array): number {
    const n = this.n;
    const hw = this.W(h), hp = this.P(h), dw = this.W(d), dp = this.P(d);
    const dir = h === n ? 0 : d < h ? 1 : 2;
    const dist = h === n ? 0 : Math.min(Math.abs(h - d), 8);
    const dl = this.l1[d]!, dr = this.r1[d]!;
    const hh = h < n ? this.head[h]! : -1;
    let k = 0;
    out[k++] = L[0]!;
    out[k++] = f2(L[1]!, dw, dir);
    out[k++] = f2(L[2]!, dp, dir);
    out[k++] = f2(L[3]!, hw, dir);
    out[k++] = f2(L[4]!, hp, dir);
    out[k++] = f3(L[5]!, hp, dp, dir);
    out[k++] = f3(L[6]!, hw, dp, dir);
    out[k++] = f3(L[7]!, hp, dw, dir);
    out[k++] = f3(L[8]!, hw, dw, dir);
    out[k++] = f3(L[9]!, hp, dp, dist);
    out[k++] = f3(L[10]!, dp, this.Lb(dl), dir);
    out[k++] = f3(L[11]!, dp, this.W(dl), dir);
    out[k++] = f3(L[12]!, dp, this.P(dl), dir);
    out[k++] = f3(L[13]!, dp, this.sl[d]!, dir);
    out[k++] = f3(L[14]!, dp, this.Lb(dr), dir);
    out[k++] = f3(L[15]!, dp, this.sr[d]!, dir);
    out[k++] = f3(L[16]!, hp, this.Lb(h < n ? h : -1), dp);
    out[k++] = f3(L[17]!, hp, this.P(hh), dp);
    out[k++] = f3(L[18]!, dp, this.P(d > 0 ? d - 1 : -1), dir);
    out[k++] = f3(L[19]!, dp, this.P(d + 1 < n ? d + 1 : -1), dir);
    out[k++] = f3(L[20]!, hp, this.sl[h]!, dir);
    out[k++] = f3(L[21]!, dw, this.W(dl), dir);
    out[k++] = f3(L[22]!, hp, dp, this.vl[d]! > 0 ? 1 : 0);
    out[k++] = f3(L[23]!, hw, this.Lb(dl), dir);
    return k;
  }

  /**
   * After the last transition every word has a head; UD wants one root per sentence, so of several root dependents
   * the one with most dependents stays root and the others hang from it with `fallback`.
   */
  finish(rootLabel: number, fallback: number): void {
    const n = this.n;
    let root = -1;
    for (let i = 0; i < n; i++)
      if (this.head[i] === n && (root < 0 || this.vl[i]! + this.vr[i]! > this.vl[root]! + this.vr[root]!)) root = i;
    for (let i = 0; i < n; i++) {
      if (i === root) this.label[i] = rootLabel;
      else if (this.head[i] === n || this.head[i]! < 0) {
        this.head[i] = root;
        this.label[i] = fallback;
      }
    }
  }
}

/** The trained parser's two classifiers and the label candidates by dependent tag and side. */
export interface ParserModel {
  transitions: LinearModel;
  labels: LinearModel;
  /** labelCands[tag * 3 + side] (side 0 root, 1 head to the right, 2 head to the left): label ids. */
  labelCands: Uint8Array[];
  rootLabel: number;
  /** Label given to extra roots attached to the first one. */
  fallbackLabel: number;
}

export function labelSide(h: number, d: number, n: number): number {
  return h === n ? 0 : d < h ? 1 : 2;
}

/** Parses the sentence loaded in `st` (reset first); heads and labels are left in st.head / st.label. */
export function parseSentence(m: ParserModel, st: ParseState, feats: Int32Array, scores: Int32Array): void {
  while (!st.terminal) {
    const nf = st.features(feats);
    scores[0] = scores[1] = scores[2] = scores[3] = 0;
    m.transitions.score(feats, nf, scores);
    let best = -1;
    for (let t = 0; t < 4; t++) if (st.valid(t) && (best < 0 || scores[t]! > scores[best]!)) best = t;
    if (best === LEFT || best === RIGHT) {
      const [h, d] = st.arcOf(best);
      st.apply(best, chooseLabel(m, st, h, d, feats, scores));
    } else st.apply(best);
  }
  st.finish(m.rootLabel, m.fallbackLabel);
}

export function chooseLabel(m: ParserModel, st: ParseState, h: number, d: number, feats: Int32Array, scores: Int32Array): number {
  if (h === st.n) return m.rootLabel;
  const cands = m.labelCands[st.p[d]! * 3 + labelSide(h, d, st.n)];
  if (!cands || cands.length === 0) return m.fallbackLabel;
  if (cands.length === 1) return cands[0]!;
  const nf = st.labelFeatures(h, d, feats);
  scores.fill(0);
  m.labels.score(feats, nf, scores);
  let best = cands[0]!;
  for (let c = 1; c < cands.length; c++) if (scores[cands[c]!]! > scores[best]!) best = cands[c]!;
  return best;
}
