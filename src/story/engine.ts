/**
 * The incremental story engine, independent of the database: it reads and writes through `StoryRepo`, which each
 * store implements (SQLite now, PostgreSQL later) inside the transaction that writes the article, so an article and
 * the story it changes commit together.
 *
 * One more article touches one story: its copy group is found by MinHash LSH, its candidate stories by an inverted
 * index over parties and names (a few stories, not all), it joins the most similar one above `join` or starts a new
 * one, and only that story's events are rebuilt from its mentions. When the article is close to two stories that are
 * close to each other (`merge`), the two become one, recorded so the merge can be undone.
 */
import type { ArticleRecord } from "../record/schema.js";
import { ns, type ArticleFeatures, type Vector } from "./features.js";
import { storyInputs, type StoryInputs } from "./inputs.js";
import { articleMentions, type MentionInput } from "./mentions.js";
import { groupMentions, mergeFamily, type MentionGroup } from "./merge-events.js";
import { bands, containment, jaccard } from "./minhash.js";
import { addPruned, indexKeys, makeIdf, norms, similarity, storySettings, timeFactor, Weighted, type Idf, type StorySettings } from "./similarity.js";
import type { StoryEvent } from "./types.js";

export interface StoryState {
  /** Undefined until the repo inserts it. */
  id?: number;
  title: string;
  /** Similarity of the title's article to the centroid when it was chosen. */
  titleScore: number;
  vector: Vector;
  actors: Record<string, number>;
  surface: Record<string, string>;
  articles: number;
  from: string | null;
  to: string | null;
  mergedInto: number | null;
  /** Readable keywords and TF-IDF norms per namespace, set when the story is saved. */
  keywords?: string[];
  norms?: Record<string, number>;
  created?: string;
  updated?: string;
}

export interface Member {
  article: string;
  story: number;
  /** The story the article first joined (where an undone merge sends it back). */
  origin: number;
  features: ArticleFeatures;
  mentions: MentionInput[];
  copyGroup: string;
  publisher: string | null;
  url: string | null;
  joined: string;
  score: number;
}

export interface CopyEntry {
  article: string;
  group: string;
  size: number;
  sig: Uint32Array;
}

export interface StoryRepo {
  /** The transaction's timestamp (ISO), used for `created`, `updated`, `joined`. */
  now(): string;
  memberCount(): Promise<number>;
  df(features: string[]): Promise<Map<string, number>>;
  addDf(features: string[], delta: 1 | -1): Promise<void>;
  /** Stories indexed under any of `features`, the most strongly indexed first. */
  candidateStories(features: string[], limit: number): Promise<number[]>;
  getStories(ids: number[]): Promise<StoryState[]>;
  /** Inserts (no id) or updates a story and replaces its index keys; returns its id. */
  saveStory(s: StoryState, keys: { feature: string; weight: number }[]): Promise<number>;
  getMember(article: string): Promise<Member | null>;
  saveMember(m: Member): Promise<void>;
  deleteMember(article: string): Promise<void>;
  members(story: number): Promise<Member[]>;
  /** The mentions of a story's members (what its events are rebuilt from), without their features. */
  storyMentions(story: number): Promise<MentionInput[]>;
  /** A story's events as a rebuild needs them: ids, first seen, and their mentions' keys in order (no detail); only
   * the events of `types` when given. */
  storyEventKeys(story: number, types?: readonly string[]): Promise<StoryEventKeys[]>;
  /** Deletes the `remove` story events, then writes `upsert` (id 0: new, the repo assigns one; else insert or replace). */
  writeStoryEvents(upsert: StoryEvent[], remove: number[]): Promise<void>;
  copyCandidates(bands: number[]): Promise<string[]>;
  copyEntries(articles: string[]): Promise<CopyEntry[]>;
  saveCopy(e: CopyEntry, bands: number[]): Promise<void>;
  deleteCopy(article: string): Promise<void>;
  saveMerge(target: number, merged: number): Promise<number>;
  getMerge(id: number): Promise<{ id: number; target: number; merged: number; undone: string | null } | null>;
  /** Marks a merge undone. */
  closeMerge(id: number): Promise<void>;
}

