//! Reading documents for positions: the knowledge base, the optional
//! learned judge, and the threads that read a batch on all cores.

use crate::error::panic_message;
use crate::DocError;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use vane_actors::Kb;
use vane_core::{Document, Position, RecordedTime};
use vane_ledger::Reading;
use vane_read::questions::Compiled;

/// A learned judge of stance, shared by the reader threads.
pub type SharedJudge = Arc<dyn vane_read::StanceJudge + Send + Sync>;

/// What documents are read with: the knowledge base and, optionally, a
/// learned judge of stance and how it combines with the rules.
#[derive(Clone)]
pub struct Reader {
    pub kb: Kb,
    pub judge: Option<SharedJudge>,
    pub judge_mode: vane_read::JudgeMode,
}

impl Reader {
    /// The rules alone, with the bundled actor pack.
    pub fn bundled() -> Reader {
        Reader {
            kb: Kb::bundled(),
            judge: None,
            judge_mode: vane_read::JudgeMode::default(),
        }
    }

    /// The positions of a document's reading on the questions, with the judge if any.
    pub fn positions(
        &self,
        doc: &Document,
        r: &vane_read::Reading,
        qs: &[Compiled],
        recorded: RecordedTime,
    ) -> Vec<Position> {
        let judges = vane_read::Judges {
            related: None,
            stance: self
                .judge
                .as_ref()
                .map(|j| j.as_ref() as &dyn vane_read::StanceJudge),
            mode: self.judge_mode,
        };
        vane_read::positions_with(doc, r, &self.kb, qs, recorded, &judges)
    }

    /// Readings of one document for every question (empty ones included, so
    /// that they supersede older readings).
    pub fn readings(
        &self,
        doc: &Document,
        qs: &[Compiled],
        recorded: RecordedTime,
    ) -> Vec<Reading> {
        let r = vane_read::read(doc, &self.kb);
        let ps = self.positions(doc, &r, qs, recorded);
        qs.iter()
            .map(|q| Reading {
                document: doc.id.clone(),
                question: q.question.id.clone(),
                recorded,
                positions: ps
                    .iter()
                    .filter(|p| p.question == q.question.id)
                    .cloned()
                    .collect(),
            })
            .collect()
    }

    /// [`Reader::readings`], with a panic turned into an error naming the document.
    pub fn readings_caught(
        &self,
        doc: &Document,
        qs: &[Compiled],
        recorded: RecordedTime,
    ) -> Result<Vec<Reading>, DocError> {
        let _turn = READ_BUDGET.take(doc.text.len());
        caught(&doc.name, || self.readings(doc, qs, recorded))
    }
}

/// How many bytes of document text are read at once, on all threads
/// together: reading takes about a hundred bytes of memory per byte of
/// token-dense text, so this bounds the memory of a batch whatever the
/// number of cores. A document larger than this is read alone.
pub const READ_BUDGET_BYTES: usize = 24 << 20;

/// The budget every reader thread shares.
pub static READ_BUDGET: Budget = Budget::new(READ_BUDGET_BYTES);

/// A budget of bytes in flight: [`Budget::take`] waits until the bytes fit
/// (or nothing else is in flight), and the returned turn gives them back
/// when dropped.
#[derive(Debug)]
pub struct Budget {
    limit: usize,
    used: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
}

/// Bytes taken from a [`Budget`], given back on drop.
#[derive(Debug)]
pub struct Turn<'a> {
    budget: &'a Budget,
    bytes: usize,
}

impl Budget {
    pub const fn new(limit: usize) -> Budget {
        Budget {
            limit,
            used: std::sync::Mutex::new(0),
            freed: std::sync::Condvar::new(),
        }
    }

    /// Takes `bytes`, waiting while others hold the budget and these would
    /// not fit in what is left.
    pub fn take(&self, bytes: usize) -> Turn<'_> {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && used.saturating_add(bytes) > self.limit {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += bytes;
        Turn {
            budget: self,
            bytes,
        }
    }

    /// The bytes now taken.
    pub fn in_use(&self) -> usize {
        *self.used.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}

/// Runs `f`, turning a panic into [`DocError::Panicked`] for `name`.
pub fn caught<R>(name: &str, f: impl FnOnce() -> R) -> Result<R, DocError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| DocError::Panicked {
        name: name.to_string(),
        message: panic_message(p.as_ref()),
    })
}

/// Maps on all cores; returns results in input order. `f` must not panic
/// (wrap it with [`caught`]); a thread that does anyway panics the caller.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let n = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let chunk = items.len().div_ceil(n).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(v) => v,
                Err(p) => std::panic::resume_unwind(p),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_budget_bounds_the_bytes_in_flight_on_any_number_of_threads() {
        let budget = Budget::new(100);
        let peak = AtomicUsize::new(0);
        // Sixteen threads, each reading documents of 10 to 150 bytes.
        let sizes: Vec<usize> = (0..400).map(|i| 10 + i * 37 % 141).collect();
        let chunks: Vec<&[usize]> = sizes.chunks(25).collect();
        std::thread::scope(|s| {
            for c in &chunks {
                let (budget, peak) = (&budget, &peak);
                s.spawn(move || {
                    for &n in *c {
                        let _turn = budget.take(n);
                        let now = budget.in_use();
                        peak.fetch_max(now, Ordering::SeqCst);
                        // Over the budget only by a document read alone.
                        assert!(now <= 100 || now == n, "{now} in flight with {n}");
                        std::thread::yield_now();
                    }
                });
            }
        });
        assert_eq!(budget.in_use(), 0);
        assert!(peak.load(Ordering::SeqCst) <= 150);
    }

    #[test]
    fn a_panic_while_reading_is_the_documents_error_and_gives_the_budget_back() {
        let e = caught("odd.txt", || -> usize {
            let _turn = READ_BUDGET.take(10);
            panic!("odd input")
        })
        .unwrap_err();
        assert!(
            matches!(&e, DocError::Panicked { name, message } if name == "odd.txt" && message.contains("odd input")),
            "{e:?}"
        );
        assert_eq!(e.to_string().split(':').next(), Some("odd.txt"));
    }
}
