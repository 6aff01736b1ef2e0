//! Weathervane's ledger: an append-only, bitemporal record of positions.
//!
//! A position says that an actor took a stance on a question at a valid
//! time (when it was said), as recorded at a recorded time (when we learned
//! it), on the evidence of a byte range of a stored document.
//!
//! # Model
//!
//! * **Documents** are stored once by id ([`DocId`], the hex SHA-256 of the
//!   text, computed by the caller). Storing an existing id again is a no-op
//!   reported as a duplicate; storing a *different* text under an existing
//!   id is a [`ValidationError::DocumentConflict`].
//! * **Questions** are versioned: re-defining an id appends a new version
//!   at a recorded time, and reads return the latest one (as of a recorded
//!   time: a question loaded later is not seen).
//! * **Readings** carry positions. A reading is one extraction run over one
//!   (document, question) pair at a recorded time, with a store-assigned,
//!   monotonically increasing [`ReadingId`]. As of recorded time `R`, for
//!   each (document, question) only the reading with the greatest id among
//!   those with `recorded <= R` counts (the commit order, never the wall
//!   clock, decides: a clock that steps back cannot make an earlier reading
//!   win), and its positions (possibly none) are the snapshot's positions. See [`current`]: the one definition
//!   of supersession. Nothing is ever updated or deleted.
//! * A [`Batch`] commits atomically: all of it or nothing. A batch that
//!   carries a document already stored (another writer stored it first)
//!   appends none of that document's readings or links: whoever stored a
//!   document read and linked it, so two concurrent ingests never read a
//!   document twice.
//!
//! This crate is pure: no IO, no clock. [`MemStore`] is the in-memory
//! store; `vane-sqlite` is the default one. With the `conformance` feature,
//! [`conformance`] is the suite every store's tests run.

pub mod codes;
mod error;
mod mem;
mod validate;

#[cfg(any(test, feature = "conformance"))]
pub mod conformance;

pub use error::{StoreError, ValidationError};
pub use mem::MemStore;
pub use validate::{check_batch, check_link, check_questions, check_reading};

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use vane_core::{ActorId, Date, DocId, Document, Gov, Position, Question, RecordedTime};

/// A store-assigned reading sequence number: unique, and increasing in
/// commit order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReadingId(pub i64);

/// One extraction run over one (document, question) pair: the positions it
/// found, possibly none. Every position must be on `question`, cite
/// `document` as evidence and carry `recorded` as its recorded time.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub document: DocId,
    pub question: String,
    pub recorded: RecordedTime,
    pub positions: Vec<Position>,
}

/// A stored reading without its positions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReadingHeader {
    pub id: ReadingId,
    pub document: DocId,
    pub question: String,
    pub recorded: RecordedTime,
}

/// What one [`Store::commit`] appends, atomically, in this order:
/// question versions, documents, links, readings. A reading or a link may
/// cite a document of the same batch.
///
/// A document of the batch that is already stored (a duplicate) keeps the
/// readings and links it was stored with: the batch's readings of it and
/// links from it are dropped (see [`Batch::claimed_by_others`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    pub documents: Vec<Document>,
    pub readings: Vec<Reading>,
    /// Links from a document of the batch (or a stored one) to another.
    pub links: Vec<DocLink>,
    /// Question versions to append, each with its recorded time.
    pub questions: Vec<(Question, RecordedTime)>,
}

impl Batch {
    /// Drops the readings of, and the links from, the batch's documents in
    /// `stored` (those already in the store when the batch commits): they
    /// were read and linked by whoever stored them first. Every store calls
    /// this inside its write transaction, after finding which of the
    /// batch's documents are stored.
    pub fn claimed_by_others(&mut self, stored: &HashSet<DocId>) {
        if stored.is_empty() {
            return;
        }
        let carried: HashSet<&DocId> = self.documents.iter().map(|d| &d.id).collect();
        let drop = |id: &DocId| stored.contains(id) && carried.contains(id);
        self.readings.retain(|r| !drop(&r.document));
        self.links.retain(|l| !drop(&l.from));
    }
}

/// What a commit did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommitSummary {
    /// Documents stored for the first time, in batch order.
    pub new_documents: Vec<DocId>,
    /// Documents already stored (or repeated in the batch): not stored again.
    pub duplicate_documents: Vec<DocId>,
    /// The ids assigned to the batch's readings, in batch order.
    pub readings: Vec<ReadingId>,
    /// The number of positions appended.
    pub positions: usize,
}

/// The two time axes of a query. `None` means "no limit" on that axis:
/// everything recorded so far, every valid time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Answer as the ledger stood at this recorded time (readings recorded
    /// later are ignored, and so are their supersessions).
    pub recorded_as_of: Option<RecordedTime>,
    /// Keep positions whose `valid.from <= valid_as_of`.
    pub valid_as_of: Option<Date>,
}

impl Snapshot {
    /// Everything recorded, every valid time.
    pub fn latest() -> Snapshot {
        Snapshot::default()
    }
}

