/** The package's public entry (`import … from "parley"`): what users' scripts call. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createExtractor, openSqliteStore, readInputs, SCHEMA_VERSION, validateRecord } from "../src/index.js";

describe("library entry", () => {
  it("reads, extracts, stores and returns a record through the exported API", async () => {
    const extractor = createExtractor();
    const dir = mkdtempSync(join(tmpdir(), "parley-lib-"));
    const store = openSqliteStore(join(dir, "lib.db"));
    for await (const item of readInputs([join(import.meta.dirname, "..", "samples")])) {
      if (item.kind !== "article") throw new Error(item.reason);
      const record = validateRecord(extractor.extract(item.article));
      expect(record.schemaVersion).toBe(SCHEMA_VERSION);
      expect(await store.put(record)).toBe("new");
      expect(await store.get(record.id)).toEqual(record);
    }
    expect((await store.counts()).articles).toBe(2);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