/** What a rebuild reads of an existing story event: which mentions it has, to keep its id for the event they continue. */
export interface StoryEventKeys {
  id: number;
  story: number;
  firstSeen: string;
  mentions: { article: string; event: string; kind: string }[];
}

export interface EngineOptions {
  settings?: StorySettings;
  /** Rebuild every event of the story an article joins, not only those of the types it touches: the reference the
   * partial rebuild is tested against. */
  rebuildAll?: boolean;
}

const INDEX_KEYS = 40;
const QUERY_KEYS = 20;

async function copyGroup(repo: StoryRepo, r: ArticleRecord, copy: StoryInputs["copy"], s: StorySettings): Promise<{ group: string; of: string | null }> {
  const { size, sig } = copy;
  const bs = bands(sig);
  const cands = (await repo.copyCandidates(bs)).filter((a) => a !== r.id);
  let best: { group: string; of: string; c: number } | null = null;
  if (cands.length) {
    for (const e of await repo.copyEntries(cands)) {
      const c = containment(jaccard(sig, e.sig), size, e.size);
      if (c >= s.copyContainment && (!best || c > best.c || (c === best.c && e.article < best.of))) best = { group: e.group, of: e.article, c };
    }
  }
  const group = best?.group ?? r.id;
  await repo.saveCopy({ article: r.id, group, size, sig }, bs);
  return { group, of: best?.of ?? null };
}

async function idfFor(repo: StoryRepo, vectors: Vector[]): Promise<Idf> {
  const keys = new Set<string>();
  for (const v of vectors) for (const k of Object.keys(v)) keys.add(k);
  return makeIdf(await repo.memberCount(), await repo.df([...keys]));
}

function spanWith(s: StoryState, published: string | null): void {
  if (!published) return;
  if (!s.from || published < s.from) s.from = published;
  if (!s.to || published > s.to) s.to = published;
}

/** Adds or takes away an article's features. Copies what it changes: states read from the repo may be shared. */
function addTo(s: StoryState, f: ArticleFeatures, sign: 1 | -1): void {
  s.vector = addPruned(s.vector, f.vector, sign);
  s.actors = { ...s.actors };
  for (const [k, n] of Object.entries(f.actors)) {
    const v = (s.actors[k] ?? 0) + sign * n;
    if (v > 1e-9) s.actors[k] = v;
    else delete s.actors[k];
  }
  // Surface words of the stems the centroid kept: the old ones first, then the article's new ones.
  const surface: Record<string, string> = {};
  for (const k in s.surface) if (s.vector[`w:${k}`] !== undefined) surface[k] = s.surface[k]!;
  if (sign > 0) for (const k in f.surface) if (s.vector[`w:${k}`] !== undefined) surface[k] ??= f.surface[k]!;
  s.surface = surface;
  s.articles += sign;
}

const emptyStory = (): StoryState => ({ title: "", titleScore: -1, vector: {}, actors: {}, surface: {}, articles: 0, from: null, to: null, mergedInto: null });

/** Rebuilds a story's state from its members (after an unmerge or a removal). */
async function rebuild(repo: StoryRepo, s: StoryState, members: Member[]): Promise<StoryState> {
  const out: StoryState = { ...emptyStory(), ...(s.id !== undefined ? { id: s.id } : {}), mergedInto: s.mergedInto, ...(s.created ? { created: s.created } : {}) };
  for (const m of members) {
    addTo(out, m.features, 1);
    spanWith(out, m.features.published);
  }
  const idf = await idfFor(repo, [out.vector]);
  for (const m of members) {
    const sc = similarity(m.features.vector, out.vector, idf);
    if (sc > out.titleScore && m.features.title) [out.title, out.titleScore] = [m.features.title, sc];
  }
  return out;
}

