/**
 * Parley's page: one Preact app over the HTTP API, hash-routed. Views: stories and articles (#/), a story with its
 * timeline, network and changes (#/story/ID), an article with its highlighted evidence (#/article/ID?event=ev1),
 * the event table (#/events?actor=RUS), search (#/search?q=…).
 */
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { href, navigate, useRoute, type Route } from "./router";
import "./styles.css";
import { ArticleView } from "./views/Article";
import { EventsView } from "./views/Events";
import { Home } from "./views/Home";
import { SearchView } from "./views/Search";
import { ChangesView, StoryView } from "./views/Story";
import { NetworkView } from "./views/NetworkView";

function View({ route }: { route: Route }) {
  const [page, id] = route.parts;
  if (!page) return <Home />;
  if (page === "story" && id && route.parts[2] === "changes") return <ChangesView id={id} since={route.params.get("since") ?? ""} />;
  if (page === "story" && id) return <StoryView id={id} />;
  if (page === "network") return <NetworkView params={route.params} />;
  if (page === "article" && id) return <ArticleView id={id} eventId={route.params.get("event")} at={route.params.get("at")} />;
  if (page === "events") return <EventsView params={route.params} />;
  if (page === "search") return <SearchView q={route.params.get("q") ?? ""} />;
  return (
    <p role="alert">
      No such page. <a href="#/">Back to the stories</a>.
    </p>
  );
}

function SearchBox({ q }: { q: string }) {
  const [value, setValue] = useState(q);
  useEffect(() => setValue(q), [q]);
  return (
    <form
      role="search"
      class="search"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(href(["search"], { q: value.trim() }));
      }}
    >
      <label for="q" class="sr-only">
        Search articles
      </label>
      <input id="q" type="search" value={value} onInput={(e) => setValue(e.currentTarget.value)} placeholder="Search articles" />
      <button type="submit">Search</button>
    </form>
  );
}

function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const key = route.parts.join("/");
  // A new page moves focus to its main region, as a page load would, so keyboard and screen-reader users follow.
  useEffect(() => {
    if (!route.params.get("event")) main.current?.focus({ preventScroll: false });
  }, [key]);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="#/">
          Parley
        </a>
        <nav aria-label="main">
          <a href="#/" aria-current={route.parts.length === 0 ? "page" : undefined}>
            Stories
          </a>
          <a href="#/events" aria-current={route.parts[0] === "events" ? "page" : undefined}>
            Events
          </a>
          <a href="#/network" aria-current={route.parts[0] === "network" ? "page" : undefined}>
            Network
          </a>
        </nav>
        <SearchBox q={route.parts[0] === "search" ? (route.params.get("q") ?? "") : ""} />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <View route={route} />
      </main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
