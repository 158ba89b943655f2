/**
 * From tags to attributions: every cue span the tagger found opens an attribution; each source and content span
 * joins the nearest cue of its sentence; a content span in a sentence without a cue continues the content next to it
 * (a quotation running over several sentences). Spans are token ranges [from, to).
 */
import type { Token } from "../../pipeline/tokens.js";
import { TAGS } from "./model.js";

export interface TokenSpan {
  from: number;
  to: number;
}

export interface TaggedAttribution {
  cue: TokenSpan;
  source: TokenSpan | null;
  /**
   * From the first content span's start to the last one's end (PolNeAR's discontinuous contents, as one range);
   * null when the document tagger gave the cue none (the content tagger may still find one).
   */
  content: TokenSpan | null;
}

type Role = "SRC" | "CUE" | "CNT";

/** Runs of B-X I-X… as spans per role. */
export function tagSpans(tags: readonly number[]): { role: Role; from: number; to: number }[] {
  const out: { role: Role; from: number; to: number }[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = TAGS[tags[i]!]!;
    if (t === "O") continue;
    const role = t.slice(2) as Role;
    const last = out[out.length - 1];
    if (t.startsWith("I-") && last && last.role === role && last.to === i) last.to = i + 1;
    else out.push({ role, from: i, to: i + 1 });
  }
  return out;
}

const gap = (a: TokenSpan, b: TokenSpan) => (a.to <= b.from ? b.from - a.to : a.from >= b.to ? a.from - b.to : 0);

export function assemble(tags: readonly number[], tokens: readonly Token[], sentStart: Int32Array): TaggedAttribution[] {
  const spans = tagSpans(tags);
  const cues = spans.filter((s) => s.role === "CUE");
  if (!cues.length) return [];
  const sources: (TokenSpan | null)[] = cues.map(() => null);
  const contents: TokenSpan[][] = cues.map(() => []);
  // The nearest cue is the last one starting before the span ends or the first after it (cues are in order).
  const nearestCue = (s: TokenSpan, preferBefore: boolean): number => {
    let lo = 0;
    let hi = cues.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cues[mid]!.from < s.to) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestGap = Infinity;
    for (const k of [lo - 1, lo]) {
      const c = cues[k];
      if (!c || (sentStart[c.from] !== sentStart[s.from] && sentStart[c.from] !== sentStart[s.to - 1])) continue;
      // A content after its cue wins a tie ("A said X, B said Y": X is A's).
      const g = gap(c, s) * 2 + (preferBefore === c.to <= s.from ? 0 : 1);
      if (g < bestGap) {
        bestGap = g;
        best = k;
      }
    }
    return best;
  };
  const owner = new Map<TokenSpan, number>();
  for (const s of spans) {
    if (s.role === "CUE") continue;
    const k = nearestCue(s, s.role === "CNT");
    if (s.role === "SRC") {
      if (k >= 0 && (!sources[k] || gap(cues[k]!, s) < gap(cues[k]!, sources[k]!))) sources[k] = s;
    } else if (k >= 0) {
      contents[k]!.push(s);
      owner.set(s, k);
    }
  }
  // Content spans of sentences with no cue join a content span beside them with nothing but punctuation between:
  // a pass forward, then one backward, so a quotation runs on over any number of sentences either way.
  const contentSpans = spans.filter((s) => s.role === "CNT");
  const wordBetween = (a: number, b: number) => {
    for (let k = a; k < b; k++) if (/[\p{L}\p{N}]/u.test(tokens[k]!.text)) return true;
    return false;
  };
  const join = (s: TokenSpan, nb: TokenSpan | undefined) => {
    const k = nb ? owner.get(nb) : undefined;
    if (owner.has(s) || k === undefined || !nb || wordBetween(Math.min(nb.to, s.to), Math.max(nb.from, s.from))) return;
    contents[k]!.push(s);
    owner.set(s, k);
  };
  for (let i = 1; i < contentSpans.length; i++) join(contentSpans[i]!, contentSpans[i - 1]);
  for (let i = contentSpans.length - 2; i >= 0; i--) join(contentSpans[i]!, contentSpans[i + 1]);
  const out: TaggedAttribution[] = [];
  cues.forEach((c, k) => {
    const cs = contents[k]!;
    out.push({
      cue: { from: c.from, to: c.to },
      source: sources[k] ? { from: sources[k].from, to: sources[k].to } : null,
      content: cs.length ? { from: Math.min(...cs.map((s) => s.from)), to: Math.max(...cs.map((s) => s.to)) } : null,
    });
  });
  return out;
}
