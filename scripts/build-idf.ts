/**
 * Builds data/story/idf.json: document frequencies of word stems over the CoNLL-2003 training documents (946
 * Reuters 1996 stories, a training split no story scorer uses), the background that weighs words before a store
 * has seen enough articles of its own. Stems are counted as the story features count them (features.ts).
 *   npx tsx scripts/build-idf.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stemmer } from "stemmer";
import { dataset, REPO_ROOT } from "../src/eval/datasets.js";

const dir = dataset("conll2003");
if (!dir) throw new Error("../shared/datasets/conll2003 not found");
const docs: Set<string>[] = [];
let cur: Set<string> | null = null;
for (const line of readFileSync(join(dir, "eng.train"), "utf8").split("\n")) {
  if (line.startsWith("-DOCSTART-")) {
    cur = new Set();
    docs.push(cur);
    continue;
  }
  const w = line.split(" ")[0]?.toLowerCase() ?? "";
  if (cur && w.length >= 3 && /^\p{L}[\p{L}'’-]*$/u.test(w)) cur.add(stemmer(w.replace(/[’']s?$/, "")));
}
const df: Record<string, number> = {};
for (const d of docs) for (const s of d) df[s] = (df[s] ?? 0) + 1;
const kept = Object.fromEntries(Object.entries(df).filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
const out = { source: "CoNLL-2003 eng.train (Reuters 1996), stems with df >= 3", docs: docs.length, df: kept };
writeFileSync(join(REPO_ROOT, "data", "story", "idf.json"), JSON.stringify(out) + "\n");
console.log(`${docs.length} documents, ${Object.keys(kept).length} stems`);
