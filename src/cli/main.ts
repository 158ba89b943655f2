/**
 * The `parley` command line. Exit codes (public contract):
 *   0  everything was read
 *   1  fatal error: bad arguments, unopenable database, unknown id, unwritable output
 *   2  the command ran but some inputs were skipped (each reason on stderr, one line per input)
 * The database is `--db PATH`, else $PARLEY_DB, else ./parley.db. Each command lives in its own module
 * (`commands/`), registered in `commands/index.ts`.
 */
import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import { COMMANDS } from "./commands/index.js";
import { EXIT, processIo, type CliIo } from "./io.js";
import { printable } from "./printable.js";

function program(io: CliIo, setCode: (n: number) => void): Command {
  const cli = new Command("parley")
    .description("Evidence-linked event records from international-relations news")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  for (const register of COMMANDS) register(cli, { io, setCode });
  return cli;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program(io, (n) => (code = n)).parseAsync(argv, { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.error;
    io.stderr.write(`parley: ${printable(err instanceof Error ? err.message : String(err))}\n`);
    return EXIT.error;
  }
}
