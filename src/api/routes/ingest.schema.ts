/** Schemas of POST /api/ingest. */
import { z } from "zod";
import { DateParam } from "../schemas.js";

/** One article as JSON: the fields of a JSONL input line. */
export const ArticleInput = z
  .object({
    id: z.string().max(500).optional(),
    url: z.string().max(2000).optional(),
    title: z.string().max(2000).optional(),
    standfirst: z.string().optional(),
    text: z.string().optional(),
    html: z.string().optional(),
    published: z.string().max(40).optional(),
    source: z.string().max(200).optional(),
    language: z.string().max(20).optional(),
  })
  .refine((a) => a.text !== undefined || a.html !== undefined, { message: "an article needs a text or html field" })
  .meta({ id: "ArticleInput" });

export const IngestJson = z.union([
  z.object({ url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).describe("a page or feed to fetch and read") }).strict(),
  z.object({ articles: z.array(ArticleInput).min(1).max(1000) }).strict(),
  ArticleInput,
]);

export const IngestQuery = z.object({
  published: DateParam.optional().describe("publication date for every article of the request, as `ingest --published`"),
  source: z.string().min(1).max(200).optional().describe("source name for every article, as `ingest --source`"),
}).strict();

export const IngestResult = z
  .object({
    read: z.number().int(),
    new: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.array(z.object({ origin: z.string(), reason: z.string() })),
    articles: z.array(z.object({ id: z.string(), title: z.string().nullable(), status: z.enum(["new", "updated", "unchanged"]) })),
  })
  .meta({ id: "IngestResult" });
