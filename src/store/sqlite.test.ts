import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createExtractor } from "../pipeline/extractor.js";
import { validateRecord, type ArticleRecord } from "../record/schema.js";
import { ftsQuery, migrate, openSqliteStore } from "./sqlite.js";
import type { Store } from "./store.js";

const SAMPLE = join(import.meta.dirname, "..", "..", "samples", "tass-2019-01-22-hostile-action-clause.txt");
const extractor = createExtractor();
/** A real record with every layer filled: the sample article through the whole pipeline. */
function sampleRecord(text = readFileSync(SAMPLE, "utf8").replace(/^---[\s\S]*?---\n/, "")): ArticleRecord {
  return extractor.extract({ origin: SAMPLE, format: "text", text, url: "https://tass.com/politics/1041134" }, { published: "2019-01-22" });
}

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "parley-store-"));
  store = openSqliteStore(join(dir, "test.db"));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SQLite store", () => {
  it("returns exactly the record it was given, every layer included", () => {
    const r = sampleRecord();
    expect(r.entities.length && r.times.length && r.quotes.length && r.events.length).toBeGreaterThan(0);
    expect(store.put(r)).toBe("new");
    const back = store.get(r.id);
    expect(validateRecord(back)).toEqual(r);
    expect(store.get("no-such-id")).toBeNull();
  });

  it("stores layers in their own tables", () => {
    const r = sampleRecord();
    store.put(r);
    const counts = store.counts();
    expect(counts).toMatchObject({ articles: 1, sentences: r.sentences.length, entities: r.entities.length, times: r.times.length, quotes: r.quotes.length, events: r.events.length });
    expect(counts.mentions).toBe(r.entities.reduce((n, e) => n + e.mentions.length, 0));
  });

  it("changes nothing when the same article comes again, and says so before any work is done", () => {
    const r = sampleRecord();
    expect(store.isCurrent(r.id, r.hash)).toBe(false);
    store.put(r);
    expect(store.isCurrent(r.id, r.hash)).toBe(true);
    expect(store.isCurrent(r.id, "other-hash")).toBe(false);
    const before = store.counts();
    expect(store.put(sampleRecord())).toBe("unchanged");
    expect(store.counts()).toEqual(before);
  });

  it("keeps the old version when the article at the same URL changes", () => {
    const r = sampleRecord();
    store.put(r);
    const changed = sampleRecord(readFileSync(SAMPLE, "utf8").replace(/^---[\s\S]*?---\n/, "").replace("last November", "in November 2018"));
    expect(changed.id).toBe(r.id);
    expect(store.put(changed)).toBe("updated");
    expect(store.counts().articles).toBe(1);
    expect(store.versions(r.id)).toEqual([expect.objectContaining({ version: 1, hash: r.hash })]);
    expect(store.get(r.id)!.text).toContain("in November 2018");
  });

  it("searches titles and texts, and takes any user string without an FTS syntax error", () => {
    store.put(sampleRecord());
    const [hit] = store.search("hostile action");
    expect(hit!.title).toBe("Russia, Japan may include item on refraining from hostile action in peace treaty");
    expect(hit!.snippet).toMatch(/\[hostile\]|\[action\]/);
    for (const q of ['"', "AND(", "NEAR/ *", "Kyodo OR", ")))", ""]) expect(() => store.search(q)).not.toThrow();
    expect(store.search("Kuril")).toHaveLength(1);
    expect(store.search("zebra")).toHaveLength(0);
    expect(ftsQuery('peace "treaty')).toBe('"peace" "treaty"');
  });

  it("writes an article in one transaction: a failure leaves nothing behind", () => {
    const r = sampleRecord();
    // A time without a type breaks a NOT NULL column: the insert fails after the article row and earlier layers went in.
    const broken = { ...r, times: [r.times[0]!, { ...r.times[0]!, type: null as unknown as "DATE" }] };
    expect(() => store.put(broken)).toThrow();
    expect(store.counts()).toMatchObject({ articles: 0, sentences: 0, entities: 0, times: 0 });
  });

  it("applies migrations once", () => {
    store.close();
    const db = new Database(join(dir, "test.db"));
    expect(migrate(db)).toEqual([]);
    expect((db.prepare("SELECT count(*) AS n FROM schema_migrations").get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
    store = openSqliteStore(join(dir, "test.db"));
  });
});
