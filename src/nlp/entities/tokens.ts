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

/** The token without a final "'s" or "’s" (as /['’]s$/u removes it). */
function withoutPossessive(w: string): string {
  const n = w.length;
  if (n < 2 || w.charCodeAt(n - 1) !== 115 /* s */) return w;
  const c = w.charCodeAt(n - 2);
  return c === 39 /* ' */ || c === 0x2019 /* ’ */ ? w.slice(0, -2) : w;
}

export function nameTokens(tokens: readonly Token[], from = 0, to = tokens.length): NameToken[] {
  const out: NameToken[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if ((t.text === "'" || t.text === "’") && i > from && tokens[i - 1]!.end === t.start && /s$/i.test(tokens[i - 1]!.text)) continue;
    const base = withoutPossessive(t.text);
    // Most tokens hold no hyphen or slash: the whole (non-empty) token is the one part, without a regex run.
    if (base.length > 0 && !base.includes("-") && !base.includes("/")) {
      out.push({ start: t.start, end: t.start + base.length, text: base, key: base.toLowerCase(), cap: /^\p{Lu}/u.test(base) });
      continue;
    }
    PART.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PART.exec(base)) !== null) {
      const text = m[0];
      out.push({ start: t.start + m.index, end: t.start + m.index + text.length, text, key: text.toLowerCase(), cap: /^\p{Lu}/u.test(text) });
    }
  }
  return out;
}
