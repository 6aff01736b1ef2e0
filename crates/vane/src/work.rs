//! `vane enqueue` and `vane worker` (feature `postgres`): documents read by
//! N workers into one PostgreSQL ledger.

use crate::cli::{self, EnqueueArgs, WorkerArgs};
use crate::ingest;
use anyhow::{Context, Result};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;
use vane_engine::{Engine, IngestOptions};
use vane_worker::WorkerEvent;

/// Files per enqueue transaction.
const CHUNK: usize = 256;

pub fn enqueue(a: EnqueueArgs) -> Result<ExitCode> {
    let mut store = cli::pg(&a.db)?;
    let (inputs, mut errors) = ingest::inputs(&a.paths);
    let (mut added, mut total) = (0, 0);
    for chunk in inputs.chunks(CHUNK) {
        let mut items = Vec::with_capacity(chunk.len());
        for i in chunk {
            let len = std::fs::metadata(&i.path).map(|m| m.len()).unwrap_or(0);
            if len > a.max_bytes {
                errors.push(format!(
                    "{}: too large ({len} bytes; the limit is {}, see --max-bytes)",
                    i.name, a.max_bytes
                ));
                continue;
            }
            match std::fs::read(&i.path) {
                Ok(b) => items.push((i.name.clone(), b)),
                Err(e) => errors.push(format!("{}: cannot read: {e}", i.name)),
            }
        }
        total += items.len();
        added += store.enqueue(&items).context("enqueuing")?;
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    let counts = store.queue_counts()?;
    eprintln!(
        "enqueued {added} of {total} files ({} already queued), rejected {}; queue: {} pending, {} done",
        total - added,
        errors.len(),
        counts.pending(),
        counts.done
    );
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn worker(a: WorkerArgs) -> Result<ExitCode> {
    let mut queue = cli::pg(&a.db)?;
    let engine_store = cli::pg(&a.db)?;
    let mut engine = Engine::open(
        Box::new(engine_store),
        vane_engine::Options {
            packs: ingest::packs(&a.actors)?,
            ..vane_engine::Options::default()
        },
    )?;
    let name = a.name.unwrap_or_else(|| {
        let host = std::fs::read_to_string("/etc/hostname")
            .map(|h| h.trim().to_string())
            .unwrap_or_else(|_| "worker".to_string());
        format!("{host}-{}", std::process::id())
    });
    let mut ingest = IngestOptions::at(ingest::now());
    ingest.published = a.published;
    ingest.allow_undated = a.allow_undated;
    let opts = vane_worker::Options {
        name: name.clone(),
        batch: a.batch,
        lease: Duration::from_secs(a.lease),
        poll: Duration::from_secs(1),
        exit_when_done: a.exit_when_done,
        ingest,
    };
    let stop = AtomicBool::new(false);
    let totals = vane_worker::run(&mut engine, &mut queue, &opts, &stop, &mut |e| match e {
        WorkerEvent::Claimed { token, items } => eprintln!("{name}: claim {token}: {items} items"),
        WorkerEvent::Committed {
            token,
            stored,
            positions,
        } => eprintln!("{name}: claim {token}: stored {stored}, {positions} positions"),
        WorkerEvent::Lost { token, items } => {
            eprintln!("{name}: claim {token}: lease lost on {items} items; another worker has them")
        }
        WorkerEvent::Failed { token, error } => eprintln!("error: claim {token}: {error}"),
        WorkerEvent::Note(n) => eprintln!("note: {n}"),
    })?;
    eprintln!(
        "{name}: {} claims, {} items, stored {}, {} positions, {} lost to other workers, {} failed",
        totals.claims, totals.items, totals.stored, totals.positions, totals.lost, totals.failed
    );
    Ok(ExitCode::SUCCESS)
}
