/**
 * Fetching safely, against real HTTP servers on loopback (127.0.0.1 and 127.0.0.2): private addresses refused unless
 * allowed, checked on every redirect and for feed item links; robots.txt for item pages; conditional requests for
 * feeds; an overall deadline per feed; limits on redirects and decompressed size.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Validators } from "./fetch.js";
import { readInputs, type IngestItem, type IngestOptions } from "./index.js";

const PAGE = `<html><head><title>Leaders meet</title></head><body><article>${Array.from({ length: 6 }, (_, i) => `<p>TOKYO (Reuters) - Paragraph ${i}: Japan and Russia held talks on Monday about a peace treaty, officials said after the meeting in the capital.</p>`).join("")}</article></body></html>`;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
async function serve(host: string, handler: Handler): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, host, r));
  return { server, base: `http://${host}:${(server.address() as AddressInfo).port}` };
}

let main: { server: Server; base: string };
let other: { server: Server; base: string };
const hits: string[] = [];
let robots: { status: number; body: string } = { status: 404, body: "" };

beforeAll(async () => {
  other = await serve("127.0.0.2", (req, res) => {
    hits.push(`other ${req.url}`);
    res.end("secret internal data");
  });
  main = await serve("127.0.0.1", (req, res) => {
    hits.push(`main ${req.url}`);
    const feed = (items: string[]) => {
      res.setHeader("content-type", "application/rss+xml");
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items.map((l, i) => `<item><title>Item ${i}</title><link>${l}</link><description>Short.</description></item>`).join("")}</channel></rss>`);
    };
    switch (req.url) {
      case "/robots.txt":
        res.statusCode = robots.status;
        return void res.end(robots.body);
      case "/page":
      case "/public/page":
      case "/private/page":
        res.setHeader("content-type", "text/html; charset=utf-8");
        return void res.end(PAGE);
      case "/to-other":
        res.statusCode = 302;
        res.setHeader("location", `${other.base}/secret`);
        return void res.end();
      case "/to-file":
        res.statusCode = 301;
        res.setHeader("location", "file:///etc/passwd");
        return void res.end();
      case "/loop":
        res.statusCode = 302;
        res.setHeader("location", "/loop");
        return void res.end();
      case "/bomb":
        res.setHeader("content-encoding", "gzip");
        res.setHeader("content-type", "text/plain");
        return void res.end(gzipSync(Buffer.alloc(50 * 2 ** 20, 0x61)));
      case "/feed-internal":
        return feed([`${other.base}/secret`, `${main.base}/page`]);
      case "/feed-robots":
        return feed([`${main.base}/private/page`, `${main.base}/public/page`]);
      case "/feed-slow":
        return feed(["/slow/1", "/slow/2", "/slow/3", "/slow/4"].map((p) => main.base + p));
      case "/feed-etag":
        res.setHeader("etag", '"v1"');
        res.setHeader("last-modified", "Mon, 21 Jan 2019 10:00:00 GMT");
        if (req.headers["if-none-match"] === '"v1"') {
          res.statusCode = 304;
          return void res.end();
        }
        return feed([`${main.base}/page`]);
    }
    if (req.url?.startsWith("/slow/")) return void setTimeout(() => res.end(PAGE), 1200);
    res.statusCode = 404;
    res.end("not found");
  });
});
afterAll(async () => {
  for (const s of [main.server, other.server]) await new Promise<void>((r) => s.close(() => r()));
});

async function collect(inputs: string[], options: IngestOptions = {}): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of readInputs(inputs, options)) out.push(item);
  return out;
}
const outcome = (items: IngestItem[]) => items.map((i) => (i.kind === "article" ? "article" : i.reason));

describe("private addresses", () => {
  it("are refused by default, by name and by number, before any request is sent", async () => {
    const port = new URL(main.base).port;
    hits.length = 0;
    const items = await collect([`${main.base}/page`, `http://localhost:${port}/page`, `http://2130706433:${port}/page`, `http://[::1]:${port}/page`]);
    expect(outcome(items)).toEqual([
      "refused: 127.0.0.1 is a private, loopback or link-local address (pass --allow-private to fetch it)",
      expect.stringMatching(/^refused: localhost \((127\.0\.0\.1|::1)\) is a private, loopback or link-local address/),
      "refused: 127.0.0.1 is a private, loopback or link-local address (pass --allow-private to fetch it)",
      expect.stringMatching(/^refused: ::1 is a private/),
    ]);
    expect(hits).toEqual([]);
  });

  it("are fetched with allowPrivate (--allow-private)", async () => {
    expect(outcome(await collect([`${main.base}/page`], { allowPrivate: true }))).toEqual(["article"]);
  });

  it("are checked again on every redirect", async () => {
    hits.length = 0;
    const items = await collect([`${main.base}/to-other`], { allowAddresses: ["127.0.0.1"] });
    expect(outcome(items)).toEqual([expect.stringMatching(/^refused: 127\.0\.0\.2 is a private/)]);
    expect(hits).toEqual(["main /to-other"]);
  });

  it("are checked for feed item links too", async () => {
    hits.length = 0;
    const items = await collect([`${main.base}/feed-internal`], { allowAddresses: ["127.0.0.1"] });
    expect(outcome(items)).toEqual([expect.stringMatching(/^refused: 127\.0\.0\.2 is a private/), "article"]);
    expect(hits.some((h) => h.startsWith("other"))).toBe(false);
  });

  it("never reach a cloud metadata address, even with allowPrivate", async () => {
    const items = await collect(["http://169.254.169.254/latest/meta-data/"], { allowPrivate: true, timeoutMs: 2000 });
    expect(outcome(items)).toEqual(["refused: 169.254.169.254 is a metadata or unspecified address"]);
  });
});

describe("redirects and sizes", () => {
  it("refuse a redirect to another scheme, stop a redirect loop, and stop a gzip bomb at the size limit", async () => {
    const items = await collect([`${main.base}/to-file`, `${main.base}/loop`, `${main.base}/bomb`], { allowPrivate: true, maxBytes: 2 ** 20 });
    expect(outcome(items)).toEqual(["refused: file: URLs are not fetched", "more than 5 redirects", `larger than the ${2 ** 20} byte limit`]);
  });
});

describe("feeds", () => {
  it("respect robots.txt for item pages; an unreadable robots.txt disallows them", async () => {
    robots = { status: 200, body: "User-agent: Parley\nDisallow: /private/\n" };
    const items = await collect([`${main.base}/feed-robots`], { allowPrivate: true });
    expect(outcome(items)).toEqual([`robots.txt of ${main.base} disallows Parley`, "article"]);
    robots = { status: 503, body: "" };
    const failing = await collect([`${main.base}/feed-robots`], { allowPrivate: true });
    expect(outcome(failing)).toEqual([expect.stringMatching(/robots\.txt of .* could not be read \(HTTP 503/), expect.stringMatching(/robots\.txt .* could not be read/)]);
    robots = { status: 404, body: "" };
    expect(outcome(await collect([`${main.base}/feed-robots`], { allowPrivate: true }))).toEqual(["article", "article"]);
  });

  it("send the stored validators and report a feed not modified since (HTTP 304) without items", async () => {
    const kept = new Map<string, Validators>();
    const notices: string[] = [];
    const opts: IngestOptions = {
      allowPrivate: true,
      feedCache: { get: async (url) => kept.get(url) ?? null, remember: (url, v) => void kept.set(url, v) },
      onNotice: (origin, message) => notices.push(`${origin}: ${message}`),
    };
    expect(outcome(await collect([`${main.base}/feed-etag`], opts))).toEqual(["article"]);
    expect(kept.get(`${main.base}/feed-etag`)).toEqual({ etag: '"v1"', lastModified: "Mon, 21 Jan 2019 10:00:00 GMT" });
    expect(await collect([`${main.base}/feed-etag`], opts)).toEqual([]);
    expect(notices).toEqual([`${main.base}/feed-etag: not modified since the last read (HTTP 304)`]);
  });

  it("give up the rest of a feed after its overall deadline", async () => {
    const items = await collect([`${main.base}/feed-slow`], { allowPrivate: true, feedDeadlineMs: 2000, timeoutMs: 10_000 });
    const reasons = outcome(items);
    expect(reasons[0]).toBe("article");
    expect(reasons.slice(-2)).toEqual(["feed deadline of 2 s passed", "feed deadline of 2 s passed"]);
  });
});
