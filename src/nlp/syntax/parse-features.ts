/**
 * The parser's feature templates: the value slots of a configuration (transitions) and of an arc (labels), the
 * templates over them, and the split of the transition templates that run time uses. Training and the reference
 * `ParseState.features` hash every template; at run time the templates that read one token's own word, tag and
 * cluster alone (its "role": s0, n0, the head of s0, …) are scored once per word and tag and remembered, so a
 * transition looks up only the rest (`FREE_TEMPLATES`; dense.ts scores the small-valued ones from tables). Scores
 * are integer sums, so the split gives the same scores exactly.
 */
import { FeatureProgram, templateSeed } from "./hash.js";

const T = Array.from({ length: 96 }, (_, k) => templateSeed(3, k));
export const L = Array.from({ length: 48 }, (_, k) => templateSeed(4, k));
export const NONE_W = templateSeed(5, 0);
export const ROOT_W = templateSeed(5, 1);
/** Tag value of an absent token and of the root. */
export const NONE_P = 255;
export const ROOT_P = 254;
export const PARSE_FEATS = 96;
export const LABEL_FEATS = 48;

/** Value slots of a configuration's transition features. */
export const V = {
  s0wp: 0, s0w: 1, s0p: 2, n0wp: 3, n0w: 4, n0p: 5, n1w: 6, n1p: 7, n2w: 8, n2p: 9, dist: 10, s0vr: 11, s0vl: 12,
  n0vl: 13, s0hw: 14, s0hp: 15, s0lb: 16, s0lw: 17, s0lp: 18, s0llb: 19, s0rw: 20, s0rp: 21, s0rlb: 22, n0lw: 23,
  n0lp: 24, n0llb: 25, s0h2w: 26, s0h2p: 27, s0hlb: 28, s0l2w: 29, s0l2p: 30, s0l2lb: 31, s0r2w: 32, s0r2p: 33,
  s0r2lb: 34, n0l2w: 35, n0l2p: 36, n0l2lb: 37, s0sr: 38, s0sl: 39, n0sl: 40, s1p: 41, s1w: 42, s0hasHead: 43,
  s0c: 44, n0c: 45, n1c: 46, s0c6: 47, n0c6: 48,
} as const;

/** The transition templates (Zhang & Nivre 2011): [seed T[k], value slots…]. */
const PARSE_TEMPLATES: number[][] = [
  ...[
    // single words
    [V.s0wp], [V.s0w], [V.s0p], [V.n0wp], [V.n0w], [V.n0p], [V.n1w, V.n1p], [V.n1w], [V.n1p], [V.n2w, V.n2p], [V.n2w], [V.n2p],
    // pairs
    [V.s0wp, V.n0wp], [V.s0wp, V.n0w], [V.s0w, V.n0wp], [V.s0wp, V.n0p], [V.s0p, V.n0wp], [V.s0w, V.n0w], [V.s0p, V.n0p], [V.n0p, V.n1p],
    // triples of tags
    [V.n0p, V.n1p, V.n2p], [V.s0p, V.n0p, V.n1p], [V.s0hp, V.s0p, V.n0p], [V.s0p, V.s0lp, V.n0p], [V.s0p, V.s0rp, V.n0p], [V.s0p, V.n0p, V.n0lp],
    // distance
    [V.s0w, V.dist], [V.s0p, V.dist], [V.n0w, V.dist], [V.n0p, V.dist], [V.s0w, V.n0w, V.dist], [V.s0p, V.n0p, V.dist],
    // valency
    [V.s0w, V.s0vr], [V.s0p, V.s0vr], [V.s0w, V.s0vl], [V.s0p, V.s0vl], [V.n0w, V.n0vl], [V.n0p, V.n0vl],
    // second order: head of s0, leftmost and rightmost dependents
    [V.s0hw], [V.s0hp], [V.s0lb], [V.s0lw], [V.s0lp], [V.s0llb], [V.s0rw], [V.s0rp], [V.s0rlb], [V.n0lw], [V.n0lp], [V.n0llb],
    // third order
    [V.s0h2w], [V.s0h2p], [V.s0hlb], [V.s0l2w], [V.s0l2p], [V.s0l2lb], [V.s0r2w], [V.s0r2p], [V.s0r2lb], [V.n0l2w], [V.n0l2p], [V.n0l2lb],
    [V.s0p, V.s0lp, V.s0l2p], [V.s0p, V.s0rp, V.s0r2p], [V.s0p, V.s0hp, V.s0h2p], [V.n0p, V.n0lp, V.n0l2p],
    // label sets
    [V.s0w, V.s0sr], [V.s0p, V.s0sr], [V.s0w, V.s0sl], [V.s0p, V.s0sl], [V.n0w, V.n0sl], [V.n0p, V.n0sl],
    // the stack below s0, and whether s0 already has its head
    [V.s1p, V.s0p], [V.s1p, V.s0p, V.n0p], [V.s1w, V.n0w], [V.s0hasHead, V.s0p, V.n0p],
  ].map((slots, k) => [T[k]!, ...slots]),
  // Brown clusters of s0, n0, n1 (Koo et al. 2008): whole paths as word-like, 6-bit paths as tag-like values
  [T[80]!, V.s0c], [T[81]!, V.n0c], [T[82]!, V.n1c], [T[83]!, V.s0c, V.n0p], [T[84]!, V.s0p, V.n0c], [T[85]!, V.s0c6, V.n0c6],
];
export const PARSE_PROGRAM = new FeatureProgram(PARSE_TEMPLATES);

