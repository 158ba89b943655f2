/**
 * What a worker does with one queued article: build its text and hash, skip it when the store already holds that
 * version (a redelivery, a duplicate), else annotate and store it. The outcome tells the queue what to do with the
 * message: an article that cannot be read is rejected with its reason; a store that cannot be reached is retried.
 */
import type { Extractor } from "../pipeline/extractor.js";
import type { PutResult, Store } from "../store/store.js";
import type { Outcome, QueuedArticle } from "./queue.js";

export interface Processed {
  outcome: Outcome;
  /** What the store did, when it was reached. */
  result?: PutResult;
  id?: string;
}

export async function processQueued(extractor: Extractor, store: Store, item: QueuedArticle): Promise<Processed> {
  let record;
  try {
    record = extractor.build(item.raw, item.options);
  } catch (err) {
    return { outcome: { kind: "reject", reason: `${item.raw.origin}: ${(err as Error).message}` } };
  }
  try {
    if (await store.isCurrent(record.id, record.hash)) return { outcome: { kind: "done" }, result: "unchanged", id: record.id };
  } catch (err) {
    return { outcome: { kind: "retry", reason: `store: ${(err as Error).message}` } };
  }
  try {
    extractor.annotate(record);
  } catch (err) {
    return { outcome: { kind: "reject", reason: `${item.raw.origin}: ${(err as Error).message}` } };
  }
  try {
    return { outcome: { kind: "done" }, result: await store.put(record), id: record.id };
  } catch (err) {
    return { outcome: { kind: "retry", reason: `store: ${(err as Error).message}` } };
  }
}
