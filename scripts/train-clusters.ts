/**
 * Learns Brown word clusters (src/nlp/clusters/exchange.ts: exchange algorithm into C classes, then Brown's merge
 * into a binary tree) from unlabelled text that ships in ../shared/datasets — the te3-silver wire stories, the
 * PolNeAR *train* articles and the UD English *train* sentences (EWT, GUM) — never a dev or test split. Writes
 * data/models/clusters.tsv (format: data/models/README.md). Deterministic.
 * Run: nice npx tsx scripts/train-clusters.ts [--classes 256] [--min-count 3] [--out PATH]
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { dataset, listFiles } from "../src/eval/datasets.js";
import { element, xmlText } from "../src/eval/timeml.js";
import { classBigrams, exchange, mergeTree } from "../src/nlp/clusters/exchange.js";
import { CLUSTERS_PATH } from "../src/nlp/clusters/clusters.js";
import { nerWords } from "../src/nlp/ner/words.js";
import { tokenize } from "../src/pipeline/tokens.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const C = arg("--classes", 256);
const minCount = arg("--min-count", 3);
const outIndex = process.argv.indexOf("--out");
const out = outIndex >= 0 ? process.argv[outIndex + 1]! : CLUSTERS_PATH;
const t0 = performance.now();
const secs = () => ((performance.now() - t0) / 1000).toFixed(1);

/** Lines of running text from each source, in a fixed order. */
function* lines(): Generator<string> {
  const silver = dataset("te3-silver");
  const polnear = dataset("polnear");
  const ud = dataset("ud-english");
  if (!silver || !polnear || !ud) throw new Error("../shared/datasets (te3-silver, polnear, ud-english) not found");
  for (const f of listFiles(silver, ".tml")) {
    const xml = readFileSync(f, "utf8");
    yield xmlText(element(xml, "TITLE") ?? "");
    yield* xmlText(element(xml, "TEXT") ?? "").split(/\n/);
  }
  const pdir = join(polnear, "data", "train", "text");
  for (const f of readdirSync(pdir).filter((f) => f.endsWith(".txt")).sort()) yield* readFileSync(join(pdir, f), "utf8").split(/\n/);
  for (const f of ["en_ewt-ud-train.conllu", "en_gum-cc-ud-train.conllu"])
    for (const l of readFileSync(join(ud, f), "utf8").split("\n")) if (l.startsWith("# text = ")) yield l.slice(9);
}

const sentences: string[][] = [];
const freq = new Map<string, number>();
for (const line of lines()) {
  const words = nerWords(tokenize(line)).map((t) => t.text);
  if (!words.length) continue;
  sentences.push(words);
  for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
}
const tokens = sentences.reduce((n, s) => n + s.length, 0);
// Vocabulary by falling frequency (ties by code point order, so the run is reproducible); rarer words share one id,
// and sentence boundaries are one more.
const vocab = [...freq].filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const id = new Map<string, number>(vocab.map(([w], i) => [w, i]));
const unknownId = vocab.length;
const boundaryId = vocab.length + 1;
const ids = new Int32Array(tokens + sentences.length + 1);
let k = 0;
ids[k++] = boundaryId;
for (const s of sentences) {
  for (const w of s) ids[k++] = id.get(w) ?? unknownId;
  ids[k++] = boundaryId;
}
console.log(`corpus: ${sentences.length} lines, ${tokens} tokens, ${freq.size} word types, ${vocab.length} with count >= ${minCount} (${secs()} s)`);

const corpus = { ids, vocabulary: vocab.length + 2 };
const cls = exchange(corpus, {
  classes: C,
  onPass: (pass, moved, objective) => console.log(`exchange pass ${pass}: ${moved} words moved, objective ${objective.toExponential(6)} (${secs()} s)`),
});
const bits = mergeTree(classBigrams(corpus, cls, C), C);
console.log(`merged ${C} classes into a tree (${secs()} s)`);
const rows = vocab.map(([w, n], i) => ({ bits: bits[cls[i]!]!, w, n }));
rows.sort((a, b) => (a.bits < b.bits ? -1 : a.bits > b.bits ? 1 : b.n - a.n || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0)));
writeFileSync(out, rows.map((r) => `${r.bits}\t${r.w}\t${r.n}`).join("\n") + "\n");
console.log(`written ${out}: ${rows.length} words, ${C} clusters`);
