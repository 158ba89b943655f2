/**
 * The `parley` command line. Exit codes (public contract):
 *   0  everything was read
 *   1  fatal error: bad arguments, unopenable database, unknown id, unwritable output
 *   2  the command ran but some inputs were skipped (each reason on stderr, one line per input)
 * The database is `--db PATH`, else $PARLEY_DB, else ./parley.db.
 */
import { createWriteStream, existsSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { REPO_ROOT } from "../eval/datasets.js";
import { openSqliteStore } from "../store/sqlite.js";
import type { Store } from "../store/store.js";
import type { StageEnv } from "../pipeline/types.js";
import { exportCsv, exportJsonl } from "./export.js";
import { extractCommand, type ExtractFlags } from "./extract.js";
import { ingestInto, printSummary } from "./ingest.js";
import { CliError, dbPath, EXIT, processIo, type CliIo } from "./io.js";
import { parseCommand } from "./parse.js";
import { formatRecord } from "./summary.js";
import { VERSION } from "../version.js";

export const SAMPLES_DIR = join(REPO_ROOT, "samples");

function openStore(db: string | undefined, io: CliIo): Store {
  const path = dbPath(db, io);
  try {
    return openSqliteStore(path);
  } catch (err) {
    throw new CliError(`cannot open database ${path}: ${(err as Error).message}`);
  }
}

/** Runs `fn` with an open store and closes it after, also when `fn` fails. */
async function withStore<T>(db: string | undefined, io: CliIo, fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openStore(db, io);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

interface DataFlags {
  actors?: string[];
  patterns?: string[];
}

/** The user's data files for the stages; a missing file is a clear error, not a stack trace. */
function stageEnv(flags: DataFlags): StageEnv {
  for (const f of [...(flags.actors ?? []), ...(flags.patterns ?? [])]) if (!existsSync(f)) throw new CliError(`no such data file: ${f}`);
  return { userDictionaries: flags.actors ?? [], userPatterns: flags.patterns ?? [] };
}

function program(io: CliIo, setCode: (n: number) => void): Command {
  const dbOption = ["--db <path>", "SQLite database (default: $PARLEY_DB or ./parley.db)"] as const;
  const cli = new Command("parley")
    .description("Evidence-linked event records from international-relations news")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  cli
    .command("extract")
    .description("read articles and print their records (no database); '-' reads standard input")
    .argument("<inputs...>", "files, directories, URLs, or - for standard input")
    .option("--format <format>", "json (one document) or jsonl (one record per line)", "json")
    .option("--published <date>", "publication date (YYYY-MM-DD), overriding metadata and dateline")
    .option("--source <name>", "source name, e.g. TASS")
    .option("--url <url>", "URL of the article")
    .option("--no-fetch-links", "do not fetch the pages of feed items that carry only a summary")
    .option("--with-syntax", "add the syntax layer (tokens with part of speech, lemma and dependency parse) to each record")
    .option("--actors <files...>", "your own actor dictionaries (data/actors/README.md), read before the bundled ones")
    .option("--patterns <files...>", "your own event pattern files (data/events/README.md), added to the bundled ones")
    .action(async (inputs: string[], flags: ExtractFlags & DataFlags) => {
      if (flags.format !== "json" && flags.format !== "jsonl") throw new CliError(`--format must be json or jsonl, not ${flags.format}`);
      if (flags.published && !/^\d{4}-\d{2}-\d{2}/.test(flags.published)) throw new CliError(`--published must be YYYY-MM-DD, not ${flags.published}`);
      setCode(await extractCommand(inputs, flags, io, stageEnv(flags)));
    });

  cli
    .command("parse")
    .description("part of speech, lemmas and dependency parse, as CoNLL-U or JSON; '-' reads standard input")
    .argument("<inputs...>", "files (CoNLL-U with --input-format conllu, else articles), or - for standard input")
    .option("--input-format <format>", "text (Parley reads and tokenises the articles) or conllu (given words kept)", "text")
    .option("--format <format>", "conllu or json", "conllu")
    .action(async (inputs: string[], flags: { inputFormat: string; format: string }) => {
      if (flags.inputFormat !== "text" && flags.inputFormat !== "conllu") throw new CliError(`--input-format must be text or conllu, not ${flags.inputFormat}`);
      if (flags.format !== "conllu" && flags.format !== "json") throw new CliError(`--format must be conllu or json, not ${flags.format}`);
      setCode(await parseCommand(inputs, { inputFormat: flags.inputFormat, format: flags.format }, io));
    });

  cli
    .command("ingest")
    .description("read articles into the store; same content again changes nothing, a changed article becomes a new version")
    .argument("<inputs...>", "files, directories, feeds, URLs, or - for standard input")
    .option(...dbOption)
    .option("--published <date>", "publication date (YYYY-MM-DD) for all inputs")
    .option("--source <name>", "source name for all inputs")
    .option("--no-fetch-links", "do not fetch the pages of feed items that carry only a summary")
    .option("--actors <files...>", "your own actor dictionaries (data/actors/README.md), read before the bundled ones")
    .option("--patterns <files...>", "your own event pattern files (data/events/README.md), added to the bundled ones")
    .action(async (inputs: string[], flags: { db?: string; published?: string; source?: string; fetchLinks?: boolean } & DataFlags) => {
      const options = { ...(flags.published ? { published: flags.published } : {}), ...(flags.source ? { source: flags.source } : {}) };
      await withStore(flags.db, io, async (store) =>
        setCode(printSummary(await ingestInto(store, inputs, options, io, flags.fetchLinks !== false, stageEnv(flags)), io)),
      );
    });

  cli
    .command("show")
    .description("show one stored article: a readable summary, or the record with --json")
    .argument("<id>", "article id")
    .option(...dbOption)
    .option("--json", "print the record as JSON")
    .action(async (id: string, flags: { db?: string; json?: boolean }) => {
      await withStore(flags.db, io, (store) => {
        const r = store.get(id);
        if (!r) throw new CliError(`no article with id ${id}`);
        io.stdout.write(flags.json ? JSON.stringify(r, null, 2) + "\n" : formatRecord(r));
      });
    });

  cli
    .command("search")
    .description("full-text search over stored titles and texts")
    .argument("<query...>", "words to find (all must match)")
    .option(...dbOption)
    .option("--limit <n>", "most hits to show", "20")
    .option("--json", "print hits as JSON")
    .action(async (query: string[], flags: { db?: string; limit: string; json?: boolean }) => {
      await withStore(flags.db, io, (store) => {
        const hits = store.search(query.join(" "), { limit: Math.max(1, Number(flags.limit) || 20) });
        if (flags.json) io.stdout.write(JSON.stringify(hits, null, 2) + "\n");
        else for (const h of hits) io.stdout.write(`${h.id}  ${h.published ?? "-"}  ${h.title ?? "(untitled)"}\n    ${h.snippet.replace(/\s+/g, " ")}\n`);
        if (!flags.json && hits.length === 0) io.stderr.write("no matches\n");
      });
    });

  cli
    .command("export")
    .description("export all stored records (jsonl) or events (csv, GDELT-style columns)")
    .option(...dbOption)
    .option("--format <format>", "jsonl or csv", "jsonl")
    .option("--out <file>", "write to a file instead of standard output")
    .action(async (flags: { db?: string; format: string; out?: string }) => {
      if (flags.format !== "jsonl" && flags.format !== "csv") throw new CliError(`--format must be jsonl or csv, not ${flags.format}`);
      await withStore(flags.db, io, async (store) => {
        const lines = flags.format === "csv" ? exportCsv(store.records()) : exportJsonl(store.records());
        if (!flags.out) {
          for (const line of lines) io.stdout.write(line);
          return;
        }
        const file = createWriteStream(flags.out);
        const failed = new Promise<never>((_, reject) => file.once("error", (e) => reject(new CliError(`cannot write ${flags.out}: ${e.message}`))));
        for (const line of lines) if (!file.write(line)) await Promise.race([new Promise<void>((r) => file.once("drain", () => r())), failed]);
        await Promise.race([new Promise<void>((resolve) => file.end(resolve)), failed]);
      });
    });

  cli
    .command("demo")
    .description("the Quick start: ingest the bundled sample articles and show what Parley read")
    .option(...dbOption)
    .action(async (flags: { db?: string }) => {
      await withStore(flags.db, io, async (store) => {
        const sum = await ingestInto(store, [SAMPLES_DIR], {}, io);
        for (const r of store.records()) io.stdout.write(formatRecord(r) + "\n");
        io.stdout.write(`database ${dbPath(flags.db, io)}: ${Object.entries(store.counts()).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
        setCode(printSummary(sum, io));
      });
    });
  return cli;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program(io, (n) => (code = n)).parseAsync(argv, { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.error;
    io.stderr.write(`parley: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.error;
  }
}
