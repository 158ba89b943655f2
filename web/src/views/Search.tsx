/** Full-text results, each snippet with its matched words marked (<mark> elements built from offsets, never from markup). */
import { api, type SearchHit } from "../api";
import { href } from "../router";
import { useApi } from "../useApi";
import { Failure, Loading } from "./common";

function Snippet({ hit }: { hit: SearchHit }) {
  const parts = [];
  let at = 0;
  hit.highlights.forEach((h, i) => {
    parts.push(hit.snippet.slice(at, h.start));
    parts.push(<mark key={i}>{hit.snippet.slice(h.start, h.end)}</mark>);
    at = h.end;
  });
  parts.push(hit.snippet.slice(at));
  return <p class="snippet">{parts}</p>;
}

export function SearchView({ q }: { q: string }) {
  const loaded = useApi(() => api.search(q), q);
  if (!q.trim()) return <p>Type words to search for in the box above.</p>;
  if (loaded.state === "loading") return <Loading what="results" />;
  if (loaded.state === "error") return <Failure message={loaded.message} />;
  const items = loaded.data.items;
  return (
    <section aria-labelledby="search-h">
      <h1 id="search-h">
        {items.length} result{items.length === 1 ? "" : "s"} for “{q}”
      </h1>
      <ol class="results">
        {items.map((h) => (
          <li key={h.id}>
            <a href={href(["article", h.id])}>{h.title ?? "(untitled)"}</a> <span class="muted">{h.published ?? "undated"}</span>
            <Snippet hit={h} />
          </li>
        ))}
      </ol>
    </section>
  );
}
