/**
 * The generated rows, loaded straight into each store, read back through the Store's query methods exactly as a
 * scan of the generated events says they should: every filter kind, prefixes that take in several codes, periods
 * that cut through months, years and decades, pages deep into the results. This pins the index-range plans of
 * `events` and `timeline` (date-ranges.ts) to the plain meaning of the filter.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boundary } from "../story/dates.js";
import { sortTimeline } from "../story/timeline.js";
import type { EventFilter, StoryEvent } from "../story/types.js";
import { freshSchema, postgresUnavailable, TEST_PG_URL } from "../store/pg-test-db.js";
import { openSqliteStore } from "../store/sqlite.js";
import type { Store } from "../store/store.js";
import { scaleStories } from "./scale-data.js";
import { loadPostgres, loadSqlite } from "./scale-load.js";

const OPTIONS = { articles: 3000, seed: 5 };
const stories = [...scaleStories(OPTIONS)];
const all = stories.flatMap((s) => s.events);

const inPeriod = (e: StoryEvent, from?: string, to?: string) => {
  const f = boundary(from, "from");
  const t = boundary(to, "to");
  return (!f || (e.dateTo !== null && e.dateTo >= f)) && (!t || (e.dateFrom !== null && e.dateFrom <= t));
};
/** What `events(filter)` must return: the plain reading of the filter over every generated event. */
function expected(f: EventFilter): StoryEvent[] {
  const starts = (codes: string[], p?: string) => !p || codes.some((c) => c.startsWith(p));
  return all
    .filter((e) => (f.story === undefined || e.story === f.story) && starts(e.actors, f.actor) && starts(e.recipients, f.recipient)
      && (!f.type || e.type === f.type.toUpperCase()) && (!f.mode || e.mode === f.mode) && (!f.modality || e.modality === f.modality)
      && (!f.context || !!e.context?.includes(f.context)) && (f.background === undefined || e.background === f.background) && inPeriod(e, f.from, f.to))
    .sort((a, b) => (!a.dateFrom !== !b.dateFrom ? (a.dateFrom ? -1 : 1) : a.dateFrom !== b.dateFrom ? (a.dateFrom! < b.dateFrom! ? -1 : 1) : a.id - b.id));
}

const FILTERS: EventFilter[] = [
  {}, { actor: "USA" }, { actor: "USAGOV" }, { actor: "R" }, { recipient: "S" }, { recipient: "CHN" }, { actor: "RUS", recipient: "UKR" }, { actor: "USAGOV", recipient: "CHN", from: "2018" },
  { actor: "US", recipient: "RUS" }, { actor: "CHN", recipient: "USA", type: "CONSULT", to: "2023-06" }, { actor: "USA", recipient: "USA" },
  { actor: "USA", from: "2019-03", to: "2019-05" }, { actor: "CHN", from: "2020" }, { actor: "IRN", to: "2018-06-15" },
  { recipient: "GBR", from: "1960", to: "1969" }, { type: "CONSULT" }, { type: "consult", from: "2021-02", to: "2021-02" },
  { type: "AGREE", from: "1950", to: "2017-01-10" }, { from: "2018-07-04", to: "2018-07-20" }, { from: "2024" }, { to: "1990" },
  { from: "1999-12-31", to: "2000-01-01" }, { story: 3 }, { story: 3, from: "2016" }, { story: stories.length + 5 },
  { mode: "visit" }, { modality: "expected", from: "2022" }, { context: "military", actor: "USA" }, { background: true },
  { background: false, type: "ACCUSE", actor: "RUS", from: "2017", to: "2019" },
];

function suite(name: string, open: () => Promise<{ store: Store; dispose: () => Promise<void> }>) {
  describe(`${name}: generated rows read back through the store`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await open());
    });
    afterAll(async () => {
      await store?.close();
      await dispose?.();
    });

    it("has every generated story, member and event", async () => {
      expect((await store.events({}, { limit: 1 })).total).toBe(all.length);
      const big = stories.reduce((a, b) => (b.members.length > a.members.length ? b : a));
      const s = (await store.story(big.id))!;
      const order = [...big.members].sort((a, b) => (a.published === b.published ? (a.article < b.article ? -1 : 1) : a.published < b.published ? -1 : 1));
      expect(s.articles).toEqual(order.map((m) => m.article));
      expect(s.events).toBe(big.events.length);
    });

    it("answers every filter, every page, as a scan of the events would", async () => {
      expect(FILTERS.filter((f) => expected(f).length > 0).length).toBeGreaterThanOrEqual(FILTERS.length - 2);
      for (const f of FILTERS) {
        const want = expected(f);
        for (const page of [{ limit: 100 }, { limit: 7, offset: 3 }, { limit: 50, offset: Math.max(0, want.length - 20) }]) {
          const got = await store.events(f, page);
          expect({ f, page, total: got.total }).toEqual({ f, page, total: want.length });
          expect(got.events).toEqual(want.slice(page.offset ?? 0, (page.offset ?? 0) + page.limit));
        }
      }
    });

    it("gives an actor's timeline in a period, either side, as a scan would", async () => {
      for (const q of [{ actor: "USA", from: "2019-01", to: "2019-03" }, { actor: "JPN" }, { actor: "UKRGOV", from: "2022" }, { actor: "S", to: "1975" }]) {
        const want = sortTimeline(all.filter((e) => [...e.actors, ...e.recipients].some((c) => c.startsWith(q.actor)) && inPeriod(e, q.from, q.to)));
        expect(want.length).toBeGreaterThan(0);
        expect((await store.timeline(q)).events).toEqual(want);
      }
    });
  });
}

suite("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-scale-"));
  const store = openSqliteStore(join(dir, "scale.db"));
  loadSqlite(store.db, stories);
  return { store, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});

const unavailable = await postgresUnavailable();
if (unavailable) describe.skip(`PostgreSQL: ${unavailable}`, () => it("needs a server", () => undefined));
else
  suite("PostgreSQL", async () => {
    const { schema, drop } = freshSchema();
    const { openPostgresStore } = await import("../store/postgres.js");
    const store = await openPostgresStore(TEST_PG_URL, { schema });
    await loadPostgres(store.pool, stories);
    await store.pool.query("ANALYZE");
    return { store, dispose: drop };
  });
