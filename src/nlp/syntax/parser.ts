/**
 * Transition-based dependency parser: arc-eager (Nivre 2003) with the root at the end of the buffer (Ballesteros &
 * Nivre 2013), greedy, four unlabelled transitions scored by an averaged perceptron over the rich feature set of
 * Zhang & Nivre (2011) with Brown clusters of the first words of stack and buffer; each arc gets its label when it
 * is made, from a second perceptron choosing among the relations the training data allows for the dependent's tag
 * and side, so labels are features of later decisions.
 * One `ParseState` is reused for every sentence: no allocation per word.
 */
import { f2 } from "./hash.js";
import type { LinearModel } from "./linear.js";
import type { WordInfo } from "./words.js";
import { DenseTemplates } from "./dense.js";
import type { FeatureProgram } from "./hash.js";
import { FREE_TEMPLATES, L, LABEL_PROGRAM, PARSE_FEATS, LV, NONE_P, NONE_W, PARSE_PROGRAM, ROLE_PROGRAMS, ROLE_VALUES, ROLES, ROOT_P, ROOT_W, V, WP_SEEDS } from "./parse-features.js";

export const SHIFT = 0;
export const REDUCE = 1;
export const LEFT = 2;
export const RIGHT = 3;

export { LABEL_FEATS, PARSE_FEATS, ROLES } from "./parse-features.js";

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
  /** Hashes of each token's Brown cluster, whole and cut to 6 bits (0: none), n included. */
  c: Int32Array;
  c6: Int32Array;
  /** The values the feature templates hash, of the last configuration featurised. */
  readonly v = new Int32Array(64);
  /** The token in each role of the last configuration featurised (ROLE_SLOTS order; -1: none). */
  readonly roles = new Int32Array(ROLES);
  /**
   * Run time: each role's four transition scores for every token, row i + 1 for token i, row 0 for an absent
   * token and row n + 1 for the root (filled by the caller after `reset`; see `roleScores`).
   */
  roleRows: Int32Array;

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
    this.c = new Int32Array(cap + 1);
    this.c6 = new Int32Array(cap + 1);
    this.roleRows = new Int32Array((cap + 2) * ROLES * 4);
  }

  /** Starts a sentence of `n` words with word hashes `w`, tags `p` and cluster hashes `c`, `c6`. */
  reset(n: number, w: ArrayLike<number>, p: ArrayLike<number>, c: ArrayLike<number>, c6: ArrayLike<number>): void {
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
      this.w[i] = w[i]!;
      this.p[i] = p[i]!;
      this.c[i] = c[i]!;
      this.c6[i] = c6[i]!;
    }
    this.w[n] = ROOT_W;
    this.p[n] = ROOT_P;
    this.c[n] = this.c6[n] = ROOT_W;
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
  private C(i: number): number {
    return i < 0 ? NONE_W : this.c[i]!;
  }
  private C6(i: number): number {
    return i < 0 ? NONE_W : this.c6[i]!;
  }
  private Lb(i: number): number {
    return i < 0 ? 255 : this.head[i]! < 0 ? 254 : this.label[i]!;
  }

  /** Features of the configuration for the transition classifier; returns how many were written. */
  features(out: Int32Array): number {
    this.values();
    return PARSE_PROGRAM.run(this.v, out, 0);
  }

  /** Run time: the features of `program` only (the rest are read from `roleRows` and dense tables); returns how many. */
  featuresOf(program: FeatureProgram, out: Int32Array): number {
    this.values();
    return program.run(this.v, out, 0);
  }

  /** Fills the template values of the configuration and the tokens of its roles. */
  private values(): void {
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
    const v = this.v;
    const s0w = this.W(s0), s0p = this.P(s0);
    const n0w = this.W(n0), n0p = this.P(n0);
    v[V.s0w] = s0w;
    v[V.s0p] = s0p;
    v[V.n0w] = n0w;
    v[V.n0p] = n0p;
    v[V.n1w] = this.W(n1);
    v[V.n1p] = this.P(n1);
    v[V.n2w] = this.W(n2);
    v[V.n2p] = this.P(n2);
    v[V.s0wp] = f2(WP_SEEDS.s0, s0w, s0p);
    v[V.n0wp] = f2(WP_SEEDS.n0, n0w, n0p);
    v[V.dist] = s0 < 0 ? 0 : n0 === n ? 15 : Math.min(n0 - s0, 10);
    v[V.s0vl] = s0 < 0 ? 0 : this.vl[s0]!;
    v[V.s0vr] = s0 < 0 ? 0 : this.vr[s0]!;
    v[V.n0vl] = this.vl[n0]!;
    v[V.s0hw] = this.W(s0h);
    v[V.s0hp] = this.P(s0h);
    v[V.s0lb] = this.Lb(s0);
    v[V.s0lw] = this.W(s0l);
    v[V.s0lp] = this.P(s0l);
    v[V.s0llb] = this.Lb(s0l);
    v[V.s0rw] = this.W(s0r);
    v[V.s0rp] = this.P(s0r);
    v[V.s0rlb] = this.Lb(s0r);
    v[V.n0lw] = this.W(n0l);
    v[V.n0lp] = this.P(n0l);
    v[V.n0llb] = this.Lb(n0l);
    v[V.s0h2w] = this.W(s0h2);
    v[V.s0h2p] = this.P(s0h2);
    v[V.s0hlb] = this.Lb(s0h);
    v[V.s0l2w] = this.W(s0l2);
    v[V.s0l2p] = this.P(s0l2);
    v[V.s0l2lb] = this.Lb(s0l2);
    v[V.s0r2w] = this.W(s0r2);
    v[V.s0r2p] = this.P(s0r2);
    v[V.s0r2lb] = this.Lb(s0r2);
    v[V.n0l2w] = this.W(n0l2);
    v[V.n0l2p] = this.P(n0l2);
    v[V.n0l2lb] = this.Lb(n0l2);
    v[V.s0sr] = s0 < 0 ? 0 : this.sr[s0]!;
    v[V.s0sl] = s0 < 0 ? 0 : this.sl[s0]!;
    v[V.n0sl] = this.sl[n0]!;
    v[V.s1p] = this.P(s1);
    v[V.s1w] = this.W(s1);
    v[V.s0hasHead] = s0h >= 0 ? 1 : 0;
    v[V.s0c] = this.C(s0);
    v[V.n0c] = this.c[n0]!;
    v[V.n1c] = this.C(n1);
    v[V.s0c6] = this.C6(s0);
    v[V.n0c6] = this.c6[n0]!;
    const roles = this.roles;
    roles[0] = s0;
    roles[1] = n0;
    roles[2] = n1;
    roles[3] = n2;
    roles[4] = s0h;
    roles[5] = s0l;
    roles[6] = s0r;
    roles[7] = n0l;
    roles[8] = s0h2;
    roles[9] = s0l2;
    roles[10] = s0r2;
    roles[11] = n0l2;
  }

  /** Features for labelling the arc head → dep. */
  labelFeatures(h: number, d: number, out: Int32Array): number {
    const n = this.n;
    const v = this.v;
    const dl = this.l1[d]!, dr = this.r1[d]!;
    const hh = h < n ? this.head[h]! : -1;
    v[LV.hw] = this.W(h);
    v[LV.hp] = this.P(h);
    v[LV.dw] = this.W(d);
    v[LV.dp] = this.P(d);
    v[LV.dir] = h === n ? 0 : d < h ? 1 : 2;
    v[LV.dist] = h === n ? 0 : Math.min(Math.abs(h - d), 8);
    v[LV.dllb] = this.Lb(dl);
    v[LV.dlw] = this.W(dl);
    v[LV.dlp] = this.P(dl);
    v[LV.dsl] = this.sl[d]!;
    v[LV.drlb] = this.Lb(dr);
    v[LV.dsr] = this.sr[d]!;
    v[LV.hlb] = this.Lb(h < n ? h : -1);
    v[LV.hhp] = this.P(hh);
    v[LV.dprevp] = this.P(d > 0 ? d - 1 : -1);
    v[LV.dnextp] = this.P(d + 1 < n ? d + 1 : -1);
    v[LV.hsl] = this.sl[h]!;
    v[LV.dhasLeft] = this.vl[d]! > 0 ? 1 : 0;
    v[LV.hc] = this.c[h]!;
    v[LV.dc] = this.c[d]!;
    v[LV.hc6] = this.c6[h]!;
    v[LV.dc6] = this.c6[d]!;
    out[0] = L[0]!;
    return LABEL_PROGRAM.run(v, out, 1);
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
  /** Run time: the transition templates of no role, scored from dense tables or hashed (`hashed`). */
  dense: DenseTemplates;
  /** Run time: the role rows of an absent token and of the root (see `ParseState.roleRows`). */
  noneRoles: Int32Array;
  rootRoles: Int32Array;
  /** Run time: the role rows of recent words. */
  roleCache: RoleCache;
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
    let best = -1;
    let valid = 0;
    for (let t = 0; t < 4; t++)
      if (st.valid(t)) {
        valid++;
        best = t;
      }
    // A forced move (the first SHIFT, and the whole tail once the buffer holds only the root) needs no scoring.
    if (valid > 1) {
      transitionScores(m, st, feats, scores);
      best = -1;
      for (let t = 0; t < 4; t++) if (st.valid(t) && (best < 0 || scores[t]! > scores[best]!)) best = t;
    }
    if (best === LEFT) st.apply(best, chooseLabel(m, st, st.b, st.stack[st.sp - 1]!, feats, scores));
    else if (best === RIGHT) st.apply(best, chooseLabel(m, st, st.stack[st.sp - 1]!, st.b, feats, scores));
    else st.apply(best);
  }
  st.finish(m.rootLabel, m.fallbackLabel);
}

