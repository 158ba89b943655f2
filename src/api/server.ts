/**
 * The HTTP server: Fastify with zod schemas on every route (requests validated, responses serialised through the
 * same schemas), the OpenAPI document generated from them at /api/openapi.json, and the built web page served from
 * the same process. One route module per resource in `routes/`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransformObject, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Store } from "../store/store.js";
import { VERSION } from "../version.js";
import { requireToken } from "./auth.js";
import type { ApiContext } from "./context.js";
import { ApiError, errorBody, installErrorHandling } from "./errors.js";
import { openapiTransform } from "./openapi.js";
import { ROUTES } from "./routes/index.js";
import { API_VERSION } from "./version.js";

/** Where `npm run build` puts the web page (vite's outDir). */
export const WEB_ROOT = join(import.meta.dirname, "..", "..", "dist", "web");

export interface ServerOptions {
  store: Store;
  /** PARLEY_TOKEN: needed for writes; without it writes are refused. */
  token?: string | undefined;
  /** Reads need the token too (a server bound beyond loopback that was not opened with --public). */
  readsNeedToken?: boolean;
  /** The built web page; null serves the API alone. */
  webRoot?: string | null;
  logger?: boolean;
  /** Largest ingest body (default 10 MiB); other requests may carry at most 64 KiB. */
  ingestLimit?: number;
  /** Let `POST /api/ingest {url}` fetch private and loopback addresses (`serve --allow-private`). */
  allowPrivate?: boolean;
}

/** The page's scripts and styles come from this server only; article text can never become script (it is never HTML either). */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const ctx: ApiContext = { store: options.store, token: options.token || undefined, ingestLimit: options.ingestLimit ?? 10 * 2 ** 20,
    allowPrivate: options.allowPrivate === true };
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024, routerOptions: { maxParamLength: 500 } }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Requests are validated by zod. Responses are typed against the same schemas at compile time (and the story
  // layer's types against them, routes/story.schema.ts), and the tests validate every response against the
  // OpenAPI document; at run time they are plain JSON.stringify: zod's run-time check cost four times the query on
  // a story timeline.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);

  app.addHook("onSend", async (_req, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("content-security-policy", CSP);
  });
  if (options.readsNeedToken) {
    const check = requireToken(ctx.token, "reading");
    app.addHook("onRequest", async (req, reply) => {
      if (req.method === "GET" && req.url.startsWith("/api/") && req.url !== "/api/health") await check(req, reply);
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Parley API",
        version: API_VERSION,
        description: `Evidence-linked event records from international-relations news (Parley ${VERSION}). Errors are JSON {status, error, message}. See docs/api.md.`,
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "PARLEY_TOKEN" } } },
    },
    transform: openapiTransform,
    transformObject: jsonSchemaTransformObject,
  });
  for (const routes of ROUTES) await app.register(routes(ctx));
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const web = options.webRoot === undefined ? WEB_ROOT : options.webRoot;
  if (web && existsSync(join(web, "index.html"))) {
    await app.register(fastifyStatic, {
      root: web,
      wildcard: false,
      index: "index.html",
      setHeaders: (res, path) => res.header("cache-control", /[\\/]assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache"),
    });
  } else {
    app.get("/", { schema: { hide: true } }, async (_req, reply) =>
      reply.code(503).send(errorBody(503, "the web page is not built: run `npm run build` (the API under /api/ works without it)")),
    );
  }
  await app.ready();
  return app;
}

export { ApiError };
