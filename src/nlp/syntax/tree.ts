/**
 * Reading the parse (`doc.syntax`) from other stages: a token's children, its dependents by relation, the span of
 * its subtree, the clause head above it. Token indices are indices into `doc.tokens`. The children index is built
 * once per layer, on first use (linear time), so every helper is cheap to call in a loop.
 *
 * Relations are UD v2 with subtypes ("nsubj:pass", "obl:unmarked", "compound:prt", "acl:relcl"). A relation asked
 * for without a subtype matches its subtypes too: `dependents(syn, i, "nsubj")` finds nsubj and nsubj:pass;
 * `dependents(syn, i, "nsubj:pass")` only the latter.
 */
import type { SyntaxLayer } from "../../pipeline/types.js";

interface ChildIndex {
  /** children of token i: kids[first[i] .. first[i + 1]), in text order. */
  first: Int32Array;
  kids: Int32Array;
}

const indexes = new WeakMap<SyntaxLayer, ChildIndex>();

function index(syn: SyntaxLayer): ChildIndex {
  let ix = indexes.get(syn);
  if (ix) return ix;
  const n = syn.head.length;
  const first = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (syn.head[i]! >= 0) first[syn.head[i]! + 1]!++;
  for (let i = 0; i < n; i++) first[i + 1]! += first[i]!;
  const fill = first.slice(0, n);
  const kids = new Int32Array(first[n]!);
  for (let i = 0; i < n; i++) {
    const h = syn.head[i]!;
    if (h >= 0) kids[fill[h]!++] = i;
  }
  ix = { first, kids };
  indexes.set(syn, ix);
  return ix;
}

/** Whether relation `deprel` is `rel`, or a subtype of it when `rel` has none ("obl" matches "obl:agent"). */
export function isRelation(deprel: string, rel: string): boolean {
  if (deprel === rel) return true;
  return rel.indexOf(":") < 0 && deprel.length > rel.length && deprel.charCodeAt(rel.length) === 58 && deprel.startsWith(rel);
}

/** The dependents of token `i`, in text order. */
export function children(syn: SyntaxLayer, i: number): number[] {
  const { first, kids } = index(syn);
  return Array.from(kids.subarray(first[i]!, first[i + 1]!));
}

/** The dependents of `i` whose relation is one of `rels` (subtypes included, see `isRelation`), in text order. */
export function dependents(syn: SyntaxLayer, i: number, ...rels: string[]): number[] {
  const { first, kids } = index(syn);
  const out: number[] = [];
  for (let k = first[i]!; k < first[i + 1]!; k++) {
    const c = kids[k]!;
    if (rels.some((r) => isRelation(syn.deprel[c]!, r))) out.push(c);
  }
  return out;
}

/** The first dependent of `i` with one of `rels`, or -1. */
export function dependent(syn: SyntaxLayer, i: number, ...rels: string[]): number {
  const d = dependents(syn, i, ...rels);
  return d.length ? d[0]! : -1;
}

/**
 * The first and last token of the subtree of `i` ([from, to], inclusive), optionally leaving out dependents with
 * the given relations (e.g. "punct", or "acl:relcl" for a bare noun phrase).
 */
export function subtreeRange(syn: SyntaxLayer, i: number, ...without: string[]): [number, number] {
  const { first, kids } = index(syn);
  let from = i;
  let to = i;
  const stack = [i];
  while (stack.length) {
    const t = stack.pop()!;
    if (t < from) from = t;
    if (t > to) to = t;
    for (let k = first[t]!; k < first[t + 1]!; k++) {
      const c = kids[k]!;
      if (without.length && without.some((r) => isRelation(syn.deprel[c]!, r))) continue;
      stack.push(c);
    }
  }
  return [from, to];
}

/** Character span of the subtree of `i` over `tokens` ({start, end} of its first and last token). */
export function subtreeSpan(syn: SyntaxLayer, tokens: readonly { start: number; end: number }[], i: number, ...without: string[]): { start: number; end: number } {
  const [from, to] = subtreeRange(syn, i, ...without);
  return { start: tokens[from]!.start, end: tokens[to]!.end };
}

/** The heads above `i`, nearest first (its head, that head's head, … up to the sentence root). */
export function ancestors(syn: SyntaxLayer, i: number): number[] {
  const out: number[] = [];
  for (let h = syn.head[i]!; h >= 0 && out.length < syn.head.length; h = syn.head[h]!) out.push(h);
  return out;
}

/**
 * The head of the clause a token belongs to: walks up from `i` (itself included) to the first token whose relation
 * opens a clause (root, ccomp, xcomp, advcl, acl, csubj, parataxis; subtypes included). For a subject or object
 * that is its predicate; for a verb heading a clause, the verb itself.
 */
export function clauseHead(syn: SyntaxLayer, i: number): number {
  let t = i;
  for (let steps = 0; steps <= syn.head.length; steps++) {
    if (CLAUSAL.has(base(syn.deprel[t]!))) return t;
    const h = syn.head[t]!;
    if (h < 0) return t;
    t = h;
  }
  return t;
}

const CLAUSAL = new Set(["root", "ccomp", "xcomp", "advcl", "acl", "csubj", "parataxis"]);
const base = (rel: string) => {
  const c = rel.indexOf(":");
  return c < 0 ? rel : rel.slice(0, c);
};

/** Whether `i` is negated: a dependent "not"/"n't"/"never" (advmod with lemma not or never), as UD attaches it. */
export function isNegated(syn: SyntaxLayer, i: number): boolean {
  return dependents(syn, i, "advmod").some((c) => syn.lemma[c] === "not" || syn.lemma[c] === "never");
}
