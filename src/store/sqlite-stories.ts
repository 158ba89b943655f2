/**
 * The story tables in SQLite: the engine's repository (src/story/engine.ts reads and writes through it inside the
 * article's transaction) and the read queries of the Store contract. Every statement is parameterised; the few
 * built at run time only join fixed fragments and placeholders.
 */
import type Database from "better-sqlite3";
import { independentSources } from "../story/merge-events.js";
import type { CopyEntry, Member, StoryRepo, StoryState } from "../story/engine.js";
import { mainActors } from "../story/engine.js";
import { decodeSig, encodeSig } from "../story/minhash.js";
import { sortTimeline } from "../story/timeline.js";
import { boundary } from "../story/dates.js";
import { monthSplit, precisionRanges, type PrecisionRange } from "./date-ranges.js";
import { ftsQuery } from "./fts.js";
import { GenerationalCache } from "../util/generational-cache.js";
import { eventKeys, eventKeysSql, toArticleSummary, toMember, toState } from "./story-rows.js";
import type {
  ActorDetail, ActorSummary, ArticleFilter, ArticlesDocument, EventFilter, EventsDocument, Page, StoryChanges, StoryEvent,
  StorySummary, TimelineDocument, TimelineQuery,
} from "../story/types.js";
import { STORY_JSON_VERSION } from "../story/types.js";

type Row = Record<string, unknown>;
const json = (v: unknown) => JSON.stringify(v);
const parse = <T>(s: unknown) => JSON.parse(s as string) as T;
/** Document frequencies held in memory (features; each entry a string and a number, about 100 bytes). */
const DF_CACHE = 100_000;

/** A CAMEO-style code or prefix, checked so it can be used in GLOB (letters and digits only). */
export function codePattern(code: string): string {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,30}$/.test(c)) throw new Error(`not an actor code: ${code} (letters and digits, e.g. RUS or RUSGOV)`);
  return `${c}*`;
}

