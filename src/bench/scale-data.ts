/**
 * Synthetic story-layer rows at scale (`npm run bench:scale`): stories, their members and their story events (with
 * parties, contexts and mentions), generated directly — not through the pipeline — so a store of a million
 * articles' worth of events can be filled in minutes. Seeded: the same options give the same rows.
 *
 * The shape follows what the pipeline produces and what news looks like:
 * - story sizes are power-law (P(size ≥ k) ≈ 1/k, capped at 2% of the articles): most stories are one or two
 *   articles, a few run to thousands, and bigger stories last longer (up to the whole period);
 * - about 1.68 event mentions per article (the pipeline finds 1.65 on the 2,452 TempEval-3 silver wire stories), of
 *   which a third tell an event the story already has (corroboration), so ~1.1 story events per article;
 * - party codes are CAMEO country codes drawn Zipf-like (USA, RUS, CHN … first), often with a role (RUSGOV, USAMIL),
 *   and events often name several (["JPN", "SUN", "SUNGOV"]), as the coder does;
 * - dates as the coder gives them: mostly days near publication, some months, background history (years, decades,
 *   a century), expected events a few weeks ahead, quarter values ("2019-Q1": precision unknown) and undated ones;
 * - every story event's JSON carries full mentions (publisher, evidence offsets, sentence text), ~1.5 KB each as in
 *   real stores.
 * Articles themselves (text, layers, full-text index) are not generated: the timeline and event queries read only
 * the story tables. Engine-only state (story vectors, index keys, copy signatures) is left empty.
 */
import { createRequire } from "node:module";
import { independentSources } from "../story/merge-events.js";
import { interval } from "../story/dates.js";
import type { StoryEvent, StoryMention } from "../story/types.js";
import type { Modality } from "../record/schema.js";
import { prng } from "../util/prng.js";

type WorldCountry = { cca3: string; name: { common: string }; capital: string[]; unMember: boolean };
const WORLD = (createRequire(import.meta.url)("world-countries") as WorldCountry[]).filter((c) => c.unMember);

/** The most reported-on first (GDELT's actor counts, roughly); the other UN members follow in alphabetical order. */
const TOP = ["USA", "RUS", "CHN", "UKR", "ISR", "GBR", "FRA", "DEU", "IRN", "IND", "TUR", "JPN", "PRK", "KOR", "SYR", "PAK",
  "SAU", "AFG", "IRQ", "EGY", "BRA", "CAN", "AUS", "ITA", "POL", "VEN", "MEX", "NGA", "ZAF", "LBN"];
export const COUNTRY_CODES = [...TOP, ...WORLD.map((c) => c.cca3).filter((c) => !TOP.includes(c)).sort()];
const NAMES = new Map(WORLD.map((c) => [c.cca3, { name: c.name.common, capital: c.capital[0] ?? c.name.common }]));
const ROLES = ["", "", "", "", "GOV", "GOV", "GOV", "MIL", "BUS", "MED", "OPP", "LEG", "JUD", "CVL", "REB"];
/** PLOVER types, the most frequent first, with a CAMEO root and quad class each. */
const TYPES: [string, string, number][] = [
  ["CONSULT", "040", 1], ["AGREE", "057", 1], ["SUPPORT", "051", 1], ["ACCUSE", "112", 3], ["REQUEST", "020", 1],
  ["COOPERATE", "060", 2], ["REJECT", "120", 3], ["THREATEN", "130", 3], ["AID", "070", 2], ["PROTEST", "140", 3],
  ["SANCTION", "163", 4], ["MOBILIZE", "150", 4], ["ASSAULT", "180", 4], ["COERCE", "170", 4], ["RETREAT", "087", 2],
  ["CONCEDE", "080", 2],
];
const CONTEXTS = ["diplomatic", "military", "economic", "political", "humanitarian", "legal", "territorial", "nuclear"];
const SUBJECTS = ["trade agreement", "border dispute", "fishing rights", "gas pipeline", "peace treaty", "visa regime", "nuclear programme",
  "water sharing deal", "investment treaty", "prisoner exchange", "sanctions", "ceasefire", "arms sales", "election observers"];
const AGENCIES = ["Reuters", "AFP", "AP", "TASS", "Xinhua", "Kyodo", "Anadolu", "BBC", "dpa", "EFE", "ANSA", "Yonhap"];
const PUBLISHERS = [...AGENCIES, ...Array.from({ length: 288 }, (_, i) => `Outlet ${i + 1}`)];
const VERBS: Record<string, string> = {
  CONSULT: "held talks with", AGREE: "agreed with", SUPPORT: "backed", ACCUSE: "accused", REQUEST: "called on",
  COOPERATE: "signed a cooperation plan with", REJECT: "rejected a proposal from", THREATEN: "warned", AID: "sent aid to",
  PROTEST: "protested to", SANCTION: "imposed sanctions on", MOBILIZE: "moved troops toward", ASSAULT: "struck targets in",
  COERCE: "expelled diplomats of", RETREAT: "withdrew forces from", CONCEDE: "made concessions to",
};

