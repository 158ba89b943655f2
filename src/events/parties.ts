/**
 * Who did it and to whom: party mentions in a clause, compound subjects ("Russia and Japan"), reciprocal phrases
 * ("the two countries") and pronouns, each turned into a CAMEO-style code (a capital or seat of power used as an
 * actor, or a demonym before "government"/"leaders", codes as the government: "Tokyo" → JPNGOV).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../eval/datasets.js";
import type { Entity, EventParty, Mention, Quote } from "../record/schema.js";
import { within } from "../pipeline/spans.js";
import type { Token } from "../pipeline/tokens.js";

export interface PartyMention {
  start: number;
  end: number;
  entity: Entity;
  kind: NonNullable<Mention["kind"]>;
}

const PARTY_TYPES = new Set(["PERSON", "ORG", "GPE", "NORP"]);
/**
 * A MISC name is a party when it belongs to a country: the tagger reads nationality groups as MISC (CoNLL's
 * practice: "Iraqi Kurds", "Bosnian Serbs"), and the entities layer gives them the country their words name.
 * Other MISC names (events, laws, wars) are not actors.
 */
const isParty = (e: Entity) => PARTY_TYPES.has(e.type) || (e.type === "MISC" && !!e.country);
const GOV_NOUNS = /^\s*(?:government|governments|leaders|leader|authorities|officials|side|ministry|cabinet|administration|president|prime|parliament|parliaments|diplomats|delegation)\b/i;
const MIL_NOUNS = /^\s*(?:forces|troops|military|army|navy|soldiers|warships|jets|air force)\b/i;
/** True when `noun` names a part of a state the coder codes by its sector (government, forces, troops …). */
export function isPartyNoun(noun: string): boolean {
  return GOV_NOUNS.test(noun) || MIL_NOUNS.test(noun);
}
// The two parties of the pair as one phrase: states, sides, or the people who act for them ("the two foreign
// ministers", "both chief negotiators": a role word with one modifier).
const PAIR_NOUNS = "countries|sides|nations|leaders|states|governments|delegations|negotiating teams|(?:[a-z]+ )?(?:ministers|presidents|envoys|negotiators|diplomats|counterparts)";
export const RECIPROCAL = new RegExp(`\\b(?:the two (?:${PAIR_NOUNS})|both (?:${PAIR_NOUNS})|the (?:sides|parties)|each other|both)\\b`, "i");

