/** The verb dictionary on gold UD English train trees (../shared/datasets/ud-english), so no parser is needed. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataset, REPO_ROOT, withoutDatasets } from "../eval/datasets.js";
import { findUdSentence } from "./__fixtures__/conllu.js";
import { Tree } from "./tree.js";
import { VerbDictionary } from "./verbs.js";

const dict = new VerbDictionary([join(REPO_ROOT, "data", "events", "cameo.json")]);

function at(text: string, word: string) {
  const s = findUdSentence(dataset("ud-english")!, text)!;
  const tree = new Tree(s.syntax, s.tokens, 0, s.tokens.length);
  const i = s.tokens.findIndex((t) => t.text === word);
  return { tree, i, match: dict.match(tree, i) };
}

describe.skipIf(withoutDatasets())("CAMEO verb dictionary on the parse (UD train trees)", () => {
  it("codes a verb by the head noun of its object: 'impose sanctions' is 163, 'use … weapons' 175", () => {
    expect(at("In September, China threatened to veto any move to impose sanctions on Sudan over the atrocities in Darfur.", "impose").match).toMatchObject({ code: "163", block: expect.objectContaining({ name: "IMPOSE" }) });
    expect(at("The letter threatened to use biochemical weapons if the blind sheik was not released.", "use").match?.pattern?.src).toMatch(/&WEAPON/);
  });

  it("falls back to the verb's own code, and codes nothing for a verb whose block has none", () => {
    expect(at("In September, China threatened to veto any move to impose sanctions on Sudan over the atrocities in Darfur.", "threatened").match).toMatchObject({ code: "130", index: -1 });
    expect(at("Qanooni refused to accept the Iranian advice as his fellow Panjsheri Tajiks urged him to stand against Karzai.", "stand").match).toBeNull();
  });

  it("finds the subject of an infinitive in its governor, and the object of 'urged' for the one urged", () => {
    const { tree, i } = at("Qanooni refused to accept the Iranian advice as his fellow Panjsheri Tajiks urged him to stand against Karzai.", "accept");
    expect(tree.form(tree.subjectOf(i)!.token)).toBe("qanooni");
    const stand = tree.tokens.findIndex((t) => t.text === "stand");
    expect(tree.form(tree.subjectOf(stand)!.token)).toBe("him");
  });
});
