/**
 * Candidate generation: the acts of one sentence. The word patterns first; then, with the parse, what the CAMEO
 * dictionary's verb + object patterns and combinations add on verbs the word patterns did not take; then the acts
 * that are another act's content or circumstance are dropped (an infinitive a coded verb governs, the clause of a
 * demand, a participle clause, a relative clause beside a main event).
 */
import type { Event, Span } from "../record/schema.js";
import { spanIndexAt } from "../pipeline/spans.js";
import { tokenIndexAt } from "../pipeline/tokens.js";
import type { Article, Previous } from "./article.js";
import { contextOf, TYPES, type PatternMatcher, type Trigger } from "./ontology.js";
import { agentSector, isPartyNoun } from "./parties.js";
import { inCondition, intendedThreat, isBackgroundClause, isNounUse, syntaxTriggers, type SyntaxTrigger } from "./syntactic.js";
import { Tree } from "./tree.js";
import { forms, type VerbDictionary } from "./verbs.js";

// Types whose that-clause is their content, not an act of its own ("demanded that Hamas renounce …").
const CLAUSE_TAKING = new Set(["REQUEST", "REJECT", "THREATEN", "ACCUSE"]);
// "agreed that their countries should cooperate": what is agreed is the agreement's content (PLOVER manual, AGREE:
// "indicate willingness or commitment to cooperate"), not an act that happened.
const THAT_CONTENT = new Set([...CLAUSE_TAKING, "AGREE"]);

/** Codes one trigger in its sentence [a, b): the event, or null. */
export type CodeTrigger = (trig: Trigger | SyntaxTrigger, a: number, b: number, sent: Span, sentenceText: string, prev: Previous | null) => Event | null;

