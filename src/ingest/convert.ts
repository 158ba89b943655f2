/**
 * Sources to raw articles: the CPU-heavy half of ingest (front matter, Readability, JSON parsing), kept apart from
 * reading (I/O) so it can run in a worker thread under the per-article time limit. Every source becomes exactly one
 * item: an article, or a skip with its reason. `finish` applies what every format shares: control characters and
 * terminal escapes out, some text, a language, a content hash.
 */
import { createHash } from "node:crypto";
import type { RawArticle } from "../pipeline/types.js";
import type { Warning } from "../record/schema.js";
import { jsonlLines } from "./jsonl.js";
import { stripControls } from "./controls.js";
import { guessLanguage } from "./language.js";
import { reasonOf } from "./skip.js";
import { dataKind, textArticle } from "./text.js";

/** What the reader hands over: decoded content and where it came from. Plain data, so it can cross to a worker. */
export type Source =
  | { type: "text"; origin: string; text: string; url?: string; warnings?: Warning[] }
  | { type: "html"; origin: string; html: string; url?: string; format?: "html" | "feed"; title?: string; published?: string; warnings?: Warning[] }
  | { type: "json"; origin: string; line: string; warnings?: Warning[] }
  | { type: "feed-item"; origin: string; html: string; title?: string; url?: string; published?: string; warnings?: Warning[] };

export type IngestItem = { kind: "article"; article: RawArticle } | { kind: "skip"; origin: string; reason: string };

export const skipItem = (origin: string, reason: string): IngestItem => ({ kind: "skip", origin, reason });

/**
 * Content identity: the same article read twice gets the same hash whatever its line endings, indentation or runs
 * of spaces (lines trimmed, inner runs of spaces and tabs made one, blank lines collapsed). Linear: split, not a
 * regular expression anchored at line ends.
 */
export function contentHash(a: RawArticle): string {
  const raw = a.paragraphs ? a.paragraphs.join("\n\n") : (a.text ?? "");
  const lines: string[] = [];
  let blank = false;
  for (const line of raw.normalize("NFC").split(/\r\n?|\n/)) {
    const t = line.replace(/[ \t\u00a0]+/g, " ").trim();
    if (!t) {
      blank = lines.length > 0;
      continue;
    }
    if (blank) lines.push("");
    blank = false;
    lines.push(t);
  }
  return createHash("sha256").update([lines.join("\n"), a.title ?? "", a.published ?? "", a.url ?? "", a.id ?? ""].join("\u0000")).digest("hex");
}

/** Final checks common to every format: no control characters, some text, a language, a hash. */
export function finish(a: RawArticle): IngestItem {
  let removed = 0;
  const clean = (s: string) => {
    const r = stripControls(s);
    removed += r.removed;
    return r.text;
  };
  if (a.text !== undefined) a.text = clean(a.text);
  if (a.paragraphs) a.paragraphs = a.paragraphs.map(clean);
  for (const k of ["title", "standfirst", "source", "url", "id", "published", "language"] as const) if (a[k] !== undefined) a[k] = clean(a[k]!);
  if (removed) (a.warnings ??= []).push({ code: "control-characters", message: `${removed} control character${removed === 1 ? "" : "s"} (terminal escapes) removed` });
  const text = a.paragraphs ? a.paragraphs.join("\n") : (a.text ?? "");
  if (!text.trim()) return skipItem(a.origin, "empty: no text");
  if (a.format === "text") {
    const kind = dataKind(text);
    if (kind) return skipItem(a.origin, `not an article: ${kind}`);
  }
  const guessed = guessLanguage(text);
  if (!a.language && guessed) a.language = guessed;
  const declared = a.language?.slice(0, 2).toLowerCase();
  const other = declared && declared !== "en" ? a.language : guessed && guessed !== "en" ? guessed : null;
  if (other) {
    (a.warnings ??= []).push({
      code: "non-english",
      message: `language ${other === "und" ? "undetermined" : other}: stored, but the language layer reads English only`,
    });
  }
  a.hash = contentHash(a);
  return { kind: "article", article: a };
}

const withWarnings = (a: RawArticle, warnings: Warning[] | undefined): RawArticle => {
  if (warnings?.length) a.warnings = [...warnings, ...(a.warnings ?? [])];
  return a;
};

/** linkedom and Readability take about a second to load: only for sources that are HTML. */
const html = () => import("./html.js");

async function convert(source: Source): Promise<IngestItem> {
  switch (source.type) {
    case "text": {
      const a = textArticle(source.text, source.origin);
      if (source.url && !a.url) a.url = source.url;
      return finish(withWarnings(a, source.warnings));
    }
    case "html": {
      const a = (await html()).htmlArticle(source.html, source.origin, source.url);
      if (source.format) a.format = source.format;
      if (!a.title && source.title) a.title = source.title;
      if (!a.published && source.published) a.published = source.published;
      return finish(withWarnings(a, source.warnings));
    }
    case "json": {
      const { article, html: body } = jsonlLines.parse(source.line, source.origin);
      if (body === undefined) return finish(withWarnings(article, source.warnings));
      const page = (await html()).htmlArticle(body, source.origin, article.url);
      return finish(withWarnings({ ...page, ...article, paragraphs: page.paragraphs!, warnings: page.warnings, format: "jsonl" }, source.warnings));
    }
    case "feed-item": {
      const a: RawArticle = { origin: source.origin, format: "feed", paragraphs: (await html()).blockTexts(source.html) };
      if (source.title) a.title = source.title;
      if (source.url) a.url = source.url;
      if (source.published) a.published = source.published;
      return finish(withWarnings(a, source.warnings));
    }
  }
}

/** One source to one item; never throws (a reader error becomes a skip with its reason). */
export async function toArticle(source: Source): Promise<IngestItem> {
  try {
    return await convert(source);
  } catch (err) {
    return skipItem(source.origin, reasonOf(err));
  }
}
