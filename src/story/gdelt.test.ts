import { describe, expect, it } from "vitest";
import { actorColumns, gdeltEventRow, gdeltMentionRows, gdeltTables, geoColumns, timestamp } from "./gdelt.js";
import type { StoryEvent } from "./types.js";

const event = (over: Partial<StoryEvent> = {}): StoryEvent => ({
  id: 42, story: 1, date: "2018-11-14", precision: "day", dateFrom: "2018-11-14", dateTo: "2018-11-14", type: "CONSULT", mode: "meet",
  cameo: "040", quadClass: 1, actors: ["RUSGOV", "JPNGOV"], recipients: ["JPNGOV", "RUSGOV"], location: null, modality: "asserted",
  modalities: ["asserted"], background: false, future: false, corroboration: { articles: 2, sources: 2, mentions: 3 }, contradictions: [],
  summary: "Putin and Abe met in Singapore.", firstSeen: "2026-12-01T08:05:09.123Z", updated: "2026-12-01T08:05:09.123Z",
  mentions: [
    { article: "a1", event: "ev1", start: 10, end: 60, source: [], publisher: "TASS", published: "2018-11-15", url: "https://tass.com/x", modality: "asserted", date: "2018-11-14", dateSource: "text", kind: "event", copyGroup: "a1", actorCode: "RUSGOV", actorText: "Vladimir Putin", actorStart: 10, recipientCode: "JPNGOV", recipientText: "Shinzo Abe", recipientStart: 25, trigger: { start: 40, end: 43, text: "met" }, sentence: 0, lead: true, docLength: 900 },
    { article: "a2", event: "ev4", start: 100, end: 150, source: ["Kyodo"], publisher: "AFP", published: "2018-11-16", url: "https://afp.com/y", modality: "reported", date: "2018-11", dateSource: "text", kind: "event", copyGroup: "a2", sentence: 3, docLength: 1200 },
  ],
  ...over,
});

describe("GDELT 2.0 tables", () => {
  it("has GDELT's 61 event and 16 mention columns and its lookup tables", () => {
    const t = gdeltTables();
    expect(t.columns.events).toHaveLength(61);
    expect(t.columns.mentions).toHaveLength(16);
    expect(t.countries.RUS!.fips).toBe("RS");
    expect(t.countries.JPN!.fips).toBe("JA");
    expect(t.goldstein["040"]).toBeTypeOf("number");
  });

  it("splits actor codes into country, group and type columns", () => {
    expect(actorColumns("RUSGOV", "Putin")).toEqual(["RUSGOV", "PUTIN", "RUS", "", "", "", "", "GOV", "", ""]);
    expect(actorColumns("IGOUNO", "UN")).toEqual(["IGOUNO", "UN", "", "UNO", "", "", "", "IGO", "", ""]);
    expect(actorColumns("USAMILGOV", "x").slice(7)).toEqual(["MIL", "GOV", ""]);
    expect(actorColumns("SUN", "Soviet Union")[2]).toBe("SUN");
  });

  it("fills the geo columns from geocoded locations with FIPS codes, and from a country code alone", () => {
    expect(geoColumns({ text: "Moscow", name: "Moscow", country: "RUS", admin1: "48", lat: 55.75, lon: 37.62, geonameId: 524901, featureType: "PPLC" })).toEqual(["4", "Moscow, Russia", "RS", "RS48", "", "55.75", "37.62", "524901"]);
    expect(geoColumns({ text: "Japan", code: "JPN" })).toEqual(["1", "Japan", "JA", "JA", "", "", "", ""]);
    expect(geoColumns(null)[0]).toBe("0");
  });

  it("writes one row per story event with GDELT's conventions", () => {
    const row = gdeltEventRow(event({ location: { text: "Singapore", code: "SGP" } })).split("\t");
    const col = (n: string) => row[gdeltTables().columns.events.indexOf(n)];
    expect(row).toHaveLength(61);
    expect([col("GLOBALEVENTID"), col("SQLDATE"), col("MonthYear"), col("Year")]).toEqual(["42", "20181114", "201811", "2018"]);
    expect(col("FractionDate")).toBe((2018 + 318 / 365).toFixed(4));
    expect([col("Actor1Code"), col("Actor1Name"), col("Actor2Code"), col("Actor2Name")]).toEqual(["RUSGOV", "VLADIMIR PUTIN", "JPNGOV", "SHINZO ABE"]);
    expect([col("IsRootEvent"), col("EventCode"), col("EventBaseCode"), col("EventRootCode")]).toEqual(["1", "040", "040", "04"]);
    expect([col("NumMentions"), col("NumSources"), col("NumArticles")]).toEqual(["3", "2", "2"]);
    expect([col("ActionGeo_Type"), col("ActionGeo_CountryCode")]).toEqual(["1", "SN"]);
    expect(col("DATEADDED")).toBe("20261201080509");
    expect(col("SOURCEURL")).toBe("https://tass.com/x");
    const partial = gdeltEventRow(event({ date: "1960", precision: "year", dateFrom: "1960-01-01", dateTo: "1960-12-31" })).split("\t");
    expect(partial[1]).toBe("19600101");
  });

  it("writes one mention row per telling, with Parley's offsets", () => {
    const [a, b] = gdeltMentionRows(event()).map((r) => r.split("\t"));
    expect(a).toEqual(["42", "20261201080509", "20181115000000", "1", "tass.com", "https://tass.com/x", "1", "10", "25", "40", "1", "100", "900", "0", "", ""]);
    expect(b!.slice(6, 12)).toEqual(["4", "-1", "-1", "100", "1", "80"]);
    expect(timestamp("2026-12-01T08:05:09Z")).toBe("20261201080509");
  });
});
