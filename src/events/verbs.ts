/**
 * The verb dictionary on the parse: the CAMEO 2.0 verb blocks (data/events/cameo.json) and Parley's own blocks
 * (data/events/verb-patterns.yaml, same structure, patterns in the CAMEO pattern language), matched on lemmas and
 * dependency relations. For a verb token: its block(s) by lemma (or listed form), the words of a multi-word verb
 * ("call off", "hand over") as particles or neighbours, then the most specific pattern whose every element is found
 * in the verb's frame — head nouns of its object, the modifiers of a phrase, prepositional attachments with their
 * nouns, particles, auxiliaries and the subject's head for pre-verb words. No pattern: the verb's own code.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../eval/datasets.js";
import { isPreposition, parsePattern, type Element, type ParsedPattern } from "./cameo-syntax.js";
import { PatternIndex } from "./pattern-index.js";
import type { Tree } from "./tree.js";

export interface VerbEntry {
  lemma: string;
  forms: string[];
  before?: string[];
  after?: string[];
  code?: string | null;
}
export interface BlockPattern extends ParsedPattern {
  src: string;
  /** The block verb the pattern was written for (its comment in CAMEO.2.0.txt, as verbKey names it): it applies to that verb only. */
  verb?: string;
  /** Why a Parley pattern exists: the codebook section or train-side count (Parley's files only). */
  why?: string;
}
export interface VerbBlock {
  name: string;
  code: string | null;
  verbs: VerbEntry[];
  patterns: BlockPattern[];
  /** The entries are nouns ("meeting", "summit"): they code only with a pattern. */
  nouns?: boolean;
  why?: string;
  /** The data file, as `rule` names it. */
  file: string;
}

export interface VerbMatch {
  block: VerbBlock;
  verb: VerbEntry;
  pattern: BlockPattern | null;
  code: string;
  reverse?: string;
  /** Index of the pattern in its block (for `rule`), or -1 for the verb's own code. */
  index: number;
  /** The token a pattern marks as the target ("(WITH +)"), if any. */
  target?: number;
}

interface ParleyFile {
  synsets?: Record<string, string[]>;
  blocks: { name: string; code?: string | null; verbs: (string | VerbEntry)[]; patterns?: (string | { pattern: string; why?: string })[]; nouns?: boolean; why?: string }[];
}

const rel = (f: string) => (f.startsWith(REPO_ROOT) ? relative(REPO_ROOT, f) : f);

/** A block verb's name as a phrase, as the converter names a pattern's intended verb (scripts/convert-cameo.ts). */
export function verbKey(v: VerbEntry): string {
  return [...(v.before ?? []), v.lemma, ...(v.after ?? [])].join(" ");
}

/** Regular forms of a verb or noun: accuse → accuses, accused, accusing. */
export function forms(w: string): string[] {
  const stem = w.endsWith("e") ? w.slice(0, -1) : w;
  const s = /(s|x|z|ch|sh)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`;
  const ed = w.endsWith("e") ? `${w}d` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ied` : `${w}ed`;
  return [w, s, ed, `${stem}ing`];
}

export class VerbDictionary {
  private readonly index = new Map<string, { block: VerbBlock; verb: VerbEntry }[]>();
  private readonly synsets = new Map<string, string[][]>();
  readonly blocks: VerbBlock[] = [];

  constructor(files: string[]) {
    for (const f of files) {
      const raw = readFileSync(f, "utf8");
      if (f.endsWith(".json")) {
        const d = JSON.parse(raw) as { synsets: Record<string, string[]>; blocks: Omit<VerbBlock, "file">[] };
        this.addSynsets(d.synsets);
        for (const b of d.blocks) this.add({ ...b, file: rel(f) });
      } else {
        const d = parse(raw) as ParleyFile;
        this.addSynsets(d.synsets ?? {});
        for (const b of d.blocks)
          this.add({
            name: b.name,
            code: b.code ?? null,
            nouns: b.nouns,
            why: b.why,
            file: rel(f),
            verbs: b.verbs.map((v) => (typeof v === "string" ? { lemma: v, forms: forms(v) } : { ...v, forms: v.forms ?? forms(v.lemma) })),
            patterns: (b.patterns ?? []).flatMap((p) => {
              const src = typeof p === "string" ? p : p.pattern;
              const parsed = parsePattern(src.startsWith("-") ? src : `- ${src}`);
              if (!parsed) throw new Error(`${f}: block ${b.name}: pattern without a [code]: ${src}`);
              return [{ ...parsed, src, ...(typeof p !== "string" && p.why ? { why: p.why } : {}) }];
            }),
          });
      }
    }
  }

