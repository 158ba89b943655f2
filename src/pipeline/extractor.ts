/**
 * The extractor: builds a document from a RawArticle and runs the registered stages over it.
 * Create it once per process: stage factories compile their dictionaries and patterns at creation.
 */
import { performance } from "node:perf_hooks";
import type { ArticleRecord, SyntaxToken } from "../record/schema.js";
import { buildDocument } from "../nlp/structure.js";
import { STAGES } from "./stages.js";
import { tokenize, type Token } from "./tokens.js";
import type { Doc, ExtractOptions, RawArticle, Stage, StageEnv, SyntaxLayer } from "./types.js";

export interface Extractor {
  extract(raw: RawArticle, options?: ExtractOptions): ArticleRecord;
  /** The record's text, structure, id and hash only (cheap): lets a store skip an article it already has. */
  build(raw: RawArticle, options?: ExtractOptions): ArticleRecord;
  /** Runs the stages over a record from `build`, adding every layer (and `syntax` with `withSyntax`). */
  annotate(record: ArticleRecord, options?: Pick<ExtractOptions, "withSyntax">): ArticleRecord;
  /** Milliseconds spent in each stage so far in this process ("structure", "tokens", then each stage's name). */
  readonly timings: Map<string, number>;
  readonly stages: readonly Stage[];
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createExtractor(env: StageEnv = {}): Extractor {
  const stages = STAGES.map((make) => make(env));
  const timings = new Map<string, number>();
  const time = <T>(name: string, fn: () => T): T => {
    const t0 = performance.now();
    const out = fn();
    timings.set(name, (timings.get(name) ?? 0) + performance.now() - t0);
    return out;
  };
  const build = (raw: RawArticle, options: ExtractOptions = {}) => time("structure", () => buildDocument(raw, options));
  const annotate = (record: ArticleRecord, options: Pick<ExtractOptions, "withSyntax"> = {}) => {
    const tokens = time("tokens", () => tokenize(record.text));
    const anchorDate = record.published && FULL_DATE.test(record.published) ? record.published : null;
    const doc: Doc = { record, tokens, anchorDate };
    for (const stage of stages) time(stage.name, () => stage.run(doc));
    if (options.withSyntax && doc.syntax) record.syntax = syntaxRecord(doc.tokens, doc.syntax);
    return record;
  };
  return { timings, stages, build, annotate, extract: (raw, options = {}) => annotate(build(raw, options), options) };
}

/** The record's `syntax` layer: one entry per token, head as an index into the same list. */
export function syntaxRecord(tokens: readonly Token[], syn: SyntaxLayer): SyntaxToken[] {
  return tokens.map((t, i) => ({ start: t.start, end: t.end, upos: syn.upos[i]!, xpos: syn.xpos[i]!, lemma: syn.lemma[i]!, head: syn.head[i]!, deprel: syn.deprel[i]! }));
}
