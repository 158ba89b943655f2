/**
 * The words the NER tagger sees: the shared tokens with a possessive split off as CoNLL-2003 (and the Penn
 * Treebank) write it ("Japan's" → "Japan" "'s"). The cluster trainer uses the same split so its words match.
 */
import type { Token } from "../../pipeline/tokens.js";

const POSSESSIVE = /^(.+?)(['’]s)$/u;

export function nerWords(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const m = t.text.length > 2 && t.text.endsWith("s") ? POSSESSIVE.exec(t.text) : null;
    if (m) {
      const cut = t.start + m[1]!.length;
      out.push({ start: t.start, end: cut, text: m[1]! }, { start: cut, end: t.end, text: m[2]! });
    } else out.push(t);
  }
  return out;
}
