/**
 * First-order Viterbi decoding over BILOU tags: the best tag sequence under per-token scores and tag-to-tag
 * transition weights, with the transitions BILOU forbids left out. Scratch buffers are reused across calls.
 */
import { ALLOWED, CAN_END, CAN_START, T } from "./tags.js";

/** For each tag, the tags allowed before it (so the inner loop skips forbidden pairs). */
const PREV: Int8Array[] = Array.from({ length: T }, (_, c) => Int8Array.from([...Array(T).keys()].filter((p) => ALLOWED[p * T + c])));
/** Where tag c's predecessors start in a flat list of all tags' predecessors (PREV side by side). */
const PREV_AT = Int32Array.from({ length: T + 1 }, (_, c) => PREV.slice(0, c).reduce((n, ps) => n + ps.length, 0));

export class Viterbi {
  private delta = new Float64Array(0);
  private back = new Uint8Array(0);
  /** trans[p * T + c] for each c and its allowed p, in PREV order: the inner loop reads them in sequence. */
  private readonly predTrans = new Float64Array(PREV_AT[T]!);

  /**
   * Best tags for `n` tokens into `out`. `scores[i * T + t]`: token i, tag t; `trans[p * T + c]`: from p to c;
   * `start`/`end`: weights of the first and last tag. With `from`, the sentence is tokens from … from + n − 1 of
   * `scores` and `out` (a document's sentences side by side).
   */
  decode(scores: Float64Array, n: number, trans: ArrayLike<number>, start: ArrayLike<number>, end: ArrayLike<number>, out: Uint8Array, from = 0): void {
    if (n === 0) return;
    const s0 = from * T;
    if (this.delta.length < n * T) {
      this.delta = new Float64Array(2 * n * T);
      this.back = new Uint8Array(2 * n * T);
    }
    const delta = this.delta;
    const back = this.back;
    // Filled per call, as a trainer passes transitions it changes in place (float64 holds the same values).
    const predTrans = this.predTrans;
    for (let c = 0; c < T; c++) for (let k = 0; k < PREV[c]!.length; k++) predTrans[PREV_AT[c]! + k] = trans[PREV[c]![k]! * T + c]!;
    for (let t = 0; t < T; t++) delta[t] = CAN_START[t] ? scores[s0 + t]! + start[t]! : -Infinity;
    for (let i = 1; i < n; i++) {
      const row = i * T;
      const prevRow = row - T;
      for (let c = 0; c < T; c++) {
        const prevs = PREV[c]!;
        const at = PREV_AT[c]!;
        let best = -Infinity;
        let arg = 0;
        for (let k = 0; k < prevs.length; k++) {
          const p = prevs[k]!;
          const v = delta[prevRow + p]! + predTrans[at + k]!;
          if (v > best) {
            best = v;
            arg = p;
          }
        }
        delta[row + c] = best + scores[s0 + row + c]!;
        back[row + c] = arg;
      }
    }
    const last = (n - 1) * T;
    let best = -Infinity;
    let arg = 0;
    for (let t = 0; t < T; t++) {
      if (!CAN_END[t]) continue;
      const v = delta[last + t]! + end[t]!;
      if (v > best) {
        best = v;
        arg = t;
      }
    }
    out[from + n - 1] = arg;
    for (let i = n - 1; i > 0; i--) out[from + i - 1] = back[i * T + out[from + i]!]!;
  }
}
