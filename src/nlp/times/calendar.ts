/** Small calendar arithmetic on ISO dates (UTC) and TimeML value formatting. */
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return ymd(d);
}

/** ISO 8601 week value of a date: "2019-W04". */
export function isoWeek(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7)); // the Thursday of its week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${pad(week)}`;
}

export { pad };

const PART_START: Record<string, string> = { Q1: "01", Q2: "04", Q3: "07", Q4: "10", H1: "01", H2: "07", SP: "03", SU: "06", FA: "09", WI: "12" };

/**
 * The first day a TimeML value covers, at the value's own precision ("2019-W03" → "2019-01-14", "2019-Q2" →
 * "2019-04", "2019-01" stays): week, quarter, half and season values compared as text would sort after every
 * month of their year ("2019-W03" > "2019-01-22").
 */
export function valueStart(value: string): string {
  const week = /^(\d{4})-W(\d{2})/.exec(value);
  if (week) {
    const jan4 = new Date(Date.UTC(Number(week[1]), 0, 4));
    const monday = Date.UTC(Number(week[1]), 0, 4 - ((jan4.getUTCDay() + 6) % 7) + 7 * (Number(week[2]) - 1));
    return ymd(new Date(monday));
  }
  const part = /^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)\b/.exec(value);
  return part ? `${part[1]}-${PART_START[part[2]!]}` : value;
}

/** The same day `months` months later (clamped to the month's last day); only the YYYY-MM part is used by callers. */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${pad(mm + 1)}-01`;
}

/** The year of a bare month: last → the latest such month before the reference month; next → the first after it; no sign → the nearest. */
export function monthYear(ref: string, month: number, direction: -1 | 0 | 1, strict: boolean): number {
  const y = Number(ref.slice(0, 4));
  const m = Number(ref.slice(5, 7));
  // "last November" in November is a year back; "in November … said" in November is this one.
  if (direction < 0) return month < m || (!strict && month === m) ? y : y - 1;
  if (direction > 0) return month > m || (!strict && month === m) ? y : y + 1;
  if (month - m > 6) return y - 1;
  if (m - month > 6) return y + 1;
  return y;
}