/// Which positions a query returns; `None` fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub question: Option<String>,
    pub government: Option<Gov>,
    pub actor: Option<ActorId>,
}

impl Filter {
    pub fn all() -> Filter {
        Filter::default()
    }
    pub fn question(q: impl Into<String>) -> Filter {
        Filter {
            question: Some(q.into()),
            ..Filter::default()
        }
    }
    pub fn with_government(mut self, g: Gov) -> Filter {
        self.government = Some(g);
        self
    }
    pub fn with_actor(mut self, a: ActorId) -> Filter {
        self.actor = Some(a);
        self
    }
    /// Whether a position passes the filter.
    pub fn matches(&self, p: &Position) -> bool {
        self.question.as_ref().is_none_or(|q| &p.question == q)
            && self.government.as_ref().is_none_or(|g| &p.government == g)
            && self.actor.as_ref().is_none_or(|a| &p.actor == a)
    }
}

/// Counts of what is stored (all history, not a snapshot).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub documents: usize,
    /// Distinct question ids.
    pub questions: usize,
    pub readings: usize,
    pub positions: usize,
}

/// A ledger store. Object safe: use it as `&mut dyn Store` or
/// `Box<dyn Store>`.
pub trait Store {
    /// Appends a batch atomically: on error nothing of it is stored.
    fn commit(&mut self, batch: Batch) -> Result<CommitSummary, StoreError>;
    fn document(&self, id: &DocId) -> Result<Option<Document>, StoreError>;
    /// All document ids, sorted.
    fn document_ids(&self) -> Result<Vec<DocId>, StoreError>;
    fn has_document(&self, id: &DocId) -> Result<bool, StoreError>;
    /// Appends a version of each question, recorded at `recorded`
    /// (atomically): a commit of a batch of only these questions.
    fn put_questions(&mut self, qs: &[Question], recorded: RecordedTime) -> Result<(), StoreError> {
        self.commit(Batch {
            questions: qs.iter().map(|q| (q.clone(), recorded)).collect(),
            ..Batch::default()
        })
        .map(|_| ())
    }
    /// The latest version of every question recorded at or before `as_of`
    /// (`None`: every version), sorted by id. The latest is the one stored
    /// last, whatever its recorded time.
    fn questions_as_of(&self, as_of: Option<RecordedTime>) -> Result<Vec<Question>, StoreError>;
    /// The latest version of every question, sorted by id.
    fn questions(&self) -> Result<Vec<Question>, StoreError> {
        self.questions_as_of(None)
    }
    /// Every reading ever committed, in id order.
    fn readings(&self) -> Result<Vec<ReadingHeader>, StoreError>;
    /// The positions of the readings current at `snap.recorded_as_of` that
    /// pass `filter` and `snap.valid_as_of`, in [`position_order`].
    fn positions(&self, snap: &Snapshot, filter: &Filter) -> Result<Vec<Position>, StoreError>;
    fn stats(&self) -> Result<Stats, StoreError>;
    /// Appends an actor pack (applied after the bundled one, in order).
    fn put_pack(&mut self, pack: &ActorPack) -> Result<(), StoreError>;
    /// Every actor pack, in the order stored.
    fn packs(&self) -> Result<Vec<ActorPack>, StoreError>;
    /// Appends links between stored documents (atomically). A link from a
    /// document to itself is refused.
    fn put_links(&mut self, links: &[DocLink]) -> Result<(), StoreError>;
    /// Every link, in the order stored.
    fn links(&self) -> Result<Vec<DocLink>, StoreError>;
    /// The most recently stored document whose URL, or else whose name, is `key`.
    fn latest_named(&self, key: &str) -> Result<Option<DocId>, StoreError>;
    /// Records the HTTP validators (ETag, Last-Modified) last seen for a URL.
    fn put_fetch_state(&mut self, state: &FetchState) -> Result<(), StoreError>;
    /// The validators last recorded for `url`.
    fn fetch_state(&self, url: &str) -> Result<Option<FetchState>, StoreError>;
    /// Full-text search over statements: the positions of
    /// [`Store::positions`]`(snap, filter)` whose evidence text contains
    /// every one of [`search_terms`]`(query)` as a word (case-insensitive),
    /// in [`position_order`], at most `limit`. A query without terms finds
    /// nothing.
    fn search(
        &self,
        snap: &Snapshot,
        filter: &Filter,
        query: &str,
        limit: usize,
    ) -> Result<Vec<Position>, StoreError>;
}

