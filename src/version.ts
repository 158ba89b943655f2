/** Parley's version, from package.json (read once). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./eval/datasets.js";

export const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
