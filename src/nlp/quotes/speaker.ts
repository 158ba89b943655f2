/** Who a quote is attributed to: the entity mention nearest the cue, or an unnamed source ("media reports"). */
import type { ArticleRecord, Span } from "../../record/schema.js";
import { tokensIn, type Token } from "../../pipeline/tokens.js";
import { lastBefore, within } from "../../pipeline/spans.js";
import { CUE_VERBS, SOURCE_NOUNS } from "./cues.js";

export interface Speaker {
  entity: string | null;
  /** Entity name for chains, else the speaker text. */
  name: string;
  text: string;
  span: Span;
}

interface MentionRef {
  start: number;
  end: number;
  entity: string;
  name: string;
  type: string;
}

const IN_PP = /\b(?:with|of|in|to|for|from|by|on|at|about|against|between|among|like|than|over|under)\s+(?:the\s+|a\s+)?(?:[\p{Lu}][\p{L}.-]*\s+){0,3}$/u;
const PRONOUNS = new Set(["he", "she", "they", "it", "we", "i"]);
const TYPE_RANK: Record<string, number> = { PERSON: 0, ORG: 1, GPE: 2, NORP: 3, LOC: 4, MISC: 5, DOCUMENT: 9 };

/** All entity mentions, sorted by start, for lookups by position. */
export function mentionIndex(record: ArticleRecord): MentionRef[] {
  const out: MentionRef[] = [];
  for (const e of record.entities) for (const m of e.mentions) out.push({ start: m.start, end: m.end, entity: e.id, name: e.name, type: e.type });
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * The speaker in [from, to): the mention ending nearest `to` (people before organisations), else a pronoun (resolved
 * to the latest person before it), else an unnamed source noun phrase. `toward` says which end is nearest the cue.
 */
export function findSpeaker(text: string, tokens: readonly Token[], mentions: readonly MentionRef[], from: number, to: number, cueAtEnd: boolean): Speaker | null {
  // A mention inside a prepositional phrase ("in a conversation with Vladimir Putin") is not the speaker.
  const inside = within(mentions, from, to).filter((m) => !IN_PP.test(text.slice(Math.max(from, m.start - 40), m.start)));
  if (inside.length) {
    // Among mentions the one closest to the cue, preferring a person over an organisation within the same phrase.
    const sorted = inside.sort((a, b) => (cueAtEnd ? b.end - a.end : a.start - b.start));
    const nearest = sorted[0]!;
    const phrase = sorted.filter((m) => (cueAtEnd ? nearest.end - m.end <= 40 : m.start - nearest.start <= 40));
    const best = phrase.sort((a, b) => (TYPE_RANK[a.type] ?? 5) - (TYPE_RANK[b.type] ?? 5))[0]!;
    // Keep the widest mention of that entity here ("the Russian presidential spokesman" over a nested demonym).
    const widest = inside.filter((m) => m.entity === best.entity).sort((a, b) => b.end - b.start - (a.end - a.start))[0]!;
    return { entity: widest.entity, name: widest.name, text: text.slice(widest.start, widest.end), span: { start: widest.start, end: widest.end } };
  }
  // Clitics split off by the shared tokens ("it" "'s", "did" "n't") are not words of a speaker's name.
  const words = tokensIn(tokens, from, to).filter((t) => /\p{L}/u.test(t.text) && !CLITIC.test(t.text));
  const pronoun = cueAtEnd ? words[words.length - 1] : words[0];
  if (pronoun && PRONOUNS.has(pronoun.text.toLowerCase().replace(/['’]s$/, ""))) {
    const person = lastBefore(mentions, pronoun.start, (m) => m.type === "PERSON");
    return { entity: person?.entity ?? null, name: person?.name ?? pronoun.text, text: pronoun.text, span: { start: pronoun.start, end: pronoun.end } };
  }
  // An unnamed source: the noun phrase ending in a source noun ("media reports", "diplomatic sources").
  for (let k = words.length - 1; k >= 0; k--) {
    if (!SOURCE_NOUNS.has(words[k]!.text.toLowerCase())) continue;
    let s = k;
    while (s > 0 && k - s < 3 && /^\p{Ll}/u.test(words[s - 1]!.text) && !/^(that|which|who|on|to|of|and|with|in|about|over|regarding|from|by|for|at|when|asked|comment|than)$/.test(words[s - 1]!.text)) s--;
    if (words[s]!.text.toLowerCase() === "the") s++;
    const span = { start: words[s]!.start, end: words[k]!.end };
    const t = text.slice(span.start, span.end);
    return { entity: null, name: t, text: t, span };
  }
  return nounPhrase(text, words, cueAtEnd);
}

const CLITIC = /^(?:['’]\p{L}{1,2}|n['’]t)$/iu;

// Words that stand between a subject and its verb, or open a clause, and so are not part of the speaker's name.
const NOT_SUBJECT = new Set(
  "has have had is are was were will would also then now later reportedly further recently repeatedly previously once again still already but and or so yet in on at as if when while after before because though although since however meanwhile".split(" "),
);

/** The noun phrase nearest the cue when no entity or known source names the speaker ("A reporter for USA Today"). */
function nounPhrase(text: string, words: readonly Token[], cueAtEnd: boolean): Speaker | null {
  // Never reach back past another cue ("… said parents still want …" → "parents").
  let from = 0;
  words.forEach((w, i) => {
    if (CUE_VERBS.has(w.text) && /^\p{Ll}/u.test(w.text)) from = i + 1;
  });
  const list = words.slice(from);
  if (cueAtEnd) {
    while (list.length && NOT_SUBJECT.has(list[list.length - 1]!.text.toLowerCase())) list.pop();
    while (list.length && NOT_SUBJECT.has(list[0]!.text.toLowerCase())) list.shift();
  } else {
    const stop = list.findIndex((w, i) => i > 0 && NOT_SUBJECT.has(w.text.toLowerCase()));
    if (stop > 0) list.length = stop;
  }
  if (list.length === 0 || list.length > 8) return null;
  const span = { start: list[0]!.start, end: list[list.length - 1]!.end };
  const t = text.slice(span.start, span.end);
  return { entity: null, name: t, text: t, span };
}
