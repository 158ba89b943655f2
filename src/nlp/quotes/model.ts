/**
 * The attribution tagger: a structured (averaged) perceptron over BIO tags for source, cue and content, decoded
 * with Viterbi over the whole document (contents run across sentences). PolNeAR is univocal (each token has at most
 * one role in one attribution), so its annotation is such a tag sequence. Weights live in one Float32Array indexed
 * by (feature hash mod 2^bits) × tag, plus a tag-to-tag transition table.
 * Model file (data/models/README.md): a JSON header line, then the transitions as float32, then the non-zero
 * weights as (uint32 index, int16 weight / scale) pairs, little-endian.
 */
/** The tags of the document tagger: source, cue and content spans. */
export const TAGS = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CNT", "I-CNT"] as const;
/** The tags of the source tagger, which tags one cue's sentence for that cue's source. */
export const SOURCE_TAGS = ["O", "B-SRC", "I-SRC"] as const;
/** The tags of the content tagger, which tags one cue's sentence for that cue's content. */
export const CONTENT_TAGS = ["O", "B-CNT", "I-CNT"] as const;

/** allowed[p][t]: tag t may follow tag p (row tags.length is the start): I-X only after B-X or I-X. */
function allowedTransitions(tags: readonly string[]): boolean[][] {
  return Array.from({ length: tags.length + 1 }, (_, p) => tags.map((t) => !t.startsWith("I-") || (p < tags.length && tags[p]!.slice(2) === t.slice(2))));
}

export interface ModelHeader {
  trainedOn: string;
  tags: readonly string[];
  bits: number;
  /** Words and lemmas that are cues in train often enough (a feature, src/nlp/quotes/features.ts). */
  cueWords: string[];
  /** Whether the model was trained with parse features (the syntax stage present). */
  syntax: boolean;
  [k: string]: unknown;
}

export class AttributionModel {
  readonly mask: number;
  /** Number of tags. */
  readonly n: number;
  /** Dense weights, (2^bits) × n; emptied by `compact` once a loaded model scores from its packed rows. */
  weights: Float32Array;
  /** Transition weights, (n + 1) × n: a row per previous tag and a last one for the start. */
  readonly trans: Float32Array;
  private readonly allowed: boolean[][];
  /** For each tag, the tags that may precede it, in increasing order (the BIO constraint as lists). */
  private readonly preds: Int8Array[];
  /**
   * A frozen (loaded) model's weights, packed: `packed` holds the rows of the slots with any non-zero weight, in
   * slot order, after an all-zero row 0 that stands for every other slot. `rank` finds a slot's row: per 32 slots,
   * a bit mask of those with a row and the number of rows before them (interleaved), so the index is 2^bits / 8
   * bytes and stays in cache where a table per slot would not. Null while training.
   */
  rank: Uint32Array | null = null;
  packed: Float32Array | null = null;
  constructor(
    readonly header: ModelHeader,
    weights?: Float32Array,
    trans?: Float32Array,
  ) {
    this.n = header.tags.length;
    this.mask = (1 << header.bits) - 1;
    this.weights = weights ?? new Float32Array((1 << header.bits) * this.n);
    this.trans = trans ?? new Float32Array((this.n + 1) * this.n);
    this.allowed = allowedTransitions(header.tags);
    this.preds = header.tags.map((_, t) => Int8Array.from(header.tags.map((_, p) => p).filter((p) => this.allowed[p]![t])));
  }

  /**
   * Packs the non-zero weight rows for fast scoring; the weights must not change afterwards (a loaded model).
   * Scores are the same float32 sums in the same order (a slot without weights adds row 0's zeros).
   */
  freeze(): this {
    const N = this.n;
    const w = this.weights;
    const slots = this.mask + 1;
    let rows = 0;
    for (let s = 0; s < slots; s++) {
      for (let t = 0; t < N; t++)
        if (w[s * N + t] !== 0) {
          rows++;
          break;
        }
    }
    const rank = new Uint32Array(2 * Math.ceil(slots / 32));
    const packed = new Float32Array((rows + 1) * N);
    for (let s = 0, r = 0; s < slots; s++) {
      if ((s & 31) === 0) rank[2 * (s >>> 5) + 1] = r;
      let any = false;
      for (let t = 0; t < N; t++) if (w[s * N + t] !== 0) any = true;
      if (!any) continue;
      rank[2 * (s >>> 5)]! |= 1 << (s & 31);
      r++;
      for (let t = 0; t < N; t++) packed[r * N + t] = w[s * N + t]!;
    }
    this.rank = rank;
    this.packed = packed;
    return this;
  }

