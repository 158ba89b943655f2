import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConll, scoreConll } from "./conll.js";
import { withoutDatasets } from "./datasets.js";

describe("CoNLL-2003 scorer", () => {
  it("reads IOB1 chunks with their offsets in the joined text", () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-conll-"));
    const file = join(dir, "mini.txt");
    writeFileSync(file, "-DOCSTART- -X- O O\n\nVladimir NNP I-NP I-PER\nPutin NNP I-NP I-PER\nmet VBD I-VP O\nAbe NNP I-NP I-PER\nin IN I-PP O\nNew NNP I-NP I-LOC\nYork NNP I-NP I-LOC\n. . O O\n\n");
    const [doc] = readConll(file);
    rmSync(dir, { recursive: true, force: true });
    expect(doc!.text).toBe("Vladimir Putin met Abe in New York .\n");
    expect(doc!.gold.map((c) => [doc!.text.slice(c.start, c.end), c.type])).toEqual([
      ["Vladimir Putin", "PER"],
      ["Abe", "PER"],
      ["New York", "LOC"],
    ]);
  });

  it.skipIf(withoutDatasets())("holds its floors on eng.testa (skipped when ../shared/datasets is absent)", async () => {
    const rows = (await scoreConll()) ?? [];
    const r = Object.fromEntries(rows.filter((x) => x.split === "eng.testa").map((x) => [x.metric, x.value]));
    const half = (h: string) => rows.find((x) => x.split.startsWith(`eng.testa half ${h}`))!.value;
    expect(half("A")).toBeGreaterThanOrEqual(0.92);
    expect(half("B")).toBeGreaterThanOrEqual(0.905);
    expect(r["PER/ORG/LOC F1"]).toBeGreaterThanOrEqual(0.915);
    expect(r["tagger alone, PER/ORG/LOC F1"]).toBeGreaterThanOrEqual(0.925);
    expect(r["PER F1"]).toBeGreaterThanOrEqual(0.93);
    expect(r["ORG F1"]).toBeGreaterThanOrEqual(0.85);
    expect(r["LOC F1"]).toBeGreaterThanOrEqual(0.94);
    expect(r["tagger alone, all types F1"]).toBeGreaterThanOrEqual(0.915);
  });
});
