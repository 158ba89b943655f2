/**
 * The publication date a page saved as text shows in its head: "Published On 10 Mar 2023", "Updated 4:55 AM UTC,
 * February 9, 2023", "Mon 26 Feb 2024 18.02 CET", "📅 January 24, 2024", "KYODO NEWS - Mar 20, 2023 - 18:44".
 * Dates are found by chrono-node's strict parser (full dates only) and read as written: the calendar day the page
 * prints, whatever time zone follows (as `isoDate` does for metadata).
 *
 * Numeric dates are read only when their order is certain: ISO (2024-03-08), dotted (08.11.2023, day first in every
 * convention that writes dots), or slashed with a day over 12. "07/02/2024" is July 2 in the US and 7 February in
 * Europe, so it is left to a line that names the month; a page with nothing else gets no date, never a guess.
 */
import { strict as chronoStrict } from "chrono-node";
import { ymd as calendarDate } from "./published.js";

export type PageDateKind = "published" | "updated" | "plain";

export interface DateLine {
  /** YYYY-MM-DD as the page prints it; null when it is in figures of uncertain order ("02/04/2024"). */
  date: string | null;
  kind: PageDateKind;
  /** The line is a date and its labels (and at most a short capitalised byline), nothing that reads as text. */
  whole: boolean;
}

const PUBLISHED = /\b(?:published|posted|issued|first published|created)\b/i;
const UPDATED = /\b(?:updated?|modified|last updated|edited)\b/i;
// What may stand beside the date on a date line: labels, times, time zones ("CET", "GMT+3"), separators, icons.
const LABEL_WORDS = new Set("published posted issued first created update updated last modified edited on at date time am pm a.m p.m".split(" "));
const TIME = /\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?/giu;
const ZONE = /^(?:\p{Lu}{2,5}(?:[+-]\d{1,2})?|[+-]\d{1,2})$/u;
const MAX_BESIDE = 5;
const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** A calendar date of a page of this era (1900–2100), or null. */
const ymd = (y: number, m: number, d: number): string | null => (y >= 1900 && y <= 2100 ? calendarDate(y, m, d) : null);

/** The calendar date of a numeric match when its order is certain, else null. */
function numeric(text: string): string | null {
  let m = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(text);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (!m) return null;
  const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (a > 12 && b <= 12) return ymd(y, b, a);
  if (b > 12 && a <= 12) return ymd(y, a, b);
  return a === b ? ymd(y, a, b) : null;
}

/** Reads one head line; null when it holds no full date. Lines over 200 characters are text. */
export function readDateLine(line: string): DateLine | null {
  const t = line.trim();
  if (!t || t.length > 200 || !/\d{4}/.test(t)) return null;
  for (const r of chronoStrict.parse(t)) {
    const s = r.start;
    if (!s.isCertain("year") || !s.isCertain("month") || !s.isCertain("day") || !/\d{4}/.test(r.text)) continue;
    // A month by name fixes the order; a date in figures alone is read by `numeric`.
    const date = MONTH_NAME.test(r.text)
      ? ymd(s.get("year")!, s.get("month")!, s.get("day")!)
      : numeric(r.text);
    if (!date && MONTH_NAME.test(r.text)) continue;
    const beside = (t.slice(0, r.index) + " " + t.slice(r.index + r.text.length)).replace(TIME, " ");
    const words = (beside.match(/[\p{L}\d][\p{L}\d.'’&+-]*/gu) ?? []).filter((w) => !LABEL_WORDS.has(w.toLowerCase().replace(/\.$/, "")) && !ZONE.test(w));
    const whole = words.length <= MAX_BESIDE && words.every((w) => !/^\p{Ll}/u.test(w));
    // The label is the one before the date ("08.11.2023 - Update : 08.11.2023" was published on the first date).
    const label = t.slice(0, r.index);
    const kind: PageDateKind = PUBLISHED.test(label) ? "published" : UPDATED.test(label) ? "updated" : "plain";
    return { date, kind, whole };
  }
  return null;
}

const MAX_LINES = 200;
const RANK: Record<PageDateKind, number> = { published: 0, plain: 1, updated: 2 };

/** The page's publication date among its head lines: a line saying "published" first, then a bare date, then an update. */
export function pageDate(lines: readonly string[]): { date: string; kind: PageDateKind; line: string } | null {
  let best: { date: string; kind: PageDateKind; line: string } | null = null;
  // A page's date lines are among its first head lines; a hostile head of thousands of lines is not read through.
  for (const line of lines.slice(0, MAX_LINES)) {
    const d = readDateLine(line);
    // A date inside a headline or caption is an event's date, not the page's.
    if (d?.whole && d.date && (!best || RANK[d.kind] < RANK[best.kind])) best = { date: d.date, kind: d.kind, line: line.trim() };
  }
  return best;
}
