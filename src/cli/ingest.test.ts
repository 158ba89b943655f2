import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { SourceItem } from "../ingest/sources.js";
import { openSqliteStore } from "../store/sqlite.js";
import type { Store } from "../store/store.js";
import { BATCH_MS, ingestSources, type IngestOutcome } from "./ingest.js";
import type { CliIo } from "./io.js";

const dir = mkdtempSync(join(tmpdir(), "parley-ingest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io: CliIo = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {} };
// In this thread (jobs 0): the test is about the writer, not the workers.
const pipeline = { options: {}, ingest: {}, jobs: 0, timeLimitMs: 30_000 };
const text = (k: number) => `Talks resumed in Vienna on Monday, officials said. Round ${k} ended without an agreement on the ${k}th draft.`;

/** Six sources, the fifth a skip, with a pause longer than a batch's time limit after the third: batches of 4 and 1. */
async function* sources(log: string[]): AsyncGenerator<SourceItem> {
  for (let k = 1; k <= 6; k++) {
    log.push(`read ${k}`);
    if (k === 5) yield { kind: "skip", origin: "bad.bin", reason: "binary file" };
    else yield { kind: "source", source: { type: "text", origin: `a${k}.txt`, text: text(k) } };
    if (k === 3) await sleep(BATCH_MS + 100);
  }
}

/** The real SQLite store, with each batch write held for a while and logged, or failing. */
function slowStore(path: string, log: string[], fail = false): Store {
  const store = openSqliteStore(path);
  return Object.assign(Object.create(store) as Store, {
    putMany: async (records: Parameters<Store["putMany"]>[0]) => {
      log.push(`write ${records.length}`);
      await sleep(300);
      if (fail) throw new Error("disk full");
      const out = await store.putMany(records);
      log.push("written");
      return out;
    },
  });
}

describe("ingest's writer", () => {
  it("writes a batch while the next is read, and tells outcomes in input order once stored", async () => {
    const log: string[] = [];
    const store = slowStore(join(dir, "order.db"), log);
    const told: IngestOutcome[] = [];
    const sum = await ingestSources(store, sources(log), pipeline, io, {}, { onOutcome: (o) => told.push(o) });
    expect(sum.new).toBe(5);
    expect(sum.skipped).toEqual([{ origin: "bad.bin", reason: "binary file" }]);
    expect(told).toHaveLength(6);
    expect(told[4]).toEqual({ kind: "skip", origin: "bad.bin", reason: "binary file" });
    expect(told.filter((o) => o.kind === "stored").map((o) => o.kind === "stored" && o.result)).toEqual(["new", "new", "new", "new", "new"]);
    // The first batch (four articles) was being written while the fifth and sixth sources were read.
    const first = log.indexOf("write 4");
    expect(first).toBeGreaterThan(-1);
    expect(log.indexOf("read 5")).toBeGreaterThan(first);
    expect(log.indexOf("read 6")).toBeLessThan(log.indexOf("written"));
    expect(log.slice(-2)).toEqual(["write 1", "written"]);
    expect((await store.articles()).total).toBe(5);
    await store.close();
  });

  it("fails with the store's error when a batch cannot be written", async () => {
    const store = slowStore(join(dir, "fail.db"), [], true);
    await expect(ingestSources(store, sources([]), pipeline, io)).rejects.toThrow("disk full");
    await store.close();
  });
});
