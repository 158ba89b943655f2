/**
 * The CLI run from source (`npx tsx scripts/parley.ts ingest …`), as bin/parley.js runs it from dist/: for tests
 * that start real processes without a build, and for development.
 */
import { main } from "../src/cli/main.js";

process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`parley: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
