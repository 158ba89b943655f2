/**
 * The actor gazetteer: every known name (actors, aliases, demonyms, capitals) in one token trie, compiled once per
 * process from the data files in data/actors/ (see its README) and the world-countries package. Lookups are by
 * lower-cased token sequence; the first source to claim a name wins, in this order: user dictionaries, current
 * office-holders and organisations, historical states, places, countries, then the converted Phoenix dictionaries.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../eval/datasets.js";
import type { EntityType } from "../../record/schema.js";
import { flattenTrie, plainAlloc, StringIndex } from "../../util/shared-tables.js";

export interface DatedCode {
  code: string;
  from?: string;
  to?: string;
  title?: string;
}

/** One actor as the data files describe it (data/actors/README.md). */
export interface Actor {
  name: string;
  type: EntityType;
  aliases?: string[];
  demonyms?: string[];
  codes: DatedCode[];
  /** A news agency: "the agency" can refer back to it. */
  agency?: boolean;
  /** A seat of power that stands for a government ("the Kremlin"). */
  seat?: boolean;
  /** For a country's capital: the country actor it stands for when used as a metonym. */
  capitalOf?: Actor;
  /** From a hand-kept or the user's dictionary (not world-countries or Phoenix): its type is trusted over the tagger's. */
  curated?: boolean;
}

/** A code of a person's, by the person's surname (Gazetteer.titled). */
interface Holder {
  country: string;
  sector: string;
  from?: string;
  to?: string;
  person: Actor;
}

export type NameKind = "name" | "alias" | "demonym" | "capital";
export interface GazEntry {
  actor: Actor;
  kind: NameKind;
}

/** A trie node while the gazetteer is built. */
interface Node {
  /** Null at a leaf: most nodes end a name, and an empty Map for each of them cost megabytes. */
  next: Map<string, Node> | null;
  entry?: GazEntry;
}

/**
 * A built trie of names: its edges (node, word) → child in typed arrays (util/shared-tables.ts), node 0 the root,
 * and the entry of the name that ends at each node. Several times smaller than the Maps it is built from, and
 * outside the heap the garbage collector walks.
 */
interface Names {
  edges: StringIndex;
  entries: (GazEntry | undefined)[];
}

function names(root: Node): Names {
  const { edges, nodes } = flattenTrie(root, (n) => n.next, plainAlloc);
  return { edges: new StringIndex(edges), entries: nodes.map((n) => n.entry) };
}

const DIR = join(REPO_ROOT, "data", "actors");
const require = createRequire(import.meta.url);

