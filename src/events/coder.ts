/**
 * The event coder (stage "events"): for each sentence, triggers from data/events/patterns.yaml, the actor(s) and
 * recipient(s) from the entities layer, location, date (from the sentence's own time expressions, then its context,
 * and only then the publication date, saying which), modality (negated, conditional, expected, hedged, reported,
 * historical, asserted), the attribution chain of the quote it sits in, and the sentence as evidence. The same
 * event stated twice in an article is coded once. Every event names its pattern in `rule`.
 */
import type { Event, EventParty, Span } from "../record/schema.js";
import { spanIndexAt, within } from "../pipeline/spans.js";
import { tokenIndexAt } from "../pipeline/tokens.js";
import type { Doc, StageFactory } from "../pipeline/types.js";
import { readFileSync } from "node:fs";
import { articleContext, type Article, type Previous } from "./article.js";
import { codeSentence } from "./candidates.js";
import { decideEvent } from "./decision.js";
import { gazetteer } from "./geo.js";
import { conditionAfter } from "./modality.js";
import { CAMEO_FILE, PATTERNS_FILE, PatternMatcher, VERB_PATTERNS_FILE, type Trigger } from "./ontology.js";
import { assignParties, DETERMINERS } from "./party-assignment.js";
import { toParty, tokenText, type PartyMention } from "./parties.js";
import type { SyntaxTrigger } from "./syntactic.js";
import { VerbDictionary } from "./verbs.js";

export const eventsStage: StageFactory = (env) => {
  const geo = gazetteer();
  const user = env.userPatterns ?? [];
  // A user's file in the verb-dictionary format (top-level `blocks:`) joins the dictionary; others the word patterns.
  const isDictionary = (f: string) => /^blocks:/m.test(readFileSync(f, "utf8"));
  const matcher = new PatternMatcher([PATTERNS_FILE, ...user.filter((f) => !isDictionary(f))]);
  const verbs = new VerbDictionary([VERB_PATTERNS_FILE, CAMEO_FILE, ...user.filter(isDictionary)]);
  const predicts = (w: string) => verbs.predicts(w);
  return {
    name: "events",
    run(doc: Doc) {
      const art = articleContext(doc, geo, (lemma) => verbs.meetingVerdict(lemma));
      const { record, text, mentions, events } = art;
      const code = (trig: Trigger | SyntaxTrigger, a: number, b: number, sent: Span, sentenceText: string, prev: Previous | null) => codeTrigger(art, trig, a, b, sent, sentenceText, prev, predicts);
      for (const sent of record.sentences) codeSentence(art, sent, matcher, verbs, code);
      attachFollowingConditions(events, record.sentences, text, mentions);
      if (art.unresolved > 0)
        record.warnings.push({ code: "unresolved-event-date", message: `${art.unresolved} relative time expression(s) left unresolved: no publication date, or arithmetic from an undated event` });
      record.events = dedupe(events);
    },
  };
};

/** One trigger of sentence [a, b) coded: its clause, its parties (party-assignment.ts), then its event (decision.ts). */
function codeTrigger(art: Article, trig: Trigger | SyntaxTrigger, a: number, b: number, sent: Span, sentenceText: string, prev: Previous | null, predicts: (w: string) => boolean): Event | null {
  const { tokens, quotes, quoteAt, clauseStart, clauseEnd } = art;
  const p = trig.pattern;
  const k = trig.i;
  // Parties the parse gave (syntactic.ts); without a parse they are looked for in the clause's words.
  const given = "actors" in trig ? trig : null;
  // A verb pattern after a determiner is a noun here ("the demand"): not an event.
  if (!given && !p.noun && trig.j - trig.i === 1 && DETERMINERS.has(tokenText(tokens, k - 1))) return null;
  // Inside reported speech the clause starts where the reported words start ("Kyodo says Abe is …").
  const q0i = quoteAt(tokens[k]!.start, tokens[k]!.end);
  const q0 = q0i >= 0 ? quotes[q0i]! : undefined;
  // A cue after the words ("…, the Israeli army said") leaves their start to the clause: the tagger's content may
  // begin at the verb, without its subject.
  const cs = Math.max(clauseStart(a, k), q0 && q0.cue.start < q0.start ? tokenIndexAt(tokens, q0.start) : a);
  const ce = clauseEnd(trig.j, b);
  const tStart = tokens[k]!.start;
  const tEnd = tokens[trig.j - 1]!.end;
  const clause = { trig, p, k, given, q0, a, b, cs, ce, tStart, tEnd, sent };
  const parties = assignParties(art, clause);
  if (!parties) return null;
  const ev = decideEvent(art, clause, parties, sentenceText, prev, predicts);
  art.state.actorsAt.set(k, parties.actors);
  return ev;
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

/**
 * One event per type, mode, parties and date: a fact told twice in an article is one event (the first telling kept);
 * two acts of one kind on one day are two ("killed 1,200 people … and took 240 hostages": ASSAULT and its abduct mode).
 */
function dedupe(events: Event[]): Event[] {
  const seen = new Set<string>();
  const out: Event[] = [];
  for (const e of events) {
    const parties = (ps: EventParty[]) => ps.map((x) => x.code).sort().join("+");
    const key = `${e.type}|${e.mode ?? ""}|${parties(e.actors)}|${parties(e.recipients)}|${e.date}|${e.modality === "negated"}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...e, id: `ev${out.length + 1}` });
  }
  return out;
}
