/**
 * `parley enqueue INPUTS…` and `parley worker`: scale-out over a durable queue (NATS JetStream). Enqueue reads the
 * inputs here (files, feeds, URLs) and puts each article in the queue; workers on any machine take them out, annotate
 * them and store them in the shared database (PostgreSQL for several machines). The queue is `--queue URL`, else
 * $PARLEY_QUEUE, else nats://127.0.0.1:4222.
 */
import type { WorkQueue } from "../../queue/queue.js";
import { dataOptions, DB_OPTION, stageEnv, withStore, type CommandModule, type DataFlags } from "../context.js";
import { CliError, EXIT, type CliIo } from "../io.js";

const QUEUE_OPTION = ["--queue <url>", "NATS JetStream queue, nats://host:port[?stream=NAME] (default: $PARLEY_QUEUE or nats://127.0.0.1:4222)"] as const;

async function openQueue(flag: string | undefined, io: CliIo, ackWaitMs?: number): Promise<WorkQueue> {
  const location = flag ?? io.env.PARLEY_QUEUE ?? "nats://127.0.0.1:4222";
  try {
    // Loaded only by the queue commands: the NATS client costs start-up time nobody else should pay.
    const { openNatsQueue } = await import("../../queue/nats.js");
    return await openNatsQueue(location, ackWaitMs ? { ackWaitMs } : {});
  } catch (err) {
    throw new CliError(`cannot open queue ${location}: ${(err as Error).message}`);
  }
}

const seconds = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`${name} must be a positive number of seconds, not ${v}`);
  return n * 1000;
};

export const queue: CommandModule = (cli, { io, setCode }) => {
  cli
    .command("enqueue")
    .description("read articles and put them in the work queue for `parley worker` processes")
    .argument("<inputs...>", "files, directories, feeds, URLs, or - for standard input")
    .option(...QUEUE_OPTION)
    .option("--published <date>", "publication date (YYYY-MM-DD) for all inputs")
    .option("--source <name>", "source name for all inputs")
    .option("--no-fetch-links", "do not fetch the pages of feed items that carry only a summary")
    .action(async (inputs: string[], flags: { queue?: string; published?: string; source?: string; fetchLinks?: boolean }) => {
      const options = { ...(flags.published ? { published: flags.published } : {}), ...(flags.source ? { source: flags.source } : {}) };
      const { readInputs } = await import("../../ingest/index.js");
      const q = await openQueue(flags.queue, io);
      const sum = { read: 0, queued: 0, duplicate: 0, skipped: 0 };
      try {
        for await (const item of readInputs(inputs, { stdin: io.stdin, fetchFeedLinks: flags.fetchLinks !== false })) {
          sum.read++;
          if (item.kind === "skip") {
            sum.skipped++;
            io.stderr.write(`skip ${item.origin}: ${item.reason}\n`);
            continue;
          }
          try {
            sum[(await q.enqueue({ raw: item.article, options })) ? "queued" : "duplicate"]++;
          } catch (err) {
            sum.skipped++;
            io.stderr.write(`skip ${(err as Error).message}\n`);
          }
        }
      } finally {
        await q.close();
      }
      io.stdout.write(`read ${sum.read}, queued ${sum.queued}, duplicate ${sum.duplicate}, skipped ${sum.skipped}\n`);
      setCode(sum.skipped ? EXIT.skipped : EXIT.ok);
    });

  const worker = cli
    .command("worker")
    .description("take articles from the work queue, annotate them and store them; run as many as you like, on any machine")
    .option(...DB_OPTION)
    .option(...QUEUE_OPTION)
    .option("--idle-exit <seconds>", "exit when no article has arrived for this long (default: run until stopped)")
    .option("--ack-wait <seconds>", "how long an article may take before the queue gives it to another worker (default 300)");
  dataOptions(worker).action(async (flags: { db?: string; queue?: string; idleExit?: string; ackWait?: string } & DataFlags) => {
    const idleExitMs = seconds(flags.idleExit, "--idle-exit");
    const ackWaitMs = seconds(flags.ackWait, "--ack-wait");
    const [{ createExtractor }, { processQueued }] = await Promise.all([import("../../pipeline/extractor.js"), import("../../queue/worker.js")]);
    const extractor = createExtractor(stageEnv(flags));
    await withStore(flags.db, io, async (store) => {
      const q = await openQueue(flags.queue, io, ackWaitMs);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once("SIGTERM", onSignal);
      process.once("SIGINT", onSignal);
      const sum = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
      try {
        await q.work(
          async (item, meta) => {
            io.stderr.write(`start ${item.raw.origin}${meta.redelivered ? " (redelivered)" : ""}\n`);
            const done = await processQueued(extractor, store, item);
            if (done.outcome.kind === "done") {
              sum[done.result!]++;
              io.stderr.write(`${done.result} ${done.id}\n`);
            } else {
              if (done.outcome.kind === "reject") sum.rejected++;
              io.stderr.write(`${done.outcome.kind} ${done.outcome.reason}\n`);
            }
            return done.outcome;
          },
          { signal: stop.signal, ...(idleExitMs !== undefined ? { idleExitMs } : {}) },
        );
      } finally {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
        await q.close();
      }
      io.stdout.write(`new ${sum.new}, updated ${sum.updated}, unchanged ${sum.unchanged}, rejected ${sum.rejected}\n`);
      setCode(sum.rejected ? EXIT.skipped : EXIT.ok);
    });
  });
};
