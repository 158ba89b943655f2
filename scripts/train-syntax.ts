/**
 * Trains the syntax models (src/nlp/syntax/) on the UD English EWT and GUM (CC genres) train files and writes
 * data/models/syntax-ud-en.bin: tag set and tag dictionary, tagger, lemmatiser, parser and labeller. The parser
 * learns from tags predicted by taggers trained on the other folds (jackknifing), as it will see them. Dev files
 * are only scored (to choose settings), never learned from. Deterministic (seeded).
 *
 * Run: nice npx tsx scripts/train-syntax.ts [--tag-epochs N] [--parse-epochs N] [--folds N] [--no-write] [--out FILE]
 *   [--prune X] [--prune-tagger X] [--prune-labels X] [--try-prune T/P/L,…] [--explore X] [--explore-after EPOCHS]
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { dataset } from "../src/eval/datasets.js";
import { clustersDigest, loadClusters } from "../src/nlp/clusters/clusters.js";
import { scoreSentences, type UdScore } from "../src/eval/ud.js";
import { learnLemmas } from "../src/nlp/syntax/lemma.js";
import { SYNTAX_MODEL_PATH, serialiseSyntax, SyntaxModel, type SyntaxParts } from "../src/nlp/syntax/model.js";
import { AveragedPerceptron } from "../src/nlp/syntax/train/averaged.js";
import { LEXICON_DEFAULTS, readTreebank, tagLexicon, tagSet, type GoldSentence } from "../src/nlp/syntax/train/data.js";
import { parseEpoch, rng, shuffle, tagEpoch, type ParseItem, type TagItem } from "../src/nlp/syntax/train/trainers.js";
import { tagSentence, TAG_FEATS } from "../src/nlp/syntax/tagger.js";
import { WordCache } from "../src/nlp/syntax/words.js";

const argNum = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && Number.isFinite(Number(process.argv[i + 1])) ? Number(process.argv[i + 1]) : fallback;
};
const settings = {
  tagEpochs: argNum("--tag-epochs", 8),
  parseEpochs: argNum("--parse-epochs", 12),
  folds: argNum("--folds", 4),
  explore: argNum("--explore", 0.9),
  closedMin: argNum("--closed-min", LEXICON_DEFAULTS.closedMin),
  fixedMin: argNum("--fixed-min", LEXICON_DEFAULTS.fixedMin),
  fixedShare: argNum("--fixed-share", LEXICON_DEFAULTS.fixedShare),
  openMin: argNum("--open-min", LEXICON_DEFAULTS.openMin),
  tagMin: argNum("--tag-min", 10),
  labelMin: argNum("--label-min", 2),
  seed: argNum("--seed", 7),
  prune: argNum("--prune", 0.02),
  // Per model: the tagger pruned at 0.02 loses 0.08 UPOS on EWT dev for 1.5 MiB; the labeller at 0.01 gains
  // LAS +0.05 but scores more class entries per feature (measured up to ~10 % slower), so it keeps --prune.
  pruneTagger: argNum("--prune-tagger", 0.01),
  pruneLabels: argNum("--prune-labels", argNum("--prune", 0.02)),
  exploreAfter: argNum("--explore-after", 1),
};
const write = !process.argv.includes("--no-write");
const outPath = process.argv.includes("--out") ? process.argv[process.argv.indexOf("--out") + 1]! : SYNTAX_MODEL_PATH;

const dir = dataset("ud-english");
if (!dir) throw new Error("../shared/datasets/ud-english not found");
const train = [...readTreebank(join(dir, "en_ewt-ud-train.conllu")), ...readTreebank(join(dir, "en_gum-cc-ud-train.conllu"))];
const devs = { "EWT dev": readTreebank(join(dir, "en_ewt-ud-dev.conllu")), "GUM dev": readTreebank(join(dir, "en_gum-cc-ud-dev.conllu")) };
const clusters = loadClusters();
const t0 = performance.now();
const secs = () => ((performance.now() - t0) / 1000).toFixed(0) + " s";
const log = (s: string) => console.log(`[${secs()}] ${s}`);
log(`train: ${train.length} sentences, ${train.reduce((n, s) => n + s.forms.length, 0)} words (EWT + GUM-CC train)`);

const { tags, idOf } = tagSet(train, settings.tagMin);
const goldTags = (s: GoldSentence) => Uint8Array.from(s.forms.map((_, i) => idOf(s.upos[i]!, s.xpos[i]!)));
const lexOpts = { closedMin: settings.closedMin, fixedMin: settings.fixedMin, fixedShare: settings.fixedShare, openMin: settings.openMin };

/** Trains a tagger on `sents`; returns the model and the lexicon it was trained with. */
function trainTagger(sents: readonly GoldSentence[], epochs: number, seed: number, each?: (m: AveragedPerceptron, lex: ReturnType<typeof tagLexicon>, e: number) => void) {
  const seen = sents.flatMap((s) => s.forms.map((f, i): [string, number] => [f, idOf(s.upos[i]!, s.xpos[i]!)]));
  const lex = tagLexicon(seen, tags.length, lexOpts);
  // The tagger learns on every word with all its train tags, the words the lexicon fixes included (see TagItem).
  const unfixed = tagLexicon(seen, tags.length, { ...lexOpts, fixedMin: Infinity }).lexicon;
  const cache = new WordCache(lex.lexicon, clusters, Infinity);
  const data: TagItem[] = sents.map((s) => ({ ws: s.forms.map((f) => cache.get(f)), gold: goldTags(s), cands: s.forms.map((f) => unfixed.byForm.get(f)!) }));
  const model = new AveragedPerceptron(tags.length, 19);
  const random = rng(seed);
  for (let e = 1; e <= epochs; e++) {
    shuffle(data, random);
    tagEpoch(model, data);
    each?.(model, lex, e);
  }
  return { model, lex };
}

