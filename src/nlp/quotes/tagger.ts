/**
 * The learned attribution tagger as the quotes stage uses it: the document tagger finds cue, source and content
 * spans (features.ts, model.ts, assemble.ts); two cue taggers then look at each cue's surroundings for that cue's
 * own source and content (cue-features.ts): they reach the subject of a participle ("…, adding …"), a long noun
 * phrase, or the clause before "…, Kyodo said on Tuesday", which the document tagger misses. All three are trained on PolNeAR train by scripts/train-attribution.ts, shipped
 * in data/models/ and loaded once per process.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../eval/datasets.js";
import type { Span } from "../../record/schema.js";
import type { Token } from "../../pipeline/tokens.js";
import type { SyntaxLayer } from "../../pipeline/types.js";
import { assemble, tagSpans, type TaggedAttribution, type TokenSpan } from "./assemble.js";
import { CHAIN_MARKERS, PARTICIPLES, SOURCE_NOUNS, handCueMask } from "./cues.js";
import { docContext, documentFeatureRows, type DocContext } from "./features.js";
import { AttributionModel, CONTENT_TAGS, FeatureRows, JointScorer, SOURCE_TAGS, TAGS, type ModelHeader } from "./model.js";
import { cueFeatureRows, cueWindow } from "./cue-features.js";

export const ATTRIBUTION_MODEL_PATH = join(REPO_ROOT, "data", "models", "attribution-polnear.bin");
export const SOURCE_MODEL_PATH = join(REPO_ROOT, "data", "models", "attribution-source-polnear.bin");
export const CONTENT_MODEL_PATH = join(REPO_ROOT, "data", "models", "attribution-content-polnear.bin");

export interface TaggerInput {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Span[];
  mentions: readonly { start: number; end: number; type: string }[];
  syntax?: SyntaxLayer | undefined;
}

/** An attribution found in a document: its cue, source (when one was found) and content, as token spans. */
export type FoundAttribution = TaggedAttribution & { content: TokenSpan };

export interface Models {
  doc: AttributionModel;
  source: AttributionModel | null;
  content: AttributionModel | null;
  /** The source and content models scored together (both loaded), as they read the same features. */
  cueScorer?: JointScorer | null;
  cueWords: ReadonlySet<string>;
}

/** The shared per-document context for a model (its cue words; the parse only if it was trained with one). */
export function contextFor(header: Pick<ModelHeader, "syntax">, inp: TaggerInput, cueWords: ReadonlySet<string>): DocContext {
  const hand = handCueMask(inp.tokens);
  return docContext({ ...inp, syntax: header.syntax ? inp.syntax : undefined, cueWords, handCue: (i) => hand[i] === 1 });
}

/** Spans a cue tagger finds in one cue's window (features computed once for both cue taggers). */
function cueSpans(model: AttributionModel, feats: FeatureRows, win: TokenSpan, scores?: Float32Array): TokenSpan[] {
  const tags = scores ? model.viterbi(scores, feats.length) : model.decode(feats);
  return tagSpans(tags).map((s) => ({ from: s.from + win.from, to: s.to + win.from }));
}

const gap = (s: TokenSpan, cue: TokenSpan) => (s.to <= cue.from ? cue.from - s.to : s.from >= cue.to ? s.from - cue.to : 0);

// Feature rows reused from one document (and cue) to the next: each is scored before the next is built, and
// allocating a document's rows afresh each time left their garbage to collect.
const docRows = new FeatureRows();
const cueRows = new FeatureRows();

