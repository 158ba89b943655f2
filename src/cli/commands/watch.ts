/**
 * `parley watch FEED_URL… [--every 15m] [--once] [--json] [--queue URL]`: polls RSS/Atom feeds and ingests their new
 * items as they come (src/cli/watch.ts). SIGINT/SIGTERM stop it after the article in hand; exit 0 then. With --once,
 * one poll of every feed: exit 2 when a feed failed or an item was skipped.
 */
import type { WorkQueue } from "../../queue/queue.js";
import { dataOptions, DB_OPTION, stageEnv, withStore, type CommandModule, type DataFlags } from "../context.js";
import { CliError, EXIT } from "../io.js";
import { pipelineFrom, pipelineOptions, type PipelineFlags } from "../pipeline-flags.js";
import { printable } from "../printable.js";
import { parseDuration } from "../watch-schedule.js";

interface WatchFlags extends PipelineFlags, DataFlags {
  db?: string;
  every: string;
  once?: boolean;
  json?: boolean;
  queue?: string;
}

/** The feed URLs, each once, in the order given; anything not http(s) is a one-line error. */
function feedUrls(inputs: string[]): string[] {
  for (const u of inputs) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(u).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new CliError(`not an http(s) feed URL: ${printable(u)}`);
  }
  return [...new Set(inputs)];
}

async function openQueue(location: string): Promise<WorkQueue> {
  try {
    // Loaded only with --queue: the NATS client costs start-up time nobody else should pay.
    const { openNatsQueue } = await import("../../queue/nats.js");
    return await openNatsQueue(location);
  } catch (err) {
    throw new CliError(`cannot open queue ${location}: ${(err as Error).message}`);
  }
}

export const watch: CommandModule = (cli, { io, setCode }) => {
  const cmd = cli
    .command("watch")
    .description("poll RSS/Atom feeds and ingest their new items as they appear; each item is read once")
    .argument("<feeds...>", "feed URLs (http or https)")
    .option(...DB_OPTION)
    .option("--every <duration>", "how often to poll each feed: 30s, 15m, 1h, 1h30m (failing feeds back off from this)", "15m")
    .option("--once", "poll every feed once now, then exit")
    .option("--json", "print one JSON line per poll on stdout (else one line per poll on stderr)")
    .option("--queue <url>", "put new items in this work queue (nats://host:port[?stream=NAME]) for `parley worker`, instead of ingesting them here");
  dataOptions(pipelineOptions(cmd)).action(async (inputs: string[], flags: WatchFlags) => {
    const urls = feedUrls(inputs);
    const everyMs = parseDuration(flags.every);
    const pipeline = pipelineFrom(flags, io.stdin, io.env);
    const env = stageEnv(flags);
    const { ingestSink, queueSink, watchFeeds } = await import("../watch.js");
    await withStore(flags.db, io, async (store) => {
      const queue = flags.queue ? await openQueue(flags.queue) : null;
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once("SIGTERM", onSignal);
      process.once("SIGINT", onSignal);
      try {
        const polls = await watchFeeds(
          urls,
          {
            store,
            sink: queue ? queueSink(queue, pipeline) : ingestSink(store, pipeline, io, env),
            ingest: pipeline.ingest,
            everyMs,
            signal: stop.signal,
            onSkip: (origin, reason) => io.stderr.write(`skip ${printable(origin)}: ${printable(reason)}\n`),
          },
          io,
          { once: flags.once === true, json: flags.json === true },
        );
        if (stop.signal.aborted) io.stderr.write(`watch: stopped after ${polls.length} poll${polls.length === 1 ? "" : "s"}\n`);
        const troubled = polls.some((p) => p.status === "error" || p.skipped > 0);
        setCode(flags.once && troubled ? EXIT.skipped : EXIT.ok);
      } finally {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
        await queue?.close();
      }
    });
  });
};
