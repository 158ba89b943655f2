/**
 * Runs the registered pipeline stages over a text as it is (no structure step, so gold offsets still line up).
 * Scorers use this to score one layer on a gold set whose text must not be rewritten.
 */
import { SCHEMA_VERSION, type ArticleRecord } from "../record/schema.js";
import { STAGES } from "../pipeline/stages.js";
import { tokenize } from "../pipeline/tokens.js";
import type { Doc, Stage, StageEnv } from "../pipeline/types.js";

export interface Analyser {
  /**
   * Analyses `text` with stages up to and including `upTo` (all when omitted). `prepare` may adjust the document
   * before the stages run (tests give gold tokens and a gold parse this way; a parse given so is not replaced).
   */
  analyse(text: string, anchorDate: string | null, upTo?: string, prepare?: (doc: Doc) => void): ArticleRecord;
  /** The same, returning the whole document (tokens and the parse, when a syntax stage ran, besides the record). */
  analyseDoc(text: string, anchorDate: string | null, upTo?: string, prepare?: (doc: Doc) => void): Doc;
}

export function createAnalyser(env: StageEnv = {}): Analyser {
  const stages: Stage[] = STAGES.map((make) => make(env));
  const analyser: Analyser = {
    analyse(text, anchorDate, upTo, prepare) {
      return analyser.analyseDoc(text, anchorDate, upTo, prepare).record;
    },
    analyseDoc(text, anchorDate, upTo, prepare) {
      const record: ArticleRecord = {
        schemaVersion: SCHEMA_VERSION,
        id: "eval",
        hash: "",
        url: null,
        source: null,
        title: null,
        standfirst: null,
        published: anchorDate,
        publishedFrom: anchorDate ? "metadata" : null,
        language: "en",
        dateline: null,
        origin: "eval",
        text,
        structure: { headline: null, standfirst: null, body: { start: 0, end: text.length }, paragraphs: [] },
        removed: [],
        warnings: [],
        sentences: [],
        entities: [],
        times: [],
        quotes: [],
        events: [],
      };
      const doc: Doc = { record, tokens: tokenize(text), anchorDate };
      prepare?.(doc);
      // A parse given by `prepare` (a gold tree) stands: the parser does not run over it.
      const givenParse = doc.syntax !== undefined;
      for (const stage of stages) {
        if (!(givenParse && stage.name === "syntax")) stage.run(doc);
        if (stage.name === upTo) break;
      }
      return doc;
    },
  };
  return analyser;
}
