/** `parley extract FILES…|-`: records on stdout, no database. JSONL input gives one record per line, in order. */
import { readInputs } from "../ingest/index.js";
import { createExtractor } from "../pipeline/extractor.js";
import type { ExtractOptions, StageEnv } from "../pipeline/types.js";
import { EXIT, type CliIo } from "./io.js";

export interface ExtractFlags {
  format?: "json" | "jsonl";
  published?: string;
  source?: string;
  url?: string;
  fetchLinks?: boolean;
  /** Adds the optional `syntax` layer to each record. */
  withSyntax?: boolean;
}

export async function extractCommand(inputs: string[], flags: ExtractFlags, io: CliIo, env: StageEnv = {}): Promise<number> {
  const extractor = createExtractor(env);
  const options: ExtractOptions = {};
  if (flags.published) options.published = flags.published;
  if (flags.source) options.source = flags.source;
  if (flags.url) options.url = flags.url;
  if (flags.withSyntax) options.withSyntax = true;
  const jsonl = flags.format === "jsonl";
  let skipped = 0;
  let n = 0;
  const pretty: string[] = [];
  for await (const item of readInputs(inputs, { stdin: io.stdin, fetchFeedLinks: flags.fetchLinks !== false })) {
    if (item.kind === "skip") {
      skipped++;
      io.stderr.write(`skip ${item.origin}: ${item.reason}\n`);
      continue;
    }
    const record = extractor.extract(item.article, options);
    n++;
    if (jsonl) io.stdout.write(JSON.stringify(record) + "\n");
    else pretty.push(JSON.stringify(record, null, 2));
  }
  // json: one object for one record, an array for several (so the output is always one JSON document).
  if (!jsonl) io.stdout.write((pretty.length === 1 ? pretty[0] : `[\n${pretty.join(",\n")}\n]`) + "\n");
  if (n === 0 && skipped === 0) io.stderr.write("no input\n");
  return skipped ? EXIT.skipped : EXIT.ok;
}
