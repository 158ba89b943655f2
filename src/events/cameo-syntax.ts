/**
 * The pattern language of the CAMEO verb dictionary (PETRARCH-2, `dictionaries.rst`), parsed into structure:
 *
 *   - [pre-verb words] * [post-verb words] [CODE]      e.g.  "- * (FOR {FINANCIAL AID})  [0231]"
 *
 * A bare word is a head noun (or a particle, adverb, auxiliary); `{FINANCIAL AID}` a phrase whose last word is the
 * head and whose other words modify it; `(FOR AID)` a prepositional attachment (preposition, then an optional
 * noun or phrase); `&NAME` a synonym set; `$`, `+` the source and target; `^` any word; `%` a compound actor.
 * Codes: `[042]`, a paired code `[042:043]` (the reverse event, target → source), `[:173]` (only the reverse),
 * `[---]` (no event). Used by scripts/convert-cameo.ts on the dictionary and by the coder on Parley's own
 * patterns (data/events/patterns.yaml), which are written in the same language.
 */

/** One element of a pattern: a word (or synonym set), a phrase, a preposition with its object, or a role marker. */
export type Element =
  | { word: string }
  | { head: string; mods: string[] }
  | { prep: string; obj?: { word: string } | { head: string; mods: string[] } }
  | { role: "source" | "target" | "any" | "compound" };

export interface ParsedPattern {
  pre: Element[];
  post: Element[];
  /** CAMEO code of the event, or null for "---" (the pattern names something that is not an event). */
  code: string | null;
  /** CAMEO code of the paired reverse event (target → source), when the pattern gives one. */
  reverse?: string;
}

/** Words that PETRARCH patterns use as bare prepositions (without parentheses). */
/** True when `w` is a word PETRARCH patterns use as a bare preposition or particle ("- * TO [030]"). */
export function isPreposition(w: string): boolean {
  return PREPOSITIONS.has(w.toLowerCase());
}
const PREPOSITIONS = new Set(["to", "with", "on", "in", "at", "for", "from", "against", "into", "by", "of", "over", "about", "toward", "towards", "upon", "between", "as", "under", "after", "before", "near", "behind", "through", "across", "within", "among", "along", "aside"]);

const word = (w: string): string => (w.startsWith("&") ? w.toUpperCase() : w.toLowerCase().replace(/_/g, " "));

function phrase(inner: string): { word: string } | { head: string; mods: string[] } {
  const words = inner.trim().split(/\s+/).filter(Boolean).map(word);
  if (words.length === 1) return { word: words[0]! };
  return { head: words[words.length - 1]!, mods: words.slice(0, -1) };
}

/** Splits a pattern side into elements: "(FOR {FINANCIAL AID}) OUT &WEAPON" → prep, word, word. */
export function parseElements(side: string): Element[] {
  const out: Element[] = [];
  const tokens = side.match(/\([^()]*\)|\{[^{}]*\}|[^\s(){}]+/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.startsWith("(")) {
      const inner = t.slice(1, -1).trim();
      const m = /^(\S+)\s*(.*)$/.exec(inner);
      if (!m) continue;
      const rest = m[2]!.trim();
      const obj = rest === "" ? undefined : rest === "^" || rest === "+" || rest === "$" ? undefined : phrase(rest.replace(/[{}]/g, ""));
      out.push(obj ? { prep: word(m[1]!), obj } : { prep: word(m[1]!) });
      if (rest === "+") out.push({ role: "target" });
      if (rest === "$") out.push({ role: "source" });
    } else if (t.startsWith("{")) out.push(phrase(t.slice(1, -1)));
    else if (t === "$") out.push({ role: "source" });
    else if (t === "+") out.push({ role: "target" });
    else if (t === "^") out.push({ role: "any" });
    else if (t === "%") out.push({ role: "compound" });
    else if (PREPOSITIONS.has(t.toLowerCase()) && i + 1 < tokens.length && !tokens[i + 1]!.startsWith("(")) {
      // A bare preposition followed by its object ("ON &SOLUTION", "TO ^ +").
      const next = tokens[i + 1]!;
      if (next === "^" || next === "+" || next === "$") {
        out.push({ prep: word(t) });
        if (next !== "^") out.push({ role: next === "+" ? "target" : "source" });
      } else out.push({ prep: word(t), obj: next.startsWith("{") ? phrase(next.slice(1, -1)) : { word: word(next) } });
      i++;
    } else out.push({ word: word(t) });
  }
  return out;
}

/** Parses a code field: "042" → {code}, "042:043" → {code, reverse}, ":173" → {code: null, reverse}, "---" → null code. */
export function parseCode(raw: string): { code: string | null; reverse?: string } {
  const [a = "", b = ""] = raw.trim().split(":");
  const code = /^\d{2,4}$/.test(a) ? a : null;
  return /^\d{2,4}$/.test(b) ? { code, reverse: b } : { code };
}

/** Parses one pattern line ("- * (FOR AID) [020] # ASK"), or returns null when it has no code field. */
export function parsePattern(line: string): ParsedPattern | null {
  const body = line.replace(/^\s*-\s*/, "");
  const m = /^(.*?)\[([^\]]*)\]/.exec(body);
  if (!m) return null;
  const text = m[1]!.replace(/\^\)/g, "^)");
  const star = text.indexOf("*");
  const pre = star >= 0 ? text.slice(0, star) : "";
  const post = star >= 0 ? text.slice(star + 1) : text;
  return { pre: parseElements(pre), post: parseElements(post), ...parseCode(m[2]!) };
}
