/**
 * Converts the Phoenix/PETRARCH-2 actor and agent dictionaries (MIT, openeventdata/petrarch2; in
 * ../shared/datasets/phoenix-dictionaries) into Parley's actor format (data/actors/README.md):
 *   data/actors/phoenix/actors.jsonl   one actor per line: {name, type, aliases, codes: [{code, from?, to?}]}
 *   data/actors/phoenix/agents.json    role words → CAMEO sector ("prime minister" → "GOV", "rebel" → "REB")
 *   data/actors/predecessors.json      while a state was part of a dissolved one: [{code, predecessor, from?, to?, phoenix}]
 * Run: npx tsx scripts/convert-phoenix.ts [DIR]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataset, REPO_ROOT } from "../src/eval/datasets.js";

interface DatedCode {
  code: string;
  from?: string;
  to?: string;
}
interface Actor {
  name: string;
  type: "PERSON" | "ORG" | "GPE";
  aliases: string[];
  codes: DatedCode[];
}

const ORG_WORDS = /\b(PARTY|MINISTRY|ASSEMBLY|PARLIAMENT|COUNCIL|COMMITTEE|COMMISSION|FORCES?|ARMY|NAVY|POLICE|BANK|UNION|FRONT|MOVEMENT|ORGANI[SZ]ATION|AGENCY|COURT|GOVERNMENT|CONGRESS|SENATE|ASSOCIATION|FEDERATION|INSTITUTE|UNIVERSITY|COMPANY|CORPORATION|GROUP|BRIGADES?|GUARD|SERVICE|OFFICE|CABINET|KREMLIN|LEAGUE|FUND|PROGRAMME|PROGRAM|NATIONS|ALLIANCE|TRIBUNAL|DEPARTMENT|AUTHORITY|SECRETARIAT|REGIME|JUNTA|COALITION|NEWS|TIMES|DAILY|PRESS)\b/;

const LOWER = new Set(["of", "and", "the", "de", "la", "del", "al", "el", "von", "van", "der", "du", "le", "for", "in", "on"]);

/** "VLADIMIR_V._PUTIN_" → "Vladimir V. Putin"; a one-word name of up to three letters ("UN") stays upper case. */
export function displayName(raw: string): string {
  const words = raw.replace(/_+$/, "").split(/_+/).filter(Boolean);
  if (words.length === 1 && (words[0]!.length <= 3 || words[0]!.includes("."))) return words[0]!;
  return words
    .map((w, i) => (w.includes(".") && /^([A-Z]\.)+$/.test(w) ? w : i > 0 && LOWER.has(w.toLowerCase()) ? w.toLowerCase() : w.toLowerCase().replace(/(^|[-'])(\p{L})/gu, (m) => m.toUpperCase())))
    .join(" ");
}

/** Phoenix dates are YYMMDD (sometimes YYYYMMDD). */
function isoDate(d: string): string {
  if (d.length === 8) return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const yy = Number(d.slice(0, 2));
  return `${yy > 30 ? 1900 + yy : 2000 + yy}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
}

function parseCode(s: string): DatedCode | null {
  const m = /^\s*\[([A-Z~]{3,}[A-Z]*)\s*(?:([<>])?(\d{6,8}))?(?:-(\d{6,8}))?\]/.exec(s);
  if (!m) return null;
  const c: DatedCode = { code: m[1]!.replace(/^~/, "") };
  if (m[2] === ">") c.from = isoDate(m[3]!);
  else if (m[2] === "<") c.to = isoDate(m[3]!);
  else if (m[3]) {
    c.from = isoDate(m[3]);
    if (m[4]) c.to = isoDate(m[4]);
  }
  return c;
}

export function parseActors(text: string): Actor[] {
  const out: Actor[] = [];
  let cur: (Actor & { person: boolean }) | null = null;
  const flush = () => {
    if (cur && cur.codes.length) {
      const { person, ...a } = cur;
      a.type = a.codes.every((c) => c.code.length === 3) && !person ? "GPE" : person && !ORG_WORDS.test(a.name.toUpperCase()) ? "PERSON" : "ORG";
      // Phoenix writes a possessive without its apostrophe ("TIGRAY_PEOPLES_LIBERATION_FRONT"); news writes "People's",
      // and "people" is already plural, so its "Peoples" in a name is that possessive.
      const possessive = (n: string) => n.replace(/\bPeoples\b/g, "People's");
      a.aliases = [...new Set([...a.aliases, ...[a.name, ...a.aliases].map(possessive)].filter((x) => x !== a.name))];
      out.push(a);
    }
    cur = null;
  };
  for (const line of text.split("\n")) {
    const body = line.replace(/#.*$/, "").trimEnd();
    if (!body.trim()) continue;
    if (/^\s+\[/.test(body) || /^\[/.test(body)) {
      const c = parseCode(body);
      if (c && cur) cur.codes.push(c);
      continue;
    }
    if (body.startsWith("+")) {
      if (cur) cur.aliases.push(displayName(body.slice(1).trim()));
      continue;
    }
    flush();
    const m = /^([^\s[]+)\s*(\[.*\])?/.exec(body);
    if (!m) continue;
    cur = { name: displayName(m[1]!), type: "ORG", aliases: [], codes: [], person: /CountryInfo/.test(line) };
    if (m[2]) {
      const c = parseCode(m[2]);
      if (c) cur.codes.push(c);
    }
  }
  flush();
  return out;
}

/** Agents: "PRIME_MINISTER [~GOV]" → {"prime minister": "GOV"}, with !PERSON!-style macros expanded. */
/** PETRARCH's regular plural of a phrase's last word (dictionaries.rst): S, IES after a consonant + Y, ES after SS. */
function regularPlural(phrase: string): string {
  if (/ss$/.test(phrase)) return `${phrase}es`;
  if (/[^aeiou]y$/.test(phrase)) return `${phrase.slice(0, -1)}ies`;
  return `${phrase}s`;
}

export function parseAgents(text: string): Record<string, string> {
  const macros = new Map<string, string[]>();
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const body = line.replace(/#.*$/, "").trim();
    if (!body) continue;
    const macro = /^(![A-Z]+!)\s*=\s*(.+)$/.exec(body);
    if (macro) {
      macros.set(macro[1]!, macro[2]!.split(",").map((s) => s.trim().toLowerCase()));
      continue;
    }
    const m = /^([^[{]+?)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]+)\]/.exec(body);
    if (!m) continue;
    // dictionaries.rst, "Plurals": a regular plural is generated (S, IES after Y, ES after SS) unless the root ends
    // in "_" or a "{…}" follows it: "{}" means none ("POLICE {}"), "{ATTORNEYS_GENERAL}" gives the plural itself.
    const root = m[1]!.trim();
    const word = (w: string) => w.replace(/_+$/, "").toLowerCase().replace(/_/g, " ");
    const braces = m[2];
    const plurals = braces !== undefined ? braces.split(/\s+/).filter(Boolean).map(word) : root.endsWith("_") || root.includes("!") ? [] : [regularPlural(word(root))];
    let forms = [word(root), ...plurals];
    for (const [name, values] of macros) {
      const key = name.toLowerCase();
      forms = forms.flatMap((f) => (f.includes(key) ? values.map((v) => f.replace(key, v)) : [f]));
    }
    for (const f of forms) if (!f.includes("!")) out[f] ??= m[3]!;
  }
  return out;
}

/** A span in which a state was part of a dissolved one (data/actors/README.md, `predecessors.json`). */
export interface PredecessorSpan {
  code: string;
  predecessor: string;
  from?: string;
  to?: string;
  /** The Phoenix entry it was read from. */
  phoenix: string;
}

/**
 * Phoenix writes a state's time inside another as a dated code of the other's code followed by its own in the
 * state's entry ("SERBIA [SRB] … [YUGSRB <920427]", "RUSSIAN_SFSR [SUNRUS 19171109-19911225] [RUS 19911226-…]").
 * Only predecessors the historical list has as dissolved states (`dissolved`: SUN, YUG …) are taken: Phoenix's
 * other prefixes are not codes of any of its entries (USR in "USRUKR") or name states that still exist (ETH, SDN),
 * whose parties keep their own code.
 */
export function predecessorSpans(actors: readonly Actor[], dissolved: ReadonlySet<string>): PredecessorSpan[] {
  const out: PredecessorSpan[] = [];
  for (const a of actors) {
    const own = new Set(a.codes.map((c) => c.code).filter((c) => c.length === 3));
    for (const c of a.codes) {
      const [pre, code] = [c.code.slice(0, 3), c.code.slice(3)];
      if (c.code.length !== 6 || !own.has(code) || pre === code || !dissolved.has(pre) || (!c.from && !c.to)) continue;
      out.push({ code, predecessor: pre, ...(c.from ? { from: c.from } : {}), ...(c.to ? { to: c.to } : {}), phoenix: a.name });
    }
  }
  return out;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""));
if (isMain) {
  const dir = process.argv[2] ?? dataset("phoenix-dictionaries");
  if (!dir) throw new Error("phoenix-dictionaries not found: pass its folder");
  const actors = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"].flatMap((f) =>
    parseActors(readFileSync(join(dir, f), "latin1")),
  );
  const outDir = join(REPO_ROOT, "data", "actors", "phoenix");
  writeFileSync(join(outDir, "actors.jsonl"), actors.map((a) => JSON.stringify(a)).join("\n") + "\n");
  const agents = parseAgents(readFileSync(join(dir, "Phoenix.agents.txt"), "latin1"));
  writeFileSync(join(outDir, "agents.json"), JSON.stringify(agents, null, 0).replace(/,"/g, ',\n"') + "\n");
  // Dissolved states: the historical list's entries that name a successor other than themselves.
  const historical = JSON.parse(readFileSync(join(REPO_ROOT, "data", "actors", "historical.json"), "utf8")) as { codes: DatedCode[]; successor?: string }[];
  const dissolved = new Set(historical.filter((h) => h.successor && h.codes[0]!.code !== h.successor).map((h) => h.codes[0]!.code));
  const spans = predecessorSpans(actors, dissolved);
  writeFileSync(join(REPO_ROOT, "data", "actors", "predecessors.json"), `[\n${spans.map((x) => `  ${JSON.stringify(x)}`).join(",\n")}\n]\n`);
  console.log(`actors ${actors.length} (${actors.filter((a) => a.type === "PERSON").length} people), agents ${Object.keys(agents).length}`);
}
