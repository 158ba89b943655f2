#!/usr/bin/env node
// Entry point for `npx parley`: runs the compiled CLI (built by `npm run build`, which `npm ci` runs via `prepare`).
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`parley: ${err instanceof Error ? err.message : String(err)}`); process.exitCode = 1; },
);
