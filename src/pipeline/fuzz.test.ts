/**
 * Property-based tests (fast-check): random and adversarial text, HTML, JSONL, feeds and bytes through the readers,
 * the extractor and every stage registered in STAGES (so new stages are covered once registered). For every input:
 * no crash (a skip with a reason, or a budget stop, is fine), bounded time, every offset inside `text` with its
 * `text` field equal to the slice it points at, the record valid against the schema, and its size bounded by a small
 * multiple of the text. Seeded (FUZZ_SEED to explore) and bounded in time, so CI stays fast and repeatable.
 */
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toArticle, type Source } from "../ingest/convert.js";
import { decodeBytes } from "../ingest/decode.js";
import { IngestSkip } from "../ingest/skip.js";
import { readSources } from "../ingest/sources.js";
import { validateRecord, type ArticleRecord } from "../record/schema.js";
import { BudgetExceeded, maxRecordChars } from "./budget.js";
import { createExtractor } from "./extractor.js";
import { STAGES } from "./stages.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Wall-clock budget of one property, after which fast-check stops (CI stays fast); and of one input. */
const PROPERTY_MS = 20_000;
const CASE_MS = 10_000;
const params = (numRuns: number) => ({ seed: SEED, numRuns, interruptAfterTimeLimit: PROPERTY_MS, markInterruptAsFailure: false });

const extractor = createExtractor();

/** Every {start, end} object under `value`, with where it is. */
function* spans(value: unknown, path: string): Generator<[string, { start: number; end: number; text?: unknown }]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* spans(value[i], `${path}[${i}]`);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const o = value as Record<string, unknown>;
  if (typeof o.start === "number" && typeof o.end === "number") yield [path, o as { start: number; end: number; text?: unknown }];
  for (const [k, v] of Object.entries(o)) if (typeof v === "object") yield* spans(v, `${path}.${k}`);
}

/** Runs one source through the readers, the extractor and every stage; checks what must hold for any input. */
async function check(source: Source): Promise<void> {
  const t0 = performance.now();
  const item = await toArticle(source);
  if (item.kind === "skip") {
    expect(item.reason).toMatch(/\S/);
    expect(item.reason).not.toContain("\n");
    return;
  }
  let record: ArticleRecord;
  try {
    record = extractor.annotate(extractor.build(item.article, {}));
  } catch (err) {
    if (err instanceof BudgetExceeded) return;
    throw err;
  }
  expect(performance.now() - t0).toBeLessThan(CASE_MS);
  validateRecord(record);
  const n = record.text.length;
  for (const [where, s] of spans(record, "record")) {
    if (where === "record") continue;
    expect(s.start, where).toBeGreaterThanOrEqual(0);
    expect(s.start, where).toBeLessThanOrEqual(s.end);
    expect(s.end, where).toBeLessThanOrEqual(n);
    if (typeof s.text === "string" && !where.includes(".removed")) expect(s.text, where).toBe(record.text.slice(s.start, s.end));
  }
  expect(JSON.stringify(record).length).toBeLessThanOrEqual(maxRecordChars(n, extractor.limits));
}

// Pieces of news text and of what breaks parsers: names, cues, quotes, dates, datelines, markup, odd characters.
const PIECES = [
  "Russia", "Japan", "Sergey Lavrov", "Kremlin Spokesman Dmitry Peskov", "said", "told reporters", "according to", "Kyodo",
  "the Treaty of Peace", "Joint Declaration", "Article 9", "on Monday", "last November", "in 1956", "May", "March", "2019-01-22",
  "January 22, 2019", "MOSCOW, November 16. /TASS/.", "TOKYO (Reuters) -", "WASHINGTON (AP) —", "(AFP) -", '"', "“", "”", "'", "‘",
  "’", ".", ",", ";", ":", "!", "?", "…", "-", "—", "(", ")", "[", "]", "/", "\\", "|", "U.S.", "Mr.", "Inc.", "A.", "e.g.",
  "Share", "All news", "Read more", "Advertisement", "Photo: Reuters", "By John Smith", "©2019", "http://a.b/c?d=e",
  "1", "12", "1,000", "3.5", "50%", "$4", "\n", "\n\n", "\t", "  ", "\r\n", "\u00a0", "\u200b", "\ufeff", "😀", "日本", "Москва",
  "مرحبا", "e\u0301", "\ud800", "\udfff", "\u0000", "\u001b[31m", "\u001b]0;x\u0007", "\u009b", "<b>", "</p>", "&amp;", "{", "}",
];
const piece = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 2, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) });
/** A long run of one piece: where quadratic regexes and scans show. */
const run = fc.tuple(fc.constantFrom(...PIECES, "A", "a", " ", "in May ", 'He said "', "Abc ", "1 ", "a-"), fc.integer({ min: 50, max: 4000 })).map(([p, k]) => p.repeat(k));
const text = fc.array(fc.oneof({ weight: 12, arbitrary: piece }, { weight: 1, arbitrary: run }), { maxLength: 300 }).map((xs) => xs.join(" "));