/** Attributions of one document, as token spans. */
export function tagAttributions(models: Models, inp: TaggerInput): FoundAttribution[] {
  const ctx = contextFor(models.doc.header, inp, models.cueWords);
  const found = assemble(models.doc.decode(documentFeatureRows(ctx, docRows)), inp.tokens, ctx.sentStart);
  const reported = reportedReports(inp.tokens, found);
  found.push(...reported);
  // A cue holds a word seen as a cue in train (or on the hand list): the tagger alone also takes nouns and
  // prepositions for cues ("government", "treaty talks"), and the gate raises cue precision more than it costs.
  const lexical = (a: TaggedAttribution) => {
    for (let k = a.cue.from; k < a.cue.to; k++) if (ctx.isCue[k]) return true;
    return false;
  };
  for (const a of found) {
    // "said with reference to …", "said, citing …": the speaker's own source is not part of the cue (hand list).
    for (let k = a.cue.from + 1; k < a.cue.to; k++)
      if (CHAIN_MARKERS.at(inp.tokens, k)) {
        a.cue = { from: a.cue.from, to: k };
        break;
      }
    if (!lexical(a)) {
      a.content = null; // not a cue: dropped below, and the cue taggers need not read it
      continue;
    }
    const win = cueWindow(ctx, a.cue);
    const feats = cueFeatureRows(ctx, a.cue, win, cueRows);
    // The source nearest the cue wins over the document tagger's.
    const [srcScores, cntScores] = models.cueScorer ? models.cueScorer.emissions(feats) : [undefined, undefined];
    const sources = models.source ? cueSpans(models.source, feats, win, srcScores).sort((x, y) => gap(x, a.cue) - gap(y, a.cue)) : [];
    if (sources.length && !reported.includes(a)) a.source = sources[0]!;
    // The content within the window is the content tagger's; the document tagger's runs on beyond it.
    const contents = models.content ? cueSpans(models.content, feats, win, cntScores).filter((s) => s.to <= a.cue.from || s.from >= a.cue.to) : [];
    if (contents.length) {
      let from = Math.min(...contents.map((s) => s.from));
      let to = Math.max(...contents.map((s) => s.to));
      if (a.content && a.content.from < win.from) from = a.content.from;
      if (a.content && a.content.to > win.to) to = a.content.to;
      a.content = { from, to };
    }
  }
  const withContent = found.filter((a): a is FoundAttribution => a.content !== null);
  // PolNeAR is univocal (a token has one role in one attribution): a cue inside another attribution's content is
  // a report within the report, and the outer one stands for it.
  // A report named inside another ("asked about media reports claiming that …") stays: it is the nearer source.
  const named = new Set<TaggedAttribution>(reported);
  const nested = nestedCues(withContent);
  return withContent.filter((a, i) => named.has(a) || !nested[i]);
}

/** For each attribution, whether its cue lies inside another's content (a sweep by start, linear after sorting). */
function nestedCues(list: readonly FoundAttribution[]): boolean[] {
  const byContent = list.map((_, j) => j).sort((x, y) => list[x]!.content.from - list[y]!.content.from);
  const byCue = list.map((_, j) => j).sort((x, y) => list[x]!.cue.from - list[y]!.cue.from);
  const out = new Array<boolean>(list.length).fill(false);
  let top: [number, number][] = []; // the two furthest-reaching contents begun so far: [end, index]
  let p = 0;
  for (const i of byCue) {
    const cue = list[i]!.cue;
    while (p < byContent.length && list[byContent[p]!]!.content.from <= cue.from) {
      const j = byContent[p++]!;
      top = [...top, [list[j]!.content.to, j] as [number, number]].sort((x, y) => y[0] - x[0]).slice(0, 2);
    }
    out[i] = top.some(([to, j]) => j !== i && to >= cue.to);
  }
  return out;
}

/**
 * "media reports claiming that …": a source noun and a participle of the hand lists before "that" make an
 * attribution of their own (its content is left to the content tagger), unless the tagger already has that cue.
 */
function reportedReports(tokens: readonly Token[], found: readonly TaggedAttribution[]): TaggedAttribution[] {
  const out: TaggedAttribution[] = [];
  const cueAt = new Set(found.map((a) => a.cue.from));
  for (let k = 1; k + 1 < tokens.length; k++) {
    if (tokens[k + 1]!.text.toLowerCase() !== "that" || !PARTICIPLES.has(tokens[k]!.text.toLowerCase()) || !SOURCE_NOUNS.has(tokens[k - 1]!.text.toLowerCase())) continue;
    if (cueAt.has(k)) continue;
    let s = k - 1;
    while (s > 0 && k - s < 3 && /^\p{Ll}+$/u.test(tokens[s - 1]!.text) && !NOT_IN_SOURCE.test(tokens[s - 1]!.text)) s--;
    out.push({ cue: { from: k, to: k + 1 }, source: { from: s, to: k }, content: null });
  }
  return out;
}
// Words that end a source noun phrase going leftwards: prepositions, articles, clause openers.
const NOT_IN_SOURCE = /^(?:on|of|to|in|about|with|by|for|from|at|that|which|who|the|a|an|and|or|comment|asked)$/i;

let cached: Models | null = null;

/** The shipped models, loaded once; null when the document model is missing. */
export function loadAttributionModels(): Models | null {
  if (cached) return cached;
  if (!existsSync(ATTRIBUTION_MODEL_PATH)) return null;
  const doc = AttributionModel.fromBuffer(readFileSync(ATTRIBUTION_MODEL_PATH), TAGS);
  const load = (path: string, tags: readonly string[]) => (existsSync(path) ? AttributionModel.fromBuffer(readFileSync(path), tags) : null);
  const source = load(SOURCE_MODEL_PATH, SOURCE_TAGS);
  const content = load(CONTENT_MODEL_PATH, CONTENT_TAGS);
  const cueScorer = source && content && source.mask === content.mask ? new JointScorer(source, content) : null;
  // Scoring needs only the packed rows: the dense tables (about 23 MB in all) go.
  for (const m of [doc, source, content]) m?.compact();
  cached = { doc, source, content, cueScorer, cueWords: new Set(doc.header.cueWords) };
  return cached;
}
