/** `parley events`: story events (mentions merged across articles) with filters, as a table or JSON. */
import { MODALITY_ORDER } from "../../story/merge-events.js";
import { showDate } from "../../story/dates.js";
import type { EventFilter, StoryEvent } from "../../story/types.js";
import type { Modality } from "../../record/schema.js";
import { DB_OPTION, withStore, type CommandModule } from "../context.js";
import { CliError } from "../io.js";
import { intArg } from "./stories.js";
import { dateFlag } from "./timeline.js";

const row = (e: StoryEvent) =>
  `${e.id}\t${showDate(e.date, e.precision)}\t${e.type}${e.mode ? `/${e.mode}` : ""}\t${e.actors.join(",") || "-"} → ${e.recipients.join(",") || "-"}\t${e.modality}${e.background ? " background" : ""}\t${e.corroboration.articles}a/${e.corroboration.sources}s\t${e.summary}\n`;

export const events: CommandModule = (cli, { io }) => {
  cli
    .command("events")
    .description("story events with filters (each is every mention of one happening, across articles)")
    .option(...DB_OPTION)
    .option("--actor <code>", "actor code or prefix (RUS, RUSGOV)")
    .option("--recipient <code>", "recipient code or prefix")
    .option("--type <type>", "PLOVER type (AGREE, CONSULT, …)")
    .option("--mode <mode>", "PLOVER mode (visit, meet, …)")
    .option("--context <context>", "PLOVER context (diplomatic, …)")
    .option("--modality <modality>", MODALITY_ORDER.join(", "))
    .option("--story <id>", "events of one story")
    .option("--from <date>", "from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--to <date>", "to this date")
    .option("--background", "only history told as background")
    .option("--no-background", "leave background out")
    .option("--limit <n>", "most events", "100")
    .option("--offset <n>", "skip this many", "0")
    .option("--format <format>", "table or json", "table")
    .action(async (flags: Record<string, string | boolean | undefined> & { db?: string; format: string; limit: string; offset: string }) => {
      if (flags.format !== "table" && flags.format !== "json") throw new CliError(`--format must be table or json, not ${flags.format}`);
      const str = (k: string) => (typeof flags[k] === "string" ? (flags[k] as string) : undefined);
      const modality = str("modality");
      if (modality && !MODALITY_ORDER.includes(modality as Modality)) throw new CliError(`--modality must be one of ${MODALITY_ORDER.join(", ")}`);
      const filter: EventFilter = {};
      for (const k of ["actor", "recipient", "type", "mode", "context"] as const) if (str(k)) filter[k] = str(k)!;
      if (modality) filter.modality = modality as Modality;
      if (str("story")) filter.story = intArg(str("story")!, "--story");
      if (dateFlag(str("from"), "--from")) filter.from = str("from")!;
      if (dateFlag(str("to"), "--to")) filter.to = str("to")!;
      // --background first, then --no-background: commander leaves the value undefined unless one is given.
      if (typeof flags.background === "boolean") filter.background = flags.background;
      await withStore(flags.db, io, async (store) => {
        const doc = await store.events(filter, { limit: intArg(flags.limit, "--limit"), offset: intArg(flags.offset, "--offset") }).catch((e: Error) => {
          throw new CliError(e.message);
        });
        if (flags.format === "json") io.stdout.write(JSON.stringify(doc, null, 2) + "\n");
        else {
          for (const e of doc.events) io.stdout.write(row(e));
          io.stderr.write(`${doc.events.length} of ${doc.total} events\n`);
        }
      });
    });
};