/** The repo, plus `sync()`: called at the start of each write transaction to drop caches another connection made stale. */
export function sqliteStoryRepo(db: Database.Database, now: () => string): StoryRepo & { sync(): void; reset(): void } {
  const s = {
    members: db.prepare("SELECT count(*) AS n FROM story_members"),
    df: db.prepare("SELECT df FROM feature_df WHERE feature = ?"),
    // Whole feature lists go in as one JSON array (json_each), so an article is three statements, not three hundred.
    dfOf: db.prepare("SELECT feature, df FROM feature_df WHERE feature IN (SELECT value FROM json_each(?))"),
    bumpDf: db.prepare("INSERT INTO feature_df SELECT value, 1 FROM json_each(?) WHERE true ON CONFLICT(feature) DO UPDATE SET df = df + 1"),
    // A feature listed twice counts twice, as one-by-one updates would (and as the INSERT above does).
    dropDf: db.prepare("UPDATE feature_df SET df = df - x.n FROM (SELECT value AS f, count(*) AS n FROM json_each(?) GROUP BY value) AS x WHERE feature = x.f"),
    candidates: db.prepare(`SELECT k.story_id AS id, sum(k.weight) AS w FROM story_keys k WHERE k.feature IN (SELECT value FROM json_each(?))
      GROUP BY k.story_id ORDER BY w DESC, k.story_id LIMIT ?`),
    story: db.prepare("SELECT * FROM stories WHERE id = ?"),
    insStory: db.prepare(`INSERT INTO stories (title, title_score, vector_json, actors_json, surface_json, main_actors_json, keywords_json,
      article_count, span_from, span_to, merged_into, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    updStory: db.prepare(`UPDATE stories SET title = ?, title_score = ?, vector_json = ?, actors_json = ?, surface_json = ?, main_actors_json = ?,
      keywords_json = ?, article_count = ?, span_from = ?, span_to = ?, merged_into = ?, updated_at = ? WHERE id = ?`),
    setNorms: db.prepare("UPDATE stories SET norms_json = ? WHERE id = ?"),
    storyMentionRows: db.prepare("SELECT article_id, mentions_json FROM story_members WHERE story_id = ?"),
    delKeys: db.prepare("DELETE FROM story_keys WHERE story_id = ?"),
    insKey: db.prepare("INSERT INTO story_keys VALUES (?, ?, ?)"),
    member: db.prepare("SELECT * FROM story_members WHERE article_id = ?"),
    upMember: db.prepare(`INSERT OR REPLACE INTO story_members VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    delMember: db.prepare("DELETE FROM story_members WHERE article_id = ?"),
    storyMembers: db.prepare("SELECT * FROM story_members WHERE story_id = ? ORDER BY published, article_id"),
    eventKeys: db.prepare(eventKeysSql("?")),
    eventKeysOf: db.prepare(eventKeysSql("?", "e.type IN (SELECT value FROM json_each(?))")),
    delEvent: db.prepare("DELETE FROM story_events WHERE id = ?"),
    // A plain INSERT: the event's old row is deleted first, and a REPLACE would delete without the counting trigger.
    insEvent: db.prepare(`INSERT INTO story_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    setEventJson: db.prepare("UPDATE story_events SET detail_json = ? WHERE id = ?"),
    insParty: db.prepare("INSERT OR IGNORE INTO story_event_parties (event_id, role, code, precision, date_from) VALUES (?, ?, ?, ?, ?)"),
    insDyad: db.prepare("INSERT OR IGNORE INTO story_event_dyads VALUES (?, ?, ?, ?, ?, ?, ?)"),
    insContext: db.prepare("INSERT OR IGNORE INTO story_event_contexts VALUES (?, ?)"),
    insMention: db.prepare("INSERT INTO story_event_mentions VALUES (?, ?, ?, ?, ?, ?, ?)"),
    copy: db.prepare("SELECT * FROM copies WHERE article_id = ?"),
    insCopy: db.prepare("INSERT OR REPLACE INTO copies VALUES (?, ?, ?, ?)"),
    insBands: db.prepare("INSERT OR IGNORE INTO copy_bands SELECT value, ? FROM json_each(?)"),
    bandArticles: db.prepare("SELECT DISTINCT article_id FROM copy_bands WHERE bucket IN (SELECT value FROM json_each(?))"),
    delCopy: db.prepare("DELETE FROM copies WHERE article_id = ?"),
    delBands: db.prepare("DELETE FROM copy_bands WHERE article_id = ?"),
    insMerge: db.prepare("INSERT INTO story_merges (target, merged, merged_at) VALUES (?, ?, ?)"),
    merge: db.prepare("SELECT * FROM story_merges WHERE id = ?"),
    closeMerge: db.prepare("UPDATE story_merges SET undone_at = ? WHERE id = ?"),
  };

  // Document frequencies are read for every feature of every article: kept in memory, written through, and dropped
  // when another connection has committed (PRAGMA data_version changes only for other connections' commits).
  // Bounded (two generations): a long ingest meets new features without end, and a rare one is cheap to read again.
  const dfCache = new GenerationalCache<number>(DF_CACHE);
  // Parsed story states, most recently used last. A state is 15–60 KB of heap (its centroid, surface words, actors),
  // so 1,000 of them (the candidates of recent articles) rather than 5,000 (up to 275 MB on a long ingest).
  const stories = new Map<number, StoryState>();
  const STORY_CACHE = 1000;
  const remember = (st: StoryState) => {
    stories.delete(st.id!);
    stories.set(st.id!, st);
    if (stories.size > STORY_CACHE) stories.delete(stories.keys().next().value!);
  };
  // The engine never changes a state's vector, actors or surface in place (it replaces them), so a shallow copy is enough.
  const copy = (st: StoryState): StoryState => ({ ...st });
  // Parsed mentions of recently touched stories (story → article → mentions), kept in step by saveMember/deleteMember.
  const mentions = new Map<number, Map<string, Member["mentions"]>>();
  const forget = (article: string) => {
    for (const m of mentions.values()) m.delete(article);
  };
  let version = -1;
  return {
    now,
    sync() {
      const v = db.pragma("data_version", { simple: true }) as number;
      if (v !== version) {
        dfCache.clear();
        stories.clear();
        mentions.clear();
      }
      version = v;
    },
    /** After a rollback: what the caches hold may never have been committed. */
    reset() {
      dfCache.clear();
      stories.clear();
      mentions.clear();
    },
    memberCount: async () => (s.members.get() as { n: number }).n,
    async df(features) {
      const found = features.map((f) => dfCache.get(f));
      const missing = features.filter((_, i) => found[i] === undefined);
      if (missing.length) {
        const rows = new Map((s.dfOf.all(json(missing)) as { feature: string; df: number }[]).map((r) => [r.feature, r.df]));
        features.forEach((f, i) => {
          if (found[i] !== undefined) return;
          found[i] = rows.get(f) ?? 0;
          dfCache.set(f, found[i]);
        });
      }
      const out = new Map<string, number>();
      features.forEach((f, i) => {
        if (found[i]) out.set(f, found[i]);
      });
      return out;
    },
    async addDf(features, delta) {
      if (!features.length) return;
      (delta > 0 ? s.bumpDf : s.dropDf).run(json(features));
      for (const f of features) {
        const n = dfCache.get(f);
        if (n !== undefined) dfCache.set(f, n + delta);
      }
    },
    async candidateStories(features, limit) {
      if (!features.length) return [];
      const rows = s.candidates.all(json(features), limit) as { id: number }[];
      return rows.map((r) => r.id);
    },
    async getStories(ids) {
      const out: StoryState[] = [];
      for (const id of ids) {
        let st = stories.get(id);
        if (!st) {
          const r = s.story.get(id) as Row | undefined;
          if (!r) continue;
          st = toState(r);
        }
        remember(st);
        out.push(copy(st));
      }
      return out;
    },
    async saveStory(st, keys) {
      const at = st.updated ?? now();
      const fields = [st.title, st.titleScore, json(st.vector), json(st.actors), json(st.surface), json(mainActors(st)), json(st.keywords ?? []),
        st.articles, st.from, st.to, st.mergedInto] as const;
      let id = st.id;
      if (id === undefined) id = Number(s.insStory.run(...fields, st.created ?? at, at).lastInsertRowid);
      else s.updStory.run(...fields, at, id);
      s.setNorms.run(json(st.norms ?? {}), id);
      remember(copy({ ...st, id, updated: at, created: st.created ?? at }));
      s.delKeys.run(id);
      if (st.mergedInto === null) for (const k of keys) s.insKey.run(k.feature, id, k.weight);
      return id;
    },
    getMember: async (article) => {
      const r = s.member.get(article) as Row | undefined;
      return r ? toMember(r) : null;
    },
    async saveMember(m) {
      forget(m.article);
      mentions.get(m.story)?.set(m.article, m.mentions);
      s.upMember.run(m.article, m.story, m.origin, m.copyGroup, m.publisher, m.url, m.features.published,
        m.joined, m.score, json(m.features), json(m.mentions));
    },
    async deleteMember(article) {
      forget(article);
      s.delMember.run(article);
    },
    members: async (story) => (s.storyMembers.all(story) as Row[]).map(toMember),
    async storyMentions(story) {
      let m = mentions.get(story);
      if (!m) {
        m = new Map((s.storyMentionRows.all(story) as Row[]).map((r) => [r.article_id as string, parse<Member["mentions"]>(r.mentions_json)]));
        mentions.set(story, m);
        if (mentions.size > 200) mentions.delete(mentions.keys().next().value!);
      }
      return [...m.values()].flat();
    },
    storyEventKeys: async (story, types) => eventKeys((types ? s.eventKeysOf.all(story, json(types)) : s.eventKeys.all(story)) as Row[]),
    async writeStoryEvents(upsert, remove) {
      for (const id of remove) s.delEvent.run(id);
      for (const e of upsert) {
        if (e.id) s.delEvent.run(e.id);
        const row = s.insEvent.run(
          e.id || null, e.story, e.date, e.dateFrom, e.dateTo, e.precision, e.type, e.mode ?? null, e.cameo ?? null, e.modality,
          e.background ? 1 : 0, e.future ? 1 : 0, e.corroboration.articles, e.corroboration.sources, e.corroboration.mentions,
          e.contradictions.length, e.firstSeen, e.updated, json(e),
        );
        const id = e.id || Number(row.lastInsertRowid);
        if (!e.id) s.setEventJson.run(json({ ...e, id }), id);
        for (const c of e.actors) s.insParty.run(id, "actor", c, e.precision, e.dateFrom);
        for (const c of e.recipients) s.insParty.run(id, "recipient", c, e.precision, e.dateFrom);
        for (const a of e.actors) for (const r of e.recipients) s.insDyad.run(id, a, r, a.slice(0, 3), r.slice(0, 3), e.precision, e.dateFrom);
        for (const c of e.context ?? []) s.insContext.run(id, c);
        e.mentions.forEach((m, i) => s.insMention.run(id, i, m.article, m.event, m.kind, m.start, m.end));
      }
    },
    async copyCandidates(bands) {
      const rows = s.bandArticles.all(json(bands)) as { article_id: string }[];
      return rows.map((r) => r.article_id).sort();
    },
    async copyEntries(articles) {
      return articles
        .map((a) => s.copy.get(a) as Row | undefined)
        .filter((r): r is Row => !!r)
        .map((r): CopyEntry => ({ article: r.article_id as string, group: r.group_id as string, size: r.size as number, sig: decodeSig(r.sig as string) }));
    },
    async saveCopy(e, bands) {
      s.insCopy.run(e.article, e.group, e.size, encodeSig(e.sig));
      s.insBands.run(e.article, json(bands));
    },
    async deleteCopy(article) {
      s.delCopy.run(article);
      s.delBands.run(article);
    },
    saveMerge: async (target, merged) => Number(s.insMerge.run(target, merged, now()).lastInsertRowid),
    async getMerge(id) {
      const r = s.merge.get(id) as Row | undefined;
      return r ? { id: r.id as number, target: r.target as number, merged: r.merged as number, undone: r.undone_at as string | null } : null;
    },
    closeMerge: async (id) => void s.closeMerge.run(now(), id),
  };
}

/** The read side: what `parley stories|timeline|events` and the HTTP API ask. */
export function sqliteStoryQueries(db: Database.Database) {
  const s = {
    story: db.prepare("SELECT * FROM stories WHERE id = ?"),
    list: db.prepare("SELECT * FROM stories WHERE merged_into IS NULL AND article_count > 0 ORDER BY span_to DESC, id LIMIT ? OFFSET ?"),
    members: db.prepare("SELECT article_id, copy_group, publisher, url, published, joined_at FROM story_members WHERE story_id = ? ORDER BY published, article_id"),
    eventCounts: db.prepare("SELECT count(*) AS n, coalesce(sum(background), 0) AS b FROM story_events WHERE story_id = ?"),
    mergedFrom: db.prepare("SELECT id FROM stories WHERE merged_into = ? ORDER BY id"),
    storyEvents: db.prepare("SELECT detail_json FROM story_events WHERE story_id = ?"),
    changedEvents: db.prepare("SELECT detail_json FROM story_events WHERE story_id = ? AND updated_at > ?"),
    joined: db.prepare("SELECT article_id FROM story_members WHERE story_id = ? AND joined_at > ? ORDER BY published, article_id"),
    names: db.prepare("SELECT name, count(*) AS n FROM entities WHERE code = ? GROUP BY name ORDER BY n DESC, name LIMIT 5"),
  };

  function summary(r: Row): StorySummary {
    const id = r.id as number;
    const members = s.members.all(id) as Row[];
    const counts = s.eventCounts.get(id) as { n: number; b: number };
    return {
      id,
      title: r.title as string,
      articles: members.map((m) => m.article_id as string),
      actors: parse(r.main_actors_json),
      keywords: parse(r.keywords_json),
      span: { from: r.span_from as string | null, to: r.span_to as string | null },
      events: counts.n,
      background: counts.b,
      sources: independentSources(
        members.map((m) => ({ article: m.article_id as string, copyGroup: m.copy_group as string, publisher: m.publisher as string | null, url: m.url as string | null })),
      ),
      merged: (s.mergedFrom.all(id) as { id: number }[]).map((x) => x.id),
      created: r.created_at as string,
      updated: r.updated_at as string,
    };
  }

  /** Follows merges: a story merged into another is shown as that one. */
  function resolve(id: number): Row | null {
    let r = s.story.get(id) as Row | undefined;
    for (let hops = 0; r && r.merged_into !== null && hops < 100; hops++) r = s.story.get(r.merged_into) as Row | undefined;
    return r ?? null;
  }

  /** One condition of an event filter over `e` (story_events), values in `args`, never in the SQL. */
  interface Cond {
    key: keyof EventFilter;
    sql: string;
    args: unknown[];
  }
  function conditions(f: EventFilter): Cond[] {
    const c: Cond[] = [];
    if (f.story !== undefined) c.push({ key: "story", sql: "e.story_id = ?", args: [resolve(f.story)?.id ?? -1] });
    for (const role of ["actor", "recipient"] as const) {
      const code = f[role];
      if (code) c.push({ key: role, sql: `EXISTS (SELECT 1 FROM story_event_parties x WHERE x.event_id = e.id AND x.role = '${role}' AND x.code GLOB ?)`, args: [codePattern(code)] });
    }
    for (const [key, col, v] of [["type", "e.type", f.type?.toUpperCase()], ["mode", "e.mode", f.mode], ["modality", "e.modality", f.modality]] as const)
      if (v) c.push({ key, sql: `${col} = ?`, args: [v] });
    if (f.context) c.push({ key: "context", sql: "EXISTS (SELECT 1 FROM story_event_contexts x WHERE x.event_id = e.id AND x.context = ?)", args: [f.context] });
    const from = boundary(f.from, "from");
    const to = boundary(f.to, "to");
    if (from) c.push({ key: "from", sql: "e.date_to >= ?", args: [from] });
    if (to) c.push({ key: "to", sql: "e.date_from <= ?", args: [to] });
    if (f.background !== undefined) c.push({ key: "background", sql: "e.background = ?", args: [f.background ? 1 : 0] });
    return c;
  }
  /** WHERE fragments for an event filter; values go in `args`, never into the SQL. */
  function where(f: EventFilter, args: unknown[]): string {
    const c = conditions(f);
    for (const x of c) args.push(...x.args);
    return c.length ? `WHERE ${c.map((x) => x.sql).join(" AND ")}` : "";
  }

  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let st = cache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      cache.set(sql, st);
      if (cache.size > 500) cache.delete(cache.keys().next().value!);
    }
    return st;
  };
  /** Distinct party codes starting with `prefix`: a skip-scan of the index, one seek per code. */
  const codesOf = db.prepare(`WITH RECURSIVE c(code) AS (
      SELECT (SELECT min(code) FROM story_event_parties WHERE code >= @prefix)
      UNION ALL SELECT (SELECT min(code) FROM story_event_parties WHERE code > c.code) FROM c WHERE c.code GLOB @pattern)
    SELECT code FROM c WHERE code GLOB @pattern`).pluck();
  const codes = (code: string): string[] => {
    const pattern = codePattern(code);
    return codesOf.all({ prefix: pattern.slice(0, -1), pattern }) as string[];
  };

  /**
   * A filter as streams of (id, date_from): queries that each walk one index range in (date_from, id) order (or
   * undated events by id), so the first N of the union are among the first N of each — a page costs about N rows
   * per stream, however many events match. The stream's index is picked by the filter: the parties of an actor
   * (or recipient) code, the events of a type, the events of a period; every other condition is checked on the
   * way. `disjoint`: no event is in two streams (one code), so counts add up.
   */
  interface Stream {
    sql: string;
    args: unknown[];
    /** In (date_from IS NULL, date_from, id) order already: the story's own. */
    ordered?: boolean;
  }
  function streams(f: EventFilter): { list: Stream[]; disjoint: boolean } {
    const c = conditions(f);
    const rest = (drop: (keyof EventFilter)[]) => c.filter((x) => !drop.includes(x.key));
    const and = (cs: Cond[]) => cs.map((x) => ` AND ${x.sql}`).join("");
    const argsOf = (cs: Cond[]) => cs.flatMap((x) => x.args);
    const from = boundary(f.from, "from");
    const to = boundary(f.to, "to");
    const dated = !!(from || to);
    const ranges = precisionRanges(from, to);
    if (f.story !== undefined) {
      const cs = rest([]);
      return { list: [{ sql: `SELECT e.id, e.date_from AS d FROM story_events e WHERE 1${and(cs)} ORDER BY e.date_from IS NULL, e.date_from, e.id`, args: argsOf(cs), ordered: true }], disjoint: true };
    }
    // Actor towards recipient: the dyads of the two codes' first three letters (shorter prefixes go by the actor).
    if (f.actor && f.recipient && codePattern(f.actor).length > 3 && codePattern(f.recipient).length > 3) {
      const cs = rest(["actor", "recipient", "from", "to"]);
      const join = cs.length ? " JOIN story_events e ON e.id = y.event_id" : "";
      const [a, r] = [codePattern(f.actor), codePattern(f.recipient)];
      const head = `FROM story_event_dyads y${join} WHERE y.actor_root = ? AND y.recipient_root = ?`;
      const codes = " AND y.actor GLOB ? AND y.recipient GLOB ?";
      const list: Stream[] = ranges.map((x) => ({
        sql: `SELECT DISTINCT y.event_id AS id, y.date_from AS d ${head} AND y.precision = ?${range("y.date_from", x)}${codes}${and(cs)} ORDER BY y.date_from, y.event_id`,
        args: [a.slice(0, 3), r.slice(0, 3), x.precision, ...bounds(x), a, r, ...argsOf(cs)],
      }));
      if (!dated) list.push({ sql: `SELECT DISTINCT y.event_id AS id, NULL AS d ${head} AND y.date_from IS NULL${codes}${and(cs)} ORDER BY y.event_id`, args: [a.slice(0, 3), r.slice(0, 3), a, r, ...argsOf(cs)] });
      return { list, disjoint: true };
    }
    const role = f.actor ? "actor" : f.recipient ? "recipient" : null;
    if (role) {
      const cs = rest([role, "from", "to"]);
      const join = cs.length ? " JOIN story_events e ON e.id = p.event_id" : "";
      const list: Stream[] = [];
      const found = codes(f[role]!);
      for (const code of found) {
        for (const r of ranges)
          list.push({ sql: `SELECT p.event_id AS id, p.date_from AS d FROM story_event_parties p${join} WHERE p.code = ? AND p.role = '${role}' AND p.precision = ?${range("p.date_from", r)}${and(cs)} ORDER BY p.date_from, p.event_id`, args: [code, r.precision, ...bounds(r), ...argsOf(cs)] });
        if (!dated) list.push({ sql: `SELECT p.event_id AS id, NULL AS d FROM story_event_parties p${join} WHERE p.code = ? AND p.role = '${role}' AND p.date_from IS NULL${and(cs)} ORDER BY p.event_id`, args: [code, ...argsOf(cs)] });
      }
      return { list, disjoint: found.length <= 1 };
    }
    if (f.type || dated) {
      const cs = rest(["type", "from", "to"]);
      const type = f.type ? [f.type.toUpperCase()] : [];
      const index = f.type ? "story_events_type_dated" : "story_events_dated";
      const list: Stream[] = ranges.map((r) => ({ sql: `SELECT e.id, e.date_from AS d FROM story_events e INDEXED BY ${index} WHERE ${f.type ? "e.type = ? AND " : ""}e.precision = ?${range("e.date_from", r)}${and(cs)} ORDER BY e.date_from, e.id`, args: [...type, r.precision, ...bounds(r), ...argsOf(cs)] }));
      if (!dated) list.push({ sql: `SELECT e.id, NULL AS d FROM story_events e INDEXED BY story_events_type_dated WHERE e.type = ? AND e.date_from IS NULL${and(cs)} ORDER BY e.id`, args: [...type, ...argsOf(cs)] });
      return { list, disjoint: true };
    }
    const cs = rest([]);
    return {
      list: [
        { sql: `SELECT e.id, e.date_from AS d FROM story_events e INDEXED BY story_events_date WHERE e.date_from IS NOT NULL${and(cs)} ORDER BY e.date_from, e.id`, args: argsOf(cs) },
        { sql: `SELECT e.id, NULL AS d FROM story_events e INDEXED BY story_events_date WHERE e.date_from IS NULL${and(cs)} ORDER BY e.id`, args: argsOf(cs) },
      ],
      disjoint: true,
    };
  }
  /**
   * The total of a filter on type and dates only (the Events page's usual question) from the monthly counts: whole
   * months summed, partial months at the ends counted in the index. Null for any other filter.
   */
  function monthlyTotal(f: EventFilter): number | null {
    if (!Object.entries(f).every(([k, v]) => v === undefined || k === "type" || k === "from" || k === "to")) return null;
    const type = f.type ? [f.type.toUpperCase()] : [];
    const t = type.length ? " AND type = ?" : "";
    const from = boundary(f.from, "from");
    const to = boundary(f.to, "to");
    if (!from && !to) return prepared(`SELECT coalesce(sum(n), 0) FROM story_event_months WHERE 1${t}`).pluck().get(...type) as number;
    let n = 0;
    for (const r of precisionRanges(from, to)) {
      const split = monthSplit(r.lo, r.hi);
      if (split.months) {
        const { first, last } = split.months;
        n += prepared(`SELECT coalesce(sum(n), 0) FROM story_event_months WHERE precision = ?${t} AND month <> ''${first ? " AND month >= ?" : ""}${last ? " AND month <= ?" : ""}`)
          .pluck().get(r.precision, ...type, ...[first, last].filter((x) => x !== null)) as number;
      }
      for (const x of split.exact)
        n += prepared(`SELECT count(*) FROM story_events e INDEXED BY ${type.length ? "story_events_type_dated" : "story_events_dated"} WHERE ${type.length ? "e.type = ? AND " : ""}e.precision = ?${range("e.date_from", { precision: r.precision, ...x })}`)
          .pluck().get(...type, r.precision, ...bounds({ precision: r.precision, ...x })) as number;
    }
    return n;
  }
  const range = (col: string, r: PrecisionRange) => `${r.lo ? ` AND ${col} >= ?` : ""}${r.hi ? ` AND ${col} <= ?` : ""}${!r.lo && !r.hi ? ` AND ${col} IS NOT NULL` : ""}`;
  const bounds = (r: PrecisionRange) => [r.lo, r.hi].filter((x) => x !== null);
  /** Events matching all streams, counted once each. */
  function total(ss: { list: Stream[]; disjoint: boolean }): number {
    const inner = (x: Stream) => x.sql.replace(/ ORDER BY [^)]*$/, "");
    if (ss.disjoint) return ss.list.reduce((n, x) => n + (prepared(`SELECT count(*) FROM (${inner(x)})`).pluck().get(...x.args) as number), 0);
    // Several codes: an event may name two of them (RUS and RUSGOV). SQLite takes up to 500 terms in a UNION.
    if (ss.list.length <= 400) return prepared(`SELECT count(*) FROM (${ss.list.map(inner).join(" UNION ")})`).pluck().get(...ss.list.flatMap((x) => x.args)) as number;
    const ids = new Set<number>();
    for (const x of ss.list) for (const id of prepared(`SELECT id FROM (${inner(x)})`).pluck().all(...x.args) as number[]) ids.add(id);
    return ids.size;
  }
  const byTimelineKey = (a: { id: number; d: string | null }, b: { id: number; d: string | null }) =>
    a.d === b.d ? a.id - b.id : a.d === null ? 1 : b.d === null ? -1 : a.d < b.d ? -1 : 1;
  /** Ids of the page [offset, offset + limit) of the streams' union, in (date_from IS NULL, date_from, id) order. */
  function page(ss: { list: Stream[] }, offset: number, limit: number): number[] {
    const n = offset + limit;
    const seen = new Map<number, { id: number; d: string | null }>();
    for (const x of ss.list) for (const r of prepared(`${x.sql} LIMIT ?`).all(...x.args, n) as { id: number; d: string | null }[]) seen.set(r.id, r);
    const rows = [...seen.values()];
    if (!ss.list.every((x) => x.ordered)) rows.sort(byTimelineKey);
    return rows.slice(offset, n).map((r) => r.id);
  }
  const detailsOf = db.prepare("SELECT id, detail_json FROM story_events WHERE id IN (SELECT value FROM json_each(?))");
  /** The events of `ids`, in that order. */
  function details(ids: number[]): StoryEvent[] {
    const byId = new Map((detailsOf.all(JSON.stringify(ids)) as Row[]).map((r) => [r.id as number, r.detail_json as string]));
    return ids.map((id) => parse<StoryEvent>(byId.get(id)));
  }

  const eventsOf = (rows: Row[]) => rows.map((r) => parse<StoryEvent>(r.detail_json));

  return {
    async stories(page: Page = {}): Promise<StorySummary[]> {
      return (s.list.all(page.limit ?? 1000, page.offset ?? 0) as Row[]).map(summary);
    },
    async story(id: number): Promise<StorySummary | null> {
      const r = resolve(id);
      return r ? summary(r) : null;
    },
    async timeline(q: TimelineQuery): Promise<TimelineDocument> {
      const args: unknown[] = [];
      let sql: string;
      let story: StorySummary | null = null;
      if (q.story !== undefined) {
        const r = resolve(q.story);
        if (!r) throw new Error(`no such story: ${q.story}`);
        story = summary(r);
        sql = `SELECT e.detail_json FROM story_events e ${where({ story: story.id, from: q.from, to: q.to }, args)}`;
      } else if (q.actor) {
        // Either side: the actor's streams and the recipient's, every event once.
        const ids = new Set<number>();
        for (const role of ["actor", "recipient"] as const)
          for (const x of streams({ [role]: q.actor, from: q.from, to: q.to }).list) for (const r of prepared(x.sql).all(...x.args) as { id: number }[]) ids.add(r.id);
        return { version: STORY_JSON_VERSION, story: null, query: q, events: sortTimeline(details([...ids])) };
      } else if (q.query) {
        const fts = ftsQuery(q.query);
        if (!fts) return { version: STORY_JSON_VERSION, story: null, query: q, events: [] };
        const w = where({ from: q.from, to: q.to }, args);
        args.push(fts);
        sql = `SELECT e.detail_json FROM story_events e ${w ? `${w} AND` : "WHERE"} e.id IN (SELECT m.event_id FROM story_event_mentions m
          WHERE m.article_id IN (SELECT id FROM articles_fts WHERE articles_fts MATCH ?))`;
      } else throw new Error("a timeline needs a story, an actor or a query");
      const events = sortTimeline(eventsOf(db.prepare(sql).all(...args) as Row[]));
      return { version: STORY_JSON_VERSION, story, query: q, events };
    },
    async events(filter: EventFilter = {}, p: Page = {}): Promise<EventsDocument> {
      const ss = streams(filter);
      const ids = page(ss, p.offset ?? 0, p.limit ?? 100);
      return { version: STORY_JSON_VERSION, total: monthlyTotal(filter) ?? total(ss), events: details(ids) };
    },
    async articles(filter: ArticleFilter = {}, page: Page = {}): Promise<ArticlesDocument> {
      const w: string[] = [];
      const args: unknown[] = [];
      if (filter.source) {
        w.push("a.source = ?");
        args.push(filter.source);
      }
      const from = boundary(filter.from, "from");
      const to = boundary(filter.to, "to");
      if (from) {
        w.push("a.published >= ?");
        args.push(from);
      }
      if (to) {
        w.push("a.published <= ?");
        args.push(to);
      }
      if (filter.story !== undefined) {
        const r = resolve(filter.story);
        w.push("m.story_id = ?");
        args.push(r ? r.id : -1);
      }
      if (filter.query !== undefined) {
        const fts = ftsQuery(filter.query);
        w.push(fts ? "a.id IN (SELECT id FROM articles_fts WHERE articles_fts MATCH ?)" : "0");
        if (fts) args.push(fts);
      }
      const base = `FROM articles a LEFT JOIN story_members m ON m.article_id = a.id ${w.length ? `WHERE ${w.join(" AND ")}` : ""}`;
      const total = (db.prepare(`SELECT count(*) AS n ${base}`).get(...args) as { n: number }).n;
      const rows = db
        .prepare(`SELECT a.id, a.title, a.source, a.url, a.published, m.story_id, m.copy_group,
          (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n ${base} ORDER BY a.published, a.id LIMIT ? OFFSET ?`)
        .all(...args, page.limit ?? 100, page.offset ?? 0) as Row[];
      return {
        version: STORY_JSON_VERSION,
        total,
        articles: rows.map(toArticleSummary),
      };
    },
    async actors(): Promise<ActorSummary[]> {
      const rows = db
        .prepare(`SELECT p.code, sum(p.role = 'actor') AS a, sum(p.role = 'recipient') AS r, count(DISTINCT e.story_id) AS s
          FROM story_event_parties p JOIN story_events e ON e.id = p.event_id GROUP BY p.code ORDER BY count(*) DESC, p.code`)
        .all() as Row[];
      return rows.map((r) => ({
        code: r.code as string,
        names: (s.names.all(r.code) as { name: string }[]).map((x) => x.name),
        asActor: r.a as number,
        asRecipient: r.r as number,
        stories: r.s as number,
      }));
    },
    async actor(code: string): Promise<ActorDetail | null> {
      const c = code.trim().toUpperCase();
      const head = db
        .prepare(`SELECT sum(p.role = 'actor') AS a, sum(p.role = 'recipient') AS r, count(DISTINCT e.story_id) AS s
          FROM story_event_parties p JOIN story_events e ON e.id = p.event_id WHERE p.code = ?`)
        .get(c) as Row;
      if (!head.a && !head.r) return null;
      const months = db
        .prepare(`SELECT substr(e.date_from, 1, 7) AS month, e.type, sum(p.role = 'actor') AS a, sum(p.role = 'recipient') AS r
          FROM story_event_parties p JOIN story_events e ON e.id = p.event_id WHERE p.code = ? AND e.date_from IS NOT NULL
          GROUP BY month, e.type ORDER BY month, e.type`)
        .all(c) as Row[];
      return {
        code: c,
        names: (s.names.all(c) as { name: string }[]).map((x) => x.name),
        asActor: head.a as number,
        asRecipient: head.r as number,
        stories: head.s as number,
        byMonth: months.map((m) => ({ month: m.month as string, type: m.type as string, asActor: m.a as number, asRecipient: m.r as number })),
      };
    },
    async storyChanges(id: number, since: string): Promise<StoryChanges | null> {
      const r = resolve(id);
      if (!r) return null;
      const sid = r.id as number;
      return {
        story: summary(r),
        since,
        articles: (s.joined.all(sid, since) as { article_id: string }[]).map((x) => x.article_id),
        events: sortTimeline(eventsOf(s.changedEvents.all(sid, since) as Row[])),
      };
    },
    storyEvents: async (id: number) => sortTimeline(eventsOf(s.storyEvents.all(resolve(id)?.id ?? -1) as Row[])),
  };
}
