/**
 * The store contract: what any backing database offers the CLI, the API and the workers. SQLite (embedded default)
 * and PostgreSQL implement it, and one contract suite (`contract.ts`) runs against each. Every method is async so a
 * networked database fits the same shape. Records go in whole, one transaction per article, and come out exactly as
 * they went in.
 */
import type { ArticleRecord } from "../record/schema.js";

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

export interface Store {
  /** Which implementation this is ("sqlite", "postgres"): for messages and tests, never for branching callers. */
  readonly kind: string;
  put(record: ArticleRecord): Promise<PutResult>;
  /** True when the current version of article `id` has this hash: putting it again would change nothing. */
  isCurrent(id: string, hash: string): Promise<boolean>;
  get(id: string): Promise<ArticleRecord | null>;
  /** Full-text search over titles and texts. Any user string is accepted: it is quoted, never parsed as syntax. */
  search(query: string, options?: { limit?: number }): Promise<SearchHit[]>;
  /** Current records, ordered by publication date then id, read lazily. */
  records(): AsyncIterableIterator<ArticleRecord>;
  /** Rows per table, for summaries and tests. */
  counts(): Promise<Record<string, number>>;
  /** Older versions kept for an article id. */
  versions(id: string): Promise<{ version: number; hash: string; replacedAt: string }[]>;
  close(): Promise<void>;
}
