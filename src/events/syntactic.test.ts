/** Triggers and parties read from the parse: gold UD English train trees stand in for Doc.syntax (no parser needed). */
import { describe, expect, it } from "vitest";
import { createAnalyser } from "../eval/analyse.js";
import { dataset, withoutDatasets } from "../eval/datasets.js";
import type { Doc } from "../pipeline/types.js";
import { tokenIndexAt } from "../pipeline/tokens.js";
import { findUdSentence } from "./__fixtures__/conllu.js";
import { CAMEO_FILE, VERB_PATTERNS_FILE } from "./ontology.js";
import { partyMentions, type PartyMention } from "./parties.js";
import { treeOf } from "./__fixtures__/rows.js";
import { isBackgroundClause, syntaxTriggers } from "./syntactic.js";
import { Tree } from "./tree.js";
import { VerbDictionary } from "./verbs.js";

const analyser = createAnalyser();
const dict = new VerbDictionary([VERB_PATTERNS_FILE, CAMEO_FILE]);

/** The syntactic triggers of a UD train sentence, its entities found by the pipeline on the gold tokens. */
function triggers(text: string) {
  const s = findUdSentence(dataset("ud-english")!, text)!;
  let doc: Doc | null = null;
  analyser.analyse(s.text, "2005-06-01", "quotes", (d) => {
    d.tokens = s.tokens;
    d.syntax = s.syntax;
    doc = d;
  });
  const d = doc!;
  const byToken: (PartyMention | undefined)[] = [];
  for (const m of partyMentions(d.record.entities)) for (let t = tokenIndexAt(d.tokens, m.start); t < d.tokens.length && d.tokens[t]!.start < m.end; t++) byToken[t] ??= m;
  const out = syntaxTriggers(new Tree(d.syntax!, d.tokens, 0, d.tokens.length), dict, (t) => byToken[t]);
  return out.map((t) => ({ ...t, word: s.tokens[t.i]!.text, actorCodes: t.actors.map((m) => m.entity.code), recipientCodes: t.recipients.map((m) => m.entity.code) }));
}

describe.skipIf(withoutDatasets())("triggers and parties from the dependency parse (UD train trees)", () => {
  it("codes a threat by its subject; a synonym alone ('veto' in PROHIBIT) and a purpose infinitive ('to impose sanctions') are not acts", () => {
    const ts = triggers("In September, China threatened to veto any move to impose sanctions on Sudan over the atrocities in Darfur.");
    expect(ts).toHaveLength(1);
    expect(ts[0]).toMatchObject({ word: "threatened", pattern: expect.objectContaining({ type: "THREATEN", id: "THREATEN" }), actorCodes: ["CHN"], fromPattern: false });
  });

  it("codes a verb by its object through the CAMEO pattern, and an attribution phrase is not its object", () => {
    const [t] = triggers("According to at least some reports, Bin Laden rejected the suggestion of a closer alliance -- preferring to pursue his own concept of jihad.");
    expect(t).toMatchObject({ word: "rejected", pattern: expect.objectContaining({ type: "REJECT", cameo: "120", id: "REFUSE/- * &PROPOSAL [120]", file: "data/events/cameo.json" }) });
  });

  it("matches Parley's own block where CAMEO has no verb ('urged')", () => {
    const [t] = triggers("Louisiana's Governor Blanco urged residents to spend Wednesday in prayer and assured them the crisis would eventually be overcome.");
    expect(t).toMatchObject({ word: "urged", pattern: expect.objectContaining({ type: "REQUEST", file: "data/events/verb-patterns.yaml", id: "URGE" }), fromPattern: false });
  });

  it("takes parties from the tree: a demonym modifying the subject, coordinated subjects, a 'from +' attachment as target", () => {
    expect(triggers("Al-Zaman : American forces killed Shaikh Abdullah al-Ani, the preacher at the mosque in the town of Qaim, near the Syrian border.")[0]).toMatchObject({ word: "killed", actorCodes: ["USA"] });
    expect(triggers("Although Israel withdrew from Lebanese territory in May 2000, the radical Lebanese Shiite party, Hizbullah, has not been mollified.")[0]).toMatchObject({
      word: "withdrew",
      actorCodes: ["ISR"],
      recipientCodes: ["LBN"],
      pattern: expect.objectContaining({ id: "RETREAT/- * FROM + [0874]" }),
    });
    expect(triggers('In February of 2005, Iran and Syria agreed upon a mutual protection pact to combat "challenges and threats" in the region.')[0]!.actorCodes).toEqual(["IRN", "SYR"]);
  });

  it("codes the subject of a passive as the recipient and marks the actor unnamed when no agent is given", () => {
    const [t] = triggers("In the first eight days of January, eighteen US troops have been killed in Iraq, compounded by another twelve deaths from a Black Hawk helicopter crash on Saturday.");
    expect(t).toMatchObject({ word: "killed", unnamedActor: true, recipientCodes: ["USA"] });
  });
});

describe("clauses that tell no event of their own (hand-written parses, as the retrained parser gives them)", () => {
  it("reads a clause opened by a relative pronoun as a relative clause, though the parser made it a conjunct", () => {
    const t = treeOf([
      ["rebels", "NNS", 2, "nsubj"],
      ["said", "VBD", 0, "root"],
      ["they", "PRP", 5, "nsubj"],
      ["will", "MD", 5, "aux"],
      ["release", "VB", 2, "ccomp"],
      ["Chaudhry", "NNP", 5, "obj"],
      [",", ",", 11, "punct"],
      ["whom", "WP", 11, "obj"],
      ["they", "PRP", 11, "nsubj"],
      ["had", "VBD", 11, "aux"],
      ["taken", "VBN", 5, "conj"],
      ["hostage", "NN", 11, "xcomp"],
    ]);
    expect(isBackgroundClause(t, 10)).toBe(true);
    expect(isBackgroundClause(t, 4)).toBe(false);
  });

  it("takes the condition of an act (if, unless) as no act, and a clause on a copular predicate as the statement", () => {
    const condition = treeOf([
      ["party", "NN", 3, "nsubj"],
      ["will", "MD", 3, "aux"],
      ["boycott", "VB", 0, "root"],
      ["elections", "NNS", 3, "obj"],
      ["unless", "IN", 7, "mark"],
      ["president", "NN", 7, "nsubj"],
      ["agrees", "VBZ", 3, "advcl"],
    ]);
    expect(isBackgroundClause(condition, 6)).toBe(true);
    expect(isBackgroundClause(condition, 2)).toBe(false);
    const copular = treeOf([
      ["sides", "NNS", 3, "nsubj"],
      ["are", "VBP", 3, "cop"],
      ["guilty", "JJ", 0, "root"],
      ["of", "IN", 5, "mark"],
      ["violating", "VBG", 3, "acl"],
      ["the", "DT", 7, "det"],
      ["agreement", "NN", 5, "obj"],
      ["signed", "VBN", 7, "acl"],
      ["in", "IN", 10, "case"],
      ["March", "NNP", 8, "obl"],
    ]);
    expect(isBackgroundClause(copular, 4)).toBe(false);
    expect(isBackgroundClause(copular, 7)).toBe(true);
  });
});
