/**
 * Story events: the mentions of one story grouped into the happenings they tell. Deterministic and order-free (the
 * mentions are sorted first), so a story's events can be rebuilt from its mentions at any time with the same result.
 *
 * Two tellings are one event when they give
 *   - the same PLOVER type (and mode, when both give one) — or AGREE against REJECT of the same parties on the same
 *     day, which is a contradiction to flag (agreed vs failed);
 *   - compatible dates: one interval inside the other (2018-11 and 2018-11-14); two day dates up to a week apart
 *     only when the place or the document is the same, flagged as a date contradiction;
 *   - the same parties: the countries of actors and recipients overlap by half or more (Jaccard ≥ 0.5);
 *   - the same kind of statement: what happened (asserted, reported, hedged, historical, denied) is kept apart from
 *     what is expected or conditional, and denial against assertion is a contradiction;
 * and when neither telling dates the event from its own text (both took the publication date), the same verb too,
 * since sharing a day of publication says nothing about being one event.
 * A mention joins the event it fits best (shared documents, same CAMEO code, same verb, same place); most precise
 * mentions go first, so vaguer ones ("1956") join the precise event they fit ("1956-10-19").
 */
import type { Modality } from "../record/schema.js";
import { compatible, interval as dateInterval, precisionRank, type DateInterval } from "./dates.js";
import type { MentionInput } from "./mentions.js";
import type { Contradiction, ContradictionVersion, StoryEvent, StoryEventLocation } from "./types.js";

/** A story event before the store gives it an id and timestamps. */
export type DraftEvent = Omit<StoryEvent, "id" | "story" | "firstSeen" | "updated">;

/** Strongest first: the publisher's own word, then history it tells, then reports, hedges, expectations, denial. */
export const MODALITY_ORDER: readonly Modality[] = ["asserted", "historical", "reported", "hedged", "expected", "conditional", "negated"];
const IRREALIS = new Set<Modality>(["expected", "conditional"]);
const OPPOSITE: Record<string, string> = { AGREE: "REJECT", REJECT: "AGREE" };
/** The types a mention of `type` may be merged with: its own, and its opposite (agreed here, failed there). */
export const mergeFamily = (type: string): string[] => (OPPOSITE[type] ? [type, OPPOSITE[type]] : [type]);
const DATE_SLACK_DAYS = 7;
const PUBLICATION_LAG_DAYS = 31;
const YEAR_MS = 365 * 86_400_000;

const country = (code: string) => code.slice(0, 3);
// A rebuild reads each mention's parties and dates many times (every candidate event, every comparison of the sort):
// both are worked out once per mention or value. Intervals are shared, so frozen.
const countriesOf = new WeakMap<MentionInput, Set<string>>();
function countries(m: MentionInput): Set<string> {
  let c = countriesOf.get(m);
  if (!c) countriesOf.set(m, (c = new Set([...m.actors, ...m.recipients].map(country))));
  return c;
}
const days = new Map<string, number>();
/** Days since 1970 of an ISO day (whole: days start at midnight UTC), parsed once per day. */
function dayNumber(iso: string): number {
  let d = days.get(iso);
  if (d === undefined) {
    d = Date.parse(iso) / 86_400_000;
    if (days.size >= 50_000) days.clear();
    days.set(iso, d);
  }
  return d;
}
const intervals = new Map<string, DateInterval | null>();
function interval(value: string | null | undefined): DateInterval | null {
  if (!value) return null;
  let i = intervals.get(value);
  if (i === undefined) {
    i = dateInterval(value);
    if (i) Object.freeze(i);
    // Bounded: dates are few (days, months, years), but nothing here may grow without end.
    if (intervals.size >= 50_000) intervals.clear();
    intervals.set(value, i);
  }
  return i;
}
function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let i = 0;
  for (const x of a) if (b.has(x)) i++;
  return i / (a.size + b.size - i);
}

interface Cluster {
  type: string;
  mode?: string;
  irrealis: boolean;
  mentions: MentionInput[];
  dates: (DateInterval | null)[];
  /** The most precise date interval so far. */
  best: DateInterval | null;
  bestValue: string | null;
  textDated: boolean;
  countries: Set<string>;
  documents: Set<string>;
  cameos: Set<string>;
  stems: Set<string>;
  places: Set<string>;
  /** Countries of the places (a country told as the place fits a city in it: "the Austrian capital" and Vienna). */
  placeCountries: Set<string>;
  /** Countries told as the place itself. */
  countryPlaces: Set<string>;
  copyGroups: Set<string>;
  /** The articles of `mentions` (document mentions included). */
  articles: Set<string>;
  /** Creation order (the order a scan of a pool tries clusters in). */
  seq: number;
}