  /**
   * Drops the dense table of a frozen model: scoring reads only the packed rows, and the dense table (megabytes, mostly
   * zeros) is needed only to train, save or build a JointScorer — do those first.
   */
  compact(): this {
    if (!this.rank) throw new Error("attribution model: only a frozen model can be compacted");
    this.weights = new Float32Array(0);
    return this;
  }

  /** Emission scores: n × N, row-major. */
  emissions(features: readonly (readonly number[])[] | FeatureRows): Float32Array {
    if (features instanceof FeatureRows) {
      if (!this.rank) return this.emissions(features.toArrays());
      return this.packedEmissions(features);
    }
    if (this.rank) {
      const rows = new FeatureRows();
      for (const fs of features) {
        for (const f of fs) rows.push(f);
        rows.end();
      }
      return this.packedEmissions(rows);
    }
    const N = this.n;
    const out = new Float32Array(features.length * N);
    const mask = this.mask;
    const w = this.weights;
    for (let i = 0; i < features.length; i++) {
      const row = i * N;
      for (const f of features[i]!) {
        const base = (f & mask) * N;
        for (let t = 0; t < N; t++) out[row + t]! += w[base + t]!;
      }
    }
    return out;
  }

  /** Emission scores of a frozen model over flat feature rows: the same float32 sums as `emissions`. */
  private packedEmissions(rows: FeatureRows): Float32Array {
    const N = this.n;
    const n = rows.length;
    const out = new Float32Array(n * N);
    const mask = this.mask;
    const rank = this.rank!;
    const packed = this.packed!;
    const data = rows.data;
    const ends = rows.ends;
    if (N === 3) {
      for (let i = 0, j = 0; i < n; i++) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        for (const end = ends[i]!; j < end; j++) {
          const base = rowAt(rank, data[j]! & mask) * 3;
          a0 = Math.fround(a0 + packed[base]!);
          a1 = Math.fround(a1 + packed[base + 1]!);
          a2 = Math.fround(a2 + packed[base + 2]!);
        }
        out[i * 3] = a0;
        out[i * 3 + 1] = a1;
        out[i * 3 + 2] = a2;
      }
      return out;
    }
    if (N === 7) {
      for (let i = 0, j = 0; i < n; i++) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let a4 = 0;
        let a5 = 0;
        let a6 = 0;
        for (const end = ends[i]!; j < end; j++) {
          const base = rowAt(rank, data[j]! & mask) * 7;
          a0 = Math.fround(a0 + packed[base]!);
          a1 = Math.fround(a1 + packed[base + 1]!);
          a2 = Math.fround(a2 + packed[base + 2]!);
          a3 = Math.fround(a3 + packed[base + 3]!);
          a4 = Math.fround(a4 + packed[base + 4]!);
          a5 = Math.fround(a5 + packed[base + 5]!);
          a6 = Math.fround(a6 + packed[base + 6]!);
        }
        const row = i * 7;
        out[row] = a0;
        out[row + 1] = a1;
        out[row + 2] = a2;
        out[row + 3] = a3;
        out[row + 4] = a4;
        out[row + 5] = a5;
        out[row + 6] = a6;
      }
      return out;
    }
    for (let i = 0, j = 0; i < n; i++) {
      for (const end = ends[i]!; j < end; j++) {
        const base = rowAt(rank, data[j]! & mask) * N;
        for (let t = 0; t < N; t++) out[i * N + t]! += packed[base + t]!;
      }
    }
    return out;
  }

  /** The best tag sequence (Viterbi, first order, with the BIO constraint). */
  decode(features: readonly (readonly number[])[] | FeatureRows): number[] {
    if (features.length === 0) return [];
    return this.viterbi(this.emissions(features), features.length);
  }

  /** The best tag sequence of n tokens from their emission scores (n × N, as `emissions` gives). */
  viterbi(e: Float32Array, n: number): number[] {
    const N = this.n;
    const START = N;
    const ALLOWED = this.allowed;
    const preds = this.preds;
    const trans = this.trans;
    if (n === 0) return [];
    // Scratch reused across calls (every cell read is written first): a document's tables are not allocated anew.
    if (this.score.length < n * N) {
      this.score = new Float64Array(2 * n * N);
      this.back = new Int8Array(2 * n * N);
    }
    const score = this.score;
    const back = this.back;
    const predTrans = this.predTrans();
    for (let t = 0; t < N; t++) score[t] = ALLOWED[START]![t] ? e[t]! + trans[START * N + t]! : -Infinity;
    for (let i = 1; i < n; i++) {
      const prev = (i - 1) * N;
      const cur = i * N;
      for (let t = 0; t < N; t++) {
        // The allowed predecessors in increasing order, a strict > : the same argmax (first best) as over all tags.
        const ps = preds[t]!;
        const pt = predTrans[t]!;
        let best = -Infinity;
        let arg = 0;
        for (let k = 0; k < ps.length; k++) {
          const p = ps[k]!;
          const s = score[prev + p]! + pt[k]!;
          if (s > best) {
            best = s;
            arg = p;
          }
        }
        score[cur + t] = best + e[cur + t]!;
        back[cur + t] = arg;
      }
    }
    const tags = new Array<number>(n);
    let last = 0;
    for (let t = 1; t < N; t++) if (score[(n - 1) * N + t]! > score[(n - 1) * N + last]!) last = t;
    for (let i = n - 1; i >= 0; i--) {
      tags[i] = last;
      last = back[i * N + last]!;
    }
    return tags;
  }

  /**
   * For each tag t, trans[p * N + t] for its allowed predecessors p in `preds` order, side by side (as float64: the
   * same values, so the same sums): the Viterbi inner loop reads them in sequence. Kept for a frozen model, whose
   * transitions never change; made afresh while training moves them.
   */
  private predTrans(): Float64Array[] {
    if (this.predTransCache) return this.predTransCache;
    const N = this.n;
    const out = this.preds.map((ps, t) => Float64Array.from(ps, (p) => this.trans[p * N + t]!));
    if (this.rank) this.predTransCache = out;
    return out;
  }
  private predTransCache: Float64Array[] | null = null;
  private score = new Float64Array(0);
  private back = new Int8Array(0);

  /** Serialises the transitions and the non-zero weights, quantised to int16 with one scale. */
  toBuffer(extra: Record<string, unknown> = {}): Buffer {
    if (this.weights.length === 0) throw new Error("attribution model: a compacted model cannot be saved");
    const idx: number[] = [];
    let max = 0;
    for (let i = 0; i < this.weights.length; i++) {
      const v = this.weights[i]!;
      if (v !== 0) {
        idx.push(i);
        max = Math.max(max, Math.abs(v));
      }
    }
    const scale = max / 32767 || 1;
    const trans = Buffer.alloc(this.trans.length * 4);
    this.trans.forEach((v, k) => trans.writeFloatLE(v, k * 4));
    const body = Buffer.alloc(idx.length * 6);
    idx.forEach((i, k) => {
      body.writeUInt32LE(i, k * 6);
      body.writeInt16LE(Math.round(this.weights[i]! / scale), k * 6 + 4);
    });
    const header = { ...this.header, ...extra, scale, weights: idx.length };
    return Buffer.concat([Buffer.from(JSON.stringify(header) + "\n"), trans, body]);
  }

  static fromBuffer(buf: Buffer, tags: readonly string[]): AttributionModel {
    const nl = buf.indexOf(10);
    const header = JSON.parse(buf.subarray(0, nl).toString("utf8")) as ModelHeader & { scale: number };
    if (header.tags.join() !== tags.join()) throw new Error("attribution model: incompatible tags (retrain with scripts/train-attribution.ts)");
    const m = new AttributionModel(header);
    let off = nl + 1;
    for (let k = 0; k < m.trans.length; k++, off += 4) m.trans[k] = buf.readFloatLE(off);
    for (; off + 6 <= buf.length; off += 6) m.weights[buf.readUInt32LE(off)] = buf.readInt16LE(off + 4) * header.scale;
    return m.freeze();
  }
}

