/**
 * The story tables in PostgreSQL: the engine's repository, bound to the connection of the article's transaction, and
 * the read queries of the Store contract, on the pool. Same tables, orders and results as `sqlite-stories.ts`: text
 * columns that are compared or ordered are COLLATE "C" (byte order, as SQLite), NULLs are placed as SQLite places
 * them, and counts come back as numbers. Lists go in as one array parameter (`= ANY($1)`), never spliced into SQL.
 */
import type pg from "pg";
import type { CopyEntry, Member, StoryRepo, StoryState } from "../story/engine.js";
import { mainActors } from "../story/engine.js";
import { independentSources } from "../story/merge-events.js";
import { decodeSig, encodeSig } from "../story/minhash.js";
import { sortTimeline } from "../story/timeline.js";
import { boundary } from "../story/dates.js";
import { searchTerms } from "./search-terms.js";
import { monthSplit, precisionRanges } from "./date-ranges.js";
import { codePattern } from "./sqlite-stories.js";
import { eventKeys, eventKeysSql, toArticleSummary, toMember, toState } from "./story-rows.js";
import type {
  ActorDetail, ActorSummary, ArticleFilter, ArticlesDocument, EventFilter, EventsDocument, Page, StoryChanges, StoryEvent,
  StorySummary, TimelineDocument, TimelineQuery,
} from "../story/types.js";
import { STORY_JSON_VERSION } from "../story/types.js";

type Row = Record<string, unknown>;
type Queryable = pg.Pool | pg.PoolClient;
const json = (v: unknown) => JSON.stringify(v);
const parse = <T>(s: unknown) => JSON.parse(s as string) as T;
/** A party-code prefix as a LIKE pattern (the code is checked to be letters and digits, so nothing needs escaping). */
const likeCode = (code: string) => `${codePattern(code).slice(0, -1)}%`;
/** Articles whose text matches `terms` (placeholder), by `plainto_tsquery`: every term must occur, as in SQLite. */
const ftsArticles = (terms: string) => `SELECT id FROM articles WHERE fts @@ plainto_tsquery('english', ${terms})`;

async function rows(q: Queryable, sql: string, args: unknown[] = []): Promise<Row[]> {
  return (await q.query<Row>(sql, args)).rows;
}
async function one(q: Queryable, sql: string, args: unknown[] = []): Promise<Row | undefined> {
  return (await q.query<Row>(sql, args)).rows[0];
}

