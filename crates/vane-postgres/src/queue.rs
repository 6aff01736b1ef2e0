//! The work queue N workers share (migration 2).
//!
//! * [`PgStore::enqueue`] adds inputs (a name and bytes); the same bytes
//!   twice are one item.
//! * [`PgStore::claim`] takes up to `n` pending items whose lease is free
//!   or has run out, with `FOR UPDATE SKIP LOCKED` (workers never wait on
//!   each other's claims), under a fresh claim token and a lease measured
//!   by the server's clock.
//! * [`PgStore::commit_claimed`] appends the ledger batch read from a
//!   claim and marks the claim's items done, in one transaction, and only
//!   while the claim still holds every item: a worker whose lease ran out
//!   and whose items were claimed again commits nothing
//!   ([`QueueError::LeaseLost`]). So each item is read into the ledger
//!   once, however many workers die on the way.

use crate::{be, commit_in, PgStore};
use sha2::{Digest, Sha256};
use std::time::Duration;
use vane_ledger::{Batch, CommitSummary, StoreError};

/// An item handed to a worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedItem {
    pub id: i64,
    pub name: String,
    pub bytes: Vec<u8>,
    /// How many times it has been claimed, this claim included.
    pub attempts: i32,
}

/// Items claimed together, under one token.
#[derive(Clone, Debug)]
pub struct Claim {
    pub token: i64,
    /// The server's clock when claimed (Unix seconds): the recorded time
    /// of what the claim's reading appends, the same clock for every
    /// machine.
    pub recorded: vane_core::RecordedTime,
    pub items: Vec<ClaimedItem>,
}

/// How the queue stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueCounts {
    /// Not done, and free to claim (never claimed, or the lease ran out).
    pub ready: usize,
    /// Not done, claimed under a lease that has not run out.
    pub leased: usize,
    pub done: usize,
}

impl QueueCounts {
    /// Items not done yet.
    pub fn pending(&self) -> usize {
        self.ready + self.leased
    }
}

/// Why a claimed commit did not happen.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// Some items of the claim were claimed again by another worker (the
    /// lease ran out) or are done: nothing was committed.
    #[error("claim {token}: the lease on {lost} of its {items} items was lost; nothing committed")]
    LeaseLost {
        token: i64,
        items: usize,
        lost: usize,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PgStore {
    /// Adds inputs to the queue; returns how many were new (the same bytes
    /// enqueued again are not added).
    pub fn enqueue(&mut self, items: &[(String, Vec<u8>)]) -> Result<usize, StoreError> {
        let mut tx = self
            .client_mut()
            .transaction()
            .map_err(be("starting a transaction"))?;
        let mut added = 0;
        for (name, bytes) in items {
            let sha = hex(&Sha256::digest(bytes));
            added += tx
                .execute(
                    "INSERT INTO queue (name, sha256, bytes) VALUES ($1, $2, $3) \
                     ON CONFLICT (sha256) DO NOTHING",
                    &[name, &sha, bytes],
                )
                .map_err(be("enqueuing"))? as usize;
        }
        tx.commit().map_err(be("committing the queue"))?;
        Ok(added)
    }

    /// Claims up to `max` ready items for `worker`, for `lease`. `None`
    /// when nothing is ready (items may still be leased to others).
    pub fn claim(
        &mut self,
        worker: &str,
        max: usize,
        lease: Duration,
    ) -> Result<Option<Claim>, StoreError> {
        let c = self.client_mut();
        let mut tx = c.transaction().map_err(be("starting a claim"))?;
        let head = tx
            .query_one(
                "SELECT nextval('queue_claims'), extract(epoch FROM now())::bigint",
                &[],
            )
            .map_err(be("starting a claim"))?;
        let token: i64 = head.get(0);
        let now: i64 = head.get(1);
        let rows = tx
            .query(
                "UPDATE queue SET claim = $1, claimed_by = $2, attempts = attempts + 1, \
                   lease_until = now() + make_interval(secs => $3) \
                 WHERE id IN (\
                   SELECT id FROM queue \
                   WHERE done_at IS NULL AND (lease_until IS NULL OR lease_until < now()) \
                   ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) \
                 RETURNING id, name, bytes, attempts",
                &[
                    &token,
                    &worker,
                    &lease.as_secs_f64(),
                    &i64::try_from(max).unwrap_or(i64::MAX),
                ],
            )
            .map_err(be("claiming queue items"))?;
        tx.commit().map_err(be("committing a claim"))?;
        if rows.is_empty() {
            return Ok(None);
        }
        let mut items: Vec<ClaimedItem> = rows
            .iter()
            .map(|r| ClaimedItem {
                id: r.get(0),
                name: r.get(1),
                bytes: r.get(2),
                attempts: r.get(3),
            })
            .collect();
        items.sort_by_key(|i| i.id);
        Ok(Some(Claim {
            token,
            recorded: vane_core::RecordedTime { at: now },
            items,
        }))
    }

    /// Appends `batch` (what was read from `claim`) and marks the claim's
    /// items done with `outcome`, atomically; nothing when the claim no
    /// longer holds all its items.
    pub fn commit_claimed(
        &mut self,
        claim: &Claim,
        batch: Batch,
        outcome: &str,
    ) -> Result<CommitSummary, QueueError> {
        let c = self.client_mut();
        let mut tx = c.transaction().map_err(be("starting a transaction"))?;
        let ids: Vec<i64> = claim.items.iter().map(|i| i.id).collect();
        // Locks the rows: nobody can claim them again until we are done.
        let held = tx
            .query(
                "SELECT id FROM queue WHERE id = ANY($1) AND claim = $2 AND done_at IS NULL \
                 FOR UPDATE",
                &[&ids, &claim.token],
            )
            .map_err(be("checking a claim"))?
            .len();
        if held != ids.len() {
            return Err(QueueError::LeaseLost {
                token: claim.token,
                items: ids.len(),
                lost: ids.len() - held,
            });
        }
        let summary = commit_in(&mut tx, batch)?;
        tx.execute(
            "UPDATE queue SET done_at = now(), outcome = $1 WHERE id = ANY($2) AND claim = $3",
            &[&outcome, &ids, &claim.token],
        )
        .map_err(be("marking a claim done"))?;
        tx.commit().map_err(be("committing a claim"))?;
        Ok(summary)
    }

    /// Ready, leased and done items.
    pub fn queue_counts(&self) -> Result<QueueCounts, StoreError> {
        let r = self
            .client()
            .query_one(
                "SELECT \
                   count(*) FILTER (WHERE done_at IS NULL \
                     AND (lease_until IS NULL OR lease_until < now())), \
                   count(*) FILTER (WHERE done_at IS NULL AND lease_until >= now()), \
                   count(*) FILTER (WHERE done_at IS NOT NULL) \
                 FROM queue",
                &[],
            )
            .map_err(be("counting the queue"))?;
        let n = |i: usize| r.get::<_, i64>(i) as usize;
        Ok(QueueCounts {
            ready: n(0),
            leased: n(1),
            done: n(2),
        })
    }

    /// The number of items claimed more than once (work taken over after a
    /// lease ran out).
    pub fn reclaimed(&self) -> Result<usize, StoreError> {
        let r = self
            .client()
            .query_one("SELECT count(*) FROM queue WHERE attempts > 1", &[])
            .map_err(be("counting the queue"))?;
        Ok(r.get::<_, i64>(0) as usize)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
