/**
 * Brown clustering in two steps, both maximising the likelihood of a class bigram model (Brown et al. 1992):
 *
 * 1. the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998) puts every word into one of C flat
 *    classes, moving one word at a time to the class that raises the likelihood most, until few words move;
 * 2. `mergeTree` then joins the C classes bottom-up, each time the pair whose merge loses the least average mutual
 *    information (Brown's criterion), which gives the binary tree and each word's bit string (Liang 2005's format).
 *
 * Everything is deterministic: words are visited in frequency order, ties go to the lower class index.
 * Cost per exchange pass: C × (distinct word–class neighbour pairs); the merge: O(C³) once, then O(C²) per merge.
 */

/** A corpus as word ids (0 … vocabulary size − 1); sentence boundaries are a word of their own. */
export interface Corpus {
  ids: Int32Array;
  vocabulary: number;
}

/** x log x, with 0 log 0 = 0. */
const xlogx = (x: number) => (x > 0 ? x * Math.log(x) : 0);

/** Bigram counts per word in both directions, as compressed rows (neighbour id, count), self-pairs apart. */
interface Neighbours {
  rightStart: Int32Array;
  rightId: Int32Array;
  rightCount: Int32Array;
  leftStart: Int32Array;
  leftId: Int32Array;
  leftCount: Int32Array;
  self: Int32Array;
  /** How often each word is the first (left) and second (right) element of a bigram. */
  asLeft: Float64Array;
  asRight: Float64Array;
}

function neighbours(corpus: Corpus): Neighbours {
  const V = corpus.vocabulary;
  const ids = corpus.ids;
  // Count distinct bigrams with one Map per word (sparse), then flatten.
  const right: Map<number, number>[] = Array.from({ length: V }, () => new Map());
  const self = new Int32Array(V);
  const asLeft = new Float64Array(V);
  const asRight = new Float64Array(V);
  for (let i = 1; i < ids.length; i++) {
    const a = ids[i - 1]!;
    const b = ids[i]!;
    asLeft[a]!++;
    asRight[b]!++;
    if (a === b) self[a]!++;
    else right[a]!.set(b, (right[a]!.get(b) ?? 0) + 1);
  }
  const left: Map<number, number>[] = Array.from({ length: V }, () => new Map());
  for (let a = 0; a < V; a++) for (const [b, n] of right[a]!) left[b]!.set(a, n);
  const flatten = (rows: Map<number, number>[]) => {
    const start = new Int32Array(V + 1);
    for (let w = 0; w < V; w++) start[w + 1] = start[w]! + rows[w]!.size;
    const id = new Int32Array(start[V]!);
    const count = new Int32Array(start[V]!);
    for (let w = 0; w < V; w++) {
      let k = start[w]!;
      for (const [v, n] of [...rows[w]!].sort((x, y) => x[0] - y[0])) {
        id[k] = v;
        count[k++] = n;
      }
    }
    return { start, id, count };
  };
  const r = flatten(right);
  const l = flatten(left);
  return { rightStart: r.start, rightId: r.id, rightCount: r.count, leftStart: l.start, leftId: l.id, leftCount: l.count, self, asLeft, asRight };
}

export interface ExchangeOptions {
  classes: number;
  /** Stop after this many passes, or earlier when under `minMoved` of the words moved in a pass. */
  maxPasses?: number;
  minMoved?: number;
  /** Called after each pass (progress). */
  onPass?: (pass: number, moved: number, objective: number) => void;
}

/**
 * Flat classes by the exchange algorithm. Words must be numbered by falling frequency (id 0 the most frequent):
 * the initial assignment puts word w in class w mod C, so the C most frequent words start apart.
 */
