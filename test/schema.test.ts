import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createExtractor } from "../src/pipeline/extractor.js";
import { REPO_ROOT } from "../src/eval/datasets.js";
import { recordJsonSchema } from "../src/record/json-schema.js";
import { validateRecord } from "../src/record/schema.js";

describe("record schema", () => {
  it("accepts what the extractor produces and rejects out-of-range offsets", () => {
    const rec = createExtractor().extract({ origin: "inline", format: "text", text: "Russia and Japan met." });
    expect(validateRecord(rec).text).toContain("Russia");
    expect(() => validateRecord({ ...rec, sentences: [{ start: 0, end: 10_000 }] })).toThrow(/beyond|bad span/);
  });
});

describe("JSON Schema file", () => {
  it("schema/record.schema.json is what the zod schema generates (run scripts/gen-json-schema.ts after a change)", () => {
    const committed = readFileSync(join(REPO_ROOT, "schema", "record.schema.json"), "utf8");
    expect(committed).toBe(recordJsonSchema());
    expect(JSON.parse(committed).required).toEqual(expect.arrayContaining(["id", "text", "events", "schemaVersion"]));
  });
});
