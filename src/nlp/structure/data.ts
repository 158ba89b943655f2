/** Loads the structure data files (data/structure/, format in its README) once per process. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../eval/datasets.js";

const DIR = join(REPO_ROOT, "data", "structure");
const load = (name: string): unknown => parse(readFileSync(join(DIR, name), "utf8"));

export interface DebrisRule {
  reason: string;
  re: RegExp;
  /** Not applied to the first line, which may be a title-case headline. */
  notFirst: boolean;
}

interface DebrisEntry {
  reason: string;
  pattern: string;
  notFirst?: boolean;
  matchCase?: boolean;
}

function rules(list: DebrisEntry[] | undefined, wrap: (p: string) => string, matchCase = false): DebrisRule[] {
  return (list ?? []).map((r) => ({
    reason: r.reason,
    re: new RegExp(wrap(r.pattern), matchCase || r.matchCase ? "u" : "iu"),
    notFirst: r.notFirst === true,
  }));
}

const debris = load("debris.yaml") as Partial<Record<"line" | "suffix" | "prefix", DebrisEntry[]>>;

/** Rules matching a whole trimmed line. */
export const LINE_DEBRIS = rules(debris.line, (p) => `^(?:${p})$`);
/** Rules matching debris glued to the end of a line after sentence-final punctuation ("…country.All news"). */
export const SUFFIX_DEBRIS = rules(debris.suffix, (p) => `(?<=[.!?"”’])\\s*(?:${p})$`);
/** Rules matching debris glued before a capital at the start of a line ("All newsRussia, Japan …"); case-sensitive. */
export const PREFIX_DEBRIS = rules(debris.prefix, (p) => `^(?:${p})(?=\\p{Lu})`, true);

/** Dateline agency spellings (lower case) → agency name. */
export const AGENCIES = new Map(
  Object.entries(load("agencies.yaml") as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
);

const abbreviations = load("abbreviations.yaml") as Partial<Record<"prefix" | "other" | "openers", string[]>>;
/** Abbreviations that never end a sentence ("Mr.", "Gen.", "No."). */
export const PREFIX_ABBREVIATIONS = new Set(abbreviations.prefix ?? []);
/** Abbreviations that end a sentence only before a usual sentence opener ("Inc.", "etc.", "Jan."). */
export const OTHER_ABBREVIATIONS = new Set(abbreviations.other ?? []);
/** Words that usually open a sentence. */
export const SENTENCE_OPENERS = new Set(abbreviations.openers ?? []);
