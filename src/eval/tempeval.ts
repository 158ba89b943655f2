/**
 * TempEval-3 time-expression scores on TBAQ-cleaned (TimeBank 1.2 + AQUAINT, gold TIMEX3), computed as the
 * TempEval-3 scorer does: strict extent (exact offsets) and relaxed extent (overlap) P/R/F1; value and type as
 * attribute F1 over relaxed matches (a match counts only with the right attribute); type accuracy over matches.
 * The document creation time is the publication date. Gold offsets are mapped onto the record's text by a character
 * alignment (src/eval/align.ts).
 *
 * The times stage is rule-based and TBAQ is its only gold set, so TBAQ is split in two by a fixed rule (`tbaqHalf`):
 * rules are developed on half A; half B is only scored. Run alone with --errors to list half A's misses and false
 * hits; --errors-b lists half B's (and warns: reading them spends the held-out half).
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createAnalyser } from "./analyse.js";
import { alignTexts } from "./align.js";
import { dataset, isMain, listFiles } from "./datasets.js";
import type { Time } from "../record/schema.js";
import { creationTime, element, stripTags, type Timex } from "./timeml.js";
import type { EvalRow, Scorer } from "./types.js";

export interface TempEvalCounts {
  gold: number;
  system: number;
  strict: number;
  relaxed: number;
  value: number;
  type: number;
}

export type Half = "A" | "B";
export type ErrorSink = (doc: string, kind: string, text: string, detail: string) => void;

/**
 * The fixed split: TBAQ's file names (without folders) sorted by code point; even positions (0, 2, …) are half A,
 * odd ones half B. Neighbours in that order mostly come from the same source and day, so each half gets a like mix.
 */
