/**
 * The tagger's dictionaries, all derived from bundled data (never from a CoNLL split): names of countries, their
 * official names, spellings, capitals and demonyms (the world-countries package) and the actors of the converted
 * Phoenix dictionaries (data/actors/phoenix/actors.jsonl, with their aliases). From these come
 *  - a trie of whole names (lower-cased words) with the types that claim each name, for span features;
 *  - single-word lists: words of place names, given names (first words of Phoenix people) and words that end
 *    organisation names (last words of at least five Phoenix organisations).
 */
import { createRequire } from "node:module";
import { tokenize } from "../../pipeline/tokens.js";
import { nerWords } from "./words.js";
import { phoenixActors } from "../entities/gazetteer.js";
import { flattenTrie, StringIndex, tableOf, type Alloc, type StringIndexData, type TableSpec } from "../../util/shared-tables.js";

/** Type bits of a name in the trie. */
export const GAZ_PER = 1;
export const GAZ_ORG = 2;
export const GAZ_LOC = 4;
export const GAZ_MISC = 8;

/** Word bits in the lexicon's word list. */
const PLACE = 1;
const GIVEN = 2;
const ORG = 4;

/**
 * The lexicon as shareable data (util/shared-tables.ts): the name trie's edges as (node, word) → child node, node 0
 * the root; `types[node]` the GAZ_* bits of the names that end there; `words` a word → its PLACE/GIVEN/ORG bits.
 */
export interface LexiconData {
  edges: StringIndexData;
  types: Uint8Array;
  words: StringIndexData;
}

export class Lexicon {
  private readonly edges: StringIndex;
  private readonly words: StringIndex;
  private readonly nodeTypes: Uint8Array;

  constructor(data: LexiconData) {
    this.edges = new StringIndex(data.edges);
    this.words = new StringIndex(data.words);
    this.nodeTypes = data.types;
  }

  /** The trie's root: `child(ROOT, w)` starts a name. */
  static readonly ROOT = 0;

  /** The node after `word` from `node` in the trie of names, or -1. */
  child(node: number, word: string): number {
    return this.edges.get(node, word) ?? -1;
  }

  /** Types of the names that end at `node` (GAZ_* bits), 0 when none does. */
  types(node: number): number {
    return this.nodeTypes[node]!;
  }

  /** A word of a place name. */
  isPlace(w: string): boolean {
    return ((this.words.get(0, w) ?? 0) & PLACE) !== 0;
  }

  /** The first word of at least two Phoenix people. */
  isGivenName(w: string): boolean {
    return ((this.words.get(0, w) ?? 0) & GIVEN) !== 0;
  }

  /** The last word of at least five Phoenix organisations. */
  isOrgWord(w: string): boolean {
    return ((this.words.get(0, w) ?? 0) & ORG) !== 0;
  }
}

/** A trie node while the lexicon is built. */
interface NameNode {
  next: Map<string, NameNode> | null;
  types: number;
}

const require = createRequire(import.meta.url);
const words = (name: string) => nerWords(tokenize(name)).map((t) => t.text.toLowerCase());

interface Country {
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { m: string; f: string } };
}

function insert(root: NameNode, name: string, types: number): void {
  const key = words(name);
  if (!key.length) return;
  let node = root;
  for (const w of key) {
    const next: Map<string, NameNode> = (node.next ??= new Map());
    let n = next.get(w);
    if (!n) next.set(w, (n = { next: null, types: 0 }));
    node = n;
  }
  node.types |= types;
}

/** The lexicon's table, built once and shared by the worker pool's workers (util/shared-tables.ts). */
export const LEXICON_TABLE: TableSpec<LexiconData> = { name: "ner-lexicon", build: buildLexicon };

let cached: Lexicon | null = null;

export function loadLexicon(): Lexicon {
  return (cached ??= new Lexicon(tableOf(LEXICON_TABLE)));
}

function buildLexicon(alloc: Alloc): LexiconData {
  const names: NameNode = { next: new Map(), types: 0 };
  const places = new Set<string>();
  for (const c of require("world-countries") as Country[]) {
    const loc = [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3), ...(c.capital ?? [])];
    for (const n of loc) insert(names, n, GAZ_LOC);
    const dem = c.demonyms?.eng;
    for (const d of dem ? [dem.m, dem.f] : []) insert(names, d, GAZ_MISC);
    for (const n of [c.name.common, ...(c.capital ?? []), dem?.m ?? ""]) for (const w of words(n)) if (w.length > 2) places.add(w);
  }
  const firstWords = new Map<string, number>();
  const lastOrgWords = new Map<string, number>();
  const bump = (m: Map<string, number>, w: string | undefined) => w && /^\p{L}{2,}$/u.test(w) && m.set(w, (m.get(w) ?? 0) + 1);
  for (const a of phoenixActors()) {
    const type = a.type === "PERSON" ? GAZ_PER : a.type === "GPE" || a.type === "LOC" ? GAZ_LOC : GAZ_ORG;
    for (const n of [a.name, ...(a.aliases ?? [])]) insert(names, n, type);
    const key = words(a.name);
    if (a.type === "PERSON" && key.length > 1) bump(firstWords, key[0]);
    if (a.type === "ORG" && key.length > 1) bump(lastOrgWords, key[key.length - 1]);
  }
  const bits = new Map<string, number>();
  const mark = (w: string, bit: number) => bits.set(w, (bits.get(w) ?? 0) | bit);
  for (const w of places) mark(w, PLACE);
  for (const [w, k] of firstWords) if (k >= 2) mark(w, GIVEN);
  for (const [w, k] of lastOrgWords) if (k >= 5) mark(w, ORG);
  const trie = flattenTrie(names, (n) => n.next, alloc);
  const nodeTypes = new Uint8Array(alloc(trie.nodes.length));
  trie.nodes.forEach((n, i) => (nodeTypes[i] = n.types));
  return { edges: trie.edges, types: nodeTypes, words: StringIndex.build([...bits].map(([w, b]) => [0, w, b] as const), alloc) };
}
