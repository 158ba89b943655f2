/**
 * Party assignment: who does an act and to whom. With the parse the trigger brings its subject, agent and objects
 * (syntactic.ts); the words of its clause fill what the parse lacks: a passive's agent after "by", a pronoun's
 * antecedent or the quote's speaker, a reciprocal phrase's last pair, a group placed in a country, a possessor
 * holding a meeting; then the recipient after the verb, the place the act is done in, the object of the governing
 * act of a purpose infinitive; and codes from the setting for names the dictionaries lack.
 */
import type { EventParty, Span } from "../record/schema.js";
import { lastBefore, lowerBound, within } from "../pipeline/spans.js";
import type { Article, MeetingVerdict } from "./article.js";
import type { Pattern, Trigger } from "./ontology.js";
import { agentSector, firstGroup, isPartyNoun, RECIPROCAL, speakerMention, toParties, tokenText, type PartyMention } from "./parties.js";
import { agentOf, group, isPurpose, type SyntaxTrigger } from "./syntactic.js";
import type { Tree } from "./tree.js";
import type { Quote } from "../record/schema.js";

export const DETERMINERS = new Set(["the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "such", "any"]);
// Acts whose passive subject is the one acting ("US forces might be deployed").
const SELF_DIRECTED = new Set(["MOBILIZE", "RETREAT", "PROTEST", "CONSULT", "AGREE"]);
const BE = new Set(["be", "been", "being", "was", "were", "is", "are"]);
const HOLD = new Set(["hold", "held", "holds", "holding", "had", "conduct", "conducted", "following", "after", "during", "a", "the"]);

/** A trigger in its clause: the token bounds the coder reads its parties and modality in. */
export interface Clause {
  trig: Trigger | SyntaxTrigger;
  p: Pattern;
  /** The trigger's first token. */
  k: number;
  /** Parties the parse gave (syntactic.ts), or null for a word pattern's trigger. */
  given: SyntaxTrigger | null;
  /** The quote the trigger's first word sits in. */
  q0: Quote | undefined;
  /** Token bounds of the sentence [a, b) and of the trigger's clause [cs, ce). */
  a: number;
  b: number;
  cs: number;
  ce: number;
  /** Character bounds of the trigger. */
  tStart: number;
  tEnd: number;
  sent: Span;
}

export interface Parties {
  actors: PartyMention[];
  actorParties: EventParty[];
  recipientParties: EventParty[];
  loc: ReturnType<Article["places"]["find"]>;
  unnamedActor: boolean;
  /** The actors are the last pair, by a reciprocal phrase ("both countries"). */
  inferred: boolean;
  /** The reciprocal phrase names people ("the two leaders"). */
  leaders: boolean;
  /** The clause's words before the trigger. */
  clauseText: string;
}

/** The parties of the act at `c`, or null when it has none the coder can code. */
export function assignParties(art: Article, c: Clause): Parties | null {
  const { trig, p, k, given, q0, a, b, cs, ce, tStart, tEnd, sent } = c;
  const { doc, tokens, text, mentions, places, mentionAt, placeCode, placeParty, afterInAt, clauseStart, clauseEnd, appositionBefore, ofItsCountry, appositionCountry } = art;
  const st = art.state;
  const sentenceTree = st.sentenceTree;
  const actorsAt = st.actorsAt;
  let actors: PartyMention[] = given ? [...given.actors] : [];
  // A verb conjoined to a coded act without a subject of its own shares that act's subject ("has refused to
  // deploy peacekeepers in Iraq and has urged its citizens …"): its actor, not the words of the first conjunct.
  const first = !given && sentenceTree?.rel(k) === "conj" && !sentenceTree.hasOwnSubject(k) ? actorsAt.get(sentenceTree.head(k)) : undefined;
  if (first) actors = [...first];
  let held: number | undefined;
  if (p.noun && !given) {
    // A noun triggers only as something held ("held talks") or between parties ("a meeting between …").
    const between = tokenText(tokens, trig.j) === "between" || tokenText(tokens, trig.j) === "with";
    // "Japan's talks with Russia": a possessor is the noun's determiner and the party that holds them; the
    // one they are with is the recipient (found after the trigger below).
    const possessor = between && tokenText(tokens, trig.j) === "with" && /^['’]s$/.test(tokenText(tokens, k - 1)) ? mentions.find((m) => m.end === tokens[k - 1]!.start) : undefined;
    if (possessor) actors = [possessor];
    else if (between && !DETERMINERS.has(tokenText(tokens, k - 1))) return null; // "peace treaty talks between …" names a process
    else if (between) actors = firstGroup(mentions, text, tokens[trig.j]!.end, tokens[Math.min(b, trig.j + 10) - 1]!.end);
    else if (sentenceTree && (held = meetingHolder(sentenceTree, k, art.meetingVerdict)) !== undefined) {
      actors = group(sentenceTree, held, mentionAt);
      if (!actors.length) return null;
    } else if (!HOLD.has(tokenText(tokens, k - 1)) || !HOLD.has(tokenText(tokens, k - 2))) return null;
    else if (tokenText(tokens, k - 1) === "the") return null;
  }
  if (p.needs && !p.needs.some((w) => tokens.slice(trig.j, ce).some((t) => t.text.toLowerCase().startsWith(w)))) return null;
  // "The Forum concluded on Saturday that …" judges; it signs nothing.
  if (p.object && sentenceTree?.upos(k) === "VERB" && !sentenceTree.children(k).some((c) => ["obj", "nsubj:pass"].includes(sentenceTree!.rel(c)))) return null;
  const passive = !given && BE.has(tokenText(tokens, k - 1)) && /ed$/.test(tokens[k]!.text);
  let sufferers: PartyMention[] = given && given.actors.length === 0 && given.unnamedActor ? [...given.recipients] : [];
  let unnamedActor = given?.unnamedActor ?? false;
  // A passive participle on a noun with its agent ("talks in the South African capital mediated by former Nigerian
  // President Olusegun Obasanjo"): the agent acts, not the nearest name before it — when the dictionaries code it.
  const agent = !given && !passive && actors.length === 0 && sentenceTree?.rel(k) === "acl" && /ed$/.test(tokens[k]!.text) ? agentOf(sentenceTree, k) : undefined;
  const byAgent = agent !== undefined && sentenceTree ? group(sentenceTree, agent, mentionAt) : [];
  if (byAgent.some((m) => m.entity.code || m.entity.country)) actors = byAgent;
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
    // Only a party the dictionaries or its apposition code: on te3-silver (train side) uncoded subjects so found added events with no
    // code on either side ("Asked if …", "agreed reconciliation could not …").
    const g = subj && !subj.passive ? group(sentenceTree, subj.token, mentionAt) : [];
    if (g.some((m) => m.entity.code || m.entity.country || appositionCountry(sentenceTree, m))) actors = g;
  }
  // The clause was cut at an apposition ("Pakistan, a key U.S. ally in the war, has refused …"): the party
  // is the one the apposition describes, before it.
  const appos = actors.length === 0 && !unnamedActor && !given ? appositionBefore(a, cs) : -1;
  if (appos >= 0) actors = firstGroup(mentions, text, tokens[clauseStart(a, appos)]!.start, tokens[appos]!.start);
  const clauseText = text.slice(tokens[cs]!.start, tStart);
  let inferred = false;
  const leaders = /\b(?:leaders|presidents|prime ministers|heads of state)\b/i.test(RECIPROCAL.exec(clauseText)?.[0] ?? "");
  // "The two leaders had met …" before any act of theirs was coded: the last two people the article named.
  const pairOf = (): PartyMention[] => (leaders ? (st.lastPersons.length ? st.lastPersons : lastTwoPeople(mentions, tokens[cs]!.start)) : mainPair(st));
  if (actors.length === 0 && !unnamedActor && RECIPROCAL.test(clauseText) && pairOf().length) {
    actors = pairOf();
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
    else if (pronoun?.text.toLowerCase() === "they" && st.lastPair.length) actors = st.lastPair;
    else if (pronoun) {
      const person = lastBefore(mentions, pronoun.start, (m) => m.entity.type === "PERSON");
      if (person) actors = [person];
    }
  }
  if (actors.length > 0 && !unnamedActor && !given) {
    // "Abe said he and Putin would meet again": a pronoun joined by "and" to a named party is a party too — inside
    // reported speech the speaker, else the last person named.
    const clause = tokens.slice(cs, k);
    const n = clause.findIndex((t, i) => /^(?:he|she)$/i.test(t.text) && (/^and$/i.test(clause[i + 1]?.text ?? "") || /^and$/i.test(clause[i - 1]?.text ?? "")));
    const pron = n >= 0 ? clause[n]! : undefined;
    const who = pron ? (speakerMention(mentions, q0) ?? lastBefore(mentions, pron.start, (m) => m.entity.type === "PERSON")) : undefined;
    if (pron && who && !actors.some((x) => x.entity === who.entity)) actors = pron.start < actors[0]!.start ? [who, ...actors] : [...actors, who];
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
  if (actors.length >= 2) notePair(st, (st.lastPair = actors.slice(0, 2)));
  if (actors.length >= 2 && actors.every((x) => x.entity.type === "PERSON")) st.lastPersons = actors.slice(0, 2);

  // Location: a place after in/at in the sentence that is not one of the parties.
  // A place inside a parenthesis ("(called Habomai in Japan)") is an aside, not where the act happened.
  const aside = (pos: number) => {
    const before = text.slice(tokens[cs]!.start, pos);
    return before.split("(").length > before.split(")").length;
  };
  const placeAt = given?.place !== undefined ? places.find(({ m }) => m.start <= tokens[given.place!]!.start && tokens[given.place!]!.end <= m.end) : undefined;
  let loc = placeAt ?? within(places, tokens[cs]!.start, tokens[ce]?.start ?? sent.end)
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
  // "called on both sides to respect the truce": the receiving end named as a pair is the pair the article last
  // named, when the actor is not one of it.
  const after = text.slice(tEnd, tokens[Math.min(ce, trig.j + 4) - 1]?.end ?? tEnd);
  if (recipients.length === 0 && st.lastPair.length && RECIPROCAL.test(after) && !st.lastPair.some((x) => actors.some((y) => y.entity === x.entity))) recipients = st.lastPair;
  // A visit (CAMEO 042) takes place where it goes: "will travel to Moscow" is in Moscow when no in/at says otherwise.
  if (!loc && p.cameo.startsWith("042")) loc = places.find(({ m }) => recipients.some((r) => r.start === m.start && r.end === m.end));
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
  // A meeting's place is its venue, never the one met ("negotiators met in Vienna").
  if ((recipients.length === 0 || uncoded) && loc && !(p.symmetric && actors.length > 1) && p.type !== "CONSULT" && placeCode(loc)) recipients = [placeParty(loc)];
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
  // Not for a visit or a meeting (CAMEO 04x): a visit's place is where the visitor goes, a meeting's is often a
  // third country (044, "meet at a third location": Trump and Kim in Hanoi), seldom where the parties are from.
  for (const n of p.cameo.startsWith("04") ? [] : uncodedActors) {
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
  // "Abe met Putin …", then "the two foreign ministers will meet": the two sides of a symmetric act (CAMEO's
  // reverse code: met, talks) are the pair "the two" names next, as a compound subject is; not whom "they" stands
  // for (that stays the compound subject), nor a place an act is done to ("withdrew from Western Sahara").
  const [one, other] = [actorParties[0]?.code.slice(0, 3), recipientParties[0]?.code.slice(0, 3)];
  if (p.symmetric && actors.length === 1 && recipients.length >= 1 && one && other && one !== other) notePair(st, [actors[0]!, recipients[0]!]);
  const reciprocal = recipientParties.length === 0 && actorParties.length >= 2 && p.symmetric;
  if (reciprocal) recipientParties = [...actorParties.slice(1), actorParties[0]!];
  return { actors, actorParties, recipientParties, loc, unnamedActor, inferred, leaders, clauseText };
}

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

/** The last two people (distinct entities, coded or placed in a country) named before `offset`, or none. */
function lastTwoPeople(mentions: readonly PartyMention[], offset: number): PartyMention[] {
  const out: PartyMention[] = [];
  for (let i = lowerBound(mentions, offset) - 1, n = 0; i >= 0 && n < 200 && out.length < 2; i--, n++) {
    const m = mentions[i]!;
    if (m.end > offset || m.entity.type !== "PERSON" || !(m.entity.code || m.entity.country)) continue;
    if (!out.some((x) => x.entity.id === m.entity.id)) out.push(m);
  }
  return out.length === 2 ? out.reverse() : [];
}

/**
 * Who held the meeting a meeting noun at `k` names, by the verb it hangs on (the subject token), or undefined:
 * - its object, with a determiner or possessor ("Trump and Kim ended their summit on Thursday"), when the dictionary
 *   codes that verb with a meeting noun as a consultation (end, conclude, resume talks: 04x), whichever meeting noun
 *   it takes; not a verb it codes otherwise (cancel, postpone) or not at all (skip); "speed up peace treaty talks"
 *   names a process;
 * - after "at" ("Ukraine offered … at peace talks in Istanbul"): the act's subject was at the meeting.
 * Only a verb with a subject of its own, in the active voice.
 */
function meetingHolder(tree: Tree, k: number, verdict: MeetingVerdict): number | undefined {
  const verb = tree.head(k);
  if (verb < 0 || tree.upos(verb) !== "VERB") return undefined;
  const subj = tree.subjectOf(verb);
  if (!subj || subj.passive) return undefined;
  const has = (rel: string, form?: string) => tree.children(k).some((c) => tree.rel(c) === rel && (form === undefined || tree.form(c).toLowerCase() === form));
  const object = tree.rel(k) === "obj" && (has("det") || has("nmod:poss")) && verdict(tree.lemma(verb)) === "holds";
  const at = tree.rel(k) === "obl" && has("case", "at");
  return object || at ? subj.token : undefined;
}

/**
 * Pairs of parties named together so far, by their two countries: how often, and the latest mentions of them; the
 * pair noted last is the Map's last entry (notePair re-inserts it).
 */
export type PairCounts = Map<string, { pair: PartyMention[]; count: number }>;

function pairKey(pair: readonly PartyMention[]): string {
  return pair.map((m) => (m.entity.country ?? m.entity.code ?? m.entity.id).slice(0, 3)).sort().join("+");
}

function notePair(st: Article["state"], pair: PartyMention[]): void {
  const key = pairKey(pair);
  const count = (st.pairs.get(key)?.count ?? 0) + 1;
  st.pairs.delete(key);
  st.pairs.set(key, { pair, count });
}

/**
 * What "the two sides", "the two foreign ministers" refer to: the pair the article has named together most often
 * (the negotiation it is about), the latest on a tie — not merely the last pair ("after Tokyo signed a security
 * treaty with Washington in 1960 …; Abe said the two foreign ministers would meet again" is Japan and Russia).
 */
function mainPair(st: Article["state"]): PartyMention[] {
  let best: { pair: PartyMention[]; count: number } | undefined;
  for (const p of st.pairs.values()) if (!best || p.count >= best.count) best = p; // later entries are more recent
  return best?.pair ?? [];
}
