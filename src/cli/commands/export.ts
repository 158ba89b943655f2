import { createWriteStream } from "node:fs";
import { exportCsv, exportJsonl } from "../export.js";
import { DB_OPTION, withStore, type CommandModule } from "../context.js";
import { CliError } from "../io.js";

export const exportCmd: CommandModule = (cli, { io }) => {
  cli
    .command("export")
    .description("export all stored records (jsonl) or events (csv, GDELT-style columns)")
    .option(...DB_OPTION)
    .option("--format <format>", "jsonl or csv", "jsonl")
    .option("--out <file>", "write to a file instead of standard output")
    .action(async (flags: { db?: string; format: string; out?: string }) => {
      if (flags.format !== "jsonl" && flags.format !== "csv") throw new CliError(`--format must be jsonl or csv, not ${flags.format}`);
      await withStore(flags.db, io, async (store) => {
        const lines = flags.format === "csv" ? exportCsv(store.records()) : exportJsonl(store.records());
        if (!flags.out) {
          for await (const line of lines) io.stdout.write(line);
          return;
        }
        const file = createWriteStream(flags.out);
        const failed = new Promise<never>((_, reject) => file.once("error", (e) => reject(new CliError(`cannot write ${flags.out}: ${e.message}`))));
        for await (const line of lines) if (!file.write(line)) await Promise.race([new Promise<void>((r) => file.once("drain", () => r())), failed]);
        await Promise.race([new Promise<void>((resolve) => file.end(resolve)), failed]);
      });
    });
};
