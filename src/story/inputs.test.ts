import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createExtractor } from "../pipeline/extractor.js";
import { computeStoryInputs, rememberStoryInputs, storyInputs } from "./inputs.js";

const text = readFileSync(new URL("../../samples/tass-2018-11-16-alliance-obligations.txt", import.meta.url), "utf8");
const record = createExtractor().extract({ origin: "sample", format: "text", text }, { published: "2018-11-16" });

describe("story inputs", () => {
  it("computed in another thread (a structured clone) are what the writer would compute", () => {
    const sent = structuredClone(computeStoryInputs(record));
    const copy = JSON.parse(JSON.stringify(record)) as typeof record;
    rememberStoryInputs(copy, sent);
    expect(storyInputs(copy)).toBe(sent);
    expect(sent).toEqual(computeStoryInputs(copy));
    expect(Object.keys(sent.features.vector).some((k) => k.startsWith("a:RUS"))).toBe(true);
    expect(sent.copy.size).toBeGreaterThan(50);
  });

  it("of another version of the article are never used", () => {
    const stale = computeStoryInputs(record);
    const changed = JSON.parse(JSON.stringify(record)) as typeof record;
    changed.hash = "another";
    changed.structure.body.end = changed.structure.body.start + 40;
    rememberStoryInputs(changed, stale);
    const used = storyInputs(changed);
    expect(used).not.toBe(stale);
    expect(used.copy.size).toBeLessThan(stale.copy.size);
  });
});
