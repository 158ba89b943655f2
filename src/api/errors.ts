/**
 * Errors as JSON: `{status, error, message}`, where `message` says what to change ("limit: must be at most 500").
 * Request validation (zod), body size, unknown routes and thrown ApiErrors all end here; a bug is a 500 whose
 * message names no internals (the log has the stack).
 */
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { STATUS_CODES } from "node:http";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, `${what} not found`);

export const errorBody = (status: number, message: string) => ({ status, error: STATUS_CODES[status] ?? "Error", message });

interface Issue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

/** One readable line per problem: "query limit: Too big: expected number to be <=500". */
function validationMessage(err: FastifyError & { validationContext?: string }): string {
  const where = err.validationContext === "querystring" ? "query" : (err.validationContext ?? "request");
  const issues = (err.validation ?? []) as Issue[];
  const lines = issues.map((i) => {
    const path = i.params?.issue?.path?.map(String).join(".") ?? i.instancePath?.replace(/^\//, "").replace(/\//g, ".") ?? "";
    return `${where}${path ? ` ${path}` : ""}: ${i.params?.issue?.message ?? i.message ?? "invalid"}`;
  });
  return lines.length ? lines.join("; ") : err.message;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(errorBody(err.status, err.message));
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) return reply.code(400).send(errorBody(400, validationMessage(err)));
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody(413, `request body too large: the limit is ${req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit} bytes`));
    if (status === 415) return reply.code(415).send(errorBody(415, `${err.message}; send text/plain, text/html, application/json or application/x-ndjson`));
    if (status >= 400 && status < 500) return reply.code(status).send(errorBody(status, err.message));
    req.log.error(err);
    return reply.code(500).send(errorBody(500, "internal error: the server log has the details"));
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send(errorBody(404, `no such endpoint: ${req.method} ${req.url.split("?")[0]}; the API is described at /api/openapi.json`)),
  );
}
