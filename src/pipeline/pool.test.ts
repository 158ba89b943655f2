import { describe, expect, it } from "vitest";
import type { Source } from "../ingest/convert.js";
import type { SourceItem } from "../ingest/sources.js";
import { runPool, type PoolResult } from "./pool.js";

const story = (i: number) => `MOSCOW, May ${(i % 28) + 1}. /TASS/. Russia and Japan agreed on Monday to hold round ${i} of their talks in Tokyo next month.`;
const text = (origin: string, body: string): SourceItem => ({ kind: "source", source: { type: "text", origin, text: body } satisfies Source });

async function* items(list: SourceItem[]): AsyncGenerator<SourceItem> {
  for (const item of list) {
    // Uneven arrival, as from disk or the network.
    if (Math.random() < 0.3) await new Promise((r) => setTimeout(r, 1));
    yield item;
  }
}

async function collect(list: SourceItem[], opts: Parameters<typeof runPool>[1]): Promise<PoolResult[]> {
  const out: PoolResult[] = [];
  for await (const r of runPool(items(list), opts)) out.push(r);
  return out;
}

describe("worker pool", () => {
  it("gives every result in input order whatever thread finished first, skips included", async () => {
    const list: SourceItem[] = Array.from({ length: 30 }, (_, i) =>
      i % 7 === 3 ? { kind: "skip", origin: `in${i}`, reason: "unreadable" } : text(`in${i}`, i % 5 === 0 ? `${story(i)}\n\n${"The talks went on. ".repeat(400)}` : story(i)),
    );
    const got = await collect(list, { jobs: 3, timeLimitMs: 60_000 });
    expect(got.map((r) => r.origin)).toEqual(list.map((_, i) => `in${i}`));
    expect(got.filter((r) => r.kind === "skip").map((r) => r.origin)).toEqual(["in3", "in10", "in17", "in24"]);
    const rec = got.find((r) => r.kind === "record" && r.origin === "in1");
    expect(rec?.kind === "record" && JSON.parse(rec.json).dateline).toMatchObject({ place: "MOSCOW", agency: "TASS" });
  });

  it("abandons an article past the time limit with a reason, and goes on with a fresh worker", async () => {
    // About 1.8 million characters in 12,000 sentences: inside the size and sentence budgets, many seconds of work.
    const huge = Array.from({ length: 12_000 }, (_, i) => `Russia and Japan agreed on Monday to hold round ${i} of their talks in Tokyo next month, officials in Moscow and Tokyo said after the meeting.`).join("\n\n");
    const got = await collect([text("a", story(1)), text("slow", huge), text("b", story(2)), text("c", story(3))], { jobs: 1, timeLimitMs: 6000 });
    expect(got.map((r) => `${r.origin} ${r.kind}`)).toEqual(["a record", "slow skip", "b record", "c record"]);
    expect(got[1]).toMatchObject({ reason: "took longer than the 6 s time limit" });
  });

  it("skips an article whose record would blow up, with the size in the reason", async () => {
    // A dense article (a name, a place and a quote every few words) makes a record about 12× its text; under a budget
    // of 5× + 8 KiB it is skipped in the worker, and the short story after it (about 30× its 108 characters, well
    // under the 8 KiB allowance) still goes through.
    const dense = `Talks\n\n${Array.from({ length: 60 }, (_, i) => `Putin met Abe in Moscow on Monday ${i}, Lavrov told Kono in Tokyo, Peskov said.`).join(" ")}`;
    const limits = { recordFactor: 5, recordSlack: 8192 };
    const [r, after] = await collect([text("dense", dense), text("next", story(4))], { jobs: 1, timeLimitMs: 60_000, limits });
    expect(r).toMatchObject({ kind: "skip", origin: "dense", reason: expect.stringMatching(/^record too large: .* MB/) });
    expect(after!.kind).toBe("record");
  });

  it("asks before annotating, and gives an article the store holds as unchanged", async () => {
    const seen: string[] = [];
    const got = await collect([text("x", story(5)), text("y", story(6))], {
      jobs: 1,
      timeLimitMs: 60_000,
      isCurrent: async (id) => {
        seen.push(id);
        return seen.length === 1;
      },
    });
    expect(got.map((r) => r.kind)).toEqual(["unchanged", "record"]);
    expect(seen).toHaveLength(2);
  });

  it("runs in this thread with jobs 0, with the same results", async () => {
    const list = [text("p", story(7)), { kind: "skip", origin: "q", reason: "bad" } as SourceItem, text("r", story(8))];
    const [inline, threaded] = [await collect(list, { jobs: 0, timeLimitMs: 60_000 }), await collect(list, { jobs: 2, timeLimitMs: 60_000 })];
    expect(inline).toEqual(threaded);
  });
});
