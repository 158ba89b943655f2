/**
 * The run-time linear model shared by tagger, parser and labeller: for each feature (a non-zero 32-bit hash), the
 * few classes it has a weight for. Weights are quantised to int16 and packed with their class as one int32
 * (weight << 8 | class), stored contiguously per feature; an open-addressing table maps a feature to its run and
 * holds the run's first two entries itself, so scoring a feature is mostly one probe (one cache line), with no
 * allocation. A model of at most four classes (the parser's transitions) keeps all its weights inside the probe
 * table (key, then the four int16 weights in two int32).
 *
 * Serialised form (see data/models/README.md): features sorted by hash as int32, their run lengths as uint8, then
 * the packed entries as int32; the probe table is rebuilt at load (a few milliseconds).
 */
import { plainAlloc, type Alloc } from "../../util/shared-tables.js";

/** A model's serialised arrays: features sorted by hash; `lens[i]` entries of `entries` belong to `keys[i]`, in order. */
export interface ModelArrays {
  classes: number;
  keys: Int32Array;
  lens: Uint8Array;
  entries: Int32Array;
}

/**
 * What scoring reads, built from the arrays at load: the probe table (slots of four int32), the entries of runs
 * longer than two (models of more than four classes) and the Bloom filter. Plain typed arrays, so they can sit in a
 * SharedArrayBuffer that worker threads read (model.ts `SYNTAX_TABLES`).
 */
export interface ModelTables {
  classes: number;
  table: Int32Array;
  rest: Int32Array;
  bloom: Int32Array;
}

/** Builds the run-time tables of a model; `alloc` gives their memory (a SharedArrayBuffer to share them). */
export function buildTables(m: ModelArrays, alloc: Alloc = plainAlloc): ModelTables {
  const { classes, keys, lens, entries } = m;
  let bits = 4;
  // Load factor at most 2/3: linear probes stay short (a fuller table measured slower, the Bloom filter in front
  // notwithstanding).
  while (1 << bits < keys.length * 1.5) bits++;
  const shift = 32 - bits;
  const mask = (1 << bits) - 1;
  let bloomBits = 4;
  while (1 << bloomBits < keys.length / 3) bloomBits++;
  const bloomShift = 32 - bloomBits;
  let restLen = 0;
  if (classes > 4) for (let i = 0; i < keys.length; i++) restLen += Math.max(0, lens[i]! - 2);
  const buf = alloc(4 * ((4 << bits) + restLen + (1 << bloomBits)));
  const table = new Int32Array(buf, 0, 4 << bits);
  const rest = new Int32Array(buf, 4 * (4 << bits), restLen);
  const bloom = new Int32Array(buf, 4 * ((4 << bits) + restLen), 1 << bloomBits);
  const w = new Int16Array(4);
  let off = 0;
  let restAt = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const len = lens[i]!;
    bloom[bloomWord(k, bloomShift)]! |= bloomBits3(k);
    let s = k >>> shift;
    while (table[4 * s] !== 0) s = (s + 1) & mask;
    table[4 * s] = k;
    if (classes <= 4) {
      // [key, w0 | w1 << 16, w2 | w3 << 16, unused]
      w.fill(0);
      for (let e = off; e < off + len; e++) w[entries[e]! & 255] = entries[e]! >> 8;
      table[4 * s + 1] = (w[0]! & 0xffff) | (w[1]! << 16);
      table[4 * s + 2] = (w[2]! & 0xffff) | (w[3]! << 16);
    } else {
      // [key, offset in rest << 8 | length, first entry, second entry]. An absent second entry stays 0: weight 0 for
      // class 0, which adds nothing.
      table[4 * s + 1] = (restAt << 8) | len;
      if (len > 0) table[4 * s + 2] = entries[off]!;
      if (len > 1) table[4 * s + 3] = entries[off + 1]!;
      for (let e = off + 2; e < off + len; e++) rest[restAt++] = entries[e]!;
    }
    off += len;
  }
  return { classes, table, rest, bloom };
}

