import { describe, expect, it } from "vitest";
import { sharedAlloc } from "../../util/shared-tables.js";
import { GAZ_LOC, GAZ_MISC, Lexicon, LEXICON_TABLE, loadLexicon } from "./lexicon.js";

describe("NER lexicon", () => {
  const lex = loadLexicon();
  const walk = (l: Lexicon, words: string[]) => words.reduce((node, w) => (node < 0 ? node : l.child(node, w)), Lexicon.ROOT);

  it("holds whole names as a trie of lower-cased words, with the types that claim each", () => {
    const usa = walk(lex, ["united", "states"]);
    expect(usa).toBeGreaterThan(0);
    expect(lex.types(usa) & GAZ_LOC).toBeTruthy();
    expect(lex.types(walk(lex, ["french"])) & GAZ_MISC).toBeTruthy();
    // "united" alone begins names but is none.
    expect(lex.types(walk(lex, ["united"])) & GAZ_LOC).toBe(0);
    expect(walk(lex, ["united", "qwertyuiop"])).toBe(-1);
  });

  it("knows the words of place names, given names and organisation endings", () => {
    expect(lex.isPlace("france")).toBe(true);
    expect(lex.isPlace("said")).toBe(false);
    expect(lex.isGivenName("john")).toBe(true);
    expect(lex.isOrgWord("party")).toBe(true);
    expect(lex.isGivenName("france")).toBe(false);
  });

  it("answers the same from a table built in shared memory", () => {
    const shared = new Lexicon(LEXICON_TABLE.build(sharedAlloc));
    for (const words of [["united", "states"], ["french"], ["moscow"], ["nato"]]) {
      const [a, b] = [walk(lex, words), walk(shared, words)];
      expect(b).toBe(a);
      if (a > 0) expect(shared.types(b)).toBe(lex.types(a));
    }
    expect(shared.isGivenName("john")).toBe(true);
  });
});