/** The dates cover ten years from 2016-01-01 unless told otherwise. */
const START = Date.UTC(2016, 0, 1);
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** murmur3's finaliser: a bijection on 32-bit integers, so distinct counters give distinct ids. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
const articleId = (n: number) => mix32(n).toString(16).padStart(8, "0") + mix32(n ^ 0x5bd1e995).toString(16).padStart(8, "0");

/** Picks index i of `n` with weight 1/(i+1)^s. */
function zipf(n: number, s: number, rnd: () => number): () => number {
  const cum: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) cum.push((total += 1 / (i + 1) ** s));
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface ScaleMember {
  article: string;
  story: number;
  copyGroup: string;
  publisher: string;
  url: string;
  published: string;
  joined: string;
}

export interface ScaleStory {
  id: number;
  title: string;
  mainActors: string[];
  keywords: string[];
  from: string;
  to: string;
  created: string;
  updated: string;
  members: ScaleMember[];
  /** In id order, ids given. */
  events: StoryEvent[];
}

export interface ScaleOptions {
  articles: number;
  seed?: number;
  /** Years the dates cover (from 2016). */
  years?: number;
}

/** The stories, one at a time (a large one holds its events in memory while it is built). */
export function* scaleStories(o: ScaleOptions): Generator<ScaleStory> {
  const rnd = prng(o.seed ?? 20240611);
  const days = Math.round((o.years ?? 10) * 365.25);
  const maxSize = Math.max(10, Math.round(o.articles * 0.02));
  const country = zipf(COUNTRY_CODES.length, 1.1, rnd);
  const type = zipf(TYPES.length, 1, rnd);
  const publisher = zipf(PUBLISHERS.length, 1, rnd);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  let articleNo = 0;
  let eventId = 0;
  for (let storyId = 1; articleNo < o.articles; storyId++) {
    const size = Math.min(maxSize, o.articles - articleNo, Math.floor(1 / Math.max(rnd(), 1e-9)));
    const duration = Math.min(days - 1, Math.round(2 * size ** 0.9));
    const start = START + Math.floor(rnd() * (days - duration)) * DAY;
    const a = COUNTRY_CODES[country()]!;
    let b = COUNTRY_CODES[country()]!;
    while (b === a) b = COUNTRY_CODES[country()]!;
    const parties = rnd() < 0.3 ? [a, b, COUNTRY_CODES[country()]!] : [a, b];
    const subject = pick(SUBJECTS);
    const name = (c: string) => NAMES.get(c)?.name ?? c;

    const published = Array.from({ length: size }, () => start + Math.floor(rnd() * (duration + 1)) * DAY).sort((x, y) => x - y);
    const members: ScaleMember[] = [];
    const events: StoryEvent[] = [];
    for (let j = 0; j < size; j++) {
      const id = articleId(++articleNo);
      const copy = j > 0 && rnd() < 0.15 ? members[j - 1]! : null;
      const pub = PUBLISHERS[publisher()]!;
      const day = copy ? copy.published : isoDay(published[j]!);
      members.push({
        article: id, story: storyId, copyGroup: copy?.copyGroup ?? id, publisher: pub,
        url: `https://example.org/${pub.toLowerCase().replace(/\s+/g, "-")}/${id}`, published: day,
        joined: `${day}T${String(6 + (j % 14)).padStart(2, "0")}:${String(j % 60).padStart(2, "0")}:00.000Z`,
      });
      const m = members[j]!;
      const docLength = 1500 + Math.floor(rnd() * 4000);
      const u = rnd();
      const told = [0.27, 0.52, 0.72, 0.86, 0.95, 1].findIndex((p) => u < p);
      for (let k = 0; k < told; k++) {
        const joinOld = events.length > 0 && rnd() < 0.35;
        const ev = joinOld ? events[events.length - 1 - Math.floor(rnd() * Math.min(20, events.length))]! : newEvent(m, storyId);
        if (!joinOld) events.push(ev);
        ev.mentions.push(mention(ev, m, k, docLength));
        ev.updated = m.joined;
      }
    }
    for (const e of events) finish(e, (eventId += 1));
    yield {
      id: storyId,
      title: `${name(a)} and ${name(b)}: ${subject}`,
      mainActors: parties,
      keywords: [...subject.split(" "), "talks"],
      from: members[0]!.published,
      to: members[members.length - 1]!.published,
      created: members[0]!.joined,
      updated: members[members.length - 1]!.joined,
      members,
      events,
    };

    function party(): string {
      const c = rnd() < 0.55 ? parties[0]! : rnd() < 0.8 ? parties[1]! : parties[parties.length - 1]!;
      return c + pick(ROLES);
    }
    function newEvent(m: ScaleMember, story: number): StoryEvent {
      const [t, cameo, quad] = TYPES[type()]!;
      const year = Number(m.published.slice(0, 4));
      const r = rnd();
      let date: string | null;
      let modality: Modality = rnd() < 0.7 ? "asserted" : "reported";
      let background = false;
      let future = false;
      if (r < 0.7) date = isoDay(Date.parse(m.published) - Math.floor(rnd() * 3) * DAY);
      else if (r < 0.78) date = m.published.slice(0, 7);
      else if (r < 0.83) {
        date = isoDay(Date.parse(m.published) + (1 + Math.floor(rnd() * 30)) * DAY);
        [future, modality] = [true, "expected"];
      } else if (r < 0.92) {
        date = r < 0.9 ? String(1945 + Math.floor(rnd() * (year - 1945))) : r < 0.915 ? `19${5 + Math.floor(rnd() * 5)}` : "19";
        [background, modality] = [true, "historical"];
      } else if (r < 0.935) date = `${year}-Q${1 + Math.floor(rnd() * 4)}`;
      else date = null;
      const span = interval(date);
      const actors = [party()];
      if (rnd() < 0.4) actors.push(actors[0]!.slice(0, 3) === actors[0] ? party() : actors[0]!.slice(0, 3));
      const recipients = rnd() < 0.85 ? [party()] : [];
      if (recipients.length && rnd() < 0.3) recipients.push(party());
      const place = rnd() < 0.5 ? pick(parties) : null;
      return {
        id: 0, story, date, precision: span?.precision ?? "unknown", dateFrom: span?.from ?? null, dateTo: span?.to ?? null, type: t,
        ...(t === "CONSULT" && rnd() < 0.5 ? { mode: pick(["visit", "meeting", "call"]) } : {}),
        ...(rnd() < 0.7 ? { context: [pick(CONTEXTS)] } : {}),
        cameo, quadClass: quad, score: quad < 3 ? 4 : -5,
        actors: [...new Set(actors)], recipients: [...new Set(recipients)],
        location: place ? { text: NAMES.get(place)?.capital ?? place, name: NAMES.get(place)?.capital ?? place, country: place } : null,
        modality, modalities: [modality], background, future,
        corroboration: { articles: 0, sources: 0, mentions: 0 }, mentions: [], contradictions: [], summary: "",
        firstSeen: m.joined, updated: m.joined,
      };
    }
    function mention(e: StoryEvent, m: ScaleMember, k: number, docLength: number): StoryMention {
      const start = Math.floor(rnd() * (docLength - 300));
      const who = e.actors[0] ?? "";
      const whom = e.recipients[0];
      const text = `${name(who.slice(0, 3))}${who.length > 3 ? ` (${who.slice(3)})` : ""} ${VERBS[e.type] ?? "met"} ${whom ? name(whom.slice(0, 3)) : "its partners"} `
        + `over the ${subject}${e.date ? ` on ${e.date}` : ""}, ${pick(["officials said", "the ministry said in a statement", "according to diplomatic sources", "state media reported"])}.`;
      return {
        article: m.article, publisher: m.publisher, published: m.published, url: m.url, copyGroup: m.copyGroup, docLength,
        event: `ev${k + 1}`, start, end: start + text.length, source: rnd() < 0.3 ? [pick(AGENCIES)] : [],
        modality: e.modality, date: e.date, dateSource: e.date ? "text" : null, kind: "event",
        trigger: { start: start + 12, end: start + 24, text: VERBS[e.type] ?? "met" },
        actorStart: start, actorText: name(who.slice(0, 3)), actorCode: who, ...(whom ? { recipientCode: whom } : {}),
        sentence: Math.floor((start / docLength) * 30), lead: start < 400, text,
      };
    }
    function finish(e: StoryEvent, id: number): void {
      e.id = id;
      e.corroboration = { articles: new Set(e.mentions.map((x) => x.article)).size, sources: independentSources(e.mentions), mentions: e.mentions.length };
      e.modalities = [...new Set(e.mentions.map((x) => x.modality))];
      e.summary = e.mentions[0]!.text!;
    }
  }
}
