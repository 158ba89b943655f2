/**
 * Schemas shared by the route modules: the error body, paging and date parameters. Each resource's own schemas live
 * beside its route (`routes/<resource>.schema.ts`). Schemas with a `meta({id})` become named components of the
 * OpenAPI document.
 */
import { z } from "zod";

/** Largest page any list endpoint returns; larger requests are a 400 that says so, never a silent cut. */
export const MAX_PAGE = 500;
/** Deepest offset: past it, narrow the filters (deep offsets cost the store a scan). */
export const MAX_OFFSET = 100_000;

export const ErrorBody = z
  .object({
    status: z.number().int().describe("the HTTP status again, for clients that lose it"),
    error: z.string().describe("the status text, e.g. Bad Request"),
    message: z.string().describe("what went wrong and what to change"),
  })
  .meta({ id: "Error" });

export const errorResponses = {
  400: ErrorBody.describe("a parameter is invalid; the message names it"),
  404: ErrorBody.describe("no such resource"),
} as const;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50).describe(`items per page, 1–${MAX_PAGE}`),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0).describe("items to skip"),
});

export const PageInfo = z.object({
  version: z.number().int().describe("version of the story layer's JSON documents (src/story/types.ts)"),
  total: z.number().int().nonnegative().describe("items matching the filters"),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** A calendar date, possibly partial: 2019, 2019-01 or 2019-01-22 (TimeML values without the X). */
export const DateParam = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "must be a date: YYYY, YYYY-MM or YYYY-MM-DD");

/** A short free-text parameter; long strings are refused rather than searched. */
export const ShortText = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(200, `${what} must be at most 200 characters`);

/** A story id (an integer). */
export const StoryId = z.coerce.number({ error: "story must be a story id (a number)" }).int("story must be a whole number").positive("story must be a story id (a positive number)");
