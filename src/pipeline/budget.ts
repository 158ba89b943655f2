/**
 * The per-article budget: what one article may cost before it is skipped with a reason instead of stalling or
 * blowing up a batch. Size limits are checked here, in the extractor, so they hold in every process; the time limit
 * needs a thread that can be abandoned and is kept by the worker pool (pool.ts).
 */

export interface Limits {
  /** Longest `text`, in characters (about 300,000 words). */
  maxChars: number;
  /** Most sentences. */
  maxSentences: number;
  /** The largest record allowed is `recordFactor` × the text's length + `recordSlack` characters of JSON. */
  recordFactor: number;
  recordSlack: number;
}

/**
 * On the 2,452 te3-silver stories the record is 5.7× its text at the median, 12.6× at the 99th percentile and 17.8×
 * at most; 40× leaves room for dense articles and still stops an output blow-up (nested quotes) long before it hurts.
 */
export const DEFAULT_LIMITS: Limits = { maxChars: 2_000_000, maxSentences: 30_000, recordFactor: 40, recordSlack: 64 * 1024 };

/** An article over its budget: skipped with this message as the reason. */
export class BudgetExceeded extends Error {
  override readonly name = "BudgetExceeded";
}

export const maxRecordChars = (textLength: number, limits: Limits) => limits.recordFactor * textLength + limits.recordSlack;

/**
 * A cheap estimate of the JSON size of a standoff layer: an allowance per item (about what an item of that layer
 * takes on te3-silver, less its texts) plus the length of each item's own `text` and each mention's, where blow-ups
 * live (a quote nested in a quote repeats its text). Used between stages, where serialising the record each time
 * would cost more than the stage.
 */
export function estimateLayer(items: readonly unknown[], perItem: number): number {
  let n = 0;
  for (const item of items) {
    n += perItem;
    const o = item as { text?: unknown; mentions?: { text: string }[] };
    if (typeof o.text === "string") n += o.text.length;
    if (Array.isArray(o.mentions)) for (const m of o.mentions) n += 40 + m.text.length;
  }
  return n;
}

/** Allowance per item of each layer, in characters of JSON (measured on te3-silver, texts left out). */
export const PER_ITEM = { sentences: 24, times: 90, entities: 80, quotes: 200, events: 600 } as const;

export const mb = (chars: number) => `${(chars / 2 ** 20).toFixed(1)} MB`;
