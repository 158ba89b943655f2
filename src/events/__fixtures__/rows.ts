/** For tests: a Tree from CoNLL-U-like rows written by hand, for parses a test needs to be exactly so (misparses). */
import { tokenize } from "../../pipeline/tokens.js";
import { Tree } from "../tree.js";

/** [form, xpos, head (1-based, 0 root), deprel]; tokens come from the words joined by spaces. */
export type Row = [string, string, number, string];

export function treeOf(rows: Row[]): Tree {
  const tokens = tokenize(rows.map((r) => r[0]).join(" "));
  if (tokens.map((t) => t.text).join(" ") !== rows.map((r) => r[0]).join(" ")) throw new Error("rows do not tokenize one token per row");
  const syntax = {
    upos: rows.map((r) => (r[1].startsWith("VB") ? "VERB" : r[1] === "IN" ? "ADP" : r[1].startsWith("NN") ? "NOUN" : "X")),
    xpos: rows.map((r) => r[1]),
    lemma: rows.map((r) => r[0].toLowerCase()),
    head: Int32Array.from(rows.map((r) => r[2] - 1)),
    deprel: rows.map((r) => r[3]),
  };
  return new Tree(syntax, tokens, 0, tokens.length);
}
