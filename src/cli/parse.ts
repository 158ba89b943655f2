/**
 * `parley parse [--input-format text|conllu] FILES…|- [--format conllu|json]`: part of speech, lemma and dependency
 * parse. CoNLL-U input keeps its words and sentences exactly (ids, forms, comments, multiword-token ranges and MISC
 * as given; empty nodes keep id and form) and gets UPOS, XPOS, LEMMA, HEAD and DEPREL filled (FEATS and DEPS, which
 * Parley does not predict, become "_"), so gold-tokenised files can be scored. Text input goes through Parley's own
 * reading: structure, the shared tokens, sentences.
 */
import { readFile } from "node:fs/promises";
import { readInputs } from "../ingest/index.js";
import { sentencesStage } from "../nlp/sentences.js";
import { buildDocument } from "../nlp/structure.js";
import { formatConllu, parseConllu, type ConlluSentence } from "../nlp/syntax/conllu.js";
import { loadSyntaxModel, type Analysis, type SyntaxModel } from "../nlp/syntax/model.js";
import { analyseTokens, units } from "../nlp/syntax/stage.js";
import { tokenize } from "../pipeline/tokens.js";
import type { Doc } from "../pipeline/types.js";
import { CliError, EXIT, type CliIo } from "./io.js";

export interface ParseFlags {
  inputFormat: "text" | "conllu";
  format: "conllu" | "json";
}

/** A parsed sentence as the JSON output gives it: ids and heads 1-based within the sentence (0: root), as CoNLL-U. */
interface JsonWord {
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  head: number;
  deprel: string;
  start?: number;
  end?: number;
}
interface JsonDoc {
  origin: string;
  sentences: { text?: string; start?: number; end?: number; words: JsonWord[] }[];
}

async function readAll(input: string, io: CliIo): Promise<string> {
  if (input !== "-") {
    try {
      return await readFile(input, "utf8");
    } catch (err) {
      throw new CliError(`cannot read ${input}: ${(err as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** Fills the predicted columns of CoNLL-U sentences in place. */
export function fillConllu(model: SyntaxModel, sentences: ConlluSentence[]): void {
  let out: Analysis = { tags: new Uint8Array(256), heads: new Int32Array(256), labels: new Uint8Array(256) };
  for (const s of sentences) {
    const n = s.words.length;
    if (n === 0) continue;
    if (n > out.tags.length) out = { tags: new Uint8Array(2 * n), heads: new Int32Array(2 * n), labels: new Uint8Array(2 * n) };
    const forms = s.words.map((w) => w.form);
    model.analyse(forms, out);
    s.words.forEach((w, i) => {
      const t = out.tags[i]!;
      w.upos = model.upos[t]!;
      w.xpos = model.xpos[t]!;
      w.lemma = model.lemmaOf(w.form, t);
      w.head = out.heads[i]! + 1;
      w.deprel = model.labels[out.labels[i]!]!;
      w.feats = "_";
      w.deps = "_";
    });
    // An empty node's columns other than id, form and MISC described the gold graph; they no longer apply.
    s.extras = s.extras.map((e) => {
      const cols = e.line.split("\t");
      if (cols.length !== 10 || !cols[0]!.includes(".")) return e;
      return { before: e.before, line: [cols[0], cols[1], "_", "_", "_", "_", "_", "_", "_", cols[9]].join("\t") };
    });
  }
}

function conlluToJson(origin: string, sentences: readonly ConlluSentence[]): JsonDoc {
  return {
    origin,
    sentences: sentences.map((s) => ({
      ...(s.comments.find((c) => c.startsWith("# text = ")) ? { text: s.comments.find((c) => c.startsWith("# text = "))!.slice(9) } : {}),
      words: s.words.map((w) => ({ id: w.id, form: w.form, lemma: w.lemma, upos: w.upos, xpos: w.xpos, head: w.head, deprel: w.deprel })),
    })),
  };
}

/** Parley's reading of one text article: structure, tokens, sentences, syntax; returned as CoNLL-U sentences. */
function parseText(model: SyntaxModel, doc: Doc, origin: string): { conllu: ConlluSentence[]; json: JsonDoc } {
  const syn = analyseTokens(model, doc.tokens, doc.record.sentences);
  const text = doc.record.text;
  const conllu: ConlluSentence[] = [];
  const json: JsonDoc = { origin, sentences: [] };
  for (const [a, b] of units(doc.tokens, doc.record.sentences)) {
    const toks = doc.tokens.slice(a, b);
    const start = toks[0]!.start;
    const end = toks[toks.length - 1]!.end;
    const sentText = text.slice(start, end).replace(/\s+/g, " ");
    const words: JsonWord[] = toks.map((t, i) => ({
      id: i + 1,
      form: t.text,
      lemma: syn.lemma[a + i]!,
      upos: syn.upos[a + i]!,
      xpos: syn.xpos[a + i]!,
      head: syn.head[a + i]! < 0 ? 0 : syn.head[a + i]! - a + 1,
      deprel: syn.deprel[a + i]!,
      start: t.start,
      end: t.end,
    }));
    json.sentences.push({ text: sentText, start, end, words });
    conllu.push({
      comments: [`# sent_id = ${origin}#${conllu.length + 1}`, `# text = ${sentText}`],
      extras: [],
      words: words.map((w, i) => ({
        id: w.id,
        form: w.form.replace(/\s/g, "_"),
        lemma: w.lemma,
        upos: w.upos,
        xpos: w.xpos,
        feats: "_",
        head: w.head,
        deprel: w.deprel,
        deps: "_",
        misc: [i + 1 < toks.length && toks[i + 1]!.start === toks[i]!.end ? "SpaceAfter=No" : "", `TokenRange=${w.start}:${w.end}`].filter(Boolean).join("|"),
      })),
    });
  }
  return { conllu, json };
}

export async function parseCommand(inputs: string[], flags: ParseFlags, io: CliIo): Promise<number> {
  const model = loadSyntaxModel();
  const docs: JsonDoc[] = [];
  const write = (conllu: ConlluSentence[], json: JsonDoc) => {
    if (flags.format === "conllu") io.stdout.write(formatConllu(conllu));
    else docs.push(json);
  };
  let skipped = 0;
  if (flags.inputFormat === "conllu") {
    for (const input of inputs) {
      let sentences: ConlluSentence[];
      try {
        sentences = parseConllu(await readAll(input, io));
      } catch (err) {
        throw new CliError(`${input}: ${(err as Error).message}`);
      }
      fillConllu(model, sentences);
      write(sentences, conlluToJson(input === "-" ? "stdin" : input, sentences));
    }
  } else {
    const sentencesRun = sentencesStage({});
    for await (const item of readInputs(inputs, { stdin: io.stdin, fetchFeedLinks: false })) {
      if (item.kind === "skip") {
        skipped++;
        io.stderr.write(`skip ${item.origin}: ${item.reason}\n`);
        continue;
      }
      const record = buildDocument(item.article, {});
      const doc: Doc = { record, tokens: tokenize(record.text), anchorDate: null };
      sentencesRun.run(doc);
      const { conllu, json } = parseText(model, doc, item.article.origin);
      write(conllu, json);
    }
  }
  if (flags.format === "json") io.stdout.write(JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2) + "\n");
  return skipped ? EXIT.skipped : EXIT.ok;
}
