-- The full-text index of statements (migration 6) was filled by a trigger,
-- one FTS5 insert per position row: most of a bulk load's time. The store
-- now fills it with one INSERT ... SELECT per commit, in the commit's
-- transaction, over the positions of that commit's readings (so it is
-- still complete and atomic with them). Positions are only ever appended
-- by the store: no other writer needs the trigger.
DROP TRIGGER positions_search;
