/**
 * Converts the GDELT 2.0 reference tables in ../shared/datasets/gdelt/ into data/gdelt/:
 *   columns.json    the event table's 61 and the mentions table's 16 column names, in order (from its README)
 *   goldstein.json  CAMEO event code → Goldstein score (CAMEO.goldsteinscale.txt)
 *   countries.json  ISO 3166 alpha-3 → {fips, iso2, name} (GeoNames countryInfo.txt), for the FIPS 10-4 geo columns
 *   npx tsx scripts/convert-gdelt.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataset, REPO_ROOT } from "../src/eval/datasets.js";

const dir = dataset("gdelt");
if (!dir) throw new Error("../shared/datasets/gdelt not found");
const OUT = join(REPO_ROOT, "data", "gdelt");

const readme = readFileSync(join(dir, "README.md"), "utf8");
function columnsAfter(heading: string): string[] {
  const at = readme.indexOf(heading);
  if (at < 0) throw new Error(`README lacks ${heading}`);
  const block = readme.slice(at).split("\n\n")[1] ?? "";
  return block.split(/,\s*/).map((c) => c.trim()).filter(Boolean);
}
const events = columnsAfter("## The GDELT 2.0 event table");
const mentions = columnsAfter("## The GDELT 2.0 mentions table");
if (events.length !== 61 || mentions.length !== 16) throw new Error(`expected 61 and 16 columns, got ${events.length} and ${mentions.length}`);

const goldstein: Record<string, number> = {};
for (const line of readFileSync(join(dir, "CAMEO.goldsteinscale.txt"), "utf8").split(/\r?\n/).slice(1)) {
  const [code, score] = line.split("\t");
  if (code && score !== undefined && /^\d+$/.test(code.trim())) goldstein[code.trim()] = Number(score);
}

const countries: Record<string, { fips: string; iso2: string; name: string }> = {};
for (const line of readFileSync(join(dir, "geonames-countryInfo.txt"), "utf8").split(/\r?\n/)) {
  if (!line || line.startsWith("#")) continue;
  const c = line.split("\t");
  const [iso2, iso3, , fips, name] = c;
  if (iso3 && /^[A-Z]{3}$/.test(iso3)) countries[iso3] = { fips: fips ?? "", iso2: iso2 ?? "", name: name ?? "" };
}

writeFileSync(join(OUT, "columns.json"), JSON.stringify({ events, mentions }, null, 1) + "\n");
writeFileSync(join(OUT, "goldstein.json"), JSON.stringify(goldstein, null, 1) + "\n");
writeFileSync(join(OUT, "countries.json"), JSON.stringify(countries, null, 1) + "\n");
console.log(`${events.length} + ${mentions.length} columns, ${Object.keys(goldstein).length} Goldstein codes, ${Object.keys(countries).length} countries`);
