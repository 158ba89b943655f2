/**
 * GET /api/events: story events (every mention of one happening merged across articles) by actor, recipient,
 * type, mode, context, modality, date and story; a page as JSON, or every match exported as CSV, JSONL or GDELT.
 */
import { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Store } from "../../store/store.js";
import { gdeltEventRow, gdeltMentionRows } from "../../story/gdelt.js";
import { renderCsv } from "../../story/timeline.js";
import type { EventFilter, StoryEvent } from "../../story/types.js";
import type { ApiContext } from "../context.js";
import { errorResponses } from "../schemas.js";
import { EventList, EventsQuery } from "./events.schema.js";

type Format = Exclude<EventsQuery["format"], "json">;

const TYPES: Record<Format, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
  gdelt: "text/tab-separated-values; charset=utf-8",
  "gdelt-mentions": "text/tab-separated-values; charset=utf-8",
};
const FILES: Record<Format, string> = { csv: "parley-events.csv", jsonl: "parley-events.jsonl", gdelt: "parley-events.gdelt.tsv", "gdelt-mentions": "parley-mentions.gdelt.tsv" };
const BATCH = 1000;

/** Every matching story event, a page at a time: memory stays flat however many match. */
async function* all(store: Store, filter: EventFilter): AsyncGenerator<StoryEvent[]> {
  for (let offset = 0; ; offset += BATCH) {
    const { events } = await store.events(filter, { limit: BATCH, offset });
    if (events.length) yield events;
    if (events.length < BATCH) return;
  }
}

async function* lines(store: Store, filter: EventFilter, format: Format): AsyncGenerator<string> {
  let first = true;
  for await (const events of all(store, filter)) {
    if (format === "csv") {
      const csv = renderCsv({ version: 1, story: null, query: {}, events });
      yield first ? csv : csv.slice(csv.indexOf("\n") + 1); // the header once
    } else if (format === "jsonl") yield events.map((e) => JSON.stringify(e) + "\n").join("");
    else if (format === "gdelt") yield events.map((e) => gdeltEventRow(e) + "\n").join("");
    else yield events.flatMap((e) => gdeltMentionRows(e).map((r) => r + "\n")).join("");
    first = false;
  }
  if (first && format === "csv") yield renderCsv({ version: 1, story: null, query: {}, events: [] });
}

export const eventRoutes =
  (ctx: ApiContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/events",
      {
        schema: {
          summary: "story events, filtered; a page as JSON, or every match as CSV, JSONL or the GDELT tables",
          tags: ["events"],
          querystring: EventsQuery,
          response: {
            200: {
              description: "a page of story events (json), or every matching one (csv, jsonl, gdelt, gdelt-mentions)",
              content: {
                "application/json": { schema: EventList },
                "text/csv": { schema: z.string() },
                "application/x-ndjson": { schema: z.string() },
                "text/tab-separated-values": { schema: z.string() },
              },
            },
            400: errorResponses[400],
          },
        },
      },
      async (req, reply) => {
        const { limit, offset, format, background, ...rest } = req.query;
        const filter: EventFilter = { ...rest, ...(background ? { background: background === "true" } : {}) };
        if (format === "json") {
          const doc = await ctx.store.events(filter, { limit, offset });
          return reply.type("application/json; charset=utf-8").send({ version: doc.version, total: doc.total, limit, offset, events: doc.events });
        }
        return (
          reply
            .type(TYPES[format])
            .header("content-disposition", `attachment; filename="${FILES[format]}"`)
            // A stream of lines: fastify sends it as it comes; the typed send() only knows the documented string body.
            .send(Readable.from(lines(ctx.store, filter, format)) as unknown as string)
        );
      },
    );
  };
