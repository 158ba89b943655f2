/** The event coder on the parse: gold UD English train trees stand in for Doc.syntax (no parser needed). */
import { describe, expect, it } from "vitest";
import { createAnalyser } from "../eval/analyse.js";
import { dataset, withoutDatasets } from "../eval/datasets.js";
import { findUdSentence } from "./__fixtures__/conllu.js";
import { CAMEO_FILE, VERB_PATTERNS_FILE } from "./ontology.js";
import { Tree } from "./tree.js";
import { VerbDictionary } from "./verbs.js";

const analyser = createAnalyser();
const BLANCO = "Louisiana's Governor Blanco urged residents to spend Wednesday in prayer and assured them the crisis would eventually be overcome.";
function events(text: string) {
  const s = findUdSentence(dataset("ud-english")!, text)!;
  return analyser.analyse(s.text, "2005-06-01", undefined, (doc) => {
    doc.tokens = s.tokens;
    doc.syntax = s.syntax;
  }).events;
}

describe.skipIf(withoutDatasets())("event coder on the dependency parse (UD train trees)", () => {
  it("combines a threat with the act it governs into one THREATEN by the subject, naming both in the rule", () => {
    const evs = events("In September, China threatened to veto any move to impose sanctions on Sudan over the atrocities in Darfur.");
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({ type: "THREATEN", trigger: expect.objectContaining({ text: "threatened" }), actor: expect.objectContaining({ code: "CHN" }), rule: "data/events/cameo.json#THREATEN+172" });
  });

  it("codes a verb by its object through the CAMEO pattern, and an attribution phrase is not its object", () => {
    const [e] = events("According to at least some reports, Bin Laden rejected the suggestion of a closer alliance -- preferring to pursue his own concept of jihad.");
    expect(e).toMatchObject({ type: "REJECT", cameo: "120", rule: "data/events/cameo.json#REFUSE/- * &PROPOSAL [120]" });
  });

  it("matches Parley's own block where CAMEO has no verb ('urged'), but codes no event without a party the dictionaries know", () => {
    const s = findUdSentence(dataset("ud-english")!, BLANCO)!;
    const tree = new Tree(s.syntax, s.tokens, 0, s.tokens.length);
    const dict = new VerbDictionary([VERB_PATTERNS_FILE, CAMEO_FILE]);
    expect(dict.match(tree, s.tokens.findIndex((t) => t.text === "urged"))).toMatchObject({ code: "020", block: expect.objectContaining({ name: "URGE", file: "data/events/verb-patterns.yaml" }) });
    // "Louisiana's Governor Blanco": no country code, so no actor a CAMEO coder would accept.
    expect(events(BLANCO)).toEqual([]);
  });

  it("takes parties from the tree: a demonym with 'forces' is the military, coordinated subjects are all actors, a 'from +' attachment the target", () => {
    const [k] = events("Al-Zaman : American forces killed Shaikh Abdullah al-Ani, the preacher at the mosque in the town of Qaim, near the Syrian border.");
    expect(k).toMatchObject({ type: "ASSAULT", actor: expect.objectContaining({ code: "USAMIL" }) });
    const [w] = events("Although Israel withdrew from Lebanese territory in May 2000, the radical Lebanese Shiite party, Hizbullah, has not been mollified.");
    expect(w).toMatchObject({ type: "RETREAT", date: "2000-05", actor: expect.objectContaining({ code: "ISR" }), recipient: expect.objectContaining({ code: "LBN" }), rule: "data/events/cameo.json#RETREAT/- * FROM + [0874]" });
    const [a] = events('In February of 2005, Iran and Syria agreed upon a mutual protection pact to combat "challenges and threats" in the region.');
    expect(a!.actors.map((p) => p.code)).toEqual(["IRN", "SYR"]);
  });

  it("codes the subject of a passive as the recipient and leaves the actor empty when no agent is named", () => {
    const [e] = events("In the first eight days of January, eighteen US troops have been killed in Iraq, compounded by another twelve deaths from a Black Hawk helicopter crash on Saturday.");
    expect(e).toMatchObject({ type: "ASSAULT", actor: expect.objectContaining({ code: "" }), recipient: expect.objectContaining({ code: "USAMIL" }), location: expect.objectContaining({ text: "Iraq", country: "IRQ" }) });
  });
});
