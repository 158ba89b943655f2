/**
 * Opens the store a location names: a `postgres://` or `postgresql://` URL is PostgreSQL (an optional `schema`
 * query parameter keeps Parley's tables in that schema), anything else is a SQLite file path.
 */
import { openSqliteStore } from "./sqlite.js";
import type { Store } from "./store.js";

export const isPostgresUrl = (location: string) => /^postgres(?:ql)?:\/\//i.test(location);

export async function openStoreAt(location: string): Promise<Store> {
  if (!isPostgresUrl(location)) return openSqliteStore(location);
  const url = new URL(location);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  // Loaded only when asked for: SQLite users never pay for the PostgreSQL driver at start-up.
  const { openPostgresStore } = await import("./postgres.js");
  return openPostgresStore(url.toString(), schema ? { schema } : {});
}