export function partyMentions(entities: readonly Entity[]): PartyMention[] {
  const out: PartyMention[] = [];
  for (const e of entities) if (isParty(e)) for (const m of e.mentions) out.push({ start: m.start, end: m.end, entity: e, kind: m.kind ?? "name" });
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A party's code: the entity's code, as a government when a capital, a seat or a demonym before "government" stands for it. */
export function partyCode(m: PartyMention, text: string, groupEnd = m.end): string {
  // A name with no known code keeps an empty code (GDELT fills Actor1Name and leaves Actor1Code empty alike).
  const code = m.entity.code ?? m.entity.country ?? "";
  if (code.length !== 3) return code;
  // The noun after the mention (or after the whole "Russian and Japanese" group) says which part of the state acts.
  const after = text.slice(groupEnd, groupEnd + 30).replace(/^['’]s/, "");
  const country = m.kind === "demonym" || m.entity.type === "GPE";
  if (country && MIL_NOUNS.test(after)) return `${code}MIL`;
  if (m.kind === "metonym" || (country && GOV_NOUNS.test(after))) return `${code}GOV`;
  // Other groups by the Phoenix agents dictionary's sector of the noun ("Palestinian police" → PSECOP, "Sudanese
  // rebels" → SDNREB, "French paper workers" → FRALAB).
  const sector = country ? agentAfter(after) : undefined;
  if (sector) return `${code}${sector}`;
  // A name that belongs to a country only by its own words: the noun after its first word says which part of the
  // state it is ("Lithuanian Parliament"), as after a demonym. The noun after the name does so only for a group
  // (MISC, read like a demonym: "Bosnian Serb forces"); after an organisation it is the organisation's
  // ("Communist Party leaders" are not the government).
  if (!m.entity.code && m.entity.country) {
    const own = text.slice(m.start, m.end).replace(/^\S+/u, "");
    const next = m.entity.type === "MISC" ? after : "";
    if (MIL_NOUNS.test(own) || MIL_NOUNS.test(next)) return `${code}MIL`;
    if (GOV_NOUNS.test(own) || GOV_NOUNS.test(next)) return `${code}GOV`;
  }
  return code;
}

let agents: Map<string, string> | null = null;
function agentsMap(): Map<string, string> {
  return (agents ??= new Map(Object.entries(JSON.parse(readFileSync(join(REPO_ROOT, "data", "actors", "phoenix", "agents.json"), "utf8")) as Record<string, string>)));
}
/** The Phoenix agents dictionary's sector of a noun naming a group or role ("rebels" → REB, "minister" → GOV), if any. */
export function agentSector(noun: string): string | undefined {
  return agentsMap().get(noun.toLowerCase());
}
/** The sector of the agent noun phrase opening `after` (up to four words, the longest found), from the Phoenix agents. */
function agentAfter(after: string): string | undefined {
  const map = agentsMap();
  const words = after.toLowerCase().match(/^(?:\s*[\p{L}-]+){1,4}/u)?.[0].trim().split(/\s+/) ?? [];
  for (let n = words.length; n >= 1; n--) {
    const hit = map.get(words.slice(0, n).join(" "));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The mention that names a quote's speaker. The quotes layer gives the source as written ("The fundamentalist Umma
 * party", "King Hassan of Morocco") and the entity of a mention inside it; the speaker is that entity's mention in
 * the span (the latest, the widest of those ending there, as the quotes layer chose it).
 */
export function speakerMention(mentions: readonly PartyMention[], quote: Pick<Quote, "speaker" | "speakerSpan"> | null | undefined): PartyMention | undefined {
  const span = quote?.speakerSpan;
  if (!quote?.speaker || !span) return undefined;
  const own = within(mentions, span.start, span.end).filter((m) => m.entity.id === quote.speaker);
  return own.sort((a, b) => b.end - a.end || b.end - b.start - (a.end - a.start))[0];
}

export function toParty(m: PartyMention, text: string, groupEnd?: number): EventParty {
  return { entity: m.entity.id, code: partyCode(m, text, groupEnd), text: text.slice(m.start, m.end), start: m.start, end: m.end };
}

/** Parties of a group, the noun after its last member applying to all ("the Russian and Japanese leaders"). */
export function toParties(group: readonly PartyMention[], text: string): EventParty[] {
  const end = group[group.length - 1]?.end;
  return group.map((m) => toParty(m, text, m.kind === "demonym" ? end : m.end));
}

/**
 * The first group of party mentions in [from, to): one mention and those joined to it by "and" or commas
 * ("Putin and Abe", "the Russian and Japanese leaders"). A demonym right before a person ("Russian President
 * Vladimir Putin") is the person's qualifier, not a party of its own.
 */
export function firstGroup(mentions: readonly PartyMention[], text: string, from: number, to: number): PartyMention[] {
  const inside = within(mentions, from, to);
  // A demonym qualifies a person right after it when only title words stand between ("Russian President Vladimir Putin").
  const qualifies = (d: PartyMention, p: PartyMention) =>
    p.entity.type === "PERSON" && p.start > d.end && /^(?:\s+[\p{L}.-]+){0,3}\s+$/u.test(text.slice(d.end, p.start)) && !/\b(?:in|at|of|and|to|with|on|for)\b/.test(text.slice(d.end, p.start));
  // So does a country's name before a title ("US President Donald Trump", "Japan Prime Minister Shinzo Abe").
  const qualifier = (m: PartyMention) => m.kind === "demonym" || (m.entity.type === "GPE" && /^\s+\p{Lu}/u.test(text.slice(m.end, m.end + 2)));
  const parties = inside.filter((m, i) => !(qualifier(m) && inside.slice(i + 1).some((p) => qualifies(m, p))));
  // Mentions nested in a wider one (a demonym inside "the Russian presidential spokesman") are not separate parties.
  const top = parties.filter((m) => !parties.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
  const group: PartyMention[] = [];
  for (const m of top) {
    if (group.length === 0) {
      group.push(m);
      continue;
    }
    const gap = text.slice(group[group.length - 1]!.end, m.start);
    // "Putin and Japanese Prime Minister Shinzo Abe": the demonym and title before the second person qualify it.
    const qualified = m.entity.type === "PERSON" && inside.some((d) => qualifier(d) && d.start >= group[group.length - 1]!.end && qualifies(d, m));
    if (/^(?:['’]s)?\s*,?\s*and\s+(?:the\s+)?$/i.test(gap) || (qualified && /^\s*,?\s*and\s+(?:the\s+)?(?:[\p{L}.-]+\s+){1,5}$/u.test(gap))) {
      if (!group.some((g) => g.entity === m.entity)) group.push(m);
    } else break;
  }
  return group;
}

export function tokenText(tokens: readonly Token[], i: number): string {
  return tokens[i]?.text.toLowerCase() ?? "";
}
