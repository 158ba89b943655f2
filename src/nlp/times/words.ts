/** The times stage's word lists (data/times/words.yaml), loaded once per process. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../eval/datasets.js";

interface WordsFile {
  past: string[];
  future: string[];
  yearCues: string[];
  refs: Record<string, string>;
  sets: Record<string, string>;
  units: Record<string, string>;
  numbers: Record<string, number | string>;
  modifiers: Record<string, string>;
  shifters: string[];
  holidays: Record<string, string>;
}

const raw = parse(readFileSync(join(REPO_ROOT, "data", "times", "words.yaml"), "utf8")) as WordsFile;

export const PAST = new Set(raw.past);
export const FUTURE = new Set(raw.future);
export const REFS = new Map(Object.entries(raw.refs));
export const SETS = new Map(Object.entries(raw.sets));
export const UNITS = new Map(Object.entries(raw.units));
export const NUMBERS = new Map(Object.entries(raw.numbers).map(([k, v]) => [k, String(v)]));
export const YEAR_CUES = raw.yearCues;
export const MODIFIERS = new Map(Object.entries(raw.modifiers));
export const SHIFTERS = raw.shifters;
export const HOLIDAYS = new Map(Object.entries(raw.holidays));

/** Alternation of phrases for a regular expression, longest first so "every week" wins over "every". */
export const alternation = (words: Iterable<string>) =>
  [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+")).join("|");
