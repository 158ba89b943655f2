/** `parley timeline`: the events of a story, an actor or a text query in date order, as a brief, JSON or CSV. */
import { boundary } from "../../story/dates.js";
import { renderCsv, renderMarkdown } from "../../story/timeline.js";
import { DB_OPTION, withStore, type CommandModule } from "../context.js";
import { CliError } from "../io.js";
import { intArg } from "./stories.js";

/** Checks a --from/--to value early, with a one-line message. */
export function dateFlag(v: string | undefined, name: string): string | undefined {
  if (v === undefined) return undefined;
  try {
    boundary(v, "from");
  } catch {
    throw new CliError(`${name} must be YYYY, YYYY-MM or YYYY-MM-DD, not ${v}`);
  }
  return v;
}

export const timeline: CommandModule = (cli, { io }) => {
  cli
    .command("timeline")
    .description("events in date order, merged across articles, each with its sources")
    .option(...DB_OPTION)
    .option("--story <id>", "a story's timeline")
    .option("--actor <code>", "events with this party (a CAMEO-style code or prefix: RUS, RUSGOV)")
    .option("--query <text>", "events told in articles matching this text")
    .option("--from <date>", "from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--to <date>", "to this date")
    .option("--format <format>", "md (a brief), json or csv", "md")
    .action(async (flags: { db?: string; story?: string; actor?: string; query?: string; from?: string; to?: string; format: string }) => {
      if (!["md", "json", "csv"].includes(flags.format)) throw new CliError(`--format must be md, json or csv, not ${flags.format}`);
      const picked = [flags.story, flags.actor, flags.query].filter((x) => x !== undefined).length;
      if (picked !== 1) throw new CliError("give one of --story ID, --actor CODE or --query TEXT");
      const q = {
        ...(flags.story !== undefined ? { story: intArg(flags.story, "--story") } : {}),
        ...(flags.actor !== undefined ? { actor: flags.actor } : {}),
        ...(flags.query !== undefined ? { query: flags.query } : {}),
        ...(dateFlag(flags.from, "--from") ? { from: flags.from } : {}),
        ...(dateFlag(flags.to, "--to") ? { to: flags.to } : {}),
      };
      await withStore(flags.db, io, async (store) => {
        const doc = await store.timeline(q).catch((e: Error) => {
          throw new CliError(e.message);
        });
        io.stdout.write(flags.format === "json" ? JSON.stringify(doc, null, 2) + "\n" : flags.format === "csv" ? renderCsv(doc) : renderMarkdown(doc));
      });
    });
};
