/**
 * The times stage: TimeML TIMEX3 expressions (DATE, TIME, DURATION, SET) with values normalised against the
 * publication date, or against the narrative's last date for anaphoric ones ("the next day"). chrono-node reads the
 * calendar expressions; times/patterns.ts adds what it lacks; times/extent.ts takes modifiers ("early", "nearly",
 * "the end of") into the extent with their TimeML mod. Without a full publication date, relative expressions keep X
 * placeholders ("XXXX-11-16", "XXXX-XX-XX") and the record says so in a warning: no value is resolved against a
 * default day, and none computed lands before 1800.
 */
import type { Time } from "../record/schema.js";
import type { Doc, StageFactory } from "../pipeline/types.js";
import { addDays, addMonths } from "./times/calendar.js";
import { findChrono, type VerbTense } from "./times/chrono.js";
import { widen } from "./times/extent.js";
import { findHolidays, HOLIDAY_CUE } from "./times/holidays.js";
import { governingTense } from "./times/tense.js";
import { anaphoricValue, findPatterns, type Found, type TimeContext } from "./times/patterns.js";

// Cheap test before the parsers run: digits, month or weekday names, or time words. One pass, no backtracking.
const PREFILTER =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday|tomorrow|tonight|now|current|recent|ago|last|next|this|previous|following|week|month|year|day|decade|centur|hour|minute|daily|annual|quarter|morning|evening|night|afternoon|noon|midnight|spring|summer|autumn|fall|winter|future|past|soon|formerly|every|each|present|early|late|half|someday|nineteen|eighteen|thousand|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|fiscal)/i;
// What chrono can read at all: digits, month and weekday names, relative day and unit words.
const CHRONO_FILTER =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday|tomorrow|tonight|noon|midnight|ago|last|next|this|week|month|year|day|hour|minute|morning|evening|night|afternoon|end|beginning|start|middle)/i;
// A document named by a date after it: "the Joint Declaration of October 19, 1956".
const NAMED_BY_DATE = /\b(?:Declaration|Treaty|Agreement|Accord|Accords|Convention|Charter|Act|Memorandum|Communique|Resolution|Protocol|Pact)\s+(?:of|dated)\s+$/;
const EARLIEST = 1800;
// What may stand between a clock time and the date that gives its day: a comma, "on", a bracketed other zone.
const OR_SO = /^\s+or\s+so\b/i;
const CLOCK_TO_DAY = /^[\s,]*(?:\([^()]{0,20}\)[\s,]*)?(?:on\s+)?$/i;

function resolveOverlaps(found: Found[]): Found[] {
  // Higher priority wins an overlap, then the longer span; equal spans keep the higher priority.
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || b.priority - a.priority);
  const out: Found[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) {
      const longer = f.end - f.start > last.end - last.start;
      if (f.priority > last.priority || (f.priority === last.priority && longer)) {
        // The winner may still overlap the find before the one it replaces.
        out.pop();
        const prev = out[out.length - 1];
        if (prev && f.start < prev.end && prev.priority >= f.priority) {
          out.push(last);
          continue;
        }
        out.push(f);
      }
      continue;
    }
    out.push(f);
  }
  return out;
}

/** A value computed from a reference date (not written in the text) that lands before 1800 is left open. */
function tooEarly(f: Found): boolean {
  if (f.anchor === "absolute" || f.type === "DURATION" || f.type === "SET") return false;
  const y = /^(\d{4})/.exec(f.value);
  return !!y && Number(y[1]) < EARLIEST;
}

/** Where a shifted duration ("two days later") lands from its reference date. */
function landing(ref: string, shift: NonNullable<Found["shift"]>): string {
  const n = shift.amount * shift.sign;
  if (shift.unit === "D") return addDays(ref, n);
  if (shift.unit === "W") return addDays(ref, 7 * n);
  return addMonths(ref, shift.unit === "Y" ? 12 * n : n).slice(0, 7) + ref.slice(7);
}

