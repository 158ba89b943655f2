/**
 * The page's view of the HTTP API (docs/api.md). Types of the record come from the record schema itself (type-only
 * imports: nothing of the server is bundled). Every error is thrown as ApiFailure with the server's message.
 */
import type { ArticleRecord, Event } from "../../src/record/schema";
import type { ActorDetail, ActorSummary, ArticleSummary, StoryChanges, StoryEvent, StoryMention, StorySummary, TimelineDocument } from "../../src/story/types";

export type { ArticleRecord, Event };

export type { StoryEvent, StorySummary, StoryMention, TimelineDocument, StoryChanges, ActorSummary, ActorDetail, ArticleSummary };

interface PageInfo {
  version: number;
  total: number;
  limit: number;
  offset: number;
}

export interface SearchHit {
  id: string;
  title: string | null;
  published: string | null;
  snippet: string;
  highlights: { start: number; end: number }[];
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | undefined | null>;

/** A query string of the set parameters only (empty values are left out, so a cleared filter is no filter). */
export function queryString(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

export async function get<T>(path: string, q: Query = {}): Promise<T> {
  const res = await fetch(`/api${path}${queryString(q)}`, { headers: { accept: "application/json" } });
  const body = (await res.json().catch(() => null)) as { message?: string } | null;
  if (!res.ok) throw new ApiFailure(res.status, body?.message ?? `HTTP ${res.status}`);
  return body as T;
}

export const api = {
  stories: () => get<{ stories: StorySummary[] }>("/stories", { limit: 200 }),
  story: (id: string) => get<StorySummary>(`/stories/${encodeURIComponent(id)}`),
  timeline: (id: string) => get<TimelineDocument>(`/stories/${encodeURIComponent(id)}/timeline`),
  changes: (id: string, since: string) => get<StoryChanges>(`/stories/${encodeURIComponent(id)}/changes`, { since }),
  articles: (q: Query) => get<PageInfo & { articles: ArticleSummary[] }>("/articles", q),
  article: (id: string) => get<ArticleRecord>(`/articles/${encodeURIComponent(id)}`),
  events: (q: Query) => get<PageInfo & { events: StoryEvent[] }>("/events", q),
  actors: () => get<{ total: number; actors: ActorSummary[] }>("/actors", { limit: 500 }),
  actor: (code: string) => get<ActorDetail>(`/actors/${encodeURIComponent(code)}`),
  search: (q: string) => get<{ q: string; items: SearchHit[] }>("/search", { q, limit: 50 }),
  exportUrl: (q: Query, format: "csv" | "gdelt" | "jsonl") => `/api/events${queryString({ ...q, limit: undefined, offset: undefined, format })}`,
};

/** Every story event matching `q`, a page of 500 at a time (at most `cap`). */
export async function allEvents(q: Query, cap = 5000): Promise<StoryEvent[]> {
  const out: StoryEvent[] = [];
  for (let offset = 0; offset < cap; offset += 500) {
    const page = await api.events({ ...q, limit: 500, offset });
    out.push(...page.events);
    if (out.length >= page.total || page.events.length === 0) break;
  }
  return out;
}