/** The packed row of a slot (0 when it has no weights): its word's rows before it plus those below it in the word. */
function rowAt(rank: Uint32Array, slot: number): number {
  const word = rank[2 * (slot >>> 5)]!;
  const bit = slot & 31;
  let x = word & ((1 << bit) - 1);
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  const below = Math.imul(x, 0x01010101) >>> 24;
  return ((word >>> bit) & 1) * (rank[2 * (slot >>> 5) + 1]! + below + 1);
}

/** Structured-perceptron training with averaging (lazy: each weight keeps its running total and last change). */
export class AttributionTrainer {
  readonly model: AttributionModel;
  private readonly totals: Float64Array;
  private readonly stamps: Uint32Array;
  private readonly transTotals: Float64Array;
  private readonly transStamps: Uint32Array;
  private step = 1;

  constructor(header: ModelHeader) {
    this.model = new AttributionModel(header);
    this.totals = new Float64Array(this.model.weights.length);
    this.stamps = new Uint32Array(this.model.weights.length);
    this.transTotals = new Float64Array(this.model.trans.length);
    this.transStamps = new Uint32Array(this.model.trans.length);
  }

  private bump(w: Float32Array, totals: Float64Array, stamps: Uint32Array, i: number, d: number): void {
    totals[i]! += (this.step - stamps[i]!) * w[i]!;
    stamps[i] = this.step;
    w[i]! += d;
  }

