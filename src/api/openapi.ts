/**
 * The OpenAPI transform: the zod provider's, plus request bodies given per content type (`body: {content: {…}}`,
 * which fastify validates natively but the provider's transform does not convert): each is converted on its own and
 * put back, so the document lists every accepted media type with its schema.
 */
import { jsonSchemaTransform } from "fastify-type-provider-zod";

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type ContentBody = { content: Record<string, { schema: unknown }> };

const isContentBody = (b: unknown): b is ContentBody => typeof b === "object" && b !== null && "content" in b;

export const openapiTransform: typeof jsonSchemaTransform = (input: TransformInput) => {
  const body = (input.schema as { body?: unknown } | undefined)?.body;
  if (!isContentBody(body)) return jsonSchemaTransform(input);
  const { body: _body, ...rest } = input.schema as Record<string, unknown>;
  const out = jsonSchemaTransform({ ...input, schema: rest });
  const content: Record<string, { schema: unknown }> = {};
  for (const [type, { schema }] of Object.entries(body.content))
    content[type] = { schema: (jsonSchemaTransform({ ...input, schema: { body: schema } }).schema as { body: unknown }).body };
  return { ...out, schema: { ...out.schema, body: { content } } };
};
