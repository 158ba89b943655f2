/**
 * Training of the NER model: a structured averaged perceptron (Collins 2002). Each sentence is decoded with
 * Viterbi under the current weights; where the best path differs from the gold one, the features and transitions
 * of the gold path gain 1 and those of the predicted path lose 1. The averaged weights (the usual trick: w − u/c)
 * are pruned of features that never mattered and quantised to 8 bits for the shipped model.
 */
import { Model } from "./model.js";
import { T } from "./tags.js";
import { Viterbi } from "./viterbi.js";

/** Feature hashes → dense ids for training, with how many tokens fire each. */
export class FeatureIndex {
  readonly ids = new Map<number, number>();
  readonly hashes: number[] = [];
  readonly counts: number[] = [];

  encode(feats: Uint32Array): Int32Array {
    const out = new Int32Array(feats.length);
    for (let k = 0; k < feats.length; k++) {
      const h = feats[k]!;
      let id = this.ids.get(h);
      if (id === undefined) {
        id = this.hashes.length;
        this.ids.set(h, id);
        this.hashes.push(h);
        this.counts.push(0);
      }
      this.counts[id]!++;
      out[k] = id;
    }
    return out;
  }

  get size(): number {
    return this.hashes.length;
  }
}

/** One training sentence: feature ids of token i are ids[offsets[i] … offsets[i + 1]), gold BILOU tags. */
export interface Example {
  ids: Int32Array;
  offsets: Int32Array;
  gold: Uint8Array;
  /** Scores another model gives each token and tag, which this one learns to correct (stacking), if any. */
  base?: Float64Array;
}

/** Transition, start and end weights of the model a stacked one is trained on top of. */
export interface BaseModel {
  trans: ArrayLike<number>;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

export class Trainer {
  private readonly w: Float32Array;
  private readonly u: Float64Array;
  private readonly trans = new Float64Array(T * T);
  private readonly transU = new Float64Array(T * T);
  private readonly start = new Float64Array(T);
  private readonly startU = new Float64Array(T);
  private readonly end = new Float64Array(T);
  private readonly endU = new Float64Array(T);
  private c = 1;
  private readonly viterbi = new Viterbi();
  private scores = new Float64Array(0);
  private pred = new Uint8Array(0);

  /** With a base model: its transitions plus this model's, as decoding uses them. */
  private readonly decodeTrans = new Float64Array(T * T);
  private readonly decodeStart = new Float64Array(T);
  private readonly decodeEnd = new Float64Array(T);

  constructor(
    readonly features: number,
    /** Features never updated (rare ones only add noise and size). */
    private readonly usable: (id: number) => boolean = () => true,
    /** For a stacked model: the model whose scores (Example.base) and transitions it is trained on top of. */
    private readonly baseModel?: BaseModel,
  ) {
    this.w = new Float32Array(features * T);
    this.u = new Float64Array(features * T);
  }

  /** Scores of each token and tag under the current weights. */
  private score(ex: Example): Float64Array {
    const n = ex.gold.length;
    if (this.scores.length < n * T) {
      this.scores = new Float64Array(2 * n * T);
      this.pred = new Uint8Array(2 * n);
    }
    const s = this.scores;
    if (ex.base) s.set(ex.base.subarray(0, n * T));
    else s.fill(0, 0, n * T);
    for (let i = 0; i < n; i++)
      for (let k = ex.offsets[i]!; k < ex.offsets[i + 1]!; k++) {
        const base = ex.ids[k]! * T;
        for (let t = 0; t < T; t++) s[i * T + t]! += this.w[base + t]!;
      }
    return s;
  }

  /** Decodes a sentence with the current (not averaged) weights. */
  predict(ex: Example): Uint8Array {
    const n = ex.gold.length;
    const scores = this.score(ex);
    const b = this.baseModel;
    if (b) {
      for (let k = 0; k < T * T; k++) this.decodeTrans[k] = b.trans[k]! + this.trans[k]!;
      for (let t = 0; t < T; t++) {
        this.decodeStart[t] = b.start[t]! + this.start[t]!;
        this.decodeEnd[t] = b.end[t]! + this.end[t]!;
      }
      this.viterbi.decode(scores, n, this.decodeTrans, this.decodeStart, this.decodeEnd, this.pred);
    } else this.viterbi.decode(scores, n, this.trans, this.start, this.end, this.pred);
    return this.pred.subarray(0, n);
  }

