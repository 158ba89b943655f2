/**
 * The headline of a page saved as text, among its furniture: site names, menus and section labels, share and
 * subscribe lines ("Join our … channel"), timestamps, bylines, captions, photo credits and page icons
 * (data/structure/furniture.yaml). The lines before the body (the dateline, else the first paragraph that reads as
 * body text) are the head; the headline is the first head line shaped like one (a line the page repeats, as a page
 * title with its site name, wins), the standfirst the next such line; every other head line is furniture, kept in
 * `removed` with its reason. Texts whose head is a line or none keep the simple rule in structure.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../eval/datasets.js";
import { parseDateline } from "./dateline.js";
import { readDateLine } from "./page-date.js";

interface Rule {
  reason: string;
  re: RegExp;
}

const data = parse(readFileSync(join(REPO_ROOT, "data", "structure", "furniture.yaml"), "utf8")) as {
  head?: { reason: string; pattern: string; matchCase?: boolean }[];
  sites?: string[];
};
const HEAD_RULES: Rule[] = (data.head ?? []).map((r) => ({ reason: r.reason, re: new RegExp(`^(?:${r.pattern})$`, r.matchCase ? "u" : "iu") }));
const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
export const SITES = new Set((data.sites ?? []).map(norm));
const DOMAIN = /^(?:www\.)?[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|org|net|info|news|co|tv|ru|cn|jp|in|uk|de|fr|kr|tr|ir|ua|ae|sg|pk|au|ca|io)$/iu;
/** Separators between a headline and a site name in a page title. */
const TITLE_SEPARATOR = /\s+[|–—-]\s+|\s+::\s+/;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const endsLikeSentence = (s: string) => /[.!?…]["”’)\]]?$/.test(s);

export function isSiteName(line: string, source?: string | null): boolean {
  const n = norm(line).replace(/\s+(news|online|\.com)$/, "");
  return SITES.has(norm(line)) || SITES.has(n) || (source ? n === norm(source) : false) || DOMAIN.test(line.trim());
}

/** The furniture reason of a head line, or null when it may be article text. */
export function furnitureOf(line: string, source?: string | null): string | null {
  const t = line.trim();
  if (isSiteName(t, source)) return "site-name";
  // "The Guardian - Back to home", "Reuters | World": a site name before a separator.
  const first = t.split(TITLE_SEPARATOR)[0]!;
  if (first !== t && isSiteName(first, source)) return "site-name";
  if (t.length > 400) return null;
  for (const r of HEAD_RULES) if (r.re.test(t)) return r.reason;
  // A date with its labels in any written form ("📅 January 24, 2024", "11:02 March 18, 2024").
  if (readDateLine(t)?.whole) return "timestamp";
  return null;
}

/** A page title "Headline | Site" (or " - Site"): the headline part when the rest is a known site, else null. */
export function withoutSiteName(line: string, source?: string | null): string | null {
  const parts = line.split(TITLE_SEPARATOR);
  if (parts.length < 2) return null;
  const site = parts[parts.length - 1]!;
  if (!isSiteName(site, source) && !furnitureOf(site, source)) return null;
  const head = line.slice(0, line.length - site.length).replace(/[\s|–—:-]+$/, "");
  return words(head) >= 3 ? head : null;
}

/**
 * A wire line of place and date alone ("ROME 1996-12-06", "AL-AIN , United Arab Emirates 1996-12-06"): the
 * dateline, on a line of its own. It opens the body and stays in the text (it names the place).
 */
const WIRE_DATELINE = /^\p{Lu}[^\n\d]{0,80}\s\d{4}-\d{2}-\d{2}$/u;

/** A paragraph that reads as body text: a sentence of some length. */
const bodyLike = (s: string) => words(s) >= 20 && endsLikeSentence(s);

/** English function words of four letters or more, which say nothing about what a line is about. */
const FUNCTION_WORDS = new Set(
  "about after also been before being could does from have into more most much only other over said says since some such than that their them then there these they this those through under very were what when where which while will with would your".split(" "),
);
/** A line's content words, cut to six letters (so "negotiations" meets "negotiate"). */
function contentWords(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of s.toLowerCase().match(/\p{L}{4,}/gu) ?? []) if (!FUNCTION_WORDS.has(w)) out.add(w.slice(0, 6));
  return out;
}

/**
 * Of the head lines shaped like a headline, the one that tells what the lead tells: a headline sums up the first
 * paragraphs, a site's tagline, a menu entry or another article's headline does not. The first line sharing at least
 * half as much of its words with the lead as the best one wins (the headline comes before the standfirst, which
 * often repeats the lead more). Null when no line shares a word with the lead: the first shaped line is taken then.
 */