export function exchange(corpus: Corpus, opts: ExchangeOptions): Int32Array {
  const C = opts.classes;
  const V = corpus.vocabulary;
  const nb = neighbours(corpus);
  const cls = new Int32Array(V);
  for (let w = 0; w < V; w++) cls[w] = w % C;
  // Class bigram counts N[c*C + d] and marginals.
  const N = new Float64Array(C * C);
  const NL = new Float64Array(C);
  const NR = new Float64Array(C);
  for (let a = 0; a < V; a++) {
    const ca = cls[a]!;
    for (let k = nb.rightStart[a]!; k < nb.rightStart[a + 1]!; k++) N[ca * C + cls[nb.rightId[k]!]!]! += nb.rightCount[k]!;
    N[ca * C + ca]! += nb.self[a]!;
    NL[ca]! += nb.asLeft[a]!;
    NR[ca]! += nb.asRight[a]!;
  }
  const objective = () => {
    let f = 0;
    for (let i = 0; i < C * C; i++) f += xlogx(N[i]!);
    for (let c = 0; c < C; c++) f -= xlogx(NL[c]!) + xlogx(NR[c]!);
    return f;
  };
  // Scratch: w's bigram counts with each class, to its right (R) and left (L), and which classes are touched.
  const R = new Float64Array(C);
  const L = new Float64Array(C);
  const rList = new Int32Array(C);
  const lList = new Int32Array(C);
  const gain = new Float64Array(C);
  const maxPasses = opts.maxPasses ?? 20;
  const minMoved = opts.minMoved ?? 0.001;
  for (let pass = 1; pass <= maxPasses; pass++) {
    let moved = 0;
    for (let w = 0; w < V; w++) {
      let nr = 0;
      let nl = 0;
      for (let k = nb.rightStart[w]!; k < nb.rightStart[w + 1]!; k++) {
        const d = cls[nb.rightId[k]!]!;
        if (R[d] === 0) rList[nr++] = d;
        R[d]! += nb.rightCount[k]!;
      }
      for (let k = nb.leftStart[w]!; k < nb.leftStart[w + 1]!; k++) {
        const d = cls[nb.leftId[k]!]!;
        if (L[d] === 0) lList[nl++] = d;
        L[d]! += nb.leftCount[k]!;
      }
      const s = nb.self[w]!;
      const wl = nb.asLeft[w]!;
      const wr = nb.asRight[w]!;
      const a = cls[w]!;
      // Take w out of its class.
      for (let k = 0; k < nr; k++) N[a * C + rList[k]!]! -= R[rList[k]!]!;
      for (let k = 0; k < nl; k++) N[lList[k]! * C + a]! -= L[lList[k]!]!;
      N[a * C + a]! -= s;
      NL[a]! -= wl;
      NR[a]! -= wr;
      // Gain of putting it into each class b.
      for (let b = 0; b < C; b++) {
        let g = 0;
        const row = b * C;
        for (let k = 0; k < nr; k++) {
          const d = rList[k]!;
          if (d === b) continue;
          const x = N[row + d]!;
          g += xlogx(x + R[d]!) - xlogx(x);
        }
        for (let k = 0; k < nl; k++) {
          const d = lList[k]!;
          if (d === b) continue;
          const x = N[d * C + b]!;
          g += xlogx(x + L[d]!) - xlogx(x);
        }
        const bb = N[row + b]!;
        g += xlogx(bb + R[b]! + L[b]! + s) - xlogx(bb);
        g -= xlogx(NL[b]! + wl) - xlogx(NL[b]!) + xlogx(NR[b]! + wr) - xlogx(NR[b]!);
        gain[b] = g;
      }
      let best = a;
      for (let b = 0; b < C; b++) if (gain[b]! > gain[best]! + 1e-9) best = b;
      // Put it there.
      for (let k = 0; k < nr; k++) N[best * C + rList[k]!]! += R[rList[k]!]!;
      for (let k = 0; k < nl; k++) N[lList[k]! * C + best]! += L[lList[k]!]!;
      N[best * C + best]! += s;
      NL[best]! += wl;
      NR[best]! += wr;
      if (best !== a) {
        moved++;
        cls[w] = best;
        // w's own bigrams with itself were counted in R/L under class a only as self; nothing else to fix: the
        // neighbours' classes did not change.
      }
      for (let k = 0; k < nr; k++) R[rList[k]!] = 0;
      for (let k = 0; k < nl; k++) L[lList[k]!] = 0;
    }
    opts.onPass?.(pass, moved, objective());
    if (moved < minMoved * V) break;
  }
  return cls;
}

/** Class bigram counts (C × C, row = left class) of a corpus under a class assignment. */
export function classBigrams(corpus: Corpus, cls: Int32Array, C: number): Float64Array {
  const N = new Float64Array(C * C);
  const ids = corpus.ids;
  for (let i = 1; i < ids.length; i++) N[cls[ids[i - 1]!]! * C + cls[ids[i]!]!]!++;
  return N;
}

/**
 * Joins C classes into a binary tree by Brown's criterion: at each step the pair whose merge loses the least
 * average mutual information between adjacent classes. Returns each class's bit string (root → leaf; "0" = the
 * side with the lower index).
 */
