import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyser } from "../eval/analyse.js";
import type { Event } from "../record/schema.js";

const analyser = createAnalyser();
const events = (text: string, anchor: string | null = "2019-01-22") => analyser.analyse(text, anchor).events;
const codes = (ps: Event["actors"]) => ps.map((p) => p.code);

describe("event coder", () => {
  it("codes a compound subject as one event with two parties, reciprocal when the verb is", () => {
    const [e] = events("Russia and Japan signed a trade agreement on Monday.");
    expect(e).toMatchObject({ type: "AGREE", cameo: "057", date: "2019-01-21", dateSource: "text", modality: "asserted", rule: "data/events/patterns.yaml#agree.sign" });
    expect(codes(e!.actors)).toEqual(["RUS", "JPN"]);
    expect(codes(e!.recipients)).toEqual(["JPN", "RUS"]);
    expect(e!.actor.code).toBe("RUS");
    expect(e!.recipient!.code).toBe("JPN");
    expect(e!.trigger!.text).toBe("signed");
  });

  it("finds the recipient after the verb and codes capitals and demonym-led governments as governments", () => {
    const [e] = events("Tokyo criticized Moscow over the deployment.");
    expect(e).toMatchObject({ type: "ACCUSE", actor: expect.objectContaining({ code: "JPNGOV" }), recipient: expect.objectContaining({ code: "RUSGOV" }) });
    const [g] = events("The Soviet government withdrew its obligation in 1960.");
    expect(g).toMatchObject({ type: "RETREAT", actor: expect.objectContaining({ code: "SUNGOV" }), date: "1960", modality: "historical" });
  });

  it("does not code a negated event as the positive one: refused cooperation is a REJECT, a blow not struck stays negated", () => {
    const [e] = events("Japan did not agree to the proposal.");
    expect(e).toMatchObject({ type: "REJECT", modality: "asserted", rule: expect.stringMatching(/\+negated:REJECT$/) });
    expect(events("Russia did not attack Georgia.")[0]).toMatchObject({ type: "ASSAULT", modality: "negated" });
  });

  it("keeps both leaders of a summit when a country's name qualifies the first (\"US President …\"), and never the host city", () => {
    const [e] = events("US President Donald Trump and North Korean leader Kim Jong Un signed a joint statement at a summit in Singapore on Tuesday.");
    expect(codes(e!.actors)).toEqual(["USAGOV", "PRKGOV"]);
    expect(codes(e!.recipients)).not.toContain("SGP");
    expect(e!.location).toMatchObject({ name: "Singapore" });
  });

  it("codes an arrival for talks as one meeting (CAMEO ARRIVE (FOR TALKS)), the talks not apart", () => {
    const all = events("Chilean President Gabriel Boric arrived in Lima on Friday for talks with Peruvian officials.");
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ type: "CONSULT", cameo: "046", date: "2019-01-18" });
    expect(all[0]!.location).toMatchObject({ name: "Lima" });
  });

  it("never dates an act by a time after \"since\", which opens a span", () => {
    const [e] = events("The two presidents met in Lima on Monday, their first meeting since the border war ended in 1995.");
    expect(e).toMatchObject({ type: "CONSULT", date: "2019-01-21" });
    const [f] = events("Chile and Peru signed a border treaty, the first since the war ended in 1995.");
    expect(f!.date).not.toBe("1995");
    // An act told after the time is of that moment.
    const attack = events("It is the first truce since the war began on October 7, when Hamas fighters attacked southern Israel.", "2023-11-22").find((e) => e.type === "ASSAULT");
    expect(attack).toMatchObject({ date: "2023-10-07" });
  });

  it("reads a pair on the receiving end (\"both sides\") as the pair the article last named", () => {
    const all = analyser.analyse("Chile and Peru signed a border treaty on Monday. The United Nations called on both sides to respect it.", "2019-01-22").events;
    const request = all.find((e) => e.type === "REQUEST");
    expect(codes(request!.recipients)).toEqual(["CHL", "PER"]);
  });

  it("takes a meeting's place as its venue, never as the one met", () => {
    const [e] = events("Iranian negotiators met in Vienna on Monday.");
    expect(e).toMatchObject({ type: "CONSULT" });
    expect(codes(e!.recipients)).not.toContain("AUT");
    expect(e!.location).toMatchObject({ name: "Vienna" });
  });

  it("places a visit where it goes when no in/at says otherwise", () => {
    // A visit told in the future tense is AGREE (PLOVER manual, CONSULT: "References to future meetings … AGREE").
    const [e] = events("The Chilean president will visit Lima next week.");
    expect(e).toMatchObject({ type: "AGREE", rule: expect.stringMatching(/\+future:AGREE$/) });
    expect(codes(e!.actors)).toEqual(["CHLGOV"]);
    // A visitor the dictionaries do not know is not taken to be of the place visited.
    expect(codes(events("Boric will visit Lima next week.")[0]?.actors ?? [])).not.toContain("PER");
    expect(e!.location).toMatchObject({ name: "Lima", country: "PER" });
    expect(e!.location!.lat).toBeCloseTo(-12.04, 1);
  });

  it("codes nothing for an act that never happened, and a refusal of it as REJECT", () => {
    expect(events("Chile and Peru never signed a border treaty.")).toEqual([]);
    expect(events("Chile said it would never sign a border treaty with Peru.")[0]).toMatchObject({ type: "REJECT" });
    expect(events("Chile refused to sign a border treaty with Peru.")[0]).toMatchObject({ type: "REJECT" });
  });

  it("keeps the condition of a conditional event", () => {
    const [e] = events("Russia agreed to hand over the islands only if all foreign troops were pulled out.");
    expect(e).toMatchObject({ modality: "conditional", condition: expect.objectContaining({ text: "only if all foreign troops were pulled out" }) });
  });

  it("marks expected and hedged events", () => {
    expect(events("It is expected that Abe will hold more talks with Putin.")[0]).toMatchObject({ type: "CONSULT", modality: "expected" });
    expect(events("Japan may criticize China.")[0]).toMatchObject({ type: "ACCUSE", modality: "hedged" });
  });

  it("keeps reports apart from facts: an event inside a quote carries the quote's chain as its source", () => {
    const [e] = events("Russia and Japan are discussing a new clause, Kyodo said with reference to diplomatic sources.");
    expect(e).toMatchObject({ type: "CONSULT", modality: "reported", source: ["Kyodo", "diplomatic sources"], quote: 0 });
    const [r] = events("Kyodo reported that Japan criticized China.");
    expect(r).toMatchObject({ type: "ACCUSE", modality: "reported", source: ["Kyodo"] });
  });

  it("dates an event by its own sentence, else by the publication date, saying which", () => {
    expect(events("Putin and Abe agreed in Singapore last November.")[0]).toMatchObject({ date: "2018-11", dateSource: "text", location: expect.objectContaining({ text: "Singapore" }) });
    expect(events("Japan criticizes China.")[0]).toMatchObject({ date: "2019-01-22", dateSource: "publication" });
    expect(events("Japan criticized China.")[0]).toMatchObject({ date: "2019-01", dateSource: "publication" });
  });

  it("dates what a dated document did by the document, not by the sentence before", () => {
    const before = "Putin and Abe agreed in Singapore last November to speed up the talks on the basis of the Joint Declaration of October 19, 1956.";
    const act = (s: string) => events(`${before} ${s}`).find((e) => e.type === "SUPPORT");
    expect(act("The declaration ended the state of war between the two countries and restored their diplomatic relations.")).toMatchObject({ date: "1956-10-19", dateSource: "document" });
    // Not the document's act: the countries did it, and the document's day is not theirs.
    const theirs = act("Both countries restored diplomatic relations.");
    expect(theirs).toBeDefined();
    expect(theirs?.dateSource).not.toBe("document");
    expect(theirs?.date).not.toBe("1956-10-19");
  });

  it("does not date history to the article: a name's year is not the event's date", () => {
    const [e] = events("Japan and Russia signed the 1956 Joint Declaration.");
    expect(e!.date).not.toBe("1956");
  });

  it("codes a visit towards the country visited", () => {
    const [e] = events("Japanese Prime Minister Shinzo Abe on Monday arrived in Moscow on a visit.");
    expect(e).toMatchObject({ type: "CONSULT", mode: "visit", date: "2019-01-21", actor: expect.objectContaining({ code: "JPNGOV" }), recipient: expect.objectContaining({ code: "RUS" }) });
  });

  it("codes one event once when the article states it twice, and several events in one sentence", () => {
    const twice = events("Russia and Japan signed the deal on Monday. Russia and Japan signed the deal on Monday, officials repeated.");
    expect(twice.filter((e) => e.type === "AGREE")).toHaveLength(1);
    const two = events("Russia criticized Japan and China attacked Vietnam.");
    expect(two.map((e) => e.type)).toEqual(["ACCUSE", "ASSAULT"]);
  });

  it("needs a party: a verb with no actor is not an event", () => {
    expect(events("The deal was signed after long delays.")).toEqual([]);
  });

  it("takes a user's pattern file without code changes", () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-patterns-"));
    const file = join(dir, "my-patterns.yaml");
    writeFileSync(file, 'aid.airlift: {type: AID, cameo: "073", words: [airlifted]}\n');
    const [e] = createAnalyser({ userPatterns: [file] }).analyse("Germany airlifted supplies to Ukraine.", "2022-03-01").events;
    rmSync(dir, { recursive: true, force: true });
    expect(e).toMatchObject({ type: "AID", rule: `${file}#aid.airlift`, recipient: expect.objectContaining({ code: "UKR" }) });
  });
});

