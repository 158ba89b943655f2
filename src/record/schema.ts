/**
 * The article record: the public JSON contract every Parley article becomes.
 *
 * All offsets (`start`, `end`) are UTF-16 code-unit offsets into the record's one `text` field
 * (JavaScript string indices, half-open: `text.slice(start, end)`). No stage rewrites `text`;
 * each stage adds a standoff layer pointing into it.
 *
 * Versioning: `schemaVersion` follows semver. Adding an optional field is a minor bump; renaming,
 * removing or changing the meaning of a field is a major bump and is listed in CHANGELOG.md.
 */
import { z } from "zod";

export const SCHEMA_VERSION = "1.2.0";

const offset = z.number().int().nonnegative();

export const Span = z.object({ start: offset, end: offset });
export type Span = z.infer<typeof Span>;

export const TextSpan = Span.extend({ text: z.string() });
export type TextSpan = z.infer<typeof TextSpan>;

/** TimeML value: full ("2019-01-22"), partial ("XXXX-11-16", "2018-11", "199"), or null when unknown. */
export const TimexValue = z.string();

export const Dateline = z.object({
  place: z.string().nullable(),
  /** TimeML date value; "XXXX-11-16" when the dateline gives no year and nothing else does. */
  date: z.string().nullable(),
  agency: z.string().nullable(),
  start: offset,
  end: offset,
});
export type Dateline = z.infer<typeof Dateline>;

export const Removed = z.object({
  /** Where in `text` the removed piece stood (the offset it would have had); absent when it stood before or after all text. */
  start: offset.optional(),
  text: z.string(),
  /** Machine-readable reason, e.g. "page-debris", "share-widget", "byline-credit", "css-class-list". */
  reason: z.string(),
});
export type Removed = z.infer<typeof Removed>;

