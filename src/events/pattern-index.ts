/**
 * Which of a verb block's patterns can match a verb's frame, found by look-ups instead of a scan. A pattern needs
 * each of its word elements present where it is looked for (`mayMatch`: the cheap first test before matching);
 * a block such as SAY has up to 190 patterns, and a verb's frame holds a few dozen words, so the index goes from
 * the words present to the patterns that need one of them, then checks only those.
 */
import type { Element, ParsedPattern } from "./cameo-syntax.js";

/** The words present around a verb: in its object phrases, its whole frame, and before it (subject, auxiliaries). */
export interface Present {
  objects: ReadonlySet<string>;
  frame: ReadonlySet<string>;
  pre: ReadonlySet<string>;
}
type Where = keyof Present;

/** The words whose presence a word element needs: its own, or the last words of its synonym set's phrases. */
export type KeysOf = (word: string) => readonly string[];

/** False when a word the pattern needs is absent from where it would be looked for. */
export function mayMatch(p: ParsedPattern, present: Present, keys: KeysOf): boolean {
  const need = (e: Element, where: ReadonlySet<string>, prepWhere: ReadonlySet<string>): boolean => {
    if ("role" in e) return true;
    if ("word" in e) return keys(e.word).some((k) => where.has(k));
    if ("head" in e) return keys(e.head).some((k) => where.has(k));
    if (!prepWhere.has(e.prep)) return false;
    return !e.obj || need(e.obj, prepWhere, prepWhere);
  };
  return p.post.every((e) => need(e, present.objects, present.frame)) && p.pre.every((e) => need(e, present.pre, present.pre));
}

/** One condition of `mayMatch`: one of `keys` is in the set `where`. A pattern may match when all of its hold. */
interface Need {
  where: Where;
  keys: readonly string[];
}

/** `mayMatch` of a pattern as a list of conditions, each "one of these words is in that set". */
function needsOf(p: ParsedPattern, keys: KeysOf): Need[] {
  const out: Need[] = [];
  const add = (e: Element, where: Where, prepWhere: Where): void => {
    if ("role" in e) return;
    if ("word" in e) out.push({ where, keys: keys(e.word) });
    else if ("head" in e) out.push({ where, keys: keys(e.head) });
    else {
      out.push({ where: prepWhere, keys: [e.prep] });
      if (e.obj) add(e.obj, prepWhere, prepWhere);
    }
  };
  for (const e of p.post) add(e, "objects", "frame");
  for (const e of p.pre) add(e, "pre", "pre");
  return out;
}

const met = (needs: readonly Need[], present: Present) => needs.every((n) => n.keys.some((k) => present[n.where].has(k)));

export class PatternIndex {
  private readonly needs: Need[][];
  /** Patterns without conditions: always candidates. */
  private readonly always: number[] = [];
  /** Per set, a word → the patterns whose first condition it meets. */
  private readonly byWord: Record<Where, Map<string, number[]>> = { objects: new Map(), frame: new Map(), pre: new Map() };

  constructor(patterns: readonly ParsedPattern[], keys: KeysOf) {
    this.needs = patterns.map((p) => needsOf(p, keys));
    this.needs.forEach((needs, i) => {
      const first = needs[0];
      if (!first) return void this.always.push(i);
      const map = this.byWord[first.where];
      for (const k of new Set(first.keys)) {
        const list = map.get(k);
        if (list) list.push(i);
        else map.set(k, [i]);
      }
    });
  }

  /** Indices, ascending, of the patterns that pass `mayMatch` on `present` (the same as a scan of all of them). */
  candidates(present: Present): number[] {
    const out = [...this.always];
    for (const where of ["objects", "frame", "pre"] as const) {
      const map = this.byWord[where];
      if (map.size === 0) continue;
      for (const w of present[where]) {
        const list = map.get(w);
        if (list) for (const i of list) out.push(i);
      }
    }
    // A pattern is listed once per key of its first condition that is present: keep it once, in pattern order.
    out.sort((x, y) => x - y);
    let n = 0;
    for (let k = 0; k < out.length; k++) if ((k === 0 || out[k] !== out[k - 1]) && met(this.needs[out[k]!]!, present)) out[n++] = out[k]!;
    out.length = n;
    return out;
  }
}