describe("opt-in CAMEO verb patterns", () => {
  it("load as a pattern file and code verbs the hand-kept patterns do not know", () => {
    const file = join(import.meta.dirname, "..", "..", "data", "events", "cameo-verbs.yaml");
    const text = "Serbia besieged Bosnia.";
    expect(analyser.analyse(text, "2000-01-01").events).toEqual([]);
    const [e] = createAnalyser({ userPatterns: [file] }).analyse(text, "2000-01-01").events;
    expect(e).toMatchObject({ actor: expect.objectContaining({ code: "SRB" }), rule: expect.stringMatching(/cameo-verbs\.yaml#cameo\./) });
  });
});

describe("actor codes beyond the country list", () => {
  it("codes international and non-governmental organisations by their Phoenix codes", () => {
    const [e] = events("Amnesty International accused the European Commission of ignoring the Red Cross.");
    expect(e).toMatchObject({ type: "ACCUSE", actor: expect.objectContaining({ code: "NGOHRIAMN" }), recipient: expect.objectContaining({ code: "IGOEUREEC" }) });
  });
});

describe("passive acts", () => {
  it("codes the party after 'by' as the actor and the subject as the recipient", () => {
    const [e] = events("Japan was criticized by China over the visit.");
    expect(e).toMatchObject({ type: "ACCUSE", actor: expect.objectContaining({ code: "CHN" }), recipient: expect.objectContaining({ code: "JPN" }) });
  });

  it("leaves the actor code empty when no agent is named, as GDELT does", () => {
    const [e] = events("Japan was criticized over the visit.");
    expect(e).toMatchObject({ type: "ACCUSE", actor: { entity: null, code: "", text: "" }, actors: [], recipient: expect.objectContaining({ code: "JPN" }) });
  });

  it("keeps the subject as actor for acts done by it ('forces were deployed')", () => {
    const [e] = events("Russian forces were deployed near the border.");
    expect(e).toMatchObject({ type: "MOBILIZE", actor: expect.objectContaining({ code: "RUSMIL" }) });
  });
});

describe("intents", () => {
  it("codes an announced intent to help as AGREE, as PLOVER does, and says so in the rule", () => {
    const [e] = events("Portugal will support Turkey's bid to join the European Community.");
    expect(e).toMatchObject({ type: "AGREE", cameo: "032", modality: "asserted", rule: expect.stringMatching(/support\.support\+future:AGREE$/) });
    expect(events("Portugal supported Turkey's bid.")[0]).toMatchObject({ type: "SUPPORT" });
  });

  it("codes a meeting told in the future tense as AGREE (PLOVER manual, CONSULT), one only foretold by others as CONSULT, expected", () => {
    expect(events("The Chilean foreign minister will visit Peru next month.")[0]).toMatchObject({ type: "AGREE", rule: expect.stringMatching(/consult\.visit2\+future:AGREE$/) });
    const [e] = events("It is expected that the Chilean foreign minister will hold talks with Peru's president in Lima.");
    expect(e).toMatchObject({ type: "CONSULT", modality: "expected" });
  });

  it("codes talks one says one is willing to hold as AGREE (PLOVER manual, AGREE: 'indicate willingness')", () => {
    expect(events("Peru said it was willing to negotiate with Chile over the border.")[0]).toMatchObject({ type: "AGREE", rule: expect.stringMatching(/\+future:AGREE$/) });
  });
});

describe("codebook rules that change the type", () => {
  it("codes a future retreat as CONCEDE and a blow its actor announces as THREATEN", () => {
    expect(events("Russia will withdraw its troops from the border.")[0]).toMatchObject({ type: "CONCEDE", rule: expect.stringMatching(/\+future:CONCEDE$/) });
    const [t] = events("Palestinian leaders said they would boycott all contact with the United States.");
    expect(t).toMatchObject({ type: "THREATEN", modality: "reported", recipient: expect.objectContaining({ code: "USA" }) });
  });

  it("takes the speaker of a quote whose source is wider than the name as the pronoun's referent", () => {
    // The quotes layer gives the source as written ("The Georgian Communist Party"); the party is the name in it.
    const [t] = events("The Georgian Communist Party said it would boycott the talks with Russia.");
    expect(t).toMatchObject({ type: "THREATEN", actor: expect.objectContaining({ code: "GEO", text: "Georgian Communist Party" }), recipient: expect.objectContaining({ code: "RUS" }) });
  });

  it("takes each of two modifiers joined by 'and' as a party, so that a joint military move is COOPERATE", () => {
    const [e] = events("Chilean and Peruvian warships launched ten days of war games off the coast on Monday.");
    expect(e).toMatchObject({ type: "COOPERATE", rule: expect.stringMatching(/\+joint:COOPERATE$/) });
    expect(codes(e!.actors).map((c) => c.slice(0, 3))).toEqual(["CHL", "PER"]);
  });

  it("codes a group the tagger reads whole by the country its words name", () => {
    const [e] = events("Bosnian Serb forces shelled Sarajevo on Sunday.");
    expect(e).toMatchObject({ type: "ASSAULT", actor: expect.objectContaining({ code: "BIHMIL", text: "Bosnian Serb" }) });
  });

  it("codes imposed sanctions as SANCTION 'discontinue', as the manual's SANCTION says, not the 2021 table's COERCE", () => {
    const [e] = events("Peru slapped trade sanctions on Chile.");
    expect(e).toMatchObject({ type: "SANCTION", mode: "discontinue", cameo: "163", rule: expect.stringMatching(/cameo\.json#SLAP/), recipient: expect.objectContaining({ code: "CHL" }) });
  });

  it("codes what a speaker says another party must do as a REQUEST of the speaker", () => {
    const [e] = events("Germany said that Greece must withdraw its troops.");
    expect(e).toMatchObject({ type: "REQUEST", actor: expect.objectContaining({ code: "DEU" }), recipient: expect.objectContaining({ code: "GRC" }), rule: expect.stringMatching(/\+must:REQUEST$/) });
  });
});

describe("predecessor states", () => {
  it("codes Moscow acting in 1956 as the Soviet government, and in 2019 as the Russian one", () => {
    expect(events("Moscow signed the declaration with Japan on October 19, 1956.")[0]).toMatchObject({ actor: expect.objectContaining({ code: "SUNGOV" }), date: "1956-10-19" });
    expect(events("Moscow signed the declaration with Japan on Monday.")[0]).toMatchObject({ actor: expect.objectContaining({ code: "RUSGOV" }) });
  });
});

describe("dates are never invented", () => {
  it("leaves a relative time unresolved without a publication date, with a warning", () => {
    const r = analyser.analyse("Two weeks ago Japan criticized China.", null);
    expect(r.events[0]).toMatchObject({ type: "ACCUSE", date: null, dateSource: null });
    // The times layer already says so ("times-unresolved"); the coder adds its own warning only for what it alone
    // refuses (arithmetic from an undated event).
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining([expect.stringMatching(/unresolved/)]));
  });

  it("does not date an event by arithmetic from an undated anchor", () => {
    const [e] = events("Japan and Russia signed the deal 74 years after the war ended.");
    expect(e!.date).toBeNull();
  });

  it("keeps background undated and historical, and history told with its year in that year", () => {
    expect(events("After the war, the Soviet Union seized the islands.")[0]).toMatchObject({ type: "COERCE", date: null, modality: "historical" });
    expect(events("In 1945 the Soviet Union seized the islands.")[0]).toMatchObject({ date: "1945", dateSource: "text", modality: "historical" });
  });

  it("dates no event after its article unless it is expected", () => {
    expect(events("Japan criticized China on March 3, 2025.")[0]!.date).toBeNull();
    expect(events("Japan is expected to meet China on March 3, 2025.")[0]).toMatchObject({ date: "2025-03-03", modality: "expected" });
    expect(events("Japan will meet China on March 3, 2025.")[0]).toMatchObject({ type: "AGREE", date: "2025-03-03" });
  });
});

describe("an article with history and a summit (as `parley extract` reads it)", () => {
  it("gives the 1945 seizure, the 1956 declaration and the summit of the publication week each its own date, and the summit its city on the map", async () => {
    const { readInputs } = await import("../ingest/index.js");
    const { createExtractor } = await import("../pipeline/extractor.js");
    const extractor = createExtractor();
    let record: ReturnType<typeof extractor.extract> | null = null;
    for await (const item of readInputs([join(import.meta.dirname, "__fixtures__", "moscow-summit.txt")])) if (item.kind === "article") record = extractor.extract(item.article);
    const evs = record!.events;
    const seizure = evs.find((e) => e.trigger?.text === "seized");
    expect(seizure).toMatchObject({ type: "COERCE", date: "1945-08", dateSource: "text", modality: "historical", actor: expect.objectContaining({ code: "SUN" }) });
    const declaration = evs.find((e) => e.trigger?.text === "signed");
    expect(declaration).toMatchObject({ type: "AGREE", date: "1956", modality: "historical" });
    expect(codes(declaration!.actors).sort()).toEqual(["JPN", "SUN"]);
    const summit = evs.find((e) => e.type === "CONSULT");
    expect(summit).toMatchObject({ date: "2019-01-22", dateSource: "text", location: expect.objectContaining({ text: "Moscow", name: "Moscow", country: "RUS", fips: "RS", featureType: "PPLC" }) });
    expect(summit!.location!.lat).toBeCloseTo(55.75, 1);
    expect(summit!.location!.lon).toBeCloseTo(37.62, 1);
    expect(codes(summit!.actors)).toEqual(["RUSGOV", "JPNGOV"]);
    // "After the war …" is background: undated, never the publication day.
    expect(evs.find((e) => e.trigger?.text === "deported")).toMatchObject({ date: null, modality: "historical" });
    // "the two leaders" are the two people met last, not the two states of 1956.
    expect(codes(evs.find((e) => e.trigger?.text === "agreed")!.actors)).toEqual(["RUSGOV", "JPNGOV"]);
    for (const e of evs) if (/1945|1956|after the war/i.test(record!.text.slice(e.evidence.start, e.evidence.end))) expect(e.date ?? "").not.toMatch(/^2019/);
  });
});

describe("event coder: long articles (issue 13)", () => {
  it("finds each sentence's paragraph by binary search, not a scan per sentence", async () => {
    const { buildDocument } = await import("../nlp/structure.js");
    const { tokenize } = await import("../pipeline/tokens.js");
    const { sentencesStage } = await import("../nlp/sentences.js");
    const { eventsStage } = await import("./coder.js");
    const record = buildDocument({ origin: "t", format: "text", paragraphs: Array.from({ length: 60_000 }, (_, i) => `Item ${i} was noted.`) }, {});
    const doc = { record, tokens: tokenize(record.text), anchorDate: null };
    sentencesStage({}).run(doc);
    const t0 = performance.now();
    eventsStage({}).run(doc);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(record.sentences.length).toBe(60_000);
  });
});

describe("predictions", () => {
  it("codes what is expected once, as the expected act, not as an act of expecting", () => {
    const lead = "Abe arrived in Moscow on Monday. ";
    for (const s of ["It is expected that he will hold more talks with Putin.", "He is expected to hold more talks with Putin."]) {
      const evs = events(lead + s).filter((e) => e.evidence.start > 0);
      expect(evs.map((e) => [e.type, e.modality])).toEqual([["CONSULT", "expected"]]);
      expect(evs[0]!.rule).not.toMatch(/PREDICT/);
      expect(codes(evs[0]!.recipients)).toEqual(["RUSGOV"]);
    }
  });

  it("codes what is agreed in a that-clause as the agreement's content, not as a second act", () => {
    const evs = events("Kenya and Uganda agreed that their countries should cooperate on trade.");
    expect(evs.map((e) => e.type)).toEqual(["AGREE"]);
  });

  it("gives an infinitive the subject of the verb it hangs on", () => {
    const [e] = events("Japan expects to sign a deal with Russia.");
    expect(e).toMatchObject({ type: "AGREE", modality: "expected", actor: expect.objectContaining({ code: "JPN" }), recipient: expect.objectContaining({ code: "RUS" }) });
  });
});

describe("recipients", () => {
  it("codes a visit towards the country its verb names when no place follows in or at", () => {
    expect(events("The Turkish president paid a visit to Greece.")[0]).toMatchObject({ type: "CONSULT", recipient: expect.objectContaining({ code: "GRC" }) });
    expect(events("Putin is expected to visit Japan next month.")[0]).toMatchObject({ modality: "expected", recipient: expect.objectContaining({ code: "JPN" }) });
  });

  it("puts a receiving party named without a country in the actor's state, but not a thing or a blow's target", () => {
    expect(events("Kenyan officials criticized Joseph Mwangi.")[0]!.recipient).toMatchObject({ code: "KEN", text: "Joseph Mwangi" });
    expect(events("Nigerian officials held talks with rebel leaders.")[0]!.recipient).toMatchObject({ code: "NGA" });
    expect(events("Chilean students protested on Monday.")[0]).toMatchObject({ type: "PROTEST", recipient: expect.objectContaining({ code: "CHL" }) });
    expect(events("Japan criticized the decision.")[0]!.recipient).toBeNull();
    expect(events("Indian troops fired on soldiers near the border.")[0]!.recipient).toBeNull();
  });

  it("reads a place after in/at across its modifiers, but not across a preposition or a gerund", () => {
    expect(events("French troops remained on alert in the occupied north of Mali.")[0]!.recipient).toMatchObject({ code: "MLI" });
    expect(events("Rebels attacked a police station in northern Mali.")[0]!.actor).toMatchObject({ code: "MLI" });
    expect(events("Japan held talks in secret with Russia.")[0]!.recipient).toMatchObject({ code: "RUS" });
  });
});

describe("actors from roles and common nouns", () => {
  it("codes a person by the demonym before the role, across its adjectives", () => {
    expect(events("Nigerian junior foreign minister Zorg Blint criticized Niger.")[0]!.actor).toMatchObject({ code: "NGAGOV" });
  });

  it("codes a name the dictionaries lack by the country of its apposition, else by the place of the act", () => {
    const [e] = events("Zorg Blint, Morocco's best-known human rights activist, accused the police of torture.");
    expect(e).toMatchObject({ type: "ACCUSE", actor: expect.objectContaining({ code: "MAR", text: "Zorg Blint" }) });
    expect(events("Zorg Blint, a Moroccan lawyer, accused Spain of torture.")[0]!.actor).toMatchObject({ code: "MAR" });
    expect(events("Zorg Blint threatened to impose a curfew in Lagos.")[0]!.actor).toMatchObject({ code: "NGA" });
    // Without either, the name keeps an empty code.
    expect(events("Zorg Blint threatened Ghana.")[0]!.actor).toMatchObject({ code: "" });
  });
});

describe("intents and documents (the sample articles' known wrong events)", () => {
  it("makes the subject of an intent in passive form (\"is prepared to\") its actor, the act intended, not done", () => {
    const [e] = events("Japanese Prime Minister Shinzo Abe is prepared to consider the possibility of concluding a peace treaty with Russia.");
    expect(e).toMatchObject({ type: "AGREE", modality: "expected", actor: expect.objectContaining({ code: "JPNGOV" }) });
    expect(codes(e!.recipients)).toEqual(["RUS"]);
    // A real passive keeps its subject on the receiving end: "was asked to" is asked by someone else.
    const [r] = events("Iraq was urged by the United Nations to withdraw its troops.");
    expect(r).toMatchObject({ type: "REQUEST", actor: expect.objectContaining({ code: "IGOUNO" }) });
  });

  it("codes one act for an intent phrase and the infinitive it governs (\"is ready to hold talks\")", () => {
    const all = events("Japanese Prime Minister Shinzo Abe is ready to hold talks with Russia.");
    expect(all.map((e) => e.type)).toEqual(["AGREE"]);
  });

  it("codes a document's content (\"a declaration on ending the war and restoring relations\") as no act, and its city as no party", () => {
    const all = events("The Soviet Union and Japan signed the Joint Declaration on ending the war between the two countries and restoring diplomatic and consular relations in Moscow on October 19, 1956.");
    expect(all.map((e) => e.type)).toEqual(["AGREE"]);
    expect(codes(all[0]!.actors)).toEqual(["SUN", "JPN"]);
    expect(all.flatMap((e) => e.recipients).map((x) => x.text)).not.toContain("Moscow");
  });
});

describe("one event per told act (PLOVER manual: protest topics, military moves, intents of force)", () => {
  it("does not code the topic of a protest (a demand under its verb) as a second event", () => {
    const all = events("Palestinian students rioted in Gaza on Monday, joining workers in demanding that Israel free Palestinian prisoners.");
    expect(all.map((e) => e.type)).toEqual(["PROTEST"]);
  });

  it("codes a move as MOBILIZE only of an armed body (CAMEO's 15x objects, armed Phoenix agents)", () => {
    expect(events("Saudi Arabia has mobilized pressure groups in the United States.")).toHaveLength(0);
    expect(events("The UN deployed inspectors to Iraq.")).toHaveLength(0);
    expect(events("Russia deployed tanks near the border.")[0]).toMatchObject({ type: "MOBILIZE" });
    expect(events("Israel mobilized reservists.")[0]).toMatchObject({ type: "MOBILIZE" });
    expect(events("US forces might be deployed on the islands.")[0]).toMatchObject({ type: "MOBILIZE" });
  });

  it("codes an intent to use force as a threat, not as an agreement, by the dictionary and by the word patterns", () => {
    expect(events("The Iraqi army prepared to attack Kuwait.")).toEqual([expect.objectContaining({ type: "THREATEN", cameo: "138" })]);
    const [v] = events("The Serbian army vowed to attack Kosovo.");
    expect(v).toMatchObject({ type: "THREATEN", cameo: "138", rule: expect.stringMatching(/\+intent:THREATEN$/) });
    expect(events("Japan promised to hold talks with Russia.")[0]).toMatchObject({ type: "AGREE" });
    // In passive form the subject still intends: actor, not recipient.
    const [p] = events("The Iraqi army is prepared to attack Kuwait.");
    expect(p).toMatchObject({ type: "THREATEN", modality: "expected", actor: expect.objectContaining({ code: "IRQMIL" }) });
  });
});

describe("types by who acts and what else the sentence tells (PLOVER manual ambiguities)", () => {
  it("codes a state's protest (the word) as a diplomatic ACCUSE, a people's protest as PROTEST", () => {
    expect(events("China protested to Japan over the visit.")[0]).toMatchObject({ type: "ACCUSE", cameo: "111", rule: expect.stringMatching(/\+diplomatic:ACCUSE$/) });
    expect(events("Thousands of students protested in Jakarta on Monday.")[0]).toMatchObject({ type: "PROTEST" });
  });

  it("codes a military move of two states together as COOPERATE, and a move told with a blow of the same side as the blow", () => {
    const [j] = events("Russia and China deployed warships in the Pacific.");
    expect(j).toMatchObject({ type: "COOPERATE", cameo: "062", rule: expect.stringMatching(/\+joint:COOPERATE$/) });
    expect(events("Turkey deployed troops on the border and shelled Kurdish rebels in Iraq.").map((e) => e.type)).toEqual(["ASSAULT"]);
  });

  it("codes one act for a coded phrase that is the object of a coded verb (\"launched joint exercises\")", () => {
    expect(events("French and Egyptian warships launched joint exercises in the Mediterranean.")).toHaveLength(1);
  });
});

describe("what a demand, refusal, threat or accusation is of, and conditions", () => {
  it("does not code an act inside a demand's or an accusation's content, however the parser hangs it", () => {
    expect(events("Egypt called on Israel to stop attacks on Gaza.").map((e) => e.type)).toEqual(["REQUEST"]);
    expect(events("Pakistan accused India of shelling villages in Kashmir.").map((e) => e.type)).toEqual(["ACCUSE"]);
    expect(events("Iraq rejected a US demand to allow inspectors into the country.").map((e) => e.type)).toEqual(["REJECT"]);
  });

  it("never codes the condition of an act, even when the act itself is not coded", () => {
    expect(events("The rebels threatened to kill the hostages unless Colombia freed their comrades.")).toHaveLength(0);
  });
});

describe("summits and meetings in real-style articles (not from a dev set)", () => {
  it("takes the last two people named for 'the two leaders' before any act of theirs was coded", () => {
    const text = "President Donald Trump and North Korean leader Kim Jong Un cut short their second summit on Thursday. The two leaders had met on Wednesday evening for a dinner in Hanoi.";
    const [e] = events(text, "2019-02-28").filter((x) => x.type === "CONSULT");
    expect(e).toMatchObject({ date: "2019-02-27" });
    expect(codes(e!.actors).sort()).toEqual(["PRKGOV", "USAGOV"]);
  });

  it("codes a meeting noun held by the verb's subject when the dictionary codes that verb with a meeting as a consultation", () => {
    const [ended] = events("Trump and Kim Jong Un ended their summit in Hanoi on Thursday.", "2019-02-28");
    expect(ended).toMatchObject({ type: "CONSULT", date: "2019-02-28", trigger: expect.objectContaining({ text: "summit" }) });
    expect(codes(ended!.actors).sort()).toEqual(["PRKGOV", "USAGOV"]);
    // A verb the dictionary codes otherwise with a meeting, or not at all: no meeting took place.
    for (const s of ["Trump and Kim Jong Un cancelled their summit.", "Trump and Kim Jong Un skipped the summit.", "Trump and Kim Jong Un postponed their summit."])
      expect(events(s, "2019-02-28").filter((x) => x.type === "CONSULT")).toEqual([]);
    // An act done at a meeting tells that the meeting took place, with the act's subject at it.
    const at = events("Putin said at the summit that Russia would help.", "2018-11-16").find((x) => x.type === "CONSULT");
    expect(at).toMatchObject({ trigger: expect.objectContaining({ text: "summit" }) });
    expect(codes(at!.actors)).toEqual(["RUSGOV"]);
    // A process, not a meeting ("agreed to speed up peace treaty talks" is the agreement).
    expect(events("Putin and Abe agreed to speed up peace treaty talks.", "2018-11-16").map((x) => x.type)).toEqual(["AGREE"]);
  });

  it("keeps a meeting's venue out of its parties: neither a recipient nor the country of a party the dictionaries lack", () => {
    const [talks] = events("Iran and world powers began talks in Vienna on Tuesday.", "2021-04-06");
    expect(talks).toMatchObject({ type: "CONSULT", location: expect.objectContaining({ name: "Vienna" }) });
    expect(codes(talks!.recipients)).not.toContain("AUT");
    const [met] = events("Trump and Zorg Blint met in Hanoi.", "2019-02-28");
    expect([...codes(met!.actors), ...codes(met!.recipients)]).not.toContain("VNM");
    // "The two delegations" are the pair last named, not the country they met in.
    const [, last] = events("Russian and Ukrainian negotiators met in Istanbul on Tuesday. The two delegations last met in person in Belarus on March 7.", "2022-03-29");
    expect(last).toMatchObject({ type: "CONSULT", date: "2022-03-07" });
    expect(codes(last!.actors).sort()).toEqual(["RUS", "UKR"]);
  });
});

describe("acts kept from happening", () => {
  it("codes no act in a gerund opened by 'from' under another verb (prevented from signing, refrained from attacking)", () => {
    const text = "Soviet troops seized the islands in 1945. The dispute has prevented the two countries from signing a peace treaty.";
    expect(events(text, "2018-11-14").map((e) => e.type)).toEqual(["COERCE"]);
    expect(events("Russia refrained from attacking Georgia.", "2018-11-14")).toEqual([]);
    expect(events("Japan and Russia signed a treaty in Moscow.", "2018-11-14").map((e) => e.type)).toEqual(["AGREE"]);
  });
});

describe("a pronoun joined to a named party", () => {
  it("takes the speaker for 'he' in 'he and Putin' inside reported speech", () => {
    const [e] = events("Shinzo Abe said he and Putin would meet again in Argentina.", "2018-11-14");
    expect(codes(e!.actors).sort()).toEqual(["JPNGOV", "RUSGOV"]);
  });
});

describe("the dictionary's words in a verb's frame", () => {
  it("codes a release only of something released (an object or a passive subject), and a suspension only by what CAMEO says is suspended", () => {
    const got = events("According to a Chilean government poll released Wednesday, support for the president rose.");
    expect(got.filter((e) => e.type === "RETREAT")).toEqual([]);
    expect(events("Chile released two Peruvian fishermen on Monday.")[0]).toMatchObject({ type: "RETREAT", rule: "data/events/patterns.yaml#retreat.release" });
    expect(events("Chile suspended trading in copper shares on Monday.")).toEqual([]);
    expect(events("Chile suspended aid to Peru on Monday.")[0]).toMatchObject({ type: "SANCTION", rule: expect.stringMatching(/cameo\.json#CANCEL\/- \* AID/) });
  });

  it("applies a pattern of prepositions alone only to the verb CAMEO wrote it for ('ruled … for ten years' is no trip)", () => {
    expect(events("The Peruvian president ruled the country for ten years.")).toEqual([]);
    const [e] = events("The Peruvian foreign minister left for Santiago on Monday for talks.");
    expect(e).toMatchObject({ type: "CONSULT", rule: "data/events/verb-patterns.yaml#DEPART_FOR/* (FOR) [042:043]", recipient: expect.objectContaining({ code: "CHLGOV" }) });
  });

  it("reads a bare preposition at a pattern's end ('- * TO [030]', written for 'headed to') as naming nothing: 'ordered the army to …' intends nothing", () => {
    expect(events("Peru's president ordered the army to guard the border.").filter((e) => e.rule.includes("- * TO [030]"))).toEqual([]);
  });

  it("codes a journey told by a preposition alone only to a party or place ('came to Lima', not 'came to power')", () => {
    expect(events("Peru's new government came to power in July.")).toEqual([]);
    expect(events("The Chilean foreign minister came to Lima on Monday.")[0]).toMatchObject({ type: "CONSULT", rule: "data/events/cameo.json#ARRIVE/- * (TO) [040]", recipient: expect.objectContaining({ code: "PER" }) });
  });

  it("reads a particle only on its own verb ('needed to find out' is not CAMEO's 'need … out', expel)", () => {
    expect(events("Seoul said it needed to find out the exact meaning of the remarks.", "2018-06-12")).toEqual([]);
  });
});

describe("dates and places from what the article has said", () => {
  it("dates what was done under a document named in lower case by the act that made it, never by the publication day", () => {
    const evs = events("In 1956, the two countries signed a joint declaration that ended the state of war.\n\nUnder the declaration, Moscow promised to return two of the islands once a treaty was signed.");
    const promise = evs.find((e) => e.trigger!.text === "promised");
    expect(promise).toMatchObject({ type: "AGREE", date: "1956", dateSource: "document", modality: "historical" });
    expect(promise!.actor.code).toBe("SUNGOV");
  });

  it("keeps a week's date on an act of last week (a week value is not after the article)", () => {
    const [e] = events("Russian Foreign Minister Sergei Lavrov last week accused Tokyo of distorting history.");
    expect(e).toMatchObject({ type: "ACCUSE", date: "2019-W03", dateSource: "text" });
  });

  it("places a meeting of the article's days at its dateline when the text gives no place, but not a telephone call", () => {
    // The structure stage finds datelines (its own tests); here the record is given one, as it would have found.
    const datelined = (text: string) =>
      analyser.analyse(text, "2019-01-22", undefined, (doc) => {
        doc.record.dateline = { place: "MOSCOW", date: null, agency: "AP", start: 0, end: 11 };
      }).events;
    const [m] = datelined("MOSCOW (AP) Japanese Prime Minister Shinzo Abe and Russian President Vladimir Putin held talks on Tuesday.");
    expect(m).toMatchObject({ type: "CONSULT", date: "2019-01-22", location: expect.objectContaining({ name: "Moscow", from: "dateline" }) });
    const [call] = datelined("MOSCOW (AP) Russian President Vladimir Putin spoke by phone with Japanese Prime Minister Shinzo Abe on Tuesday.");
    expect(call).toMatchObject({ type: "CONSULT", cameo: "041", location: null });
    // A meeting the text does not date to the article's days is not placed by the dateline either.
    const [undated] = datelined("MOSCOW (AP) Japanese Prime Minister Shinzo Abe and Russian President Vladimir Putin held talks.");
    expect(undated).toMatchObject({ type: "CONSULT", dateSource: "publication", location: null });
  });

  it("reads 'the two foreign ministers' as the pair's two states", () => {
    // The pair the article names together most, not the last pair: Japan and the United States signed in 1960.
    const evs = events(
      "Japanese Prime Minister Shinzo Abe met Russian President Vladimir Putin on Tuesday.\n\nRussia and Japan have held talks for decades. In 1960, Tokyo signed a security treaty with Washington.\n\nAbe said the two foreign ministers would meet again in February.",
    );
    // A meeting told in the future is AGREE (PLOVER manual, CONSULT: "References to future meetings … AGREE").
    const again = evs.find((e) => e.date === "2019-02");
    expect(again).toMatchObject({ type: "AGREE", rule: expect.stringMatching(/\+future:AGREE$/) });
    expect(codes(again!.actors).sort()).toEqual(["JPN", "RUS"]);
  });
});

describe("reports and acts", () => {
  it("reports only what an attribution tells as a proposition: an act or intent the tagger takes for one is told by the article", () => {
    // PolNeAR counts "was concluded …" as an attribution; its content is no one's words.
    const [a] = events("Under the declaration, which was concluded in Moscow on October 19, 1956, the Soviet Union agreed to hand over two islands to Japan.", "2018-11-16");
    expect(a).toMatchObject({ type: "AGREE", date: "1956-10-19", modality: "historical", quote: null });
    const [r] = events("Kyodo said on Tuesday that Russia had agreed to hand over two islands to Japan.");
    expect(r).toMatchObject({ type: "AGREE", modality: "reported" });
    expect(r!.source).toEqual(["Kyodo"]);
  });
});

describe("a participle's agent", () => {
  it("takes the agent of a passive participle on a noun as the actor, not the place named before it", () => {
    const evs = events("The agreement was signed after ten days of talks in the South African capital mediated by former Nigerian President Olusegun Obasanjo.", "2022-11-02");
    const mediated = evs.find((e) => e.trigger?.text === "mediated");
    expect(codes(mediated!.actors)).toEqual(["NGAGOV"]);
    expect(codes(mediated!.recipients)).not.toContain("ZAF");
  });
});

describe("an article of a document", () => {
  it("dates what a document's article holds by the document named before it", () => {
    const evs = events("The two countries signed the Joint Declaration on October 19, 1956.\n\nIn Article 9 the Soviet government agreed to hand over the island of Shikotan to Japan.", "2019-01-22");
    const art9 = evs.find((e) => e.trigger?.text === "agreed");
    expect(art9).toMatchObject({ date: "1956-10-19", dateSource: "document" });
  });
});
