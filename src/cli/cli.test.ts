import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArticleRecord, validateRecord } from "../record/schema.js";
import { CSV_COLUMNS } from "./export.js";
import { main } from "./main.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SAMPLES = join(ROOT, "samples");
const JAN = join(SAMPLES, "tass-2019-01-22-hostile-action-clause.txt");
const SEED_NOV = join(ROOT, "..", "shared", "seeds", "tass-2018-11-16-alliance-obligations.txt");

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "parley-cli-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the CLI in-process with its own streams and environment. PARLEY_JOBS=0 runs articles in this thread: the
 * worker threads and the time limit have tests of their own (pipeline/pool.test.ts, test/processes.test.ts).
 */
async function run(argv: string[], opts: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d: Buffer) => out.push(d.toString()));
  const stderr = new PassThrough().on("data", (d: Buffer) => err.push(d.toString()));
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([opts.stdin ?? ""]), env: { PARLEY_JOBS: "0", ...(opts.env ?? { PARLEY_DB: join(dir, "env.db") }) } });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("parley extract", () => {
  it("prints the record of a file, with the judged title, dateline and debris", async () => {
    const r = await run(["extract", JAN, "--published", "2019-01-22"]);
    expect(r.code).toBe(0);
    const rec = ArticleRecord.parse(JSON.parse(r.stdout));
    expect(rec.title).toBe("Russia, Japan may include item on refraining from hostile action in peace treaty");
    expect(rec.dateline).toMatchObject({ place: "TOKYO", date: "2019-01-22", agency: "TASS" });
    expect(rec.removed.map((x) => x.text)).toContain("All news");
    expect(rec.text).not.toContain("All news");
  });

  it("adds the syntax layer only with --with-syntax: every token, heads inside the list", async () => {
    const plain = ArticleRecord.parse(JSON.parse((await run(["extract", JAN])).stdout));
    expect(plain.syntax).toBeUndefined();
    const r = await run(["extract", JAN, "--with-syntax"]);
    expect(r.code).toBe(0);
    const rec = validateRecord(JSON.parse(r.stdout));
    const syn = rec.syntax!;
    expect(syn.length).toBeGreaterThan(100);
    expect(syn.every((t) => t.head >= -1 && t.head < syn.length && t.head !== syn.indexOf(t))).toBe(true);
    expect(syn.filter((t) => t.head === -1).length).toBeGreaterThanOrEqual(rec.sentences.length);
    const said = syn.find((t) => rec.text.slice(t.start, t.end) === "said")!;
    expect(said).toMatchObject({ upos: "VERB", xpos: "VBD", lemma: "say" });
  });

  it("keeps a year-less dateline partial with a warning, and anchors it with --published", async () => {
    const seed = readFileSync(join(SAMPLES, "tass-2018-11-16-alliance-obligations.txt"), "utf8").replace(/^---[\s\S]*?---\n/, "");
    const file = join(dir, "seed.txt");
    writeFileSync(file, seed);
    const bare = ArticleRecord.parse(JSON.parse((await run(["extract", file])).stdout));
    expect(bare.dateline!.date).toBe("XXXX-11-16");
    expect(bare.warnings.map((w) => w.code)).toContain("partial-date");
    const anchored = ArticleRecord.parse(JSON.parse((await run(["extract", file, "--published", "2018-11-16"])).stdout));
    expect(anchored.dateline!.date).toBe("2018-11-16");
  });

  it.skipIf(!existsSync(SEED_NOV))("reads the shared seed as the issue gives it (skipped when ../shared is absent)", async () => {
    const rec = ArticleRecord.parse(JSON.parse((await run(["extract", SEED_NOV, "--published", "2018-11-16"])).stdout));
    expect(rec.published).toBe("2018-11-16");
  });

  it("turns JSONL on standard input into one record per line, in order, keeping ids and dates", async () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `x${i}`, published: `2019-02-${String((i % 28) + 1).padStart(2, "0")}`, text: `MOSCOW, February 1. /TASS/. Russia and Japan held talks on item ${i}.` }));
    const r = await run(["extract", "-", "--format", "jsonl"], { stdin: lines.join("\n") + "\n" });
    const recs = r.stdout.trim().split("\n").map((l) => ArticleRecord.parse(JSON.parse(l)));
    expect(recs.map((x) => x.id)).toEqual(lines.map((_, i) => `x${i}`));
    expect(recs[27]!.published).toBe("2019-02-28");
  });

  it("reports skipped inputs on stderr and exits 2", async () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    const r = await run(["extract", JAN, empty, join(dir, "missing.txt"), "--format", "jsonl"]);
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`skip ${empty}: empty file`);
    expect(r.stderr).toContain("no such file or directory");
  });

  it("rejects bad flags with exit 1 and a one-line message", async () => {
    const r = await run(["extract", JAN, "--format", "xml"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("parley: --format must be json or jsonl, not xml");
  });
});