/** Tags sentences with an exported tagger and its lexicon (the run-time path). */
function tagWith(model: ReturnType<AveragedPerceptron["export"]>, lex: ReturnType<typeof tagLexicon>, sents: readonly GoldSentence[]): Uint8Array[] {
  const cache = new WordCache(lex.lexicon, clusters, Infinity);
  const feats = new Int32Array(TAG_FEATS);
  const scores = new Int32Array(256);
  return sents.map((s) => {
    const out = new Uint8Array(s.forms.length);
    tagSentence(model, s.forms.map((f) => cache.get(f)), out, feats, scores);
    return out;
  });
}

// 1. Jackknifed tags for the parser's training data.
// --folds 0 (quick runs only): the parser learns from gold tags. --tags-cache FILE (parser experiments only): the
// jackknifed tags are read from FILE when it exists, else computed and written there.
const tagsCache = process.argv.includes("--tags-cache") ? process.argv[process.argv.indexOf("--tags-cache") + 1]! : null;
const cachedTags = tagsCache && existsSync(tagsCache) ? (JSON.parse(readFileSync(tagsCache, "utf8")) as number[][]).map((t) => Uint8Array.from(t)) : null;
const predicted: Uint8Array[] = cachedTags ?? (settings.folds === 0 ? train.map(goldTags) : new Array(train.length));
for (let k = 0; k < (cachedTags ? 0 : settings.folds); k++) {
  const rest = train.filter((_, i) => i % settings.folds !== k);
  const held = train.map((s, i) => [s, i] as const).filter(([, i]) => i % settings.folds === k);
  const { model, lex } = trainTagger(rest, settings.tagEpochs, settings.seed + k);
  const out = tagWith(model.export(), lex, held.map(([s]) => s));
  held.forEach(([, i], j) => (predicted[i] = out[j]!));
  let right = 0, all = 0;
  held.forEach(([s], j) => s.forms.forEach((_, w) => {
    all++;
    if (out[j]![w] === goldTags(s)[w]) right++;
  }));
  log(`fold ${k + 1}/${settings.folds}: jackknife tag accuracy ${((100 * right) / all).toFixed(2)}`);
}

if (tagsCache && !cachedTags) writeFileSync(tagsCache, JSON.stringify(predicted.map((t) => [...t])));

// 2. The tagger on all of train.
const tagger = trainTagger(train, settings.tagEpochs, settings.seed, (m, lex, e) => {
  if (e < settings.tagEpochs - 2) return;
  const exported = m.export();
  const dev = devs["EWT dev"];
  const out = tagWith(exported, lex, dev);
  let right = 0, all = 0;
  dev.forEach((s, j) => s.forms.forEach((_, w) => {
    all++;
    if (tags[out[j]![w]!]!.split("|")[0] === s.upos[w]) right++;
  }));
  log(`tagger epoch ${e}: EWT dev UPOS ${((100 * right) / all).toFixed(2)} (${m.size} weights)`);
});

// 3. Lemmas, from the gold tags of train.
const lemmas = learnLemmas(train.flatMap((s) => s.forms.map((form, i) => ({ form, tag: idOf(s.upos[i]!, s.xpos[i]!), lemma: s.lemmas[i]! }))));
log(`lemmatiser: ${lemmas.rules.length} suffix rules, ${lemmas.exceptions.length} exceptions, ${lemmas.scripts.length} scripts`);

