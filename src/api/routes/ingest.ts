/**
 * POST /api/ingest: one article as text (optional YAML front matter), an HTML page, JSONL lines, a JSON article,
 * `{articles: […]}`, or `{url}` to fetch. Behind the bearer token; the body size is limited. Ingest is incremental
 * as on the command line: the same article again changes nothing.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { readContent, readInputs, type IngestItem } from "../../ingest/index.js";
import { createExtractor, type Extractor } from "../../pipeline/extractor.js";
import type { ExtractOptions } from "../../pipeline/types.js";
import { requireToken } from "../auth.js";
import type { ApiContext } from "../context.js";
import { ApiError } from "../errors.js";
import { ErrorBody } from "../schemas.js";
import { IngestJson, IngestQuery, IngestResult } from "./ingest.schema.js";

const TEXT_TYPES = ["text/plain", "text/html", "application/x-ndjson", "application/jsonl", "application/x-jsonlines"];
const ORIGIN = "api";

function itemsOf(body: unknown, contentType: string, maxBytes: number, allowPrivate: boolean): AsyncGenerator<IngestItem> {
  if (typeof body === "string") {
    // The content type decides the reader; JSONL is named by a file-like hint so every line is one article.
    const hint = contentType.includes("html") ? "text/html" : /ndjson|jsonl|jsonlines/.test(contentType) ? "body.jsonl" : "body.txt";
    return readContent(body, ORIGIN, hint, { maxBytes });
  }
  const json = body as z.infer<typeof IngestJson>;
  if ("url" in json && Object.keys(json).length === 1) return readInputs([json.url as string], { maxBytes, allowPrivate });
  const articles = "articles" in json ? (json.articles as object[]) : [json];
  return readContent(articles.map((a) => JSON.stringify(a)).join("\n"), ORIGIN, "body.jsonl", { maxBytes });
}

export const ingestRoutes =
  (ctx: ApiContext): FastifyPluginAsyncZod =>
  async (app) => {
    let extractor: Extractor | undefined; // created on the first write: dictionaries load once per process
    for (const type of TEXT_TYPES) app.addContentTypeParser(type, { parseAs: "string", bodyLimit: ctx.ingestLimit }, (_req, body, done) => done(null, body));

    app.post(
      "/api/ingest",
      {
        bodyLimit: ctx.ingestLimit,
        onRequest: requireToken(ctx.token, "ingest"),
        schema: {
          summary: "read articles into the store (bearer token)",
          description: `Send text/plain (an article, optional YAML front matter), text/html (a page), application/x-ndjson (JSONL: one article per line), or application/json (an article, {articles: [...]}, or {url} to fetch). At most ${ctx.ingestLimit} bytes.`,
          tags: ["ingest"],
          security: [{ bearer: [] }],
          querystring: IngestQuery,
          body: {
            content: {
              "application/json": { schema: IngestJson },
              "text/plain": { schema: z.string().min(1, "the body is empty: send the article text") },
              "text/html": { schema: z.string().min(1, "the body is empty: send the page") },
              "application/x-ndjson": { schema: z.string().min(1, "the body is empty: send JSONL lines") },
            },
          },
          response: {
            200: IngestResult,
            400: ErrorBody.describe("nothing could be read; the message says why"),
            401: ErrorBody.describe("missing or wrong bearer token"),
            403: ErrorBody.describe("writes are disabled: no PARLEY_TOKEN configured"),
            413: ErrorBody.describe("body too large"),
            415: ErrorBody.describe("unsupported content type"),
          },
        },
      },
      async (req) => {
        extractor ??= createExtractor();
        const options: ExtractOptions = { ...(req.query.published ? { published: req.query.published } : {}), ...(req.query.source ? { source: req.query.source } : {}) };
        const out: z.infer<typeof IngestResult> = { read: 0, new: 0, updated: 0, unchanged: 0, skipped: [], articles: [] };
        for await (const item of itemsOf(req.body, req.headers["content-type"] ?? "", ctx.ingestLimit, ctx.allowPrivate)) {
          out.read++;
          if (item.kind === "skip") {
            out.skipped.push({ origin: item.origin, reason: item.reason });
            continue;
          }
          const record = extractor.build(item.article, options);
          const status = (await ctx.store.isCurrent(record.id, record.hash)) ? "unchanged" : await ctx.store.put(extractor.annotate(record));
          out[status]++;
          out.articles.push({ id: record.id, title: record.title, status });
        }
        if (out.articles.length === 0)
          throw new ApiError(400, `nothing could be read: ${out.skipped.map((s) => s.reason).join("; ") || "the body held no article"}`);
        return out;
      },
    );
  };
