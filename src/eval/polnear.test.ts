import { describe, expect, it } from "vitest";
import type { Quote } from "../record/schema.js";
import { withoutDatasets } from "./datasets.js";
import { pairAttributions, readAnn, scorePolnear } from "./polnear.js";

const quote = (start: number, end: number, cue: [number, number], speaker: [number, number] | null): Quote => ({
  start,
  end,
  text: "",
  kind: "indirect",
  speaker: null,
  speakerText: null,
  speakerSpan: speaker ? { start: speaker[0], end: speaker[1] } : null,
  cue: { start: cue[0], end: cue[1], text: "" },
  chain: [],
  hedges: [],
});

describe("PolNeAR scorer", () => {
  it("reads brat attributions, discontinuous spans included", () => {
    const ann = "T1\tSource 0 9\tThe Post\nT2\tCue 10 17\treports\nT3\tContent 18 30;35 40\tthat x\nT4\tAttribution 10 17\treports\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
    expect(readAnn(ann)).toEqual([{ source: { start: 0, end: 9 }, cue: { start: 10, end: 17 }, content: { start: 18, end: 40 } }]);
  });

  it("pairs each gold attribution with one quote at most, cues first", () => {
    const gold = [
      { source: { start: 0, end: 2 }, cue: { start: 3, end: 7 }, content: { start: 8, end: 30 } },
      { source: { start: 31, end: 33 }, cue: { start: 34, end: 38 }, content: { start: 39, end: 60 } },
    ];
    // Two quotes over the first attribution's content: only one may count; the second attribution is missed.
    const quotes = [quote(8, 30, [3, 7], [0, 2]), quote(10, 20, [20, 22], [0, 2])];
    expect(pairAttributions(gold, quotes)).toEqual([[0, 0]]);
    // A quote whose cue is the second attribution's pairs with it even when its content reaches the first.
    expect(pairAttributions(gold, [quote(20, 50, [34, 38], null)])).toEqual([[1, 0]]);
  });

  it.skipIf(withoutDatasets())("holds its floors on dev (skipped when ../shared/datasets is absent)", async () => {
    const r = Object.fromEntries(((await scorePolnear()) ?? []).map((x) => [x.metric, x.value]));
    expect(r["source F1 (overlap)"]).toBeGreaterThanOrEqual(0.74);
    expect(r["content F1 (overlap)"]).toBeGreaterThanOrEqual(0.79);
    expect(r["cue F1 (overlap)"]).toBeGreaterThanOrEqual(0.75);
  });
});
