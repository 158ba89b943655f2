import { describe, expect, it } from "vitest";
import { gazetteer, normalise } from "./geo.js";

const geo = gazetteer();

describe("gazetteer", () => {
  it("places a country at its centroid with its ISO and FIPS codes", () => {
    expect(geo.resolve("Japan", null, new Set())).toMatchObject({ country: "JPN", fips: "JA", featureType: "country", resolvedBy: "country" });
    // "Georgia" names a country before any place.
    expect(geo.resolve("Georgia", null, new Set(["USA"]))).toMatchObject({ country: "GEO", resolvedBy: "country" });
  });

  it("resolves an ambiguous city by the entity's country, then the article's countries, then population", () => {
    expect(geo.resolve("Moscow", "RUS", new Set())).toMatchObject({ name: "Moscow", country: "RUS", admin1: "RU.48", featureType: "PPLC", resolvedBy: "city:entity-country" });
    expect(geo.resolve("Victoria", null, new Set(["USA"]))).toMatchObject({ country: "USA", admin1: "US.TX", resolvedBy: "city:article-country" });
    const v = geo.resolve("Victoria", null, new Set());
    expect(v).toMatchObject({ country: "CAN", resolvedBy: "city:population" });
    expect(v!.lat).toBeCloseTo(48.43, 1);
    expect(geo.loaded).toBe(true);
  });

  it("matches names with or without accents, and knows nothing of a made-up place", () => {
    expect(normalise("São Paulo")).toBe(normalise("Sao Paulo"));
    expect(geo.resolve("Sao Paulo", null, new Set())).toMatchObject({ country: "BRA" });
    expect(geo.resolve("Xqzzyville", null, new Set())).toBeNull();
  });
});
