// Public library entry: the record schema, the extractor and the store.
export * from "./record/schema.js";
export { createExtractor, type Extractor } from "./pipeline/extractor.js";
export type { RawArticle, ExtractOptions, Stage, StageFactory, Doc } from "./pipeline/types.js";
export { recordJsonSchema } from "./record/json-schema.js";
export { openSqliteStore } from "./store/sqlite.js";
export { openPostgresStore, type PostgresStore } from "./store/postgres.js";
export { openStoreAt } from "./store/open.js";
export type { Store, PutResult, SearchHit } from "./store/store.js";
export type { SqliteStore } from "./store/sqlite.js";
export { readInputs, type IngestItem, type IngestOptions } from "./ingest/index.js";
export { createAnalyser, type Analyser } from "./eval/analyse.js";
