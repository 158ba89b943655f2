/**
 * Reads the TempEval-3 silver corpus (2,452 AFP/Xinhua wire stories in TimeML) as raw articles for benchmarks and
 * story tests. The TimeML tags are machine-made, so only the text is used: title, the DCT line as a wire dateline
 * ("KUALA LUMPUR, April 1, 1997 (AFP) - …") and the body, with the DCT value as the publication date.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RawArticle } from "../pipeline/types.js";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Strips XML tags and decodes the five XML entities. */
export function xmlText(xml: string): string {
  return xml.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? "");
}

function element(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? m[1]! : null;
}

/** Parses one silver TimeML file into a RawArticle (null when it lacks a TEXT element). */
export function parseSilver(xml: string, origin: string): RawArticle | null {
  const body = element(xml, "TEXT");
  if (body === null) return null;
  const dct = element(xml, "DCT") ?? "";
  const value = /value="(\d{4}-\d{2}-\d{2})/.exec(dct)?.[1];
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

/** All silver articles under `dir` (recursively), sorted by path so runs are comparable. */
export function readSilver(dir: string): RawArticle[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(".tml")) files.push(join(d, e.name));
    }
  };
  walk(dir);
  const out: RawArticle[] = [];
  for (const f of files) {
    const a = parseSilver(readFileSync(f, "utf8"), f);
    if (a) out.push(a);
  }
  return out;
}
