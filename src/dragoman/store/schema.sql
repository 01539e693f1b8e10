-- dragoman store, schema version 5 (v2 added events.plover_mode, plover_context,
-- reporter and statements.speaker_start, speaker_end, speaker_span_text; v3 indexes for
-- actor pages and dyads; v4 the near-duplicate LSH bands, minhash_bands; v5 dropped the
-- index on actors.code alone, which actors_code_name covers).
-- One SQLite file (WAL mode), readable by any SQLite tool while an ingest runs.
-- Every table holding parts of a record is keyed by (article_id, id) so that storing
-- the same article again changes nothing. Columns hold the record contract's fields
-- (DESIGN.md); fields a record carries beyond these columns are kept as JSON in the
-- `extra` column of the same row, so the exact record can be rebuilt.
-- Offsets (`*_start`, `*_end`) are character offsets into articles.text.
-- Later versions change this schema additively (see store/migrations.py), but for
-- indexes dropped where another serves the same lookups.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);

-- One row per distinct article (exact duplicates by content hash are stored once).
CREATE TABLE IF NOT EXISTS articles (
    num          INTEGER PRIMARY KEY,        -- stable rowid (also the FTS rowid)
    id           TEXT NOT NULL UNIQUE,       -- content hash unless the source gave an id
    content_hash TEXT NOT NULL,              -- sha1 of the text (exact duplicates)
    source       TEXT,
    url          TEXT,
    title        TEXT,
    published    TEXT,                       -- ISO date or NULL
    dateline     TEXT,
    language     TEXT,
    text         TEXT NOT NULL,
    metadata     TEXT NOT NULL DEFAULT '{}', -- JSON: Article.metadata (boilerplate, byline...)
    duplicate_of TEXT,                       -- id of the first copy of a near-duplicate
    similarity   REAL,                       -- estimated Jaccard similarity to duplicate_of
    extra        TEXT,                       -- JSON: Article fields beyond these columns
    record_extra TEXT,                       -- JSON: Record fields beyond the tables (timexes...)
    n_actors     INTEGER NOT NULL DEFAULT 0,
    n_events     INTEGER NOT NULL DEFAULT 0,
    n_statements INTEGER NOT NULL DEFAULT 0,
    model        TEXT,                       -- spaCy pipeline that parsed it
    ingested_at  TEXT NOT NULL               -- ISO timestamp (UTC)
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles (duplicate_of);

CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
    title, text, content='articles', content_rowid='num'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.num, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.num, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.num, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.num, new.title, new.text);
END;

