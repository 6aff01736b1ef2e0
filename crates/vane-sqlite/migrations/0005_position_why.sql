-- How each position was decided: `rules` or a learned judge's name, the ids
-- of the rules that fired (comma-separated), and the judge's probability.
-- Positions stored before this migration read back with an empty `why`.
ALTER TABLE positions ADD COLUMN judge TEXT NOT NULL DEFAULT '';
ALTER TABLE positions ADD COLUMN rules TEXT NOT NULL DEFAULT '';
ALTER TABLE positions ADD COLUMN probability REAL;
