/**
 * `parley extract FILES…|-`: records on stdout, no database. Parsing and annotation run in worker threads, each
 * article within its budget, and records come out in input order (JSONL input: one record per line, in order).
 */
import { readSources } from "../ingest/sources.js";
import { runPool } from "../pipeline/pool.js";
import type { StageEnv } from "../pipeline/types.js";
import { EXIT, type CliIo } from "./io.js";
import { pipelineFrom, type PipelineFlags } from "./pipeline-flags.js";
import { printable } from "./printable.js";
import { write } from "./write.js";

export interface ExtractFlags extends PipelineFlags {
  format?: "json" | "jsonl";
  /** Adds the optional `syntax` layer to each record. */
  withSyntax?: boolean;
}

export async function extractCommand(inputs: string[], flags: ExtractFlags, io: CliIo, env: StageEnv = {}): Promise<number> {
  const pipeline = pipelineFrom(flags, io.stdin, io.env);
  if (flags.withSyntax) pipeline.options.withSyntax = true;
  const jsonl = flags.format === "jsonl";
  let skipped = 0;
  let n = 0;
  const pretty: string[] = [];
  const sources = readSources(inputs, { ...pipeline.ingest, onNotice: (origin, message) => io.stderr.write(`note ${printable(origin)}: ${printable(message)}\n`) });
  for await (const r of runPool(sources, { jobs: pipeline.jobs, timeLimitMs: pipeline.timeLimitMs, env, options: pipeline.options })) {
    if (r.kind === "skip") {
      skipped++;
      io.stderr.write(`skip ${printable(r.origin)}: ${printable(r.reason)}\n`);
      continue;
    }
    if (r.kind !== "record") continue;
    n++;
    if (jsonl) await write(io.stdout, r.json + "\n");
    else pretty.push(JSON.stringify(JSON.parse(r.json), null, 2));
  }
  // json: one object for one record, an array for several (so the output is always one JSON document).
  if (!jsonl) await write(io.stdout, (pretty.length === 1 ? pretty[0] : `[\n${pretty.join(",\n")}\n]`) + "\n");
  if (n === 0 && skipped === 0) io.stderr.write("no input\n");
  return skipped ? EXIT.skipped : EXIT.ok;
}
