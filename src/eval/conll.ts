/**
 * CoNLL-2003 English NER (eng.testa): entity-level exact-match F1 of the entities stage, as conlleval counts it.
 * Each document's tokens are joined with spaces and run through the pipeline up to "entities"; every name mention
 * is compared with the gold chunks. A last row scores the trained tagger alone on the gold tokens. Types map PERSON→PER, ORG→ORG, GPE and LOC→LOC, the rest (and demonyms,
 * which CoNLL tags MISC) →MISC. Role, pronoun and reference mentions are not names and are not scored.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { alignTexts as align } from "./align.js";
import { createExtractor } from "../pipeline/extractor.js";
import { tokenize } from "../pipeline/tokens.js";
import type { Doc } from "../pipeline/types.js";
import { dataset, isMain } from "./datasets.js";
import { countMatches, prf } from "./match.js";
import type { EvalRow, Scorer } from "./types.js";
import { loadTagger } from "../nlp/ner/tagger.js";

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

/** Reads a CoNLL-2003 file into sentences of words and their IOB1 tags (document markers dropped). */
export function readConllSentences(path: string): { words: string[]; tags: string[] }[] {
  const out: { words: string[]; tags: string[] }[] = [];
  let cur = { words: [] as string[], tags: [] as string[] };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("-DOCSTART-")) {
      if (cur.words.length) out.push(cur);
      cur = { words: [], tags: [] };
      continue;
    }
    const cols = line.split(" ");
    cur.words.push(cols[0]!);
    cur.tags.push(cols[3] ?? "O");
  }
  if (cur.words.length) out.push(cur);
  return out;
}

/** Reads a CoNLL-2003 file into documents of sentences of words and their IOB1 tags. */
export function readConllDocuments(path: string): { words: string[]; tags: string[] }[][] {
  const docs: { words: string[]; tags: string[] }[][] = [];
  let cur = { words: [] as string[], tags: [] as string[] };
  const flush = () => {
    if (cur.words.length) (docs[docs.length - 1] ?? (docs[0] = [])).push(cur);
    cur = { words: [], tags: [] };
  };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("-DOCSTART-")) {
      flush();
      docs.push([]);
    } else if (!line.trim()) flush();
    else {
      const cols = line.split(" ");
      cur.words.push(cols[0]!);
      cur.tags.push(cols[3] ?? "O");
    }
  }
  flush();
  return docs.filter((d) => d.length);
}

/** Reads a CoNLL-2003 file into documents: text (tokens joined by spaces, sentences by newlines) and gold chunks (IOB1). */
export function readConll(path: string): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let doc: ConllDoc | null = null;
  let sentence: { words: string[]; tags: string[] } = { words: [], tags: [] };
  const flush = () => {
    if (!doc || sentence.words.length === 0) return;
    const tokens = sentence.words.map((w) => {
      if (doc!.text && !doc!.text.endsWith("\n")) doc!.text += " ";
      const t = { start: doc!.text.length, end: doc!.text.length + w.length };
      doc!.text += w;
      return t;
    });
    doc.text += "\n";
    doc.sentences++;
    doc.gold.push(...chunks(sentence.tags, tokens));
    sentence = { words: [], tags: [] };
  };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("-DOCSTART-")) {
      flush();
      doc = { text: "", gold: [], sentences: 0 };
      docs.push(doc);
    } else if (!line.trim()) flush();
    else {
      const cols = line.split(" ");
      sentence.words.push(cols[0]!);
      sentence.tags.push(cols[3] ?? "O");
    }
  }
  flush();
  return docs;
}

const TYPE_MAP: Record<string, Type> = { PERSON: "PER", ORG: "ORG", GPE: "LOC", LOC: "LOC" };

type Counts = Record<Type, { gold: number; system: number; matched: number }>;
const emptyCounts = (): Counts => ({ PER: { gold: 0, system: 0, matched: 0 }, ORG: { gold: 0, system: 0, matched: 0 }, LOC: { gold: 0, system: 0, matched: 0 }, MISC: { gold: 0, system: 0, matched: 0 } });

/**
 * Runs each document through the whole pipeline as a plain-text article (structure, then the stages up to
 * entities), maps the gold chunks onto the record's text by a character alignment of the two texts
 * (./align.ts; a chunk whose characters the record dropped stays a miss) and counts exact matches. Documents
 * are also counted by half — A the even document indices, B the odd ones — because the entities layer's rules
 * are developed on half A only.
 */
