/**
 * The web page in a real browser (Debian's Chromium via playwright-core) against a real server and SQLite store
 * holding the two sample articles. Screenshots of the main views go to docs/screenshots/ (shown in the README).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TIMELINE_CSV_COLUMNS } from "../../src/story/timeline.js";
import { HAVE_CHROMIUM, openPage, SCREENSHOTS, seriousViolations, startWorld, TOKEN, type World } from "./harness.js";

if (!HAVE_CHROMIUM) console.warn("skipping the browser tests: /usr/bin/chromium is missing (apt-get install -y chromium)");

const ALLIANCE = "Japan’s alliance obligations important for peace treaty talks, Kremlin says";
const HOSTILE = "Russia, Japan may include item on refraining from hostile action in peace treaty";

describe.skipIf(!HAVE_CHROMIUM)("web page in Chromium", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  }, 120_000);
  afterAll(async () => world?.dispose());

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });

  it("shows the sample story with both articles, its timeline from 1956 to 2019 and its actor network", async () => {
    const { page, errors } = await openPage(world, "/");
    await page.locator(".story-list > li").first().waitFor();
    await shot(page, "home");
    const stories = page.locator(".story-list > li");
    await expect(stories.count()).resolves.toBe(1);
    await stories.first().getByRole("link").click();
    await page.locator("#story-title").waitFor();
    await page.locator(".article-list a").first().waitFor();
    await expect(page.locator(".article-list a").allTextContents()).resolves.toEqual(expect.arrayContaining([ALLIANCE, HOSTILE]));
    const marks = page.getByTestId("timeline").locator("a.tl-item");
    await marks.first().waitFor();
    const dates = await marks.evaluateAll((as) => as.map((a) => a.getAttribute("data-date") ?? ""));
    const years = dates.map((d) => d.slice(0, 4)).sort();
    expect(years[0]).toBe("1956");
    expect(years.at(-1)).toBe("2019");
    // The signing, told by both articles (what the declaration and its Article 9 held, dated by it, share its day).
    const signing = await page.getByTestId("timeline").locator("a.tl-item[data-date='1956-10-19'][aria-label^='AGREE'][aria-label*='2 articles']").getAttribute("aria-label");
    expect(signing).toMatch(/^AGREE \d.*2 articles/);
    await page.locator("[data-testid=network][data-ready=true]").waitFor();
    const nodes = await page.getByTestId("network-edges").locator("tbody td:nth-child(-n+2)").allTextContents();
    for (const code of ["RUS", "JPN", "USA", "SUN"]) expect(nodes).toContain(code);
    await page.getByRole("heading", { name: "Timeline" }).scrollIntoViewIfNeeded();
    await shot(page, "story");
    await page.locator("[data-testid=network]").scrollIntoViewIfNeeded();
    await shot(page, "network");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("zooms the timeline and lands on an event's highlighted evidence when it is clicked", async () => {
    const { page, errors } = await openPage(world, "/#/story/1");
    const sel = "a.tl-item[data-date='1956-10-19'][aria-label^='AGREE'][aria-label*='2 articles']";
    await page.getByTestId("timeline").locator(sel).waitFor();
    const x = async () => (await page.getByTestId("timeline").locator(`${sel} .tl-mark`).boundingBox())!.x;
    const before = await x();
    await page.getByRole("button", { name: "Zoom in" }).click();
    await page.waitForTimeout(100);
    expect(await x()).not.toBe(before);
    await page.getByRole("button", { name: "Whole span" }).click();
    await page.waitForTimeout(100);
    expect(await x()).toBeCloseTo(before, 0);
    await page.getByRole("button", { name: "The story's own events" }).click();
    const visit = page.getByTestId("timeline").locator("a.tl-item[data-date='2019-01-21']");
    await visit.locator("text.tl-label").waitFor();
    await expect(visit.locator("text.tl-label").textContent()).resolves.toMatch(/^CONSULT \d/);
    await page.getByTestId("timeline").scrollIntoViewIfNeeded();
    await shot(page, "timeline-zoomed");
    await page.getByRole("button", { name: "Whole span" }).click();
    await page.getByTestId("timeline").locator(sel).click();
    await page.getByTestId("article-text").waitFor();
    await page.waitForFunction(() => (CSS.highlights.get("p-focus")?.size ?? 0) > 0);
    const focused = await page.evaluate(() => [...CSS.highlights.get("p-focus")!].map((r) => (r as Range).toString())[0]);
    expect(focused).toContain("October 19, 1956");
    await expect(page.locator(".event-button[aria-pressed=true]").count()).resolves.toBe(1);
    await expect(page.locator(".event-detail code").textContent()).resolves.toMatch(/^data\/events\/patterns\.yaml#/);
    await shot(page, "evidence");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows what is new in the story since a date", async () => {
    const { page, errors } = await openPage(world, "/#/story/1");
    await page.locator("#story-title").waitFor();
    await page.getByLabel("What is new since").fill("2000-01-01");
    await page.getByRole("button", { name: "Show changes" }).click();
    await page.locator("#changes-title").waitFor();
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/^2 new articles, \d+ new or changed events/);
    await expect(page.locator(".story-events > li").count()).resolves.toBeGreaterThan(5);
    await shot(page, "changes");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an article with entities, times, quotes and evidence highlighted as ranges over one untouched text node", async () => {
    const { page, errors } = await openPage(world, "/");
    await page.getByRole("link", { name: HOSTILE }).first().click();
    const text = page.getByTestId("article-text");
    await text.waitFor();
    const layers = await page.evaluate(() => {
      const el = document.querySelector("[data-testid=article-text]")!;
      const sizes: Record<string, number> = {};
      for (const name of ["p-entity", "p-time", "p-quote", "p-event"]) sizes[name] = CSS.highlights.get(name)?.size ?? 0;
      const abe = [...(CSS.highlights.get("p-entity") ?? [])].map((r) => (r as Range).toString());
      return { nodes: el.childNodes.length, kind: el.firstChild?.nodeType, sizes, abe };
    });
    expect(layers.nodes).toBe(1);
    expect(layers.kind).toBe(3); // a text node: no markup was put into the text
    for (const n of Object.values(layers.sizes)) expect(n).toBeGreaterThan(0);
    expect(layers.abe).toEqual(expect.arrayContaining(["Kyodo", "Japan"]));

    // Hovering a highlighted word names it.
    const box = await page.evaluate(() => {
      const node = document.querySelector("[data-testid=article-text]")!.firstChild as Text;
      const i = node.data.indexOf("Kyodo");
      const r = new Range();
      r.setStart(node, i + 1);
      r.setEnd(node, i + 2);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await expect(page.getByRole("tooltip").textContent()).resolves.toMatch(/entity: .*Kyodo/);
    await page.mouse.move(0, 0);
    await shot(page, "article");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lands on a story event's evidence from the event table", async () => {
    const { page, errors } = await openPage(world, "/#/events?type=CONSULT&from=2019-01-21&to=2019-01-21");
    const first = page.getByTestId("events-table").locator("tbody tr").first();
    await first.waitFor();
    await expect(page.getByTestId("events-table").locator("tbody tr").count()).resolves.toBe(1);
    await first.getByRole("link").click();
    await page.getByTestId("article-text").waitFor();
    await page.waitForFunction(() => (CSS.highlights.get("p-focus")?.size ?? 0) > 0);
    const focused = await page.evaluate(() => [...CSS.highlights.get("p-focus")!].map((r) => (r as Range).toString())[0]);
    expect(focused).toBe("Japanese Prime Minister Shinzo Abe on Monday arrived in Moscow on a visit.");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters the event table by actor", async () => {
    const { page, errors } = await openPage(world, "/#/events");
    await page.getByTestId("events-table").waitFor();
    const all = await page.getByTestId("events-table").locator("tbody tr").count();
    await page.getByLabel("actor", { exact: true }).fill("SUN");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForFunction(() => location.hash.includes("actor=SUN"));
    await page.getByTestId("event-count").filter({ hasText: /^\d+ events?/ }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=events-table] tbody tr").length < n, all);
    const who = await page.getByTestId("events-table").locator("tbody tr td:nth-child(3)").allTextContents();
    expect(who.length).toBeGreaterThan(0);
    for (const w of who) expect(w.split("→")[0]).toMatch(/\bSUN/);
    const api = (await (await fetch(`${world.base}/api/events?actor=SUN`)).json()) as { total: number };
    expect(who.length).toBe(api.total);
    await shot(page, "events");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("exports the filtered events as CSV that reads back", async () => {
    const { page } = await openPage(world, "/#/events?actor=JPN");
    await page.getByTestId("events-table").locator("tbody tr").first().waitFor();
    const rows = await page.getByTestId("events-table").locator("tbody tr").count();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toBe(TIMELINE_CSV_COLUMNS.join(","));
    const ids = lines.slice(1).filter((l) => /^\d+,/.test(l));
    expect(ids).toHaveLength(rows);
    for (const l of ids) expect(l).toContain("JPN");
    await page.close();
  });

  it("shows article text with <script>, <img onerror> and a javascript: link as text, and runs none of it", async () => {
    const hostile = [
      "Hostile markup test",
      "",
      'MOSCOW, March 5. /TASS/. Russia criticized Japan. <script>window.__pwned = "script"</script> and <img src=x onerror="window.__pwned = \'img\'"> and <a href="javascript:window.__pwned = \'link\'">click me</a> end.',
    ].join("\n");
    const res = await fetch(`${world.base}/api/ingest`, { method: "POST", headers: { "content-type": "text/plain", authorization: `Bearer ${TOKEN}` }, body: hostile });
    expect(res.status).toBe(200);
    const { articles } = (await res.json()) as { articles: { id: string }[] };
    const { page, errors } = await openPage(world, `/#/article/${articles[0]!.id}`);
    const dialogs: string[] = [];
    page.on("dialog", (d) => (dialogs.push(d.message()), void d.dismiss()));
    const text = page.getByTestId("article-text");
    await text.waitFor();
    await expect(text.textContent()).resolves.toContain('<script>window.__pwned = "script"</script>');
    const dom = await page.evaluate(() => {
      const el = document.querySelector("[data-testid=article-text]")!;
      return {
        elements: el.querySelectorAll("*").length,
        scripts: document.querySelectorAll("script:not([src])").length,
        images: document.images.length,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      };
    });
    expect(dom).toEqual({ elements: 0, scripts: 0, images: 0, jsLinks: 0 });
    // Hover and click over the markup, as a curious reader would.
    await text.getByText("click me", { exact: false }).first().click();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("is usable at phone width: nothing wider than the screen", async () => {
    const { page, errors } = await openPage(world, "/", { width: 390, height: 844 });
    await page.getByRole("link", { name: HOSTILE }).first().click();
    await page.getByTestId("article-text").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    await shot(page, "article-phone");
    await page.goto(`${world.base}/#/story/1`);
    await page.getByTestId("timeline").locator("a.tl-item").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    await shot(page, "story-phone");
    await page.goto(`${world.base}/#/events`);
    await page.getByTestId("events-table").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reaches the events of an article by keyboard and selects one with Enter", async () => {
    const { page } = await openPage(world, "/");
    await page.getByRole("link", { name: HOSTILE }).first().focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("article-text").waitFor();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.classList.contains("event-button"))) break;
    }
    expect(await page.evaluate(() => document.activeElement?.classList.contains("event-button"))).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (CSS.highlights.get("p-focus")?.size ?? 0) > 0);
    await page.close();
  });

  it("has no serious accessibility violations on the main views (axe-core)", async () => {
    for (const path of ["/", "/#/story/1", "/#/story/1/changes?since=2000-01-01", "/#/events", "/#/network", "/#/search?q=peace%20treaty"]) {
      const { page } = await openPage(world, path);
      await page.waitForSelector("main h1, main h2");
      await page.waitForTimeout(150);
      const found = await seriousViolations(page);
      expect(found.map((v) => `${path} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
      await page.close();
    }
    const { page } = await openPage(world, "/");
    await page.getByRole("link", { name: HOSTILE }).first().click();
    await page.getByTestId("article-text").waitFor();
    const found = await seriousViolations(page);
    expect(found.map((v) => `article ${v.id}: ${v.help}`)).toEqual([]);
    await page.close();
  });
});
