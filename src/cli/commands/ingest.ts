import { dataOptions, DB_OPTION, stageEnv, withStore, type CommandModule, type DataFlags } from "../context.js";
import { pipelineFrom, pipelineOptions, type PipelineFlags } from "../pipeline-flags.js";

export const ingest: CommandModule = (cli, { io, setCode }) => {
  const cmd = cli
    .command("ingest")
    .description("read articles into the store; same content again changes nothing, a changed article becomes a new version")
    .argument("<inputs...>", "files, directories, feeds, URLs, or - for standard input")
    .option(...DB_OPTION);
  dataOptions(pipelineOptions(cmd)).action(async (inputs: string[], flags: { db?: string } & PipelineFlags & DataFlags) => {
    const pipeline = pipelineFrom(flags, io.stdin, io.env);
    const env = stageEnv(flags);
    const { ingestInto, printSummary } = await import("../ingest.js");
    await withStore(flags.db, io, async (store) => setCode(printSummary(await ingestInto(store, inputs, pipeline, io, env), io)));
  });
};
