/**
 * The NER tagger: BILOU tags by Viterbi decoding under a structured averaged perceptron, in two passes over a
 * document (the second adds what the first found for the same word elsewhere: ./document.ts), with Brown-cluster
 * and dictionary features. Trained on CoNLL-2003 eng.train by scripts/train-ner.ts and shipped as
 * data/models/ner-conll.bin (no download). It finds names no dictionary knows; the entities stage decides what
 * they are beyond PER/ORG/LOC/MISC. Loaded once per process.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../eval/datasets.js";
import type { Token } from "../../pipeline/tokens.js";
import { loadClusters } from "../clusters/clusters.js";
import { documentFeatures, type DocToken } from "./document.js";
import { FeatureBuffer, Featurizer, NEAR_AT, SUMS_SECOND, type WordInfo } from "./features.js";
import { loadLexicon } from "./lexicon.js";
import { Model } from "./model.js";
import { bilouSpans, T, type NerType, type TokenSpan } from "./tags.js";
import { nerWords } from "./words.js";

export type { NerType } from "./tags.js";
/** A name found by the tagger: character offsets into the record text. */
export interface NerSpan {
  start: number;
  end: number;
  type: NerType;
}
export interface NerTagger {
  /** Tags one sentence alone (no document context); with the text the tokens index, names never cross a line break. */
  tag(tokens: readonly Token[], text?: string): NerSpan[];
  /** Tags the sentences of one document together (the second pass sees the whole document): spans per sentence. */
  tagDocument(sentences: readonly (readonly Token[])[], text?: string): NerSpan[][];
}

export const MODEL_PATH = join(REPO_ROOT, "data", "models", "ner-conll.bin");

/** Growable typed arrays for one document, reused from one document to the next. */
class DocBuffers {
  feats = new Uint32Array(1 << 16);
  offsets = new Int32Array(1 << 12);
  docFeats = new Uint32Array(1 << 12);
  docOffsets = new Int32Array(1 << 12);
  scores = new Float64Array(T << 12);
  tags = new Uint8Array(1 << 12);
  /** Per token, the first token of its sentence and the token after its last. */
  sentFrom = new Int32Array(1 << 12);
  sentTo = new Int32Array(1 << 12);
  tokens: DocToken[] = [];
  words: WordInfo[] = [];

  ensureTokens(n: number): void {
    if (this.offsets.length <= n) {
      const size = 2 * n + 1;
      this.offsets = grow(this.offsets, size);
      this.docOffsets = new Int32Array(size);
      this.scores = new Float64Array(size * T);
      this.tags = new Uint8Array(size);
      this.sentFrom = new Int32Array(size);
      this.sentTo = new Int32Array(size);
    }
  }
}

function grow<A extends Int32Array | Uint32Array>(a: A, size: number): A {
  const b = new (a.constructor as new (n: number) => A)(size);
  b.set(a);
  return b;
}

/** The two-pass tagger over words (no offsets): what training, scoring and the pipeline share. */
export class NerCore {
  private readonly buf = new FeatureBuffer();
  private readonly doc = new DocBuffers();
  private readonly acc = new Int32Array(T);
  /** Per token of the current document, its word's sums under the model being scored (reused). */
  private readonly sums: Int32Array[] = [];

  constructor(
    readonly featurizer: Featurizer,
    readonly first: Model,
    readonly second: Model | null,
    /** The second model holds only document features, learned on top of the first's scores (stacking). */
    readonly stacked = false,
  ) {}

  /**
   * Static features of every sentence, side by side (only the context ones without `withOwn`: then each word's
   * own features are scored once per distinct word); returns the token count.
   */
  private features(sentences: readonly (readonly string[])[], withOwn: boolean): number {
    const d = this.doc;
    let n = 0;
    for (const s of sentences) n += s.length;
    d.ensureTokens(n);
    d.tokens.length = n;
    d.words.length = n;
    let at = 0;
    let nf = 0;
    d.offsets[0] = 0;
    for (const words of sentences) {
      this.featurizer.sentence(words, this.buf, withOwn);
      const weakLine = this.featurizer.headline;
      const infos = this.featurizer.words;
      const len = this.buf.offsets[words.length]!;
      if (d.feats.length < nf + len) d.feats = grow(d.feats, 2 * (nf + len));
      d.feats.set(this.buf.feats.subarray(0, len), nf);
      for (let i = 0; i < words.length; i++) {
        d.offsets[at + i + 1] = nf + this.buf.offsets[i + 1]!;
        const info = infos[i]!;
        d.words[at + i] = info;
        d.sentFrom[at + i] = at;
        d.sentTo[at + i] = at + words.length;
        const tok = d.tokens[at + i];
        if (tok) {
          tok.lower = info.lower;
          tok.capital = info.capital;
          tok.weak = weakLine || i === 0;
        } else d.tokens[at + i] = { lower: info.lower, capital: info.capital, weak: weakLine || i === 0 };
      }
      nf += len;
      at += words.length;
    }
    return n;
  }