-- MinHash signatures for near-duplicate detection.
CREATE TABLE IF NOT EXISTS minhashes (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    signature  BLOB NOT NULL                 -- uint64 array, little-endian
);
-- version 4: the LSH bands of first copies' signatures (articles with duplicate_of NULL),
-- one row per band; a new article's candidates are those sharing a key (store/near.py).
CREATE TABLE IF NOT EXISTS minhash_bands (
    band_key    INTEGER NOT NULL,            -- 64-bit hash of (band number, band's values)
    article_num INTEGER NOT NULL,            -- articles.num of the first copy
    PRIMARY KEY (band_key, article_num)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS actors (
    article_id TEXT NOT NULL REFERENCES articles (id),
    id         TEXT NOT NULL,                -- "a1", "a2"... (per article)
    name       TEXT NOT NULL,
    kind       TEXT,
    country    TEXT,                         -- ISO 3166 alpha-3
    sector     TEXT,
    code       TEXT,                         -- CAMEO-style, e.g. RUSGOV
    role       TEXT,
    origin     TEXT,                         -- Actor.source: where the coding came from
    n_mentions INTEGER NOT NULL DEFAULT 0,
    extra      TEXT,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX IF NOT EXISTS actors_name ON actors (name);
-- version 3: actor pages and dyads join events to actors by (article, actor id);
-- version 5 dropped the index on code alone (this one serves lookups by code as well)
CREATE INDEX IF NOT EXISTS actors_code_name ON actors (code, name);

CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles (id),
    actor_id   TEXT NOT NULL,
    idx        INTEGER NOT NULL,             -- order within the actor's mentions
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    extra      TEXT,
    PRIMARY KEY (article_id, actor_id, idx)
);

CREATE TABLE IF NOT EXISTS events (
    num            INTEGER PRIMARY KEY,      -- global event number (GDELT GLOBALEVENTID)
    article_id     TEXT NOT NULL REFERENCES articles (id),
    id             TEXT NOT NULL,            -- "e1", "e2"... (per article)
    idx            INTEGER NOT NULL,         -- order within the record
    source         TEXT,                     -- actor id
    target         TEXT,                     -- actor id
    plover         TEXT,
    cameo          TEXT,
    quad_class     INTEGER,
    goldstein      REAL,
    negated        INTEGER NOT NULL DEFAULT 0,
    modality       TEXT,
    date           TEXT,
    date_text      TEXT,
    date_source    TEXT,
    location       TEXT,                     -- JSON {"name","country","lat","lon"} or NULL
    location_name  TEXT,
    location_country TEXT,
    lat            REAL,
    lon            REAL,
    sentence       INTEGER,
    trigger_start  INTEGER,
    trigger_end    INTEGER,
    trigger_text   TEXT,
    evidence       TEXT,
    confidence     REAL,
    plover_mode    TEXT,
    plover_context TEXT,
    reporter       TEXT,                     -- actor id of who reported it (inside speech)
    extra          TEXT,
    -- Copies (GDELT NumArticles / NumSources): an event of a near-duplicate article that
    -- matches an event of the first copy by (source code, target code, cameo) points at
    -- it; the first copy's event counts itself and its copies.
    copy_of        INTEGER,                  -- events.num of the first copy's event
    num_articles   INTEGER NOT NULL DEFAULT 1,
    num_sources    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (article_id, id)
);
CREATE INDEX IF NOT EXISTS events_cameo ON events (cameo);
CREATE INDEX IF NOT EXISTS events_plover ON events (plover);
CREATE INDEX IF NOT EXISTS events_date ON events (date);
CREATE INDEX IF NOT EXISTS events_copy_of ON events (copy_of);
CREATE INDEX IF NOT EXISTS events_article_source ON events (article_id, source);
CREATE INDEX IF NOT EXISTS events_article_target ON events (article_id, target);

CREATE TABLE IF NOT EXISTS statements (
    article_id    TEXT NOT NULL REFERENCES articles (id),
    id            TEXT NOT NULL,             -- "s1", "s2"...
    idx           INTEGER NOT NULL,
    speaker       TEXT,                      -- actor id
    speaker_text  TEXT,
    kind          TEXT,
    content_start INTEGER,
    content_end   INTEGER,
    content_text  TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    cue_text      TEXT,
    sentence      INTEGER,
    via           TEXT,                      -- actor id
    speaker_start INTEGER,                   -- speaker_span: where speaker_text is written
    speaker_end   INTEGER,
    speaker_span_text TEXT,
    extra         TEXT,
    PRIMARY KEY (article_id, id)
);

CREATE TABLE IF NOT EXISTS casualties (
    article_id  TEXT NOT NULL REFERENCES articles (id),
    idx         INTEGER NOT NULL,
    count       INTEGER,
    qualifier   TEXT,
    kind        TEXT,
    who         TEXT,
    perpetrator TEXT,                        -- actor id
    date        TEXT,
    span_start  INTEGER,
    span_end    INTEGER,
    span_text   TEXT,
    extra       TEXT,
    PRIMARY KEY (article_id, idx)
);

-- Time expressions, when records carry them (Record.timexes); a queryable copy of
-- what articles.record_extra holds.
CREATE TABLE IF NOT EXISTS timexes (
    article_id TEXT NOT NULL REFERENCES articles (id),
    idx        INTEGER NOT NULL,
    start      INTEGER,
    end        INTEGER,
    text       TEXT,
    value      TEXT,
    type       TEXT,
    data       TEXT,                         -- JSON: the whole timex
    PRIMARY KEY (article_id, idx)
);

-- Convenience views: events and statements with their actors' names and codes.
CREATE VIEW IF NOT EXISTS event_view AS
SELECT e.num, e.article_id, e.id, e.plover, e.cameo, e.quad_class, e.goldstein,
       e.negated, e.modality, e.date, e.location_name, e.location_country, e.lat, e.lon,
       e.sentence, e.trigger_start, e.trigger_end, e.trigger_text, e.evidence, e.confidence,
       e.copy_of, e.num_articles, e.num_sources,
       e.source AS source_id, s.name AS source_name, s.code AS source_code,
       s.country AS source_country, s.sector AS source_sector,
       e.target AS target_id, t.name AS target_name, t.code AS target_code,
       t.country AS target_country, t.sector AS target_sector,
       a.published, a.source AS article_source, a.url, a.title, a.duplicate_of
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors s ON s.article_id = e.article_id AND s.id = e.source
LEFT JOIN actors t ON t.article_id = e.article_id AND t.id = e.target;

CREATE VIEW IF NOT EXISTS statement_view AS
SELECT st.article_id, st.id, st.kind, st.speaker AS speaker_id, st.speaker_text,
       sp.name AS speaker_name, sp.code AS speaker_code,
       st.content_start, st.content_end, st.content_text, st.cue_text, st.sentence,
       st.via AS via_id, v.name AS via_name,
       a.published, a.source AS article_source, a.url, a.title
FROM statements st
JOIN articles a ON a.id = st.article_id
LEFT JOIN actors sp ON sp.article_id = st.article_id AND sp.id = st.speaker
LEFT JOIN actors v ON v.article_id = st.article_id AND v.id = st.via;
