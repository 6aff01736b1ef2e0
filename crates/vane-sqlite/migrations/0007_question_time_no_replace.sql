-- Questions carry the recorded time they were loaded at, so that a query
-- as of an earlier recorded time does not see them. Versions stored before
-- this migration have no known time: 0, i.e. always visible.
ALTER TABLE questions ADD COLUMN recorded_at INTEGER NOT NULL DEFAULT 0;

-- Append-only, also against INSERT OR REPLACE: REPLACE deletes the
-- conflicting row without firing the DELETE triggers (unless
-- recursive_triggers is on, which the store turns on for its own
-- connections). These refuse any insert that would meet an existing key,
-- whatever the conflict clause.
CREATE TRIGGER documents_no_replace BEFORE INSERT ON documents
WHEN EXISTS (SELECT 1 FROM documents WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;
CREATE TRIGGER questions_no_replace BEFORE INSERT ON questions
WHEN EXISTS (SELECT 1 FROM questions WHERE version = NEW.version)
BEGIN SELECT RAISE(ABORT, 'questions are append-only'); END;
CREATE TRIGGER question_items_no_replace BEFORE INSERT ON question_items
WHEN EXISTS (SELECT 1 FROM question_items
             WHERE version = NEW.version AND field = NEW.field AND ordinal = NEW.ordinal)
BEGIN SELECT RAISE(ABORT, 'questions are append-only'); END;
CREATE TRIGGER readings_no_replace BEFORE INSERT ON readings
WHEN EXISTS (SELECT 1 FROM readings WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'readings are append-only'); END;
CREATE TRIGGER positions_no_replace BEFORE INSERT ON positions
WHEN EXISTS (SELECT 1 FROM positions WHERE reading = NEW.reading AND ordinal = NEW.ordinal)
BEGIN SELECT RAISE(ABORT, 'positions are append-only'); END;
CREATE TRIGGER document_links_no_replace BEFORE INSERT ON document_links
WHEN EXISTS (SELECT 1 FROM document_links WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'document links are append-only'); END;
CREATE TRIGGER actor_packs_no_replace BEFORE INSERT ON actor_packs
WHEN EXISTS (SELECT 1 FROM actor_packs WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'actor packs are append-only'); END;
