/**
 * The PostgreSQL store's migrations: the same versions, names and tables as the SQLite store's (`migrations.ts`),
 * in PostgreSQL's dialect. Full-text search is PostgreSQL's own: a stored tsvector (title weighted over text) with a
 * GIN index. `end` and `of` are reserved words in PostgreSQL, so those columns are always quoted.
 * Never edit a migration that has shipped: add a new one, in both files.
 */
export const PG_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
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
  ingested_at TEXT NOT NULL,
  -- tsvector has a 1 MB limit: the first 200,000 characters are indexed (wire stories are far shorter).
  fts tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', left(text, 200000)), 'B')
  ) STORED
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_hash ON articles(hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_fts ON articles USING GIN (fts);

CREATE TABLE article_versions (
  id TEXT NOT NULL, version INTEGER NOT NULL, hash TEXT NOT NULL, record_json TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE sentences (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, PRIMARY KEY (article_id, seq)
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
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT,
  PRIMARY KEY (article_id, entity_seq, seq)
);
CREATE TABLE times (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL,
  scope TEXT, "of" TEXT, anchor TEXT, PRIMARY KEY (article_id, seq)
);
CREATE TABLE quotes (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
  speaker TEXT, speaker_text TEXT, speaker_span_json TEXT, cue_json TEXT NOT NULL, chain_json TEXT NOT NULL, hedges_json TEXT NOT NULL,
  PRIMARY KEY (article_id, seq)
);
CREATE TABLE events (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER NOT NULL, event_id TEXT NOT NULL,
  type TEXT NOT NULL, mode TEXT, cameo TEXT, quad_class INTEGER, score DOUBLE PRECISION,
  actor_code TEXT NOT NULL, actor_text TEXT NOT NULL, recipient_code TEXT, recipient_text TEXT,
  date TEXT, date_source TEXT, modality TEXT NOT NULL, location_text TEXT,
  evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, rule TEXT NOT NULL,
  detail_json TEXT NOT NULL,
  PRIMARY KEY (article_id, seq)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_actor ON events(actor_code);
CREATE INDEX events_date ON events(date);
`,
  },
];