/** Sets `scores` to the sum of the role rows of the configuration's role tokens (see `ParseState.roleRows`). */
function addRoleScores(st: ParseState, scores: Int32Array): void {
  const rows = st.roleRows;
  const roles = st.roles;
  let a = 0, b = 0, c = 0, d = 0;
  for (let r = 0; r < ROLES; r++) {
    const at = ((roles[r]! + 1) * ROLES + r) * 4;
    a += rows[at]!;
    b += rows[at + 1]!;
    c += rows[at + 2]!;
    d += rows[at + 3]!;
  }
  scores[0] = a;
  scores[1] = b;
  scores[2] = c;
  scores[3] = d;
}

/**
 * Each role's four transition scores for a token of word hash `w`, tag `p` and cluster hashes `c`, `c6`, into
 * `out` from `at` (ROLES × 4 values). `feats` and `scores` are scratch.
 */
export function roleScores(m: LinearModel, w: number, p: number, c: number, c6: number, out: Int32Array, at: number, feats: Int32Array, scores: Int32Array): void {
  const u = roleValues;
  u[0] = w;
  u[1] = p;
  u[2] = c;
  u[3] = c6;
  u[4] = f2(WP_SEEDS.s0, w, p);
  u[5] = f2(WP_SEEDS.n0, w, p);
  for (let r = 0; r < ROLES; r++) {
    scores[0] = scores[1] = scores[2] = scores[3] = 0;
    m.score(feats, ROLE_PROGRAMS[r]!.run(u, feats, 0), scores);
    for (let k = 0; k < 4; k++) out[at + 4 * r + k] = scores[k]!;
  }
}
const roleValues = new Int32Array(ROLE_VALUES);

