/**
 * The quotes stage: attributions (who said, wrote, thought or reported what) found by a tagger learned from
 * PolNeAR train (src/nlp/quotes/tagger.ts): its cue, source and content spans, extents as PolNeAR marks them
 * (a direct quote keeps its quote marks). Around the model, from the hand lists of data/quotes/cues.yaml: the
 * speaker resolved to an entity (a mention inside the source, a pronoun to the last person named), the chain of
 * sources (nearest first: Kyodo ← diplomatic sources; the publisher itself is implicit) and the hedge words.
 */
import type { Quote, Span, TextSpan } from "../record/schema.js";
import { spanIndexAt } from "../pipeline/spans.js";
import { tokenIndexAt, type Token } from "../pipeline/tokens.js";
import type { Doc, StageFactory } from "../pipeline/types.js";
import type { TaggedAttribution } from "./quotes/assemble.js";
import { CHAIN_MARKERS, HEDGES, PARTICIPLES, SOURCE_NOUNS } from "./quotes/cues.js";
import { quoteState } from "./quotes/features.js";
import { findSpeaker, mentionIndex, resolveSource } from "./quotes/speaker.js";
import { ATTRIBUTION_MODEL_PATH, loadAttributionModels, tagAttributions } from "./quotes/tagger.js";

const CHAIN_WINDOW = 8; // tokens after a cue searched for "citing …", "with reference to …"

export const quotesStage: StageFactory = () => {
  // Loaded when the stage is made; missing only while the trainer itself builds it (it stops before this stage).
  const loaded = loadAttributionModels();
  return {
    name: "quotes",
    run(doc: Doc) {
      if (!loaded) throw new Error(`attribution model missing: ${ATTRIBUTION_MODEL_PATH} (rebuild it with npx tsx scripts/train-attribution.ts)`);
      const { record, tokens } = doc;
      const text = record.text;
      const mentions = mentionIndex(record);
      const sentences = withoutDateline(record.sentences.length ? record.sentences : [{ start: 0, end: text.length }], record.dateline);
      const found = tagAttributions(loaded, { text, tokens, sentences, mentions, syntax: doc.syntax });
      const inQ = quoteState(text, tokens);
      const slice = (i: number, j: number): TextSpan => ({ start: tokens[i]!.start, end: tokens[j - 1]!.end, text: text.slice(tokens[i]!.start, tokens[j - 1]!.end) });
      const quotes: Quote[] = [];
      const cueStarts = new Set(found.map((a) => a.cue.from));
      for (const a of found) {
        splitSourceNoun(a, tokens);
        const content = slice(a.content.from, a.content.to);
        const cue = slice(a.cue.from, a.cue.to);
        const speaker = a.source ? resolveSource(text, tokens, mentions, a.source.from, a.source.to) : null;
        let words = 0;
        let quoted = 0;
        for (let k = a.content.from; k < a.content.to; k++) {
          if (!/[\p{L}\p{N}]/u.test(tokens[k]!.text)) continue;
          words++;
          if (inQ[k]) quoted++;
        }
        quotes.push({
          ...content,
          kind: quoted * 2 > words ? "direct" : "indirect",
          speaker: speaker?.entity ?? null,
          speakerText: speaker?.text ?? null,
          speakerSpan: speaker ? speaker.span : null,
          cue,
          chain: [...(speaker ? [speaker.name] : []), ...chainAfter(a.cue.from + 1)],
          hedges: hedgesIn(Math.min(content.start, cue.start), Math.max(content.end, cue.end)),
        });
      }
      quotes.sort((x, y) => x.start - y.start || x.end - y.end);
      record.quotes = quotes;

      /** Hedge words between two offsets. */
      function hedgesIn(from: number, to: number): TextSpan[] {
        const out: TextSpan[] = [];
        for (let i = tokenIndexAt(tokens, from); i < tokens.length && tokens[i]!.end <= to; i++) {
          const n = HEDGES.at(tokens, i);
          if (n) {
            out.push(slice(i, i + n));
            i += n - 1;
          }
        }
        return out;
      }

      /** A source the speaker cites after the cue word (or inside a long cue): "… said on Tuesday with reference to diplomatic sources". */
      function chainAfter(j: number): string[] {
        const end = sentenceEnd(tokens, sentences, j);
        for (let k = j; k < end && k < j + CHAIN_WINDOW; k++) {
          // The report itself begins, or another attribution: what follows is not this speaker's source.
          if (/^(?:that|["“”:])$/i.test(tokens[k]!.text) || cueStarts.has(k)) break;
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
      }
    },
  };
};

/** The dateline ("TOKYO, January 22. /TASS/.") ends a sentence of its own: nothing is attributed across it. */
function withoutDateline(sentences: readonly Span[], dateline: Span | null): Span[] {
  if (!dateline) return sentences.slice();
  return sentences.flatMap((s) => (s.start < dateline.end && dateline.end < s.end ? [{ start: s.start, end: dateline.end }, { start: dateline.end, end: s.end }] : [s]));
}

/**
 * "media reports claiming that …": a cue span that runs over a source noun and a participle of the hand lists
 * (data/quotes/cues.yaml) is cut there: the noun phrase is the source (when none was found) and the participle the cue.
 */
function splitSourceNoun(a: TaggedAttribution, tokens: readonly Token[]): void {
  for (let k = a.cue.from + 1; k < a.cue.to; k++) {
    if (!PARTICIPLES.has(tokens[k]!.text.toLowerCase()) || !SOURCE_NOUNS.has(tokens[k - 1]!.text.toLowerCase())) continue;
    let s = k - 1;
    while (s > a.cue.from && k - s < 3 && /^\p{Ll}+$/u.test(tokens[s - 1]!.text) && !CUE_OR_FUNCTION.test(tokens[s - 1]!.text)) s--;
    if (!a.source || a.source.to <= a.cue.to) a.source = { from: s, to: k };
    a.cue = { from: k, to: k + 1 };
    return;
  }
}
// Words that end a noun phrase going leftwards: prepositions, determiners' edges, clause openers.
const CUE_OR_FUNCTION = /^(?:on|of|to|in|about|with|by|for|from|at|that|which|who|the|a|an|and|or|comment|asked)$/i;

/** Index of the first token after the sentence holding token j. */
function sentenceEnd(tokens: readonly Token[], sentences: readonly { start: number; end: number }[], j: number): number {
  if (j >= tokens.length) return tokens.length;
  const s = sentences[spanIndexAt(sentences, tokens[j]!.start)];
  return s ? tokenIndexAt(tokens, s.end) : tokens.length;
}
