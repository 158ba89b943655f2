/**
 * What every command module gets: the streams, a way to set the exit code, and helpers shared by commands
 * (opening the store named by --db / $PARLEY_DB, the user's data files for the stages).
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import type { StageEnv } from "../pipeline/types.js";
import type { Store } from "../store/store.js";
import { CliError, dbPath, type CliIo } from "./io.js";

export interface CliContext {
  io: CliIo;
  setCode(code: number): void;
}

/** A command module: adds one command (or a few related ones) to the program. */
export type CommandModule = (cli: Command, ctx: CliContext) => void;

export const DB_OPTION = ["--db <path|url>", "SQLite file or postgres:// URL (default: $PARLEY_DB or ./parley.db)"] as const;

export async function openStore(db: string | undefined, io: CliIo): Promise<Store> {
  const location = dbPath(db, io);
  // Loaded on use: a command that needs no store loads neither SQLite nor PostgreSQL.
  const { openStoreAt } = await import("../store/open.js");
  try {
    return await openStoreAt(location);
  } catch (err) {
    throw new CliError(`cannot open database ${redactUrl(location)}: ${(err as Error).message}`);
  }
}

/** A database URL as it may be printed: without its password. */
export function redactUrl(location: string): string {
  return location.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/, "$1***@");
}

/** Runs `fn` with an open store and closes it after, also when `fn` fails. */
export async function withStore<T>(db: string | undefined, io: CliIo, fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = await openStore(db, io);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export interface DataFlags {
  actors?: string[];
  patterns?: string[];
}

/** Adds the options for the user's own data files (`--actors`, `--patterns`). */
export function dataOptions(cmd: Command): Command {
  return cmd
    .option("--actors <files...>", "your own actor dictionaries (data/actors/README.md), read before the bundled ones")
    .option("--patterns <files...>", "your own event pattern files (data/events/README.md), added to the bundled ones");
}

/** The user's data files for the stages; a missing file is a clear error, not a stack trace. */
export function stageEnv(flags: DataFlags): StageEnv {
  for (const f of [...(flags.actors ?? []), ...(flags.patterns ?? [])]) if (!existsSync(f)) throw new CliError(`no such data file: ${f}`);
  return { userDictionaries: flags.actors ?? [], userPatterns: flags.patterns ?? [] };
}
