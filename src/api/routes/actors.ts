/** GET /api/actors (every party code with counts) and /api/actors/:code (as actor and recipient, per month and type). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ApiContext } from "../context.js";
import { notFound } from "../errors.js";
import { errorResponses, PageQuery } from "../schemas.js";
import { Code } from "./events.schema.js";
import { ActorDetail, ActorSummary } from "./story.schema.js";

const ActorList = z
  .object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), actors: z.array(ActorSummary) })
  .meta({ id: "ActorList" });

export const actorRoutes =
  (ctx: ApiContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/actors",
      {
        schema: { summary: "every party code in story events, most active first", tags: ["actors"], querystring: PageQuery.strict(), response: { 200: ActorList, 400: errorResponses[400] } },
      },
      async (req) => {
        const all = await ctx.store.actors();
        return { total: all.length, limit: req.query.limit, offset: req.query.offset, actors: all.slice(req.query.offset, req.query.offset + req.query.limit) };
      },
    );

    app.get(
      "/api/actors/:code",
      {
        schema: {
          summary: "one party code: events as actor and as recipient, counts by type per month",
          tags: ["actors"],
          params: z.object({ code: Code("actor") }),
          response: { 200: ActorDetail, 400: errorResponses[400], 404: errorResponses[404] },
        },
      },
      async (req) => {
        const actor = await ctx.store.actor(req.params.code);
        if (!actor) throw notFound(`actor ${req.params.code} (it takes part in no story event)`);
        return actor;
      },
    );
  };
