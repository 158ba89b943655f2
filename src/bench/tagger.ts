/**
 * The NER tagger's own speed: both passes over every sentence of the articles (the tokens the entities stage
 * gives it; only structure, tokens and sentences are run to get them), timed on a second run so the JIT is warm.
 * Words are counted as the pipeline figure counts them.
 */
import { performance } from "node:perf_hooks";
import { loadTagger } from "../nlp/ner/tagger.js";
import type { Extractor } from "../pipeline/extractor.js";
import { tokenize, type Token } from "../pipeline/tokens.js";
import type { RawArticle } from "../pipeline/types.js";

export function measureTagger(extractor: Extractor, articles: readonly RawArticle[], words: number): { wordsPerSecond: number; tokens: number; seconds: number } {
  const tagger = loadTagger();
  const sentences = extractor.stages.find((s) => s.name === "sentences");
  const docs = articles.map((a) => {
    const record = extractor.build(a);
    const tokens = tokenize(record.text);
    sentences?.run({ record, tokens, anchorDate: null });
    let k = 0;
    const split: Token[][] = record.sentences.map((s) => {
      while (k < tokens.length && tokens[k]!.start < s.start) k++;
      const from = k;
      while (k < tokens.length && tokens[k]!.end <= s.end) k++;
      return tokens.slice(from, k);
    });
    return { text: record.text, sentences: split };
  });
  const tokens = docs.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.length, 0), 0);
  let seconds = 0;
  for (let pass = 0; pass < 2; pass++) {
    const t0 = performance.now();
    for (const d of docs) tagger.tagDocument(d.sentences, d.text);
    seconds = (performance.now() - t0) / 1000;
  }
  return { wordsPerSecond: Math.round(words / seconds), tokens, seconds: +seconds.toFixed(3) };
}
