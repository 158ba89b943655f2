/**
 * The reading half of ingest (I/O): inputs (files, directories, "-", http(s) URLs) to decoded sources, in input
 * order. Converting a source to an article (Readability, front matter, JSON) is `toArticle` in convert.ts, which
 * may run in a worker. Nothing here throws for bad input: each problem is a `skip` naming the file, line or URL,
 * and the walk goes on (one unreadable file inside a directory never ends the directory).
 */
import { createReadStream } from "node:fs";
import { lstat, open, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Warning } from "../record/schema.js";
import type { Source } from "./convert.js";
import { decodeBytes } from "./decode.js";
import { feedItems, looksLikeFeed, type FeedItem } from "./feed.js";
import { fetchBytes, USER_AGENT, type FetchOptions, type Validators } from "./fetch.js";
import { decodedLines, peek } from "./lines.js";
import { RobotsCache } from "./robots.js";
import { IngestSkip, reasonOf } from "./skip.js";
import { dataKindOfName } from "./text.js";

export type SourceItem = { kind: "source"; source: Source } | { kind: "skip"; origin: string; reason: string };

/** Where a feed's validators (ETag, Last-Modified) are kept between runs; the CLI keeps them in the store. */
export interface FeedCache {
  get(url: string): Promise<Validators | null>;
  /** Called once a feed was fetched whole; the CLI saves what it is given after the batch is stored. */
  remember(url: string, validators: Validators): void;
}

