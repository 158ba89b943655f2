import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { otherRecord, sampleRecord, storeContract } from "./contract.js";
import { AIRBUS, JAN, KOREA, NOV } from "./contract-stories.js";
import { openSqliteStore } from "./sqlite.js";
import type { Store } from "./store.js";
import { freshSchema, postgresUnavailable, TEST_PG_URL } from "./pg-test-db.js";
import { openPostgresStore } from "./postgres.js";

const unavailable = await postgresUnavailable();
if (unavailable) {
  describe.skip(`PostgreSQL store: ${unavailable}`, () => {
    it("needs a server", () => undefined);
  });
} else {
  storeContract("PostgreSQL", async (options) => {
    const { schema, drop } = freshSchema();
    return { store: await openPostgresStore(TEST_PG_URL, { schema, ...options }), dispose: drop };
  });

  describe("PostgreSQL store", () => {
    it("migrates once even when several processes open it at the same time", async () => {
      const { schema, drop } = freshSchema();
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(TEST_PG_URL, { schema })));
      const versions = (await stores[0]!.pool.query("SELECT version FROM schema_migrations")).rows;
      expect(versions.length).toBeGreaterThan(0);
      expect(new Set(versions.map((v) => v.version)).size).toBe(versions.length);
      await Promise.all(stores.map((s) => s.close()));
      await drop();
    });

    it("answers every story query exactly as SQLite does for the same articles (timestamps aside)", async () => {
      const { schema, drop } = freshSchema();
      const dir = mkdtempSync(join(tmpdir(), "parley-pg-sqlite-"));
      const stores: Store[] = [await openPostgresStore(TEST_PG_URL, { schema }), openSqliteStore(join(dir, "s.db"))];
      const records = [NOV(), KOREA(), JAN(), AIRBUS()];
      for (const s of stores) for (const r of records) await s.put(r);
      // Times of writing differ between the two runs; everything else must be equal.
      const untimed = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x: unknown) => (["created", "updated", "firstSeen"].includes(k) ? "·" : x))) as unknown;
      const answers = async (s: Store) => {
        const stories = await s.stories();
        return untimed({
          stories,
          timelines: await Promise.all(stories.map((st) => s.timeline({ story: st.id }))),
          byActor: await s.timeline({ actor: "JPN", from: "2018", to: "2019-06" }),
          byText: await s.timeline({ query: "peace treaty" }),
          events: await s.events({ type: "AGREE" }, { limit: 5, offset: 1 }),
          articles: await s.articles({ query: "Kuril" }),
          actors: await s.actors(),
          actor: await s.actor("RUS"),
        });
      };
      const [pgAnswers, sqliteAnswers] = [await answers(stores[0]!), await answers(stores[1]!)];
      expect(pgAnswers).toEqual(sqliteAnswers);
      expect((pgAnswers as { stories: unknown[] }).stories.length).toBeGreaterThan(1);
      for (const s of stores) await s.close();
      rmSync(dir, { recursive: true, force: true });
      await drop();
    });

    it("lets concurrent writers of the same article store it exactly once", async () => {
      const { schema, drop } = freshSchema();
      const a = await openPostgresStore(TEST_PG_URL, { schema });
      const b = await openPostgresStore(TEST_PG_URL, { schema });
      const r = sampleRecord();
      const results = await Promise.all([a.put(r), b.put(r), a.put(otherRecord()), b.put(otherRecord())]);
      expect(results.filter((x) => x === "new")).toHaveLength(2);
      expect(results.filter((x) => x === "unchanged")).toHaveLength(2);
      expect((await a.counts()).articles).toBe(2);
      await a.close();
      await b.close();
      await drop();
    });
  });
}
