/**
 * What the event coder knows of one article while it codes it: its party mentions (by start and by token), places,
 * usable times, quotes, publication date, and the helpers that read them (clause bounds, places as parties,
 * documents' dates, appositions, the country a person is "of"); and the state carried from act to act (the last
 * pair of parties, the actors coded in the sentence, the sentence before).
 */
import type { Entity, Event, EventParty, Mention, Quote, Span, Time } from "../record/schema.js";
import { lowerBound, spanIndexAt, within } from "../pipeline/spans.js";
import { tokenIndexAt } from "../pipeline/tokens.js";
import type { Doc } from "../pipeline/types.js";
import type { gazetteer } from "./geo.js";
import { group, tellsProposition } from "./syntactic.js";
import { Tree } from "./tree.js";
import { unusableTime } from "./dating.js";
import { TYPES } from "./ontology.js";
import { partyMentions, tokenText, type PartyMention } from "./parties.js";
import type { PairCounts } from "./party-assignment.js";

// Words that end a clause when looking for a trigger's subject or object.
const BOUNDARY = new Set([",", ";", ":", "that", "which", "who", "after", "before", "when", "while", "because", "since", "if", "although", "“", "”", '"', "—", "–"]);
/** What may stand before a document that opens a clause: nothing, or the preposition it is acted under. */
/** When a document was made, and the text that says so. */
export type DocumentTime = Pick<Time, "value" | "start" | "end">;

// A document named as what was signed (CAMEO 057 verbs; documents.ts names such documents).
const SIGNED_BEFORE = /\b(?:signed|concluded|ratified)\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,2}$/iu;
const DOCUMENT_LEAD = /^(?:(?:under|by|in)\s+)?$/i;

/**
 * "in"/"at" (and "the") with up to two lower-case modifiers of the place ("in northern Mali", "in the occupied West
 * Bank"), ending where the place begins; a preposition or conjunction among them ends the phrase ("in talks with").
 */
const IN_AT = /\b(?:in|at)\s+(?:the\s+)?(?:(?!(?:with|to|of|and|or|for|from|by|on|against|between|over|into|after|before)\s)(?![a-z]+ing\s)[a-z][a-z-]*\s+){0,2}$/;

/** Whole days from ISO date `a` to ISO date `b` (absolute). */
function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) / 86_400_000;
}

/** A place mention with its entity. */
export interface PlaceMention {
  m: Mention;
  e: Entity;
  start: number;
  end: number;
}
/** The dated event of the sentence before, which "the two sides agreed …" continues. */
export interface Previous {
  sentence: Span;
  date: string | null;
  dateSource: Event["dateSource"];
  dateSpan: Span | null;
}

export type Article = ReturnType<typeof articleContext>;

/** What a verb does to a meeting it takes as object (VerbDictionary.meetingVerdict). */
export type MeetingVerdict = (lemma: string) => "holds" | "other" | null;

