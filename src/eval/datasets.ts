/**
 * Where the public gold sets live: `../shared/datasets` beside the repository, or PARLEY_DATASETS.
 * Tests and scorers that need them call `datasetsDir()` and skip with a message when it returns null.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (works from src/ under vitest/tsx and from dist/ after a build). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The bundled sample corpus (the two TASS articles), ingested by `parley demo`. */
export const SAMPLES_DIR = join(REPO_ROOT, "samples");

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

/** Files under `dir` (recursively) whose names end with `ext`, sorted by path so runs are comparable. */
export function listFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(ext)) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

/** True when the module at `url` is the script node was started with (for scorers that also run on their own). */
export function isMain(url: string): boolean {
  const arg = process.argv[1];
  // Built (dist/…/x.js) or from source (x.ts), with or without the extension on the command line.
  const bare = (p: string) => p.replace(/\.(ts|js)$/, "");
  return !!arg && bare(fileURLToPath(url)) === bare(resolve(arg));
}

/** For tests: true when the gold sets are absent, after saying so once (use with `it.skipIf`). */
export function withoutDatasets(): boolean {
  if (datasetsDir()) return false;
  if (!warned) console.warn(DATASETS_MISSING);
  warned = true;
  return true;
}
let warned = false;
