/**
 * Wire datelines at the start of a body: the place, an optional date and the agency, in the common forms
 *   MOSCOW, November 16. /TASS/.            TOKYO (Reuters) -             KUALA LUMPUR, April 1, 1997 (AFP) -
 *   BEIJING, Jan. 5 (Xinhua) --             LONDON, 12 March (Reuters) -  WASHINGTON (AP) —     PARIS —
 *   VLADIVOSTOK, Russia (Reuters) -         DUBAI/LONDON (Reuters) -      LONDON, Dec 2, 2006 -  (Reuters) -
 *   Moscow, Nov 16 (Interfax) -   (a title-case place only with a known agency)
 *   NEW DELHI: India and …         WASHINGTON _ The …             ABU DHABI, 22nd January, 2019 (WAM) --
 *   Hong Kong CNN —   (a known agency without brackets, then a long dash)
 *   Madrid, Jan 22 (EFE).- …       MOSCOW. Jan 22 (Interfax) -
 * The forms come from the shapes counted in te3-silver (scripts/dateline-shapes.ts) and the agencies' style guides.
 */
import { AGENCIES } from "./data.js";

export interface ParsedDateline {
  place: string | null;
  /** Month and day as written, and the year when the dateline gives one. */
  month: number | null;
  day: number | null;
  year: number | null;
  agency: string | null;
  /** Length of the dateline prefix up to and including its separator (no trailing space). */
  length: number;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_FORMS = ["Jan(?:uary)?", "Feb(?:ruary)?", "Mar(?:ch)?", "Apr(?:il)?", "May", "June?", "July?", "Aug(?:ust)?", "Sept?(?:ember)?", "Oct(?:ober)?", "Nov(?:ember)?", "Dec(?:ember)?"];
// Title case or capitals ("APRIL 1"), never lower case.
const MONTH = `(?:${[...MONTH_FORMS, ...MONTH_FORMS.map((f) => f.toUpperCase())].join("|")})\\.?`;
// "November 16", "Jan. 5, 2006", "12 March 2019"; the silver corpus repeats the year ("Dec 2, 2006, 2006").
// Ordinal days too ("22nd January, 2019", WAM; "Jan 22nd").
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const DATE = String.raw`(?:${MONTH}\s+${DAY}(?:\s*,?\s+\d{4})?|${DAY}\s+${MONTH}(?:,?\s+\d{4})?)(?:,\s*\d{4})?`;
const UPPER_PLACE = String.raw`\p{Lu}[\p{Lu}.'’\-]+(?:(?:\s+|\s*/\s*)\p{Lu}[\p{Lu}.'’\-]*)*`;
const TITLE_PLACE = String.raw`\p{Lu}\p{Ll}+(?:[\s\-]\p{Lu}\p{Ll}+){0,2}`;
const REGION = String.raw`\p{Lu}[\p{L}.\-]+(?:\s+\p{L}[\p{L}.\-]+){0,2}`;
const AGENCY = String.raw`\p{L}[\p{L}\d .&\-]{0,29}`;
// Groups: 1 upper-case place, 2 title-case place, 3 region, 4 date, 5 /AGENCY/, 6 (AGENCY), 7 dash after (AGENCY),
// 8 bare dash ("PARIS —", "WASHINGTON _" in the New York Times wire of the 1990s), 9 colon ("NEW DELHI:", the form of
// South Asian and Gulf papers).
const FORM = new RegExp(
  String.raw`^(?:(${UPPER_PLACE})|(${TITLE_PLACE}))(?:,\s*(${REGION}))?(?:(?:[,.]\s*|\s+)(${DATE}))?,?` +
    String.raw`(?:\.?\s*/(${AGENCY})/\.?|\s*\((${AGENCY})\)\.?(\s*(?:[-–—_]+|:))?|\s+(--|[-–—_])|(:)(?=\s))`,
  "u",
);
/** Capitals that open a line as a label, not a place ("ANALYSIS:", "UPDATE —"). */
const KICKERS = new Set(["ANALYSIS", "UPDATE", "UPDATED", "EXCLUSIVE", "BREAKING", "BREAKING NEWS", "WATCH", "OPINION", "EDITORIAL", "NOTE", "CORRECTION", "FACTBOX", "EXPLAINER", "INTERVIEW", "PHOTOS", "VIDEO", "LIVE", "WARNING", "REVIEW", "COMMENT", "FEATURE", "SPECIAL", "URGENT", "FLASH", "ALERT", "NEWS", "Q&A", "FACT CHECK", "POLL", "REPORT", "ADVISORY", "CORRECTED", "REFILE", "RPT", "WRAPUP", "INSIGHT", "BRIEF", "SOURCE", "SOURCES", "EDITOR'S NOTE"]);
// "Hong Kong CNN —": place and a known agency without brackets, then a long dash (CNN's form).
const BARE_AGENCY = new RegExp(String.raw`^(${UPPER_PLACE}|${TITLE_PLACE})\s+(\p{Lu}[\p{L}]{1,15})\s*(?:—|–|--)(?=\s|$)`, "u");
// "(Reuters) - Japan said …": agency alone, which must be a known one.
const AGENCY_ONLY = new RegExp(String.raw`^\((${AGENCY})\)\s*(?:[-–—]+|:)`, "u");

function parseDate(text: string | undefined): Pick<ParsedDateline, "month" | "day" | "year"> {
  if (!text) return { month: null, day: null, year: null };
  const m = /(\p{L}+)\.?\s+(\d{1,2})|(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+)/u.exec(text);
  const name = (m?.[1] ?? m?.[4] ?? "").slice(0, 3).toLowerCase();
  const month = MONTHS.indexOf(name) + 1;
  const year = /\b(\d{4})\b/.exec(text)?.[1];
  return { month: month || null, day: Number(m?.[2] ?? m?.[3]) || null, year: year ? Number(year) : null };
}

const knownAgency = (s: string): string | undefined => AGENCIES.get(s.trim().toLowerCase());

/** Reads a dateline at the start of `paragraph`, or null when it does not open with one. */
export function parseDateline(paragraph: string): ParsedDateline | null {
  const only = AGENCY_ONLY.exec(paragraph);
  if (only) {
    const agency = knownAgency(only[1]!);
    return agency ? { place: null, month: null, day: null, year: null, agency, length: only[0].length } : null;
  }
  const bare = BARE_AGENCY.exec(paragraph);
  const bareAgency = bare ? knownAgency(bare[2]!) : undefined;
  if (bare && bareAgency && !KICKERS.has(bare[1]!.trim())) return { place: bare[1]!, month: null, day: null, year: null, agency: bareAgency, length: bare[0].length };
  const m = FORM.exec(paragraph);
  if (!m) return null;
  const [whole, upper, title, region, date, slashAgency, parenAgency, parenDash, bareDash, colon] = m;
  if (upper && KICKERS.has(upper.trim())) return null;
  // "NEW DELHI: India and …": a colon only after a short upper-case place with nothing between.
  if (colon && (!upper || region || date || upper.split(/[\s/]+/).length > 3)) return null;
  const agencyText = slashAgency ?? parenAgency;
  const agency = agencyText ? (knownAgency(agencyText) ?? agencyText.trim()) : null;
  // A title-case place ("Moscow, Nov 16 (Interfax) -") is trusted only with a known agency.
  if (title && !(agencyText && knownAgency(agencyText))) return null;
  // An unknown word in brackets needs the dash after it ("WASHINGTON (AP) —"), else "NATO (the alliance) said" passes.
  if (parenAgency && !parenDash && !knownAgency(parenAgency)) return null;
  // Place names run to three or four words ("SALT LAKE CITY", "DUBAI/ABU DHABI"); longer capitals are a shouted
  // lead-in ("QUESTIONABLE MEDICAL CLAIMS — …"), which a bare dash must not turn into a dateline.
  const words = upper ? upper.split(/[\s/]+/).length : 0;
  if (words > 4) return null;
  if (bareDash) {
    if (!date && words > 2 && !agency) return null;
    // "PARIS —" needs a long dash or "--"; a plain hyphen only after a date ("LONDON, Dec 2, 2006 -"), so that
    // "US forces - some 50,000 troops - remain" is not a dateline.
    if (bareDash === "-" && !date) return null;
    if (!date && upper!.length < 3) return null;
  }
  // "MOSCOW. Jan 22 (Interfax)": the period after the place is punctuation (not in "D.C.").
  const place = upper && /^[^.]+\.$/.test(upper) ? upper.slice(0, -1) : (upper ?? title!);
  return {
    place: region ? `${place}, ${region}` : place,
    ...parseDate(date),
    agency,
    length: whole.trimEnd().length,
  };
}