export class LinearModel {
  readonly classes: number;
  /** The serialised arrays, when kept (a model read from a file drops them, so the file's buffer can go). */
  readonly arrays: ModelArrays | null;
  readonly tables: ModelTables;
  private readonly table: Int32Array;
  /** For models of at most four classes: the table, whose slots hold all four weights. */
  private readonly inline: Int32Array | null;
  private readonly rest: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  /** Scratch: the keys in each feature's home slot (see `filter`), and the features that passed the filter. */
  private seen = new Int32Array(128);
  private kept = new Int32Array(128);
  /**
   * A Bloom filter of the keys, three bits in one 32-bit word per key (about 11 bits a key, 1–2% false positives):
   * small enough to stay in the cache, so a feature the model lacks (a fifth of those asked) mostly costs no miss
   * in the large probe table.
   */
  private readonly bloom: Int32Array;
  private readonly bloomShift: number;

  /** A model scoring from `tables` (read, never written: they may be shared with other threads). */
  constructor(tables: ModelTables, arrays: ModelArrays | null = null) {
    const size = tables.table.length / 4;
    this.classes = tables.classes;
    this.arrays = arrays;
    this.tables = tables;
    this.table = tables.table;
    this.inline = tables.classes <= 4 ? tables.table : null;
    this.rest = tables.rest;
    this.bloom = tables.bloom;
    this.shift = 32 - Math.log2(size);
    this.mask = size - 1;
    this.bloomShift = 32 - Math.log2(tables.bloom.length);
  }

  /** A model of these arrays, kept for writing it. */
  static of(classes: number, keys: Int32Array, lens: Uint8Array, entries: Int32Array): LinearModel {
    const arrays = { classes, keys, lens, entries };
    return new LinearModel(buildTables(arrays), arrays);
  }

  /** Adds the weights of `n` features of `feats` into `scores` (indexed by class; the caller zeroes it). */
  score(feats: Int32Array, n: number, scores: Int32Array): void {
    if (this.inline) return this.scoreInline(this.inline, feats, n, scores);
    const table = this.table;
    const rest = this.rest;
    const shift = this.shift;
    const mask = this.mask;
    // Filter, then touch the home slots first (see `scoreInline`).
    const m = this.filter(feats, n, table);
    const seen = this.seen;
    const kept = this.kept;
    for (let i = 0; i < m; i++) {
      const f = kept[i]!;
      let s = f >>> shift;
      let k = seen[i]!;
      while (k !== f) {
        if (k === 0) break;
        s = (s + 1) & mask;
        k = table[4 * s]!;
      }
      if (k === 0) continue;
      const x0 = table[4 * s + 2]!;
      const x1 = table[4 * s + 3]!;
      scores[x0 & 255]! += x0 >> 8;
      scores[x1 & 255]! += x1 >> 8;
      const v = table[4 * s + 1]!;
      const len = v & 255;
      if (len <= 2) continue;
      const end = (v >>> 8) + len - 2;
      for (let e = v >>> 8; e < end; e++) {
        const x = rest[e]!;
        scores[x & 255]! += x >> 8;
      }
    }
  }

