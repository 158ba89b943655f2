/**
 * Title accuracy on a folder of pages saved as text with an index.tsv (file, headline): how many records get the
 * real headline as title. `npx tsx scripts/title-accuracy.ts DIR [--errors]`. The folder's index.tsv itself must be
 * skipped as not an article. Dev pages (src/nlp/__fixtures__/pages/dev) are for developing; the held-out pages
 * (…/pages/heldout) are only scored.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readInputs } from "../src/ingest/index.js";
import { createExtractor } from "../src/pipeline/extractor.js";

export async function titleAccuracy(dir: string): Promise<{ n: number; right: number; misses: { file: string; want: string; got: string | null }[]; indexSkipped: boolean }> {
  const want = new Map(
    readFileSync(join(dir, "index.tsv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split("\t") as [string, string]),
  );
  const extractor = createExtractor();
  const misses: { file: string; want: string; got: string | null }[] = [];
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
    const got = extractor.build(item.article, {}).title;
    if (got !== expected) misses.push({ file, want: expected, got });
  }
  return { n, right: n - misses.length, misses, indexSkipped };
}

if (process.argv[1]?.endsWith("title-accuracy.ts")) {
  const dir = process.argv[2]!;
  const r = await titleAccuracy(dir);
  console.log(`${dir}: ${r.right}/${r.n} titles right; index.tsv skipped: ${r.indexSkipped}`);
  if (process.argv.includes("--errors")) for (const m of r.misses) console.log(`  ${m.file}\n    want ${m.want}\n    got  ${m.got}`);
}
