/**
 * HTML pages: the main text by @mozilla/readability on a linkedom document (fast, no browser), split into paragraphs
 * at block elements; title, publication date, canonical URL and language from the page's meta tags and JSON-LD.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { RawArticle } from "../pipeline/types.js";
import { IngestSkip } from "./skip.js";

type Doc = ReturnType<typeof parseHTML>["document"];

const BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, dd, figcaption";

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

/** Paragraph texts of an HTML fragment: the innermost block elements, or the whole text when it has none. */
export function blockTexts(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = [...document.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
  const texts = (blocks.length ? blocks.map((b) => b.textContent ?? "") : (document.body?.textContent ?? "").split(/\n\s*\n/)).map(clean);
  return texts.filter(Boolean);
}

export function htmlArticle(html: string, origin: string, fetchedUrl?: string): RawArticle {
  const { document } = parseHTML(html);
  if (!document.documentElement) throw new IngestSkip("not an article: unreadable HTML");
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

  // Readability mutates the document, so the meta tags are read first.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
  const paragraphs = parsed?.content ? blockTexts(parsed.content) : blockTexts(document.body?.innerHTML ?? "");
  if (paragraphs.length === 0) throw new IngestSkip("not an article: no readable text in the HTML");
  const title = clean(metaTitle || parsed?.title || "") || undefined;
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
  return article;
}
