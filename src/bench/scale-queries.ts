/**
 * The queries `npm run bench:scale` times: the Store's timeline and event methods as the CLI and the HTTP API call
 * them, each with a seeded random sample of arguments (the same on every backend, so the answers can be compared).
 * Actors are the 50 most reported-on country codes (dyads: two of the top 10), used as prefixes as users type them
 * ("RUS" takes in RUSGOV); periods are a month, a quarter or a year somewhere in the ten years; stories are drawn
 * uniformly.
 */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Store } from "../store/store.js";
import type { StoryEvent } from "../story/types.js";
import { COUNTRY_CODES } from "./scale-data.js";
import { prng } from "../util/prng.js";

export interface QueryKind {
  name: string;
  /** What the sample draws, for the report. */
  sample: string;
  args: unknown[];
  run: (store: Store, arg: never) => Promise<{ total: number | null; events: StoryEvent[] }>;
}

export interface QueryFigures {
  query: string;
  sample: string;
  queries: number;
  p50ms: number;
  p95ms: number;
  maxMs: number;
  /** Events returned per query, on average (a timeline returns all it finds; a page at most 100). */
  meanEvents: number;
  /** The events total, on average, where the method gives one. */
  meanTotal: number | null;
}

const TYPES = ["CONSULT", "AGREE", "SUPPORT", "ACCUSE", "REQUEST", "COOPERATE", "REJECT", "THREATEN", "AID", "PROTEST", "SANCTION", "MOBILIZE"];

export function queryKinds(stories: number, n: number, seed = 7): QueryKind[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const actor = () => pick(COUNTRY_CODES.slice(0, 50));
  const story = () => 1 + Math.floor(rnd() * stories);
  /** A month, a quarter or a year between 2016 and 2025, as a user writes them. */
  const period = (kinds: ("month" | "quarter" | "year")[]) => {
    const y = 2016 + Math.floor(rnd() * 10);
    const m = 1 + Math.floor(rnd() * 10);
    const ym = (mm: number) => `${y}-${String(mm).padStart(2, "0")}`;
    const k = pick(kinds);
    return k === "year" ? { from: `${y}`, to: `${y}` } : k === "quarter" ? { from: ym(m), to: ym(m + 2) } : { from: ym(m), to: ym(m) };
  };
  const many = <T>(f: () => T) => Array.from({ length: n }, f);
  const page = { limit: 100 };
  const kinds: { name: string; sample: string; args: unknown[]; run: (s: Store, a: never) => Promise<{ total: number | null; events: StoryEvent[] }> }[] = [
    { name: "timeline({story})", sample: "a story drawn uniformly", args: many(story), run: async (s, id: number) => ({ total: null, events: (await s.timeline({ story: id })).events }) },
    { name: "timeline({actor, from, to})", sample: "a top-50 country code, one month", args: many(() => ({ actor: actor(), ...period(["month"]) })),
      run: async (s, q: object) => ({ total: null, events: (await s.timeline(q)).events }) },
    { name: "events({actor, from, to}) ×100", sample: "a top-50 country code, a month, quarter or year", args: many(() => ({ actor: actor(), ...period(["month", "quarter", "year"]) })),
      run: (s, f: object) => s.events(f, page) },
    { name: "events({type, from, to}) ×100", sample: "one of the 12 commonest types, a month, quarter or year", args: many(() => ({ type: pick(TYPES), ...period(["month", "quarter", "year"]) })),
      run: (s, f: object) => s.events(f, page) },
    { name: "events({story}) ×100", sample: "a story drawn uniformly", args: many(() => ({ story: story() })), run: (s, f: object) => s.events(f, page) },
    { name: "events({from, to}) ×100", sample: "a month, quarter or year", args: many(() => period(["month", "quarter", "year"])), run: (s, f: object) => s.events(f, page) },
    { name: "events({actor, recipient}) ×100", sample: "two of the top-10 country codes, all dates", args: many(() => {
      const [a, b] = [pick(COUNTRY_CODES.slice(0, 10)), pick(COUNTRY_CODES.slice(0, 9))];
      return { actor: a, recipient: b === a ? COUNTRY_CODES[9]! : b };
    }),
      run: (s, f: object) => s.events(f, page) },
    { name: "events({}) ×100, offset", sample: "no filter, offset 0–1,000", args: many(() => Math.floor(rnd() * 11) * 100),
      run: (s, offset: number) => s.events({}, { limit: 100, offset }) },
  ];
  return kinds as QueryKind[];
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/**
 * Runs each kind's sample against `store` (a few warm-up queries first, untimed) and returns the figures plus one
 * digest per answer (the total and the events' ids), so two backends' answers can be compared.
 */
export async function measure(store: Store, kinds: QueryKind[], onKind?: (f: QueryFigures) => void): Promise<{ figures: QueryFigures[]; digests: string[] }> {
  const figures: QueryFigures[] = [];
  const digests: string[] = [];
  for (const k of kinds) {
    for (const a of k.args.slice(0, 5)) await k.run(store, a as never);
    const times: number[] = [];
    let events = 0;
    let total = 0;
    for (const a of k.args) {
      const t = performance.now();
      const r = await k.run(store, a as never);
      times.push(performance.now() - t);
      events += r.events.length;
      total += r.total ?? 0;
      digests.push(createHash("sha1").update(`${k.name} ${JSON.stringify(a)} ${r.total} ${r.events.map((e) => e.id).join(",")}`).digest("hex"));
    }
    times.sort((x, y) => x - y);
    const f: QueryFigures = {
      query: k.name, sample: k.sample, queries: times.length,
      p50ms: +pct(times, 50).toFixed(1), p95ms: +pct(times, 95).toFixed(1), maxMs: +times[times.length - 1]!.toFixed(1),
      meanEvents: Math.round(events / times.length), meanTotal: k.name.startsWith("events") ? Math.round(total / times.length) : null,
    };
    figures.push(f);
    onKind?.(f);
  }
  return { figures, digests };
}
