/**
 * TimeML extents take in the modifiers of a time expression (TimeML 1.2.1 guidelines, TIMEX3): "early", "late",
 * "mid-", "the end of" (mod START/END/MID), "nearly", "almost", "more than", "about" (LESS_THAN, MORE_THAN, APPROX…),
 * words that shift the point without a mod ("earlier this month", "later today"), and the determiner of a time noun
 * phrase ("the weekend", "the nine months"; not "the Oct. 23 attack", where the time only modifies the noun).
 */
import { alternation, MODIFIERS, SHIFTERS } from "./words.js";
import type { Found } from "./patterns.js";

// Looked for in the 40 characters before a find only, so each test costs the same whatever the sentence's length.
const BEFORE = 40;
const MODIFIER = new RegExp(String.raw`(?:^|[^\p{L}-])(${alternation([...MODIFIERS.keys(), ...SHIFTERS])})(?:\s+|-|(?<=-))$`, "iu");
// Modifiers that are also prepositions or quantifiers ("over the weekend", "some time") count only before a number.
const BEFORE_NUMBER = new Set(["over", "under", "some", "up to", "just over", "just under", "well over"]);
const STARTS_WITH_NUMBER = /^(?:\d+(?:[:.]\d+)?\s*(?:[ap]\.?m|o'clock|hours?|minutes?|days?|weeks?|months?|years?|decades?)|(?:\d+|an?)\s|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|few|a\s+few|a\s+couple)/i;
// A time noun phrase's head: "the" before it belongs to the expression.
const TIME_HEAD = /\b(?:weekend|future|past|quarters?|period|years?|months?|weeks?|days?|mornings?|afternoon|evening|night|century|decades?|hours?|minutes?|spring|summer|autumn|fall|winter)$/i;
const THE = /(?:^|[^\p{L}])the\s+$/iu;
const SHIFTER_TARGET = /^(?:this|today|tonight|yesterday|tomorrow|in\s+the|recently|now|that)\b/i;

/** Widens `f` (record offsets; the sentence `s` starts at `offset`) over a modifier or determiner before it. */
export function widen(f: Found, s: string, offset: number): void {
  for (let step = 0; step < 3; step++) {
    const local = f.start - offset;
    const from = Math.max(0, local - BEFORE);
    const before = s.slice(from, local);
    const body = s.slice(local, f.end - offset);
    const m = MODIFIER.exec(before);
    if (m) {
      const key = m[1]!.toLowerCase().replace(/\s+/g, " ");
      const mod = MODIFIERS.get(key) ?? MODIFIERS.get(`${key}-`);
      const isShifter = SHIFTERS.includes(key);
      const ok = isShifter ? SHIFTER_TARGET.test(body) : !BEFORE_NUMBER.has(key) || STARTS_WITH_NUMBER.test(body);
      // A SET or a reference word takes no modifier; a duration takes none of the point modifiers (early, late, mid).
      const pointMod = mod === "START" || mod === "END" || mod === "MID";
      // A reference word takes only "right" ("right now").
      const refOk = !/_REF$/.test(f.value) || key === "right";
      if (ok && f.type !== "SET" && refOk && !(pointMod && f.type === "DURATION") && !(isShifter && f.type === "DURATION")) {
        f.start = offset + from + m.index + m[0].indexOf(m[1]!);
        if (mod && !f.mod) f.mod = mod;
        continue;
      }
    }
    // A hyphenated form ("the two-week strike", "the third-quarter results") is an adjective: "the" is its noun's.
    if (THE.test(before) && !/^the\s/i.test(body) && !/-\p{L}+$/u.test(body) && TIME_HEAD.test(body) && !/^[-\p{L}]/u.test(s.slice(f.end - offset, f.end - offset + 1))) {
      f.start = offset + local - 4;
      continue;
    }
    break;
  }
}
