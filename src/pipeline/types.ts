/**
 * Core pipeline types. An article flows: ingest (RawArticle) → structure (builds the one `text`) → stages,
 * each adding a standoff layer to the record. Stages never rewrite `text`.
 */
import type { ArticleRecord, Removed, Warning } from "../record/schema.js";
import type { Token } from "./tokens.js";

/** What an ingest reader produces: the article as found, before Parley reads it. */
export interface RawArticle {
  /** Where it came from: file path, URL, "stdin", with ":N" for the line of a JSONL file. */
  origin: string;
  format: "text" | "html" | "jsonl" | "feed";
  id?: string;
  url?: string;
  title?: string;
  standfirst?: string;
  source?: string;
  language?: string;
  /** Publication date from metadata (front matter, meta tags, JSONL field, feed item), ISO 8601. */
  published?: string;
  /** Plain text as read (front matter removed). Headline/standfirst/dateline still inside, to be found by `structure`. */
  text?: string;
  /** Main-text paragraphs when the reader already split them (HTML via Readability). */
  paragraphs?: string[];
  /** Debris the reader already dropped (e.g. HTML share widgets), kept so nothing is lost silently. */
  removed?: Removed[];
  warnings?: Warning[];
  /** sha256 of the normalised raw content, set by the reader. */
  hash?: string;
}

/** Options the caller gives for one article (CLI flags win over nothing, lose to nothing: they override metadata). */
export interface ExtractOptions {
  published?: string;
  source?: string;
  url?: string;
  /** Adds the record's optional `syntax` layer (tokens with part of speech, lemma, head, relation). */
  withSyntax?: boolean;
}

/** The document under construction: the record plus shared per-article working data (never serialised). */
export interface Doc {
  readonly record: ArticleRecord;
  /** One tokenisation of `record.text`, shared by every stage. */
  tokens: Token[];
  /** Full ISO date (YYYY-MM-DD) to anchor relative times, or null when the publication date is unknown or partial. */
  readonly anchorDate: string | null;
  /** Part of speech, lemma and dependency parse of `tokens`, added by the `syntax` stage (runs right after `sentences`). */
  syntax?: SyntaxLayer;
}

/**
 * The parse, as parallel arrays indexed like `Doc.tokens` (token i ↔ upos[i], lemma[i], head[i], deprel[i]).
 * Heads never cross a sentence of the `sentences` layer. UD v2 labels; `deprel` keeps subtypes ("nsubj:pass",
 * "compound:prt", "obl:tmod") because stages use them; scorers drop them.
 */
export interface SyntaxLayer {
  upos: string[];
  xpos: string[];
  lemma: string[];
  /** Token index of the head, or -1 for the root of its sentence. */
  head: Int32Array;
  deprel: string[];
}

/** A pipeline stage: a small named unit that adds one layer. Created once per process (dictionaries compiled then). */
export interface Stage {
  readonly name: string;
  run(doc: Doc): void;
}

export interface StageEnv {
  /** The user's own actor dictionaries (data/actors/README.md format), read before the bundled ones. */
  userDictionaries?: string[];
  /** The user's own event pattern files (data/events/README.md format), added to the bundled patterns. */
  userPatterns?: string[];
}

export type StageFactory = (env: StageEnv) => Stage;
