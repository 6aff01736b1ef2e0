-- Actor packs loaded into the ledger (`vane actors import`): append-only,
-- applied in id order after the bundled pack, later packs overriding earlier ones.
CREATE TABLE actor_packs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    label       TEXT NOT NULL,      -- the command that loaded it
    recorded_at INTEGER NOT NULL,   -- Unix seconds, supplied by the caller
    toml        TEXT NOT NULL       -- the pack, in the bundled pack's TOML format
);
CREATE TRIGGER actor_packs_no_update BEFORE UPDATE ON actor_packs
BEGIN SELECT RAISE(ABORT, 'actor packs are append-only'); END;
CREATE TRIGGER actor_packs_no_delete BEFORE DELETE ON actor_packs
BEGIN SELECT RAISE(ABORT, 'actor packs are append-only'); END;
