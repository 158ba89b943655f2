/**
 * The event coder (stage "events"): for each sentence, triggers from data/events/patterns.yaml, the actor(s) and
 * recipient(s) from the entities layer, location, date (from the sentence's own time expressions, then its context,
 * and only then the publication date, saying which), modality (negated, conditional, expected, hedged, reported,
 * historical, asserted), the attribution chain of the quote it sits in, and the sentence as evidence. The same
 * event stated twice in an article is coded once. Every event names its pattern in `rule`.
 */
import type { Entity, Event, EventParty, Mention, Span, Time } from "../record/schema.js";
import { lastBefore, lowerBound, spanIndexAt, within } from "../pipeline/spans.js";
import { tokenIndexAt } from "../pipeline/tokens.js";
import type { Doc, StageFactory } from "../pipeline/types.js";
import { readFileSync } from "node:fs";
import { gazetteer } from "./geo.js";
import { group, isBackgroundClause, isNounUse, isPredicted, isPurpose, syntaxTriggers, type SyntaxTrigger } from "./syntactic.js";
import { Tree } from "./tree.js";
import { forms, VerbDictionary } from "./verbs.js";
import { afterArticle, isBackground, unusableTime } from "./dating.js";
import { conditionAfter, isExpected, isHedged, isNegated } from "./modality.js";
import { codebookType, statementModality } from "./rules.js";
import { CAMEO_FILE, contextOf, PATTERNS_FILE, PatternMatcher, TYPES, VERB_PATTERNS_FILE, type Trigger } from "./ontology.js";
import { agentSector, firstGroup, isPartyNoun, partyMentions, RECIPROCAL, speakerMention, toParties, toParty, tokenText, type PartyMention } from "./parties.js";

// Words that end a clause when looking for a trigger's subject or object.
const BOUNDARY = new Set([",", ";", ":", "that", "which", "who", "after", "before", "when", "while", "because", "since", "if", "although", "“", "”", '"', "—", "–"]);
const DETERMINERS = new Set(["the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "such", "any"]);
// Acts whose passive subject is the one acting ("US forces might be deployed").
const SELF_DIRECTED = new Set(["MOBILIZE", "RETREAT", "PROTEST", "CONSULT", "AGREE"]);
/** The actor of a passive act whose agent the text does not name ("Aristide has been accused of …"). */
const UNNAMED: EventParty = { entity: null, code: "", text: "" };
// Types whose that-clause is their content, not an act of its own ("demanded that Hamas renounce …").
const CLAUSE_TAKING = new Set(["REQUEST", "REJECT", "THREATEN", "ACCUSE"]);
const BE = new Set(["be", "been", "being", "was", "were", "is", "are"]);
// Predecessor states: while one stood (from–until), a party coded as its successor is coded as the predecessor.
const PREDECESSOR: Record<string, { code: string; from: string; until: string }> = { RUS: { code: "SUN", from: "1922-12-30", until: "1991-12-26" } };
const HOLD = new Set(["hold", "held", "holds", "holding", "had", "conduct", "conducted", "following", "after", "during", "a", "the"]);
const PAST = /\b(?:had|was|were|did|said|told|agreed|signed|met|arrived|decided|reported|ratified|withdrew|voiced|expressed|promised|held)\b|\b\w{3,}ed\b/i;
// States that no longer exist: an event of theirs cannot take a present-day publication date.
const DISSOLVED = new Set(["SUN", "YUG", "CSK", "DDR"]);


/** Whole days from ISO date `a` to ISO date `b` (absolute). */
function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) / 86_400_000;
}

/** What may stand before a document that opens a clause: nothing, or the preposition it is acted under. */
const DOCUMENT_LEAD = /^(?:(?:under|by|in)\s+)?$/i;