  /**
   * Keeps in `kept` the features the Bloom filter does not rule out, and loads each one's home slot key into
   * `seen`; returns how many. The loads are independent of each other, so their cache misses overlap instead of
   * queueing behind the probe loop's branches, which then mostly hits the cache.
   */
  private filter(feats: Int32Array, n: number, t: Int32Array): number {
    if (this.seen.length < n) [this.seen, this.kept] = [new Int32Array(2 * n), new Int32Array(2 * n)];
    const seen = this.seen;
    const kept = this.kept;
    const bloom = this.bloom;
    const bloomShift = this.bloomShift;
    const shift = this.shift;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const f = feats[i]!;
      const bits = bloomBits3(f);
      if ((bloom[bloomWord(f, bloomShift)]! & bits) !== bits) continue;
      kept[m] = f;
      seen[m++] = t[4 * (f >>> shift)]!;
    }
    return m;
  }

  private scoreInline(t: Int32Array, feats: Int32Array, n: number, scores: Int32Array): void {
    const shift = this.shift;
    const mask = this.mask;
    const m = this.filter(feats, n, t);
    const seen = this.seen;
    const kept = this.kept;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < m; i++) {
      const f = kept[i]!;
      let s = f >>> shift;
      let k = seen[i]!;
      while (k !== f) {
        if (k === 0) break;
        s = (s + 1) & mask;
        k = t[4 * s]!;
      }
      if (k === 0) continue;
      const a = t[4 * s + 1]!;
      const b = t[4 * s + 2]!;
      s0 += (a << 16) >> 16;
      s1 += a >> 16;
      s2 += (b << 16) >> 16;
      s3 += b >> 16;
    }
    scores[0]! += s0;
    scores[1]! += s1;
    scores[2]! += s2;
    scores[3]! += s3;
  }

  /** Bytes of the serialised model (a model built with its arrays). */
  get byteLength(): number {
    if (!this.arrays) throw new Error("LinearModel.byteLength: the model's arrays were not kept");
    return this.arrays.keys.length * 5 + this.arrays.entries.length * 4;
  }

  /** Bytes of the run-time tables. */
  get tableBytes(): number {
    return 4 * (this.table.length + this.rest.length + this.bloom.length);
  }
}

/** The filter word of key `k` (a multiplicative hash: the probe table reads the key's top bits). */
const bloomWord = (k: number, shift: number): number => Math.imul(k, 0x9e3779b1) >>> shift;
/** The key's three bits in its filter word. */
const bloomBits3 = (k: number): number => (1 << (k & 31)) | (1 << ((k >>> 5) & 31)) | (1 << ((k >>> 10) & 31));

/** Appends a model's arrays to `parts` (each 4-byte aligned) and returns its header entry. */
export function writeModel(model: LinearModel, parts: Buffer[], offset: { at: number }): { classes: number; features: number; entries: number; at: number } {
  const m = model.arrays;
  if (!m) throw new Error("writeModel: the model's arrays were not kept (a model read from a file)");
  const at = offset.at;
  const keys = Buffer.from(m.keys.buffer, m.keys.byteOffset, m.keys.byteLength);
  const entries = Buffer.from(m.entries.buffer, m.entries.byteOffset, m.entries.byteLength);
  const lens = Buffer.from(m.lens.buffer, m.lens.byteOffset, m.lens.byteLength);
  const pad = (4 - (lens.length % 4)) % 4;
  parts.push(keys, entries, lens, Buffer.alloc(pad));
  offset.at += keys.length + entries.length + lens.length + pad;
  return { classes: m.classes, features: m.keys.length, entries: m.entries.length, at };
}

/** Views a model's arrays inside `body` (little-endian, 4-byte aligned at `at`) without copying them. */
export function readArrays(body: Uint8Array, h: { classes: number; features: number; entries: number; at: number }): ModelArrays {
  if (new Uint16Array(new Uint8Array([1, 0]).buffer)[0] !== 1) throw new Error("syntax model: big-endian hosts are not supported");
  const base = body.byteOffset + h.at;
  const keys = new Int32Array(body.buffer, base, h.features);
  const entries = new Int32Array(body.buffer, base + h.features * 4, h.entries);
  const lens = new Uint8Array(body.buffer, base + h.features * 4 + h.entries * 4, h.features);
  return { classes: h.classes, keys, lens, entries };
}

/** A model read from `body` (its arrays kept, for writing it again). */
export function readModel(body: Uint8Array, h: { classes: number; features: number; entries: number; at: number }): LinearModel {
  const a = readArrays(body, h);
  return LinearModel.of(a.classes, a.keys, a.lens, a.entries);
}
