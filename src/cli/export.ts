/**
 * `parley export --format jsonl|csv`: all current records as JSONL, or one CSV row per event in GDELT-style columns
 * (so GDELT users can join on CAMEO codes and actor codes) followed by Parley's own columns:
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

export async function* exportJsonl(records: AsyncIterable<ArticleRecord>): AsyncGenerator<string> {
  for await (const r of records) yield JSON.stringify(r) + "\n";
}
