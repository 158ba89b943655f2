import { describe, expect, it } from "vitest";
import { createAnalyser } from "../eval/analyse.js";

const analyser = createAnalyser();
const quotes = (text: string) => {
  const r = analyser.analyse(text, "2019-01-22", "quotes");
  return r.quotes.map((q) => ({ ...q, speakerName: r.entities.find((e) => e.id === q.speaker)?.name ?? null }));
};

describe("quotes (learned attribution tagger)", () => {
  it("attributes a direct quote to a speaker after it, named only by role, quote marks kept as PolNeAR marks them", () => {
    const qs = quotes(
      'Kremlin Spokesman Dmitry Peskov spoke on Friday. "As for details, I would like to refrain from making them public. I can confirm it," the Russian presidential spokesman said.',
    );
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({
      kind: "direct",
      speakerName: "Dmitry Peskov",
      speakerText: "the Russian presidential spokesman",
      cue: expect.objectContaining({ text: "said" }),
    });
    expect(qs[0]!.text).toContain("I would like to refrain from making them public. I can confirm it");
  });

  it("resolves a pronoun speaker to the last person named", () => {
    const qs = quotes('Shinzo Abe spoke to the press. "We hope to conclude the treaty within our generation," he said.');
    const q = qs.find((x) => x.text.includes("We hope"));
    expect(q).toMatchObject({ kind: "direct", speakerText: "he", speakerName: "Shinzo Abe" });
  });

  it("reads 'X says that …' with its hedges", () => {
    const [q] = quotes("Kyodo says that the two countries might avoid such situations.");
    expect(q).toMatchObject({ kind: "indirect", speakerName: "Kyodo", text: "that the two countries might avoid such situations" });
    expect(q!.hedges.map((h) => h.text)).toEqual(["might"]);
  });

  it("keeps the chain of sources a speaker cites after the cue", () => {
    const qs = quotes("TOKYO, January 22. Russia and Japan are considering a special clause, the Japanese news agency Kyodo said on Tuesday with reference to diplomatic sources.");
    const q = qs.find((x) => x.cue.text.startsWith("said"));
    expect(q).toMatchObject({ speakerName: "Kyodo", chain: ["Kyodo", "diplomatic sources"] });
  });

  it("reads quotes set off by two apostrophes as direct, and a speaker with an appositive", () => {
    const [q] = quotes("''This isn't tax reform at all,'' said Douglas Holtz-Eakin, an economist.");
    expect(q).toMatchObject({ kind: "direct", speakerName: "Douglas Holtz-Eakin" });
    expect(q!.text).toContain("This isn't tax reform at all");
    const [a] = quotes("Richard Revesz, director of the Institute for Policy Integrity, said the suing states were wrong.");
    expect(a).toMatchObject({ kind: "indirect", speakerName: "Richard Revesz", text: "the suing states were wrong" });
    expect(a!.speakerText).toMatch(/^Richard Revesz, director of the Institute/);
  });

  it("finds a cue with its object clause after a long subject, and none where nobody reports anything", () => {
    const qs = quotes("The foreign minister of Ghana told parliament on Monday that the border would reopen next week.");
    expect(qs[0]).toMatchObject({ cue: expect.objectContaining({ text: "told" }), speakerText: "The foreign minister of Ghana", text: "that the border would reopen next week" });
    expect(quotes("The ferry from Piraeus docked at Heraklion on Monday morning.")).toEqual([]);
  });

  it("reads an article of many attributions (assembly and nesting are linear; speed is in npm run bench)", () => {
    const t = '"We agree," he said, adding that talks go on. '.repeat(300);
    const qs = quotes(t);
    expect(qs.length).toBeGreaterThan(300);
    for (const q of qs.slice(-5)) expect(t.slice(q.start, q.end)).toBe(q.text);
  });

  it("gives every quote offsets that index the text, on odd input too", () => {
    for (const t of ['"', '"unclosed quote said he', "said said said", ",,,", "He said: “”", "x".repeat(5000) + ' "y," he said.']) {
      for (const q of quotes(t)) {
        expect(t.slice(q.start, q.end)).toBe(q.text);
        expect(t.slice(q.cue.start, q.cue.end)).toBe(q.cue.text);
      }
    }
  });
});