/** Codes the acts of sentence `sent` into `art.events`, and notes its last event as the sentence before the next. */
export function codeSentence(art: Article, sent: Span, matcher: PatternMatcher, verbs: VerbDictionary, code: CodeTrigger): void {
  const { doc, record, tokens, text, headline, paragraphs, events, mentionAt } = art;
  const st = art.state;
  if (headline && sent.start >= headline.start && sent.end <= headline.end) return;
  const a = tokenIndexAt(tokens, Math.max(sent.start, record.dateline && record.dateline.end <= sent.end ? record.dateline.end : sent.start));
  let b = a;
  while (b < tokens.length && tokens[b]!.start < sent.end) b++;
  const sentenceText = text.slice(tokens[a]?.start ?? sent.start, sent.end);
  // Paragraphs are sorted and disjoint: a binary search, not a scan per sentence (quadratic in paragraphs).
  const pi = spanIndexAt(paragraphs, sent.start);
  const para = pi >= 0 && sent.end <= paragraphs[pi]!.end ? paragraphs[pi] : undefined;
  const samePara = st.previous && para && st.previous.sentence.start >= para.start;

  // The word patterns first; then, with the parse, what the CAMEO dictionary's verb + object patterns and
  // combinations add on verbs the word patterns did not take (a verb alone from the dictionary over-codes:
  // measured on PLOVER dev half A and UD train, docs/events.md).
  const taken: Span[] = [];
  const tree = doc.syntax ? new Tree(doc.syntax, tokens, a, b) : null;
  st.sentenceTree = tree;
  st.actorsAt.clear();
  const firstOfSentence = events.length;
  const triggerTokens: number[] = [];
  // Every token of each kept trigger ("is ready to", "held talks"): an act governed by any word of a coded phrase
  // is governed by that act.
  const triggerSpans: Span[] = [];
  // Whether each act came from the dictionary on the parse (true) or from a word pattern (false).
  const givenBy: boolean[] = [];
  for (let k = a; k < b; k++) {
    // With the parse, a verb whose form the word lists lack is looked up by its lemma.
    const trig = matcher.at(tokens, k, b) ?? (tree && tree.upos(k) === "VERB" ? matcher.atLemma(tree.lemma(k), forms, k) : null);
    if (!trig) continue;
    // With the parse, a verb's word used as a noun names a thing (syntactic.ts, isNounUse). An infinitive of
    // purpose ("began a hunger strike to protest") is coded, and dropped below when the act it is the aim of
    // is coded itself.
    const ev = tree && !trig.pattern.noun && isNounUse(tree, trig.i, trig.j) ? null : code(trig, a, b, sent, sentenceText, samePara ? st.previous : null);
    if (ev) {
      events.push(ev);
      triggerTokens.push(trig.i);
      triggerSpans.push({ start: trig.i, end: trig.j });
      givenBy.push(false);
      taken.push({ start: trig.i, end: trig.j });
      k = trig.j - 1;
    }
  }
  if (tree) {
    for (const trig of syntaxTriggers(tree, verbs, mentionAt)) {
      if (!trig.fromPattern || taken.some((t) => trig.i < t.end && t.start < trig.j)) continue;
      const ev = code(trig, a, b, sent, sentenceText, samePara ? st.previous : null);
      if (ev) {
        events.push(ev);
        triggerTokens.push(trig.i);
        triggerSpans.push({ start: trig.i, end: trig.j });
        givenBy.push(true);
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
    // The tokens of the other acts' triggers, with their types.
    const codedBesides = (own: number) => {
      const out = new Map<number, string>();
      triggerSpans.forEach((s, n) => {
        if (n !== own) for (let t = s.start; t < s.end; t++) if (!out.has(t) && (t < triggerSpans[own]!.start || t >= triggerSpans[own]!.end)) out.set(t, mine[n]!.type);
      });
      return out;
    };
    // The topic of a protest, typically a demand, is not coded apart (PLOVER manual, PROTEST: "the topic of the
    // protest---which will typically be a REQUEST---is not coded as a separate event"): a REQUEST under a PROTEST's
    // trigger in the tree ("rioted …, joining demonstrators in demanding a referendum").
    const protests = triggerTokens.filter((_, n) => mine[n]!.type === "PROTEST");
    const under = (t: number, top: number) => {
      for (let x = tree.head(t), n = 0; x >= 0 && n < 20; x = tree.head(x), n++) if (x === top) return true;
      return false;
    };
    // A word pattern's intent ("vowed", "pledged") to do a conflict act ("vowed to attack Kosovo") is a threat, as
    // the dictionary's combination makes it (syntactic.ts: CAMEO 03 is an intent to cooperate; PLOVER manual,
    // auxiliary modes: THREATEN could be ASSAULT + hypothetical, "the coder should always return the single event
    // category"). The infinitive is then dropped below as the governed act.
    mine.forEach((e, n) => {
      const t = triggerTokens[n]!;
      // Only a blow a word pattern codes (the audited lists), as on the dictionary's side only a verb's own code.
      const threat = tree.rel(t) === "xcomp" && !givenBy[n] ? intendedThreat(e.cameo ?? "") : null;
      const g = threat ? triggerSpans.findIndex((s, m) => m !== n && !givenBy[m] && mine[m]!.type === "AGREE" && s.start <= tree.head(t) && tree.head(t) < s.end) : -1;
      if (g < 0) return;
      const gov = mine[g]!;
      const { mode: _mode, ...rest } = gov;
      mine[g] = { ...rest, type: "THREATEN", cameo: threat!, context: contextOf(threat!), quadClass: TYPES.THREATEN!.quadClass, score: TYPES.THREATEN!.score, rule: `${gov.rule}+intent:THREATEN` };
    });
    const keep = mine.filter((e, n) => {
      if (e.type === "REQUEST" && protests.some((top) => under(triggerTokens[n]!, top))) return false;
      // A word pattern's move ("deployed", "mobilized") looked at no object; a dictionary pattern has judged its own.
      if (e.type === "MOBILIZE" && !givenBy[n] && movesNoForce(tree, triggerTokens[n]!, verbs)) return false;
      const coded = codedBesides(n);
      // A later conjunct without a subject stands where its first conjunct does (UD hangs it on the first): "on
      // ending the war … and restoring relations" is, like "ending", a clause on the signing.
      // A phrase ("joint exercises", "is ready to") stands where its head does: its token whose head is outside it.
      const span = triggerSpans[n]!;
      let t = triggerTokens[n]!;
      for (let x = span.start; x < span.end; x++) if (tree.head(x) < span.start || tree.head(x) >= span.end) {
        t = x;
        break;
      }
      while (tree.rel(t) === "conj" && tree.head(t) >= 0 && tree.upos(tree.head(t)) === "VERB" && !tree.hasOwnSubject(t) && !tree.hasOwnSubject(tree.head(t)) && tree.rel(tree.head(t)) !== "root") t = tree.head(t);
      const r = tree.rel(t);
      // Through a chain of infinitives ("prepared to resume shelling"): the coded governor at its top.
      if (!coded.has(tree.head(t)) && (r === "xcomp" || r === "ccomp") && governedThroughComplements(tree, t, coded)) return false;
      // "called on Israel to stop attacks on Gaza", "accused India of shelling villages": an act anywhere in what a
      // demand, refusal, threat or accusation is of is its content (PLOVER manual, REQUEST, REJECT, THREATEN,
      // ACCUSE), however the parser hung it there.
      if (isContentOfClauseTaking(tree, t, coded)) return false;
      // The condition of an act ("unless Colombia freed their comrades") has not happened: never an event.
      if (inCondition(tree, t)) return false;
      // "insisted on its demands that Burundi's government grant …": the clause of a demand, refusal, threat or
      // accusation named by a noun is that noun's content, whether or not the noun is coded.
      if (isContentOfDemandNoun(tree, t, (n) => matcher.at(tokens, n, b)?.pattern.type)) return false;
      if (!coded.has(tree.head(t))) return true;
      // A coded noun that is the object of a coded verb ("rejected an Australian ultimatum", "host a meeting")
      // is what that act is done to: the act on it is the event (PLOVER manual, REJECT: rejecting a proposal);
      // one attached to it ("arrived in Moscow for talks", CAMEO's ARRIVE (FOR TALKS)) is what the act is for.
      if ((r === "obj" || r === "obl") && tree.upos(t) === "NOUN") return false;
      if (r === "ccomp") return !(THAT_CONTENT.has(coded.get(tree.head(t))!) && tree.children(t).some((c) => tree.rel(c) === "mark" && tree.form(c) === "that"));
      return !((r === "advcl" || r === "acl" || r === "xcomp") && !tree.hasOwnSubject(t));
    });
    // An act told in a relative or participle clause ("the ceasefire agreement signed in 2001", "where 28
    // people have been killed") describes a noun of the sentence: when the sentence has a main event, that is
    // the event (PLOVER's records code the sentence's event, not every verb of it).
    const kept = keep.map((e) => triggerTokens[mine.indexOf(e)]!);
    const background = kept.map((t) => isBackgroundClause(tree, t));
    const told = background.some((x) => !x) ? keep.filter((_, n) => !background[n]) : keep;
    // "military units … were activated and returned fire on the rebels": a move told with a blow of the same side is
    // that blow (PLOVER manual, MOBILIZE: "If a document reports a MOBILIZE event in the context of an ASSAULT, only
    // the ASSAULT should be coded").
    const side = (e: Event) => new Set(e.actors.map((x) => x.code.slice(0, 3)).filter(Boolean));
    const blows = told.filter((e) => e.type === "ASSAULT").map(side);
    const main = told.filter((e) => e.type !== "MOBILIZE" || !blows.some((b) => [...side(e)].some((c) => b.has(c))));
    events.splice(firstOfSentence, events.length - firstOfSentence, ...main);
  }
  const last = events[events.length - 1];
  st.previous = last && last.evidence.start === sent.start ? { sentence: sent, date: last.date, dateSource: last.dateSource, dateSpan: last.dateSpan ?? null } : st.previous;
}

// Phoenix agent sectors of armed bodies: military, police, rebels, unaligned armed forces, intelligence, insurgents.
const ARMED_SECTOR = /^(?:MIL|COP|REB|UAF|SPY|INS)/;
/**
 * A move of no armed body ("mobilized pressure groups", "deployed inspectors"): PLOVER's MOBILIZE is "all military or
 * police moves", and CAMEO codes moving something as a show of force (15x) only for the objects its 15x patterns
 * name (VerbDictionary.forceObjects) — or, here, a group the Phoenix agents give an armed sector. True when the
 * verb at `v` moves a common noun (its object, or its passive subject) that is neither.
 */
function movesNoForce(tree: Tree, v: number, verbs: VerbDictionary): boolean {
  if (tree.upos(v) !== "VERB") return false;
  const moved = tree.children(v).find((c) => tree.rel(c) === "obj" || tree.rel(c) === "nsubj:pass");
  if (moved === undefined || tree.upos(moved) !== "NOUN") return false;
  // "a contingent of anti-riot forces", "thousands of troops": a collective or a number names its members after "of".
  const members = tree.childrenBy(moved, "nmod").filter((x) => tree.children(x).some((c) => tree.rel(c) === "case" && tree.form(c) === "of"));
  const words = [moved, ...members].flatMap((x) => [tree.lemma(x), tree.form(x)]);
  const forces = verbs.forceObjects();
  return !words.some((w) => forces.has(w) || ARMED_SECTOR.test(agentSector(w) ?? "") || isPartyNoun(w));
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

// Prepositions that open a gerund complement ("accused X of shelling", "blamed X for attacking").
const CONTENT_MARKS = new Set(["of", "for", "to", "against", "over", "about", "into", "from", "on"]);
// Relations a demand's content does not reach through: another sentence joined on, or the act's own subject.
const NOT_CONTENT = new Set(["conj", "parataxis", "nsubj", "nsubj:pass", "csubj", "punct", "list", "root"]);
/**
 * True when token `t` lies in what a coded demand, refusal, threat or accusation is of: below its trigger through
 * its objects, complements and attachments (not a conjunct or a clause beside it, not its subject).
 */
function isContentOfClauseTaking(tree: Tree, t: number, coded: ReadonlyMap<number, string>): boolean {
  for (let x = t, n = 0; x >= 0 && n < 12; n++) {
    if (NOT_CONTENT.has(tree.rel(x))) return false;
    // An adverbial clause of time, cause or manner ("reacted furiously when Spain refused …") is a circumstance, not
    // content: only a gerund opened by a preposition ("of shelling", "for attacking") is what the act is of.
    if (tree.rel(x) === "advcl" && !tree.children(x).some((c) => tree.rel(c) === "mark" && CONTENT_MARKS.has(tree.form(c)))) return false;
    // A finite clause with no "that" ("criticized Japan and China attacked Vietnam", read as a complement) is a
    // statement of its own, as the complement rule below keeps it.
    const finite = /^VB[DZP]$/.test(tree.syntax.xpos[x] ?? "") || tree.childrenBy(x, "aux").length > 0;
    if (tree.rel(x) === "ccomp" && finite && !tree.children(x).some((c) => tree.rel(c) === "mark" && tree.form(c) === "that")) return false;
    const h = tree.head(x);
    if (h < 0) return false;
    const type = coded.get(h);
    if (type !== undefined) return CLAUSE_TAKING.has(type);
    x = h;
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
