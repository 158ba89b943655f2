/**
 * Builds data/geo/countries.json: one row per country with its ISO 3166 alpha-2 and alpha-3 codes, FIPS 10-4 code
 * and GeoNames id (GeoNames countryInfo.txt, CC BY 4.0: ../shared/datasets/gdelt/geonames-countryInfo.txt), and its
 * names and centroid (world-countries `latlng`). The geocoder (src/events/geo.ts) places a country-level location
 * at the centroid and gives GDELT-style FIPS codes. Run: npx tsx scripts/convert-countries.ts
 */
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataset, REPO_ROOT } from "../src/eval/datasets.js";

interface WorldCountry {
  cca2: string;
  cca3: string;
  name: { common: string; official: string };
  altSpellings: string[];
  latlng: [number, number];
}

const countries = createRequire(import.meta.url)("world-countries") as WorldCountry[];
const info = new Map<string, { fips: string; geonameId: number }>();
for (const line of readFileSync(join(dataset("gdelt") ?? "", "geonames-countryInfo.txt"), "utf8").split("\n")) {
  if (line.startsWith("#") || !line.trim()) continue;
  const f = line.split("\t");
  info.set(f[0]!, { fips: f[3] ?? "", geonameId: Number(f[16] ?? 0) });
}
const rows = countries.map((c) => ({
  iso2: c.cca2,
  iso3: c.cca3,
  name: c.name.common,
  names: [...new Set([c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3)])],
  fips: info.get(c.cca2)?.fips ?? "",
  geonameId: info.get(c.cca2)?.geonameId ?? 0,
  lat: c.latlng[0],
  lon: c.latlng[1],
}));
writeFileSync(join(REPO_ROOT, "data", "geo", "countries.json"), "[\n" + rows.map((r) => JSON.stringify(r)).join(",\n") + "\n]\n");
console.log(`${rows.length} countries, ${rows.filter((r) => r.fips).length} with FIPS codes`);
