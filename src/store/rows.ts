/**
 * The mapping between a record and the rows of the store's tables, shared by every backend so that SQLite and
 * PostgreSQL store and return exactly the same thing. Column order matches the migrations.
 */
import type { ArticleRecord, Entity, Event, Mention, Quote, Time } from "../record/schema.js";

type Row = Record<string, unknown>;
type Value = string | number | null;

const json = (v: unknown) => JSON.stringify(v);
const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);
/** Drops undefined optional fields, so a record read back equals the one written (toEqual treats them alike, JSON does not). */
function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export const ARTICLE_COLUMNS = [
  "id", "hash", "version", "schema_version", "url", "source", "title", "standfirst", "published", "published_from",
  "language", "origin", "dateline_json", "structure_json", "removed_json", "warnings_json", "text", "ingested_at",
] as const;

export function articleRow(r: ArticleRecord, version: number, ingestedAt: string): Value[] {
  return [
    r.id, r.hash, version, r.schemaVersion, r.url, r.source, r.title, r.standfirst, r.published, r.publishedFrom,
    r.language, r.origin, json(r.dateline), json(r.structure), json(r.removed), json(r.warnings), r.text, ingestedAt,
  ];
}

/** Rows of each layer table, as value lists in column order (the article id first). */
export interface LayerRows {
  sentences: Value[][];
  entities: Value[][];
  mentions: Value[][];
  times: Value[][];
  quotes: Value[][];
  events: Value[][];
}

export function layerRows(r: ArticleRecord): LayerRows {
  const id = r.id;
  return {
    sentences: r.sentences.map((x, i) => [id, i, x.start, x.end]),
    entities: r.entities.map((e, i) => [id, i, e.id, e.name, e.type, e.code ?? null, e.country ?? null, e.role ?? null, e.codeSource ?? null]),
    mentions: r.entities.flatMap((e, i) => e.mentions.map((m, j) => [id, i, j, m.start, m.end, m.text, m.kind ?? null])),
    times: r.times.map((t, i) => [id, i, t.start, t.end, t.text, t.type, t.value, t.scope ?? null, t.of ?? null, t.anchor ?? null]),
    quotes: r.quotes.map((q, i) => [id, i, q.start, q.end, q.text, q.kind, q.speaker, q.speakerText, json(q.speakerSpan), json(q.cue), json(q.chain), json(q.hedges)]),
    events: r.events.map((e, i) => [
      id, i, e.id, e.type, e.mode ?? null, e.cameo ?? null, e.quadClass ?? null, e.score ?? null,
      e.actor.code, e.actor.text, e.recipient?.code ?? null, e.recipient?.text ?? null,
      e.date, e.dateSource, e.modality, e.location?.text ?? null, e.evidence.start, e.evidence.end, e.rule, json(e),
    ]),
  };
}

/** The rows one article's layers were read back as (ordered by seq), named as the tables' columns. */
export interface StoredLayers {
  sentences: Row[];
  entities: Row[];
  mentions: Row[];
  times: Row[];
  quotes: Row[];
  events: Row[];
}

const num = (v: unknown) => Number(v);

export function assembleRecord(a: Row, l: StoredLayers): ArticleRecord {
  const mentionsBy = new Map<number, Mention[]>();
  for (const m of l.mentions) {
    const list = mentionsBy.get(num(m.entity_seq)) ?? [];
    list.push(defined({ start: num(m.start), end: num(m.end), text: m.text as string, kind: opt(m.kind as Mention["kind"] | null) }));
    mentionsBy.set(num(m.entity_seq), list);
  }
  const entities: Entity[] = l.entities.map((e) =>
    defined({
      id: e.entity_id as string,
      name: e.name as string,
      type: e.type as Entity["type"],
      code: opt(e.code as string | null),
      country: opt(e.country as string | null),
      role: opt(e.role as string | null),
      codeSource: opt(e.code_source as Entity["codeSource"] | null),
      mentions: mentionsBy.get(num(e.seq)) ?? [],
    }),
  );
  const times: Time[] = l.times.map((t) =>
    defined({
      start: num(t.start),
      end: num(t.end),
      text: t.text as string,
      type: t.type as Time["type"],
      value: t.value as string,
      scope: opt(t.scope as Time["scope"] | null),
      of: opt(t.of as string | null),
      anchor: opt(t.anchor as Time["anchor"] | null),
    }),
  );
  const quotes: Quote[] = l.quotes.map((q) => ({
    start: num(q.start),
    end: num(q.end),
    text: q.text as string,
    kind: q.kind as Quote["kind"],
    speaker: q.speaker as string | null,
    speakerText: q.speaker_text as string | null,
    speakerSpan: JSON.parse(q.speaker_span_json as string) as Quote["speakerSpan"],
    cue: JSON.parse(q.cue_json as string) as Quote["cue"],
    chain: JSON.parse(q.chain_json as string) as string[],
    hedges: JSON.parse(q.hedges_json as string) as Quote["hedges"],
  }));
  return {
    schemaVersion: a.schema_version as string,
    id: a.id as string,
    hash: a.hash as string,
    url: a.url as string | null,
    source: a.source as string | null,
    title: a.title as string | null,
    standfirst: a.standfirst as string | null,
    published: a.published as string | null,
    publishedFrom: a.published_from as ArticleRecord["publishedFrom"],
    language: a.language as string | null,
    dateline: JSON.parse(a.dateline_json as string) as ArticleRecord["dateline"],
    origin: a.origin as string | null,
    text: a.text as string,
    structure: JSON.parse(a.structure_json as string) as ArticleRecord["structure"],
    removed: JSON.parse(a.removed_json as string) as ArticleRecord["removed"],
    warnings: JSON.parse(a.warnings_json as string) as ArticleRecord["warnings"],
    sentences: l.sentences.map((s) => ({ start: num(s.start), end: num(s.end) })),
    entities,
    times,
    quotes,
    events: l.events.map((e) => JSON.parse(e.detail_json as string) as Event),
  };
}
