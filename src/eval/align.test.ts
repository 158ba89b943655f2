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

  it("is the identity on equal texts", () => {
    const a = align("abc", "abc");
    expect(a.span(1, 3)).toEqual({ start: 1, end: 3 });
  });
});
