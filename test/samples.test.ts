/**
 * End to end on the two sample articles: every check from issues 2–4 ("How it is judged"), as listed in
 * data/eval/sample-checks.yaml, run through the real reader and the full pipeline. Each check is its own test so a
 * failure names exactly what went wrong and what was found instead.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runSampleChecks, loadSampleChecks, type CheckResult } from "../src/eval/samples.js";
import { validateRecord } from "../src/record/schema.js";
import { createExtractor } from "../src/pipeline/extractor.js";
import { readInputs } from "../src/ingest/index.js";
import { join } from "node:path";
import { SAMPLES_DIR } from "../src/eval/samples.js";

const checks = loadSampleChecks();
let results: CheckResult[] = [];

beforeAll(async () => {
  results = await runSampleChecks();
});

describe("sample articles: judged checks", () => {
  it.each(checks.map((c, i) => [i, c.kind, c.article] as const))("check %i (%s, %s)", (i) => {
    const r = results[i]!;
    expect(r.ok, `${r.label}: ${r.detail}`).toBe(true);
  });
});

describe("sample articles: records", () => {
  it("validate against the schema, and extracting twice gives the same record", async () => {
    const extractor = createExtractor();
    for (const name of ["tass-2018-11-16-alliance-obligations.txt", "tass-2019-01-22-hostile-action-clause.txt"]) {
      for await (const item of readInputs([join(SAMPLES_DIR, name)])) {
        if (item.kind !== "article") throw new Error(item.reason);
        const a = validateRecord(extractor.extract(item.article));
        const b = extractor.extract(item.article);
        expect(b).toEqual(a);
        expect(a.sentences.length).toBeGreaterThan(5);
        for (const m of a.entities.flatMap((e) => e.mentions)) expect(a.text.slice(m.start, m.end)).toBe(m.text);
        for (const t of a.times) expect(a.text.slice(t.start, t.end)).toBe(t.text);
        for (const q of a.quotes) expect(a.text.slice(q.start, q.end)).toBe(q.text);
      }
    }
  });
});
