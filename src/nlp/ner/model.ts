/**
 * An averaged-perceptron sequence tagger (greedy, left to right, with the previous two tags as features), the
 * classic fast NER model. Weights live in one Float32Array indexed by (feature hash mod size) × tag.
 * Model file (data/models/README.md): a small JSON header line, then the non-zero weights as little-endian
 * pairs (uint32 index, float32 weight).
 */
import { hash } from "./features.js";

export const TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"] as const;
export type Tag = (typeof TAGS)[number];
export const BITS = 18;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;
const N = TAGS.length;

// Previous-tag features are hashed once: prev tag t1, previous two tags t2|t1.
const PREV1 = TAGS.map((t) => hash(`t-1=${t}`));
const PREV2 = TAGS.map((a) => TAGS.map((b) => hash(`t-2=${a}|${b}`)));
const START = TAGS.length; // index standing for "no tag before the sentence"
const INSIDE = TAGS.map((t) => t.startsWith("I-"));
const TYPE_OF = TAGS.map((t) => t.slice(2));
const PREV1_START = hash("t-1=<s>");
const PREV2_START = [hash("t-2=<s>|<s>"), ...TAGS.map((b) => hash(`t-2=<s>|${b}`))];

export class Perceptron {
  readonly weights: Float32Array;
  constructor(weights?: Float32Array) {
    this.weights = weights ?? new Float32Array(SIZE * N);
  }

  private readonly s = new Float64Array(N);

  /** Adds the weights of one feature to the tag scores (the hot loop: no allocation). */
  private add(f: number): void {
    const w = this.weights;
    const s = this.s;
    const base = (f & MASK) * N;
    for (let t = 0; t < N; t++) s[t]! += w[base + t]!;
  }

  /** Previous-tag feature hashes for position i given the tags so far. */
  static context(tags: readonly number[], i: number): [number, number] {
    const p1 = i > 0 ? tags[i - 1]! : START;
    const p2 = i > 1 ? tags[i - 2]! : START;
    return [
      p1 === START ? PREV1_START : PREV1[p1]!,
      p2 === START ? PREV2_START[p1 === START ? 0 : p1 + 1]! : PREV2[p2]![p1]!,
    ];
  }

  /** Greedy decoding with the constraint that I-X follows B-X or I-X. */
  decode(features: readonly number[][]): number[] {
    const tags: number[] = [];
    const s = this.s;
    for (let i = 0; i < features.length; i++) {
      s.fill(0);
      for (const f of features[i]!) this.add(f);
      const [c1, c2] = Perceptron.context(tags, i);
      this.add(c1);
      this.add(c2);
      const prev = i > 0 ? TAGS[tags[i - 1]!]!.slice(2) : "";
      let best = 0;
      for (let t = 1; t < N; t++) {
        if (INSIDE[t] && TYPE_OF[t] !== prev) continue;
        if (s[t]! > s[best]!) best = t;
      }
      tags.push(best);
    }
    return tags;
  }

  /** Serialises the non-zero weights. */
  toBuffer(header: Record<string, unknown>): Buffer {
    const idx: number[] = [];
    for (let i = 0; i < this.weights.length; i++) if (this.weights[i] !== 0) idx.push(i);
    const body = Buffer.alloc(idx.length * 8);
    idx.forEach((i, k) => {
      body.writeUInt32LE(i, k * 8);
      body.writeFloatLE(this.weights[i]!, k * 8 + 4);
    });
    return Buffer.concat([Buffer.from(JSON.stringify({ ...header, bits: BITS, tags: TAGS, weights: idx.length }) + "\n"), body]);
  }

  static fromBuffer(buf: Buffer): Perceptron {
    const nl = buf.indexOf(10);
    const header = JSON.parse(buf.subarray(0, nl).toString("utf8")) as { bits: number; tags: string[] };
    if (header.bits !== BITS || header.tags.join() !== TAGS.join()) throw new Error("NER model: incompatible header (retrain with scripts/train-ner.ts)");
    const p = new Perceptron();
    for (let off = nl + 1; off + 8 <= buf.length; off += 8) p.weights[buf.readUInt32LE(off)] = buf.readFloatLE(off + 4);
    return p;
  }
}

/** Training state for averaging: per weight, the running total and when it last changed. */
export class Trainer {
  readonly model = new Perceptron();
  private totals = new Float64Array(SIZE * N);
  private stamps = new Uint32Array(SIZE * N);
  private step = 0;

  private update(index: number, delta: number): void {
    const w = this.model.weights;
    this.totals[index]! += (this.step - this.stamps[index]!) * w[index]!;
    this.stamps[index] = this.step;
    w[index]! += delta;
  }

  /** One sentence: decode greedily with the current weights and correct each wrong tag. */
  train(features: readonly number[][], gold: readonly number[]): void {
    const guess: number[] = [];
    const s = new Float32Array(N);
    for (let i = 0; i < features.length; i++) {
      this.step++;
      // Train on the gold history (teacher forcing), as the standard greedy averaged perceptron does.
      const ctx = Perceptron.context(gold, i);
      s.fill(0);
      let best = 0;
      for (const list of [features[i]!, ctx])
        for (const f of list) {
          const base = (f & MASK) * N;
          for (let t = 0; t < N; t++) s[t]! += this.model.weights[base + t]!;
        }
      for (let t = 1; t < N; t++) if (s[t]! > s[best]!) best = t;
      guess.push(best);
      if (best !== gold[i]) {
        for (const list of [features[i]!, ctx])
          for (const f of list) {
            const base = (f & MASK) * N;
            this.update(base + gold[i]!, 1);
            this.update(base + best, -1);
          }
      }
    }
  }

  /** The averaged weights, rounded away where tiny so the shipped model stays small. */
  averaged(threshold = 1e-3): Perceptron {
    const w = this.model.weights;
    const out = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) {
      const total = this.totals[i]! + (this.step - this.stamps[i]!) * w[i]!;
      const avg = total / this.step;
      out[i] = Math.abs(avg) < threshold ? 0 : avg;
    }
    return new Perceptron(out);
  }
}
