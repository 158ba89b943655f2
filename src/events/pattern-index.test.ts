/** The pattern index against a scan of every pattern with `mayMatch`, on the shipped verb blocks. */
import { describe, expect, it } from "vitest";
import { CAMEO_FILE, VERB_PATTERNS_FILE } from "./ontology.js";
import { mayMatch, type Present } from "./pattern-index.js";
import { VerbDictionary } from "./verbs.js";

const dict = new VerbDictionary([VERB_PATTERNS_FILE, CAMEO_FILE]);

/** A seeded generator (the same sets on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The words the block's patterns ask for (keys of words, heads, preps), so random sets hit some of them. */
function wordsOf(block: VerbDictionary["blocks"][number]): string[] {
  const out = new Set<string>(["the", "of", "to", "with", "on"]);
  const add = (e: object): void => {
    if ("word" in e) for (const k of dict.keys(e.word as string)) out.add(k);
    if ("head" in e) for (const k of dict.keys(e.head as string)) out.add(k);
    if ("prep" in e) out.add(e.prep as string);
    if ("obj" in e && e.obj) add(e.obj);
  };
  for (const p of block.patterns) for (const e of [...p.pre, ...p.post]) add(e);
  return [...out];
}

describe("pattern index", () => {
  it("finds exactly the patterns a scan with mayMatch finds, in block order, on every shipped block", () => {
    const next = random(7);
    let found = 0;
    let rejected = 0;
    for (const block of dict.blocks) {
      if (block.patterns.length === 0) continue;
      const words = wordsOf(block);
      const pick = (p: number) => new Set(words.filter(() => next() < p));
      for (let trial = 0; trial < 12; trial++) {
        const density = [0.05, 0.2, 0.5][trial % 3]!;
        const present: Present = { objects: pick(density), frame: pick(density), pre: pick(density) };
        const scan = block.patterns.flatMap((p, i) => (mayMatch(p, present, (w) => dict.keys(w)) ? [i] : []));
        expect(dict.patternIndex(block).candidates(present)).toEqual(scan);
        found += scan.length;
        rejected += block.patterns.length - scan.length;
      }
    }
    // Both outcomes occur often, so the comparison says something.
    expect(found).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(1000);
  });

  it("with nothing present, keeps only the patterns that need no word", () => {
    const empty: Present = { objects: new Set(), frame: new Set(), pre: new Set() };
    const say = dict.blocks.find((b) => b.patterns.length > 100)!;
    const none = say.patterns.flatMap((p, i) => ([...p.pre, ...p.post].every((e) => "role" in e) ? [i] : []));
    expect(dict.patternIndex(say).candidates(empty)).toEqual(none);
  });
});