export function conllCounts(file: string): { perType: Counts; halves: { A: Counts; B: Counts }; sentences: number; docs: number } {
  const extractor = createExtractor();
  const upTo = extractor.stages.findIndex((s) => s.name === "entities");
  const perType = emptyCounts();
  const halves = { A: emptyCounts(), B: emptyCounts() };
  let sentences = 0;
  const docs = readConll(file);
  docs.forEach((d, index) => {
    sentences += d.sentences;
    const record = extractor.build({ origin: `conll:${index}`, format: "text", text: d.text });
    const doc: Doc = { record, tokens: tokenize(record.text), anchorDate: null };
    for (const stage of extractor.stages.slice(0, upTo + 1)) stage.run(doc);
    const alignment = align(d.text, record.text);
    const gold = d.gold.flatMap((c) => {
      const at = alignment.span(c.start, c.end);
      return at ? [{ ...at, type: c.type }] : [];
    });
    const system: Chunk[] = [];
    for (const e of record.entities)
      for (const m of e.mentions) {
        if (m.kind === "role" || m.kind === "pronoun") continue;
        const type: Type = m.kind === "demonym" ? "MISC" : m.kind === "metonym" ? "LOC" : (TYPE_MAP[e.type] ?? "MISC");
        system.push({ start: m.start, end: m.end, type });
      }
    for (const t of ["PER", "ORG", "LOC", "MISC"] as const) {
      const g = gold.filter((c) => c.type === t);
      const s = system.filter((c) => c.type === t);
      const matched = countMatches(g, s, false);
      // Gold chunks the record dropped are still gold.
      const goldCount = d.gold.filter((c) => c.type === t).length;
      for (const counts of [perType, halves[index % 2 === 0 ? "A" : "B"]]) {
        counts[t].gold += goldCount;
        counts[t].system += s.length;
        counts[t].matched += matched;
      }
    }
  });
  return { perType, halves, sentences, docs: docs.length };
}

/**
 * The trained tagger alone on the gold tokens (exact chunks, as conlleval scores a tagger), one document at a time
 * so its second pass sees the document.
 */
export function taggerF1(file: string, types: readonly Type[] = ["PER", "ORG", "LOC", "MISC"]): number {
  const tagger = loadTagger();
  let gold = 0;
  let system = 0;
  let hit = 0;
  const keep = (c: { type: string }) => types.includes(c.type as Type);
  const key = (a: { start: number; end: number; type: string }) => `${a.start}:${a.end}:${a.type}`;
  for (const doc of readConllDocuments(file)) {
    let text = "";
    const sentences = doc.map((s) => {
      const tokens = s.words.map((w) => {
        if (text && !text.endsWith("\n")) text += " ";
        const t = { start: text.length, end: text.length + w.length, text: w };
        text += w;
        return t;
      });
      text += "\n";
      return tokens;
    });
    const found = tagger.tagDocument(sentences, text);
    doc.forEach((s, k) => {
      const g = new Set(chunks(s.tags, sentences[k]!).filter(keep).map(key));
      const p = found[k]!.filter(keep).map(key);
      gold += g.size;
      system += p.length;
      hit += p.filter((x) => g.has(x)).length;
    });
  }
  return prf(hit, system, gold).f1;
}

/** IOB1 tags over tokens → typed chunks with character offsets. */
function chunks(tags: readonly string[], tokens: readonly { start: number; end: number }[]): Chunk[] {
  const out: Chunk[] = [];
  tags.forEach((tag, i) => {
    const type = tag.slice(2) as Type;
    const last = out[out.length - 1];
    if (tag === "O") return;
    if (!tag.startsWith("B-") && last && last.type === type && last.end === tokens[i - 1]?.end) last.end = tokens[i]!.end;
    else out.push({ start: tokens[i]!.start, end: tokens[i]!.end, type });
  });
  return out;
}

export const scoreConll: Scorer = async () => {
  const dir = dataset("conll2003");
  if (!dir) return null;
  const { perType, halves, sentences, docs } = conllCounts(join(dir, "eng.testa"));
  const base = { dataset: "CoNLL-2003", split: "eng.testa", size: `${docs} docs, ${sentences} sentences` };
  const sum = (c: Counts, types: Type[]) =>
    types.reduce((a, t) => ({ gold: a.gold + c[t].gold, system: a.system + c[t].system, matched: a.matched + c[t].matched }), { gold: 0, system: 0, matched: 0 });
  const f = (c: { gold: number; system: number; matched: number }) => prf(c.matched, c.system, c.gold).f1;
  const main = sum(perType, ["PER", "ORG", "LOC"]);
  const half = (h: "A" | "B") => ({ ...base, split: `eng.testa half ${h} (${h === "A" ? "even" : "odd"} documents)`, size: `${Math.ceil((docs - (h === "A" ? 0 : 1)) / 2)} docs` });
  return [
    { ...base, metric: "PER/ORG/LOC F1", value: f(main), target: 0.9 },
    { ...base, metric: "PER/ORG/LOC precision", value: prf(main.matched, main.system, main.gold).precision },
    { ...base, metric: "PER/ORG/LOC recall", value: prf(main.matched, main.system, main.gold).recall },
    { ...half("A"), metric: "PER/ORG/LOC F1", value: f(sum(halves.A, ["PER", "ORG", "LOC"])) },
    { ...half("B"), metric: "PER/ORG/LOC F1", value: f(sum(halves.B, ["PER", "ORG", "LOC"])) },
    { ...base, metric: "PER F1", value: f(perType.PER) },
    { ...base, metric: "ORG F1", value: f(perType.ORG) },
    { ...base, metric: "LOC F1", value: f(perType.LOC) },
    { ...base, metric: "all types F1 (with MISC)", value: f(sum(perType, ["PER", "ORG", "LOC", "MISC"])) },
    { ...base, metric: "tagger alone, PER/ORG/LOC F1", value: taggerF1(join(dir, "eng.testa"), ["PER", "ORG", "LOC"]), target: 0.91 },
    { ...base, metric: "tagger alone, all types F1", value: taggerF1(join(dir, "eng.testa")) },
  ] satisfies EvalRow[];
};

if (isMain(import.meta.url)) for (const r of (await scoreConll()) ?? []) console.log(`${r.metric.padEnd(30)} ${r.value.toFixed(3)}  ${r.split}`);
