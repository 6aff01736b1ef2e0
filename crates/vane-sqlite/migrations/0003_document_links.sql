-- Links between documents: a near-duplicate (wire copy) and its first copy,
-- a changed version of a page and the version before it. Append-only.
CREATE TABLE document_links (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    from_doc   TEXT NOT NULL REFERENCES documents(id),
    to_doc     TEXT NOT NULL REFERENCES documents(id),
    kind       TEXT NOT NULL,     -- 'near-duplicate-of' | 'version-of'
    similarity REAL NOT NULL
);
CREATE INDEX document_links_from ON document_links(from_doc);
CREATE INDEX documents_url ON documents(url);
CREATE INDEX documents_name ON documents(name);
CREATE TRIGGER document_links_no_update BEFORE UPDATE ON document_links
BEGIN SELECT RAISE(ABORT, 'document links are append-only'); END;
CREATE TRIGGER document_links_no_delete BEFORE DELETE ON document_links
BEGIN SELECT RAISE(ABORT, 'document links are append-only'); END;
