import { describe, expect, it } from "vitest";
import { withoutDatasets } from "./datasets.js";
import { scoreUd } from "./ud.js";

describe("UD English scorer", () => {
  it.skipIf(withoutDatasets())("holds its floors on EWT dev and GUM dev, gold tokens (skipped when ../shared/datasets is absent)", async () => {
    const rows = (await scoreUd()) ?? [];
    const get = (dataset: string, metric: string) => rows.find((r) => r.dataset.includes(dataset) && r.metric === metric)!.value;
    expect(rows.find((r) => r.dataset.includes("EWT"))!.size).toBe("2001 sentences, 25147 words (gold tokens)");
    expect(get("EWT", "UPOS accuracy")).toBeGreaterThanOrEqual(0.952);
    expect(get("EWT", "XPOS accuracy")).toBeGreaterThanOrEqual(0.947);
    expect(get("EWT", "lemma accuracy")).toBeGreaterThanOrEqual(0.965);
    expect(get("EWT", "UAS")).toBeGreaterThanOrEqual(0.85);
    expect(get("EWT", "LAS")).toBeGreaterThanOrEqual(0.815);
    expect(get("GUM", "UPOS accuracy")).toBeGreaterThanOrEqual(0.965);
    expect(get("GUM", "LAS")).toBeGreaterThanOrEqual(0.815);
  });
});
