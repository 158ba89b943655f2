import { SAMPLES_DIR } from "../../eval/datasets.js";
import { DB_OPTION, openStore, redactUrl, type CommandModule } from "../context.js";
import { dbPath } from "../io.js";
import { pipelineFrom } from "../pipeline-flags.js";
import { formatRecord } from "../summary.js";
import { SERVE_OPTIONS, serveUntilStopped, type ServeFlags } from "./serve.js";

export const demo: CommandModule = (cli, { io, setCode }) => {
  cli
    .command("demo")
    .description("the Quick start: ingest the bundled sample articles, show what Parley read, then serve the web page")
    .option(...DB_OPTION)
    .option("--no-serve", "stop after the summary instead of serving the page")
    .option(...SERVE_OPTIONS.port)
    .option(...SERVE_OPTIONS.host)
    .action(async (flags: ServeFlags & { serve: boolean }) => {
      const { ingestInto, printSummary } = await import("../ingest.js");
      const store = await openStore(flags.db, io);
      try {
        const sum = await ingestInto(store, [SAMPLES_DIR], pipelineFrom({}, io.stdin, io.env), io);
        for await (const r of store.records()) io.stdout.write(formatRecord(r) + "\n");
        const counts = await store.counts();
        io.stdout.write(`database ${redactUrl(dbPath(flags.db, io))}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
        setCode(printSummary(sum, io));
        if (flags.serve) await serveUntilStopped(store, flags, io);
      } finally {
        await store.close();
      }
    });
};
