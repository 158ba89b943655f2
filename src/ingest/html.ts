/**
 * HTML pages: the main text by @mozilla/readability on a linkedom document (fast, no browser), split into paragraphs
 * at block elements; title, publication date, canonical URL and language from the page's meta tags and JSON-LD.
 * Fragments without <html>/<body> (a pasted article body, a JSONL `html` field) are read as the body of a page.
 * Script, style and similar elements never give text. A page nested deeper than MAX_DEPTH elements is read without
 * Readability (whose scoring walks every ancestor of every node and takes minutes on such pages), with a warning.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { RawArticle } from "../pipeline/types.js";
import type { Warning } from "../record/schema.js";
import { IngestSkip } from "./skip.js";

type Doc = ReturnType<typeof parseHTML>["document"];
type El = NonNullable<Doc["body"]>;

const BLOCK_TAGS = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BLOCKQUOTE", "PRE", "TD", "DD", "FIGCAPTION"]);
/** Elements whose text is never article text. */
const NO_TEXT = "script, style, noscript, template, iframe, object, embed, svg, canvas, select, button";
/** Page chrome dropped when Readability is not used. */
const CHROME = "nav, header, footer, aside, form";
export const MAX_DEPTH = 120;

function meta(doc: Doc, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const el = doc.querySelector(`meta[property="${k}"], meta[name="${k}"], meta[itemprop="${k}"]`);
    const v = el?.getAttribute("content")?.trim();
    if (v) return v;
  }
  return undefined;
}

function jsonLd(doc: Doc, key: string): string | undefined {
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const data: unknown = JSON.parse(s.textContent ?? "");
      const items = Array.isArray(data) ? data : [data, ...(((data as { "@graph"?: unknown[] })?.["@graph"]) ?? [])];
      for (const item of items) {
        const v = (item as Record<string, unknown> | null)?.[key];
        if (typeof v === "string" && v) return v;
      }
    } catch {
      // Broken JSON-LD is common and harmless: the meta tags still give what they give.
    }
  }
  return undefined;
}

const clean = (s: string) => s.replace(/\s+/g, " ").trim();

/** Parses HTML as a page; a fragment (no <html> or <body> element) becomes the body of one. */
function parsePage(html: string): Doc {
  const head = html.slice(0, 4096);
  const whole = /<html[\s>]/i.test(head) || /<body[\s>]/i.test(html);
  const { document } = parseHTML(whole ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  return document;
}

/** Depth of the element tree under `root`, walked without recursion (a deep page must not overflow the stack). */
function depthOf(root: El): number {
  let max = 0;
  const stack: [El, number][] = [[root, 1]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > max) max = d;
    for (let c = el.firstElementChild as El | null; c; c = c.nextElementSibling as El | null) stack.push([c, d + 1]);
  }
  return max;
}

/** Innermost block elements under `root`, in document order, found in one walk (no per-element subtree search). */
function innermostBlocks(root: El): El[] {
  const out: El[] = [];
  // Post-order walk: an element is innermost when it is a block and no descendant is.
  const stack: { el: El; child: El | null; hasBlock: boolean }[] = [{ el: root, child: root.firstElementChild as El | null, hasBlock: false }];
  const collected: El[][] = [[]];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.child) {
      const c = top.child;
      top.child = c.nextElementSibling as El | null;
      stack.push({ el: c, child: c.firstElementChild as El | null, hasBlock: false });
      collected.push([]);
      continue;
    }
    stack.pop();
    const mine = collected.pop()!;
    const isBlock = BLOCK_TAGS.has(top.el.tagName);
    const parent = stack[stack.length - 1];
    const list = isBlock && !top.hasBlock ? [top.el] : mine;
    if (parent) {
      if (isBlock || top.hasBlock) parent.hasBlock = true;
      const into = collected[collected.length - 1]!;
      for (const x of list) into.push(x);
    } else out.push(...list);
  }
  return out;
}

function removeAll(root: Doc | El, selector: string): void {
  for (const el of [...root.querySelectorAll(selector)]) el.remove();
}

/** Paragraph texts of a body element: the innermost block elements, or the whole text when it has none. */
function bodyTexts(body: El): string[] {
  removeAll(body, NO_TEXT);
  const blocks = innermostBlocks(body);
  const texts = (blocks.length ? blocks.map((b) => b.textContent ?? "") : (body.textContent ?? "").split(/\n\s*\n/)).map(clean);
  return texts.filter(Boolean);
}

/** Paragraph texts of an HTML fragment (feed item content, Readability's output). */
export function blockTexts(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document.body ? bodyTexts(document.body as El) : [];
}

export function htmlArticle(html: string, origin: string, fetchedUrl?: string): RawArticle {
  const document = parsePage(html);
  if (!document.documentElement || !document.body) throw new IngestSkip("not an article: unreadable HTML");
  const url =
    document.querySelector('link[rel="canonical"]')?.getAttribute("href")?.trim() || meta(document, "og:url") || fetchedUrl;
  const published =
    meta(document, "article:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date", "DC.date.issued", "sailthru.date") ??
    jsonLd(document, "datePublished") ??
    document.querySelector("time[datetime]")?.getAttribute("datetime") ??
    undefined;
  const lang = document.documentElement.getAttribute("lang")?.trim() || meta(document, "og:locale");
  const metaTitle = meta(document, "og:title", "twitter:title") ?? clean(document.querySelector("title")?.textContent ?? "");
  const source = meta(document, "og:site_name", "application-name");
  const warnings: Warning[] = [];

  // Readability mutates the document, so the meta tags are read first.
  let paragraphs: string[];
  let parsedTitle: string | undefined;
  const depth = depthOf(document.body as El);
  if (depth > MAX_DEPTH) {
    warnings.push({ code: "html-too-deep", message: `page nested ${depth} elements deep; main text taken without Readability` });
    removeAll(document, CHROME);
    paragraphs = bodyTexts(document.body as El);
  } else {
    const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
    parsedTitle = parsed?.title ?? undefined;
    if (parsed?.content) paragraphs = blockTexts(parsed.content);
    else {
      removeAll(document, CHROME);
      paragraphs = document.body ? bodyTexts(document.body as El) : [];
    }
  }
  if (paragraphs.length === 0) throw new IngestSkip("not an article: no readable text in the HTML");
  const title = clean(metaTitle || parsedTitle || "") || undefined;
  const article: RawArticle = { origin, format: "html", paragraphs };
  if (title) {
    article.title = title;
    // Pages often repeat the headline as the first heading of the article body.
    if (paragraphs[0] === title) paragraphs.shift();
  }
  if (url) article.url = url;
  if (published) article.published = published;
  if (lang) article.language = lang.slice(0, 2).toLowerCase();
  if (source) article.source = source;
  if (warnings.length) article.warnings = warnings;
  return article;
}
