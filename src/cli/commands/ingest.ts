import { ingestInto, printSummary } from "../ingest.js";
import { dataOptions, DB_OPTION, stageEnv, withStore, type CommandModule, type DataFlags } from "../context.js";

export const ingest: CommandModule = (cli, { io, setCode }) => {
  const cmd = cli
    .command("ingest")
    .description("read articles into the store; same content again changes nothing, a changed article becomes a new version")
    .argument("<inputs...>", "files, directories, feeds, URLs, or - for standard input")
    .option(...DB_OPTION)
    .option("--published <date>", "publication date (YYYY-MM-DD) for all inputs")
    .option("--source <name>", "source name for all inputs")
    .option("--no-fetch-links", "do not fetch the pages of feed items that carry only a summary");
  dataOptions(cmd).action(async (inputs: string[], flags: { db?: string; published?: string; source?: string; fetchLinks?: boolean } & DataFlags) => {
    const options = { ...(flags.published ? { published: flags.published } : {}), ...(flags.source ? { source: flags.source } : {}) };
    await withStore(flags.db, io, async (store) =>
      setCode(printSummary(await ingestInto(store, inputs, options, io, flags.fetchLinks !== false, stageEnv(flags)), io)),
    );
  });
};
