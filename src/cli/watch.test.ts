/**
 * `parley watch` against a real HTTP server on loopback serving RSS with an ETag: items ingested once, 304s, new
 * items alone, restarts, failing feeds backed off, items retried then given up, signals. `--once` runs in-process
 * (PARLEY_JOBS=0, as cli.test.ts); the loop and the signals run as real processes (test/helpers/spawn-cli.ts).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { spawnCli } from "../../test/helpers/spawn-cli.js";
import { freshStream, natsUnavailable } from "../queue/nats-test-server.js";
import { openSqliteStore } from "../store/sqlite.js";
import { main } from "./main.js";
import type { PollSummary } from "./watch-poll.js";

const PLACES = ["MOSCOW", "TOKYO", "BEIJING", "SEOUL", "PARIS", "BERLIN", "LONDON", "DELHI"];
const page = (n: number) =>
  `<html><head><title>Peace treaty talks, round ${n}</title></head><body><article>${Array.from({ length: 5 }, (_, i) =>
    `<p>${PLACES[n % PLACES.length]} (Reuters) - In round ${n} of the talks, paragraph ${i}: Japan and Russia discussed a peace treaty on Monday, the foreign ministry said after the meeting in the capital.</p>`).join("")}</article></body></html>`;

/** One site: a feed of numbered items linking to pages, an ETag per version of the feed, and a count of every request. */
class Site {
  server!: Server;
  base = "";
  items: number[] = [];
  etag = true;
  hits = new Map<string, number>();
  /** Paths answered with this status (and headers) instead. */
  fail = new Map<string, { status: number; headers?: Record<string, string> }>();
  /** Paths answered after this many ms; `onHit` is told each request as it arrives. */
  slow = new Map<string, number>();
  onHit: (path: string) => void = () => undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  reset(): void {
    this.items = [1, 2, 3];
    this.etag = true;
    this.hits.clear();
    this.fail.clear();
    this.slow.clear();
    this.onHit = () => undefined;
  }
  hit = (path: string) => this.hits.get(path) ?? 0;
  url = (path: string) => `${this.base}${path}`;

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? "/";
    this.hits.set(path, this.hit(path) + 1);
    this.onHit(path);
    const failure = this.fail.get(path);
    if (failure) return void res.writeHead(failure.status, failure.headers ?? {}).end("failed");
    const article = /^\/article\/(\d+)$/.exec(path);
    if (article) {
      const send = () => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(Number(article[1])));
      const delay = this.slow.get(path);
      return void (delay ? setTimeout(send, delay) : send());
    }
    if (path === "/feed.xml" || path === "/other.xml") {
      const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Talks</title>${this.items
        .map((n) => `<item><title>Round ${n}</title><link>${this.base}/article/${n}</link><guid isPermaLink="false">urn:talks:${n}</guid><pubDate>Mon, 0${(n % 9) + 1} Apr 2019 10:00:00 GMT</pubDate><description>Short.</description></item>`)
        .join("")}</channel></rss>`;
      const tag = `"${createHash("sha1").update(body).digest("hex").slice(0, 12)}"`;
      if (this.etag && req.headers["if-none-match"] === tag) return void res.writeHead(304).end();
      return void res.writeHead(200, { "content-type": "application/rss+xml", ...(this.etag ? { etag: tag } : {}) }).end(body);
    }
    res.writeHead(404).end("not found");
  }
}

const site = new Site();
let dir: string;
let db: string;
beforeAll(() => site.start());
afterAll(() => new Promise<void>((r) => site.server.close(() => r())));
beforeEach(() => {
  site.reset();
  dir = mkdtempSync(join(tmpdir(), "parley-watch-"));
  db = join(dir, "watch.db");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d: Buffer) => out.push(d.toString()));
  const stderr = new PassThrough().on("data", (d: Buffer) => err.push(d.toString()));
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([""]), env: { PARLEY_JOBS: "0", PARLEY_DB: db } });
  return { code, stdout: out.join(""), stderr: err.join("") };
}
/** `watch --once --json` over these paths: the exit code, stderr, and each feed's poll summary. */
async function once(paths: string[], ...more: string[]) {
  const r = await run(["watch", ...paths.map(site.url), "--once", "--json", "--allow-private", ...more]);
  const polls = r.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as PollSummary);
  return { ...r, polls, poll: polls[0]! };
}
async function inStore<T>(fn: (store: ReturnType<typeof openSqliteStore>) => Promise<T>): Promise<T> {
  const store = openSqliteStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
const pageHits = () => [1, 2, 3, 4].map((n) => site.hit(`/article/${n}`));

describe("parley watch --once", () => {
  it("ingests a feed's items once: then nothing on a 304, then only a new item, then nothing after a restart without the ETag", async () => {
    const first = await once(["/feed.xml"]);
    expect(first.code).toBe(0);
    expect(first.poll).toMatchObject({ feed: site.url("/feed.xml"), status: "ok", http: 200, items: 3, seen: 0, new: 3, skipped: 0, failures: 0, error: null });
    expect(Date.parse(first.poll.nextAt) - Date.parse(first.poll.at)).toBe(15 * 60_000);
    expect(pageHits()).toEqual([1, 1, 1, 0]);
    await inStore(async (store) => {
      expect((await store.counts()).articles).toBe(3);
      // Through the ingest pipeline: the articles joined a story.
      expect((await store.stories()).flatMap((s) => s.articles).sort()).toEqual((await store.articles()).articles.map((a) => a.id).sort());
      expect(await store.feedValidators(site.url("/feed.xml"))).toEqual({ etag: expect.stringMatching(/^"[0-9a-f]{12}"$/) });
    });

    const second = await once(["/feed.xml"]);
    expect(second.poll).toMatchObject({ status: "not-modified", http: 304, items: 0, new: 0 });
    expect(pageHits()).toEqual([1, 1, 1, 0]);

    site.items = [1, 2, 3, 4];
    const third = await once(["/feed.xml"]);
    expect(third.poll).toMatchObject({ status: "ok", http: 200, items: 4, seen: 3, new: 1, unchanged: 0 });
    expect(pageHits()).toEqual([1, 1, 1, 1]);

    // The server forgets its ETags: the whole feed comes again, and no item is fetched or stored again.
    site.etag = false;
    const fourth = await once(["/feed.xml"]);
    expect(fourth.poll).toMatchObject({ status: "ok", http: 200, items: 4, seen: 4, new: 0, unchanged: 0 });
    expect(pageHits()).toEqual([1, 1, 1, 1]);
    await inStore(async (store) => {
      expect((await store.counts()).articles).toBe(4);
      const states = await store.feedItemStates(site.url("/feed.xml"), [1, 2, 3, 4].map((n) => `urn:talks:${n}`));
      expect(states.map((s) => [s.done, s.attempts])).toEqual([[true, 1], [true, 1], [true, 1], [true, 1]]);
      for (const s of states) expect((await store.get(s.articleId!))?.url).toMatch(/\/article\/\d$/);
    });
  });

  it("reports a failing feed on one line naming it, backs it off, and goes on with the other feed", async () => {
    site.fail.set("/broken.xml", { status: 500 });
    const first = await once(["/broken.xml", "/feed.xml"], "--every", "1m");
    expect(first.code).toBe(2);
    const [broken, good] = first.polls;
    expect(broken).toMatchObject({ feed: site.url("/broken.xml"), status: "error", http: 500, error: "HTTP 500 Internal Server Error", failures: 1 });
    const wait1 = Date.parse(broken!.nextAt) - Date.parse(broken!.at);
    expect(wait1).toBeGreaterThanOrEqual(96_000);
    expect(wait1).toBeLessThan(144_000);
    expect(good).toMatchObject({ status: "ok", new: 3 });
    expect(first.stderr.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^error ${site.url("/broken.xml")}: HTTP 500 Internal Server Error \\(1 failed poll in a row; next try \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)$`))]);

    const second = await once(["/broken.xml"], "--every", "1m");
    expect(second.poll).toMatchObject({ status: "error", failures: 2 });
    expect(Date.parse(second.poll.nextAt) - Date.parse(second.poll.at)).toBeGreaterThanOrEqual(192_000);
    await inStore(async (store) => expect(await store.feedPoll(site.url("/broken.xml"))).toMatchObject({ failures: 2, lastError: "HTTP 500 Internal Server Error", nextAt: second.poll.nextAt }));

    // Now a web page, not a feed: still a failure. Then it moves to a feed: read, and the failures forgotten.
    site.fail.set("/broken.xml", { status: 302, headers: { location: "/article/1" } });
    expect((await once(["/broken.xml"])).poll).toMatchObject({ status: "error", http: 200, error: "not an RSS or Atom feed (content type text/html; charset=utf-8)", failures: 3 });
    site.fail.set("/broken.xml", { status: 301, headers: { location: "/other.xml" } });
    site.items = [4];
    expect((await once(["/broken.xml"])).poll).toMatchObject({ status: "ok", failures: 0, items: 1, new: 1 });
  });

  it("honours Retry-After on 429 and 503, in seconds or as a date", async () => {
    site.fail.set("/busy.xml", { status: 503, headers: { "retry-after": "7200" } });
    site.fail.set("/limited.xml", { status: 429, headers: { "retry-after": new Date(Date.now() + 3 * 3600_000).toUTCString() } });
    const { polls } = await once(["/busy.xml", "/limited.xml"], "--every", "1m");
    expect(polls.map((p) => [p.http, p.error])).toEqual([[503, "HTTP 503 Service Unavailable"], [429, "HTTP 429 Too Many Requests"]]);
    expect(Date.parse(polls[0]!.nextAt) - Date.parse(polls[0]!.at)).toBeGreaterThanOrEqual(7200_000);
    expect(Date.parse(polls[1]!.nextAt) - Date.parse(polls[1]!.at)).toBeGreaterThan(3 * 3600_000 - 5000);
  });

  it("tries an item whose page fails again at the next polls, gives it up after 3, and keeps the feed's ETag only then", async () => {
    site.fail.set("/article/2", { status: 404 });
    const feed = site.url("/feed.xml");
    const first = await once(["/feed.xml"]);
    expect(first.code).toBe(2);
    expect(first.poll).toMatchObject({ new: 2, skipped: 1, gaveUp: 0 });
    expect(first.stderr).toContain(`skip ${feed}#item2 ${site.url("/article/2")}: HTTP 404 Not Found\n`);
    await inStore(async (store) => expect(await store.feedValidators(feed)).toBeNull());

    // No 304 (the ETag was not kept): the feed is read whole, and only the failed item is fetched again.
    expect((await once(["/feed.xml"])).poll).toMatchObject({ http: 200, seen: 2, new: 0, skipped: 1, gaveUp: 0 });
    const third = await once(["/feed.xml"]);
    expect(third.poll).toMatchObject({ http: 200, seen: 2, skipped: 1, gaveUp: 1 });
    expect(third.stderr).toContain("HTTP 404 Not Found (given up after 3 attempts)");
    expect(pageHits()).toEqual([1, 3, 1, 0]);
    expect((await once(["/feed.xml"])).poll).toMatchObject({ status: "not-modified" });
    await inStore(async (store) =>
      expect(await store.feedItemStates(feed, ["urn:talks:2"])).toEqual([expect.objectContaining({ done: true, attempts: 3, articleId: null, reason: "HTTP 404 Not Found" })]),
    );
  });

  it("prints human lines on stderr without --json, and nothing on stdout", async () => {
    const r = await run(["watch", site.url("/feed.xml"), "--once", "--allow-private", "--every", "30s"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^poll ${site.url("/feed.xml")}: 3 items, 0 seen before; 3 new, 0 updated, 0 unchanged, 0 skipped; next \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\n$`));
    const again = await run(["watch", site.url("/feed.xml"), "--once", "--allow-private"]);
    expect(again.stderr).toMatch(/^poll \S+: not modified \(HTTP 304\); next /);
  });

  it("refuses private addresses unless allowed, like ingest", async () => {
    const r = await run(["watch", site.url("/feed.xml"), "--once", "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "error", error: expect.stringContaining("pass --allow-private") });
    expect(site.hit("/feed.xml")).toBe(0);
  });

  it("refuses a bad interval or a feed that is not a URL, with one line", async () => {
    for (const [args, message] of [
      [["--every", "15"], 'parley: --every must be a duration such as 30s, 15m, 1h or 1h30m, not "15"\n'],
      [["--every", "0s"], "parley: --every must be at least 1s, not 0s\n"],
    ] as const) {
      const r = await run(["watch", site.url("/feed.xml"), "--once", ...args]);
      expect(r).toMatchObject({ code: 1, stderr: message });
    }
    expect(await run(["watch", "feeds.txt", "--once"])).toMatchObject({ code: 1, stderr: "parley: not an http(s) feed URL: feeds.txt\n" });
    expect(site.hit("/feed.xml")).toBe(0);
  });
});

const nats = await natsUnavailable();
describe.skipIf(nats !== null)(`parley watch --queue${nats ? ` (${nats})` : ""}`, () => {
  it("puts new items in the work queue instead of the store, each once", async () => {
    const { url, drop } = freshStream();
    try {
      const first = await once(["/feed.xml"], "--queue", url);
      expect(first.poll).toMatchObject({ status: "ok", items: 3, queued: 3, new: 0 });
      site.etag = false;
      expect((await once(["/feed.xml"], "--queue", url)).poll).toMatchObject({ seen: 3, queued: 0 });
      const { openNatsQueue } = await import("../queue/nats.js");
      const q = await openNatsQueue(url);
      expect(await q.pending()).toBe(3);
      await q.close();
      await inStore(async (store) => expect((await store.counts()).articles).toBe(0));
    } finally {
      await drop();
    }
  });
});

describe("parley watch (processes)", () => {
  const watch = (args: string[]) => spawnCli(["watch", "--db", db, "--allow-private", ...args], { PARLEY_JOBS: "0" });

  it("stops on SIGTERM after the article in hand; a restart reads only the rest", async () => {
    site.slow.set("/article/2", 1500);
    const p = watch([site.url("/feed.xml"), "--every", "1h"]);
    site.onHit = (path) => void (path === "/article/2" && p.child.kill("SIGTERM"));
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toMatch(/poll \S+: 3 items, 0 seen before; 2 new, 0 updated, 0 unchanged, 0 skipped, 1 left for next time; stopped\n/);
    expect(p.stderr()).toContain("watch: stopped after 1 poll\n");
    expect(pageHits()).toEqual([1, 1, 0, 0]);
    // The interrupted poll did not move the schedule: the next run reads the rest at once.
    const next = await once(["/feed.xml"]);
    expect(next.poll).toMatchObject({ items: 3, seen: 2, new: 1 });
    expect(pageHits()).toEqual([1, 1, 1, 0]);
  });

  it("keeps the schedule across a restart: a feed polled a moment ago is not fetched again", async () => {
    const first = watch([site.url("/feed.xml"), "--every", "1h"]);
    await first.waitFor(/^poll /);
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(site.hit("/feed.xml")).toBe(1);
    const second = watch([site.url("/feed.xml"), "--every", "1h"]);
    const line = await second.waitFor(/^watch /);
    const due = Date.parse(/next poll (.+) UTC$/.exec(line)![1]!.replace(" ", "T") + "Z");
    expect(due - Date.now()).toBeGreaterThan(3500_000);
    // Up and waiting: give it a moment to prove it does not poll.
    await new Promise((r) => setTimeout(r, 1500));
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.stderr()).toContain("watch: stopped after 0 polls\n");
    expect(site.hit("/feed.xml")).toBe(1);
  });

  it("polls a good feed every second while a failing one backs off", async () => {
    site.fail.set("/broken.xml", { status: 500 });
    const p = watch([site.url("/feed.xml"), site.url("/broken.xml"), "--every", "1s"]);
    let good = 0;
    await new Promise<void>((resolve) => (site.onHit = (path) => void (path === "/feed.xml" && ++good === 6 && resolve())));
    // Six polls of the good feed take about 5 s; the failing one waits ~2 s, then ~4 s (each ±20%), then ~8 s.
    const broken = site.hit("/broken.xml");
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    expect(broken).toBeGreaterThanOrEqual(2);
    expect(broken).toBeLessThanOrEqual(3);
    const errors = p.stderr().split("\n").filter((l) => l.startsWith("error "));
    expect(errors[0]).toMatch(new RegExp(`^error ${site.url("/broken.xml")}: HTTP 500 Internal Server Error \\(1 failed poll in a row`));
    expect(errors[1]).toContain("(2 failed polls in a row");
  });
});
