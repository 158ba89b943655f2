/**
 * Coreference and clustering metrics over one set of items (gold mentions): MUC (Vilain et al. 1995), B³ (Bagga and
 * Baldwin 1998), CEAF-e (Luo 2005, entity similarity φ4 with the optimal one-to-one alignment by the Hungarian
 * algorithm, per connected component so it stays fast) and the CoNLL F1, their mean, as the CoNLL-2012 scorer
 * defines them. Clusterings are maps from item to cluster key; both must cover the same items.
 */
import { munkres } from "munkres";
import type { Prf } from "./match.js";

export type Clustering = ReadonlyMap<string, string>;

function groups(c: Clustering): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [item, key] of c) out.set(key, [...(out.get(key) ?? []), item]);
  return out;
}

const f1 = (p: number, r: number): Prf => ({ precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 });

export function bcubed(gold: Clustering, sys: Clustering): Prf {
  const g = groups(gold);
  const s = groups(sys);
  let p = 0;
  let r = 0;
  for (const [item, gk] of gold) {
    const gs = new Set(g.get(gk)!);
    const ss = s.get(sys.get(item)!)!;
    const both = ss.filter((x) => gs.has(x)).length;
    p += both / ss.length;
    r += both / gs.size;
  }
  return f1(p / gold.size, r / gold.size);
}

function mucRecall(key: Clustering, response: Clustering): [number, number] {
  let num = 0;
  let den = 0;
  for (const members of groups(key).values()) {
    const parts = new Set(members.map((m) => response.get(m) ?? `missing:${m}`));
    num += members.length - parts.size;
    den += members.length - 1;
  }
  return [num, den];
}

export function muc(gold: Clustering, sys: Clustering): Prf {
  const [rn, rd] = mucRecall(gold, sys);
  const [pn, pd] = mucRecall(sys, gold);
  return f1(pd ? pn / pd : 0, rd ? rn / rd : 0);
}

export function ceafe(gold: Clustering, sys: Clustering): Prf {
  const g = [...groups(gold).values()].map((x) => new Set(x));
  const s = [...groups(sys).values()].map((x) => new Set(x));
  const sysOf = new Map<string, number>();
  s.forEach((c, j) => c.forEach((m) => sysOf.set(m, j)));
  // Components of the bipartite "shares a mention" graph: the alignment never pairs clusters across them.
  const seenG = new Set<number>();
  const goldOf = new Map<string, number>();
  g.forEach((c, i) => c.forEach((m) => goldOf.set(m, i)));
  let total = 0;
  for (let start = 0; start < g.length; start++) {
    if (seenG.has(start)) continue;
    const gi: number[] = [];
    const sj = new Set<number>();
    const stack = [start];
    seenG.add(start);
    while (stack.length) {
      const i = stack.pop()!;
      gi.push(i);
      for (const m of g[i]!) {
        const j = sysOf.get(m);
        if (j === undefined || sj.has(j)) continue;
        sj.add(j);
        for (const m2 of s[j]!) {
          const i2 = goldOf.get(m2);
          if (i2 !== undefined && !seenG.has(i2)) {
            seenG.add(i2);
            stack.push(i2);
          }
        }
      }
    }
    const js = [...sj];
    const phi = gi.map((i) => js.map((j) => {
      let n = 0;
      for (const m of g[i]!) if (s[j]!.has(m)) n++;
      return (2 * n) / (g[i]!.size + s[j]!.size);
    }));
    if (!js.length) continue;
    for (const [y, x] of munkres(phi.map((row) => row.map((v) => -v)))) total += phi[y]![x]!;
  }
  return f1(s.length ? total / s.length : 0, g.length ? total / g.length : 0);
}

export function conll(gold: Clustering, sys: Clustering): { muc: Prf; bcubed: Prf; ceafe: Prf; f1: number } {
  const m = muc(gold, sys);
  const b = bcubed(gold, sys);
  const c = ceafe(gold, sys);
  return { muc: m, bcubed: b, ceafe: c, f1: (m.f1 + b.f1 + c.f1) / 3 };
}

