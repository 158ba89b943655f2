import { readFileSync } from "node:fs";
import { createExtractor } from "./src/pipeline/extractor.js";
const x = createExtractor();
for (const [f, p] of [["samples/tass-2018-11-16-alliance-obligations.txt", "2018-11-16"], ["samples/tass-2019-01-22-hostile-action-clause.txt", "2019-01-22"]]) {
  const s = readFileSync(f!, "utf8").replace(/^---[\s\S]*?---\n/, "");
  const r = x.extract({ origin: f!, format: "text", text: s }, { published: p });
  for (const q of r.quotes) console.log(q.kind, "|", q.speakerText, q.speaker, "| cue:", q.cue.text, "| chain:", q.chain.join(" <- "), "| hedges:", q.hedges.map(h=>h.text).join(","), "\n   ", q.text.slice(0, 110));
}
