/** The first and last day a partial TimeML date covers ("1960" → 1960-01-01…1960-12-31); null for "XXXX-11-16" or null. */
export function dateSpan(value: string | null | undefined): [string, string] | null {
  const m = value ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value) : null;
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d) return [value!, value!];
  if (mo) {
    const last = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    return [`${y}-${mo}-01`, `${y}-${mo}-${String(last).padStart(2, "0")}`];
  }
  return [`${y}-01-01`, `${y}-12-31`];
}
