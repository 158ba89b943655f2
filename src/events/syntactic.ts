/**
 * Event triggers and their parties read from the dependency parse (Doc.syntax):
 * - every verb (and every noun of a noun block: "a meeting between …") is looked up in the verb dictionary;
 * - a verb that governs another coded verb through an infinitive or a complement clause combines with it, as
 *   PETRARCH's code combination does: an intent (03) or agreement to act is AGREE, a demand (02, 10) REQUEST, a
 *   refusal (12) REJECT, a threat (13) THREATEN, each with the embedded act's parties; the embedded act is not coded
 *   again;
 * - the actor is the subject (active), the agent (passive "by …"), or the governor's subject for infinitives and
 *   participles; the recipient the object, the indirect object, the attachment a pattern marks as target, then
 *   those to/with/against/on/from; coordinated parties ("Putin and Abe") are all kept; an apposition names the
 *   party ("the Japanese prime minister, Shinzo Abe"); a place after in/at is a location, never a party.
 */
import { CAMEO, type Pattern } from "./ontology.js";
import { agentSector, isPartyNoun, type PartyMention } from "./parties.js";
import type { Tree } from "./tree.js";
import { isPredictive, isStatement, type VerbDictionary, type VerbMatch } from "./verbs.js";

export interface SyntaxTrigger {
  pattern: Pattern;
  /** Token indexes [i, j) of the trigger word(s). */
  i: number;
  j: number;
  actors: PartyMention[];
  recipients: PartyMention[];
  /** A passive act whose agent the text does not name: the actor is empty. */
  unnamedActor: boolean;
  /** Token of the place the act is attached to (in, at), if any. */
  place?: number;
  /** The trigger came from a pattern (verb + object or attachment), not from the verb alone. */
  fromPattern: boolean;
  /** An intent in passive form ("is prepared to"): its act is intended, not done (isDisposition). */
  disposition?: boolean;
}

const NOT_PREDICATE = new Set(["case", "mark", "amod", "compound", "fixed", "flat", "det", "cc", "aux", "cop", "goeswith"]);
const RECIPIENT_CASES = new Set(["to", "with", "against", "on", "upon", "from", "toward", "towards", "for", "over", "into"]);
const PLACE_CASES = new Set(["in", "at", "near", "inside"]);
// CAMEO's roots of force: assault, fight, mass violence. An intent to use it is no intent to cooperate (CAMEO 03 is
// "express intent to cooperate") but a threat of it (13).
const FORCE = /^(?:18|19|20)/;
// Governors that take the embedded act into their own category (CAMEO root codes).
const COMBINING: Record<string, { type: string; code: (embedded: string) => string }> = {
  "03": { type: "AGREE", code: (e) => ({ "04": "036", "05": "032", "06": "031", "07": "033", "08": "035" })[e.slice(0, 2)] ?? "030" },
  "02": { type: "REQUEST", code: (e) => ({ "04": "106", "05": "102", "06": "101", "07": "103", "08": "105" })[e.slice(0, 2)] ?? "100" },
  "10": { type: "REQUEST", code: (e) => ({ "04": "106", "05": "102", "06": "101", "07": "103", "08": "105" })[e.slice(0, 2)] ?? "100" },
  "12": { type: "REJECT", code: (e) => ({ "04": "125", "05": "121", "06": "121", "07": "122", "08": "124" })[e.slice(0, 2)] ?? "120" },
  "13": { type: "THREATEN", code: (e) => ({ "16": "131", "14": "133", "17": "137", "15": "138", "18": "138", "19": "138", "20": "138" })[e.slice(0, 2)] ?? "130" },
};

/** The CAMEO threat an intent to use force amounts to ("vowed to attack" → 138), or null for any other act. */
export function intendedThreat(embedded: string): string | null {
  return FORCE.test(embedded) ? COMBINING["13"]!.code(embedded) : null;
}

/** The PLOVER type, mode of a CAMEO code (data/events/cameo2plover.json, with the overrides folded in). */
export function ploverOf(code: string): { type: string; mode?: string } | null {
  for (let n = code.length; n >= 2; n--) {
    const m = CAMEO[code.slice(0, n)];
    if (m?.type) return { type: m.type, ...(m.mode ? { mode: m.mode } : {}) };
  }
  return null;
}

