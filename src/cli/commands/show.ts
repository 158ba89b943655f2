import { DB_OPTION, withStore, type CommandModule } from "../context.js";
import { CliError } from "../io.js";
import { terminalJson } from "../printable.js";
import { formatRecord } from "../summary.js";

export const show: CommandModule = (cli, { io }) => {
  cli
    .command("show")
    .description("show one stored article: a readable summary, or the record with --json")
    .argument("<id>", "article id")
    .option(...DB_OPTION)
    .option("--json", "print the record as JSON")
    .action(async (id: string, flags: { db?: string; json?: boolean }) => {
      await withStore(flags.db, io, async (store) => {
        const r = await store.get(id);
        if (!r) throw new CliError(`no article with id ${id}`);
        io.stdout.write(flags.json ? terminalJson(JSON.stringify(r, null, 2)) + "\n" : formatRecord(r));
      });
    });
};
