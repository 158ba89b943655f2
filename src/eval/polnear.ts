/**
 * PolNeAR attribution scores (dev split). Each gold attribution (source, cue, content) is paired with at most one
 * system quote and each quote with at most one attribution (greedy on the strongest agreement: cues overlapping,
 * then shared content and source characters); source, cue and content are then scored on those pairs, as
 * precision/recall/F1 with exact offsets and with overlap. Gold offsets (brat, into the .txt) are carried onto the
 * record's text by a character alignment (src/eval/align.ts). Where several annotators' files exist for one article,
 * the first (by file name) is the gold. Run alone with --errors to list misses and false hits, --split train|dev.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Quote, Span } from "../record/schema.js";
import { alignTexts } from "./align.js";
import { createAnalyser } from "./analyse.js";
import { dataset, isMain } from "./datasets.js";
import { prf } from "./match.js";
import type { EvalRow, Scorer } from "./types.js";

export interface Attribution {
  source: Span | null;
  cue: Span | null;
  content: Span | null;
}

export type Fragments = [number, number][];

/** Reads a brat .ann file keeping every fragment of each span (for training, where tokens get their role). */
export function readAnnFragments(ann: string): { source: Fragments | null; cue: Fragments | null; content: Fragments | null }[] {
  const spans = new Map<string, Fragments>();
  const out: { source: Fragments | null; cue: Fragments | null; content: Fragments | null }[] = [];
  for (const line of ann.split("\n")) {
    const t = /^(T\d+)\t\S+ ([\d ;]+)\t/.exec(line);
    if (t) {
      spans.set(t[1]!, t[2]!.split(";").map((f) => f.split(" ").map(Number) as [number, number]));
      continue;
    }
    const e = /^E\d+\tAttribution(?:-no-source)?:\S+((?: \w+:T\d+)*)/.exec(line);
    if (e) {
      const parts = Object.fromEntries(e[1]!.trim().split(" ").map((p) => p.split(":") as [string, string]));
      const get = (k: string) => (parts[k] ? (spans.get(parts[k]) ?? null) : null);
      out.push({ source: get("Source"), cue: get("Cue"), content: get("Content") });
    }
  }
  return out;
}

/** Reads a brat .ann file into attributions, each span from its first fragment's start to its last one's end. */
export function readAnn(ann: string): Attribution[] {
  const range = (f: Fragments | null): Span | null => (f ? { start: Math.min(...f.flat()), end: Math.max(...f.flat()) } : null);
  return readAnnFragments(ann).map((a) => ({ source: range(a.source), cue: range(a.cue), content: range(a.content) }));
}

/** The article files of a split: text name → the gold .ann (first annotator by file name). */
export function polnearFiles(dir: string): { base: string; text: string; ann: string }[] {
  const annFiles = readdirSync(join(dir, "attributions")).sort();
  const out: { base: string; text: string; ann: string }[] = [];
  for (const textFile of readdirSync(join(dir, "text")).sort()) {
    const base = textFile.replace(/\.txt$/, "");
    const annFile = annFiles.find((a) => a.startsWith(`${base}_`) || a === `${base}.ann`);
    if (annFile) out.push({ base, text: join(dir, "text", textFile), ann: join(dir, "attributions", annFile) });
  }
  return out;
}

const overlap = (a: Span | null, b: Span | null): number => (a && b ? Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) : 0);
const same = (a: Span | null, b: Span | null): boolean => !!a && !!b && a.start === b.start && a.end === b.end;

/** One-to-one pairs [gold index, quote index], strongest agreement first. */
export function pairAttributions(gold: readonly Attribution[], quotes: readonly Quote[]): [number, number][] {
  const cands: [number, number, number][] = [];
  gold.forEach((g, i) =>
    quotes.forEach((q, j) => {
      const score = (overlap(g.cue, q.cue) > 0 ? 1e6 : 0) + overlap(g.content, q) + overlap(g.source, q.speakerSpan);
      if (score > 0) cands.push([score, i, j]);
    }),
  );
  cands.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const gUsed = new Set<number>();
  const qUsed = new Set<number>();
  const out: [number, number][] = [];
  for (const [, i, j] of cands) {
    if (gUsed.has(i) || qUsed.has(j)) continue;
    gUsed.add(i);
    qUsed.add(j);
    out.push([i, j]);
  }
  return out;
}

export interface PolnearCounts {
  docs: number;
  attributions: number;
  quotes: number;
  pairs: number;
  goldSource: number;
  sysSource: number;
  goldContent: number;
  srcExact: number;
  srcOverlap: number;
  cntExact: number;
  cntOverlap: number;
  cueExact: number;
  cueOverlap: number;
}

type OnError = (doc: string, kind: string, text: string) => void;

