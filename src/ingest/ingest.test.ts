import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Readable } from "node:stream";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
    const items = await collect([`${base}/feed.xml`], { fetchFeedLinks: true, allowPrivate: true, respectRobots: false });
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
    const items = await collect([`${base}/slow`, `${base}/big`, `http://127.0.0.1:${port}/`], { timeoutMs: 300, maxBytes: 1000, allowPrivate: true });
    expect(items.map((i) => (i.kind === "skip" ? i.reason : "article"))).toEqual([
      "timeout after 0.3 s",
      expect.stringMatching(/larger than the 1000 byte limit/),
      expect.stringMatching(/^unreachable: ECONNREFUSED/),
    ]);
  });
});

describe("bad input inside a batch (issue 13)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "parley-ingest-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, content);
    return p;
  };
  const story = (place: string) => `${place}, May 2. /TASS/. Russia and Japan agreed on Monday to hold another round of talks in ${place} next month.`;

  it("goes on after a binary file, bad front matter or an unreadable page inside a folder, naming each file", async () => {
    const tree = join(dir, "tree");
    write("tree/a.txt", story("MOSCOW"));
    write("tree/b.bin", Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256)));
    write("tree/c.txt", "---\ntitle: [unclosed\n---\n" + story("TOKYO"));
    write("tree/d.html", readFileSync(fx("empty-page.html")));
    write("tree/e.txt", story("BEIJING"));
    const items = await collect([tree]);
    expect(items.map((i) => (i.kind === "article" ? `article ${i.article.origin}` : `skip ${i.origin}`))).toEqual([
      `article ${join(tree, "a.txt")}`,
      `skip ${join(tree, "b.bin")}`,
      `skip ${join(tree, "c.txt")}`,
      `skip ${join(tree, "d.html")}`,
      `article ${join(tree, "e.txt")}`,
    ]);
    expect(skips(items).map((s) => s.reason)).toEqual(["binary content, not text", expect.stringMatching(/^invalid YAML front matter/), expect.stringMatching(/no readable text/)]);
  });

  it("skips a FIFO inside a folder instead of waiting on it", async () => {
    const tree = join(dir, "fifo");
    write("fifo/a.txt", story("MOSCOW"));
    execFileSync("mkfifo", [join(tree, "pipe")]);
    const items = await collect([tree]);
    expect(items.map((i) => i.kind)).toEqual(["article", "skip"]);
    expect(skips(items)[0]).toMatchObject({ origin: join(tree, "pipe"), reason: "not a regular file" });
  });

  it("skips tables and logs that are not articles, by name and by content", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `file${i}.txt\t2019-03-0${i % 9 + 1}\tTitle number ${i}`).join("\n");
    const csv = ["id,date,title", ...Array.from({ length: 20 }, (_, i) => `${i},2019-03-01,Talks ${i}`)].join("\n");
    const log = Array.from({ length: 20 }, (_, i) => `2024-05-01 12:00:${String(i).padStart(2, "0")} INFO request served in ${i} ms`).join("\n");
    const items = await collect([write("index.tsv", rows), write("table.txt", rows), write("data.csv", csv), write("rows.txt", csv), write("server.log", log), write("server.txt", log)]);
    expect(items.map((i) => (i.kind === "skip" ? i.reason : "article"))).toEqual([
      "not an article: tab-separated data",
      "not an article: tab-separated data",
      "not an article: comma-separated data",
      "not an article: comma-separated data",
      "not an article: a log file",
      "not an article: a log file",
    ]);
  });

  it("gives a re-indented or re-spaced copy of an id-less text the same hash", async () => {
    const text = `Talks resume\n\n${story("MOSCOW")}\n\nThe talks will go on.\n`;
    const indented = text.split("\n").map((l) => (l ? `    ${l}  ` : l)).join("\r\n").replace("agreed on", "agreed  on");
    const [a, b] = articles(await collect([write("plain.txt", text), write("indented.txt", indented)]));
    expect(b!.hash).toBe(a!.hash);
    const [c] = articles(await collect([write("changed.txt", text.replace("next month", "in June"))]));
    expect(c!.hash).not.toBe(a!.hash);
  });

  it("reads HTML fragments without <html> or <body>, as files and as JSONL html fields", async () => {
    const fragment = `<h1>Leaders meet</h1><p>${story("SINGAPORE")}</p><p>The two leaders spoke for an hour, officials said.</p>`;
    const items = await collect([write("fragment.html", fragment), write("frag.jsonl", JSON.stringify({ id: "f1", html: fragment }) + "\n")]);
    const [file, line] = articles(items);
    expect(skips(items)).toEqual([]);
    expect(file!.paragraphs).toContain(story("SINGAPORE"));
    expect(line).toMatchObject({ id: "f1", format: "jsonl" });
    expect(line!.paragraphs).toContain(story("SINGAPORE"));
  });

  it("reads Atom xhtml content, and never takes script or style text from a feed item", async () => {
    const body = Array.from({ length: 30 }, (_, i) => `<p>Paragraph ${i} of the report says Russia and <b>Japan</b> met again on Monday.</p>`).join("");
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2019-01-22T10:00:00Z</updated>
<entry><title>Xhtml entry</title><id>1</id><link href="https://example.org/x1"/><updated>2019-01-22T10:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${body}<script>stealCookies()</script></div></content></entry></feed>`;
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Scripted</title><link>https://example.org/s1</link>
<description><![CDATA[${body}<script>var tracker = "evil";</script><style>.x{color:red}</style>]]></description></item></channel></rss>`;
    const [x, s] = articles(await collect([write("x.atom", atom), write("s.rss", rss)]));
    expect(x).toMatchObject({ title: "Xhtml entry", format: "feed" });
    expect(x!.paragraphs![0]).toBe("Paragraph 0 of the report says Russia and Japan met again on Monday.");
    for (const a of [x!, s!]) {
      expect(a.paragraphs).toHaveLength(30);
      expect(a.paragraphs!.join(" ")).not.toMatch(/stealCookies|tracker|color:red/);
    }
  });

  it("keeps a feed item's summary as its text when the item links to nothing, with a warning", async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2019-01-22T10:00:00Z</updated>
<entry><title>Short entry</title><id>urn:1</id><updated>2019-01-22T10:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Russia and Japan agreed on Monday to speed up talks.</p></div></content></entry>
<entry><title>Empty entry</title><id>urn:2</id><updated>2019-01-22T10:00:00Z</updated></entry></feed>`;
    const items = await collect([write("short.atom", atom)]);
    const [a] = articles(items);
    expect(a).toMatchObject({ title: "Short entry", format: "feed" });
    expect(a!.paragraphs).toEqual(["Russia and Japan agreed on Monday to speed up talks."]);
    expect(a!.warnings?.map((w) => w.code)).toContain("feed-summary");
    expect(skips(items).map((x) => `${x.origin.split("/").pop()}: ${x.reason}`)).toEqual(["short.atom#item2: feed item has no text and no link"]);
  });

  it("refuses a feed that declares its own entities, however its doctype is written", async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title><item><title>A</title><description>&lol2;</description></item></channel></rss>`;
    const items = await collect([write("bomb.xml", bomb)]);
    expect(articles(items)).toEqual([]);
    expect(skips(items).map((x) => x.reason)).toEqual([expect.stringMatching(/^feed declares its own XML entities/)]);
  });

  it("takes terminal escapes and control characters out of text and metadata, with a warning", async () => {
    const nasty = `---\ntitle: "Talks \\e]0;pwned\\a\\e[2Jresume"\n---\n${story("MOSCOW")}\u001b[31m red\u001b[0m\u009b1m and\u0007 more.`;
    const [a] = articles(await collect([write("escapes.txt", nasty)]));
    expect(a!.title).toBe("Talks resume");
    expect(a!.text).toContain("next month. red and more.");
    // eslint-disable-next-line no-control-regex -- no control character may remain
    expect(a!.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(a!.warnings?.map((w) => w.code)).toContain("control-characters");
  });
});
