import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Readable } from "node:stream";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputs, type IngestItem, type IngestOptions } from "./index.js";

const FIX = join(import.meta.dirname, "__fixtures__");
const fx = (name: string) => join(FIX, name);

async function collect(inputs: string[], options: IngestOptions = {}): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of readInputs(inputs, { fetchFeedLinks: false, ...options })) out.push(item);
  return out;
}
const articles = (items: IngestItem[]) => items.flatMap((i) => (i.kind === "article" ? [i.article] : []));
const skips = (items: IngestItem[]) => items.flatMap((i) => (i.kind === "skip" ? [i] : []));

describe("plain text", () => {
  it("reads YAML front matter into metadata and keeps the body", async () => {
    const [a] = articles(await collect([fx("front-matter.txt")]));
    expect(a).toMatchObject({ title: "Talks resume in Geneva", published: "2019-03-04", source: "Reuters", url: "https://example.org/geneva-talks", language: "en", format: "text" });
    expect(a!.text).toMatch(/^GENEVA \(Reuters\) -/);
    expect(a!.text).not.toContain("---");
  });

  it("reads the bundled samples with their publication dates", async () => {
    const got = articles(await collect([join(FIX, "..", "..", "..", "samples")]));
    expect(got.map((a) => [a.published, a.source])).toEqual([
      ["2018-11-16", "TASS"],
      ["2019-01-22", "TASS"],
    ]);
  });

  it("gives the same hash for the same content and a different one when the text changes", async () => {
    const [a] = articles(await collect([fx("front-matter.txt")]));
    const [b] = articles(await collect([fx("front-matter.txt")]));
    expect(a!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b!.hash).toBe(a!.hash);
    const changed = articles(await collect(["-"], { stdin: Readable.from([readFileSync(fx("front-matter.txt"), "utf8").replace("three days", "four days")]) }));
    expect(changed[0]!.hash).not.toBe(a!.hash);
  });
});

describe("HTML", () => {
  it("extracts the main text with Readability and the metadata from meta tags", async () => {
    const [a] = articles(await collect([fx("page.html")]));
    expect(a).toMatchObject({ format: "html", title: "Leaders meet in Singapore", published: "2018-11-14T09:30:00Z", url: "https://news.example.org/2018/11/14/leaders-meet", language: "en", source: "Example News" });
    expect(a!.paragraphs![0]).toMatch(/^SINGAPORE \(Reuters\) - Russian President Vladimir Putin/);
    expect(a!.paragraphs!.join(" ")).not.toContain("Home");
  });

  it("reads broken HTML without crashing and skips a page with no text, with a reason", async () => {
    const items = await collect([fx("broken.html"), fx("empty-page.html")]);
    expect(articles(items)[0]!.paragraphs!.join(" ")).toContain("summit in Hanoi");
    expect(skips(items)).toEqual([{ kind: "skip", origin: fx("empty-page.html"), reason: expect.stringMatching(/no readable text|no text/) }]);
  });
});