export function mergeTree(counts: Float64Array, C: number): string[] {
  let total = 0;
  for (let i = 0; i < C * C; i++) total += counts[i]!;
  const p = new Float64Array(C * C);
  for (let i = 0; i < C * C; i++) p[i] = counts[i]! / total;
  const pl = new Float64Array(C);
  const pr = new Float64Array(C);
  for (let c = 0; c < C; c++)
    for (let d = 0; d < C; d++) {
      pl[c]! += p[c * C + d]!;
      pr[d]! += p[c * C + d]!;
    }
  const q = (pcd: number, l: number, r: number) => (pcd > 0 ? pcd * Math.log(pcd / (l * r)) : 0);
  const active: number[] = Array.from({ length: C }, (_, c) => c);
  const alive = new Uint8Array(C).fill(1);
  // Loss of merging i and j (i < j): the mutual information lost. Computed once in O(C) each, then updated.
  const loss = new Float64Array(C * C);
  const lossOf = (i: number, j: number) => {
    const li = pl[i]! + pl[j]!;
    const ri = pr[i]! + pr[j]!;
    let before = 0;
    let after = 0;
    for (const k of active) {
      if (k === i || k === j) continue;
      before += q(p[i * C + k]!, pl[i]!, pr[k]!) + q(p[j * C + k]!, pl[j]!, pr[k]!) + q(p[k * C + i]!, pl[k]!, pr[i]!) + q(p[k * C + j]!, pl[k]!, pr[j]!);
      after += q(p[i * C + k]! + p[j * C + k]!, li, pr[k]!) + q(p[k * C + i]! + p[k * C + j]!, pl[k]!, ri);
    }
    before += q(p[i * C + i]!, pl[i]!, pr[i]!) + q(p[i * C + j]!, pl[i]!, pr[j]!) + q(p[j * C + i]!, pl[j]!, pr[i]!) + q(p[j * C + j]!, pl[j]!, pr[j]!);
    after += q(p[i * C + i]! + p[i * C + j]! + p[j * C + i]! + p[j * C + j]!, li, ri);
    return before - after;
  };
  for (let i = 0; i < C; i++) for (let j = i + 1; j < C; j++) loss[i * C + j] = lossOf(i, j);
  // The part of loss(i, j) that involves a third class k: what changes when k is merged with another class.
  const term = (i: number, j: number, k: number) => {
    const li = pl[i]! + pl[j]!;
    const ri = pr[i]! + pr[j]!;
    const before = q(p[i * C + k]!, pl[i]!, pr[k]!) + q(p[j * C + k]!, pl[j]!, pr[k]!) + q(p[k * C + i]!, pl[k]!, pr[i]!) + q(p[k * C + j]!, pl[k]!, pr[j]!);
    const after = q(p[i * C + k]! + p[j * C + k]!, li, pr[k]!) + q(p[k * C + i]! + p[k * C + j]!, pl[k]!, ri);
    return before - after;
  };
  const children: [number, number][] = [];
  const node = Array.from({ length: C }, (_, c) => c); // tree node id currently held by each class slot
  let nextNode = C;
  while (active.length > 1) {
    let bi = -1;
    let bj = -1;
    let best = Infinity;
    for (let x = 0; x < active.length; x++)
      for (let y = x + 1; y < active.length; y++) {
        const i = active[x]!;
        const j = active[y]!;
        const l = loss[i * C + j]!;
        if (l < best - 1e-15) {
          best = l;
          bi = i;
          bj = j;
        }
      }
    const a = bi;
    const b = bj;
    // Remove the old k = a, k = b terms from every other pair's loss, merge b into a, add the k = a term back.
    for (let x = 0; x < active.length; x++)
      for (let y = x + 1; y < active.length; y++) {
        const i = active[x]!;
        const j = active[y]!;
        if (i === a || i === b || j === a || j === b) continue;
        loss[i * C + j]! -= term(i, j, a) + term(i, j, b);
      }
    for (const k of active) {
      if (k === a || k === b) continue;
      p[a * C + k]! += p[b * C + k]!;
      p[k * C + a]! += p[k * C + b]!;
    }
    p[a * C + a] = p[a * C + a]! + p[a * C + b]! + p[b * C + a]! + p[b * C + b]!;
    pl[a]! += pl[b]!;
    pr[a]! += pr[b]!;
    alive[b] = 0;
    active.splice(active.indexOf(b), 1);
    for (let x = 0; x < active.length; x++)
      for (let y = x + 1; y < active.length; y++) {
        const i = active[x]!;
        const j = active[y]!;
        if (i === a || j === a) continue;
        loss[i * C + j]! += term(i, j, a);
      }
    for (const k of active) if (k !== a) loss[Math.min(a, k) * C + Math.max(a, k)] = lossOf(Math.min(a, k), Math.max(a, k));
    children.push([node[a]!, node[b]!]);
    node[a] = nextNode++;
  }
  // Walk the tree from the root to give each leaf (class) its path.
  const bits: string[] = new Array<string>(C).fill("");
  const kids = new Map<number, [number, number]>();
  children.forEach((pair, k) => kids.set(C + k, pair));
  const stack: [number, string][] = [[nextNode - 1, ""]];
  while (stack.length) {
    const [n, path] = stack.pop()!;
    const pair = kids.get(n);
    if (!pair) bits[n] = path || "0";
    else {
      stack.push([pair[0], `${path}0`], [pair[1], `${path}1`]);
    }
  }
  return bits;
}
