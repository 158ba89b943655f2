/**
 * Near-duplicate detection scored on pairs built from te3-silver wire stories: each story gets a copy as outlets run
 * them — cut to its first paragraphs (30–90% of them), lightly edited (a few words changed, a sentence dropped, a
 * byline and a credit line added), or both — made with a seeded generator, so the set is the same every run. The
 * detector is the engine's own (MinHash LSH candidates, then containment ≥ `copyContainment`); precision and recall
 * are over pairs: every (story, its copy) pair is positive, every other pair the detector reports is a false hit
 * (real duplicates inside te3-silver, such as an AFP story and its later update, are counted as false hits too, so
 * precision is a floor). Half A (stories from folders 0–2) chooses the threshold; half B (folders 3–5) is reported.
 *   npx tsx src/eval/neardup.ts [--threshold X]
 */
import { bands, containment, jaccard, shingles, signature } from "../story/minhash.js";
import { storySettings } from "../story/similarity.js";
import { readSilver } from "../bench/te3silver.js";
import { dataset, isMain } from "./datasets.js";
import { prf } from "./match.js";
import type { EvalRow, Scorer } from "./types.js";
import { prng as rng } from "../util/prng.js";


const FILLER = ["also", "meanwhile", "however", "officials", "reportedly", "on Monday", "earlier"];

/** A copy of `paragraphs` as another outlet might run it. */
export function makeCopy(paragraphs: string[], rand: () => number): string[] {
  const kind = rand();
  let ps = [...paragraphs];
  if (kind < 0.67) ps = ps.slice(0, Math.max(1, Math.round(ps.length * (0.3 + rand() * 0.6))));
  if (kind >= 0.33) {
    ps = ps.map((p) => {
      const words = p.split(" ");
      for (let i = 0; i < words.length; i++) if (rand() < 0.03) words[i] = FILLER[Math.floor(rand() * FILLER.length)]!;
      const sentences = words.join(" ").split(/(?<=\.) /);
      if (sentences.length > 2 && rand() < 0.3) sentences.splice(1 + Math.floor(rand() * (sentences.length - 1)), 1);
      return sentences.join(" ");
    });
    ps = [`By Staff Reporter`, ...ps, "Editing by the desk"];
  }
  return ps;
}

interface Item {
  id: string;
  origin: string;
  size: number;
  sig: Uint32Array;
  bands: number[];
}

function item(id: string, origin: string, text: string): Item {
  const sh = shingles(text);
  const sig = signature(sh);
  return { id, origin, size: sh.size, sig, bands: bands(sig) };
}

/** Pairs the detector reports: LSH candidates whose estimated containment reaches the threshold. */
function detect(items: Item[], threshold: number): Set<string> {
  const buckets = new Map<number, number[]>();
  items.forEach((x, i) => x.bands.forEach((b) => buckets.set(b, [...(buckets.get(b) ?? []), i])));
  const out = new Set<string>();
  for (const idx of buckets.values())
    for (let i = 0; i < idx.length; i++)
      for (let j = i + 1; j < idx.length; j++) {
        const a = items[idx[i]!]!;
        const b = items[idx[j]!]!;
        const key = a.id < b.id ? `${a.id} ${b.id}` : `${b.id} ${a.id}`;
        if (out.has(key)) continue;
        if (containment(jaccard(a.sig, b.sig), a.size, b.size) >= threshold) out.add(key);
      }
  return out;
}

export function buildPairs(folders: string[]): Item[] {
  const rand = rng(20260101);
  const items: Item[] = [];
  for (const f of folders)
    for (const a of readSilver(f)) {
      const paragraphs = (a.text ?? "").split("\n\n").slice(1); // the body: headlines are rewritten by each outlet
      items.push(item(a.id!, a.id!, paragraphs.join("\n\n")));
      items.push(item(`${a.id}#copy`, a.id!, makeCopy(paragraphs, rand).join("\n\n")));
    }
  return items;
}

export function neardupScore(items: Item[], threshold: number) {
  const found = detect(items, threshold);
  const n = items.length / 2;
  let tp = 0;
  for (const k of found) {
    const [a, b] = k.split(" ");
    if (a!.replace("#copy", "") === b!.replace("#copy", "")) tp++;
  }
  return { ...prf(tp, found.size, n), pairs: n, found: found.size };
}

function halves(): { A: string[]; B: string[] } | null {
  const dir = dataset("te3-silver");
  if (!dir) return null;
  const f = (i: number) => `${dir}/TE3-Silver-data-${i}`;
  return { A: [0, 1, 2].map(f), B: [3, 4, 5].map(f) };
}

export const scoreNeardup: Scorer = async () => {
  const h = halves();
  if (!h) return null;
  const t = storySettings().copyContainment;
  const rows: EvalRow[] = [];
  for (const [name, folders] of Object.entries(h)) {
    const s = neardupScore(buildPairs(folders), t);
    const split = name === "A" ? "half A (folders 0–2; chooses the threshold)" : "half B (folders 3–5; reported only)";
    const size = `${s.pairs} stories + ${s.pairs} built copies`;
    rows.push({ dataset: "te3-silver built copies", split, size, metric: "near-duplicate pair precision", value: s.precision });
    rows.push({ dataset: "te3-silver built copies", split, size, metric: "near-duplicate pair recall", value: s.recall });
    rows.push({ dataset: "te3-silver built copies", split, size, metric: "near-duplicate pair F1", value: s.f1 });
  }
  return rows;
};

if (isMain(import.meta.url)) {
  const h = halves();
  if (!h) console.error("datasets missing");
  else {
    const only = process.argv.includes("--half") ? process.argv[process.argv.indexOf("--half") + 1]! : "A";
    const items = buildPairs(only === "B" ? h.B : h.A);
    for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
      const s = neardupScore(items, t);
      console.log(`half ${only} threshold ${t}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} (${s.found} found, ${s.pairs} pairs)`);
    }
  }
}
