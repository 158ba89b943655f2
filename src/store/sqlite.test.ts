import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { storeContract } from "./contract.js";
import { ftsQuery, migrate, openSqliteStore } from "./sqlite.js";

function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), "parley-store-"));
  return { path: join(dir, "test.db"), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

storeContract("SQLite", async (options) => {
  const { path, dispose } = tempDb();
  return { store: openSqliteStore(path, options), dispose };
});

describe("SQLite store", () => {
  it("quotes every term of a user query, so nothing is parsed as FTS5 syntax", () => {
    expect(ftsQuery('peace "treaty')).toBe('"peace" "treaty"');
    expect(ftsQuery("NEAR/ *")).toBe('"NEAR"');
  });

  it("applies migrations once", async () => {
    const { path, dispose } = tempDb();
    await openSqliteStore(path).close();
    const db = new Database(path);
    expect(migrate(db)).toEqual([]);
    expect((db.prepare("SELECT count(*) AS n FROM schema_migrations").get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
    await dispose();
  });

  it("runs async work inside one transaction and rolls all of it back on failure", async () => {
    const { path, dispose } = tempDb();
    const store = openSqliteStore(path);
    store.db.exec("CREATE TABLE t (x INTEGER)");
    await expect(
      store.transaction(async () => {
        store.db.prepare("INSERT INTO t VALUES (1)").run();
        await new Promise((r) => setTimeout(r, 5));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    // Serialised: the second transaction starts after the first has rolled back.
    await Promise.all([1, 2, 3].map((x) => store.transaction(() => store.db.prepare("INSERT INTO t VALUES (?)").run(x))));
    expect(store.db.prepare("SELECT group_concat(x) AS xs FROM t").get()).toEqual({ xs: "1,2,3" });
    await store.close();
    await dispose();
  });
});