export const Warning = z.object({
  /** Stable code scripts can match on, e.g. "partial-date", "no-published-date", "encoding-guessed". */
  code: z.string(),
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

export const Structure = z.object({
  headline: Span.nullable(),
  standfirst: Span.nullable(),
  /** The body: from the first body paragraph (dateline included) to the end of `text`. */
  body: Span,
  paragraphs: z.array(Span),
});
export type Structure = z.infer<typeof Structure>;

export const EntityType = z.enum(["PERSON", "ORG", "GPE", "LOC", "DOCUMENT", "NORP", "MISC"]);
export type EntityType = z.infer<typeof EntityType>;

export const Mention = TextSpan.extend({
  /**
   * How the mention names the entity: "name" (its name or an alias), "role" ("the Russian presidential spokesman"),
   * "pronoun", "demonym" ("Japanese"), "metonym" (a capital or seat of power standing for a government: "Tokyo", "the Kremlin").
   */
  kind: z.enum(["name", "alias", "role", "pronoun", "demonym", "metonym"]).optional(),
});
export type Mention = z.infer<typeof Mention>;

export const Entity = z.object({
  /** Stable within the record: "e1", "e2", … */
  id: z.string(),
  name: z.string(),
  type: EntityType,
  /** CAMEO-style actor code: country (ISO-3166 alpha-3 or CAMEO special such as SUN) + optional sector ("RUSGOV"). */
  code: z.string().optional(),
  /** ISO-3166 alpha-3 (or CAMEO) country the entity belongs to, when known. */
  country: z.string().optional(),
  /** Role read from the article or the dictionary, e.g. "Kremlin Spokesman". */
  role: z.string().optional(),
  /** Where `code` came from: the article's own words win over the dictionary. */
  codeSource: z.enum(["text", "dictionary", "country", "inferred"]).optional(),
  mentions: z.array(Mention),
});
export type Entity = z.infer<typeof Entity>;

export const TimexType = z.enum(["DATE", "TIME", "DURATION", "SET"]);
export const Time = TextSpan.extend({
  type: TimexType,
  /** TimeML TIMEX3 value, normalised against the publication date. */
  value: z.string(),
  /** "document" when the expression dates a named thing ("the 1956 Joint Declaration"), not the article's events. */
  scope: z.enum(["event", "document"]).optional(),
  /** Entity id of the named thing a `scope: "document"` time belongs to. */
  of: z.string().optional(),
  /** How the value was anchored: absolute in the text, relative to the publication date, or relative to another time. */
  anchor: z.enum(["absolute", "publication", "text"]).optional(),
  /** TimeML TIMEX3 mod from a modifier inside the extent: "early 1990" START, "nearly two years" LESS_THAN, "about" APPROX. */
  mod: z.enum(["BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"]).optional(),
  /** For a DURATION that shifts from a reference time ("two days later", "a month earlier"): the date it lands on. */
  point: z.string().optional(),
  /** What `point` was counted from: the narrative's last date ("text") or the publication date. */
  pointFrom: z.enum(["publication", "text"]).optional(),
});
export type Time = z.infer<typeof Time>;

export const Quote = TextSpan.extend({
  kind: z.enum(["direct", "indirect"]),
  /** Entity id of the speaker, or null when no entity could be resolved. */
  speaker: z.string().nullable(),
  speakerText: z.string().nullable(),
  /** The mention that names the speaker in this attribution. */
  speakerSpan: Span.nullable(),
  cue: TextSpan,
  /** Names of the sources the report passed through, nearest first: ["Kyodo", "diplomatic sources"]. */
  chain: z.array(z.string()),
  /** Hedge and modality words attached to the attribution ("may", "reportedly", "claiming"). */
  hedges: z.array(TextSpan).default([]),
});
export type Quote = z.infer<typeof Quote>;

export const EventParty = z.object({
  entity: z.string().nullable().optional(),
  /** CAMEO-style code: country + sector, e.g. "RUSGOV", "JPN", "SUN"; "" when unknown (a name without a known code, or an actor the text does not name). */
  code: z.string(),
  text: z.string(),
  start: offset.optional(),
  end: offset.optional(),
});
export type EventParty = z.infer<typeof EventParty>;

export const Modality = z.enum([
  "asserted",
  "reported",
  "hedged",
  "expected",
  "conditional",
  "negated",
  "historical",
]);
export type Modality = z.infer<typeof Modality>;

export const Event = z.object({
  id: z.string(),
  /** PLOVER 2.0 event type, e.g. "CONSULT", "AGREE". */
  type: z.string(),
  mode: z.string().optional(),
  context: z.array(z.string()).optional(),
  /** CAMEO code alongside, for joins with GDELT/ICEWS. */
  cameo: z.string().optional(),
  quadClass: z.number().int().min(1).max(4).optional(),
  /** Conflict–cooperation score (Goldstein-style, −10 … +10). */
  score: z.number().optional(),
  trigger: TextSpan.optional(),
  actor: EventParty,
  recipient: EventParty.nullable(),
  actors: z.array(EventParty),
  recipients: z.array(EventParty),
  /** TimeML value of when the event happened ("1956-10-19", "1960", "2018-11"), or null. */
  date: z.string().nullable(),
  /**
   * Where `date` came from: "text" (a time expression of the event's own sentence), "document" (the date of the
   * document the act is told in: "the 1956 Declaration, in which …"), "context" (the dated event of the sentence
   * before, continued: "The two sides agreed …"), "publication" (nothing dates it; it happened on or before the
   * publication day), or null (undated: background, or a relative time that could not be resolved).
   */
  dateSource: z.enum(["text", "publication", "context", "document"]).nullable(),
  dateSpan: Span.nullable().optional(),
  location: z
    .object({
      text: z.string(),
      entity: z.string().nullable().optional(),
      /** Country (CAMEO/ISO alpha-3) of the place. */
      code: z.string().optional(),
      start: offset,
      end: offset,
      /** Where the location was read: "text" (the place the sentence attaches to the act), "dateline" (a statement, or a meeting whose place the text does not give, reported from the dateline's place in the article's week). */
      from: z.enum(["text", "dateline"]).optional(),
      /** The place on the map (GeoNames), with the rule that chose it among the places of that name (`resolvedBy`). */
      name: z.string().optional(),
      /** ISO 3166 alpha-3 country of the place. */
      country: z.string().optional(),
      /** FIPS 10-4 country code (GDELT's *Geo_CountryCode). */
      fips: z.string().optional(),
      /** GeoNames admin1 code, "RU.48". */
      admin1: z.string().optional(),
      lat: z.number().optional(),
      lon: z.number().optional(),
      geonameId: z.number().int().optional(),
      /** GeoNames feature code ("PPLC" capital, "PPLA" seat of a first-order division, "PPL") or "country". */
      featureType: z.string().optional(),
      resolvedBy: z.enum(["country", "city:entity-country", "city:article-country", "city:population"]).optional(),
    })
    .nullable(),
  modality: Modality,
  /** Condition text when modality is conditional ("only … if all foreign troops were pulled out"). */
  condition: TextSpan.nullable().optional(),
  /** Attribution chain of the report the event comes from, nearest first; empty when the publisher asserts it. */
  source: z.array(z.string()),
  /** The quote this event was read from, by index into `quotes`. */
  quote: z.number().int().nullable().optional(),
  evidence: Span,
  /** The rule or pattern (data file and entry) that produced the event, so a user can see why and fix the data. */
  rule: z.string(),
});
export type Event = z.infer<typeof Event>;

/**
 * One token of the optional syntax layer (`extract --with-syntax`): its span, UD part of speech (UPOS), Penn
 * Treebank tag (XPOS), lemma, and its head as an index into the same `syntax` list (-1 for a sentence root) with the
 * UD v2 relation (subtypes kept: "nsubj:pass", "compound:prt").
 */
export const SyntaxToken = z.object({
  start: offset,
  end: offset,
  upos: z.string(),
  xpos: z.string(),
  lemma: z.string(),
  head: z.number().int().min(-1),
  deprel: z.string(),
});
export type SyntaxToken = z.infer<typeof SyntaxToken>;

export const ArticleRecord = z.object({
  schemaVersion: z.string(),
  /** The caller's id (JSONL `id`) or one derived from the URL or, without one, from the content hash. */
  id: z.string(),
  /** sha256 (hex) of the normalised input; same hash = same article = nothing changes on re-ingest. */
  hash: z.string(),
  url: z.string().nullable(),
  source: z.string().nullable(),
  title: z.string().nullable(),
  standfirst: z.string().nullable(),
  /** ISO date ("2019-01-22") or a partial TimeML date ("XXXX-11-16") or null; never a silent guess. */
  published: z.string().nullable(),
  publishedFrom: z.enum(["metadata", "flag", "dateline", "page", "url"]).nullable(),
  language: z.string().nullable(),
  dateline: Dateline.nullable(),
  /** Where the record came from: a file path, URL, "stdin", with ":line" for JSONL. */
  origin: z.string().nullable(),
  text: z.string(),
  structure: Structure,
  removed: z.array(Removed),
  warnings: z.array(Warning),
  sentences: z.array(Span),
  entities: z.array(Entity),
  times: z.array(Time),
  quotes: z.array(Quote),
  events: z.array(Event),
  /** Since 1.1.0: the tokens with part of speech, lemma and dependency parse; only with `extract --with-syntax`. */
  syntax: z.array(SyntaxToken).optional(),
});
export type ArticleRecord = z.infer<typeof ArticleRecord>;

/** Validates a record and checks every offset lies inside `text`. Throws a ZodError-like Error with the path. */
export function validateRecord(value: unknown): ArticleRecord {
  const rec = ArticleRecord.parse(value);
  const n = rec.text.length;
  const check = (s: { start?: number; end?: number }, where: string) => {
    if (s.start !== undefined && s.start > n) throw new Error(`${where}: start ${s.start} beyond text length ${n}`);
    if (s.end !== undefined && (s.end > n || (s.start !== undefined && s.end < s.start)))
      throw new Error(`${where}: bad span ${s.start}-${s.end} (text length ${n})`);
  };
  rec.sentences.forEach((s, i) => check(s, `sentences[${i}]`));
  rec.times.forEach((s, i) => check(s, `times[${i}]`));
  rec.quotes.forEach((s, i) => check(s, `quotes[${i}]`));
  rec.entities.forEach((e, i) => e.mentions.forEach((m, j) => check(m, `entities[${i}].mentions[${j}]`)));
  rec.events.forEach((e, i) => check(e.evidence, `events[${i}].evidence`));
  rec.syntax?.forEach((t, i) => {
    check(t, `syntax[${i}]`);
    if (t.head >= rec.syntax!.length) throw new Error(`syntax[${i}]: head ${t.head} beyond the ${rec.syntax!.length} tokens`);
  });
  return rec;
}
