//! The queue worker behind `vane worker`: any number of them, on any
//! number of machines, share one PostgreSQL ledger and its queue.
//!
//! Each turn a worker claims up to `batch` items ([`PgStore::claim`]: `FOR
//! UPDATE SKIP LOCKED`, under a lease), reads them with the same engine as
//! `vane ingest` ([`Engine::prepare`]: format dispatch, version and
//! near-duplicate links, the reading on all cores), and commits the batch
//! together with the claim ([`PgStore::commit_claimed`]). A worker that
//! dies leaves its claim to run out; another worker claims the items again,
//! and the dead one's work, never committed, is done once.
//!
//! What a worker does not share: its near-duplicate index is seeded from
//! the ledger when it starts and grows with what it reads itself, so two
//! wire copies read at the same moment by two workers are both read. Its
//! questions are those of the ledger when it started.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use vane_engine::{Engine, EngineError, Event, IngestOptions, Report};
use vane_ledger::StoreError;
use vane_postgres::{PgStore, QueueError};

/// How a worker runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Its name in the queue's `claimed_by`.
    pub name: String,
    /// Items per claim.
    pub batch: usize,
    /// How long a claim is held before others may take it over.
    pub lease: Duration,
    /// The wait before asking again when nothing is ready.
    pub poll: Duration,
    /// Stop when no item is pending (ready or leased to another worker);
    /// otherwise wait for work until stopped.
    pub exit_when_done: bool,
    /// How items are read; the recorded time is the claim's.
    pub ingest: IngestOptions,
}

/// What happens, as it happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkerEvent {
    Claimed {
        token: i64,
        items: usize,
    },
    Committed {
        token: i64,
        stored: usize,
        positions: usize,
    },
    /// The lease ran out and the items went to another worker: nothing committed.
    Lost {
        token: i64,
        items: usize,
    },
    /// An item or a batch that could not be read or stored (it is done, with this outcome).
    Failed {
        token: i64,
        error: String,
    },
    Note(String),
}

/// What a worker did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub claims: usize,
    pub items: usize,
    pub stored: usize,
    pub positions: usize,
    pub lost: usize,
    pub failed: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Engine(#[from] EngineError),
}

/// Runs a worker: `queue` claims and commits, `engine` (over its own
/// connection to the same ledger) reads. Returns when the queue is done
/// (with `exit_when_done`) or `stop` is set.
pub fn run(
    engine: &mut Engine,
    queue: &mut PgStore,
    opts: &Options,
    stop: &AtomicBool,
    on: &mut dyn FnMut(WorkerEvent),
) -> Result<Totals, WorkerError> {
    let mut totals = Totals::default();
    while !stop.load(Ordering::Relaxed) {
        let Some(claim) = queue.claim(&opts.name, opts.batch.max(1), opts.lease)? else {
            if opts.exit_when_done && queue.queue_counts()?.pending() == 0 {
                break;
            }
            std::thread::sleep(opts.poll);
            continue;
        };
        let token = claim.token;
        on(WorkerEvent::Claimed {
            token,
            items: claim.items.len(),
        });
        totals.claims += 1;
        totals.items += claim.items.len();
        let sources: Vec<vane_engine::Bytes> = claim
            .items
            .iter()
            .map(|i| vane_engine::Bytes {
                name: i.name.clone(),
                bytes: i.bytes.clone(),
            })
            .collect();
        let ingest = IngestOptions {
            recorded: claim.recorded,
            ..opts.ingest.clone()
        };
        let mut report = Report::default();
        let (batch, pending) = engine.prepare(&sources, &ingest, &mut report, &mut |e| {
            if let Event::Note(n) = e {
                on(WorkerEvent::Note(n));
            }
        })?;
        let mut outcome = String::from("ok");
        for e in &report.errors {
            outcome = format!("errors: {}", report.errors.len());
            on(WorkerEvent::Failed {
                token,
                error: e.to_string(),
            });
        }
        totals.failed += report.errors.len();
        match queue.commit_claimed(&claim, batch, &outcome) {
            Ok(s) => {
                on(WorkerEvent::Committed {
                    token,
                    stored: s.new_documents.len(),
                    positions: s.positions,
                });
                totals.stored += s.new_documents.len();
                totals.positions += s.positions;
                engine.settle(pending, Ok(s), &mut report);
            }
            Err(QueueError::LeaseLost { items, .. }) => {
                on(WorkerEvent::Lost { token, items });
                totals.lost += items;
            }
            Err(QueueError::Store(e)) => {
                // The batch was refused (or the ledger failed): the items
                // are done with that outcome, as `vane ingest` reports a
                // failed batch and goes on. If even that fails, the lease
                // runs out and another worker tries again.
                let error = e.to_string();
                on(WorkerEvent::Failed {
                    token,
                    error: error.clone(),
                });
                totals.failed += claim.items.len();
                match queue.commit_claimed(
                    &claim,
                    vane_ledger::Batch::default(),
                    &format!("failed: {error}"),
                ) {
                    Ok(_) => {}
                    Err(QueueError::LeaseLost { items, .. }) => {
                        on(WorkerEvent::Lost { token, items });
                    }
                    Err(QueueError::Store(e)) => return Err(e.into()),
                }
            }
        }
    }
    Ok(totals)
}
