//! `vane serve`: the engine over HTTP (axum), with the OpenAPI spec at
//! `/openapi.json` generated from the handlers and types (utoipa), and a
//! web page at `/` built on that API alone.
//!
//! Design decisions:
//!
//! * **One engine, one lock, and a read cache.** The [`Engine`] (and its
//!   store's connection) sits behind a mutex; ledger work runs on the
//!   blocking pool. Reads are answered from a cache keyed by the ledger's
//!   state (the `cache` module: a generation bumped by every write through
//!   the server, and a fingerprint of readings and links re-read at most
//!   every [`RECHECK`], which bounds how late a write by another process is
//!   seen); a hit takes no lock, and the analyses of a miss (lines,
//!   reversals, ...) run outside it.
//! * **Writes need a bearer token** (`Config::token`, from `VANE_TOKEN`);
//!   without one configured, writes are refused. Reads are open unless
//!   `Config::protect_reads`.
//! * **Limits.** Request bodies are capped (`Config::max_body`) and every
//!   request has a timeout (`Config::timeout`). Every SQL value is a bound
//!   parameter (in `vane-sqlite`; nothing here writes SQL).
//! * **Errors** are [`ApiError`]: one table of statuses and stable codes;
//!   internal details are logged to stderr, never returned.
//! * **Coverage.** Every summarizing answer carries a [`Coverage`] block.
//! * **Dates**: valid dates are `YYYY-MM-DD`; `known_at` (the recorded
//!   time, "as the ledger stood") is Unix seconds.

mod api;
mod cache;
mod error;
mod web;

pub use api::{router, ApiDoc, Coverage};
pub use cache::RECHECK;
pub use error::ApiError;

use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vane_core::{DocId, RecordedTime};
use vane_engine::Engine;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The bearer token writes need (and reads, with `protect_reads`).
    /// `None`: writes are refused.
    pub token: Option<String>,
    /// Reads need the token too.
    pub protect_reads: bool,
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// The longest a request may take.
    pub timeout: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            token: None,
            protect_reads: false,
            max_body: 16 << 20,
            timeout: Duration::from_secs(30),
        }
    }
}

/// What every handler shares.
pub struct State {
    pub(crate) engine: Mutex<Engine>,
    pub(crate) config: Config,
    /// The recorded time of a write (the wall clock, in the binary).
    pub(crate) clock: fn() -> RecordedTime,
    /// Whether each stored document is undated, filled as needed.
    pub(crate) undated: Mutex<HashMap<DocId, bool>>,
    /// Inputs refused by ingests through this server since it started (the
    /// ledger keeps no record of what it rejected).
    pub(crate) rejected: AtomicUsize,
    /// Answers keyed by the ledger's state (see the `cache` module).
    pub(crate) cache: cache::Cache,
}

impl State {
    pub fn new(engine: Engine, config: Config, clock: fn() -> RecordedTime) -> Arc<State> {
        Arc::new(State {
            engine: Mutex::new(engine),
            config,
            clock,
            undated: Mutex::new(HashMap::new()),
            rejected: AtomicUsize::new(0),
            cache: cache::Cache::default(),
        })
    }
}

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves `state` on `addr` until the process ends (its own runtime).
pub fn serve(addr: &str, state: Arc<State>) -> Result<(), ServeError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: addr.to_string(),
                source,
            })?;
        eprintln!(
            "vane serve: listening on http://{} (the page at /, OpenAPI at /openapi.json)",
            listener.local_addr()?
        );
        axum::serve(listener, router(state)).await?;
        Ok(())
    })
}
