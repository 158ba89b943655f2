/**
 * States that no longer exist, and the spans in which a state of today was part of one: both read from data files
 * (data/actors/README.md). `historical.json` lists the dissolved states (an entry naming a successor other than
 * itself); `predecessors.json`, converted from the Phoenix country dictionary by scripts/convert-phoenix.ts, says
 * while when a state was part of one ("Russian SFSR" 1917-11-09 – 1991-12-25 within the Soviet Union).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../eval/datasets.js";

interface Span {
  code: string;
  predecessor: string;
  from?: string;
  to?: string;
}

const DIR = join(REPO_ROOT, "data", "actors");
const historical = JSON.parse(readFileSync(join(DIR, "historical.json"), "utf8")) as { codes: { code: string }[]; successor?: string }[];
/** Codes of states that no longer exist (SUN, YUG, CSK, DDR): an event of theirs cannot take a present-day date. */
export const DISSOLVED: ReadonlySet<string> = new Set(historical.filter((h) => h.successor && h.codes[0]?.code !== h.successor).map((h) => h.codes[0]!.code));

const spans = JSON.parse(readFileSync(join(DIR, "predecessors.json"), "utf8")) as Span[];

/** The dissolved state a state (3-letter code) was part of on `date` (YYYY-MM-DD, or a prefix), if any. */
export function predecessorOn(code: string, date: string): string | undefined {
  return spans.find((s) => s.code === code && (!s.from || s.from <= date) && (!s.to || date <= s.to))?.predecessor;
}
