/** `parley stories`, `parley merge`, `parley unmerge`: the threads the store has followed, and fixing them by hand. */
import { DB_OPTION, withStore, type CommandModule } from "../context.js";
import { CliError } from "../io.js";
import { STORY_JSON_VERSION, type StorySummary } from "../../story/types.js";

export const intArg = (v: string, what: string) => {
  if (!/^\d+$/.test(v)) throw new CliError(`${what} must be a number, not ${v}`);
  return Number(v);
};

function table(stories: StorySummary[]): string {
  const rows = stories.map((s) => [String(s.id), String(s.articles.length), String(s.events), `${s.span.from ?? "?"}…${s.span.to ?? "?"}`, s.actors.slice(0, 4).join(" "), s.title]);
  const head = ["id", "articles", "events", "span", "actors", "title"];
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]!))).join("  ");
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}

export const stories: CommandModule = (cli, { io }) => {
  cli
    .command("stories")
    .description("the stories (threads of articles) in the store, latest first")
    .option(...DB_OPTION)
    .option("--format <format>", "table or json", "table")
    .option("--limit <n>", "most stories to list", "1000")
    .action(async (flags: { db?: string; format: string; limit: string }) => {
      if (flags.format !== "table" && flags.format !== "json") throw new CliError(`--format must be table or json, not ${flags.format}`);
      await withStore(flags.db, io, async (store) => {
        const list = await store.stories({ limit: intArg(flags.limit, "--limit") });
        io.stdout.write(flags.format === "json" ? JSON.stringify({ version: STORY_JSON_VERSION, stories: list }, null, 2) + "\n" : table(list));
      });
    });

  cli
    .command("merge")
    .description("fold one story into another (undo with `parley unmerge MERGE_ID`)")
    .argument("<target>", "the story that stays")
    .argument("<merged>", "the story folded into it")
    .option(...DB_OPTION)
    .action(async (target: string, merged: string, flags: { db?: string }) => {
      await withStore(flags.db, io, async (store) => {
        const r = await store.mergeStories(intArg(target, "target"), intArg(merged, "merged")).catch((e: Error) => {
          throw new CliError(e.message);
        });
        io.stdout.write(`merge ${r.merge}: story ${merged} folded into ${target} (${r.story.articles.length} articles)\n`);
      });
    });

  cli
    .command("unmerge")
    .description("undo a merge: the articles that first joined the merged story go back to it")
    .argument("<merge>", "the merge id `parley merge` printed")
    .option(...DB_OPTION)
    .action(async (merge: string, flags: { db?: string }) => {
      await withStore(flags.db, io, async (store) => {
        const [a, b] = await store.unmergeStories(intArg(merge, "merge")).catch((e: Error) => {
          throw new CliError(e.message);
        });
        io.stdout.write(`merge ${merge} undone: story ${a.id} (${a.articles.length} articles), story ${b.id} (${b.articles.length} articles)\n`);
      });
    });
};
