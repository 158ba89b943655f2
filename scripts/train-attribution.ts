/**
 * Trains the attribution tagger (src/nlp/quotes/) on PolNeAR train and writes data/models/attribution-polnear.bin.
 * Each article runs through the real pipeline up to the entities stage (the syntax stage included when it exists),
 * so the features are those of run time (predicted sentences, entities and parse, never gold). Deterministic: a
 * seeded shuffle, no clock or randomness elsewhere. With --dev, prints the paired PolNeAR dev scores after each
 * epoch (dev chooses the settings; it never trains). With --holdout, every 10th train article is held out and
 * scored instead, and --errors FILE lists its misses: error analysis never reads dev.
 * Run: nice npx tsx scripts/train-attribution.ts [--epochs N] [--source-epochs N] [--bits B] [--source-bits B]
 *      [--min-cue N] [--min-ratio R] [--prune W]
 *      [--dev | --holdout [--errors FILE]] [--no-write]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createAnalyser } from "../src/eval/analyse.js";
import { dataset } from "../src/eval/datasets.js";
import { pairAttributions, polnearFiles, readAnn, readAnnFragments, type Attribution } from "../src/eval/polnear.js";
import { prf } from "../src/eval/match.js";
import type { Quote } from "../src/record/schema.js";
import type { Doc } from "../src/pipeline/types.js";
import { tokenIndexAt } from "../src/pipeline/tokens.js";
import type { TokenSpan } from "../src/nlp/quotes/assemble.js";
import { documentFeatures, type DocContext } from "../src/nlp/quotes/features.js";
import { AttributionTrainer, CONTENT_TAGS, SOURCE_TAGS, TAGS, type AttributionModel, type ModelHeader } from "../src/nlp/quotes/model.js";
import { cueFeatures, cueWindow } from "../src/nlp/quotes/cue-features.js";
import { ATTRIBUTION_MODEL_PATH, CONTENT_MODEL_PATH, SOURCE_MODEL_PATH, contextFor, tagAttributions, type Models, type TaggerInput } from "../src/nlp/quotes/tagger.js";

const arg = (name: string, def: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : def);
const epochs = arg("--epochs", 10);
const bits = arg("--bits", 19);
const srcBits = arg("--source-bits", 18);
const srcEpochs = arg("--source-epochs", 8);
const prune = arg("--prune", 10);
const minCue = arg("--min-cue", 3);
const minRatio = arg("--min-ratio", 0.1);
const holdout = process.argv.includes("--holdout");
const withDev = process.argv.includes("--dev") || holdout;
const errorsFile = process.argv.includes("--errors") ? process.argv[process.argv.indexOf("--errors") + 1]! : null;

const trainDir = dataset("polnear/data/train");
const devDir = dataset("polnear/data/dev");
if (!trainDir || !devDir) throw new Error("../shared/datasets/polnear not found");

const analyser = createAnalyser();
interface Item {
  base: string;
  input: TaggerInput;
  ann: string;
}
function load(dir: string): Item[] {
  return polnearFiles(dir).map((f) => {
    const text = readFileSync(f.text, "utf8");
    const doc: Doc = analyser.analyseDoc(text, null, "entities");
    const mentions = doc.record.entities.flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, type: e.type })));
    return { base: f.base, input: { text, tokens: doc.tokens, sentences: doc.record.sentences, mentions, syntax: doc.syntax }, ann: readFileSync(f.ann, "utf8") };
  });
}

const t0 = performance.now();
const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
const all = load(trainDir);
const train = holdout ? all.filter((_, i) => i % 10 !== 0) : all;
const dev = holdout ? all.filter((_, i) => i % 10 === 0) : withDev ? load(devDir) : [];
const syntax = train.every((d) => d.input.syntax);
console.log(`loaded ${train.length} train${withDev ? `, ${dev.length} dev` : ""} articles (${seconds()} s); parse features: ${syntax}`);

/** Gold tags: each fragment of a source, cue or content tags the tokens it overlaps (B- on the first). */
function goldTags(item: Item): number[] {
  const { tokens } = item.input;
  const tags = new Array<number>(tokens.length).fill(0);
  let k = 0;
  const mark = (frags: [number, number][] | null, role: string) => {
    for (const [s, e] of frags ?? []) {
      while (k > 0 && tokens[k - 1]!.end > s) k--;
      while (k < tokens.length && tokens[k]!.end <= s) k++;
      let first = true;
      for (let i = k; i < tokens.length && tokens[i]!.start < e; i++) {
        if (tags[i] !== 0) continue; // univocal: the first role wins on a shared token
        tags[i] = TAGS.indexOf(`${first ? "B" : "I"}-${role}` as (typeof TAGS)[number]);
        first = false;
      }
    }
  };
  for (const a of readAnnFragments(item.ann)) {
    mark(a.cue, "CUE");
    mark(a.source, "SRC");
    mark(a.content, "CNT");
  }
  return tags;
}

