/**
 * The story half of the store contract: stories, story events, timelines, the query methods and merges, run against
 * every backend by `storeContract`. The articles go through the real pipeline (the two TASS samples, a Singapore
 * summit on North Korea, an unrelated business story), so these tests also pin what the story layer makes of them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createExtractor } from "../pipeline/extractor.js";
import type { ArticleRecord } from "../record/schema.js";
import type { StoryEvent } from "../story/types.js";
import type { NewStore } from "./contract.js";
import type { Store } from "./store.js";

const ROOT = join(import.meta.dirname, "..", "..");
const FIXTURES = join(ROOT, "src", "story", "__fixtures__");

let extractor: ReturnType<typeof createExtractor> | undefined;
/** A file with front matter through the whole pipeline. */
export function recordOf(path: string, over: { id?: string; url?: string; source?: string; text?: (t: string) => string } = {}): ArticleRecord {
  extractor ??= createExtractor();
  const raw = readFileSync(path, "utf8");
  const meta = Object.fromEntries((/^---\n([\s\S]*?)\n---\n/.exec(raw)?.[1] ?? "").split("\n").map((l) => [l.split(":")[0]!.trim(), l.slice(l.indexOf(":") + 1).trim()]));
  const body = raw.replace(/^---[\s\S]*?---\n/, "");
  return extractor.extract(
    { origin: path, format: "text", text: over.text ? over.text(body) : body, ...(over.id ? { id: over.id } : {}), ...(over.url ?? meta.url ? { url: over.url ?? meta.url } : {}) },
    { published: meta.published, source: over.source ?? meta.source },
  );
}
export const NOV = () => recordOf(join(ROOT, "samples", "tass-2018-11-16-alliance-obligations.txt"));
export const JAN = () => recordOf(join(ROOT, "samples", "tass-2019-01-22-hostile-action-clause.txt"));
export const KOREA = () => recordOf(join(FIXTURES, "singapore-korea-summit.txt"));
export const AIRBUS = () => recordOf(join(FIXTURES, "airbus-order.txt"));
// Two more threads, kept out of src/story/__fixtures__ (which the CLI tests ingest whole).
const THREADS = join(ROOT, "src", "store", "__fixtures__");
export const HANOI = () => recordOf(join(THREADS, "hanoi-summit.txt"));
export const VIENNA = () => recordOf(join(THREADS, "vienna-nuclear-talks.txt"));

const where = (events: StoryEvent[], date: string, type: string, pred: (e: StoryEvent) => boolean = () => true) =>
  events.findIndex((e) => e.date === date && e.type === type && pred(e));

/** The unfiltered total (kept as monthly counts by triggers) agrees with a count the monthly counts do not answer. */
async function expectTotalsAgree(store: Store): Promise<void> {
  const all = await store.events({}, { limit: 10_000 });
  expect(all.total).toBe(all.events.length);
  expect(all.total).toBe((await store.events({ background: true })).total + (await store.events({ background: false })).total);
  const y2019 = await store.events({ from: "2019-01-10", to: "2019-12" }, { limit: 10_000 });
  expect(y2019.total).toBe(y2019.events.length);
}

