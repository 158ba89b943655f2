import { describe, expect, it } from "vitest";
import type { Entity } from "../record/schema.js";
import { partyCode, partyMentions, speakerMention } from "./parties.js";

const entity = (id: string, text: string, name: string, extra: Partial<Entity> = {}): Entity => {
  const start = text.indexOf(name);
  return { id, name, type: "ORG", mentions: [{ start, end: start + name.length, text: name, kind: "name" }], ...extra };
};

describe("party mentions", () => {
  it("takes a MISC group that belongs to a country as a party, and other MISC names not", () => {
    const text = "The Iraqi Kurds marked the Gulf War anniversary.";
    const list = partyMentions([entity("e1", text, "Iraqi Kurds", { type: "MISC", country: "IRQ" }), entity("e2", text, "Gulf War", { type: "MISC" })]);
    expect(list.map((m) => m.entity.id)).toEqual(["e1"]);
  });
});

describe("party codes", () => {
  it("codes a name placed in a country by its own words by its head noun; a group also by the noun after it", () => {
    const text = "The Lithuanian Parliament and Bosnian Serb forces and the Georgian Communist Party leaders met.";
    const code = (e: Entity) => partyCode(partyMentions([e])[0]!, text);
    expect(code(entity("e1", text, "Lithuanian Parliament", { country: "LTU" }))).toBe("LTUGOV");
    expect(code(entity("e2", text, "Bosnian Serb", { type: "MISC", country: "BIH" }))).toBe("BIHMIL");
    // The leaders after a party's name are the party's, not the state's.
    expect(code(entity("e3", text, "Georgian Communist Party", { country: "GEO" }))).toBe("GEO");
  });
});

describe("a quote's speaker", () => {
  it("is the speaker entity's mention inside the source as written, which may be wider than the name", () => {
    const text = "The fundamentalist Green Front party said it would boycott the vote.";
    const front = entity("e1", text, "Green Front");
    const mentions = partyMentions([front]);
    expect(speakerMention(mentions, { speaker: "e1", speakerSpan: { start: 0, end: text.indexOf(" said") } })).toMatchObject({ entity: front, start: 19 });
    expect(speakerMention(mentions, { speaker: "e1", speakerSpan: { start: 0, end: 10 } })).toBeUndefined();
    expect(speakerMention(mentions, { speaker: null, speakerSpan: { start: 0, end: 40 } })).toBeUndefined();
  });
});
