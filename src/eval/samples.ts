/**
 * The sample-article checks: what issues 2–4 say the two TASS articles must yield, kept as data in
 * data/eval/sample-checks.yaml, run against the real pipeline. `npm run eval` prints the share passed per layer;
 * test/samples.test.ts asserts every check.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { readInputs } from "../ingest/index.js";
import { createExtractor, type Extractor } from "../pipeline/extractor.js";
import type { ArticleRecord, Event, EventParty } from "../record/schema.js";
import { REPO_ROOT, SAMPLES_DIR } from "./datasets.js";
import type { EvalRow, Scorer } from "./types.js";

/** One check as written in the YAML file (fields depend on `kind`). */
export interface SampleCheck {
  kind: string;
  article: string;
  published?: string | null;
  [field: string]: unknown;
}

export interface CheckResult {
  check: SampleCheck;
  /** Short label for test names and tables. */
  label: string;
  layer: "structure" | "times" | "entities" | "quotes" | "events";
  ok: boolean;
  /** Why it failed (what was found instead). */
  detail: string;
}

export { SAMPLES_DIR };

export function loadSampleChecks(): SampleCheck[] {
  const doc = parse(readFileSync(join(REPO_ROOT, "data", "eval", "sample-checks.yaml"), "utf8")) as { checks: SampleCheck[] };
  return doc.checks;
}

const LAYER: Record<string, CheckResult["layer"]> = {
  title: "structure",
  dateline: "structure",
  removed: "structure",
  warning: "structure",
  time: "times",
  entity: "entities",
  refers: "entities",
  quote: "quotes",
  event: "events",
  "no-misdated": "events",
};

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const alts = (v: unknown): string[] => str(v).split("|");
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : v === undefined ? [] : [str(v)]);
const country = (p: EventParty): string => p.code.slice(0, 3);

function entityNamed(r: ArticleRecord, name: string) {
  return r.entities.find((e) => e.name === name) ?? r.entities.find((e) => e.mentions.some((m) => m.text === name));
}

function describeEvent(e: Event): string {
  const parties = (ps: EventParty[]) => ps.map((p) => p.code).join("+");
  return `${e.type} ${parties(e.actors)}→${parties(e.recipients)} ${e.date ?? "-"} ${e.modality}`;
}

function checkEvent(r: ArticleRecord, c: SampleCheck): [boolean, string] {
  const match = (e: Event): boolean => {
    const sentence = r.text.slice(e.evidence.start, e.evidence.end);
    const actors = e.actors.map(country);
    const recipients = e.recipients.map(country);
    if (c.type !== undefined && !alts(c.type).includes(e.type)) return false;
    if (c.modality !== undefined && !alts(c.modality).includes(e.modality)) return false;
    if (c.date !== undefined && e.date !== str(c.date)) return false;
    if (!list(c.actors).every((a) => actors.includes(a))) return false;
    if (!list(c.recipients).every((a) => recipients.includes(a))) return false;
    if (!list(c.parties).every((a) => actors.includes(a) || recipients.includes(a))) return false;
    if (c.evidence !== undefined && !sentence.includes(str(c.evidence))) return false;
    if (c.location !== undefined && e.location?.text !== str(c.location)) return false;
    if (c.condition !== undefined && !e.condition?.text.includes(str(c.condition))) return false;
    if (c.source !== undefined) {
      const want = list(c.source);
      if (!want.every((w, i) => (want.length > 1 ? e.source[i] === w : e.source.some((s) => s.includes(w))))) return false;
    }
    return true;
  };
  if (r.events.some(match)) return [true, ""];
  return [false, `events: ${r.events.map(describeEvent).join("; ") || "none"}`];
}

