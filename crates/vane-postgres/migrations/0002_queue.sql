-- The work queue that `vane worker`s share. Unlike the ledger this is
-- working state, updated in place: a row is claimed (claim, claimed_by,
-- lease_until, attempts) and finally done (done_at, outcome). A claim whose
-- lease has run out may be taken again by another worker; the ledger
-- commit of a claim and its `done_at` are one transaction, so a document
-- is read into the ledger once.
CREATE TABLE queue (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    sha256      TEXT COLLATE "C" NOT NULL UNIQUE,   -- of the bytes: enqueuing twice is a no-op
    bytes       BYTEA NOT NULL,
    enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    claim       BIGINT,
    claimed_by  TEXT,
    lease_until TIMESTAMPTZ,
    attempts    INTEGER NOT NULL DEFAULT 0,
    done_at     TIMESTAMPTZ,
    outcome     TEXT
);
CREATE INDEX queue_pending ON queue (id) WHERE done_at IS NULL;
CREATE INDEX queue_claim ON queue (claim);
CREATE SEQUENCE queue_claims;
