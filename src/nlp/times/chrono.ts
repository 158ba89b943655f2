/**
 * chrono-node results turned into TimeML: granularity kept (a month stays "2018-11"), weekdays, bare months and
 * month-days resolved against the reference date by the tense of their sentence, ISO weeks, "N units ago" at the
 * unit's granularity, "N units later/earlier" as the DURATION TimeML tags (the signal word left out), ranges split
 * into their two ends, and the false hits chrono makes on news text dropped (modal "may", "march" the verb, a month
 * name without a date cue). Relative values need a full reference date; without one they keep X placeholders.
 */
import * as chrono from "chrono-node";
import type { ParsedComponents, ParsedResult } from "chrono-node";
import { addDays, addMonths, isoWeek, monthYear, pad, ymd } from "./calendar.js";
import type { Found } from "./patterns.js";
import { FUTURE, NUMBERS, PAST, UNITS } from "./words.js";

const parser = chrono.casual.clone();
const MONTH_CUE = /\b(?:in|on|since|until|till|by|of|during|from|to|through|early|late|mid|last|next|this|before|after|between|and|around|end|beginning|start)[\s-]+$/i;
const MODIFIER = /\b(last|next|this|coming|past)\s+$/i;
const WEEK = /^(?:(this|last|next|that|past|coming|the\s+following|the\s+previous)\s+)?week$/i;
const WEEKDAY_ONLY = /^(?:sat|sun|mon|tue|wed|thu|fri|second)$/i;
const UNIT_WORDS = [...UNITS.keys()].join("|");
const NUMBER_WORDS = [...NUMBERS.keys()].join("|");
// "three days later", "a month earlier": TimeML tags the DURATION and leaves the signal word out.
const SHIFTED = new RegExp(String.raw`^((?:\d+(?:\.\d+)?|${NUMBER_WORDS})\s+(${UNIT_WORDS}))\s+(later|earlier|before|after)$`, "i");
// "a few days", "after ten years": durations (the patterns tag them), not dates.
const DURATION_ONLY = new RegExp(String.raw`^(?:after\s+|about\s+|some\s+|more\s+than\s+)?(?:\d+(?:\.\d+)?|${NUMBER_WORDS})\s+(?:${UNIT_WORDS})$`, "i");
// "this morning", "yesterday afternoon": TimeML writes the part of day (T MO, AF, EV, NI) on a TIME.
const DAY_PART = /^(?:(?:this|last|yesterday|tomorrow|today|mid-?)\s*(morning|afternoon|evening|night)|(tonight)|(?:(morning|afternoon|evening|night)\s+(?:of\s+)?(?:yesterday|today|tomorrow)))$/i;
const PART_CODE: Record<string, string> = { morning: "MO", afternoon: "AF", evening: "EV", night: "NI", tonight: "NI" };
// "June last year", "January this year": the year phrase belongs to the month's extent.
const YEAR_AFTER = /^\s+(?:of\s+)?(this|last|next)\s+year\b/i;
// "two weeks ago": a DATE at the granularity of its unit.
const AGO = new RegExp(String.raw`^(?:\d+(?:\.\d+)?|${NUMBER_WORDS})\s+(${UNIT_WORDS})\s+ago$`, "i");
// A range read as one result by chrono: TimeML tags each end.
// What the text itself says: a year written out, a month named (chrono marks both "certain" for "two weeks ago" too).
const WRITTEN_YEAR = /\d{4}|'\d{2}\b/;
const WRITTEN_MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])|\d{1,2}\/\d{1,2}|\d{4}-\d{2}/i;
// "the end of November": TimeML keeps the month's value and says END in `mod` (the stage adds the words back).
const PART_OF = /^(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+/i;
// "the night of Oct. 23": TimeBank tags the date alone (chrono reads the whole as the reference day).
const DAY_PART_OF = /^(?:the\s+)?(?:morning|afternoon|evening|night)\s+of\s+/i;
const RANGE_JOIN = /\s*(?:-|–|—|\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b)\s*/i;

/**
 * -1 when the verb beside the expression is past, +1 future, 0 when no cue stands within REACH characters. The
 * nearest cue wins.
 */
const REACH = 30;
const DECIMAL_TIME = /^\d{1,2}\.\d{2}(?!\s*(?:[ap]\.?m\b|o'clock))[\s,]*(?:on\s+)?/i;
const PASSIVE_BE = /\bbe\s+$/i;
const WORD_CHAR = /[\p{L}']/u;
export function tense(sentence: string, at: number, end: number): -1 | 0 | 1 {
  const re = /[\p{L}']+/gu;
  let best = Infinity;
  let sign: -1 | 0 | 1 = 0;
  let m: RegExpExecArray | null;
  // Only words within REACH of the expression count: start at the word that ends there, stop past it (scanning the
  // whole sentence for every expression is quadratic in a long sentence of dates).
  let from = Math.max(0, at - REACH - 1);
  while (from > 0 && WORD_CHAR.test(sentence[from - 1]!)) from--;
  re.lastIndex = from;
  while ((m = re.exec(sentence)) !== null && m.index <= end + REACH) {
    if (m.index >= at && m.index < end) continue;
    const w = m[0].toLowerCase();
    // "will be paid", "to be completed": a participle after "be" is passive, not past; the auxiliary before it decides.
    if (PASSIVE_BE.test(sentence.slice(Math.max(0, m.index - 6), m.index))) continue;
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

/**
 * The year of a month and day: the occurrence nearest the reference date, unless the tense says otherwise and the
 * nearest one lies more than FLIP days on the wrong side (a reporting verb's past tense says little about a date a
 * week ahead; it does about one five months ahead).
 */
const FLIP = 90;
function monthDay(ref: string, month: number, day: number, t: -1 | 0 | 1): string {
  const y = Number(ref.slice(0, 4));
  const candidates = [y - 1, y, y + 1].map((yy) => `${yy}-${pad(month)}-${pad(day)}`);
  const dist = (iso: string) => (Date.parse(iso) - Date.parse(ref)) / 86_400_000;
  let best = candidates.reduce((a, b) => (Math.abs(dist(b)) < Math.abs(dist(a)) ? b : a));
  if (t < 0 && dist(best) > FLIP) best = `${Number(best.slice(0, 4)) - 1}${best.slice(4)}`;
  if (t > 0 && dist(best) < -FLIP) best = `${Number(best.slice(0, 4)) + 1}${best.slice(4)}`;
  return best;
}

/** Converts chrono's results in sentence `s` (at `offset`) to TimeML finds. `ref` is the reference date (YYYY-MM-DD) or null. */
export function findChrono(s: string, offset: number, ref: string | null, verbTense?: VerbTense): Found[] {
  const out: Found[] = [];
  const tenseOf = (at: number, end: number): -1 | 0 | 1 => verbTense?.(offset + at, offset + end) ?? tense(s, at, end);
  // chrono needs an instant; without a reference date the values that depend on it are written with X instead.
  const instant = new Date(`${ref ?? "2000-07-01"}T12:00:00Z`);
  // chrono's patterns slow down on long runs of white space, which no time expression crosses: parse the pieces
  // between them (offsets stay those of the sentence).
  const gap = /\s{3,}/g;
  let from = 0;
  for (;;) {
    const m = gap.exec(s);
    const to = m ? m.index : s.length;
    if (to > from) {
      const piece = s.slice(from, to);
      if (/[\p{L}\d]/u.test(piece)) {
        for (const r of parser.parse(piece, { instant, timezone: 0 }, { forwardDate: false })) {
          for (const f of split(r)) {
            const found = convert(from + f.index, f.text, f.c, s, ref, tenseOf);
            if (found) out.push({ ...found, start: found.start + offset, end: found.end + offset });
          }
        }
      }
    }
    if (!m) break;
    from = m.index + m[0].length;
  }
  return out;
}

/** A range ("Sept. 14 to Thursday", "Nov. 1 through Nov. 17") becomes its two ends; anything else stays whole. */
function split(r: ParsedResult): { index: number; text: string; c: ParsedComponents }[] {
  if (!r.end) return [{ index: r.index, text: r.text, c: r.start }];
  const join = RANGE_JOIN.exec(r.text);
  if (!join || join.index === 0) return [{ index: r.index, text: r.text, c: r.start }];
  const first = r.text.slice(0, join.index);
  const secondAt = join.index + join[0].length;
  const second = r.text.slice(secondAt);
  // The second end alone ("17" of "Nov. 1-17") is not a TimeML extent of its own: keep the first end only.
  if (!/\p{L}/u.test(second) && !/\d{4}/.test(second)) return [{ index: r.index, text: first, c: r.start }];
  return [
    { index: r.index, text: first, c: r.start },
    { index: r.index + secondAt, text: second, c: r.end },
  ];
}

type TenseOf = (at: number, end: number) => -1 | 0 | 1;
/** The tense of the verb governing a span of the text (absolute offsets), or null when the parse gives none. */
export type VerbTense = (start: number, end: number) => -1 | 0 | 1 | null;

function convert(index: number, raw: string, c: ParsedComponents, s: string, ref: string | null, tenseOf: TenseOf): Found | null {
  let start = index;
  let text = raw;
  // TimeML extents leave out the preposition ("on Monday" → "Monday") and trailing punctuation.
  const lead = /^(?:on|at|in|by|from|since|until|during|of|for|within|over)\s+/i.exec(text);
  if (lead) {
    start += lead[0].length;
    text = text.slice(lead[0].length);
  }
  // "Jan. 1, 1990 at 1" (a list's "at 1 p.m." cut off, or "at 1%"): the date without the bare number.
  const bareAt = /\s+at\s+\d{1,2}$/.exec(text);
  if (bareAt) text = text.slice(0, bareAt.index);
  text = text.replace(/[\s,;:(]+$/, "").replace(/(?<!\b(?:[ap]\.m|[A-Z][a-z]{2}|[A-Z][a-z]{3}|[a-z]))\.$/, "");
  // Brackets and dashes around the expression ("(Sunday)", "Thursday)", "- a month") and a dangling "of" are not in it.
  const opening = /^[(\-–—\s]+/.exec(text);
  if (opening) {
    start += opening[0].length;
    text = text.slice(opening[0].length);
  }
  if (!text.includes("(")) text = text.replace(/\)+$/, "");
  text = text.replace(/\s+of$/i, "");
  if (!text) return null;
  // "the last day of the talks", "at the last minute", "this Y": no calendar day or clock time.
  if (/^(?:the\s+)?last\s+(?:day|minute)$/i.test(text) || /^(?:this|last|next)\s+\p{L}$/iu.test(text)) return null;
  for (const lead of [DAY_PART_OF, PART_OF]) {
    const part = lead.exec(text);
    if (!part) continue;
    const rest = text.slice(part[0].length);
    const again = parser.parse(rest, { instant: new Date(`${ref ?? "2000-07-01"}T12:00:00Z`), timezone: 0 }, { forwardDate: false })[0];
    if (!again || again.index !== 0) return null;
    return convert(start + part[0].length, again.text, again.start, s, ref, tenseOf);
  }
  // "rose 6.43, on Friday": a decimal read as a clock time (news writes times with a colon or a.m./p.m.); the rest may
  // still be a date.
  const decimal = DECIMAL_TIME.exec(text);
  if (decimal) {
    const rest = text.slice(decimal[0].length);
    const again = rest ? parser.parse(rest, { instant: new Date(`${ref ?? "2000-07-01"}T12:00:00Z`), timezone: 0 }, { forwardDate: false })[0] : undefined;
    if (!again || again.index !== 0) return null;
    return convert(start + decimal[0].length, again.text, again.start, s, ref, tenseOf);
  }
  if (/quarter/i.test(text) || /\d0'?s\b/.test(text)) return null; // quarters and decades are the patterns' job
  // A part of the day alone ("morning", "in the evening") has no day to give; "the SEC" is no second.
  if (/^(?:the\s+)?(?:morning|afternoon|evening|night|noon)$/i.test(text) || /\bsec\b/i.test(text)) return null;
  const has = (k: Parameters<typeof c.isCertain>[0]) => c.isCertain(k);
  // Cues are matched on the end of what precedes (a regex anchored only at the end of the whole prefix scans it from
  // every position: quadratic over a sentence of many dates). The tail keeps the trailing spaces and the word before.
  let cueAt = start;
  while (cueAt > 0 && /[\s-]/.test(s[cueAt - 1]!)) cueAt--;
  const before = s.slice(Math.max(0, cueAt - 16), start);
  // Bare month names: "may" the modal, "march" the verb, "March" without a date cue are not dates.
  if (has("month") && !has("day") && !has("year") && !has("weekday")) {
    if (!/^\p{Lu}/u.test(text) && !/^(?:last|next|this|coming|past)\s/i.test(text)) return null;
    if (!MONTH_CUE.test(before) && !/^\s*,?\s*\d{4}/.test(s.slice(start + text.length)) && !/^(?:last|next|this|coming|past)\s/i.test(text)) return null;
  }
  if (WEEKDAY_ONLY.test(text.trim())) {
    // A lone weekday abbreviation or ambiguous word without "on"/"last"… is too weak to stand as a date.
    if (!/\b(?:on|last|next|this|by|until|since|from)\s+$/i.test(before)) return null;
  }
  // chrono reads "now" loosely, "2.50 a share" as a time, "7/8" as a date: none of these is a TimeML date.
  if (/^now$/i.test(text.trim())) return null;
  if (/^\d+(?:[.:]\d+)?\s*a$/i.test(text) || /^\d{1,2}\/\d{1,2}$/.test(text) || /^\d+$/.test(text) || /^\d+\s+to\s+\d+$/i.test(text)) return null;
  let end = start + text.length;

  // "three days later": the duration without its signal word (durations are otherwise the patterns' job).
  const shifted = SHIFTED.exec(text);
  if (shifted && !/^an?\s+year\s+(?:earlier|before)$/i.test(text)) return null; // the patterns tag the duration
  // "the talks lasts": chrono reads "last s" as the last second.
  if (/^(?:lasts?|next|past)$/i.test(text)) return null;
  // "for a second straight year": the ordinal, not one second from now.
  if (/^(?:an?|one|the)\s+second$/i.test(text)) return null;
  if (DURATION_ONLY.test(text) || /^(?:the\s+)?(?:year|month|week|day)$/i.test(text)) return null;
  // "in the years that followed": chrono reads "the" as one ("in one year"); a plural unit is an open duration.
  const plural = /^the\s+(years|months|weeks|days|decades)$/i.exec(text);
  if (plural) {
    const u = UNITS.get(plural[1]!.toLowerCase())!;
    return { start: start + text.length - plural[1]!.length, end: start + text.length, type: "DURATION", value: u === "DE" ? "PXY" : `PX${u}`, anchor: "absolute", priority: 2 };
  }
  if (/^the\s+(?:days|weeks|months|years)\s+(?:before|after)/i.test(text)) return null;

  const date = c.date();
  const yearKnown = has("year") && WRITTEN_YEAR.test(text);
  const monthKnown = has("month") && WRITTEN_MONTH.test(text);
  const anchored: Found["anchor"] = yearKnown && /\d{4}/.test(text) ? "absolute" : "publication";
  // The tense is read only for the values that need it (a weekday, a month without its year).
  let tenseMemo: -1 | 0 | 1 | undefined;
  const t = () => (tenseMemo ??= tenseOf(start, end));
  const found = (type: Found["type"], value: string, from = start): Found => ({ start: from, end, type, value, anchor: anchored, priority: 2 });
  const X = (v: string) => (ref || yearKnown ? v : v.replace(/\d/g, "X"));

  // "two weeks ago", "five months ago": the unit decides the granularity of the value.
  const ago = AGO.exec(text);
  if (ago) {
    const unit = UNITS.get(ago[1]!.toLowerCase())!;
    if (!ref) return found("DATE", unit === "D" ? "XXXX-XX-XX" : unit === "W" ? "XXXX-WXX" : unit === "M" ? "XXXX-XX" : "XXXX");
    const iso = ymd(date);
    const v = unit === "D" ? iso : unit === "W" ? isoWeek(iso) : unit === "M" ? iso.slice(0, 7) : unit === "DE" ? iso.slice(0, 3) : unit === "CE" ? iso.slice(0, 2) : unit.startsWith("T") ? `${iso}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` : iso.slice(0, 4);
    return found(unit.startsWith("T") ? "TIME" : "DATE", v);
  }

  // Weeks are ISO weeks counted from the reference date (chrono's week starts on Sunday).
  const week = WEEK.exec(text);
  if (week) {
    if (!ref) return found("DATE", "XXXX-WXX");
    const w = week[1]?.toLowerCase().replace(/\s+/g, " ");
    const shift = w === "last" || w === "past" || w === "the previous" ? -7 : w === "next" || w === "coming" || w === "the following" ? 7 : 0;
    return found("DATE", isoWeek(addDays(ref, shift)));
  }
  if (/^(?:(?:this|last|next|the|that)\s+)?weekend$/i.test(text)) {
    if (!ref) return found("DATE", "XXXX-WXX-WE");
    const w = /^(last|next|this)/i.exec(text)?.[1]?.toLowerCase();
    // "the weekend" read on Monday to Wednesday is the one just past; later in the week, the coming one.
    const dow = (new Date(`${ref}T12:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(ref, -dow);
    const nearest = w === "this" || dow > 2 ? monday : addDays(monday, -7);
    return found("DATE", `${isoWeek(addDays(nearest, w === "last" ? -7 : w === "next" ? 7 : 0))}-WE`);
  }

  let iso = ymd(date);
  const month = has("month") ? (c.get("month") ?? date.getUTCMonth() + 1) : date.getUTCMonth() + 1;
  const day = c.get("day") ?? date.getUTCDate();
  if (has("weekday") && !has("day") && ref) {
    // A weekday alone: news reports what happened, so the last one (or the reference day) unless a future cue
    // stands beside it. "next Friday" and "last Friday" say so themselves.
    const wd = c.get("weekday") ?? date.getUTCDay();
    const back = (7 + new Date(`${ref}T12:00:00Z`).getUTCDay() - wd) % 7; // days since the last such weekday
    const ahead = (7 - back) % 7; // days to the next one (0: the reference day)
    if (/^last\s/i.test(text)) iso = addDays(ref, back === 0 ? -7 : -back);
    else if (/^(?:next|coming)\s/i.test(text)) iso = addDays(ref, ahead === 0 ? 7 : ahead);
    else if (/^this\s/i.test(text) || t() > 0) iso = addDays(ref, ahead);
    else iso = addDays(ref, -back);
  }
  if (has("day") && has("month") && !yearKnown && ref) iso = monthDay(ref, month, day, t());

  const dayPart = DAY_PART.exec(text);
  if (dayPart && !has("hour")) {
    const code = PART_CODE[(dayPart[1] ?? dayPart[2] ?? dayPart[3])!.toLowerCase()]!;
    // chrono reads "afternoon yesterday" (the day after the part) as today: the day word decides.
    const dayWord = /\b(yesterday|tomorrow)\b/i.exec(text)?.[1]?.toLowerCase();
    if (dayWord && ref) iso = addDays(ref, dayWord === "yesterday" ? -1 : 1);
    return found("TIME", `${ref ? iso : "XXXX-XX-XX"}T${code}`);
  }
  if (has("hour") && !bareAt) {
    // The clock time as written ("5 p.m. EST" is 17:00 local), not converted to UTC; "5 p.m." is T17, "5:30" T05:30.
    const hh = pad(c.get("hour") ?? date.getUTCHours());
    const mm = pad(c.get("minute") ?? 0);
    const clock = found("TIME", `${X(yearKnown || ref ? iso : "XXXX-XX-XX")}T${hh}:${mm}`);
    if (!has("day") && !has("weekday") && !has("month") && !/\b(?:yesterday|today|tonight|tomorrow)\b/i.test(text)) clock.dayless = true;
    return clock;
  }
  if (has("day") || has("weekday")) {
    if (yearKnown || ref) return found("DATE", iso);
    return found("DATE", has("day") && monthKnown ? `XXXX-${pad(month)}-${pad(day)}` : "XXXX-XX-XX");
  }
  if (has("month")) {
    const mod = MODIFIER.exec(before);
    let y = date.getUTCFullYear();
    if (!yearKnown && ref) {
      const lead = mod?.[1] ?? /^(last|next|this|coming|past)\s/i.exec(text)?.[1];
      const dir = lead ? (/last|past/i.test(lead) ? -1 : /next|coming/i.test(lead) ? 1 : 0) : t();
      y = monthYear(ref, month, dir, !!lead);
    }
    let from = start;
    if (mod && !/\bmonth\b/i.test(text)) from -= mod[0].length;
    const yearAfter = !yearKnown && !mod ? YEAR_AFTER.exec(s.slice(end)) : null;
    if (yearAfter && ref) {
      const w = yearAfter[1]!.toLowerCase();
      y = Number(ref.slice(0, 4)) + (w === "last" ? -1 : w === "next" ? 1 : 0);
      end += yearAfter[0].length;
    }
    if (/^(?:this|last|next|coming|past)\s+month$/i.test(text)) {
      if (!ref) return found("DATE", "XXXX-XX", from);
      const shift = /^(?:last|past)/i.test(text) ? -1 : /^(?:next|coming)/i.test(text) ? 1 : 0;
      return found("DATE", addMonths(ref, shift).slice(0, 7), from);
    }
    return found("DATE", yearKnown || ref ? `${y}-${pad(month)}` : monthKnown ? `XXXX-${pad(month)}` : "XXXX-XX", from);
  }
  if (has("year")) return found("DATE", X(String(date.getUTCFullYear())));
  return found("DATE", ref ? iso : "XXXX-XX-XX");
}