export interface IngestOptions {
  /** Largest input accepted, in bytes (default 10 MiB); for JSONL, the largest line. */
  maxBytes?: number;
  /** HTTP timeout per request in milliseconds (default 15 s). */
  timeoutMs?: number;
  /** Overall time for one feed and all its item pages, in milliseconds (default 120 s). */
  feedDeadlineMs?: number;
  userAgent?: string;
  /** Fetch the linked page of a feed item whose content is not full text (default true). */
  fetchFeedLinks?: boolean;
  /** Fetch private, loopback and link-local addresses (default false: refused). */
  allowPrivate?: boolean;
  /** Private addresses or CIDR ranges fetched all the same (library use; the CLI has --allow-private). */
  allowAddresses?: string[];
  /** Ask robots.txt before fetching a feed item's page (default true). */
  respectRobots?: boolean;
  feedCache?: FeedCache;
  /** Told about inputs that give nothing and are not errors (a feed unchanged since the last read). */
  onNotice?: (origin: string, message: string) => void;
  /** Stream read for "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

type Options = Required<Omit<IngestOptions, "stdin" | "feedCache" | "onNotice">> & Pick<IngestOptions, "feedCache" | "onNotice"> & { stdin: NodeJS.ReadableStream; robots: RobotsCache | null };

const HTML_EXT = /\.(html?|xhtml)$/i;
const JSONL_EXT = /\.(jsonl|ndjson)$/i;
const FEED_EXT = /\.(rss|atom)$/i;

const skip = (origin: string, reason: string): SourceItem => ({ kind: "skip", origin, reason });
const source = (s: Source): SourceItem => ({ kind: "source", source: s });

function fetchOpts(opts: Options, extra: Partial<FetchOptions> = {}): FetchOptions {
  return { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, userAgent: opts.userAgent, allowPrivate: opts.allowPrivate, allowAddresses: opts.allowAddresses, ...extra };
}

const charsetOf = (contentType: string) => /charset=["']?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? null;
const warned = (w: Warning | undefined) => (w ? { warnings: [w] } : {});

async function* fromContent(text: string, origin: string, opts: Options, hint: string, warning?: Warning, url?: string): AsyncGenerator<SourceItem> {
  const head = text.slice(0, 1024).trimStart();
  if (!head) return yield skip(origin, "empty file (whitespace only)");
  if (FEED_EXT.test(hint) || /(rss|atom)\+xml/.test(hint) || looksLikeFeed(text)) {
    yield* fromFeed(text, origin, opts, warning);
  } else if (HTML_EXT.test(hint) || /html/.test(hint) || /^(<!doctype html|<html|<head|<body|<article|<section|<main|<div|<p[ >]|<h[1-6][ >])/i.test(head)) {
    yield source({ type: "html", origin, html: text, ...(url ? { url } : {}), ...warned(warning) });
  } else if (JSONL_EXT.test(hint) || (head.startsWith("{") && !head.startsWith("---"))) {
    let n = 0;
    for (const line of text.split("\n")) {
      n++;
      if (line.trim()) yield source({ type: "json", origin: `${origin}:${n}`, line, ...warned(warning) });
    }
  } else {
    yield source({ type: "text", origin, text, ...(url ? { url } : {}), ...warned(warning) });
  }
}

async function* fromFeed(xml: string, origin: string, opts: Options, warning?: Warning, deadline?: FetchOptions["deadline"]): AsyncGenerator<SourceItem> {
  let items;
  try {
    items = await feedItems(xml, origin);
  } catch (err) {
    return yield skip(origin, reasonOf(err));
  }
  if (items.length === 0) return yield skip(origin, "feed has no items");
  yield* itemSources(items, opts, deadline ?? feedDeadline(opts), warning);
}

const feedDeadline = (opts: Options) => ({ signal: AbortSignal.timeout(opts.feedDeadlineMs), reason: `feed deadline of ${opts.feedDeadlineMs / 1000} s passed` });

/** Exactly one item per feed item, in order: its own content, its linked page (fetched), or a skip with the reason. */
async function* itemSources(items: readonly FeedItem[], opts: Options, limit: { signal: AbortSignal; reason: string }, warning?: Warning): AsyncGenerator<SourceItem> {
  for (const item of items) {
    const meta = { ...(item.title ? { title: item.title } : {}), ...(item.published ? { published: item.published } : {}) };
    if (item.html) {
      yield source({ type: "feed-item", origin: item.origin, html: item.html, ...meta, ...(item.link ? { url: item.link } : {}), ...warned(warning) });
      continue;
    }
    if (!item.link && item.summary) {
      const summary: Warning = { code: "feed-summary", message: "the feed item gives a summary and no link to the full text: the summary is the text" };
      yield source({ type: "feed-item", origin: item.origin, html: item.summary, ...meta, warnings: [...(warning ? [warning] : []), summary] });
      continue;
    }
    if (!item.link) {
      yield skip(item.origin, "feed item has no text and no link");
      continue;
    }
    if (!opts.fetchFeedLinks) {
      yield skip(item.origin, "feed item has only a summary (fetching links is off)");
      continue;
    }
    const where = `${item.origin} ${item.link}`;
    if (limit.signal.aborted) {
      yield skip(where, limit.reason);
      continue;
    }
    try {
      const refused = opts.robots ? await opts.robots.refusal(item.link) : null;
      if (refused) throw new IngestSkip(refused);
      const page = await fetchBytes(item.link, fetchOpts(opts, { deadline: limit }));
      const { text, warning: w } = decodeBytes(page.bytes, charsetOf(page.contentType));
      yield source({ type: "html", origin: item.origin, html: text, url: page.url, format: "feed", ...meta, ...warned(w) });
    } catch (err) {
      yield skip(where, reasonOf(err));
    }
  }
}

async function* fromUrl(url: string, opts: Options): AsyncGenerator<SourceItem> {
  const deadline = { signal: AbortSignal.timeout(opts.feedDeadlineMs), reason: `feed deadline of ${opts.feedDeadlineMs / 1000} s passed` };
  try {
    const validators = (await opts.feedCache?.get(url)) ?? null;
    const page = await fetchBytes(url, fetchOpts(opts, { validators, deadline }));
    if (page.notModified) {
      opts.onNotice?.(url, "not modified since the last read (HTTP 304)");
      return;
    }
    if (page.bytes.length === 0) throw new IngestSkip("empty response");
    const { text, warning } = decodeBytes(page.bytes, charsetOf(page.contentType));
    if (/(rss|atom)\+xml/.test(page.contentType) || looksLikeFeed(text)) {
      yield* fromFeed(text, url, opts, warning, deadline);
      if (page.validators.etag || page.validators.lastModified) opts.feedCache?.remember(url, page.validators);
    } else yield* fromContent(text, url, opts, page.contentType, warning, page.url);
  } catch (err) {
    yield skip(url, reasonOf(err));
  }
}

async function* fromFile(path: string, size: number, opts: Options): AsyncGenerator<SourceItem> {
  if (size === 0) return yield skip(path, "empty file");
  const data = dataKindOfName(path);
  if (data) return yield skip(path, `not an article: ${data}`);
  if (JSONL_EXT.test(path)) {
    // Streamed line by line: a JSONL file may hold many thousands of articles.
    for await (const { line, n, warning } of decodedLines(createReadStream(path), opts.maxBytes)) {
      if (line instanceof IngestSkip) yield skip(`${path}:${n}`, line.message);
      else if (line.trim()) yield source({ type: "json", origin: `${path}:${n}`, line, ...warned(warning) });
    }
    return;
  }
  if (size > opts.maxBytes) return yield skip(path, `larger than the ${opts.maxBytes} byte limit (${size} bytes)`);
  const bytes = await readLimited(path, opts.maxBytes);
  const { text, warning } = decodeBytes(bytes);
  yield* fromContent(text, path, opts, path, warning);
}

/** Reads a file whole, but never more than `max` bytes (a FIFO or a growing file has no trustworthy size). */
async function readLimited(path: string, max: number): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(1 << 20, max + 1 - size));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      size += bytesRead;
      if (size > max) throw new IngestSkip(`larger than the ${max} byte limit`);
    }
    return Buffer.concat(chunks);
  } finally {
    await fh.close();
  }
}

type Entry = { kind: "file"; path: string; size: number } | { kind: "skip"; origin: string; reason: string };

