/**
 * Checks that the syntax stage's output is unchanged and measures its speed: runs the stage (tagger, lemmatiser,
 * parser) over the first N te3-silver stories and prints a SHA-256 of every token's upos, xpos, lemma, head and
 * deprel, plus the stage's CPU-time words/s (process.cpuUsage, so a loaded machine skews it less than wall time).
 *
 *   npx tsx scripts/check-syntax-identical.ts [--limit 500] [--repeat 3] [--dump out.tsv] [--expect <sha256>]
 *
 * Make the reference hash (or dump) from the unchanged code, then rerun after a change: --expect exits 1 on a
 * mismatch; diffing two --dump files shows which tokens changed.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { readSilver } from "../src/bench/te3silver.js";
import { dataset, DATASETS_MISSING } from "../src/eval/datasets.js";
import { sentencesStage } from "../src/nlp/sentences.js";
import { analyseTokens } from "../src/nlp/syntax/stage.js";
import { loadSyntaxModel } from "../src/nlp/syntax/model.js";
import { createExtractor } from "../src/pipeline/extractor.js";
import { tokenize } from "../src/pipeline/tokens.js";
import type { Doc, SyntaxLayer } from "../src/pipeline/types.js";

function opt(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = dataset("te3-silver");
if (!dir) {
  console.log(`check-syntax-identical: ${DATASETS_MISSING}`);
  process.exit(2);
}
const limit = Number(opt("--limit") ?? 500);
const repeat = Number(opt("--repeat") ?? 3);
const articles = readSilver(dir).slice(0, limit);
const extractor = createExtractor();
const sentences = sentencesStage({});
const docs: Doc[] = articles.map((a) => {
  const record = extractor.build(a);
  const doc: Doc = { record, tokens: tokenize(record.text), anchorDate: null };
  sentences.run(doc);
  return doc;
});
const tokens = docs.reduce((n, d) => n + d.tokens.length, 0);
// Words as `npm run bench` counts them (whitespace-separated), so the figures compare.
const words = articles.reduce((n, a) => n + (a.text?.match(/\S+/g)?.length ?? 0), 0);
const model = loadSyntaxModel();

let layers: SyntaxLayer[] = [];
let best = Infinity;
for (let pass = 0; pass < repeat; pass++) {
  const c0 = process.cpuUsage();
  layers = docs.map((d) => analyseTokens(model, d.tokens, d.record.sentences));
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / 1e6);
}

const hash = createHash("sha256");
const lines: string[] = [];
for (let k = 0; k < docs.length; k++) {
  const { tokens } = docs[k]!;
  const l = layers[k]!;
  for (let i = 0; i < tokens.length; i++) {
    const line = `${k}\t${i}\t${tokens[i]!.text}\t${l.upos[i]}\t${l.xpos[i]}\t${l.lemma[i]}\t${l.head[i]}\t${l.deprel[i]}`;
    hash.update(line + "\n");
    if (opt("--dump")) lines.push(line);
  }
}
const digest = hash.digest("hex");
const dump = opt("--dump");
if (dump) writeFileSync(dump, lines.join("\n") + "\n");
console.log(`syntax: ${docs.length} stories, ${words} words (${tokens} tokens), best of ${repeat} passes ${best.toFixed(3)} s CPU → ${Math.round(words / best).toLocaleString("en")} words/s (${Math.round(tokens / best).toLocaleString("en")} tokens/s)`);
console.log(`sha256 ${digest}`);
const expect = opt("--expect");
if (expect && expect !== digest) {
  console.log("MISMATCH: the syntax output differs from the reference");
  process.exit(1);
}
if (expect) console.log("identical to the reference");