// 4. Parser.
const labelCounts = new Map<string, number>();
for (const s of train) for (const d of s.deprels) labelCounts.set(d, (labelCounts.get(d) ?? 0) + 1);
const labels = [...labelCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);
const labelId = new Map(labels.map((l, i) => [l, i]));
const rootLabel = labelId.get("root")!;
const fallbackLabel = labelId.get("parataxis") ?? labelId.get("dep")!;
const wordCache = new WordCache(tagger.lex.lexicon, clusters, Infinity);
const items: ParseItem[] = train.map((s, i) => {
  const n = s.forms.length;
  return {
    w: Int32Array.from(s.forms.map((f) => wordCache.get(f).hLower)),
    p: predicted[i]!,
    c: Int32Array.from(s.forms.map((f) => wordCache.get(f).cAll)),
    c6: Int32Array.from(s.forms.map((f) => wordCache.get(f).c6)),
    heads: Int32Array.from(s.heads.map((h) => (h < 0 ? n : h))),
    labels: Uint8Array.from(s.deprels.map((d) => labelId.get(d)!)),
  };
});
// Label candidates by (predicted tag of the dependent, side of its head).
const candCounts = new Map<number, Map<number, number>>();
for (const it of items)
  for (let d = 0; d < it.w.length; d++) {
    const h = it.heads[d]!;
    const side = h === it.w.length ? 0 : d < h ? 1 : 2;
    if (side === 0) continue;
    const key = it.p[d]! * 3 + side;
    let m = candCounts.get(key);
    if (!m) candCounts.set(key, (m = new Map()));
    m.set(it.labels[d]!, (m.get(it.labels[d]!) ?? 0) + 1);
  }
const labelCands: number[][] = Array.from({ length: tags.length * 3 }, (_, key) =>
  [...(candCounts.get(key) ?? new Map<number, number>())].filter(([l, c]) => c >= settings.labelMin && l !== rootLabel).map(([l]) => l).sort((a, b) => a - b),
);
const trainer = {
  transitions: new AveragedPerceptron(4, 21),
  labels: new AveragedPerceptron(labels.length, 19),
  labelCands: labelCands.map((c) => Uint8Array.from(c)),
  rootLabel,
};

const header = (): SyntaxParts["header"] => ({
  format: 1,
  trainedOn: "UD English EWT train + GUM (CC genres) train",
  settings,
  tags,
  labels,
  open: tagger.lex.open,
  lexicon: tagger.lex.entries,
  lemmas,
  labelCands,
  rootLabel,
  fallbackLabel,
  clusters: clustersDigest(),
});
const taggerModel = tagger.model.export(settings.pruneTagger);

const kib = (n: number) => `${Math.round(n / 1024)} KiB`;

function evaluate(model: SyntaxModel): Record<string, UdScore> {
  return Object.fromEntries(Object.entries(devs).map(([name, sents]) => [name, scoreSentences(model, sents)]));
}

const random = rng(settings.seed + 100);
let final: Buffer | null = null;
for (let e = 1; e <= settings.parseEpochs; e++) {
  shuffle(items, random);
  parseEpoch(trainer, items, e <= settings.exploreAfter ? 0 : settings.explore, random);
  if (e < settings.parseEpochs - 3 && e % 4 !== 0) {
    log(`parser epoch ${e} (${trainer.transitions.size} + ${trainer.labels.size} weights)`);
    continue;
  }
  const parts = { header: header(), tagger: taggerModel, transitions: trainer.transitions.export(settings.prune), labels: trainer.labels.export(settings.pruneLabels) };
  const buf = serialiseSyntax(parts);
  const model = new SyntaxModel(buf, clusters);
  const s0 = performance.now();
  const scores = evaluate(model);
  const words = Object.values(scores).reduce((n, s) => n + s.words, 0);
  log(`sizes: tagger ${kib(parts.tagger.byteLength)}, transitions ${kib(parts.transitions.byteLength)}, labels ${kib(parts.labels.byteLength)}, file ${kib(buf.length)}; ${Math.round(words / ((performance.now() - s0) / 1000))} words/s scoring dev`);
  log(`parser epoch ${e}: ` + Object.entries(scores).map(([k, s]) => `${k} UPOS ${s.upos.toFixed(2)} XPOS ${s.xpos.toFixed(2)} lemma ${s.lemma.toFixed(2)} UAS ${s.uas.toFixed(2)} LAS ${s.las.toFixed(2)}`).join(" | ") + ` (${(buf.length / 2 ** 20).toFixed(1)} MiB)`);
  final = buf;
}
// Other pruning levels, scored for choosing the settings (the model written is the one with --prune, --prune-tagger
// and --prune-labels); "T/P/L" prunes the tagger, transitions and labeller apart.
for (const prune of (process.argv.includes("--try-prune") ? process.argv[process.argv.indexOf("--try-prune") + 1]!.split(",") : [])) {
  const [pt, pp, pl] = prune.includes("/") ? prune.split("/").map(Number) : [Number(prune), Number(prune), Number(prune)];
  const parts = { header: header(), tagger: tagger.model.export(pt), transitions: trainer.transitions.export(pp), labels: trainer.labels.export(pl) };
  const buf = serialiseSyntax(parts);
  const scores = evaluate(new SyntaxModel(buf, clusters));
  log(`prune ${prune}: ` + Object.entries(scores).map(([k, s]) => `${k} UPOS ${s.upos.toFixed(2)} LAS ${s.las.toFixed(2)}`).join(" | ") + `; tagger ${kib(parts.tagger.byteLength)}, transitions ${kib(parts.transitions.byteLength)}, labels ${kib(parts.labels.byteLength)}`);
}
if (write && final) {
  writeFileSync(outPath, final);
  log(`written ${outPath} (${(final.length / 2 ** 20).toFixed(2)} MiB)`);
}
