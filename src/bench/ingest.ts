/**
 * Ingest benchmarks, run by `npm run bench` after the extractor figures: the built CLI (`bin/parley.js ingest`) as a
 * child process over the te3-silver stories written as one JSONL file, into a fresh SQLite file —
 *   words/s with --jobs 1 and --jobs 2 (wall clock of the whole process, start-up included), and their ratio;
 *   peak RSS of an ingest of the corpus ×10 (every copy under its own ids, so all 24,520 are stored), read from the
 *   child's VmHWM, with the default --jobs;
 *   the child's CPU time (user + system, all its threads) from /proc, so a figure on a shared machine can be read
 *   beside the wall clock: words per CPU-second do not depend on what else the machine runs.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { RawArticle } from "../pipeline/types.js";

export interface IngestRun {
  jobs: number | "default";
  copies: number;
  articles: number;
  words: number;
  seconds: number;
  wordsPerSecond: number;
  peakRssMB: number;
  /** User + system CPU seconds of the child, all threads (sampled, so up to one interval short). */
  cpuSeconds: number;
  wordsPerCpuSecond: number;
  summary: string;
}

/** Writes the articles `copies` times as JSONL (ids suffixed per copy) and returns the file. */
function corpusFile(dir: string, articles: RawArticle[], copies: number): string {
  const file = join(dir, `corpus-x${copies}.jsonl`);
  const lines: string[] = [];
  for (let c = 0; c < copies; c++)
    for (const a of articles) lines.push(JSON.stringify({ id: c ? `${a.id}#${c}` : a.id, text: a.text, published: a.published, source: a.source, language: a.language }));
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

/** Runs the built CLI, sampling the child's peak resident memory (VmHWM) until it exits. */
/** Clock ticks per second of /proc/<pid>/stat's CPU fields (USER_HZ: 100 on Linux everywhere in practice). */
const TICKS = 100;

function runCli(bin: string, args: string[]): Promise<{ code: number; stdout: string; seconds: number; peakRssMB: number; cpuSeconds: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PARLEY_JOBS: "" } });
    let stdout = "";
    let peak = 0;
    let cpu = 0;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.resume();
    const sample = () => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        if (hwm) peak = Math.max(peak, Number(hwm) / 1024);
        // Fields 14 and 15 (utime, stime) counted after the command name, which may hold spaces, in parentheses.
        const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
        cpu = Math.max(cpu, (Number(fields[11]) + Number(fields[12])) / TICKS);
      } catch {
        // The child has exited between two samples.
      }
    };
    const timer = setInterval(sample, 100);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(timer);
      resolve({ code: code ?? 1, stdout, seconds: (performance.now() - t0) / 1000, peakRssMB: Math.round(peak), cpuSeconds: cpu });
    });
  });
}

export async function benchIngest(bin: string, articles: RawArticle[], options: { copies: number; jobs: number[] }): Promise<IngestRun[]> {
  const dir = mkdtempSync(join(tmpdir(), "parley-bench-"));
  const words = articles.reduce((n, a) => n + (a.text?.match(/\S+/g)?.length ?? 0), 0);
  const out: IngestRun[] = [];
  try {
    const once = corpusFile(dir, articles, 1);
    const plan: [number | "default", string, number][] = [...options.jobs.map((j) => [j, once, 1] as [number, string, number])];
    if (options.copies > 1) plan.push(["default", corpusFile(dir, articles, options.copies), options.copies]);
    for (const [jobs, file, copies] of plan) {
      const db = join(dir, `bench-${jobs}-${copies}.db`);
      const r = await runCli(bin, ["ingest", file, "--db", db, ...(jobs === "default" ? [] : ["--jobs", String(jobs)])]);
      if (r.code !== 0) throw new Error(`ingest --jobs ${jobs} exited with ${r.code}`);
      out.push({
        jobs,
        copies,
        articles: articles.length * copies,
        words: words * copies,
        seconds: +r.seconds.toFixed(2),
        wordsPerSecond: Math.round((words * copies) / r.seconds),
        peakRssMB: r.peakRssMB,
        cpuSeconds: +r.cpuSeconds.toFixed(1),
        wordsPerCpuSecond: Math.round((words * copies) / r.cpuSeconds),
        summary: r.stdout.trim().split("\n")[0] ?? "",
      });
      for (const f of ["", "-wal", "-shm"]) rmSync(db + f, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
