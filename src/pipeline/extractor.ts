/**
 * The extractor: builds a document from a RawArticle and runs the registered stages over it.
 * Create it once per process: stage factories compile their dictionaries and patterns at creation.
 * Every article is held to the size budget (budget.ts): text length, sentences, and the size of the layers after
 * each stage; an article over it throws BudgetExceeded, whose message is the skip reason.
 */
import { performance } from "node:perf_hooks";
import type { ArticleRecord, SyntaxToken } from "../record/schema.js";
import { BudgetExceeded, DEFAULT_LIMITS, estimateLayer, maxRecordChars, mb, PER_ITEM, type Limits } from "./budget.js";
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
  readonly limits: Limits;
}


const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createExtractor(env: StageEnv = {}, options: { limits?: Partial<Limits> } = {}): Extractor {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
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
    const chars = record.text.length;
    if (chars > limits.maxChars) throw new BudgetExceeded(`too long: ${chars} characters of text (limit ${limits.maxChars})`);
    const tokens = time("tokens", () => tokenize(record.text));
    const anchorDate = record.published && FULL_DATE.test(record.published) ? record.published : null;
    const doc: Doc = { record, tokens, anchorDate };
    const allowed = maxRecordChars(chars, limits);
    for (const stage of stages) {
      time(stage.name, () => stage.run(doc));
      if (record.sentences.length > limits.maxSentences)
        throw new BudgetExceeded(`too long: ${record.sentences.length} sentences (limit ${limits.maxSentences})`);
      let size = chars;
      for (const layer of Object.keys(PER_ITEM) as (keyof typeof PER_ITEM)[]) size += estimateLayer(record[layer], PER_ITEM[layer]);
      if (size > allowed) throw new BudgetExceeded(`record too large: about ${mb(size)} after ${stage.name} from ${chars} characters of text (limit ${limits.recordFactor}× the text)`);
    }
    // The parse is written into the record only on request (it is large): `extract --with-syntax`.
    if (options.withSyntax && doc.syntax) record.syntax = syntaxRecord(doc.tokens, doc.syntax);
    return record;
  };
  return { timings, stages, limits, build, annotate, extract: (raw, options = {}) => annotate(build(raw, options), options) };
}

/** The record's `syntax` layer: one entry per token, head as an index into the same list. */
export function syntaxRecord(tokens: readonly Token[], syn: SyntaxLayer): SyntaxToken[] {
  return tokens.map((t, i) => ({ start: t.start, end: t.end, upos: syn.upos[i]!, xpos: syn.xpos[i]!, lemma: syn.lemma[i]!, head: syn.head[i]!, deprel: syn.deprel[i]! }));
}