const placeKey = (l: StoryEventLocation | null) => (l ? (l.geonameId ? String(l.geonameId) : (l.code ?? l.text).toUpperCase()) : null);
const countryLevel = (l: StoryEventLocation) => l.featureType === "country";
/** A place inside the other: a country and a place in that country. */
function placeWithin(c: Cluster, l: StoryEventLocation | null): boolean {
  if (!l?.country) return false;
  return (countryLevel(l) && c.placeCountries.has(l.country)) || c.countryPlaces.has(l.country);
}

/** A date the article's own words give (its sentence, a neighbour, a named document), not the publication day. */
const textDated = (m: MentionInput) => m.dateSource !== null && m.dateSource !== "publication";

function sortKey(m: MentionInput): [number, number, number, string, string, number] {
  const i = interval(m.date);
  return [
    m.kind === "event" ? 0 : 1,
    -(i ? precisionRank(i.precision) : -1),
    textDated(m) ? 0 : 1,
    m.published ?? "9999",
    m.article,
    m.order,
  ];
}
/** The mentions in merge order; each key is worked out once, not at every comparison. */
function sortMentions(mentions: readonly MentionInput[]): MentionInput[] {
  const keyed = mentions.map((m) => ({ m, k: sortKey(m) }));
  keyed.sort(({ m: a, k: ka }, { m: b, k: kb }) => {
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return a.event < b.event ? -1 : a.event > b.event ? 1 : 0;
  });
  return keyed.map((x) => x.m);
}

/** How well mention `m` fits cluster `c`, or -1 when it cannot be the same event. */
function fit(c: Cluster, m: MentionInput): number {
  const mi = interval(m.date);
  if (m.kind === "document") {
    // A dated document corroborates the event that made it: same document, same date (as precise or vaguer).
    if (!m.documents.some((d) => c.documents.has(d)) || !mi || !c.best || !compatible(mi, c.best)) return -1;
    if (c.articles.has(m.article)) return -1;
    return 1 + precisionRank(mi.precision) / 10;
  }
  const sameType = c.type === m.type;
  if (!sameType && OPPOSITE[c.type] !== m.type) return -1;
  if (c.mode && m.mode && c.mode !== m.mode) return -1;
  if (c.irrealis !== IRREALIS.has(m.modality)) return -1;
  const parties = jaccard(c.countries, countries(m));
  if (parties < 0.5) return -1;
  const sharedDoc = m.documents.some((d) => c.documents.has(d));
  const place = placeKey(m.location);
  const samePlace = place !== null && c.places.has(place);
  const copy = c.copyGroups.has(m.copyGroup) && !c.articles.has(m.article);
  let dates = compatible(mi, c.best);
  if (!dates && mi?.precision === "day" && c.best?.precision === "day" && Math.abs(dayNumber(mi.from) - dayNumber(c.best.from)) <= DATE_SLACK_DAYS)
    // A day apart, the same event told by another article (a time zone, a late report) — not another act of the
    // same visit ("arrived in Moscow on Monday", "held talks on Tuesday"): the same kind of act, or the same verb.
    dates = (sharedDoc || samePlace || copy) && !c.articles.has(m.article) && ((c.mode ?? "") === (m.mode ?? "") || c.stems.has(m.triggerStem));
  // A past act dated only by its article's publication (its words give no date: the coder's month of publication)
  // happened on or before that day: it joins the event another telling dates, up to a month earlier, when it is
  // told with the same verb by another article ("At that summit, Trump and Kim signed …" a month on).
  if (!dates && m.dateSource === "publication" && c.textDated && c.best && m.published && !IRREALIS.has(m.modality) && c.stems.has(m.triggerStem) && !c.articles.has(m.article)) {
    const lag = dayNumber(m.published.slice(0, 10)) - dayNumber(c.best.to);
    dates = lag >= 0 && lag <= PUBLICATION_LAG_DAYS;
  }
  if (!dates) return -1;
  if (!sameType) {
    // Agreed here, failed there: only for the very same parties and day, told by different articles.
    if (parties < 1 || !mi || mi.precision !== "day" || !c.best || c.best.from !== mi.from) return -1;
    if (c.articles.has(m.article)) return -1;
  }
  const weak = !textDated(m) && !c.textDated;
  if (weak && !c.stems.has(m.triggerStem) && !copy) return -1;
  if (place && c.places.size && !samePlace && !placeWithin(c, m.location) && !(mi?.precision === "day" && c.best?.precision === "day" && mi.from === c.best.from)) return -1;
  return parties + (sharedDoc ? 1 : 0) + (m.cameo && c.cameos.has(m.cameo) ? 0.5 : 0) + (c.stems.has(m.triggerStem) ? 0.3 : 0) + (samePlace ? 0.3 : 0) + (copy ? 0.5 : 0);
}

