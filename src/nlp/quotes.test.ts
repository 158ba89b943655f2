import { describe, expect, it } from "vitest";
import { createAnalyser } from "../eval/analyse.js";

const analyser = createAnalyser();
const quotes = (text: string) => {
  const r = analyser.analyse(text, "2019-01-22", "quotes");
  return r.quotes.map((q) => ({ ...q, speakerName: r.entities.find((e) => e.id === q.speaker)?.name ?? null }));
};

describe("quotes", () => {
  it("attributes a direct quote to a speaker after it, named only by role", () => {
    const qs = quotes(
      'Kremlin Spokesman Dmitry Peskov spoke on Friday. "As for details, I would like to refrain from making them public. I can confirm it," the Russian presidential spokesman said.',
    );
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({
      kind: "direct",
      text: "As for details, I would like to refrain from making them public. I can confirm it",
      speakerName: "Dmitry Peskov",
      speakerText: "the Russian presidential spokesman",
      cue: expect.objectContaining({ text: "said" }),
    });
  });

  it("attributes a direct quote to a speaker before it, and continues the speaker for a quote standing alone", () => {
    const qs = quotes('Dmitry Peskov stressed that "the leaders held a one-on-one conversation about the treaty." "We will go on with the talks next year."');
    expect(qs.map((q) => [q.kind, q.speakerName, q.speakerText])).toEqual([
      ["direct", "Dmitry Peskov", "Dmitry Peskov"],
      ["direct", "Dmitry Peskov", "Dmitry Peskov"],
    ]);
    expect(qs[0]!.cue.text).toBe("stressed");
  });

  it("skips short scare quotes", () => {
    expect(quotes('The so-called "hostile action" clause was discussed.')).toEqual([]);
  });

  it("reads indirect speech after a clause, with the chain of sources", () => {
    const [q] = quotes(
      "TOKYO, January 22. Russia and Japan are considering a special clause, the Japanese news agency Kyodo said on Tuesday with reference to diplomatic sources.",
    );
    expect(q).toMatchObject({ kind: "indirect", speakerName: "Kyodo", chain: ["Kyodo", "diplomatic sources"], cue: expect.objectContaining({ text: "said" }) });
    expect(q!.text).toBe("Russia and Japan are considering a special clause");
    expect(q!.hedges.map((h) => h.text)).toContain("considering");
  });

  it("reads 'X says that …', 'according to X' and unnamed sources with their hedges", () => {
    const said = quotes("Kyodo says that the two countries might avoid such situations.");
    expect(said[0]).toMatchObject({ kind: "indirect", speakerName: "Kyodo", text: "the two countries might avoid such situations" });
    expect(said[0]!.hedges.map((h) => h.text)).toEqual(["might"]);
    const acc = quotes("According to Kyodo, the talks will resume in March.");
    expect(acc[0]).toMatchObject({ speakerName: "Kyodo", text: "the talks will resume in March", cue: expect.objectContaining({ text: "According to" }) });
    const media = quotes("Asked about media reports claiming that Abe had promised not to allow US bases, Dmitry Peskov declined to comment.");
    expect(media[0]).toMatchObject({ kind: "indirect", speaker: null, speakerText: "media reports", text: "Abe had promised not to allow US bases", chain: ["media reports"] });
    expect(media[0]!.hedges.map((h) => h.text)).toContain("claiming");
  });

  it("resolves a pronoun speaker to the last person named", () => {
    const qs = quotes('Shinzo Abe spoke to the press. "We hope to conclude the treaty within our generation," he said.');
    expect(qs[0]).toMatchObject({ speakerText: "he", speakerName: "Shinzo Abe" });
  });
});

describe("quotes in other house styles", () => {
  it("reads transcript labels and headline sources before a colon", () => {
    const [q] = quotes("WALLACE: Let's start with the breaking news on the debate tonight.");
    expect(q).toMatchObject({ kind: "direct", speakerText: "WALLACE", text: "Let's start with the breaking news on the debate tonight" });
  });

  it("reads quotes set off by two apostrophes, and a speaker named after an appositive", () => {
    const [q] = quotes("''This isn't tax reform at all,'' said Douglas Holtz-Eakin, an economist.");
    expect(q).toMatchObject({ kind: "direct", text: "This isn't tax reform at all", speakerText: "Douglas Holtz-Eakin" });
    const [a] = quotes("Richard Revesz, director of the Institute for Policy Integrity, said the suing states were wrong.");
    expect(a).toMatchObject({ kind: "indirect", speakerText: "Richard Revesz", text: "the suing states were wrong" });
  });
});
