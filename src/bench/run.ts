/**
 * `npm run bench`: runs the extractor over the 2,452 TempEval-3 silver wire stories and prints words/s, articles/s,
 * peak RSS and each stage's share of the time; writes the figures to bench-results/<date>-<commit>.json and
 * bench-results/latest.json so later commits can be compared. A benchmark, not a test: nothing here fails a build.
 *
 * Then the whole-process figure: the same stories written as one JSONL file and read by `parley extract` in a
 * fresh process (start-up, module loading, model loading, reading and writing the records all counted), beside the
 * warm in-process figure. And the syntax stage's own words/s.
 *
 * Then the story layer: the latency of putting one more article into a generated store of 10,000 (src/bench/stories.ts).
 *
 * Options: --limit N (first N articles), --repeat N (passes over the corpus; the first is a warm-up when N > 1),
 * --no-process (skip the whole-process run), --store N (articles in the generated story store; 0 skips it),
 * --copies N (the corpus ×N for the ingest memory figure, default 10), --no-ingest (extractor figures only),
 * --thread N (the length of the one-story thread, default 200; 0 skips it).
 *
 * Then the ingest figures (bench/ingest.ts): the CLI as a child process into a fresh SQLite file, --jobs 1 and 2.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { dataset, DATASETS_MISSING, REPO_ROOT } from "../eval/datasets.js";
import { createExtractor } from "../pipeline/extractor.js";
import { measureTagger } from "./tagger.js";
import { benchStories, benchThread } from "./stories.js";
import { benchIngest } from "./ingest.js";
import { readSilver } from "./te3silver.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

const dir = dataset("te3-silver");
if (!dir) {
  console.log(`bench: ${DATASETS_MISSING}`);
  process.exit(0);
}

const limit = arg("--limit", Infinity);
const repeat = arg("--repeat", 2);
const articles = readSilver(dir).slice(0, limit);
const words = articles.reduce((n, a) => n + (a.text?.match(/\S+/g)?.length ?? 0), 0);
let peakRss = process.memoryUsage().rss;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

const t0 = performance.now();
const extractor = createExtractor();
const startupMs = performance.now() - t0;

let elapsed = 0;
let counts = { sentences: 0, times: 0, entities: 0, quotes: 0, events: 0 };
for (let pass = 0; pass < repeat; pass++) {
  // The last pass is the measured one; earlier passes warm the JIT.
  extractor.timings.clear();
  counts = { sentences: 0, times: 0, entities: 0, quotes: 0, events: 0 };
  const start = performance.now();
  for (let i = 0; i < articles.length; i++) {
    const r = extractor.extract(articles[i]!);
    counts.sentences += r.sentences.length;
    counts.times += r.times.length;
    counts.entities += r.entities.length;
    counts.quotes += r.quotes.length;
    counts.events += r.events.length;
    if (i % 200 === 0) sampleRss();
  }
  elapsed = performance.now() - start;
  sampleRss();
}

// The NER tagger alone (both passes) over the same documents' sentences, warm: its own words/s.
const taggerWords = measureTagger(extractor, articles, words);

// One long article (the first 400 stories run together): catches work that grows faster than the text.
const long = { origin: "bench:long", format: "text" as const, text: articles.slice(0, 400).map((a) => a.text).join("\n\n"), published: "2006-01-01" };
const longWords = long.text.match(/\S+/g)?.length ?? 0;
const longStart = performance.now();
createExtractor().extract(long);
const longSeconds = (performance.now() - longStart) / 1000;
sampleRss();

/** Whole process: `parley extract FILE.jsonl --format jsonl` over the same stories, records written to a pipe. */
function wholeProcess(): { seconds: number; wordsPerSecond: number; startupMs: number } | null {
  if (process.argv.includes("--no-process")) return null;
  const tmp = mkdtempSync(join(tmpdir(), "parley-bench-"));
  try {
    const file = join(tmp, "te3-silver.jsonl");
    writeFileSync(file, articles.map((a) => JSON.stringify({ id: a.id, text: a.text, published: a.published, source: a.source, language: a.language })).join("\n") + "\n");
    const bin = join(REPO_ROOT, "bin", "parley.js");
    const run = (args: string[]) => {
      const t = performance.now();
      const r = spawnSync(process.execPath, [bin, ...args], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
      if (r.status !== 0) throw new Error(`parley ${args.join(" ")} failed: ${r.stderr.toString().slice(0, 500)}`);
      return performance.now() - t;
    };
    // Start-up alone: one tiny article, so the difference is the work on the corpus.
    const one = join(tmp, "one.jsonl");
    writeFileSync(one, JSON.stringify({ id: "x", text: "Tokyo, May 2 (AFP) - Japan said nothing." }) + "\n");
    const startup = run(["extract", one, "--format", "jsonl"]);
    const ms = run(["extract", file, "--format", "jsonl"]);
    return { seconds: +(ms / 1000).toFixed(3), wordsPerSecond: Math.round(words / (ms / 1000)), startupMs: Math.round(startup) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
const whole = wholeProcess();

const stageTotal = [...extractor.timings.values()].reduce((a, b) => a + b, 0);
const stages = Object.fromEntries(
  [...extractor.timings].map(([name, ms]) => [name, { ms: Math.round(ms), share: +(ms / stageTotal).toFixed(3) }]),
);
const result = {
  date: new Date().toISOString(),
  commit: commit(),
  node: process.version,
  corpus: "te3-silver",
  articles: articles.length,
  words,
  passes: repeat,
  startupMs: Math.round(startupMs),
  seconds: +(elapsed / 1000).toFixed(3),
  wordsPerSecond: Math.round(words / (elapsed / 1000)),
  articlesPerSecond: Math.round(articles.length / (elapsed / 1000)),
  peakRssMB: Math.round(peakRss / 2 ** 20),
  longArticle: { chars: long.text.length, words: longWords, seconds: +longSeconds.toFixed(3), wordsPerSecond: Math.round(longWords / longSeconds) },
  stages,
  counts,
  nerTagger: taggerWords,
  wholeProcess: whole,
  syntaxWordsPerSecond: extractor.timings.has("syntax") ? Math.round(words / (extractor.timings.get("syntax")! / 1000)) : null,
  stories: undefined as Awaited<ReturnType<typeof benchStories>> | undefined,
};

console.log(`corpus     te3-silver: ${result.articles} articles, ${result.words} words (measured pass ${repeat} of ${repeat})`);
console.log(`startup    ${result.startupMs} ms (stage factories: dictionaries and patterns compiled once)`);
console.log(`throughput ${result.wordsPerSecond.toLocaleString("en")} words/s warm (in one process, pass ${repeat}), ${result.articlesPerSecond} articles/s, one core`);
if (whole)
  console.log(`process    ${whole.wordsPerSecond.toLocaleString("en")} words/s whole process (parley extract on the corpus as JSONL: ${whole.seconds} s, of which start-up about ${whole.startupMs} ms)`);
console.log(`memory     peak RSS ${result.peakRssMB} MB`);
console.log(`long text  one article of ${(long.text.length / 2 ** 20).toFixed(1)} MiB (${longWords} words): ${result.longArticle.wordsPerSecond.toLocaleString("en")} words/s`);
console.log(`ner tagger ${taggerWords.wordsPerSecond.toLocaleString("en")} words/s alone (two passes, ${taggerWords.tokens} tokens, warm)`);
console.log("stage        ms   share");
for (const [name, s] of Object.entries(stages)) console.log(`${name.padEnd(10)} ${String(s.ms).padStart(6)}  ${(s.share * 100).toFixed(1).padStart(5)}%`);
if (result.syntaxWordsPerSecond) console.log(`syntax     ${result.syntaxWordsPerSecond.toLocaleString("en")} words/s (the stage alone: tagger, lemmatiser, parser), ${(stages.syntax!.share * 100).toFixed(1)}% of stage time`);
console.log(`found      ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);

// --store 0 skips the story bench (arg() gives the fallback for 0).
const storeSize = process.argv.includes("--store") ? arg("--store", 0) : 10_000;
if (storeSize > 0) {
  const records = articles.map((a) => extractor.extract(a));
  const sb = await benchStories(records, storeSize, 50, (n) => process.stderr.write(`\rstories    generating the store: ${n} articles`));
  process.stderr.write("\n");
  result.stories = sb;
  console.log(`stories    store of ${sb.storeArticles} articles (${sb.stories} stories, ${sb.storyEvents} story events; generated in ${sb.populateSeconds} s)`);
  console.log(`           one more article into it (put: article, copy group, story, story events): median ${sb.medianMs} ms, p95 ${sb.p95Ms} ms, max ${sb.maxMs} ms over ${sb.probe} (median CPU ${sb.medianCpuMs} ms)`);
}

// One story growing day by day: the put's CPU time as it gets longer (--thread 0 skips it).
const threadLength = process.argv.includes("--thread") ? arg("--thread", 0) : 200;
let thread: Awaited<ReturnType<typeof benchThread>> | undefined;
if (threadLength > 0) {
  thread = await benchThread(articles.slice(0, 80).map((a) => extractor.extract(a)), threadLength);
  const at = Object.entries(thread.cpuMsAt).map(([n, ms]) => `${n} articles ${ms} ms`).join(", ");
  console.log(`thread     one story told day after day (${thread.storyEvents} story events at the end), CPU per put: ${at}`);
}
Object.assign(result, { thread });

let ingest: Awaited<ReturnType<typeof benchIngest>> = [];
if (!process.argv.includes("--no-ingest")) {
  ingest = await benchIngest(join(REPO_ROOT, "bin", "parley.js"), articles, { copies: arg("--copies", 10), jobs: [1, 2] });
  for (const r of ingest)
    console.log(
      `ingest     --jobs ${String(r.jobs).padEnd(7)} ×${r.copies}: ${r.wordsPerSecond.toLocaleString("en")} words/s, ${r.seconds} s wall, ${r.cpuSeconds} s CPU (${r.wordsPerCpuSecond.toLocaleString("en")} words per CPU-second), peak RSS ${r.peakRssMB} MB (${r.summary})`,
    );
  const [one, two] = [ingest.find((r) => r.jobs === 1), ingest.find((r) => r.jobs === 2)];
  if (one && two) console.log(`ingest     --jobs 2 / --jobs 1: ${(two.wordsPerSecond / one.wordsPerSecond).toFixed(2)}×`);
}
Object.assign(result, { ingest });

const outDir = join(REPO_ROOT, "bench-results");
mkdirSync(outDir, { recursive: true });
const json = JSON.stringify(result, null, 2) + "\n";
writeFileSync(join(outDir, "latest.json"), json);
writeFileSync(join(outDir, `${result.date.slice(0, 10)}-${result.commit}.json`), json);
console.log(`written    bench-results/latest.json`);
