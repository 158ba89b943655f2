/**
 * What the tagger, lemmatiser and parser know about a word form, computed once per distinct form and cached:
 * hashes of the form, its lower case, affixes and shape, and the tag candidates the training data allows.
 */
import { StringIndex, type Alloc, type StringIndexData } from "../../util/shared-tables.js";
import type { Clusters } from "../clusters/clusters.js";
import { GenerationalCache } from "../../util/generational-cache.js";
import { hashString } from "./hash.js";

export interface WordInfo {
  form: string;
  lower: string;
  hForm: number;
  hLower: number;
  /** Hashes of the last 1–4 and first 1–3 characters of the lower-cased form. */
  suf1: number;
  suf2: number;
  suf3: number;
  suf4: number;
  pre1: number;
  pre2: number;
  pre3: number;
  hShape: number;
  /** Tag ids the tagger may choose from; a single id means the tag is fixed. */
  cands: Uint8Array;
  /** Hash of the candidate set (the word's ambiguity class). */
  hCands: number;
  /** Hashes of the word's Brown cluster path cut to 4, 6 and 10 bits and whole (0 when the word has no cluster). */
  c4: number;
  c6: number;
  c10: number;
  cAll: number;
  /** The last lemma computed for this form, and for which tag (-1: none yet). */
  lemmaTag: number;
  lemma: string;
  /** The tagger whose scores of this word's own features (bias included) `tagScores` holds, by candidate. */
  tagModel: object | null;
  tagScores: Int32Array | null;
  /** This form's place in its parser's RoleCache (parser.ts; -1: none), and the tag its rows there were made for. */
  roleAt: number;
  roleTag: number;
}

/** "Putin" → "Xx", "U.S." → "X.X.", "1956" → "d", "well-known" → "x-x"; runs of one class collapse. */
export function shape(w: string): string {
  let out = "";
  let last = "";
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    const c = lo !== up ? (ch === up ? "X" : "x") : ch >= "0" && ch <= "9" ? "d" : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out.length > 8 ? out.slice(0, 8) : out;
}

/** Tag candidates by form: the lexicon a trained tagger carries. */
export interface TagLexicon {
  /** Candidates of a known form (exact spelling): a Map, or the model's shared table (`TagTable`). */
  byForm: { get(form: string): Uint8Array | undefined };
  /** Candidates of a form the lexicon does not know (open-class tags). */
  open: Uint8Array;
}

/** Distinct forms held (two generations, see GenerationalCache): te3-silver's 2,452 stories have about 33,000. */
const WORD_CACHE_LIMIT = 200_000;

export class WordCache {
  private readonly cache: GenerationalCache<WordInfo>;
  constructor(
    private readonly lexicon: TagLexicon,
    private readonly clusters: Clusters | null = null,
    limit = WORD_CACHE_LIMIT,
  ) {
    this.cache = new GenerationalCache(limit);
  }

  /** A known form's own tags; else the open-class tags, with the tags of its lower-case form when that is known. */
  private candidates(form: string, lower: string): Uint8Array {
    const own = this.lexicon.byForm.get(form);
    if (own) return own;
    const low = lower !== form ? this.lexicon.byForm.get(lower) : undefined;
    if (!low) return this.lexicon.open;
    const set = new Set([...this.lexicon.open, ...low]);
    return Uint8Array.from([...set].sort((a, b) => a - b));
  }

  /** The cluster path of a form: as written, else capitalised or lower-cased (as the NER features read it). */
  private clusterPath(form: string, lower: string): string | undefined {
    const c = this.clusters;
    if (!c) return undefined;
    return c.get(form) ?? c.get(lower.charAt(0).toUpperCase() + lower.slice(1)) ?? c.get(lower);
  }

  get(form: string): WordInfo {
    let w = this.cache.get(form);
    if (w) return w;
    const lower = form.toLowerCase();
    const n = lower.length;
    w = {
      form,
      lower,
      hForm: hashString(form),
      hLower: hashString(lower),
      suf1: hashString(lower.slice(n - 1)),
      suf2: hashString(lower.slice(Math.max(0, n - 2))),
      suf3: hashString(lower.slice(Math.max(0, n - 3))),
      suf4: hashString(lower.slice(Math.max(0, n - 4))),
      pre1: hashString(lower.slice(0, 1)),
      pre2: hashString(lower.slice(0, 2)),
      pre3: hashString(lower.slice(0, 3)),
      hShape: hashString(shape(form)),
      cands: this.candidates(form, lower),
      hCands: 0,
      c4: 0,
      c6: 0,
      c10: 0,
      cAll: 0,
      lemmaTag: -1,
      lemma: "",
      tagModel: null,
      tagScores: null,
      roleAt: -1,
      roleTag: -1,
    };
    w.hCands = candsHash(w.cands);
    const path = this.clusterPath(form, lower);
    if (path) {
      // Distinct seeds keep a 4-bit path from hashing like a whole path of 4 bits.
      w.c4 = hashString("4:" + path.slice(0, 4));
      w.c6 = hashString("6:" + path.slice(0, 6));
      w.c10 = hashString("10:" + path.slice(0, 10));
      w.cAll = hashString("*:" + path);
    }
    this.cache.set(form, w);
    return w;
  }
}

/** FNV-1a over the candidate tag ids (never 0, so it differs from an absent word's value). */
function candsHash(cands: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < cands.length; i++) h = Math.imul(h ^ cands[i]!, 0x01000193);
  return h === 0 ? 1 : h | 0;
}

/** A tag dictionary entry: form, its tags, and 1 when the open-class tags are allowed too (a rare form). */
export type LexiconEntry = [string, number[], 0 | 1];

export function lexiconFrom(entries: readonly LexiconEntry[], open: readonly number[]): TagLexicon {
  return { byForm: new Map(entries.map(([f, t, o]) => [f, Uint8Array.from(candidateTags(t, o, open))])), open: Uint8Array.from(open) };
}

/** A form's candidate tags: its own, with the open-class tags when it is rare. */
function candidateTags(tags: readonly number[], rare: 0 | 1, open: readonly number[]): readonly number[] {
  return rare ? [...new Set([...open, ...tags])].sort((a, b) => a - b) : tags;
}

/** The lexicon's candidates in shareable typed arrays (util/shared-tables.ts): form i's are tags[starts[i] … starts[i + 1]). */
export interface TagTableData {
  forms: StringIndexData;
  starts: Int32Array;
  tags: Uint8Array;
}

export function buildTagTable(entries: readonly LexiconEntry[], open: readonly number[], alloc: Alloc): TagTableData {
  const lists = entries.map(([, t, o]) => candidateTags(t, o, open));
  const starts = new Int32Array(alloc(4 * (lists.length + 1)));
  const tags = new Uint8Array(alloc(lists.reduce((n, l) => n + l.length, 0)));
  lists.forEach((l, i) => {
    tags.set(l, starts[i]!);
    starts[i + 1] = starts[i]! + l.length;
  });
  return { forms: StringIndex.build(entries.map(([f], i) => [0, f, i] as const), alloc), starts, tags };
}

/** `TagLexicon.byForm` over a TagTableData (a model lists each form once). */
export class TagTable {
  private readonly forms: StringIndex;
  constructor(private readonly data: TagTableData) {
    this.forms = new StringIndex(data.forms);
  }

  get(form: string): Uint8Array | undefined {
    const i = this.forms.get(0, form);
    return i === undefined ? undefined : this.data.tags.subarray(this.data.starts[i]!, this.data.starts[i + 1]!);
  }
}