/**
 * An infinitive of purpose ("… to protest", "to monitor the resumption") states an aim, not an act that happened
 * (PLOVER's auxiliary mode "hypothetical"; the topic of a protest is not coded apart): not coded alone.
 */
export function isPurpose(tree: Tree, v: number): boolean {
  return (tree.rel(v) === "advcl" || tree.rel(v) === "acl") && tree.children(v).some((c) => tree.rel(c) === "mark" && tree.form(c) === "to");
}

/**
 * True when the act at token `t` is what a verb of prediction governs, through up to three infinitives or
 * complement clauses ("is expected to hold talks", "it is expected that he will sign"): the act is expected.
 */
export function isPredicted(tree: Tree, t: number, predicts: (word: string) => boolean): boolean {
  for (let x = t, n = 0; x >= 0 && n < 3; n++) {
    const r = tree.rel(x);
    if (r !== "xcomp" && r !== "ccomp") return false;
    x = tree.head(x);
    if (x >= 0 && tree.upos(x) === "VERB" && (predicts(tree.lemma(x)) || predicts(tree.form(x)))) return true;
  }
  return false;
}

/**
 * A word pattern's verb read by the parse as a noun in an attachment or a compound ("wounded two soldiers in a bomb
 * attack", "where 28 people were killed in ethnic riots"): it names the circumstance of another act, not an act of
 * its own. A noun that is an object ("issued an ultimatum") still codes, and so does a subject, where the tagger
 * often reads a verb as a noun ("The Palestinians reject …").
 */
export function isNounUse(tree: Tree, i: number, j: number): boolean {
  if (j - i !== 1 || tree.upos(i) !== "NOUN") return false;
  return ["obl", "nmod", "compound"].includes(tree.rel(i).split(":")[0]!);
}

/**
 * True when token `t` stands in a relative or participle clause that describes a noun ("the agreement signed in
 * 2001", "workers affiliated with the union", "where 28 people were killed"), or in the condition of another act
 * ("unless the president agrees"), on its way up to the root. (Clauses
 * of time or cause, "after a jet shot down …", were tried too: no better on PLOVER dev half A, so not taken.)
 */
export function isBackgroundClause(tree: Tree, t: number): boolean {
  for (let x = t, n = 0; x >= 0 && n < 20; x = tree.head(x), n++) {
    const r = tree.rel(x);
    // A clause hanging on a copular predicate ("are guilty of violating the ceasefire") completes the predicate:
    // it is the sentence's statement, not a description of one of its nouns.
    const ofPredicate = r === "acl" && tree.children(tree.head(x)).some((c) => tree.rel(c) === "cop");
    if ((r === "acl" && !ofPredicate) || r === "acl:relcl" || opensWithRelative(tree, x) || isCondition(tree, x)) return true;
  }
  return false;
}

/**
 * True when the act at `t` is one its governing verb keeps from happening: a gerund opened by "from" ("prevented
 * the two countries from signing a peace treaty", "refrained from attacking", "barred from entering"). English
 * makes every such clause a thing not done; the governing verb is coded on its own.
 */
export function isKeptFrom(tree: Tree, t: number): boolean {
  if (tree.upos(t) !== "VERB" || tree.head(t) < 0) return false;
  return tree.children(t).some((c) => (tree.rel(c) === "mark" || tree.rel(c) === "case") && tree.form(c).toLowerCase() === "from" && c < t);
}

// Relative pronouns: a clause whose subject or object one of them is, standing before its verb, describes a noun.
const RELATIVE = new Set(["who", "whom", "which"]);
const RELATIVE_ROLES = new Set(["nsubj", "nsubj:pass", "obj", "iobj"]);
/**
 * A relative clause the parser gave another relation ("…, whom they had taken hostage" read as a conjunct of the
 * main verb): its verb has a relative pronoun before it as subject or object. English main clauses and conjuncts
 * do not open so (a question word would, and news reports questions in quotes, not as clauses of the main verb).
 */
function opensWithRelative(tree: Tree, x: number): boolean {
  return tree.rel(x) !== "root" && tree.children(x).some((c) => c < x && RELATIVE.has(tree.form(c)) && RELATIVE_ROLES.has(tree.rel(c)));
}

const CONDITIONS = new Set(["if", "unless"]);
/**
 * The condition of another act ("will boycott … unless the president agrees to step down", "if he is elected"):
 * an act that has not happened, stated as what the event depends on (the event's `condition`), so not an event of
 * its own (PLOVER manual, THREATEN: a threat is coded with its condition, not the condition as a second event).
 */
