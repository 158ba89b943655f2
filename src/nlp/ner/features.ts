/**
 * Features of one token for the NER tagger, as 32-bit hashes (FNV-1a) so the model is a flat weight table.
 * Static features (the word, its shape, affixes, neighbours, gazetteer hits) are computed once per token; the
 * previous-tag features are added during decoding.
 */
export interface Lexicon {
  /** Lower-cased words of country names, capitals and demonyms (world-countries). */
  places: Set<string>;
  /** Lower-cased given names. */
  givenNames: Set<string>;
  /** Lower-cased words that end organisation names ("party", "ministry", "fc"). */
  orgWords: Set<string>;
}

const OFFSET = 0x811c9dc5;

/** FNV-1a hash of a string, continuing from `seed` (so "w=" + word is hashed without building the string). */
export function hash(s: string, seed = OFFSET): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** "Putin" → "Xx", "U.S." → "X.X.", "1956" → "d", "NATO" → "X". */
export function shape(w: string): string {
  let out = "";
  let last = "";
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? "X" : /\p{Ll}/u.test(ch) ? "x" : /\p{N}/u.test(ch) ? "d" : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

// Feature-name prefixes, hashed once; a feature is the prefix hash continued over its value.
const P = Object.fromEntries(
  ["w=", "W=", "s=", "p1=", "p2=", "p3=", "x2=", "x3=", "x4=", "w-1=", "w+1=", "w-2=", "w+2=", "s-1=", "s+1=", "w-1w=", "ww+1=", "first=true|", "first=false|"].map((k) => [k, hash(k)]),
) as Record<string, number>;
const BIAS = hash("b");
const GAZ = Object.fromEntries(["place", "given", "after-given", "org", "before-org", "before-org2"].map((k) => [k, hash(`gaz=${k}`)])) as Record<string, number>;
const BAR = "|";

interface WordInfo {
  lower: string;
  shape: string;
  /** Features of the word alone (no context). */
  own: number[];
}

// Word-level features are the same wherever the word stands: computed once per distinct word (bounded cache).
const cache = new Map<string, WordInfo>();
const CACHE_LIMIT = 200_000;

function info(w: string, lex: Lexicon): WordInfo {
  let hit = cache.get(w);
  if (hit) return hit;
  const lower = w.toLowerCase();
  const shp = shape(w);
  const own = [
    BIAS,
    hash(lower, P["w="]),
    hash(w, P["W="]),
    hash(shp, P["s="]),
    hash(lower.slice(0, 1), P["p1="]),
    hash(lower.slice(0, 2), P["p2="]),
    hash(lower.slice(0, 3), P["p3="]),
    hash(lower.slice(-2), P["x2="]),
    hash(lower.slice(-3), P["x3="]),
    hash(lower.slice(-4), P["x4="]),
  ];
  if (lex.places.has(lower)) own.push(GAZ.place!);
  if (lex.givenNames.has(lower)) own.push(GAZ.given!);
  if (lex.orgWords.has(lower)) own.push(GAZ.org!);
  hit = { lower, shape: shp, own };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(w, hit);
  return hit;
}

const START: WordInfo = { lower: "<s>", shape: "<s>", own: [] };
const END: WordInfo = { lower: "</s>", shape: "</s>", own: [] };

export function staticFeatures(words: readonly string[], i: number, lex: Lexicon): number[] {
  const at = (k: number) => (k < 0 ? START : k >= words.length ? END : info(words[k]!, lex));
  const cur = at(i);
  const p1 = at(i - 1);
  const n1 = at(i + 1);
  const f = cur.own.slice();
  f.push(
    hash(p1.lower, P["w-1="]),
    hash(n1.lower, P["w+1="]),
    hash(at(i - 2).lower, P["w-2="]),
    hash(at(i + 2).lower, P["w+2="]),
    hash(p1.shape, P["s-1="]),
    hash(n1.shape, P["s+1="]),
    hash(cur.lower, hash(BAR, hash(p1.lower, P["w-1w="]))),
    hash(n1.lower, hash(BAR, hash(cur.lower, P["ww+1="]))),
    hash(cur.shape, i === 0 ? P["first=true|"] : P["first=false|"]),
  );
  if (i > 0 && lex.givenNames.has(p1.lower)) f.push(GAZ["after-given"]!);
  if (lex.orgWords.has(n1.lower)) f.push(GAZ["before-org"]!);
  if (lex.orgWords.has(at(i + 2).lower)) f.push(GAZ["before-org2"]!);
  return f;
}