  private forces: Set<string> | null = null;
  /**
   * The nouns the dictionary codes as a show of force when moved (CAMEO 15x, "exhibit force posture"): the objects of
   * its 15x patterns ("deploy * &MILITARY", "deploy * POLICE", "mobilize * MILITIA"), synsets expanded, each phrase
   * by its last word ("armed forces" → "forces"), and the peacekeepers of &PKO. PLOVER's MOBILIZE is "all military
   * or police moves".
   */
  forceObjects(): ReadonlySet<string> {
    if (this.forces) return this.forces;
    const out = new Set<string>();
    const add = (w: string) => {
      for (const ph of w.startsWith("&") ? (this.synsets.get(w) ?? []) : [w.split(" ")]) if (ph.length) out.add(ph[ph.length - 1]!);
    };
    // Peacekeepers are armed forces too (CAMEO's &PKO: "peacekeeping force", "peacekeeping contingent").
    add("&PKO");
    for (const b of this.blocks)
      for (const p of b.patterns)
        if (p.code?.startsWith("15"))
          for (const e of p.post) {
            if ("word" in e && typeof e.word === "string") add(e.word);
            else if ("head" in e && typeof e.head === "string") add(e.head);
          }
    return (this.forces = out);
  }

  private addSynsets(sets: Record<string, string[]>): void {
    for (const [k, v] of Object.entries(sets)) this.synsets.set(k, [...(this.synsets.get(k) ?? []), ...v.map((p) => p.split(" "))]);
  }

  private add(block: VerbBlock): void {
    this.blocks.push(block);
    for (const verb of block.verbs)
      for (const key of new Set([verb.lemma, ...verb.forms])) {
        const list = this.index.get(key) ?? [];
        list.push({ block, verb });
        this.index.set(key, list);
      }
  }

  private meetingNouns: Set<string> | null = null;
  private readonly verdicts = new Map<string, "holds" | "other" | null>();
  /**
   * What a verb does to a meeting it takes as object, by the dictionary's patterns of that verb with a meeting noun
   * (the nouns of the CONSULT noun blocks: meeting, summit, talks …): "holds" when they code a consultation (04x:
   * conclude, continue, start talks), "other" when they code something else (cancel 160, delay 164, refuse 125),
   * null when the dictionary has none (end, cut short).
   */
  meetingVerdict(lemma: string): "holds" | "other" | null {
    if (this.verdicts.has(lemma)) return this.verdicts.get(lemma)!;
    this.meetingNouns ??= new Set(this.blocks.filter((b) => b.nouns && b.patterns.some((p) => p.code?.startsWith("04"))).flatMap((b) => b.verbs.flatMap((v) => [v.lemma, ...v.forms])));
    let holds = false;
    let other = false;
    for (const { block } of this.index.get(lemma) ?? [])
      for (const p of block.patterns) {
        const obj = p.post[0];
        const word = obj && "word" in obj && typeof obj.word === "string" ? obj.word : obj && "head" in obj && typeof obj.head === "string" ? obj.head : null;
        if (!word || !this.meetingNouns.has(word.toLowerCase()) || !p.code) continue;
        if (p.code.startsWith("04")) holds = true;
        else other = true;
      }
    const v = holds ? "holds" : other ? "other" : null;
    this.verdicts.set(lemma, v);
    return v;
  }

  private predictiveWords: Set<string> | null = null;
  /** True when `w` (a lemma or form) is a verb of prediction in the dictionary (isPredictive). */
  predicts(w: string): boolean {
    this.predictiveWords ??= new Set(this.blocks.filter(isPredictive).flatMap((b) => b.verbs.flatMap((v) => [v.lemma, ...v.forms])));
    return this.predictiveWords.has(w);
  }

