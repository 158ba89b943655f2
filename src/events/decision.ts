/**
 * Type decision: an act's date (its sentence's times, a dated document, the sentence before, the publication day),
 * modality (negated, conditional, expected, hedged, reported, historical, asserted) and the codebook's rules that
 * change its type by them (rules.ts), assembled into the event.
 */
import type { Event, EventParty, Span } from "../record/schema.js";
import { within } from "../pipeline/spans.js";
import type { Article, Previous } from "./article.js";
import { afterArticle, isBackground } from "./dating.js";
import { conditionAfter, isExpected, isHedged, isNegated, isNonOccurrence } from "./modality.js";
import { contextOf, TYPES } from "./ontology.js";
import type { Clause, Parties } from "./party-assignment.js";
import { firstGroup, RECIPROCAL, speakerMention, toParties, toParty, type PartyMention } from "./parties.js";
import { codebookType, recast, statementModality } from "./rules.js";
import { DISSOLVED, predecessorOn } from "./states.js";
import { isKeptFrom, isPredicted } from "./syntactic.js";

/** The actor of a passive act whose agent the text does not name ("Aristide has been accused of …"). */
const SINCE_BEFORE = /\bsince\b[^,;:()]*$/i;
// A sentence that foretells what it tells (modality.ts reads the same opening as "expected").
const PREDICTION = /^\s*it is (?:expected|likely) that\b/i;
const UNNAMED: EventParty = { entity: null, code: "", text: "" };
const PAST = /\b(?:had|was|were|did|said|told|agreed|signed|met|arrived|decided|reported|ratified|withdrew|voiced|expressed|promised|held)\b|\b\w{3,}ed\b/i;

/**
 * The event of the act at `c` with its parties: dated, its modality read, its type changed by the codebook's rules.
 * `predicts` tells a verb of prediction (VerbDictionary.predicts); `prev` is the dated event of the sentence before
 * in the same paragraph.
 */
