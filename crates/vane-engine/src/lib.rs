//! Weathervane's engine: one ledger, read and queried the same way by
//! every front end (the `vane` CLI, the HTTP server).
//!
//! [`Engine`] owns a [`Store`] (any implementation: `vane-sqlite` by
//! default, `MemStore` in tests), the knowledge base (the bundled actor
//! pack, then the packs the ledger holds, then the caller's), the watched
//! questions, and an optional learned judge of stance. It does what one
//! ingest does: format dispatch ([`input::parse`]), conditional GET of URLs
//! and feeds, near-duplicate and version links, batches committed
//! atomically and read on all cores, and re-reading when questions change.
//!
//! Design decisions:
//!
//! * **The caller does file IO and reads the clock.** Inputs come in as
//!   [`Source`]s (the CLI's reads a file; the server's holds a request
//!   body), and every write takes the recorded time it is to carry. The
//!   engine touches the network only through `vane-fetch`, for URLs.
//! * **The near-duplicate index is the ledger's, not one run's.** It is
//!   seeded from the documents the store holds (all but near-duplicate
//!   copies) the first time an ingest needs it, so a wire copy ingested in
//!   a later run is linked to its first copy and not read again.
//! * **A document never takes a batch down.** Each input is parsed, and
//!   each document read, under `catch_unwind`: a panic becomes
//!   [`DocError::Panicked`] naming the document, and the rest goes on.
//! * **Options are plain structs**, never a front end's flag types.
//! * **One wire format** ([`wire`]): the JSON of positions, lines and
//!   briefs, and their CSV, shared by the CLI and the server.

mod error;
mod fetch;
pub mod input;
pub mod names;
pub mod query;
mod reader;
pub mod wire;

pub use error::{DocError, EngineError};
pub use input::{Bytes, InputFormat, Parsed, Source};
pub use reader::{
    caught, par_map, Budget, Reader, SharedJudge, Turn, READ_BUDGET, READ_BUDGET_BYTES,
};

use std::collections::{HashMap, HashSet};
use std::time::Duration;
use vane_actors::Kb;
use vane_core::{Date, DocId, Document, Question, RecordedTime};
use vane_ingest::UndatedPolicy;
use vane_ledger::{Batch, DocLink, LinkKind, Store};
use vane_read::questions::{self, Compiled};

/// Documents committed per transaction.
pub const BATCH: usize = 64;

/// An actor pack given by the caller: its TOML and a label (its file name).
#[derive(Clone, Debug)]
pub struct Pack {
    pub label: String,
    pub toml: String,
}

/// How an [`Engine`] reads.
#[derive(Clone, Default)]
pub struct Options {
    /// Actor packs applied after the bundled one and the ledger's.
    pub packs: Vec<Pack>,
    /// A learned judge of stance beside the rules (`vane --features model`).
    pub judge: Option<SharedJudge>,
    /// How the judge combines with the rules.
    pub judge_mode: vane_read::JudgeMode,
}

/// How one ingest reads its inputs.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// The publication date of documents that carry none.
    pub published: Option<Date>,
    /// Store undated documents instead of rejecting them.
    pub allow_undated: bool,
    pub format: InputFormat,
    /// The JSONL field map.
    pub map: vane_formats::FieldMap,
    /// The wait between two requests to one host, for URLs.
    pub fetch_delay: Duration,
    /// The recorded time of what this ingest appends.
    pub recorded: RecordedTime,
    /// Documents per committed batch ([`BATCH`] by default; at least 1).
    pub batch: usize,
}

impl IngestOptions {
    /// Defaults, recorded at `recorded`.
    pub fn at(recorded: RecordedTime) -> IngestOptions {
        IngestOptions {
            published: None,
            allow_undated: false,
            format: InputFormat::Auto,
            map: vane_formats::FieldMap::default(),
            fetch_delay: Duration::from_millis(1000),
            recorded,
            batch: BATCH,
        }
    }

    fn ingest_options(&self) -> vane_ingest::Options {
        vane_ingest::Options {
            published: self.published,
            undated: if self.allow_undated {
                UndatedPolicy::Keep
            } else {
                UndatedPolicy::Reject
            },
        }
    }
}

