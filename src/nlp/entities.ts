/**
 * The entities stage: people, organisations, places, states and documents, each with every mention, and CAMEO-style
 * actor codes. Names come from the gazetteer (data/actors/, world-countries, converted Phoenix dictionaries) and
 * from capitalised spans typed by context; roles stated in the article ("Kremlin Spokesman Dmitry Peskov") win over
 * dictionary entries; capitals and seats of power used as actors are metonyms of their governments; role nouns
 * ("the Russian presidential spokesman"), "the agency" and "the declaration" are resolved to earlier mentions.
 */
import type { Entity, EntityType, Mention } from "../record/schema.js";
import { lastBefore, lowerBound } from "../pipeline/spans.js";
import { tokenIndexAt } from "../pipeline/tokens.js";
import type { Doc, StageFactory } from "../pipeline/types.js";
import { resolveReferences } from "./entities/coref.js";
import { linkNameParts } from "./entities/name-parts.js";
import { findDocuments } from "./entities/documents.js";
import { codeAt, Gazetteer, type Actor } from "./entities/gazetteer.js";
import { nameTokens, type NameToken } from "./entities/tokens.js";
import { loadTagger, type NerSpan } from "./ner/tagger.js";
import { typeUnknown, SKIP_WORDS } from "./entities/unknown.js";
import { reconcile } from "./entities/reconcile.js";
import { loadLexicon } from "./ner/lexicon.js";

/** A mention found in the text, before mentions are grouped into entities. */
export interface Candidate {
  start: number;
  end: number;
  /** Which referent: the same key means the same entity. */
  key: string;
  name: string;
  type: EntityType;
  kind: NonNullable<Mention["kind"]>;
  actor?: Actor;
  /** Role and code read from the article's own words. */
  /** A role stated beside the name: its words, its CAMEO sector, and its code when the text also names the country
   * (or, for a title before a surname alone, the dictionaries do: `countryFrom`). */
  role?: { text: string; sector?: string; code?: string; countryFrom?: "dictionary" };
  /** Last token of a person's name, for surname references. */
  surname?: string;
  /**
   * The country a wider name's own words place it in: a demonym or country the rules found inside a name the tagger
   * read whole ("Serbian" in "Serbian Workers' Union", "Iraqi" in "Iraqi Kurds"). It gives the entity's `country`.
   */
  placedIn?: Actor;
}

// Words before a capital that make it the place where something happens rather than the government acting.
const PLACE_WORDS = new Set(["in", "at", "from", "near", "into", "outside", "inside", "via", "across", "toward", "towards", "visited", "visiting", "reached", "left"]);
// "to" makes a place only after a word of travel ("a visit to Moscow"); "handed over to Tokyo" is the government.
const TRAVEL_WORDS = new Set(["visit", "trip", "travel", "travelled", "traveled", "flew", "came", "went", "return", "returned", "arrived", "way", "journey", "moved"]);

// Words that end a noun phrase's run of modifiers: a role after them is not qualified by what stands before.
const FUNCTION_WORDS = new Set(["of", "and", "or", "the", "a", "an", "in", "at", "to", "for", "with", "from", "by", "on", "as", "said", "says", "and", "but", "that", "who", "which", "is", "was", "are", "were", "has", "had", "have", "will", "would"]);
const NER_TYPE: Record<NerSpan["type"], EntityType> = { PER: "PERSON", ORG: "ORG", LOC: "LOC", MISC: "MISC" };

/** The tagged span covering `offset`, by binary search over spans sorted by start. */
function nerCovering(ner: readonly NerSpan[], offset: number): NerSpan | undefined {
  const i = lowerBound(ner, offset + 1) - 1;
  const n = i >= 0 ? ner[i] : undefined;
  return n && n.end > offset ? n : undefined;
}