function isCondition(tree: Tree, x: number): boolean {
  return tree.rel(x) === "advcl" && tree.children(x).some((c) => tree.rel(c) === "mark" && CONDITIONS.has(tree.form(c)));
}

/** True when token `t` stands in the condition (if/unless clause) of another act, on its way up to the root. */
export function inCondition(tree: Tree, t: number): boolean {
  for (let x = t, n = 0; x >= 0 && n < 20; x = tree.head(x), n++) if (isCondition(tree, x)) return true;
  return false;
}

/** The passive verb's agent: its "by" attachment (obl:agent), if any. */
export function agentOf(tree: Tree, v: number): number | undefined {
  return tree.childrenBy(v, "obl").find((x) => tree.rel(x) === "obl:agent" || tree.children(x).some((c) => tree.rel(c) === "case" && tree.form(c) === "by"));
}

/**
 * A reporting verb put after what it reports ("…, reports aid agencies", "…, said officials"): after a comma, with
 * no subject of its own and nothing but its own phrase after it. The noun phrase after it is who reports, not an
 * object, so the verb's patterns ("report * AID") do not apply (the parser reads such a verb as a conjunct with an
 * object).
 */
function isPostposedReport(tree: Tree, v: number): boolean {
  if (v <= tree.a || tree.form(v - 1) !== "," || tree.children(v).some((c) => tree.isSubject(c))) return false;
  const own = new Set(tree.subtree(v));
  for (let t = v + 1; t < tree.b; t++) if (!own.has(t) && tree.upos(t) !== "PUNCT") return false;
  return true;
}

interface Coded {
  v: number;
  match: VerbMatch;
  code: string;
  combined?: string;
}

export function syntaxTriggers(tree: Tree, dict: VerbDictionary, mentionAt: (token: number) => PartyMention | undefined): SyntaxTrigger[] {
  const coded = new Map<number, Coded>();
  for (let v = tree.a; v < tree.b; v++) {
    const upos = tree.upos(v);
    // A verb form used as a preposition, a modifier or part of a name ("According to", "the proposed changes") is
    // not a predicate.
    if (NOT_PREDICATE.has(tree.rel(v).split(":")[0]!)) continue;
    if (isPurpose(tree, v)) continue;
    // A party or place: a coded mention, a name, or a Phoenix agent or party noun ("called on the government").
    const named = (t: number) => mentionAt(t) !== undefined || tree.upos(t) === "PROPN" || !!agentSector(tree.lemma(t)) || isPartyNoun(tree.form(t));
    const m = upos === "VERB" ? dict.match(tree, v, false, named) : upos === "NOUN" ? dict.match(tree, v, true, named) : null;
    if (m && isStatement(m.block.code) && isPostposedReport(tree, v)) continue;
    // "Abe is expected to hold talks", "it is expected that he will …": the prediction is the embedded act's modality
    // (isPredicted), not an act of its own; a verb of prediction codes only on its own object ("expect violence").
    if (m && isPredictive(m.block) && tree.children(v).some((c) => tree.rel(c) === "xcomp" || tree.rel(c) === "ccomp")) continue;
    if (m) coded.set(v, { v, match: m, code: m.code || m.reverse || "" });
  }
  // Combination: a governor of the four combining kinds takes the act it governs.
  const absorbed = new Set<number>();
  for (const c of coded.values()) {
    const kind = COMBINING[c.code.slice(0, 2)];
    if (!kind) continue;
    const inner = tree.children(c.v).find((x) => (tree.rel(x) === "xcomp" || tree.rel(x) === "ccomp") && coded.has(x));
    if (inner === undefined) continue;
    absorbed.add(inner);
    c.combined = coded.get(inner)!.code;
    // An intent to use force ("prepared to attack") is a threat: only when the embedded verb is itself one of force
    // (its CAMEO block is 18–20), since other verbs' object patterns misfire inside such infinitives ("boost exports
    // of military hardware", "start an airlift operation"; measured on TE3-silver, train side).
    const force = c.code.startsWith("03") && FORCE.test(coded.get(inner)!.match.block.code ?? "") && FORCE.test(c.combined);
    c.code = force ? COMBINING["13"]!.code(c.combined) : kind.code(c.combined);
  }
  const out: SyntaxTrigger[] = [];
  for (const c of coded.values()) {
    if (absorbed.has(c.v) || !c.code) continue;
    const plover = ploverOf(c.code);
    if (!plover) continue; // 01x public statements have no PLOVER type
    const inner = c.combined !== undefined ? tree.children(c.v).find((x) => (tree.rel(x) === "xcomp" || tree.rel(x) === "ccomp") && absorbed.has(x)) : undefined;
    const disposition = isDisposition(tree, c.v, c.match.code || c.match.reverse || "");
    const parties = partiesOf(tree, c.v, inner, c.match, mentionAt, disposition);
    const j = triggerEnd(tree, c.v, c.match);
    const b = c.match.block;
    out.push({
      pattern: {
        id: `${b.name}${c.match.index >= 0 ? `/${c.match.pattern!.src.replace(/\s+/g, " ")}` : ""}${c.combined ? `+${c.combined}` : ""}`,
        file: b.file,
        type: plover.type,
        ...(plover.mode ? { mode: plover.mode } : {}),
        cameo: c.code,
        words: [],
        noun: !!b.nouns,
        ...(c.match.reverse ? { symmetric: true } : {}),
      },
      i: c.v,
      j,
      ...parties,
      fromPattern: c.match.index >= 0 || c.combined !== undefined,
      ...(disposition ? { disposition } : {}),
    });
  }
  return out.sort((x, y) => x.i - y.i);
}

