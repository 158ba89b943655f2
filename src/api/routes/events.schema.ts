/** Schemas of GET /api/events. */
import { z } from "zod";
import { Modality } from "../../record/schema.js";
import { DateParam, PageInfo, PageQuery, ShortText, StoryId } from "../schemas.js";
import { StoryEvent } from "./story.schema.js";

export const Code = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9]{1,15}$/, `${what} must be an actor code such as RUS or RUSGOV (letters and digits)`)
    .describe(`${what} code or its prefix: RUS matches RUS and RUSGOV`);

export const EventFormat = z.enum(["json", "csv", "jsonl", "gdelt", "gdelt-mentions"]);

export const EventsQuery = PageQuery.extend({
  actor: Code("actor").optional(),
  recipient: Code("recipient").optional(),
  type: z.string().regex(/^[A-Za-z_]{2,30}$/, "type must be a PLOVER event type such as CONSULT").optional().describe("PLOVER event type"),
  mode: ShortText("mode").optional().describe("PLOVER mode"),
  context: ShortText("context").optional().describe("PLOVER context"),
  modality: Modality.optional(),
  from: DateParam.optional().describe("event date on or after; a partial date matches the span it covers"),
  to: DateParam.optional().describe("event date on or before"),
  story: StoryId.optional().describe("only this story's events"),
  background: z.enum(["true", "false"], { error: "background must be true or false" }).optional().describe("true: only background history; false: leave it out"),
  format: EventFormat.default("json").describe(
    "json: a page of story events; the others export every matching event: csv (the columns of `parley timeline --format csv`), jsonl (one story event per line), gdelt (the GDELT 2.0 event table: 61 tab-separated columns, no header), gdelt-mentions (its mentions table)",
  ),
}).strict();
export type EventsQuery = z.infer<typeof EventsQuery>;

export const EventList = PageInfo.extend({ events: z.array(StoryEvent) }).meta({ id: "EventList" });
