import { describe, expect, it } from "vitest";
import { alignTexts as align } from "./align.js";

describe("gold-to-record alignment", () => {
  it("maps spans through inserted and removed text to where their characters are", () => {
    const gold = "Japan said .\nROME 1996-12-06\nJapan and Italy met .\n";
    // The record doubles line breaks and drops the second line; "Japan" occurs twice, the second must map to the second.
    const record = "Japan said .\n\nJapan and Italy met .";
    const a = align(gold, record);
    const second = gold.indexOf("Japan", 1);
    const s = a.span(second, second + 5)!;
    expect(record.slice(s.start, s.end)).toBe("Japan");
    expect(s.start).toBe(record.indexOf("Japan", 1));
    const rome = gold.indexOf("ROME");
    expect(a.span(rome, rome + 4)).toBeNull();
    expect(a.at(0)).toBe(0);
  });

  it("sends a repeated word to its own occurrence, not the first", () => {
    const gold = "He said he would.\nHe left.";
    const rec = "Title\n\nHe said he would. He left.";
    const a = align(gold, rec);
    const s = a.span(8, 10)!; // the second "he"
    expect(rec.slice(s.start, s.end)).toBe("he");
    expect(s.start).toBe(15);
    const last = a.span(18, 20)!;
    expect(rec.slice(last.start, last.end)).toBe("He");
  });

  it("is the identity on equal texts", () => {
    const a = align("abc", "abc");
    expect(a.span(1, 3)).toEqual({ start: 1, end: 3 });
  });
});
