/**
 * Feature hashing for the NER tagger. A word's strings are hashed once (FNV-1a) and cached with the word; a
 * feature that joins a template with values ("w-1=" + the previous word) combines the integer hashes (a MurmurHash3
 * round), so no feature string is ever built.
 */

const OFFSET = 0x811c9dc5;

/** FNV-1a hash of a string, continuing from `seed`. */
export function hash(s: string, seed = OFFSET): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Joins a hash with one more value (MurmurHash3's block step and finaliser). */
export function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A feature template's seed: the hash of its name. */
export const template = (name: string): number => hash(`${name}=`);
