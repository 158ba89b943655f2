/**
 * The PLOVER manual's rules for what changes an event's type (../shared/datasets/plover/PLOVER_MANUAL.tex):
 * - negated cooperation is a refusal: REJECT ("All rejections and refusals"; a negated act is not the act);
 * - cooperation announced for the future is AGREE (AGREE: "Cooperative actions of types CONSULT, SUPPORT,
 *   COOPERATE, and AID reported in future tense … should be coded as AGREE"; CONSULT: "References to future
 *   meetings … should be coded as AGREE"; a meeting only predicted by others stays CONSULT, expected), a future RETREAT is CONCEDE ("Announcements of future retreats should be
 *   coded as CONCEDE"), a future CONCEDE stays CONCEDE;
 * - material conflict announced by its actor for the future is THREATEN (Auxiliary modes: "THREATEN could be
 *   ASSAULT + hypothetical … the coder should always return the single event category"), as is one made
 *   conditional on the recipient ("will boycott … unless");
 * - what the actor says another party must do is REQUEST ("All requests, demands, and orders");
 * - by who acts (recast, before the rules above): a military move of two or more states together is COOPERATE
 *   (MOBILIZE: "Joint military operations are coded as COOPERATE but single-country exercises should be coded as
 *   MOBILIZE"); a protest made by a state or its government is a diplomatic one, ACCUSE `disapprove' (PROTEST:
 *   "Diplomatic protests … are coded as ACCUSE `disapprove.' PROTEST presumes significant physical/material
 *   activity").
 * Each rule that fires is named in the event's `rule` ("+future:AGREE").
 */
import type { Modality } from "../record/schema.js";

export interface TypeChange {
  type: string;
  cameo: string;
  /** Appended to the event's rule. */
  rule: string;
}

// CAMEO intent codes (03x) for each cooperative type, and threat codes (13x) for each conflictual one.
const INTENT: Record<string, string> = { CONSULT: "036", SUPPORT: "032", COOPERATE: "031", AID: "033" };
const THREAT: Record<string, string> = { SANCTION: "131", COERCE: "137", ASSAULT: "138", MOBILIZE: "138", PROTEST: "133" };
const COOPERATIVE = new Set(["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"]);

export interface Situation {
  type: string;
  modality: Modality;
  /** The actor is the one who says it (the quote's speaker, or the subject of "said", "vowed", "announced"). */
  announcedByActor: boolean;
  /** The act is made to depend on the other party ("unless", "if"). */
  conditional: boolean;
  /** The act is what a verb of prediction or "it is expected that" foretells, not what its actor intends. */
  predicted?: boolean;
}

export function codebookType(s: Situation): TypeChange | null {
  if (s.modality === "negated" && COOPERATIVE.has(s.type)) return { type: "REJECT", cameo: "120", rule: "+negated:REJECT" };
  const future = s.modality === "expected" || (s.modality === "conditional" && s.announcedByActor);
  if (!future) return null;
  if (s.type === "RETREAT") return { type: "CONCEDE", cameo: "080", rule: "+future:CONCEDE" };
  // A meeting someone else predicts ("It is expected that he will hold more talks") is no intent of its parties: it
  // stays CONSULT, expected. One stated in the future tense ("the minister will visit Lima next week") is AGREE.
  if (INTENT[s.type] && (s.type !== "CONSULT" || s.announcedByActor || !s.predicted)) return { type: "AGREE", cameo: INTENT[s.type]!, rule: "+future:AGREE" };
  if (THREAT[s.type] && (s.announcedByActor || s.conditional)) return { type: "THREATEN", cameo: THREAT[s.type]!, rule: "+future:THREATEN" };
  return null;
}

export interface Actors {
  type: string;
  /** Distinct countries among the actors. */
  countries: number;
  /** The act is "protest" said by a state named as such or its government ("China protested", "Tokyo protested"). */
  states: boolean;
}

/** The type an act has by who does it (PLOVER manual, MOBILIZE and PROTEST ambiguities), or null. */
export function recast(a: Actors): (TypeChange & { mode?: string }) | null {
  if (a.type === "MOBILIZE" && a.countries >= 2) return { type: "COOPERATE", cameo: "062", rule: "+joint:COOPERATE" };
  if (a.type === "PROTEST" && a.states) return { type: "ACCUSE", cameo: "111", mode: "disapprove", rule: "+diplomatic:ACCUSE" };
  return null;
}

/** The modality of the statement itself once a rule made the announcement the event (a threat was made). */
export function statementModality(inQuote: boolean, hedged: boolean): Modality {
  return hedged ? "hedged" : inQuote ? "reported" : "asserted";
}
