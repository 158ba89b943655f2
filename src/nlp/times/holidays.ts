/**
 * Named holidays ("Thanksgiving", "last Christmas", "Easter 1998") as DATEs, from the rules in data/times/words.yaml
 * (fixed days, n-th weekdays of a month, days from Western Easter). Without a year the occurrence is the latest one
 * before the reference date after "last", the first after it after "next", and otherwise the nearest one.
 */
import { addDays, pad } from "./calendar.js";
import { alternation, HOLIDAYS } from "./words.js";
import type { Found } from "./patterns.js";

const HOLIDAY = new RegExp(String.raw`\b(?:(last|next|this|past|coming)\s+)?(${alternation(HOLIDAYS.keys())})(?![\p{L}'])(?!\s+Island)(?:,?\s+((?:1[89]|20)\d{2})\b)?`, "gu");
const WEEKDAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
/** A cheap test for the words of the holiday names. */
export const HOLIDAY_CUE = /\b(?:Christmas|Year's|Boxing|Valentine's|Patrick's|May Day|Halloween|Independence|Bastille|Veterans|Armistice|Thanksgiving|Labor Day|Memorial|King Day|Presidents'? Day|Columbus|Easter|Good Friday)/u;

/** Western Easter Sunday of year `y` (the anonymous Gregorian computus). */
export function easter(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${y}-${pad(month)}-${pad(day)}`;
}

/** The holiday's date in year `y` from its rule. */
export function holidayDate(rule: string, y: number): string {
  const easterShift = /^EASTER([+-]\d+)$/.exec(rule);
  if (easterShift) return addDays(easter(y), Number(easterShift[1]));
  const [mm, spec] = rule.split("-") as [string, string];
  if (/^\d{2}$/.test(spec)) return `${y}-${mm}-${spec}`;
  const wd = WEEKDAY_CODES.indexOf(spec.slice(0, 2));
  const first = `${y}-${mm}-01`;
  const firstDow = new Date(`${first}T12:00:00Z`).getUTCDay();
  const firstHit = addDays(first, (7 + wd - firstDow) % 7);
  if (spec[2] !== "L") return addDays(firstHit, 7 * (Number(spec[2]) - 1));
  // The last such weekday: the fifth if it stays in the month, else the fourth.
  const fifth = addDays(firstHit, 28);
  return fifth.slice(5, 7) === mm ? fifth : addDays(firstHit, 21);
}

/** Holidays in sentence `s` (at `offset`); `ref` is the reference date or null. */
export function findHolidays(s: string, offset: number, ref: string | null): Found[] {
  const out: Found[] = [];
  HOLIDAY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HOLIDAY.exec(s)) !== null) {
    const rule = HOLIDAYS.get(m[2]!)!;
    const rel = m[1]?.toLowerCase();
    let value: string;
    if (m[3]) value = holidayDate(rule, Number(m[3]));
    else if (!ref) value = /^\d{2}-\d{2}$/.test(rule) ? `XXXX-${rule}` : "XXXX-XX-XX";
    else {
      const y = Number(ref.slice(0, 4));
      const dates = [y - 1, y, y + 1].map((yy) => holidayDate(rule, yy));
      const dist = (d: string) => (Date.parse(d) - Date.parse(ref)) / 86_400_000;
      if (rel === "last" || rel === "past") value = dates.filter((d) => dist(d) < 0).pop()!;
      else if (rel === "next" || rel === "coming") value = dates.find((d) => dist(d) > 0)!;
      else if (rel === "this") value = dates[1]!;
      else value = dates.reduce((a, b) => (Math.abs(dist(b)) < Math.abs(dist(a)) ? b : a));
    }
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, type: "DATE", value, anchor: m[3] ? "absolute" : "publication", priority: 3 });
  }
  return out;
}
