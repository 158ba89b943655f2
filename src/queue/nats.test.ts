/**
 * Workers on a real NATS JetStream queue and a real PostgreSQL: at-least-once delivery made harmless by the store.
 * The central test starts two worker processes on one queue, kills one with SIGKILL in the middle of an article, and
 * shows every article stored exactly once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { spawnCli } from "../../test/helpers/spawn-cli.js";
import { main } from "../cli/main.js";
import { createExtractor } from "../pipeline/extractor.js";
import { freshSchema, postgresUnavailable, TEST_PG_URL } from "../store/pg-test-db.js";
import { openPostgresStore } from "../store/postgres.js";
import { freshStream, natsUnavailable } from "./nats-test-server.js";
import { processQueued } from "./worker.js";

const SAMPLE = join(import.meta.dirname, "..", "..", "samples", "tass-2019-01-22-hostile-action-clause.txt");
const sampleBody = readFileSync(SAMPLE, "utf8").replace(/^---[\s\S]*?---\n/, "");

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d: Buffer) => out.push(d.toString()));
  const stderr = new PassThrough().on("data", (d: Buffer) => err.push(d.toString()));
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([""]), env: {} });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** A JSONL batch: small distinct articles and one long one that takes a worker a while. */
function writeBatch(dir: string, small: number): { file: string; ids: string[] } {
  const lines = Array.from({ length: small }, (_, i) => ({
    id: `small-${i}`,
    published: "2019-01-22",
    text: `Talks ${i}\n\nTOKYO, January 22. /TASS/. Russia and Japan held round ${i} of talks on a peace treaty in Moscow on Monday, officials said.`,
  }));
  const long = { id: "long-one", published: "2019-01-22", text: Array.from({ length: 60 }, () => sampleBody).join("\n\n") };
  const file = join(dir, "batch.jsonl");
  writeFileSync(file, [...lines, long].map((l) => JSON.stringify(l)).join("\n") + "\n");
  return { file, ids: [...lines.map((l) => l.id), long.id] };
}

const unavailable = (await natsUnavailable()) ?? (await postgresUnavailable());
describe.skipIf(unavailable !== null)(`queue workers ${unavailable ?? ""}`, () => {
  it("two workers, one killed mid-article: every article stored exactly once", { timeout: 240_000 }, async () => {
    const { schema, drop } = freshSchema();
    const queue = freshStream();
    const dir = mkdtempSync(join(tmpdir(), "parley-queue-"));
    const db = `${TEST_PG_URL}?schema=${schema}`;
    try {
      const { file, ids } = writeBatch(dir, 12);
      const enq = await run(["enqueue", file, "--queue", queue.url]);
      expect(enq.stdout).toContain(`read ${ids.length}, queued ${ids.length}, duplicate 0`);
      // The same batch again within JetStream's window is recognised by content hash.
      expect((await run(["enqueue", file, "--queue", queue.url])).stdout).toContain(`duplicate ${ids.length}`);

      const args = ["worker", "--db", db, "--queue", queue.url, "--ack-wait", "3", "--idle-exit", "12"];
      const workers = [spawnCli(args), spawnCli(args)];
      const victim = await Promise.race(workers.map((w) => w.waitFor(/^start .*:13\b/, 200_000).then(() => w)));
      victim.child.kill("SIGKILL");
      const survivor = workers.find((w) => w !== victim)!;
      expect(await victim.exited).toBe("SIGKILL");
      expect(await survivor.exited).toBe(0);
      // The long article went to the survivor again once the victim's hold on it expired.
      expect(survivor.stderr()).toMatch(/^start .*:13 \(redelivered\)$/m);

      const store = await openPostgresStore(TEST_PG_URL, { schema });
      const stored = (await store.pool.query<{ id: string }>("SELECT id FROM articles ORDER BY id")).rows.map((r) => r.id);
      expect(stored).toEqual([...ids].sort());
      expect((await store.counts()).articles).toBe(ids.length);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await queue.drop();
      await drop();
    }
  });

  it("a message delivered twice changes nothing the second time", async () => {
    const { schema, drop } = freshSchema();
    const store = await openPostgresStore(TEST_PG_URL, { schema });
    try {
      const extractor = createExtractor();
      const item = { raw: { origin: "x.txt", format: "text" as const, text: sampleBody }, options: { published: "2019-01-22" } };
      expect((await processQueued(extractor, store, item)).result).toBe("new");
      const before = await store.counts();
      const again = await processQueued(extractor, store, item);
      expect(again).toMatchObject({ outcome: { kind: "done" }, result: "unchanged" });
      expect(await store.counts()).toEqual(before);
    } finally {
      await store.close();
      await drop();
    }
  });
});
