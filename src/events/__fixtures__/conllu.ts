/**
 * For tests: a sentence of UD English train (gold tokens, lemmas and dependency trees) as Parley text, tokens and
 * the Doc.syntax layer, so the coder's use of the parse is tested on real trees before and besides any parser.
 * Multi-word token lines and empty nodes are skipped; offsets come from `SpaceAfter=No`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Token } from "../../pipeline/tokens.js";
import type { SyntaxLayer } from "../../pipeline/types.js";

export interface UdSentence {
  text: string;
  tokens: Token[];
  syntax: SyntaxLayer;
}

export function udSentence(conllu: string): UdSentence {
  const rows = conllu.split("\n").filter((l) => /^\d+\t/.test(l)).map((l) => l.split("\t"));
  let text = "";
  const tokens: Token[] = [];
  for (const r of rows) {
    const start = text.length;
    text += r[1]!;
    tokens.push({ text: r[1]!, start, end: text.length } as Token);
    if (!/SpaceAfter=No/.test(r[9] ?? "")) text += " ";
  }
  return {
    text: text.trimEnd(),
    tokens,
    syntax: {
      upos: rows.map((r) => r[3]!),
      xpos: rows.map((r) => r[4]!),
      lemma: rows.map((r) => r[2]!),
      head: Int32Array.from(rows.map((r) => Number(r[6]) - 1)),
      deprel: rows.map((r) => r[7]!),
    },
  };
}

/** The UD train sentence whose text is `text`, from ../shared/datasets/ud-english, or null when absent. */
export function findUdSentence(dir: string, text: string): UdSentence | null {
  for (const f of ["en_ewt-ud-train.conllu", "en_gum-cc-ud-train.conllu"]) {
    const all = readFileSync(join(dir, f), "utf8");
    const at = all.indexOf(`# text = ${text}\n`);
    if (at < 0) continue;
    const end = all.indexOf("\n\n", at);
    return udSentence(all.slice(at, end < 0 ? undefined : end));
  }
  return null;
}
