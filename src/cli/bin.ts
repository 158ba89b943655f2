/** The process entry of `parley`: runs the CLI on the process's arguments and streams, and sets the exit code. */
import { main } from "./main.js";

// `parley export | head`: a reader that stops early is not an error.
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
