/** The tagger's word lists: places from world-countries, given names and organisation words from data files. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { REPO_ROOT } from "../../eval/datasets.js";
import type { Lexicon } from "./features.js";

const require = createRequire(import.meta.url);
const words = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith("#"));

export function loadLexicon(): Lexicon {
  const places = new Set<string>();
  const countries = require("world-countries") as { name: { common: string }; capital: string[]; demonyms?: { eng?: { m: string } } }[];
  for (const c of countries)
    for (const name of [c.name.common, ...c.capital, c.demonyms?.eng?.m ?? ""]) for (const w of name.toLowerCase().split(/\s+/)) if (w.length > 2) places.add(w);
  return {
    places,
    givenNames: new Set(words(join(REPO_ROOT, "data", "actors", "first-names.txt"))),
    orgWords: new Set(words(join(REPO_ROOT, "data", "models", "org-words.txt"))),
  };
}
