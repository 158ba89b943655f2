/** `parley ingest FILES…|URLS…|-`: into the store, with a progress bar on a terminal and a summary line. */
import cliProgress from "cli-progress";
import { readInputs } from "../ingest/index.js";
import { createExtractor } from "../pipeline/extractor.js";
import type { ExtractOptions, StageEnv } from "../pipeline/types.js";
import type { Store } from "../store/store.js";
import { EXIT, type CliIo } from "./io.js";

export interface IngestSummary {
  read: number;
  new: number;
  updated: number;
  unchanged: number;
  skipped: { origin: string; reason: string }[];
}

export async function ingestInto(store: Store, inputs: string[], options: ExtractOptions, io: CliIo, fetchLinks = true, env: StageEnv = {}): Promise<IngestSummary> {
  const extractor = createExtractor(env);
  const sum: IngestSummary = { read: 0, new: 0, updated: 0, unchanged: 0, skipped: [] };
  const bar = io.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: io.stderr, format: "ingest {bar} {value} read | {new} new, {unchanged} unchanged, {skipped} skipped", hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(0, 0, { new: 0, unchanged: 0, skipped: 0 });
  for await (const item of readInputs(inputs, { stdin: io.stdin, fetchFeedLinks: fetchLinks })) {
    sum.read++;
    if (item.kind === "skip") sum.skipped.push({ origin: item.origin, reason: item.reason });
    else {
      // Incremental: an article the store already holds unchanged is not annotated again.
      const record = extractor.build(item.article, options);
      sum[(await store.isCurrent(record.id, record.hash)) ? "unchanged" : await store.put(extractor.annotate(record))]++;
    }
    bar?.setTotal(sum.read);
    bar?.update(sum.read, { new: sum.new, unchanged: sum.unchanged, skipped: sum.skipped.length });
  }
  bar?.stop();
  return sum;
}

export function printSummary(sum: IngestSummary, io: CliIo): number {
  io.stdout.write(`read ${sum.read}, new ${sum.new}, updated ${sum.updated}, unchanged ${sum.unchanged}, skipped ${sum.skipped.length}\n`);
  for (const s of sum.skipped) io.stderr.write(`skip ${s.origin}: ${s.reason}\n`);
  return sum.skipped.length ? EXIT.skipped : EXIT.ok;
}
