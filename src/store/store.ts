/**
 * The store contract: what any backing database (SQLite now; PostgreSQL can implement the same interface) offers
 * the CLI and, later, the API. Records go in whole, one transaction per article, and come out exactly as they went in.
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
  /** bm25 rank: lower is better. */
  score: number;
}

export interface Store {
  put(record: ArticleRecord): PutResult;
  /** True when the current version of article `id` has this hash: putting it again would change nothing. */
  isCurrent(id: string, hash: string): boolean;
  get(id: string): ArticleRecord | null;
  /** Full-text search over titles and texts. Any user string is accepted: it is quoted, never parsed as syntax. */
  search(query: string, options?: { limit?: number }): SearchHit[];
  /** Current records, ordered by publication date then id. */
  records(): IterableIterator<ArticleRecord>;
  /** Rows per table, for summaries and tests. */
  counts(): Record<string, number>;
  /** Older versions kept for an article id. */
  versions(id: string): { version: number; hash: string; replacedAt: string }[];
  close(): void;
}