async function save(repo: StoryRepo, s: StoryState): Promise<number> {
  const idf = await idfFor(repo, [s.vector]);
  s.keywords = keywords(s, 8, idf);
  s.norms = norms(s.vector, idf);
  const id = await repo.saveStory(s, indexKeys(s.vector, idf, INDEX_KEYS));
  s.id = id;
  return id;
}

const mentionKey = (m: { article: string; event: string; kind: string }) => `${m.article} ${m.event} ${m.kind}`;
const sameMentions = (a: StoryEventKeys, b: MentionGroup) =>
  a.mentions.length === b.mentions.length && a.mentions.every((m, i) => mentionKey(m) === mentionKey(b.mentions[i]!));

/**
 * Rebuilds the events of the given stories from their members' mentions, keeping the ids of the old events they
 * continue (most shared mentions wins), so GLOBALEVENTIDs and API links stay stable. Given the mentions `added` to
 * one story by its newest article, only the events of the types they can change are rebuilt (see `touchedTypes`).
 */
async function rebuildEvents(repo: StoryRepo, stories: number[], previous: StoryEventKeys[] = [], added?: readonly MentionInput[]): Promise<void> {
  const mentions = new Map<number, MentionInput[]>();
  for (const s of stories) mentions.set(s, await repo.storyMentions(s));
  const only = added && stories.length === 1 ? touchedTypes(added, mentions.get(stories[0]!)!) : undefined;
  if (only?.size === 0) return;
  const now = repo.now();
  const old = [...previous];
  for (const s of stories) old.push(...(await repo.storyEventKeys(s, only && [...only])));
  const oldOf = new Map<string, number>();
  old.forEach((e, j) => e.mentions.forEach((m) => oldOf.set(mentionKey(m), j)));
  const drafts: { story: number; d: MentionGroup }[] = [];
  for (const s of stories) {
    const all = mentions.get(s)!;
    for (const d of groupMentions(only ? all.filter((m) => only.has(m.type)) : all)) drafts.push({ story: s, d });
  }
  const pairs: { i: number; j: number; n: number }[] = [];
  drafts.forEach(({ d }, i) => {
    const shared = new Map<number, number>();
    for (const m of d.mentions) {
      const j = oldOf.get(mentionKey(m));
      if (j !== undefined) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, n] of shared) pairs.push({ i, j, n });
  });
  pairs.sort((a, b) => b.n - a.n || old[a.j]!.id - old[b.j]!.id || a.i - b.i);
  const taken = new Map<number, number>();
  const used = new Set<number>();
  for (const p of pairs)
    if (!taken.has(p.i) && !used.has(p.j)) {
      taken.set(p.i, p.j);
      used.add(p.j);
    }
  const upsert: StoryEvent[] = [];
  drafts.forEach(({ story, d }, i) => {
    const j = taken.get(i);
    const o = j === undefined ? undefined : old[j]!;
    // A story event is a function of its mentions: the same mentions in the same story mean nothing to write.
    if (o && o.story === story && sameMentions(o, d)) return;
    upsert.push({ id: o?.id ?? 0, story, ...d.draft(), firstSeen: o?.firstSeen ?? now, updated: now });
  });
  const kept = new Set([...taken.values()].map((j) => old[j]!.id));
  await repo.writeStoryEvents(upsert, old.filter((e) => !kept.has(e.id)).map((e) => e.id));
}

/**
 * A thread is its parties: true when the article's events and the story's both have dyads (`d:` features) and share
 * none. Such an article is another thread unless the rest of it is much closer (`newPartyJoin`): talks on Iran's
 * nuclear programme share the United States, sanctions and "nuclear" with a US–North Korea summit, not a dyad.
 */
function otherParties(dyads: readonly string[], story: Vector): boolean {
  if (dyads.length === 0 || dyads.some((k) => story[k] !== undefined)) return false;
  for (const k in story) if (k.startsWith("d:")) return true;
  return false;
}

