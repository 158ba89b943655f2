import { describe, expect, it } from "vitest";
import { withoutDatasets } from "./datasets.js";
import { goldSpans, halfOf, scorePlover } from "./plover.js";

describe("PLOVER gold-record scorer", () => {
  it("splits the records by the parity of their id number", () => {
    expect(halfOf("PLOVER-GSR01-AGREE-0017")).toBe("A");
    expect(halfOf("PLOVER-GSR01-AGREE-0002")).toBe("B");
  });

  it("maps marked spans onto the text by alignment, not by searching for the string", () => {
    // The markup differs from the text (a space inside a marker, a typo fixed), and "he" occurs before the marked "he".
    const text = "When he left, the minister said he would return to Geneva.";
    const markup = "When he left, the (SRC: minister) said (SRC: he) would (EVT: return ) to Geneva.";
    const spans = goldSpans(markup, text);
    expect(spans.map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ["SRC", "minister"],
      ["SRC", "he"],
      ["EVT", "return"],
    ]);
    expect(spans[1]!.start).toBe(text.lastIndexOf("he would"));
    const nested = goldSpans("helicopters evacuated the wounded from (LOC:(TAR: Gorazde)) on Friday.", "helicopters evacuated the wounded from Gorazde on Friday.");
    expect(nested.map((s) => s.kind).sort()).toEqual(["LOC", "TAR"]);
  });

  it.skipIf(withoutDatasets())("holds its floors on both halves of the dev records (skipped when ../shared/datasets is absent)", async () => {
    const rows = (await scorePlover()) ?? [];
    const half = (h: string) => Object.fromEntries(rows.filter((x) => x.split.startsWith(`dev half ${h}`)).map((x) => [x.metric, x.value]));
    const a = half("A");
    const b = half("B");
    // Floors a little under the figures measured (docs/events.md); half A is the half the rules were developed on.
    // Half A's actor and recipient floors were lowered (0.754 → 0.719, 0.673 → 0.643) when the over-coding CAMEO
    // synonym patterns and the dev-added broad verbs went: the wrong-type events they coded ("ruled … to", "continued
    // … into") had carried the right parties, which the scorer reads off the first event when no type matches.
    expect(b["event-type accuracy"]).toBeGreaterThanOrEqual(0.655);
    expect(b["actor country accuracy"]).toBeGreaterThanOrEqual(0.66);
    expect(b["recipient country accuracy"]).toBeGreaterThanOrEqual(0.6);
    expect(a["event-type accuracy"]).toBeGreaterThanOrEqual(0.71);
    expect(a["actor country accuracy"]).toBeGreaterThanOrEqual(0.71);
    expect(a["recipient country accuracy"]).toBeGreaterThanOrEqual(0.645);
    // Over-coding is capped: a ceiling, not a floor. Half B measures 0.245 (0.274 before a pattern of prepositions
    // alone kept to its CAMEO verb; was 0.311) since the manual's "not a separate event" rules (a protest's demand, a
    // move told with its blow, what a demand or accusation is of, a condition) and one act per coded phrase; the
    // ceiling holds it under the target (0.3).
    expect(b["extra events per sentence"]).toBeLessThanOrEqual(0.25);
    expect(a["extra events per sentence"]).toBeLessThanOrEqual(0.145);
    expect(rows.some((x) => x.metric === "recall ASSAULT")).toBe(true);
    expect(rows.some((x) => x.metric.startsWith("opt-in: "))).toBe(true);
  });
});