  private bump(w: Float64Array | Float32Array, u: Float64Array, i: number, d: number): void {
    w[i]! += d;
    u[i]! += this.c * d;
  }

  /** One perceptron step; returns whether the sentence was decoded wrongly. */
  train(ex: Example): boolean {
    const n = ex.gold.length;
    const pred = this.predict(ex);
    const gold = ex.gold;
    let wrong = false;
    for (let i = 0; i < n; i++) {
      if (pred[i] === gold[i]) continue;
      wrong = true;
      for (let k = ex.offsets[i]!; k < ex.offsets[i + 1]!; k++) {
        const id = ex.ids[k]!;
        if (!this.usable(id)) continue;
        this.bump(this.w, this.u, id * T + gold[i]!, 1);
        this.bump(this.w, this.u, id * T + pred[i]!, -1);
      }
    }
    if (wrong) {
      for (let i = 1; i < n; i++) {
        if (pred[i - 1] === gold[i - 1] && pred[i] === gold[i]) continue;
        this.bump(this.trans, this.transU, gold[i - 1]! * T + gold[i]!, 1);
        this.bump(this.trans, this.transU, pred[i - 1]! * T + pred[i]!, -1);
      }
      if (pred[0] !== gold[0]) {
        this.bump(this.start, this.startU, gold[0]!, 1);
        this.bump(this.start, this.startU, pred[0]!, -1);
      }
      if (pred[n - 1] !== gold[n - 1]) {
        this.bump(this.end, this.endU, gold[n - 1]!, 1);
        this.bump(this.end, this.endU, pred[n - 1]!, -1);
      }
    }
    this.c++;
    return wrong;
  }

  /**
   * The averaged model, keeping features whose largest averaged weight is at least `prune` in magnitude,
   * with 8-bit weights. `hashes[id]` gives each feature's hash.
   */
  averaged(hashes: readonly number[], prune = 0): Model {
    const avg = (w: Float64Array | Float32Array, u: Float64Array) => Float32Array.from(w, (x, i) => x - u[i]! / this.c);
    const keep: number[] = [];
    let maxAbs = 0;
    for (let id = 0; id < this.features; id++) {
      let m = 0;
      for (let t = 0; t < T; t++) m = Math.max(m, Math.abs(this.w[id * T + t]! - this.u[id * T + t]! / this.c));
      if (m > prune && m > 0) {
        keep.push(id);
        maxAbs = Math.max(maxAbs, m);
      }
    }
    const scale = maxAbs / 127 || 1;
    // Rows whose weights all round to 0 are left out.
    const rows = keep.filter((id) => {
      for (let t = 0; t < T; t++) if (Math.round((this.w[id * T + t]! - this.u[id * T + t]! / this.c) / scale) !== 0) return true;
      return false;
    });
    const keys = new Uint32Array(rows.length);
    const weights = new Int8Array(rows.length * T);
    rows.forEach((id, r) => {
      keys[r] = hashes[id]!;
      for (let t = 0; t < T; t++) weights[r * T + t] = Math.round((this.w[id * T + t]! - this.u[id * T + t]! / this.c) / scale);
    });
    // A stacked model carries the sum of its base's transitions and its own, as decoding uses them.
    const plus = (a: Float32Array, b: ArrayLike<number> | undefined) => (b ? a.map((x, i) => x + b[i]!) : a);
    const base = this.baseModel;
    return new Model({
      keys,
      weights,
      scale,
      trans: plus(avg(this.trans, this.transU), base?.trans),
      start: plus(avg(this.start, this.startU), base?.start),
      end: plus(avg(this.end, this.endU), base?.end),
    });
  }
}
