/**
 * The public shapes of the story layer: what `parley stories`, `parley timeline`, `parley events` print as JSON and
 * what the Store's query methods return (the HTTP API serves the same). A public contract: fields are added, never
 * renamed or removed (CHANGELOG). Ids of stories and story events are integers (GDELT's GLOBALEVENTID is one).
 */
import type { Event, Modality } from "../record/schema.js";

/** Version of the stories/timeline/events JSON contract (`version` field of each top-level document). */
export const STORY_JSON_VERSION = 1;

/** How precise a TimeML date is: "2018-11-14" day, "2018-11" month, "2018" year, "201" decade, "20" century. */
export type DatePrecision = "day" | "month" | "year" | "decade" | "century" | "unknown";

/** One telling of a story event: an event of one article, with its evidence span and source chain. */
export interface StoryMention {
  article: string;
  /** The event id in the article's record ("ev3"); for a `document` mention, the document entity id. */
  event: string;
  /** The evidence span (UTF-16 offsets into the article's `text`). */
  start: number;
  end: number;
  /** Attribution chain, nearest first (["Kyodo", "diplomatic sources"]); empty when the publisher asserts it. */
  source: string[];
  /** The article's publisher (record `source`) and publication date, for citing. */
  publisher: string | null;
  published: string | null;
  url: string | null;
  modality: Modality;
  /** The date this mention gives (TimeML value) and where it came from (the record's `dateSource`). */
  date: string | null;
  dateSource: Event["dateSource"];
  /** `event`: a coded event; `document`: a dated document named in the article ("the Joint Declaration of October 19, 1956"). */
  kind: "event" | "document";
  /** The copy group of the article (syndicated copies share one). */
  copyGroup: string;
  /** Where the trigger, actor and recipient stand (for GDELT mention offsets), when known. */
  trigger?: { start: number; end: number; text: string };
  actorStart?: number;
  recipientStart?: number;
  /** The parties as the text names them ("Japanese Prime Minister Shinzo Abe"). */
  actorText?: string;
  recipientText?: string;
  /** The first actor's and recipient's codes in this mention. */
  actorCode?: string;
  recipientCode?: string;
  /** Index of the evidence sentence in the article (0-based), whether it stands in the lead, and the text's length. */
  sentence?: number;
  lead?: boolean;
  docLength?: number;
  /** The evidence sentence, shortened. */
  text?: string;
}

export interface ContradictionVersion {
  /** The value this version gives: a date, a number, a place, "asserted"/"negated", "AGREE"/"REJECT". */
  value: string;
  /** Indexes into the story event's `mentions`. */
  mentions: number[];
  /** Independent sources behind this version. */
  sources: number;
}

export interface Contradiction {
  kind: "date" | "number" | "place" | "polarity" | "outcome";
  versions: ContradictionVersion[];
}

export interface Corroboration {
  /** Articles that tell the event. */
  articles: number;
  /** Independent sources: articles linked by syndication (copy group), outlet or first-hand source count once. */
  sources: number;
  /** Mentions (an article may tell the event twice). */
  mentions: number;
}

export interface StoryEventLocation {
  text: string;
  code?: string;
  name?: string;
  country?: string;
  fips?: string;
  admin1?: string;
  lat?: number;
  lon?: number;
  geonameId?: number;
  featureType?: string;
  /** As in the record: where the place was read ("text" or "dateline") and how it was put on the map. */
  from?: NonNullable<Event["location"]>["from"];
  resolvedBy?: NonNullable<Event["location"]>["resolvedBy"];
}

/** An event of a story: all mentions of one happening merged, across articles. */
export interface StoryEvent {
  id: number;
  story: number;
  /** The most precise date any mention gives (TimeML value), or null. */
  date: string | null;
  precision: DatePrecision;
  /** Interval the date stands for (ISO days, inclusive), for ordering and range queries. */
  dateFrom: string | null;
  dateTo: string | null;
  type: string;
  mode?: string;
  context?: string[];
  cameo?: string;
  quadClass?: number;
  score?: number;
  /** Union of the mentions' parties (CAMEO-style codes), most frequent first. */
  actors: string[];
  recipients: string[];
  location: StoryEventLocation | null;
  /** The strongest modality among the mentions; `modalities` lists every one that occurs. */
  modality: Modality;
  modalities: Modality[];
  /** History told as background (the 1956 declaration in a 2018 article). */
  background: boolean;
  /** Expected or conditional: what the articles say will or may happen. */
  future: boolean;
  corroboration: Corroboration;
  mentions: StoryMention[];
  contradictions: Contradiction[];
  /** A readable line: the evidence of the strongest mention, shortened. */
  summary: string;
  /** When this story event was first recorded and last changed (ISO timestamps). */
  firstSeen: string;
  updated: string;
}

export interface StorySummary {
  id: number;
  title: string;
  /** Article ids, in publication order. */
  articles: string[];
  /** Main actors (CAMEO-style codes), most central first. */
  actors: string[];
  keywords: string[];
  /** Publication dates of the first and last article. */
  span: { from: string | null; to: string | null };
  /** Story events, and how many of them are background. */
  events: number;
  background: number;
  /** Independent sources across the story (copy groups and outlets once). */
  sources: number;
  /** Stories merged into this one (undo with `unmergeStories`). */
  merged: number[];
  created: string;
  updated: string;
}

export interface StoriesDocument {
  version: number;
  stories: StorySummary[];
}

export interface TimelineQuery {
  story?: number;
  actor?: string;
  query?: string;
  /** ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); an event counts when its date interval overlaps [from, to]. */
  from?: string;
  to?: string;
}

export interface TimelineDocument {
  version: number;
  /** The story for `--story`, else null. */
  story: StorySummary | null;
  query: TimelineQuery;
  events: StoryEvent[];
}

export interface Page {
  limit?: number;
  offset?: number;
}

export interface EventFilter {
  story?: number;
  /** A CAMEO-style code or prefix ("RUS" matches RUSGOV). */
  actor?: string;
  recipient?: string;
  type?: string;
  mode?: string;
  context?: string;
  modality?: Modality;
  from?: string;
  to?: string;
  background?: boolean;
}

export interface EventsDocument {
  version: number;
  total: number;
  events: StoryEvent[];
}

export interface ArticleFilter {
  source?: string;
  from?: string;
  to?: string;
  story?: number;
  /** Full-text query (quoted terms, never parsed as syntax). */
  query?: string;
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  source: string | null;
  url: string | null;
  published: string | null;
  story: number | null;
  copyGroup: string | null;
  events: number;
}

export interface ArticlesDocument {
  version: number;
  total: number;
  articles: ArticleSummary[];
}

export interface ActorSummary {
  code: string;
  /** Names the articles give this code, most frequent first. */
  names: string[];
  asActor: number;
  asRecipient: number;
  stories: number;
}

export interface ActorDetail extends ActorSummary {
  /** Story events per month and PLOVER type, with the actor on either side. */
  byMonth: { month: string; type: string; asActor: number; asRecipient: number }[];
}

export interface StoryChanges {
  story: StorySummary;
  since: string;
  /** Articles that joined since then. */
  articles: string[];
  /** Story events created or changed since then. */
  events: StoryEvent[];
}

export interface MergeResult {
  /** The merge's id, for `unmergeStories`. */
  merge: number;
  story: StorySummary;
}
