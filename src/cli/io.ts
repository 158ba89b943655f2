/** The streams and environment a CLI run uses; tests pass their own instead of touching the process's. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });

/** Exit codes (a public contract, listed in the README). */
export const EXIT = {
  ok: 0,
  /** A fatal error: bad arguments, unreadable database, unknown id. */
  error: 1,
  /** The command ran, but some inputs were skipped (each with its reason on stderr). */
  skipped: 2,
} as const;

/** An error the user can act on: printed as one line, no stack. */
export class CliError extends Error {}

export function dbPath(option: string | undefined, io: CliIo): string {
  return option ?? io.env.PARLEY_DB ?? "./parley.db";
}