/** Adds (or re-adds, for a new version) an article to the stories. Returns the story it joined. */
export async function addArticle(repo: StoryRepo, r: ArticleRecord, opts: EngineOptions = {}): Promise<number> {
  const s = opts.settings ?? storySettings();
  if (await repo.getMember(r.id)) await removeArticle(repo, r.id);
  const inputs = storyInputs(r);
  const copy = await copyGroup(repo, r, inputs.copy, s);
  const f = inputs.features;
  await repo.addDf(Object.keys(f.vector), 1);

  const queryIdf = await idfFor(repo, [f.vector]);
  const ids = await repo.candidateStories(indexKeys(f.vector, queryIdf, QUERY_KEYS).map((k) => k.feature), s.candidates);
  if (copy.of) {
    const original = await repo.getMember(copy.of);
    if (original && !ids.includes(original.story)) ids.unshift(original.story);
  }
  const cands = (await repo.getStories(ids)).filter((c) => c.mergedInto === null);
  // Only the article's features need their IDF: each story carries its norms from when it was saved.
  const idf = queryIdf;
  const weighted = new Weighted(f.vector, idf);
  const scored = cands
    .map((c) => ({ c, score: similarity(weighted, c.vector, idf, s, c.norms) * timeFactor(f.published, c, s) }))
    .sort((a, b) => b.score - a.score || a.c.id! - b.c.id!);
  const copyStory = copy.of ? (await repo.getMember(copy.of))?.story : undefined;
  const dyads = Object.keys(f.vector).filter((k) => k.startsWith("d:"));
  const bar = (c: StoryState) => (s.newPartyJoin !== undefined && otherParties(dyads, c.vector) ? s.newPartyJoin : s.join);
  const chosen = scored.find((x) => x.c.id === copyStory) ?? scored.find((x) => x.score >= bar(x.c));

  const story = chosen?.c ?? emptyStory();
  addTo(story, f, 1);
  spanWith(story, f.published);
  const now = repo.now();
  if (!story.created) story.created = now;
  story.updated = now;
  const titleScore = similarity(f.vector, story.vector, await idfFor(repo, [story.vector]), s);
  if (f.title && (story.titleScore < 0 || titleScore > story.titleScore)) [story.title, story.titleScore] = [f.title, titleScore];
  if (!story.title) story.title = fallbackTitle(story);
  const id = await save(repo, story);
  const mentions = articleMentions(r, copy.group);
  await repo.saveMember({ article: r.id, story: id, origin: id, features: f, mentions, copyGroup: copy.group, publisher: r.source, url: r.url, joined: now, score: chosen?.score ?? 0 });

  // A bridge: the article is close to another story that is itself close to this one.
  const previous: StoryEventKeys[] = [];
  for (const other of scored) {
    if (other.c.id === id || other.score < s.join) continue;
    const idf2 = await idfFor(repo, [story.vector]);
    if (similarity(story.vector, other.c.vector, idf2, s, other.c.norms) >= s.merge) {
      previous.push(...(await repo.storyEventKeys(other.c.id!)));
      await mergeStories(repo, id, other.c.id!, { rebuild: false });
    }
  }
  const partial = chosen && !previous.length && !opts.rebuildAll;
  await rebuildEvents(repo, [id], previous, partial ? mentions : undefined);
  return id;
}

/**
 * The event types one more article can change in a story: its mentions' types and the types they merge with. Events of
 * other types are grouped from other mentions, so they come out the same (and a rebuild of a long story need only
 * regroup these). A document mention can join an event of any type, so with one in the story every type is rebuilt.
 */
function touchedTypes(added: readonly MentionInput[], story: readonly MentionInput[]): Set<string> | undefined {
  if (story.some((m) => m.kind === "document")) return undefined;
  return new Set(added.flatMap((m) => mergeFamily(m.type)));
}

