import { describe, expect, it } from "vitest";
import { withoutDatasets } from "./datasets.js";
import { readAnn, scorePolnear } from "./polnear.js";

describe("PolNeAR scorer", () => {
  it("reads brat attributions, discontinuous spans included", () => {
    const ann = "T1\tSource 0 9\tThe Post\nT2\tCue 10 17\treports\nT3\tContent 18 30;35 40\tthat x\nT4\tAttribution 10 17\treports\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
    expect(readAnn(ann)).toEqual([{ source: { start: 0, end: 9 }, content: { start: 18, end: 40 } }]);
  });

  it.skipIf(withoutDatasets())("holds its floors on dev (skipped when ../shared/datasets is absent)", async () => {
    const r = Object.fromEntries(((await scorePolnear()) ?? []).map((x) => [x.metric, x.value]));
    expect(r["source F1 (overlap)"]).toBeGreaterThanOrEqual(0.55);
    expect(r["content F1 (overlap)"]).toBeGreaterThanOrEqual(0.6);
  });
});
