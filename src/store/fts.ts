import { searchTerms } from "./search-terms.js";

/** Turns any user string into an FTS5 query of quoted terms (all must match), so no input is parsed as syntax. */
export function ftsQuery(query: string): string {
  return searchTerms(query).map((t) => `"${t.replace(/"/g, "")}"`).join(" ");
}
