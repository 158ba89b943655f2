/**
 * `npm run eval`: scores the pipeline on the public gold sets in ../shared/datasets and on the sample-article checks,
 * and prints one table (data set, split, size, metric, value, target). A scorer whose data set is absent prints a
 * "skipped" line instead of figures. Options: --only NAME[,NAME] (samples, titles, tempeval, meantime-times, conll, polnear, plover, samples, ud,
 * stories, coref, neardup), --json (rows as JSON on stdout), --markdown (the README's table).
 */
import { performance } from "node:perf_hooks";
import { scoreConll } from "./conll.js";
import { scoreCoref } from "./coref.js";
import { scoreMeantimeTimes } from "./meantime-times.js";
import { DATASETS_MISSING } from "./datasets.js";
import { scorePlover } from "./plover.js";
import { scorePolnear } from "./polnear.js";
import { scoreNeardup } from "./neardup.js";
import { scoreSamples } from "./samples.js";
import { scoreStories } from "./stories.js";
import { scoreTempEval } from "./tempeval.js";
import { scoreTitles } from "./titles.js";
import { scoreUd } from "./ud.js";
import type { EvalRow, Scorer } from "./types.js";

export const SCORERS: ReadonlyArray<readonly [string, Scorer]> = [
  ["samples", scoreSamples],
  ["titles", scoreTitles],
  ["tempeval", scoreTempEval],
  ["meantime-times", scoreMeantimeTimes],
  ["conll", scoreConll],
  ["polnear", scorePolnear],
  ["plover", scorePlover],
  ["ud", scoreUd],
  ["stories", scoreStories],
  ["coref", scoreCoref],
  ["neardup", scoreNeardup],
];

const verdict = (r: EvalRow) =>
  r.target === undefined ? "" : (r.metric.includes("per sentence") ? r.value <= r.target : r.value >= r.target) ? "met" : "short";
/** Two decimals, three where the target has them (UPOS 0.955). */
const target = (t: number) => t.toFixed(Math.abs(t * 100 - Math.round(t * 100)) > 1e-9 ? 3 : 2);
const cellsOf = (r: EvalRow) => [r.dataset, r.split, r.size, r.metric, r.value.toFixed(3), r.target === undefined ? "" : target(r.target), verdict(r)];
const head = ["data set", "split", "size", "metric", "value", "target", ""];

/**
 * The README's table: the same rows as Markdown, without the per-type recalls and the opt-in pattern file's rows
 * (each scorer prints those when run alone), a short target marked in bold.
 */
function markdown(rows: EvalRow[]): string {
  const kept = rows.filter((r) => !/^(opt-in: |recall )/.test(r.metric));
  const line = (c: string[]) => `| ${c.join(" | ")} |`;
  return [line(head.slice(0, 6)), line(head.slice(0, 6).map(() => "---")),
    ...kept.map((r) => {
      const c = cellsOf(r);
      return line([...c.slice(0, 5), c[5] ? `${c[5]} ${c[6] === "short" ? "**short**" : "met"}` : ""]);
    })].join("\n");
}

function table(rows: EvalRow[]): string {
  const cells = rows.map(cellsOf);
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(width[i]!)).join("  ").trimEnd();
  return [line(head), line(width.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

async function main(): Promise<number> {
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]?.split(",") : undefined;
  const json = process.argv.includes("--json");
  const md = process.argv.includes("--markdown");
  const rows: EvalRow[] = [];
  let failed = false;
  for (const [name, scorer] of SCORERS) {
    if (only && !only.includes(name)) continue;
    const t0 = performance.now();
    try {
      const got = await scorer();
      if (got === null) console.error(`${name}: ${DATASETS_MISSING}`);
      else rows.push(...got);
      console.error(`${name}: scored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      failed = true;
      console.error(`${name}: failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(json ? JSON.stringify(rows, null, 2) : md ? markdown(rows) : table(rows));
  return failed ? 1 : 0;
}

process.exitCode = await main();
