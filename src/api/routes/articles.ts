/** GET /api/articles (paged, filtered) and GET /api/articles/:id (the full record). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiContext } from "../context.js";
import { notFound } from "../errors.js";
import { errorResponses } from "../schemas.js";
import { Article, ArticleList, ArticleParams, ArticlesQuery } from "./articles.schema.js";

export const articleRoutes =
  (ctx: ApiContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/articles",
      {
        schema: {
          summary: "articles in publication order, filtered by source, publication date, story or words",
          tags: ["articles"],
          querystring: ArticlesQuery,
          response: { 200: ArticleList, 400: errorResponses[400] },
        },
      },
      async (req) => {
        const { limit, offset, q, ...rest } = req.query;
        const doc = await ctx.store.articles({ ...rest, ...(q ? { query: q } : {}) }, { limit, offset });
        return { version: doc.version, total: doc.total, limit, offset, articles: doc.articles };
      },
    );

    app.get(
      "/api/articles/:id",
      {
        schema: {
          summary: "one article's full record: text and every layer with offsets into it",
          tags: ["articles"],
          params: ArticleParams,
          response: { 200: Article, 404: errorResponses[404] },
        },
      },
      async (req) => {
        const record = await ctx.store.get(req.params.id);
        if (!record) throw notFound(`article ${JSON.stringify(req.params.id)}`);
        return record;
      },
    );
  };
