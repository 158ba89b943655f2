/**
 * The publication date and where it came from: the --published flag, then metadata, then a dateline with a year,
 * then the date a page saved as text shows in its head (`page-date.ts`), then a date in the URL, then a year-less
 * dateline with a year from the URL. A year-less dateline with nothing else
 * stays partial ("XXXX-11-16", as TimeML writes it) with a warning — never a silent guess.
 */
import type { ArticleRecord, Warning } from "../../record/schema.js";
import type { ParsedDateline } from "./dateline.js";
import type { PageDateKind } from "./page-date.js";

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A calendar date as YYYY-MM-DD, or null when there is no such day (February 30, April 31, year 0). */
export const ymd = (y: number, m: number, d: number): string | null =>
  y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) ? `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}` : null;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthOf = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

// Written forms whose calendar date is read as written, whatever the time zone that follows:
// "2019-01-22T23:30:00-05:00", "Tue, 22 Jan 2019 23:30:00 -0500", "January 22, 2019 11:30 PM", "2019/01/22".
const ISO = /^(\d{4})-(\d{2})-(\d{2})/;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\b/;
const DAY_MONTH = /^(?:\p{L}+,?\s+)?(\d{1,2})\s+(\p{L}{3,9})\.?,?\s+(\d{4})\b/u;
const MONTH_DAY = /^(?:\p{L}+,?\s+)?(\p{L}{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/u;

/** Normalises a date or datetime to YYYY-MM-DD (a datetime keeps its calendar date as written), or null. */
export function isoDate(value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  let m = ISO.exec(v) ?? SLASHED.exec(v);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_MONTH.exec(v);
  if (m && monthOf(m[2]!)) return ymd(Number(m[3]), monthOf(m[2]!), Number(m[1]));
  m = MONTH_DAY.exec(v);
  if (m && monthOf(m[1]!)) return ymd(Number(m[3]), monthOf(m[1]!), Number(m[2]));
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A full date in a URL ("/2019/01/22/", "-2019-01-22-"), or just its year ("/2019/01/"). */
function fromUrl(url: string | undefined): { date: string | null; year: number | null } {
  if (!url) return { date: null, year: null };
  const m = /[/_-]((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?![\d])/.exec(url);
  if (m) return { date: ymd(Number(m[1]), Number(m[2]), Number(m[3])), year: Number(m[1]) };
  const y = /\/((?:19|20)\d{2})\/(?:\d{1,2}\/)?/.exec(url);
  return { date: null, year: y ? Number(y[1]) : null };
}

export interface PublishedResult {
  published: string | null;
  publishedFrom: ArticleRecord["publishedFrom"];
  datelineDate: string | null;
  warnings: Warning[];
}

export function resolvePublished(
  flag: string | undefined,
  metadata: string | undefined,
  dateline: ParsedDateline | null,
  url: string | undefined,
  page: { date: string; kind: PageDateKind; line: string } | null = null,
): PublishedResult {
  const warnings: Warning[] = [];
  const flagDate = isoDate(flag);
  if (flag && !flagDate) warnings.push({ code: "invalid-published", message: `--published "${flag}" is not a date (use YYYY-MM-DD); ignored` });
  const metaDate = isoDate(metadata);
  if (metadata && !metaDate) warnings.push({ code: "invalid-published", message: `metadata date "${metadata}" could not be read; ignored` });
  const { month, day, year } = dateline ?? { month: null, day: null, year: null };
  const datelineFull = month && day && year ? ymd(year, month, day) : null;
  const urlDate = fromUrl(url);
  const urlYear = !datelineFull && month && day && urlDate.year && !urlDate.date ? ymd(urlDate.year, month, day) : null;
  const candidates: [string | null, ArticleRecord["publishedFrom"]][] = [
    [flagDate, "flag"],
    [metaDate, "metadata"],
    [datelineFull, "dateline"],
    [page?.date ?? null, "page"],
    [urlDate.date, "url"],
    [urlYear, "dateline"],
  ];
  const found = candidates.find(([v]) => v !== null);
  if (found) {
    const published = found[0]!;
    if (found[1] === "page" && page?.kind === "updated")
      warnings.push({ code: "published-from-update", message: `publication date read from the page's update time ("${page.line}"); relative dates count from it` });
    let datelineDate: string | null = datelineFull;
    if (!datelineDate && month && day) {
      // The dateline's month and day in the publication year; a late-December dateline on an early-January
      // publication date belongs to the year before.
      const pubYear = Number(published.slice(0, 4));
      const pubMonth = Number(published.slice(5, 7));
      datelineDate = ymd(month === 12 && pubMonth === 1 ? pubYear - 1 : pubYear, month, day);
    }
    return { published, publishedFrom: found[1], datelineDate, warnings };
  }
  if (month && day) {
    const partial = `XXXX-${pad(month)}-${pad(day)}`;
    warnings.push({
      code: "partial-date",
      message: `dateline gives no year (${MONTH_NAMES[month - 1]} ${day}); pass --published to anchor relative dates`,
    });
    return { published: partial, publishedFrom: "dateline", datelineDate: partial, warnings };
  }
  warnings.push({ code: "no-published-date", message: "no publication date in metadata, flag, dateline or URL; relative dates stay unresolved" });
  return { published: null, publishedFrom: null, datelineDate: null, warnings };
}
