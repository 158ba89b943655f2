/**
 * CoNLL-2003 English NER (eng.testa): entity-level exact-match F1 of the entities stage, as conlleval counts it.
 * Each document's tokens are joined with spaces and run through the pipeline up to "entities"; every name mention
 * is compared with the gold chunks. Types map PERSON→PER, ORG→ORG, GPE and LOC→LOC, the rest (and demonyms,
 * which CoNLL tags MISC) →MISC. Role, pronoun and reference mentions are not names and are not scored.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createAnalyser } from "./analyse.js";
import { dataset, isMain } from "./datasets.js";
import { countMatches, prf } from "./match.js";
import type { EvalRow, Scorer } from "./types.js";

type Type = "PER" | "ORG" | "LOC" | "MISC";
interface Chunk {
  start: number;
  end: number;
  type: Type;
}
interface ConllDoc {
  text: string;
  gold: Chunk[];
  sentences: number;
}

/** Reads a CoNLL-2003 file into documents: text (tokens joined by spaces, sentences by newlines) and gold chunks (IOB1). */
export function readConll(path: string): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let doc: ConllDoc | null = null;
  let open: Chunk | null = null;
  const close = () => {
    if (open && doc) doc.gold.push(open);
    open = null;
  };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("-DOCSTART-")) {
      close();
      doc = { text: "", gold: [], sentences: 0 };
      docs.push(doc);
      continue;
    }
    if (!doc) continue;
    if (!line.trim()) {
      close();
      if (doc.text && !doc.text.endsWith("\n")) {
        doc.text += "\n";
        doc.sentences++;
      }
      continue;
    }
    const [word, , , tag = "O"] = line.split(" ");
    if (doc.text && !doc.text.endsWith("\n")) doc.text += " ";
    const start = doc.text.length;
    doc.text += word!;
    const type = tag.slice(2) as Type;
    if (tag === "O") close();
    else if (tag.startsWith("B-") || !open || open.type !== type) {
      close();
      open = { start, end: doc.text.length, type };
    } else open.end = doc.text.length;
  }
  close();
  return docs;
}

const TYPE_MAP: Record<string, Type> = { PERSON: "PER", ORG: "ORG", GPE: "LOC", LOC: "LOC" };

export function conllCounts(file: string): { perType: Record<Type, { gold: number; system: number; matched: number }>; sentences: number; docs: number } {
  const analyser = createAnalyser();
  const perType = { PER: { gold: 0, system: 0, matched: 0 }, ORG: { gold: 0, system: 0, matched: 0 }, LOC: { gold: 0, system: 0, matched: 0 }, MISC: { gold: 0, system: 0, matched: 0 } };
  let sentences = 0;
  const docs = readConll(file);
  for (const d of docs) {
    sentences += d.sentences;
    const record = analyser.analyse(d.text, null, "entities");
    const system: Chunk[] = [];
    for (const e of record.entities)
      for (const m of e.mentions) {
        if (m.kind === "role" || m.kind === "pronoun") continue;
        const type: Type = m.kind === "demonym" ? "MISC" : m.kind === "metonym" ? "LOC" : (TYPE_MAP[e.type] ?? "MISC");
        system.push({ start: m.start, end: m.end, type });
      }
    for (const t of ["PER", "ORG", "LOC", "MISC"] as const) {
      const g = d.gold.filter((c) => c.type === t);
      const s = system.filter((c) => c.type === t);
      perType[t].gold += g.length;
      perType[t].system += s.length;
      perType[t].matched += countMatches(g, s, false);
    }
  }
  return { perType, sentences, docs: docs.length };
}

export const scoreConll: Scorer = async () => {
  const dir = dataset("conll2003");
  if (!dir) return null;
  const { perType, sentences, docs } = conllCounts(join(dir, "eng.testa"));
  const base = { dataset: "CoNLL-2003", split: "eng.testa", size: `${docs} docs, ${sentences} sentences` };
  const sum = (types: (keyof typeof perType)[]) =>
    types.reduce((a, t) => ({ gold: a.gold + perType[t].gold, system: a.system + perType[t].system, matched: a.matched + perType[t].matched }), { gold: 0, system: 0, matched: 0 });
  const f = (c: { gold: number; system: number; matched: number }) => prf(c.matched, c.system, c.gold).f1;
  const main = sum(["PER", "ORG", "LOC"]);
  return [
    { ...base, metric: "PER/ORG/LOC F1", value: f(main), target: 0.88 },
    { ...base, metric: "PER/ORG/LOC precision", value: prf(main.matched, main.system, main.gold).precision },
    { ...base, metric: "PER/ORG/LOC recall", value: prf(main.matched, main.system, main.gold).recall },
    { ...base, metric: "PER F1", value: f(perType.PER) },
    { ...base, metric: "ORG F1", value: f(perType.ORG) },
    { ...base, metric: "LOC F1", value: f(perType.LOC) },
    { ...base, metric: "all types F1 (with MISC)", value: f(sum(["PER", "ORG", "LOC", "MISC"])) },
  ] satisfies EvalRow[];
};

if (isMain(import.meta.url)) for (const r of (await scoreConll()) ?? []) console.log(`${r.metric.padEnd(26)} ${r.value.toFixed(3)}`);
