/**
 * Training state of an averaged perceptron over hashed features: an open-addressing table maps each feature that
 * was ever updated to a row of per-class weights (contiguous, so scoring all classes of a feature is one probe),
 * with the running totals for averaging kept lazily (each weight remembers when it last changed). `export`
 * averages, quantises to int16 and prunes into the run-time LinearModel.
 */
import { LinearModel } from "../linear.js";

export class AveragedPerceptron {
  readonly classes: number;
  private cap: number;
  private mask: number;
  private rows = 0;
  private keys: Int32Array;
  private rowOf: Int32Array;
  private w: Float32Array;
  private total: Float64Array;
  private stamp: Int32Array;
  /** Number of training instances seen (the averaging clock). */
  step = 0;

  constructor(classes: number, bits = 18) {
    if (classes > 255) throw new Error("at most 255 classes");
    this.classes = classes;
    this.cap = 1 << bits;
    this.mask = this.cap - 1;
    this.keys = new Int32Array(this.cap);
    this.rowOf = new Int32Array(this.cap);
    const cells = (this.cap >> 1) * classes;
    this.w = new Float32Array(cells);
    this.total = new Float64Array(cells);
    this.stamp = new Int32Array(cells);
  }

  private find(f: number): number {
    let s = (Math.imul(f, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const k = this.keys[s]!;
      if (k === f) return this.rowOf[s]!;
      if (k === 0) return -1;
      s = (s + 1) & this.mask;
    }
  }

  private insert(f: number): number {
    let s = (Math.imul(f, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const k = this.keys[s]!;
      if (k === f) return this.rowOf[s]!;
      if (k === 0) break;
      s = (s + 1) & this.mask;
    }
    if ((this.rows + 1) * 2 > this.cap) {
      this.grow();
      return this.insert(f);
    }
    this.keys[s] = f;
    this.rowOf[s] = this.rows;
    const base = this.rows * this.classes;
    for (let c = 0; c < this.classes; c++) this.stamp[base + c] = this.step;
    return this.rows++;
  }

  private grow(): void {
    const { keys, rowOf } = this;
    this.cap *= 2;
    this.mask = this.cap - 1;
    this.keys = new Int32Array(this.cap);
    this.rowOf = new Int32Array(this.cap);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      let s = (Math.imul(keys[i]!, 0x9e3779b1) >>> 0) & this.mask;
      while (this.keys[s] !== 0) s = (s + 1) & this.mask;
      this.keys[s] = keys[i]!;
      this.rowOf[s] = rowOf[i]!;
    }
    const cells = (this.cap >> 1) * this.classes;
    const w = new Float32Array(cells);
    w.set(this.w);
    const total = new Float64Array(cells);
    total.set(this.total);
    const stamp = new Int32Array(cells);
    stamp.set(this.stamp);
    [this.w, this.total, this.stamp] = [w, total, stamp];
  }

  /** Adds the current (not averaged) weights of `n` features into `out` (per class). */
  scoreAll(feats: Int32Array, n: number, out: Float64Array): void {
    const nc = this.classes;
    const w = this.w;
    for (let i = 0; i < n; i++) {
      const r = this.find(feats[i]!);
      if (r < 0) continue;
      const base = r * nc;
      for (let c = 0; c < nc; c++) out[c]! += w[base + c]!;
    }
  }

  /** Adds `delta` to the weight of class `c` for each of the `n` features. */
  update(feats: Int32Array, n: number, c: number, delta: number): void {
    for (let i = 0; i < n; i++) {
      const x = this.insert(feats[i]!) * this.classes + c;
      this.total[x]! += (this.step - this.stamp[x]!) * this.w[x]!;
      this.stamp[x] = this.step;
      this.w[x]! += delta;
    }
  }

  /** Number of feature rows held. */
  get size(): number {
    return this.rows;
  }

  /**
   * The averaged weights as a run-time model: quantised to int16 with one scale (the largest weight maps to
   * 32767); weights whose magnitude is at most `prune` × the largest are dropped.
   */
  export(prune = 0): LinearModel {
    const nc = this.classes;
    const avg = new Float32Array(this.rows * nc);
    let max = 0;
    const step = Math.max(1, this.step);
    for (let x = 0; x < avg.length; x++) {
      const a = (this.total[x]! + (this.step - this.stamp[x]!) * this.w[x]!) / step;
      avg[x] = a;
      if (Math.abs(a) > max) max = Math.abs(a);
    }
    const scale = max > 0 ? 32767 / max : 1;
    const floor = prune * max;
    const order: [number, number][] = [];
    for (let s = 0; s < this.cap; s++) if (this.keys[s] !== 0) order.push([this.keys[s]!, this.rowOf[s]!]);
    order.sort((a, b) => a[0] - b[0]);
    const keys: number[] = [];
    const lens: number[] = [];
    const entries: number[] = [];
    for (const [f, r] of order) {
      let len = 0;
      for (let c = 0; c < nc; c++) {
        const a = avg[r * nc + c]!;
        if (Math.abs(a) <= floor) continue;
        const q = Math.round(a * scale);
        if (q === 0) continue;
        entries.push((q << 8) | c);
        len++;
      }
      if (len) {
        keys.push(f);
        lens.push(len);
      }
    }
    return LinearModel.of(nc, Int32Array.from(keys), Uint8Array.from(lens), Int32Array.from(entries));
  }
}
