/**
 * Checks that the quotes layer is unchanged by a change to the quotes stage, and measures the stage's own speed.
 * Runs the first N te3-silver stories (default 500) through the stages before `quotes`, then the quotes stage
 * alone (a warm-up pass, then a measured pass timed in CPU time, as the machine is shared), and dumps every
 * record's quotes layer as JSON lines.
 *
 *   npx tsx scripts/check-quotes-identical.ts --save /tmp/quotes-before.jsonl   # with the unchanged code
 *   npx tsx scripts/check-quotes-identical.ts --against /tmp/quotes-before.jsonl # after the change: exit 1 on a difference
 *
 * Options: --limit N (stories), --repeat N (measured passes, default 1). The dump is not committed.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dataset, DATASETS_MISSING } from "../src/eval/datasets.js";
import { readSilver } from "../src/bench/te3silver.js";
import { createExtractor } from "../src/pipeline/extractor.js";
import { tokenize } from "../src/pipeline/tokens.js";
import type { Doc } from "../src/pipeline/types.js";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = dataset("te3-silver");
if (!dir) {
  console.log(`check-quotes-identical: ${DATASETS_MISSING}`);
  process.exit(0);
}
const limit = Number(option("--limit") ?? 500);
const repeat = Number(option("--repeat") ?? 1);
const articles = readSilver(dir).slice(0, limit);
const extractor = createExtractor();
const at = extractor.stages.findIndex((s) => s.name === "quotes");
if (at < 0) throw new Error("no quotes stage");
const quotes = extractor.stages[at]!;

// Every stage before quotes, once per story.
const docs: Doc[] = [];
let words = 0;
for (const raw of articles) {
  const record = extractor.build(raw);
  const doc: Doc = { record, tokens: tokenize(record.text), anchorDate: record.published && /^\d{4}-\d{2}-\d{2}$/.test(record.published) ? record.published : null };
  for (const stage of extractor.stages.slice(0, at)) stage.run(doc);
  docs.push(doc);
  words += record.text.match(/\S+/g)?.length ?? 0;
}

for (const doc of docs) quotes.run(doc); // warm-up (and the output compared)
const dump = docs.map((d) => JSON.stringify({ id: d.record.id, quotes: d.record.quotes })).join("\n") + "\n";
const before = process.cpuUsage();
for (let r = 0; r < repeat; r++) for (const doc of docs) quotes.run(doc);
const cpu = process.cpuUsage(before);
const seconds = (cpu.user + cpu.system) / 1e6;
const count = docs.reduce((n, d) => n + d.record.quotes.length, 0);

console.log(`quotes stage: ${docs.length} stories, ${words} words, ${count} quotes; ${seconds.toFixed(2)} s CPU for ${repeat} pass(es): ${Math.round((words * repeat) / seconds)} words/s`);
console.log(`quotes layer sha256 ${createHash("sha256").update(dump).digest("hex")}`);

const save = option("--save");
if (save) {
  writeFileSync(save, dump);
  console.log(`dump written to ${save}`);
}
const against = option("--against");
if (against) {
  const want = readFileSync(against, "utf8").split("\n");
  const got = dump.split("\n");
  const diff = got.findIndex((line, i) => line !== want[i]);
  if (diff < 0 && got.length === want.length) {
    console.log(`identical to ${against}`);
  } else {
    const k = diff < 0 ? Math.min(got.length, want.length) : diff;
    console.log(`DIFFERENT from ${against} at story ${k + 1}:\n  want ${want[k]?.slice(0, 600)}\n  got  ${got[k]?.slice(0, 600)}`);
    process.exit(1);
  }
}
