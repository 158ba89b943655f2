/**
 * The work queue contract: `parley enqueue` and `parley watch` put articles in, `parley worker` processes on any
 * number of machines take them out. Delivery is at-least-once; what makes it safe is the store, not the queue: an
 * article is recognised by its content hash and the store's unique keys, so a retried or duplicated message changes
 * nothing.
 */
import type { ExtractOptions, RawArticle } from "../pipeline/types.js";

/** One unit of work: an article as a reader produced it, and the options the user gave with it. */
export interface QueuedArticle {
  raw: RawArticle;
  options: ExtractOptions;
}

/** What a handler decided about one message. */
export type Outcome =
  /** Done (stored, or already there): the message is removed. */
  | { kind: "done" }
  /** This input can never succeed (unreadable, over a limit): removed, with the reason reported. */
  | { kind: "reject"; reason: string }
  /** A passing failure (the database is down): delivered again later. */
  | { kind: "retry"; reason: string };

export interface WorkOptions {
  /** Stop taking new messages when this aborts (SIGTERM, SIGINT). The message in hand is finished first. */
  signal?: AbortSignal;
  /** Return when no message has arrived for this long (batch jobs and tests); default: run until aborted. */
  idleExitMs?: number;
}

export interface WorkQueue {
  /** Puts one article in, durably. False when the queue recognised it as a duplicate of one it already holds. */
  enqueue(item: QueuedArticle): Promise<boolean>;
  /** Takes messages one at a time until aborted or idle, handing each to `handle`. */
  work(handle: (item: QueuedArticle, meta: { redelivered: boolean }) => Promise<Outcome>, options?: WorkOptions): Promise<void>;
  /** Messages waiting or in flight. */
  pending(): Promise<number>;
  close(): Promise<void>;
}
