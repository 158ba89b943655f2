/**
 * What an article says a story is about, as sparse term counts in three namespaces:
 *   a:RUS            the countries of its parties (coded entities and event parties)
 *   e:shinzo abe     its named people, organisations, places and documents
 *   w:treati         its words (Porter stems), for TF-IDF
 *   d:JPN-RUS        the dyads of its events (pairs of their parties' countries), unweighted in the similarity:
 *                    they only say whether an article and a story share a pair of parties (engine.ts)
 * The publisher itself (TASS in a TASS article) is left out: it says who wrote, not what about. Counts are
 * sublinear (1 + ln tf) so one name repeated twenty times does not outweigh the rest.
 */
import { stemmer } from "stemmer";
import type { ArticleRecord } from "../record/schema.js";

export type Vector = Record<string, number>;

export interface ArticleFeatures {
  id: string;
  /** Full publication day (YYYY-MM-DD) or null. */
  published: string | null;
  vector: Vector;
  /** Full actor codes with their weight (for the story's main actors). */
  actors: Record<string, number>;
  /** Stem → the surface word seen most often (for readable keywords). */
  surface: Record<string, string>;
  title: string | null;
}

const WORD = /\p{L}[\p{L}'’-]*/gu;
const COUNTRY = /^[A-Z]{3}/;

/** Lower case, accents off, "the" off, spaces collapsed: "the Kremlin" and "Kremlin" are one name. */
export function normName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^the /, "");
}

const sublinear = (v: Vector): Vector => {
  for (const k of Object.keys(v)) v[k] = 1 + Math.log(v[k]!);
  return v;
};

export function articleFeatures(r: ArticleRecord): ArticleFeatures {
  const v: Vector = {};
  const add = (k: string, n = 1) => (v[k] = (v[k] ?? 0) + n);
  const actors: Record<string, number> = {};
  const publisher = new Set([r.source, r.dateline?.agency].filter((x): x is string => !!x).map(normName));

  for (const e of r.entities) {
    const name = normName(e.name);
    if (!name || publisher.has(name)) continue;
    const n = Math.max(1, e.mentions.length);
    if (e.type !== "GPE" && e.type !== "NORP") add(`e:${name}`, n);
    const country = (e.code ?? e.country ?? "").match(COUNTRY)?.[0];
    if (country && e.type !== "LOC" && e.type !== "DOCUMENT") add(`a:${country}`, n);
    if (e.code && e.type !== "LOC" && e.type !== "DOCUMENT") actors[e.code] = (actors[e.code] ?? 0) + n;
  }
  for (const ev of r.events) {
    const countries = new Set<string>();
    for (const p of [...ev.actors, ...ev.recipients]) {
      const country = p.code.match(COUNTRY)?.[0];
      if (!country) continue;
      add(`a:${country}`);
      actors[p.code] = (actors[p.code] ?? 0) + 1;
      countries.add(country);
    }
    // The event's dyads: each pair of its parties' countries, in one order.
    const list = [...countries].sort();
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add(`d:${list[i]}-${list[j]}`);
  }

  const surfaceCount: Record<string, Record<string, number>> = {};
  for (const m of r.text.matchAll(WORD)) {
    const w = m[0].toLowerCase().replace(/[’']s?$/, "");
    if (w.length < 3) continue;
    const s = stemmer(w);
    add(`w:${s}`);
    const c = (surfaceCount[s] ??= {});
    c[w] = (c[w] ?? 0) + 1;
  }
  const surface: Record<string, string> = {};
  for (const [s, c] of Object.entries(surfaceCount)) surface[s] = Object.entries(c).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];

  const published = r.published && /^\d{4}-\d{2}-\d{2}$/.test(r.published) ? r.published : null;
  return { id: r.id, published, vector: sublinear(v), actors, surface, title: r.title };
}

/** The namespace of a feature key ("a", "e", "w"). */
export const ns = (key: string) => key.slice(0, 1);