const gold = train.map(goldTags);
// The cue lexicon: words (and lemmas) inside gold cues at least minCue times and in at least minRatio of their uses.
const cueCount = new Map<string, number>();
const allCount = new Map<string, number>();
train.forEach((d, n) => {
  d.input.tokens.forEach((t, i) => {
    const keys = [t.text.toLowerCase()];
    const lemma = d.input.syntax?.lemma[i];
    if (lemma && lemma.toLowerCase() !== keys[0]) keys.push(lemma.toLowerCase());
    const cue = TAGS[gold[n]![i]!]!.endsWith("CUE");
    for (const k of keys) {
      allCount.set(k, (allCount.get(k) ?? 0) + 1);
      if (cue) cueCount.set(k, (cueCount.get(k) ?? 0) + 1);
    }
  });
});
const cueWords = [...cueCount]
  .filter(([w, c]) => c >= minCue && c / allCount.get(w)! >= minRatio && /\p{L}/u.test(w))
  .map(([w]) => w)
  .sort();
console.log(`cue lexicon: ${cueWords.length} words (min ${minCue} as cue, ratio ≥ ${minRatio})`);

const cueSet = new Set(cueWords);
const trainedOn = `PolNeAR train (${train.length} articles)`;
const docHeader = { trainedOn, tags: TAGS, bits, cueWords, syntax };
const srcHeader = { trainedOn, tags: SOURCE_TAGS, bits: srcBits, cueWords: [], syntax };
const cntHeader = { trainedOn, tags: CONTENT_TAGS, bits: srcBits, cueWords: [], syntax };
const contexts = train.map((d) => contextFor(docHeader, d.input, cueSet));

/** Cue-tagger instances: one per gold attribution with a cue, its window tagged with the gold source and content. */
function cueInstances(item: Item, ctx: DocContext): { cue: TokenSpan; win: TokenSpan; source: number[]; content: number[] }[] {
  const { tokens } = item.input;
  const toTokens = (frags: [number, number][]) => {
    const from = Math.min(tokenIndexAt(tokens, Math.min(...frags.flat())), tokens.length - 1);
    let to = from + 1;
    while (to < tokens.length && tokens[to]!.start < Math.max(...frags.flat())) to++;
    return { from, to };
  };
  const tagsIn = (win: TokenSpan, frags: [number, number][] | null) => {
    const out = new Array<number>(win.to - win.from).fill(0);
    for (const [s, e] of frags ?? []) {
      let first = true;
      for (let k = win.from; k < win.to; k++) {
        if (tokens[k]!.end <= s || tokens[k]!.start >= e) continue;
        out[k - win.from] = first ? 1 : 2;
        first = false;
      }
    }
    return out;
  };
  return readAnnFragments(item.ann).flatMap((a) => {
    if (!a.cue || !tokens.length) return [];
    const cue = toTokens(a.cue);
    const win = cueWindow(ctx, cue);
    return [{ cue, win, source: tagsIn(win, a.source), content: tagsIn(win, a.content) }];
  });
}

let seed = 7;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
function shuffle<T>(xs: T[]): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