/** The run-time parts of a parser model (see ParserModel) for transitions over `tags` tags and `labels` labels. */
export function runTimeParts(m: LinearModel, sizes: { tags: number; labels: number }): Pick<ParserModel, "dense" | "noneRoles" | "rootRoles" | "roleCache"> {
  const feats = new Int32Array(PARSE_FEATS);
  const scores = new Int32Array(4);
  const noneRoles = new Int32Array(ROLES * 4);
  const rootRoles = new Int32Array(ROLES * 4);
  roleScores(m, NONE_W, NONE_P, NONE_W, NONE_W, noneRoles, 0, feats, scores);
  roleScores(m, ROOT_W, ROOT_P, ROOT_W, ROOT_W, rootRoles, 0, feats, scores);
  return { dense: new DenseTemplates(m, FREE_TEMPLATES, sizes), noneRoles, rootRoles, roleCache: new RoleCache() };
}

/**
 * The role rows of recent words in one pool (a typed array per word would cost more than its 48 numbers). A word's
 * rows stay while it owns its place; places are taken in turn, so past `cap` words the oldest are dropped.
 */
export class RoleCache {
  rows: Int32Array;
  private readonly owners: (WordInfo | null)[] = [];
  private next = 0;
  constructor(private readonly cap = 1 << 15) {
    this.rows = new Int32Array(1024 * ROLES * 4);
  }