/** What a role template reads of its token: word hash, tag, cluster hashes, or a word-and-tag hash. */
const U = { w: 0, p: 1, c: 2, c6: 3, wpS: 4, wpN: 5 } as const;
/** Seeds of the two word-and-tag values (`s0wp`, `n0wp`), as `ParseState.features` computes them. */
export const WP_SEEDS = { s0: 0x1f, n0: 0x2f } as const;

/** The roles, in the order of `ParseState.roles`: the V slots each reads, mapped to its token's values (U). */
const ROLE_SLOTS: Partial<Record<keyof typeof V, number>>[] = [
  { s0wp: U.wpS, s0w: U.w, s0p: U.p, s0c: U.c, s0c6: U.c6 },
  { n0wp: U.wpN, n0w: U.w, n0p: U.p, n0c: U.c, n0c6: U.c6 },
  { n1w: U.w, n1p: U.p, n1c: U.c },
  { n2w: U.w, n2p: U.p },
  { s0hw: U.w, s0hp: U.p },
  { s0lw: U.w, s0lp: U.p },
  { s0rw: U.w, s0rp: U.p },
  { n0lw: U.w, n0lp: U.p },
  { s0h2w: U.w, s0h2p: U.p },
  { s0l2w: U.w, s0l2p: U.p },
  { s0r2w: U.w, s0r2p: U.p },
  { n0l2w: U.w, n0l2p: U.p },
];
export const ROLES = ROLE_SLOTS.length;
/** Token values a role program reads (`U`). */
export const ROLE_VALUES = 6;

type Slot = keyof typeof V;
const slotName = (s: number): Slot => (Object.keys(V) as Slot[]).find((n) => V[n] === s)!;

/** The role a template belongs to (all its slots read that role's token), or -1. */
function roleOf(template: readonly number[]): number {
  const slots = template.slice(1).map(slotName);
  return ROLE_SLOTS.findIndex((r) => slots.every((n) => r[n] !== undefined));
}

const roleOfTemplate = PARSE_TEMPLATES.map(roleOf);
/** Per role: its templates over the token's values (U), with their seeds: the same hashes as in PARSE_PROGRAM. */
export const ROLE_PROGRAMS = ROLE_SLOTS.map(
  (slots, r) => new FeatureProgram(PARSE_TEMPLATES.filter((_, k) => roleOfTemplate[k] === r).map(([seed, ...vs]) => [seed!, ...vs.map((s) => slots[slotName(s)]!)])),
);

