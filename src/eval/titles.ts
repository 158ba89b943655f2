/**
 * Title and date accuracy on folders of pages saved as text with an index.tsv (file, headline, published): how many
 * records get the real headline as title and the page's publication date (as a reader of the page would give it;
 * "XXXX-01-22" when it shows no year), and whether the folder's index.tsv itself is skipped as not an article. The dev pages
 * (src/nlp/__fixtures__/pages/dev) are for developing; the held-out pages (…/pages/heldout) are only scored.
 * `node dist/eval/titles.js [DIR] [--errors]` (--errors lists the misses of DIR; give it the dev folder).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readInputs } from "../ingest/index.js";
import { createExtractor } from "../pipeline/extractor.js";
import { isMain, REPO_ROOT } from "./datasets.js";
import type { EvalRow } from "./types.js";

export const PAGES = join(REPO_ROOT, "src", "nlp", "__fixtures__", "pages");

export interface PageAccuracy {
  n: number;
  right: number;
  misses: { file: string; want: string; got: string | null }[];
  /** Pages whose record has the page's publication date. */
  datesRight: number;
  dateMisses: { file: string; want: string; got: string | null }[];
  indexSkipped: boolean;
}

export async function titleAccuracy(dir: string): Promise<PageAccuracy> {
  const rows = readFileSync(join(dir, "index.tsv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t"));
  const want = new Map(rows.map(([file, headline]) => [file!, headline!]));
  const wantDate = new Map(rows.map(([file, , published]) => [file!, published ?? null]));
  const extractor = createExtractor();
  const misses: PageAccuracy["misses"] = [];
  const dateMisses: PageAccuracy["dateMisses"] = [];
  let n = 0;
  let indexSkipped = false;
  for await (const item of readInputs([dir])) {
    if (item.kind === "skip") {
      if (item.origin.endsWith("index.tsv")) indexSkipped = true;
      continue;
    }
    const file = item.article.origin.slice(dir.length + 1);
    const expected = want.get(file);
    if (expected === undefined) continue;
    n++;
    const record = extractor.build(item.article, {});
    if (record.title !== expected) misses.push({ file, want: expected, got: record.title });
    const date = wantDate.get(file);
    if (date && record.published !== date) dateMisses.push({ file, want: date, got: record.published });
  }
  return { n, right: n - misses.length, misses, datesRight: n - dateMisses.length, dateMisses, indexSkipped };
}

export async function scoreTitles(): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  // The held-out pages are judged against the bar: the real headline in 48 of 51 real pages.
  const folders = [
    { folder: "dev", split: "dev (developed on)" },
    { folder: "heldout", split: "heldout (only scored)", target: 48 / 51 },
  ];
  for (const { folder, split, target } of folders) {
    const r = await titleAccuracy(join(PAGES, folder));
    rows.push({ dataset: "Pages saved as text", split, size: `${r.n} pages`, metric: "real headline as title", value: r.right / r.n, ...(target ? { target } : {}) });
    rows.push({ dataset: "Pages saved as text", split, size: `${r.n} pages`, metric: "publication date the page shows", value: r.datesRight / r.n });
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const dir = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2] : join(PAGES, "dev");
  const r = await titleAccuracy(dir);
  console.log(`${dir}: ${r.right}/${r.n} titles right, ${r.datesRight}/${r.n} publication dates right; index.tsv skipped: ${r.indexSkipped}`);
  if (process.argv.includes("--errors")) for (const m of [...r.misses, ...r.dateMisses]) console.log(`  ${m.file}\n    want ${m.want}\n    got  ${m.got}`);
}