  /** One document: decode with the current weights and move them toward the gold tags where they differ. */
  train(features: readonly (readonly number[])[], gold: readonly number[]): number {
    const guess = this.model.decode(features);
    const { weights, trans, mask, n: N } = this.model;
    const START = N;
    let errors = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i]!;
      const p = guess[i]!;
      if (g !== p) {
        errors++;
        for (const f of features[i]!) {
          const base = (f & mask) * N;
          this.bump(weights, this.totals, this.stamps, base + g, 1);
          this.bump(weights, this.totals, this.stamps, base + p, -1);
        }
      }
      const gPrev = i ? gold[i - 1]! : START;
      const pPrev = i ? guess[i - 1]! : START;
      if (gPrev !== pPrev || g !== p) {
        this.bump(trans, this.transTotals, this.transStamps, gPrev * N + g, 1);
        this.bump(trans, this.transTotals, this.transStamps, pPrev * N + p, -1);
      }
    }
    this.step++;
    return errors;
  }

  /** The averaged model; weights under `threshold` in magnitude are dropped so the shipped file stays small. */
  averaged(threshold = 0): AttributionModel {
    const avg = (w: Float32Array, totals: Float64Array, stamps: Uint32Array, threshold: number) => {
      const out = new Float32Array(w.length);
      for (let i = 0; i < w.length; i++) {
        const v = (totals[i]! + (this.step - stamps[i]!) * w[i]!) / this.step;
        out[i] = Math.abs(v) < threshold ? 0 : v;
      }
      return out;
    };
    return new AttributionModel(this.model.header, avg(this.model.weights, this.totals, this.stamps, threshold), avg(this.model.trans, this.transTotals, this.transStamps, 0));
  }
}

/**
 * Feature hashes of a token sequence in one growing typed array (token i's are data[ends[i-1]..ends[i]]): the
 * taggers' features without an array per token. `toArrays` gives the per-token lists training works on.
 */
export class FeatureRows {
  data: Uint32Array;
  ends: Int32Array;
  length = 0;
  private size = 0;