export function storyContract(name: string, newStore: NewStore): void {
  describe(`${name} store (contract): stories`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await newStore());
    });
    afterEach(async () => {
      await store.close();
      await dispose();
    });

    it("rebuilds only the event types an article touches, with the events a rebuild of them all gives", async () => {
      // One summit told three times, without documents (a story with one is always rebuilt whole): the second article
      // tells only the meeting and the statement, the third the meeting and the pledges in other words.
      const paragraphs = (t: string, keep: number[]) => t.split("\n\n").filter((_, i) => keep.includes(i)).join("\n\n");
      const articles = () => [
        KOREA(),
        recordOf(join(FIXTURES, "singapore-korea-summit.txt"), { id: "summit-2", url: "https://example.org/summit-2", text: (t) => paragraphs(t, [0, 1, 2]) }),
        recordOf(join(FIXTURES, "singapore-korea-summit.txt"), {
          id: "summit-3", url: "https://example.org/summit-3", source: "Other Wire",
          text: (t) => paragraphs(t, [0, 1, 2, 4]).replace("met on Sentosa island", "held talks on Sentosa island").replace("China welcomed", "Beijing welcomed"),
        }),
      ];
      const full = await newStore({ stories: { rebuildAll: true } });
      try {
        for (const r of articles()) await store.put(r);
        for (const r of articles()) await full.store.put(r);
        const [s] = await store.stories();
        const [f] = await full.store.stories();
        expect(s!.articles).toHaveLength(3);
        const events = async (st: Store, id: number) =>
          (await st.timeline({ story: id })).events.map(({ firstSeen: _f, updated: _u, ...e }) => e);
        const partial = await events(store, s!.id);
        expect(partial.some((e) => e.corroboration.articles === 3)).toBe(true);
        expect(partial).toEqual(await events(full.store, f!.id));
      } finally {
        await full.store.close();
        await full.dispose();
      }
    });

    it("makes the two sample articles one story with a readable title, main actors, keywords and span", async () => {
      const nov = NOV();
      const jan = JAN();
      await store.put(nov);
      await store.put(jan);
      const stories = await store.stories();
      expect(stories).toHaveLength(1);
      const [s] = stories;
      expect(s!.articles).toEqual([nov.id, jan.id]);
      expect(s!.title).toMatch(/peace treaty/);
      expect(s!.actors.map((a) => a.slice(0, 3))).toEqual(expect.arrayContaining(["RUS", "JPN"]));
      expect(s!.keywords).toContain("treaty");
      expect(s!.span).toEqual({ from: "2018-11-16", to: "2019-01-22" });
      expect(await store.story(s!.id)).toEqual(s);
      expect(await store.story(99999)).toBeNull();
    });

    it("gives the samples' timeline in order, merged across articles, history marked as background and the future last", async () => {
      await store.put(NOV());
      await store.put(JAN());
      const [s] = await store.stories();
      const tl = await store.timeline({ story: s!.id });
      expect(tl.story!.id).toBe(s!.id);
      const ev = tl.events;
      const signing = where(ev, "1956-10-19", "AGREE");
      const ratification = where(ev, "1956-12-08", "AGREE");
      const usJapan = where(ev, "1960", "AGREE", (e) => e.actors.includes("USA"));
      const withdrawal = where(ev, "1960", "RETREAT", (e) => e.actors.includes("SUN"));
      const singapore = where(ev, "2018-11", "AGREE", (e) => e.corroboration.articles === 2);
      const arrival = where(ev, "2019-01-21", "CONSULT", (e) => e.mode === "visit");
      const kyodo = where(ev, "2019-01-22", "CONSULT", (e) => e.mentions.some((m) => m.source[0] === "Kyodo") && !e.future);
      const talks = where(ev, "2019-01-22", "CONSULT", (e) => e.modality === "expected");
      const order = [signing, ratification, usJapan, withdrawal, singapore, arrival, kyodo, talks];
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(ev[signing]!.corroboration.articles).toBe(2);
      expect(ev[ratification]!.corroboration).toMatchObject({ articles: 2, sources: 1 });
      for (const i of [signing, ratification, usJapan, withdrawal]) expect(ev[i]!.background).toBe(true);
      expect(ev[singapore]!.background).toBe(false);
      expect(ev[talks]!.future).toBe(true);
      expect(ev[usJapan]!.precision).toBe("year");
      // Every mention points at its evidence in its article.
      const jan = (await store.get(s!.articles[1]!))!;
      const m = ev[arrival]!.mentions[0]!;
      expect(jan.text.slice(m.start, m.end)).toContain("arrived in Moscow");
      expect(m).toMatchObject({ article: jan.id, publisher: "TASS", source: [] });
      expect(ev[kyodo]!.mentions[0]!.source).toEqual(["Kyodo", "diplomatic sources"]);
    });

    it("starts a second story for an unrelated article and leaves the first unchanged; the Singapore summit on North Korea is not the Russia–Japan story", async () => {
      await store.put(NOV());
      await store.put(JAN());
      const [first] = await store.stories();
      const before = await store.storyEvents(first!.id);
      await store.put(AIRBUS());
      await store.put(KOREA());
      const stories = await store.stories();
      expect(stories).toHaveLength(3);
      expect(await store.story(first!.id)).toEqual(first);
      expect(await store.storyEvents(first!.id)).toEqual(before);
      const korea = stories.find((s) => s.articles.includes(KOREA().id))!;
      expect(korea.id).not.toBe(first!.id);
      expect(korea.articles).toHaveLength(1);
    });

    it("follows one pair of parties across summits months apart, and keeps a negotiation of other parties apart though it shares words and a party", async () => {
      await store.put(KOREA());
      await store.put(HANOI());
      // Iran's nuclear talks share the United States, Trump, sanctions and "nuclear" with the Hanoi summit, not a dyad.
      await store.put(VIENNA());
      const stories = await store.stories();
      expect(stories).toHaveLength(2);
      const korea = stories.find((s) => s.articles.includes(KOREA().id))!;
      expect([...korea.articles].sort()).toEqual([KOREA().id, HANOI().id].sort());
      expect(stories.find((s) => s.articles.includes(VIENNA().id))!.articles).toEqual([VIENNA().id]);
    });

    it("filters story events by actor, recipient, type, mode, context, modality, date range, story and background, with a total", async () => {
      await store.put(NOV());
      await store.put(JAN());
      await store.put(KOREA());
      const all = await store.events();
      expect(all.total).toBe(all.events.length);
      const page = await store.events({}, { limit: 3, offset: 2 });
      expect(page.events.map((e) => e.id)).toEqual(all.events.slice(2, 5).map((e) => e.id));
      expect(page.total).toBe(all.total);
      const sun = await store.events({ actor: "SUN" });
      expect(sun.events.length).toBeGreaterThan(0);
      expect(sun.events.every((e) => e.actors.some((a) => a.startsWith("SUN")))).toBe(true);
      const toPrk = await store.events({ recipient: "PRK" });
      expect(toPrk.events.every((e) => e.recipients.some((a) => a.startsWith("PRK")))).toBe(true);
      expect(toPrk.total).toBeGreaterThan(0);
      const visits = await store.events({ type: "CONSULT", mode: "visit" });
      expect(visits.events.map((e) => e.date)).toEqual(["2019-01-21"]);
      expect((await store.events({ context: "diplomatic" })).events.every((e) => e.context?.includes("diplomatic"))).toBe(true);
      expect((await store.events({ modality: "expected" })).events.every((e) => e.modality === "expected")).toBe(true);
      const y1956 = await store.events({ from: "1956", to: "1956-12" });
      // The signing, what the declaration did (restored relations) and what its Article 9 held (the conditional
      // handover), both dated by the document, and the ratification.
      expect(y1956.events.map((e) => e.date)).toEqual(["1956-10-19", "1956-10-19", "1956-10-19", "1956-12-08"]);
      expect(y1956.events.map((e) => `${e.date} ${e.type} ${e.modality}`).sort()).toEqual([
        "1956-10-19 AGREE conditional",
        "1956-10-19 AGREE historical",
        "1956-10-19 SUPPORT historical",
        "1956-12-08 AGREE historical",
      ]);
      const bg = await store.events({ background: true });
      expect(bg.events.every((e) => e.background)).toBe(true);
      const [ru] = (await store.stories()).filter((s) => s.title.includes("peace treaty"));
      const inStory = await store.events({ story: ru!.id });
      expect(inStory.events.every((e) => e.story === ru!.id)).toBe(true);
      expect(inStory.total).toBe(ru!.events);
      await expect(store.events({ actor: "RUS*" })).rejects.toThrow(/actor code/);
    });

    it("answers timelines by actor and by text, within dates", async () => {
      await store.put(NOV());
      await store.put(JAN());
      await store.put(KOREA());
      const prk = await store.timeline({ actor: "PRK" });
      expect(prk.story).toBeNull();
      expect(prk.events.length).toBeGreaterThan(0);
      expect(prk.events.every((e) => [...e.actors, ...e.recipients].some((c) => c.startsWith("PRK")))).toBe(true);
      const jpn = await store.timeline({ actor: "JPN", from: "2018-09", to: "2019-06" });
      expect(jpn.events.length).toBeGreaterThan(0);
      expect(jpn.events.every((e) => e.dateTo! >= "2018-09-01" && e.dateFrom! <= "2019-06-30")).toBe(true);
      const dates = jpn.events.map((e) => e.dateFrom!);
      expect(dates).toEqual([...dates].sort());
      const text = await store.timeline({ query: "Kuril" });
      expect(text.events.length).toBeGreaterThan(0);
      expect(text.events.every((e) => e.mentions.some((m) => m.publisher === "TASS"))).toBe(true);
      expect((await store.timeline({ query: '"; DROP TABLE stories; --' })).events).toEqual([]);
    });

    it("lists articles by source, story, dates and text, and actors with their counts", async () => {
      await store.put(NOV());
      await store.put(JAN());
      await store.put(KOREA());
      const tass = await store.articles({ source: "TASS" });
      expect(tass.total).toBe(2);
      expect(tass.articles.map((a) => a.published)).toEqual(["2018-11-16", "2019-01-22"]);
      expect(tass.articles[0]!.story).toBe(tass.articles[1]!.story);
      expect((await store.articles({ story: tass.articles[0]!.story! })).total).toBe(2);
      expect((await store.articles({ from: "2019" })).articles.map((a) => a.published)).toEqual(["2019-01-22"]);
      expect((await store.articles({ query: "Sentosa" })).articles.map((a) => a.source)).toEqual(["Example Wire"]);
      expect((await store.articles({}, { limit: 1 })).articles).toHaveLength(1);
      const actors = await store.actors();
      const jpngov = actors.find((a) => a.code === "JPNGOV")!;
      expect(jpngov.names).toContain("Shinzo Abe");
      expect(jpngov.asActor).toBeGreaterThan(0);
      const detail = (await store.actor("JPNGOV"))!;
      expect(detail.asActor).toBe(jpngov.asActor);
      expect(detail.byMonth.some((m) => m.month === "2019-01" && m.type === "CONSULT" && m.asActor > 0)).toBe(true);
      expect(await store.actor("ZZZ")).toBeNull();
    });

    it("tells what is new in a story since a time", async () => {
      await store.put(NOV());
      const [s] = await store.stories();
      const since = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      await store.put(JAN());
      const changes = (await store.storyChanges(s!.id, since))!;
      expect(changes.articles).toEqual([JAN().id]);
      expect(changes.events.length).toBeGreaterThan(0);
      expect(changes.events.some((e) => e.date === "2019-01-21")).toBe(true);
      // The ratification gained a mention from the new article: changed too.
      expect(changes.events.some((e) => e.date === "1956-12-08")).toBe(true);
      expect(changes.events.every((e) => e.updated > since)).toBe(true);
      expect((await store.storyChanges(s!.id, new Date(Date.now() + 60_000).toISOString()))!.events).toEqual([]);
    });

    it("merges two stories and undoes the merge, keeping event ids", async () => {
      await store.put(NOV());
      await store.put(JAN());
      await store.put(KOREA());
      const [a, b] = (await store.stories()).sort((x, y) => x.id - y.id);
      const eventsA = await store.storyEvents(a!.id);
      const eventsB = await store.storyEvents(b!.id);
      const merged = await store.mergeStories(a!.id, b!.id);
      await expectTotalsAgree(store);
      expect(merged.story.articles).toHaveLength(3);
      expect(merged.story.merged).toEqual([b!.id]);
      expect((await store.stories()).map((s) => s.id)).toEqual([a!.id]);
      expect((await store.story(b!.id))!.id).toBe(a!.id);
      const ids = (await store.storyEvents(a!.id)).map((e) => e.id).sort();
      expect(ids).toEqual([...eventsA, ...eventsB].map((e) => e.id).sort());
      const [ta, tb] = await store.unmergeStories(merged.merge);
      await expectTotalsAgree(store);
      expect(ta.articles).toEqual(a!.articles);
      expect(tb.articles).toEqual(b!.articles);
      expect((await store.storyEvents(a!.id)).map((e) => e.id).sort()).toEqual(eventsA.map((e) => e.id).sort());
      expect((await store.storyEvents(b!.id)).map((e) => e.id).sort()).toEqual(eventsB.map((e) => e.id).sort());
      await expect(store.unmergeStories(merged.merge)).rejects.toThrow(/already undone/);
      await expect(store.mergeStories(a!.id, a!.id)).rejects.toThrow();
    });

    it("counts a syndicated copy as a mention, not as an independent source", async () => {
      await store.put(NOV());
      const jan = JAN();
      await store.put(jan);
      // Another outlet runs the same wire story, cut to its first paragraphs and lightly edited.
      const copy = recordOf(join(ROOT, "samples", "tass-2019-01-22-hostile-action-clause.txt"), {
        url: "https://example.org/world/russia-japan-clause",
        source: "Example Daily",
        text: (t) => t.replace("Japanese Prime Minister Shinzo Abe on Monday", "Prime Minister Shinzo Abe of Japan on Monday").replace(/Putin and Abe decided[\s\S]*$/, ""),
      });
      expect(copy.id).not.toBe(jan.id);
      await store.put(copy);
      const [s] = await store.stories();
      expect(s!.articles).toHaveLength(3);
      const arts = await store.articles({ story: s!.id });
      const groups = new Map(arts.articles.map((a) => [a.id, a.copyGroup]));
      expect(groups.get(copy.id)).toBe(groups.get(jan.id));
      const arrival = (await store.storyEvents(s!.id)).find((e) => e.date === "2019-01-21")!;
      expect(arrival.corroboration).toMatchObject({ articles: 2, sources: 1 });
      expect(arrival.mentions.map((m) => m.publisher).sort()).toEqual(["Example Daily", "TASS"]);
    });

    it("moves a changed article's mentions with its new version and forgets the old ones", async () => {
      const url = "https://tass.com/politics/1041134";
      await store.put(NOV());
      await store.put(recordOf(join(ROOT, "samples", "tass-2019-01-22-hostile-action-clause.txt"), { url }));
      const changed = recordOf(join(ROOT, "samples", "tass-2019-01-22-hostile-action-clause.txt"), { url, text: (t) => t.replace(/Japanese Prime Minister Shinzo Abe on Monday arrived in Moscow on a visit\.\s*/, "") });
      expect(await store.put(changed)).toBe("updated");
      const [s] = await store.stories();
      expect(s!.articles).toHaveLength(2);
      const events = await store.storyEvents(s!.id);
      expect(events.some((e) => e.date === "2019-01-21" && e.mode === "visit")).toBe(false);
      expect(events.find((e) => e.date === "1956-12-08")!.corroboration.articles).toBe(2);
      await expectTotalsAgree(store);
    });
  });
}
