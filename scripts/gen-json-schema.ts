/**
 * Writes schema/record.schema.json (JSON Schema of the article record) from the zod schema, for users who don't run
 * TypeScript. test/schema.test.ts fails when the committed file differs, so a contract change is never silent.
 * Run: npx tsx scripts/gen-json-schema.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../src/eval/datasets.js";
import { recordJsonSchema } from "../src/record/json-schema.js";

const path = join(REPO_ROOT, "schema", "record.schema.json");
writeFileSync(path, recordJsonSchema());
console.log(`written ${path}`);