  /** The offset in `rows` of the rows of `w` with tag `tag`, or -1 when they are not held. */
  find(w: WordInfo, tag: number): number {
    const at = w.roleAt;
    return at >= 0 && this.owners[at] === w && w.roleTag === tag ? at * ROLES * 4 : -1;
  }

  /** A place for the rows of `w` with tag `tag` (its own if it has one), as an offset in `rows`; the caller fills it. */
  place(w: WordInfo, tag: number): number {
    let at = w.roleAt;
    if (!(at >= 0 && this.owners[at] === w)) {
      if (this.next === this.cap) this.next = 0;
      at = this.next++;
      if ((at + 1) * ROLES * 4 > this.rows.length) {
        const grown = new Int32Array(Math.min(2 * this.rows.length, this.cap * ROLES * 4));
        grown.set(this.rows);
        this.rows = grown;
      }
      this.owners[at] = w;
      w.roleAt = at;
    }
    w.roleTag = tag;
    return at * ROLES * 4;
  }
}

/**
 * Fills `st.roleRows` after `reset` for the words `ws` (their tags are `st.p`). A form mostly keeps one tag, so its
 * rows are mostly remembered from an earlier sentence.
 */
export function fillRoleRows(m: ParserModel, st: ParseState, ws: readonly WordInfo[], feats: Int32Array, scores: Int32Array): void {
  const width = ROLES * 4;
  const n = st.n;
  const cache = m.roleCache;
  const out = st.roleRows;
  out.set(m.noneRoles, 0);
  out.set(m.rootRoles, (n + 1) * width);
  for (let i = 0; i < n; i++) {
    const w = ws[i]!;
    const tag = st.p[i]!;
    let at = cache.find(w, tag);
    if (at < 0) {
      at = cache.place(w, tag);
      roleScores(m.transitions, st.w[i]!, tag, st.c[i]!, st.c6[i]!, cache.rows, at, feats, scores);
    }
    const rows = cache.rows;
    const to = (i + 1) * width;
    for (let k = 0; k < width; k++) out[to + k] = rows[at + k]!;
  }
}

/** Run time: the four transition scores of the configuration in `st` (the same as scoring `st.features`). */
export function transitionScores(m: ParserModel, st: ParseState, feats: Int32Array, scores: Int32Array): void {
  const nf = st.featuresOf(m.dense.hashed, feats);
  addRoleScores(st, scores);
  m.dense.add(st.v, scores);
  m.transitions.score(feats, nf, scores);
}

export function chooseLabel(m: ParserModel, st: ParseState, h: number, d: number, feats: Int32Array, scores: Int32Array): number {
  if (h === st.n) return m.rootLabel;
  const cands = m.labelCands[st.p[d]! * 3 + labelSide(h, d, st.n)];
  if (!cands || cands.length === 0) return m.fallbackLabel;
  if (cands.length === 1) return cands[0]!;
  const nf = st.labelFeatures(h, d, feats);
  // Only the candidates' scores are read, so only they need zeroing (the others may hold anything).
  for (let c = 0; c < cands.length; c++) scores[cands[c]!] = 0;
  m.labels.score(feats, nf, scores);
  let best = cands[0]!;
  for (let c = 1; c < cands.length; c++) if (scores[cands[c]!]! > scores[best]!) best = cands[c]!;
  return best;
}
