/** The CLI against PostgreSQL: `--db postgres://…` stores and shows exactly what the SQLite default does. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { freshSchema, postgresUnavailable, TEST_PG_URL } from "../store/pg-test-db.js";
import { main } from "./main.js";

const SAMPLES = join(import.meta.dirname, "..", "..", "samples");

async function run(argv: string[]) {
  const out: string[] = [];
  const stdout = new PassThrough().on("data", (d: Buffer) => out.push(d.toString()));
  const stderr = new PassThrough();
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([""]), env: {} });
  return { code, stdout: out.join("") };
}

const unavailable = await postgresUnavailable();
describe.skipIf(unavailable !== null)(`parley with --db postgres:// ${unavailable ?? ""}`, () => {
  it("ingests, shows, searches and exports the same as with SQLite", async () => {
    const { schema, drop } = freshSchema();
    const dir = mkdtempSync(join(tmpdir(), "parley-pgcli-"));
    const pgUrl = `${TEST_PG_URL}?schema=${schema}`;
    const sqlite = join(dir, "same.db");
    try {
      for (const db of [pgUrl, sqlite]) expect((await run(["ingest", SAMPLES, "--db", db])).stdout).toMatch(/^read 2, new 2/);
      expect((await run(["ingest", SAMPLES, "--db", pgUrl])).stdout).toMatch(/unchanged 2/);
      for (const cmd of [["export", "--format", "jsonl"], ["export", "--format", "csv"], ["search", "peace", "treaty", "--json"]]) {
        const [a, b] = [await run([...cmd, "--db", pgUrl]), await run([...cmd, "--db", sqlite])];
        expect(a.code).toBe(0);
        const strip = (s: string) => s.replace(/"score": [-\d.e]+/g, "").replace(/"snippet": "[^"]*"/g, "");
        expect(strip(a.stdout)).toEqual(strip(b.stdout));
        expect(a.stdout.length).toBeGreaterThan(100);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await drop();
    }
  });
});
