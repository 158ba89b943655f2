/**
 * Dense tables for the transition templates whose values all come from small sets (tags, labels, the distance, a
 * flag: `SMALL` in parse-features.ts): the four weights of every combination of values are looked up once, when the
 * model loads, so a transition reads them by index instead of hashing and probing the large weight table. They are
 * read from the same LinearModel, so the scores are the same.
 */
import { FeatureProgram } from "./hash.js";
import type { LinearModel } from "./linear.js";
import { NONE_P, ROOT_P, type FreeTemplate, type SmallKind } from "./parse-features.js";

/** Largest table kept dense (cells); bigger ones (tag triples, tag pairs by distance) stay hashed. */
const MAX_CELLS = 1 << 14;

/** The values a slot of each kind takes (labels: `ParseState.Lb`'s 255 for none and 254 for no head yet). */
function domain(kind: SmallKind, sizes: { tags: number; labels: number }): number[] {
  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);
  if (kind === "tag") return [...upTo(sizes.tags), ROOT_P, NONE_P];
  if (kind === "label") return [...upTo(sizes.labels), 254, 255];
  if (kind === "dist") return [...upTo(11), 15];
  return [0, 1];
}

export class DenseTemplates {
  private readonly arity: Uint8Array;
  /** Per template, three slots of the configuration's values (`ParseState.v`), their strides and value maps. */
  private readonly slots: Uint8Array;
  private readonly strides: Int32Array;
  /** 256 entries per template slot: value → index in its domain. */
  private readonly remap: Uint8Array;
  private readonly base: Int32Array;
  /** Two int32 per cell: w0 | w1 << 16, w2 | w3 << 16 (as LinearModel's inline slots). */
  private readonly cells: Int32Array;
  /** The templates left to hash per transition. */
  readonly hashed: FeatureProgram;

  constructor(model: LinearModel, templates: readonly FreeTemplate[], sizes: { tags: number; labels: number }) {
    const domains = templates.map((t) => t.kinds?.map((k) => domain(k, sizes)) ?? null);
    const size = (d: number[][]) => d.reduce((n, x) => n * x.length, 1);
    const dense = templates.filter((_, i) => domains[i] && size(domains[i]!) <= MAX_CELLS);
    this.hashed = new FeatureProgram(templates.filter((t) => !dense.includes(t)).map((t) => t.template));
    const n = dense.length;
    this.arity = new Uint8Array(n);
    this.slots = new Uint8Array(3 * n);
    this.strides = new Int32Array(3 * n);
    this.remap = new Uint8Array(3 * n * 256);
    this.base = new Int32Array(n);
    let total = 0;
    const ds = dense.map((t) => domains[templates.indexOf(t)]!);
    for (const d of ds) total += size(d);
    this.cells = new Int32Array(2 * total);
    const feats = new Int32Array(1);
    const scores = new Int32Array(4);
    const u = new Int32Array(3);
    let at = 0;
    dense.forEach((t, i) => {
      const d = ds[i]!;
      const [seed, ...vs] = t.template;
      this.arity[i] = vs.length;
      this.base[i] = at;
      let stride = 1;
      for (let j = vs.length - 1; j >= 0; j--) {
        this.slots[3 * i + j] = vs[j]!;
        this.strides[3 * i + j] = stride;
        d[j]!.forEach((value, index) => (this.remap[(3 * i + j) * 256 + value] = index));
        stride *= d[j]!.length;
      }
      const program = new FeatureProgram([[seed!, ...vs.map((_, j) => j)]]);
      for (let cell = 0; cell < stride; cell++) {
        let rest = cell;
        for (let j = 0; j < vs.length; j++) {
          const s = this.strides[3 * i + j]!;
          u[j] = d[j]![Math.floor(rest / s)]!;
          rest %= s;
        }
        scores.fill(0);
        model.score(feats, program.run(u, feats, 0), scores);
        this.cells[2 * (at + cell)] = (scores[0]! & 0xffff) | (scores[1]! << 16);
        this.cells[2 * (at + cell) + 1] = (scores[2]! & 0xffff) | (scores[3]! << 16);
      }
      at += stride;
    });
  }

  /** Adds the dense templates' weights at the configuration values `v` into `scores` (four classes). */
  add(v: Int32Array, scores: Int32Array): void {
    const cells = this.cells;
    const remap = this.remap;
    let a = 0, b = 0, c = 0, d = 0;
    for (let t = 0; t < this.base.length; t++) {
      let cell = this.base[t]!;
      for (let j = 0; j < this.arity[t]!; j++) {
        const k = 3 * t + j;
        cell += remap[k * 256 + (v[this.slots[k]!]! & 255)]! * this.strides[k]!;
      }
      const x = cells[2 * cell]!;
      const y = cells[2 * cell + 1]!;
      a += (x << 16) >> 16;
      b += x >> 16;
      c += (y << 16) >> 16;
      d += y >> 16;
    }
    scores[0]! += a;
    scores[1]! += b;
    scores[2]! += c;
    scores[3]! += d;
  }
}
