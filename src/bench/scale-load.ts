/**
 * Bulk-loads generated story rows (scale-data.ts) straight into a store's story tables: SQLite through prepared
 * statements, one transaction per batch; PostgreSQL through one INSERT … SELECT FROM unnest(arrays) per table per
 * batch (a COPY without a COPY dependency). The columns are the ones the engine writes (sqlite-stories.ts and
 * pg-stories.ts), so the store's query methods read these rows as they read the pipeline's.
 */
import type Database from "better-sqlite3";
import type pg from "pg";
import type { ScaleStory } from "./scale-data.js";

export interface LoadCounts {
  articles: number;
  stories: number;
  events: number;
  mentions: number;
  parties: number;
  contexts: number;
}

type Value = string | number | null;
type Tables = Record<keyof typeof COLUMNS, Value[][]>;

const COLUMNS = {
  stories: ["id", "title", "title_score", "vector_json", "actors_json", "surface_json", "main_actors_json", "keywords_json", "article_count",
    "span_from", "span_to", "merged_into", "created_at", "updated_at", "norms_json"],
  story_members: ["article_id", "story_id", "origin_story", "copy_group", "publisher", "url", "published", "joined_at", "score", "features_json", "mentions_json"],
  story_events: ["id", "story_id", "date", "date_from", "date_to", "precision", "type", "mode", "cameo", "modality", "background", "future",
    "articles", "sources", "mention_count", "contradictions", "first_seen", "updated_at", "detail_json"],
  story_event_parties: ["event_id", "role", "code", "precision", "date_from"],
  story_event_dyads: ["event_id", "actor", "recipient", "actor_root", "recipient_root", "precision", "date_from"],
  story_event_contexts: ["event_id", "context"],
  story_event_mentions: ["event_id", "seq", "article_id", "article_event", "kind", "start", "end"],
} as const;
/** PostgreSQL array types of each column, in COLUMNS order (integers as int4, reals as float8). */
const PG_TYPES: Record<keyof typeof COLUMNS, string[]> = {
  stories: ["int4", "text", "float8", "text", "text", "text", "text", "text", "int4", "text", "text", "int4", "text", "text", "text"],
  story_members: ["text", "int4", "int4", "text", "text", "text", "text", "text", "float8", "text", "text"],
  story_events: ["int4", "int4", "text", "text", "text", "text", "text", "text", "text", "text", "int4", "int4", "int4", "int4", "int4", "int4", "text", "text", "text"],
  story_event_parties: ["int4", "text", "text", "text", "text"],
  story_event_dyads: ["int4", "text", "text", "text", "text", "text", "text"],
  story_event_contexts: ["int4", "text"],
  story_event_mentions: ["int4", "int4", "text", "text", "text", "int4", "int4"],
};

function rowsOf(batch: ScaleStory[], counts: LoadCounts): Tables {
  const t: Tables = { stories: [], story_members: [], story_events: [], story_event_parties: [], story_event_dyads: [], story_event_contexts: [], story_event_mentions: [] };
  const json = JSON.stringify;
  for (const s of batch) {
    counts.stories++;
    t.stories.push([s.id, s.title, 1, "{}", "{}", "{}", json(s.mainActors), json(s.keywords), s.members.length, s.from, s.to, null, s.created, s.updated, "{}"]);
    for (const m of s.members) {
      counts.articles++;
      t.story_members.push([m.article, s.id, s.id, m.copyGroup, m.publisher, m.url, m.published, m.joined, 1, json({ published: m.published }), "[]"]);
    }
    for (const e of s.events) {
      counts.events++;
      t.story_events.push([e.id, s.id, e.date, e.dateFrom, e.dateTo, e.precision, e.type, e.mode ?? null, e.cameo ?? null, e.modality,
        e.background ? 1 : 0, e.future ? 1 : 0, e.corroboration.articles, e.corroboration.sources, e.corroboration.mentions,
        e.contradictions.length, e.firstSeen, e.updated, json(e)]);
      for (const [role, codes] of [["actor", e.actors], ["recipient", e.recipients]] as const)
        for (const c of codes) t.story_event_parties.push([e.id, role, c, e.precision, e.dateFrom]);
      for (const a of e.actors) for (const r of e.recipients) t.story_event_dyads.push([e.id, a, r, a.slice(0, 3), r.slice(0, 3), e.precision, e.dateFrom]);
      for (const c of e.context ?? []) t.story_event_contexts.push([e.id, c]);
      e.mentions.forEach((m, i) => t.story_event_mentions.push([e.id, i, m.article, m.event, m.kind, m.start, m.end]));
    }
  }
  counts.parties += t.story_event_parties.length;
  counts.contexts += t.story_event_contexts.length;
  counts.mentions += t.story_event_mentions.length;
  return t;
}

/** Stories in batches of about `events` story events (a huge story is one batch of its own). */
function* batches(stories: Iterable<ScaleStory>, events = 20_000): Generator<ScaleStory[]> {
  let batch: ScaleStory[] = [];
  let n = 0;
  for (const s of stories) {
    batch.push(s);
    n += s.events.length + s.members.length;
    if (n >= events) {
      yield batch;
      [batch, n] = [[], 0];
    }
  }
  if (batch.length) yield batch;
}

const empty = (): LoadCounts => ({ articles: 0, stories: 0, events: 0, mentions: 0, parties: 0, contexts: 0 });

export function loadSqlite(db: Database.Database, stories: Iterable<ScaleStory>, onBatch?: (c: LoadCounts) => void): LoadCounts {
  const counts = empty();
  const insert = Object.fromEntries(
    Object.entries(COLUMNS).map(([table, cols]) => [table, db.prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`)]),
  ) as Record<keyof typeof COLUMNS, Database.Statement>;
  const write = db.transaction((t: Tables) => {
    for (const table of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) for (const r of t[table]) insert[table].run(...r);
  });
  for (const batch of batches(stories)) {
    write(rowsOf(batch, counts));
    onBatch?.(counts);
  }
  return counts;
}

export async function loadPostgres(pool: pg.Pool, stories: Iterable<ScaleStory>, onBatch?: (c: LoadCounts) => void): Promise<LoadCounts> {
  const counts = empty();
  const c = await pool.connect();
  try {
    for (const batch of batches(stories)) {
      const t = rowsOf(batch, counts);
      await c.query("BEGIN");
      for (const table of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
        const rows = t[table];
        if (!rows.length) continue;
        const cols = COLUMNS[table];
        const arrays = cols.map((_, k) => rows.map((r) => r[k]));
        const unnest = PG_TYPES[table].map((ty, k) => `$${k + 1}::${ty}[]`).join(", ");
        await c.query(`INSERT INTO ${table} (${cols.map((x) => `"${x}"`).join(", ")}) SELECT * FROM unnest(${unnest})`, arrays);
      }
      await c.query("COMMIT");
      onBatch?.(counts);
    }
    // Ids were given explicitly: move the identity sequences past them, so the engine's next insert does not collide.
    for (const table of ["stories", "story_events"])
      await c.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${table}), false)`);
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
  return counts;
}
