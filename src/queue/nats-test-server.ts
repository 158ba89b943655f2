/**
 * The NATS JetStream server tests use: $PARLEY_TEST_NATS, else the machine's local server. Each test gets a stream of
 * its own (deleted afterwards). Unreachable: the tests skip with a message, except in CI (`CI` set) where it fails.
 */
import { randomBytes } from "node:crypto";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";

export const TEST_NATS_URL = process.env.PARLEY_TEST_NATS ?? "nats://127.0.0.1:4222";

export async function natsUnavailable(): Promise<string | null> {
  const url = new URL(TEST_NATS_URL);
  try {
    const nc = await connect({ servers: `${url.hostname}:${url.port || 4222}`, timeout: 3000 });
    await (await jetstreamManager(nc)).getAccountInfo();
    await nc.close();
    return null;
  } catch (err) {
    if (process.env.CI) throw new Error(`NATS JetStream at ${TEST_NATS_URL} is required in CI: ${(err as Error).message}`);
    return `NATS JetStream at ${TEST_NATS_URL} not reachable (${(err as Error).message}): skipped`;
  }
}

export function freshStream(): { url: string; drop: () => Promise<void> } {
  const stream = `PARLEYTEST_${randomBytes(5).toString("hex")}`;
  return {
    url: `${TEST_NATS_URL}?stream=${stream}`,
    async drop() {
      const u = new URL(TEST_NATS_URL);
      const nc = await connect({ servers: `${u.hostname}:${u.port || 4222}` });
      await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
      await nc.close();
    },
  };
}