/** Paired PolNeAR scores of a model on dev, as src/eval/polnear.ts counts them (source spans as tagged). */
function score(models: Models, errors?: string[]): string {
  let attributions = 0, quotes = 0, sysSrc = 0, goldSrc = 0, src = 0, cnt = 0, cue = 0;
  for (const d of dev) {
    const g: Attribution[] = readAnn(d.ann);
    const t = d.input.tokens;
    const q = tagAttributions(models, d.input).map((a) => {
      const sp = (x: { from: number; to: number }) => ({ start: t[x.from]!.start, end: t[x.to - 1]!.end });
      return { ...sp(a.content), speakerSpan: a.source ? sp(a.source) : null, cue: { ...sp(a.cue), text: "" } } as Quote;
    });
    attributions += g.length;
    quotes += q.length;
    goldSrc += g.filter((x) => x.source).length;
    sysSrc += q.filter((x) => x.speakerSpan).length;
    const ov = (a: { start: number; end: number } | null, b: { start: number; end: number } | null) => !!a && !!b && a.start < b.end && b.start < a.end;
    const pairs = pairAttributions(g, q);
    if (errors) {
      const show = (x: { start: number; end: number } | null) => (x ? d.input.text.slice(x.start, x.end).replace(/\s+/g, " ").slice(0, 70) : "∅");
      const paired = new Map(pairs);
      const used = new Set(pairs.map(([, j]) => j));
      g.forEach((x, i) => {
        const j = paired.get(i);
        const qj = j === undefined ? undefined : q[j]!;
        if (!qj) errors.push(`miss\t${show(x.source)}\t${show(x.cue)}\t${show(x.content)}`);
        else if (x.source && !ov(x.source, qj.speakerSpan)) errors.push(`source\t${show(x.source)} ≠ ${show(qj.speakerSpan)}\t${show(x.cue)} / ${show(qj.cue)}\t${show(x.content)}`);
      });
      q.forEach((x, j) => used.has(j) || errors.push(`false\t${show(x.speakerSpan)}\t${show(x.cue)}\t${show(x)}`));
    }
    for (const [i, j] of pairs) {
      if (ov(g[i]!.source, q[j]!.speakerSpan)) src++;
      if (ov(g[i]!.content, q[j]!)) cnt++;
      if (ov(g[i]!.cue, q[j]!.cue)) cue++;
    }
  }
  const f = (m: number, s: number, gd: number) => {
    const r = prf(m, s, gd);
    return `${r.f1.toFixed(3)} (P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)})`;
  };
  return `${holdout ? "train-holdout" : "dev"} source F1 ${f(src, sysSrc, goldSrc)}, content F1 ${f(cnt, quotes, attributions)}, cue F1 ${f(cue, quotes, attributions)} (overlap, tagged spans)`;
}

const docTrainer = new AttributionTrainer(docHeader);
const docData = train.map((_, i) => ({ feats: documentFeatures(contexts[i]!), gold: gold[i]! }));
for (let epoch = 1; epoch <= epochs; epoch++) {
  shuffle(docData);
  let errors = 0;
  for (const d of docData) errors += docTrainer.train(d.feats, d.gold);
  const report = withDev ? `; ${score({ doc: docTrainer.averaged(), source: null, content: null, cueWords: cueSet })}` : "";
  console.log(`document tagger, epoch ${epoch}: ${errors} token errors (${seconds()} s)${report}`);
}
const docModel = docTrainer.averaged(prune);

const cueData = train.flatMap((d, i) => cueInstances(d, contexts[i]!).map((x) => ({ feats: cueFeatures(contexts[i]!, x.cue, x.win), source: x.source, content: x.content })));
console.log(`cue taggers: ${cueData.length} cues (${seconds()} s)`);
function trainCueTagger(header: ModelHeader, role: "source" | "content", others: Partial<Models>): AttributionModel {
  const trainer = new AttributionTrainer(header);
  for (let epoch = 1; epoch <= srcEpochs; epoch++) {
    shuffle(cueData);
    let errors = 0;
    for (const d of cueData) errors += trainer.train(d.feats, d[role]);
    const report = withDev ? `; ${score({ doc: docModel, source: null, content: null, cueWords: cueSet, ...others, [role]: trainer.averaged() })}` : "";
    console.log(`${role} tagger, epoch ${epoch}: ${errors} token errors (${seconds()} s)${report}`);
  }
  return trainer.averaged(prune);
}
const srcModel = trainCueTagger(srcHeader, "source", {});
const cntModel = trainCueTagger(cntHeader, "content", { source: srcModel });

const settings = { epochs, srcEpochs, minCue, minRatio, prune };
if (!process.argv.includes("--no-write") && !holdout) {
  for (const [model, path] of [[docModel, ATTRIBUTION_MODEL_PATH], [srcModel, SOURCE_MODEL_PATH], [cntModel, CONTENT_MODEL_PATH]] as const) {
    const buf = model.toBuffer(settings);
    writeFileSync(path, buf);
    console.log(`written ${path} (${(buf.length / 1e6).toFixed(2)} MB)`);
  }
}
if (withDev) {
  const errors: string[] = [];
  console.log(`shipped models: ${score({ doc: docModel, source: srcModel, content: cntModel, cueWords: cueSet }, errors)}`);
  if (errorsFile) writeFileSync(errorsFile, errors.join("\n") + "\n");
}
