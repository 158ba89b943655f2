/**
 * Time expressions chrono-node does not read (or reads differently from TimeML): years alone ("in 1960"), years as
 * adjectives ("the 1956 Joint Declaration"), year ranges ("2009-2010", "1957-58"), spoken years ("nineteen
 * ninety-six"), decades, centuries, durations (plain, hyphenated "four-week", bare "for years", "three days" of
 * "three days later"), frequencies (SET), reference words (PRESENT_REF…), anaphoric days ("the next day", relative
 * to the narrative's last date), quarters and half years, reporting periods ("the year-ago quarter", "the quarter
 * ended Sept. 30"), ranges of amounts ("two to three weeks") and seasons. Holidays are times/holidays.ts'.
 * Each regex is compiled once and linear; groups run only when a cheap test says their words can occur.
 */
import type { Time } from "../../record/schema.js";
import { addDays, isoWeek, monthYear, pad } from "./calendar.js";
import { alternation, NUMBERS, REFS, SETS, UNITS, YEAR_CUES } from "./words.js";

export interface Found {
  start: number;
  end: number;
  type: Time["type"];
  value: string;
  anchor: NonNullable<Time["anchor"]>;
  scope?: "document";
  mod?: string;
  /** For a duration that shifts from a reference time ("three days later"): how far, in days or months, and which way. */
  shift?: { amount: number; unit: "D" | "W" | "M" | "Y"; sign: 1 | -1 };
  /** Higher wins when two finds overlap (chrono results are 2; these patterns 1, or 3 where they know better). */
  priority: number;
  /** For an anaphoric time: what the stage recomputes from the dates given before it in the same sentence. */
  anaphor?: Anaphor;
  /** A clock time that names no day ("10:35 a.m."): a date right after it in the sentence gives the day. */
  dayless?: boolean;
}

/** An anaphoric time ("the following year"): its unit and which way it steps from the narrative's last date. */
export interface Anaphor {
  unit: "day" | "morning" | "afternoon" | "evening" | "night" | "week" | "month" | "year";
  sign: -1 | 0 | 1;
}

/**
 * The value of an anaphoric time told from the narrative's last date at its unit's granularity, or from the
 * publication date when the article has given none yet.
 */
export function anaphoricValue(a: Anaphor, context: TimeContext, ref: string | null): { value: string; anchor: Found["anchor"] } {
  const { unit, sign } = a;
  const fromText = unit === "year" ? context.year : unit === "month" ? context.month : context.day;
  const base = fromText ?? (unit === "year" ? ref?.slice(0, 4) : unit === "month" ? ref?.slice(0, 7) : ref ?? undefined);
  const anchor: Found["anchor"] = fromText ? "text" : "publication";
  let value: string;
  if (!base) value = unit === "year" ? "XXXX" : unit === "month" ? "XXXX-XX" : unit === "week" ? "XXXX-WXX" : "XXXX-XX-XX";
  else if (unit === "year") value = String(Number(base.slice(0, 4)) + sign);
  else if (unit === "month") {
    const mm = Number(base.slice(0, 4)) * 12 + Number(base.slice(5, 7)) - 1 + sign;
    value = `${Math.floor(mm / 12)}-${pad((mm % 12) + 1)}`;
  } else if (base.length < 10) value = unit === "week" ? "XXXX-WXX" : "XXXX-XX-XX";
  else if (unit === "week") value = isoWeek(addDays(base, 7 * sign));
  else value = addDays(base, sign);
  return { value, anchor };
}

/** What earlier sentences of the same article established. */
export interface TimeContext {
  /** The fiscal quarter an earnings story is about. */
  quarter?: number;
  /** The narrative's reference: the last date mentioned at day, month and year granularity. */
  day?: string;
  month?: string;
  year?: string;
}

