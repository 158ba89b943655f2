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

