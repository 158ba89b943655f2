/** What every route module gets from the server: the store, the write token, and the limits. */
import type { Store } from "../store/store.js";

export interface ApiContext {
  store: Store;
  /** PARLEY_TOKEN: writes need it as a bearer token; without one, writes are refused. */
  token: string | undefined;
  /** Largest ingest body, in bytes. */
  ingestLimit: number;
  /** Fetch URLs given to ingest even when they resolve to private or loopback addresses (refused by default). */
  allowPrivate: boolean;
}
