/**
 * How an event takes its date, so that no date is invented (data/events/dating.yaml):
 * - a time expression is usable for an event only when its value is a resolved calendar value; without a
 *   publication date a time resolved against the publication day is not (it would be a default day);
 * - arithmetic from an event ("74 years after the war ended") is dated only when the phrase names the anchor's date;
 * - no event is dated before `earliest` unless the time writes the year out, nor after its article unless it is
 *   expected (future);
 * - background told in the past (after the war, decades ago) without a date of its own is undated.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../eval/datasets.js";
import type { Time } from "../record/schema.js";
import { valueStart } from "../nlp/times/calendar.js";

interface DatingData {
  background: string[];
  relativeToEvent: string;
  earliest: number;
}

const DATA = parse(readFileSync(join(REPO_ROOT, "data", "events", "dating.yaml"), "utf8")) as DatingData;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const BACKGROUND = new RegExp(`\\b(?:${DATA.background.map((p) => escape(p).replace(/\s+/g, "\\s+")).join("|")})\\b`, "i");
const RELATIVE_TO_EVENT = new RegExp(`${DATA.relativeToEvent}\\s*$`, "i");
const YEAR_AFTER = /^\s*(?:the\s+)?(?:\d{3,4}|[A-Z][a-z]+ \d{1,2},? \d{4})\b/;

/** Why a time cannot date an event, or null when it can. `after` is the text right after the time. */
export function unusableTime(t: Time, published: string | null, after: string): string | null {
  if (t.scope === "document") return "names a document";
  if (t.type !== "DATE" && t.type !== "TIME") return "not a date";
  if (!/^\d{3,4}/.test(t.value)) return "unresolved";
  if (!published && t.anchor === "publication") return "relative, without a publication date";
  if (RELATIVE_TO_EVENT.test(t.text) && !YEAR_AFTER.test(after)) return "arithmetic from an event whose date the text does not give";
  const year = Number(t.value.slice(0, 4).padEnd(4, "0"));
  if (year < DATA.earliest && !t.text.includes(t.value.slice(0, 4))) return `before ${DATA.earliest} without the year written`;
  return null;
}

/** True when `date` (a TimeML value, any granularity) lies after the publication day. */
export function afterArticle(value: string, published: string | null): boolean {
  if (!published) return false;
  const date = valueStart(value);
  const n = Math.min(date.length, published.length);
  return date.slice(0, n) > published.slice(0, n);
}

/** True when the clause tells background ("after the war", "decades ago"). */
export function isBackground(clause: string): boolean {
  return BACKGROUND.test(clause);
}
