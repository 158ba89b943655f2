/**
 * `parley export`: all current records as JSONL (`jsonl`, also called `records`); story events as JSONL
 * (`story-events`); the GDELT 2.0 event and mentions tables exactly (`gdelt`, `gdelt-mentions`, see
 * src/story/gdelt.ts); or `csv`, one row per article event with a header, whose first columns borrow GDELT's names
 * (so users can join on CAMEO and actor codes) but which is not GDELT's format (comma-separated, a header, string
 * ids, ISO country codes, Parley's scores), followed by Parley's own columns:
 *
 *   GLOBALEVENTID        article id + ":" + event id
 *   SQLDATE              YYYYMMDD when the event date is a full date, else empty (see DateValue)
 *   MonthYear, Year      YYYYMM / YYYY when known
 *   Actor1Code, Actor1Name, Actor1CountryCode, Actor1Type1Code   first actor: code, text, country (3 letters), sector
 *   Actor2Code, Actor2Name, Actor2CountryCode, Actor2Type1Code   first recipient, same
 *   EventCode, EventBaseCode, EventRootCode                      CAMEO code and its 3- and 2-digit prefixes
 *   QuadClass, GoldsteinScale                                    quad class 1–4, conflict–cooperation score
 *   ActionGeo_FullName, ActionGeo_CountryCode                    location text and code
 *   DATEADDED, SOURCEURL                                         publication date of the article, its URL
 *   PloverType, PloverMode, Modality, Source, DateValue, DateSource, AllActors, AllRecipients,
 *   EvidenceStart, EvidenceEnd, EvidenceText, ArticleId, Rule
 */
import type { ArticleRecord, Event, EventParty } from "../record/schema.js";
import type { Store } from "../store/store.js";
import { gdeltEventRow, gdeltMentionRows } from "../story/gdelt.js";
import type { StoryEvent } from "../story/types.js";

export const EXPORT_FORMATS = ["jsonl", "records", "csv", "story-events", "gdelt", "gdelt-mentions"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_COLUMNS = [
  "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
  "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
  "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
  "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
  "ActionGeo_FullName", "ActionGeo_CountryCode", "DATEADDED", "SOURCEURL",
  "PloverType", "PloverMode", "Modality", "Source", "DateValue", "DateSource", "AllActors", "AllRecipients",
  "EvidenceStart", "EvidenceEnd", "EvidenceText", "ArticleId", "Rule",
] as const;

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const actorCols = (p: EventParty | null | undefined) =>
  p ? [p.code, p.text, p.code.slice(0, 3), p.code.slice(3, 6)] : ["", "", "", ""];

export function eventRow(r: ArticleRecord, e: Event): string {
  const d = e.date ?? "";
  const full = /^\d{4}-\d{2}-\d{2}$/.test(d);
  const cameo = e.cameo ?? "";
  const cells = [
    `${r.id}:${e.id}`,
    full ? d.replace(/-/g, "") : "",
    /^\d{4}-\d{2}/.test(d) ? d.slice(0, 7).replace("-", "") : "",
    /^\d{4}/.test(d) ? d.slice(0, 4) : "",
    ...actorCols(e.actor),
    ...actorCols(e.recipient),
    cameo, cameo.slice(0, 3), cameo.slice(0, 2), e.quadClass ?? "", e.score ?? "",
    e.location?.text ?? "", e.location?.code ?? "", r.published ?? "", r.url ?? "",
    e.type, e.mode ?? "", e.modality, e.source.join(" <- "), d, e.dateSource ?? "",
    e.actors.map((p) => p.code).join(";"), e.recipients.map((p) => p.code).join(";"),
    e.evidence.start, e.evidence.end, r.text.slice(e.evidence.start, e.evidence.end), r.id, e.rule,
  ];
  return cells.map(csvField).join(",");
}

export async function* exportCsv(records: AsyncIterable<ArticleRecord>): AsyncGenerator<string> {
  yield CSV_COLUMNS.join(",") + "\n";
  for await (const r of records) for (const e of r.events) yield eventRow(r, e) + "\n";
}

/**
 * A record as JSON, exactly as JSON.stringify writes it, but in pieces: a layer is written item by item, so a record
 * too large for one string (V8 strings stop at about 512 MB) is still written whole.
 */
export function* recordJson(r: ArticleRecord): Generator<string> {
  let sep = "{";
  for (const [k, v] of Object.entries(r)) {
    if (v === undefined) continue;
    const key = `${sep}${JSON.stringify(k)}:`;
    sep = ",";
    if (!Array.isArray(v) || v.length < 64) {
      yield key + JSON.stringify(v);
      continue;
    }
    yield `${key}[`;
    for (let i = 0; i < v.length; i++) yield (i ? "," : "") + (JSON.stringify(v[i]) ?? "null");
    yield "]";
  }
  yield sep === "{" ? "{}" : "}";
}

/** Pieces joined into chunks of about 64 KB: few writes, bounded memory. */
function* chunked(pieces: Iterable<string>): Generator<string> {
  let buf = "";
  for (const p of pieces) {
    buf += p;
    if (buf.length >= 65536) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

export async function* exportJsonl(records: AsyncIterable<ArticleRecord>): AsyncGenerator<string> {
  for await (const r of records) {
    yield* chunked(recordJson(r));
    yield "\n";
  }
}

/** Every story event, a page at a time (memory stays flat however large the store). */
async function* allStoryEvents(store: Store): AsyncGenerator<StoryEvent> {
  const limit = 1000;
  for (let offset = 0; ; offset += limit) {
    const page = await store.events({}, { limit, offset });
    yield* page.events;
    if (page.events.length < limit) return;
  }
}

export async function* exportStoryEvents(store: Store): AsyncGenerator<string> {
  for await (const e of allStoryEvents(store)) yield JSON.stringify(e) + "\n";
}

export async function* exportGdelt(store: Store): AsyncGenerator<string> {
  for await (const e of allStoryEvents(store)) yield gdeltEventRow(e) + "\n";
}

export async function* exportGdeltMentions(store: Store): AsyncGenerator<string> {
  for await (const e of allStoryEvents(store)) for (const row of gdeltMentionRows(e)) yield row + "\n";
}
