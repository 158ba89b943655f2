/**
 * The store contract suite: one set of tests that every Store implementation must pass (Hono's pattern: one shared
 * suite, one `newStore` per backend). `sqlite.test.ts` runs it against SQLite; a PostgreSQL test runs the same.
 * Not a test file itself: it is imported by each backend's test file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createExtractor } from "../pipeline/extractor.js";
import { validateRecord, type ArticleRecord } from "../record/schema.js";
import { storyContract } from "./contract-stories.js";
import type { EngineOptions } from "../story/engine.js";
import type { Store } from "./store.js";

const SAMPLES = join(import.meta.dirname, "..", "..", "samples");
const SAMPLE = join(SAMPLES, "tass-2019-01-22-hostile-action-clause.txt");
const OTHER = join(SAMPLES, "tass-2018-11-16-alliance-obligations.txt");
const body = (path: string) => readFileSync(path, "utf8").replace(/^---[\s\S]*?---\n/, "");

let extractor: ReturnType<typeof createExtractor> | undefined;
/** A real record with every layer filled: a sample article through the whole pipeline. */
export function sampleRecord(text = body(SAMPLE), url = "https://tass.com/politics/1041134", published = "2019-01-22"): ArticleRecord {
  extractor ??= createExtractor();
  return extractor.extract({ origin: SAMPLE, format: "text", text, url }, { published });
}
export const otherRecord = () => sampleRecord(body(OTHER), "https://tass.com/politics/1031333", "2018-11-16");

/** A fresh, empty store and a way to dispose of it. */
export type NewStore = (options?: { stories?: EngineOptions }) => Promise<{ store: Store; dispose: () => Promise<void> }>;

