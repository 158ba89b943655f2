/**
 * Chooses the story clustering settings on half A only (even document ids of MEANTIME + the TimeLine trial set):
 * a grid over the join and merge thresholds and the namespace weights, scored by story B³ F1; the best is printed
 * (and written to data/story/settings.json with --write). Half B is never looked at here.
 *   nice npx tsx scripts/tune-stories.ts [--weights JSON] [--joins JSON] [--merges JSON] [--write]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../src/eval/datasets.js";
import { bcubed } from "../src/eval/coref-metrics.js";
import { half } from "../src/eval/meantime.js";
import { catRecord, clusterRecords, readStorySets } from "../src/eval/stories.js";
import { storySettings, type StorySettings } from "../src/story/similarity.js";

const sets = readStorySets();
if (!sets) throw new Error("datasets missing");
const docs = [...sets.meantime, ...sets.timeline].filter((d) => half(d) === "A");
const records = docs.map(catRecord);
const gold = new Map(docs.map((d) => [d.id, d.topic]));
const base = storySettings();

const arg = (name: string, dflt: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : dflt);
const weights = JSON.parse(arg("--weights", '[{"a":0.3,"e":0.4,"w":0.3}]')) as Record<string, number>[];
const joins = JSON.parse(arg("--joins", "[0.08,0.11,0.14,0.17,0.2]")) as number[];
const merges = JSON.parse(arg("--merges", "[0.45,0.6,2]")) as number[];
let best: { f1: number; s: StorySettings; p: number; r: number } | null = null;
for (const w of weights)
  for (const joinT of joins)
    for (const merge of merges) {
      const s: StorySettings = { ...base, weights: w, join: joinT, merge };
      const sys = await clusterRecords(records, s);
      const b = bcubed(gold, new Map(docs.map((d) => [d.id, sys.get(d.id) ?? d.id])));
      console.log(JSON.stringify(w), joinT, merge, b.precision.toFixed(3), b.recall.toFixed(3), b.f1.toFixed(3));
      if (!best || b.f1 > best.f1 + 1e-9) best = { f1: b.f1, s, p: b.precision, r: b.recall };
    }
console.log("best", JSON.stringify(best));
if (process.argv.includes("--write") && best) {
  const { weights: bw, join: bj, merge: bm } = best.s;
  const out = { ...base, weights: bw, join: bj, merge: bm };
  writeFileSync(join(REPO_ROOT, "data", "story", "settings.json"), JSON.stringify(out, null, 2) + "\n");
}
