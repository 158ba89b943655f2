/**
 * Wire datelines at the start of a body: the place, an optional date and the agency, in the common forms
 *   MOSCOW, November 16. /TASS/.            TOKYO (Reuters) -             KUALA LUMPUR, April 1, 1997 (AFP) -
 *   BEIJING, Jan. 5 (Xinhua) --             LONDON, 12 March (Reuters) -  WASHINGTON (AP) —     PARIS —
 */
import { AGENCIES } from "./data.js";

export interface ParsedDateline {
  place: string;
  /** Month and day as written, and the year when the dateline gives one. */
  month: number | null;
  day: number | null;
  year: number | null;
  agency: string | null;
  /** Length of the dateline prefix, including the separator and following spaces. */
  length: number;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DATE = String.raw`(?:${MONTH}\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+${MONTH}(?:,?\s+\d{4})?)`;
// Place: upper-case words ("KUALA LUMPUR", "ST. PETERSBURG"), optionally ", Region" in title case ("VLADIVOSTOK, Russia").
const PLACE = String.raw`(\p{Lu}[\p{Lu}.'\-]+(?:\s+\p{Lu}[\p{Lu}.'\-]+)*)(?:,\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?))?`;
const FORMS = [
  // MOSCOW, November 16. /TASS/.
  new RegExp(String.raw`^${PLACE}(?:,\s*(${DATE}))?\.?\s*/([\p{L} ]{2,30})/\.?\s*`, "u"),
  // TOKYO (Reuters) -   KUALA LUMPUR, April 1, 1997 (AFP) -
  new RegExp(String.raw`^${PLACE}(?:,\s*(${DATE}))?\s*\(([\p{L} .]{2,30})\)\s*(?:[-–—]+|:)\s*`, "u"),
  // PARIS —   BEIJING, Jan. 5 --
  new RegExp(String.raw`^${PLACE}(?:,\s*(${DATE}))?()\s+(?:--|[–—])\s*`, "u"),
];

function parseDate(text: string | undefined): Pick<ParsedDateline, "month" | "day" | "year"> {
  if (!text) return { month: null, day: null, year: null };
  const m = /(\p{L}+)\.?\s+(\d{1,2})|(\d{1,2})\s+(\p{L}+)/u.exec(text);
  const name = (m?.[1] ?? m?.[4] ?? "").slice(0, 3).toLowerCase();
  const month = MONTHS.indexOf(name) + 1;
  const year = /\b(\d{4})\b/.exec(text)?.[1];
  return { month: month || null, day: Number(m?.[2] ?? m?.[3]) || null, year: year ? Number(year) : null };
}

export function parseDateline(paragraph: string): ParsedDateline | null {
  for (const re of FORMS) {
    const m = re.exec(paragraph);
    if (!m) continue;
    const [whole, place, region, date, agencyText] = m;
    // "PARIS —" form: the place alone must look like a place, not a shouted first word of a sentence.
    if (!agencyText && !date && place!.length < 3) continue;
    const agency = agencyText ? (AGENCIES.get(agencyText.trim().toLowerCase()) ?? agencyText.trim()) : null;
    return {
      place: region ? `${place}, ${region}` : place!,
      ...parseDate(date),
      agency,
      length: whole.length,
    };
  }
  return null;
}
