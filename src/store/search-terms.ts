/**
 * The words of a user's search, as every backend reads them: letters and digits with inner apostrophes and hyphens.
 * Anything else (quotes, operators, brackets) is dropped, so no input is ever parsed as query syntax.
 */
export function searchTerms(query: string): string[] {
  return query.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}