function newCluster(m: MentionInput, seq: number): Cluster {
  const c: Cluster = {
    seq,
    type: m.type,
    ...(m.mode ? { mode: m.mode } : {}),
    irrealis: IRREALIS.has(m.modality),
    mentions: [],
    dates: [],
    best: null,
    bestValue: null,
    textDated: false,
    countries: new Set(),
    documents: new Set(),
    cameos: new Set(),
    stems: new Set(),
    places: new Set(),
    placeCountries: new Set(),
    countryPlaces: new Set(),
    copyGroups: new Set(),
    articles: new Set(),
  };
  add(c, m);
  return c;
}

function add(c: Cluster, m: MentionInput): void {
  c.mentions.push(m);
  c.articles.add(m.article);
  const i = interval(m.date);
  c.dates.push(i);
  if (m.kind === "document") return;
  if (i && (!c.best || precisionRank(i.precision) > precisionRank(c.best.precision) || (textDated(m) && !c.textDated && precisionRank(i.precision) >= precisionRank(c.best.precision)))) {
    c.best = i;
    c.bestValue = m.date;
  }
  if (textDated(m)) c.textDated = true;
  if (!c.mode && m.mode) c.mode = m.mode;
  for (const x of countries(m)) c.countries.add(x);
  for (const d of m.documents) c.documents.add(d);
  if (m.cameo) c.cameos.add(m.cameo);
  if (m.triggerStem) c.stems.add(m.triggerStem);
  const p = placeKey(m.location);
  if (p) c.places.add(p);
  if (m.location?.country) {
    c.placeCountries.add(m.location.country);
    if (countryLevel(m.location)) c.countryPlaces.add(m.location.country);
  }
  c.copyGroups.add(m.copyGroup);
}

