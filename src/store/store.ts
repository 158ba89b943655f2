/**
 * The store contract: what any backing database offers the CLI, the API and the workers. SQLite (embedded default)
 * and PostgreSQL implement it, and one contract suite (`contract.ts`) runs against each. Every method is async so a
 * networked database fits the same shape. Records go in whole, one transaction per article, and come out exactly as
 * they went in.
 */
import type { ArticleRecord } from "../record/schema.js";
import type {
  ActorDetail, ActorSummary, ArticleFilter, ArticlesDocument, EventFilter, EventsDocument, MergeResult, Page, StoryChanges, StoryEvent,
  StorySummary, TimelineDocument, TimelineQuery,
} from "../story/types.js";

export type * from "../story/types.js";

/** What `put` did: a new article, the same content again (nothing touched), or a new version of a known article. */
export type PutResult = "new" | "unchanged" | "updated";

export interface SearchHit {
  id: string;
  title: string | null;
  published: string | null;
  /** Matching text with the hits marked [like this]. */
  snippet: string;
  /** Rank: lower is better (bm25 in SQLite). */
  score: number;
}

/** HTTP validators of a feed, sent back as If-None-Match / If-Modified-Since. */
export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

/**
 * What `parley watch` knows of one item of a feed, by the item's key (its guid or Atom id, else its link, else a hash
 * of its content): an item that is done is never fetched or ingested again.
 */
export interface FeedItemState {
  key: string;
  /** The article it became, when it was stored in this process's store (null: queued, or no article). */
  articleId: string | null;
  /** Stored, queued, or given up on after too many attempts. */
  done: boolean;
  /** Polls that tried it. */
  attempts: number;
  /** Why the last attempt gave no article (null when it did). */
  reason: string | null;
  /** When it was first seen (ISO timestamp). */
  firstSeen: string;
}

/** One poll's outcome for one item: done (stored, queued, given up on) or not yet (tried again at the next poll). */
export interface FeedItemUpdate {
  key: string;
  done: boolean;
  articleId?: string | null;
  reason?: string | null;
}

/** A watched feed's schedule: the last poll, when the next is due, and how many polls in a row have failed. */
export interface FeedPoll {
  checkedAt: string;
  nextAt: string;
  failures: number;
  lastError: string | null;
}

export interface Store {
  /** Which implementation this is ("sqlite", "postgres"): for messages and tests, never for branching callers. */
  readonly kind: string;
  put(record: ArticleRecord): Promise<PutResult>;
  /**
   * Puts several records in one transaction, in order (so a later record with the same id wins as it would one by
   * one): all are stored or none. Batch writers use it; results are what `put` would have said for each.
   */
  putMany(records: readonly ArticleRecord[]): Promise<PutResult[]>;
  /** True when the current version of article `id` has this hash: putting it again would change nothing. */
  isCurrent(id: string, hash: string): Promise<boolean>;
  get(id: string): Promise<ArticleRecord | null>;
  /** Full-text search over titles and texts. Any user string is accepted: it is quoted, never parsed as syntax. */
  search(query: string, options?: { limit?: number }): Promise<SearchHit[]>;
  /** Current records, ordered by publication date then id, read lazily. */
  records(): AsyncIterableIterator<ArticleRecord>;
  /** Rows per table, for summaries and tests. */
  counts(): Promise<Record<string, number>>;
  // Stories (src/story/): every put updates the story the article joins, in the same transaction.
  /** Current stories (merged ones left out), latest first. */
  stories(page?: Page): Promise<StorySummary[]>;
  /** One story; a story merged into another resolves to that one. Null when unknown. */
  story(id: number): Promise<StorySummary | null>;
  /** The events of one story in timeline order (no date order guarantees beyond `sortTimeline`). */
  storyEvents(id: number): Promise<StoryEvent[]>;
  /** Story events in timeline order for a story, an actor code (or prefix) or a full-text query, within [from, to]. */
  timeline(query: TimelineQuery): Promise<TimelineDocument>;
  /** Story events matching a filter, by date then id, with the total count. */
  events(filter?: EventFilter, page?: Page): Promise<EventsDocument>;
  /** Articles matching a filter, by publication date then id, with the total count. */
  articles(filter?: ArticleFilter, page?: Page): Promise<ArticlesDocument>;
  /** Every party code in story events, with counts. */
  actors(): Promise<ActorSummary[]>;
  /** One party code: counts as actor and recipient, and per month and type. Null when it takes part in nothing. */
  actor(code: string): Promise<ActorDetail | null>;
  /** What is new in a story since an ISO date or timestamp: articles that joined, events created or changed. */
  storyChanges(id: number, since: string): Promise<StoryChanges | null>;
  /** Folds story `merged` into `target`. */
  mergeStories(target: number, merged: number): Promise<MergeResult>;
  /** Undoes a merge by its id: both stories as they are after. */
  unmergeStories(merge: number): Promise<[StorySummary, StorySummary]>;
  /** The validators (ETag, Last-Modified) last seen for a feed URL, for a conditional request; null when none. */
  feedValidators(url: string): Promise<FeedValidators | null>;
  /** Keeps a feed's validators, replacing earlier ones. */
  putFeedValidators(url: string, validators: FeedValidators): Promise<void>;
  /** What is known of these items of a feed (`parley watch`); keys never seen are left out. Any number of keys. */
  feedItemStates(url: string, keys: readonly string[]): Promise<FeedItemState[]>;
  /**
   * Records one poll's outcome for items of a feed, in one transaction: each counts an attempt; `done` and an article
   * id, once recorded, stay (a later failed attempt does not undo them); the reason is the latest one. A key given
   * twice in one call counts once, as the last one given.
   */
  putFeedItems(url: string, items: readonly FeedItemUpdate[]): Promise<void>;
  /** A watched feed's schedule; null before its first poll. */
  feedPoll(url: string): Promise<FeedPoll | null>;
  /** Keeps a watched feed's schedule, replacing the earlier one. */
  putFeedPoll(url: string, poll: FeedPoll): Promise<void>;
  /** Older versions kept for an article id. */
  versions(id: string): Promise<{ version: number; hash: string; replacedAt: string }[]>;
  close(): Promise<void>;
}
