/** JSONL: one article per line ({id?, url?, title?, text | html, published?, source?, language?}), streamed. */
import { createInterface } from "node:readline";
import { z } from "zod";
import type { RawArticle } from "../pipeline/types.js";
import { IngestSkip } from "./skip.js";

const Line = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String).optional(),
    url: z.string().optional(),
    title: z.string().optional(),
    standfirst: z.string().optional(),
    text: z.string().optional(),
    html: z.string().optional(),
    published: z.string().optional(),
    source: z.string().optional(),
    language: z.string().optional(),
  })
  .refine((l) => l.text !== undefined || l.html !== undefined, { message: "needs a text or html field" });

function parse(line: string, origin: string): { article: RawArticle; html?: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    throw new IngestSkip(`invalid JSON: ${(err as Error).message}`);
  }
  const r = Line.safeParse(json);
  if (!r.success) throw new IngestSkip(`invalid article line: ${r.error.issues.map((i) => `${i.path.join(".") || "line"} ${i.message}`).join("; ")}`);
  const { html, ...fields } = r.data;
  const article: RawArticle = { origin, format: "jsonl" };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (article as unknown as Record<string, string>)[k] = v;
  return html === undefined ? { article } : { article, html };
}

/** Lines of a stream with their 1-based numbers; a line longer than maxBytes comes as an IngestSkip instead. */
async function* read(stream: NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<{ line: string | IngestSkip; n: number }> {
  let n = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    n++;
    yield { line: line.length > maxBytes ? new IngestSkip(`line longer than the ${maxBytes} byte limit`) : line, n };
  }
}

export const jsonlLines = { parse, read };