export const timesStage: StageFactory = () => ({
  name: "times",
  run(doc: Doc) {
    const { text, sentences } = doc.record;
    const ref = doc.anchorDate;
    const spans = sentences.length ? sentences : [{ start: 0, end: text.length }];
    const times: Time[] = [];
    const context: TimeContext = {};
    let unresolved = 0;
    // With a parse, the tense of the verb a date modifies says which way it lies; without one, the words beside it.
    const syntax = doc.syntax;
    const verbTense: VerbTense | undefined = syntax ? (a, b) => governingTense(doc.tokens, syntax, a, b) : undefined;
    for (const span of spans) {
      const s = text.slice(span.start, span.end);
      const holidays = HOLIDAY_CUE.test(s) ? findHolidays(s, span.start, ref) : [];
      if (!PREFILTER.test(s) && !holidays.length) continue;
      const chronoFound = CHRONO_FILTER.test(s) ? findChrono(s, span.start, ref, verbTense) : [];
      const found = resolveOverlaps([...chronoFound, ...findPatterns(s, span.start, ref, context), ...holidays]);
      found.forEach((f, i) => {
        // "10:35 a.m. (0735 GMT) Friday": the day of the clock time is the date that follows it.
        const next = found[i + 1];
        if (!f.dayless || !next || !/^\d{4}-\d{2}-\d{2}$/.test(next.value)) return;
        if (CLOCK_TO_DAY.test(text.slice(f.end, next.start))) f.value = next.value + f.value.slice(10);
      });
      for (const f of found) {
        // "On May 22, 1995, … and the following year": the date before it in the same sentence is its reference.
        if (f.anaphor) ({ value: f.value, anchor: f.anchor } = anaphoricValue(f.anaphor, context, ref));
        widen(f, s, span.start);
        // "the next two years or so": the hedge belongs to the extent.
        const orSo = OR_SO.exec(text.slice(f.end, f.end + 8));
        if (orSo && (f.type === "DURATION" || f.type === "DATE")) f.end += orSo[0].length;
        if (tooEarly(f)) f.value = f.value.replace(/\d/g, "X");
        if (/X/.test(f.value) && f.anchor !== "absolute") unresolved++;
        const t: Time = { start: f.start, end: f.end, text: text.slice(f.start, f.end), type: f.type, value: f.value, anchor: f.anchor };
        if (f.mod) t.mod = f.mod as NonNullable<Time["mod"]>;
        if (f.scope || NAMED_BY_DATE.test(text.slice(Math.max(span.start, f.start - 40), f.start))) t.scope = "document";
        if (f.shift) {
          // "two days later" is a DURATION in TimeML; the date it points to is told from the narrative's last day.
          const from = context.day ?? ref;
          if (from) {
            t.point = landing(from, f.shift);
            t.pointFrom = context.day ? "text" : "publication";
          }
        }
        times.push(t);
        // The narrative's reference follows the dates the text gives (not those of names: "the 1956 Declaration").
        if (t.scope !== "document" && (t.type === "DATE" || t.type === "TIME")) {
          const v = t.point ?? t.value;
          if (/^\d{4}-\d{2}-\d{2}/.test(v)) [context.day, context.month, context.year] = [v.slice(0, 10), v.slice(0, 7), v.slice(0, 4)];
          else if (/^\d{4}-\d{2}$/.test(v)) [context.day, context.month, context.year] = [undefined, v, v.slice(0, 4)];
          else if (/^\d{4}$/.test(v)) [context.day, context.month, context.year] = [undefined, undefined, v];
        } else if (t.point) [context.day, context.month, context.year] = [t.point.slice(0, 10), t.point.slice(0, 7), t.point.slice(0, 4)];
      }
    }
    doc.record.times = times;
    if (unresolved && !ref) {
      doc.record.warnings.push({
        code: "times-unresolved",
        message: `${unresolved} relative time expression${unresolved > 1 ? "s" : ""} left unresolved (X in the value): the publication date is unknown or partial`,
      });
    }
  },
});