function byLead(shapedLines: readonly number[], lines: readonly string[], bodyStart: number): number | undefined {
  const lead = contentWords(lines.slice(bodyStart, bodyStart + 3).join(" "));
  const overlap = (i: number) => {
    const w = contentWords(lines[i]!);
    let shared = 0;
    for (const x of w) if (lead.has(x)) shared++;
    return w.size ? shared / w.size : 0;
  };
  const scores = shapedLines.map(overlap);
  const best = Math.max(0, ...scores);
  if (best === 0) return shapedLines[0];
  return shapedLines.find((_, k) => scores[k]! >= best / 2);
}

export interface HeadChoice {
  /** Index of the first body line. */
  bodyStart: number;
  title: number | null;
  /** The headline text when it differs from its line (a page title whose site name was cut off). */
  titleText?: string;
  standfirst: number | null;
  /** Head lines that are furniture, by index, with the reason. */
  furniture: Map<number, string>;
}

/**
 * Chooses headline and standfirst among the lines before the body, or returns null when the head has fewer than two
 * lines (the simple first-line rule applies then).
 */
export function chooseHead(lines: readonly string[], source?: string | null): HeadChoice | null {
  let bodyStart = -1;
  const limit = Math.min(lines.length, 300);
  for (let i = 0; i < limit; i++) if (parseDateline(lines[i]!) || WIRE_DATELINE.test(lines[i]!.trim())) {
    bodyStart = i;
    break;
  }
  // A line too long for a headline is body text too: nothing of that length is dropped as furniture.
  const tooLong = (s: string) => words(s) > 40 || s.length > 300;
  const dated = bodyStart >= 0;
  for (let i = 0; i < (dated ? bodyStart : limit); i++) if ((!dated && bodyLike(lines[i]!) && !furnitureOf(lines[i]!, source)) || tooLong(lines[i]!)) {
    bodyStart = i;
    break;
  }
  if (bodyStart < 2) return null;

  const furniture = new Map<number, string>();
  const candidates: number[] = [];
  for (let i = 0; i < bodyStart; i++) {
    const line = lines[i]!;
    const reason = furnitureOf(line, source);
    if (reason) furniture.set(i, reason);
    else if (words(line) >= 3) candidates.push(i);
    else furniture.set(i, "page-furniture");
  }

  // A line right after a photo credit is its caption ("Getty Images" / "Vladimir Putin and Shinzo Abe have met …").
  for (let k = candidates.length - 1; k >= 0; k--) {
    const i = candidates[k]!;
    if (furniture.get(i - 1) === "photo-credit") {
      furniture.set(i, "caption");
      candidates.splice(k, 1);
    }
  }
  const nextToCredit = (i: number) => furniture.get(i + 1) === "photo-credit";

  // A headline the page repeats (its title with the site name, a breadcrumb, a share text) is the headline.
  const stripped = new Map<number, string>();
  for (const i of candidates) {
    const head = withoutSiteName(lines[i]!, source);
    if (head) stripped.set(i, head);
  }
  let title: number | null = null;
  let titleText: string | undefined;
  for (const i of candidates) {
    const key = norm(stripped.get(i) ?? lines[i]!);
    const twin = candidates.find((j) => j !== i && norm(stripped.get(j) ?? lines[j]!) === key);
    if (twin !== undefined) {
      // Keep the bare one; the page-title copy with the site name is furniture.
      const [keep, drop] = stripped.has(i) && !stripped.has(twin) ? [twin, i] : [i, twin];
      title = keep;
      furniture.set(drop, "page-title");
      break;
    }
  }
  // A line followed by three menu lines is in the menu (a site's tagline, a featured link), not the headline.
  const MENU = new Set(["section-label", "skip-link", "site-name", "page-debris"]);
  const inMenu = (i: number) => [1, 2, 3].every((k) => MENU.has(furniture.get(i + k) ?? ""));
  const shaped = (i: number) => words(lines[i]!) >= 4 && !inMenu(i);
  title ??= byLead(candidates.filter((i) => shaped(i) && !endsLikeSentence(lines[i]!)), lines, bodyStart) ?? candidates.find(shaped) ?? candidates[0] ?? null;
  if (title !== null && stripped.has(title)) titleText = stripped.get(title);

  let standfirst: number | null = null;
  if (title !== null) {
    // A standfirst sums up the story in a phrase or a sentence: four words at least ("✍️ Staff Reporter" is a byline).
    const phrase = (i: number) => (lines[i]!.match(/\p{L}+/gu) ?? []).length >= 4;
    const next = candidates.find((i) => i > title! && !furniture.has(i) && !nextToCredit(i) && phrase(i));
    if (next !== undefined) standfirst = next;
  }
  for (const i of candidates) if (i !== title && i !== standfirst && !furniture.has(i)) furniture.set(i, nextToCredit(i) ? "caption" : "page-furniture");
  return { bodyStart, title, ...(titleText ? { titleText } : {}), standfirst, furniture };
}
