/**
 * Ingest: turns inputs (files, directories, "-" for standard input, http(s) URLs) into raw articles, in input order.
 * Formats: plain text with optional YAML front matter, HTML pages, JSONL (one article per line), RSS/Atom feeds.
 * Bad input never throws: it becomes a `skip` item with a one-line reason and the batch goes on.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { RawArticle } from "../pipeline/types.js";
import { decodeBytes } from "./decode.js";
import { feedItems, looksLikeFeed } from "./feed.js";
import { fetchBytes, USER_AGENT } from "./fetch.js";
import { htmlArticle } from "./html.js";
import { jsonlLines } from "./jsonl.js";
import { guessLanguage } from "./language.js";
import { IngestSkip, reasonOf } from "./skip.js";
import { textArticle } from "./text.js";

export { USER_AGENT } from "./fetch.js";
export { IngestSkip } from "./skip.js";

export type IngestItem = { kind: "article"; article: RawArticle } | { kind: "skip"; origin: string; reason: string };

export interface IngestOptions {
  /** Largest input accepted, in bytes (default 10 MiB); for JSONL, the largest line. */
  maxBytes?: number;
  /** HTTP timeout in milliseconds (default 15 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Fetch the linked page of a feed item whose content is not full text (default true). */
  fetchFeedLinks?: boolean;
  /** Stream read for "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

type Options = Required<Omit<IngestOptions, "stdin">> & { stdin: NodeJS.ReadableStream };

const HTML_EXT = /\.(html?|xhtml)$/i;
const JSONL_EXT = /\.(jsonl|ndjson)$/i;
const FEED_EXT = /\.(rss|atom)$/i;

const skip = (origin: string, reason: string): IngestItem => ({ kind: "skip", origin, reason });

/** Content identity: the same article read twice gets the same hash whatever the line endings or trailing spaces. */
function contentHash(a: RawArticle): string {
  const body = (a.paragraphs ? a.paragraphs.join("\n\n") : (a.text ?? ""))
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .trim();
  return createHash("sha256").update([body, a.title ?? "", a.published ?? "", a.url ?? "", a.id ?? ""].join("\u0000")).digest("hex");
}

/** Final checks common to every format: some text, a language, a hash. */
function finish(a: RawArticle): IngestItem {
  const text = a.paragraphs ? a.paragraphs.join("\n") : (a.text ?? "");
  if (!text.trim()) return skip(a.origin, "empty: no text");
  const guessed = guessLanguage(text);
  if (!a.language && guessed) a.language = guessed;
  if ((a.language && a.language !== "en") || guessed === "und") {
    (a.warnings ??= []).push({
      code: "non-english",
      message: `language ${a.language ?? "undetermined"}: stored, but the language layer reads English only`,
    });
  }
  a.hash = contentHash(a);
  return { kind: "article", article: a };
}

async function* fromContent(text: string, origin: string, opts: Options, hint: string, url?: string): AsyncGenerator<IngestItem> {
  const head = text.slice(0, 1024).trimStart();
  if (FEED_EXT.test(hint) || /(rss|atom)\+xml/.test(hint) || looksLikeFeed(text)) {
    yield* fromFeed(text, origin, opts);
  } else if (HTML_EXT.test(hint) || /html/.test(hint) || /^(<!doctype html|<html|<head|<body|<article|<div|<p[ >])/i.test(head)) {
    yield finish(htmlArticle(text, origin, url));
  } else if (JSONL_EXT.test(hint) || (head.startsWith("{") && !/^---/.test(head))) {
    let n = 0;
    for (const line of text.split("\n")) yield* jsonItem(line, `${origin}:${++n}`);
  } else {
    const a = textArticle(text, origin);
    if (url && !a.url) a.url = url;
    yield finish(a);
  }
}

function* jsonItem(line: string | IngestSkip, origin: string): Generator<IngestItem> {
  if (line instanceof IngestSkip) return yield skip(origin, line.message);
  if (!line.trim()) return;
  try {
    const a = jsonlLines.parse(line, origin);
    if (a.html !== undefined) {
      const page = htmlArticle(a.html, origin, a.article.url);
      yield finish({ ...page, ...a.article, paragraphs: page.paragraphs!, format: "jsonl" });
    } else yield finish(a.article);
  } catch (err) {
    yield skip(origin, reasonOf(err));
  }
}

