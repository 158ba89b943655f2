/**
 * Sentence-boundary accuracy on CoNLL-2003 (eng.testa: each `-DOCSTART-` document, gold sentences = blank-line
 * groups) and MEANTIME (120 Wikinews articles, gold sentences = the tokens' `sentence` numbers). Each document is
 * rebuilt as text (tokens detokenised), its first two sentences (headline, dateline or date line) as paragraphs of
 * their own, the body as one paragraph. Scores the boundaries inside the body (exact offsets): precision, recall, F1, and recall
 * on gold sentences that end with a stop (the rest are table rows and score lines, which real text puts on lines of
 * their own). Run: `npx tsx src/nlp/structure/sentence-eval.ts`.
 */
import { readFileSync } from "node:fs";
import { listFiles } from "../../eval/datasets.js";
import { join } from "node:path";
import { createAnalyser } from "../../eval/analyse.js";
import { dataset, isMain } from "../../eval/datasets.js";

export interface BoundaryScore {
  docs: number;
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  /** Recall on gold sentences that end with ".", "!", "?" (possibly inside a closing quote). */
  stopRecall: number;
  /** The same, leaving out boundaries inside a quotation (kept whole by design). */
  stopRecallOutsideQuotes: number;
}

interface ConllDoc {
  text: string;
  /** Start of the body paragraph in `text`. */
  bodyStart: number;
  /** Gold sentence ends inside the body, except the last; with whether the sentence ends with a stop. */
  boundaries: { end: number; stop: boolean; quoted: boolean }[];
}

/** Penn Treebank quote tokens (MEANTIME) as the straight quote they stand for. */
const PTB: Record<string, string> = { "``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")" };
const NO_SPACE_BEFORE = new Set([",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m", "'"]);
const NO_SPACE_AFTER = new Set(["(", "[", "{", "$"]);

/** Joins tokens as a newspaper prints them; returns the text and the end offset of each token. */
function detokenise(tokens: string[]): { text: string; ends: number[]; quoted: boolean[] } {
  let text = "";
  let glue = true;
  let quoteOpen = false;
  const ends: number[] = [];
  const quoted: boolean[] = [];
  for (const tok of tokens) {
    const t = PTB[tok] ?? tok;
    let space = !glue && !NO_SPACE_BEFORE.has(t);
    if (t === '"') {
      if (quoteOpen) space = false;
      quoteOpen = !quoteOpen;
    }
    text += (space ? " " : "") + t;
    ends.push(text.length);
    quoted.push(quoteOpen);
    glue = NO_SPACE_AFTER.has(t) || (t === '"' && quoteOpen);
  }
  return { text, ends, quoted };
}

/** Documents as lists of sentences of tokens. */
type TokenDocs = string[][][];

function readConll(file: string): TokenDocs {
  const docs: TokenDocs = [];
  let sentence: string[] = [];
  const flush = () => {
    if (sentence.length) (docs[docs.length - 1] ??= []).push(sentence);
    sentence = [];
  };
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("-DOCSTART-")) {
      flush();
      docs.push([]);
    } else if (!line.trim()) flush();
    else sentence.push(line.split(" ")[0]!);
  }
  flush();
  return docs;
}

const XML_ENTITIES: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&apos;": "'", "&lt;": "<", "&gt;": ">" };

function readMeantime(dir: string): TokenDocs {
  return listFiles(dir, ".xml").map((f) => {
    const doc: string[][] = [];
    for (const m of readFileSync(f, "utf8").matchAll(/<token [^>]*sentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
      const token = m[2]!.replace(/&\w+;/g, (e) => XML_ENTITIES[e] ?? e);
      (doc[Number(m[1])] ??= []).push(token);
    }
    return doc.filter(Boolean);
  });
}

function buildDocs(docs: TokenDocs): ConllDoc[] {
  const out: ConllDoc[] = [];
  for (const sentences of docs) {
    if (sentences.length < 3) continue;
    const head = sentences.slice(0, 2).map((s) => detokenise(s).text);
    const bodyStart = head.join("\n\n").length + 2;
    const body = detokenise(sentences.slice(2).flat());
    const boundaries: ConllDoc["boundaries"] = [];
    let k = 0;
    for (const s of sentences.slice(2)) {
      k += s.length;
      const end = body.ends[k - 1]!;
      const piece = s.map((t) => PTB[t] ?? t).join(" ");
      boundaries.push({ end: bodyStart + end, stop: /[.!?](?: ["')])?$/.test(piece), quoted: body.quoted[k - 1]! });
    }
    boundaries.pop();
    out.push({ text: head.join("\n\n") + "\n\n" + body.text, bodyStart, boundaries });
  }
  return out;
}

export const readConllDocs = (file: string): ConllDoc[] => buildDocs(readConll(file));
export const readMeantimeDocs = (dir: string): ConllDoc[] => buildDocs(readMeantime(dir));

/**
 * A boundary as the offset after its last character that is neither space nor a straight quote: CoNLL often puts the
 * opening quote of the next sentence at the end of this one (`said Washington. "`), which says nothing about where
 * the sentence ends.
 */
function normalise(text: string, end: number): number {
  while (end > 0 && (text[end - 1] === " " || text[end - 1] === '"')) end--;
  return end;
}

export function scoreSentenceBoundaries(docs: ConllDoc[]): BoundaryScore {
  const analyser = createAnalyser();
  let gold = 0;
  let predicted = 0;
  let correct = 0;
  let stopGold = 0;
  let stopCorrect = 0;
  let outGold = 0;
  let outCorrect = 0;
  for (const d of docs) {
    const r = analyser.analyse(d.text, null, "sentences");
    const ends = new Set<number>();
    const body = r.sentences.filter((s) => s.start >= d.bodyStart);
    for (const s of body.slice(0, -1)) ends.add(normalise(d.text, s.end));
    predicted += ends.size;
    gold += d.boundaries.length;
    for (const b of d.boundaries) {
      const hit = ends.has(normalise(d.text, b.end));
      if (hit) correct++;
      if (b.stop) {
        stopGold++;
        if (hit) stopCorrect++;
        if (!b.quoted) {
          outGold++;
          if (hit) outCorrect++;
        }
      }
    }
  }
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  return {
    docs: docs.length,
    gold,
    predicted,
    correct,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    stopRecall: stopGold ? stopCorrect / stopGold : 0,
    stopRecallOutsideQuotes: outGold ? outCorrect / outGold : 0,
  };
}

if (isMain(import.meta.url)) {
  const pct = (x: number) => (100 * x).toFixed(1);
  const line = (name: string, s: BoundaryScore) =>
    console.log(
      `${name} sentence boundaries (${s.docs} docs, ${s.gold} gold boundaries in bodies): ` +
        `P ${pct(s.precision)} R ${pct(s.recall)} F1 ${pct(s.f1)}; recall on stop-final sentences ${pct(s.stopRecall)}, ` +
        `outside quotations ${pct(s.stopRecallOutsideQuotes)}`,
    );
  const conll = dataset("conll2003");
  const meantime = dataset("meantime");
  if (conll) line("CoNLL-2003 eng.testa", scoreSentenceBoundaries(readConllDocs(join(conll, "eng.testa"))));
  else console.log("../shared/datasets/conll2003 not found");
  if (meantime) line("MEANTIME (Wikinews)", scoreSentenceBoundaries(readMeantimeDocs(join(meantime, "intra-doc_annotation"))));
}