/** Files under `dir`, recursively, sorted, dotfiles left out; an unreadable folder or entry is a skip, not the end. */
async function* walk(dir: string): AsyncGenerator<Entry> {
  let entries;
  try {
    entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    return yield { kind: "skip", origin: dir, reason: reasonOf(err) };
  }
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    try {
      if (e.isDirectory()) {
        yield* walk(p);
        continue;
      }
      // A symbolic link is followed to a file, never to a folder (a link to a parent would loop).
      const st = e.isSymbolicLink() ? await stat(p) : await lstat(p);
      if (st.isFile()) yield { kind: "file", path: p, size: st.size };
      else if (st.isDirectory()) yield { kind: "skip", origin: p, reason: "symbolic link to a folder: not followed" };
      else yield { kind: "skip", origin: p, reason: "not a regular file" };
    } catch (err) {
      yield { kind: "skip", origin: p, reason: reasonOf(err) };
    }
  }
}

async function* fromStdin(opts: Options): AsyncGenerator<SourceItem> {
  // JSONL is streamed; anything else is read whole (within the size limit), decoded and sniffed.
  const { head, rest } = await peek(opts.stdin as AsyncIterable<unknown>);
  if (head.length === 0) return yield skip("stdin", "empty input");
  const start = decodeBytes(head.subarray(0, 4096)).text.trimStart();
  if (start.startsWith("{")) {
    for await (const { line, n, warning } of decodedLines(rest, opts.maxBytes)) {
      if (line instanceof IngestSkip) yield skip(`stdin:${n}`, line.message);
      else if (line.trim()) yield source({ type: "json", origin: `stdin:${n}`, line, ...warned(warning) });
    }
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of rest) {
    size += chunk.length;
    if (size > opts.maxBytes) return yield skip("stdin", `larger than the ${opts.maxBytes} byte limit`);
    chunks.push(chunk);
  }
  const { text, warning } = decodeBytes(Buffer.concat(chunks));
  yield* fromContent(text, "stdin", opts, "", warning);
}

export function resolveOptions(options: IngestOptions): Options {
  const o = {
    maxBytes: options.maxBytes ?? 10 * 2 ** 20,
    timeoutMs: options.timeoutMs ?? 15_000,
    feedDeadlineMs: options.feedDeadlineMs ?? 120_000,
    userAgent: options.userAgent ?? USER_AGENT,
    fetchFeedLinks: options.fetchFeedLinks ?? true,
    allowPrivate: options.allowPrivate ?? false,
    allowAddresses: options.allowAddresses ?? [],
    respectRobots: options.respectRobots ?? true,
    feedCache: options.feedCache,
    onNotice: options.onNotice,
    stdin: options.stdin ?? process.stdin,
    robots: null as RobotsCache | null,
  };
  if (o.respectRobots) o.robots = new RobotsCache({ timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, userAgent: o.userAgent, allowPrivate: o.allowPrivate, allowAddresses: o.allowAddresses });
  return o;
}

/**
 * The sources of some items of a feed already read (`parley watch` passes the ones it has not seen), exactly one per
 * item and in order. `deadline` is the one the feed was fetched under (default: `feedDeadlineMs` from now);
 * `warning` is the feed's decoding warning.
 */
export function feedItemSources(
  items: readonly FeedItem[],
  options: IngestOptions = {},
  extra: { deadline?: { signal: AbortSignal; reason: string }; warning?: Warning } = {},
): AsyncGenerator<SourceItem> {
  const opts = resolveOptions(options);
  return itemSources(items, opts, extra.deadline ?? feedDeadline(opts), extra.warning);
}

/** One document already in memory (an HTTP request body), read like a file: `hint` is its content type or file name. */
export function contentSources(text: string, origin: string, hint = "", options: IngestOptions = {}): AsyncGenerator<SourceItem> {
  return fromContent(text, origin, resolveOptions(options), hint);
}

/** Sources of all inputs, in order. Never throws for bad input. */
export async function* readSources(inputs: string[], options: IngestOptions = {}): AsyncGenerator<SourceItem> {
  const opts = resolveOptions(options);
  for (const input of inputs) {
    if (input === "-") {
      try {
        yield* fromStdin(opts);
      } catch (err) {
        yield skip("stdin", reasonOf(err));
      }
      continue;
    }
    if (/^https?:\/\//i.test(input)) {
      yield* fromUrl(input, opts);
      continue;
    }
    let st;
    try {
      st = await stat(input);
    } catch (err) {
      yield skip(input, reasonOf(err));
      continue;
    }
    if (!st.isDirectory()) {
      try {
        yield* fromFile(input, st.isFile() ? st.size : 1, opts);
      } catch (err) {
        yield skip(input, reasonOf(err));
      }
      continue;
    }
    let any = false;
    for await (const entry of walk(input)) {
      any = true;
      if (entry.kind === "skip") {
        yield skip(entry.origin, entry.reason);
        continue;
      }
      try {
        yield* fromFile(entry.path, entry.size, opts);
      } catch (err) {
        yield skip(entry.path, reasonOf(err));
      }
    }
    if (!any) yield skip(input, "empty directory");
  }
}
