/**
 * Name tokens: the shared tokens split where names hide inside one token — hyphens ("Tokyo-Washington",
 * "Russian-Japanese") and slashes — with a possessive "’s" left out ("Tokyo’s" → "Tokyo"), and so the plural
 * possessive's apostrophe that the tokenizer splits off ("Kurdistan Workers' Party" is the dictionary's
 * "Kurdistan Workers Party").
 */
import type { Token } from "../../pipeline/tokens.js";

export interface NameToken {
  start: number;
  end: number;
  text: string;
  /** Lower-cased text, the gazetteer's key. */
  key: string;
  /** Starts with an upper-case letter. */
  cap: boolean;
}

const PART = /[^\-/]+/gu;

export function nameTokens(tokens: readonly Token[], from = 0, to = tokens.length): NameToken[] {
  const out: NameToken[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if ((t.text === "'" || t.text === "’") && i > from && tokens[i - 1]!.end === t.start && /s$/i.test(tokens[i - 1]!.text)) continue;
    const base = t.text.replace(/['’]s$/u, "");
    PART.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PART.exec(base)) !== null) {
      const text = m[0];
      out.push({ start: t.start + m.index, end: t.start + m.index + text.length, text, key: text.toLowerCase(), cap: /^\p{Lu}/u.test(text) });
    }
  }
  return out;
}
