/**
 * The API against a real server: an ephemeral loopback port, a real SQLite file holding the two sample articles.
 * Every JSON response is validated against the OpenAPI document the server publishes, and a test checks every
 * documented operation was exercised.
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TIMELINE_CSV_COLUMNS } from "../story/timeline.js";
import { otherRecord, sampleRecord } from "../store/contract.js";
import { openSqliteStore, type SqliteStore } from "../store/sqlite.js";
import { buildServer } from "./server.js";

const TOKEN = "test-token-0123456789";
let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let base: string;
let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const covered = new Set<string>();

/** Which documented operation a concrete path is: /api/articles/abc → /api/articles/{id}. */
function operation(method: string, path: string): string {
  const m = method.toLowerCase();
  for (const p of Object.keys(doc.paths)) {
    const re = new RegExp(`^${p.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (re.test(path) && doc.paths[p]![m]) return `${m} ${p}`;
  }
  throw new Error(`${method} ${path} is not in the OpenAPI document`);
}

/** Fetches, and checks the JSON body against the documented schema for this operation, status and media type. */
async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const res = await fetch(base + path, init);
  const text = await res.text();
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!;
  const op = operation(init.method ?? "GET", path.split("?")[0]!);
  covered.add(op);
  const [m, p] = op.split(" ") as [string, string];
  const response = doc.paths[p]![m]!.responses[String(res.status)];
  expect(response, `${op} documents status ${res.status}`).toBeDefined();
  const media = response!.content?.[type];
  expect(media, `${op} ${res.status} documents ${type}`).toBeDefined();
  const body = type === "application/json" ? JSON.parse(text) : text;
  const pointer = `openapi#/paths/${p.replace(/~/g, "~0").replace(/\//g, "~1")}/${m}/responses/${res.status}/content/${type.replace(/\//g, "~1")}/schema`;
  const validate = ajv.getSchema(pointer)!;
  expect(validate(body), `${op} ${res.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return { status: res.status, body, text, headers: res.headers };
}

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-api-"));
  store = openSqliteStore(join(dir, "parley.db"));
  await store.put(sampleRecord());
  await store.put(otherRecord());
  app = await buildServer({ store, token: TOKEN, webRoot: null, ingestLimit: 256 * 1024 });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as typeof doc;
  ajv.addSchema(doc, "openapi");
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("HTTP API", () => {
  it("reports health with the store's counts", async () => {
    const { status, body } = await call("/api/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", store: "sqlite", writes: true, counts: { articles: 2 } });
  });

  it("lists articles in publication order, paged and filtered", async () => {
    type List = { total: number; articles: { id: string; published: string; story: number }[] };
    const all = (await call("/api/articles")).body as List;
    expect(all.total).toBe(2);
    expect(all.articles.map((a) => a.published)).toEqual(["2018-11-16", "2019-01-22"]);
    const page = (await call("/api/articles?limit=1&offset=1")).body as List;
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1, articles: [{ published: "2019-01-22" }] });
    expect(((await call("/api/articles?from=2019-01")).body as List).articles.map((a) => a.published)).toEqual(["2019-01-22"]);
    expect(((await call("/api/articles?to=2018")).body as List).articles.map((a) => a.published)).toEqual(["2018-11-16"]);
    expect(((await call("/api/articles?q=hostile%20action")).body as List).total).toBe(1);
    expect(((await call("/api/articles?source=NoSuchAgency")).body as List).total).toBe(0);
    expect(((await call(`/api/articles?story=${all.articles[0]!.story}`)).body as List).total).toBe(2);
  });

  it("returns the full record of an article, and 404 for an unknown id", async () => {
    const r = sampleRecord();
    const { status, body } = await call(`/api/articles/${r.id}`);
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(r)));
    const missing = await call("/api/articles/no-such-article");
    expect(missing.status).toBe(404);
    expect((missing.body as { message: string }).message).toContain("no-such-article");
  });

  it("puts both sample articles in one story, with its timeline from 1956 and its changes", async () => {
    const { stories } = (await call("/api/stories")).body as { stories: { id: number; articles: string[]; actors: string[] }[] };
    expect(stories).toHaveLength(1);
    const [story] = stories;
    expect(story!.articles).toHaveLength(2);
    expect((await call(`/api/stories/${story!.id}`)).body).toMatchObject({ id: story!.id, articles: story!.articles });
    type Timeline = { story: { id: number }; events: { date: string | null; background: boolean; corroboration: { articles: number } }[] };
    const tl = (await call(`/api/stories/${story!.id}/timeline`)).body as Timeline;
    expect(tl.story.id).toBe(story!.id);
    const dated = tl.events.map((e) => e.date).filter(Boolean);
    expect(dated[0]).toBe("1956-10-19");
    expect(tl.events.find((e) => e.date === "1956-10-19")).toMatchObject({ background: true, corroboration: { articles: 2 } });
    const recent = (await call(`/api/stories/${story!.id}/timeline?from=2019`)).body as Timeline;
    for (const e of recent.events) expect(e.date! >= "2019").toBe(true);
    const changes = (await call(`/api/stories/${story!.id}/changes?since=2000-01-01`)).body as { articles: string[]; events: unknown[] };
    expect(changes.articles).toHaveLength(2);
    expect(changes.events.length).toBe(tl.events.length);
    const none = (await call(`/api/stories/${story!.id}/changes?since=2999-01-01`)).body as { articles: string[]; events: unknown[] };
    expect(none).toMatchObject({ articles: [], events: [] });
    expect((await call("/api/stories/9999")).status).toBe(404);
    expect((await call("/api/stories/9999/timeline")).status).toBe(404);
    expect((await call("/api/stories/9999/changes?since=2019-01-01")).status).toBe(404);
  });

  it("lists actors and gives one actor's events by month and type", async () => {
    const { actors, total } = (await call("/api/actors")).body as { total: number; actors: { code: string }[] };
    expect(total).toBe(actors.length);
    expect(actors.map((a) => a.code)).toEqual(expect.arrayContaining(["RUS", "JPN", "SUN"]));
    const jpn = (await call("/api/actors/JPN")).body as { code: string; asActor: number; byMonth: { month: string; type: string }[] };
    expect(jpn.code).toBe("JPN");
    expect(jpn.asActor).toBeGreaterThan(0);
    expect(jpn.byMonth.map((m) => m.month)).toContain("1956-10");
    expect((await call("/api/actors/ZZZ")).status).toBe(404);
    expect((await call("/api/actors/R$S")).status).toBe(400);
  });

  it("filters story events by actor, type, modality and date, partial dates matching their span", async () => {
    type List = { total: number; events: { type: string; date: string | null; actors: string[]; modality: string; background: boolean }[] };
    const sun = (await call("/api/events?actor=SUN&limit=500")).body as List;
    expect(sun.total).toBeGreaterThan(0);
    for (const e of sun.events) expect(e.actors.some((a) => a.startsWith("SUN"))).toBe(true);
    const in1956 = (await call("/api/events?from=1956-10&to=1956-12")).body as List;
    // The signing, what the declaration did and what its Article 9 held (both dated by the document), and the
    // ratification.
    expect(in1956.events.map((e) => e.date)).toEqual(["1956-10-19", "1956-10-19", "1956-10-19", "1956-12-08"]);
    expect(in1956.events.map((e) => `${e.date} ${e.type}`).sort()).toEqual(["1956-10-19 AGREE", "1956-10-19 AGREE", "1956-10-19 SUPPORT", "1956-12-08 AGREE"]);
    const hist = (await call("/api/events?modality=historical&type=AGREE")).body as List;
    expect(hist.total).toBeGreaterThan(0);
    for (const e of hist.events) expect([e.modality, e.type]).toEqual(["historical", "AGREE"]);
    const bg = (await call("/api/events?background=false&limit=500")).body as List;
    for (const e of bg.events) expect(e.background).toBe(false);
    const first = (await call("/api/events?limit=1")).body as List;
    expect(first.events).toHaveLength(1);
    expect(first.total).toBe(((await call("/api/events?limit=500")).body as List).events.length);
  });

  it("exports the filtered events as CSV, JSONL and the GDELT tables", async () => {
    const list = (await call("/api/events?actor=JPN&limit=500")).body as { total: number; events: { id: number }[] };
    const csv = await call("/api/events?actor=JPN&format=csv");
    expect(csv.headers.get("content-disposition")).toContain("parley-events.csv");
    const rows = csv.text.trimEnd().split("\n");
    expect(rows[0]).toBe(TIMELINE_CSV_COLUMNS.join(","));
    expect(rows.slice(1).map((r) => Number(r.split(",")[0]))).toEqual(list.events.map((e) => e.id));
    const jsonl = await call("/api/events?actor=JPN&format=jsonl");
    expect(jsonl.text.trimEnd().split("\n").map((l) => (JSON.parse(l) as { id: number }).id)).toEqual(list.events.map((e) => e.id));
    const gdelt = (await call("/api/events?actor=JPN&format=gdelt")).text.replace(/\n$/, "").split("\n");
    expect(gdelt).toHaveLength(list.total);
    for (const row of gdelt) expect(row.split("\t")).toHaveLength(61);
    const mentions = (await call("/api/events?actor=JPN&format=gdelt-mentions")).text.replace(/\n$/, "").split("\n");
    for (const row of mentions) expect(row.split("\t")).toHaveLength(16);
    const empty = await call("/api/events?actor=ZZZ&format=csv");
    expect(empty.text.trimEnd()).toBe(TIMELINE_CSV_COLUMNS.join(","));
  });

  it("searches with highlights as offsets into a plain snippet", async () => {
    const { body } = await call("/api/search?q=Kuril");
    const [hit] = (body as { items: { snippet: string; highlights: { start: number; end: number }[] }[] }).items;
    expect(hit!.snippet).not.toMatch(/[[\]]/);
    expect(hit!.highlights.map((h) => hit!.snippet.slice(h.start, h.end))).toContain("Kuril");
    for (const q of ['"', "AND(", "NEAR/ *", "'; DROP TABLE articles; --"]) expect((await call(`/api/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
  });

  it("answers bad parameters with 400 and a message naming the parameter", async () => {
    const cases: [string, RegExp][] = [
      ["/api/articles?limit=0", /limit/],
      ["/api/articles?limit=100000", /limit.*500/],
      ["/api/articles?offset=-1", /offset/],
      ["/api/articles?from=2019-13-01", /from.*YYYY/],
      ["/api/articles?sort=title", /sort/],
      ["/api/events?actor=R%24S", /actor.*code/],
      ["/api/events?modality=certain", /modality/],
      ["/api/events?format=xml", /format/],
      ["/api/events?story=abc", /story/],
      ["/api/events?background=yes", /background must be true or false/],
      ["/api/stories/abc", /story/],
      ["/api/stories?limit=1000", /limit/],
      ["/api/stories/1/changes", /since/],
      ["/api/stories/1/changes?since=yesterday", /since must be a date/],
      ["/api/stories/1/timeline?from=1956-1", /from/],
      ["/api/events?limit=abc", /limit/],
      ["/api/search", /q/],
      ["/api/search?q=%20", /q must not be empty/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await call(path);
      expect(status, path).toBe(400);
      expect((body as { message: string }).message, path).toMatch(message);
    }
  });

  it("refuses ingest without the token (401), with a wrong one (401), and on a server without one (403)", async () => {
    const text = { method: "POST", headers: { "content-type": "text/plain" }, body: "Title\n\nSome text." };
    const none = await call("/api/ingest", text);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((none.body as { message: string }).message).toContain("Authorization: Bearer");
    expect((await call("/api/ingest", { ...text, headers: { ...text.headers, authorization: "Bearer wrong" } })).status).toBe(401);
    const closed = await buildServer({ store, webRoot: null });
    try {
      const res = await closed.inject({ method: "POST", url: "/api/ingest", headers: { "content-type": "text/plain", authorization: `Bearer ${TOKEN}` }, payload: "x" });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain("PARLEY_TOKEN");
    } finally {
      await closed.close();
    }
    expect((await store.counts()).articles).toBe(2);
  });

  it("ingests text, JSON and JSONL with the token; the same article again changes nothing", async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const body = "Lavrov meets Kono\n\nMOSCOW, March 4. /TASS/. Russian Foreign Minister Sergey Lavrov met Japanese Foreign Minister Taro Kono in Moscow on Monday.";
    const first = await call("/api/ingest?published=2019-03-04&source=TASS", { method: "POST", headers: { ...auth, "content-type": "text/plain" }, body });
    expect(first.status).toBe(200);
    const out = first.body as { new: number; articles: { id: string; title: string }[] };
    expect(out).toMatchObject({ read: 1, new: 1, articles: [{ title: "Lavrov meets Kono", status: "new" }] });
    const again = await call("/api/ingest?published=2019-03-04&source=TASS", { method: "POST", headers: { ...auth, "content-type": "text/plain" }, body });
    expect(again.body).toMatchObject({ new: 0, unchanged: 1 });
    const stored = (await call(`/api/articles/${out.articles[0]!.id}`)).body as { source: string; published: string; events: unknown[] };
    expect(stored).toMatchObject({ source: "TASS", published: "2019-03-04" });
    expect(stored.events.length).toBeGreaterThan(0);

    const many = await call("/api/ingest", json({ articles: [{ id: "a1", title: "One", text: "Japan protested to China." }, { id: "a2", text: "" }] }));
    expect(many.body).toMatchObject({ read: 2, new: 1, skipped: [{ reason: expect.stringContaining("empty") }] });
    const lines = [JSON.stringify({ id: "l1", text: "Russia criticized Japan." }), "not json"].join("\n");
    const jl = await call("/api/ingest", { method: "POST", headers: { ...auth, "content-type": "application/x-ndjson" }, body: lines });
    expect(jl.body).toMatchObject({ read: 2, new: 1, skipped: [{ reason: expect.stringContaining("invalid JSON") }] });
    const bad = await call("/api/ingest", json({ title: "no text" }));
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toMatch(/text or html/);
    const xml = await call("/api/ingest", { method: "POST", headers: { ...auth, "content-type": "application/xml" }, body: "<a/>" });
    expect(xml.status).toBe(415);
    expect((xml.body as { message: string }).message).toMatch(/text\/plain/);
    const broken = await call("/api/ingest", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{not json" });
    expect(broken.status).toBe(400);
    const nothing = await call("/api/ingest", json({ text: "   " }));
    expect(nothing.status).toBe(400);
    expect((nothing.body as { message: string }).message).toMatch(/nothing could be read.*empty/);
  });

  it("fetches and reads a URL given to ingest", async () => {
    const page = `<!doctype html><html><head><title>Talks resume</title><meta property="article:published_time" content="2019-02-01"></head>
      <body><article><h1>Talks resume</h1><p>TOKYO, February 1. /TASS/. Japan and Russia resumed talks on a peace treaty in Tokyo on Friday, the Japanese Foreign Ministry said.</p><p>The two sides agreed to meet again in March.</p></article></body></html>`;
    const site: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page));
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    try {
      const { port } = site.address() as { port: number };
      const url = `http://127.0.0.1:${port}/talks.html`;
      // A loopback address is refused unless the server was started to allow it (serve --allow-private).
      const refused = await call("/api/ingest", json({ url }));
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toMatch(/private|loopback|refused/i);
      const local = await buildServer({ store, token: TOKEN, webRoot: null, allowPrivate: true });
      const res = await local.inject({ method: "POST", url: "/api/ingest", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, payload: { url } });
      await local.close();
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ new: 1, articles: [{ title: "Talks resume" }] });
      expect((await call(`/api/ingest`, json({ url: "ftp://example.org/x" }))).status).toBe(400);
    } finally {
      site.close();
    }
  });

  it("limits the body size with 413 and a message giving the limit", async () => {
    const res = await call("/api/ingest", { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" }, body: "x".repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect((res.body as { message: string }).message).toContain(String(256 * 1024));
  });

  it("answers an unknown endpoint with JSON and sends safety headers", async () => {
    const res = await fetch(`${base}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toContain("/api/openapi.json");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("needs the token for reads too when the server is not on loopback", async () => {
    const guarded = await buildServer({ store, token: TOKEN, readsNeedToken: true, webRoot: null });
    try {
      expect((await guarded.inject({ url: "/api/articles" })).statusCode).toBe(401);
      expect((await guarded.inject({ url: "/api/articles", headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
      expect((await guarded.inject({ url: "/api/health" })).statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it("exercised every operation of the OpenAPI document", () => {
    const all = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect([...covered].sort()).toEqual(all.sort());
  });
});
