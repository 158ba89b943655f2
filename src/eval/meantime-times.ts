/**
 * An extra, never-developed-on check of the times stage: MEANTIME's gold TIMEX3 mentions (120 Wikinews articles,
 * NewsReader guidelines, which follow TimeML/ISO-TimeML), scored as TempEval-3 scores (src/eval/tempeval.ts) over the span MEANTIME annotated for times (the first
 * sentences): strict
 * and relaxed extent F1, value F1 over relaxed matches. The body text is the one rebuilt from MEANTIME's tokens
 * (src/eval/meantime.ts), the creation time its publication date; gold offsets are mapped onto the record's text by a
 * character alignment (src/eval/align.ts). No rule is written from this set: it has no error listing on purpose.
 */
import { createAnalyser } from "./analyse.js";
import { alignTexts } from "./align.js";
import { dataset, isMain } from "./datasets.js";
import { readMeantime, type CatDoc } from "./meantime.js";
import { countMatches, f1, type TempEvalCounts } from "./tempeval.js";
import type { EvalRow, Scorer } from "./types.js";

export const MEANTIME_TIMES_SPLIT = "MEANTIME timexes, all (never developed on)";

export interface MeantimeTimesResult {
  counts: TempEvalCounts;
  docs: number;
}

export function scoreMeantimeTimesDocs(docs: readonly CatDoc[]): MeantimeTimesResult {
  const analyser = createAnalyser();
  const counts: TempEvalCounts = { gold: 0, system: 0, strict: 0, relaxed: 0, value: 0, type: 0 };
  for (const doc of docs) {
    // MEANTIME's creation time may carry a clock time; the stage takes the day.
    const dct = doc.published && /^\d{4}-\d{2}-\d{2}/.test(doc.published) ? doc.published.slice(0, 10) : null;
    const record = analyser.analyse(doc.text, dct, "times");
    const align = alignTexts(doc.text, record.text);
    const gold = doc.timexes.flatMap((g) => {
      const span = align.span(g.start, g.end);
      return span ? [{ ...g, ...span }] : [];
    });
    // Only the span MEANTIME annotated for times is scored (the title and first sentences; see TIMEX_SENTENCES).
    const scopeEnd = align.at(doc.timexScopeEnd);
    const c = countMatches(gold, record.times.filter((t) => t.start < scopeEnd), record.text);
    c.gold = doc.timexes.length;
    for (const k of Object.keys(c) as (keyof TempEvalCounts)[]) counts[k] += c[k];
  }
  return { counts, docs: docs.length };
}

export function meantimeTimesRows(r: MeantimeTimesResult): EvalRow[] {
  const c = r.counts;
  const base = { dataset: "MEANTIME (English)", split: MEANTIME_TIMES_SPLIT, size: `${r.docs} docs, ${c.gold} timexes` };
  return [
    { ...base, metric: "strict extent F1", value: f1(c.strict, c.system, c.gold) },
    { ...base, metric: "relaxed extent F1", value: f1(c.relaxed, c.system, c.gold) },
    { ...base, metric: "value F1", value: f1(c.value, c.system, c.gold) },
    { ...base, metric: "type F1", value: f1(c.type, c.system, c.gold) },
  ];
}

export const scoreMeantimeTimes: Scorer = async () => {
  const root = dataset("meantime");
  return root ? meantimeTimesRows(scoreMeantimeTimesDocs(readMeantime(root))) : null;
};

if (isMain(import.meta.url)) {
  const rows = await scoreMeantimeTimes();
  if (!rows) console.error("meantime not found in ../shared/datasets (set PARLEY_DATASETS)");
  for (const row of rows ?? []) console.log(`${row.split.padEnd(44)} ${row.size.padEnd(22)} ${row.metric.padEnd(18)} ${row.value.toFixed(3)}`);
}