export const entitiesStage: StageFactory = (env) => {
  const gaz = new Gazetteer(env.userDictionaries ?? []);
  const tagger = loadTagger();
  const lexicon = loadLexicon();
  return {
    name: "entities",
    run(doc: Doc) {
      const { record, tokens } = doc;
      const text = record.text;
      const date = doc.anchorDate;
      const cands: Candidate[] = [];
      const sentences = record.sentences.length ? record.sentences : [{ start: 0, end: text.length }];
      const dateline = record.dateline;
      const actorKey = new Map<Actor, string>();
      const keyOf = (a: Actor) => {
        let k = actorKey.get(a);
        if (!k) actorKey.set(a, (k = `a${actorKey.size}:${a.name}`));
        return k;
      };
      const surnames = new Map<string, Candidate>();
      const isGiven = (w: string) => gaz.firstNames.has(w) || lexicon.isGivenName(w);

      // Token ranges of the sentences, tagged together: the tagger's second pass reads the whole document.
      const ranges = sentences.map((sent) => {
        const from = tokenIndexAt(tokens, sent.start);
        let to = from;
        while (to < tokens.length && tokens[to]!.start < sent.end) to++;
        return [from, to] as const;
      });
      const tagged = tagger.tagDocument(
        ranges.map(([from, to]) => tokens.slice(from, to)),
        text,
      );
      for (let si = 0; si < sentences.length; si++) {
        const sent = sentences[si]!;
        const [from, to] = ranges[si]!;
        const nts: NameToken[] = nameTokens(tokens, from, to);
        const ner: NerSpan[] = tagged[si]!;
        const firstCandidate = cands.length;
        // Looked up per token: by start in a map, by offset in the sorted spans (a find per token is quadratic in a
        // long sentence of names).
        const nerStarts = new Map(ner.map((n) => [n.start, n]));
        const nerAt = (start: number) => nerStarts.get(start);
        const nerAround = (start: number) => nerCovering(ner, start);
        const keys = nts.map((t) => t.key);
        const docs = findDocuments(text.slice(sent.start, sent.end), sent.start);
        for (const d of docs) cands.push({ start: d.start, end: d.end, key: `d:${d.name.toLowerCase()}`, name: d.name, type: "DOCUMENT", kind: "name" });
        const docSpans = [...docs].sort((a, b) => a.start - b.start);
        const inDoc = (t: NameToken) => {
          // Document names never overlap one another much: look back a few from the last one starting at or before t.
          for (let k = lowerBound(docSpans, t.start + 1) - 1, n = 0; k >= 0 && n < 8; k--, n++) if (t.start >= docSpans[k]!.start && t.end <= docSpans[k]!.end) return true;
          return false;
        };
        const roleInside = (from: number, end: number) => {
          for (let k = from; k < nts.length && nts[k]!.end <= end; k++) if (gaz.matchRole(keys, k)) return true;
          return false;
        };
        let pendingRole: { start: number; endIndex: number; sector: string; qualifier?: Candidate } | null = null;
        let i = 0;
        while (i < nts.length) {
          const t = nts[i]!;
          if (inDoc(t)) {
            i++;
            continue;
          }
          // A role word inside a name the tagger found is part of the name when the name is not a person's
          // ("News Agency of Nigeria") or when the word is also a given name opening it ("Dean Jones").
          const around = nerAround(t.start);
          const roleInName = around && (around.type !== "PER" || (around.start === t.start && isGiven(t.key)));
          const role = roleInName ? null : gaz.matchRole(keys, i);
          const gm = t.cap ? gaz.match(keys, i) : null;
          if (role && (!gm || role.length > gm.length || gm.entry.actor.type !== "PERSON")) {
            if (!gm || role.length >= gm.length) {
              const prev = cands[cands.length - 1];
              // "Nigerian junior foreign minister …", "Ukrainian Infrastructure Minister …": up to two modifiers may
              // stand between the qualifier and the role (English puts adjectives before the noun they qualify) —
              // lower-case words, or capitalised words no name was found in (a portfolio the role list lacks).
              const modifier = (x: number) => {
                const w = text.slice(nts[x]!.start, nts[x]!.end);
                if (/^[a-z][a-z-]+$/.test(w)) return !FUNCTION_WORDS.has(nts[x]!.key);
                return /^\p{Lu}[\p{Ll}-]+$/u.test(w) && !!prev && prev.end <= nts[x]!.start && !gaz.match(keys, x) && !SKIP_WORDS.has(w);
              };
              let g = i;
              while (g > 0 && i - g < 2 && modifier(g - 1)) g--;
              const qualifier = [i, g].map((x) => (x > 0 && prev && prev.end === nts[x - 1]!.end ? prev : undefined)).find(Boolean);
              pendingRole = { start: qualifier?.start ?? t.start, endIndex: i + role.length, sector: role.sector, qualifier };
              i += role.length;
              continue;
            }
          }
          const longer = nerAt(t.start);
          if (gm && longer && longer.end > nts[i + gm.length - 1]!.end && gm.entry.kind !== "demonym" && /\s/.test(text.slice(longer.start, longer.end)) && !roleInside(i, longer.end)) {
            // "Bank of Japan", "New York Yankees": the tagger's longer name wins over the place inside it.
            let j = i;
            while (j < nts.length && nts[j]!.end <= longer.end) j++;
            const type = NER_TYPE[longer.type];
            const name = text.slice(longer.start, longer.end);
            cands.push({ start: longer.start, end: longer.end, key: `u:${type}:${name.toLowerCase()}`, name, type, kind: "name" });
            i = j;
            continue;
          }
          if (gm) {
            const end = nts[i + gm.length - 1]!.end;
            const c = fromGazetteer(gm.entry.actor, gm.entry.kind, t.start, end, i);
            if (c) {
              attachRole(c, i);
              cands.push(c);
              if (c.type === "PERSON") surnames.set(nts[i + gm.length - 1]!.key, c);
            }
            i += gm.length;
            continue;
          }
          if (t.cap && (!SKIP_WORDS.has(t.text) || nerAt(t.start))) {
            let j = i + 1;
            const sameLine = (k: number) => !text.slice(nts[k - 1]!.end, nts[k]!.start).includes("\n");
            const tagged = nerAround(t.start);
            // A run that starts outside the tagger's names stops where one of them starts ("SOCCER - SHEARER …").
            const intoName = (k: number) => !tagged && nerStarts.has(nts[k]!.start);
            while (j < nts.length && nts[j]!.cap && sameLine(j) && !inDoc(nts[j]!) && !gaz.match(keys, j) && !gaz.matchRole(keys, j) && !SKIP_WORDS.has(nts[j]!.text) && !intoName(j)) j++;
            const hasRole = pendingRole !== null && pendingRole.endIndex === i;
            // Where the tagger saw a name here, its extent wins over the capitalised run ("All-England Club",
            // "Commerce Department"); with a role before it, the run stays (the role was split off already).
            if (tagged && !hasRole && tagged.end !== nts[j - 1]!.end) {
              j = i;
              while (j < nts.length && nts[j]!.end <= tagged.end) j++;
            }
            const run = nts.slice(i, Math.max(j, i + 1));
            j = Math.max(j, i + 1);
            const known = run.length === 1 ? surnames.get(t.key) : undefined;
            if (known) {
              cands.push({ ...known, start: t.start, end: t.end, kind: "name", role: undefined });
            } else {
              const type = typeUnknown(run, hasRole, gaz, tagged ? NER_TYPE[tagged.type] : null);
              if (type) {
                const name = text.slice(t.start, run[run.length - 1]!.end);
                const c: Candidate = { start: t.start, end: run[run.length - 1]!.end, key: `u:${type}:${name.toLowerCase()}`, name, type, kind: "name" };
                if (type === "PERSON") {
                  c.surname = run[run.length - 1]!.key;
                  surnames.set(c.surname, c);
                }
                attachRole(c, i);
                cands.push(c);
              }
            }
            i = j;
            continue;
          }
          i++;
        }
        reconcile(cands, firstCandidate, ner, {
          text,
          givenName: isGiven,
          person: (c) => surnames.set(c.surname!, c),
        });

        function attachRole(c: Candidate, at: number) {
          if (!pendingRole || pendingRole.endIndex !== at || c.type !== "PERSON") return;
          const q = pendingRole.qualifier;
          const country = q?.actor?.capitalOf ?? q?.actor;
          const qcode = q ? (q.role?.code ?? (country ? codeAt(country.codes, date)?.code : undefined)) : undefined;
          let code = qcode ? (qcode.length > 3 ? qcode : `${qcode}${pendingRole.sector}`) : undefined;
          // "President Bush": a title before a surname alone, with no country beside it; the country is the one
          // the dictionaries' holders of that title's sector by that surname share (Gazetteer.titledCountry).
          const surnameOnly = !code && !c.actor && !q && c.surname !== undefined && !/\s/.test(c.name);
          const roleText = text.slice(pendingRole.start, nts[at - 1]!.end);
          const titled = surnameOnly ? gaz.titled(roleText, c.surname!, pendingRole.sector, date) : undefined;
          if (titled) code = `${titled.country}${pendingRole.sector}`;
          if (titled?.person) Object.assign(c, { key: keyOf(titled.person), name: titled.person.name, actor: titled.person, kind: "alias" });
          c.role = { text: roleText, sector: pendingRole.sector, ...(code ? { code } : {}), ...(titled ? { countryFrom: "dictionary" as const } : {}) };
          pendingRole = null;
        }

        function fromGazetteer(actor: Actor, kind: string, start: number, end: number, index: number): Candidate | null {
          if (kind === "capital") {
            const before = index > 0 ? nts[index - 1]!.key : "";
            const travel = before === "to" && index > 1 && TRAVEL_WORDS.has(nts[index - 2]!.key);
            const inDateline = dateline !== null && start >= dateline.start && end <= dateline.end;
            if (inDateline || PLACE_WORDS.has(before) || travel || !actor.capitalOf)
              return { start, end, key: `city:${actor.name}`, name: actor.name, type: "GPE", kind: "name", actor };
            const country = actor.capitalOf;
            return { start, end, key: keyOf(country), name: country.name, type: country.type, kind: "metonym", actor: country };
          }
          const k = kind === "demonym" ? "demonym" : actor.seat ? "metonym" : kind === "alias" ? "alias" : "name";
          return { start, end, key: keyOf(actor), name: actor.name, type: actor.type, kind: k as Candidate["kind"], actor };
        }
      }

      linkNameParts(cands);
      resolveReferences(text, sentences, cands);
      record.entities = buildEntities(cands, date, text);
      linkDocumentTimes(doc);
    },
  };
};

