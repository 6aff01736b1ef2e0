//! The read cache: answers keyed by the ledger's state.
//!
//! The ledger is append-only, so an answer changes only when something is
//! appended. The cache holds, for one *state* of the ledger:
//!
//! * every reading header and the number of near-duplicate links (what the
//!   coverage block rests on), read once instead of per request;
//! * each question's positions as of a recorded time, and each coverage
//!   block;
//! * whole answers (their JSON bytes), by route and parameters.
//!
//! **Staleness.** The state is a generation counter, bumped by every write
//! through this server (inside the write's hold of the engine, so no answer
//! computed before the write is served after it), and a fingerprint of the
//! ledger: the number of readings, the id of the last one and the number
//! of links (readings and links are append-only and positions only come
//! in readings, so any commit that can change an answer changes it). The
//! fingerprint is re-read at the first request more than [`RECHECK`] after
//! the last check, so a write by another process (`vane ingest` into the
//! same file) is seen by every request that starts more than [`RECHECK`]
//! after its commit. A hit takes no engine lock.

use crate::api::Coverage;
use crate::ApiError;
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use vane_core::{Position, RecordedTime};
use vane_ledger::{LinkKind, ReadingHeader, Store};

/// How long an unchanged fingerprint is trusted before it is read again.
pub const RECHECK: Duration = Duration::from_millis(500);

/// At most this many whole answers, and this many bytes of them; past
/// either, the least recently used are dropped, down to three quarters.
const MAX_ANSWERS: usize = 8192;
const MAX_ANSWER_BYTES: usize = 128 << 20;
/// At most this many lists of a question's positions.
const MAX_POSITION_LISTS: usize = 256;

/// What a change to the ledger changes.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
struct Fingerprint {
    readings: usize,
    last_reading: Option<i64>,
    links: usize,
}

#[derive(Default)]
struct Inner {
    /// The generation the entries below belong to.
    generation: u64,
    fingerprint: Option<Fingerprint>,
    checked: Option<Instant>,
    readings: Option<Arc<Vec<ReadingHeader>>>,
    near_duplicates: usize,
    positions: HashMap<(String, Option<i64>), Arc<Vec<Position>>>,
    coverage: HashMap<(Option<String>, Option<i64>), Coverage>,
    /// Each answer with the tick of its last use.
    answers: HashMap<String, (Bytes, u64)>,
    answer_bytes: usize,
    tick: u64,
}

impl Inner {
    fn clear(&mut self) {
        self.fingerprint = None;
        self.readings = None;
        self.near_duplicates = 0;
        self.positions.clear();
        self.coverage.clear();
        self.answers.clear();
        self.answer_bytes = 0;
    }
}

/// The cache every handler shares (in [`crate::State`]).
#[derive(Default)]
pub struct Cache {
    generation: AtomicU64,
    inner: Mutex<Inner>,
}