async function* fromFeed(xml: string, origin: string, opts: Options): AsyncGenerator<IngestItem> {
  let items;
  try {
    items = feedItems(xml, origin);
  } catch (err) {
    yield skip(origin, reasonOf(err));
    return;
  }
  if (items.length === 0) yield skip(origin, "feed has no items");
  for (const item of items) {
    if (item.article) {
      yield finish(item.article);
    } else if (item.link && opts.fetchFeedLinks) {
      try {
        const page = await fetchBytes(item.link, opts);
        const { text, warning } = decodeBytes(page.bytes, charsetOf(page.contentType));
        const a = htmlArticle(text, item.origin, page.url);
        a.format = "feed";
        if (!a.title && item.title) a.title = item.title;
        if (!a.published && item.published) a.published = item.published;
        if (warning) (a.warnings ??= []).push(warning);
        yield finish(a);
      } catch (err) {
        yield skip(`${item.origin} ${item.link}`, reasonOf(err));
      }
    } else {
      yield skip(item.origin, item.link ? "feed item has only a summary (fetching links is off)" : "feed item has no text and no link");
    }
  }
}

const charsetOf = (contentType: string) => /charset=([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? null;

async function* fromUrl(url: string, opts: Options): AsyncGenerator<IngestItem> {
  try {
    const page = await fetchBytes(url, opts);
    if (page.bytes.length === 0) throw new IngestSkip("empty response");
    const { text, warning } = decodeBytes(page.bytes, charsetOf(page.contentType));
    for await (const item of fromContent(text, url, opts, page.contentType, page.url)) {
      if (item.kind === "article" && warning) (item.article.warnings ??= []).push(warning);
      yield item;
    }
  } catch (err) {
    yield skip(url, reasonOf(err));
  }
}

async function* fromFile(path: string, size: number, opts: Options): AsyncGenerator<IngestItem> {
  if (size === 0) return yield skip(path, "empty file");
  if (JSONL_EXT.test(path)) {
    // Streamed line by line: a JSONL file may hold many thousands of articles.
    for await (const { line, n } of jsonlLines.read(createReadStream(path), opts.maxBytes)) yield* jsonItem(line, `${path}:${n}`);
    return;
  }
  if (size > opts.maxBytes) return yield skip(path, `larger than the ${opts.maxBytes} byte limit (${size} bytes)`);
  const fh = await open(path, "r");
  let bytes: Buffer;
  try {
    bytes = await fh.readFile();
  } finally {
    await fh.close();
  }
  const { text, warning } = decodeBytes(bytes);
  if (!text.trim()) return yield skip(path, "empty file (whitespace only)");
  for await (const item of fromContent(text, path, opts, path)) {
    if (item.kind === "article" && warning) (item.article.warnings ??= []).push(warning);
    yield item;
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

async function* fromStdin(opts: Options): AsyncGenerator<IngestItem> {
  // JSONL is streamed; anything else is read whole (within the size limit) and sniffed.
  const lines = jsonlLines.read(opts.stdin, opts.maxBytes);
  const first = await lines.next();
  if (first.done) return yield skip("stdin", "empty input");
  if (first.value.line instanceof IngestSkip || first.value.line.trimStart().startsWith("{")) {
    yield* jsonItem(first.value.line, `stdin:${first.value.n}`);
    for await (const { line, n } of lines) yield* jsonItem(line, `stdin:${n}`);
    return;
  }
  const all = [first.value.line];
  let size = first.value.line.length;
  for await (const { line } of lines) {
    if (line instanceof IngestSkip) return yield skip("stdin", line.message);
    size += line.length + 1;
    if (size > opts.maxBytes) return yield skip("stdin", `larger than the ${opts.maxBytes} byte limit`);
    all.push(line);
  }
  yield* fromContent(all.join("\n"), "stdin", opts, "");
}

export async function* readInputs(inputs: string[], options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  const opts: Options = {
    maxBytes: options.maxBytes ?? 10 * 2 ** 20,
    timeoutMs: options.timeoutMs ?? 15_000,
    userAgent: options.userAgent ?? USER_AGENT,
    fetchFeedLinks: options.fetchFeedLinks ?? true,
    stdin: options.stdin ?? process.stdin,
  };
  for (const input of inputs) {
    if (input === "-") {
      yield* fromStdin(opts);
      continue;
    }
    if (/^https?:\/\//i.test(input)) {
      yield* fromUrl(input, opts);
      continue;
    }
    try {
      const st = await stat(input);
      if (st.isDirectory()) {
        let any = false;
        for await (const file of walk(input)) {
          any = true;
          yield* fromFile(file, (await stat(file)).size, opts);
        }
        if (!any) yield skip(input, "empty directory");
      } else yield* fromFile(input, st.size, opts);
    } catch (err) {
      yield skip(input, reasonOf(err));
    }
  }
}