/** Takes an article out of its story (before a new version goes in). */
export async function removeArticle(repo: StoryRepo, article: string): Promise<void> {
  const m = await repo.getMember(article);
  if (!m) return;
  await repo.deleteMember(article);
  await repo.deleteCopy(article);
  await repo.addDf(Object.keys(m.features.vector), -1);
  const [s] = await repo.getStories([m.story]);
  if (!s) return;
  const rest = await repo.members(m.story);
  const state = await rebuild(repo, s, rest);
  state.updated = repo.now();
  if (!state.title) state.title = fallbackTitle(state);
  await save(repo, state);
  await rebuildEvents(repo, [m.story]);
}

/** Folds story `merged` into `target` (both keep their ids; `merged` points to `target`). Returns the merge id. */
export async function mergeStories(repo: StoryRepo, target: number, merged: number, opt: { rebuild?: boolean } = {}): Promise<number> {
  if (target === merged) throw new Error("cannot merge a story with itself");
  const [t, m] = await repo.getStories([target, merged]).then((xs) => [xs.find((x) => x.id === target), xs.find((x) => x.id === merged)]);
  if (!t || !m) throw new Error(`no such story: ${!t ? target : merged}`);
  if (t.mergedInto !== null || m.mergedInto !== null) throw new Error("a story already merged into another cannot be merged again");
  const previous = await repo.storyEventKeys(merged);
  for (const x of await repo.members(merged)) await repo.saveMember({ ...x, story: target });
  const members = await repo.members(target);
  const state = await rebuild(repo, t, members);
  state.updated = repo.now();
  await save(repo, state);
  await save(repo, { ...m, mergedInto: target, articles: 0, updated: repo.now() });
  const id = await repo.saveMerge(target, merged);
  if (opt.rebuild !== false) await rebuildEvents(repo, [target], previous);
  return id;
}

/** Undoes a merge: the articles that first joined the merged story go back to it, with their events. */
export async function unmergeStories(repo: StoryRepo, mergeId: number): Promise<{ target: number; merged: number }> {
  const mg = await repo.getMerge(mergeId);
  if (!mg) throw new Error(`no such merge: ${mergeId}`);
  if (mg.undone) throw new Error(`merge ${mergeId} was already undone`);
  const [t, m] = await repo.getStories([mg.target, mg.merged]).then((xs) => [xs.find((x) => x.id === mg.target), xs.find((x) => x.id === mg.merged)]);
  if (!t || !m) throw new Error(`merge ${mergeId} refers to a missing story`);
  const all = await repo.members(mg.target);
  const back = all.filter((x) => x.origin === mg.merged);
  for (const x of back) await repo.saveMember({ ...x, story: mg.merged });
  const now = repo.now();
  const ts = await rebuild(repo, t, all.filter((x) => x.origin !== mg.merged));
  const ms = await rebuild(repo, { ...m, mergedInto: null }, back);
  ts.updated = ms.updated = now;
  await save(repo, ts);
  await save(repo, ms);
  await repo.closeMerge(mergeId);
  await rebuildEvents(repo, [mg.target, mg.merged]);
  return { target: mg.target, merged: mg.merged };
}

/** A title for a story whose articles have none: its main parties and words. */
export function fallbackTitle(s: StoryState): string {
  const actors = mainActors(s, 3);
  const words = keywords(s, 4);
  return [actors.join(", "), words.join(", ")].filter(Boolean).join(": ") || "untitled story";
}

export function mainActors(s: Pick<StoryState, "actors">, n = 5): string[] {
  return Object.entries(s.actors)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([k]) => k);
}

/** The story's strongest words (by weight in its centroid), in their surface form. */
export function keywords(s: Pick<StoryState, "vector" | "surface">, n = 8, idf?: Idf): string[] {
  return Object.entries(s.vector)
    .filter(([k]) => ns(k) === "w" && s.surface[k.slice(2)])
    .map(([k, x]) => [k, x * (idf ? idf(k) : 1)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([k]) => s.surface[k.slice(2)]!);
}