describe("JSONL", () => {
  it("gives one article per valid line in order, keeping ids, and skips bad lines with their line numbers", async () => {
    const items = await collect([fx("articles.jsonl")]);
    expect(items.map((i) => (i.kind === "article" ? i.article.id : `skip:${i.origin.split(":").pop()}`))).toEqual(["a1", "a2", "skip:3", "skip:4", "a5"]);
    const [bad, missing] = skips(items);
    expect(bad!.reason).toMatch(/^invalid JSON/);
    expect(missing!.reason).toMatch(/text or html/);
    const a2 = articles(items)[1]!;
    expect(a2.paragraphs![0]).toMatch(/^BEIJING \(Xinhua\)/);
    expect(a2.published).toBe("2019-03-05");
  });

  it("streams JSONL from standard input", async () => {
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Story number ${i} says Russia and Japan met.` })).join("\n");
    const got = articles(await collect(["-"], { stdin: Readable.from([lines]) }));
    expect(got).toHaveLength(300);
    expect(got[299]!.id).toBe("n299");
    expect(got[0]!.origin).toBe("stdin:1");
  });
});

describe("feeds", () => {
  it("uses full-text item content and, with fetching off, skips summary-only items with a reason", async () => {
    const items = await collect([fx("feed.rss"), fx("feed.atom")]);
    const [full] = articles(items);
    expect(full).toMatchObject({ format: "feed", title: "Full text item", url: "https://example.org/full" });
    expect(full!.paragraphs![0]).toMatch(/^TOKYO, January 22/);
    expect(skips(items).map((s) => s.reason)).toEqual([expect.stringMatching(/only a summary/), expect.stringMatching(/only a summary/)]);
  });

  it("skips malformed feed XML with a reason", async () => {
    const items = await collect([fx("broken.rss")]);
    expect(items).toHaveLength(1);
    expect(items[0]!.kind).toBe("skip");
  });
});

describe("encodings and bad input", () => {
  it("decodes windows-1252 (with a warning) and UTF-16 with a BOM", async () => {
    const [cp, u16] = articles(await collect([fx("cp1252.txt"), fx("utf16.txt")]));
    expect(cp!.text).toContain("café talks were “constructive”");
    expect(cp!.warnings?.map((w) => w.code)).toContain("encoding-detected");
    expect(u16!.text).toMatch(/^BERLIN, May 3/);
  });

  it("skips empty, blank, binary and oversized files and missing paths, each with a one-line reason", async () => {
    const items = await collect([fx("empty.txt"), fx("blank.txt"), fx("binary.dat"), fx("page.html"), fx("nope.txt")], { maxBytes: 1000 });
    expect(items.map((i) => (i.kind === "skip" ? i.reason : "article"))).toEqual([
      "empty file",
      "empty file (whitespace only)",
      "binary content, not text",
      expect.stringMatching(/larger than the 1000 byte limit/),
      "no such file or directory",
    ]);
    for (const s of skips(items)) expect(s.reason).not.toContain("\n");
  });

  it("keeps non-English text with a warning rather than dropping it", async () => {
    const [de] = articles(await collect([fx("german.txt")]));
    expect(de!.language).toBe("und");
    expect(de!.warnings?.map((w) => w.code)).toContain("non-english");
  });

  it("walks directories recursively in sorted order, skipping dotfiles", async () => {
    const got = articles(await collect([fx("tree")]));
    expect(got.map((a) => a.origin.replace(FIX, ""))).toEqual(["/tree/a.txt", "/tree/sub/b.txt"]);
  });
});

describe("over HTTP", () => {
  let server: Server;
  let base: string;
  let userAgent = "";
  beforeAll(async () => {
    const page = readFileSync(fx("page.html"), "utf8");
    server = createServer((req, res) => {
      userAgent = req.headers["user-agent"] ?? "";
      if (req.url === "/feed.xml") {
        res.setHeader("content-type", "application/rss+xml");
        res.end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>` +
            `<item><title>One</title><link>${base}/page</link><pubDate>Wed, 14 Nov 2018 10:00:00 GMT</pubDate><description>Short.</description></item>` +
            `<item><title>Gone</title><link>${base}/missing</link><description>Short.</description></item>` +
            `</channel></rss>`,
        );
      } else if (req.url === "/page") {
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end(page);
      } else if (req.url === "/slow") {
        setTimeout(() => res.end("late"), 2000);
      } else if (req.url === "/big") {
        res.setHeader("content-type", "text/plain");
        res.end("x ".repeat(5000));
      } else {
        res.statusCode = 404;
        res.end("not found");
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("reads a feed served locally, fetches item links, and reports a dead link without stopping", async () => {
    const items = await collect([`${base}/feed.xml`], { fetchFeedLinks: true });
    const [page] = articles(items);
    expect(page).toMatchObject({ format: "feed", title: "Leaders meet in Singapore" });
    expect(page!.paragraphs![0]).toMatch(/^SINGAPORE/);
    expect(skips(items)).toEqual([expect.objectContaining({ reason: "HTTP 404 Not Found" })]);
    expect(userAgent).toMatch(/^Parley\/\d+\.\d+\.\d+ /);
  });

  it("gives up on slow, oversized and unreachable URLs with clear reasons", async () => {
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const items = await collect([`${base}/slow`, `${base}/big`, `http://127.0.0.1:${port}/`], { timeoutMs: 300, maxBytes: 1000 });
    expect(items.map((i) => (i.kind === "skip" ? i.reason : "article"))).toEqual([
      "timeout after 0.3 s",
      expect.stringMatching(/larger than the 1000 byte limit/),
      expect.stringMatching(/^unreachable: ECONNREFUSED/),
    ]);
  });
});
