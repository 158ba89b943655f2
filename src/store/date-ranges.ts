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
