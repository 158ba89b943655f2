/** The event ontology and patterns (data/events/), loaded and compiled once per process. */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../eval/datasets.js";
import type { Token } from "../pipeline/tokens.js";

const DIR = join(REPO_ROOT, "data", "events");

export interface Pattern {
  id: string;
  /** The data file the pattern came from, as `rule` names it: relative to the repository for bundled data. */
  file: string;
  type: string;
  mode?: string;
  cameo: string;
  words: string[];
  noun?: boolean;
  needs?: string[];
  /** With a parse, the verb must have the thing acted on: an object, or a passive subject ("signed a treaty"). */
  object?: boolean;
  recipient?: "location";
  symmetric?: boolean;
  score?: number;
}

export interface TypeInfo {
  quadClass: number;
  score: number;
  description: string;
}

export const TYPES = parse(readFileSync(join(DIR, "plover.yaml"), "utf8")) as Record<string, TypeInfo>;
export const CAMEO = JSON.parse(readFileSync(join(DIR, "cameo2plover.json"), "utf8")) as Record<string, { type: string; mode: string; context: string[] }>;
// Parley's documented departures from the 2021 table (data/events/cameo-overrides.yaml), each with its reason.
for (const [code, o] of Object.entries(parse(readFileSync(join(DIR, "cameo-overrides.yaml"), "utf8")) as Record<string, { type: string; mode?: string; why: string }>))
  CAMEO[code] = { type: o.type, mode: o.mode ?? "", context: CAMEO[code]?.context ?? [] };

/** PLOVER contexts of a CAMEO code: its own entry, else its parents'. */
export function contextOf(cameo: string): string[] {
  for (let n = cameo.length; n >= 2; n--) {
    const m = CAMEO[cameo.slice(0, n)];
    if (m?.context.length) return m.context;
  }
  return [];
}

export interface Trigger {
  pattern: Pattern;
  /** Token indexes [i, j). */
  i: number;
  j: number;
}

/** All patterns' phrases in one matcher: first word → (phrase words, pattern), longest phrase first. */
export class PatternMatcher {
  private byFirst = new Map<string, { words: string[]; pattern: Pattern }[]>();
  readonly patterns: Pattern[];

  constructor(files: string[]) {
    this.patterns = files.flatMap((f) =>
      Object.entries(parse(readFileSync(f, "utf8")) as Record<string, Omit<Pattern, "id" | "file">>).map(([id, p]) => ({
        id,
        file: f.startsWith(REPO_ROOT) ? relative(REPO_ROOT, f) : f,
        ...p,
      })),
    );
    for (const pattern of this.patterns) {
      if (!TYPES[pattern.type]) throw new Error(`event pattern ${pattern.id}: unknown PLOVER type ${pattern.type}`);
      for (const w of pattern.words) {
        const words = w.toLowerCase().split(/\s+/);
        const list = this.byFirst.get(words[0]!) ?? [];
        list.push({ words, pattern });
        list.sort((a, b) => b.words.length - a.words.length);
        this.byFirst.set(words[0]!, list);
      }
    }
  }

  /**
   * The one-word pattern of a verb by its lemma, where the list lacks the form the text has ("will release", "to
   * complain": the lists give "released", "complains"): the lemma's regular forms (`forms`) are looked up and the
   * pattern that lists one of them is the verb's.
   */
  atLemma(lemma: string, forms: (w: string) => string[], i: number): Trigger | null {
    for (const f of forms(lemma)) {
      const hit = this.byFirst.get(f)?.find((x) => x.words.length === 1);
      if (hit) return { pattern: hit.pattern, i, j: i + 1 };
    }
    return null;
  }

  /** The longest pattern phrase starting at tokens[i] (before `end`), or null. */
  at(tokens: readonly Token[], i: number, end: number): Trigger | null {
    const list = this.byFirst.get(tokens[i]!.text.toLowerCase());
    if (!list) return null;
    for (const { words, pattern } of list) {
      if (i + words.length > end) continue;
      let ok = true;
      for (let k = 1; k < words.length && ok; k++) ok = tokens[i + k]!.text.toLowerCase() === words[k];
      if (ok) return { pattern, i, j: i + words.length };
    }
    return null;
  }
}

export const PATTERNS_FILE = join(DIR, "patterns.yaml");
/** Parley's own verb blocks (same structure as the converted CAMEO dictionary), read before it. */
export const VERB_PATTERNS_FILE = join(DIR, "verb-patterns.yaml");
export const CAMEO_FILE = join(DIR, "cameo.json");
