/**
 * GET /api/stories, /api/stories/:id, /api/stories/:id/timeline (the JSON of `parley timeline --story ID
 * --format json`) and /api/stories/:id/changes?since= (what is new in a story: the analyst's morning question).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { STORY_JSON_VERSION } from "../../story/types.js";
import type { ApiContext } from "../context.js";
import { notFound } from "../errors.js";
import { DateParam, errorResponses, PageQuery, StoryId } from "../schemas.js";
import { StoryChanges, StorySummary, TimelineDocument } from "./story.schema.js";

const StoryParams = z.object({ id: StoryId.describe("the story id") });
const StoryList = z
  .object({ version: z.number().int(), limit: z.number().int(), offset: z.number().int(), stories: z.array(StorySummary) })
  .meta({ id: "StoryList" });
const TimelineQuery = z.object({ from: DateParam.optional().describe("events on or after"), to: DateParam.optional().describe("events on or before") }).strict();
const ChangesQuery = z
  .object({
    since: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/, "since must be a date (YYYY-MM-DD) or an ISO timestamp (2019-01-22T08:00:00Z)")
      .describe("a date or ISO timestamp: articles that joined and events created or changed after it"),
  })
  .strict();

export const storyRoutes =
  (ctx: ApiContext): FastifyPluginAsyncZod =>
  async (app) => {
    const story = async (id: number) => {
      const s = await ctx.store.story(id);
      if (!s) throw notFound(`story ${id}`);
      return s;
    };

    app.get(
      "/api/stories",
      {
        schema: { summary: "stories, latest first", tags: ["stories"], querystring: PageQuery.strict(), response: { 200: StoryList, 400: errorResponses[400] } },
      },
      async (req) => ({ version: STORY_JSON_VERSION, limit: req.query.limit, offset: req.query.offset, stories: await ctx.store.stories(req.query) }),
    );

    app.get(
      "/api/stories/:id",
      { schema: { summary: "one story", tags: ["stories"], params: StoryParams, response: { 200: StorySummary, 400: errorResponses[400], 404: errorResponses[404] } } },
      async (req) => story(req.params.id),
    );

    app.get(
      "/api/stories/:id/timeline",
      {
        schema: {
          summary: "a story's events in timeline order, each with its mentions, corroboration and contradictions",
          tags: ["stories"],
          params: StoryParams,
          querystring: TimelineQuery,
          response: { 200: TimelineDocument, 400: errorResponses[400], 404: errorResponses[404] },
        },
      },
      async (req) => {
        await story(req.params.id);
        return ctx.store.timeline({ story: req.params.id, ...req.query });
      },
    );

    app.get(
      "/api/stories/:id/changes",
      {
        schema: {
          summary: "what is new in a story since a date: articles that joined, events created or changed",
          tags: ["stories"],
          params: StoryParams,
          querystring: ChangesQuery,
          response: { 200: StoryChanges, 400: errorResponses[400], 404: errorResponses[404] },
        },
      },
      async (req) => {
        const changes = await ctx.store.storyChanges(req.params.id, req.query.since);
        if (!changes) throw notFound(`story ${req.params.id}`);
        return changes;
      },
    );
  };
