/**
 * TimeML date values as intervals: "2018-11-14" is a day, "2018-11" a month, "1960" a year, "199" a decade, "20" a
 * century. Mentions of one event may give it at different precisions (2018-11 here, 2018-11-14 there): they are
 * compatible when one interval lies inside the other, and the event takes the most precise.
 */
import type { DatePrecision } from "./types.js";

const pad = (n: number) => String(n).padStart(2, "0");
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export interface DateInterval {
  precision: DatePrecision;
  from: string;
  to: string;
}

/** The interval a TimeML value stands for, or null when it names no calendar time (PAST_REF, XXXX-11-16, P2Y). */
export function interval(value: string | null | undefined): DateInterval | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return { precision: "day", from: `${m[1]}-${m[2]}-${m[3]}`, to: `${m[1]}-${m[2]}-${m[3]}` };
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return { precision: "month", from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${pad(daysIn(y, mo))}` };
  }
  m = /^(\d{4})(?:$|-[WQHS])/.exec(value);
  if (m) return { precision: value.length === 4 ? "year" : "unknown", from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{3})$/.exec(value);
  if (m) return { precision: "decade", from: `${m[1]}0-01-01`, to: `${m[1]}9-12-31` };
  m = /^(\d{2})$/.exec(value);
  if (m) return { precision: "century", from: `${m[1]}00-01-01`, to: `${m[1]}99-12-31` };
  return null;
}

const RANK: Record<DatePrecision, number> = { day: 5, month: 4, year: 3, unknown: 2, decade: 1, century: 0 };
export const precisionRank = (p: DatePrecision) => RANK[p];

/** True when one interval contains the other (or either is unknown). */
export function compatible(a: DateInterval | null, b: DateInterval | null): boolean {
  if (!a || !b) return true;
  return (a.from <= b.from && b.to <= a.to) || (b.from <= a.from && a.to <= b.to);
}

/** Days between the starts of two ISO dates. */
export function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

/** Normalises a user's --from/--to (YYYY, YYYY-MM, YYYY-MM-DD) to the first or last day it covers. */
export function boundary(value: string | undefined, end: "from" | "to"): string | undefined {
  if (!value) return undefined;
  const i = interval(value);
  if (!i) throw new Error(`not a date: ${value} (use YYYY, YYYY-MM or YYYY-MM-DD)`);
  return end === "from" ? i.from : i.to;
}

/** "1960" → "1960 (year)": how a partial date is shown to a reader. */
export function showDate(value: string | null, precision: DatePrecision): string {
  if (!value) return "undated";
  return precision === "day" ? value : `${value} (${precision === "unknown" ? "partial" : precision})`;
}
