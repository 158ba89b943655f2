import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { heldTable, Layout, plainAlloc, provideTables, shareTables, sharedAlloc, StringIndex, Strings, tableOf, type TableSpec } from "./shared-tables.js";

describe("StringIndex", () => {
  const entries: [number, string, number][] = [
    [0, "moscow", 1],
    [0, "são paulo", 2],
    [1, "moscow", 3],
    [0, "", 4],
    [0, "moscow", 99],
  ];
  const index = new StringIndex(StringIndex.build(entries, plainAlloc));

  it("finds a key within its scope, and keeps the first value of a key given twice", () => {
    expect(index.get(0, "moscow")).toBe(1);
    expect(index.get(1, "moscow")).toBe(3);
    expect(index.get(0, "são paulo")).toBe(2);
    expect(index.get(0, "")).toBe(4);
  });

  it("answers undefined for a key it does not hold, a prefix of one or one in another scope", () => {
    expect(index.get(0, "mosco")).toBeUndefined();
    expect(index.get(0, "moscow ")).toBeUndefined();
    expect(index.get(2, "moscow")).toBeUndefined();
    expect(index.get(1, "são paulo")).toBeUndefined();
  });

  it("agrees with a Map over many keys", () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${(i * 7919) % 100_003}`);
    const big = new StringIndex(StringIndex.build(words.map((w, i) => [i % 3, w, i]), sharedAlloc));
    words.forEach((w, i) => expect(big.get(i % 3, w)).toBe(i));
    expect(big.get(0, "w-1")).toBeUndefined();
  });
});

describe("Strings and Layout", () => {
  it("gives back each string of the column", () => {
    const list = ["Moscow", "", "Zürich", "北京"];
    const col = new Strings(Strings.build(list, plainAlloc));
    expect(col.length).toBe(4);
    expect(list.map((_, i) => col.at(i))).toEqual(list);
  });

  it("carves aligned arrays of the sizes asked for out of one buffer", () => {
    const l = new Layout();
    l.add("u8", 3);
    l.add("i32", 2);
    l.add("u16", 5);
    const [a, b, c] = l.done(sharedAlloc);
    expect([a!.length, b!.length, c!.length]).toEqual([3, 2, 5]);
    expect(a!.buffer).toBe(b!.buffer);
    expect(b!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(b!.byteOffset % 4).toBe(0);
  });
});

describe("tables", () => {
  it("builds a table once per thread, and shares it in SharedArrayBuffers", () => {
    let builds = 0;
    const spec: TableSpec<{ n: Int32Array }> = { name: "test-once", build: (alloc) => ((builds++), { n: new Int32Array(alloc(8)) }) };
    expect(heldTable(spec)).toBeUndefined();
    const shared = shareTables([spec])["test-once"] as { n: Int32Array };
    expect(shared.n.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(tableOf(spec)).toBe(shared);
    expect(builds).toBe(1);
  });

  it("reads in another thread the very memory this thread built", async () => {
    const spec: TableSpec<{ n: Int32Array }> = { name: "test-worker", build: (alloc) => ({ n: new Int32Array(alloc(8)) }) };
    const t = shareTables([spec]);
    const code = `const { workerData, parentPort } = require("node:worker_threads"); workerData["test-worker"].n[1] = 42; parentPort.postMessage(0);`;
    const worker = new Worker(code, { eval: true, workerData: t });
    await new Promise((resolve) => worker.once("message", resolve));
    await worker.terminate();
    expect(tableOf(spec).n[1]).toBe(42);
  });

  it("refuses tables provided for one this thread already built", () => {
    const spec: TableSpec<number> = { name: "test-held", build: () => 1 };
    tableOf(spec);
    expect(() => provideTables({ "test-held": 2 })).toThrow(/already holds/);
    provideTables({ "test-given": 3 });
    expect(tableOf<number>({ name: "test-given", build: () => 4 })).toBe(3);
  });
});
