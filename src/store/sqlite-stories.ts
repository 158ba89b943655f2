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
import { ftsQuery } from "./fts.js";
import { toMember, toState } from "./story-rows.js";
import type {
  ActorDetail, ActorSummary, ArticleFilter, ArticlesDocument, EventFilter, EventsDocument, Page, StoryChanges, StoryEvent,
  StorySummary, TimelineDocument, TimelineQuery,
} from "../story/types.js";
import { STORY_JSON_VERSION } from "../story/types.js";

type Row = Record<string, unknown>;
const json = (v: unknown) => JSON.stringify(v);
const parse = <T>(s: unknown) => JSON.parse(s as string) as T;
const CHUNK = 500;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
const marks = (n: number) => Array(n).fill("?").join(", ");

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
    bumpDf: db.prepare("INSERT INTO feature_df VALUES (?, 1) ON CONFLICT(feature) DO UPDATE SET df = df + 1"),
    dropDf: db.prepare("UPDATE feature_df SET df = df - 1 WHERE feature = ?"),
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
    events: db.prepare("SELECT detail_json FROM story_events WHERE story_id = ?"),
    delEvent: db.prepare("DELETE FROM story_events WHERE id = ?"),
    insEvent: db.prepare(`INSERT OR REPLACE INTO story_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    setEventJson: db.prepare("UPDATE story_events SET detail_json = ? WHERE id = ?"),
    insParty: db.prepare("INSERT OR IGNORE INTO story_event_parties VALUES (?, ?, ?)"),
    insContext: db.prepare("INSERT OR IGNORE INTO story_event_contexts VALUES (?, ?)"),
    insMention: db.prepare("INSERT INTO story_event_mentions VALUES (?, ?, ?, ?, ?, ?, ?)"),
    copy: db.prepare("SELECT * FROM copies WHERE article_id = ?"),
    insCopy: db.prepare("INSERT OR REPLACE INTO copies VALUES (?, ?, ?, ?)"),
    insBand: db.prepare("INSERT OR IGNORE INTO copy_bands VALUES (?, ?)"),
    delCopy: db.prepare("DELETE FROM copies WHERE article_id = ?"),
    delBands: db.prepare("DELETE FROM copy_bands WHERE article_id = ?"),
    insMerge: db.prepare("INSERT INTO story_merges (target, merged, merged_at) VALUES (?, ?, ?)"),
    merge: db.prepare("SELECT * FROM story_merges WHERE id = ?"),
    closeMerge: db.prepare("UPDATE story_merges SET undone_at = ? WHERE id = ?"),
  };

  // Document frequencies are read for every feature of every article: kept in memory, written through, and dropped
  // when another connection has committed (PRAGMA data_version changes only for other connections' commits).
  const dfCache = new Map<string, number>();
  // Parsed story states, most recently used last.
  const stories = new Map<number, StoryState>();
  const STORY_CACHE = 5000;
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
      const out = new Map<string, number>();
      const missing = features.filter((f) => !dfCache.has(f));
      for (const part of chunks(missing)) {
        const rows = db.prepare(`SELECT feature, df FROM feature_df WHERE feature IN (${marks(part.length)})`).all(...part) as { feature: string; df: number }[];
        for (const f of part) dfCache.set(f, 0);
        for (const r of rows) dfCache.set(r.feature, r.df);
      }
      for (const f of features) {
        const n = dfCache.get(f)!;
        if (n) out.set(f, n);
      }
      return out;
    },
    async addDf(features, delta) {
      for (const f of features) {
        (delta > 0 ? s.bumpDf : s.dropDf).run(f);
        if (dfCache.has(f)) dfCache.set(f, dfCache.get(f)! + delta);
      }
    },
    async candidateStories(features, limit) {
      if (!features.length) return [];
      const rows = db
        .prepare(`SELECT k.story_id AS id, sum(k.weight) AS w FROM story_keys k WHERE k.feature IN (${marks(features.length)})
          GROUP BY k.story_id ORDER BY w DESC, k.story_id LIMIT ?`)
        .all(...features, limit) as { id: number }[];
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
    storyEvents: async (story) => (s.events.all(story) as Row[]).map((r) => parse<StoryEvent>(r.detail_json)),
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
        for (const c of e.actors) s.insParty.run(id, "actor", c);
        for (const c of e.recipients) s.insParty.run(id, "recipient", c);
        for (const c of e.context ?? []) s.insContext.run(id, c);
        e.mentions.forEach((m, i) => s.insMention.run(id, i, m.article, m.event, m.kind, m.start, m.end));
      }
    },
    async copyCandidates(bands) {
      const out = new Set<string>();
      for (const part of chunks(bands)) {
        const rows = db.prepare(`SELECT DISTINCT article_id FROM copy_bands WHERE bucket IN (${marks(part.length)})`).all(...part) as { article_id: string }[];
        for (const r of rows) out.add(r.article_id);
      }
      return [...out].sort();
    },
    async copyEntries(articles) {
      return articles
        .map((a) => s.copy.get(a) as Row | undefined)
        .filter((r): r is Row => !!r)
        .map((r): CopyEntry => ({ article: r.article_id as string, group: r.group_id as string, size: r.size as number, sig: decodeSig(r.sig as string) }));
    },
    async saveCopy(e, bands) {
      s.insCopy.run(e.article, e.group, e.size, encodeSig(e.sig));
      for (const b of bands) s.insBand.run(b, e.article);
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

  /** WHERE fragments for an event filter; values go in `args`, never into the SQL. */
  function where(f: EventFilter, args: unknown[]): string {
    const w: string[] = [];
    if (f.story !== undefined) {
      const r = resolve(f.story);
      w.push("e.story_id = ?");
      args.push(r ? r.id : -1);
    }
    if (f.actor) {
      w.push("e.id IN (SELECT event_id FROM story_event_parties WHERE role = 'actor' AND code GLOB ?)");
      args.push(codePattern(f.actor));
    }
    if (f.recipient) {
      w.push("e.id IN (SELECT event_id FROM story_event_parties WHERE role = 'recipient' AND code GLOB ?)");
      args.push(codePattern(f.recipient));
    }
    for (const [col, v] of [["e.type", f.type?.toUpperCase()], ["e.mode", f.mode], ["e.modality", f.modality]] as const)
      if (v) {
        w.push(`${col} = ?`);
        args.push(v);
      }
    if (f.context) {
      w.push("e.id IN (SELECT event_id FROM story_event_contexts WHERE context = ?)");
      args.push(f.context);
    }
    const from = boundary(f.from, "from");
    const to = boundary(f.to, "to");
    if (from) {
      w.push("e.date_to >= ?");
      args.push(from);
    }
    if (to) {
      w.push("e.date_from <= ?");
      args.push(to);
    }
    if (f.background !== undefined) {
      w.push("e.background = ?");
      args.push(f.background ? 1 : 0);
    }
    return w.length ? `WHERE ${w.join(" AND ")}` : "";
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
        const w = where({ from: q.from, to: q.to }, args);
        args.push(codePattern(q.actor));
        sql = `SELECT e.detail_json FROM story_events e ${w ? `${w} AND` : "WHERE"} e.id IN (SELECT event_id FROM story_event_parties WHERE code GLOB ?)`;
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
    async events(filter: EventFilter = {}, page: Page = {}): Promise<EventsDocument> {
      const args: unknown[] = [];
      const w = where(filter, args);
      const total = (db.prepare(`SELECT count(*) AS n FROM story_events e ${w}`).get(...args) as { n: number }).n;
      const rows = db
        .prepare(`SELECT e.detail_json FROM story_events e ${w} ORDER BY e.date_from IS NULL, e.date_from, e.id LIMIT ? OFFSET ?`)
        .all(...args, page.limit ?? 100, page.offset ?? 0) as Row[];
      return { version: STORY_JSON_VERSION, total, events: eventsOf(rows) };
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
        articles: rows.map((r) => ({
          id: r.id as string,
          title: r.title as string | null,
          source: r.source as string | null,
          url: r.url as string | null,
          published: r.published as string | null,
          story: r.story_id as number | null,
          copyGroup: r.copy_group as string | null,
          events: r.n as number,
        })),
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