/// The words of a search query: runs of letters and digits, lowercased.
/// Every other character separates words (and is never query syntax).
pub fn search_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `text` contains every term as a word, case-insensitively (the
/// in-memory definition of [`Store::search`]).
pub fn matches_terms(text: &str, terms: &[String]) -> bool {
    let words: HashSet<String> = search_terms(text).into_iter().collect();
    !terms.is_empty() && terms.iter().all(|t| words.contains(t))
}

/// What a server said about a URL last time, for a conditional request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchState {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// How two documents are related.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// A wire copy or lightly edited copy of an earlier document.
    NearDuplicateOf,
    /// A changed version of a page stored before.
    VersionOf,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::NearDuplicateOf => "near-duplicate-of",
            LinkKind::VersionOf => "version-of",
        }
    }
    pub fn parse(s: &str) -> Option<LinkKind> {
        match s {
            "near-duplicate-of" => Some(LinkKind::NearDuplicateOf),
            "version-of" => Some(LinkKind::VersionOf),
            _ => None,
        }
    }
}

/// A link from a later document to an earlier one. Both must be stored.
#[derive(Clone, Debug, PartialEq)]
pub struct DocLink {
    pub from: DocId,
    pub to: DocId,
    pub kind: LinkKind,
    /// Estimated Jaccard similarity of the two texts, in [0, 1].
    pub similarity: f32,
}

/// An actor pack loaded into the ledger: the TOML of the knowledge it
/// adds, and the command that loaded it (its provenance).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorPack {
    pub label: String,
    pub recorded: RecordedTime,
    pub toml: String,
}

/// Supersession: the ids of the readings current as of recorded time
/// `as_of` (`None`: as of now). For each (document, question), the reading
/// with the greatest id (the commit sequence) among those with
/// `recorded <= as_of`. The recorded time only decides what is visible,
/// never which reading wins: a wall clock that stepped back between two
/// readings cannot make the earlier one current again.
pub fn current<'a, I>(readings: I, as_of: Option<RecordedTime>) -> HashSet<ReadingId>
where
    I: IntoIterator<Item = &'a ReadingHeader>,
{
    let mut best: HashMap<(&'a DocId, &'a str), ReadingId> = HashMap::new();
    for r in readings {
        if as_of.is_some_and(|a| r.recorded > a) {
            continue;
        }
        best.entry((&r.document, r.question.as_str()))
            .and_modify(|b| {
                if r.id > *b {
                    *b = r.id;
                }
            })
            .or_insert(r.id);
    }
    best.into_values().collect()
}

/// The order of query results: by valid from, valid to, evidence document,
/// evidence start; then evidence end, reading id and the position's index
/// within its reading, which makes it total.
pub fn position_order(
    a: (&Position, ReadingId, usize),
    b: (&Position, ReadingId, usize),
) -> Ordering {
    fn key(
        x: (&Position, ReadingId, usize),
    ) -> (Date, Date, &DocId, usize, usize, ReadingId, usize) {
        let (p, r, i) = x;
        (
            p.valid.from,
            p.valid.to,
            &p.evidence.doc,
            p.evidence.range.start,
            p.evidence.range.end,
            r,
            i,
        )
    }
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(id: i64, doc: &str, q: &str, at: i64) -> ReadingHeader {
        ReadingHeader {
            id: ReadingId(id),
            document: DocId(doc.to_string()),
            question: q.to_string(),
            recorded: RecordedTime { at },
        }
    }

    #[test]
    fn current_picks_the_latest_visible_sequence() {
        // Reading 3 was recorded at 15 after reading 2 at 20: the clock
        // stepped back. The sequence decides, so 3 supersedes 2 once both
        // are visible.
        let rs = [
            h(1, "d", "q", 10),
            h(2, "d", "q", 20),
            h(3, "d", "q", 15),
            h(4, "d", "q", 20),
            h(5, "e", "q", 30),
            h(6, "d", "r", 5),
        ];
        let ids = |v: &[i64]| v.iter().map(|i| ReadingId(*i)).collect::<HashSet<_>>();
        assert_eq!(current(&rs, None), ids(&[4, 5, 6]));
        assert_eq!(current(&rs, Some(RecordedTime { at: 19 })), ids(&[3, 6]));
        let stepped_back = [h(1, "d", "q", 100), h(2, "d", "q", 90)];
        assert_eq!(current(&stepped_back, None), ids(&[2]));
        assert_eq!(
            current(&stepped_back, Some(RecordedTime { at: 95 })),
            ids(&[2])
        );
        assert_eq!(
            current(&stepped_back, Some(RecordedTime { at: 89 })),
            ids(&[])
        );
        assert_eq!(current(&rs, Some(RecordedTime { at: 10 })), ids(&[1, 6]));
        assert_eq!(current(&rs, Some(RecordedTime { at: 4 })), ids(&[]));
        assert_eq!(current(std::iter::empty(), None), ids(&[]));
    }

    #[test]
    fn mem_store_conforms() {
        conformance::run_all(&mut || Box::new(MemStore::new()), 256);
    }

    #[test]
    fn store_is_object_safe() {
        let mut s: Box<dyn Store> = Box::new(MemStore::new());
        assert_eq!(s.stats().unwrap(), Stats::default());
        assert!(s.commit(Batch::default()).unwrap().readings.is_empty());
    }
}
