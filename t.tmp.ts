import { readFileSync } from "node:fs";
import { createExtractor } from "./src/pipeline/extractor.js";
const x = createExtractor();
for (const [f, p] of [["samples/tass-2018-11-16-alliance-obligations.txt", "2018-11-16"], ["samples/tass-2019-01-22-hostile-action-clause.txt", "2019-01-22"]]) {
  const s = readFileSync(f!, "utf8").replace(/^---[\s\S]*?---\n/, "");
  const r = x.extract({ origin: f!, format: "text", text: s }, { published: p });
  for (const e of r.entities) console.log(e.id, e.type, e.name, e.code ?? "", e.codeSource ?? "", e.role ?? "", "|", e.mentions.map((m) => `${m.text}${m.kind !== "name" ? `(${m.kind})` : ""}`).join(", "));
  console.log(r.times.filter(t=>t.of).map(t=>`${t.text}→${t.of}`).join(" "));
}
