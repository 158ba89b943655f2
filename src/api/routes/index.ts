/** The API's route modules, one per resource. To add a resource: write `<name>.ts` (and its schemas) here and list it. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiContext } from "../context.js";
import { actorRoutes } from "./actors.js";
import { articleRoutes } from "./articles.js";
import { eventRoutes } from "./events.js";
import { healthRoutes } from "./health.js";
import { ingestRoutes } from "./ingest.js";
import { searchRoutes } from "./search.js";
import { storyRoutes } from "./stories.js";

export const ROUTES: readonly ((ctx: ApiContext) => FastifyPluginAsyncZod)[] = [
  healthRoutes,
  storyRoutes,
  articleRoutes,
  eventRoutes,
  actorRoutes,
  searchRoutes,
  ingestRoutes,
];