export function storeContract(name: string, newStore: NewStore): void {
  describe(`${name} store (contract)`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await newStore());
    });
    afterEach(async () => {
      await store.close();
      await dispose();
    });

    it("returns exactly the record it was given, every layer included", async () => {
      const r = sampleRecord();
      expect(r.entities.length && r.times.length && r.quotes.length && r.events.length).toBeGreaterThan(0);
      expect(await store.put(r)).toBe("new");
      expect(validateRecord(await store.get(r.id))).toEqual(r);
      expect(await store.get("no-such-id")).toBeNull();
    });

    it("stores layers in their own tables", async () => {
      const r = sampleRecord();
      await store.put(r);
      const counts = await store.counts();
      expect(counts).toMatchObject({ articles: 1, sentences: r.sentences.length, entities: r.entities.length, times: r.times.length, quotes: r.quotes.length, events: r.events.length });
      expect(counts.mentions).toBe(r.entities.reduce((n, e) => n + e.mentions.length, 0));
    });

    it("changes nothing when the same article comes again, and says so before any work is done", async () => {
      const r = sampleRecord();
      expect(await store.isCurrent(r.id, r.hash)).toBe(false);
      await store.put(r);
      expect(await store.isCurrent(r.id, r.hash)).toBe(true);
      expect(await store.isCurrent(r.id, "other-hash")).toBe(false);
      const before = await store.counts();
      expect(await store.put(sampleRecord())).toBe("unchanged");
      expect(await store.counts()).toEqual(before);
    });

    it("keeps the old version when the article at the same URL changes", async () => {
      const r = sampleRecord();
      await store.put(r);
      const changed = sampleRecord(body(SAMPLE).replace("last November", "in November 2018"));
      expect(changed.id).toBe(r.id);
      expect(await store.put(changed)).toBe("updated");
      expect((await store.counts()).articles).toBe(1);
      expect(await store.versions(r.id)).toEqual([expect.objectContaining({ version: 1, hash: r.hash })]);
      expect((await store.get(r.id))!.text).toContain("in November 2018");
    });

    it("searches titles and texts, and takes any user string without a syntax error", async () => {
      await store.put(sampleRecord());
      const [hit] = await store.search("hostile action");
      expect(hit!.title).toBe("Russia, Japan may include item on refraining from hostile action in peace treaty");
      expect(hit!.snippet).toMatch(/\[hostile\]|\[action\]/);
      for (const q of ['"', "AND(", "NEAR/ *", "Kyodo OR", ")))", "", "'; DROP TABLE articles; --"]) await expect(store.search(q)).resolves.toBeInstanceOf(Array);
      expect(await store.search("Kuril")).toHaveLength(1);
      expect(await store.search("zebra")).toHaveLength(0);
    });

    it("lists current records in publication order", async () => {
      await store.put(sampleRecord());
      await store.put(otherRecord());
      const ids: string[] = [];
      for await (const r of store.records()) ids.push(`${r.published} ${r.title}`);
      expect(ids).toHaveLength(2);
      expect(ids[0]!.startsWith("2018-11-16")).toBe(true);
    });

    it("puts several records in one transaction, in order, saying for each what put would say", async () => {
      const a = sampleRecord();
      const b = otherRecord();
      const changed = sampleRecord(body(SAMPLE).replace("last November", "in November 2018"));
      expect(await store.putMany([a, b, a, changed])).toEqual(["new", "new", "unchanged", "updated"]);
      expect((await store.counts()).articles).toBe(2);
      expect((await store.get(a.id))!.text).toContain("in November 2018");
      expect(await store.versions(a.id)).toEqual([expect.objectContaining({ version: 1, hash: a.hash })]);
      expect(await store.putMany([])).toEqual([]);
      // All or nothing: a broken record rolls back the whole batch.
      const broken = { ...otherRecord(), id: "broken", times: [b.times[0]!, { ...b.times[0]!, type: null as unknown as "DATE" }] };
      const before = await store.counts();
      await expect(store.putMany([sampleRecord(body(SAMPLE), "https://tass.com/politics/other"), broken])).rejects.toThrow();
      expect(await store.counts()).toEqual(before);
    });

    it("keeps a feed's validators for the next conditional request", async () => {
      const url = "https://example.org/feed.xml";
      expect(await store.feedValidators(url)).toBeNull();
      await store.putFeedValidators(url, { etag: '"v1"', lastModified: "Mon, 21 Jan 2019 10:00:00 GMT" });
      expect(await store.feedValidators(url)).toEqual({ etag: '"v1"', lastModified: "Mon, 21 Jan 2019 10:00:00 GMT" });
      await store.putFeedValidators(url, { etag: '"v2"' });
      expect(await store.feedValidators(url)).toEqual({ etag: '"v2"' });
    });

    it("remembers the items of a watched feed: done stays done, attempts count, feeds apart", async () => {
      const feed = "https://example.org/feed.xml";
      expect(await store.feedItemStates(feed, ["a", "b"])).toEqual([]);
      expect(await store.feedItemStates(feed, [])).toEqual([]);
      await store.putFeedItems(feed, [
        { key: "a", done: true, articleId: "art-a" },
        { key: "b", done: false, reason: "timeout after 15 s" },
        { key: "q", done: true },
      ]);
      const first = await store.feedItemStates(feed, ["a", "b", "q", "never"]);
      expect(first).toEqual([
        { key: "a", articleId: "art-a", done: true, attempts: 1, reason: null, firstSeen: expect.any(String) },
        { key: "b", articleId: null, done: false, attempts: 1, reason: "timeout after 15 s", firstSeen: expect.any(String) },
        { key: "q", articleId: null, done: true, attempts: 1, reason: null, firstSeen: expect.any(String) },
      ]);
      // A later failure never undoes a done item or forgets its article; a retried item counts its attempts.
      await store.putFeedItems(feed, [{ key: "a", done: false, reason: "HTTP 404" }, { key: "b", done: false, reason: "HTTP 503" }, { key: "b", done: true, articleId: "art-b" }]);
      const second = await store.feedItemStates(feed, ["a", "b"]);
      expect(second).toEqual([
        { key: "a", articleId: "art-a", done: true, attempts: 2, reason: "HTTP 404", firstSeen: first[0]!.firstSeen },
        { key: "b", articleId: "art-b", done: true, attempts: 2, reason: null, firstSeen: first[1]!.firstSeen },
      ]);
      expect(await store.feedItemStates("https://example.org/other.xml", ["a", "b"])).toEqual([]);
      // Any number of keys in one look-up (more than SQLite's or PostgreSQL's bound-parameter limits).
      const many = Array.from({ length: 70_000 }, (_, i) => `k${i}`);
      await store.putFeedItems(feed, many.slice(0, 3).map((key) => ({ key, done: true })));
      expect((await store.feedItemStates(feed, many)).map((s) => s.key)).toEqual(["k0", "k1", "k2"]);
    });

    it("keeps a watched feed's poll schedule", async () => {
      const url = "https://example.org/feed.xml";
      expect(await store.feedPoll(url)).toBeNull();
      const poll = { checkedAt: "2024-05-01T10:00:00.000Z", nextAt: "2024-05-01T10:15:00.000Z", failures: 0, lastError: null };
      await store.putFeedPoll(url, poll);
      expect(await store.feedPoll(url)).toEqual(poll);
      const failed = { checkedAt: "2024-05-01T10:15:00.000Z", nextAt: "2024-05-01T10:45:00.000Z", failures: 1, lastError: "HTTP 500 Internal Server Error" };
      await store.putFeedPoll(url, failed);
      expect(await store.feedPoll(url)).toEqual(failed);
      expect(await store.feedPoll("https://example.org/other.xml")).toBeNull();
    });

    it("writes an article in one transaction: a failure leaves nothing behind", async () => {
      const r = sampleRecord();
      // A time without a type breaks a NOT NULL column: the insert fails after the article row and earlier layers went in.
      const broken = { ...r, times: [r.times[0]!, { ...r.times[0]!, type: null as unknown as "DATE" }] };
      await expect(store.put(broken)).rejects.toThrow();
      expect(await store.counts()).toMatchObject({ articles: 0, sentences: 0, entities: 0, times: 0 });
      expect(await store.put(r)).toBe("new");
    });
  });
  storyContract(name, newStore);
}