export const eventsStage: StageFactory = (env) => {
  const geo = gazetteer();
  const user = env.userPatterns ?? [];
  // A user's file in the verb-dictionary format (top-level `blocks:`) joins the dictionary; others the word patterns.
  const isDictionary = (f: string) => /^blocks:/m.test(readFileSync(f, "utf8"));
  const matcher = new PatternMatcher([PATTERNS_FILE, ...user.filter((f) => !isDictionary(f))]);
  const verbs = new VerbDictionary([VERB_PATTERNS_FILE, CAMEO_FILE, ...user.filter(isDictionary)]);
  return {
    name: "events",
    run(doc: Doc) {
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
      /** The quote whose words contain [start, end), looking back over the few quotes that start before it. */
      const quoteAt = (start: number, end: number): number => {
        for (let i = lowerBound(quotes, start + 1) - 1, n = 0; i >= 0 && n < 50; i--, n++) if (quotes[i]!.start <= start && end <= quotes[i]!.end) return i;
        return -1;
      };
      const published = doc.anchorDate;
      const pubYear = published ? Number(published.slice(0, 4)) : null;
      const isHistorical = (d: string | null) => !!d && pubYear !== null && Number(d.slice(0, 4)) < pubYear - 1;
      const headline = record.structure.headline;
      const paragraphs = record.structure.paragraphs;
      const events: Event[] = [];
      let countriesOfArticle: Set<string> | null = null;
      let lastPair: PartyMention[] = [];
      // The last pair of people ("Putin and Abe"): what "the two leaders" refers to.
      let lastPersons: PartyMention[] = [];
      // The sentence's parse, and the actors of the acts coded in it so far by their trigger token (for conjuncts).
      let sentenceTree: Tree | null = null;
      const actorsAt = new Map<number, PartyMention[]>();
      let previous: { sentence: Span; date: string | null; dateSource: Event["dateSource"]; dateSpan: Span | null } | null = null;

      for (const sent of record.sentences) {
        if (headline && sent.start >= headline.start && sent.end <= headline.end) continue;
        const a = tokenIndexAt(tokens, Math.max(sent.start, record.dateline && record.dateline.end <= sent.end ? record.dateline.end : sent.start));
        let b = a;
        while (b < tokens.length && tokens[b]!.start < sent.end) b++;
        const sentenceText = text.slice(tokens[a]?.start ?? sent.start, sent.end);
        // Paragraphs are sorted and disjoint: a binary search, not a scan per sentence (quadratic in paragraphs).
        const pi = spanIndexAt(paragraphs, sent.start);
        const para = pi >= 0 && sent.end <= paragraphs[pi]!.end ? paragraphs[pi] : undefined;
        const samePara = previous && para && previous.sentence.start >= para.start;

        // The word patterns first; then, with the parse, what the CAMEO dictionary's verb + object patterns and
        // combinations add on verbs the word patterns did not take (a verb alone from the dictionary over-codes:
        // measured on PLOVER dev half A and UD train, docs/events.md).
        const taken: Span[] = [];
        const tree = doc.syntax ? new Tree(doc.syntax, tokens, a, b) : null;
        sentenceTree = tree;
        actorsAt.clear();
        const firstOfSentence = events.length;
        const triggerTokens: number[] = [];
        for (let k = a; k < b; k++) {
          // With the parse, a verb whose form the word lists lack is looked up by its lemma.
          const trig = matcher.at(tokens, k, b) ?? (tree && tree.upos(k) === "VERB" ? matcher.atLemma(tree.lemma(k), forms, k) : null);
          if (!trig) continue;
          // With the parse, a verb's word used as a noun names a thing (syntactic.ts, isNounUse). An infinitive of
          // purpose ("began a hunger strike to protest") is coded, and dropped below when the act it is the aim of
          // is coded itself.
          const ev = tree && !trig.pattern.noun && isNounUse(tree, trig.i, trig.j) ? null : code(trig, a, b, sent, sentenceText, samePara ? previous : null);
          if (ev) {
            events.push(ev);
            triggerTokens.push(trig.i);
          }
          taken.push({ start: trig.i, end: trig.j });
          k = trig.j - 1;
        }
        if (tree) {
          for (const trig of syntaxTriggers(tree, verbs, mentionAt)) {
            if (!trig.fromPattern || taken.some((t) => trig.i < t.end && t.start < trig.j)) continue;
            const ev = code(trig, a, b, sent, sentenceText, samePara ? previous : null);
            if (ev) {
              events.push(ev);
              triggerTokens.push(trig.i);
            }
          }
          // A participle clause with no subject of its own hanging on a coded act ("shelled the city, killing 20")
          // tells that same act (PLOVER manual, MOBILIZE: "military units … were activated and returned fire"
          // codes only the ASSAULT): it is not coded apart. Nor is an infinitive a coded verb governs ("threatened to
          // ban", "agreed to share", "refused to deploy") or the clause a coded verb states ("demanded that Hamas
          // renounce …", "refused that …"): a demand, refusal, threat or accusation is the event, whatever it is of
          // (PLOVER manual, REQUEST, REJECT, THREATEN), as CAMEO's combinations make it. What is expected or
          // agreed keeps its own act ("It is expected that he will hold more talks").
          const mine = events.slice(firstOfSentence);
          const coded = new Map(triggerTokens.map((t, n) => [t, mine[n]!.type]));
          const keep = mine.filter((_, n) => {
            const t = triggerTokens[n]!;
            const r = tree.rel(t);
            // Through a chain of infinitives ("prepared to resume shelling"): the coded governor at its top.
            if (!coded.has(tree.head(t)) && (r === "xcomp" || r === "ccomp") && governedThroughComplements(tree, t, coded)) return false;
            // "insisted on its demands that Burundi's government grant …": the clause of a demand, refusal, threat or
            // accusation named by a noun is that noun's content, whether or not the noun is coded.
            if (isContentOfDemandNoun(tree, t, (n) => matcher.at(tokens, n, b)?.pattern.type)) return false;
            if (!coded.has(tree.head(t))) return true;
            // A coded noun that is the object of a coded verb ("rejected an Australian ultimatum", "host a meeting")
            // is what that act is done to: the act on it is the event (PLOVER manual, REJECT: rejecting a proposal).
            if (r === "obj" && tree.upos(t) === "NOUN") return false;
            if (r === "ccomp") return !(CLAUSE_TAKING.has(coded.get(tree.head(t))!) && tree.children(t).some((c) => tree.rel(c) === "mark" && tree.form(c) === "that"));
            return !((r === "advcl" || r === "acl" || r === "xcomp") && !tree.hasOwnSubject(t));
          });
          // An act told in a relative or participle clause ("the ceasefire agreement signed in 2001", "where 28
          // people have been killed") describes a noun of the sentence: when the sentence has a main event, that is
          // the event (PLOVER's records code the sentence's event, not every verb of it).
          const kept = keep.map((e) => triggerTokens[mine.indexOf(e)]!);
          const background = kept.map((t) => isBackgroundClause(tree, t));
          const main = background.some((x) => !x) ? keep.filter((_, n) => !background[n]) : keep;
          events.splice(firstOfSentence, events.length - firstOfSentence, ...main);
        }
        const last = events[events.length - 1];
        previous = last && last.evidence.start === sent.start ? { sentence: sent, date: last.date, dateSource: last.dateSource, dateSpan: last.dateSpan ?? null } : previous;
      }

      /**
       * The event's location: the place its sentence attaches to it, else the dateline's place when the act is a
       * statement reported from there in the publication week (a verbal act: quad class 1 or 3); geocoded.
       */
      function locate(loc: { m: Mention; e: Entity } | undefined, type: string, date: string | null, modality: Event["modality"]): Event["location"] {
        if (loc) {
          const country = (loc.e.country ?? loc.e.code ?? "").slice(0, 3) || null;
          const place = geo.resolve(loc.m.text, country, articleCountries());
          return { text: loc.m.text, entity: loc.e.id, ...(loc.e.code ? { code: loc.e.code.slice(0, 3) } : {}), start: loc.m.start, end: loc.m.end, from: "text", ...(place ?? {}) };
        }
        const d = record.dateline;
        // A statement (verbal act; a meeting's place is where it met) made in the article's own days, told as fact.
        const statement = type !== "CONSULT" && (TYPES[type]!.quadClass === 1 || TYPES[type]!.quadClass === 3);
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
      function documentTimeBefore(pos: number): Time | undefined {
        const docs = record.entities.filter((e) => e.type === "DOCUMENT");
        let best: { end: number; id: string } | undefined;
        for (const e of docs) for (const m of e.mentions) if (m.end <= pos && (!best || m.end > best.end)) best = { end: m.end, id: e.id };
        return best ? record.times.find((t) => t.of === best!.id) : undefined;
      }
      /**
       * The time of a dated document the clause opens with, before `end`: its subject ("The declaration terminated …")
       * or what it acts under ("Under the declaration, both countries …").
       */
      function documentTimeAt(start: number, end: number): Time | undefined {
        const opens = (m: { start: number; end: number }) => m.end <= end && DOCUMENT_LEAD.test(text.slice(start, m.start));
        const doc = record.entities.find((e) => e.type === "DOCUMENT" && e.mentions.some((m) => m.start >= start && opens(m)));
        return doc ? record.times.find((t) => t.of === doc.id) : undefined;
      }

      /** True when "in"/"at" (and "the") stand right before `pos`, not looking before `from`: a place, not a party. */
      function afterInAt(pos: number, from: number): boolean {
        return /\b(?:in|at)\s+(?:the\s+)?$/i.test(text.slice(Math.max(from, pos - 8), pos));
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

      function code(trig: Trigger | SyntaxTrigger, a: number, b: number, sent: Span, sentenceText: string, prev: typeof previous): Event | null {
        const p = trig.pattern;
        const k = trig.i;
        // Parties the parse gave (syntactic.ts); without a parse they are looked for in the clause's words.
        const given = "actors" in trig ? trig : null;
        // A verb pattern after a determiner is a noun here ("the demand"): not an event.
        if (!given && !p.noun && trig.j - trig.i === 1 && DETERMINERS.has(tokenText(tokens, k - 1))) return null;
        // Inside reported speech the clause starts where the reported words start ("Kyodo says Abe is …").
        const q0i = quoteAt(tokens[k]!.start, tokens[k]!.end);
        const q0 = q0i >= 0 ? quotes[q0i]! : undefined;
        const cs = Math.max(clauseStart(a, k), q0 ? tokenIndexAt(tokens, q0.start) : a);
        const ce = clauseEnd(trig.j, b);
        const tStart = tokens[k]!.start;
        const tEnd = tokens[trig.j - 1]!.end;
        let actors: PartyMention[] = given ? [...given.actors] : [];
        // A verb conjoined to a coded act without a subject of its own shares that act's subject ("has refused to
        // deploy peacekeepers in Iraq and has urged its citizens …"): its actor, not the words of the first conjunct.
        const first = !given && sentenceTree?.rel(k) === "conj" && !sentenceTree.hasOwnSubject(k) ? actorsAt.get(sentenceTree.head(k)) : undefined;
        if (first) actors = [...first];
        if (p.noun && !given) {
          // A noun triggers only as something held ("held talks") or between parties ("a meeting between …").
          const between = tokenText(tokens, trig.j) === "between" || tokenText(tokens, trig.j) === "with";
          // "Japan's talks with Russia": a possessor is the noun's determiner and the party that holds them; the
          // one they are with is the recipient (found after the trigger below).
          const possessor = between && tokenText(tokens, trig.j) === "with" && /^['’]s$/.test(tokenText(tokens, k - 1)) ? mentions.find((m) => m.end === tokens[k - 1]!.start) : undefined;
          if (possessor) actors = [possessor];
          else if (between && !DETERMINERS.has(tokenText(tokens, k - 1))) return null; // "peace treaty talks between …" names a process
          else if (between) actors = firstGroup(mentions, text, tokens[trig.j]!.end, tokens[Math.min(b, trig.j + 10) - 1]!.end);
          else if (!HOLD.has(tokenText(tokens, k - 1)) || !HOLD.has(tokenText(tokens, k - 2))) return null;
          if (!between && tokenText(tokens, k - 1) === "the") return null;
        }
        if (p.needs && !p.needs.some((w) => tokens.slice(trig.j, ce).some((t) => t.text.toLowerCase().startsWith(w)))) return null;
        // "The Forum concluded on Saturday that …" judges; it signs nothing.
        if (p.object && sentenceTree?.upos(k) === "VERB" && !sentenceTree.children(k).some((c) => ["obj", "nsubj:pass"].includes(sentenceTree!.rel(c)))) return null;
        const passive = !given && BE.has(tokenText(tokens, k - 1)) && /ed$/.test(tokens[k]!.text);
        let sufferers: PartyMention[] = given && given.actors.length === 0 && given.unnamedActor ? [...given.recipients] : [];
        let unnamedActor = given?.unnamedActor ?? false;
        if (actors.length === 0 && passive && !SELF_DIRECTED.has(p.type)) {
          // "Aristide has been accused by …", "the prime minister was indicted by the U.N. court": the subject
          // undergoes the act; the party after "by" does it (without one there is no actor to code).
          sufferers = firstGroup(mentions, text, tokens[cs]!.start, tStart);
          const by = tokens.slice(trig.j, ce).findIndex((t) => t.text.toLowerCase() === "by");
          actors = by >= 0 ? firstGroup(mentions, text, tokens[trig.j + by]!.end, tokens[Math.min(ce, trig.j + by + 10) - 1]?.end ?? tEnd) : [];
          // No agent named: the act is still coded, with an empty actor code (as GDELT leaves Actor1Code empty).
          unnamedActor = actors.length === 0 && sufferers.length > 0;
        }
        if (actors.length === 0 && passive && !unnamedActor) {
          // "US forces might be deployed": the party nearest before the verb is the one acting.
          const before = within(mentions, tokens[cs]!.start, tStart);
          const last = before[before.length - 1];
          if (last) actors = [last];
        }
        // The parse found no party where one should be (a phrase it attached elsewhere): the clause's words decide.
        if (actors.length === 0 && !unnamedActor) actors = firstGroup(mentions, text, tokens[cs]!.start, tStart);
        // An infinitive or conjunct with no subject in its own words ("Japan wants to sign …", where the quotes layer
        // starts the reported words at "to"): the parse's subject, through the verbs it hangs on.
        if (actors.length === 0 && !unnamedActor && sentenceTree) {
          const subj = sentenceTree.subjectOf(k);
          if (subj && !subj.passive) actors = group(sentenceTree, subj.token, mentionAt);
        }
        // The clause was cut at an apposition ("Pakistan, a key U.S. ally in the war, has refused …"): the party
        // is the one the apposition describes, before it.
        const appos = actors.length === 0 && !unnamedActor && !given ? appositionBefore(a, cs) : -1;
        if (appos >= 0) actors = firstGroup(mentions, text, tokens[clauseStart(a, appos)]!.start, tokens[appos]!.start);
        const clauseText = text.slice(tokens[cs]!.start, tStart);
        let inferred = false;
        const leaders = /\b(?:leaders|presidents|ministers|heads of state)\b/i.test(RECIPROCAL.exec(clauseText)?.[0] ?? "");
        if (actors.length === 0 && !unnamedActor && RECIPROCAL.test(clauseText) && (leaders ? lastPersons : lastPair).length) {
          actors = leaders ? lastPersons : lastPair;
          inferred = true;
        }
        if (actors.length === 0 && !unnamedActor) {
          const pronoun = tokens.slice(cs, k).find((t) => /^(he|she|they|it)$/i.test(t.text));
          // Inside reported speech a pronoun subject is most often the speaker ("Palestinian leaders said they would …").
          const speaker = speakerMention(mentions, q0);
          // "Bosnian Serbs said their forces had completed their withdrawal": the speaker's own side.
          const possessive = !pronoun && tokens.slice(cs, k).some((t) => /^(their|its)$/i.test(t.text));
          // "Italy announced a suspension of air links with Serbia": an act named by a noun that opens what was
          // said, with no clause of its own before it, is the speaker's (the one who announces it does it).
          const nominal = !!doc.syntax && trig.j - k <= 2 && doc.syntax.upos[k] === "NOUN" && !doc.syntax.upos.slice(cs, k).some((u) => u === "VERB" || u === "AUX" || u === "PRON" || u === "PROPN");
          if ((pronoun || possessive || nominal) && speaker) actors = [speaker];
          else if (pronoun?.text.toLowerCase() === "they" && lastPair.length) actors = lastPair;
          else if (pronoun) {
            const person = lastBefore(mentions, pronoun.start, (m) => m.entity.type === "PERSON");
            if (person) actors = [person];
          }
        }
        if (actors.length === 0 && !unnamedActor) {
          // "Demonstrators in Baghdad blocked …", "students throughout Indonesia": an unnamed group placed in a country.
          const place = within(mentions, tokens[cs]!.start, tStart).find((m) => m.entity.type === "GPE" && /\b(?:in|throughout|from|of|across)\s+$/.test(text.slice(Math.max(0, m.start - 12), m.start)));
          if (place) actors = [place];
        }
        if (actors.length === 0 && !unnamedActor && sentenceTree) {
          // "Prisoners rioted at a jail in East Timor's capital …": a group named by a common noun alone acts where
          // its act is placed, the country of that place (as the PLOVER gold records' readme says its coders did:
          // "the actor primary codes were inferred from these locations").
          const subj = sentenceTree.subjectOf(k);
          const common = !!subj && !subj.passive && sentenceTree.upos(subj.token) === "NOUN";
          const where = common ? within(places, tEnd, tokens[ce - 1]?.end ?? sent.end).find(({ m }) => afterInAt(m.start, sent.start)) : undefined;
          if (where && placeCode(where)) actors = [placeParty(where)];
        }
        if (actors.length === 0 && !unnamedActor) return null;
        if (actors.length >= 2) lastPair = actors.slice(0, 2);
        if (actors.length >= 2 && actors.every((x) => x.entity.type === "PERSON")) lastPersons = actors.slice(0, 2);

        // Location: a place after in/at in the sentence that is not one of the parties.
        // A place inside a parenthesis ("(called Habomai in Japan)") is an aside, not where the act happened.
        const aside = (pos: number) => {
          const before = text.slice(tokens[cs]!.start, pos);
          return before.split("(").length > before.split(")").length;
        };
        const placeAt = given?.place !== undefined ? places.find(({ m }) => m.start <= tokens[given.place!]!.start && tokens[given.place!]!.end <= m.end) : undefined;
        const loc = placeAt ?? within(places, tokens[cs]!.start, tokens[ce]?.start ?? sent.end)
          .filter(({ m }) => !aside(m.start))
          .filter(({ m }) => afterInAt(m.start, sent.start) && !actors.some((x) => x.start === m.start))
          .sort((x, y) => (x.m.start < tStart ? 1e6 : 0) + Math.abs(x.m.start - tEnd) - ((y.m.start < tStart ? 1e6 : 0) + Math.abs(y.m.start - tEnd)))[0];
        let recipients: PartyMention[] = sufferers;
        if (sufferers.length) {
          // the passive subject found above
        } else if (given && given.recipients.length) {
          recipients = given.recipients;
        } else if (p.recipient === "location" && loc) {
          recipients = [{ start: loc.m.start, end: loc.m.end, entity: loc.e, kind: loc.m.kind ?? "name" }];
        } else {
          // A visit to no place after in/at is to the one its verb names ("visited Japan", "paid a visit to Greece").
          // "demanded that the US cancel …", "urged Iraq to …": the one asked or blamed opens the clause after the verb.
          const until = tokenText(tokens, trig.j) === "that" ? clauseEnd(trig.j + 1, b) : ce;
          recipients = firstGroup(mentions, text, tEnd, tokens[Math.min(until, trig.j + 14) - 1]?.end ?? tEnd).filter(
            (m) =>
              !afterInAt(m.start, 0) &&
              // The actor's own state is a recipient when named as a group of its people ("Croatia is
              // investigating crimes by Croatian extremists"), not when the actor itself is named again.
              !actors.some((x) => x.entity === m.entity && (m.kind !== "demonym" || x.kind === "demonym")),
          );
        }
        // "summoned Niger's ambassador to complain of …": an act of purpose that names no one it is done to is done
        // to the one its governing act is done to (the governor's object).
        if (recipients.length === 0 && sentenceTree && isPurpose(sentenceTree, k)) {
          const governor = sentenceTree.head(k);
          recipients = sentenceTree.childrenBy(governor, "iobj", "obj").flatMap((o) => group(sentenceTree!, o, mentionAt)).filter((m) => !actors.some((x) => x.entity === m.entity));
        }
        // With no party named on the receiving end, an act done in another place is done to that place's state
        // ("Serbia lifted a curfew in Montenegro").
        // A symmetric act of one actor is done there too ("the Security Council agreed to … the force in Lebanon");
        // of two or more, the place is where they met, not a party.
        // A recipient the actor dictionaries cannot code ("inspectors to Esfahan Uranium Conversion Facilities in
        // central Iran") gives way to the place alike.
        const uncoded = recipients.length > 0 && recipients.every((m) => !m.entity.code && !m.entity.country);
        if ((recipients.length === 0 || uncoded) && loc && !(p.symmetric && actors.length > 1) && placeCode(loc)) recipients = [placeParty(loc)];
        const actorParties = toParties(actors, text).map(ofItsCountry);
        let recipientParties: EventParty[] = toParties(recipients, text).map(ofItsCountry);
        // The receiving end of a state's act that names no country (PLOVER's gold coders inferred codes from the
        // setting, PLOVER_GSR_CAMEO_readme): a name the dictionaries lack, a group or office named by a Phoenix agent
        // noun ("demanded a truce with rebel forces"), or the authorities a protest is against when it names no one,
        // are of the actor's state. A place the act happens in was taken above; a blow's target is more often foreign.
        // A name the dictionaries lack is of the country its apposition names ("X, Algeria's leading activist"), else
        // of the place the act happens in (as the PLOVER gold records' coders inferred it, PLOVER_GSR_CAMEO_readme).
        // The event filter below asks for a party the text codes, not for one coded from its setting.
        const uncodedActors = [...actorParties.keys()].filter((n) => !actorParties[n]!.code && actorParties[n]!.entity);
        for (const n of uncodedActors) {
          const country = sentenceTree ? appositionCountry(sentenceTree, actors[n]!) : undefined;
          if (country) actorParties[n] = { ...actorParties[n]!, code: country };
        }
        const actorKnown = actorParties.some((x) => x.code);
        const recipientKnown = recipientParties.some((x) => x.code);
        for (const n of uncodedActors) {
          const country = loc ? placeCode(loc)?.slice(0, 3) : undefined;
          if (country && !actorParties[n]!.code) actorParties[n] = { ...actorParties[n]!, code: country };
        }
        const home = actorParties.length === 1 ? (actors[0]!.entity.country ?? (actorParties[0]!.code.length === 3 ? actorParties[0]!.code : "")).slice(0, 3) : "";
        if (home.length === 3) {
          if (recipientParties.length > 0 && recipientParties.every((x) => !x.code)) recipientParties = recipientParties.map((x) => ({ ...x, code: home }));
          else if (recipientParties.length === 0 && p.type !== "ASSAULT") {
            const group = sentenceTree ? groupReceiving(sentenceTree, k) : -1;
            if (group >= 0 || p.type === "PROTEST") recipientParties = [{ entity: null, code: home, text: group >= 0 ? tokens[group]!.text : "" }];
          }
        }
        // On the parse an event needs a party the actor dictionaries know: a coded actor, or a coded recipient of an
        // act whose actor is unnamed or a name the dictionaries lack (which keeps an empty code, as GDELT leaves
        // Actor1Code empty). Named but uncoded actors alone were tried: on te3-silver (train side) they add 270 events
        // with no code on either side (+13%), most of them not international acts ("romantically linked with …").
        if (given && !actorKnown && !((unnamedActor || actorParties.length > 0) && recipientKnown)) return null;
        const reciprocal = recipientParties.length === 0 && actorParties.length >= 2 && p.symmetric;
        if (reciprocal) recipientParties = [...actorParties.slice(1), actorParties[0]!];

        // The quote the trigger sits in, if any: the event is reported, on the quote's chain of sources.
        const qi = quoteAt(tStart, tEnd);
        const quote = qi >= 0 ? quotes[qi]! : null;

        // Date: a time in the sentence (inside the quote's own words when reported), nearest the trigger.
        const scope = quote ?? sent;
        const inScope = within(times, scope.start, scope.end);
        const nearest = inScope.sort((x, y) => Math.abs(x.start - tStart) - Math.abs(y.start - tStart))[0];
        let date: string | null = null;
        // "… the 1956 Joint Declaration, in which Moscow had expressed readiness …" and "The declaration terminated the
        // state of war …": what a document did or holds happened when it was made, not when the text before it did.
        const docTime = /\b(?:in|under|by) which\s*$/i.test(text.slice(Math.max(0, tokens[cs]!.start - 12), tokens[cs]!.start))
          ? documentTimeBefore(tokens[cs]!.start)
          : documentTimeAt(tokens[cs]!.start, tStart);
        let dateSource: Event["dateSource"] = null;
        let dateSpan: Span | null = null;
        let background = false;
        if (!nearest && docTime) {
          date = docTime.value;
          dateSource = "document";
          dateSpan = { start: docTime.start, end: docTime.end };
        } else if (nearest) {
          date = nearest.value.slice(0, 10);
          dateSource = "text";
          dateSpan = { start: nearest.start, end: nearest.end };
        } else if ((prev?.dateSource === "text" || prev?.dateSource === "context") && RECIPROCAL.test(clauseText)) {
          // "The two sides agreed …" continues the dated event of the sentence before.
          ({ date, dateSpan } = prev);
          dateSource = "context";
        } else if (actorParties.some((x) => DISSOLVED.has(x.code.slice(0, 3)))) {
          date = null; // a state that no longer exists: the publication date would be wrong, and nothing else dates it
        } else if (isBackground(sentenceText) || (prev && isHistorical(prev.date) && PAST.test(clauseText + text.slice(tStart, tEnd)))) {
          // Background told in the past ("after the war"; the sentence after one about 1956): undated, never the
          // publication day.
          date = null;
          background = true;
        } else if (published) {
          // Undated past events happened on or before the publication day: the month is the honest granularity.
          const past = PAST.test(text.slice(tokens[cs]!.start, tEnd)) || PAST.test(sentenceText);
          date = past && !/\b(?:will|is|are|has|have)\b/i.test(clauseText) ? published.slice(0, 7) : published;
          dateSource = "publication";
        }

        // "Both countries ratified …": the parties are the states the phrase names (by their country codes), not the
        // people the pair was first seen as.
        if (inferred && !leaders) {
          const phrase = RECIPROCAL.exec(clauseText)?.[0] ?? "";
          const state = (x: EventParty): EventParty => ({ entity: null, code: x.code.slice(0, 3), text: phrase });
          actorParties.splice(0, actorParties.length, ...actorParties.map(state));
          recipientParties = recipientParties.map(state);
        }
        // Dated while a predecessor state stood, a party of its successor is the predecessor ("Moscow" in 1956 is
        // the Soviet government).
        if (date && dateSource !== "publication") {
          const then = (x: EventParty): EventParty => {
            const pre = PREDECESSOR[x.code.slice(0, 3)];
            return pre && date! >= pre.from && date! < pre.until ? { ...x, code: pre.code + x.code.slice(3) } : x;
          };
          actorParties.splice(0, actorParties.length, ...actorParties.map(then));
          recipientParties = recipientParties.map(then);
        }
        const negated = isNegated(tokens, cs, k);
        let condition = conditionAfter(text, tEnd, sent.end);
        if (condition && tokens.slice(trig.j, b).findIndex((t) => t.start >= condition!.start) > ce - trig.j + 6) condition = null;
        let modality: Event["modality"] = "asserted";
        const year = date ? Number(date.slice(0, 4)) : null;
        if (negated) modality = "negated";
        else if (condition) modality = "conditional";
        else if (isExpected(tokens, cs, k, sentenceText) || (sentenceTree && isPredicted(sentenceTree, k, (w) => verbs.predicts(w)))) modality = "expected";
        else if (isHedged(tokens, cs, k) || (quote && quote.hedges.length > 0)) modality = "hedged";
        else if (quote) modality = "reported";
        else if (background || (year !== null && pubYear !== null && (dateSource === "text" || dateSource === "document") && year < pubYear - 1) || (date === null && actorParties.some((x) => DISSOLVED.has(x.code.slice(0, 3))))) modality = "historical";
        // No event is dated after its article unless it is expected: a later date is a misread, so none is given.
        if (date && afterArticle(date, published) && modality !== "expected" && modality !== "conditional") {
          date = null;
          dateSource = null;
          dateSpan = null;
        }

        // The codebook's rules that change the type (rules.ts): negated cooperation is REJECT; cooperation announced
        // for the future is AGREE, a future retreat CONCEDE, a future blow announced by its actor THREATEN.
        const announcedByActor = !!quote?.speaker && actorParties.some((x) => x.entity === quote.speaker);
        // The act is made to depend on something ("if", "unless"), not only qualified ("on condition of").
        const onCondition = !!condition && /^(?:only\b.*)?\b(?:if|unless)\b/i.test(condition.text);
        const change = codebookType({ type: p.type, modality, announcedByActor, conditional: onCondition });
        // "The Forum concluded that the US must allocate …": what the speaker says another party must do is REQUEST.
        const must = !change && !!quote?.speaker && !announcedByActor && tokens.slice(cs, k).some((t) => t.text.toLowerCase() === "must");
        const speaker = must ? speakerMention(mentions, quote) : undefined;
        if (speaker) {
          recipientParties = actorParties.splice(0, actorParties.length, toParty(speaker, text));
        }
        const type = speaker ? "REQUEST" : (change?.type ?? p.type);
        // A threat made conditional on another party ("threatened to stop negotiations if the United States goes
        // ahead …") is addressed to that party (PLOVER manual, THREATEN: "will … unless"): with no recipient named
        // otherwise, the party of the condition is the recipient.
        if (type === "THREATEN" && recipientParties.length === 0 && onCondition) {
          const addressed = firstGroup(mentions, text, condition!.start, condition!.end).filter((m) => !actorParties.some((x) => x.entity === m.entity.id));
          recipientParties = toParties(addressed, text).map(ofItsCountry);
        }
        const cameo = speaker ? "100" : (change?.cameo ?? p.cameo);
        if (change || speaker) modality = statementModality(!!quote, modality === "hedged" || (!!quote && quote.hedges.length > 0));
        const intent = !!change;
        const ev: Event = {
          id: "",
          type,
          ...(p.mode && !intent ? { mode: p.mode } : {}),
          context: contextOf(p.cameo),
          cameo,
          quadClass: TYPES[type]!.quadClass,
          score: p.score ?? TYPES[type]!.score,
          trigger: { start: tStart, end: tEnd, text: text.slice(tStart, tEnd) },
          actor: actorParties[0] ?? UNNAMED,
          recipient: recipientParties[0] ?? null,
          actors: actorParties,
          recipients: recipientParties,
          date,
          dateSource,
          dateSpan,
          location: locate(loc, type, date, modality),
          modality,
          condition,
          source: quote ? quote.chain : [],
          quote: quote ? qi : null,
          evidence: { start: sent.start, end: sent.end },
          rule: `${p.file}#${p.id}${change?.rule ?? ""}${speaker ? "+must:REQUEST" : ""}`,
        };
        actorsAt.set(k, actors);
        return ev;
      }

      attachFollowingConditions(events, record.sentences, text, mentions);
      if (unresolved > 0)
        record.warnings.push({ code: "unresolved-event-date", message: `${unresolved} relative time expression(s) left unresolved: no publication date, or arithmetic from an undated event` });
      record.events = dedupe(events);
    },
  };
};

// Prepositions that put a phrase on the receiving end of an act (CAMEO's patterns mark targets after them).
const TO_CASES = new Set(["to", "with", "against", "on", "from", "upon"]);
/**
 * The head of a phrase on the receiving end of verb `v` that names a group or office by a Phoenix agent noun or a
 * part of a state ("officials", "rebels", "forces"): its object, the object's attachment, or an attachment of the
 * verb by to/with/against/on/from. -1 when there is none.
 */
function groupReceiving(tree: Tree, v: number): number {
  const attached = (h: number, rel: string) => tree.childrenBy(h, rel).filter((c) => tree.children(c).some((x) => tree.rel(x) === "case" && TO_CASES.has(tree.form(x))));
  const phrases = tree.children(v).filter((c) => tree.rel(c) === "obj" || tree.rel(c) === "iobj").flatMap((o) => [o, ...attached(o, "nmod")]);
  phrases.push(...attached(v, "obl"));
  return phrases.find((c) => tree.upos(c) === "NOUN" && (!!agentSector(tree.lemma(c)) || !!agentSector(tree.form(c)) || isPartyNoun(tree.form(c)))) ?? -1;
}

/**
 * True when a coded verb governs token `t` through a chain of two or more infinitives or gerunds (xcomp), or when a
 * coded demand, refusal, threat or accusation governs it through a chain of complements ("demanded that the US
 * cancel plans to sell weapons"): what is demanded, refused, threatened or blamed is that event's content, whatever
 * it is of (PLOVER manual, REQUEST, REJECT, THREATEN), not an act of its own.
 */
function governedThroughComplements(tree: Tree, t: number, coded: ReadonlyMap<number, string>): boolean {
  let infinitives = tree.rel(t) === "xcomp";
  for (let x = tree.head(t), n = 0; x >= 0 && n < 5; x = tree.head(x), n++) {
    const type = coded.get(x);
    if (type !== undefined) return infinitives || CLAUSE_TAKING.has(type);
    const r = tree.rel(x);
    if (r !== "xcomp" && r !== "ccomp") return false;
    infinitives &&= r === "xcomp";
  }
  return false;
}

/** True when token `t` heads a clause (relative, complement or infinitive) on a noun the word patterns list for a demand, refusal, threat or accusation. */
function isContentOfDemandNoun(tree: Tree, t: number, typeAt: (token: number) => string | undefined): boolean {
  const h = tree.head(t);
  if (h < 0 || tree.upos(h) !== "NOUN" || !["acl", "acl:relcl", "ccomp"].includes(tree.rel(t))) return false;
  const type = typeAt(h);
  return type !== undefined && CLAUSE_TAKING.has(type);
}

/**
 * A condition stated in the next sentence of the same paragraph by the same actor ("A Soviet government memorandum
 * … said that those islands would only be handed over to Japan if …") qualifies the event before it.
 */
function attachFollowingConditions(events: Event[], sentences: readonly Span[], text: string, mentions: readonly PartyMention[]): void {
  const coded = new Set(events.map((e) => e.evidence.start));
  for (const ev of events) {
    if (ev.condition) continue;
    const i = spanIndexAt(sentences, ev.evidence.start);
    const next = sentences[i + 1];
    if (i < 0 || !next || text.slice(ev.evidence.end, next.start).includes("\n") || coded.has(next.start)) continue;
    const condition = conditionAfter(text, next.start, next.end);
    if (!condition || !/\bonly\b/i.test(condition.text)) continue;
    const country = ev.actor.code.slice(0, 3);
    const named = within(mentions, next.start, condition.start);
    if (!named.some((m) => (m.entity.code ?? "").startsWith(country))) continue;
    ev.condition = condition;
    ev.rule += "+condition:next-sentence";
    if (!ev.recipient) {
      const to = within(mentions, next.start, condition.end).find((m) => /\bto\s+$/.test(text.slice(m.start - 4, m.start)) && !(m.entity.code ?? "").startsWith(country));
      if (to) {
        ev.recipient = toParty(to, text);
        ev.recipients = [ev.recipient];
      }
    }
  }
}

/** One event per type, parties and date: a fact told twice in an article is one event (the first telling kept). */
function dedupe(events: Event[]): Event[] {
  const seen = new Set<string>();
  const out: Event[] = [];
  for (const e of events) {
    const parties = (ps: EventParty[]) => ps.map((x) => x.code).sort().join("+");
    const key = `${e.type}|${parties(e.actors)}|${parties(e.recipients)}|${e.date}|${e.modality === "negated"}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...e, id: `ev${out.length + 1}` });
  }
  return out;
}
