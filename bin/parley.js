#!/usr/bin/env node
// Entry point for `npx parley`: the compiled CLI (built by `npm run build`, which `npm ci` runs via `prepare`).
import "../dist/cli/bin.js";
