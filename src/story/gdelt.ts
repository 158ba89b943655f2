/**
 * The GDELT 2.0 event and mentions tables, exactly: tab-separated, no header, 61 and 16 columns in GDELT's order
 * (data/gdelt/columns.json, converted from ../shared/datasets/gdelt by scripts/convert-gdelt.ts), so scripts written
 * for GDELT load Parley's story events unchanged. One row per story event (all mentions merged), with
 * NumMentions/NumSources/NumArticles from its corroboration.
 *
 * Where Parley knows less than GDELT's columns ask, the column keeps GDELT's empty form: AvgTone and MentionDocTone
 * are 0 (Parley measures no tone), Actor geo columns are type 0 and empty (Parley locates the action, not the actors).
 * A partial date (1960, 2018-11) takes the first day of its period in SQLDATE, as GDELT needs a full date; an undated
 * event takes its first article's publication day. Parley's own reading stays in `--format story-events`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../eval/datasets.js";
import type { StoryEvent, StoryEventLocation, StoryMention } from "./types.js";

const DIR = join(REPO_ROOT, "data", "gdelt");
interface Tables {
  columns: { events: string[]; mentions: string[] };
  goldstein: Record<string, number>;
  countries: Record<string, { fips: string; iso2: string; name: string }>;
}
let tables: Tables | undefined;
export function gdeltTables(): Tables {
  const read = <T>(f: string) => JSON.parse(readFileSync(join(DIR, f), "utf8")) as T;
  return (tables ??= { columns: read("columns.json"), goldstein: read("goldstein.json"), countries: read("countries.json") });
}

/** CAMEO actor-type codes that can open an actor code without a country ("IGOUNO", "NGOAMN", "MNCUSA"). */
const LEADING_TYPES = new Set(["IGO", "NGO", "MNC", "IMG", "REB", "UIS", "SEP", "INS", "OPP", "PTY", "MED", "BUS"]);
const HISTORICAL = new Set(["SUN", "YUG", "CSK", "DDR", "ZAR", "SCG"]);

/** Splits a CAMEO-style code into GDELT's actor columns: country, known group, ethnic, religion ×2, type ×3. */
export function actorColumns(code: string, name: string): string[] {
  const cs = gdeltTables().countries;
  const parts = code.match(/.{1,3}/g) ?? [];
  let country = "";
  let group = "";
  const types: string[] = [];
  for (const [i, p] of parts.entries()) {
    if (!country && (cs[p] || HISTORICAL.has(p)) && (i === 0 || LEADING_TYPES.has(parts[0]!))) country = p;
    else if (i === 0 && LEADING_TYPES.has(p)) types.push(p);
    else if (i === 1 && !country && LEADING_TYPES.has(parts[0]!) && (parts[0] === "IGO" || parts[0] === "NGO")) group = p;
    else types.push(p);
  }
  return [code, name.toUpperCase(), country, group, "", "", "", types[0] ?? "", types[1] ?? "", types[2] ?? ""];
}

const compact = (iso: string) => iso.replace(/-/g, "");
/** "2026-12-01T08:05:09.123Z" → "20261201080509". */
export const timestamp = (iso: string) => iso.replace(/[-:T]/g, "").slice(0, 14).padEnd(14, "0");

/** Geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (GeoNames feature codes decide). */
function geoType(l: StoryEventLocation, iso3: string): number {
  const f = l.featureType ?? "";
  const us = iso3 === "USA";
  if (/^PCL/.test(f)) return 1;
  if (/^ADM1/.test(f)) return us ? 2 : 5;
  if (/^(PPL|ADM[2-5])/.test(f)) return us ? 3 : 4;
  return l.lat !== undefined ? (us ? 3 : 4) : 1;
}

