/**
 * chrono-node results turned into TimeML: granularity kept (a month stays "2018-11"), weekdays and bare months
 * resolved by the tense of their sentence ("on Monday arrived" looks back, "will meet on Friday" forward),
 * "last/next/this November", and the false hits chrono makes on news text dropped (modal "may", "march" the verb,
 * a month name without a date cue).
 */
import * as chrono from "chrono-node";
import type { ParsedResult } from "chrono-node";
import { addDays, isoWeek, pad, ymd } from "./calendar.js";
import type { Found } from "./patterns.js";
import { FUTURE, PAST } from "./words.js";

const parser = chrono.casual.clone();
const MONTH_CUE = /\b(in|on|since|until|till|by|of|during|from|to|through|early|late|mid|last|next|this|before|after|between|and|around|end|beginning|start)[\s-]+$/i;
const MODIFIER = /\b(last|next|this|coming|past)\s+$/i;
const WEEK = /\b(this|last|next|that|past|coming)\s+week\b/i;

/**
 * -1 when the verb beside the expression is past, +1 future, 0 when no cue stands within REACH characters (then
 * chrono's nearest date is kept: a "Jan. 14" in a January 6 article is most often the coming one). The nearest
 * cue wins.
 */
const REACH = 30;
export function tense(sentence: string, at: number, end: number): -1 | 0 | 1 {
  const re = /[\p{L}']+/gu;
  let best = Infinity;
  let sign: -1 | 0 | 1 = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence)) !== null) {
    if (m.index >= at && m.index < end) continue;
    const w = m[0].toLowerCase();
    const isPast = PAST.has(w) || (w.length > 4 && w.endsWith("ed") && !FUTURE.has(w));
    const isFuture = FUTURE.has(w) && w !== "to";
    if (!isPast && !isFuture) continue;
    const d = m.index < at ? at - m.index - m[0].length : m.index - end;
    if (d < best && d <= REACH) {
      best = d;
      sign = isPast ? -1 : 1;
    }
  }
  return sign;
}

function monthShift(anchor: string, month: number, direction: -1 | 0 | 1): number {
  // The year of a bare month: last → the latest such month before the anchor's month; next → the first after it;
  // no sign → the nearest one (November in a January article is last November).
  const y = Number(anchor.slice(0, 4));
  const m = Number(anchor.slice(5, 7));
  if (direction < 0) return month < m ? y : y - 1;
  if (direction > 0) return month > m ? y : y + 1;
  if (month - m > 6) return y - 1;
  if (m - month > 6) return y + 1;
  return y;
}

/** Converts chrono's results in sentence `s` (at `offset`) to TimeML finds. `anchor` is YYYY-MM-DD or null. */
export function findChrono(s: string, offset: number, anchor: string | null, ref: Date): Found[] {
  const out: Found[] = [];
  for (const r of parser.parse(s, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    const f = convert(r, s, anchor);
    if (f) out.push({ ...f, start: f.start + offset, end: f.end + offset });
  }
  return out;
}

function convert(r: ParsedResult, s: string, anchor: string | null): Found | null {
  let start = r.index;
  let text = r.text;
  // TimeML extents leave out the preposition ("on Monday" → "Monday") and trailing punctuation.
  const lead = /^(?:on|at|in|by|from|since|until|during|of)\s+/i.exec(text);
  if (lead) {
    start += lead[0].length;
    text = text.slice(lead[0].length);
  }
  text = text.replace(/[\s,.;:]+$/, "");
  const c = r.start;
  const has = (k: Parameters<typeof c.isCertain>[0]) => c.isCertain(k);
  const before = s.slice(0, start);
  // Bare month names: "may" the modal, "march" the verb, "March" without a date cue are not dates.
  if (has("month") && !has("day") && !has("year") && !has("weekday")) {
    if (!/^\p{Lu}/u.test(text)) return null;
    if (!MONTH_CUE.test(before) && !/^\s*,?\s*\d{4}/.test(s.slice(start + text.length))) return null;
  }
  if (/^(sat|sun|mon|tue|wed|thu|fri|second)$/i.test(text.trim())) {
    // A lone weekday abbreviation or ambiguous word without "on"/"last"… is too weak to stand as a date.
    if (!/\b(on|last|next|this|by|until|since|from)\s+$/i.test(before)) return null;
  }
  // chrono reads "now" loosely, "2.50 a share" as a time, "7/8" as a date, and "for one minute" as a date:
  // none of these is a TimeML date (durations are the patterns' job).
  if (/^now$/i.test(text.trim())) return null;
  if (/^\d+(?:[.:]\d+)?\s*a$/i.test(text) || /^\d{1,2}\/\d{1,2}$/.test(text) || /^\d+$/.test(text)) return null;
  if (/^(?:for|after|within|over|in|the)\s+(?:about\s+|some\s+|more than\s+)?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\w+)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b(?!\s+(?:ago|later|from now))/i.test(r.text)) return null;
  if (/^the\s+(?:days|weeks|months|years)\s+(?:before|after)/i.test(text)) return null;
  const date = c.date();
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const yearKnown = has("year");
  const anchored: Found["anchor"] = yearKnown && /\d{4}/.test(text) ? "absolute" : "publication";
  const end = start + text.length;
  const t = tense(s, start, end);

  // Weekdays: chrono picks the nearest; the tense of the sentence decides.
  let iso = ymd(date);
  if (has("weekday") && !has("day") && anchor) {
    if (t < 0 && iso > anchor) iso = addDays(iso, -7);
    if (t > 0 && iso < anchor) iso = addDays(iso, 7);
  }
  if (has("day") && has("month") && !yearKnown && anchor) {
    // A month and day without a year: the tense says whether it is the last or the next one.
    const y = Number(iso.slice(0, 4));
    if (t < 0 && iso > anchor) iso = `${y - 1}${iso.slice(4)}`;
    if (t > 0 && iso < anchor) iso = `${y + 1}${iso.slice(4)}`;
  }
  let value: string;
  let type: Found["type"] = "DATE";
  if (has("hour")) {
    type = "TIME";
    value = `${anchor || yearKnown ? iso : "XXXX-XX-XX"}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  } else if (has("day") || has("weekday")) {
    value = yearKnown || anchor ? iso : has("day") ? `XXXX-${pad(month)}-${pad(date.getUTCDate())}` : "XXXX-XX-XX";
    if (WEEK.test(text)) value = anchor ? isoWeek(iso) : "XXXX-WXX";
  } else if (has("month")) {
    const mod = MODIFIER.exec(before);
    let y = year;
    if (!yearKnown && anchor) {
      const dir = mod ? (/last|past/i.test(mod[1]!) ? -1 : /next|coming/i.test(mod[1]!) ? 1 : 0) : t;
      y = monthShift(anchor, month, dir);
    }
    if (mod && !/\bmonth\b/i.test(text)) {
      start -= mod[0].length;
      text = s.slice(start, end);
    }
    value = yearKnown || anchor ? `${y}-${pad(month)}` : `XXXX-${pad(month)}`;
  } else if (has("year")) {
    value = String(year);
  } else if (WEEK.test(text)) {
    value = anchor ? isoWeek(iso) : "XXXX-WXX";
  } else {
    value = anchor ? iso : "XXXX-XX-XX";
  }
  // A part of the day ("Thursday night", "tonight") keeps the day's value: TimeBank writes it so far more often than
  // with a TNI/TMO suffix (measured on TempEval-3), and the day is what event dating needs.
  return { start, end, type, value, anchor: anchored, priority: 2 };
}
