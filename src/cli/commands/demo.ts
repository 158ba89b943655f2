import { SAMPLES_DIR } from "../../eval/datasets.js";
import { ingestInto, printSummary } from "../ingest.js";
import { DB_OPTION, redactUrl, withStore, type CommandModule } from "../context.js";
import { dbPath } from "../io.js";
import { formatRecord } from "../summary.js";

export const demo: CommandModule = (cli, { io, setCode }) => {
  cli
    .command("demo")
    .description("the Quick start: ingest the bundled sample articles and show what Parley read")
    .option(...DB_OPTION)
    .action(async (flags: { db?: string }) => {
      await withStore(flags.db, io, async (store) => {
        const sum = await ingestInto(store, [SAMPLES_DIR], {}, io);
        for await (const r of store.records()) io.stdout.write(formatRecord(r) + "\n");
        const counts = await store.counts();
        io.stdout.write(`database ${redactUrl(dbPath(flags.db, io))}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
        setCode(printSummary(sum, io));
      });
    });
};
