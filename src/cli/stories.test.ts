import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gdeltTables } from "../story/gdelt.js";
import type { StoriesDocument, StoryEvent, TimelineDocument } from "../story/types.js";
import { main } from "./main.js";

const ROOT = join(import.meta.dirname, "..", "..");
let dir: string;
let db: string;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d: Buffer) => out.push(d.toString()));
  const stderr = new PassThrough().on("data", (d: Buffer) => err.push(d.toString()));
  const code = await main([...argv, "--db", db], { stdout, stderr, stdin: Readable.from([""]), env: {} });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-stories-cli-"));
  db = join(dir, "p.db");
  expect((await run(["ingest", join(ROOT, "samples"), join(ROOT, "src", "story", "__fixtures__")])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parley stories, timeline, events", () => {
  it("lists stories as a table and as the versioned JSON contract", async () => {
    const table = await run(["stories"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^id\s+articles\s+events\s+span\s+actors\s+title/);
    const doc = JSON.parse((await run(["stories", "--format", "json"])).stdout) as StoriesDocument;
    expect(doc.version).toBe(1);
    expect(doc.stories).toHaveLength(3);
    for (const s of doc.stories) expect(Object.keys(s)).toEqual(expect.arrayContaining(["id", "title", "articles", "actors", "span", "keywords"]));
    expect(doc.stories.find((s) => s.articles.length === 2)!.title).toMatch(/peace treaty/);
  });

  it("prints a story's timeline as a brief with sources, as JSON and as CSV", async () => {
    const doc = JSON.parse((await run(["stories", "--format", "json"])).stdout) as StoriesDocument;
    const id = String(doc.stories.find((s) => s.articles.length === 2)!.id);
    const md = (await run(["timeline", "--story", id])).stdout;
    const lines = md.split("\n").filter((l) => l.startsWith("- "));
    expect(lines[0]).toMatch(/^- \*\*1956-10-19\*\* — .*2 articles, 1 source: TASS 2018-11-16/);
    expect(md).toContain("**1960 (year)**");
    expect(md).toMatch(/\*\*2019-01-22\*\* — It is expected .*future/);
    const tl = JSON.parse((await run(["timeline", "--story", id, "--format", "json"])).stdout) as TimelineDocument;
    expect(tl.version).toBe(1);
    expect(tl.story!.id).toBe(Number(id));
    const e = tl.events[0]!;
    for (const k of ["id", "date", "type", "actors", "recipients", "location", "modality", "background", "corroboration", "mentions", "contradictions"]) expect(e).toHaveProperty(k);
    expect(Object.keys(e.mentions[0]!)).toEqual(expect.arrayContaining(["article", "start", "end", "source"]));
    const csv = (await run(["timeline", "--story", id, "--format", "csv"])).stdout.trim().split("\n");
    expect(csv[0]).toMatch(/^id,date,precision,type/);
    expect(csv).toHaveLength(tl.events.length + 1);
  });

  it("filters by actor and dates, and refuses unclear requests with exit 1", async () => {
    const tl = JSON.parse((await run(["timeline", "--actor", "JPN", "--from", "2019-01", "--to", "2019-01", "--format", "json"])).stdout) as TimelineDocument;
    expect(tl.events.length).toBeGreaterThan(0);
    expect(tl.events.every((e) => e.date!.startsWith("2019-01"))).toBe(true);
    expect((await run(["timeline"])).code).toBe(1);
    expect((await run(["timeline", "--story", "1", "--actor", "JPN"])).code).toBe(1);
    expect((await run(["timeline", "--story", "x"])).stderr).toContain("--story must be a number");
    expect((await run(["timeline", "--actor", "JPN", "--from", "last week"])).stderr).toContain("--from must be");
    expect((await run(["timeline", "--story", "999"])).stderr).toContain("no such story");
  });

  it("lists story events with filters", async () => {
    const all = JSON.parse((await run(["events", "--format", "json", "--limit", "1000"])).stdout) as { total: number; events: StoryEvent[] };
    const visits = JSON.parse((await run(["events", "--type", "consult", "--mode", "visit", "--format", "json"])).stdout) as { events: StoryEvent[] };
    expect(visits.events.map((e) => e.date)).toEqual(["2019-01-21"]);
    const nobg = JSON.parse((await run(["events", "--no-background", "--format", "json", "--limit", "1000"])).stdout) as { total: number; events: StoryEvent[] };
    const bg = JSON.parse((await run(["events", "--background", "--format", "json", "--limit", "1000"])).stdout) as { total: number };
    expect(nobg.events.every((e) => !e.background)).toBe(true);
    expect(nobg.total + bg.total).toBe(all.total);
    const table = await run(["events", "--recipient", "PRK"]);
    expect(table.stdout.split("\n").filter(Boolean).every((l) => /→ [^\t]*PRK/.test(l))).toBe(true);
    expect((await run(["events", "--modality", "sure"])).code).toBe(1);
  });
});

describe("parley export", () => {
  it("writes the GDELT 2.0 event table: 61 tab-separated columns, no header, integer ids, SQLDATE, FIPS geo codes, GDELT's Goldstein", async () => {
    const rows = (await run(["export", "--format", "gdelt"])).stdout.split("\n").filter(Boolean).map((l) => l.split("\t"));
    const col = (name: string) => gdeltTables().columns.events.indexOf(name);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(r).toHaveLength(61);
      expect(r[col("GLOBALEVENTID")]).toMatch(/^\d+$/);
      expect(r[col("SQLDATE")]).toMatch(/^\d{8}$/);
      expect(r[col("DATEADDED")]).toMatch(/^\d{14}$/);
    }
    const visit = rows.find((r) => r[col("EventCode")] === "042")!;
    expect(visit[col("SQLDATE")]).toBe("20190121");
    expect(visit[col("Actor1Code")]).toBe("JPNGOV");
    expect(visit[col("Actor1CountryCode")]).toBe("JPN");
    expect(visit[col("Actor1Type1Code")]).toBe("GOV");
    expect(visit[col("ActionGeo_CountryCode")]).toBe("RS");
    expect(visit[col("GoldsteinScale")]).toBe(String(gdeltTables().goldstein["042"]));
    const ratified = rows.find((r) => r[col("SQLDATE")] === "19561208")!;
    expect([ratified[col("NumMentions")], ratified[col("NumSources")], ratified[col("NumArticles")]]).toEqual(["2", "1", "2"]);
  });

  it("writes the GDELT mentions table with Parley's character offsets, and story events as JSONL", async () => {
    const events = (await run(["export", "--format", "story-events"])).stdout.trim().split("\n").map((l) => JSON.parse(l) as StoryEvent);
    const mentions = (await run(["export", "--format", "gdelt-mentions"])).stdout.split("\n").filter(Boolean).map((l) => l.split("\t"));
    expect(mentions).toHaveLength(events.reduce((n, e) => n + e.mentions.length, 0));
    const visit = events.find((e) => e.mode === "visit")!;
    const row = mentions.find((m) => m[0] === String(visit.id))!;
    expect(row).toHaveLength(16);
    const rec = JSON.parse((await run(["show", visit.mentions[0]!.article, "--json"])).stdout) as { text: string };
    expect(rec.text.slice(Number(row[9]), Number(row[9]) + 7)).toBe("arrived");
    expect(rec.text.slice(Number(row[7]))).toMatch(/^(Japanese Prime Minister )?Shinzo Abe/);
    expect((await run(["export", "--format", "records"])).stdout.trim().split("\n")).toHaveLength(4);
    expect((await run(["export", "--format", "gdelt-csv"])).code).toBe(1);
  });
});
