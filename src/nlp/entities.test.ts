import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyser } from "../eval/analyse.js";

const analyser = createAnalyser();
const ents = (text: string, anchor: string | null = "2019-01-22") => analyser.analyse(text, anchor, "entities").entities;
const named = (list: ReturnType<typeof ents>, name: string) => list.find((e) => e.name === name);

describe("entities", () => {
  it("reads a role stated in the article over the dictionary: Kremlin Spokesman Dmitry Peskov is RUSGOV", () => {
    const e = named(ents("Kremlin Spokesman Dmitry Peskov told reporters the talks went well."), "Dmitry Peskov");
    expect(e).toMatchObject({ type: "PERSON", code: "RUSGOV", codeSource: "text", role: "Kremlin Spokesman", country: "RUS" });
  });

  it("reads the country of a role across a capitalised portfolio the role list lacks (Ukrainian Infrastructure Minister)", () => {
    const e = named(ents("Ukrainian Infrastructure Minister Oleksandr Kubrakov signed the document."), "Oleksandr Kubrakov");
    expect(e).toMatchObject({ type: "PERSON", code: "UKRGOV", role: "Ukrainian Infrastructure Minister" });
  });

  it("codes international organisations Phoenix codes only in its office holders' entries or under other spellings", () => {
    expect(named(ents("The African Union said the talks would resume."), "African Union")).toMatchObject({ type: "ORG", code: "IGOAFRAFU" });
    expect(ents("The OSCE sent monitors.").find((e) => e.type === "ORG")).toMatchObject({ code: "IGO" });
  });

  it("matches an organisation whose name holds a role word and a possessive Phoenix writes without its apostrophe", () => {
    expect(named(ents("The Tigray People's Liberation Front said it was ready."), "Tigray Peoples Liberation Front")).toMatchObject({ type: "ORG", code: "ETHREB" });
  });

  it("gives the dictionary's entry the sector of the role the article states (President Donald Trump is USAGOV)", () => {
    // Undated, the dictionary's entry for Donald Trump is his first one, a businessman (USABUS); the article says he
    // is President.
    expect(named(ents("Donald Trump spoke.", null), "Donald Trump")).toMatchObject({ code: "USABUS", codeSource: "dictionary" });
    expect(named(ents("President Donald Trump spoke.", null), "Donald Trump")).toMatchObject({ code: "USAGOV", codeSource: "text", role: "President" });
    expect(named(ents("President Donald Trump spoke.", "2019-02-28"), "Donald Trump")).toMatchObject({ code: "USAGOV" });
  });

  it("links one part of a name to the person named in full, either end and either direction", () => {
    const list = ents("Trump, Kim summit ends\n\nNorth Korean leader Kim Jong Un met Zorg Blint in Hanoi. Kim left on Friday. Blint stayed.", "2019-02-28");
    const kim = named(list, "Kim Jong Un")!;
    expect(kim.mentions.map((m) => m.text)).toEqual(["Kim", "Kim Jong Un", "Kim"]);
    expect(named(list, "Kim")).toBeUndefined();
    expect(named(list, "Zorg Blint")!.mentions.map((m) => m.text)).toEqual(["Zorg Blint", "Blint"]);
    // Two people with the part: neither is taken.
    const two = ents("Kim Jong Un and Kim Yo Jong arrived. Kim spoke first.", "2019-02-28");
    expect(named(two, "Kim Jong Un")!.mentions.map((m) => m.text)).toEqual(["Kim Jong Un"]);
  });

  it("reads the country of a role across the adjectives before it, not across a function word", () => {
    expect(named(ents("Nigerian junior foreign minister Zorg Blint spoke."), "Zorg Blint")).toMatchObject({ code: "NGAGOV", codeSource: "text" });
    expect(named(ents("Nigerian envoys met the foreign minister Zorg Blint."), "Zorg Blint")?.code).toBeUndefined();
  });

  it("chooses a dictionary role by the publication date", () => {
    expect(named(ents("Shinzo Abe spoke.", "2018-11-16"), "Shinzo Abe")).toMatchObject({ code: "JPNGOV", codeSource: "dictionary" });
    expect(named(ents("Shinzo Abe spoke.", "2010-06-01"), "Shinzo Abe")).toMatchObject({ code: "JPNELI" });
  });

  it("codes a title and a surname alone (\"President Bush\") by the dictionaries' people of that title, the person by the date", () => {
    expect(ents("President Bush criticized Iraq.", "1991-02-01").find((e) => e.type === "PERSON")).toMatchObject({ name: "George Bush", code: "USAGOV", codeSource: "dictionary" });
    expect(ents("President Bush criticized Iraq.", "2005-02-01").find((e) => e.type === "PERSON")).toMatchObject({ name: "George W. Bush", code: "USAGOV" });
    // Between their terms both remain: the country is theirs, the person is not chosen.
    expect(ents("President Bush criticized Iraq.", "2000-01-01").find((e) => e.type === "PERSON")).toMatchObject({ name: "Bush", code: "USAGOV" });
    // A surname no office-holder of that title has stays uncoded.
    expect(ents("President Zorgblint criticized Iraq.", "2000-01-01").find((e) => e.type === "PERSON")?.code).toBeUndefined();
  });

  it("codes countries from world-countries and predecessor states from the historical list", () => {
    const list = ents("The Soviet Union and Japan signed it. The United States and Singapore watched.");
    expect(named(list, "Soviet Union")).toMatchObject({ type: "GPE", code: "SUN" });
    expect(named(list, "United States")).toMatchObject({ code: "USA" });
    expect(named(list, "Singapore")).toMatchObject({ code: "SGP" });
  });

  it("gives a name the tagger reads whole the country of the demonym inside it, without a code it does not have", () => {
    const list = ents("The Georgian Communist Party and the Iraqi Kurds met.");
    expect(named(list, "Georgian Communist Party")).toMatchObject({ type: "ORG", country: "GEO" });
    expect(named(list, "Georgian Communist Party")!.code).toBeUndefined();
    expect(named(list, "Iraqi Kurds")).toMatchObject({ type: "MISC", country: "IRQ" });
  });

  it("knows a state by the short form of its formal name, unless another country's name shares it", () => {
    // world-countries names Turkey only "Türkiye" and "Republic of Turkey"; "Republic of Korea" must not make "Korea" South Korea.
    const list = ents("Turkey and Korea held talks.");
    expect(list.find((e) => e.mentions.some((m) => m.text === "Turkey"))).toMatchObject({ type: "GPE", code: "TUR" });
    expect(list.find((e) => e.mentions.some((m) => m.text === "Korea"))?.code).not.toBe("KOR");
  });

  it("gives a demonym shared with a territory to the sovereign state", () => {
    const list = ents("French and American diplomats met.");
    expect(list.find((e) => e.mentions.some((m) => m.text === "French"))).toMatchObject({ code: "FRA" });
    expect(list.find((e) => e.mentions.some((m) => m.text === "American"))).toMatchObject({ code: "USA" });
  });

  it("treats a capital as its government when it acts, and as a place after in/at", () => {
    const list = ents("Tokyo hopes for a deal. Abe arrived in Moscow. Moscow handed them over to Tokyo.");
    const japan = named(list, "Japan")!;
    expect(japan.mentions.map((m) => [m.text, m.kind])).toEqual([
      ["Tokyo", "metonym"],
      ["Tokyo", "metonym"],
    ]);
    expect(named(list, "Russia")!.mentions.map((m) => m.kind)).toEqual(["metonym"]);
    expect(named(list, "Moscow")).toMatchObject({ type: "GPE", mentions: [expect.objectContaining({ kind: "name" })] });
  });

  it("resolves surnames, role nouns and 'the agency' to earlier mentions", () => {
    const list = ents(
      "Kremlin Spokesman Dmitry Peskov spoke. Peskov stressed the point. The Russian presidential spokesman said more. The Japanese news agency Kyodo said so. The agency points out more.",
    );
    const peskov = named(list, "Dmitry Peskov")!;
    expect(peskov.mentions.map((m) => [m.text, m.kind])).toEqual([
      ["Dmitry Peskov", "name"],
      ["Peskov", "name"],
      ["The Russian presidential spokesman", "role"],
    ]);
    expect(named(list, "Kyodo")!.mentions.map((m) => m.text)).toEqual(["Kyodo", "The agency"]);
  });

  it("finds documents, their articles, references to them, and links their dates", () => {
    const r = analyser.analyse("Talks rest on the 1956 Joint Declaration. The document's Article 9 said so. Both ratified the Declaration. The declaration ended the war.", "2018-11-16", "entities");
    const decl = named(r.entities, "Joint Declaration")!;
    expect(decl.type).toBe("DOCUMENT");
    expect(decl.mentions.map((m) => m.text)).toEqual(["1956 Joint Declaration", "The document", "Declaration", "The declaration"]);
    expect(named(r.entities, "Article 9")).toMatchObject({ type: "DOCUMENT" });
    expect(r.times[0]).toMatchObject({ text: "1956", scope: "document", of: decl.id });
  });

  it("keeps two names of one place together (Habomai = Lesser Kuril Chain)", () => {
    const e = named(ents("the Lesser Kuril Chain (called Habomai in Japan)"), "Lesser Kuril Chain")!;
    expect(e.mentions.map((m) => m.text)).toEqual(["Lesser Kuril Chain", "Habomai"]);
  });

  it("finds unknown names by context", () => {
    const list = ents("Foreign Minister Zorg Blint met officials of the Narvik Party in Kelso Island.");
    expect(named(list, "Zorg Blint")).toMatchObject({ type: "PERSON", role: "Foreign Minister" });
    expect(named(list, "Zorg Blint")!.code).toBeUndefined(); // a role without a country gives no code
    expect(named(list, "Narvik Party")).toMatchObject({ type: "ORG" });
    expect(named(list, "Kelso Island")).toMatchObject({ type: "LOC" });
  });

  it("takes the user's own dictionary files, which win over the bundled ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-actors-"));
    const file = join(dir, "actors.json");
    writeFileSync(file, JSON.stringify([{ name: "Zorg Blint", type: "PERSON", aliases: ["Blint"], codes: [{ code: "NORGOV", from: "2015-01-01" }] }]));
    const record = createAnalyser({ userDictionaries: [file] }).analyse("Blint spoke in Oslo.", "2019-01-01", "entities");
    rmSync(dir, { recursive: true, force: true });
    expect(record.entities.find((e) => e.name === "Zorg Blint")).toMatchObject({ code: "NORGOV", mentions: [expect.objectContaining({ text: "Blint", kind: "alias" })] });
  });
});

