/**
 * The run-time linear model shared by tagger, parser and labeller: for each feature (a non-zero 32-bit hash), the
 * few classes it has a weight for. Weights are quantised to int16 and packed with their class as one int32
 * (weight << 8 | class), stored contiguously per feature; an open-addressing table maps a feature to its run.
 * Scoring a feature is one probe and one short contiguous read, with no allocation. A model of at most four
 * classes (the parser's transitions) keeps its weights inside the probe table instead (key, then the four int16
 * weights in two int32), so a feature costs one cache line.
 *
 * Serialised form (see data/models/README.md): features sorted by hash as int32, their run lengths as uint8, then
 * the packed entries as int32; the probe table is rebuilt at load (a few milliseconds).
 */

export class LinearModel {
  readonly classes: number;
  /** Features sorted by hash; `lens[i]` entries of `entries` belong to `keys[i]`, in order. */
  readonly keys: Int32Array;
  readonly lens: Uint8Array;
  readonly entries: Int32Array;
  private readonly table: Int32Array;
  /** For models of at most four classes: slots of [key, w0 | w1 << 16, w2 | w3 << 16, unused]. */
  private readonly inline: Int32Array | null;
  private readonly shift: number;
  private readonly mask: number;

  constructor(classes: number, keys: Int32Array, lens: Uint8Array, entries: Int32Array) {
    this.classes = classes;
    this.keys = keys;
    this.lens = lens;
    this.entries = entries;
    let bits = 4;
    while (1 << bits < keys.length * 2) bits++;
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    if (classes <= 4) {
      this.table = new Int32Array(0);
      this.inline = this.buildInline(bits);
      return;
    }
    // Slot pairs: [key, offset << 8 | length]; key 0 is empty.
    const table = new Int32Array(2 << bits);
    let off = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      let s = k >>> this.shift;
      while (table[2 * s] !== 0) s = (s + 1) & this.mask;
      table[2 * s] = k;
      table[2 * s + 1] = (off << 8) | lens[i]!;
      off += lens[i]!;
    }
    this.table = table;
    this.inline = null;
  }

  private buildInline(bits: number): Int32Array {
    const t = new Int32Array(4 << bits);
    const w = new Int16Array(4);
    let off = 0;
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i]!;
      w.fill(0);
      for (let e = off; e < off + this.lens[i]!; e++) w[this.entries[e]! & 255] = this.entries[e]! >> 8;
      off += this.lens[i]!;
      let s = k >>> this.shift;
      while (t[4 * s] !== 0) s = (s + 1) & this.mask;
      t[4 * s] = k;
      t[4 * s + 1] = (w[0]! & 0xffff) | (w[1]! << 16);
      t[4 * s + 2] = (w[2]! & 0xffff) | (w[3]! << 16);
    }
    return t;
  }

  /** Adds the weights of `n` features of `feats` into `scores` (indexed by class; the caller zeroes it). */
  score(feats: Int32Array, n: number, scores: Int32Array): void {
    if (this.inline) return this.scoreInline(this.inline, feats, n, scores);
    const table = this.table;
    const entries = this.entries;
    const shift = this.shift;
    const mask = this.mask;
    for (let i = 0; i < n; i++) {
      const f = feats[i]!;
      let s = f >>> shift;
      let k = table[2 * s]!;
      while (k !== f) {
        if (k === 0) break;
        s = (s + 1) & mask;
        k = table[2 * s]!;
      }
      if (k === 0) continue;
      const v = table[2 * s + 1]!;
      const end = (v >>> 8) + (v & 255);
      for (let e = v >>> 8; e < end; e++) {
        const x = entries[e]!;
        scores[x & 255]! += x >> 8;
      }
    }
  }

  private scoreInline(t: Int32Array, feats: Int32Array, n: number, scores: Int32Array): void {
    const shift = this.shift;
    const mask = this.mask;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < n; i++) {
      const f = feats[i]!;
      let s = f >>> shift;
      let k = t[4 * s]!;
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

  /** Bytes of the serialised model. */
  get byteLength(): number {
    return this.keys.length * 5 + this.entries.length * 4;
  }
}

/** Appends a model's arrays to `parts` (each 4-byte aligned) and returns its header entry. */
export function writeModel(m: LinearModel, parts: Buffer[], offset: { at: number }): { classes: number; features: number; entries: number; at: number } {
  const at = offset.at;
  const keys = Buffer.from(m.keys.buffer, m.keys.byteOffset, m.keys.byteLength);
  const entries = Buffer.from(m.entries.buffer, m.entries.byteOffset, m.entries.byteLength);
  const lens = Buffer.from(m.lens.buffer, m.lens.byteOffset, m.lens.byteLength);
  const pad = (4 - (lens.length % 4)) % 4;
  parts.push(keys, entries, lens, Buffer.alloc(pad));
  offset.at += keys.length + entries.length + lens.length + pad;
  return { classes: m.classes, features: m.keys.length, entries: m.entries.length, at };
}

/** Views a model inside `body` (little-endian, 4-byte aligned at `at`) without copying its arrays. */
export function readModel(body: Uint8Array, h: { classes: number; features: number; entries: number; at: number }): LinearModel {
  if (new Uint16Array(new Uint8Array([1, 0]).buffer)[0] !== 1) throw new Error("syntax model: big-endian hosts are not supported");
  const base = body.byteOffset + h.at;
  const keys = new Int32Array(body.buffer, base, h.features);
  const entries = new Int32Array(body.buffer, base + h.features * 4, h.entries);
  const lens = new Uint8Array(body.buffer, base + h.features * 4 + h.entries * 4, h.features);
  return new LinearModel(h.classes, keys, lens, entries);
}
