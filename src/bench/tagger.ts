/**
 * The NER tagger's own speed: both passes over every sentence of the records' texts (the tokens the entities
 * stage gives it), timed on a second run so the JIT is warm. Words are counted as the pipeline figure counts them.
 */
import { performance } from "node:perf_hooks";
import { loadTagger } from "../nlp/ner/tagger.js";
import type { ArticleRecord } from "../record/schema.js";
import { tokenize, type Token } from "../pipeline/tokens.js";

export function measureTagger(records: readonly ArticleRecord[], words: number): { wordsPerSecond: number; tokens: number; seconds: number } {
  const tagger = loadTagger();
  const docs = records.map((r) => {
    const tokens = tokenize(r.text);
    const sentences: Token[][] = r.sentences.map((s) => tokens.filter((t) => t.start >= s.start && t.end <= s.end));
    return { text: r.text, sentences };
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
