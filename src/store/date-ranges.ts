/**
 * Date-range queries over story events as index ranges. An event's date interval is one whole calendar unit of its
 * precision (story/dates.ts `interval`: a day, a month, a year, a decade, a century), so it overlaps [from, to]
 * exactly when its date_from lies between the start of the unit that contains `from` and `to`. That gives one
 * B-tree range per precision on (…, precision, date_from), each already in (date_from, id) order — instead of
 * `date_to >= from AND date_from <= to`, which no single index answers. Both stores plan with it.
 */
import type { DatePrecision } from "../story/types.js";

export const PRECISIONS: readonly DatePrecision[] = ["day", "month", "year", "unknown", "decade", "century"];

/** The first day of the unit of `precision` that contains the ISO day `day`. "unknown" dates are years ("2019-Q1"). */
export function unitStart(day: string, precision: DatePrecision): string {
  switch (precision) {
    case "day":
      return day;
    case "month":
      return `${day.slice(0, 7)}-01`;
    case "decade":
      return `${day.slice(0, 3)}0-01-01`;
    case "century":
      return `${day.slice(0, 2)}00-01-01`;
    default:
      return `${day.slice(0, 4)}-01-01`;
  }
}

export interface PrecisionRange {
  precision: DatePrecision;
  /** Bounds on date_from (inclusive); null is open. */
  lo: string | null;
  hi: string | null;
}

/** Where date_from must lie, per precision, for an event to overlap [from, to] (ISO days, either may be missing). */
export function precisionRanges(from: string | undefined, to: string | undefined): PrecisionRange[] {
  return PRECISIONS.map((precision) => ({ precision, lo: from ? unitStart(from, precision) : null, hi: to ?? null }));
}

const daysIn = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const shift = (month: string, by: number) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/**
 * A date_from range split for counting: the whole months inside it (`months`, YYYY-MM bounds, null for open; absent
 * when there is none), which the monthly counts answer, and the partial months at its ends (`exact`), which are
 * counted in the index.
 */
export interface MonthSplit {
  months?: { first: string | null; last: string | null };
  exact: { lo: string | null; hi: string | null }[];
}

export function monthSplit(lo: string | null, hi: string | null): MonthSplit {
  const first = lo === null ? null : lo.endsWith("-01") ? lo.slice(0, 7) : shift(lo.slice(0, 7), 1);
  const last = hi === null ? null : Number(hi.slice(8, 10)) === daysIn(hi.slice(0, 7)) ? hi.slice(0, 7) : shift(hi.slice(0, 7), -1);
  if (first !== null && last !== null && first > last) return { exact: [{ lo, hi }] };
  const exact: MonthSplit["exact"] = [];
  if (lo !== null && !lo.endsWith("-01")) exact.push({ lo, hi: `${lo.slice(0, 7)}-${daysIn(lo.slice(0, 7))}` });
  if (hi !== null && hi.slice(0, 7) !== last) exact.push({ lo: `${hi.slice(0, 7)}-01`, hi });
  return { months: { first, last }, exact };
}
