/**
 * Universal Dependencies English (EWT dev, GUM-CC dev) with gold tokenisation: UPOS, XPOS and lemma accuracy, UAS and
 * LAS of the syntax models, over all words including punctuation, relation subtypes dropped (as the CoNLL 2018
 * shared task scores). The words and sentences are the gold ones, exactly as `parley parse --input-format conllu`
 * reads them. Run alone: npx tsx src/eval/ud.ts
 */
import { join } from "node:path";
import { loadSyntaxModel, type Analysis, type SyntaxModel } from "../nlp/syntax/model.js";
import { readTreebank, type GoldSentence } from "../nlp/syntax/train/data.js";
import { dataset, isMain } from "./datasets.js";
import type { EvalRow, Scorer } from "./types.js";

export interface UdScore {
  sentences: number;
  words: number;
  upos: number;
  xpos: number;
  lemma: number;
  uas: number;
  las: number;
}

const base = (rel: string) => {
  const c = rel.indexOf(":");
  return c < 0 ? rel : rel.slice(0, c);
};

/** Scores the model on gold sentences (percentages). */
export function scoreSentences(model: SyntaxModel, sents: readonly GoldSentence[]): UdScore {
  let words = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;
  let cap = 256;
  let out: Analysis = { tags: new Uint8Array(cap), heads: new Int32Array(cap), labels: new Uint8Array(cap) };
  for (const s of sents) {
    const n = s.forms.length;
    if (n > cap) {
      cap = 2 * n;
      out = { tags: new Uint8Array(cap), heads: new Int32Array(cap), labels: new Uint8Array(cap) };
    }
    model.analyse(s.forms, out);
    for (let i = 0; i < n; i++) {
      words++;
      const t = out.tags[i]!;
      if (model.upos[t] === s.upos[i]) upos++;
      if (model.xpos[t] === s.xpos[i]) xpos++;
      if (model.lemma(s.forms[i]!, t) === s.lemmas[i]) lemma++;
      if (out.heads[i] === s.heads[i]) {
        uas++;
        if (base(model.labels[out.labels[i]!]!) === base(s.deprels[i]!)) las++;
      }
    }
  }
  const pct = (x: number) => (100 * x) / Math.max(1, words);
  return { sentences: sents.length, words, upos: pct(upos), xpos: pct(xpos), lemma: pct(lemma), uas: pct(uas), las: pct(las) };
}

export const UD_SETS = [
  { name: "UD English EWT", split: "dev", file: "en_ewt-ud-dev.conllu", targets: { upos: 95.5, las: 84 } },
  { name: "UD English GUM (CC genres)", split: "dev", file: "en_gum-cc-ud-dev.conllu", targets: {} },
] as const;

export function udScores(): { set: (typeof UD_SETS)[number]; score: UdScore }[] | null {
  const dir = dataset("ud-english");
  if (!dir) return null;
  const model = loadSyntaxModel();
  return UD_SETS.map((set) => ({ set, score: scoreSentences(model, readTreebank(join(dir, set.file))) }));
}

export const scoreUd: Scorer = async () => {
  const got = udScores();
  if (!got) return null;
  const rows: EvalRow[] = [];
  for (const { set, score } of got) {
    const size = `${score.sentences} sentences, ${score.words} words (gold tokens)`;
    const targets: Partial<Record<keyof UdScore, number>> = set.targets;
    for (const [metric, key] of [["UPOS accuracy", "upos"], ["XPOS accuracy", "xpos"], ["lemma accuracy", "lemma"], ["UAS", "uas"], ["LAS", "las"]] as const) {
      const target = targets[key];
      rows.push({ dataset: set.name, split: set.split, size, metric, value: score[key] / 100, ...(target !== undefined ? { target: target / 100 } : {}) });
    }
  }
  return rows;
};

if (isMain(import.meta.url)) {
  const got = udScores();
  if (!got) console.log("ud-english not found");
  else for (const { set, score } of got) console.log(`${set.name} ${set.split}: ${JSON.stringify(score)}`);
}
