/**
 * PolNeAR attribution scores (dev split): the quotes stage's speaker spans against gold Source spans and its quote
 * spans against gold Content spans, as precision/recall/F1 with exact offsets and with overlap. Where several
 * annotators' files exist for one article, the first (by file name) is the gold. Run alone with --errors to list
 * misses and false hits.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Span } from "../record/schema.js";
import { createAnalyser } from "./analyse.js";
import { dataset, isMain } from "./datasets.js";
import { countMatches, prf } from "./match.js";
import type { EvalRow, Scorer } from "./types.js";

export interface Attribution {
  source: Span | null;
  content: Span | null;
}

/** Reads a brat .ann file into attributions (relations joining Source, Cue and Content text-bound annotations). */
export function readAnn(ann: string): Attribution[] {
  const spans = new Map<string, Span>();
  const out: Attribution[] = [];
  for (const line of ann.split("\n")) {
    const t = /^(T\d+)\t\S+ ([\d ;]+)\t/.exec(line);
    if (t) {
      const nums = t[2]!.split(/[ ;]/).map(Number);
      spans.set(t[1]!, { start: Math.min(...nums), end: Math.max(...nums) });
      continue;
    }
    const e = /^E\d+\tAttribution(?:-no-source)?:\S+((?: \w+:T\d+)*)/.exec(line);
    if (e) {
      const parts = Object.fromEntries(e[1]!.trim().split(" ").map((p) => p.split(":") as [string, string]));
      out.push({ source: parts.Source ? (spans.get(parts.Source) ?? null) : null, content: parts.Content ? (spans.get(parts.Content) ?? null) : null });
    }
  }
  return out;
}

export function polnearCounts(dir: string, onError?: (doc: string, kind: string, text: string) => void) {
  const analyser = createAnalyser();
  const annFiles = readdirSync(join(dir, "attributions")).sort();
  const c = { docs: 0, goldSource: 0, goldContent: 0, sysSource: 0, sysContent: 0, srcExact: 0, srcOverlap: 0, cntExact: 0, cntOverlap: 0 };
  for (const textFile of readdirSync(join(dir, "text")).sort()) {
    const base = textFile.replace(/\.txt$/, "");
    const annFile = annFiles.find((a) => a.startsWith(`${base}_`) || a === `${base}.ann`);
    if (!annFile) continue;
    c.docs++;
    const text = readFileSync(join(dir, "text", textFile), "utf8");
    const gold = readAnn(readFileSync(join(dir, "attributions", annFile), "utf8"));
    const quotes = analyser.analyse(text, null, "quotes").quotes;
    const gs = gold.flatMap((g) => (g.source ? [g.source] : []));
    const gc = gold.flatMap((g) => (g.content ? [g.content] : []));
    const ss = quotes.flatMap((q) => (q.speakerSpan ? [q.speakerSpan] : []));
    const sc = quotes.map((q) => ({ start: q.start, end: q.end }));
    c.goldSource += gs.length;
    c.goldContent += gc.length;
    c.sysSource += ss.length;
    c.sysContent += sc.length;
    c.srcExact += countMatches(gs, ss, false);
    c.srcOverlap += countMatches(gs, ss, true);
    c.cntExact += countMatches(gc, sc, false);
    c.cntOverlap += countMatches(gc, sc, true);
    if (onError) {
      for (const g of gs) if (!ss.some((s) => s.start < g.end && g.start < s.end)) onError(base, "miss-source", text.slice(g.start, g.end));
      for (const s of ss) if (!gs.some((g) => s.start < g.end && g.start < s.end)) onError(base, "false-source", text.slice(s.start, s.end));
    }
  }
  return c;
}

export const scorePolnear: Scorer = async () => {
  const dir = dataset("polnear/data/dev");
  if (!dir) return null;
  const c = polnearCounts(dir);
  const base = { dataset: "PolNeAR", split: "dev", size: `${c.docs} docs, ${c.goldSource} sources` };
  return [
    { ...base, metric: "source F1 (overlap)", value: prf(c.srcOverlap, c.sysSource, c.goldSource).f1, target: 0.8 },
    { ...base, metric: "source precision (overlap)", value: prf(c.srcOverlap, c.sysSource, c.goldSource).precision },
    { ...base, metric: "source recall (overlap)", value: prf(c.srcOverlap, c.sysSource, c.goldSource).recall },
    { ...base, metric: "source F1 (exact)", value: prf(c.srcExact, c.sysSource, c.goldSource).f1 },
    { ...base, metric: "content F1 (overlap)", value: prf(c.cntOverlap, c.sysContent, c.goldContent).f1 },
    { ...base, metric: "content F1 (exact)", value: prf(c.cntExact, c.sysContent, c.goldContent).f1 },
  ] satisfies EvalRow[];
};

if (isMain(import.meta.url)) {
  const dir = dataset("polnear/data/dev");
  if (dir && process.argv.includes("--errors")) polnearCounts(dir, (doc, kind, text) => console.log(`${kind.padEnd(13)} ${JSON.stringify(text.slice(0, 60))}  ${doc}`));
  for (const r of (await scorePolnear()) ?? []) console.log(`${r.metric.padEnd(28)} ${r.value.toFixed(3)}`);
}
