/** The actor network over a date range (all stories): #/network?from=2018&to=2019. */
import { useState } from "preact/hooks";
import { allEvents } from "../api";
import { href, navigate } from "../router";
import { useApi } from "../useApi";
import { Failure, Loading } from "./common";
import { Network } from "./Network";

export function NetworkView({ params }: { params: URLSearchParams }) {
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const [f, setF] = useState({ from, to });
  const loaded = useApi(() => allEvents({ from, to }), `${from} ${to}`);
  const range = from || to ? `${from || "the start"} to ${to || "now"}` : "all dates";
  return (
    <section aria-labelledby="net-title">
      <h1 id="net-title">Who deals with whom, {range}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href(["network"], { from: f.from.trim() || undefined, to: f.to.trim() || undefined }));
        }}
      >
        <label>
          from
          <input name="from" value={f.from} placeholder="YYYY[-MM[-DD]]" onInput={(e) => setF({ ...f, from: e.currentTarget.value })} />
        </label>
        <label>
          to
          <input name="to" value={f.to} placeholder="YYYY[-MM[-DD]]" onInput={(e) => setF({ ...f, to: e.currentTarget.value })} />
        </label>
        <div class="filter-actions">
          <button type="submit">Show</button>
        </div>
      </form>
      {loaded.state === "loading" ? <Loading what="events" /> : null}
      {loaded.state === "error" ? <Failure message={loaded.message} /> : null}
      {loaded.state === "ok" ? <Network events={loaded.data} title={`Actor network, ${range}`} /> : null}
    </section>
  );
}