  /**
   * The best match of the dictionary at token `v`, or null. Nouns are tried only when `noun` is set. `named` tells a
   * token that names a party or place (the entities layer); without it every attachment counts.
   */
  match(tree: Tree, v: number, noun = false, named?: (t: number) => boolean): VerbMatch | null {
    const entries = [...(this.index.get(tree.lemma(v)) ?? []), ...(this.index.get(tree.form(v)) ?? [])].filter(
      (e, i, all) => all.indexOf(e) === i && !!e.block.nouns === noun && this.multiword(tree, v, e.verb),
    );
    if (entries.length === 0) return null;
    // A multi-word verb is more specific than its bare verb ("call off" over "call").
    const rank = (e: { verb: VerbEntry }) => (e.verb.after?.length ?? 0) + (e.verb.before?.length ?? 0);
    const top = Math.max(...entries.map(rank));
    const cands = entries.filter((e) => rank(e) === top);
    let best: VerbMatch | null = null;
    let bestScore = 0;
    const frame = tree.frame(v);
    const pre = this.preFrame(tree, v);
    // The words present, so that most patterns are rejected by a set look-up before any matching.
    const words = (ts: number[]) => {
      const out = new Set<string>();
      for (const t of ts) out.add(tree.lemma(t)).add(tree.form(t));
      return out;
    };
    const withClauses = tree.objectFrame(v);
    const full = { objects: withClauses, present: { objects: words(withClauses), frame: words(frame), pre: words(pre) } };
    // A statement verb (CAMEO 01x: say, announce, express) reads its patterns from its own object, not from the
    // clause of what was said: "said they will release X" is the release, coded on its own verb (PLOVER codes the
    // act reported, not the report).
    const speech = cands.some((e) => isStatement(e.block.code))
      ? (() => {
          const objects = tree.objectFrame(v, false);
          return { objects, present: { ...full.present, objects: words(objects) } };
        })()
      : full;
    for (const { block, verb } of cands) {
      const { objects, present } = isStatement(block.code) ? speech : full;
      // Only the patterns whose words are present (the same as testing mayMatch on each, in block order).
      const key = verbKey(verb);
      for (const index of this.patternIndex(block).candidates(present)) {
        const p = block.patterns[index]!;
        if (p.verb !== undefined && p.verb !== key && namesNoThing(p)) continue;
        const got = this.score(tree, p, frame, objects, pre, named && namesNoThing(p) && isJourney(p) ? named : undefined);
        if (!got || got.score <= bestScore) continue;
        bestScore = got.score;
        best = { block, verb, pattern: p, code: p.code ?? "", ...(p.reverse ? { reverse: p.reverse } : {}), index, ...(got.target !== undefined ? { target: got.target } : {}) };
      }
    }
    // A pattern that names a non-event ("[---]") wins too: its words say this use of the verb is not the event.
    if (best) return (best as VerbMatch).code || (best as VerbMatch).reverse ? best : null;
    // The verb alone codes by its own code, or by its block's when it heads the block ("MEET_PEOPLE" → meet): the
    // other verbs of a block are WordNet synonyms that share its patterns, and alone say little ("take", "go").
    const own = cands.find((e) => {
      if (e.block.nouns) return false;
      if (e.verb.code !== undefined) return !!e.verb.code;
      return !!e.block.code && e.block.name.toLowerCase().split("_")[0] === e.verb.lemma;
    });
    if (!own) return null;
    const code = (own.verb.code !== undefined ? own.verb.code : own.block.code)!;
    return { block: own.block, verb: own.verb, pattern: null, code, index: -1 };
  }

  private multiword(tree: Tree, v: number, verb: VerbEntry): boolean {
    const near = (i: number, w: string) => tree.tokens[i] && tree.form(i) === w;
    for (const [k, w] of (verb.after ?? []).entries()) {
      const dep = tree.children(v).some((c) => tree.form(c) === w || tree.children(c).some((cc) => tree.rel(cc) === "case" && tree.form(cc) === w));
      if (!dep && !near(v + 1 + k, w) && !near(v + 2 + k, w)) return false;
    }
    for (const [k, w] of [...(verb.before ?? [])].reverse().entries()) if (!near(v - 1 - k, w)) return false;
    return true;
  }

  /** Where pre-verb words are looked for: the subject's phrase, the verb's auxiliaries and adverbs. */
  private preFrame(tree: Tree, v: number): number[] {
    const subj = tree.subjectOf(v);
    const out = subj ? tree.subtree(subj.token, (r) => r === "acl:relcl" || r === "punct") : [];
    for (const c of tree.children(v)) if (["aux", "aux:pass", "advmod", "cop"].includes(tree.rel(c))) out.push(c);
    return out;
  }

  private readonly lastWords = new Map<string, string[]>();
  /** The words whose presence a word element needs: its own, or the last words of its synonym set's phrases. */
  keys(w: string): string[] {
    let k = this.lastWords.get(w);
    if (!k) {
      const phrases = w.startsWith("&") ? (this.synsets.get(w) ?? []) : [w.split(" ")];
      k = phrases.flatMap((ph) => [ph[ph.length - 1]!, plural(ph[ph.length - 1]!)]);
      this.lastWords.set(w, k);
    }
    return k;
  }

  private readonly indexes = new Map<VerbBlock, PatternIndex>();
  /** A block's patterns indexed by the words they need (built on first use). */
  patternIndex(block: VerbBlock): PatternIndex {
    let ix = this.indexes.get(block);
    if (!ix) this.indexes.set(block, (ix = new PatternIndex(block.patterns, (w) => this.keys(w))));
    return ix;
  }

