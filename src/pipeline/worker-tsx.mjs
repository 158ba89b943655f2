// Starts the TypeScript worker (worker.ts) through tsx when Parley runs from source (tests, tsx scripts); the built
// package starts dist/pipeline/worker.js directly and never loads this file.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
