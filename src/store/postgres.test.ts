import { describe, expect, it } from "vitest";
import { otherRecord, sampleRecord, storeContract } from "./contract.js";
import { freshSchema, postgresUnavailable, TEST_PG_URL } from "./pg-test-db.js";
import { openPostgresStore } from "./postgres.js";

const unavailable = await postgresUnavailable();
if (unavailable) {
  describe.skip(`PostgreSQL store: ${unavailable}`, () => {
    it("needs a server", () => undefined);
  });
} else {
  storeContract("PostgreSQL", async () => {
    const { schema, drop } = freshSchema();
    return { store: await openPostgresStore(TEST_PG_URL, { schema }), dispose: drop };
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
