import { describe, expect, it } from "vitest";
import { createExtractor } from "../src/pipeline/extractor.js";
import { validateRecord } from "../src/record/schema.js";

describe("record schema", () => {
  it("accepts what the extractor produces and rejects out-of-range offsets", () => {
    const rec = createExtractor().extract({ origin: "inline", format: "text", text: "Russia and Japan met." });
    expect(validateRecord(rec).text).toContain("Russia");
    expect(() => validateRecord({ ...rec, sentences: [{ start: 0, end: 10_000 }] })).toThrow(/beyond|bad span/);
  });
});
