/**
 * Integer hashing for features. A feature is a template number combined with a few integer values (word hashes,
 * tag ids, distances) by MurmurHash3's 32-bit mixing steps, so building one costs a handful of multiplications and
 * allocates nothing. Strings (word forms, affixes) are hashed once per distinct word with FNV-1a.
 */

/** FNV-1a over the UTF-16 code units of `s`. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** One MurmurHash3 block step: folds `v` into the running hash `h`. */
export function mix(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser; never returns 0 (0 marks an empty slot in the weight tables). */
export function fin(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

/** Feature of template `t` with one, two or three values. */
export const f1 = (t: number, a: number): number => fin(mix(t, a));
export const f2 = (t: number, a: number, b: number): number => fin(mix(mix(t, a), b));
export const f3 = (t: number, a: number, b: number, c: number): number => fin(mix(mix(mix(t, a), b), c));

/** Seeds for templates: distinct, well-spread constants (template k of model m). */
export function templateSeed(model: number, k: number): number {
  return fin(mix(mix(0x5bd1e995, model), k));
}

/**
 * A fixed list of feature templates over a vector of integer values: template t is `fin(mix(…mix(seed, v[a]), …))`
 * over its one to three value slots, exactly as `f1`/`f2`/`f3` compute it. Hashing a whole configuration in one
 * loop over typed arrays keeps the mixing inline: scores of calls to `f1`–`f3` from one function exceed what the
 * JIT inlines, and each call left out of line boxes its 32-bit result on the heap.
 */
export class FeatureProgram {
  private readonly seeds: Int32Array;
  private readonly arity: Uint8Array;
  private readonly args: Uint8Array;

  /** `templates[i]` is [seed, slot, slot?, slot?]. */
  constructor(templates: readonly (readonly number[])[]) {
    this.seeds = Int32Array.from(templates, (t) => t[0]!);
    this.arity = Uint8Array.from(templates, (t) => t.length - 1);
    this.args = new Uint8Array(3 * templates.length);
    templates.forEach((t, i) => {
      if (t.length < 2 || t.length > 4) throw new Error("feature template: one to three values");
      for (let j = 1; j < t.length; j++) this.args[3 * i + j - 1] = t[j]!;
    });
  }

  get length(): number {
    return this.seeds.length;
  }

  /**
   * Writes the features of values `v` into `out` from `k`; returns the new `k`. The MurmurHash3 steps are written
   * out here rather than calling this file's mixing functions: this loop runs ~76 times per parser transition, and
   * the calls were a measured share of the stage. Same hashes as before (scripts/check-syntax-identical.ts).
   */
  run(v: Int32Array, out: Int32Array, k: number): number {
    const seeds = this.seeds;
    const arity = this.arity;
    const args = this.args;
    for (let t = 0; t < seeds.length; t++) {
      let h = seeds[t]!;
      const n = arity[t]!;
      for (let j = 0; j < n; j++) {
        let x = Math.imul(v[args[3 * t + j]!]!, 0xcc9e2d51);
        x = (x << 15) | (x >>> 17);
        h ^= Math.imul(x, 0x1b873593);
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      }
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      out[k++] = h === 0 ? 1 : h;
    }
    return k;
  }
}
