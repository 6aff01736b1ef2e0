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
        caught(&doc.name, || self.readings(doc, qs, recorded))
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