/** A dictionary code that starts with a country (not an international organisation, NGO, company or group). */
const COUNTRY_CODE = /^(?!IGO|NGO|MNC|IMG)[A-Z]{3}/;

function buildEntities(cands: Candidate[], date: string | null, text: string): Entity[] {
  const byKey = new Map<string, Candidate[]>();
  for (const c of cands.sort((a, b) => a.start - b.start || b.end - a.end)) {
    const list = byKey.get(c.key);
    if (list) list.push(c);
    else byKey.set(c.key, [c]);
  }
  const out: Entity[] = [];
  for (const list of byKey.values()) {
    const first = list[0]!;
    const e: Entity = { id: `e${out.length + 1}`, name: first.actor?.name ?? first.name, type: first.type, mentions: [] };
    const textRole = list.find((c) => c.role?.code) ?? list.find((c) => c.role);
    const dict = first.actor ? codeAt(first.actor.codes, date) : undefined;
    // A role the article states wins over a dictionary entry, which may be stale (the Phoenix dictionaries stop
    // around 2014: "President Donald Trump" is listed as a businessman). Without a country beside the role, the
    // dictionary's country takes the role's sector.
    const stated = textRole?.role?.sector && dict && COUNTRY_CODE.test(dict.code) ? `${dict.code.slice(0, 3)}${textRole.role.sector}` : undefined;
    if (textRole?.role?.code) {
      e.code = textRole.role.code;
      e.codeSource = textRole.role.countryFrom ?? "text";
    } else if (stated && stated !== dict!.code) {
      e.code = stated;
      e.codeSource = "text";
    } else if (dict) {
      e.code = dict.code;
      e.codeSource = first.type === "GPE" ? "country" : "dictionary";
    }
    if (textRole?.role) e.role = textRole.role.text;
    else if (dict?.title) e.role = dict.title;
    if (e.code && /^[A-Z]{3}/.test(e.code) && !/^(IGO|NGO|MNC|IMG)/.test(e.code)) e.country = e.code.slice(0, 3);
    const placedIn = e.country ? undefined : list.find((c) => c.placedIn)?.placedIn;
    const country = placedIn ? codeAt(placedIn.codes, date)?.code.slice(0, 3) : undefined;
    if (country && /^[A-Z]{3}$/.test(country)) e.country = country;
    let last = -1;
    for (const c of list) {
      if (c.start < last) continue; // overlapping duplicate
      e.mentions.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), kind: c.kind });
      last = c.end;
    }
    out.push(e);
  }
  return out;
}

/** Times inside a document's name (or naming it: "the Joint Declaration of October 19, 1956") belong to it. */
function linkDocumentTimes(doc: Doc): void {
  const { entities, times, text } = doc.record;
  const docs = entities
    .filter((e) => e.type === "DOCUMENT")
    .flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, id: e.id })))
    .sort((a, b) => a.start - b.start);
  for (const t of times) {
    const last = docs[lowerBound(docs, t.start + 1) - 1];
    const inside = last && t.start >= last.start && t.end <= last.end ? last : undefined;
    const before = t.scope === "document" ? lastBefore(docs, t.start, () => true, 1) : undefined;
    const named = before && /^\s+(?:of|dated)\s+$/.test(text.slice(before.end, t.start)) ? before : undefined;
    const hit = inside ?? named;
    if (hit) {
      t.scope = "document";
      t.of = hit.id;
    }
  }
}
