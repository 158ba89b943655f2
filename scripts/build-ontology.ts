/**
 * Converts the CAMEO → PLOVER table (../shared/datasets/plover/CAMEO2PLOVER-2021.txt, Open Event Data Alliance)
 * into data/events/cameo2plover.json: {"057": {"type": "SUPPORT", "mode": "", "context": ["diplomatic"], "label": "Sign formal agreement"}}.
 * The event coder uses it to give each CAMEO code its PLOVER context. Run: npx tsx scripts/build-ontology.ts [FILE]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataset, REPO_ROOT } from "../src/eval/datasets.js";

export interface CameoMapping {
  type: string;
  mode: string;
  context: string[];
  label: string;
}

export function parseCameo2Plover(text: string): Record<string, CameoMapping> {
  const out: Record<string, CameoMapping> = {};
  for (const line of text.split("\n")) {
    const m = /^(\d{2,4}):\s*([^#]*)(?:#\s*(.*))?$/.exec(line.trim());
    if (!m) continue;
    const [type = "", mode = "", context = ""] = m[2]!.split(",").map((s) => s.trim());
    if (!type || out[m[1]!]) continue; // the first mapping of a code wins ("08: CONCEDE" before "08: RETREAT")
    out[m[1]!] = { type, mode, context: context ? context.split(/\s+/) : [], label: (m[3] ?? "").trim() };
  }
  return out;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""));
if (isMain) {
  const file = process.argv[2] ?? join(dataset("plover") ?? "", "CAMEO2PLOVER-2021.txt");
  const map = parseCameo2Plover(readFileSync(file, "utf8"));
  writeFileSync(join(REPO_ROOT, "data", "events", "cameo2plover.json"), JSON.stringify(map, null, 1) + "\n");
  console.log(`${Object.keys(map).length} CAMEO codes mapped`);
}
