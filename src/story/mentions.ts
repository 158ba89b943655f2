/**
 * An article's contribution to its story's events: one mention per coded event, plus one per dated document it names
 * ("the Joint Declaration of October 19, 1956" tells when the declaration was made; such a mention only ever
 * corroborates an event another mention already gives, it never starts one). Each mention keeps what merging needs
 * (type, date, parties, place, documents, trigger) so a story's events can be rebuilt from its mentions alone,
 * without reading the articles again.
 */
import { stemmer } from "stemmer";
import type { ArticleRecord, Event } from "../record/schema.js";
import { normName } from "./features.js";
import type { StoryEvent, StoryEventLocation, StoryMention } from "./types.js";

/** A mention with the coding a story event is merged from (party codes with empty codes dropped). */
export interface MentionInput
  extends StoryMention, Pick<StoryEvent, "type" | "mode" | "context" | "cameo" | "quadClass" | "score" | "actors" | "recipients" | "location"> {
  /** Normalised names of the documents the evidence names ("joint declaration"). */
  documents: string[];
  /** Stem of the trigger's first word ("agre" for "agreed"): the same telling of an event uses the same verb. */
  triggerStem: string;
  /** Counted things in the evidence: stem of the noun → the number ("aircraft" → "5"). */
  numbers: Record<string, string>;
  /** Position of the evidence in the article, for ordering mentions of one article. */
  order: number;
  text: string;
}

const MAX_TEXT = 280;
const NUMBER = /\b(\d[\d,.]*)\s(?:new\s|more\s|other\s)?(\p{L}{3,})/gu;
const YEARLIKE = /^(1[89]\d\d|20\d\d)$/;

/** A sentence shortened at a word boundary. */
export function shorten(s: string, max = MAX_TEXT): string {
  const t = s.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)) + "…";
}

export function numbersIn(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(NUMBER)) {
    const n = m[1]!.replace(/[.,]$/, "");
    if (YEARLIKE.test(n)) continue;
    out[stemmer(m[2]!.toLowerCase())] = n.replace(/,/g, "");
  }
  return out;
}

const loc = (e: Event): StoryEventLocation | null => {
  if (!e.location) return null;
  // Geocoded fields (name, country, fips, admin1, lat, lon, geonameId, featureType) are optional additions of the coder.
  const { start: _s, end: _e, entity: _x, ...rest } = e.location as NonNullable<Event["location"]> & Partial<StoryEventLocation>;
  return rest;
};

const codes = (ps: Event["actors"]) => [...new Set(ps.map((p) => p.code).filter(Boolean))];

export function articleMentions(r: ArticleRecord, copyGroup: string): MentionInput[] {
  const base = { article: r.id, publisher: r.source, published: r.published, url: r.url, copyGroup, docLength: r.text.length };
  const leadEnd = r.structure.paragraphs.find((p) => p.start >= r.structure.body.start)?.end ?? r.structure.body.end;
  const sentenceIndex = (pos: number) => {
    // Binary search: sentences are sorted and do not overlap.
    let lo = 0;
    let hi = r.sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = r.sentences[mid]!;
      if (pos < s.start) hi = mid - 1;
      else if (pos >= s.end) lo = mid + 1;
      else return mid;
    }
    return Math.max(0, Math.min(lo, r.sentences.length - 1));
  };
  const where = (start: number) => ({ sentence: sentenceIndex(start), lead: start < leadEnd });
  const docSpans = r.entities.filter((e) => e.type === "DOCUMENT").map((e) => ({ name: normName(e.name), id: e.id, mentions: e.mentions }));
  const docsIn = (start: number, end: number) =>
    [...new Set(docSpans.filter((d) => d.mentions.some((m) => m.start >= start && m.end <= end)).map((d) => d.name))];
  const out: MentionInput[] = r.events.map((e) => {
    const text = r.text.slice(e.evidence.start, e.evidence.end);
    const trigger = e.trigger ? { start: e.trigger.start, end: e.trigger.end, text: e.trigger.text } : undefined;
    const first = (trigger?.text ?? "").toLowerCase().match(/\p{L}+/u)?.[0] ?? "";
    return {
      ...base,
      event: e.id,
      start: e.evidence.start,
      end: e.evidence.end,
      source: e.source,
      modality: e.modality,
      date: e.date,
      dateSource: e.dateSource,
      kind: "event",
      ...(trigger ? { trigger } : {}),
      ...(e.actor.start !== undefined ? { actorStart: e.actor.start } : {}),
      ...(e.recipient?.start !== undefined ? { recipientStart: e.recipient.start } : {}),
      ...(e.actor.text ? { actorText: e.actor.text } : {}),
      ...(e.recipient?.text ? { recipientText: e.recipient.text } : {}),
      ...(e.actor.code ? { actorCode: e.actor.code } : {}),
      ...(e.recipient?.code ? { recipientCode: e.recipient.code } : {}),
      ...where(e.evidence.start),
      type: e.type,
      ...(e.mode ? { mode: e.mode } : {}),
      ...(e.context?.length ? { context: e.context } : {}),
      ...(e.cameo ? { cameo: e.cameo } : {}),
      ...(e.quadClass !== undefined ? { quadClass: e.quadClass } : {}),
      ...(e.score !== undefined ? { score: e.score } : {}),
      actors: codes(e.actors.length ? e.actors : [e.actor]),
      recipients: codes(e.recipients.length ? e.recipients : e.recipient ? [e.recipient] : []),
      location: loc(e),
      documents: docsIn(e.evidence.start, e.evidence.end),
      triggerStem: first ? stemmer(first) : "",
      numbers: numbersIn(text),
      order: e.evidence.start,
      text: shorten(text),
    };
  });
  // Dated documents: "the Joint Declaration of October 19, 1956".
  const sentenceOf = (pos: number) => r.sentences[sentenceIndex(pos)] ?? { start: pos, end: pos };
  for (const t of r.times) {
    if (t.scope !== "document" || !t.of) continue;
    const doc = docSpans.find((d) => d.id === t.of);
    if (!doc) continue;
    const s = sentenceOf(t.start);
    out.push({
      ...base,
      event: doc.id,
      start: s.start,
      end: s.end,
      source: [],
      modality: "historical",
      date: t.value,
      dateSource: "text",
      kind: "document",
      ...where(s.start),
      type: "",
      actors: [],
      recipients: [],
      location: null,
      documents: [doc.name],
      triggerStem: "",
      numbers: {},
      order: t.start,
      text: shorten(r.text.slice(s.start, s.end)),
    });
  }
  return out;
}
