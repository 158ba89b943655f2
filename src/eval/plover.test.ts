import { describe, expect, it } from "vitest";
import { withoutDatasets } from "./datasets.js";
import { scorePlover } from "./plover.js";

describe("PLOVER gold-record scorer", () => {
  it.skipIf(withoutDatasets())("holds its floors on the dev records (skipped when ../shared/datasets is absent)", async () => {
    const r = Object.fromEntries(((await scorePlover()) ?? []).map((x) => [x.metric, x.value]));
    expect(r["event-type accuracy"]).toBeGreaterThanOrEqual(0.6);
    expect(r["actor country accuracy"]).toBeGreaterThanOrEqual(0.58);
    expect(r["recipient country accuracy"]).toBeGreaterThanOrEqual(0.4);
    // Over-coding is capped: a ceiling, not a floor.
    expect(r["extra events per sentence"]).toBeLessThanOrEqual(0.3);
  });
});
