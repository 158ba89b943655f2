/**
 * RSS 2.0 / Atom / RDF feeds through @extractus/feed-extractor. An item whose own content is full text (at least
 * FULL_TEXT_WORDS words) is read from the feed; otherwise its link is fetched as a page, when allowed. Atom content
 * of `type="xhtml"` (inline XHTML, which the XML parser would break into objects) is passed on as HTML.
 */
import { createHash } from "node:crypto";
import type { FeedEntry } from "@extractus/feed-extractor";
import { IngestSkip } from "./skip.js";

export const FULL_TEXT_WORDS = 150;

export interface FeedItem {
  origin: string;
  /**
   * What the item is known by from one read of the feed to the next: its RSS guid or Atom id, else its link, else a
   * hash of its title, date and content. `parley watch` keeps the keys it has read.
   */
  key: string;
  /** The item's own content (HTML), when it is full text. */
  html?: string;
  /** The page to fetch instead. */
  link?: string;
  /** Content too short to be full text (a summary), kept for an item with no link: it is then all there is. */
  summary?: string;
  title?: string;
  published?: string;
}

/** A string, or the text of a parsed element with attributes ({#text}); else "". */
const textOf = (c: unknown): string => {
  if (typeof c === "string") return c;
  if (typeof c === "number") return String(c);
  if (c && typeof c === "object" && typeof (c as Record<string, unknown>)["#text"] === "string") return (c as Record<string, string>)["#text"]!;
  return "";
};

// RSS content:encoded, Atom content (string or {#text}), then the description.
const contentOf = (e: Record<string, unknown>): string => textOf(e["content:encoded"] ?? e["content"] ?? e["description"] ?? e["summary"]);

/** Where a doctype ends: at its `>`, or at `]>` when it has an internal subset (whose declarations hold `>`). */
function doctypeEnd(text: string, i: number): number {
  const close = text.indexOf(">", i);
  const subset = text.indexOf("[", i);
  if (subset < 0 || close < subset) return close;
  const end = /\]\s*>/g;
  end.lastIndex = subset;
  const m = end.exec(text);
  return m ? m.index + m[0].length - 1 : -1;
}

/** True when the first element, after an XML declaration, comments and a doctype, is <rss>, <feed> or <rdf:RDF>. */
export function looksLikeFeed(text: string): boolean {
  let i = 0;
  for (let guard = 0; guard < 100; guard++) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const end = text.startsWith("<?", i) ? text.indexOf("?>", i) : text.startsWith("<!--", i) ? text.indexOf("-->", i) : text.startsWith("<!", i) ? doctypeEnd(text, i) : -2;
    if (end === -2) break;
    if (end < 0) return false;
    i = end + (text.startsWith("<!--", i) ? 3 : text.startsWith("<?", i) ? 2 : 1);
  }
  return /^<(?:rss|feed|rdf:RDF)\b/i.test(text.slice(i, i + 16));
}

/**
 * Rewrites Atom `<content type="xhtml">…</content>` (and summary) as `type="html"` with the markup in CDATA, so the
 * parser hands it over as one HTML string. Found by indexOf, so the cost is linear in the feed's size.
 */
export function xhtmlAsHtml(xml: string): string {
  const open = /<((?:[\w-]+:)?(?:content|summary))\b([^<>]*?)\btype\s*=\s*["']xhtml["']([^<>]*)>/gi;
  let out = "";
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(xml)) !== null) {
    const close = `</${m[1]}>`;
    const end = xml.indexOf(close, open.lastIndex);
    if (end < 0) break;
    const inner = xml.slice(open.lastIndex, end).replaceAll("]]>", "]]]]><![CDATA[>");
    out += `${xml.slice(from, m.index)}<${m[1]}${m[2]}type="html"${m[3]}><![CDATA[${inner}]]>${close}`;
    from = end + close.length;
    open.lastIndex = from;
  }
  return out + xml.slice(from);
}

/** Words of an HTML fragment, roughly: tags and script/style bodies left out. Linear (indexOf, no backtracking). */
export function roughWords(html: string): number {
  let text = "";
  let i = 0;
  const lower = html.toLowerCase();
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt) + " ";
    const skipTo = lower.startsWith("<script", lt) ? lower.indexOf("</script", lt) : lower.startsWith("<style", lt) ? lower.indexOf("</style", lt) : lt;
    const gt = html.indexOf(">", skipTo < 0 ? lt : skipTo);
    if (gt < 0 || skipTo < 0) break;
    i = gt + 1;
  }
  // Entities such as &nbsp; separate words too.
  return text.replace(/&[#\w]{1,10};/g, " ").split(/\s+/).filter(Boolean).length;
}

export async function feedItems(xml: string, origin: string): Promise<FeedItem[]> {
  let entries: FeedEntry[];
  // Loaded when a feed is read, not at start-up.
  const { extractFromXml } = await import("@extractus/feed-extractor");
  // Entities a feed declares itself (in its doctype, before the root element) can expand a few bytes into gigabytes
  // ("billion laughs"); no real feed needs them. An item's text that mentions "<!ENTITY" is not a declaration.
  const root = xml.search(/<(?:rss|feed|rdf:RDF)\b/i);
  if (/<!ENTITY\b/i.test(root >= 0 ? xml.slice(0, root) : xml)) throw new IngestSkip("feed declares its own XML entities (<!ENTITY>): refused, they can expand without bound");
  try {
    const data = extractFromXml(xhtmlAsHtml(xml), {
      descriptionMaxLen: 0,
      // The raw guid / Atom id: the parser's own `id` falls back to a hash of link and date, which we do not want as a key.
      getExtraEntryFields: (raw) => ({ content: contentOf(raw), guid: textOf(raw["guid"] ?? raw["id"]).trim() }),
    });
    entries = data.entries ?? [];
  } catch (err) {
    throw new IngestSkip(`invalid feed XML: ${(err as Error).message.split("\n")[0]}`);
  }
  return entries.map((e, i) => {
    const html = typeof e["content"] === "string" && e["content"] ? e["content"] : (e.description ?? "");
    const guid = typeof e["guid"] === "string" ? e["guid"] : "";
    const key = guid || e.link || `sha256:${createHash("sha256").update([e.title ?? "", e.published ?? "", html].join("\u0000")).digest("hex")}`;
    const item: FeedItem = { origin: `${origin}#item${i + 1}`, key };
    if (e.link) item.link = e.link;
    if (e.title) item.title = e.title;
    if (e.published) item.published = e.published;
    if (html && roughWords(html) >= FULL_TEXT_WORDS) item.html = html;
    else if (html.trim()) item.summary = html;
    return item;
  });
}
