// Placeholder: builds a minimal record until the structure stage (headline, standfirst, dateline, debris) lands.
import { createHash } from "node:crypto";
import { SCHEMA_VERSION, type ArticleRecord } from "../record/schema.js";
import type { ExtractOptions, RawArticle } from "../pipeline/types.js";

export function buildDocument(raw: RawArticle, options: ExtractOptions): ArticleRecord {
  const text = raw.paragraphs ? raw.paragraphs.join("\n\n") : (raw.text ?? "");
  const hash = raw.hash ?? createHash("sha256").update(text).digest("hex");
  return {
    schemaVersion: SCHEMA_VERSION,
    id: raw.id ?? hash.slice(0, 16),
    hash,
    url: options.url ?? raw.url ?? null,
    source: options.source ?? raw.source ?? null,
    title: raw.title ?? null,
    standfirst: raw.standfirst ?? null,
    published: options.published ?? raw.published ?? null,
    publishedFrom: options.published ? "flag" : raw.published ? "metadata" : null,
    language: raw.language ?? null,
    dateline: null,
    origin: raw.origin,
    text,
    structure: { headline: null, standfirst: null, body: { start: 0, end: text.length }, paragraphs: [] },
    removed: raw.removed ?? [],
    warnings: raw.warnings ?? [],
    sentences: [],
    entities: [],
    times: [],
    quotes: [],
    events: [],
  };
}
