/** GET /api/search?q=: full-text search with highlighted snippets. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ApiContext } from "../context.js";
import { errorResponses, MAX_PAGE, ShortText } from "../schemas.js";

const SearchQuery = z.object({
  q: ShortText("q").describe("words to find (all must match); any string is safe: it is never parsed as query syntax"),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(20),
}).strict();

const Hit = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    published: z.string().nullable(),
    snippet: z.string().describe("plain text around the matches (no markup)"),
    highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })).describe("matched words: offsets into snippet"),
    score: z.number().describe("rank, lower is better"),
  })
  .meta({ id: "SearchHit" });

const SearchResult = z.object({ q: z.string(), items: z.array(Hit) }).meta({ id: "SearchResult" });

/** The store marks hits as [word]: turn them into plain text and offsets, so no client ever parses markup. */
export function splitSnippet(marked: string): { snippet: string; highlights: { start: number; end: number }[] } {
  let snippet = "";
  const highlights: { start: number; end: number }[] = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === "[" && open < 0) open = snippet.length;
    else if (ch === "]" && open >= 0) {
      highlights.push({ start: open, end: snippet.length });
      open = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}

export const searchRoutes =
  (ctx: ApiContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/search",
      {
        schema: {
          summary: "full-text search over titles and texts (BM25), with highlighted snippets",
          tags: ["articles"],
          querystring: SearchQuery,
          response: { 200: SearchResult, 400: errorResponses[400] },
        },
      },
      async (req) => {
        const hits = await ctx.store.search(req.query.q, { limit: req.query.limit });
        return { q: req.query.q, items: hits.map((h) => ({ id: h.id, title: h.title, published: h.published, score: h.score, ...splitSnippet(h.snippet) })) };
      },
    );
  };