/**
 * An intent (CAMEO 03x) in passive form with no agent, governing an infinitive ("Abe is prepared to consider …",
 * "is committed to withdraw"): an adjectival predicate that ascribes the intent to its subject, who is the one to
 * act (subject control), not an act done to the subject. The parser gives the subject nsubj:pass all the same.
 * Its act is intended, not done: the event's modality is expected.
 */
export function isDisposition(tree: Tree, v: number, code: string): boolean {
  if (!code.startsWith("03") || tree.childrenBy(v, "aux:pass").length === 0) return false;
  if (agentOf(tree, v) !== undefined) return false;
  return tree.childrenBy(v, "xcomp").some((x) => tree.children(x).some((c) => tree.rel(c) === "mark" && tree.form(c) === "to"));
}

/** The trigger's last token: the verb, or the particle of a multi-word verb right after it ("handed over"). */
function triggerEnd(tree: Tree, v: number, m: VerbMatch): number {
  let j = v + 1;
  for (const w of m.verb.after ?? []) if (j < tree.b && tree.form(j) === w) j++;
  return j;
}

function partiesOf(tree: Tree, v: number, inner: number | undefined, m: VerbMatch, mentionAt: (t: number) => PartyMention | undefined, disposition: boolean) {
  const found = tree.subjectOf(v);
  // "Abe is prepared to consider …": the subject of an intent in passive form is the one who intends.
  const subj = found && disposition ? { ...found, passive: false } : found;
  let actors: PartyMention[] = [];
  let recipients: PartyMention[] = [];
  let unnamedActor = false;
  const agent = agentOf(tree, v);
  if (m.block.nouns) {
    // "a meeting between the Russian and Japanese leaders": the parties are those between or with.
    const att = tree.children(v).find((x) => tree.children(x).some((c) => tree.rel(c) === "case" && (tree.form(c) === "between" || tree.form(c) === "with")));
    if (att !== undefined) actors = group(tree, att, mentionAt);
  } else if (subj?.passive) {
    recipients = group(tree, subj.token, mentionAt);
    if (agent !== undefined) actors = group(tree, agent, mentionAt);
    unnamedActor = actors.length === 0 && recipients.length > 0;
  } else if (subj) actors = group(tree, subj.token, mentionAt);
  // Recipients: the pattern's target, then objects, then the attachments that name a recipient.
  const heads = [v, ...(inner !== undefined ? [inner] : [])];
  if (recipients.length === 0) {
    const order: number[] = [];
    if (m.target !== undefined) order.push(m.target);
    for (const h of heads) order.push(...tree.childrenBy(h, "iobj"), ...tree.childrenBy(h, "obj"));
    for (const h of heads) for (const x of tree.childrenBy(h, "obl", "nmod")) if (tree.children(x).some((c) => tree.rel(c) === "case" && RECIPIENT_CASES.has(tree.form(c)))) order.push(x);
    // The object's own attachments and modifiers ("rejected a Senegalese peace plan", "calls by Belarus's rulers").
    // A place after in/at is where the act is, never the one it is done to ("relations in Moscow").
    const placed = (x: number) => tree.children(x).some((c) => tree.rel(c) === "case" && PLACE_CASES.has(tree.form(c)));
    for (const h of heads) for (const o of tree.childrenBy(h, "obj")) order.push(...tree.childrenBy(o, "nmod", "amod").filter((x) => !placed(x)));
    for (const t of order) {
      const g = group(tree, t, mentionAt, true).filter((x) => !actors.some((a) => a.entity === x.entity));
      if (g.length) {
        recipients = g;
        break;
      }
    }
  }
  const place = [...heads.flatMap((h) => tree.childrenBy(h, "obl")), ...heads.flatMap((h) => tree.childrenBy(h, "obj").flatMap((o) => tree.childrenBy(o, "nmod")))].find((x) =>
    tree.children(x).some((c) => tree.rel(c) === "case" && PLACE_CASES.has(tree.form(c))),
  );
  return { actors, recipients, unnamedActor, ...(place !== undefined ? { place } : {}) };
}

