/**
 * The quotes stage: direct quotes (straight or curly marks, several sentences, "he said" inside or around) and
 * indirect speech ("X said that …", "…, X told reporters", "according to X", "media reports claiming that …"), each
 * with its speaker (an entity where one is named), cue, chain of sources (nearest first: Kyodo ← diplomatic sources;
 * the publisher itself is implicit and not listed) and hedge words.
 */
import type { Quote, Span, TextSpan } from "../record/schema.js";
import { lastBefore, lowerBound, spanIndexAt } from "../pipeline/spans.js";
import { tokenIndexAt, type Token } from "../pipeline/tokens.js";
import type { Doc, StageFactory } from "../pipeline/types.js";
import { CHAIN_MARKERS, CUE_VERBS, HEDGES, PARTICIPLES } from "./quotes/cues.js";
import { findSpeaker, mentionIndex, type Speaker } from "./quotes/speaker.js";

const INTENT = new Set(["wants", "want", "wanted", "hopes", "hope", "hoped", "plans", "plan", "planned", "intends", "intend", "intended", "expects", "expect", "vowed", "pledged", "promised", "promises", "threatened", "threatens"]);
const MIN_DIRECT_WORDS = 4; // shorter quoted strings are names or scare quotes, not speech
// Straight, curly, and two apostrophes as some papers write them (''…'').
const QUOTE_PAIR = /"([^"\n]+)"|“([^”\n]+)”|''((?:(?!'')[^\n])+)''/g;
// A short capitalised label and a colon at the start of a sentence: a transcript speaker or a headline source.
const COLON_LABEL = /^\s*["“]?\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}):\s+\S/u;
const WINDOW = 12; // tokens searched for a cue beside a direct quote

interface Cue {
  /** Token indexes [i, j) of the cue phrase. */
  i: number;
  j: number;
}

function span(tokens: readonly Token[], i: number, j: number): TextSpan & { start: number; end: number } {
  return { start: tokens[i]!.start, end: tokens[j - 1]!.end, text: "" };
}

/** Direct quotes: pairs of quote marks inside one paragraph (each paragraph searched on its own). */
function quotePairs(text: string, paragraphs: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const p of paragraphs) {
    const para = text.slice(p.start, p.end);
    QUOTE_PAIR.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = QUOTE_PAIR.exec(para)) !== null) {
      const inner = m[1] ?? m[2] ?? m[3]!;
      const mark = m[3] === undefined ? 1 : 2;
      const at = p.start + m.index;
      if (inner.split(/\s+/).filter(Boolean).length >= MIN_DIRECT_WORDS) out.push({ start: at + mark, end: at + m[0].length - mark });
    }
  }
  return out;
}

