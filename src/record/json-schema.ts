/** The article record as JSON Schema (draft 2020-12), generated from the zod schema so the two never drift. */
import { z } from "zod";
import { ArticleRecord, SCHEMA_VERSION } from "./schema.js";

export function recordJsonSchema(): string {
  const schema = z.toJSONSchema(ArticleRecord, { io: "output" });
  return (
    JSON.stringify(
      {
        ...schema,
        $id: `https://parley.dev/schema/record-${SCHEMA_VERSION}.json`,
        title: "Parley article record",
        description: `Parley article record, schema version ${SCHEMA_VERSION}. Offsets are UTF-16 code-unit offsets into \`text\`.`,
      },
      null,
      2,
    ) + "\n"
  );
}