  /**
   * A model's summed weights of a word's own features, then of each list of features it gives a neighbour
   * (WordInfo.near): 5 × T integers, computed once per distinct word (and model).
   */
  private wordScores(info: WordInfo, model: Model, base: number): Int32Array {
    const first = base === 0;
    if ((first ? info.scored1 : info.scored2) === model) return info.sums;
    const { feats, ownLength, sums } = info;
    sums.fill(0, base, base + SUMS_SECOND);
    model.sum(feats, 0, ownLength, sums.subarray(base, base + T));
    for (let k = 0; k < 4; k++) model.sum(feats, ownLength + NEAR_AT[k]!, ownLength + NEAR_AT[k + 1]!, sums.subarray(base + (k + 1) * T, base + (k + 2) * T));
    if (first) info.scored1 = model;
    else info.scored2 = model;
    return sums;
  }

  /**
   * Scores of every token under a model: its own features and those its neighbours give it (cached per word),
   * the other context features, extra features. Integer sums, so the order they are added in changes nothing.
   */
  private score(model: Model, n: number, extra?: { feats: Uint32Array; offsets: Int32Array }): void {
    const d = this.doc;
    const acc = this.acc;
    const scale = model.scale;
    const { start, end } = this.featurizer;
    // Each token's word sums, looked up once: a token reads its own and its four neighbours'.
    const sums = this.sums;
    sums.length = n;
    const b = model === this.first ? 0 : SUMS_SECOND;
    for (let k = 0; k < n; k++) sums[k] = this.wordScores(d.words[k]!, model, b);
    const before = this.wordScores(start, model, b);
    const after = this.wordScores(end, model, b);
    for (let k = 0; k < n; k++) {
      const from = d.sentFrom[k]!;
      const to = d.sentTo[k]!;
      const own = sums[k]!;
      const p1 = k - 1 >= from ? sums[k - 1]! : before;
      const n1 = k + 1 < to ? sums[k + 1]! : after;
      const p2 = k - 2 >= from ? sums[k - 2]! : before;
      const n2 = k + 2 < to ? sums[k + 2]! : after;
      for (let t = b; t < b + T; t++) acc[t - b] = own[t]! + p1[T + t]! + n1[2 * T + t]! + p2[3 * T + t]! + n2[4 * T + t]!;
      model.sum(d.feats, d.offsets[k]!, d.offsets[k + 1]!, acc);
      if (extra) model.sum(extra.feats, extra.offsets[k]!, extra.offsets[k + 1]!, acc);
      for (let t = 0; t < T; t++) d.scores[k * T + t] = acc[t]! * scale;
    }
  }

  private decodeAll(model: Model, sentences: readonly (readonly string[])[], only?: (from: number, to: number) => boolean): void {
    let at = 0;
    for (const s of sentences) {
      if (!only || only(at, at + s.length)) model.decode(this.doc.scores, s.length, this.doc.tags, at);
      at += s.length;
    }
  }

  /** First-pass tags of a document (for training the second pass); the array is reused by the next call. */
  firstPass(sentences: readonly (readonly string[])[]): Uint8Array {
    const n = this.features(sentences, false);
    this.score(this.first, n);
    this.decodeAll(this.first, sentences);
    return this.doc.tags.subarray(0, n);
  }

  /** Document features of the current document given first-pass tags, into docFeats/docOffsets. */
  private documentFeatures(n: number): void {
    const d = this.doc;
    let nf = 0;
    let cur = 0;
    d.docOffsets[0] = 0;
    documentFeatures(d.tokens, d.tags, (i, f) => {
      while (cur < i) d.docOffsets[++cur] = nf;
      if (nf === d.docFeats.length) d.docFeats = grow(d.docFeats, 2 * nf);
      d.docFeats[nf++] = f;
    });
    while (cur < n) d.docOffsets[++cur] = nf;
  }

