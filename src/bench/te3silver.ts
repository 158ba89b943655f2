/**
 * Reads the TempEval-3 silver corpus (2,452 AFP/Xinhua wire stories in TimeML) as raw articles for benchmarks and
 * story tests. The TimeML tags are machine-made, so only the text is used: title, the DCT line as a wire dateline
 * ("KUALA LUMPUR, April 1, 1997 (AFP) - …") and the body, with the DCT value as the publication date.
 */
import { readFileSync } from "node:fs";
import { listFiles } from "../eval/datasets.js";
import { creationTime, element, xmlText } from "../eval/timeml.js";
import type { RawArticle } from "../pipeline/types.js";

/** Parses one silver TimeML file into a RawArticle (null when it lacks a TEXT element). */
export function parseSilver(xml: string, origin: string): RawArticle | null {
  const body = element(xml, "TEXT");
  if (body === null) return null;
  const dct = element(xml, "DCT") ?? "";
  const value = creationTime(xml);
  const title = xmlText(element(xml, "TITLE") ?? "").trim();
  const dateline = xmlText(dct).replace(/\s+,/g, ",").replace(/\s+/g, " ").trim();
  const paragraphs = xmlText(body)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (paragraphs.length === 0) return null;
  paragraphs[0] = `${dateline} - ${paragraphs[0]}`;
  return {
    origin,
    format: "text",
    id: /<DOCID>([^<]+)<\/DOCID>/.exec(xml)?.[1]?.trim() ?? origin,
    text: [title, ...paragraphs].join("\n\n"),
    ...(value ? { published: value } : {}),
    source: origin.includes("XIN_") ? "Xinhua" : "AFP",
    language: "en",
  };
}

/** All silver articles under `dir`, sorted by path so runs are comparable. */
export function readSilver(dir: string): RawArticle[] {
  const out: RawArticle[] = [];
  for (const f of listFiles(dir, ".tml")) {
    const a = parseSilver(readFileSync(f, "utf8"), f);
    if (a) out.push(a);
  }
  return out;
}
