/**
 * Counts the shapes of the datelines in te3-silver (the DCT line of each story: "BEIJING, April 1, 1997 (AFP)"),
 * to choose which dateline forms the parser must read, and checks how many of them it reads.
 * `npx tsx scripts/dateline-shapes.ts` prints each shape with its count and an example, and the share parsed.
 * A shape writes capital words as P, title-case words as p, month names as M, numbers as 9, and keeps punctuation.
 */
import { readFileSync } from "node:fs";
import { dataset, DATASETS_MISSING, listFiles } from "../src/eval/datasets.js";
import { element, xmlText } from "../src/eval/timeml.js";
import { parseDateline } from "../src/nlp/structure/dateline.js";

const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;
const shape = (line: string) =>
  line
    .split(/(\s+|[,()/.:-]+)/)
    .filter((t) => t.trim())
    .map((t) => (MONTH.test(t) ? "M" : /^\d+$/.test(t) ? "9" : /^\p{Lu}[\p{Lu}'’-]+$/u.test(t) ? "P" : /^\p{Lu}\p{Ll}/u.test(t) ? "p" : /^\p{L}/u.test(t) ? "w" : t.replace(/\s+/g, "")))
    .join(" ")
    .replace(/P( P)+/g, "P+")
    .replace(/p( p)+/g, "p+");

const dir = dataset("te3-silver");
if (!dir) {
  console.log(DATASETS_MISSING);
  process.exit(0);
}
const shapes = new Map<string, { n: number; example: string; parsed: number }>();
let total = 0;
let parsed = 0;
for (const f of listFiles(dir, ".tml")) {
  const dct = element(readFileSync(f, "utf8"), "DCT");
  if (!dct) continue;
  const line = xmlText(dct).replace(/\s+,/g, ",").replace(/\s+/g, " ").trim();
  const s = shape(line);
  const entry = shapes.get(s) ?? { n: 0, example: line, parsed: 0 };
  entry.n++;
  total++;
  // The bench adds " - " after the DCT to make the body's first line; the parser sees the same.
  if (parseDateline(`${line} - Text follows.`)) {
    entry.parsed++;
    parsed++;
  }
  shapes.set(s, entry);
}
for (const [s, e] of [...shapes].sort((a, b) => b[1].n - a[1].n)) console.log(`${String(e.n).padStart(5)}  ${String(e.parsed).padStart(5)} read  ${s.padEnd(40)}  ${e.example}`);
console.log(`te3-silver: ${total} datelines, ${parsed} read (${((100 * parsed) / total).toFixed(1)}%)`);
