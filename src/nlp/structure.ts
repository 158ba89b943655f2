/**
 * Builds the record's one `text` and its structure from what a reader found: headline, standfirst, dateline, body
 * paragraphs; page debris removed and recorded. Layout of `text` (documented in the README):
 *
 *   headline "\n\n" standfirst "\n\n" paragraph "\n\n" paragraph …
 *
 * (headline and standfirst only when present). The dateline ("MOSCOW, November 16. /TASS/.") stays at the start of
 * its body paragraph; `dateline.start/end` point at it. Paragraph text is kept character for character; only
 * whitespace at paragraph edges is trimmed and blank lines become the single "\n\n" separator. Every piece of page
 * debris dropped (data/structure/debris.yaml) is listed in `removed` with the offset where it stood.
 */
import { createHash } from "node:crypto";
import { SCHEMA_VERSION, type ArticleRecord, type Removed, type Span, type Warning } from "../record/schema.js";
import type { ExtractOptions, RawArticle } from "../pipeline/types.js";
import { AGENCIES, LINE_DEBRIS, PREFIX_DEBRIS, SUFFIX_DEBRIS } from "./structure/data.js";
import { parseDateline, type ParsedDateline } from "./structure/dateline.js";
import { chooseHead, type HeadChoice } from "./structure/headline.js";
import { pageDate } from "./structure/page-date.js";
import { resolvePublished } from "./structure/published.js";

interface Para {
  text: string;
  /** Debris removed before this paragraph (start is filled in once offsets are known). */
  removedBefore: Removed[];
  removedAfter: Removed[];
}

/** Splits plain text into paragraphs: blank lines separate; single newlines too, unless the block is hard-wrapped. */
export function splitParagraphs(text: string): string[] {
  const out: string[] = [];
  for (const block of text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/)) {
    const lines = block.split("\n").map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) continue;
    // Hard-wrapped prose: several lines of similar length that mostly don't end a sentence.
    const wrapped = lines.length >= 3 && lines.slice(0, -1).filter((l) => l.length >= 50 && !/[.!?"”:]$/.test(l)).length >= (lines.length - 1) * 0.7;
    if (wrapped) out.push(lines.join(" "));
    // One push per line: spreading a block of 130k lines as arguments overflows the call stack.
    else for (const l of lines) out.push(l);
  }
  return out;
}

