-- HTTP validators of fetched URLs, for conditional requests on the next
-- fetch. Append-only: the latest row per URL is current.
CREATE TABLE fetch_state (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    url           TEXT NOT NULL,
    etag          TEXT,
    last_modified TEXT
);
CREATE INDEX fetch_state_url ON fetch_state(url, id);
CREATE TRIGGER fetch_state_no_update BEFORE UPDATE ON fetch_state
BEGIN SELECT RAISE(ABORT, 'fetch state is append-only'); END;
CREATE TRIGGER fetch_state_no_delete BEFORE DELETE ON fetch_state
BEGIN SELECT RAISE(ABORT, 'fetch state is append-only'); END;
