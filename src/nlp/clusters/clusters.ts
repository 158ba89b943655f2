/**
 * Brown word clusters learned by scripts/train-clusters.ts (data/models/clusters.tsv; format in
 * data/models/README.md): each word's bit string, the path from the root of the cluster tree. Prefixes of the
 * path are coarser clusters. Loaded once per process.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../eval/datasets.js";

export const CLUSTERS_PATH = join(REPO_ROOT, "data", "models", "clusters.tsv");

export interface Clusters {
  /** The bit string of a word as written, or undefined when the word was too rare to be clustered. */
  get(word: string): string | undefined;
  readonly size: number;
}

/** Parses the file's lines `bits<TAB>word<TAB>count`. */
export function parseClusters(text: string): Clusters {
  const map = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (!line) continue;
    const tab = line.indexOf("\t");
    const tab2 = line.indexOf("\t", tab + 1);
    if (tab < 0) continue;
    map.set(line.slice(tab + 1, tab2 < 0 ? undefined : tab2), line.slice(0, tab));
  }
  return { get: (w) => map.get(w), size: map.size };
}

let cached: Clusters | null = null;

export function loadClusters(path = CLUSTERS_PATH): Clusters {
  if (path === CLUSTERS_PATH && cached) return cached;
  if (!existsSync(path)) throw new Error(`word clusters missing: ${path} (rebuild with npx tsx scripts/train-clusters.ts)`);
  const c = parseClusters(readFileSync(path, "utf8"));
  if (path === CLUSTERS_PATH) cached = c;
  return c;
}

/** A short digest of the clusters file, so a model trained with one set of clusters can tell it is given another. */
export function clustersDigest(path = CLUSTERS_PATH): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16);
}
