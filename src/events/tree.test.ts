import { describe, expect, it } from "vitest";
import { treeOf as tree } from "./__fixtures__/rows.js";

describe("the event coder's view of the parse", () => {
  // "after" read as a preposition: "Japan" becomes an oblique and "had signed" loses its subject.
  const misparse = tree([
    ["after", "IN", 2, "case"],
    ["Japan", "NNP", 4, "obl"],
    ["had", "VBD", 4, "aux"],
    ["signed", "VBN", 7, "advcl"],
    ["the", "DT", 6, "det"],
    ["treaty", "NN", 4, "obj"],
    ["Moscow", "NNP", 8, "nsubj"],
    ["withdrew", "VBD", 0, "root"],
  ]);

  it("gives a finite adverbial clause the subject the parser took for the object of 'after'", () => {
    expect(misparse.subjectOf(3)).toEqual({ token: 1, passive: false });
    expect(misparse.hasOwnSubject(3)).toBe(true);
    expect(misparse.subjectOf(7)).toEqual({ token: 6, passive: false });
  });

  it("leaves a real prepositional phrase alone: a participle clause takes its governor's subject", () => {
    const t = tree([
      ["after", "IN", 2, "case"],
      ["talks", "NNS", 3, "obl"],
      ["signing", "VBG", 7, "advcl"],
      ["the", "DT", 5, "det"],
      ["treaty", "NN", 3, "obj"],
      ["Moscow", "NNP", 7, "nsubj"],
      ["withdrew", "VBD", 0, "root"],
    ]);
    expect(t.hasOwnSubject(2)).toBe(false);
    expect(t.subjectOf(2)).toEqual({ token: 5, passive: false });
  });

  it("gives a clause completing a copular predicate the predicate's subject, a participle on a noun that noun", () => {
    const t = tree([
      ["rebels", "NNS", 3, "nsubj"],
      ["are", "VBP", 3, "cop"],
      ["guilty", "JJ", 0, "root"],
      ["of", "IN", 5, "mark"],
      ["violating", "VBG", 3, "acl"],
      ["the", "DT", 7, "det"],
      ["ceasefire", "NN", 5, "obj"],
      ["signed", "VBN", 7, "acl"],
    ]);
    expect(t.subjectOf(4)).toEqual({ token: 0, passive: false });
    expect(t.subjectOf(7)).toEqual({ token: 6, passive: true });
  });

  it("reads the object of a saying that a subjectless complement clause follows as that clause's subject", () => {
    // "said the start of the truce would be announced", as the parser read it.
    const t = tree([
      ["ministry", "NN", 2, "nsubj"],
      ["said", "VBD", 0, "root"],
      ["the", "DT", 4, "det"],
      ["start", "NN", 2, "obj"],
      ["would", "MD", 7, "aux"],
      ["be", "VB", 7, "aux:pass"],
      ["announced", "VBN", 2, "ccomp"],
    ]);
    expect(t.objectFrame(1, false)).toEqual([]);
    expect(t.objectFrame(1, true)).toEqual([2, 3, 4, 5, 6]);
  });
});
