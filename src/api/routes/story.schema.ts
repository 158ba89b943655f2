/**
 * Zod schemas of the story layer's JSON (src/story/types.ts: the same documents `parley stories|timeline|events`
 * print), used to document and serialise the story, timeline, event and actor endpoints. The serializer keeps only
 * the fields named here, so the type checks at the end fail the build when the interfaces and these schemas stop
 * naming the same fields: a field added to src/story/types.ts is added here too, and so reaches the API documented.
 */
import { z } from "zod";
import { Event, Modality } from "../../record/schema.js";
import type * as S from "../../story/types.js";

const int = z.number().int();
const date = z.string().nullable();

export const StoryMention = z
  .object({
    article: z.string(),
    event: z.string().describe("the event id in the article's record (ev3): /api/articles/{article} has it"),
    start: int,
    end: int,
    source: z.array(z.string()),
    publisher: z.string().nullable(),
    published: date,
    url: z.string().nullable(),
    modality: Modality,
    date,
    dateSource: Event.shape.dateSource,
    kind: z.enum(["event", "document"]),
    copyGroup: z.string(),
    trigger: z.object({ start: int, end: int, text: z.string() }).optional(),
    actorStart: int.optional(),
    recipientStart: int.optional(),
    actorText: z.string().optional(),
    recipientText: z.string().optional(),
    actorCode: z.string().optional(),
    recipientCode: z.string().optional(),
    sentence: int.optional(),
    lead: z.boolean().optional(),
    docLength: int.optional(),
    text: z.string().optional(),
  })
  .meta({ id: "StoryMention" });

export const ContradictionVersion = z.object({ value: z.string(), mentions: z.array(int), sources: int });
export const Contradiction = z
  .object({ kind: z.enum(["date", "number", "place", "polarity", "outcome"]), versions: z.array(ContradictionVersion) })
  .meta({ id: "Contradiction" });
export const Corroboration = z.object({ articles: int, sources: int, mentions: int });

/** The record's event location without what points into one article (offsets, entity id). */
export const StoryEventLocation = Event.shape.location.unwrap().omit({ start: true, end: true, entity: true });

export const StoryEvent = z
  .object({
    id: int,
    story: int,
    date,
    precision: z.enum(["day", "month", "year", "decade", "century", "unknown"]),
    dateFrom: date,
    dateTo: date,
    type: z.string(),
    mode: z.string().optional(),
    context: z.array(z.string()).optional(),
    cameo: z.string().optional(),
    quadClass: int.optional(),
    score: z.number().optional(),
    actors: z.array(z.string()),
    recipients: z.array(z.string()),
    location: StoryEventLocation.nullable(),
    modality: Modality,
    modalities: z.array(Modality),
    background: z.boolean(),
    future: z.boolean(),
    corroboration: Corroboration,
    mentions: z.array(StoryMention),
    contradictions: z.array(Contradiction),
    summary: z.string(),
    firstSeen: z.string(),
    updated: z.string(),
  })
  .meta({ id: "StoryEvent" });

export const StorySummary = z
  .object({
    id: int,
    title: z.string(),
    articles: z.array(z.string()),
    actors: z.array(z.string()),
    keywords: z.array(z.string()),
    span: z.object({ from: date, to: date }),
    events: int,
    background: int,
    sources: int,
    merged: z.array(int),
    created: z.string(),
    updated: z.string(),
  })
  .meta({ id: "StorySummary" });

export const TimelineQuery = z.object({
  story: int.optional(),
  actor: z.string().optional(),
  query: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

export const TimelineDocument = z
  .object({ version: int, story: StorySummary.nullable(), query: TimelineQuery, events: z.array(StoryEvent) })
  .meta({ id: "TimelineDocument" });

export const StoryChanges = z
  .object({ story: StorySummary, since: z.string(), articles: z.array(z.string()), events: z.array(StoryEvent) })
  .meta({ id: "StoryChanges" });

export const ArticleSummary = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    source: z.string().nullable(),
    url: z.string().nullable(),
    published: date,
    story: int.nullable(),
    copyGroup: z.string().nullable(),
    events: int,
  })
  .meta({ id: "ArticleSummary" });

export const ActorSummary = z
  .object({ code: z.string(), names: z.array(z.string()), asActor: int, asRecipient: int, stories: int })
  .meta({ id: "ActorSummary" });

export const ActorDetail = ActorSummary.extend({
  byMonth: z.array(z.object({ month: z.string(), type: z.string(), asActor: int, asRecipient: int })),
}).meta({ id: "ActorDetail" });

// Compile-time drift checks: each schema names exactly the fields of the story layer's interface.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends z.ZodObject, I> = Same<keyof T["shape"], keyof I>;
const checks: [
  Check<typeof StoryMention, S.StoryMention>,
  Check<typeof StoryEvent, S.StoryEvent>,
  Check<typeof Contradiction, S.Contradiction>,
  Check<typeof Corroboration, S.Corroboration>,
  Check<typeof StoryEventLocation, S.StoryEventLocation>,
  Check<typeof StorySummary, S.StorySummary>,
  Check<typeof TimelineDocument, S.TimelineDocument>,
  Check<typeof TimelineQuery, S.TimelineQuery>,
  Check<typeof StoryChanges, S.StoryChanges>,
  Check<typeof ArticleSummary, S.ArticleSummary>,
  Check<typeof ActorSummary, S.ActorSummary>,
  Check<typeof ActorDetail, S.ActorDetail>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
void checks;
