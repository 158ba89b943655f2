/**
 * One source through the whole pipeline: parse (toArticle), build, ask whether the store already holds that hash,
 * annotate within the size budget, serialise. Run by each worker thread (worker.ts), and inline by `--jobs 0`.
 */
import { toArticle, type Source } from "../ingest/convert.js";
import { reasonOf } from "../ingest/skip.js";
import { BudgetExceeded, maxRecordChars, mb } from "./budget.js";
import type { Extractor } from "./extractor.js";
import type { ExtractOptions } from "./types.js";
import { computeStoryInputs, type StoryInputs } from "../story/inputs.js";

export type SourceResult =
  | { kind: "record"; origin: string; id: string; json: string; story?: StoryInputs }
  | { kind: "unchanged"; origin: string; id: string }
  | { kind: "skip"; origin: string; reason: string };

export async function processSource(
  source: Source,
  extractor: Extractor,
  options: ExtractOptions,
  isCurrent?: (id: string, hash: string) => Promise<boolean>,
  /** Also compute what the story engine needs from the record alone (for a store's writer: story/inputs.ts). */
  withStory = false,
): Promise<SourceResult> {
  const item = await toArticle(source);
  if (item.kind === "skip") return item;
  const origin = item.article.origin;
  try {
    const record = extractor.build(item.article, options);
    if (isCurrent && (await isCurrent(record.id, record.hash))) return { kind: "unchanged", origin, id: record.id };
    extractor.annotate(record, options);
    const json = JSON.stringify(record);
    const allowed = maxRecordChars(record.text.length, extractor.limits);
    if (json.length > allowed) throw new BudgetExceeded(`record too large: ${mb(json.length)} from ${record.text.length} characters of text (limit ${extractor.limits.recordFactor}× the text)`);
    return { kind: "record", origin, id: record.id, json, ...(withStory ? { story: computeStoryInputs(record) } : {}) };
  } catch (err) {
    return { kind: "skip", origin, reason: err instanceof BudgetExceeded ? err.message : `failed: ${reasonOf(err)}` };
  }
}
