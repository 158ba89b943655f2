/**
 * The work queue on NATS JetStream: one stream with work-queue retention (a message is removed when acknowledged)
 * and one durable pull consumer that every worker shares, so each message goes to one worker at a time. A worker that
 * dies before acknowledging leaves the message to be delivered again after `ackWaitMs`. Payloads are gzipped JSON;
 * the message id is the article's content hash, so JetStream drops a duplicate published within its window (a
 * convenience only: the store's hash check is what makes a redelivery harmless).
 *
 * Location: nats://host:port[?stream=NAME] (default stream PARLEY).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { AckPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import { nanos } from "@nats-io/nats-core";
import { connect } from "@nats-io/transport-node";
import type { QueuedArticle, WorkOptions, WorkQueue, Outcome } from "./queue.js";

export interface NatsQueueOptions {
  /** How long a worker may hold a message before it is given to another (default 5 minutes). */
  ackWaitMs?: number;
  /** Deliveries before a message is given up (default 5); each give-up is reported by the worker. */
  maxDeliver?: number;
}

const CONSUMER = "parley-workers";

export async function openNatsQueue(location: string, options: NatsQueueOptions = {}): Promise<WorkQueue> {
  const url = new URL(location);
  const stream = url.searchParams.get("stream") ?? "PARLEY";
  if (!/^[A-Za-z0-9_-]+$/.test(stream)) throw new Error(`stream name must be letters, digits, _ or -: ${stream}`);
  const subject = `parley.${stream}.articles`;
  const nc = await connect({ servers: `${url.hostname}:${url.port || 4222}`, name: "parley" });
  const jsm = await jetstreamManager(nc);
  const streamConfig = { name: stream, subjects: [subject], retention: RetentionPolicy.Workqueue, storage: StorageType.File };
  try {
    await jsm.streams.info(stream);
  } catch {
    await jsm.streams.add(streamConfig).catch(async (err: unknown) => {
      // Another worker created it between our look and our add: fine.
      await jsm.streams.info(stream).catch(() => Promise.reject(err));
    });
  }
  await jsm.consumers
    .add(stream, {
      durable_name: CONSUMER,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(options.ackWaitMs ?? 300_000),
      max_deliver: options.maxDeliver ?? 5,
    })
    .catch(async (err: unknown) => {
      await jsm.consumers.info(stream, CONSUMER).catch(() => Promise.reject(err));
    });
  const js = jetstream(nc);
  const maxPayload = nc.info?.max_payload ?? 1024 * 1024;

  return {
    async enqueue(item) {
      const data = gzipSync(JSON.stringify(item));
      if (data.length > maxPayload)
        throw new Error(`${item.raw.origin}: ${(data.length / 1048576).toFixed(1)} MiB compressed is over the queue's message limit (${(maxPayload / 1048576).toFixed(1)} MiB); ingest it directly`);
      const ack = await js.publish(subject, data, item.raw.hash ? { msgID: item.raw.hash } : {});
      return !ack.duplicate;
    },
    async work(handle, opts: WorkOptions = {}) {
      const consumer = await js.consumers.get(stream, CONSUMER);
      let idleSince = Date.now();
      while (!opts.signal?.aborted) {
        const m = await consumer.next({ expires: 1000 });
        if (!m) {
          if (opts.idleExitMs !== undefined && Date.now() - idleSince >= opts.idleExitMs) return;
          continue;
        }
        let outcome: Outcome;
        try {
          outcome = await handle(JSON.parse(gunzipSync(m.data).toString("utf8")) as QueuedArticle, { redelivered: m.redelivered });
        } catch (err) {
          outcome = { kind: "reject", reason: `unreadable message: ${(err as Error).message}` };
        }
        if (outcome.kind === "retry") m.nak(5000);
        else if (outcome.kind === "reject") m.term(outcome.reason.slice(0, 200));
        else await m.ackAck();
        idleSince = Date.now();
      }
    },
    async pending() {
      const info = await jsm.consumers.info(stream, CONSUMER);
      return info.num_pending + info.num_ack_pending;
    },
    async close() {
      await nc.drain();
    },
  };
}
