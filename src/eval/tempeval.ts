/**
 * TempEval-3 time-expression scores on TBAQ-cleaned (TimeBank 1.2 + AQUAINT, gold TIMEX3), computed as the
 * TempEval-3 scorer does: strict extent (exact offsets) and relaxed extent (overlap) P/R/F1; value and type as
 * attribute F1 over relaxed matches (a match counts only with the right attribute); type accuracy over matches.
 * The document creation time is the publication date. Run alone with --errors to list misses and false hits.
 */
import { readFileSync } from "node:fs";
import { createAnalyser } from "./analyse.js";
import { dataset, isMain, listFiles } from "./datasets.js";
import { creationTime, element, stripTags } from "./timeml.js";
import type { EvalRow, Scorer } from "./types.js";

export interface TempEvalCounts {
  gold: number;
  system: number;
  strict: number;
  relaxed: number;
  value: number;
  type: number;
}

const f1 = (matched: number, system: number, gold: number) => {
  const p = system ? matched / system : 0;
  const r = gold ? matched / gold : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
};

export function scoreTempEvalDocs(onError?: (doc: string, kind: string, text: string, detail: string) => void): { counts: TempEvalCounts; docs: number } | null {
  const dir = dataset("tempeval3/TBAQ-cleaned");
  if (!dir) return null;
  const analyser = createAnalyser();
  const c: TempEvalCounts = { gold: 0, system: 0, strict: 0, relaxed: 0, value: 0, type: 0 };
  const files = listFiles(dir, ".tml");
  for (const file of files) {
    const xml = readFileSync(file, "utf8");
    const { text, timexes: gold } = stripTags(element(xml, "TEXT") ?? "");
    const record = analyser.analyse(text, creationTime(xml), "times");
    const system = record.times;
    c.gold += gold.length;
    c.system += system.length;
    const used = new Set<number>();
    for (const g of gold) {
      const exact = system.findIndex((s, i) => !used.has(i) && s.start === g.start && s.end === g.end);
      const overlap = exact >= 0 ? exact : system.findIndex((s, i) => !used.has(i) && s.start < g.end && g.start < s.end);
      if (overlap < 0) {
        onError?.(file, "miss", text.slice(g.start, g.end), `${g.type} ${g.value}`);
        continue;
      }
      used.add(overlap);
      const s = system[overlap]!;
      if (exact >= 0) c.strict++;
      c.relaxed++;
      if (s.value === g.value) c.value++;
      else onError?.(file, "value", text.slice(g.start, g.end), `gold ${g.value}, got ${s.value} ("${s.text}")`);
      if (s.type === g.type) c.type++;
    }
    system.forEach((s, i) => {
      if (!used.has(i)) onError?.(file, "false", s.text, `${s.type} ${s.value}`);
    });
  }
  return { counts: c, docs: files.length };
}

function rows(r: { counts: TempEvalCounts; docs: number }): EvalRow[] {
  const { counts: c, docs } = r;
  const base = { dataset: "TempEval-3 TBAQ-cleaned", split: "TimeBank+AQUAINT", size: `${docs} docs, ${c.gold} timexes` };
  return [
    { ...base, metric: "strict extent F1", value: f1(c.strict, c.system, c.gold) },
    { ...base, metric: "relaxed extent F1", value: f1(c.relaxed, c.system, c.gold), target: 0.9 },
    { ...base, metric: "relaxed extent precision", value: c.system ? c.relaxed / c.system : 0 },
    { ...base, metric: "relaxed extent recall", value: c.gold ? c.relaxed / c.gold : 0 },
    { ...base, metric: "value F1", value: f1(c.value, c.system, c.gold), target: 0.85 },
    { ...base, metric: "type F1", value: f1(c.type, c.system, c.gold) },
    { ...base, metric: "type accuracy (matched)", value: c.relaxed ? c.type / c.relaxed : 0 },
  ];
}

export const scoreTempEval: Scorer = async () => {
  const r = scoreTempEvalDocs();
  return r ? rows(r) : null;
};

if (isMain(import.meta.url)) {
  const show = (doc: string, kind: string, text: string, detail: string) =>
    console.log(`${kind.padEnd(5)} ${JSON.stringify(text).padEnd(30)} ${detail}  ${doc.replace(/^.*\//, "")}`);
  const r = scoreTempEvalDocs(process.argv.includes("--errors") ? show : undefined);
  for (const row of r ? rows(r) : []) console.log(`${row.metric.padEnd(26)} ${row.value.toFixed(3)}`);
}