export function polnearCounts(dir: string, onError?: OnError, docs = polnearFiles(dir)): PolnearCounts {
  const analyser = createAnalyser();
  const c: PolnearCounts = { docs: 0, attributions: 0, quotes: 0, pairs: 0, goldSource: 0, sysSource: 0, goldContent: 0, srcExact: 0, srcOverlap: 0, cntExact: 0, cntOverlap: 0, cueExact: 0, cueOverlap: 0 };
  for (const d of docs) {
    c.docs++;
    const txt = readFileSync(d.text, "utf8");
    const record = analyser.analyse(txt, null, "quotes");
    const a = alignTexts(txt, record.text);
    // A gold span whose characters all fell out of the record stays, empty, where they stood (it still counts as missed).
    const on = (s: Span | null) => (s ? (a.span(s.start, s.end) ?? { start: a.at(s.start), end: a.at(s.start) }) : null);
    const gold = readAnn(readFileSync(d.ann, "utf8")).map((g) => ({ source: on(g.source), cue: on(g.cue), content: on(g.content) }));
    const quotes = record.quotes;
    c.attributions += gold.length;
    c.quotes += quotes.length;
    c.goldSource += gold.filter((g) => g.source).length;
    c.goldContent += gold.filter((g) => g.content).length;
    c.sysSource += quotes.filter((q) => q.speakerSpan).length;
    const pairs = pairAttributions(gold, quotes);
    c.pairs += pairs.length;
    for (const [i, j] of pairs) {
      const g = gold[i]!;
      const q = quotes[j]!;
      if (overlap(g.source, q.speakerSpan) > 0) c.srcOverlap++;
      if (same(g.source, q.speakerSpan)) c.srcExact++;
      if (overlap(g.content, q) > 0) c.cntOverlap++;
      if (same(g.content, q)) c.cntExact++;
      if (overlap(g.cue, q.cue) > 0) c.cueOverlap++;
      if (same(g.cue, q.cue)) c.cueExact++;
    }
    if (onError) {
      const text = record.text;
      const show = (s: Span | null) => (s ? text.slice(s.start, s.end).replace(/\s+/g, " ") : "∅");
      const gp = new Map(pairs.map(([i, j]) => [i, j]));
      const qp = new Set(pairs.map(([, j]) => j));
      gold.forEach((g, i) => {
        const j = gp.get(i);
        if (j === undefined) onError(d.base, "miss", `${show(g.source)} | ${show(g.cue)} | ${show(g.content)}`);
        else if (overlap(g.source, quotes[j]!.speakerSpan) === 0 && g.source) onError(d.base, "source", `${show(g.source)} ≠ ${show(quotes[j]!.speakerSpan)} | ${show(g.cue)}`);
      });
      quotes.forEach((q, j) => {
        if (!qp.has(j)) onError(d.base, "false", `${show(q.speakerSpan)} | ${show(q.cue)} | ${show(q)}`);
      });
    }
  }
  return c;
}

/** The rows for one set of counts (F1, precision and recall for source, content and cue; overlap and exact). */
export function polnearRows(c: PolnearCounts, split: string): EvalRow[] {
  const base = { dataset: "PolNeAR", split, size: `${c.docs} docs, ${c.attributions} attributions, ${c.goldSource} sources` };
  const rows: EvalRow[] = [];
  const parts = [
    ["source", c.srcOverlap, c.srcExact, c.sysSource, c.goldSource, 0.75],
    ["content", c.cntOverlap, c.cntExact, c.quotes, c.goldContent, 0.75],
    ["cue", c.cueOverlap, c.cueExact, c.quotes, c.attributions, undefined],
  ] as const;
  for (const [name, ov, ex, sys, gold, target] of parts) {
    for (const [how, m] of [["overlap", ov], ["exact", ex]] as const) {
      const r = prf(m, sys, gold);
      rows.push({ ...base, metric: `${name} F1 (${how})`, value: r.f1, ...(how === "overlap" && target ? { target } : {}) });
      rows.push({ ...base, metric: `${name} precision (${how})`, value: r.precision });
      rows.push({ ...base, metric: `${name} recall (${how})`, value: r.recall });
    }
  }
  return rows;
}

export const scorePolnear: Scorer = async () => {
  const dir = dataset("polnear/data/dev");
  if (!dir) return null;
  return polnearRows(polnearCounts(dir), "dev");
};

if (isMain(import.meta.url)) {
  const split = process.argv.includes("--split") ? process.argv[process.argv.indexOf("--split") + 1]! : "dev";
  const dir = dataset(`polnear/data/${split}`);
  if (!dir) console.log("PolNeAR not found (../shared/datasets/polnear)");
  else {
    const onError: OnError | undefined = process.argv.includes("--errors") ? (doc, kind, text) => console.log(`${kind.padEnd(7)} ${text.slice(0, 160)}  ${doc}`) : undefined;
    const c = polnearCounts(dir, onError);
    const rows = polnearRows(c, split);
    console.log(`PolNeAR ${split}: ${rows[0]!.size}`);
    for (const r of rows) console.log(`${r.metric.padEnd(28)} ${r.value.toFixed(3)}`);
  }
}
