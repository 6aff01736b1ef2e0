-- Weathervane ledger schema for PostgreSQL, version 1: the same tables as
-- the SQLite store's migrations 1-6, in one.
-- Append-only: nothing is ever updated or deleted (the triggers below
-- refuse it, TRUNCATE included). Dates are days from the Common Era
-- (chrono's num_days_from_ce), recorded times Unix seconds, ranges byte
-- offsets into the document text. Text that is sorted is COLLATE "C", so
-- that it sorts by bytes, as Rust strings do.

CREATE FUNCTION vane_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TABLE documents (
    id        TEXT COLLATE "C" PRIMARY KEY,     -- hex SHA-256 of the text
    seq       BIGSERIAL NOT NULL UNIQUE,        -- the order stored
    name      TEXT NOT NULL,
    title     TEXT,
    published INTEGER,                          -- days from CE
    source    TEXT,
    url       TEXT,
    text      TEXT NOT NULL
);
CREATE INDEX documents_url ON documents (url, seq);
CREATE INDEX documents_name ON documents (name, seq);

-- Every version of every question; the greatest version per id is current.
CREATE TABLE questions (
    version     BIGSERIAL PRIMARY KEY,
    id          TEXT COLLATE "C" NOT NULL,
    proposition TEXT NOT NULL
);
CREATE INDEX questions_by_id ON questions (id, version);

-- The list fields of a question version: 'alias' | 'term' | 'support' | 'oppose'.
CREATE TABLE question_items (
    version BIGINT NOT NULL REFERENCES questions (version),
    field   TEXT COLLATE "C" NOT NULL,
    ordinal INTEGER NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (version, field, ordinal)
);

-- One extraction run over one (document, question). The id comes from the
-- sequence while the commit lock is held, so ids increase in commit order.
CREATE TABLE readings (
    id          BIGSERIAL PRIMARY KEY,
    document    TEXT COLLATE "C" NOT NULL REFERENCES documents (id),
    question    TEXT COLLATE "C" NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX readings_current ON readings (question, document, recorded_at DESC, id DESC);

-- The positions of a reading. question and doc repeat the reading's.
CREATE TABLE positions (
    reading       BIGINT NOT NULL REFERENCES readings (id),
    ordinal       INTEGER NOT NULL,
    question      TEXT COLLATE "C" NOT NULL,
    actor         TEXT COLLATE "C" NOT NULL,
    actor_name    TEXT NOT NULL,
    government    TEXT COLLATE "C" NOT NULL,
    rank          TEXT NOT NULL,
    stance        TEXT NOT NULL,
    qualifier     TEXT,
    kind          TEXT NOT NULL,
    modality      TEXT NOT NULL,
    confidence    REAL NOT NULL,          -- float4: an f32, exactly
    valid_from    INTEGER NOT NULL,
    valid_to      INTEGER NOT NULL,
    basis         TEXT NOT NULL,
    recorded_at   BIGINT NOT NULL,
    doc           TEXT COLLATE "C" NOT NULL,
    ev_start      BIGINT NOT NULL,
    ev_end        BIGINT NOT NULL,
    reported      BOOLEAN NOT NULL,
    uncoordinated BOOLEAN NOT NULL,
    judge         TEXT NOT NULL,
    rules         TEXT NOT NULL,          -- rule ids, comma-separated
    probability   REAL,
    PRIMARY KEY (reading, ordinal)
);
CREATE INDEX positions_line ON positions (question, government, valid_from);

-- Full-text search over statements: the words of each position's evidence
-- text (`vane_ledger::search_terms`, computed by the store), GIN-indexed.
CREATE TABLE position_words (
    reading BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    words   TEXT[] NOT NULL,
    PRIMARY KEY (reading, ordinal)       -- a position's key
);
CREATE INDEX position_words_gin ON position_words USING gin (words);

CREATE TABLE actor_packs (
    id          BIGSERIAL PRIMARY KEY,
    label       TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    toml        TEXT NOT NULL
);

CREATE TABLE document_links (
    id         BIGSERIAL PRIMARY KEY,
    from_doc   TEXT COLLATE "C" NOT NULL REFERENCES documents (id),
    to_doc     TEXT COLLATE "C" NOT NULL REFERENCES documents (id),
    kind       TEXT NOT NULL,
    similarity REAL NOT NULL
);
CREATE INDEX document_links_from ON document_links (from_doc);

CREATE TABLE fetch_state (
    id            BIGSERIAL PRIMARY KEY,
    url           TEXT NOT NULL,
    etag          TEXT,
    last_modified TEXT
);
CREATE INDEX fetch_state_url ON fetch_state (url, id);

CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER questions_append_only BEFORE UPDATE OR DELETE ON questions
    FOR EACH ROW EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER question_items_append_only BEFORE UPDATE OR DELETE ON question_items
    FOR EACH ROW EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER readings_append_only BEFORE UPDATE OR DELETE ON readings
    FOR EACH ROW EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER positions_append_only BEFORE UPDATE OR DELETE ON positions
    FOR EACH ROW EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER position_words_append_only BEFORE UPDATE OR DELETE ON position_words
    FOR EACH ROW EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER actor_packs_append_only BEFORE UPDATE OR DELETE ON actor_packs
    FOR EACH ROW EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER document_links_append_only BEFORE UPDATE OR DELETE ON document_links
    FOR EACH ROW EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER fetch_state_append_only BEFORE UPDATE OR DELETE ON fetch_state
    FOR EACH ROW EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER questions_no_truncate BEFORE TRUNCATE ON questions
    FOR EACH STATEMENT EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER readings_no_truncate BEFORE TRUNCATE ON readings
    FOR EACH STATEMENT EXECUTE FUNCTION vane_append_only();
CREATE TRIGGER positions_no_truncate BEFORE TRUNCATE ON positions
    FOR EACH STATEMENT EXECUTE FUNCTION vane_append_only();
