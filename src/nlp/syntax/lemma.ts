/**
 * Lemmatiser learned from the training treebanks. A lemma is the word form with an edit script applied: optionally
 * lower-cased, a few final characters cut, a suffix appended ("studies" NNS → "l3|y" → "study"). Unseen words take
 * the script of the longest suffix of their form seen with their tag (a decision list learned over word types);
 * the forms the scripts get wrong in training ("went" → "go", "feet" → "foot") are kept as exceptions.
 */

export interface LemmaData {
  /** Edit scripts: mode ("l" lower-case first, "k" keep), characters cut, "|", text appended. */
  scripts: string[];
  /** "tag\tsuffix" → script index; the longest matching suffix wins. */
  rules: [string, number][];
  /** "tag\tform" → lemma, where the rules are wrong on a training form. */
  exceptions: [string, string][];
  /** Longest suffix a rule looks at. */
  maxSuffix: number;
}

interface Script {
  lower: boolean;
  cut: number;
  append: string;
}

function parseScript(s: string): Script {
  const bar = s.indexOf("|");
  return { lower: s[0] === "l", cut: Number(s.slice(1, bar)), append: s.slice(bar + 1) };
}

/** The edit script turning `form` into `lemma` (the shorter of the case-keeping and lower-casing ones). */
export function editScript(form: string, lemma: string): string {
  const cut = (from: string) => {
    let p = 0;
    while (p < from.length && p < lemma.length && from[p] === lemma[p]) p++;
    return { cut: from.length - p, append: lemma.slice(p) };
  };
  const keep = cut(form);
  const lower = cut(form.toLowerCase());
  return lower.cut < keep.cut ? `l${lower.cut}|${lower.append}` : `k${keep.cut}|${keep.append}`;
}

export function applyScript(form: string, s: Script): string {
  const base = s.lower ? form.toLowerCase() : form;
  if (s.cut > base.length) return form;
  return base.slice(0, base.length - s.cut) + s.append;
}

export class Lemmatiser {
  private readonly scripts: Script[];
  private readonly rules: Map<string, number>;
  private readonly exceptions: Map<string, string>;
  private readonly maxSuffix: number;

  constructor(data: LemmaData) {
    this.scripts = data.scripts.map(parseScript);
    this.rules = new Map(data.rules);
    this.exceptions = new Map(data.exceptions);
    this.maxSuffix = data.maxSuffix;
  }

  /** The rules' lemma (no exceptions): what an unseen form gets. */
  byRule(form: string, tag: number): string {
    const lower = form.toLowerCase();
    for (let n = Math.min(this.maxSuffix, lower.length); n >= 0; n--) {
      const s = this.rules.get(`${tag}\t${lower.slice(lower.length - n)}`);
      if (s !== undefined) return applyScript(form, this.scripts[s]!);
    }
    return form;
  }

  lemma(form: string, tag: number): string {
    return this.exceptions.get(`${tag}\t${form}`) ?? this.byRule(form, tag);
  }
}

/**
 * Learns the lemmatiser from (form, tag, lemma) tokens: each (form, tag) type takes its commonest lemma; rules are
 * counted over types (so they model the unseen, rarer words, not the frequent ones the exceptions cover) and kept
 * only where they differ from the rule of the next shorter suffix.
 */
export function learnLemmas(tokens: Iterable<{ form: string; tag: number; lemma: string }>, maxSuffix = 6, minCount = 2): LemmaData {
  const byType = new Map<string, Map<string, number>>();
  for (const t of tokens) {
    const key = `${t.tag}\t${t.form}`;
    let m = byType.get(key);
    if (!m) byType.set(key, (m = new Map()));
    m.set(t.lemma, (m.get(t.lemma) ?? 0) + 1);
  }
  const types: { form: string; tag: number; lemma: string }[] = [];
  for (const [key, m] of [...byType].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const tab = key.indexOf("\t");
    const best = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    types.push({ tag: Number(key.slice(0, tab)), form: key.slice(tab + 1), lemma: best });
  }
  const scriptIds = new Map<string, number>();
  const counts = new Map<string, Map<number, number>>();
  for (const t of types) {
    const s = editScript(t.form, t.lemma);
    let id = scriptIds.get(s);
    if (id === undefined) scriptIds.set(s, (id = scriptIds.size));
    const lower = t.form.toLowerCase();
    for (let n = 0; n <= Math.min(maxSuffix, lower.length); n++) {
      const key = `${t.tag}\t${lower.slice(lower.length - n)}`;
      let m = counts.get(key);
      if (!m) counts.set(key, (m = new Map()));
      m.set(id, (m.get(id) ?? 0) + 1);
    }
  }
  const best = new Map<string, number>();
  for (const [key, m] of counts) {
    let top = -1;
    let topN = 0;
    let total = 0;
    for (const [id, c] of m) {
      total += c;
      if (c > topN || (c === topN && id < top)) [top, topN] = [id, c];
    }
    const suffix = key.slice(key.indexOf("\t") + 1);
    if (suffix === "" || total >= minCount) best.set(key, top);
  }
  // Decision list: a suffix rule is kept only where it changes the answer of the rule it refines.
  const parentRule = (key: string): number | undefined => {
    const tab = key.indexOf("\t");
    const tag = key.slice(0, tab);
    let suffix = key.slice(tab + 1);
    while (suffix.length > 0) {
      suffix = suffix.slice(1);
      const r = best.get(`${tag}\t${suffix}`);
      if (r !== undefined) return r;
    }
    return undefined;
  };
  const rules: [string, number][] = [];
  for (const [key, id] of [...best].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const isBase = key.endsWith("\t");
    if (isBase || parentRule(key) !== id) rules.push([key, id]);
  }
  const data: LemmaData = { scripts: [...scriptIds.keys()], rules, exceptions: [], maxSuffix };
  const lem = new Lemmatiser(data);
  for (const t of types) if (lem.byRule(t.form, t.tag) !== t.lemma) data.exceptions.push([`${t.tag}\t${t.form}`, t.lemma]);
  return data;
}