export function articleContext(doc: Doc, geo: ReturnType<typeof gazetteer>, meetingVerdict: MeetingVerdict = () => null) {
  const { record, tokens } = doc;
  const text = record.text;
  const mentions = partyMentions(record.entities);
  // Looked up by ofItsCountry, built on first use.
  let byStart: Map<number, PartyMention[]> | null = null;
  let persons: Set<string> | null = null;
  const mentionsByStart = () => (byStart ??= mentions.reduce((acc, g) => acc.set(g.start, [...(acc.get(g.start) ?? []), g]), new Map<number, PartyMention[]>()));
  const personIds = () => (persons ??= new Set(record.entities.filter((e) => e.type === "PERSON").map((e) => e.id)));
  // The party mention covering each token (the widest), for the parse's phrase heads.
  const byToken: (PartyMention | undefined)[] = [];
  if (doc.syntax)
    for (const m of mentions)
      for (let t = tokenIndexAt(tokens, m.start); t < tokens.length && tokens[t]!.start < m.end; t++) if (!byToken[t] || byToken[t]!.end - byToken[t]!.start < m.end - m.start) byToken[t] = m;
  const mentionAt = (t: number) => byToken[t];
  const places = record.entities
    .filter((e) => e.type === "GPE" || e.type === "LOC")
    .flatMap((e) => e.mentions.map((m) => ({ m, e, start: m.start, end: m.end })))
    .sort((x, y) => x.start - y.start);
  // Times that can date an event; the others are left undated rather than dated by a guess (dating.ts).
  const times: Time[] = [];
  let unresolved = 0;
  for (const t of record.times) {
    const why = unusableTime(t, doc.anchorDate, text.slice(t.end, t.end + 30));
    if (!why) times.push(t);
    else if (why.startsWith("relative") || why.startsWith("arithmetic")) unresolved++;
  }
  const quotes = record.quotes; // sorted by start
  // Decided on first look: most quotes hold no trigger.
  const reports: (boolean | undefined)[] = [];
  /** The report whose words contain [start, end), looking back over the few quotes that start before it. */
  const quoteAt = (start: number, end: number): number => {
    for (let i = lowerBound(quotes, start + 1) - 1, n = 0; i >= 0 && n < 50; i--, n++) if (quotes[i]!.start <= start && end <= quotes[i]!.end && (reports[i] ??= isReport(quotes[i]!))) return i;
    return -1;
  };
  /**
   * A quotation, or an indirect attribution that tells a proposition (syntactic.ts, tellsProposition): only these
   * make what they contain reported, dated inside their own words. Without a parse every attribution counts.
   */
  function isReport(q: Quote): boolean {
    if (q.kind === "direct" || !doc.syntax) return true;
    // An indirect content around its own cue is no report ("which was concluded in Moscow …, the Soviet Union agreed").
    if (q.cue.start >= q.start && q.cue.end <= q.end) return false;
    // Quoted words inside it are someone's words ("quoted a source as saying the two countries had "almost …"").
    if (/["“”]/.test(q.text)) return true;
    const sent = record.sentences[spanIndexAt(record.sentences, q.start)];
    if (!sent || q.end > sent.end) return true; // content running over sentences is reported speech
    const a = tokenIndexAt(tokens, sent.start);
    const b = tokenIndexAt(tokens, sent.end);
    return tellsProposition(new Tree(doc.syntax, tokens, a, b), tokenIndexAt(tokens, q.start), tokenIndexAt(tokens, q.end));
  }
  const published = doc.anchorDate;
  const pubYear = published ? Number(published.slice(0, 4)) : null;
  const isHistorical = (d: string | null) => !!d && pubYear !== null && Number(d.slice(0, 4)) < pubYear - 1;
  const headline = record.structure.headline;
  const paragraphs = record.structure.paragraphs;
  const events: Event[] = [];
  let countriesOfArticle: Set<string> | null = null;
  const state = {
    lastPair: [] as PartyMention[],
    // Pairs of parties named together, as a compound subject or as the two sides of a symmetric act ("the two
    // sides": party-assignment.ts, mainPair).
    pairs: new Map() as PairCounts,
    // The last pair of people ("Putin and Abe"): what "the two leaders" refers to.
    lastPersons: [] as PartyMention[],
    // The sentence's parse, and the actors of the acts coded in it so far by their trigger token (for conjuncts).
    sentenceTree: null as Tree | null,
    actorsAt: new Map<number, PartyMention[]>(),
    previous: null as Previous | null,
  };

  /**
   * The event's location: the place its sentence attaches to it, else the dateline's place when the act is a
   * statement reported from there in the publication week (a verbal act: quad class 1 or 3); geocoded.
   */
  function locate(loc: { m: Mention; e: Entity } | undefined, type: string, cameo: string, date: string | null, dateSource: Event["dateSource"], modality: Event["modality"]): Event["location"] {
    if (loc) {
      const country = (loc.e.country ?? loc.e.code ?? "").slice(0, 3) || null;
      const place = geo.resolve(loc.m.text, country, articleCountries());
      return { text: loc.m.text, entity: loc.e.id, ...(loc.e.code ? { code: loc.e.code.slice(0, 3) } : {}), start: loc.m.start, end: loc.m.end, from: "text", ...(place ?? {}) };
    }
    const d = record.dateline;
    // A statement (verbal act) made in the article's own days, told as fact, was made where the report is filed
    // from; so was a meeting the text dates to those days without giving its place ("held talks in the Kremlin on
    // Tuesday" under a MOSCOW dateline), unless it was by telephone (CAMEO 041).
    const statement = type === "CONSULT" ? cameo !== "041" && dateSource === "text" : TYPES[type]!.quadClass === 1 || TYPES[type]!.quadClass === 3;
    // Of the article's days: dated to a day within a week of its publication (by the text, or by the publication
    // day itself for an act told in the present; a past act the text does not date has only the month).
    const thisWeek = date !== null && published !== null && date.length >= 10 && daysBetween(date, published) <= 7;
    if (!d?.place || !statement || !thisWeek || (modality !== "asserted" && modality !== "reported")) return null;
    const at = text.indexOf(d.place, d.start);
    if (at < 0 || at >= d.end) return null;
    const place = geo.resolve(d.place, null, articleCountries());
    return { text: d.place, entity: null, ...(place ? { code: place.country } : {}), start: at, end: at + d.place.length, from: "dateline", ...(place ?? {}) };
  }
  /**
   * The country of a place: its entity's code, else the gazetteer's country for the name ("Lagos" → NGA), so that
   * a place the actor dictionaries lack can still stand for its state as a recipient.
   */
  function placeCode(loc: { m: Mention; e: Entity }): string | null {
    if (loc.e.code) return loc.e.code;
    const place = geo.resolve(loc.m.text, loc.e.country ?? null, articleCountries());
    return place?.country ?? null;
  }
  function placeEntity(loc: { m: Mention; e: Entity }): Entity {
    return loc.e.code ? loc.e : { ...loc.e, code: placeCode(loc)! };
  }
  /** A place as a party: its state, by the entity's code or the gazetteer's country for the name. */
  function placeParty(loc: { m: Mention; e: Entity }): PartyMention {
    return { start: loc.m.start, end: loc.m.end, entity: placeEntity(loc), kind: loc.m.kind ?? "name" };
  }
  function articleCountries(): Set<string> {
    countriesOfArticle ??= new Set(record.entities.filter((e) => e.type === "GPE").map((e) => (e.country ?? e.code ?? "").slice(0, 3)).filter((c) => c.length === 3));
    return countriesOfArticle;
  }

  /** The time of the document named last before `pos` ("the 1956 Joint Declaration" → 1956). */
  function documentTimeBefore(pos: number): DocumentTime | undefined {
    const id = lastDocumentBefore(pos, () => true);
    return id ? documentTime(id) : undefined;
  }
  /** The id of the document named last before `pos` among those `accept` takes. */
  function lastDocumentBefore(pos: number, accept: (e: Entity) => boolean): string | undefined {
    let best: { end: number; id: string } | undefined;
    for (const e of record.entities) if (e.type === "DOCUMENT" && accept(e)) for (const m of e.mentions) if (m.end <= pos && (!best || m.end > best.end)) best = { end: m.end, id: e.id };
    return best?.id;
  }
  /**
   * When a document was made: the time its name gives ("the 1956 joint declaration"), else, for one the text first
   * names as what was signed ("In 1956, the two countries signed a joint declaration"), the time of that sentence
   * nearest it.
   */
  function documentTime(id: string): DocumentTime | undefined {
    const own = record.times.find((t) => t.of === id);
    if (own) return own;
    const entity = record.entities.find((e) => e.id === id);
    const first = entity?.mentions[0];
    if (!first) return undefined;
    // An article of a document ("In Article 9 the Soviet government agreed …") was made with the document named
    // before it.
    if (/^Article\b/.test(entity!.name)) {
      const parent = lastDocumentBefore(first.start, (e) => !/^Article\b/.test(e.name));
      return parent ? documentTime(parent) : undefined;
    }
    if (!SIGNED_BEFORE.test(text.slice(Math.max(0, first.start - 40), first.start))) return undefined;
    const sent = record.sentences[spanIndexAt(record.sentences, first.start)];
    if (!sent) return undefined;
    return within(times, sent.start, sent.end)
      .filter((t) => t.type === "DATE")
      .sort((x, y) => Math.abs(x.start - first.start) - Math.abs(y.start - first.start))[0];
  }
  /**
   * The time of a dated document the clause opens with, before `end`: its subject ("The declaration terminated …")
   * or what it acts under ("Under the declaration, both countries …").
   */
  function documentTimeAt(start: number, end: number): DocumentTime | undefined {
    const opens = (m: { start: number; end: number }) => m.end <= end && DOCUMENT_LEAD.test(text.slice(start, m.start));
    const doc = record.entities.find((e) => e.type === "DOCUMENT" && e.mentions.some((m) => m.start >= start && opens(m)));
    return doc ? documentTime(doc.id) : undefined;
  }

  /** True when "in"/"at" (and "the") stand right before `pos`, not looking before `from`: a place, not a party. */
  function afterInAt(pos: number, from: number): boolean {
    return IN_AT.test(text.slice(Math.max(from, pos - 40), pos));
  }
  function clauseStart(a: number, k: number): number {
    for (let i = k - 1; i >= a; i--) if (BOUNDARY.has(tokenText(tokens, i))) return i + 1;
    return a;
  }
  /**
   * A person named with the country written after "of" ("King Hassan of Morocco") belongs to that country,
   * whatever a dictionary entry of the same name says (its sector is kept: JORELI → MARELI); so does a people
   * named by its demonym ("the Albanians of southern Serbia" are Serbia's).
   */
  function ofItsCountry(x: EventParty): EventParty {
    if (x.end === undefined || !x.entity) return x;
    const m = /^\s+of\s+(?:the\s+)?(?:(?:southern|northern|eastern|western|central|south|north|east|west)\s+)?/i.exec(text.slice(x.end, x.end + 24));
    const people = x.start !== undefined && mentionsByStart().get(x.start)?.some((g) => g.kind === "demonym" && g.end === x.end && /s$/.test(x.text));
    if (!m || (!personIds().has(x.entity) && !people)) return x;
    const of = mentionsByStart().get(x.end + m[0].length)?.find((g) => g.entity.type === "GPE" && g.entity.code?.length === 3);
    if (!of || x.code.startsWith(of.entity.code!)) return x;
    return { ...x, code: of.entity.code! + (x.code.length > 3 ? x.code.slice(3) : "") };
  }

  /**
   * The comma that opens an apposition ending right before clause start `cs` (", a key U.S. ally …, has"): a
   * phrase between two commas that starts with an article and holds no verb. -1 when there is none.
   */
  function appositionBefore(a: number, cs: number): number {
    if (cs - 1 <= a || tokenText(tokens, cs - 1) !== ",") return -1;
    let open = cs - 2;
    while (open > a && tokenText(tokens, open) !== ",") open--;
    if (open <= a || tokenText(tokens, open) !== ",") return -1;
    const first = tokenText(tokens, open + 1);
    if (first !== "a" && first !== "an" && first !== "the") return -1;
    if (doc.syntax && tokens.slice(open + 1, cs - 1).some((_, n) => doc.syntax!.upos[open + 1 + n] === "VERB" || doc.syntax!.upos[open + 1 + n] === "AUX")) return -1;
    return open;
  }
  /** The start of the first party mention after `pos` (mentions are sorted by start), or -1. */
  function lowerMentionAfter(pos: number): number {
    const i = lowerBound(mentions, pos);
    return i < mentions.length ? mentions[i]!.start : -1;
  }
  /** The country of a mention's apposition ("X, Algeria's leading human rights activist, …"), if it names one. */
  function appositionCountry(tree: Tree, m: PartyMention): string | undefined {
    // By the words: ", Algeria's …," or ", a Moroccan …," right after the name (the parser often misreads such a
    // phrase as a clause of its own).
    const next = mentionsByStart().get(lowerMentionAfter(m.end)) ?? [];
    const written = next.find((g) => (g.entity.country ?? "").length === 3 && /^\s*,\s*(?:(?:the|a|an)\s+)?$/i.test(text.slice(m.end, g.start)) && (g.kind === "demonym" || /^['’]s\b/.test(text.slice(g.end, g.end + 3))));
    if (written && /^[^,;.]*,/.test(text.slice(written.end))) return written.entity.country!.slice(0, 3);
    const t = tokenIndexAt(tokens, m.start);
    let h = t;
    while (h >= tree.a && h < tree.b && tree.head(h) >= 0 && tokens[tree.head(h)]!.start >= m.start && tokens[tree.head(h)]!.end <= m.end) h = tree.head(h);
    if (h < tree.a || h >= tree.b) return undefined;
    for (const ap of tree.childrenBy(h, "appos")) {
      const of = group(tree, ap, mentionAt).find((g) => g.entity !== m.entity && (g.entity.country ?? "").length === 3);
      if (of) return of.entity.country!.slice(0, 3);
    }
    return undefined;
  }
  function clauseEnd(j: number, b: number): number {
    for (let i = j; i < b; i++) if (BOUNDARY.has(tokenText(tokens, i)) || tokenText(tokens, i) === ".") return i;
    return b;
  }

  return {
    doc,
    meetingVerdict,
    record,
    tokens,
    text,
    mentions,
    mentionsByStart,
    mentionAt,
    places,
    times,
    unresolved,
    quotes,
    quoteAt,
    published,
    pubYear,
    isHistorical,
    headline,
    paragraphs,
    events,
    /** Carried from act to act and sentence to sentence. */
    state,
    locate,
    placeCode,
    placeParty,
    documentTimeBefore,
    documentTimeAt,
    afterInAt,
    clauseStart,
    clauseEnd,
    ofItsCountry,
    appositionBefore,
    appositionCountry,
  };
}