function runCheck(r: ArticleRecord, c: SampleCheck): [boolean, string] {
  switch (c.kind) {
    case "title":
      return [r.title === c.title, `title ${JSON.stringify(r.title)}`];
    case "dateline": {
      const d = r.dateline;
      const ok = !!d && d.place === c.place && d.date === str(c.date) && d.agency === c.agency;
      return [ok, `dateline ${JSON.stringify(d && { place: d.place, date: d.date, agency: d.agency })}`];
    }
    case "removed":
      return [
        r.removed.some((x) => x.text.includes(str(c.text))) && !r.text.includes(str(c.text)),
        `removed ${JSON.stringify(r.removed.map((x) => x.text))}`,
      ];
    case "warning":
      return [r.warnings.some((w) => w.code === c.code), `warnings ${r.warnings.map((w) => w.code).join(",") || "none"}`];
    case "time": {
      const t = r.times.find((x) => x.text === c.text || x.text.endsWith(` ${str(c.text)}`));
      return [t?.value === str(c.value), t ? `value ${t.value} for "${t.text}"` : "not found"];
    }
    case "entity": {
      const e = entityNamed(r, str(c.name));
      const ok = !!e && e.type === c.type && (c.code === undefined || e.code === c.code);
      return [ok, e ? `${e.name}: ${e.type} ${e.code ?? "-"}` : "not found"];
    }
    case "refers": {
      const want = str(c.mention);
      const owner = r.entities.find((e) =>
        e.mentions.some((m) => m.text === want && (c.kind_ === undefined || m.kind === c.kind_)),
      );
      return [owner?.name === c.entity, owner ? `belongs to ${owner.name}` : "no such mention (with that kind)"];
    }
    case "quote": {
      const q = r.quotes.find((x) => x.text.includes(str(c.contains)));
      if (!q) return [false, `not found among ${r.quotes.length} quotes`];
      const speaker = q.speaker ? r.entities.find((e) => e.id === q.speaker)?.name : null;
      const ok =
        q.kind === c.quoteKind &&
        (c.speaker === undefined || speaker === c.speaker) &&
        (c.speakerText === undefined || q.speakerText === c.speakerText) &&
        (c.chain === undefined || JSON.stringify(q.chain) === JSON.stringify(c.chain));
      return [ok, `${q.kind}, speaker ${speaker ?? "null"} ("${q.speakerText}"), chain [${q.chain.join(", ")}]`];
    }
    case "event":
      return checkEvent(r, c);
    case "no-misdated": {
      const bad = r.events.filter(
        (e) => e.date === r.published && list(c.years).some((y) => r.text.slice(e.evidence.start, e.evidence.end).includes(y)),
      );
      return [bad.length === 0, bad.map(describeEvent).join("; ")];
    }
    default:
      return [false, `unknown check kind ${c.kind}`];
  }
}

function labelOf(c: SampleCheck): string {
  const what = Object.entries(c)
    .filter(([k]) => k !== "kind" && k !== "article")
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : str(v)}`)
    .join(" ");
  return `${c.article.slice(5, 15)} ${c.kind} ${what}`;
}

/** Extracts each sample once per publication-date variant and runs every check. */
export async function runSampleChecks(extractor: Extractor = createExtractor()): Promise<CheckResult[]> {
  const cache = new Map<string, ArticleRecord>();
  const recordFor = async (c: SampleCheck): Promise<ArticleRecord> => {
    const key = `${c.article}|${c.published === undefined ? "meta" : str(c.published)}`;
    const hit = cache.get(key);
    if (hit) return hit;
    for await (const item of readInputs([join(SAMPLES_DIR, c.article)])) {
      if (item.kind !== "article") throw new Error(`sample ${c.article} skipped: ${item.reason}`);
      const raw = { ...item.article };
      if (c.published === null) delete raw.published;
      else if (c.published !== undefined) raw.published = c.published;
      const record = extractor.extract(raw);
      cache.set(key, record);
      return record;
    }
    throw new Error(`sample ${c.article} not read`);
  };
  const out: CheckResult[] = [];
  for (const check of loadSampleChecks()) {
    const [ok, detail] = runCheck(await recordFor(check), check);
    out.push({ check, label: labelOf(check), layer: LAYER[check.kind] ?? "structure", ok, detail });
  }
  return out;
}

export const scoreSamples: Scorer = async () => {
  const results = await runSampleChecks();
  const layers = [...new Set(results.map((r) => r.layer))];
  return layers.map((layer) => {
    const mine = results.filter((r) => r.layer === layer);
    return {
      dataset: "Sample articles (TASS)",
      split: "samples/",
      size: `${mine.length} checks`,
      metric: `${layer} checks passed`,
      value: mine.filter((r) => r.ok).length / mine.length,
      target: 1,
    } satisfies EvalRow;
  });
};
