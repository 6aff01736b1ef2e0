-- Full-text search over statements (FTS5): the evidence text of every
-- position, keyed by (reading, ordinal). Derived from positions and
-- documents, which stay append-only; a trigger fills it as positions are
-- appended, and this migration fills it for those already stored. The
-- evidence range is in bytes, so the text is sliced as a BLOB.
CREATE VIRTUAL TABLE position_text USING fts5(
    text,
    reading UNINDEXED,
    ordinal UNINDEXED,
    tokenize = 'unicode61'
);

INSERT INTO position_text (text, reading, ordinal)
SELECT CAST(substr(CAST(d.text AS BLOB), p.ev_start + 1, p.ev_end - p.ev_start) AS TEXT),
       p.reading, p.ordinal
FROM positions p JOIN documents d ON d.id = p.doc;

CREATE TRIGGER positions_search AFTER INSERT ON positions
BEGIN
    INSERT INTO position_text (text, reading, ordinal)
    SELECT CAST(substr(CAST(d.text AS BLOB), NEW.ev_start + 1, NEW.ev_end - NEW.ev_start) AS TEXT),
           NEW.reading, NEW.ordinal
    FROM documents d WHERE d.id = NEW.doc;
END;
