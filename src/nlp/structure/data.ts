/** Loads the structure data files (data/structure/) once per process. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../eval/datasets.js";

const DIR = join(REPO_ROOT, "data", "structure");

export interface DebrisRule {
  reason: string;
  re: RegExp;
}

function rules(list: { reason: string; pattern: string }[] | undefined, wrap: (p: string) => string): DebrisRule[] {
  return (list ?? []).map((r) => ({ reason: r.reason, re: new RegExp(wrap(r.pattern), "iu") }));
}

const debris = parse(readFileSync(join(DIR, "debris.yaml"), "utf8")) as Record<"line" | "suffix", { reason: string; pattern: string }[]>;

/** Rules matching a whole trimmed line. */
export const LINE_DEBRIS = rules(debris.line, (p) => `^(?:${p})$`);
/** Rules matching debris glued to the end of a line after sentence-final punctuation ("…country.All news"). */
export const SUFFIX_DEBRIS = rules(debris.suffix, (p) => `(?<=[.!?"”’])\\s*(?:${p})$`);

/** Dateline agency spellings → agency name. */
export const AGENCIES = new Map(
  Object.entries(parse(readFileSync(join(DIR, "agencies.yaml"), "utf8")) as Record<string, string>).map(([k, v]) => [
    k.toLowerCase(),
    v,
  ]),
);

/** Words that take a period without ending a sentence. */
export const ABBREVIATIONS = new Set(
  readFileSync(join(DIR, "abbreviations.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#")),
);
