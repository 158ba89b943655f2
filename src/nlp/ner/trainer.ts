/**
 * Training of the NER model: a structured averaged perceptron (Collins 2002). Each sentence is decoded with
 * Viterbi under the current weights; where the best path differs from the gold one, the features and transitions
 * of the gold path gain 1 and those of the predicted path lose 1. The averaged weights (the usual trick: w − u/c)
 * are pruned of features that never mattered and quantised to 16 bits for the shipped model.
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

  constructor(
    readonly features: number,
    /** Ids below this many tokens are never updated (rare features only add noise and size). */
    private readonly usable: (id: number) => boolean = () => true,
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
    s.fill(0, 0, n * T);
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
    this.viterbi.decode(this.score(ex), n, this.trans, this.start, this.end, this.pred);
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
   * with 16-bit weights. `hashes[id]` gives each feature's hash.
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
    const scale = maxAbs / 32767 || 1;
    const keys = new Uint32Array(keep.length);
    const weights = new Int16Array(keep.length * T);
    keep.forEach((id, r) => {
      keys[r] = hashes[id]!;
      for (let t = 0; t < T; t++) weights[r * T + t] = Math.round((this.w[id * T + t]! - this.u[id * T + t]! / this.c) / scale);
    });
    return new Model({ keys, weights, scale, trans: avg(this.trans, this.transU), start: avg(this.start, this.startU), end: avg(this.end, this.endU) });
  }
}
