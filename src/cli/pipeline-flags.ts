/**
 * Options `extract` and `ingest` share: how inputs are read and fetched (links, private addresses, feed deadline)
 * and how articles are processed (worker threads, the per-article time limit), with their checks: a bad value is a
 * one-line error (exit 1), never a silent default.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { isoDate } from "../nlp/structure/published.js";
import type { IngestOptions } from "../ingest/sources.js";
import { DEFAULT_TIME_LIMIT_MS } from "../pipeline/pool.js";
import type { ExtractOptions } from "../pipeline/types.js";
import { CliError } from "./io.js";

export interface PipelineFlags {
  published?: string;
  source?: string;
  url?: string;
  fetchLinks?: boolean;
  allowPrivate?: boolean;
  jobs?: string;
  timeLimit?: string;
  feedDeadline?: string;
}

export interface Pipeline {
  options: ExtractOptions;
  ingest: IngestOptions;
  jobs: number;
  timeLimitMs: number;
}

export const defaultJobs = () => Math.max(1, availableParallelism());

export function pipelineOptions(cmd: Command): Command {
  return cmd
    .option("--published <date>", "publication date (YYYY-MM-DD), overriding metadata and dateline")
    .option("--source <name>", "source name, e.g. TASS")
    .option("--no-fetch-links", "do not fetch the pages of feed items that carry only a summary")
    .option("--allow-private", "fetch private, loopback and link-local addresses too (refused by default)")
    .option("--jobs <n>", `worker threads that parse and annotate (default: $PARLEY_JOBS, else the number of cores: ${defaultJobs()} here); 0 runs in this thread, without the time limit`)
    .option("--time-limit <seconds>", `longest time one article may take before it is skipped (default ${DEFAULT_TIME_LIMIT_MS / 1000})`)
    .option("--feed-deadline <seconds>", "longest time for one feed and all its item pages (default 120)");
}

function positive(name: string, value: string | undefined, integer: boolean, zero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zero) || (integer && !Number.isInteger(n)))
    throw new CliError(`${name} must be a ${zero ? "whole number, 0 or more" : `positive ${integer ? "whole " : ""}number`}, not ${value}`);
  return n;
}

/** The --published date, checked against the calendar ("2018-02-30" is refused, not stored). */
export function publishedFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CliError(`--published must be YYYY-MM-DD, not ${value}`);
  if (isoDate(value) !== value) throw new CliError(`--published ${value} is not a calendar date`);
  return value;
}

export function pipelineFrom(flags: PipelineFlags, stdin: NodeJS.ReadableStream, env: NodeJS.ProcessEnv = {}): Pipeline {
  const published = publishedFlag(flags.published);
  const jobs = positive("--jobs", flags.jobs, true, true) ?? positive("$PARLEY_JOBS", env.PARLEY_JOBS || undefined, true, true) ?? defaultJobs();
  if (jobs > 256) throw new CliError(`--jobs must be at most 256, not ${jobs}`);
  const timeLimit = positive("--time-limit", flags.timeLimit, false);
  const deadline = positive("--feed-deadline", flags.feedDeadline, false);
  const options: ExtractOptions = {};
  if (published) options.published = published;
  if (flags.source) options.source = flags.source;
  if (flags.url) options.url = flags.url;
  const ingest: IngestOptions = { stdin, fetchFeedLinks: flags.fetchLinks !== false, allowPrivate: flags.allowPrivate === true };
  if (deadline) ingest.feedDeadlineMs = deadline * 1000;
  return { options, ingest, jobs, timeLimitMs: timeLimit ? timeLimit * 1000 : DEFAULT_TIME_LIMIT_MS };
}
