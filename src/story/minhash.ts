/**
 * Near-duplicate detection for syndicated copies: MinHash over word 5-shingles (Broder 1997), with LSH banding so a
 * new article is compared only with the articles that share a band, not with the whole store. A copy is often cut
 * (the first paragraphs of a longer wire story) or lightly edited, so the test is containment — the share of the
 * shorter text's shingles found in the longer — estimated from the MinHash Jaccard and the two shingle counts,
 * rather than Jaccard itself, which a cut to half the length already halves.
 */

export const HASHES = 128;
/** 64 bands of 2 rows: a pair with Jaccard 0.3 (a copy cut to 30%) shares a band with probability 0.998. */
export const BANDS = 64;
const ROWS = HASHES / BANDS;
export const SHINGLE = 5;

const WORD = /[\p{L}\p{N}]+/gu;

/** FNV-1a, 32-bit. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** murmur3's finaliser: a good 32-bit mix, seeded per hash function. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(i + 1, 0x9e3779b9));

/** Hashes of the distinct word 5-shingles of a text (lower case). Short texts give one shingle of all their words. */
export function shingles(text: string): Set<number> {
  const words = (text.toLowerCase().match(WORD) ?? []) as string[];
  const out = new Set<number>();
  if (words.length === 0) return out;
  if (words.length < SHINGLE) out.add(fnv(words.join(" ")));
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(fnv(words.slice(i, i + SHINGLE).join(" ")));
  return out;
}

export function signature(sh: Set<number>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of sh)
    for (let i = 0; i < HASHES; i++) {
      const h = mix(x, SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  return sig;
}

/** One bucket key per band: the band's rows hashed together (the band number is part of the key). */
export function bands(sig: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = mix(b, 0x27d4eb2f);
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!, 0x165667b1);
    // Signed 32-bit, so it fits an INTEGER column of any SQL database.
    out.push(h | 0);
  }
  return out;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/** Estimated share of the smaller set's shingles found in the larger: |A∩B| = J(|A|+|B|)/(1+J). */
export function containment(j: number, sizeA: number, sizeB: number): number {
  if (sizeA === 0 || sizeB === 0) return 0;
  return Math.min(1, ((j / (1 + j)) * (sizeA + sizeB)) / Math.min(sizeA, sizeB));
}

export const encodeSig = (sig: Uint32Array) => Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString("base64");
export const decodeSig = (s: string) => {
  const b = Buffer.from(s, "base64");
  return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
