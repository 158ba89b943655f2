/**
 * RSS 2.0 / Atom / RDF feeds through @extractus/feed-extractor. An item whose own content is full text (at least
 * FULL_TEXT_WORDS words) is read from the feed; otherwise its link is fetched as a page, when allowed.
 */
import { extractFromXml, type FeedEntry } from "@extractus/feed-extractor";
import type { RawArticle } from "../pipeline/types.js";
import { blockTexts } from "./html.js";
import { IngestSkip } from "./skip.js";

export const FULL_TEXT_WORDS = 150;

export interface FeedItem {
  origin: string;
  /** The article from the item's own content, when it is full text. */
  article?: RawArticle;
  /** The page to fetch instead. */
  link?: string;
  title?: string;
  published?: string;
}

const contentOf = (e: Record<string, unknown>): string => {
  // RSS content:encoded, Atom content (string or {#text}), then the description.
  const c = e["content:encoded"] ?? e["content"] ?? e["description"] ?? e["summary"];
  if (typeof c === "string") return c;
  if (c && typeof c === "object" && typeof (c as Record<string, unknown>)["#text"] === "string") return (c as Record<string, string>)["#text"]!;
  return "";
};

export function looksLikeFeed(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)\b/i.test(text);
}

export function feedItems(xml: string, origin: string): FeedItem[] {
  let entries: FeedEntry[];
  try {
    const data = extractFromXml(xml, {
      descriptionMaxLen: 0,
      getExtraEntryFields: (raw) => ({ content: contentOf(raw) }),
    });
    entries = data.entries ?? [];
  } catch (err) {
    throw new IngestSkip(`invalid feed XML: ${(err as Error).message.split("\n")[0]}`);
  }
  return entries.map((e, i) => {
    const origin_ = `${origin}#item${i + 1}`;
    const item: FeedItem = { origin: origin_ };
    if (e.link) item.link = e.link;
    if (e.title) item.title = e.title;
    if (e.published) item.published = e.published;
    const html = typeof e["content"] === "string" && e["content"] ? e["content"] : (e.description ?? "");
    const paragraphs = html ? blockTexts(html) : [];
    const words = paragraphs.join(" ").split(/\s+/).filter(Boolean).length;
    if (words >= FULL_TEXT_WORDS) {
      const article: RawArticle = { origin: origin_, format: "feed", paragraphs };
      if (e.title) article.title = e.title;
      if (e.link) article.url = e.link;
      if (e.published) article.published = e.published;
      item.article = article;
    }
    return item;
  });
}