const TAGS = ["div", "p", "span", "b", "i", "a", "h1", "h2", "li", "ul", "blockquote", "table", "tr", "td", "article", "section", "nav", "header", "footer", "script", "style", "noscript", "figure", "figcaption", "pre", "br"];
const html: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.array(piece, { maxLength: 12 }).map((xs) => xs.join(" ").replace(/</g, "&lt;")),
    fc.tuple(fc.constantFrom(...TAGS), fc.array(tie("node"), { maxLength: 5 }), fc.boolean(), fc.constantFrom("", ' class="x"', ' id="main"', ' href="javascript:x"', " data-x='<>'", ' style="a:b"'))
      .map(([tag, kids, close, attr]) => `<${tag}${attr}>${kids.join("")}${close ? `</${tag}>` : ""}`),
  ),
})).node;
const deep = fc.tuple(fc.constantFrom("div", "span", "b", "blockquote", "li"), fc.integer({ min: 100, max: 3000 }), text).map(([t, k, inner]) => `<${t}>`.repeat(k) + `<p>${inner}</p>` + `</${t}>`.repeat(k));
const page = fc.oneof(
  { weight: 4, arbitrary: html },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 30 }), html).map(([title, body]) => `<!doctype html><html><head><title>${title}</title><meta property="og:title" content="${title.replace(/"/g, "")}"></head><body>${body}</body></html>`) },
  { weight: 1, arbitrary: deep },
);

const jsonLine = fc.oneof(
  fc.record({ id: fc.oneof(fc.string(), fc.integer()), title: text, text, published: fc.oneof(fc.constant("2019-02-30"), fc.constant("2019-01-22T10:00:00Z"), fc.string()) }, { requiredKeys: ["text"] }).map((o) => JSON.stringify(o)),
  fc.record({ html: page, url: fc.webUrl() }).map((o) => JSON.stringify(o)),
  fc.json(),
  fc.string(),
);

describe("fuzz: every input through every stage (fast-check)", () => {
  it("uses the registered stages", () => {
    expect(extractor.stages.map((s) => s.name)).toEqual(STAGES.map((make) => make({}).name));
  });

  it("plain text, random and adversarial", async () => {
    await fc.assert(fc.asyncProperty(text, (t) => check({ type: "text", origin: "fuzz", text: t })), params(150));
  });

  it("plain text with front matter", async () => {
    const fm = fc.tuple(fc.dictionary(fc.constantFrom("title", "published", "id", "url", "source", "language", "x"), fc.oneof(fc.string(), fc.integer(), fc.constant("[unclosed"), fc.constant("*alias"))), text);
    await fc.assert(
      fc.asyncProperty(fm, ([meta, body]) => check({ type: "text", origin: "fuzz", text: `---\n${Object.entries(meta).map(([k, v]) => `${k}: ${v}`).join("\n")}\n---\n${body}` })),
      params(60),
    );
  });

  it("HTML pages and fragments, deep nesting included", async () => {
    await fc.assert(fc.asyncProperty(page, (h) => check({ type: "html", origin: "fuzz", html: h })), params(100));
  });

  it("feed item content", async () => {
    await fc.assert(fc.asyncProperty(page, (h) => check({ type: "feed-item", origin: "fuzz", html: h, title: "t" })), params(50));
  });

  it("JSONL lines, valid and broken, read from a stream", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jsonLine, { maxLength: 8 }), async (lines) => {
        for await (const item of readSources(["-"], { stdin: Readable.from([Buffer.from(lines.join("\n"))]) })) {
          if (item.kind === "skip") expect(item.reason).not.toContain("\n");
          else await check(item.source);
        }
      }),
      params(60),
    );
  });

  it("feeds, valid and broken", async () => {
    const feed = fc.array(fc.record({ title: fc.string({ maxLength: 20 }), body: page, type: fc.constantFrom("html", "xhtml", "text") }), { maxLength: 4 }).map(
      (items) =>
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>${items
          .map((it, i) => `<entry><id>${i}</id><title>${it.title.replace(/[<&]/g, "")}</title><content type="${it.type}">${it.type === "xhtml" ? `<div>${it.body}</div>` : it.body.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</content></entry>`)
          .join("")}</feed>`,
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(feed, fc.string().map((s) => `<rss>${s}`)), async (xml) => {
        for await (const item of readSources(["-"], { stdin: Readable.from([Buffer.from(xml)]), fetchFeedLinks: false })) {
          if (item.kind === "skip") expect(item.reason).not.toContain("\n");
          else await check(item.source);
        }
      }),
      params(40),
    );
  });

  it("raw bytes: decoded or refused with a reason, never thrown otherwise", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        try {
          expect(typeof decodeBytes(bytes).text).toBe("string");
        } catch (err) {
          expect(err).toBeInstanceOf(IngestSkip);
        }
      }),
      params(300),
    );
  });
});