describe("parley ingest, show, search, export", () => {
  it("ingests a directory, and a second time reports everything unchanged with the same row counts", async () => {
    const db = join(dir, "p.db");
    const first = await run(["ingest", SAMPLES, "--db", db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("read 2, new 2, updated 0, unchanged 0, skipped 0");
    const second = await run(["ingest", SAMPLES, "--db", db]);
    expect(second.stdout).toContain("read 2, new 0, updated 0, unchanged 2, skipped 0");
    const demo = await run(["demo", "--no-serve", "--db", db]);
    const counts = (s: string) => /database .*?: (.*)/.exec(s)?.[1];
    expect(counts(demo.stdout)).toMatch(/^articles 2, /);
    const again = await run(["demo", "--no-serve", "--db", db]);
    expect(counts(again.stdout)).toBe(counts(demo.stdout));
  });

  it("uses PARLEY_DB when --db is not given", async () => {
    await run(["ingest", JAN], { env: { PARLEY_DB: join(dir, "from-env.db") } });
    const hits = await run(["search", "Kyodo", "--json"], { env: { PARLEY_DB: join(dir, "from-env.db") } });
    expect(JSON.parse(hits.stdout)).toHaveLength(1);
  });

  it("shows a stored article, finds it by search, and exports records and events with GDELT-like column names", async () => {
    const db = join(dir, "p.db");
    await run(["ingest", JAN, "--db", db]);
    const [hit] = JSON.parse((await run(["search", "peace", "treaty", "--json", "--db", db])).stdout) as { id: string }[];
    const show = await run(["show", hit!.id, "--db", db]);
    expect(show.stdout).toMatch(/^Russia, Japan may include item/);
    expect(show.stdout).toContain("dateline TOKYO, 2019-01-22, TASS");
    const rec = ArticleRecord.parse(JSON.parse((await run(["show", hit!.id, "--json", "--db", db])).stdout));
    const jsonl = (await run(["export", "--format", "jsonl", "--db", db])).stdout.trim().split("\n");
    expect(JSON.parse(jsonl[0]!)).toEqual(rec);
    const out = join(dir, "events.csv");
    expect((await run(["export", "--format", "csv", "--out", out, "--db", db])).code).toBe(0);
    const csv = readFileSync(out, "utf8").trim().split("\n");
    expect(csv[0]).toBe(CSV_COLUMNS.join(","));
    expect(csv).toHaveLength(rec.events.length + 1);
    expect(csv.some((l) => l.includes(",CONSULT,") && l.includes("Kyodo <- diplomatic sources"))).toBe(true);
  });

  it("says so when an id is unknown (exit 1)", async () => {
    const r = await run(["show", "nope", "--db", join(dir, "p.db")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("parley: no article with id nope\n");
  });
});

describe("user data files", () => {
  it("reads the user's actor dictionary and patterns given on the command line, and names a missing one", async () => {
    const actors = join(dir, "actors.json");
    writeFileSync(actors, JSON.stringify([{ name: "Zorg Blint", type: "PERSON", aliases: ["Blint"], codes: [{ code: "NORGOV" }] }]));
    const patterns = join(dir, "patterns.yaml");
    writeFileSync(patterns, 'aid.airlift: {type: AID, cameo: "073", words: [airlifted]}\n');
    const input = join(dir, "a.txt");
    writeFileSync(input, "OSLO, May 2. /TASS/. Blint airlifted supplies to Ukraine on Monday.");
    const r = await run(["extract", input, "--published", "2022-05-02", "--actors", actors, "--patterns", patterns]);
    const rec = ArticleRecord.parse(JSON.parse(r.stdout));
    expect(rec.events[0]).toMatchObject({ type: "AID", actor: expect.objectContaining({ code: "NORGOV" }), rule: `${patterns}#aid.airlift` });
    const missing = await run(["extract", input, "--actors", join(dir, "nope.json")]);
    expect(missing).toMatchObject({ code: 1, stderr: `parley: no such data file: ${join(dir, "nope.json")}\n` });
  });
});

describe("hardening (issue 13)", () => {
  it("refuses a --published date that is not on the calendar, with a clear message", async () => {
    for (const cmd of [["extract"], ["ingest", "--db", join(dir, "p.db")]]) {
      const r = await run([...cmd, JAN, "--published", "2018-02-30"]);
      expect(r).toMatchObject({ code: 1, stderr: "parley: --published 2018-02-30 is not a calendar date\n" });
    }
    expect((await run(["extract", JAN, "--published", "2020-02-29"])).code).toBe(0);
    expect((await run(["ingest", JAN, "--jobs", "two"])).stderr).toBe("parley: --jobs must be a whole number, 0 or more, not two\n");
  });

  it("never prints terminal escapes from stored titles and texts in show, search and skip lines", async () => {
    const db = join(dir, "p.db");
    const line = JSON.stringify({ id: "evil\u001b[2J", title: "Talks \u001b]0;owned\u0007resume \u009b31m", text: "MOSCOW, May 2. /TASS/. Russia and Japan \u001b[31magreed\u001b[0m to resume peace treaty talks, the ministry said." });
    const r = await run(["ingest", "-", "--db", db, "--published", "2019-05-02"], { stdin: line + "\n" });
    expect(r.stdout).toContain("new 1");
    // eslint-disable-next-line no-control-regex -- no escape may reach the terminal
    const esc = /[\u001b\u0007\u009b\u009d]/;
    const hits = await run(["search", "treaty", "--db", db]);
    const json = await run(["search", "treaty", "--json", "--db", db]);
    const [hit] = JSON.parse(json.stdout) as { id: string; title: string }[];
    expect(hit).toMatchObject({ id: "evil", title: "Talks resume" });
    for (const out of [hits.stdout, json.stdout, (await run(["show", hit!.id, "--db", db])).stdout, (await run(["show", hit!.id, "--json", "--db", db])).stdout])
      expect(out).not.toMatch(esc);
    const file = join(dir, "bad\u001b]0;x\u0007name.txt");
    writeFileSync(file, "");
    expect((await run(["ingest", file, "--db", db])).stderr).not.toMatch(esc);
  });

  it("sums up the warnings of the articles stored, after the skip lines", async () => {
    const a = join(dir, "a.txt");
    const b = join(dir, "b.txt");
    writeFileSync(a, "Talks resume\n\nRussia and Japan agreed on Monday to resume talks, the ministry said.");
    writeFileSync(b, "Talks end\n\nRussia and Japan ended their talks on Friday, the ministry said.");
    const r = await run(["ingest", a, b, join(dir, "missing.txt"), "--db", join(dir, "w.db")]);
    expect(r.code).toBe(2);
    // Without a publication date, "on Monday" / "on Friday" stay unresolved too: one summary line per warning code.
    expect(r.stderr.trim().split("\n")).toEqual([
      `skip ${join(dir, "missing.txt")}: no such file or directory`,
      `warning no-published-date: 2 articles (${a}, ${b})`,
      `warning times-unresolved: 2 articles (${a}, ${b})`,
    ]);
  });

  it("exports every record in pieces exactly as JSON.stringify writes it, large layers included", async () => {
    const db = join(dir, "big.db");
    const body = Array.from({ length: 120 }, (_, i) => `MOSCOW, May 2. /TASS/. Russia and Japan met in Tokyo on Monday for round ${i}, Foreign Minister Sergey Lavrov said.`).join("\n\n");
    writeFileSync(join(dir, "long.txt"), `Long talks\n\n${body}`);
    await run(["ingest", join(dir, "long.txt"), JAN, "--db", db, "--published", "2019-05-02"]);
    const lines = (await run(["export", "--db", db])).stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    const recs = lines.map((l) => ArticleRecord.parse(JSON.parse(l)));
    expect(recs.some((r) => r.sentences.length > 100 && r.entities.length > 0)).toBe(true);
    for (const line of lines) expect(line).toBe(JSON.stringify(JSON.parse(line)));
    expect(recs[1]!.title).toBeTruthy();
  });
});
