import { createWriteStream } from "node:fs";
import { exportCsv, exportGdelt, exportGdeltMentions, exportJsonl, exportStoryEvents, EXPORT_FORMATS, type ExportFormat } from "../export.js";
import { DB_OPTION, withStore, type CommandModule } from "../context.js";
import { CliError } from "../io.js";
import type { Store } from "../../store/store.js";
import { write } from "../write.js";

function lines(store: Store, format: ExportFormat): AsyncIterable<string> {
  switch (format) {
    case "jsonl":
    case "records":
      return exportJsonl(store.records());
    case "csv":
      return exportCsv(store.records());
    case "gdelt":
      return exportGdelt(store);
    case "gdelt-mentions":
      return exportGdeltMentions(store);
    case "story-events":
      return exportStoryEvents(store);
  }
}

export const exportCmd: CommandModule = (cli, { io }) => {
  cli
    .command("export")
    .description("export records (jsonl/records), events (csv: GDELT-like column names, with a header), story events (story-events: JSONL), or the GDELT 2.0 event and mentions tables (gdelt, gdelt-mentions)")
    .option(...DB_OPTION)
    .option("--format <format>", EXPORT_FORMATS.join(", "), "jsonl")
    .option("--out <file>", "write to a file instead of standard output")
    .action(async (flags: { db?: string; format: string; out?: string }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(", ")}, not ${flags.format}`);
      await withStore(flags.db, io, async (store) => {
        const out = lines(store, flags.format as ExportFormat);
        if (!flags.out) {
          // With backpressure: a large store streams through a pipe instead of piling up in memory.
          for await (const line of out) await write(io.stdout, line);
          return;
        }
        const file = createWriteStream(flags.out);
        const failed = new Promise<never>((_, reject) => file.once("error", (e) => reject(new CliError(`cannot write ${flags.out}: ${e.message}`))));
        for await (const line of out) if (!file.write(line)) await Promise.race([new Promise<void>((r) => file.once("drain", () => r())), failed]);
        await Promise.race([new Promise<void>((resolve) => file.end(resolve)), failed]);
      });
    });
};
