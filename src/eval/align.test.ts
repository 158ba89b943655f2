import { describe, expect, it } from "vitest";
import { mapSpan, offsetMap } from "./align.js";

describe("offsetMap", () => {
  it("is the identity on equal texts", () => {
    const m = offsetMap("He said so.", "He said so.");
    expect([0, 3, 11].map(m)).toEqual([0, 3, 11]);
  });

  it("follows insertions and deletions, so a repeated word maps to its own occurrence", () => {
    const gold = "He said he would.\nHe left.";
    const rec = "Title\n\nHe said he would. He left.";
    const m = offsetMap(gold, rec);
    const second = { start: 8, end: 10 }; // the second "he"
    const s = mapSpan(m, second);
    expect(rec.slice(s.start, s.end)).toBe("he");
    expect(s.start).toBe(15);
    const last = mapSpan(m, { start: 18, end: 20 });
    expect(rec.slice(last.start, last.end)).toBe("He");
  });
});