export const quotesStage: StageFactory = () => ({
  name: "quotes",
  run(doc: Doc) {
    const { record, tokens } = doc;
    const text = record.text;
    const mentions = mentionIndex(record);
    const sentences = record.sentences.length ? record.sentences : [{ start: 0, end: text.length }];
    const paragraphs = record.structure.paragraphs.length ? [record.structure.standfirst, ...record.structure.paragraphs].filter((x): x is Span => !!x) : sentences;
    const quotes: Quote[] = [];
    const hedgesIn = (from: number, to: number): TextSpan[] => {
      const out: TextSpan[] = [];
      for (let i = tokenIndexAt(tokens, from); i < tokens.length && tokens[i]!.end <= to; i++) {
        const n = HEDGES.at(tokens, i);
        if (n) {
          out.push({ start: tokens[i]!.start, end: tokens[i + n - 1]!.end, text: text.slice(tokens[i]!.start, tokens[i + n - 1]!.end) });
          i += n - 1;
        }
      }
      return out;
    };
    const sentenceOf = (pos: number) => sentences[spanIndexAt(sentences, pos)] ?? { start: 0, end: text.length };
    // A cue is a verb: written in lower case ("the United States" is not "states"), "According" excepted.
    const cueAt = (i: number, end: number): number =>
      i < end && (/^\p{Ll}/u.test(tokens[i]!.text) || tokens[i]!.text === "According") ? CUE_VERBS.at(tokens, i, end) : 0;
    const emit = (content: Span, kind: Quote["kind"], speaker: Speaker | null, cue: Cue, chain: string[]) => {
      let { start, end } = content;
      while (start < end && /[\s,:"“”]/.test(text[start]!)) start++;
      while (end > start && /[\s,.;:"“”]/.test(text[end - 1]!)) end--;
      if (end - start < 3) return;
      const c = span(tokens, cue.i, cue.j);
      c.text = text.slice(c.start, c.end);
      quotes.push({
        start,
        end,
        text: text.slice(start, end),
        kind,
        speaker: speaker?.entity ?? null,
        speakerText: speaker?.text ?? null,
        speakerSpan: speaker ? speaker.span : null,
        cue: c,
        chain: speaker ? [speaker.name, ...chain] : chain,
        hedges: hedgesIn(Math.min(start, c.start), Math.max(end, c.end)),
      });
    };
    /** Sources named after a cue: "with reference to diplomatic sources", "citing officials". */
    const chainAfter = (j: number, end: number): string[] => {
      for (let k = j; k < end && k < j + 8; k++) {
        const n = CHAIN_MARKERS.at(tokens, k, end);
        if (!n) continue;
        let e = k + n;
        while (e < end && !/^[,.;:]$/.test(tokens[e]!.text)) e++;
        if (e === k + n) return [];
        const s = findSpeaker(text, tokens, mentions, tokens[k + n]!.start, tokens[e - 1]!.end, false);
        const raw = text.slice(tokens[k + n]!.start, tokens[e - 1]!.end).replace(/^the\s+/i, "");
        return [s?.entity ? s.name : raw];
      }
      return [];
    };

    // Direct quotes.
    const direct = quotePairs(text, paragraphs);
    let previous: Speaker | null = null;
    for (const q of direct) {
      const sent = sentenceOf(q.start);
      const open = tokenIndexAt(tokens, q.start - 1);
      const close = tokenIndexAt(tokens, q.end);
      const sEnd = tokenIndexAt(tokens, sent.end);
      const sStart = tokenIndexAt(tokens, sent.start);
      let speaker: Speaker | null = null;
      let cue: Cue | null = null;
      // After the quote: "…," the spokesman said. / "…," said Peskov.
      for (let k = close + 1; k < Math.min(sEnd, close + 1 + WINDOW) && !cue; k++) {
        const n = cueAt(k, sEnd);
        if (!n) continue;
        cue = { i: k, j: k + n };
        speaker =
          findSpeaker(text, tokens, mentions, tokens[close]!.end, tokens[k]!.start, true) ??
          findSpeaker(text, tokens, mentions, tokens[k + n - 1]!.end, tokens[Math.min(sEnd, k + n + 6) - 1]!.end, false);
      }
      // Before it: Peskov stressed that "…" / Peskov said: "…"
      for (let k = open - 1; k >= Math.max(sStart, open - WINDOW) && !cue; k--) {
        const n = cueAt(k, open);
        if (!n) continue;
        cue = { i: k, j: k + n };
        speaker = findSpeaker(text, tokens, mentions, sent.start, tokens[k]!.start, true);
      }
      if (!cue) {
        // A quote standing alone continues the previous speaker's.
        cue = { i: open, j: open + 1 };
        speaker = previous;
      }
      previous = speaker;
      emit(q, "direct", speaker, cue, []);
    }
    // Quote marks included: a position inside a direct quote or on its marks (binary search: articles can be long).
    const marked = direct.map((d) => ({ start: d.start - 2, end: d.end + 2 }));
    const inDirect = (pos: number) => spanIndexAt(marked, pos) >= 0;

    // "WALLACE: Let's start …", "Pat Caddell: Democrat voters …": a name and a colon open what they said.
    for (const sent of sentences) {
      const s = text.slice(sent.start, sent.end);
      const m = COLON_LABEL.exec(s);
      if (!m || (record.dateline && sent.start < record.dateline.end)) continue;
      const labelStart = sent.start + m.index + m[0].indexOf(m[1]!);
      const colon = sent.start + m.index + m[0].lastIndexOf(":");
      const speaker = findSpeaker(text, tokens, mentions, labelStart, labelStart + m[1]!.length, true) ?? {
        entity: null,
        name: m[1]!,
        text: m[1]!,
        span: { start: labelStart, end: labelStart + m[1]!.length },
      };
      const ci = tokenIndexAt(tokens, colon);
      emit({ start: colon + 1, end: sent.end }, "direct", speaker, { i: ci, j: ci + 1 }, []);
    }

    // Indirect speech, sentence by sentence.
    for (const sent of sentences) {
      const a = tokenIndexAt(tokens, sent.start);
      let b = a;
      while (b < tokens.length && tokens[b]!.start < sent.end) b++;
      const dl = record.dateline;
      const first = dl && dl.end > sent.start && dl.end < sent.end ? tokenIndexAt(tokens, dl.end) : a;
      for (let k = first; k < b; k++) {
        if (inDirect(tokens[k]!.start)) continue;
        const w = tokens[k]!.text.toLowerCase();
        // "according to X, …" / "…, according to X."
        if (w === "according" && tokens[k + 1]?.text.toLowerCase() === "to") {
          let e = k + 2;
          while (e < b && !/^[,.;:]$/.test(tokens[e]!.text)) e++;
          const speaker = findSpeaker(text, tokens, mentions, tokens[k + 2]!.start, tokens[e - 1]!.end, false);
          const content = k === first ? { start: tokens[e]?.end ?? sent.end, end: sent.end } : { start: tokens[first]!.start, end: tokens[k]!.start };
          emit(content, "indirect", speaker, { i: k, j: k + 2 }, []);
          k = e;
          continue;
        }
        // "media reports claiming that …"
        if (PARTICIPLES.has(w) && tokens[k + 1]?.text.toLowerCase() === "that") {
          const speaker = findSpeaker(text, tokens, mentions, tokens[Math.max(first, k - 4)]!.start, tokens[k]!.start, true);
          if (speaker && !speaker.entity) {
            const end = clauseEnd(k + 2, b);
            emit({ start: tokens[k + 2]!.start, end }, "indirect", speaker, { i: k, j: k + 1 }, []);
          }
          continue;
        }
        const n = cueAt(k, b);
        if (!n || w === "according") continue;
        // "agreed to hand over": a cue before an infinitive is an act, not a report — except verbs of intention,
        // whose "to …" is what the speaker wants or plans ("Trump wants to build a wall").
        if (tokens[k + n]?.text.toLowerCase() === "to" && !INTENT.has(w)) continue;
        // "media reports claiming …": a noun such as "reports" before a participle is the source, not the cue.
        if (PARTICIPLES.has(tokens[k + n]?.text.toLowerCase() ?? "") || /^(media|news|press|the|these|such|a)$/i.test(tokens[k - 1]?.text ?? "")) continue;
        const cue = { i: k, j: k + n };
        const next = tokens[k + n];
        const afterCue = next && next.start < sent.end ? next.text.toLowerCase() : ".";
        const chain = chainAfter(k + n, b);
        // "…, Kyodo said on Tuesday with reference to diplomatic sources." — the content is the clause before.
        const trailing = afterCue === "." || afterCue === "," || /^(on|in|at|with|citing|quoting|during|after|yesterday|today|earlier|late|last|this|reporters|journalists)$/.test(afterCue);
        const comma = lastComma(first, k);
        if (trailing && comma > first && k - comma <= 8) {
          const speaker = findSpeaker(text, tokens, mentions, tokens[comma]!.end, tokens[k]!.start, true);
          if (speaker) emit({ start: tokens[first]!.start, end: tokens[comma]!.start }, "indirect", speaker, cue, chain);
          continue;
        }
        // "X said (that) …" — the subject right before the cue, the clause after it; "it was reported that …" has none.
        let subjectFrom = Math.max(first, lastBreak(first, k));
        // "Richard Revesz, director of the institute, said …": past the appositive to the name before it.
        if (subjectFrom === k && tokens[k - 1]?.text === ",") {
          let open = k - 2;
          while (open > first && tokens[open]!.text !== ",") open--;
          if (open > first) {
            subjectFrom = Math.max(first, lastBreak(first, open));
            const appositive = findSpeaker(text, tokens, mentions, tokens[subjectFrom]!.start, tokens[open]!.start, true);
            if (appositive && !(afterCue === "." || afterCue === ",")) {
              reportAfter(k + n, appositive, cue, chain);
              continue;
            }
          }
        }
        const passive = /^(?:was|is|were|are|been|be)$/i.test(tokens[k - 1]?.text ?? "");
        // "… an architect who said he was stiffed": the relative pronoun is the source, standing for the name before it.
        const relative = /^(?:who|which)$/i.test(tokens[k - 1]?.text ?? "") ? tokens[k - 1]! : null;
        const antecedent = relative ? lastBefore(mentions, relative.start, () => true, 3) : undefined;
        const speaker: Speaker | null = relative
          ? { entity: antecedent?.entity ?? null, name: antecedent?.name ?? relative.text, text: relative.text, span: { start: relative.start, end: relative.end } }
          : passive
            ? null
            : findSpeaker(text, tokens, mentions, tokens[subjectFrom]!.start, tokens[k]!.start, true);
        if ((!speaker && !passive) || afterCue === "." || afterCue === ",") continue;
        reportAfter(k + n, speaker, cue, chain);
      }

      /** The reported clause after a cue ("said (that) …", "told reporters …"), unless a direct quote holds it. */
      function reportAfter(from: number, speaker: Speaker | null, cue: Cue, chain: string[]): void {
        let c = from;
        while (c < b && /^(reporters|journalists|that|:)$/i.test(tokens[c]!.text)) c++;
        if (c < b && !inDirect(tokens[c]!.start)) emit({ start: tokens[c]!.start, end: clauseEnd(c, b) }, "indirect", speaker, cue, chain);
      }

      /** End of a reported clause: the comma before a following "X stressed" attribution or a new named subject. */
      function clauseEnd(from: number, to: number): number {
        for (let k = from; k < to; k++) {
          if (tokens[k]!.text !== ",") continue;
          const next = tokens[k + 1];
          const m0 = next ? mentions[lowerBound(mentions, next.start)] : undefined;
          if (next && m0 && m0.start === next.start && (m0.type === "PERSON" || m0.type === "ORG")) return tokens[k]!.start;
          for (let m = k + 1; m < Math.min(to, k + 7); m++) if (cueAt(m, to)) return tokens[k]!.start;
        }
        return sent.end;
      }
      /** The last comma in [from, to). */
      function lastComma(from: number, to: number): number {
        for (let k = to - 1; k >= from; k--) if (tokens[k]!.text === ",") return k;
        return -1;
      }
      /** Where the subject before a cue can start: after the last comma, colon or conjunction. */
      function lastBreak(from: number, to: number): number {
        for (let k = to - 1; k >= from && to - k <= 10; k--) if (/^[,;:]$|^(that|and|but|which|who)$/i.test(tokens[k]!.text)) return k + 1;
        return Math.max(from, to - 10);
      }
    }
    quotes.sort((x, y) => x.start - y.start || x.end - y.end);
    record.quotes = quotes.filter((q, i) => i === 0 || q.start !== quotes[i - 1]!.start || q.end !== quotes[i - 1]!.end);
  },
});
