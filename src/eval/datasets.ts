/**
 * Where the public gold sets live: `../shared/datasets` beside the repository, or PARLEY_DATASETS.
 * Tests and scorers that need them call `datasetsDir()` and skip with a message when it returns null.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (works from src/ under vitest/tsx and from dist/ after a build). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function datasetsDir(): string | null {
  const candidates = [process.env.PARLEY_DATASETS, resolve(REPO_ROOT, "..", "shared", "datasets")];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}

/** Path to one data set folder, or null (with the reason) when absent. */
export function dataset(name: string): string | null {
  const dir = datasetsDir();
  if (!dir) return null;
  const p = resolve(dir, name);
  return existsSync(p) ? p : null;
}

export const DATASETS_MISSING = "../shared/datasets not found (set PARLEY_DATASETS): skipped";
