/**
 * Cross-document event coreference on MEANTIME (gold event mentions, gold cross-document instances), scored with
 * MUC, B³, CEAF-e and CoNLL F1 beside the same-lemma baseline (mentions with one lemma in one gold topic are one
 * event), the floor to clear, and beside the all-singletons baseline (every mention its own event), which most of
 * MEANTIME's mentions are. Parley's clustering is the story layer's own: documents are grouped into stories by the
 * engine, then within each story the mentions are merged by `mergeMentions` — the very function that builds story
 * events — with the lemma in place of the PLOVER type (MEANTIME's events are every predicate, most outside PLOVER),
 * the date the pipeline reads in the mention's sentence (else the creation month, as the coder dates an undated
 * event) and copies recognised by MinHash. Half A (even ids) and half B (odd ids) are scored apart.
 *   npx tsx src/eval/coref.ts
 */
import { stemmer } from "stemmer";
import type { ArticleRecord } from "../record/schema.js";
import { mergeMentions } from "../story/merge-events.js";
import type { MentionInput } from "../story/mentions.js";
import { conll, type Clustering } from "./coref-metrics.js";
import { dataset, isMain } from "./datasets.js";
import { half, readMeantime, type CatDoc } from "./meantime.js";
import { catRecord, clusterRecords } from "./stories.js";
import type { EvalRow, Scorer } from "./types.js";

/** The date the pipeline gives the sentence of a mention: an event-scope DATE there, else the creation month. */
function mentionDate(r: ArticleRecord, start: number): { date: string | null; dateSource: "text" | "publication" | null } {
  const s = r.sentences.find((x) => x.start <= start && start < x.end);
  const t = s && r.times.find((x) => x.type === "DATE" && x.scope !== "document" && x.start >= s.start && x.end <= s.end && /^\d{4}/.test(x.value));
  if (t) return { date: t.value, dateSource: "text" };
  return r.published ? { date: r.published.slice(0, 7), dateSource: "publication" } : { date: null, dateSource: null };
}

function inputs(d: CatDoc, r: ArticleRecord, copyGroup: string): MentionInput[] {
  const offset = d.title.length + 2;
  return d.events.map((m) => ({
    article: d.id,
    event: m.id,
    start: m.start + offset,
    end: m.end + offset,
    source: [],
    publisher: "Wikinews",
    published: r.published,
    url: null,
    modality: "asserted",
    ...mentionDate(r, m.start + offset),
    kind: "event",
    copyGroup,
    type: m.lemma,
    actors: [],
    recipients: [],
    location: null,
    documents: [],
    triggerStem: stemmer(m.lemma),
    numbers: {},
    order: m.start,
    text: "",
  }));
}

export async function corefScores(docs: CatDoc[]): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for (const h of ["A", "B"] as const) {
    const part = docs.filter((d) => half(d) === h);
    const records = new Map(part.map((d) => [d.id, catRecord(d)]));
    const copies = new Map<string, string>();
    const story = await clusterRecords([...records.values()], undefined, copies);
    const key = (d: CatDoc, id: string) => `${d.id}/${id}`;
    const gold = new Map<string, string>();
    const lemma = new Map<string, string>();
    for (const d of part)
      for (const m of d.events) {
        gold.set(key(d, m.id), m.cluster);
        lemma.set(key(d, m.id), `${d.topic}/${m.lemma}`);
      }
    const sys = new Map<string, string>();
    const byStory = new Map<string, MentionInput[]>();
    for (const d of part) {
      const s = story.get(d.id) ?? d.id;
      byStory.set(s, [...(byStory.get(s) ?? []), ...inputs(d, records.get(d.id)!, copies.get(d.id) ?? d.id)]);
    }
    let n = 0;
    for (const ms of byStory.values())
      for (const e of mergeMentions(ms)) {
        n++;
        for (const m of e.mentions) sys.set(`${m.article}/${m.event}`, `e${n}`);
      }
    const size = `${part.length} docs, ${gold.size} event mentions, ${new Set(gold.values()).size} gold events`;
    const split = h === "A" ? "half A (even ids)" : "half B (odd ids; reported only)";
    const add = (who: string, c: Clustering) => {
      const s = conll(gold, c);
      rows.push({ dataset: "MEANTIME cross-doc events", split, size, metric: `${who} MUC F1`, value: s.muc.f1 });
      rows.push({ dataset: "MEANTIME cross-doc events", split, size, metric: `${who} B³ F1`, value: s.bcubed.f1 });
      rows.push({ dataset: "MEANTIME cross-doc events", split, size, metric: `${who} CEAF-e F1`, value: s.ceafe.f1 });
      rows.push({ dataset: "MEANTIME cross-doc events", split, size, metric: `${who} CoNLL F1`, value: s.f1 });
      return s.f1;
    };
    add("same-lemma baseline", lemma);
    add("singletons baseline", new Map([...gold.keys()].map((k) => [k, k])));
    add("Parley", sys);
  }
  return rows;
}

export const scoreCoref: Scorer = async () => {
  const mt = dataset("meantime");
  return mt ? corefScores(readMeantime(mt)) : null;
};

if (isMain(import.meta.url)) {
  const mt = dataset("meantime");
  if (!mt) console.error("datasets missing");
  else for (const r of await corefScores(readMeantime(mt))) console.log(`${r.split}\t${r.size}\t${r.metric}\t${r.value.toFixed(3)}`);
}
