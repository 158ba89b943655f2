/**
 * The event table: the API's filters as a form (kept in the URL, so a filtered view is a link), a page of events,
 * and export links for the same filters (CSV, the GDELT table, JSONL).
 */
import { useState } from "preact/hooks";
import { api, type Query } from "../api";
import { evidenceHref, showDate, storyParties } from "../format";
import { PLOVER_TYPES, quadOf } from "../plover";
import { href, navigate } from "../router";
import { useApi } from "../useApi";
import { Failure, Loading } from "./common";

const FIELDS = ["actor", "recipient", "type", "mode", "context", "modality", "from", "to", "story", "background"] as const;
type Field = (typeof FIELDS)[number];
const MODALITIES = ["asserted", "reported", "hedged", "expected", "conditional", "negated", "historical"];
const PAGE = 50;

export function EventsView({ params }: { params: URLSearchParams }) {
  const filters: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) {
    const v = params.get(f);
    if (v) filters[f] = v;
  }
  const offset = Number(params.get("offset") ?? 0) || 0;
  const go = (next: Partial<Record<Field, string>>, at = 0) => navigate(href(["events"], { ...next, offset: at ? String(at) : undefined }));
  const query: Query = { ...filters, limit: PAGE, offset };
  const loaded = useApi(() => api.events(query), JSON.stringify(query));

  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      <FilterForm key={JSON.stringify(filters)} initial={filters} onApply={(f) => go(f)} />
      <p class="exports">
        Export these events:{" "}
        <a href={api.exportUrl(filters, "csv")} download="parley-events.csv" data-testid="export-csv">
          CSV
        </a>{" "}
        ·{" "}
        <a href={api.exportUrl(filters, "gdelt")} download="parley-events.gdelt.tsv" data-testid="export-gdelt">
          GDELT event table
        </a>{" "}
        ·{" "}
        <a href={api.exportUrl(filters, "jsonl")} download="parley-events.jsonl">
          JSONL
        </a>
      </p>
      {loaded.state === "loading" ? <Loading what="events" /> : null}
      {loaded.state === "error" ? <Failure message={loaded.message} /> : null}
      {loaded.state === "ok" ? (
        <>
          <p role="status" data-testid="event-count">
            {loaded.data.total} event{loaded.data.total === 1 ? "" : "s"}
            {loaded.data.total > PAGE ? `, ${offset + 1}–${Math.min(offset + PAGE, loaded.data.total)} shown` : ""}
          </p>
          <div class="table-wrap" tabIndex={0} role="region" aria-label="events table">
            <table class="events" data-testid="events-table">
              <thead>
                <tr>
                  <th scope="col">date</th>
                  <th scope="col">type</th>
                  <th scope="col">who → whom</th>
                  <th scope="col">modality</th>
                  <th scope="col">articles / sources</th>
                  <th scope="col">evidence</th>
                </tr>
              </thead>
              <tbody>
                {loaded.data.events.map((event) => {
                  const q = quadOf(event.type, event.quadClass);
                  return (
                    <tr key={event.id} class={event.contradictions.length ? "contradicted" : ""}>
                      <td>{showDate(event)}</td>
                      <td>
                        <span class={`glyph ${q?.css ?? ""}`} aria-hidden="true">
                          {q?.glyph ?? "·"}
                        </span>{" "}
                        {event.type}
                        {event.mode ? ` (${event.mode})` : ""}
                        {q ? <span class="sr-only">, {q.name}</span> : null}
                      </td>
                      <td>{storyParties(event)}</td>
                      <td>
                        {event.modality}
                        {event.background ? ", background" : ""}
                      </td>
                      <td>
                        {event.corroboration.articles} art. / {event.corroboration.sources} src.
                        {event.contradictions.length ? <b class="contradiction"> ! contradicted</b> : null}
                      </td>
                      <td>
                        <a href={evidenceHref(event)}>{event.summary}</a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <nav class="pager" aria-label="pages">
            <button type="button" disabled={offset === 0} onClick={() => go(filters, Math.max(0, offset - PAGE))}>
              ← previous
            </button>
            <button type="button" disabled={offset + PAGE >= loaded.data.total} onClick={() => go(filters, offset + PAGE)}>
              next →
            </button>
          </nav>
        </>
      ) : null}
    </section>
  );
}

function FilterForm({ initial, onApply }: { initial: Partial<Record<Field, string>>; onApply: (f: Partial<Record<Field, string>>) => void }) {
  const [f, setF] = useState(initial);
  const set = (k: Field) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value.trim() || undefined });
  const text = (k: Field, label: string, hint: string) => (
    <label>
      {label}
      <input name={k} value={f[k] ?? ""} onInput={set(k)} placeholder={hint} autocomplete="off" />
    </label>
  );
  return (
    <form
      class="filters"
      aria-label="event filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      {text("actor", "actor", "RUS, JPNGOV")}
      {text("recipient", "recipient", "JPN")}
      <label>
        type
        <select name="type" value={f.type ?? ""} onChange={set("type")}>
          <option value="">any</option>
          {PLOVER_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      {text("mode", "mode", "visit, meet")}
      {text("context", "context", "diplomatic")}
      <label>
        modality
        <select name="modality" value={f.modality ?? ""} onChange={set("modality")}>
          <option value="">any</option>
          {MODALITIES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      {text("from", "from", "YYYY[-MM[-DD]]")}
      {text("to", "to", "YYYY[-MM[-DD]]")}
      {text("story", "story", "story id")}
      <label>
        background
        <select name="background" value={f.background ?? ""} onChange={set("background")}>
          <option value="">included</option>
          <option value="false">left out</option>
          <option value="true">only</option>
        </select>
      </label>
      <div class="filter-actions">
        <button type="submit">Apply filters</button>
        <button
          type="button"
          onClick={() => {
            setF({});
            onApply({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