impl Cache {
    fn lock(&self) -> Result<MutexGuard<'_, Inner>, ApiError> {
        self.inner
            .lock()
            .map_err(|_| ApiError::Internal("the cache lock is poisoned".into()))
    }

    /// The current generation (an answer computed under one generation is
    /// kept only if the generation is the same when it is stored).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Forgets everything: called by every write through the server, with
    /// the engine held, after the write.
    pub fn invalidate(&self) {
        let g = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        if let Ok(mut inner) = self.inner.lock() {
            inner.clear();
            inner.generation = g;
            inner.checked = None;
        }
    }

    /// A whole answer, if cached and not due for a check.
    pub fn answer(&self, key: &str) -> Option<Bytes> {
        let mut inner = self.inner.lock().ok()?;
        if inner.generation != self.generation()
            || inner.checked.is_none_or(|t| t.elapsed() >= RECHECK)
        {
            return None;
        }
        inner.tick += 1;
        let tick = inner.tick;
        let (bytes, used) = inner.answers.get_mut(key)?;
        *used = tick;
        Some(bytes.clone())
    }

    /// Stores an answer computed under `generation`.
    pub fn put_answer(&self, generation: u64, key: String, bytes: Bytes) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.generation != generation || self.generation() != generation {
            return;
        }
        if bytes.len() > MAX_ANSWER_BYTES / 8 {
            return;
        }
        if inner.answers.len() >= MAX_ANSWERS || inner.answer_bytes + bytes.len() > MAX_ANSWER_BYTES
        {
            // The least recently used go, until a quarter is free.
            let mut by_use: Vec<(u64, String)> = inner
                .answers
                .iter()
                .map(|(k, (_, used))| (*used, k.clone()))
                .collect();
            by_use.sort_unstable();
            for (_, k) in by_use {
                if inner.answers.len() <= MAX_ANSWERS * 3 / 4
                    && inner.answer_bytes + bytes.len() <= MAX_ANSWER_BYTES * 3 / 4
                {
                    break;
                }
                if let Some((b, _)) = inner.answers.remove(&k) {
                    inner.answer_bytes -= b.len();
                }
            }
        }
        inner.tick += 1;
        let tick = inner.tick;
        inner.answer_bytes += bytes.len();
        if let Some((old, _)) = inner.answers.insert(key, (bytes, tick)) {
            inner.answer_bytes -= old.len();
        }
    }

    /// Re-reads the fingerprint if due (with the engine's store), dropping
    /// every entry when it changed; keeps the readings and links read.
    pub fn check(&self, store: &dyn Store) -> Result<(), ApiError> {
        let g = self.generation();
        {
            let inner = self.lock()?;
            if inner.generation == g && inner.checked.is_some_and(|t| t.elapsed() < RECHECK) {
                return Ok(());
            }
        }
        let readings = store.readings()?;
        let links = store.links()?;
        let near_duplicates = links
            .iter()
            .filter(|l| l.kind == LinkKind::NearDuplicateOf)
            .count();
        let fp = Fingerprint {
            readings: readings.len(),
            last_reading: readings.last().map(|r| r.id.0),
            links: links.len(),
        };
        let mut inner = self.lock()?;
        if inner.generation != g || inner.fingerprint != Some(fp) {
            inner.clear();
            inner.generation = g;
        }
        inner.fingerprint = Some(fp);
        inner.readings = Some(Arc::new(readings));
        inner.near_duplicates = near_duplicates;
        inner.checked = Some(Instant::now());
        Ok(())
    }

    /// Every reading header and the number of near-duplicate links, as of
    /// the last check (call [`Cache::check`] first, with the engine held).
    pub fn readings(
        &self,
        store: &dyn Store,
    ) -> Result<(Arc<Vec<ReadingHeader>>, usize), ApiError> {
        let mut inner = self.lock()?;
        if let Some(r) = &inner.readings {
            return Ok((r.clone(), inner.near_duplicates));
        }
        drop(inner);
        let readings = Arc::new(store.readings()?);
        let near = store
            .links()?
            .iter()
            .filter(|l| l.kind == LinkKind::NearDuplicateOf)
            .count();
        inner = self.lock()?;
        inner.readings = Some(readings.clone());
        inner.near_duplicates = near;
        Ok((readings, near))
    }

    /// The positions on `question` as of `known` (every valid time).
    pub fn positions(
        &self,
        store: &dyn Store,
        question: &str,
        known: Option<RecordedTime>,
    ) -> Result<Arc<Vec<Position>>, ApiError> {
        let key = (question.to_string(), known.map(|k| k.at));
        let g = self.generation();
        if let Some(ps) = self.lock()?.positions.get(&key) {
            return Ok(ps.clone());
        }
        let ps = Arc::new(vane_engine::query::question_positions(
            store, question, known,
        )?);
        let mut inner = self.lock()?;
        if inner.generation == g {
            if inner.positions.len() >= MAX_POSITION_LISTS {
                inner.positions.clear();
            }
            inner.positions.insert(key, ps.clone());
        }
        Ok(ps)
    }

    /// A coverage block, computed by `f` on a miss.
    pub fn coverage(
        &self,
        question: Option<&str>,
        known: Option<RecordedTime>,
        f: impl FnOnce() -> Result<Coverage, ApiError>,
    ) -> Result<Coverage, ApiError> {
        let key = (question.map(str::to_string), known.map(|k| k.at));
        let g = self.generation();
        if let Some(c) = self.lock()?.coverage.get(&key) {
            return Ok(*c);
        }
        let c = f()?;
        let mut inner = self.lock()?;
        if inner.generation == g {
            if inner.coverage.len() >= MAX_POSITION_LISTS * 4 {
                inner.coverage.clear();
            }
            inner.coverage.insert(key, c);
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_answers_go_first() {
        let c = Cache::default();
        c.inner.lock().unwrap().checked = Some(Instant::now());
        let g = c.generation();
        let big = Bytes::from(vec![b'x'; MAX_ANSWER_BYTES / 16]);
        c.put_answer(g, "hot".into(), big.clone());
        for i in 0..40 {
            assert!(
                c.answer("hot").is_some(),
                "the answer used most recently stays ({i})"
            );
            c.put_answer(g, format!("cold{i}"), big.clone());
            assert!(c.inner.lock().unwrap().answer_bytes <= MAX_ANSWER_BYTES);
        }
        assert!(c.answer("cold0").is_none(), "the oldest went");
        assert!(c.answer("cold39").is_some());
        // A write drops everything, and an answer computed before it is not kept.
        c.invalidate();
        c.inner.lock().unwrap().checked = Some(Instant::now());
        c.put_answer(g, "stale".into(), big);
        assert!(c.answer("hot").is_none() && c.answer("stale").is_none());
    }
}