/** Independent sources: mentions from one copy group or one outlet count once. */
export function independentSources(ms: readonly Pick<MentionInput, "article" | "copyGroup" | "publisher" | "url">[]): number {
  const parent = ms.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const seen = new Map<string, number>();
  ms.forEach((m, i) => {
    const outlet = m.publisher?.trim().toLowerCase() || (m.url ? safeHost(m.url) : null);
    for (const key of [`c:${m.copyGroup}`, outlet ? `o:${outlet}` : `a:${m.article}`]) {
      const j = seen.get(key);
      if (j === undefined) seen.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  return new Set(ms.map((_, i) => find(i))).size;
}
function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

function ranked<T extends string>(values: T[]): T[] {
  const n = new Map<T, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

function versions(ms: MentionInput[], value: (m: MentionInput) => string | null): ContradictionVersion[] {
  const by = new Map<string, number[]>();
  ms.forEach((m, i) => {
    const v = value(m);
    if (v !== null) by.set(v, [...(by.get(v) ?? []), i]);
  });
  return [...by.entries()]
    .map(([v, idx]) => ({ value: v, mentions: idx, sources: independentSources(idx.map((i) => ms[i]!)) }))
    .sort((a, b) => b.mentions.length - a.mentions.length || (a.value < b.value ? -1 : 1));
}

function contradictions(ms: MentionInput[]): Contradiction[] {
  const out: Contradiction[] = [];
  const ev = (m: MentionInput) => m.kind === "event";
  const push = (kind: Contradiction["kind"], vs: ContradictionVersion[]) => {
    if (vs.length > 1) out.push({ kind, versions: vs });
  };
  push("date", versions(ms, (m) => (ev(m) && textDated(m) && interval(m.date)?.precision === "day" ? m.date : null)));
  const nouns = new Set(ms.flatMap((m) => Object.keys(m.numbers)));
  for (const noun of [...nouns].sort()) {
    const vs = versions(ms, (m) => m.numbers[noun] ?? null);
    // Only across articles: one article giving two numbers for a noun is usually two things.
    const arts = new Set(vs.flatMap((v) => v.mentions.map((i) => ms[i]!.article)));
    if (arts.size > 1) push("number", vs.map((v) => ({ ...v, value: `${v.value} ${noun}` })));
  }
  // A country told as the place does not contradict a place in it.
  const finer = new Set(ms.flatMap((m) => (m.location?.country && !countryLevel(m.location) ? [m.location.country] : [])));
  push("place", versions(ms, (m) => (m.location && !(countryLevel(m.location) && finer.has(m.location.country ?? "")) ? (m.location.name ?? m.location.text) : null)));
  push("polarity", versions(ms, (m) => (ev(m) ? (m.modality === "negated" ? "denied" : IRREALIS.has(m.modality) ? null : "asserted") : null)));
  push("outcome", versions(ms, (m) => (ev(m) && (m.type === "AGREE" || m.type === "REJECT") ? m.type : null)));
  return out;
}

/** A cluster's mentions in the order its story event lists them: by publication, article, then place in it. */
const listed = (c: Cluster) =>
  [...c.mentions].sort((a, b) => (a.published ?? "") < (b.published ?? "") ? -1 : (a.published ?? "") > (b.published ?? "") ? 1 : a.article < b.article ? -1 : a.article > b.article ? 1 : a.order - b.order);

function draft(c: Cluster, ms: MentionInput[] = listed(c)): DraftEvent {
  const events = ms.filter((m) => m.kind === "event");
  const modalities = MODALITY_ORDER.filter((x) => events.some((m) => m.modality === x));
  const positive = modalities.filter((x) => x !== "negated");
  const modality = positive[0] ?? "negated";
  const lead = events.find((m) => m.modality === modality) ?? events[0]!;
  const type = ranked(events.map((m) => m.type))[0]!;
  const pick = <K extends "cameo" | "quadClass" | "score">(k: K) => events.find((m) => m.type === type && m[k] !== undefined)?.[k];
  const cameo = pick("cameo");
  const quadClass = pick("quadClass");
  const score = pick("score");
  const contexts = [...new Set(events.flatMap((m) => m.context ?? []))].sort();
  const location = events.find((m) => m.location?.geonameId)?.location ?? events.find((m) => m.location)?.location ?? null;
  const background =
    events.some((m) => m.modality === "historical") ||
    events.every((m) => {
      const i = interval(m.date);
      const p = interval(m.published);
      return !!i && !!p && Date.parse(p.from) - Date.parse(i.to) > YEAR_MS;
    });
  return {
    date: c.bestValue,
    precision: c.best?.precision ?? "unknown",
    dateFrom: c.best?.from ?? null,
    dateTo: c.best?.to ?? null,
    type,
    ...(c.mode ? { mode: c.mode } : {}),
    ...(contexts.length ? { context: contexts } : {}),
    ...(cameo !== undefined ? { cameo } : {}),
    ...(quadClass !== undefined ? { quadClass } : {}),
    ...(score !== undefined ? { score } : {}),
    actors: ranked(events.flatMap((m) => m.actors)),
    recipients: ranked(events.flatMap((m) => m.recipients)),
    location,
    modality,
    modalities,
    background,
    // Still to come: expected or conditional, and not history (a 1956 handover promised on a condition is past).
    future: c.irrealis && !background,
    corroboration: { articles: new Set(ms.map((m) => m.article)).size, sources: independentSources(ms), mentions: ms.length },
    mentions: ms.map(publicMention),
    contradictions: contradictions(ms),
    summary: lead.text,
  };
}

/** The mention as the contract shows it (the merge-only fields dropped). */
export function publicMention(m: MentionInput): StoryEvent["mentions"][number] {
  const { type: _t, mode: _m, context: _c, cameo: _k, quadClass: _q, score: _s, actors: _a, recipients: _r, location: _l, documents: _d, triggerStem: _ts, numbers: _n, order: _o, ...pub } = m;
  return pub;
}

/** The pool a cluster or mention is looked up in: its type and year ("~" when vaguer than a year or undated). */
function yearOf(m: MentionInput): string {
  const i = interval(m.date);
  return i && precisionRank(i.precision) >= precisionRank("year") ? i.from.slice(0, 4) : "~";
}

/**
 * Clusters of one type (and year) a mention may join, in the order they were made. A cluster's date is fixed when it
 * is made (mentions come most precise first, text-dated first), so those dated to a day are also filed by day: a
 * mention dated to a day can only join those within the week's slack of it, or one dated more coarsely (or not at
 * all), and only those are tried — in the order they were made, as a scan of all would try them.
 */
class Pool {
  readonly all: Cluster[] = [];
  private readonly byDay = new Map<number, Cluster[]>();
  private readonly coarse: Cluster[] = [];

  push(c: Cluster): void {
    this.all.push(c);
    if (c.best?.precision !== "day") this.coarse.push(c);
    else {
      const d = dayNumber(c.best.from);
      const list = this.byDay.get(d);
      if (list) list.push(c);
      else this.byDay.set(d, [c]);
    }
  }

  /** The clusters a mention dated `mi` may fit, in the order they were made (`scratch` may be returned, refilled). */
  candidates(mi: DateInterval | null, scratch: Cluster[]): readonly Cluster[] {
    if (mi?.precision !== "day" || this.all.length < 16) return this.all;
    scratch.length = 0;
    for (const c of this.coarse) scratch.push(c);
    const d = dayNumber(mi.from);
    for (let k = -DATE_SLACK_DAYS; k <= DATE_SLACK_DAYS; k++) for (const c of this.byDay.get(d + k) ?? []) scratch.push(c);
    return scratch.sort((a, b) => a.seq - b.seq);
  }
}

/** One event's mentions, in the order its story event lists them, and the event itself, worked out on demand. */
export interface MentionGroup {
  mentions: MentionInput[];
  draft(): DraftEvent;
}

/**
 * Groups a story's mentions into its events, in no particular order (the timeline sorts them). Candidates are looked
 * up by type and year, so a long story's rebuild stays near linear in its mentions.
 */
export function mergeMentions(mentions: readonly MentionInput[]): DraftEvent[] {
  return groupMentions(mentions).map((g) => g.draft());
}

/**
 * `mergeMentions` without drafting: a story's rebuild drafts only the groups whose mentions changed (drafting is most
 * of the cost of a long story, and most of its events are the same after one more article).
 */
export function groupMentions(mentions: readonly MentionInput[]): MentionGroup[] {
  const clusters: Cluster[] = [];
  const byType = new Map<string, Pool>();
  const byYear = new Map<string, Pool>();
  /** The pools a mention of `type` and `year` may join, in the order they are tried. */
  const pools = (type: string, year: string, into: Pool[]): void => {
    if (year === "~") {
      const all = byType.get(type);
      if (all) into.push(all);
      return;
    }
    const y = Number(year);
    for (const k of [String(y - 1), year, String(y + 1), "~"]) {
      const p = byYear.get(`${type}|${k}`);
      if (p) into.push(p);
    }
  };
  const into = (map: Map<string, Pool>, key: string) => map.get(key) ?? map.set(key, new Pool()).get(key)!;
  const found: Pool[] = [];
  const cands: Cluster[] = [];
  const docs: MentionInput[] = [];
  for (const m of sortMentions(mentions)) {
    if (m.kind === "document") {
      docs.push(m);
      continue;
    }
    const year = yearOf(m);
    found.length = 0;
    // Only the types of its merge family: what lets a story's other types stay as they are (engine.ts, touchedTypes).
    for (const t of mergeFamily(m.type)) pools(t, year, found);
    const mi = interval(m.date);
    let best: Cluster | null = null;
    let bestFit = -1;
    for (const p of found)
      for (const c of p.candidates(mi, cands)) {
        const f = fit(c, m);
        if (f > bestFit) [best, bestFit] = [c, f];
      }
    if (best) add(best, m);
    else {
      const c = newCluster(m, clusters.length);
      clusters.push(c);
      into(byType, m.type).push(c);
      into(byYear, `${m.type}|${year}`).push(c);
    }
  }
  const byDoc = new Map<string, Cluster[]>();
  for (const c of clusters) for (const d of c.documents) (byDoc.get(d) ?? byDoc.set(d, []).get(d)!).push(c);
  for (const m of docs) {
    let best: Cluster | null = null;
    let bestFit = -1;
    for (const c of new Set(m.documents.flatMap((d) => byDoc.get(d) ?? []))) {
      const f = fit(c, m);
      if (f > bestFit || (f === bestFit && best && c.best && best.best && c.best.precision === "day" && best.best.precision !== "day")) [best, bestFit] = [c, f];
    }
    if (best && bestFit >= 0) add(best, m);
  }
  return clusters.map((c) => {
    const ms = listed(c);
    return { mentions: ms, draft: () => draft(c, ms) };
  });
}
