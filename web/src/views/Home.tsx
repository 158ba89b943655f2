/** The front page: the stories, then the articles. */
import { api } from "../api";
import { href } from "../router";
import { useApi } from "../useApi";
import { Failure, Loading } from "./common";

export function Home() {
  return (
    <>
      <StoryList />
      <ArticleList />
    </>
  );
}

function StoryList() {
  const loaded = useApi(() => api.stories(), "");
  if (loaded.state === "loading") return <Loading what="stories" />;
  if (loaded.state === "error") return <Failure message={loaded.message} />;
  const { stories } = loaded.data;
  return (
    <section aria-labelledby="stories-h">
      <h1 id="stories-h">Stories ({stories.length})</h1>
      {stories.length === 0 ? <p>No stories yet: ingest articles with `parley ingest` or POST /api/ingest.</p> : null}
      <ul class="story-list">
        {stories.map((s) => (
          <li key={s.id}>
            <a href={href(["story", String(s.id)])}>{s.title}</a>
            <div class="muted">
              {s.actors.slice(0, 6).join(", ")} · {s.span.from ?? "?"} to {s.span.to ?? "?"} · {s.articles.length} article{s.articles.length === 1 ? "" : "s"}, {s.events} events
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ArticleList({ story }: { story?: string }) {
  const loaded = useApi(() => api.articles({ story, limit: 200 }), story ?? "");
  if (loaded.state === "loading") return <Loading what="articles" />;
  if (loaded.state === "error") return <Failure message={loaded.message} />;
  const { articles, total } = loaded.data;
  return (
    <section aria-labelledby={`articles-h${story ?? ""}`}>
      <h2 id={`articles-h${story ?? ""}`}>Articles ({total})</h2>
      <ul class="article-list">
        {articles.map((a) => (
          <li key={a.id}>
            <a href={href(["article", a.id])}>{a.title ?? "(untitled)"}</a>{" "}
            <span class="muted">
              {a.source ?? "?"} · {a.published ?? "undated"} · {a.events} events
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
