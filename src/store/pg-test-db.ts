/**
 * The PostgreSQL that tests use: $PARLEY_TEST_PG, else the machine's local server (trust auth, database `test`).
 * Each caller gets a schema of its own, dropped afterwards, so test files never see each other's rows. When the
 * server cannot be reached the tests skip with a message — except in CI (`CI` set), where that is a failure.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_PG_URL = process.env.PARLEY_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

/** Null when PostgreSQL answers, else the reason (so a test can skip with it). */
export async function postgresUnavailable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return null;
  } catch (err) {
    if (process.env.CI) throw new Error(`PostgreSQL at ${TEST_PG_URL} is required in CI: ${(err as Error).message}`);
    return `PostgreSQL at ${TEST_PG_URL} not reachable (${(err as Error).message}): skipped`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export function freshSchema(): { schema: string; drop: () => Promise<void> } {
  const schema = `parley_test_${randomBytes(6).toString("hex")}`;
  return {
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
