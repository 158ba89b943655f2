/**
 * Story rows to the engine's shapes, the same for both stores (their columns are the same): JSON columns parsed,
 * snake_case to the engine's names.
 */
import type { Member, StoryEventKeys, StoryState } from "../story/engine.js";

type Row = Record<string, unknown>;
const parse = <T>(s: unknown) => JSON.parse(s as string) as T;

export const toState = (r: Row): StoryState => ({
  id: r.id as number,
  title: r.title as string,
  titleScore: r.title_score as number,
  vector: parse(r.vector_json),
  actors: parse(r.actors_json),
  surface: parse(r.surface_json),
  keywords: parse(r.keywords_json),
  norms: parse(r.norms_json ?? "{}"),
  articles: r.article_count as number,
  from: r.span_from as string | null,
  to: r.span_to as string | null,
  mergedInto: r.merged_into as number | null,
  created: r.created_at as string,
  updated: r.updated_at as string,
});
export const toMember = (r: Row): Member => ({
  article: r.article_id as string,
  story: r.story_id as number,
  origin: r.origin_story as number,
  copyGroup: r.copy_group as string,
  publisher: r.publisher as string | null,
  url: r.url as string | null,
  joined: r.joined_at as string,
  score: r.score as number,
  features: parse(r.features_json),
  mentions: parse(r.mentions_json),
});

/** An `articles` listing row (article, its story membership and event count) in the public shape. */
export const toArticleSummary = (r: Row) => ({
  id: r.id as string,
  title: r.title as string | null,
  source: r.source as string | null,
  url: r.url as string | null,
  published: r.published as string | null,
  story: r.story_id as number | null,
  copyGroup: r.copy_group as string | null,
  // PostgreSQL returns count(*) as a string (bigint).
  events: Number(r.n),
});

/**
 * The query `eventKeys` reads, with the store's placeholder for the story id. LEFT JOIN: an event without mention rows
 * must still be seen, or a rebuild could never delete it.
 */
/** The keys query, for a placeholder of the story and, optionally, a condition on the event's type (`e.type`). */
export const eventKeysSql = (story: string, types = "") =>
  `SELECT e.id, e.story_id, e.first_seen, m.article_id, m.article_event, m.kind FROM story_events e LEFT JOIN story_event_mentions m ON m.event_id = e.id WHERE e.story_id = ${story}${types ? ` AND ${types}` : ""} ORDER BY e.id, m.seq`;

/** Rows of (event, one of its mentions), ordered by event then mention, as each event's id and mention keys. */
export function eventKeys(rows: readonly Row[]): StoryEventKeys[] {
  const out: StoryEventKeys[] = [];
  for (const r of rows) {
    const id = Number(r.id);
    let e = out[out.length - 1];
    if (!e || e.id !== id) out.push((e = { id, story: Number(r.story_id), firstSeen: r.first_seen as string, mentions: [] }));
    if (r.article_id !== null) e.mentions.push({ article: r.article_id as string, event: r.article_event as string, kind: r.kind as string });
  }
  return out;
}
