import { DB_OPTION, withStore, type CommandModule } from "../context.js";
import { printable, terminalJson } from "../printable.js";

export const search: CommandModule = (cli, { io }) => {
  cli
    .command("search")
    .description("full-text search over stored titles and texts")
    .argument("<query...>", "words to find (all must match)")
    .option(...DB_OPTION)
    .option("--limit <n>", "most hits to show", "20")
    .option("--json", "print hits as JSON")
    .action(async (query: string[], flags: { db?: string; limit: string; json?: boolean }) => {
      await withStore(flags.db, io, async (store) => {
        const hits = await store.search(query.join(" "), { limit: Math.max(1, Number(flags.limit) || 20) });
        if (flags.json) io.stdout.write(terminalJson(JSON.stringify(hits, null, 2)) + "\n");
        else for (const h of hits) io.stdout.write(printable(`${h.id}  ${h.published ?? "-"}  ${h.title ?? "(untitled)"}\n    ${h.snippet.replace(/\s+/g, " ")}`) + "\n");
        if (!flags.json && hits.length === 0) io.stderr.write("no matches\n");
      });
    });
};
