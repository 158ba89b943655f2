/**
 * What the story engine computes from an article alone, before it reads the store: its features (features.ts) and
 * its copy fingerprint (the body's shingle count and MinHash signature, minhash.ts). They depend only on the record,
 * so ingest computes them in the worker that annotated the article, and the one writer thread, which every article
 * passes through, only reads and writes the store. `storyInputs` gives what was computed elsewhere for a record (kept
 * against the record object by `rememberStoryInputs`), or computes it here.
 */
import type { ArticleRecord } from "../record/schema.js";
import { articleFeatures, type ArticleFeatures } from "./features.js";
import { shingles, signature } from "./minhash.js";

export interface StoryInputs {
  features: ArticleFeatures;
  copy: { size: number; sig: Uint32Array };
  /** The record's hash they were computed from: inputs of another version are never used. */
  hash: string;
}

/** The text a copy shares: the body (headlines are rewritten by each outlet). */
const bodyText = (r: ArticleRecord) => r.text.slice(r.structure.body.start, r.structure.body.end);

export function computeStoryInputs(r: ArticleRecord): StoryInputs {
  const sh = shingles(bodyText(r));
  return { features: articleFeatures(r), copy: { size: sh.size, sig: signature(sh) }, hash: r.hash };
}

const given = new WeakMap<ArticleRecord, StoryInputs>();

/** Keeps inputs computed in another thread for this record object (ignored when they are of another version). */
export function rememberStoryInputs(r: ArticleRecord, inputs: StoryInputs): void {
  if (inputs.hash === r.hash) given.set(r, inputs);
}

export function storyInputs(r: ArticleRecord): StoryInputs {
  return given.get(r) ?? computeStoryInputs(r);
}
