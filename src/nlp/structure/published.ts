/**
 * The publication date and where it came from: the --published flag, then metadata, then a dateline with a year,
 * then a date in the URL. A year-less dateline with nothing else stays partial ("XXXX-11-16", as TimeML writes it)
 * with a warning — never a silent guess.
 */
import type { ArticleRecord, Warning } from "../../record/schema.js";
import type { ParsedDateline } from "./dateline.js";

const pad = (n: number) => String(n).padStart(2, "0");

/** Normalises a date or datetime to YYYY-MM-DD (a datetime keeps its calendar date as written), or null. */
export function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function fromUrl(url: string | undefined): string | null {
  const m = url ? /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|$|[^\d])/.exec(url) : null;
  return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : null;
}

export interface PublishedResult {
  published: string | null;
  publishedFrom: ArticleRecord["publishedFrom"];
  datelineDate: string | null;
  warning: Warning | null;
}

export function resolvePublished(
  flag: string | undefined,
  metadata: string | undefined,
  dateline: ParsedDateline | null,
  url: string | undefined,
): PublishedResult {
  const { month, day, year } = dateline ?? { month: null, day: null, year: null };
  const datelineFull = month && day && year ? `${year}-${pad(month)}-${pad(day)}` : null;
  const candidates: [string | null, ArticleRecord["publishedFrom"]][] = [
    [isoDate(flag), "flag"],
    [isoDate(metadata), "metadata"],
    [datelineFull, "dateline"],
    [fromUrl(url), "url"],
  ];
  const found = candidates.find(([v]) => v !== null);
  if (found) {
    const published = found[0]!;
    let datelineDate: string | null = datelineFull;
    if (!datelineDate && month && day) {
      // The dateline's month and day in the publication year; a late-December dateline on an early-January
      // publication date belongs to the year before.
      const pubYear = Number(published.slice(0, 4));
      const pubMonth = Number(published.slice(5, 7));
      const y = month === 12 && pubMonth === 1 ? pubYear - 1 : pubYear;
      datelineDate = `${y}-${pad(month)}-${pad(day)}`;
    }
    return { published, publishedFrom: found[1], datelineDate, warning: null };
  }
  if (month && day) {
    const partial = `XXXX-${pad(month)}-${pad(day)}`;
    return {
      published: partial,
      publishedFrom: "dateline",
      datelineDate: partial,
      warning: {
        code: "partial-date",
        message: `the dateline gives no year (${partial}) and no metadata gives one; pass --published YYYY-MM-DD to anchor relative dates`,
      },
    };
  }
  return {
    published: null,
    publishedFrom: null,
    datelineDate: null,
    warning: { code: "no-published-date", message: "no publication date in metadata, flag, dateline or URL; relative dates stay unresolved" },
  };
}