/** The repo on one transaction's connection. Nothing is cached across transactions: other writers may have committed. */
export function pgStoryRepo(c: pg.PoolClient, now: () => string): StoryRepo {
  return {
    now,
    memberCount: async () => Number((await one(c, "SELECT count(*) AS n FROM story_members"))!.n),
    async df(features) {
      const out = new Map<string, number>();
      if (!features.length) return out;
      for (const r of await rows(c, "SELECT feature, df FROM feature_df WHERE feature = ANY($1::text[]) AND df <> 0", [features]))
        out.set(r.feature as string, r.df as number);
      return out;
    },
    async addDf(features, delta) {
      if (!features.length) return;
      // One statement for all features; a feature listed twice counts twice, as one-by-one updates would.
      const counts = new Map<string, number>();
      for (const f of features) counts.set(f, (counts.get(f) ?? 0) + delta);
      const args = [[...counts.keys()], [...counts.values()]];
      // Dropping a count never creates a row (as SQLite's UPDATE): only adding does.
      if (delta > 0)
        await c.query(`INSERT INTO feature_df (feature, df) SELECT * FROM unnest($1::text[], $2::int[])
          ON CONFLICT (feature) DO UPDATE SET df = feature_df.df + EXCLUDED.df`, args);
      else await c.query("UPDATE feature_df SET df = df + x.n FROM unnest($1::text[], $2::int[]) AS x(f, n) WHERE feature = x.f", args);
    },
    async candidateStories(features, limit) {
      if (!features.length) return [];
      const found = await rows(c,
        `SELECT story_id AS id, sum(weight) AS w FROM story_keys WHERE feature = ANY($1::text[])
         GROUP BY story_id ORDER BY w DESC, story_id LIMIT $2`, [features, limit]);
      return found.map((r) => r.id as number);
    },
    async getStories(ids) {
      if (!ids.length) return [];
      const byId = new Map((await rows(c, "SELECT * FROM stories WHERE id = ANY($1::int[])", [ids])).map((r) => [r.id as number, toState(r)]));
      return ids.map((id) => byId.get(id)).filter((s): s is StoryState => !!s);
    },
    async saveStory(st, keys) {
      const at = st.updated ?? now();
      const fields = [st.title, st.titleScore, json(st.vector), json(st.actors), json(st.surface), json(mainActors(st)), json(st.keywords ?? []),
        st.articles, st.from, st.to, st.mergedInto, json(st.norms ?? {})];
      let id = st.id;
      if (id === undefined) {
        id = (await one(c,
          `INSERT INTO stories (title, title_score, vector_json, actors_json, surface_json, main_actors_json, keywords_json,
             article_count, span_from, span_to, merged_into, norms_json, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`, [...fields, st.created ?? at, at]))!.id as number;
      } else {
        await c.query(
          `UPDATE stories SET title = $1, title_score = $2, vector_json = $3, actors_json = $4, surface_json = $5, main_actors_json = $6,
             keywords_json = $7, article_count = $8, span_from = $9, span_to = $10, merged_into = $11, norms_json = $12, updated_at = $13
           WHERE id = $14`, [...fields, at, id]);
      }
      await c.query("DELETE FROM story_keys WHERE story_id = $1", [id]);
      if (st.mergedInto === null && keys.length)
        await c.query("INSERT INTO story_keys (feature, story_id, weight) SELECT f, $1, w FROM unnest($2::text[], $3::float8[]) AS k(f, w)",
          [id, keys.map((k) => k.feature), keys.map((k) => k.weight)]);
      return id;
    },
    async getMember(article) {
      const r = await one(c, "SELECT * FROM story_members WHERE article_id = $1", [article]);
      return r ? toMember(r) : null;
    },
    async saveMember(m) {
      await c.query(
        `INSERT INTO story_members VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (article_id) DO UPDATE SET story_id = $2, origin_story = $3, copy_group = $4, publisher = $5, url = $6,
           published = $7, joined_at = $8, score = $9, features_json = $10, mentions_json = $11`,
        [m.article, m.story, m.origin, m.copyGroup, m.publisher, m.url, m.features.published, m.joined, m.score, json(m.features), json(m.mentions)],
      );
    },
    deleteMember: async (article) => void (await c.query("DELETE FROM story_members WHERE article_id = $1", [article])),
    members: async (story) => (await rows(c, "SELECT * FROM story_members WHERE story_id = $1 ORDER BY published NULLS FIRST, article_id", [story])).map(toMember),
    async storyMentions(story) {
      const found = await rows(c, "SELECT mentions_json FROM story_members WHERE story_id = $1", [story]);
      return found.flatMap((r) => parse<Member["mentions"]>(r.mentions_json));
    },
    storyEventKeys: async (story, types) =>
      eventKeys(await rows(c, types ? eventKeysSql("$1", "e.type = ANY($2::text[])") : eventKeysSql("$1"), types ? [story, types] : [story])),
    async writeStoryEvents(upsert, remove) {
      const gone = [...remove, ...upsert.filter((e) => e.id).map((e) => e.id)];
      if (gone.length) await c.query("DELETE FROM story_events WHERE id = ANY($1::int[])", [gone]);
      for (const e of upsert) {
        const values = [e.story, e.date, e.dateFrom, e.dateTo, e.precision, e.type, e.mode ?? null, e.cameo ?? null, e.modality,
          e.background ? 1 : 0, e.future ? 1 : 0, e.corroboration.articles, e.corroboration.sources, e.corroboration.mentions,
          e.contradictions.length, e.firstSeen, e.updated];
        const cols = `story_id, date, date_from, date_to, precision, type, mode, cameo, modality, background, future, articles, sources,
          mention_count, contradictions, first_seen, updated_at, detail_json`;
        const marks = values.map((_, i) => `$${i + 1}`).join(", ");
        let id = e.id;
        if (id) await c.query(`INSERT INTO story_events (id, ${cols}) VALUES ($${values.length + 2}, ${marks}, $${values.length + 1})`, [...values, json(e), id]);
        else {
          id = (await one(c, `INSERT INTO story_events (${cols}) VALUES (${marks}, '{}') RETURNING id`, values))!.id as number;
          await c.query("UPDATE story_events SET detail_json = $1 WHERE id = $2", [json({ ...e, id }), id]);
        }
        const parties = [...e.actors.map((code) => ["actor", code]), ...e.recipients.map((code) => ["recipient", code])];
        if (parties.length)
          await c.query(`INSERT INTO story_event_parties (event_id, role, code, precision, date_from)
            SELECT $1, r, p, $4, $5 FROM unnest($2::text[], $3::text[]) AS x(r, p) ON CONFLICT DO NOTHING`,
            [id, parties.map((p) => p[0]), parties.map((p) => p[1]), e.precision, e.dateFrom]);
        const dyads = e.actors.flatMap((a) => e.recipients.map((r) => [a, r] as const));
        if (dyads.length)
          await c.query(`INSERT INTO story_event_dyads SELECT $1, a, r, substr(a, 1, 3), substr(r, 1, 3), $4, $5
            FROM unnest($2::text[], $3::text[]) AS x(a, r) ON CONFLICT DO NOTHING`, [id, dyads.map((d) => d[0]), dyads.map((d) => d[1]), e.precision, e.dateFrom]);
        if (e.context?.length)
          await c.query("INSERT INTO story_event_contexts SELECT $1, x FROM unnest($2::text[]) AS x ON CONFLICT DO NOTHING", [id, e.context]);
        if (e.mentions.length)
          await c.query(
            `INSERT INTO story_event_mentions SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[])`,
            [id, e.mentions.map((_, i) => i), e.mentions.map((m) => m.article), e.mentions.map((m) => m.event), e.mentions.map((m) => m.kind),
              e.mentions.map((m) => m.start), e.mentions.map((m) => m.end)],
          );
      }
    },
    async copyCandidates(bands) {
      if (!bands.length) return [];
      const found = await rows(c, "SELECT DISTINCT article_id FROM copy_bands WHERE bucket = ANY($1::int[]) ORDER BY article_id", [bands]);
      return found.map((r) => r.article_id as string);
    },
    async copyEntries(articles) {
      if (!articles.length) return [];
      const byId = new Map((await rows(c, "SELECT * FROM copies WHERE article_id = ANY($1::text[])", [articles])).map((r) => [r.article_id as string, r]));
      return articles
        .map((a) => byId.get(a))
        .filter((r): r is Row => !!r)
        .map((r): CopyEntry => ({ article: r.article_id as string, group: r.group_id as string, size: r.size as number, sig: decodeSig(r.sig as string) }));
    },
    async saveCopy(e, bands) {
      await c.query(
        "INSERT INTO copies VALUES ($1, $2, $3, $4) ON CONFLICT (article_id) DO UPDATE SET group_id = $2, size = $3, sig = $4",
        [e.article, e.group, e.size, encodeSig(e.sig)],
      );
      if (bands.length)
        await c.query("INSERT INTO copy_bands SELECT b, $1 FROM unnest($2::int[]) AS b ON CONFLICT DO NOTHING", [e.article, bands]);
    },
    async deleteCopy(article) {
      await c.query("DELETE FROM copies WHERE article_id = $1", [article]);
      await c.query("DELETE FROM copy_bands WHERE article_id = $1", [article]);
    },
    saveMerge: async (target, merged) =>
      (await one(c, "INSERT INTO story_merges (target, merged, merged_at) VALUES ($1, $2, $3) RETURNING id", [target, merged, now()]))!.id as number,
    async getMerge(id) {
      const r = await one(c, "SELECT * FROM story_merges WHERE id = $1", [id]);
      return r ? { id: r.id as number, target: r.target as number, merged: r.merged as number, undone: r.undone_at as string | null } : null;
    },
    closeMerge: async (id) => void (await c.query("UPDATE story_merges SET undone_at = $1 WHERE id = $2", [now(), id])),
  };
}

