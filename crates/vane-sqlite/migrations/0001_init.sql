-- Weathervane ledger schema, version 1.
-- Append-only: nothing is ever updated or deleted (the triggers below
-- refuse it). Dates are stored as days from the Common Era
-- (chrono's num_days_from_ce), recorded times as Unix seconds, ranges as
-- byte offsets into the document text.

CREATE TABLE documents (
    id        TEXT PRIMARY KEY NOT NULL,   -- hex SHA-256 of the text
    name      TEXT NOT NULL,
    title     TEXT,
    published INTEGER,                     -- days from CE
    source    TEXT,
    url       TEXT,
    text      TEXT NOT NULL
);

-- Every version of every question; the greatest version per id is current.
CREATE TABLE questions (
    version     INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL,
    proposition TEXT NOT NULL
);
CREATE INDEX questions_by_id ON questions (id, version);

-- The list fields of a question version.
-- field: 'alias' | 'term' | 'support' | 'oppose'.
CREATE TABLE question_items (
    version INTEGER NOT NULL REFERENCES questions (version),
    field   TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (version, field, ordinal)
) WITHOUT ROWID;

-- One extraction run over one (document, question): the id is the
-- store-assigned sequence number, increasing in commit order.
CREATE TABLE readings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    document    TEXT NOT NULL REFERENCES documents (id),
    question    TEXT NOT NULL,
    recorded_at INTEGER NOT NULL           -- Unix seconds
);
CREATE INDEX readings_current ON readings (question, document, recorded_at, id);

-- The positions of a reading. question and doc repeat the reading's.
CREATE TABLE positions (
    reading       INTEGER NOT NULL REFERENCES readings (id),
    ordinal       INTEGER NOT NULL,        -- index within the reading
    question      TEXT NOT NULL,
    actor         TEXT NOT NULL,
    actor_name    TEXT NOT NULL,
    government    TEXT NOT NULL,
    rank          TEXT NOT NULL,           -- head | minister | adviser | official | none
    stance        TEXT NOT NULL,           -- support | oppose | neutral
    qualifier     TEXT,
    kind          TEXT NOT NULL,           -- direct | partial | indirect | action | turn
    modality      TEXT NOT NULL,           -- statement | commitment | refusal | act
    confidence    REAL NOT NULL,           -- an f32, exactly
    valid_from    INTEGER NOT NULL,        -- days from CE
    valid_to      INTEGER NOT NULL,        -- days from CE
    basis         TEXT NOT NULL,           -- expression | narrative | publication | unknown
    recorded_at   INTEGER NOT NULL,        -- Unix seconds (= the reading's)
    doc           TEXT NOT NULL,           -- evidence document (= the reading's)
    ev_start      INTEGER NOT NULL,        -- evidence byte range
    ev_end        INTEGER NOT NULL,
    reported      INTEGER NOT NULL,        -- 0 | 1
    uncoordinated INTEGER NOT NULL,        -- 0 | 1
    PRIMARY KEY (reading, ordinal)
) WITHOUT ROWID;
CREATE INDEX positions_line ON positions (question, government, valid_from);

CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;
CREATE TRIGGER questions_no_update BEFORE UPDATE ON questions
BEGIN SELECT RAISE(ABORT, 'questions are append-only'); END;
CREATE TRIGGER questions_no_delete BEFORE DELETE ON questions
BEGIN SELECT RAISE(ABORT, 'questions are append-only'); END;
CREATE TRIGGER question_items_no_update BEFORE UPDATE ON question_items
BEGIN SELECT RAISE(ABORT, 'questions are append-only'); END;
CREATE TRIGGER question_items_no_delete BEFORE DELETE ON question_items
BEGIN SELECT RAISE(ABORT, 'questions are append-only'); END;
CREATE TRIGGER readings_no_update BEFORE UPDATE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are append-only'); END;
CREATE TRIGGER readings_no_delete BEFORE DELETE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are append-only'); END;
CREATE TRIGGER positions_no_update BEFORE UPDATE ON positions
BEGIN SELECT RAISE(ABORT, 'positions are append-only'); END;
CREATE TRIGGER positions_no_delete BEFORE DELETE ON positions
BEGIN SELECT RAISE(ABORT, 'positions are append-only'); END;