  /** True when word or synonym set `w` names token `t` (by lemma or form; a synonym phrase by its last word and those before it). */
  private is(tree: Tree, t: number, w: string): boolean {
    const phrases = w.startsWith("&") ? (this.synsets.get(w) ?? []) : [w.split(" ")];
    for (const ph of phrases) {
      const last = ph[ph.length - 1]!;
      if (!(tree.lemma(t) === last || tree.form(t) === last || tree.form(t) === plural(last))) continue;
      if (ph.slice(0, -1).every((x, k) => tree.tokens[t - ph.length + 1 + k] && tree.form(t - ph.length + 1 + k) === x)) return true;
    }
    return false;
  }

  private phraseAt(tree: Tree, t: number, e: { word: string } | { head: string; mods: string[] }): number {
    if ("word" in e) return this.is(tree, t, e.word) ? 2 : 0;
    if (!this.is(tree, t, e.head)) return 0;
    const near = [...tree.children(t), t - 1, t - 2, t - 3].filter((i) => i >= tree.a);
    return e.mods.every((m) => near.some((i) => this.is(tree, i, m))) ? 2 + e.mods.length : 0;
  }

  /** The pattern's score when every element is found (elements weigh by how much they say), else null. */
  /**
   * `named`, for a journey told by prepositions alone (isJourney): the attachment must name a party or place ("came
   * to China", not "came to power", "come to an agreement"): the pattern names nothing itself, so where one goes
   * must. (Not for a call or a stand: "called for the release" names what is asked.)
   */
  private score(tree: Tree, p: ParsedPattern, frame: number[], objects: number[], pre: number[], named?: (t: number) => boolean): { score: number; target?: number } | null {
    let score = 0;
    let target: number | undefined;
    const side = (elements: Element[], where: number[], words: number[]): boolean => {
      let lastPrepObj: number | undefined;
      for (const e of elements) {
        if ("role" in e) {
          if (e.role === "target" && lastPrepObj !== undefined) target = lastPrepObj;
          continue;
        }
        if ("prep" in e) {
          let hit = -1;
          let s = 0;
          for (const n of where) {
            const hasCase = tree.children(n).some((c) => (tree.rel(c) === "case" || tree.rel(c) === "mark") && tree.form(c) === e.prep);
            if (!hasCase && !(e.obj === undefined && tree.form(n) === e.prep && tree.rel(n) === "compound:prt")) continue;
            if (named && !named(n) && !tree.children(n).some((c) => ["compound", "amod", "flat", "nmod:poss"].includes(tree.rel(c)) && named(c))) continue;
            const got = e.obj ? this.phraseAt(tree, n, e.obj) : 1;
            if (got > s) {
              s = got;
              hit = n;
            }
          }
          if (hit < 0) return false;
          score += 1 + s;
          lastPrepObj = hit;
          continue;
        }
        let s = 0;
        for (const t of words) s = Math.max(s, this.phraseAt(tree, t, e));
        if (!s) return false;
        score += s;
      }
      return true;
    };
    if (p.pre.length + p.post.length === 0) return null;
    if (!side(p.post, frame, objects) || !side(p.pre, pre, pre)) return null;
    return score > 0 ? { score, ...(target !== undefined ? { target } : {}) } : null;
  }
}

/**
 * CAMEO's blocks of verbs of prediction ("expect", "anticipate", "foresee"): a prediction of an act is that act with
 * the modality "expected", not an act of its own (PLOVER manual, auxiliary modes: "future"; "the coder should always
 * return the single event category, not a category+auxiliary").
 */
const PREDICTIVE_BLOCKS = new Set(["PREDICT"]);
export function isPredictive(block: VerbBlock): boolean {
  return PREDICTIVE_BLOCKS.has(block.name);
}

/** A block of CAMEO's 01x codes (public statements: say, announce, comment), which PLOVER does not code. */
export function isStatement(code: string | null): boolean {
  return !!code && code.startsWith("01");
}

/**
 * A pattern of prepositions alone ("- * (TO) [042:043]", "- * INTO [190]"): it names nothing the act is done to or
 * about, so its meaning is its verb's. CAMEO wrote it for one verb of the block (the comment: "headed to" Moscow),
 * and the block's other WordNet synonyms do not share it ("led to in-fighting", "came to power"). A pattern that names
 * a thing ("- * &CEASEFIRE [196]") or a party ("- * FROM + [0874]", retreated or withdrew from a country) says what
 * the act is of, and holds for the whole block.
 */
function namesNoThing(p: ParsedPattern): boolean {
  return [...p.pre, ...p.post].every((e) => ("role" in e && e.role !== "source" && e.role !== "target") || ("prep" in e && e.obj === undefined) || ("word" in e && isPreposition(e.word)));
}

/** A pattern coding a visit or meeting (CAMEO 04x) or an intent to meet (036): its attachment is where one goes. */
function isJourney(p: ParsedPattern): boolean {
  return /^(?:04|036)/.test(p.code ?? p.reverse ?? "");
}

function plural(w: string): string {
  return /(s|x|z|ch|sh)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`;
}