  /** The numbers of hashes and of rows expected, so a large document's rows are not grown (and copied) repeatedly. */
  constructor(capacity = 1024, rows = 64) {
    this.data = new Uint32Array(Math.max(16, capacity));
    this.ends = new Int32Array(Math.max(16, rows));
  }

  push(h: number): void {
    if (this.size === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = h;
  }

  /** Empties the rows for the next sequence, keeping the arrays, with room for `capacity` hashes and `rows` rows. */
  reset(capacity: number, rows: number): this {
    if (this.data.length < capacity) this.data = new Uint32Array(capacity);
    if (this.ends.length < rows) this.ends = new Int32Array(rows);
    this.length = 0;
    this.size = 0;
    return this;
  }

  /** Closes the current token's features. */
  end(): void {
    if (this.length === this.ends.length) {
      const grown = new Int32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.length++] = this.size;
  }

  toArrays(): number[][] {
    const out: number[][] = [];
    for (let i = 0, from = 0; i < this.length; from = this.ends[i++]!) out.push(Array.from(this.data.subarray(from, this.ends[i]!)));
    return out;
  }
}

/**
 * Two frozen models over the same features (the source and content cue taggers) scored in one pass: one rank
 * lookup per feature finds both models' rows side by side. Each model's sums are its own, in feature order, so
 * the scores equal each model's `emissions`.
 */
export class JointScorer {
  private readonly rank: Uint32Array;
  private readonly packed: Float32Array;
  private readonly mask: number;
  constructor(
    readonly a: AttributionModel,
    readonly b: AttributionModel,
  ) {
    if (a.mask !== b.mask || a.n !== 3 || b.n !== 3) throw new Error("joint scorer: models of 3 tags over the same feature table");
    if (!a.weights.length || !b.weights.length) throw new Error("joint scorer: build it before the models are compacted");
    const wa = a.weights;
    const wb = b.weights;
    const slots = a.mask + 1;
    const has = (s: number) => wa[3 * s] !== 0 || wa[3 * s + 1] !== 0 || wa[3 * s + 2] !== 0 || wb[3 * s] !== 0 || wb[3 * s + 1] !== 0 || wb[3 * s + 2] !== 0;
    let rows = 0;
    for (let s = 0; s < slots; s++) if (has(s)) rows++;
    this.mask = a.mask;
    this.rank = new Uint32Array(2 * Math.ceil(slots / 32));
    this.packed = new Float32Array((rows + 1) * 6);
    for (let s = 0, r = 0; s < slots; s++) {
      if ((s & 31) === 0) this.rank[2 * (s >>> 5) + 1] = r;
      if (!has(s)) continue;
      this.rank[2 * (s >>> 5)]! |= 1 << (s & 31);
      r++;
      for (let t = 0; t < 3; t++) {
        this.packed[r * 6 + t] = wa[3 * s + t]!;
        this.packed[r * 6 + 3 + t] = wb[3 * s + t]!;
      }
    }
  }

  /** Both models' emission scores (n × 3 each). */
  emissions(rows: FeatureRows): [Float32Array, Float32Array] {
    const n = rows.length;
    const ea = new Float32Array(n * 3);
    const eb = new Float32Array(n * 3);
    const { rank, packed, mask } = this;
    const { data, ends } = rows;
    for (let i = 0, j = 0; i < n; i++) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      for (const end = ends[i]!; j < end; j++) {
        const base = rowAt(rank, data[j]! & mask) * 6;
        a0 = Math.fround(a0 + packed[base]!);
        a1 = Math.fround(a1 + packed[base + 1]!);
        a2 = Math.fround(a2 + packed[base + 2]!);
        b0 = Math.fround(b0 + packed[base + 3]!);
        b1 = Math.fround(b1 + packed[base + 4]!);
        b2 = Math.fround(b2 + packed[base + 5]!);
      }
      ea[i * 3] = a0;
      ea[i * 3 + 1] = a1;
      ea[i * 3 + 2] = a2;
      eb[i * 3] = b0;
      eb[i * 3 + 1] = b1;
      eb[i * 3 + 2] = b2;
    }
    return [ea, eb];
  }
}
