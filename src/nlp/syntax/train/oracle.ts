/**
 * The dynamic oracle of arc-eager (Goldberg & Nivre 2012, 2013): the cost of a transition is the number of gold
 * arcs it makes unreachable. Exact for projective trees; for the few non-projective ones the parser follows the
 * cheapest transition, which is what those costs still measure well.
 */
import { LEFT, REDUCE, RIGHT, SHIFT, type ParseState } from "../parser.js";

/** `gold[d]` is the gold head of d, with `st.n` for the root. */
export function cost(st: ParseState, gold: Int32Array, t: number): number {
  const sp = st.sp;
  const b = st.b;
  const n = st.n;
  const s0 = sp > 0 ? st.stack[sp - 1]! : -1;
  let c = 0;
  if (t === SHIFT) {
    // b0 leaves the buffer without a head: its head on the stack, and its dependents waiting there, are lost.
    for (let i = 0; i < sp; i++) {
      const k = st.stack[i]!;
      if (gold[b] === k) c++;
      if (gold[k] === b && st.head[k]! < 0) c++;
    }
  } else if (t === REDUCE) {
    for (let k = b; k < n; k++) if (gold[k] === s0) c++;
  } else if (t === LEFT) {
    if (gold[s0] !== b && gold[s0]! >= b) c++;
    for (let k = b; k < n; k++) if (gold[k] === s0) c++;
  } else if (t === RIGHT) {
    if (gold[b] !== s0) {
      if (gold[b]! > b) c++;
      else for (let i = 0; i < sp; i++) if (st.stack[i] === gold[b]) c++;
    }
    for (let i = 0; i < sp; i++) {
      const k = st.stack[i]!;
      if (gold[k] === b && st.head[k]! < 0) c++;
    }
  }
  return c;
}

export { LEFT, REDUCE, RIGHT, SHIFT };
