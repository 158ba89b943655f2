/**
 * Time expressions chrono-node does not read (or reads differently from TimeML): years alone ("in 1960"), years as
 * adjectives ("the 1956 Joint Declaration"), decades, durations, frequencies (SET), reference words (PRESENT_REF…),
 * "the previous day", quarters and seasons. Each is compiled once; `findPatterns` runs them over one sentence.
 */
import type { Time } from "../../record/schema.js";
import { addDays, isoWeek } from "./calendar.js";
import { alternation, NUMBERS, REFS, SETS, UNITS, YEAR_CUES } from "./words.js";

export interface Found {
  start: number;
  end: number;
  type: Time["type"];
  value: string;
  anchor: NonNullable<Time["anchor"]>;
  scope?: "document";
  /** Higher wins when two finds overlap (chrono results are 2; these patterns 1, or 3 for years as names). */
  priority: number;
}

const YEAR = String.raw`(1[5-9]\d{2}|20\d{2})`;
// Nouns that make a four-digit number a quantity, not a year ("2000 troops").
const QUANTITY = String.raw`(?!\s*(?:%|percent|per\s*cent|people|persons|troops|soldiers|workers|km|kilometers|kilometres|miles|tons|tonnes|dollars|euros|yuan|rubles|roubles|yen|points|votes|cases|deaths|times|members|seats|units|barrels|meters|metres|feet|hectares|acres|years|hours|[-–]\d))`;
const YEAR_AFTER_CUE = new RegExp(String.raw`\b(?:${alternation(YEAR_CUES)})\s+${YEAR}\b${QUANTITY}`, "giu");
// "the 1956 Joint Declaration" (a year naming a thing) and "the 1998 budget" (a year as adjective).
const YEAR_ADJECTIVE = new RegExp(String.raw`\b(?:the|a|an|its|their|his|her|this|that)\s+${YEAR}\s+(?=(\p{Lu})?\p{L})`, "gu");
const DECADE = new RegExp(String.raw`\b(?:the\s+)?((?:1[5-9]|20)\d)0'?s\b`, "gu");
const NUMBER = String.raw`\d+(?:\.\d+)?|${alternation(NUMBERS.keys())}`;
const NUMBER_WORDS = NUMBER;
const UNIT_WORDS = alternation(UNITS.keys());
// "two years", "three months" (not "6-year-old" or "a 6-year plan": hyphenated forms are adjectives TimeBank leaves alone).
const DURATION = new RegExp(String.raw`\b(${NUMBER})(?:\s+and\s+a\s+half)?\s+(${alternation(UNITS.keys())})\b(?!\s+(?:ago|later|earlier|before|after|from\s+now))`, "giu");
const SET = new RegExp(String.raw`\b(?:${alternation(SETS.keys())})\b`, "giu");
const REF = new RegExp(String.raw`\b(?:${alternation(REFS.keys())})\b`, "giu");
const DAY_SHIFT = /\b(?:the\s+)?(previous|next|following)\s+day\b|\bthe\s+day\s+(before|after)\b/giu;
const QUARTER = new RegExp(String.raw`\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+${YEAR})?`, "giu");
// "the latest quarter", "the quarter": the last quarter before the publication date.
const LAST_QUARTER = /\bthe\s+(?:latest\s+|last\s+|most\s+recent\s+)?quarter\b/giu;
// "the year", "the week": the publication's year or week; "year-earlier", "year-ago": the year before.
const THE_UNIT = /\bthe\s+(year|month|week)\b(?!\s+(?:before|after|earlier|later|ago))|\b(year-earlier|year-ago|a\s+year\s+earlier|a\s+year\s+ago)\b/giu;
// "the past 20 years", "the last three years", "the next two months": durations, not dates.
const SPAN_DURATION = new RegExp(String.raw`\b(?:the\s+)?(?:past|last|next|coming|previous|first|following)\s+(${NUMBER_WORDS})\s+(${UNIT_WORDS})\b`, "giu");
const SEASON = new RegExp(String.raw`\b(this|last|next)\s+(spring|summer|autumn|fall|winter)\b|\b(spring|summer|autumn|fall|winter)\s+(?:of\s+)?${YEAR}\b`, "giu");
const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4 };
const SEASONS: Record<string, string> = { spring: "SP", summer: "SU", autumn: "FA", fall: "FA", winter: "WI" };

function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) yield m;
}

/** What earlier sentences of the same article established: the fiscal quarter an earnings story is about. */
export interface TimeContext {
  quarter?: number;
}

