// Placeholder until the ingest readers land: reads plain text files only.
import { readFile } from "node:fs/promises";
import type { RawArticle } from "../pipeline/types.js";

export type IngestItem = { kind: "article"; article: RawArticle } | { kind: "skip"; origin: string; reason: string };

export interface IngestOptions {
  /** Largest input accepted, in bytes (default 10 MiB). */
  maxBytes?: number;
  /** HTTP timeout in milliseconds (default 15 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Fetch the linked page of a feed item whose content is not full text (default true). */
  fetchFeedLinks?: boolean;
  /** Stream read for "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

export async function* readInputs(inputs: string[], _options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  for (const origin of inputs) {
    try {
      yield { kind: "article", article: { origin, format: "text", text: await readFile(origin, "utf8") } };
    } catch (err) {
      yield { kind: "skip", origin, reason: err instanceof Error ? err.message : String(err) };
    }
  }
}
