/**
 * Runs `parley` as a real child process from the TypeScript sources (through tsx), for tests that need processes:
 * concurrent writers, workers killed mid-article, signals.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Resolves when stderr has printed a line matching `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "bin.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let out = "";
  let err = "";
  const watchers: { re: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
    for (const w of [...watchers]) {
      const line = err.split("\n").find((l) => w.re.test(l));
      if (line !== undefined) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(re, timeoutMs = 60_000) {
      const line = err.split("\n").find((l) => re.test(l));
      if (line !== undefined) return Promise.resolve(line);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${re} in stderr:\n${err}`)), timeoutMs);
        watchers.push({ re, resolve: (l) => (clearTimeout(t), resolve(l)) });
      });
    },
  };
}