/// What happens during an ingest, as it happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Something the user should know that is not an error (a near-duplicate
    /// linked, a page unchanged, a feed item with only a summary).
    Note(String),
    /// `done` of `total` inputs handled.
    Progress { done: usize, total: usize },
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct Report {
    /// Inputs given (files and URLs).
    pub inputs: usize,
    /// Documents stored for the first time.
    pub stored: usize,
    /// Documents already stored (the same text).
    pub duplicate: usize,
    /// Near-duplicate copies: stored, linked to their first copy, not read.
    pub near_duplicate: usize,
    /// Changed versions of a stored URL or name, linked to the version before.
    pub versions: usize,
    /// Documents read that carry no date.
    pub undated: usize,
    /// Positions appended.
    pub positions: usize,
    /// Questions read for.
    pub questions: usize,
    /// Inputs (or batches) not stored or not read, each naming itself.
    pub errors: Vec<DocError>,
}

/// What re-reading did.
#[derive(Debug, Default)]
pub struct Reread {
    pub questions: usize,
    pub documents: usize,
    pub positions: usize,
    /// Documents whose reading failed (their old readings stand).
    pub errors: Vec<DocError>,
}

/// What a prepared batch leaves to do once it is committed
/// ([`Engine::settle`]).
#[derive(Debug)]
pub struct Pending {
    /// Documents in the batch.
    pub documents: usize,
}

/// The near-duplicate index of the ledger, with the names of first copies.
struct Near {
    index: vane_formats::dedup::Index,
    names: HashMap<DocId, String>,
}

/// One ledger with what it is read with. See the crate docs.
pub struct Engine {
    store: Box<dyn Store + Send>,
    reader: Reader,
    questions: Vec<Compiled>,
    near: Option<Near>,
}

/// The knowledge base: the bundled pack, then the packs imported into the
/// ledger (in order), then `packs`.
pub fn knowledge(store: Option<&dyn Store>, packs: &[Pack]) -> Result<Kb, EngineError> {
    let mut kb = Kb::bundled();
    if let Some(store) = store {
        for p in store.packs()? {
            let pack = Kb::from_toml_labeled(&p.toml, &p.label).map_err(|e| EngineError::Pack {
                label: format!("actor pack loaded by `{}`", p.label),
                reason: format!("no longer parses: {e}"),
            })?;
            kb.merge(pack);
        }
    }
    for p in packs {
        let pack = Kb::from_toml_labeled(&p.toml, &p.label).map_err(|e| EngineError::Pack {
            label: p.label.clone(),
            reason: e.to_string(),
        })?;
        kb.merge(pack);
    }
    Ok(kb)
}

/// Whether a compiled question names nothing to look for: an empty or
/// stop-word-only proposition has no object terms and no places.
pub fn names_nothing(c: &Compiled) -> bool {
    c.question.proposition.trim().is_empty()
        || (c.objects.iter().all(|g| g.generic) && c.targets.is_empty())
}

/// The stored documents that are read for positions: all but near-duplicate
/// copies, whose statements would otherwise count twice.
pub fn readable_ids(store: &dyn Store) -> Result<Vec<DocId>, vane_ledger::StoreError> {
    let copies: HashSet<DocId> = store
        .links()?
        .into_iter()
        .filter(|l| l.kind == LinkKind::NearDuplicateOf)
        .map(|l| l.from)
        .collect();
    Ok(store
        .document_ids()?
        .into_iter()
        .filter(|id| !copies.contains(id))
        .collect())
}

