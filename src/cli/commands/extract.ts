import { extractCommand, type ExtractFlags } from "../extract.js";
import { dataOptions, stageEnv, type CommandModule, type DataFlags } from "../context.js";
import { CliError } from "../io.js";

export const extract: CommandModule = (cli, { io, setCode }) => {
  const cmd = cli
    .command("extract")
    .description("read articles and print their records (no database); '-' reads standard input")
    .argument("<inputs...>", "files, directories, URLs, or - for standard input")
    .option("--format <format>", "json (one document) or jsonl (one record per line)", "json")
    .option("--published <date>", "publication date (YYYY-MM-DD), overriding metadata and dateline")
    .option("--source <name>", "source name, e.g. TASS")
    .option("--url <url>", "URL of the article")
    .option("--no-fetch-links", "do not fetch the pages of feed items that carry only a summary")
    .option("--with-syntax", "add the syntax layer (tokens with part of speech, lemma and dependency parse) to each record");
  dataOptions(cmd).action(async (inputs: string[], flags: ExtractFlags & DataFlags) => {
    if (flags.format !== "json" && flags.format !== "jsonl") throw new CliError(`--format must be json or jsonl, not ${flags.format}`);
    if (flags.published && !/^\d{4}-\d{2}-\d{2}/.test(flags.published)) throw new CliError(`--published must be YYYY-MM-DD, not ${flags.published}`);
    setCode(await extractCommand(inputs, flags, io, stageEnv(flags)));
  });
};