/** `maybeHeadline`: the first line may be the headline (no title given apart), so `notFirst` rules skip it. */
function cleanParagraphs(texts: string[], maybeHeadline: boolean): Para[] {
  const paras: Para[] = [];
  let pending: Removed[] = [];
  texts.forEach((raw, index) => {
    let text = raw.trim();
    if (!text) return;
    const line = LINE_DEBRIS.find((r) => !(r.notFirst && maybeHeadline && index === 0) && r.re.test(text));
    if (line) {
      pending.push({ text, reason: line.reason });
      return;
    }
    const before: Removed[] = [];
    for (const r of PREFIX_DEBRIS) {
      const m = r.re.exec(text);
      if (m) {
        before.push({ text: m[0], reason: r.reason });
        text = text.slice(m[0].length);
      }
    }
    const after: Removed[] = [];
    // Several pieces can be glued on in a row ("…talks.Share All news"): strip from the end until none is left.
    for (let found = true; found; ) {
      found = false;
      for (const r of SUFFIX_DEBRIS) {
        const m = r.re.exec(text);
        if (m) {
          after.unshift({ text: m[0].trim(), reason: r.reason });
          text = text.slice(0, m.index).trimEnd();
          found = true;
        }
      }
    }
    if (!text) return;
    paras.push({ text, removedBefore: [...pending, ...before], removedAfter: after });
    pending = [];
  });
  const last = paras[paras.length - 1];
  if (last) last.removedAfter.push(...pending);
  else if (pending.length) paras.push({ text: "", removedBefore: pending, removedAfter: [] });
  return paras;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
/** A headline: short, and not ending like a sentence (a final "." possibly inside closing quotes). */
const looksLikeHeadline = (p: string) => p.length <= 200 && !/\.["”’)]?$/.test(p);
/** Title case ("Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton."): most longer words capitalised. */
function titleCase(p: string): boolean {
  if (p.length > 150) return false;
  const words = p.split(/\s+/).filter((w) => w.length >= 4);
  return words.length >= 3 && words.filter((w) => /^[\p{Lu}\d“"‘']/u.test(w)).length >= words.length * 0.7;
}
/** The first line is the headline: headline-shaped, or a title-case or short line right before the dateline. */
const isHeadline = (paras: Para[]) =>
  paras.length > 1 &&
  !parseDateline(paras[0]!.text) &&
  (looksLikeHeadline(paras[0]!.text) || titleCase(paras[0]!.text) || (paras[0]!.text.length <= 200 && parseDateline(paras[1]!.text) !== null));

/** The page title without a site name after a bar or dash ("Talks resume | Reuters"), when the name is known. */
function stripSiteName(title: string, source: string | undefined): string {
  // The last separator with spaces around it, found by scanning (a regex with a lazy prefix and \s+ around the bar
  // backtracks over every split point: quadratic on long runs of spaces).
  const m = /^(.*\S)\s+[|–—-]\s+([^|–—]{2,40})$/.exec(title.length > 400 ? "" : title);
  if (!m || m[1]!.length < 10) return title;
  const site = m[2]!.trim().toLowerCase();
  const known = AGENCIES.has(site) || site === source?.toLowerCase() || /\.\w{2,4}$/.test(site) || /\b(news|times|post|agency)\b/.test(site);
  return known ? m[1]! : title;
}

/**
 * Takes the chosen headline and standfirst out of `paras` (in place) and drops the other head lines, each kept in
 * `removed` where it stood: before the headline, between headline and standfirst, or before the first body line.
 */
function takeHead(paras: Para[], head: HeadChoice): { headline: Para; standfirst: Para | null } {
  const lines = paras.splice(0, head.bodyStart);
  const headline = lines[head.title!]!;
  if (head.titleText) headline.text = head.titleText;
  const standfirst = head.standfirst !== null ? lines[head.standfirst]! : null;
  const pending: Removed[] = [];
  lines.forEach((p, i) => {
    if (p === headline || p === standfirst) {
      p.removedBefore.unshift(...pending.splice(0));
      return;
    }
    pending.push(...p.removedBefore, { text: p.text, reason: head.furniture.get(i) ?? "page-furniture" }, ...p.removedAfter);
  });
  if (pending.length) {
    const first = paras[0];
    if (first) first.removedBefore.unshift(...pending);
    else (standfirst ?? headline).removedAfter.push(...pending);
  }
  return { headline, standfirst };
}

export function buildDocument(raw: RawArticle, options: ExtractOptions): ArticleRecord {
  const warnings: Warning[] = [...(raw.warnings ?? [])];
  const sourceText = raw.paragraphs ? raw.paragraphs.flatMap((p) => p.split(/\n[ \t]*\n/)) : splitParagraphs(raw.text ?? "");
  const paras = cleanParagraphs(sourceText, !raw.title).filter((p, i, all) => p.text || all.length === 1);

  // Headline: the page title (as the first line or given apart); for a text with a head of several lines (a page
  // saved as text), the headline among its furniture; else a short first line without a final stop.
  const title = raw.title ? stripSiteName(raw.title.trim(), options.source ?? raw.source) : undefined;
  let headline: Para | null = null;
  let chosenStandfirst: Para | null = null;
  const head = title ? null : chooseHead(paras.map((p) => p.text), options.source ?? raw.source);
  if (head && head.title !== null) {
    ({ headline, standfirst: chosenStandfirst } = takeHead(paras, head));
  } else if (title && paras[0] && (norm(paras[0].text) === norm(title) || norm(raw.title!) === norm(paras[0].text))) headline = paras.shift()!;
  else if (!title && isHeadline(paras)) headline = paras.shift()!;
  if (!headline && title) headline = { text: title, removedBefore: [], removedAfter: [] };

  // Standfirst: the paragraph between headline and dateline (TASS's subtitle line), or a short unstopped second line.
  const datelineAhead = paras.findIndex((p, i) => i < 4 && parseDateline(p.text) !== null);
  let standfirst: Para | null = null;
  const standfirstText = raw.standfirst?.trim();
  if (chosenStandfirst) standfirst = chosenStandfirst;
  else if (head && head.title !== null) standfirst = null;
  else if (standfirstText && paras[0] && norm(paras[0].text) === norm(standfirstText)) standfirst = paras.shift()!;
  else if (standfirstText) standfirst = { text: standfirstText, removedBefore: [], removedAfter: [] };
  else if (
    headline &&
    paras.length > 1 &&
    ((datelineAhead >= 1 && paras[0]!.text.length <= 400) || (datelineAhead < 0 && looksLikeHeadline(paras[0]!.text) && paras[0]!.text.length > 60))
  )
    standfirst = paras.shift()!;

  // Assemble text and spans.
  const removed: Removed[] = [...(raw.removed ?? [])];
  let text = "";
  const place = (p: Para | null): Span | null => {
    if (!p) return null;
    if (text && p.text) text += "\n\n";
    for (const r of p.removedBefore) removed.push({ ...r, start: text.length });
    const start = text.length;
    text += p.text;
    for (const r of p.removedAfter) removed.push({ ...r, start: text.length });
    return { start, end: text.length };
  };
  const headlineSpan = place(headline);
  const standfirstSpan = place(standfirst);
  const paragraphs = paras.map((p) => place(p)!).filter((s) => s.end > s.start);
  const body: Span = paragraphs.length ? { start: paragraphs[0]!.start, end: text.length } : { start: text.length, end: text.length };

  const datelineAt = paragraphs.findIndex((p, i) => i < 4 && parseDateline(text.slice(p.start, p.end)) !== null);
  const datelinePara = datelineAt >= 0 ? paragraphs[datelineAt]! : null;
  const parsed: ParsedDateline | null = datelinePara ? parseDateline(text.slice(datelinePara.start, datelinePara.end)) : null;
  const url = options.url ?? raw.url ?? null;
  // The page's own date line: furniture dropped from the head, or a timestamp among the first body paragraphs (a
  // page whose standfirst and byline read as body puts it there).
  const leadEnd = paragraphs[3]?.start ?? body.end;
  const headLines = removed
    .filter((r) => ((r.start ?? 0) <= body.start && r.reason !== "caption" && r.reason !== "photo-credit") || (r.reason === "timestamp" && (r.start ?? 0) <= leadEnd))
    .map((r) => r.text);
  const dates = resolvePublished(options.published, raw.published, parsed, url ?? undefined, pageDate(headLines));
  warnings.push(...dates.warnings);

  // Identity: the content hash from the reader (or of the text); the record hash adds what the caller set, so the
  // same article read with another --published date is a new version, not "unchanged".
  const contentHash = raw.hash ?? createHash("sha256").update(sourceText.join("\n\n")).update("\u0000" + (raw.title ?? "")).digest("hex");
  const source = options.source ?? raw.source ?? parsed?.agency ?? null;
  const hash = createHash("sha256")
    .update([contentHash, dates.published, source, url, raw.id, raw.language].join("\u0000"))
    .digest("hex");
  const id = raw.id ?? (url ? `u${createHash("sha256").update(url).digest("hex").slice(0, 15)}` : contentHash.slice(0, 16));

  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    hash,
    url,
    source,
    title: headlineSpan ? text.slice(headlineSpan.start, headlineSpan.end) : null,
    standfirst: standfirstSpan ? text.slice(standfirstSpan.start, standfirstSpan.end) : null,
    published: dates.published,
    publishedFrom: dates.publishedFrom,
    language: raw.language ?? null,
    dateline:
      parsed && datelinePara
        ? { place: parsed.place, date: dates.datelineDate, agency: parsed.agency, start: datelinePara.start, end: datelinePara.start + parsed.length }
        : null,
    origin: raw.origin,
    text,
    structure: { headline: headlineSpan, standfirst: standfirstSpan, body, paragraphs },
    removed,
    warnings,
    sentences: [],
    entities: [],
    times: [],
    quotes: [],
    events: [],
  };
}
