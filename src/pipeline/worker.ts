/**
 * A pipeline worker thread (started by pool.ts): creates the extractor once, then runs each source it is sent
 * through processSource, asking the main thread whether the store already holds an article (when the pool has a
 * store), and sends back the result. Nothing here writes anywhere. Started with `buildTables`, it instead builds the
 * models' shared tables once for the pool (util/shared-tables.ts), sends them and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Source } from "../ingest/convert.js";
import { reasonOf } from "../ingest/skip.js";
import type { Limits } from "./budget.js";
import type { SourceResult } from "./process.js";
import type { ExtractOptions, StageEnv } from "./types.js";
import { CITY_TABLE } from "../events/geo.js";
import { LEXICON_TABLE } from "../nlp/ner/lexicon.js";
import { SYNTAX_TABLES } from "../nlp/syntax/model.js";
import { provideTables, shareTables, type TableSpec } from "../util/shared-tables.js";

export interface WorkerInit {
  env: StageEnv;
  options: ExtractOptions;
  limits: Partial<Limits>;
  /** Ask the main thread before annotating an article (a store may already hold it). */
  ask: boolean;
  /** Send the story engine's inputs with each record (the records go to a store). */
  storyInputs: boolean;
  /** The models' tables by name, built once for the pool in SharedArrayBuffers (absent: the worker builds its own). */
  tables?: Record<string, unknown>;
  /** Build the shared tables, send them (`tables`) and end, instead of annotating. */
  buildTables?: boolean;
}

export type ToWorker = { type: "job"; seq: number; source: Source } | { type: "answer"; seq: number; current: boolean };

export type FromWorker =
  | { type: "ready" }
  | { type: "fatal"; message: string }
  | { type: "ask"; seq: number; id: string; hash: string }
  | { type: "done"; seq: number; result: SourceResult }
  | { type: "tables"; tables: Record<string, unknown> };

/**
 * The read-only tables the workers share: the syntax model's weights and tag lexicon (about 40 MB), the NER
 * lexicon's and the city table's, each of which a worker would otherwise hold in its own heap.
 */
const SHARED: readonly TableSpec<unknown>[] = [SYNTAX_TABLES, LEXICON_TABLE, CITY_TABLE];

const port = parentPort!;
const init = workerData as WorkerInit;
const send = (m: FromWorker) => port.postMessage(m);
const answers = new Map<number, (current: boolean) => void>();

function buildTables(): void {
  try {
    send({ type: "tables", tables: shareTables(SHARED) });
  } catch (err) {
    send({ type: "fatal", message: reasonOf(err) });
  }
  port.close();
}

// The pipeline is loaded only to serve: a worker that builds the tables needs none of its modules.
async function serve(): Promise<void> {
  const [{ createExtractor }, { processSource }] = await Promise.all([import("./extractor.js"), import("./process.js")]);
  let extractor: ReturnType<typeof createExtractor>;
  try {
    if (init.tables) provideTables(init.tables);
    extractor = createExtractor(init.env, { limits: init.limits });
  } catch (err) {
    send({ type: "fatal", message: reasonOf(err) });
    process.exit(1);
  }
  port.on("message", (m: ToWorker) => {
    if (m.type === "answer") {
      answers.get(m.seq)?.(m.current);
      answers.delete(m.seq);
      return;
    }
    const ask = init.ask
      ? (id: string, hash: string) =>
          new Promise<boolean>((resolve) => {
            answers.set(m.seq, resolve);
            send({ type: "ask", seq: m.seq, id, hash });
          })
      : undefined;
    void processSource(m.source, extractor, init.options, ask, init.storyInputs)
      .catch((err: unknown): SourceResult => ({ kind: "skip", origin: m.source.origin, reason: `failed: ${reasonOf(err)}` }))
      .then((result) => send({ type: "done", seq: m.seq, result }));
  });
  send({ type: "ready" });
}

if (init.buildTables) buildTables();
else await serve();