export function decideEvent(art: Article, c: Clause, parties: Parties, sentenceText: string, prev: Previous | null, predicts: (word: string) => boolean): Event | null {
  const { k, cs, ce, tStart, tEnd, sent, trig, b } = c;
  const { tokens, text, mentions, quotes, quoteAt, times, published, pubYear, isHistorical, documentTimeBefore, documentTimeAt, locate, ofItsCountry } = art;
  const sentenceTree = art.state.sentenceTree;
  const { actorParties, inferred, leaders, clauseText, loc } = parties;
  let { recipientParties } = parties;
  // The type by who acts (rules.ts, recast): states moving forces together cooperate; a state that protests (the
  // word, not a rally or a strike) protests diplomatically.
  const byActors = recast({ type: c.p.type, countries: new Set(actorParties.map((x) => x.code.slice(0, 3)).filter((x) => x.length === 3)).size, states: actorParties.length > 0 && /^protest/i.test(text.slice(tStart, tEnd)) && parties.actors.every((m) => isStateActor(m, art, sent.start, tStart, k)) });
  const p = byActors ? { ...c.p, type: byActors.type, cameo: byActors.cameo, ...(byActors.mode ? { mode: byActors.mode } : { mode: undefined }) } : c.p;
  // The quote the trigger sits in, if any: the event is reported, on the quote's chain of sources.
  const qi = quoteAt(tStart, tEnd);
  const quote = qi >= 0 ? quotes[qi]! : null;

  // Date: a time in the sentence (inside the quote's own words when reported), nearest the trigger.
  // The reported words before a cue that follows them ("…, officials said") run from the sentence's start: the
  // tagger's content may begin or end inside them.
  const scope = quote ? (quote.cue.start >= quote.end ? { start: sent.start, end: quote.cue.start } : quote) : sent;
  // A time after "since" opens a span ("the first meeting … since the Korean War ended in 1953"): not when an act
  // told before it was. An act told after it is of that moment ("since the war began on October 7, when Hamas
  // fighters attacked southern Israel").
  const inScope = within(times, scope.start, scope.end).filter((t) => t.start < tStart || !SINCE_BEFORE.test(text.slice(Math.max(scope.start, t.start - 60), t.start)));
  const nearest = inScope.sort((x, y) => Math.abs(x.start - tStart) - Math.abs(y.start - tStart))[0];
  let date: string | null = null;
  // "… the 1956 Joint Declaration, in which Moscow had expressed readiness …" and "The declaration terminated the
  // state of war …": what a document did or holds happened when it was made, not when the text before it did; so
  // does what a sentence opening "Under the declaration, …" says was done under it.
  const docTime = /\b(?:in|under|by) which\s*$/i.test(text.slice(Math.max(0, tokens[cs]!.start - 12), tokens[cs]!.start))
    ? documentTimeBefore(tokens[cs]!.start)
    : (documentTimeAt(tokens[cs]!.start, tStart) ?? documentTimeAt(sent.start, tStart));
  let dateSource: Event["dateSource"] = null;
  let dateSpan: Span | null = null;
  let background = false;
  if (!nearest && docTime) {
    date = docTime.value;
    dateSource = "document";
    dateSpan = { start: docTime.start, end: docTime.end };
  } else if (nearest) {
    // A day keeps its day (not a time of it); a week, a weekend, a season keeps its whole value ("1997-W13-WE").
    date = /^\d{4}-\d{2}-\d{2}/.test(nearest.value) ? nearest.value.slice(0, 10) : nearest.value.replace(/T.*$/, "");
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
  // Dated while its state was part of a dissolved one (states.ts, from the Phoenix country dictionary), a party
  // is coded as that one ("Moscow" in 1956 is the Soviet government).
  if (date && dateSource !== "publication") {
    const then = (x: EventParty): EventParty => {
      const pre = predecessorOn(x.code.slice(0, 3), date!);
      return pre ? { ...x, code: pre + x.code.slice(3) } : x;
    };
    actorParties.splice(0, actorParties.length, ...actorParties.map(then));
    recipientParties = recipientParties.map(then);
  }
  const negated = isNegated(tokens, cs, k);
  // What did not happen is no event (the manual lets negated events be excluded); a refusal is coded below as REJECT.
  if (negated && isNonOccurrence(tokens, cs, k)) return null;
  if (sentenceTree && isKeptFrom(sentenceTree, k)) return null;
  let condition = conditionAfter(text, tEnd, sent.end);
  if (condition && tokens.slice(trig.j, b).findIndex((t) => t.start >= condition!.start) > ce - trig.j + 6) condition = null;
  // Foretold by others ("It is expected that …", "is expected to hold talks"), not intended by the actor.
  const predicted = PREDICTION.test(sentenceText) || (!!sentenceTree && isPredicted(sentenceTree, k, predicts));
  let modality: Event["modality"] = "asserted";
  const year = date ? Number(date.slice(0, 4)) : null;
  if (negated) modality = "negated";
  else if (condition) modality = "conditional";
  // "is prepared to consider …" (isDisposition): an intent held, its act not done.
  else if (isExpected(tokens, cs, k, sentenceText) || predicted || (sentenceTree && "disposition" in trig && !!trig.disposition)) modality = "expected";
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
  const change = codebookType({ type: p.type, modality, announcedByActor, conditional: onCondition, predicted });
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
    location: locate(loc, type, cameo, date, dateSource, modality),
    modality,
    condition,
    source: quote ? quote.chain : [],
    quote: quote ? qi : null,
    evidence: { start: sent.start, end: sent.end },
    rule: `${p.file}#${p.id}${byActors?.rule ?? ""}${change?.rule ?? ""}${speaker ? "+must:REQUEST" : ""}`,
  };
  return ev;
}

/**
 * A state named as such or its government acting (not a people, a group, or a place an act is placed in): the
 * subject, a GPE name before the trigger and not after in/at ("China protested"), a capital or seat standing for
 * its government, or a party whose code is the government's ("the Foreign Ministry", "Tokyo").
 */
function isStateActor(m: PartyMention, art: Article, sentStart: number, triggerStart: number, k: number): boolean {
  if (m.start >= triggerStart || art.afterInAt(m.start, sentStart)) return false;
  // With the parse, the state is the subject itself ("China protested"), not a name inside it ("veterans of the war
  // against Iraq staged a sit-in … to protest").
  const tree = art.state.sentenceTree;
  const subj = tree?.subjectOf(k);
  if (tree && (!subj || art.mentionAt(subj.token)?.entity !== m.entity)) return false;
  if (m.kind === "metonym") return true;
  const code = m.entity.code ?? "";
  if (/^[A-Z]{3}GOV/.test(code)) return true;
  return m.entity.type === "GPE" && m.kind !== "demonym" && code.length === 3;
}
