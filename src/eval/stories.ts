/**
 * Story clustering scored with B³ precision/recall/F1 against topics known from the corpus structure: MEANTIME's
 * four corpora (airbus, apple, gm, stock; 120 Wikinews articles) and the SemEval-2015 TimeLine trial documents (30
 * Wikinews articles about Apple, one topic; the same texts as MEANTIME's apple corpus under other ids, so together
 * they also exercise copy detection). Documents go through the real pipeline and the real incremental engine (an
 * in-memory SQLite store), in publication order as a news stream would bring them.
 *
 * Split: half A (even document ids) chooses the settings (scripts/tune-stories.ts); half B is only reported. Each half
 * is clustered on its own.  Run alone: npx tsx src/eval/stories.ts [--settings JSON]
 */
import type { ArticleRecord } from "../record/schema.js";
import { openSqliteStore } from "../store/sqlite.js";
import { storySettings, type StorySettings } from "../story/similarity.js";
import { createAnalyser, type Analyser } from "./analyse.js";
import { bcubed } from "./coref-metrics.js";
import { dataset, isMain } from "./datasets.js";
import { half, readMeantime, readTimelineTrial, type CatDoc } from "./meantime.js";
import type { EvalRow, Scorer } from "./types.js";

let analyser: Analyser | undefined;
const cache = new Map<string, ArticleRecord>();
/** A document as the record the store would get: title, blank line, body; the publication date its creation time. */
export function catRecord(d: CatDoc): ArticleRecord {
  const hit = cache.get(d.id);
  if (hit) return hit;
  analyser ??= createAnalyser();
  const text = `${d.title}\n\n${d.text}`;
  const published = d.published && /^\d{4}-\d{2}-\d{2}/.test(d.published) ? d.published.slice(0, 10) : null;
  const r = analyser.analyse(text, published);
  const out: ArticleRecord = {
    ...r,
    id: d.id,
    hash: d.id,
    title: d.title,
    source: "Wikinews",
    published,
    structure: { headline: { start: 0, end: d.title.length }, standfirst: null, body: { start: d.title.length + 2, end: text.length }, paragraphs: [{ start: d.title.length + 2, end: text.length }] },
  };
  cache.set(d.id, out);
  return out;
}

/** Clusters records with the real engine; returns article id → story id (and, with `copies`, id → copy group). */
export async function clusterRecords(records: ArticleRecord[], settings?: StorySettings, copies?: Map<string, string>): Promise<Map<string, string>> {
  const store = openSqliteStore(":memory:", { stories: settings ? { settings } : {} });
  const sorted = [...records].sort((a, b) => ((a.published ?? "") < (b.published ?? "") ? -1 : (a.published ?? "") > (b.published ?? "") ? 1 : a.id < b.id ? -1 : 1));
  for (const r of sorted) await store.put(r);
  const out = new Map<string, string>();
  for (const s of await store.stories()) for (const a of s.articles) out.set(a, String(s.id));
  if (copies) for (const a of (await store.articles({}, { limit: records.length })).articles) copies.set(a.id, a.copyGroup ?? a.id);
  await store.close();
  return out;
}

export interface StorySets {
  meantime: CatDoc[];
  timeline: CatDoc[];
}

export function readStorySets(): StorySets | null {
  const mt = dataset("meantime");
  const tl = dataset("semeval2015-timeline");
  if (!mt || !tl) return null;
  return { meantime: readMeantime(mt), timeline: readTimelineTrial(tl) };
}

export async function storyScores(sets: StorySets, settings?: StorySettings): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  const rec = catRecord;
  const named: [string, CatDoc[]][] = [
    ["MEANTIME (4 corpora)", sets.meantime],
    ["SemEval-2015 TimeLine trial", sets.timeline],
    ["MEANTIME + TimeLine trial", [...sets.meantime, ...sets.timeline]],
  ];
  for (const [name, docs] of named)
    for (const h of ["A", "B"] as const) {
      const part = docs.filter((d) => half(d) === h);
      const sys = await clusterRecords(part.map(rec), settings);
      const gold = new Map(part.map((d) => [d.id, d.topic]));
      const b = bcubed(gold, new Map(part.map((d) => [d.id, sys.get(d.id) ?? `none:${d.id}`])));
      const topics = new Set(part.map((d) => d.topic)).size;
      const split = h === "A" ? "half A (even ids; chooses settings)" : "half B (odd ids; reported only)";
      const size = `${part.length} docs, ${topics} topic${topics === 1 ? "" : "s"}, ${new Set(sys.values()).size} stories`;
      const target = name.startsWith("MEANTIME +") ? 0.9 : undefined;
      rows.push({ dataset: name, split, size, metric: "story B³ precision", value: b.precision });
      rows.push({ dataset: name, split, size, metric: "story B³ recall", value: b.recall });
      rows.push({ dataset: name, split, size, metric: "story B³ F1", value: b.f1, ...(target ? { target } : {}) });
    }
  return rows;
}

export const scoreStories: Scorer = async () => {
  const sets = readStorySets();
  return sets ? storyScores(sets) : null;
};

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf("--settings");
  const settings = i > 0 ? { ...storySettings(), ...(JSON.parse(process.argv[i + 1]!) as Partial<StorySettings>) } : undefined;
  const sets = readStorySets();
  if (!sets) console.error("datasets missing");
  else for (const r of await storyScores(sets, settings)) console.log(`${r.dataset}\t${r.split}\t${r.size}\t${r.metric}\t${r.value.toFixed(3)}`);
}