/** Splits a name into the lower-cased tokens the stage compares ("U.S." stays one token; hyphens split). */
export function nameKey(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[\s\-/]+/)
    // A possessive "'s" is left out, as the text's name tokens leave it out ("Lao People's Democratic Republic").
    .map((w) => w.replace(/['’]s$/u, "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, ""))
    .filter(Boolean);
}

interface CountryData {
  name: { common: string; official: string };
  unMember?: boolean;
  independent?: boolean;
  altSpellings: string[];
  cca3: string;
  capital: string[];
  demonyms?: { eng?: { m: string; f: string } };
}

// Short alternative spellings worth keeping (most two-letter codes such as "IN" or "AS" are ordinary words).
const SHORT_ALIASES = new Set(["US", "UK", "UAE", "USA", "PRC", "DPRK", "ROK", "KSA", "DRC"]);
const EXTRA_ALIASES: Record<string, string[]> = { USA: ["U.S.", "U.S.A.", "America", "United States"], GBR: ["Britain", "Great Britain", "U.K."], KOR: ["South Korea"], PRK: ["North Korea"], RUS: ["Russian Federation"] };

/**
 * The short form inside a formal name: world-countries gives some states only under their formal or new names
 * ("Türkiye", "Republic of Turkey"), while news writes the short form ("Turkey"). Only the plain state-form words
 * are taken off, so "Democratic Republic of the Congo" does not become "Congo", and a short form that another
 * country's name also contains is ambiguous and left out ("Republic of Korea" → "Korea" is North Korea's too,
 * "Republic of China" → "China").
 */
const STATE_FORM = /^(?:Republic|Kingdom|State|Commonwealth|Principality|Sultanate|Grand Duchy|Federation|Union) of (?!the )([A-Z][\p{L}-]+(?: [A-Z][\p{L}-]+)?)$/u;
export const shortForm = (name: string): string | null => STATE_FORM.exec(name)?.[1] ?? null;

export class Gazetteer {
  private root: Node = { next: new Map() };
  readonly roles = new Map<string, string>();
  private rolesRoot: Node = { next: new Map() };
  private readonly names: Names;
  private readonly roleNames: Names;
  readonly firstNames: Set<string>;
  readonly actors: Actor[] = [];
  private readonly aliasStoplist = new Set(readLines(join(DIR, "alias-stoplist.txt")));

  constructor(userFiles: string[] = []) {
    const roles = parse(readFileSync(join(DIR, "roles.yaml"), "utf8")) as Record<string, string>;
    const agents = JSON.parse(readFileSync(join(DIR, "phoenix", "agents.json"), "utf8")) as Record<string, string>;
    for (const [k, v] of Object.entries({ ...agents, ...roles })) {
      this.roles.set(k, v);
      this.insert(this.rolesRoot, nameKey(k), { actor: { name: k, type: "MISC", codes: [{ code: v }] }, kind: "name" });
    }
    const curated = (list: Actor[]) => list.map((a) => ({ ...a, curated: true }));
    for (const f of userFiles) this.addActors(curated(readActors(f)));
    this.addActors(curated(readActors(join(DIR, "current.json"))));
    this.addActors(curated(readActors(join(DIR, "historical.json"))));
    this.addActors(curated(readActors(join(DIR, "places.json"))));
    this.addCountries(require("world-countries") as CountryData[]);
    this.addActors(phoenixActors(), true);
    this.firstNames = new Set(readLines(join(DIR, "first-names.txt")).map((l) => l.toLowerCase()));
    this.names = names(this.root);
    this.roleNames = names(this.rolesRoot);
    // The Maps go: only the flattened tries are read from here on.
    this.root = this.rolesRoot = { next: null };
  }

  private insert(root: Node, key: string[], entry: GazEntry): void {
    if (key.length === 0) return;
    let node = root;
    for (const w of key) {
      const next: Map<string, Node> = (node.next ??= new Map());
      let n = next.get(w);
      if (!n) next.set(w, (n = { next: null }));
      node = n;
    }
    node.entry ??= entry;
  }

  private addActors(list: Actor[], phoenix = false): void {
    for (const a of list) {
      // Phoenix aliases that carry a role ("President Putin", the office "US President") would hide the role the text
      // states: roles are read from the text instead. Of an organisation only a government role is a title; its
      // other agent words are its name ("Tigray People's Liberation Front", "People's Liberation Army").
      const office = (w: string) => w === "president" || w === "minister" || this.roles.get(w) === "GOV";
      const titled = (x: string) => phoenix && nameKey(x).some((w) => office(w) || (a.type === "PERSON" && this.roles.has(w)));
      const aliases = (a.aliases ?? []).filter((x) => !titled(x));
      // They are kept apart, to name the country of a title and surname the text writes alone (titledCountry).
      if (a.type === "PERSON") for (const x of (a.aliases ?? []).filter(titled)) this.titledAliases.set(nameKey(x).join(" "), [...(this.titledAliases.get(nameKey(x).join(" ")) ?? []), a]);
      // Countries come from world-countries; Phoenix's entries coded as a bare country ("Bosnia" → BIH) are its aliases.
      if (phoenix && (a.type === "GPE" || (a.type !== "PERSON" && a.codes[0]?.code.length === 3))) continue;
      this.actors.push(a);
      this.insert(this.root, nameKey(a.name), { actor: a, kind: "name" });
      for (const x of aliases) this.insert(this.root, nameKey(x), { actor: a, kind: "alias" });
      for (const d of a.demonyms ?? []) this.insert(this.root, nameKey(d), { actor: a, kind: "demonym" });
    }
  }

  private addCountries(countries: CountryData[]): void {
    // Sovereign states first: "French" and "American" are also demonyms of territories (the French Southern Lands,
    // the Northern Mariana Islands), and the first country to claim a name keeps it.
    const rank = (c: CountryData) => (c.unMember ? 0 : c.independent ? 1 : 2);
    const names = countries.map((c) => ` ${c.name.common} ${c.name.official} `);
    const unambiguous = (c: CountryData) => (short: string) => names.every((n, i) => countries[i] === c || !n.includes(` ${short} `));
    for (const c of [...countries].sort((a, b) => rank(a) - rank(b))) {
      const a: Actor = { name: c.name.common, type: "GPE", codes: [{ code: c.cca3 }] };
      this.actors.push(a);
      this.insert(this.root, nameKey(a.name), { actor: a, kind: "name" });
      const aliases = [
        c.name.official,
        ...c.altSpellings.filter((s) => (s.length > 3 || SHORT_ALIASES.has(s)) && !this.aliasStoplist.has(s)),
        ...(EXTRA_ALIASES[c.cca3] ?? []),
      ];
      aliases.push(...aliases.map(shortForm).filter((x): x is string => x !== null && unambiguous(c)(x)));
      for (const x of aliases) this.insert(this.root, nameKey(x), { actor: a, kind: "alias" });
      const dem = c.demonyms?.eng;
      // Demonyms and their plurals ("Palestinians", "Iraqis") name the country's people or side.
      // "Bosnian, Herzegovinian" lists two demonyms.
      const demonyms = dem ? [dem.m, dem.f].flatMap((d) => d.split(/,\s*/)) : [];
      for (const d of new Set(demonyms.flatMap((d) => [d, d.endsWith("s") ? d : `${d}s`]))) this.insert(this.root, nameKey(d), { actor: a, kind: "demonym" });
      for (const capital of c.capital ?? []) {
        const cap = capital.replace(/,?\s+D\.C\.$/, ""); // "Washington D.C." is written "Washington"
        const city: Actor = { name: cap, type: "GPE", codes: [{ code: c.cca3 }], capitalOf: a };
        this.insert(this.root, nameKey(cap), { actor: city, kind: "capital" });
      }
    }
  }

  /** Longest known name starting at `keys[i]`: its length in tokens and entry, or null. */
  match(keys: readonly string[], i: number, names: Names = this.names): { length: number; entry: GazEntry } | null {
    let node = 0;
    // The longest so far as two variables: one result object at the end, not one per shorter name passed.
    let length = 0;
    let entry: GazEntry | undefined;
    for (let j = i; j < keys.length; j++) {
      node = names.edges.get(node, keys[j]!) ?? -1;
      if (node < 0) break;
      const e = names.entries[node];
      if (e) {
        length = j - i + 1;
        entry = e;
      }
    }
    return entry ? { length, entry } : null;
  }

  /** Phoenix people by their aliases that carry a title ("president bush" → George Bush, George W. Bush). */
  private readonly titledAliases = new Map<string, Actor[]>();
  private surnameIndex: Map<string, Holder[]> | null = null;
  /**
   * The person and country a title and a surname alone name ("President Bush", "Prime Minister Blair"): the text
   * gives the role, the dictionaries the country. The people are those Phoenix lists with that very alias
   * ("President Bush" is George Bush's and George W. Bush's), else the dictionaries' people of that surname; of
   * their codes of the title's sector, those held on `date` are taken, else all of them. They must share one
   * country, or the name stays uncoded (a surname shared by office-holders of two states is not resolved); the
   * person is given only when one remains.
   */
  titled(title: string, surname: string, sector: string, date: string | null): { country: string; person?: Actor } | undefined {
    this.surnameIndex ??= this.buildSurnameIndex();
    const people = this.titledAliases.get([...nameKey(title), surname].join(" "));
    const all = (this.surnameIndex.get(surname) ?? []).filter((h) => h.sector === sector && (!people || people.includes(h.person)));
    const covering = date ? all.filter((h) => (h.from || h.to) && (!h.from || h.from <= date) && (!h.to || date <= h.to)) : [];
    const holders = covering.length ? covering : all;
    const countries = new Set(holders.map((h) => h.country));
    if (countries.size !== 1) return undefined;
    const persons = new Set(holders.map((h) => h.person));
    return { country: [...countries][0]!, ...(persons.size === 1 ? { person: [...persons][0]! } : {}) };
  }

  private buildSurnameIndex() {
    const index = new Map<string, Holder[]>();
    for (const a of this.actors) {
      if (a.type !== "PERSON") continue;
      const surname = nameKey(a.name).at(-1);
      if (!surname) continue;
      for (const c of a.codes) {
        if (!/^[A-Z]{6}/.test(c.code) || /^(?:IGO|NGO|MNC|IMG)/.test(c.code)) continue;
        const list = index.get(surname) ?? [];
        list.push({ country: c.code.slice(0, 3), sector: c.code.slice(3, 6), ...(c.from ? { from: c.from } : {}), ...(c.to ? { to: c.to } : {}), person: a });
        index.set(surname, list);
      }
    }
    return index;
  }

  /** Longest role phrase ("prime minister", "spokesman") starting at `keys[i]`, with its sector. */
  matchRole(keys: readonly string[], i: number): { length: number; sector: string } | null {
    const m = this.match(keys, i, this.roleNames);
    return m ? { length: m.length, sector: m.entry.actor.codes[0]!.code } : null;
  }
}

/** Non-empty lines of a word-list file, without # comments. */
function readLines(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

let phoenix: Actor[] | null = null;

/** The converted Phoenix actors (data/actors/phoenix/actors.jsonl), parsed once per process and shared (read-only). */
export function phoenixActors(): Actor[] {
  return (phoenix ??= readActors(join(DIR, "phoenix", "actors.jsonl")));
}

function readActors(path: string): Actor[] {
  const text = readFileSync(path, "utf8");
  const list: unknown = path.endsWith(".jsonl")
    ? text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as unknown)
    : path.endsWith(".yaml") || path.endsWith(".yml")
      ? parse(text)
      : JSON.parse(text);
  const bad = Array.isArray(list) ? list.findIndex((a: Partial<Actor>) => typeof a?.name !== "string" || !a.type || !Array.isArray(a.codes)) : 0;
  if (bad >= 0) throw new Error(`actor dictionary ${path}: entry ${bad + 1} needs name, type and codes (see data/actors/README.md)`);
  return list as Actor[];
}

/** The code an actor held on `date` (YYYY-MM-DD): a dated code covering it, else an undated one, else the latest. */
export function codeAt(codes: readonly DatedCode[], date: string | null): DatedCode | undefined {
  if (date) {
    const covering = codes.filter((c) => (c.from || c.to) && (!c.from || c.from <= date) && (!c.to || date <= c.to));
    if (covering.length) return covering[covering.length - 1];
  }
  return codes.find((c) => !c.from && !c.to) ?? codes[codes.length - 1];
}