/** Finds pattern-based times in sentence `s` that starts at `offset` in the record text. */
export function findPatterns(s: string, offset: number, anchor: string | null, context: TimeContext = {}): Found[] {
  const out: Found[] = [];
  const at = (start: number, end: number, type: Time["type"], value: string, anchored: Found["anchor"], priority = 1, scope?: "document") => {
    const f: Found = { start: offset + start, end: offset + end, type, value, anchor: anchored, priority };
    if (scope) f.scope = scope;
    out.push(f);
  };
  const year = anchor ? Number(anchor.slice(0, 4)) : null;
  for (const m of matches(YEAR_AFTER_CUE, s)) {
    const y = m[1]!;
    const start = m.index + m[0].lastIndexOf(y);
    at(start, start + 4, "DATE", y, "absolute");
  }
  for (const m of matches(YEAR_ADJECTIVE, s)) {
    const start = m.index + m[0].indexOf(m[1]!);
    // A capitalised word after the year makes it part of a name: the date of a document or event name, not of the article.
    at(start, start + 4, "DATE", m[1]!, "absolute", 3, m[2] ? "document" : undefined);
  }
  for (const m of matches(DECADE, s)) {
    const start = m.index + m[0].indexOf(m[1]!);
    at(start, m.index + m[0].length, "DATE", m[1]!, "absolute");
  }
  for (const m of matches(DURATION, s)) {
    const n = NUMBERS.get(m[1]!.toLowerCase()) ?? m[1]!;
    const unit = UNITS.get(m[2]!.toLowerCase())!;
    const half = /half/.test(m[0]);
    const amount = n === "X" ? "X" : String(Number(n) + (half ? 0.5 : 0));
    const value = unit === "DE" ? `P${amount}DE` : unit === "CE" ? `P${amount}CE` : unit.startsWith("T") ? `PT${amount}${unit[1]}` : `P${amount}${unit}`;
    at(m.index, m.index + m[0].length, "DURATION", value, "absolute");
  }
  for (const m of matches(SET, s)) at(m.index, m.index + m[0].length, "SET", SETS.get(m[0].toLowerCase().replace(/\s+/g, " "))!, "absolute");
  for (const m of matches(REF, s)) {
    // "Now, …" opening a sentence is a discourse marker, not a time.
    if (m.index === 0 && /^\s*,/.test(s.slice(m[0].length))) continue;
    at(m.index, m.index + m[0].length, "DATE", REFS.get(m[0].toLowerCase().replace(/\s+/g, " "))!, "publication");
  }
  for (const m of matches(DAY_SHIFT, s)) {
    const back = m[1]?.toLowerCase() === "previous" || m[2]?.toLowerCase() === "before";
    at(m.index, m.index + m[0].length, "DATE", anchor ? addDays(anchor, back ? -1 : 1) : "XXXX-XX-XX", "publication");
  }
  for (const m of matches(QUARTER, s)) {
    const y = m[2] ?? (year ? String(year) : "XXXX");
    at(m.index, m.index + m[0].length, "DATE", `${y}-Q${ORDINAL[m[1]!.toLowerCase()]}`, m[2] ? "absolute" : "publication");
  }
  const quarter = (q: number) => (anchor ? `${q === 0 ? year! - 1 : year}-Q${q === 0 ? 4 : q}` : "XXXX-QX");
  for (const m of matches(LAST_QUARTER, s)) at(m.index, m.index + m[0].length, "DATE", quarter(anchor ? Math.ceil(Number(anchor.slice(5, 7)) / 3) - 1 : 0), "publication");
  // In an earnings sentence ("third-quarter profit rose from a year earlier") the year before means the same quarter.
  const named = /\b(first|second|third|fourth)[\s-]+quarter\b/i.exec(s)?.[1]?.toLowerCase();
  if (named) context.quarter = ORDINAL[named];
  const q = context.quarter;
  for (const m of matches(THE_UNIT, s)) {
    const unit = m[1]?.toLowerCase();
    const yearBefore = q ? `${year! - 1}-Q${q}` : String(year! - 1);
    const value = !anchor ? "XXXX" : unit === "year" ? String(year) : unit === "month" ? anchor.slice(0, 7) : unit === "week" ? isoWeek(anchor) : yearBefore;
    // In an earnings story the quarter reading beats chrono's plain year.
    at(m.index, m.index + m[0].length, "DATE", value, "publication", q && !unit ? 3 : 1);
  }
  for (const m of matches(SPAN_DURATION, s)) {
    const n = NUMBERS.get(m[1]!.toLowerCase()) ?? m[1]!;
    const unit = UNITS.get(m[2]!.toLowerCase())!;
    const value = unit.startsWith("T") ? `PT${n}${unit[1]}` : `P${n}${unit}`;
    at(m.index, m.index + m[0].length, "DURATION", value, "absolute", 3);
  }
  for (const m of matches(SEASON, s)) {
    const season = SEASONS[(m[2] ?? m[3])!.toLowerCase()]!;
    const y = m[4] ?? (year === null ? "XXXX" : String(m[1]?.toLowerCase() === "last" ? year - 1 : m[1]?.toLowerCase() === "next" ? year + 1 : year));
    at(m.index, m.index + m[0].length, "DATE", `${y}-${season}`, m[4] ? "absolute" : "publication");
  }

  return out;
}