const YEAR = String.raw`(1[5-9]\d{2}|20\d{2})`;
const YEAR_NC = String.raw`(?:1[5-9]\d{2}|20\d{2})`;
// Nouns that make a four-digit number a quantity, not a year ("2000 troops").
const QUANTITY = String.raw`(?!\s*(?:%|percent|per\s*cent|people|persons|troops|soldiers|workers|km|kilometers|kilometres|miles|tons|tonnes|dollars|euros|yuan|rubles|roubles|yen|points|votes|cases|deaths|times|members|seats|units|barrels|meters|metres|feet|hectares|acres|years|hours|[-–]\d))`;
const YEAR_AFTER_CUE = new RegExp(String.raw`\b(?:${alternation(YEAR_CUES)})[\s-]*${YEAR}\b${QUANTITY}`, "giu");
// "fiscal 1989": TimeBank keeps "fiscal" inside the extent.
// "the year 1996": the year named, with its noun.
const THE_YEAR_NAMED = new RegExp(String.raw`\bthe\s+year\s+${YEAR}\b`, "giu");
const FISCAL_YEAR = new RegExp(String.raw`\bfiscal(?:\s+year)?\s+${YEAR}\b`, "giu");
// "the 1956 Joint Declaration" (a year naming a thing) and "the 1998 budget" (a year as adjective).
const YEAR_ADJECTIVE = new RegExp(String.raw`\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]his|[Tt]hat)\s+${YEAR}\s+(?=(\p{Lu})?\p{L})`, "gu");
// A four-digit number from 1800 to 2099 standing alone is a year far more often than not in news ("bonds due 1993",
// "expectations for 1989"); not a name's number ("Orion 1980": the patterns before read "In 1980", chrono "May 1980"),
// an amount ("$1990", "1,995"), a clock time ("1930 GMT") or a quantity ("2000 troops").
const BARE_YEAR = new RegExp(String.raw`\b(?=[12]\d{3}\b)(?<![$€£#\d.,:/-])(?<!\b\p{Lu}\p{Ll}*\s)(1[89]\d{2}|20\d{2})\b(?![.,:/]\d|[-–]\d)${QUANTITY}(?!\s*(?:GMT|UTC|EST|EDT|CST|PST|local|hrs|h\b|a\.?m|p\.?m))`, "gu");
// "2009-2010", "1957-58", "1991–96": each end is a TIMEX3.
const YEAR_RANGE = new RegExp(String.raw`\b${YEAR}\s?[-–/]\s?(\d{4}|\d{2})\b(?![-–/]\d)`, "gu");
const DECADE = new RegExp(String.raw`\b(?:the\s+)?((?:1[5-9]|20)\d)0'?s\b`, "gu");
// "the '80s", "the late 60s": a two-digit decade needs "the" or an apostrophe ("in his 80s" is an age).
const SHORT_DECADE = /(?:\b(the)\s+)?(?:\b(?:early|mid|late)[\s-]+)?(')?\b([1-9]0)'?s\b/gu;
// "in '45", "since '91": a two-digit year after a preposition.
const SHORT_YEAR = /\b(?:in|since|of|by|from|until|till|before|after|through)\s+'(\d{2})\b(?!')/giu;
const SPOKEN_DECADES = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
const SPOKEN_DECADE = new RegExp(String.raw`\bthe\s+(?:(?:nineteen|twenty)[\s-]+)?(${SPOKEN_DECADES.join("|")})\b`, "giu");
// A decade's value: its first three digits and an X for the year, as TimeBank writes it ("the 1990s" → 199X; the
// TIMEX2 form "199" is rarer there).
const decadeValue = (first3: string) => `${first3}X`;
const ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second"];
// "the 20th century" → "19" (TimeML writes a century as its first two digits); "this century", "the last century".
const CENTURY = new RegExp(String.raw`\b(?:the\s+)?(?:(\d{1,2})(?:st|nd|rd|th)|(${[...ORDINAL_WORDS].sort((a, b) => b.length - a.length).join("|")})|(this|last|next|current|previous))[\s-]+century\b`, "giu");
const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
// Years said as words in transcripts: "nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand".
const SPOKEN_YEAR = new RegExp(
  String.raw`\b(?:(${MONTHS.join("|")})\s+)?(?:(nineteen|eighteen)[\s-]+(?:(${TENS.join("|")})(?:[\s-]+(${ONES.join("|")}))?|(${TEENS.join("|")}))|(?:the\s+year\s+)?two\s+thousand(?:\s+(?:and\s+)?(${ONES.join("|")}|${TEENS.join("|")}))?)\b`,
  "giu",
);
// "twenty-four", "thirty five": a tens word and a ones word (one alternation each, so still linear).
const COMPOUND = String.raw`(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b`;
const NUMBER = String.raw`\d+(?:\.\d+)?(?:\s+\d\/\d)?|${COMPOUND}|${alternation(NUMBERS.keys())}`;
const UNIT_WORDS = alternation(UNITS.keys());
// "two years", "5 1/2 hours", "eight trading days"; "three days" of "three days later" (TimeML leaves the signal out);
// not an age ("37 years old": TimeBank tags none).
const DURATION = new RegExp(String.raw`\b(${NUMBER})(?:\s+and\s+an?\s+half)?(?:\s+(?:trading|business|working|calendar|straight|consecutive|full))?\s+(${UNIT_WORDS})\b(?:\s+and\s+an?\s+half\b)?(?!\s+(?:ago|from\s+now|old)\b)(?:\s+(later|earlier|before|after)\b)?`, "giu");
// "four-week", "16-hour", "decades-long", "year-long" (not "6-year-old": an age).
const HYPHENATED = new RegExp(String.raw`(?<![\d,.])\b(?:(${NUMBER})-)?(${UNIT_WORDS})(-long)?\b(?!-old)`, "giu");
// "a three-year period": the noun phrase whose head is a span word is the duration.
const SPAN_NOUN = new RegExp(String.raw`\b(?:a|an|the)\s+(${NUMBER})-(${UNIT_WORDS})\s+(?:period|span|stretch|spell|term|window|interval)\b`, "giu");
// "for years", "within weeks": a bare plural unit after a preposition of duration.
const BARE = /\b(?:for|over|within|in|after)\s+(years|months|weeks|days|decades|hours|minutes)\b(?!\s+(?:ago|of|to|before|after|later|earlier))/giu;
const COMING = /\b(?:the\s+)?(?:coming|next\s+few|past\s+few|last\s+few|past\s+several|next\s+several)\s+(years|months|weeks|days|decades)\b/giu;
// "every two years", "every few months", "every other day": the period that recurs.
const EVERY_N = new RegExp(String.raw`\b(?:every|each)\s+(other|${NUMBER})\s+(${UNIT_WORDS})\b`, "giu");
// "each summer", "every weekend", "on weekends": a season or the weekend that recurs.
const EVERY_PART = /\b(?:(?:every|each)\s+(spring|summer|autumn|fall|winter|weekend)|(?<=\bon\s)(weekends))\b/giu;
const SET = new RegExp(String.raw`\b(?:${alternation(SETS.keys())})\b`, "giu");
// "each Thursday", "every Monday", "Tuesday nights", "Mondays": a weekday that recurs.
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const WEEKDAY_SET = new RegExp(String.raw`\b(?:(?:each|every)\s+(${WEEKDAYS.join("|")})(?:\s+(morning|afternoon|evening|night))?|(${WEEKDAYS.join("|")})s(?:\s+and\s+(${WEEKDAYS.join("|")})s)?|(${WEEKDAYS.join("|")})\s+(mornings|afternoons|evenings|nights))\b`, "giu");
// The next word after a frequency word is a noun it qualifies (not a function word, a verb's particle or punctuation).
const ADJECTIVE_USE = /^\s+(?!(?:and|or|but|to|in|on|at|for|by|with|from|since|until|as|than|that|which|who|the|a|an|this|these|its|their|is|are|was|were|will|would|basis|through|during|over|after|before)\b)\p{Ll}/u;
const REF = new RegExp(String.raw`\b(?:${alternation(REFS.keys())})\b`, "giu");
// Days, weeks, months and years told from the narrative's last date: "the next day", "that same day", "the following year".
const ANAPHORIC = /\b(?:(?:the\s+)?(previous|next|following|preceding|same)\s+(day|morning|afternoon|evening|night|week|month|year)|the\s+(day|week|month|year)\s+(before|after)|(?:that\s+same|that|the\s+same)\s+(day|morning|evening|night|week|month|year))\b/giu;
const QUARTER = new RegExp(String.raw`\b(?:(?:the|its)\s+)?(?:fiscal[\s-]+)?(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(s?)(?:\s+of\s+(?:fiscal\s+)?${YEAR}|\s+of\s+(this|last|next)\s+(?:fiscal\s+)?year)?`, "giu");
// Reporting periods of earnings stories: "the year-ago quarter", "the 1988 period", "this year's third quarter",
// "the latest quarter", "the corresponding period last year", "its fiscal first quarter".
const PERIOD = new RegExp(
  String.raw`\b(the|its|this\s+year's|last\s+year's|next\s+year's|${YEAR_NC}'s)\s+(?:(year-ago|year-earlier|latest|current|corresponding|comparable|same|recent|${YEAR_NC})\s+)?(?:fiscal[\s-]+)?(?:(first|second|third|fourth)[\s-]+)?(quarter|period)\b(?:\s+(a\s+year\s+(?:ago|earlier)|last\s+year|of\s+${YEAR_NC}))?`,
  "giu",
);
// "the current fiscal year", "last fiscal year", "the current month", "this decade": the publication's period at the
// unit's granularity, shifted by the modifier (TimeML: a relative expression takes the value of the period it names).
const RELATIVE_PERIOD = /\b(?:(?:the\s+)?(this|last|next|coming|previous|current|present)\s+(?:fiscal|calendar)[\s-]+year|the\s+(current|present)\s+(year|month|week)|(?:the\s+)?(this|current|present)\s+decade)\b/giu;
const YEAR_AGO_ADJ = /\b(?:the\s+)?(year-earlier|year-ago)\b/giu;
// "the year", "the week": the publication's year or week.
const THE_UNIT = /\bthe\s+(year|month|week)\b(?!\s+(?:before|after|earlier|later|ago|of|in|to|that|when|\d))|\b(an?\s+year\s+earlier|an?\s+year\s+ago)\b/giu;
// "the past 20 years", "the last three years", "the next two months", "the first nine months": durations.
// A range of amounts ("the next 12 to 18 months", "two to three weeks") is one duration; TimeBank writes its first
// amount (P2W) more often than an open one (PXM).
const SPAN_DURATION = new RegExp(String.raw`\b(?:the\s+)?(?:past|last|next|coming|previous|first|following|latest|final|full|initial)\s+(${NUMBER})(?:\s*(?:to|or|-|–)\s*(${NUMBER}))?\s+(${UNIT_WORDS})\b`, "giu");
const RANGE_CUE = /(?:\bto|\bor|[-–])\s*\S+\s+(?:year|month|week|day|hour|minute|decade|centur)/i;
const RANGE_DURATION = new RegExp(String.raw`(?<![\d,.])\b(?!(?:1[5-9]|20)\d{2}\b)(${NUMBER})\s*(?:to|or|-|–)\s*(?:${NUMBER})\s+(${UNIT_WORDS})\b(?!\s+(?:ago|old)\b)`, "giu");
// "the first half of 1997", "second-half profit": TimeML writes a half year as H1, H2.
const HALF = new RegExp(String.raw`\b(?:(?:the|its)\s+)?(first|second)[\s-]half\b(?:\s+of\s+(?:fiscal\s+)?(?:${YEAR}|(this|next|last|the)\s+year))?`, "giu");
const HALF_CONTEXT = /\b(?:quarter|period|year|profit|earnings|sales|revenue|results|fiscal|growth|economy)/i;
// "next quarter", "last quarter": the calendar quarter after or before the publication date's.
const QUARTER_REL = /\b(?:the\s+)?(next|last|past|previous|coming)\s+quarter\b/giu;
// "the quarter ended Sept. 30": the quarter whose middle month is the one before the named month (a fiscal quarter
// ended July 31 is mostly May and June: Q2).
const QUARTER_ENDED = new RegExp(String.raw`\bthe\s+(?:fiscal\s+)?quarter(?=\s+end(ed|ing)\s+(${MONTHS.map((m) => m.slice(0, 3)).join("|")})[a-z]*\.?\s+\d)`, "giu");
// "the week ended Oct. 20", "the month ending Sept. 30": the week or month of the date named.
const UNIT_ENDED = new RegExp(String.raw`\bthe\s+(week|month)(?=\s+end(?:ed|ing)\s+(${MONTHS.map((m) => m.slice(0, 3)).join("|")})[a-z]*\.?\s+(\d{1,2})\b)`, "giu");
// "Islam will one day be…", "he hopes to one day lead", "some day": an unspecified future, not a duration.
const ONE_DAY = /\b(?:(?<=\b(?:will|would|could|might|may|can|shall|should|must|to|he|she|they|we|I|you|it|who)\s+)one\s+day|some\s?day)\b(?!\s+(?:later|earlier|after|before|ago|of|and|or|off)\b)/giu;
// "the day before yesterday", "the day after tomorrow": two days from the publication date.
const TWO_DAYS = /\bthe\s+day\s+(before\s+yesterday|after\s+tomorrow)\b/giu;
// "the year ended March 31", "the fiscal year ending in June": a twelve-month period, a DURATION in TimeBank's reports.
const YEAR_ENDED = /\bthe\s+(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\b)/giu;
// "the full year" of a report is the year being reported; "by year end", "year's end": the year, at its end.
const FULL_YEAR = /\bthe\s+full\s+(?:fiscal\s+)?year\b/giu;
const YEAR_END = /\byear(?:[-\s]end\b|'s\s+end\b)/giu;
const SEASON = new RegExp(String.raw`\b(?:(this|last|next|the)\s+)?(?:(early|late)\s+)?(spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?${YEAR}\b)?`, "giu");
// "last May", "next March" (chrono leaves "last May" alone: "may" is mostly the modal).
const NAMED_MONTH = /\b(last|next|this|coming|past)\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)/gu;
// "a decade ago", "230 years ago" (chrono reads most of these first; this catches what it leaves).
const AGO = new RegExp(String.raw`\b(${NUMBER})\s+(decades?|centuries|century|years?|months?)\s+ago\b`, "giu");
const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4 };
const SEASONS: Record<string, string> = { spring: "SP", summer: "SU", autumn: "FA", fall: "FA", winter: "WI" };
const PARTS: Record<string, string> = { morning: "MO", afternoon: "AF", evening: "EV", night: "NI" };
// One pass over the sentence finds the words each group of patterns needs; a group whose words are absent is skipped
// (most sentences have none of them, and each pattern would otherwise scan the whole sentence).
const HAS_YEAR = /\d{4}/;
const CUES = /\b(?:(year|month|week|day|decade|centur|hour|minute|quarter|period)|(annual|daily|weekly|monthly|yearly|hourly|nightly|quarterly|every|each|once|twice|per)|(now|current|recent|present|past|future|formerly|nowadays|these\s+days|someday)|(spring|summer|autumn|fall|winter|morning|afternoon|evening|night)|(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(nineteen|eighteen|thousand|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|(january|february|march|april|may|june|july|august|september|october|november|december))/giu;
interface Cues {
  unit: boolean;
  set: boolean;
  ref: boolean;
  part: boolean;
  weekday: boolean;
  spoken: boolean;
  month: boolean;
}
function cues(s: string): Cues {
  const c: Cues = { unit: false, set: false, ref: false, part: false, weekday: false, spoken: false, month: false };
  CUES.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CUES.exec(s)) !== null) {
    if (m[1]) c.unit = true;
    else if (m[2]) c.set = true;
    else if (m[3]) c.ref = true;
    else if (m[4]) c.part = true;
    else if (m[5]) c.weekday = true;
    else if (m[6]) c.spoken = true;
    else c.month = true;
  }
  return c;
}

