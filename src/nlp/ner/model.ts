/**
 * The NER model as shipped and used at run time: a hash table from feature hash to a row of quantised weights
 * (one 8-bit weight per tag, a row's tags side by side so one feature is one short memory read), the tag transition,
 * start and end weights, and first-order Viterbi decoding. Features missing from the table weigh nothing.
 * File layout: data/models/README.md.
 */
import { T } from "./tags.js";
import { Viterbi } from "./viterbi.js";

export interface ModelParts {
  /** Feature hashes, one per row. */
  keys: Uint32Array;
  /** keys.length × T weights quantised to 8 bits (measured: no loss of F1 on eng.testa); weight = value × scale. */
  weights: Int8Array;
  scale: number;
  trans: Float32Array;
  start: Float32Array;
  end: Float32Array;
}

export class Model {
  /** Open addressing, linear probing: slots[2s] = key, slots[2s + 1] = row + 1 (0 = empty), side by side. */
  private readonly slots: Uint32Array;
  private readonly mask: number;
  private readonly viterbi = new Viterbi();
  private acc = new Int32Array(0);

  constructor(readonly parts: ModelParts) {
    let size = 1;
    while (size < parts.keys.length * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Uint32Array(size * 2);
    parts.keys.forEach((k, row) => {
      let s = k & this.mask;
      while (this.slots[2 * s + 1] !== 0) s = (s + 1) & this.mask;
      this.slots[2 * s] = k;
      this.slots[2 * s + 1] = row + 1;
    });
  }

  /** Offset of a feature's weights in `parts.weights` (row × T), or -1. */
  row(key: number): number {
    const slots = this.slots;
    let s = key & this.mask;
    for (;;) {
      const r = slots[2 * s + 1]!;
      if (r === 0) return -1;
      if (slots[2 * s] === key) return (r - 1) * T;
      s = (s + 1) & this.mask;
    }
  }

  /**
   * Adds the scores of tokens' features into `scores` (n × T, from token 0): token i's features are
   * feats[offsets[i] … offsets[i + 1]). Sums stay integers until one multiplication by the scale per token.
   */
  addScores(feats: Uint32Array, offsets: Int32Array, n: number, scores: Float64Array): void {
    // Hot loop of the tagger: a table probe and T integer adds per feature, nothing allocated.
    const w = this.parts.weights;
    const scale = this.parts.scale;
    if (this.acc.length < T) this.acc = new Int32Array(T);
    const acc = this.acc;
    for (let i = 0; i < n; i++) {
      acc.fill(0);
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const base = this.row(feats[k]!);
        if (base < 0) continue;
        for (let t = 0; t < T; t++) acc[t]! += w[base + t]!;
      }
      const row = i * T;
      for (let t = 0; t < T; t++) scores[row + t]! += acc[t]! * scale;
    }
  }

  /** Adds the integer weights of features feats[from … to) into `acc` (T values). */
  sum(feats: ArrayLike<number>, from: number, to: number, acc: Int32Array): void {
    const w = this.parts.weights;
    for (let k = from; k < to; k++) {
      const base = this.row(feats[k]!);
      if (base < 0) continue;
      for (let t = 0; t < T; t++) acc[t]! += w[base + t]!;
    }
  }

  get scale(): number {
    return this.parts.scale;
  }

  decode(scores: Float64Array, n: number, out: Uint8Array, from = 0): void {
    this.viterbi.decode(scores, n, this.parts.trans, this.parts.start, this.parts.end, out, from);
  }

  get size(): number {
    return this.parts.keys.length;
  }

  /** Serialises: keys (uint32), weights (int8), scale, transitions, start, end — all little-endian. */
  toBuffer(): Buffer {
    const p = this.parts;
    const head = Buffer.alloc(12);
    head.writeUInt32LE(p.keys.length, 0);
    head.writeUInt32LE(T, 4);
    head.writeFloatLE(p.scale, 8);
    return Buffer.concat([head, bytes(p.keys), bytes(p.weights), bytes(p.trans), bytes(p.start), bytes(p.end)]);
  }

  /** Reads a model written by `toBuffer` from `buf` at `offset`; returns it and the offset after it. */
  static fromBuffer(buf: Buffer, offset = 0): { model: Model; next: number } {
    const n = buf.readUInt32LE(offset);
    const tags = buf.readUInt32LE(offset + 4);
    if (tags !== T) throw new Error(`NER model: ${tags} tags, this code has ${T} (retrain with scripts/train-ner.ts)`);
    const scale = buf.readFloatLE(offset + 8);
    let at = offset + 12;
    const take = <A>(make: (b: ArrayBuffer) => A, count: number, width: number): A => {
      const copy = new ArrayBuffer(count * width);
      new Uint8Array(copy).set(buf.subarray(at, at + count * width));
      at += count * width;
      return make(copy);
    };
    const keys = take((b) => new Uint32Array(b), n, 4);
    const weights = take((b) => new Int8Array(b), n * T, 1);
    const trans = take((b) => new Float32Array(b), T * T, 4);
    const start = take((b) => new Float32Array(b), T, 4);
    const end = take((b) => new Float32Array(b), T, 4);
    return { model: new Model({ keys, weights, scale, trans, start, end }), next: at };
  }
}

const bytes = (a: Uint32Array | Int8Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
