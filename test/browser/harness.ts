/**
 * Browser-test harness: the web page built fresh (vite, into a temporary folder), a real server on an ephemeral
 * loopback port over a real SQLite file holding the sample articles, and Debian's Chromium driven by playwright-core.
 * Tests skip with a message when /usr/bin/chromium is absent (CI installs it in .ci/run).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { buildServer } from "../../src/api/server.js";
import { ingestInto } from "../../src/cli/ingest.js";
import type { CliIo } from "../../src/cli/io.js";
import { pipelineFrom } from "../../src/cli/pipeline-flags.js";
import { SAMPLES_DIR } from "../../src/eval/datasets.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";

export const CHROMIUM = "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const ROOT = join(import.meta.dirname, "..", "..");
export const SCREENSHOTS = join(ROOT, "docs", "screenshots");
export const TOKEN = "browser-test-token";

const quietIo = (): CliIo => {
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  return { stdout: sink, stderr: sink, stdin: process.stdin, env: {} };
};

export interface World {
  base: string;
  store: SqliteStore;
  browser: Browser;
  dispose(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), "parley-web-"));
  const webRoot = join(dir, "web");
  await build({ configFile: join(ROOT, "web", "vite.config.ts"), logLevel: "silent", build: { outDir: webRoot, emptyOutDir: true } });
  const store = openSqliteStore(join(dir, "parley.db"));
  await ingestInto(store, [SAMPLES_DIR], pipelineFrom({ jobs: "0" }, process.stdin), quietIo());
  const app: FastifyInstance = await buildServer({ store, token: TOKEN, webRoot });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // The flags that work on this machine: no sandbox (root), no GPU, no network beyond loopback. launch() gives
    // Chromium a fresh temporary --user-data-dir of its own each time (it refuses one passed in args).
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    base,
    store,
    browser,
    async dispose() {
      await browser.close();
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A page that fails the test on any script error or CSP violation it reports. */
export async function openPage(world: World, path: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await world.browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  await page.goto(world.base + path);
  return { page, errors };
}

const AXE = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations. axe is evaluated through the DevTools
 * protocol (a script tag would be refused by the page's CSP; @axe-core/playwright 4.11+ needs Node 22).
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ["violations"] }))) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
