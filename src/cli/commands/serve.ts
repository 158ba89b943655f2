/**
 * `parley serve [--db] [--port] [--host] [--public]`: the HTTP API and the web page over the store. Writes need
 * PARLEY_TOKEN; reads are open on loopback, and beyond it only with --public (else they need the token too).
 */
import type { Store } from "../../store/store.js";
import { DB_OPTION, openStore, redactUrl, type CommandModule } from "../context.js";
import { CliError, dbPath, type CliIo } from "../io.js";

export interface ServeFlags {
  db?: string;
  port: string;
  host: string;
  public?: boolean;
  allowPrivate?: boolean;
}

/** Starts the server and resolves once it listens, with the URL and a way to stop it. */
export async function startServer(store: Store, flags: ServeFlags, io: CliIo): Promise<{ url: string; close: () => Promise<void> }> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number 0–65535, not ${flags.port}`);
  const token = io.env.PARLEY_TOKEN || undefined;
  // The server (Fastify and its plugins) is loaded only by the commands that serve.
  const [{ buildServer }, { isLoopback }] = await Promise.all([import("../../api/server.js"), import("../../api/auth.js")]);
  const loopback = isLoopback(flags.host);
  if (!loopback && !flags.public && !token)
    throw new CliError(`--host ${flags.host} is reachable from other machines: set PARLEY_TOKEN (reads and writes need it) or pass --public (reads open to all)`);
  const app = await buildServer({ store, token, readsNeedToken: !loopback && !flags.public, allowPrivate: flags.allowPrivate === true });
  let address: string;
  try {
    address = await app.listen({ port, host: flags.host });
  } catch (err) {
    await app.close();
    throw new CliError(`cannot listen on ${flags.host}:${port}: ${(err as Error).message}`);
  }
  const url = address.replace("[::1]", "localhost") + "/";
  return { url, close: () => app.close() };
}

/** Serves until SIGINT/SIGTERM, then closes the server and the store. */
export async function serveUntilStopped(store: Store, flags: ServeFlags, io: CliIo): Promise<void> {
  const { url, close } = await startServer(store, flags, io);
  io.stdout.write(`Parley is serving ${redactUrl(dbPath(flags.db, io))} at ${url}  (API: ${url}api/openapi.json; Ctrl-C stops)\n`);
  if (!io.env.PARLEY_TOKEN) io.stdout.write("writes (POST /api/ingest) are off: set PARLEY_TOKEN to allow them\n");
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await close();
}

export const SERVE_OPTIONS = {
  port: ["--port <n>", "port to listen on (0: any free port)", "8080"],
  host: ["--host <address>", "address to listen on", "127.0.0.1"],
  public: ["--public", "open the read endpoints to every client when --host is not loopback"],
  allowPrivate: ["--allow-private", "let POST /api/ingest {url} fetch private and loopback addresses (refused by default)"],
} as const;

export const serve: CommandModule = (cli, { io }) => {
  cli
    .command("serve")
    .description("serve the HTTP API and the web page over the store")
    .option(...DB_OPTION)
    .option(...SERVE_OPTIONS.port)
    .option(...SERVE_OPTIONS.host)
    .option(...SERVE_OPTIONS.public)
    .option(...SERVE_OPTIONS.allowPrivate)
    .action(async (flags: ServeFlags) => {
      const store = await openStore(flags.db, io);
      try {
        await serveUntilStopped(store, flags, io);
      } finally {
        await store.close();
      }
    });
};
