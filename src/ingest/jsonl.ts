/** JSONL: one article per line ({id?, url?, title?, text | html, published?, source?, language?}). */
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
    throw new IngestSkip(`invalid JSON: ${(err as Error).message.split("\n")[0]!.slice(0, 200)}`);
  }
  const r = Line.safeParse(json);
  if (!r.success) throw new IngestSkip(`invalid article line: ${r.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "line"} ${i.message}`).join("; ")}`);
  const { html, ...fields } = r.data;
  const article: RawArticle = { origin, format: "jsonl" };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (article as unknown as Record<string, string>)[k] = v;
  return html === undefined ? { article } : { article, html };
}

export const jsonlLines = { parse };