export function geoColumns(l: StoryEventLocation | null): string[] {
  if (!l) return ["0", "", "", "", "", "", "", ""];
  const cs = gdeltTables().countries;
  const iso3 = l.country ?? l.code?.slice(0, 3) ?? "";
  const c = cs[iso3];
  const fips = l.fips ?? c?.fips ?? "";
  const type = geoType(l, iso3);
  const place = l.name ?? l.text;
  const full = type === 1 ? (c?.name ?? place) : [place, c?.name].filter(Boolean).join(", ");
  const adm1 = type === 1 ? fips : l.admin1 ? `${fips}${l.admin1}` : fips;
  return [String(type), full, fips, adm1, "", l.lat?.toString() ?? "", l.lon?.toString() ?? "", l.geonameId?.toString() ?? ""];
}

function goldstein(cameo: string | undefined): string {
  if (!cameo) return "";
  const g = gdeltTables().goldstein;
  const v = g[cameo] ?? g[cameo.slice(0, 3)] ?? g[cameo.slice(0, 2)];
  return v === undefined ? "" : String(v);
}

function dayOfYear(iso: string): number {
  const d = Date.parse(iso);
  return Math.floor((d - Date.UTC(new Date(d).getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

const tsv = (cells: (string | number)[]) => cells.map((c) => String(c).replace(/[\t\r\n]+/g, " ")).join("\t");

/** The day SQLDATE gives: the start of the event's date interval, else its first article's publication day. */
function eventDay(e: StoryEvent): string {
  if (e.dateFrom) return e.dateFrom;
  const pub = e.mentions.map((m) => m.published).filter((p): p is string => !!p && /^\d{4}-\d{2}-\d{2}$/.test(p)).sort()[0];
  return pub ?? e.firstSeen.slice(0, 10);
}

export function gdeltEventRow(e: StoryEvent): string {
  const day = eventDay(e);
  const year = day.slice(0, 4);
  // The strongest telling names Actor1 and Actor2; the other parties stay in Parley's own export.
  const events = e.mentions.filter((m) => m.kind === "event");
  const first = events.find((m) => m.modality === e.modality) ?? events[0] ?? e.mentions[0];
  const a1 = first?.actorCode ?? e.actors[0] ?? "";
  const a2 = first?.recipientCode ?? e.recipients.find((r) => r !== a1) ?? "";
  const name = (code: string, pick: (m: StoryMention) => [string | undefined, string | undefined]) =>
    code ? (events.map(pick).find(([c, t]) => c === code && !!t)?.[1] ?? code) : "";
  const cameo = e.cameo ?? "";
  const cells = [
    e.id, compact(day), compact(day).slice(0, 6), year, (Number(year) + dayOfYear(day) / 365).toFixed(4),
    ...(a1 ? actorColumns(a1, name(a1, (m) => [m.actorCode, m.actorText])) : Array(10).fill("")),
    ...(a2 ? actorColumns(a2, name(a2, (m) => [m.recipientCode, m.recipientText])) : Array(10).fill("")),
    first?.lead ? 1 : 0, cameo, cameo.slice(0, 3), cameo.slice(0, 2), e.quadClass ?? "", goldstein(cameo),
    e.corroboration.mentions, e.corroboration.sources, e.corroboration.articles, 0,
    ...geoColumns(null), ...geoColumns(null), ...geoColumns(e.location),
    timestamp(e.firstSeen), first?.url ?? "",
  ];
  return tsv(cells);
}

/** GDELT's Confidence (10–100): how firmly the text states the event, from its modality. */
const CONFIDENCE: Record<string, number> = { asserted: 100, historical: 90, reported: 80, hedged: 50, expected: 40, conditional: 30, negated: 20 };

function host(url: string | null): string {
  if (!url) return "";
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}

export function gdeltMentionRows(e: StoryEvent): string[] {
  return e.mentions.map((m) => {
    const published = m.published && /^\d{4}-\d{2}-\d{2}$/.test(m.published) ? `${compact(m.published)}000000` : timestamp(e.firstSeen);
    return tsv([
      e.id, timestamp(e.firstSeen), published, 1, host(m.url) || m.publisher || "", m.url ?? m.article, (m.sentence ?? 0) + 1,
      m.actorStart ?? -1, m.recipientStart ?? -1, m.trigger?.start ?? m.start, 1, CONFIDENCE[m.modality] ?? 50, m.docLength ?? 0, 0, "", "",
    ]);
  });
}
