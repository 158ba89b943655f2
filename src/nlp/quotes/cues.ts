/** The quotes stage's word lists (data/quotes/cues.yaml), compiled once per process into phrase matchers. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../eval/datasets.js";
import type { Token } from "../../pipeline/tokens.js";

interface CuesFile {
  verbs: string[];
  chainMarkers: string[];
  sourceNouns: string[];
  participles: string[];
  hedges: string[];
}

/** Matches word phrases over tokens: first word → phrases (as word lists), longest first. */
export class PhraseSet {
  private byFirst = new Map<string, string[][]>();
  constructor(phrases: readonly string[]) {
    for (const p of phrases) {
      const words = p.toLowerCase().split(/\s+/);
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push(words);
      list.sort((a, b) => b.length - a.length);
      this.byFirst.set(words[0]!, list);
    }
  }
  /** Number of tokens of the longest phrase starting at tokens[i], or 0. */
  at(tokens: readonly Token[], i: number, end = tokens.length): number {
    const list = this.byFirst.get(tokens[i]!.text.toLowerCase());
    if (!list) return 0;
    for (const words of list) {
      if (i + words.length > end) continue;
      let ok = true;
      for (let k = 1; k < words.length; k++) if (tokens[i + k]!.text.toLowerCase() !== words[k]) ok = false;
      if (ok) return words.length;
    }
    return 0;
  }
  has(word: string): boolean {
    return this.byFirst.has(word.toLowerCase());
  }
}

const raw = parse(readFileSync(join(REPO_ROOT, "data", "quotes", "cues.yaml"), "utf8")) as CuesFile;
export const CUE_VERBS = new PhraseSet(raw.verbs);
export const CHAIN_MARKERS = new PhraseSet(raw.chainMarkers);
export const SOURCE_NOUNS = new Set(raw.sourceNouns);
export const PARTICIPLES = new Set(raw.participles);
export const HEDGES = new PhraseSet(raw.hedges);

/** Per token: 1 where a hand-listed cue phrase covers it (a lower-case word, or "According"): a tagger feature. */
export function handCueMask(tokens: readonly Token[]): Uint8Array {
  const mask = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    if (!/^\p{Ll}/u.test(tokens[i]!.text) && tokens[i]!.text !== "According") continue;
    const n = CUE_VERBS.at(tokens, i);
    for (let k = i; k < i + n; k++) mask[k] = 1;
  }
  return mask;
}
