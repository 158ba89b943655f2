/**
 * The NER tagger: an averaged perceptron trained on CoNLL-2003 eng.train by scripts/train-ner.ts, shipped as
 * data/models/ner-conll.bin (no download). It finds names no dictionary knows; the entities stage decides what
 * they are beyond PER/ORG/LOC/MISC. Loaded once per process.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../eval/datasets.js";
import type { Token } from "../../pipeline/tokens.js";
import { staticFeatures, type Lexicon } from "./features.js";
import { loadLexicon } from "./lexicon.js";
import { Perceptron, TAGS } from "./model.js";

export type NerType = "PER" | "ORG" | "LOC" | "MISC";
/** A name found by the tagger: character offsets into the record text. */
export interface NerSpan {
  start: number;
  end: number;
  type: NerType;
}
export interface NerTagger {
  /** Tags the tokens of one sentence; with the text they index, names are not run across line breaks. */
  tag(tokens: readonly Token[], text?: string): NerSpan[];
}

export const MODEL_PATH = join(REPO_ROOT, "data", "models", "ner-conll.bin");

/** Tags one sentence's words with a model; spans are token index ranges [from, to). */
export function tagWords(model: Perceptron, lex: Lexicon, words: readonly string[]): { from: number; to: number; type: NerType }[] {
  const tags = model.decode(words.map((_, i) => staticFeatures(words, i, lex)));
  const out: { from: number; to: number; type: NerType }[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = TAGS[tags[i]!]!;
    if (t === "O") continue;
    const type = t.slice(2) as NerType;
    if (t.startsWith("B-") || !out.length || out[out.length - 1]!.to !== i || out[out.length - 1]!.type !== type) out.push({ from: i, to: i + 1, type });
    else out[out.length - 1]!.to = i + 1;
  }
  return out;
}

const WORDLIKE = /[\p{L}\p{N}]/u;
let cached: NerTagger | null = null;

export function loadTagger(): NerTagger {
  if (cached) return cached;
  if (!existsSync(MODEL_PATH)) throw new Error(`NER model missing: ${MODEL_PATH} (rebuild it with npx tsx scripts/train-ner.ts)`);
  const model = Perceptron.fromBuffer(readFileSync(MODEL_PATH));
  const lex = loadLexicon();
  cached = {
    tag(tokens, source) {
      const text = (a: Token, b: Token) => (source ? source.slice(a.end, b.start) : " ");
      // CoNLL splits the possessive off ("Japan 's"); the shared tokens keep it on ("Japan's").
      const parts: Token[] = [];
      for (const t of tokens) {
        const m = /^(.+?)(['’]s)$/u.exec(t.text);
        if (m) parts.push({ start: t.start, end: t.start + m[1]!.length, text: m[1]! }, { start: t.start + m[1]!.length, end: t.end, text: m[2]! });
        else parts.push(t);
      }
      const out: NerSpan[] = [];
      for (const s of tagWords(model, lex, parts.map((t) => t.text))) {
        // A name neither starts nor ends with punctuation ("TASS/" → "TASS").
        let { from, to } = s;
        while (from < to && !WORDLIKE.test(parts[from]!.text)) from++;
        while (to > from && !WORDLIKE.test(parts[to - 1]!.text)) to--;
        // A name never runs across a line break: cut at the first one.
        for (let k = from + 1; k < to; k++)
          if (/\n/.test(text(parts[k - 1]!, parts[k]!))) {
            to = k;
            break;
          }
        if (from < to) out.push({ start: parts[from]!.start, end: parts[to - 1]!.end, type: s.type });
      }
      return out;
    },
  };
  return cached;
}