/**
 * Slots whose values come from a small set, each value below 256: a tag (or ROOT_P, NONE_P), a label (or 254, 255
 * from `Lb`), the distance (0–10, 15), a flag. A template over such slots alone can be scored from a dense table.
 */
export type SmallKind = "tag" | "label" | "dist" | "flag";
const SMALL: Partial<Record<Slot, SmallKind>> = {
  s0p: "tag", n0p: "tag", n1p: "tag", n2p: "tag", s0hp: "tag", s0lp: "tag", s0rp: "tag", n0lp: "tag", s0h2p: "tag",
  s0l2p: "tag", s0r2p: "tag", n0l2p: "tag", s1p: "tag", s0lb: "label", s0llb: "label", s0rlb: "label", n0llb: "label",
  s0hlb: "label", s0l2lb: "label", s0r2lb: "label", n0l2lb: "label", dist: "dist", s0hasHead: "flag",
};

/** A transition template of no role, with the kinds of its slots when they are all small (else null). */
export interface FreeTemplate {
  template: readonly number[];
  kinds: SmallKind[] | null;
}

/** The templates of no role: hashed per transition, or scored from a dense table (dense.ts chooses by size). */
export const FREE_TEMPLATES: FreeTemplate[] = PARSE_TEMPLATES.filter((_, k) => roleOfTemplate[k]! < 0).map((t) => {
  const kinds = t.slice(1).map((s) => SMALL[slotName(s)]);
  return { template: t, kinds: kinds.every((x) => x !== undefined) ? kinds : null };
});

/** Value slots of an arc's label features. */
export const LV = {
  hw: 0, hp: 1, dw: 2, dp: 3, dir: 4, dist: 5, dllb: 6, dlw: 7, dlp: 8, dsl: 9, drlb: 10, dsr: 11, hlb: 12, hhp: 13,
  dprevp: 14, dnextp: 15, hsl: 16, dhasLeft: 17, hc: 18, dc: 19, hc6: 20, dc6: 21,
} as const;

/** The label features after the bias L[0]: template L[k + 1] over its values. */
export const LABEL_PROGRAM = new FeatureProgram(
  [
    [LV.dw, LV.dir], [LV.dp, LV.dir], [LV.hw, LV.dir], [LV.hp, LV.dir], [LV.hp, LV.dp, LV.dir], [LV.hw, LV.dp, LV.dir],
    [LV.hp, LV.dw, LV.dir], [LV.hw, LV.dw, LV.dir], [LV.hp, LV.dp, LV.dist], [LV.dp, LV.dllb, LV.dir], [LV.dp, LV.dlw, LV.dir],
    [LV.dp, LV.dlp, LV.dir], [LV.dp, LV.dsl, LV.dir], [LV.dp, LV.drlb, LV.dir], [LV.dp, LV.dsr, LV.dir], [LV.hp, LV.hlb, LV.dp],
    [LV.hp, LV.hhp, LV.dp], [LV.dp, LV.dprevp, LV.dir], [LV.dp, LV.dnextp, LV.dir], [LV.hp, LV.hsl, LV.dir], [LV.dw, LV.dlw, LV.dir],
    [LV.hp, LV.dp, LV.dhasLeft], [LV.hw, LV.dllb, LV.dir],
  ].map((slots, k) => [L[k + 1]!, ...slots])
    // Brown clusters of head and dependent
    .concat([[L[30]!, LV.dc, LV.dir], [L[31]!, LV.hc, LV.dir], [L[32]!, LV.hp, LV.dc, LV.dir], [L[33]!, LV.hc, LV.dp, LV.dir], [L[34]!, LV.hc6, LV.dc6, LV.dir]]),
);

