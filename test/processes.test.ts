/**
 * The CLI as separate processes: two `ingest`s writing one SQLite file at once, and `--jobs N` giving the store that
 * one job gives. Processes run from source through tsx (scripts/parley.ts), as a user runs the built CLI.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../src/store/sqlite.js";
import type { ArticleRecord } from "../src/record/schema.js";

const ROOT = join(import.meta.dirname, "..");
const run = promisify(execFile);
const parley = (args: string[]) =>
  run(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "parley.ts"), ...args], { cwd: ROOT, env: { ...process.env, PARLEY_JOBS: "" }, maxBuffer: 64 << 20 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const PLACES = ["MOSCOW", "TOKYO", "BEIJING", "SEOUL", "PARIS", "BERLIN", "LONDON", "DELHI", "CAIRO", "ANKARA"];
const story = (i: number) =>
  `Talks round ${i} ends\n\n${PLACES[i % PLACES.length]}, March ${(i % 28) + 1}. /TASS/. Russia and Japan ended round ${i} of their peace treaty talks on Monday, the foreign ministry said.\n\nThe next round will be held in Tokyo in April, Kyodo reported, citing diplomatic sources.`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "parley-procs-"));
  for (const [name, from, to] of [["a", 0, 60], ["b", 30, 90]] as const) {
    mkdirSync(join(dir, name));
    for (let i = from; i < to; i++) writeFileSync(join(dir, name, `story-${String(i).padStart(3, "0")}.txt`), story(i));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stored(db: string): Promise<{ records: ArticleRecord[]; counts: Record<string, number> }> {
  const store = openSqliteStore(db);
  const records: ArticleRecord[] = [];
  for await (const r of store.records()) records.push(r);
  const counts = await store.counts();
  await store.close();
  return { records, counts };
}

describe("two ingest processes on one SQLite file", () => {
  it("both finish (exit 0), and every article is stored exactly once", async () => {
    const db = join(dir, "shared.db");
    // Overlapping inputs (30 articles in both), started together on a database neither has created yet.
    const [a, b] = await Promise.all([parley(["ingest", join(dir, "a"), "--db", db, "--jobs", "1", "--published", "2019-03-01"]), parley(["ingest", join(dir, "b"), "--db", db, "--jobs", "1", "--published", "2019-03-01"])]);
    expect(a).toMatchObject({ code: 0, stderr: "" });
    expect(b).toMatchObject({ code: 0, stderr: "" });
    const counts = (out: string): [number, number, number] => {
      const m = /new (\d+), updated (\d+), unchanged (\d+)/.exec(out)!;
      return [Number(m[1]), Number(m[2]), Number(m[3])];
    };
    const [aNew, aUpd, aSame] = counts(a.stdout);
    const [bNew, bUpd, bSame] = counts(b.stdout);
    expect(aUpd + bUpd).toBe(0);
    expect(aNew + bNew).toBe(90);
    expect(aNew + aSame).toBe(60);
    expect(bNew + bSame).toBe(60);
    const { records, counts: rows } = await stored(db);
    expect(records).toHaveLength(90);
    expect(new Set(records.map((r) => r.id)).size).toBe(90);
    expect(rows.article_versions).toBe(0);
  }, 240_000);
});

describe("ingest --jobs", () => {
  it("gives the same store with 3 worker threads as with one", async () => {
    const one = join(dir, "one.db");
    const three = join(dir, "three.db");
    for (const [db, jobs] of [[one, "1"], [three, "3"]] as const) {
      const r = await parley(["ingest", join(dir, "a"), join(dir, "b"), "--db", db, "--jobs", jobs, "--published", "2019-03-01"]);
      expect(r.stdout).toContain("read 120, new 90, updated 0, unchanged 30, skipped 0");
    }
    const [x, y] = [await stored(one), await stored(three)];
    expect(y.counts).toEqual(x.counts);
    expect(y.records).toEqual(x.records);
  }, 240_000);
});
