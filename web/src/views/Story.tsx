/** One story: its timeline, who deals with whom, its articles, and a way to ask what is new since a date. */
import { useState } from "preact/hooks";
import { api, type StoryEvent } from "../api";
import { evidenceHref, showDate, storyParties } from "../format";
import { href, navigate } from "../router";
import { useApi } from "../useApi";
import { Failure, Loading } from "./common";
import { ArticleList } from "./Home";
import { Network } from "./Network";
import { StoryEventList } from "./StoryEvents";
import { Timeline, type TimelineItem } from "./Timeline";

export const timelineItems = (events: StoryEvent[]): TimelineItem[] =>
  events.map((e) => ({
    id: String(e.id),
    date: e.date,
    type: e.type,
    quadClass: e.quadClass ?? null,
    label: `${showDate(e)} ${e.type}${e.mode ? ` (${e.mode})` : ""}: ${storyParties(e)}, ${e.modality}`,
    background: e.background,
    articles: e.corroboration.articles,
    sources: e.corroboration.sources,
    contradictions: e.contradictions.length,
    href: evidenceHref(e),
  }));

export function StoryView({ id }: { id: string }) {
  const loaded = useApi(() => api.timeline(id), id);
  const [since, setSince] = useState("");
  if (loaded.state === "loading") return <Loading what="story" />;
  if (loaded.state === "error") return <Failure message={loaded.message} />;
  const { story, events } = loaded.data;
  if (!story) return <Failure message="no such story" />;
  const undated = events.filter((e) => !e.date || !/^\d/.test(e.date)).length;
  return (
    <article aria-labelledby="story-title">
      <h1 id="story-title">{story.title}</h1>
      <p class="meta">
        {story.actors.join(", ")} · {story.span.from ?? "?"} to {story.span.to ?? "?"} · {story.articles.length} articles, {story.sources} independent source{story.sources === 1 ? "" : "s"} ·{" "}
        {story.events} events ({story.background} background)
        {story.keywords.length ? ` · ${story.keywords.slice(0, 8).join(", ")}` : ""}
      </p>
      <form
        class="since"
        onSubmit={(e) => {
          e.preventDefault();
          if (since) navigate(href(["story", id, "changes"], { since }));
        }}
      >
        <label>
          What is new since <input type="date" value={since} onInput={(e) => setSince(e.currentTarget.value)} required />
        </label>{" "}
        <button type="submit">Show changes</button>
      </form>
      <h2>Timeline</h2>
      <Timeline items={timelineItems(events)} title={`Timeline of ${story.title}`} />
      {undated ? <p class="muted">{undated} undated event(s) are in the list below but not on the timeline.</p> : null}
      <details open>
        <summary>
          <h2 class="inline">Events in order ({events.length})</h2>
        </summary>
        <StoryEventList events={events} label="story events in timeline order" />
      </details>
      <h2>Who deals with whom</h2>
      <Network events={events} title={`Actor network of ${story.title}`} />
      <ArticleList story={id} />
      <p>
        <a href={href(["events"], { story: id })}>This story's events as a table</a>
      </p>
    </article>
  );
}

export function ChangesView({ id, since }: { id: string; since: string }) {
  const loaded = useApi(() => api.changes(id, since), `${id} ${since}`);
  if (loaded.state === "loading") return <Loading what="changes" />;
  if (loaded.state === "error") return <Failure message={loaded.message} />;
  const { story, articles, events } = loaded.data;
  return (
    <section aria-labelledby="changes-title">
      <h1 id="changes-title">
        New in “<a href={href(["story", id])}>{story.title}</a>” since {since}
      </h1>
      <p role="status">
        {articles.length} new article{articles.length === 1 ? "" : "s"}, {events.length} new or changed event{events.length === 1 ? "" : "s"}
      </p>
      {articles.length ? (
        <ul>
          {articles.map((a) => (
            <li key={a}>
              <a href={href(["article", a])}>{a}</a>
            </li>
          ))}
        </ul>
      ) : null}
      <StoryEventList events={events} label="new or changed events" />
    </section>
  );
}
