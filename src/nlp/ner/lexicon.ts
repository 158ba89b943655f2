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

/** Type bits of a name in the trie. */
export const GAZ_PER = 1;
export const GAZ_ORG = 2;
export const GAZ_LOC = 4;
export const GAZ_MISC = 8;

export interface NameNode {
  /** Null at a leaf: most nodes end a name, and an empty Map for each of them cost megabytes. */
  next: Map<string, NameNode> | null;
  /** Types of the names that end here (GAZ_* bits), 0 when none does. */
  types: number;
}

export interface Lexicon {
  names: NameNode;
  places: Set<string>;
  givenNames: Set<string>;
  orgWords: Set<string>;
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

let cached: Lexicon | null = null;

export function loadLexicon(): Lexicon {
  if (cached) return cached;
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
  const atLeast = (m: Map<string, number>, n: number) => new Set([...m].filter(([, k]) => k >= n).map(([w]) => w));
  cached = { names, places, givenNames: atLeast(firstWords, 2), orgWords: atLeast(lastOrgWords, 5) };
  return cached;
}