function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) yield m;
}

const word = (w: string | undefined) => (w ?? "").toLowerCase().replace(/\s+/g, " ");
const number = (n: string) => {
  const k = word(n);
  if (NUMBERS.has(k)) return NUMBERS.get(k)!;
  const compound = /^(\p{L}+)[\s-](\p{L}+)$/u.exec(k);
  if (compound && NUMBERS.has(compound[1]!) && NUMBERS.has(compound[2]!)) return String(Number(NUMBERS.get(compound[1]!)) + Number(NUMBERS.get(compound[2]!)));
  const frac = /^(\d+)\s+(\d)\/(\d)$/.exec(k);
  return frac ? String(Number(frac[1]) + Number(frac[2]) / Number(frac[3])) : k;
};

/** TimeML period value: "P2Y", "PT3H", "P40Y" for four decades (TimeBank writes decades in years), "P2Y6M" for 2½ years. */
export function period(amount: string, unit: string): string {
  if (amount === "X") return unit === "DE" || unit === "CE" ? "PXY" : unit.startsWith("T") ? `PTX${unit[1]}` : `PX${unit}`;
  let n = Number(amount);
  let u = unit;
  if (u === "DE") [n, u] = [n * 10, "Y"];
  if (u === "CE") [n, u] = [n * 100, "Y"];
  if (Number.isInteger(n)) return u.startsWith("T") ? `PT${n}${u[1]}` : `P${n}${u}`;
  // A half: the next smaller unit ("2 1/2 years" → P2Y6M, "5 1/2 hours" → PT5H30M).
  const whole = Math.floor(n);
  const half: Record<string, string> = { Y: "6M", M: "15D", W: "3D", D: "T12H", TH: "30M", TM: "30S" };
  const rest = half[u];
  if (!rest) return `P${n}${u}`;
  // "half an hour" is PT30M, not PT0H30M: a zero whole part is not written.
  if (u.startsWith("T")) return `PT${whole ? `${whole}${u[1]}` : ""}${rest}`;
  return `P${whole ? `${whole}${u}` : ""}${rest}`;
}

