/**
 * The times stage: TimeML TIMEX3 expressions (DATE, TIME, DURATION, SET) with values normalised against the
 * publication date. chrono-node reads the calendar expressions; times/patterns.ts adds what it lacks; times/chrono.ts
 * applies tense and TimeML granularity. Without a full publication date, relative expressions keep X placeholders
 * ("XXXX-11-16", "XXXX-XX-XX") rather than a guess.
 */
import type { Time } from "../record/schema.js";
import type { Doc, StageFactory } from "../pipeline/types.js";
import { findChrono } from "./times/chrono.js";
import { findPatterns, type Found, type TimeContext } from "./times/patterns.js";

// Cheap test before the parsers run: digits, month or weekday names, or relative time words.
const PREFILTER =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday|tomorrow|tonight|now|current|recent|ago|last|next|this|previous|following|week|month|year|day|decade|centur|hour|minute|daily|annual|morning|evening|night|afternoon|spring|summer|autumn|fall|winter|quarter|future|past|soon|formerly|every|each|present|early|late)/i;
// A document named by a date after it: "the Joint Declaration of October 19, 1956".
const NAMED_BY_DATE = /\b(?:Declaration|Treaty|Agreement|Accord|Accords|Convention|Charter|Act|Memorandum|Communique|Resolution|Protocol|Pact)\s+(?:of|dated)\s+$/;

function resolveOverlaps(found: Found[]): Found[] {
  // Longer wins, then higher priority; equal spans keep the higher priority.
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || b.priority - a.priority);
  const out: Found[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) {
      if (f.priority > last.priority && f.end - f.start >= last.end - last.start) out[out.length - 1] = f;
      continue;
    }
    out.push(f);
  }
  return out;
}

export const timesStage: StageFactory = () => ({
  name: "times",
  run(doc: Doc) {
    const { text, sentences } = doc.record;
    const anchor = doc.anchorDate;
    // Without an anchor chrono still needs a reference; values that depend on it are written with X instead.
    const ref = new Date(`${anchor ?? "2000-07-01"}T12:00:00Z`);
    const spans = sentences.length ? sentences : [{ start: 0, end: text.length }];
    const times: Time[] = [];
    const context: TimeContext = {};
    for (const span of spans) {
      const s = text.slice(span.start, span.end);
      if (!PREFILTER.test(s)) continue;
      const found = resolveOverlaps([...findChrono(s, span.start, anchor, ref), ...findPatterns(s, span.start, anchor, context)]);
      for (const f of found) {
        const t: Time = { start: f.start, end: f.end, text: text.slice(f.start, f.end), type: f.type, value: f.value, anchor: f.anchor };
        if (f.scope || NAMED_BY_DATE.test(text.slice(Math.max(span.start, f.start - 40), f.start))) t.scope = "document";
        times.push(t);
      }
    }
    doc.record.times = times;
  },
});
