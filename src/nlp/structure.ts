/**
 * Builds the record's one `text` and its structure from what a reader found: headline, standfirst, dateline, body
 * paragraphs; page debris removed and recorded. Layout of `text` (documented in the README):
 *
 *   headline "\n\n" standfirst "\n\n" paragraph "\n\n" paragraph …
 *
 * (headline and standfirst only when present). The dateline stays at the start of the first body paragraph.
 * Paragraph text is kept character for character; only whitespace at paragraph edges is trimmed.
 */
import { createHash } from "node:crypto";
import { SCHEMA_VERSION, type ArticleRecord, type Removed, type Span, type Warning } from "../record/schema.js";
import type { ExtractOptions, RawArticle } from "../pipeline/types.js";
import { LINE_DEBRIS, SUFFIX_DEBRIS } from "./structure/data.js";
import { parseDateline, type ParsedDateline } from "./structure/dateline.js";
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
    else out.push(...lines);
  }
  return out;
}

function cleanParagraphs(texts: string[], dropped: Removed[]): Para[] {
  const paras: Para[] = [];
  let pending: Removed[] = [...dropped];
  for (const raw of texts) {
    let text = raw.trim();
    const line = LINE_DEBRIS.find((r) => r.re.test(text));
    if (line) {
      pending.push({ text, reason: line.reason });
      continue;
    }
    const after: Removed[] = [];
    for (const r of SUFFIX_DEBRIS) {
      const m = r.re.exec(text);
      if (m) {
        after.push({ text: m[0].trim(), reason: r.reason });
        text = text.slice(0, m.index).trimEnd();
      }
    }
    if (!text) continue;
    paras.push({ text, removedBefore: pending, removedAfter: after });
    pending = [];
  }
  const last = paras[paras.length - 1];
  if (last) last.removedAfter.push(...pending);
  return paras;
}

const looksLikeHeadline = (p: string) => p.length <= 200 && !/[.]$/.test(p);

export function buildDocument(raw: RawArticle, options: ExtractOptions): ArticleRecord {
  const warnings: Warning[] = [...(raw.warnings ?? [])];
  const paras = cleanParagraphs(raw.paragraphs ?? splitParagraphs(raw.text ?? ""), raw.removed ?? []);

  // The dateline paragraph opens the body; what stands before it is headline and standfirst.
  let datelineAt = paras.findIndex((p, i) => i < 4 && parseDateline(p.text) !== null);
  let headline: Para | null = null;
  let standfirst: Para | null = null;
  const title = raw.title?.trim();
  if (title && paras[0]?.text === title) headline = paras.shift()!;
  else if (!title && paras.length > 1 && looksLikeHeadline(paras[0]!.text) && datelineAt !== 0) headline = paras.shift()!;
  if (headline && datelineAt > 0) datelineAt--;
  const standfirstText = raw.standfirst?.trim();
  if (standfirstText && paras[0]?.text === standfirstText) standfirst = paras.shift()!;
  else if (!standfirstText && paras.length > 1 && (datelineAt === 1 || (datelineAt < 0 && headline && looksLikeHeadline(paras[0]!.text) && paras[0]!.text.length > 60)))
    standfirst = paras.shift()!;

  // Assemble text and spans.
  const removed: Removed[] = [];
  let text = "";
  const place = (p: Para | null): Span | null => {
    if (!p) return null;
    if (text) text += "\n\n";
    for (const r of p.removedBefore) removed.push({ ...r, start: text.length });
    const start = text.length;
    text += p.text;
    for (const r of p.removedAfter) removed.push({ ...r, start: text.length });
    return { start, end: text.length };
  };
  const headlineSpan = title && !headline ? place({ text: title, removedBefore: [], removedAfter: [] }) : place(headline);
  const standfirstSpan = standfirstText && !standfirst ? place({ text: standfirstText, removedBefore: [], removedAfter: [] }) : place(standfirst);
  const paragraphs = paras.map((p) => place(p)!);
  const body: Span = paragraphs.length ? { start: paragraphs[0]!.start, end: text.length } : { start: text.length, end: text.length };

  const parsed: ParsedDateline | null = paragraphs.length ? parseDateline(text.slice(body.start, paragraphs[0]!.end)) : null;
  const { published, publishedFrom, datelineDate, warning } = resolvePublished(
    options.published,
    raw.published,
    parsed,
    options.url ?? raw.url,
  );
  if (warning) warnings.push(warning);

  const url = options.url ?? raw.url ?? null;
  const contentHash = raw.hash ?? createHash("sha256").update(raw.paragraphs?.join("\n\n") ?? raw.text ?? "").digest("hex");
  const hash = createHash("sha256")
    .update([contentHash, published, options.source ?? raw.source, url, raw.id].join("\u0000"))
    .digest("hex");
  const id = raw.id ?? (url ? `u${createHash("sha256").update(url).digest("hex").slice(0, 15)}` : hash.slice(0, 16));

  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    hash,
    url,
    source: options.source ?? raw.source ?? parsed?.agency ?? null,
    title: headlineSpan ? text.slice(headlineSpan.start, headlineSpan.end) : null,
    standfirst: standfirstSpan ? text.slice(standfirstSpan.start, standfirstSpan.end) : null,
    published,
    publishedFrom,
    language: raw.language ?? null,
    dateline: parsed
      ? { place: parsed.place, date: datelineDate, agency: parsed.agency, start: body.start, end: body.start + parsed.length }
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
