/**
 * Versioned schema migrations for the SQLite store, applied in order inside a transaction; `schema_migrations`
 * records which ran. Never edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "articles and layers",
    sql: `
CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  schema_version TEXT NOT NULL,
  url TEXT, source TEXT, title TEXT, standfirst TEXT,
  published TEXT, published_from TEXT, language TEXT, origin TEXT,
  dateline_json TEXT, structure_json TEXT NOT NULL, removed_json TEXT NOT NULL, warnings_json TEXT NOT NULL,
  text TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_hash ON articles(hash);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE article_versions (
  id TEXT NOT NULL, version INTEGER NOT NULL, hash TEXT NOT NULL, record_json TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE sentences (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, PRIMARY KEY (article_id, seq)
);
CREATE TABLE entities (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER NOT NULL, entity_id TEXT NOT NULL,
  name TEXT NOT NULL, type TEXT NOT NULL, code TEXT, country TEXT, role TEXT, code_source TEXT,
  PRIMARY KEY (article_id, seq)
);
CREATE INDEX entities_name ON entities(name);
CREATE INDEX entities_code ON entities(code);
CREATE TABLE mentions (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity_seq INTEGER NOT NULL, seq INTEGER NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT,
  PRIMARY KEY (article_id, entity_seq, seq)
);
CREATE TABLE times (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL,
  scope TEXT, of TEXT, anchor TEXT, PRIMARY KEY (article_id, seq)
);
CREATE TABLE quotes (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
  speaker TEXT, speaker_text TEXT, speaker_span_json TEXT, cue_json TEXT NOT NULL, chain_json TEXT NOT NULL, hedges_json TEXT NOT NULL,
  PRIMARY KEY (article_id, seq)
);
CREATE TABLE events (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER NOT NULL, event_id TEXT NOT NULL,
  type TEXT NOT NULL, mode TEXT, cameo TEXT, quad_class INTEGER, score REAL,
  actor_code TEXT NOT NULL, actor_text TEXT NOT NULL, recipient_code TEXT, recipient_text TEXT,
  date TEXT, date_source TEXT, modality TEXT NOT NULL, location_text TEXT,
  evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, rule TEXT NOT NULL,
  detail_json TEXT NOT NULL,
  PRIMARY KEY (article_id, seq)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_actor ON events(actor_code);
CREATE INDEX events_date ON events(date);

CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, text, tokenize = 'porter unicode61');
`,
  },
  {
    version: 2,
    name: "stories, story events, mentions, copy groups",
    sql: `
CREATE TABLE stories (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL, title_score REAL NOT NULL,
  vector_json TEXT NOT NULL, actors_json TEXT NOT NULL, surface_json TEXT NOT NULL,
  main_actors_json TEXT NOT NULL, keywords_json TEXT NOT NULL,
  article_count INTEGER NOT NULL, span_from TEXT, span_to TEXT,
  merged_into INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX stories_listing ON stories(merged_into, span_to);

CREATE TABLE story_keys (
  feature TEXT NOT NULL, story_id INTEGER NOT NULL, weight REAL NOT NULL, PRIMARY KEY (feature, story_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_story ON story_keys(story_id);

CREATE TABLE feature_df (feature TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE story_members (
  article_id TEXT PRIMARY KEY, story_id INTEGER NOT NULL, origin_story INTEGER NOT NULL,
  copy_group TEXT NOT NULL, publisher TEXT, url TEXT, published TEXT,
  joined_at TEXT NOT NULL, score REAL NOT NULL,
  features_json TEXT NOT NULL, mentions_json TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id, published);
CREATE INDEX story_members_joined ON story_members(story_id, joined_at);
CREATE INDEX story_members_copy ON story_members(copy_group);

CREATE TABLE copies (article_id TEXT PRIMARY KEY, group_id TEXT NOT NULL, size INTEGER NOT NULL, sig TEXT NOT NULL);
CREATE INDEX copies_group ON copies(group_id);
CREATE TABLE copy_bands (bucket INTEGER NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (bucket, article_id)) WITHOUT ROWID;
CREATE INDEX copy_bands_article ON copy_bands(article_id);

CREATE TABLE story_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, story_id INTEGER NOT NULL,
  date TEXT, date_from TEXT, date_to TEXT, precision TEXT NOT NULL,
  type TEXT NOT NULL, mode TEXT, cameo TEXT, modality TEXT NOT NULL,
  background INTEGER NOT NULL, future INTEGER NOT NULL,
  articles INTEGER NOT NULL, sources INTEGER NOT NULL, mention_count INTEGER NOT NULL, contradictions INTEGER NOT NULL,
  first_seen TEXT NOT NULL, updated_at TEXT NOT NULL, detail_json TEXT NOT NULL
);
CREATE INDEX story_events_story ON story_events(story_id, date_from);
CREATE INDEX story_events_date ON story_events(date_from);
CREATE INDEX story_events_type ON story_events(type, date_from);
CREATE INDEX story_events_changed ON story_events(story_id, updated_at);

CREATE TABLE story_event_parties (
  event_id INTEGER NOT NULL REFERENCES story_events(id) ON DELETE CASCADE, role TEXT NOT NULL, code TEXT NOT NULL,
  PRIMARY KEY (event_id, role, code)
) WITHOUT ROWID;
CREATE INDEX story_event_parties_code ON story_event_parties(code, role);
CREATE TABLE story_event_contexts (
  event_id INTEGER NOT NULL REFERENCES story_events(id) ON DELETE CASCADE, context TEXT NOT NULL, PRIMARY KEY (event_id, context)
) WITHOUT ROWID;
CREATE INDEX story_event_contexts_context ON story_event_contexts(context);
CREATE TABLE story_event_mentions (
  event_id INTEGER NOT NULL REFERENCES story_events(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  article_id TEXT NOT NULL, article_event TEXT NOT NULL, kind TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  PRIMARY KEY (event_id, seq)
);
CREATE INDEX story_event_mentions_article ON story_event_mentions(article_id);

CREATE TABLE story_merges (
  id INTEGER PRIMARY KEY AUTOINCREMENT, target INTEGER NOT NULL, merged INTEGER NOT NULL, merged_at TEXT NOT NULL, undone_at TEXT
);
CREATE INDEX story_merges_target ON story_merges(target);
`,
  },
  {
    version: 3,
    name: "story norms",
    sql: `ALTER TABLE stories ADD COLUMN norms_json TEXT NOT NULL DEFAULT '{}';`,
  },
  {
    version: 4,
    name: "feed validators",
    sql: `
CREATE TABLE feeds (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  checked_at TEXT NOT NULL
);
`,
  },
  {
    version: 5,
    name: "watched feeds: items seen, poll schedule",
    sql: `
CREATE TABLE feed_items (
  feed_url TEXT NOT NULL,
  item_key TEXT NOT NULL,
  article_id TEXT,
  done INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  reason TEXT,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (feed_url, item_key)
) WITHOUT ROWID;
CREATE TABLE feed_polls (
  url TEXT PRIMARY KEY,
  checked_at TEXT NOT NULL,
  next_at TEXT NOT NULL,
  failures INTEGER NOT NULL,
  last_error TEXT
);
`,
  },
  {
    version: 6,
    name: "story event indexes by precision and date",
    // An event's date interval is one whole calendar unit of its precision (story/dates.ts `interval`), so the events
    // of one precision that overlap [from, to] are those whose date_from lies in [start of from's unit, to]: one index
    // range per precision, in date order (store/date-ranges.ts). Parties carry their event's precision and date_from
    // so an actor's events in a period are one such range too, without visiting the events. Dyads (each actor with
    // each recipient of an event) do the same for "actor X towards recipient Y", by the codes' first three letters
    // (the country, in CAMEO) so a prefix such as RUS is one range. Story events are counted per type, precision
    // and month of date_from (kept by triggers, so every writer keeps them), and a total over whole months is a sum
    // of a few of these rows instead of a count over the index.
    sql: `
ALTER TABLE story_event_parties ADD COLUMN precision TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE story_event_parties ADD COLUMN date_from TEXT;
UPDATE story_event_parties SET (precision, date_from) = (SELECT e.precision, e.date_from FROM story_events e WHERE e.id = story_event_parties.event_id);
DROP INDEX story_event_parties_code;
CREATE INDEX story_event_parties_dated ON story_event_parties(code, role, precision, date_from, event_id);
DROP INDEX story_events_type;
CREATE INDEX story_events_type_dated ON story_events(type, precision, date_from);
CREATE INDEX story_events_dated ON story_events(precision, date_from);
CREATE TABLE story_event_dyads (
  event_id INTEGER NOT NULL REFERENCES story_events(id) ON DELETE CASCADE, actor TEXT NOT NULL, recipient TEXT NOT NULL,
  actor_root TEXT NOT NULL, recipient_root TEXT NOT NULL, precision TEXT NOT NULL, date_from TEXT,
  PRIMARY KEY (event_id, actor, recipient)
) WITHOUT ROWID;
CREATE INDEX story_event_dyads_dated ON story_event_dyads(actor_root, recipient_root, precision, date_from, event_id, actor, recipient);
INSERT INTO story_event_dyads SELECT a.event_id, a.code, r.code, substr(a.code, 1, 3), substr(r.code, 1, 3), a.precision, a.date_from
  FROM story_event_parties a JOIN story_event_parties r ON r.event_id = a.event_id AND r.role = 'recipient' WHERE a.role = 'actor';
CREATE TABLE story_event_months (
  type TEXT NOT NULL, precision TEXT NOT NULL, month TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (type, precision, month)
) WITHOUT ROWID;
INSERT INTO story_event_months SELECT type, precision, coalesce(substr(date_from, 1, 7), ''), count(*) FROM story_events GROUP BY 1, 2, 3;
CREATE TRIGGER story_event_months_insert AFTER INSERT ON story_events BEGIN
  INSERT INTO story_event_months VALUES (NEW.type, NEW.precision, coalesce(substr(NEW.date_from, 1, 7), ''), 1)
    ON CONFLICT (type, precision, month) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER story_event_months_delete AFTER DELETE ON story_events BEGIN
  UPDATE story_event_months SET n = n - 1 WHERE type = OLD.type AND precision = OLD.precision AND month = coalesce(substr(OLD.date_from, 1, 7), '');
END;
CREATE TRIGGER story_event_months_update AFTER UPDATE OF type, precision, date_from ON story_events BEGIN
  UPDATE story_event_months SET n = n - 1 WHERE type = OLD.type AND precision = OLD.precision AND month = coalesce(substr(OLD.date_from, 1, 7), '');
  INSERT INTO story_event_months VALUES (NEW.type, NEW.precision, coalesce(substr(NEW.date_from, 1, 7), ''), 1)
    ON CONFLICT (type, precision, month) DO UPDATE SET n = n + 1;
END;
`,
  },
];