  /** The document's features for the second pass (static, then document; only document ones when stacked), per token. */
  secondPassFeatures(sentences: readonly (readonly string[])[], firstTags: ArrayLike<number>, documentOnly = this.stacked): { feats: Uint32Array; offsets: Int32Array }[] {
    const n = this.features(sentences, !documentOnly);
    const d = this.doc;
    for (let i = 0; i < n; i++) d.tags[i] = firstTags[i]!;
    this.documentFeatures(n);
    const out: { feats: Uint32Array; offsets: Int32Array }[] = [];
    let at = 0;
    for (const s of sentences) {
      const offsets = new Int32Array(s.length + 1);
      const parts: number[] = [];
      for (let i = 0; i < s.length; i++) {
        const k = at + i;
        if (!documentOnly) for (let j = d.offsets[k]!; j < d.offsets[k + 1]!; j++) parts.push(d.feats[j]!);
        for (let j = d.docOffsets[k]!; j < d.docOffsets[k + 1]!; j++) parts.push(d.docFeats[j]!);
        offsets[i + 1] = parts.length;
      }
      out.push({ feats: Uint32Array.from(parts), offsets });
      at += s.length;
    }
    return out;
  }

  /** Names of each sentence of a document, as token ranges. */
  tagWords(sentences: readonly (readonly string[])[]): TokenSpan[][] {
    const tags = this.firstPass(sentences);
    const n = tags.length;
    const d = this.doc;
    if (this.second) {
      this.documentFeatures(n);
      // Stacked (or one model for both passes): the second only adds the document features' scores to the first's.
      const onTop = this.stacked || this.second === this.first;
      if (onTop) this.second.addScores(d.docFeats, d.docOffsets, n, d.scores);
      else this.score(this.second, n, { feats: d.docFeats, offsets: d.docOffsets });
      // On top of the first pass, a sentence without document features keeps its first-pass tags.
      this.decodeAll(this.second, sentences, onTop ? (from, to) => d.docOffsets[to]! > d.docOffsets[from]! : undefined);
    }
    const out: TokenSpan[][] = [];
    let at = 0;
    for (const s of sentences) {
      out.push(bilouSpans(d.tags.subarray(at, at + s.length)));
      at += s.length;
    }
    return out;
  }
}

/** Reads the shipped model file: a JSON header line, then the first-pass and second-pass models. */
export function readModels(buf: Buffer): { header: Record<string, unknown>; first: Model; second: Model | null } {
  const nl = buf.indexOf(10);
  const header = JSON.parse(buf.subarray(0, nl).toString("utf8")) as Record<string, unknown>;
  if (header.format !== "bilou-2pass-1") throw new Error("NER model: incompatible header (retrain with scripts/train-ner.ts)");
  const a = Model.fromBuffer(buf, nl + 1);
  const second = a.next < buf.length ? Model.fromBuffer(buf, a.next).model : null;
  return { header, first: a.model, second };
}

export function writeModels(header: Record<string, unknown>, first: Model, second: Model | null): Buffer {
  const head = Buffer.from(JSON.stringify({ ...header, format: "bilou-2pass-1" }) + "\n");
  return Buffer.concat([head, first.toBuffer(), ...(second ? [second.toBuffer()] : [])]);
}

const WORDLIKE = /[\p{L}\p{N}]/u;
let cached: NerTagger | null = null;

export function loadCore(path = MODEL_PATH): NerCore {
  if (!existsSync(path)) throw new Error(`NER model missing: ${path} (rebuild it with npx tsx scripts/train-ner.ts)`);
  const { header, first, second } = readModels(readFileSync(path));
  return new NerCore(new Featurizer(loadLexicon(), loadClusters()), first, second, header.stacked === true);
}

export function loadTagger(): NerTagger {
  if (cached) return cached;
  const core = loadCore();
  const tagDocument = (sentences: readonly (readonly Token[])[], source?: string): NerSpan[][] => {
    const parts = sentences.map((s) => nerWords(s));
    const found = core.tagWords(parts.map((p) => p.map((t) => t.text)));
    return found.map((spans, si) => {
      const toks = parts[si]!;
      const out: NerSpan[] = [];
      for (const s of spans) {
        // A name neither starts nor ends with punctuation ("TASS/" → "TASS").
        let { from, to } = s;
        while (from < to && !WORDLIKE.test(toks[from]!.text)) from++;
        while (to > from && !WORDLIKE.test(toks[to - 1]!.text)) to--;
        // A name never runs across a line break: cut at the first one.
        if (source)
          for (let k = from + 1; k < to; k++)
            if (source.slice(toks[k - 1]!.end, toks[k]!.start).includes("\n")) {
              to = k;
              break;
            }
        if (from < to) out.push({ start: toks[from]!.start, end: toks[to - 1]!.end, type: s.type });
      }
      return out;
    });
  };
  cached = { tagDocument, tag: (tokens, text) => tagDocument([tokens], text)[0]! };
  return cached;
}