const CENTURY_OF = (y: number) => pad(Math.floor((y - 1) / 100), 2); // 1999 and 2000 → "19"

/** Finds pattern-based times in sentence `s` that starts at `offset` in the record text. `ref` is the publication date or null. */
export function findPatterns(s: string, offset: number, ref: string | null, context: TimeContext = {}): Found[] {
  const out: Found[] = [];
  const at = (start: number, end: number, type: Time["type"], value: string, anchored: Found["anchor"], priority = 1, extra: Partial<Found> = {}) => {
    out.push({ start: offset + start, end: offset + end, type, value, anchor: anchored, priority, ...extra });
  };
  const year = ref ? Number(ref.slice(0, 4)) : null;
  const hasYear = HAS_YEAR.test(s);
  const cue = cues(s);
  const hasUnit = cue.unit;
  if (hasYear) {
    for (const m of matches(YEAR_AFTER_CUE, s)) {
      const y = m[1]!;
      const start = m.index + m[0].lastIndexOf(y);
      at(start, start + 4, "DATE", y, "absolute");
    }
    for (const m of matches(BARE_YEAR, s)) at(m.index, m.index + 4, "DATE", m[1]!, "absolute", 0);
    for (const m of matches(THE_YEAR_NAMED, s)) at(m.index, m.index + m[0].length, "DATE", m[1]!, "absolute", 3);
    for (const m of matches(FISCAL_YEAR, s)) at(m.index, m.index + m[0].length, "DATE", m[1]!, "absolute", 3);
    for (const m of matches(YEAR_ADJECTIVE, s)) {
      const start = m.index + m[0].indexOf(m[1]!);
      // A capitalised word after the year makes it part of a name: the date of a document or event name, not of the article.
      at(start, start + 4, "DATE", m[1]!, "absolute", 3, m[2] ? { scope: "document" } : {});
    }
    for (const m of matches(YEAR_RANGE, s)) {
      const first = m[1]!;
      const second = m[2]!.length === 2 ? first.slice(0, 2) + m[2]! : m[2]!;
      if (Number(second) <= Number(first)) continue; // "1990-89" is no range (a score, an ID)
      at(m.index, m.index + 4, "DATE", first, "absolute", 3);
      const end = m.index + m[0].length;
      at(end - m[2]!.length, end, "DATE", second, "absolute", 3);
    }
    for (const m of matches(DECADE, s)) {
      const start = m.index + m[0].indexOf(m[1]!);
      at(start, m.index + m[0].length, "DATE", decadeValue(m[1]!), "absolute");
    }
  }
  if (/\d0'?s\b/.test(s)) for (const m of matches(SHORT_DECADE, s)) {
    if (!m[1] && !m[2]) continue;
    // The extent leaves "the" out, as for "the 1980s" (a modifier is taken back in by the extent rules).
    const from = m.index + m[0].length - m[3]!.length - 1 - (m[2] ? 1 : 0);
    // Decades up to the reference's own are of its century, later ones of the one before ("the '90s" read in 2019).
    const refYear = ref ? Number(ref.slice(0, 4)) : 2000;
    const tens = Number(m[3]);
    const century = Math.floor(refYear / 100) * 100;
    const y = century + tens <= refYear ? century + tens : century - 100 + tens;
    at(from, m.index + m[0].length, "DATE", decadeValue(String(y).slice(0, 3)), "absolute", 2);
  }
  if (/'\d{2}/.test(s)) for (const m of matches(SHORT_YEAR, s)) {
    const refYear = ref ? Number(ref.slice(0, 4)) : 2000;
    const yy = Number(m[1]);
    const century = Math.floor(refYear / 100) * 100;
    const y = century + yy <= refYear ? century + yy : century - 100 + yy;
    const start = m.index + m[0].length - 3;
    at(start, m.index + m[0].length, "DATE", String(y), "absolute", 2);
  }
  if (cue.spoken) {
    for (const m of matches(SPOKEN_YEAR, s)) {
      const ones = (w: string | undefined) => (w ? ONES.indexOf(word(w)) + 1 : 0);
      let y: number;
      if (m[2]) y = (word(m[2]) === "eighteen" ? 1800 : 1900) + (m[3] ? (TENS.indexOf(word(m[3])) + 2) * 10 + ones(m[4]) : TEENS.indexOf(word(m[5])) + 10);
      else y = 2000 + (m[6] ? (ONES.includes(word(m[6])) ? ones(m[6]) : TEENS.indexOf(word(m[6])) + 10) : 0);
      const v = m[1] ? `${y}-${pad(MONTHS.indexOf(word(m[1])) + 1)}` : String(y);
      at(m.index, m.index + m[0].length, "DATE", v, "absolute", 3);
    }
    for (const m of matches(SPOKEN_DECADE, s)) {
      const tens = SPOKEN_DECADES.indexOf(word(m[1])) + 2;
      const century = /twenty/i.test(m[0]) ? "20" : "19";
      at(m.index, m.index + m[0].length, "DATE", decadeValue(`${century}${tens}`), "absolute");
    }
  }
  if (hasUnit && /centur/i.test(s)) {
    for (const m of matches(CENTURY, s)) {
      const n = m[1] ? Number(m[1]) : m[2] ? ORDINAL_WORDS.indexOf(word(m[2])) + 1 : 0;
      const rel = word(m[3]);
      let v: string;
      if (n) v = pad(n - 1, 2);
      else if (!year) v = "XX";
      else v = CENTURY_OF(year + (rel === "last" || rel === "previous" ? -100 : rel === "next" ? 100 : 0));
      at(m.index, m.index + m[0].length, "DATE", v, n ? "absolute" : "publication", 3);
    }
  }
  if (hasUnit) {
    for (const m of matches(DURATION, s)) {
      const n = number(m[1]!);
      const unit = UNITS.get(word(m[2]))!;
      const half = /\band\s+an?\s+half\b/i.test(m[0]);
      const amount = n === "X" ? "X" : String(Number(n) + (half ? 0.5 : 0));
      const signal = word(m[3]);
      // "a year earlier" compares with the year before (a DATE in TimeBank's reports), not a shift of one year.
      if (/^an?\s+year\s+(?:earlier|before)$/i.test(m[0])) continue;
      // The signal word stays outside the extent; it says which way the duration shifts from its reference time.
      const body = signal ? m[0].slice(0, m[0].length - m[3]!.length).trimEnd() : m[0];
      const durEnd = m.index + body.length;
      const extra: Partial<Found> = {};
      if (signal && amount !== "X" && ["D", "W", "M", "Y"].includes(unit) && Number.isInteger(Number(amount))) {
        extra.shift = { amount: Number(amount), unit: unit as "D" | "W" | "M" | "Y", sign: signal === "later" || signal === "after" ? 1 : -1 };
      }
      at(m.index, durEnd, "DURATION", period(amount, unit), "absolute", signal ? 3 : 1, extra);
    }
    for (const m of matches(HYPHENATED, s)) {
      if (!m[1] && !m[3]) continue; // a unit alone is no duration
      if (!m[0].includes("-")) continue;
      const unit = UNITS.get(word(m[2]))!;
      const plural = /s$/i.test(m[2]!) && !m[1];
      const amount = m[1] ? number(m[1]) : plural ? "X" : "1";
      at(m.index, m.index + m[0].length, "DURATION", period(amount, unit), "absolute", 3);
    }
    for (const m of matches(SPAN_NOUN, s)) at(m.index, m.index + m[0].length, "DURATION", period(number(m[1]!), UNITS.get(word(m[2]))!), "absolute", 4);
    for (const m of matches(BARE, s)) {
      const start = m.index + m[0].length - m[1]!.length;
      at(start, m.index + m[0].length, "DURATION", period("X", UNITS.get(word(m[1]))!), "absolute");
    }
    for (const m of matches(COMING, s)) at(m.index, m.index + m[0].length, "DURATION", period("X", UNITS.get(word(m[1]))!), "absolute", 3);
    for (const m of matches(AGO, s)) {
      const n = number(m[1]!);
      const unit = word(m[2]);
      const months = n === "X" ? NaN : Number(n) * (/centur/.test(unit) ? 1200 : /decade/.test(unit) ? 120 : /year/.test(unit) ? 12 : 1);
      let v = "XXXX";
      if (ref && !Number.isNaN(months)) {
        const total = Number(ref.slice(0, 4)) * 12 + Number(ref.slice(5, 7)) - 1 - Math.round(months);
        v = /month/.test(unit) ? `${Math.floor(total / 12)}-${pad((total % 12) + 1)}` : String(Math.floor(total / 12));
      } else if (/month/.test(unit)) v = "XXXX-XX";
      at(m.index, m.index + m[0].length, "DATE", v, "publication", /decade|centur/.test(unit) ? 3 : 1);
    }
  }
  if (cue.set) for (const m of matches(EVERY_N, s)) {
    const unit = UNITS.get(word(m[2]))!;
    const n = word(m[1]) === "other" ? "2" : number(m[1]!);
    at(m.index, m.index + m[0].length, "SET", period(n, unit), "absolute", 4);
  }
  if (cue.set || /weekends/i.test(s)) for (const m of matches(EVERY_PART, s)) {
    const what = word(m[1] ?? m[2]);
    const v = /weekend/.test(what) ? "XXXX-WXX-WE" : `XXXX-${SEASONS[what]!}`;
    at(m.index, m.index + m[0].length, "SET", v, "absolute", 4);
  }
  if (cue.set) for (const m of matches(SET, s)) {
    // "a daily newspaper", "quarterly dividends": a frequency adjective before its noun is no SET; "meets daily" is.
    if (/ly$/i.test(m[0]) && !/ally$/i.test(m[0]) && ADJECTIVE_USE.test(s.slice(m.index + m[0].length))) continue;
    at(m.index, m.index + m[0].length, "SET", SETS.get(word(m[0]))!, "absolute", 3);
  }
  if (cue.weekday) {
    for (const m of matches(WEEKDAY_SET, s)) {
      const day = m[1] ?? m[3] ?? m[5];
      const part = m[2] ?? m[6]?.replace(/s$/i, "");
      const v = `XXXX-WXX-${WEEKDAYS.indexOf(word(day)) + 1}${part ? `T${PARTS[word(part)]}` : ""}`;
      if (m[3] && !m[4] && !/^(?:on|every|by)\s*$/i.test(s.slice(Math.max(0, m.index - 6), m.index).trim()) && !/^\s/.test(s.slice(m.index + m[0].length, m.index + m[0].length + 1))) continue;
      if (m[3] && m[4]) {
        // "Mondays and Tuesdays": two SETs.
        const second = m.index + m[0].length - m[4].length - 1;
        at(m.index, m.index + m[3].length + 1, "SET", v, "absolute", 3);
        at(second, second + m[4].length + 1, "SET", `XXXX-WXX-${WEEKDAYS.indexOf(word(m[4])) + 1}`, "absolute", 3);
        continue;
      }
      at(m.index, m.index + m[0].length, "SET", v, "absolute", 3);
    }
  }
  if (cue.month) for (const m of matches(NAMED_MONTH, s)) {
    const rel = word(m[1]);
    const month = MONTHS.indexOf(word(m[2])) + 1;
    const dir = rel === "last" || rel === "past" ? -1 : rel === "this" ? 0 : 1;
    const v = ref ? `${monthYear(ref, month, dir, true)}-${pad(month)}` : `XXXX-${pad(month)}`;
    at(m.index, m.index + m[0].length, "DATE", v, "publication", 3);
  }
  if (cue.ref) for (const m of matches(REF, s)) {
    // "Now, …" opening a sentence is a discourse marker, not a time.
    if (m.index === 0 && /^\s*,/.test(s.slice(m[0].length))) continue;
    // "the past year", "the past 20 years": a date or a duration, not PAST_REF.
    if (/^(?:the\s+)?past$/i.test(m[0]) && /^\s+(?:\d|year|month|week|day|decade|centur|quarter|few|several|two|three|four|five|six|seven|eight|nine|ten)/i.test(s.slice(m.index + m[0].length))) continue;
    at(m.index, m.index + m[0].length, "DATE", REFS.get(word(m[0]))!, "publication", /^the\s/i.test(m[0]) ? 3 : 1);
  }
  if (/half/i.test(s)) for (const m of matches(HALF, s)) {
    if (!m[1] || (!m[2] && !m[3] && !HALF_CONTEXT.test(s))) continue; // "the second half" of a match, not of a year
    const rel = word(m[3]);
    const y = m[2] ?? (year === null ? "XXXX" : String(year + (rel === "next" ? 1 : rel === "last" ? -1 : 0)));
    const h = word(m[1]) === "first" ? 1 : 2;
    at(m.index, m.index + m[0].length, "DATE", `${y}-H${h}`, m[2] ? "absolute" : "publication", 3);
  }
  if (/\b(?:one\s+day|some\s?day)/i.test(s)) for (const m of matches(ONE_DAY, s)) at(m.index, m.index + m[0].length, "DATE", "FUTURE_REF", "publication", 4);
  if (!hasUnit && !cue.part) return out;
  for (const m of matches(ANAPHORIC, s)) {
    // Told from the narrative's last date (the publication date when the article has given none yet).
    const rel = word(m[1] ?? m[4] ?? "same");
    // "next year" without "the" is told from the publication date (chrono reads it); "the next year" follows the text.
    if (m[1] && word(m[1]) === "next" && !/^the\s/i.test(m[0])) continue;
    const unit = word(m[2] ?? m[3] ?? m[5]);
    const sign = rel === "previous" || rel === "preceding" || rel === "before" ? -1 : rel === "next" || rel === "following" || rel === "after" ? 1 : 0;
    const anaphor = { unit: unit as Anaphor["unit"], sign: sign as Anaphor["sign"] };
    const { value: v, anchor: anchored } = anaphoricValue(anaphor, context, ref);
    // "the next morning" keeps the day's value, as weekday + part of day does.
    if (unit === "day" && rel === "same" && !/that/i.test(m[0])) continue; // "the same day" alone is too vague without "that"
    // "the day before": TimeML leaves the signal word out of the extent.
    const extent = m[4] ? m[0].slice(0, m[0].length - m[4].length).trimEnd() : m[0];
    at(m.index, m.index + extent.length, "DATE", v, anchored, 3, { anaphor });
  }
  const reports = /quarter|period|year-/i.test(s);
  // One test for the "… ended <date>" patterns, which most sentences cannot match.
  const ended = /\bend(?:ed|ing)\s/i.test(s);
  if (reports) for (const m of matches(QUARTER_REL, s)) {
    if (!ref) {
      at(m.index, m.index + m[0].length, "DATE", "XXXX-QX", "publication", 3);
      continue;
    }
    const n = Number(ref.slice(0, 4)) * 4 + Math.ceil(Number(ref.slice(5, 7)) / 3) - 1 + (/next|coming/i.test(m[1]!) ? 1 : -1);
    at(m.index, m.index + m[0].length, "DATE", `${Math.floor(n / 4)}-Q${(n % 4) + 1}`, "publication", 3);
  }
  if (reports && ended) for (const m of matches(QUARTER_ENDED, s)) {
    const month = MONTHS.findIndex((x) => x.startsWith(word(m[2]))) + 1;
    const middle = month === 1 ? 12 : month - 1;
    let y = ref ? monthYear(ref, month, word(m[1]) === "ed" ? -1 : 0, false) : null;
    if (y !== null && month === 1) y -= 1;
    at(m.index, m.index + m[0].length, "DATE", `${y ?? "XXXX"}-Q${Math.ceil(middle / 3)}`, ref ? "publication" : "absolute", 4);
  }
  if (reports) for (const m of matches(QUARTER, s)) {
    const q = ORDINAL[word(m[1])]!;
    if (m[2]) {
      at(m.index, m.index + m[0].length, "DATE", `XXXX-Q${q}`, "absolute", 2);
      continue;
    }
    // A named quarter without a year: the latest such quarter begun by the publication date.
    const current = ref ? Math.ceil(Number(ref.slice(5, 7)) / 3) : 0;
    // "the third quarter of last year" is that year's; a named quarter without a year is the latest such quarter.
    const rel = word(m[4]);
    const y = m[3] ?? (!year ? "XXXX" : rel ? String(year + (rel === "last" ? -1 : rel === "next" ? 1 : 0)) : String(q > current ? year - 1 : year));
    // "the third-quarter results": the hyphenated adjective without its noun's determiner.
    const det = /^(?:the|its)\s+/i.exec(m[0]);
    const start = det && /-quarter$/i.test(m[0]) ? m.index + det[0].length : m.index;
    at(start, m.index + m[0].length, "DATE", `${y}-Q${q}`, m[3] ? "absolute" : "publication", m[3] ? 4 : 2);
  }
  // In an earnings story ("third-quarter profit rose from a year earlier") the year before means the same quarter: the
  // one its lead names (a later "fourth-quarter outlook" does not change what the story reports).
  const named = /\b(first|second|third|fourth)[\s-]+quarter\b/i.exec(s)?.[1]?.toLowerCase();
  if (named && !context.quarter) context.quarter = ORDINAL[named];
  const q = context.quarter;
  const lastQuarter = () => {
    if (!ref) return { y: "XXXX", q: "X" };
    const cur = Math.ceil(Number(ref.slice(5, 7)) / 3) - 1;
    return cur === 0 ? { y: String(year! - 1), q: "4" } : { y: String(year), q: String(cur) };
  };
  if (reports) for (const m of matches(PERIOD, s)) {
    const det = word(m[1]);
    const which = word(m[2]);
    const tail = word(m[5]);
    const ordinal = m[3] ? ORDINAL[word(m[3])]! : undefined;
    const qn = ordinal ?? q;
    const lq = lastQuarter();
    if (ordinal && !which && !tail && (det === "the" || det === "its")) continue; // the QUARTER pattern reads these
    let y = /^\d{4}/.test(det) ? Number(det.slice(0, 4)) : /^\d{4}$/.test(which) ? Number(which) : tail.startsWith("of") ? Number(tail.slice(3)) : year;
    if (y !== null && (which === "year-ago" || which === "year-earlier" || det.startsWith("last") || /year|last/.test(tail))) y -= 1;
    if (y !== null && det.startsWith("next")) y += 1;
    if (!ordinal && (which === "latest" || which === "recent" || which === "current" || (which === "" && !q)) && y === year) {
      // The quarter a report is about: the last one ended before the publication date ("the latest quarter").
      const v = which === "current" && ref ? `${year}-Q${Math.ceil(Number(ref.slice(5, 7)) / 3)}` : `${lq.y}-Q${lq.q}`;
      if (which === "" && word(m[4]) === "period") continue; // "the period" alone says nothing
      at(m.index, m.index + m[0].length, "DATE", ref ? v : "XXXX-QX", "publication", 3);
      continue;
    }
    const v = y === null ? "XXXX-QX" : `${y}-Q${qn ?? "X"}`;
    at(m.index, m.index + m[0].length, "DATE", v, /^\d{4}/.test(det) || /^\d{4}$/.test(which) ? "absolute" : "publication", 3);
  }
  if (reports) for (const m of matches(YEAR_AGO_ADJ, s)) {
    const start = /^the\s/i.test(m[0]) ? m.index + m[0].indexOf(m[1]!) : m.index;
    at(start, m.index + m[0].length, "DATE", !ref ? "XXXX" : q ? `${year! - 1}-Q${q}` : String(year! - 1), "publication", 2);
  }
  for (const m of matches(THE_UNIT, s)) {
    const unit = m[1]?.toLowerCase();
    const yearBefore = q ? `${year! - 1}-Q${q}` : String(year! - 1);
    const value = !ref ? "XXXX" : unit === "year" ? String(year) : unit === "month" ? ref.slice(0, 7) : unit === "week" ? isoWeek(ref) : yearBefore;
    // In an earnings story the quarter reading beats chrono's plain year.
    at(m.index, m.index + m[0].length, "DATE", value, "publication", q && !unit ? 3 : 1);
  }
  if (/yesterday|tomorrow/i.test(s)) for (const m of matches(TWO_DAYS, s)) {
    const v = ref ? addDays(ref, /before/i.test(m[1]!) ? -2 : 2) : "XXXX-XX-XX";
    at(m.index, m.index + m[0].length, "DATE", v, "publication", 4);
  }
  if (ended) for (const m of matches(UNIT_ENDED, s)) {
    const month = MONTHS.findIndex((x) => x.startsWith(word(m[2]))) + 1;
    const day = Number(m[3]);
    if (!ref || day < 1 || day > 31) continue;
    const y = monthYear(ref, month, -1, false);
    const iso = `${y}-${pad(month)}-${pad(day)}`;
    at(m.index, m.index + m[0].length, "DATE", word(m[1]) === "week" ? isoWeek(iso) : iso.slice(0, 7), "publication", 4);
  }
  if (ended) for (const m of matches(YEAR_ENDED, s)) at(m.index, m.index + m[0].length, "DURATION", "P1Y", "absolute", 4);
  if (/fiscal|calendar|current|present|decade/i.test(s)) for (const m of matches(RELATIVE_PERIOD, s)) {
    const rel = word(m[1] ?? m[2] ?? m[4]);
    const unit = m[3] ? word(m[3]) : m[4] ? "decade" : "year";
    const shift = rel === "last" || rel === "previous" ? -1 : rel === "next" || rel === "coming" ? 1 : 0;
    let v: string;
    if (!ref) v = unit === "month" ? "XXXX-XX" : unit === "week" ? "XXXX-WXX" : unit === "decade" ? "XXX" : "XXXX";
    else if (unit === "year") v = String(year! + shift);
    else if (unit === "month") v = ref.slice(0, 7);
    else if (unit === "week") v = isoWeek(ref);
    else v = decadeValue(ref.slice(0, 3));
    at(m.index, m.index + m[0].length, "DATE", v, "publication", 4);
  }
  if (/full/i.test(s)) for (const m of matches(FULL_YEAR, s)) at(m.index, m.index + m[0].length, "DATE", year === null ? "XXXX" : String(year), "publication", 3);
  if (/end\b/i.test(s)) for (const m of matches(YEAR_END, s)) at(m.index, m.index + m[0].length, "DATE", year === null ? "XXXX" : String(year), "publication", 3);
  if (RANGE_CUE.test(s)) for (const m of matches(RANGE_DURATION, s)) at(m.index, m.index + m[0].length, "DURATION", period(number(m[1]!), UNITS.get(word(m[2]))!), "absolute", 3);
  for (const m of matches(SPAN_DURATION, s)) {
    const n = number(m[1]!);
    const unit = UNITS.get(word(m[3]))!;
    at(m.index, m.index + m[0].length, "DURATION", period(n, unit), "absolute", 3);
  }
  for (const m of matches(SEASON, s)) {
    const rel = word(m[1]);
    const season = SEASONS[word(m[3])]!;
    // "fall" the verb and "spring" the noun: a season needs a determiner or a year.
    if (!rel && !m[4]) continue;
    // "the fall of Rome", "the spring of discontent": a season is "of" a year only.
    if (!m[4] && /^\s+of\b/i.test(s.slice(m.index + m[0].length))) continue;
    const y = m[4] ?? (year === null ? "XXXX" : String(rel === "last" ? year - 1 : rel === "next" ? year + 1 : year));
    const mod = word(m[2]) === "early" ? "START" : word(m[2]) === "late" ? "END" : undefined;
    at(m.index, m.index + m[0].length, "DATE", `${y}-${season}`, m[4] ? "absolute" : "publication", 3, mod ? { mod } : {});
  }
  return out;
}
