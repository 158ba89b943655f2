/** GET /api/health: is the server up, which store, how much it holds. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SCHEMA_VERSION } from "../../record/schema.js";
import { VERSION } from "../../version.js";
import type { ApiContext } from "../context.js";
import { API_VERSION } from "../version.js";

const Health = z
  .object({
    status: z.literal("ok"),
    version: z.string().describe("Parley's version"),
    apiVersion: z.string().describe("the API contract's version (docs/api.md)"),
    schemaVersion: z.string().describe("the article record's schema version"),
    store: z.string().describe("the store implementation: sqlite, postgres"),
    counts: z.record(z.string(), z.number().int()).describe("rows per table"),
    writes: z.boolean().describe("whether POST /api/ingest is enabled (a token is configured)"),
  })
  .meta({ id: "Health" });

export const healthRoutes =
  (ctx: ApiContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get("/api/health", { schema: { summary: "server status", tags: ["meta"], response: { 200: Health } } }, async () => ({
      status: "ok" as const,
      version: VERSION,
      apiVersion: API_VERSION,
      schemaVersion: SCHEMA_VERSION,
      store: ctx.store.kind,
      counts: await ctx.store.counts(),
      writes: Boolean(ctx.token),
    }));
  };