impl Engine {
    /// An engine over `store`: its knowledge base and questions are read now.
    pub fn open(store: Box<dyn Store + Send>, opts: Options) -> Result<Engine, EngineError> {
        let kb = knowledge(Some(store.as_ref()), &opts.packs)?;
        let questions = store.questions()?.iter().map(questions::compile).collect();
        Ok(Engine {
            store,
            reader: Reader {
                kb,
                judge: opts.judge,
                judge_mode: opts.judge_mode,
            },
            questions,
            near: None,
        })
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    pub fn store_mut(&mut self) -> &mut dyn Store {
        self.store.as_mut()
    }

    pub fn kb(&self) -> &Kb {
        &self.reader.kb
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// The watched questions, compiled.
    pub fn questions(&self) -> &[Compiled] {
        &self.questions
    }

    /// The near-duplicate index, seeded from the ledger on first use.
    fn near(&mut self) -> Result<&mut Near, EngineError> {
        if self.near.is_none() {
            let mut near = Near {
                index: vane_formats::dedup::Index::default(),
                names: HashMap::new(),
            };
            for id in readable_ids(self.store.as_ref())? {
                if let Some(d) = self.store.document(&id)? {
                    near.index.check(&d.id, &d.text);
                    near.names.insert(d.id, d.name);
                }
            }
            self.near = Some(near);
        }
        Ok(self.near.as_mut().expect("set above"))
    }

    /// Stores and reads `urls` (fetched first, conditionally) and `files`,
    /// in batches of [`BATCH`]. Inputs that fail are in the report's
    /// errors; the rest is stored. `Err` only when the ledger itself fails
    /// outside a batch.
    pub fn ingest<S: Source>(
        &mut self,
        urls: &[String],
        files: &[S],
        opts: &IngestOptions,
        on: &mut dyn FnMut(Event),
    ) -> Result<Report, EngineError> {
        let iopts = opts.ingest_options();
        let recorded = opts.recorded;
        let total = files.len() + urls.len();
        let mut report = Report {
            inputs: total,
            questions: self.questions.len(),
            ..Report::default()
        };
        self.near()?;
        let fetched = if urls.is_empty() {
            None
        } else {
            let mut fetcher = vane_fetch::Fetcher::new(vane_fetch::Config {
                per_host_delay: opts.fetch_delay,
                ..vane_fetch::Config::default()
            });
            let mut out = Parsed::default();
            for u in urls {
                let p = fetch::fetch_input(
                    &mut fetcher,
                    self.store.as_mut(),
                    u,
                    opts.format,
                    &opts.map,
                    &iopts,
                );
                out.docs.extend(p.docs);
                out.notes.extend(p.notes);
            }
            Some(vec![out])
        };
        let parse_one = |s: &S| -> Parsed {
            let name = s.name().to_string();
            let parsed = caught(&name, || match s.bytes() {
                Ok(bytes) => input::parse(&name, &bytes, opts.format, &opts.map, &iopts),
                Err(e) => Parsed {
                    docs: vec![Err(e)],
                    notes: Vec::new(),
                },
            });
            parsed.unwrap_or_else(|e| Parsed {
                docs: vec![Err(e)],
                notes: Vec::new(),
            })
        };
        let size = opts.batch.max(1);
        let file_batches = files.chunks(size).map(|chunk| par_map(chunk, parse_one));
        for (k, parsed) in fetched.into_iter().chain(file_batches).enumerate() {
            let mut items = Vec::new();
            for p in parsed {
                for n in p.notes {
                    on(Event::Note(n));
                }
                items.extend(p.docs);
            }
            self.ingest_batch(items, recorded, &mut report, on)?;
            on(Event::Progress {
                done: ((k + 1) * size).min(total),
                total,
            });
        }
        Ok(report)
    }

    /// Links, reads and commits one batch of parsed documents.
    fn ingest_batch(
        &mut self,
        items: Vec<Result<Document, DocError>>,
        recorded: RecordedTime,
        report: &mut Report,
        on: &mut dyn FnMut(Event),
    ) -> Result<(), EngineError> {
        let (batch, pending) = self.prepare_items(items, recorded, report, on)?;
        let result = self.store.commit(batch);
        self.settle(pending, result, report);
        Ok(())
    }

    /// Parses `sources` (one batch) and links and reads their documents as
    /// [`Engine::ingest`] does, without committing: for a caller that
    /// commits elsewhere (a queue worker commits the batch together with
    /// its claim), then calls [`Engine::settle`] with the result.
    pub fn prepare<S: Source>(
        &mut self,
        sources: &[S],
        opts: &IngestOptions,
        report: &mut Report,
        on: &mut dyn FnMut(Event),
    ) -> Result<(Batch, Pending), EngineError> {
        let iopts = opts.ingest_options();
        report.inputs += sources.len();
        report.questions = self.questions.len();
        self.near()?;
        let parsed = par_map(sources, |s: &S| -> Parsed {
            let name = s.name().to_string();
            let parsed = caught(&name, || match s.bytes() {
                Ok(bytes) => input::parse(&name, &bytes, opts.format, &opts.map, &iopts),
                Err(e) => Parsed {
                    docs: vec![Err(e)],
                    notes: Vec::new(),
                },
            });
            parsed.unwrap_or_else(|e| Parsed {
                docs: vec![Err(e)],
                notes: Vec::new(),
            })
        });
        let mut items = Vec::new();
        for p in parsed {
            for n in p.notes {
                on(Event::Note(n));
            }
            items.extend(p.docs);
        }
        self.prepare_items(items, opts.recorded, report, on)
    }

    /// Links and reads one batch of parsed documents: the batch to commit,
    /// and what [`Engine::settle`] needs after the commit.
    fn prepare_items(
        &mut self,
        items: Vec<Result<Document, DocError>>,
        recorded: RecordedTime,
        report: &mut Report,
        on: &mut dyn FnMut(Event),
    ) -> Result<(Batch, Pending), EngineError> {
        let mut docs: Vec<Document> = Vec::new();
        // Near-duplicates are stored and linked to their first copy, but not read:
        // their statements would count twice.
        let mut copies: Vec<Document> = Vec::new();
        let mut links: Vec<DocLink> = Vec::new();
        for r in items {
            let d = match r {
                Ok(d) => d,
                Err(e) => {
                    report.errors.push(e);
                    continue;
                }
            };
            let seen = |x: &Document| x.id == d.id;
            if self.store.has_document(&d.id)? || docs.iter().any(seen) || copies.iter().any(seen) {
                report.duplicate += 1;
                continue;
            }
            // A changed version of something stored under the same URL or name.
            let key = d.url.clone().unwrap_or_else(|| d.name.clone());
            // (Never the document itself: another process may have stored
            // it since it was looked up.)
            if let Some(old) = self.store.latest_named(&key)?.filter(|old| *old != d.id) {
                let similarity = self.store.document(&old)?.map_or(0.0, |o| {
                    vane_formats::dedup::Signature::of(&o.text)
                        .similarity(&vane_formats::dedup::Signature::of(&d.text))
                });
                links.push(DocLink {
                    from: d.id.clone(),
                    to: old,
                    kind: LinkKind::VersionOf,
                    similarity: similarity as f32,
                });
                report.versions += 1;
            }
            let near = self.near()?;
            if let Some(dup) = near
                .index
                .check(&d.id, &d.text)
                .filter(|dup| dup.of != d.id)
            {
                let first = near
                    .names
                    .get(&dup.of)
                    .map_or(dup.of.0.as_str(), |n| n.as_str());
                on(Event::Note(format!(
                    "{}: near-duplicate of {first} (similarity {:.2}); stored and linked, not read",
                    d.name, dup.similarity
                )));
                links.push(DocLink {
                    from: d.id.clone(),
                    to: dup.of,
                    kind: LinkKind::NearDuplicateOf,
                    similarity: dup.similarity as f32,
                });
                report.near_duplicate += 1;
                copies.push(d);
            } else {
                near.names.insert(d.id.clone(), d.name.clone());
                docs.push(d);
            }
        }
        let (reader, qs) = (&self.reader, &self.questions);
        let reads = par_map(&docs, |d| reader.readings_caught(d, qs, recorded));
        let mut readings = Vec::new();
        let mut read_docs = Vec::with_capacity(docs.len());
        for (d, r) in docs.into_iter().zip(reads) {
            match r {
                Ok(r) => {
                    readings.extend(r);
                    read_docs.push(d);
                }
                Err(e) => report.errors.push(e),
            }
        }
        report.undated += read_docs.iter().filter(|d| d.published.is_none()).count();
        read_docs.extend(copies);
        let pending = Pending {
            documents: read_docs.len(),
        };
        // A link whose first copy is neither in this batch nor stored (an
        // earlier batch failed) is dropped; the rest commit with the batch,
        // so that a crash never leaves a stored document without its links.
        let mut kept = Vec::with_capacity(links.len());
        for l in links {
            if read_docs.iter().any(|d| d.id == l.to) || self.store.has_document(&l.to)? {
                kept.push(l);
            }
        }
        let batch = Batch {
            readings,
            documents: read_docs,
            links: kept,
            ..Batch::default()
        };
        Ok((batch, pending))
    }

    /// Records the commit of a prepared batch (its documents, links and
    /// readings, committed together) in `report`.
    pub fn settle(
        &mut self,
        pending: Pending,
        result: Result<vane_ledger::CommitSummary, vane_ledger::StoreError>,
        report: &mut Report,
    ) {
        let n = pending.documents;
        match result {
            Ok(s) => {
                report.stored += s.new_documents.len();
                report.duplicate += s.duplicate_documents.len();
                report.positions += s.positions;
            }
            Err(source) => report.errors.push(DocError::Batch {
                documents: n,
                source,
            }),
        }
    }

    /// Appends a version of each question and re-reads every readable
    /// stored document against them (a new reading of each; nothing stored
    /// changes), atomically: the questions and all their readings commit
    /// in one batch, so a crash leaves either nothing of the load or all of
    /// it, and running it again after a crash simply does it again.
    /// Documents stored by another process while the load reads are read
    /// before the commit (a second pass over what is new).
    pub fn load_questions(
        &mut self,
        qs: &[Question],
        recorded: RecordedTime,
    ) -> Result<Reread, EngineError> {
        vane_ledger::check_questions(qs).map_err(vane_ledger::StoreError::from)?;
        let compiled: Vec<Compiled> = qs.iter().map(questions::compile).collect();
        if let Some(c) = compiled.iter().find(|c| names_nothing(c)) {
            return Err(EngineError::EmptyProposition {
                id: c.question.id.clone(),
                proposition: c.question.proposition.clone(),
            });
        }
        let mut report = Reread {
            questions: compiled.len(),
            ..Reread::default()
        };
        let mut readings = Vec::new();
        let mut done: HashSet<DocId> = HashSet::new();
        loop {
            let ids: Vec<DocId> = readable_ids(self.store.as_ref())?
                .into_iter()
                .filter(|id| !done.contains(id))
                .collect();
            if ids.is_empty() {
                break;
            }
            for chunk in ids.chunks(BATCH) {
                let mut docs = Vec::new();
                for id in chunk {
                    if let Some(d) = self.store.document(id)? {
                        docs.push(d);
                    }
                }
                let reader = &self.reader;
                let reads = par_map(&docs, |d| reader.readings_caught(d, &compiled, recorded));
                for r in reads {
                    match r {
                        Ok(r) => readings.extend(r),
                        Err(e) => report.errors.push(e),
                    }
                }
            }
            report.documents += ids.len();
            done.extend(ids);
        }
        let s = self.store.commit(Batch {
            readings,
            questions: qs.iter().map(|q| (q.clone(), recorded)).collect(),
            ..Batch::default()
        })?;
        report.positions = s.positions;
        self.questions = self
            .store
            .questions()?
            .iter()
            .map(questions::compile)
            .collect();
        Ok(report)
    }

    /// Re-reads every readable stored document against `qs`.
    pub fn reread(
        &mut self,
        qs: &[Compiled],
        recorded: RecordedTime,
    ) -> Result<Reread, EngineError> {
        let ids = readable_ids(self.store.as_ref())?;
        let mut report = Reread {
            questions: qs.len(),
            documents: ids.len(),
            ..Reread::default()
        };
        for chunk in ids.chunks(BATCH) {
            let mut docs = Vec::new();
            for id in chunk {
                if let Some(d) = self.store.document(id)? {
                    docs.push(d);
                }
            }
            let reader = &self.reader;
            let reads = par_map(&docs, |d| reader.readings_caught(d, qs, recorded));
            let mut readings = Vec::new();
            for r in reads {
                match r {
                    Ok(r) => readings.extend(r),
                    Err(e) => report.errors.push(e),
                }
            }
            let s = self.store.commit(Batch {
                readings,
                ..Batch::default()
            })?;
            report.positions += s.positions;
        }
        Ok(report)
    }

    /// Subjects named in officials' statements that no watched question
    /// covers, most named first.
    pub fn suggest(
        &self,
        limit: usize,
    ) -> Result<Vec<vane_read::suggest::Suggestion>, EngineError> {
        let kb = &self.reader.kb;
        let mut texts: Vec<(String, String)> = Vec::new();
        for id in readable_ids(self.store.as_ref())? {
            let Some(doc) = self.store.document(&id)? else {
                continue;
            };
            let Ok(r) = caught(&doc.name, || vane_read::read(&doc, kb)) else {
                continue;
            };
            for st in &r.statements {
                // Officials only: an actor with a government role at the time.
                let official = st
                    .actor
                    .as_ref()
                    .and_then(|a| kb.get(a))
                    .is_some_and(|a| a.rank_on(st.valid.from) != vane_core::Rank::None);
                if official {
                    texts.push((doc.name.clone(), doc.text[st.evidence.range()].to_string()));
                }
            }
        }
        let known = |w: &str| kb.gov_code(w).is_some() || !kb.find(w).is_empty();
        Ok(vane_read::suggest::suggest(
            texts.iter().map(|(d, t)| (d.as_str(), t.as_str())),
            &self.questions,
            &known,
            limit,
        ))
    }
}
