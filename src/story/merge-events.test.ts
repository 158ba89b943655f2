import { describe, expect, it } from "vitest";
import type { MentionInput } from "./mentions.js";
import { groupMentions, independentSources, mergeMentions } from "./merge-events.js";

let n = 0;
/** A mention as an article's event gives it; each field can be set. */
function m(over: Partial<MentionInput>): MentionInput {
  n++;
  return {
    article: "a1", event: `ev${n}`, start: n * 10, end: n * 10 + 5, source: [], publisher: "TASS", published: "2018-11-16", url: null,
    modality: "asserted", date: "2018-11-14", dateSource: "text", kind: "event", copyGroup: over.article ?? "a1", type: "AGREE",
    actors: ["RUSGOV"], recipients: ["JPNGOV"], location: null, documents: [], triggerStem: "agre", numbers: {}, order: n, text: `mention ${n}`,
    ...over,
  };
}

describe("story events", () => {
  it("merges mentions of one event across articles, taking the most precise date and the parties' union", () => {
    const [e, ...rest] = mergeMentions([
      m({ article: "a1", date: "2018-11", actors: ["RUS"], recipients: ["JPN"] }),
      m({ article: "a2", publisher: "Kyodo", date: "2018-11-14", actors: ["RUSGOV", "JPNGOV"], recipients: [] }),
    ]);
    expect(rest).toHaveLength(0);
    expect(e!.date).toBe("2018-11-14");
    expect(e!.precision).toBe("day");
    expect(e!.actors).toEqual(expect.arrayContaining(["RUS", "RUSGOV", "JPNGOV"]));
    expect(e!.corroboration).toEqual({ articles: 2, sources: 2, mentions: 2 });
  });

  it("joins a later article's undated telling of a past act to the event another dates, within a month, told with the same verb", () => {
    const dated = m({ article: "a1", published: "2018-06-12", date: "2018-06-12", triggerStem: "sign", actors: ["USAGOV", "PRKGOV"], recipients: [] });
    const later = { article: "a2", publisher: "Reuters", date: "2018-07", dateSource: "publication" as const, triggerStem: "sign", actors: ["USAGOV", "PRKGOV"], recipients: [] };
    const [e, ...rest] = mergeMentions([dated, m({ ...later, published: "2018-07-06" })]);
    expect(rest).toHaveLength(0);
    expect(e!.date).toBe("2018-06-12");
    expect(e!.corroboration.articles).toBe(2);
    // Two months on, another verb, or expected: not the same telling.
    expect(mergeMentions([dated, m({ ...later, date: "2018-08", published: "2018-08-20" })])).toHaveLength(2);
    expect(mergeMentions([dated, m({ ...later, published: "2018-07-06", triggerStem: "agre" })])).toHaveLength(2);
    expect(mergeMentions([dated, m({ ...later, published: "2018-07-06", modality: "expected" })])).toHaveLength(2);
  });

  it("keeps the strongest modality and lists the others", () => {
    const [e] = mergeMentions([m({ article: "a1", modality: "reported", source: ["Kyodo"] }), m({ article: "a2", modality: "asserted" }), m({ article: "a3", modality: "hedged" })]);
    expect(e!.modality).toBe("asserted");
    expect(e!.modalities).toEqual(["asserted", "reported", "hedged"]);
  });

  it("keeps apart different types, parties, incompatible dates, and what is expected from what happened", () => {
    const out = mergeMentions([
      m({}),
      m({ type: "CONSULT", triggerStem: "meet" }),
      m({ actors: ["USAGOV"], recipients: ["PRKGOV"] }),
      m({ date: "2018-12-01" }),
      m({ modality: "expected" }),
    ]);
    expect(out).toHaveLength(5);
    expect(out.find((e) => e.modality === "expected")!.future).toBe(true);
  });

  it("needs the same verb when neither mention dates the event from its text", () => {
    const out = mergeMentions([
      m({ date: "2019-01-22", dateSource: "publication", triggerStem: "consid", type: "CONSULT" }),
      m({ date: "2019-01-22", dateSource: "publication", triggerStem: "hold", type: "CONSULT" }),
      m({ article: "a2", date: "2019-01-22", dateSource: "publication", triggerStem: "consid", type: "CONSULT" }),
    ]);
    expect(out.map((e) => e.corroboration.mentions).sort()).toEqual([1, 2]);
  });

  it("marks history told in passing as background", () => {
    const [old] = mergeMentions([m({ date: "1956-10-19", published: "2018-11-16", modality: "asserted" })]);
    expect(old!.background).toBe(true);
    const [hist] = mergeMentions([m({ date: "2018-11", modality: "historical" })]);
    expect(hist!.background).toBe(true);
    const [recent] = mergeMentions([m({ date: "2018-11" })]);
    expect(recent!.background).toBe(false);
  });

  it("flags contradictions with each version and its sources: dates, numbers, places, denial, outcome", () => {
    const place = (name: string) => ({ text: name, code: name === "Singapore" ? "SGP" : "VNM" });
    const [d] = mergeMentions([
      m({ article: "a1", date: "2018-11-14", location: place("Singapore") }),
      m({ article: "a2", publisher: "AFP", date: "2018-11-15", location: place("Singapore") }),
    ]);
    expect(d!.contradictions.map((c) => c.kind)).toEqual(["date"]);
    expect(d!.contradictions[0]!.versions.map((v) => v.value).sort()).toEqual(["2018-11-14", "2018-11-15"]);
    // Another act of the same visit a day later is another event, not a contradiction ("arrived in Moscow on
    // Monday", "held talks on Tuesday").
    const visit = mergeMentions([
      m({ article: "a1", type: "CONSULT", mode: "visit", triggerStem: "arriv", date: "2019-01-21", location: place("Moscow") }),
      m({ article: "a2", publisher: "AP", type: "CONSULT", triggerStem: "talk", date: "2019-01-22", location: place("Moscow") }),
    ]);
    expect(visit).toHaveLength(2);
    expect(visit.flatMap((e) => e.contradictions)).toEqual([]);
    const [num] = mergeMentions([m({ article: "a1", numbers: { island: "2" } }), m({ article: "a2", publisher: "AFP", numbers: { island: "4" } })]);
    expect(num!.contradictions).toEqual([
      { kind: "number", versions: [{ value: "2 island", mentions: [0], sources: 1 }, { value: "4 island", mentions: [1], sources: 1 }] },
    ]);
    const [pl] = mergeMentions([m({ article: "a1", location: place("Singapore") }), m({ article: "a2", publisher: "AFP", location: place("Hanoi") })]);
    expect(pl!.contradictions.map((c) => c.kind)).toEqual(["place"]);
    // A country told as the place is where the city is: one event, no contradiction ("the Austrian capital", Vienna).
    const vienna = { text: "Vienna", name: "Vienna", code: "AUT", country: "AUT", geonameId: 2761369, featureType: "PPLC" };
    const austria = { text: "Austrian", name: "Austria", code: "AUT", country: "AUT", geonameId: 2782113, featureType: "country" };
    const within = mergeMentions([m({ article: "a1", location: vienna }), m({ article: "a2", publisher: "AFP", location: austria })]);
    expect(within).toHaveLength(1);
    expect(within[0]!.contradictions).toEqual([]);
    const [neg] = mergeMentions([m({ article: "a1" }), m({ article: "a2", publisher: "AFP", modality: "negated" })]);
    expect(neg!.contradictions.map((c) => c.kind)).toEqual(["polarity"]);
    expect(neg!.modality).toBe("asserted");
    const [out] = mergeMentions([m({ article: "a1", actors: ["RUS"], recipients: ["JPN"] }), m({ article: "a2", publisher: "AFP", type: "REJECT", actors: ["RUS"], recipients: ["JPN"] })]);
    expect(out!.contradictions.map((c) => c.kind)).toEqual(["outcome"]);
  });

  it("lets a dated document corroborate the event that made it, never start one", () => {
    const out = mergeMentions([
      m({ article: "a1", date: "1956-10-19", type: "AGREE", documents: ["joint declaration"], actors: ["SUN"], recipients: ["JPN"] }),
      m({ article: "a2", kind: "document", type: "", date: "1956-10-19", documents: ["joint declaration"], actors: [], recipients: [] }),
      m({ article: "a3", kind: "document", type: "", date: "1960", documents: ["other treaty"], actors: [], recipients: [] }),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]!.corroboration.articles).toBe(2);
    expect(out[0]!.mentions.map((x) => x.kind)).toEqual(["event", "document"]);
  });

  it("is order-free: the same mentions in any order give the same events", () => {
    const ms = [m({ article: "a1", date: "2018-11" }), m({ article: "a2", date: "2018-11-14" }), m({ type: "CONSULT", triggerStem: "meet" }), m({ date: "1956" })];
    const a = JSON.stringify(mergeMentions(ms).map((e) => e.mentions.map((x) => x.event).sort()).sort());
    const b = JSON.stringify(mergeMentions([...ms].reverse()).map((e) => e.mentions.map((x) => x.event).sort()).sort());
    expect(a).toBe(b);
  });

  it("groups mentions without drafting, each group listing its mentions as its drafted event does", () => {
    const ms = [
      m({ article: "a2", published: "2018-11-17", date: "2018-11" }),
      m({ article: "a1", date: "2018-11-14" }),
      m({ article: "a3", published: "2018-11-15", date: "2018-11-14", publisher: "Kyodo" }),
      m({ type: "CONSULT", triggerStem: "meet" }),
      m({ article: "a3", kind: "document", type: "", date: "1956-10-19", documents: ["joint declaration"], actors: [], recipients: [] }),
    ];
    const groups = groupMentions(ms);
    const drafted = mergeMentions(ms);
    expect(groups).toHaveLength(drafted.length);
    const key = (x: { article: string; event: string; kind: string }) => `${x.article} ${x.event} ${x.kind}`;
    groups.forEach((g, i) => {
      expect(g.mentions.map(key)).toEqual(drafted[i]!.mentions.map(key));
      expect(g.draft()).toEqual(drafted[i]);
    });
    // By publication, then article: a3 (15th), a1 (16th), a2 (17th).
    expect(groups[0]!.mentions.map((x) => x.article)).toEqual(["a3", "a1", "a2"]);
  });

  it("counts copies and one outlet once as independent sources", () => {
    const x = (article: string, copyGroup: string, publisher: string | null) => ({ article, copyGroup, publisher, url: null });
    expect(independentSources([x("a", "a", "AFP"), x("b", "a", "Yahoo"), x("c", "c", "AFP"), x("d", "d", "TASS")])).toBe(2);
    expect(independentSources([x("a", "a", null), x("b", "b", null)])).toBe(2);
  });
});
