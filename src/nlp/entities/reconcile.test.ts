import { describe, expect, it } from "vitest";
import type { Candidate } from "../entities.js";
import type { NerSpan } from "../ner/tagger.js";
import { reconcile } from "./reconcile.js";

const at = (text: string, s: string, type: NerSpan["type"]): NerSpan => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, type });
const cand = (text: string, s: string, extra: Partial<Candidate> = {}): Candidate => ({
  start: text.indexOf(s), end: text.indexOf(s) + s.length, key: `u:${s}`, name: s, type: "GPE", kind: "name", ...extra,
});
const run = (text: string, cands: Candidate[], ner: NerSpan[]) => {
  const people: string[] = [];
  reconcile(cands, 0, ner, { text, givenName: (w) => w === "dean", person: (c) => people.push(c.name) });
  return { names: cands.map((c) => [text.slice(c.start, c.end), c.type, c.kind]), people };
};

describe("reconciling the rules' candidates with the tagger's names", () => {
  it("adds a name no candidate touches, with the tagger's type", () => {
    const text = "SOCCER - SHEARER NAMED AS CAPTAIN .";
    expect(run(text, [], [at(text, "SHEARER", "PER")])).toEqual({ names: [["SHEARER", "PERSON", "name"]], people: ["SHEARER"] });
  });

  it("lets a whole name win over a demonym or place inside it", () => {
    const text = "Shares in British Airways and the National Bank of Romania rose .";
    const cands = [cand(text, "British", { kind: "demonym" }), cand(text, "Romania")];
    expect(run(text, cands, [at(text, "British Airways", "ORG"), at(text, "National Bank of Romania", "ORG")]).names).toEqual([
      ["British Airways", "ORG", "name"],
      ["National Bank of Romania", "ORG", "name"],
    ]);
  });

  it("keeps the one country the parts of a wider name stand for, but not for a person or when they disagree", () => {
    const gbr = { name: "United Kingdom", type: "GPE" as const, codes: [{ code: "GBR" }] };
    const rou = { name: "Romania", type: "GPE" as const, codes: [{ code: "ROU" }] };
    const text = "British Airways , the National Bank of Romania , a British-Romanian Council and Paris Hilton .";
    const paris = { name: "Paris", type: "GPE" as const, codes: [{ code: "FRA" }] };
    const hyphenated = text.indexOf("British-");
    const cands = [
      cand(text, "British", { kind: "demonym", actor: gbr }),
      cand(text, "Romania", { actor: rou }),
      { ...cand(text, "British", { kind: "demonym", actor: gbr }), start: hyphenated, end: hyphenated + "British".length },
      cand(text, "Romanian", { kind: "demonym", actor: rou }),
      cand(text, "Paris", { actor: paris }),
    ];
    reconcile(cands, 0, [at(text, "British Airways", "ORG"), at(text, "National Bank of Romania", "ORG"), at(text, "British-Romanian Council", "ORG"), at(text, "Paris Hilton", "PER")], {
      text,
      givenName: () => false,
      person: () => undefined,
    });
    const placed = Object.fromEntries(cands.map((c) => [text.slice(c.start, c.end), c.placedIn?.name ?? null]));
    expect(placed).toEqual({ "British Airways": "United Kingdom", "National Bank of Romania": "Romania", "British-Romanian Council": null, "Paris Hilton": null });
  });

  it("keeps a role split off a person's name, but not a given name taken for a role", () => {
    const text = "Kremlin Spokesman Dmitry Peskov met Dean Jones .";
    const peskov = cand(text, "Dmitry Peskov", { type: "PERSON", role: { text: "Kremlin Spokesman", code: "RUSGOV" } });
    const jones = cand(text, "Jones", { type: "PERSON", role: { text: "Dean" } });
    const r = run(text, [peskov, jones], [at(text, "Spokesman Dmitry Peskov", "PER"), at(text, "Dean Jones", "PER")]);
    expect(r.names).toEqual([
      ["Dmitry Peskov", "PERSON", "name"],
      ["Dean Jones", "PERSON", "name"],
    ]);
  });

  it("gives the tagger's type to a dictionary place read as an organisation, but trusts hand-kept entries", () => {
    const text = "Hamilton beat Celtic as TASS reported .";
    const hamilton = cand(text, "Hamilton", { actor: { name: "Hamilton", type: "GPE", codes: [{ code: "BMU" }] } });
    const tass = cand(text, "TASS", { type: "ORG", actor: { name: "TASS", type: "ORG", codes: [{ code: "RUSMED" }], curated: true } });
    const r = run(text, [hamilton, tass], [at(text, "Hamilton", "ORG"), at(text, "TASS", "LOC")]);
    expect(r.names).toEqual([
      ["Hamilton", "ORG", "name"],
      ["TASS", "ORG", "name"],
    ]);
    expect(hamilton.actor).toBeUndefined();
  });

  it("keeps several names inside one hyphenated token apart, and leaves documents alone", () => {
    const text = "the Tokyo-Washington alliance and the Joint Declaration";
    const cands = [cand(text, "Tokyo", { kind: "metonym" }), cand(text, "Washington", { kind: "metonym" }), cand(text, "Joint Declaration", { type: "DOCUMENT" })];
    expect(run(text, cands, [at(text, "Tokyo-Washington", "LOC"), at(text, "Joint Declaration", "MISC")]).names).toHaveLength(3);
  });
});
