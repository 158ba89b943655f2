/** One figure in the `npm run eval` table. */
export interface EvalRow {
  /** e.g. "TempEval-3 TBAQ-cleaned" */
  dataset: string;
  split: string;
  /** Size of what was scored, with its unit: "256 docs", "221 sentences". */
  size: string;
  metric: string;
  value: number;
  /** The target for this figure, when it has one. */
  target?: number;
}

/** A scorer: reads a gold set and returns its rows, or null when the data set is absent. */
export type Scorer = () => Promise<EvalRow[] | null>;
