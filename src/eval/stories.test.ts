import { describe, expect, it } from "vitest";
import { scoreCoref } from "./coref.js";
import { withoutDatasets } from "./datasets.js";
import { scoreNeardup } from "./neardup.js";
import { scoreStories } from "./stories.js";
import type { EvalRow } from "./types.js";

const value = (rows: EvalRow[], dataset: string, split: string, metric: string) =>
  rows.find((r) => r.dataset.startsWith(dataset) && r.split.startsWith(split) && r.metric === metric)!.value;

describe("story scorers", () => {
  it.skipIf(withoutDatasets())("hold their floors: story B³, event coreference above same-lemma, near-duplicates (skipped when ../shared/datasets is absent)", async () => {
    const stories = (await scoreStories())!;
    expect(value(stories, "MEANTIME + TimeLine", "half A", "story B³ F1")).toBeGreaterThanOrEqual(0.92);
    expect(value(stories, "MEANTIME + TimeLine", "half B", "story B³ F1")).toBeGreaterThanOrEqual(0.84);
    const coref = (await scoreCoref())!;
    for (const h of ["half A", "half B"]) {
      expect(value(coref, "MEANTIME cross-doc", h, "Parley CoNLL F1")).toBeGreaterThan(value(coref, "MEANTIME cross-doc", h, "same-lemma baseline CoNLL F1"));
      expect(value(coref, "MEANTIME cross-doc", h, "Parley B³ F1")).toBeGreaterThan(value(coref, "MEANTIME cross-doc", h, "same-lemma baseline B³ F1"));
    }
    const dup = (await scoreNeardup())!;
    expect(value(dup, "te3-silver", "half B", "near-duplicate pair precision")).toBeGreaterThanOrEqual(0.93);
    expect(value(dup, "te3-silver", "half B", "near-duplicate pair recall")).toBeGreaterThanOrEqual(0.95);
  }, 600_000);
});
