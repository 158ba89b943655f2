/**
 * The entities stage never loses a name the tagger found. After the rules of one sentence have built their
 * candidates, each of the tagger's names is checked against them:
 *  - a candidate with exactly its extent stays; where the two disagree on the kind of thing (person, organisation,
 *    place), the tagger, which read the context, gives the type — unless the candidate comes from a hand-kept or
 *    the user's dictionary, or is a metonym or demonym (the stage's own readings). A place's entry is dropped for a
 *    person or organisation ("Hamilton" the club); a person↔organisation mix-up of Phoenix keeps its code;
 *  - candidates that only cover parts of it (a demonym or place inside "British Airways", "Bank of Romania", a
 *    capitalised run cut by a word the rules took for a role) give way to the whole name, keeping a role stated
 *    before it; a role split off the front of a person's name stays split ("Spokesman Dmitry Peskov"), unless the
 *    "role" is a given name ("Dean Jones"); one token holding several names ("Tokyo-Washington") stays split; the
 *    whole name, unless a person's, keeps the one country its parts stood for (`placedIn`: "Serbian Workers' Union"
 *    belongs to Serbia, though it has no code of its own);
 *  - a name no candidate touches is added with the tagger's type.
 * Candidates that cross the tagger's name, documents and role mentions are left alone.
 */
import type { EntityType } from "../../record/schema.js";
import type { Candidate } from "../entities.js";
import type { NerSpan } from "../ner/tagger.js";
import type { Actor } from "./gazetteer.js";

type NerClass = NerSpan["type"];

const NAME_KINDS = new Set<Candidate["kind"]>(["name", "alias", "metonym", "demonym"]);

/** The CoNLL class a candidate stands for (what the tagger would call it). */
function classOf(c: Candidate): NerClass {
  if (c.kind === "demonym") return "MISC";
  if (c.kind === "metonym") return "LOC";
  return c.type === "PERSON" ? "PER" : c.type === "ORG" ? "ORG" : c.type === "GPE" || c.type === "LOC" ? "LOC" : "MISC";
}

const isPlace = (t: EntityType | undefined) => t === "GPE" || t === "LOC";
const TYPE_OF: Record<NerClass, EntityType> = { PER: "PERSON", ORG: "ORG", LOC: "LOC", MISC: "MISC" };

export interface ReconcileContext {
  text: string;
  /** Whether a lower-cased word is a given name (then a "role" word before a surname is part of the name). */
  givenName: (word: string) => boolean;
  /** Called for each person name added, so later surname-only mentions join it. */
  person: (c: Candidate) => void;
}

function unknown(span: NerSpan, ctx: ReconcileContext): Candidate {
  const type = TYPE_OF[span.type];
  const name = ctx.text.slice(span.start, span.end);
  const c: Candidate = { start: span.start, end: span.end, key: `u:${type}:${name.toLowerCase()}`, name, type, kind: "name" };
  if (type === "PERSON") {
    c.surname = /(\S+)$/u.exec(name)![1]!.toLowerCase();
    ctx.person(c);
  }
  return c;
}

/** Gives a candidate the tagger's type where they disagree (see the module comment). */
function retype(c: Candidate, cls: NerClass, ctx: ReconcileContext): void {
  const mine = classOf(c);
  if (mine === cls || cls === "MISC" || c.kind === "metonym" || c.kind === "demonym" || c.type === "DOCUMENT" || c.actor?.curated) return;
  const swap = (mine === "PER" && cls === "ORG") || (mine === "ORG" && cls === "PER");
  if (c.actor && swap && !isPlace(c.actor.type)) {
    c.type = TYPE_OF[cls];
    return;
  }
  const name = ctx.text.slice(c.start, c.end);
  const type = TYPE_OF[cls];
  c.actor = undefined;
  c.role = cls === "PER" ? c.role : undefined;
  c.kind = "name";
  c.name = name;
  c.type = type;
  c.key = `u:${type}:${name.toLowerCase()}`;
  c.surname = cls === "PER" ? /(\S+)$/u.exec(name)![1]!.toLowerCase() : undefined;
}

/** The one country the parts of a wider name stand for (a demonym, a country or its capital), if they agree on one. */
function countryInside(parts: readonly Candidate[]): Actor | undefined {
  const found = new Set<Actor>();
  for (const c of parts) {
    const a = c.placedIn ?? c.actor?.capitalOf ?? c.actor;
    if (a && a.type === "GPE" && a.codes.length) found.add(a);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Reconciles the candidates `cands[from…]` of one sentence with the tagger's names in it (in place). */
export function reconcile(cands: Candidate[], from: number, ner: readonly NerSpan[], ctx: ReconcileContext): void {
  for (const span of ner) {
    const over: number[] = [];
    let blocked = false;
    for (let k = from; k < cands.length; k++) {
      const c = cands[k]!;
      if (c.start >= span.end || c.end <= span.start) continue;
      if (c.type === "DOCUMENT") blocked = true;
      if (NAME_KINDS.has(c.kind)) over.push(k);
    }
    if (blocked) continue;
    const exact = over.find((k) => cands[k]!.start === span.start && cands[k]!.end === span.end);
    if (exact !== undefined) {
      retype(cands[exact]!, span.type, ctx);
      continue;
    }
    if (over.length === 0) {
      cands.push(unknown(span, ctx));
      continue;
    }
    if (!over.every((k) => cands[k]!.start >= span.start && cands[k]!.end <= span.end)) continue;
    // One token holding several names ("Tokyo-Washington", "Russian-Japanese"): the rules' split is finer.
    if (over.length > 1 && !/\s/u.test(ctx.text.slice(span.start, span.end))) continue;
    if (span.type === "PER" && over.length === 1) {
      const c = cands[over[0]!]!;
      const before = ctx.text.slice(span.start, c.start).trim().split(/\s+/);
      if (c.role && c.end === span.end && !before.some((w) => ctx.givenName(w.toLowerCase()))) continue;
    }
    const roleFrom = over.map((k) => cands[k]!).find((c) => c.role && c.start === span.start);
    const whole = unknown(span, ctx);
    if (roleFrom?.role && span.type === "PER") whole.role = roleFrom.role;
    // The country its words name stays with an organisation or group ("Serbian Workers' Union", "Iraqi Kurds"); a
    // person named after a place ("Paris Hilton") does not belong to it.
    const placedIn = span.type === "PER" ? undefined : countryInside(over.map((k) => cands[k]!));
    if (placedIn) whole.placedIn = placedIn;
    for (const k of over.reverse()) cands.splice(k, 1);
    cands.push(whole);
  }
}