describe("entities: long runs (issue 13)", () => {
  it("matches document names in linear time over a long run of capitals", async () => {
    const { findDocuments } = await import("./entities/documents.js");
    const t0 = performance.now();
    expect(findDocuments("A".repeat(60_000), 0)).toEqual([]);
    expect(findDocuments(`${"Abc ".repeat(20_000)}Treaty of Peace`, 0)).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(findDocuments("the 1956 Joint Declaration was signed", 0)[0]).toMatchObject({ name: "Joint Declaration" });
  });
});

describe("entities: documents written in lower case", () => {
  it("names a lower-case document only where a year or a verb of signing marks it, and refers back to it", async () => {
    const { findDocuments } = await import("./entities/documents.js");
    const names = (s: string) => findDocuments(s, 0).map((d) => [d.name, s.slice(d.start, d.end)]);
    expect(names("under the 1956 joint declaration")).toEqual([["joint declaration", "1956 joint declaration"]]);
    expect(names("the 1956 Soviet-Japanese joint declaration")).toEqual([["Soviet-Japanese joint declaration", "1956 Soviet-Japanese joint declaration"]]);
    // After a verb of signing a capitalised word is a name of its own, not part of the document's.
    expect(names("to sign the UN convention on rights")).toEqual([]);
    expect(names("Tokyo signed a security treaty with Washington")).toEqual([["security treaty", "security treaty"]]);
    // A clause, not a name, between the year and the head; an agreement reached is not a named document.
    expect(names("in 1956 they signed a treaty")).toEqual([["treaty", "treaty"]]);
    expect(names("the two sides reached an agreement on Monday")).toEqual([]);
    const doc = ents("In 1956, the two countries signed a joint declaration. Under the declaration, Moscow promised to return two islands.").find((e) => e.type === "DOCUMENT");
    expect(doc?.mentions.map((m) => m.text)).toEqual(["joint declaration", "the declaration"]);
  });
});