export function tbaqHalves(files: readonly string[]): Map<string, Half> {
  const names = files.map((f) => basename(f)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(names.map((n, i) => [n, i % 2 === 0 ? "A" : "B"]));
}

export const f1 = (matched: number, system: number, gold: number) => {
  const p = system ? matched / system : 0;
  const r = gold ? matched / gold : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
};

const zero = (): TempEvalCounts => ({ gold: 0, system: 0, strict: 0, relaxed: 0, value: 0, type: 0 });

/**
 * Matches gold timexes (already in record offsets) with the system's, as the TempEval-3 scorer does: an exact span
 * first, else the first unused overlapping one. `gold` in the counts is the number given; a caller whose gold lost
 * spans in the alignment sets it to the number read.
 */
export function countMatches(
  gold: readonly Timex[],
  system: readonly Time[],
  text: string,
  onError?: (kind: string, text: string, detail: string) => void,
): TempEvalCounts {
  const c = zero();
  c.gold = gold.length;
  c.system = system.length;
  const used = new Set<number>();
  for (const g of gold) {
    const exact = system.findIndex((s, i) => !used.has(i) && s.start === g.start && s.end === g.end);
    const overlap = exact >= 0 ? exact : system.findIndex((s, i) => !used.has(i) && s.start < g.end && g.start < s.end);
    const shown = text.slice(g.start, g.end);
    if (overlap < 0) {
      onError?.("miss", shown, `${g.type} ${g.value}`);
      continue;
    }
    used.add(overlap);
    const s = system[overlap]!;
    if (exact >= 0) c.strict++;
    else onError?.("span", shown, `got "${s.text}"`);
    c.relaxed++;
    if (s.value === g.value) c.value++;
    else onError?.("value", shown, `gold ${g.value}, got ${s.value} ("${s.text}")`);
    if (s.type === g.type) c.type++;
    else onError?.("type", shown, `gold ${g.type}, got ${s.type}`);
  }
  system.forEach((s, i) => {
    if (!used.has(i)) onError?.("false", s.text, `${s.type} ${s.value}`);
  });
  return c;
}

export interface TempEvalResult {
  counts: Record<Half | "all", TempEvalCounts>;
  docs: Record<Half | "all", number>;
}

/** Scores every TBAQ document; `errors[half]` receives that half's misses, wrong values and false hits. */
export function scoreTempEvalDocs(errors: Partial<Record<Half, ErrorSink>> = {}): TempEvalResult | null {
  const dir = dataset("tempeval3/TBAQ-cleaned");
  if (!dir) return null;
  const analyser = createAnalyser();
  const files = listFiles(dir, ".tml");
  const halves = tbaqHalves(files);
  const counts = { A: zero(), B: zero(), all: zero() };
  const docs = { A: 0, B: 0, all: 0 };
  for (const file of files) {
    const half = halves.get(basename(file))!;
    const onError = errors[half];
    const xml = readFileSync(file, "utf8");
    const { text, timexes } = stripTags(element(xml, "TEXT") ?? "");
    const record = analyser.analyse(text, creationTime(xml), "times");
    const align = alignTexts(text, record.text);
    const gold = timexes.flatMap((g) => {
      const span = align.span(g.start, g.end);
      return span ? [{ ...g, ...span }] : [];
    });
    const c = countMatches(gold, record.times, record.text, (kind, shown, detail) => onError?.(file, kind, shown, detail));
    c.gold = timexes.length;
    for (const into of [counts[half], counts.all]) for (const k of Object.keys(c) as (keyof TempEvalCounts)[]) into[k] += c[k];
    docs[half]++;
    docs.all++;
  }
  return { counts, docs };
}

const SPLIT: Record<Half | "all", string> = {
  A: "half A (even file-name index; developed on)",
  B: "half B (odd file-name index; held out, only scored)",
  all: "all (TimeBank+AQUAINT)",
};

export function tempEvalRows(r: TempEvalResult): EvalRow[] {
  return (["B", "A", "all"] as const).flatMap((half) => {
    const c = r.counts[half];
    const base = { dataset: "TempEval-3 TBAQ-cleaned", split: SPLIT[half], size: `${r.docs[half]} docs, ${c.gold} timexes` };
    const target = (t: number) => (half === "B" ? { target: t } : {});
    return [
      { ...base, metric: "strict extent F1", value: f1(c.strict, c.system, c.gold), ...target(0.8) },
      { ...base, metric: "relaxed extent F1", value: f1(c.relaxed, c.system, c.gold) },
      { ...base, metric: "relaxed extent precision", value: c.system ? c.relaxed / c.system : 0 },
      { ...base, metric: "relaxed extent recall", value: c.gold ? c.relaxed / c.gold : 0 },
      { ...base, metric: "value F1", value: f1(c.value, c.system, c.gold), ...target(0.82) },
      { ...base, metric: "type F1", value: f1(c.type, c.system, c.gold) },
      { ...base, metric: "type accuracy (matched)", value: c.relaxed ? c.type / c.relaxed : 0 },
    ];
  });
}

export const scoreTempEval: Scorer = async () => {
  const r = scoreTempEvalDocs();
  return r ? tempEvalRows(r) : null;
};

if (isMain(import.meta.url)) {
  const show: ErrorSink = (doc, kind, text, detail) =>
    console.log(`${kind.padEnd(5)} ${JSON.stringify(text).padEnd(30)} ${detail}  ${basename(doc)}`);
  const errors: Partial<Record<Half, ErrorSink>> = {};
  if (process.argv.includes("--errors")) errors.A = show;
  if (process.argv.includes("--errors-b")) {
    console.error("WARNING: listing half B's errors. Half B is the held-out half: rules must never be written from it,");
    console.error("         and once read its figures no longer measure unseen text. Use --errors (half A) to develop.");
    errors.B = show;
  }
  const r = scoreTempEvalDocs(errors);
  if (!r) console.error("tempeval3/TBAQ-cleaned not found in ../shared/datasets (set PARLEY_DATASETS)");
  for (const row of r ? tempEvalRows(r) : []) console.log(`${row.split.padEnd(52)} ${row.size.padEnd(22)} ${row.metric.padEnd(26)} ${row.value.toFixed(3)}`);
}
