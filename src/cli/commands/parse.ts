import type { CommandModule } from "../context.js";
import { CliError } from "../io.js";

export const parse: CommandModule = (cli, { io, setCode }) => {
  cli
    .command("parse")
    .description("part of speech, lemmas and dependency parse, as CoNLL-U or JSON; '-' reads standard input")
    .argument("<inputs...>", "files (CoNLL-U with --input-format conllu, else articles), or - for standard input")
    .option("--input-format <format>", "text (Parley reads and tokenises the articles) or conllu (given words kept)", "text")
    .option("--format <format>", "conllu or json", "conllu")
    .action(async (inputs: string[], flags: { inputFormat: string; format: string }) => {
      if (flags.inputFormat !== "text" && flags.inputFormat !== "conllu") throw new CliError(`--input-format must be text or conllu, not ${flags.inputFormat}`);
      if (flags.format !== "conllu" && flags.format !== "json") throw new CliError(`--format must be conllu or json, not ${flags.format}`);
      const { parseCommand } = await import("../parse.js");
      setCode(await parseCommand(inputs, { inputFormat: flags.inputFormat, format: flags.format }, io));
    });
};