/** Positional parameters for a query built from fixed fragments: `arg(v)` keeps `v` and returns its placeholder. */
function params() {
  const args: unknown[] = [];
  return { args, arg: (v: unknown) => `$${args.push(v)}` };
}

/** The read side, on the pool (or a transaction's connection). */
export function pgStoryQueries(q: Queryable) {
  async function summary(r: Row): Promise<StorySummary> {
    const id = r.id as number;
    const members = await rows(q, "SELECT article_id, copy_group, publisher, url FROM story_members WHERE story_id = $1 ORDER BY published NULLS FIRST, article_id", [id]);
    const counts = (await one(q, "SELECT count(*) AS n, coalesce(sum(background), 0) AS b FROM story_events WHERE story_id = $1", [id]))!;
    return {
      id,
      title: r.title as string,
      articles: members.map((m) => m.article_id as string),
      actors: parse(r.main_actors_json),
      keywords: parse(r.keywords_json),
      span: { from: r.span_from as string | null, to: r.span_to as string | null },
      events: Number(counts.n),
      background: Number(counts.b),
      sources: independentSources(
        members.map((m) => ({ article: m.article_id as string, copyGroup: m.copy_group as string, publisher: m.publisher as string | null, url: m.url as string | null })),
      ),
      merged: (await rows(q, "SELECT id FROM stories WHERE merged_into = $1 ORDER BY id", [id])).map((x) => x.id as number),
      created: r.created_at as string,
      updated: r.updated_at as string,
    };
  }

  /** Follows merges: a story merged into another is shown as that one. */
  async function resolve(id: number): Promise<Row | null> {
    let r = await one(q, "SELECT * FROM stories WHERE id = $1", [id]);
    for (let hops = 0; r && r.merged_into !== null && hops < 100; hops++) r = await one(q, "SELECT * FROM stories WHERE id = $1", [r.merged_into]);
    return r ?? null;
  }

  /** One condition of an event filter over `e` (story_events); values become parameters, never SQL. */
  // The SQL of a condition is made only when it is used: PostgreSQL refuses parameters a statement does not use.
  interface Cond {
    key: keyof EventFilter;
    sql: (arg: (v: unknown) => string) => string;
  }
  async function conditions(f: EventFilter): Promise<Cond[]> {
    const c: Cond[] = [];
    if (f.story !== undefined) {
      const id = ((await resolve(f.story))?.id as number | undefined) ?? -1;
      c.push({ key: "story", sql: (arg) => `e.story_id = ${arg(id)}` });
    }
    for (const role of ["actor", "recipient"] as const) {
      const code = f[role];
      if (code) {
        const like = likeCode(code);
        c.push({ key: role, sql: (arg) => `EXISTS (SELECT 1 FROM story_event_parties x WHERE x.event_id = e.id AND x.role = '${role}' AND x.code LIKE ${arg(like)})` });
      }
    }
    for (const [key, col, v] of [["type", "e.type", f.type?.toUpperCase()], ["mode", "e.mode", f.mode], ["modality", "e.modality", f.modality]] as const)
      if (v) c.push({ key, sql: (arg) => `${col} = ${arg(v)}` });
    if (f.context) c.push({ key: "context", sql: (arg) => `EXISTS (SELECT 1 FROM story_event_contexts x WHERE x.event_id = e.id AND x.context = ${arg(f.context)})` });
    const from = boundary(f.from, "from");
    const to = boundary(f.to, "to");
    if (from) c.push({ key: "from", sql: (arg) => `e.date_to >= ${arg(from)}` });
    if (to) c.push({ key: "to", sql: (arg) => `e.date_from <= ${arg(to)}` });
    if (f.background !== undefined) c.push({ key: "background", sql: (arg) => `e.background = ${arg(f.background ? 1 : 0)}` });
    return c;
  }
  /** WHERE fragments for an event filter; values become parameters, never SQL. */
  const where = async (f: EventFilter, arg: (v: unknown) => string) => (await conditions(f)).map((x) => x.sql(arg));

  /**
   * A filter as one query over streams of (id, d = date_from), as in sqlite-stories.ts: each stream walks one index
   * range in (date_from, id) order — the parties of each code with the prefix, the events of a type, or the events
   * of a period, one range per precision (date-ranges.ts) — with every other condition checked on the way, so a
   * page needs about offset + limit rows per stream. `limit` null: every matching row. `disjoint`: no event is in
   * two streams, so the rows can be counted without DISTINCT.
   */
  async function plan(f: EventFilter, arg: (v: unknown) => string): Promise<{ sql: (limit: string | null) => string; disjoint: boolean }> {
    const c = await conditions(f);
    const rest = (drop: (keyof EventFilter)[]) => c.filter((x) => !drop.includes(x.key)).map((x) => ` AND ${x.sql(arg)}`).join("");
    const from = boundary(f.from, "from");
    const to = boundary(f.to, "to");
    const dated = !!(from || to);
    const lim = (limit: string | null) => (limit ? ` LIMIT ${limit}` : "");
    // One row per precision: where date_from starts ('' when open: every date is above it, NULL is not).
    const ranges = () => `(VALUES ${precisionRanges(from, to).map((r) => `(${arg(r.precision)}::text, ${arg(r.lo ?? "")}::text)`).join(", ")}) AS r(precision, lo)`;
    const hi = (col: string) => (to ? ` AND ${col} <= ${arg(to)}` : "");
    if (f.story !== undefined) {
      const w = rest([]);
      return { sql: (limit) => `SELECT e.id, e.date_from AS d FROM story_events e WHERE true${w} ORDER BY e.date_from NULLS LAST, e.id${lim(limit)}`, disjoint: true };
    }
    // Actor towards recipient: the dyads of the two codes' first three letters (shorter prefixes go by the actor).
    if (f.actor && f.recipient && codePattern(f.actor).length > 3 && codePattern(f.recipient).length > 3) {
      const w = rest(["actor", "recipient", "from", "to"]);
      const join = w ? " JOIN story_events e ON e.id = y.event_id" : "";
      const [a, r] = [likeCode(f.actor), likeCode(f.recipient)];
      const head = `FROM story_event_dyads y${join} WHERE y.actor_root = ${arg(a.slice(0, 3))} AND y.recipient_root = ${arg(r.slice(0, 3))}`;
      const codes = ` AND y.actor LIKE ${arg(a)} AND y.recipient LIKE ${arg(r)}`;
      const rs = ranges();
      const h = hi("y.date_from");
      return {
        sql: (limit) => `SELECT x.id, x.d FROM ${rs} CROSS JOIN LATERAL (
            SELECT DISTINCT y.event_id AS id, y.date_from AS d ${head} AND y.precision = r.precision AND y.date_from >= r.lo${h}${codes}${w}
            ORDER BY y.date_from, y.event_id${lim(limit)}) x${dated ? "" : `
          UNION ALL (SELECT DISTINCT y.event_id AS id, NULL::text COLLATE "C" AS d ${head} AND y.date_from IS NULL${codes}${w} ORDER BY y.event_id${lim(limit)})`}`,
        disjoint: true,
      };
    }
    const role = f.actor ? "actor" : f.recipient ? "recipient" : null;
    if (role) {
      const w = rest([role, "from", "to"]);
      const join = w ? " JOIN story_events e ON e.id = p.event_id" : "";
      const prefix = arg(codePattern(f[role]!).slice(0, -1));
      const pattern = arg(likeCode(f[role]!));
      // The codes with the prefix, by a skip-scan of the index: one seek per code.
      const codes = `WITH RECURSIVE c(code) AS (SELECT min(code) FROM story_event_parties WHERE code >= ${prefix}
          UNION ALL SELECT (SELECT min(code) FROM story_event_parties WHERE code > c.code) FROM c WHERE c.code LIKE ${pattern}),
        codes AS (SELECT code FROM c WHERE code LIKE ${pattern})`;
      const r = ranges();
      const h = hi("p.date_from");
      return {
        sql: (limit) => `${codes}
          SELECT x.id, x.d FROM codes k CROSS JOIN ${r} CROSS JOIN LATERAL (
            SELECT p.event_id AS id, p.date_from AS d FROM story_event_parties p${join}
            WHERE p.code = k.code AND p.role = '${role}' AND p.precision = r.precision AND p.date_from >= r.lo${h}${w}
            ORDER BY p.date_from, p.event_id${lim(limit)}) x${dated ? "" : `
          UNION ALL SELECT x.id, x.d FROM codes k CROSS JOIN LATERAL (
            SELECT p.event_id AS id, NULL::text COLLATE "C" AS d FROM story_event_parties p${join}
            WHERE p.code = k.code AND p.role = '${role}' AND p.date_from IS NULL${w} ORDER BY p.event_id${lim(limit)}) x`}`,
        disjoint: false,
      };
    }
    if (f.type || dated) {
      const w = rest(["type", "from", "to"]);
      const type = f.type ? `e.type = ${arg(f.type.toUpperCase())} AND ` : "";
      const r = ranges();
      const h = hi("e.date_from");
      return {
        sql: (limit) => `SELECT x.id, x.d FROM ${r} CROSS JOIN LATERAL (
            SELECT e.id, e.date_from AS d FROM story_events e WHERE ${type}e.precision = r.precision AND e.date_from >= r.lo${h}${w}
            ORDER BY e.date_from, e.id${lim(limit)}) x${dated ? "" : `
          UNION ALL (SELECT e.id, NULL::text COLLATE "C" AS d FROM story_events e WHERE ${type}e.date_from IS NULL${w} ORDER BY e.id${lim(limit)})`}`,
        disjoint: true,
      };
    }
    const w = rest([]);
    return {
      sql: (limit) => `(SELECT e.id, e.date_from AS d FROM story_events e WHERE e.date_from IS NOT NULL${w} ORDER BY e.date_from, e.id${lim(limit)})
        UNION ALL (SELECT e.id, NULL::text COLLATE "C" AS d FROM story_events e WHERE e.date_from IS NULL${w} ORDER BY e.id${lim(limit)})`,
      disjoint: true,
    };
  }
  /**
   * The total of a filter on type and dates only (the Events page's usual question) from the monthly counts, as one
   * statement: whole months summed, partial months at the ends counted in the index. Null for any other filter.
   */
  function monthlyTotal(f: EventFilter, arg: (v: unknown) => string): string | null {
    if (!Object.entries(f).every(([k, v]) => v === undefined || k === "type" || k === "from" || k === "to")) return null;
    const t = f.type ? ` AND type = ${arg(f.type.toUpperCase())}` : "";
    const from = boundary(f.from, "from");
    const to = boundary(f.to, "to");
    if (!from && !to) return `SELECT coalesce(sum(n), 0) AS n FROM story_event_months WHERE true${t}`;
    const terms: string[] = [];
    for (const r of precisionRanges(from, to)) {
      const split = monthSplit(r.lo, r.hi);
      const p = arg(r.precision);
      if (split.months) {
        const { first, last } = split.months;
        terms.push(`(SELECT coalesce(sum(n), 0) FROM story_event_months WHERE precision = ${p}${t} AND month <> ''${first ? ` AND month >= ${arg(first)}` : ""}${last ? ` AND month <= ${arg(last)}` : ""})`);
      }
      for (const x of split.exact)
        terms.push(`(SELECT count(*) FROM story_events WHERE precision = ${p}${t} AND date_from IS NOT NULL${x.lo ? ` AND date_from >= ${arg(x.lo)}` : ""}${x.hi ? ` AND date_from <= ${arg(x.hi)}` : ""})`);
    }
    return `SELECT ${terms.join(" + ")} AS n`;
  }
  const whereSql = (w: string[]) => (w.length ? `WHERE ${w.join(" AND ")}` : "");
  const eventsOf = (found: Row[]) => found.map((r) => parse<StoryEvent>(r.detail_json));
  const names = async (code: unknown) =>
    (await rows(q, `SELECT name, count(*) AS n FROM entities WHERE code = $1 GROUP BY name ORDER BY n DESC, name COLLATE "C" LIMIT 5`, [code])).map((x) => x.name as string);

  return {
    async stories(page: Page = {}): Promise<StorySummary[]> {
      const found = await rows(q,
        "SELECT * FROM stories WHERE merged_into IS NULL AND article_count > 0 ORDER BY span_to DESC NULLS LAST, id LIMIT $1 OFFSET $2",
        [page.limit ?? 1000, page.offset ?? 0]);
      const out: StorySummary[] = [];
      for (const r of found) out.push(await summary(r));
      return out;
    },
    async story(id: number): Promise<StorySummary | null> {
      const r = await resolve(id);
      return r ? summary(r) : null;
    },
    async timeline(tq: TimelineQuery): Promise<TimelineDocument> {
      const { args, arg } = params();
      let story: StorySummary | null = null;
      let w: string[];
      if (tq.story !== undefined) {
        const r = await resolve(tq.story);
        if (!r) throw new Error(`no such story: ${tq.story}`);
        story = await summary(r);
        w = await where({ story: story.id, from: tq.from, to: tq.to }, arg);
      } else if (tq.actor) {
        // Either side: the actor's streams and the recipient's, every event once.
        const sides = await Promise.all((["actor", "recipient"] as const).map((role) => plan({ [role]: tq.actor, from: tq.from, to: tq.to }, arg)));
        const found = await rows(q, `SELECT e.detail_json FROM story_events e WHERE e.id IN (${sides.map((p) => `SELECT id FROM (${p.sql(null)}) s`).join(" UNION ")})`, args);
        return { version: STORY_JSON_VERSION, story: null, query: tq, events: sortTimeline(eventsOf(found)) };
      } else if (tq.query) {
        const terms = searchTerms(tq.query);
        if (!terms.length) return { version: STORY_JSON_VERSION, story: null, query: tq, events: [] };
        w = await where({ from: tq.from, to: tq.to }, arg);
        w.push(`e.id IN (SELECT m.event_id FROM story_event_mentions m WHERE m.article_id IN (${ftsArticles(arg(terms.join(" ")))}))`);
      } else throw new Error("a timeline needs a story, an actor or a query");
      const events = sortTimeline(eventsOf(await rows(q, `SELECT e.detail_json FROM story_events e ${whereSql(w)}`, args)));
      return { version: STORY_JSON_VERSION, story, query: tq, events };
    },
    async events(filter: EventFilter = {}, page: Page = {}): Promise<EventsDocument> {
      // The total and the page are two statements (run at once), each with its own parameters.
      const c = params();
      let counted = monthlyTotal(filter, c.arg);
      if (counted === null) {
        const all = await plan(filter, c.arg);
        counted = `SELECT count(${all.disjoint ? "*" : "DISTINCT id"}) AS n FROM (${all.sql(null)}) s`;
      }
      const { args, arg } = params();
      const p = await plan(filter, arg);
      const offset = `${arg(page.offset ?? 0)}::int`;
      const limit = `${arg(page.limit ?? 100)}::int`;
      const [n, found] = await Promise.all([
        one(q, counted, c.args),
        rows(q, `SELECT e.detail_json FROM (SELECT DISTINCT id, d FROM (${p.sql(`(${offset} + ${limit})`)}) s ORDER BY d NULLS LAST, id OFFSET ${offset} LIMIT ${limit}) k
          JOIN story_events e ON e.id = k.id ORDER BY k.d NULLS LAST, k.id`, args),
      ]);
      return { version: STORY_JSON_VERSION, total: Number(n!.n), events: eventsOf(found) };
    },
    async articles(filter: ArticleFilter = {}, page: Page = {}): Promise<ArticlesDocument> {
      const { args, arg } = params();
      const w: string[] = [];
      if (filter.source) w.push(`a.source = ${arg(filter.source)}`);
      const from = boundary(filter.from, "from");
      const to = boundary(filter.to, "to");
      if (from) w.push(`a.published COLLATE "C" >= ${arg(from)}`);
      if (to) w.push(`a.published COLLATE "C" <= ${arg(to)}`);
      if (filter.story !== undefined) w.push(`m.story_id = ${arg(((await resolve(filter.story))?.id as number | undefined) ?? -1)}`);
      if (filter.query !== undefined) {
        const terms = searchTerms(filter.query);
        w.push(terms.length ? `a.id IN (${ftsArticles(arg(terms.join(" ")))})` : "false");
      }
      const base = `FROM articles a LEFT JOIN story_members m ON m.article_id = a.id ${whereSql(w)}`;
      const total = Number((await one(q, `SELECT count(*) AS n ${base}`, args))!.n);
      const found = await rows(q,
        `SELECT a.id, a.title, a.source, a.url, a.published, m.story_id, m.copy_group,
           (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n ${base}
         ORDER BY a.published COLLATE "C" NULLS FIRST, a.id COLLATE "C" LIMIT ${arg(page.limit ?? 100)} OFFSET ${arg(page.offset ?? 0)}`, args);
      return {
        version: STORY_JSON_VERSION,
        total,
        articles: found.map(toArticleSummary),
      };
    },
    async actors(): Promise<ActorSummary[]> {
      const found = await rows(q,
        `SELECT p.code, count(*) FILTER (WHERE p.role = 'actor') AS a, count(*) FILTER (WHERE p.role = 'recipient') AS r,
           count(DISTINCT e.story_id) AS s
         FROM story_event_parties p JOIN story_events e ON e.id = p.event_id GROUP BY p.code ORDER BY count(*) DESC, p.code`);
      const out: ActorSummary[] = [];
      for (const r of found)
        out.push({ code: r.code as string, names: await names(r.code), asActor: Number(r.a), asRecipient: Number(r.r), stories: Number(r.s) });
      return out;
    },
    async actor(code: string): Promise<ActorDetail | null> {
      const c = code.trim().toUpperCase();
      const head = (await one(q,
        `SELECT count(*) FILTER (WHERE p.role = 'actor') AS a, count(*) FILTER (WHERE p.role = 'recipient') AS r, count(DISTINCT e.story_id) AS s
         FROM story_event_parties p JOIN story_events e ON e.id = p.event_id WHERE p.code = $1`, [c]))!;
      if (!Number(head.a) && !Number(head.r)) return null;
      const months = await rows(q,
        `SELECT substr(e.date_from, 1, 7) AS month, e.type, count(*) FILTER (WHERE p.role = 'actor') AS a,
           count(*) FILTER (WHERE p.role = 'recipient') AS r
         FROM story_event_parties p JOIN story_events e ON e.id = p.event_id WHERE p.code = $1 AND e.date_from IS NOT NULL
         GROUP BY month, e.type ORDER BY month, e.type`, [c]);
      return {
        code: c,
        names: await names(c),
        asActor: Number(head.a),
        asRecipient: Number(head.r),
        stories: Number(head.s),
        byMonth: months.map((m) => ({ month: m.month as string, type: m.type as string, asActor: Number(m.a), asRecipient: Number(m.r) })),
      };
    },
    async storyChanges(id: number, since: string): Promise<StoryChanges | null> {
      const r = await resolve(id);
      if (!r) return null;
      const sid = r.id as number;
      return {
        story: await summary(r),
        since,
        articles: (await rows(q, "SELECT article_id FROM story_members WHERE story_id = $1 AND joined_at > $2 ORDER BY published NULLS FIRST, article_id", [sid, since]))
          .map((x) => x.article_id as string),
        events: sortTimeline(eventsOf(await rows(q, "SELECT detail_json FROM story_events WHERE story_id = $1 AND updated_at > $2", [sid, since]))),
      };
    },
    storyEvents: async (id: number) =>
      sortTimeline(eventsOf(await rows(q, "SELECT detail_json FROM story_events WHERE story_id = $1", [((await resolve(id))?.id as number | undefined) ?? -1]))),
  };
}
