-- Questions carry the recorded time they were loaded at, so that a query
-- as of an earlier recorded time does not see them. Versions stored before
-- this migration have no known time: 0, i.e. always visible.
ALTER TABLE questions ADD COLUMN recorded_at BIGINT NOT NULL DEFAULT 0;
