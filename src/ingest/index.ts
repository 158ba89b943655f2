/**
 * Ingest: turns inputs (files, directories, "-" for standard input, http(s) URLs) into raw articles, in input order.
 * Formats: plain text with optional YAML front matter, HTML pages and fragments, JSONL (one article per line), RSS/Atom
 * feeds. Bad input never throws: it becomes a `skip` item with a one-line reason and the batch goes on.
 *
 * Two halves: `readSources` (I/O: files, directories, fetching) and `toArticle` (CPU: parsing), which the CLI runs in
 * worker threads; `readInputs` chains them in one thread, for library use.
 */
import { toArticle, type IngestItem } from "./convert.js";
import { contentSources, readSources, type IngestOptions, type SourceItem } from "./sources.js";

export { USER_AGENT } from "./fetch.js";
export type { Validators } from "./fetch.js";
export { IngestSkip } from "./skip.js";
export { toArticle, type IngestItem, type Source } from "./convert.js";
export { readSources, type FeedCache, type IngestOptions, type SourceItem } from "./sources.js";

async function* articlesOf(sources: AsyncIterable<SourceItem>): AsyncGenerator<IngestItem> {
  for await (const item of sources) yield item.kind === "skip" ? item : await toArticle(item.source);
}

export function readInputs(inputs: string[], options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  return articlesOf(readSources(inputs, options));
}

/** One document already in memory (an HTTP request body), read like a file: `hint` is its content type or file name. */
export function readContent(text: string, origin: string, hint = "", options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  return articlesOf(contentSources(text, origin, hint, options));
}
