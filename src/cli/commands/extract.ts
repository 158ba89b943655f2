import type { ExtractFlags } from "../extract.js";
import { dataOptions, stageEnv, type CommandModule, type DataFlags } from "../context.js";
import { CliError } from "../io.js";
import { pipelineOptions } from "../pipeline-flags.js";

export const extract: CommandModule = (cli, { io, setCode }) => {
  const cmd = cli
    .command("extract")
    .description("read articles and print their records (no database); '-' reads standard input")
    .argument("<inputs...>", "files, directories, URLs, or - for standard input")
    .option("--format <format>", "json (one document) or jsonl (one record per line)", "json")
    .option("--url <url>", "URL of the article")
    .option("--with-syntax", "add the syntax layer (tokens with part of speech, lemma and dependency parse) to each record");
  dataOptions(pipelineOptions(cmd)).action(async (inputs: string[], flags: ExtractFlags & DataFlags) => {
    if (flags.format !== "json" && flags.format !== "jsonl") throw new CliError(`--format must be json or jsonl, not ${flags.format}`);
    const { extractCommand } = await import("../extract.js");
    setCode(await extractCommand(inputs, flags, io, stageEnv(flags)));
  });
};
