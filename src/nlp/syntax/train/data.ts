/**
 * Training data for the syntax models: the UD English treebanks read into sentences of words with gold joint tags
 * (UPOS|XPOS), lemmas, heads and relations, and the tag set and tag dictionary learned from them.
 */
import { readFileSync } from "node:fs";
import { parseConllu, type ConlluSentence } from "../conllu.js";
import { lexiconFrom, type LexiconEntry, type TagLexicon } from "../words.js";

export interface GoldSentence {
  forms: string[];
  upos: string[];
  xpos: string[];
  lemmas: string[];
  /** 0-based head index, -1 for the root. */
  heads: number[];
  deprels: string[];
}

export function toGold(s: ConlluSentence): GoldSentence {
  return {
    forms: s.words.map((w) => w.form),
    upos: s.words.map((w) => w.upos),
    xpos: s.words.map((w) => w.xpos),
    lemmas: s.words.map((w) => w.lemma),
    heads: s.words.map((w) => w.head - 1),
    deprels: s.words.map((w) => w.deprel),
  };
}

export function readTreebank(path: string): GoldSentence[] {
  return parseConllu(readFileSync(path, "utf8")).filter((s) => s.words.length > 0).map(toGold);
}

export const joint = (upos: string, xpos: string): string => `${upos}|${xpos}`;

/**
 * The joint tag set: UPOS|XPOS pairs seen at least `min` times. A rarer pair is read as the commonest pair with the
 * same XPOS (so a tag id always exists); returns the tags and a function mapping a gold pair to its id.
 */
export function tagSet(train: readonly GoldSentence[], min = 10): { tags: string[]; idOf: (upos: string, xpos: string) => number } {
  const counts = new Map<string, number>();
  for (const s of train) for (let i = 0; i < s.forms.length; i++) counts.set(joint(s.upos[i]!, s.xpos[i]!), (counts.get(joint(s.upos[i]!, s.xpos[i]!)) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const tags = sorted.filter(([, c]) => c >= min).map(([t]) => t);
  const ids = new Map(tags.map((t, i) => [t, i]));
  const byXpos = new Map<string, number>();
  const byUpos = new Map<string, number>();
  for (const t of tags) {
    const [u, x] = t.split("|") as [string, string];
    if (!byXpos.has(x)) byXpos.set(x, ids.get(t)!);
    if (!byUpos.has(u)) byUpos.set(u, ids.get(t)!);
  }
  const idOf = (upos: string, xpos: string) => ids.get(joint(upos, xpos)) ?? byXpos.get(xpos) ?? byUpos.get(upos) ?? 0;
  return { tags, idOf };
}

export interface LexiconOptions {
  /** A form seen this often has only the tags it was seen with. */
  closedMin: number;
  /** A form this frequent whose commonest tag has this share is fixed to that tag. */
  fixedMin: number;
  fixedShare: number;
  /** A tag is open-class when this many forms seen once carry it. */
  openMin: number;
}

export const LEXICON_DEFAULTS: LexiconOptions = { closedMin: 10, fixedMin: 50, fixedShare: 0.995, openMin: 5 };

/** The tag dictionary: by form, the allowed tags (all open-class tags added for rare forms). */
export function tagLexicon(forms: Iterable<[string, number]>, nTags: number, opts: LexiconOptions = LEXICON_DEFAULTS): { lexicon: TagLexicon; entries: LexiconEntry[]; open: number[] } {
  const byForm = new Map<string, Map<number, number>>();
  for (const [form, tag] of forms) {
    let m = byForm.get(form);
    if (!m) byForm.set(form, (m = new Map()));
    m.set(tag, (m.get(tag) ?? 0) + 1);
  }
  const hapaxTags = new Array<number>(nTags).fill(0);
  for (const m of byForm.values()) if (m.size === 1 && [...m.values()][0] === 1) hapaxTags[[...m.keys()][0]!]!++;
  const open = hapaxTags.flatMap((c, t) => (c >= opts.openMin ? [t] : []));
  const entries: LexiconEntry[] = [];
  for (const [form, m] of [...byForm].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const ranked = [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (total >= opts.fixedMin && ranked[0]![1] / total >= opts.fixedShare) entries.push([form, [ranked[0]![0]], 0]);
    else entries.push([form, ranked.map(([t]) => t).sort((a, b) => a - b), total >= opts.closedMin ? 0 : 1]);
  }
  return { lexicon: lexiconFrom(entries, open), entries, open };
}