/** The parties a noun phrase names: its own mention, its apposition's, or one inside it; and those coordinated with it. */
export function group(tree: Tree, h: number, mentionAt: (t: number) => PartyMention | undefined, noPlaces = false): PartyMention[] {
  const out: PartyMention[] = [];
  const add = (m: PartyMention | undefined) => m && !out.some((o) => o.entity === m.entity) && out.push(m);
  for (const t of [h, ...tree.childrenBy(h, "conj")]) {
    add(partyOfPhrase(tree, t, mentionAt, noPlaces));
    // "Chilean and Peruvian warships", "British and Irish negotiators": modifiers joined by "and" on one noun name a
    // party each (UD hangs the second on the first as its conjunct).
    for (const mod of tree.childrenBy(t, "amod", "compound")) if (mentionAt(mod)) for (const c of tree.childrenBy(mod, "conj")) add(mentionAt(c));
  }
  return out;
}

/** `noPlaces`: not from an attachment after in/at ("talks in Vienna": the venue of the act, not its recipient). */
function partyOfPhrase(tree: Tree, h: number, mentionAt: (t: number) => PartyMention | undefined, noPlaces = false): PartyMention | undefined {
  const own = mentionAt(h);
  if (own && own.kind !== "pronoun") return own;
  for (const a of tree.childrenBy(h, "appos")) {
    const m = mentionAt(a);
    if (m) return m;
  }
  if (own) return own;
  // A mention inside the phrase: a modifier first ("Israeli troops", "Sweden's decision"), then an attachment
  // ("rebels in the Ivory Coast", "doctors from two American aid groups"); never across a relative clause.
  const placed = (t: number) => tree.children(t).some((c) => tree.rel(c) === "case" && PLACE_CASES.has(tree.form(c)));
  const inside = tree.subtree(h, (r, t) => r === "acl:relcl" || r === "acl" || r === "conj" || r === "appos" || r === "punct" || (noPlaces && placed(t)));
  const near = inside.filter((t) => ["amod", "nmod:poss", "compound", "flat", "det:poss"].includes(tree.rel(t)) && tree.head(t) === h);
  for (const t of [...near, ...inside]) {
    const m = mentionAt(t);
    if (m) return m;
  }
  return undefined;
}

// Relations by which a clause is what a cue says ("said that …", "…, Kyodo said").
const COMPLEMENT_CLAUSE = new Set(["ccomp", "parataxis", "csubj", "csubj:pass"]);

/**
 * Whether an indirect attribution whose content is the tokens [from, to) of `tree` tells a proposition — a clause
 * with a subject of its own, or one the cue takes as a complement clause — rather than what was done or intended:
 * PolNeAR, which the attribution tagger learned from, counts acts and intents as attributions ("signed a deal to
 * reopen the ports", "agreed to hand over the islands", "was concluded in 1956"), and what they "contain" is told
 * by the article, not reported from a source.
 */
export function tellsProposition(tree: Tree, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const h = tree.head(i);
    if (h >= from && h < to) continue; // inside the content: not one of its roots
    if (COMPLEMENT_CLAUSE.has(tree.rel(i)) || (tree.rel(i) !== "punct" && tree.hasOwnSubject(i))) return true;
  }
  return false;
}
