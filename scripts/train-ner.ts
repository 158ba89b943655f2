/**
 * Trains the NER tagger (src/nlp/ner/) on CoNLL-2003 eng.train and writes data/models/ner-conll.bin; prints the
 * token accuracy and entity F1 on eng.testa after each epoch. Deterministic (seeded shuffle).
 * Run: npx tsx scripts/train-ner.ts [--epochs N]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { readConllSentences } from "../src/eval/conll.js";
import { dataset } from "../src/eval/datasets.js";
import { staticFeatures } from "../src/nlp/ner/features.js";
import { loadLexicon } from "../src/nlp/ner/lexicon.js";
import { TAGS, Trainer, type Tag } from "../src/nlp/ner/model.js";
import { MODEL_PATH, tagWords } from "../src/nlp/ner/tagger.js";

const dir = dataset("conll2003");
if (!dir) throw new Error("../shared/datasets/conll2003 not found");
const epochs = Number(process.argv[process.argv.indexOf("--epochs") + 1]) || 8;
const lex = loadLexicon();
const train = readConllSentences(join(dir, "eng.train"));
const dev = readConllSentences(join(dir, "eng.testa"));

/** IOB1 (CoNLL) → BIO: an I- tag that starts a name becomes B-. */
function bio(tags: readonly string[]): number[] {
  return tags.map((t, i) => {
    if (t === "O") return 0;
    const type = t.slice(2);
    const prev = i > 0 ? tags[i - 1]! : "O";
    const begins = t.startsWith("B-") || prev === "O" || prev.slice(2) !== type;
    return TAGS.indexOf(`${begins ? "B" : "I"}-${type}` as Tag);
  });
}

const data = train.map((s) => ({ feats: s.words.map((_, i) => staticFeatures(s.words, i, lex)), gold: bio(s.tags) }));
let seed = 42;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

const trainer = new Trainer();
const t0 = performance.now();
for (let epoch = 1; epoch <= epochs; epoch++) {
  for (let i = data.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [data[i], data[j]] = [data[j]!, data[i]!];
  }
  for (const s of data) trainer.train(s.feats, s.gold);
  const model = trainer.averaged(0);
  let gold = 0, sys = 0, hit = 0;
  for (const s of dev) {
    const g = new Set(spans(s.tags).map((x) => `${x.from}:${x.to}:${x.type}`));
    const p = tagWords(model, lex, s.words).map((x) => `${x.from}:${x.to}:${x.type}`);
    gold += g.size;
    sys += p.length;
    hit += p.filter((x) => g.has(x)).length;
  }
  const pr = hit / sys, rc = hit / gold;
  console.log(`epoch ${epoch}: eng.testa entity F1 ${((2 * pr * rc) / (pr + rc)).toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

function spans(tags: readonly string[]) {
  const b = bio(tags);
  const out: { from: number; to: number; type: string }[] = [];
  b.forEach((t, i) => {
    const tag = TAGS[t]!;
    if (tag === "O") return;
    if (tag.startsWith("B-")) out.push({ from: i, to: i + 1, type: tag.slice(2) });
    else out[out.length - 1]!.to = i + 1;
  });
  return out;
}

const final = trainer.averaged();
writeFileSync(MODEL_PATH, final.toBuffer({ trainedOn: "CoNLL-2003 eng.train", epochs, date: new Date().toISOString().slice(0, 10) }));
console.log(`written ${MODEL_PATH}`);
