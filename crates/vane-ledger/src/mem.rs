//! The in-memory store: the reference implementation of the semantics.

use crate::{
    check_batch, current, position_order, ActorPack, Batch, CommitSummary, DocLink, FetchState,
    Filter, ReadingHeader, ReadingId, Snapshot, Stats, Store, StoreError, ValidationError,
};
use std::collections::{BTreeMap, HashSet};
use vane_core::{DocId, Document, Position, Question, RecordedTime};

/// An in-memory [`Store`]. Nothing survives the process; useful for tests
/// and one-shot runs.
#[derive(Clone, Debug, Default)]
pub struct MemStore {
    documents: BTreeMap<DocId, Document>,
    /// Every question version with its recorded time, in the order stored.
    questions: Vec<(Question, RecordedTime)>,
    readings: Vec<(ReadingHeader, Vec<Position>)>,
    next_reading: i64,
    packs: Vec<ActorPack>,
    links: Vec<DocLink>,
    fetch: Vec<FetchState>,
    /// Document ids in the order first stored.
    order: Vec<DocId>,
}

impl MemStore {
    pub fn new() -> MemStore {
        MemStore::default()
    }
}

impl Store for MemStore {
    fn commit(&mut self, mut batch: Batch) -> Result<CommitSummary, StoreError> {
        let docs = &self.documents;
        check_batch(&batch, &mut |id| Ok(docs.get(id).map(|d| d.text.clone())))?;
        let stored: HashSet<DocId> = batch
            .documents
            .iter()
            .filter(|d| docs.contains_key(&d.id))
            .map(|d| d.id.clone())
            .collect();
        batch.claimed_by_others(&stored);
        // Checked: nothing below can fail.
        let mut summary = CommitSummary::default();
        self.questions.extend(batch.questions);
        for d in batch.documents {
            if self.documents.contains_key(&d.id) {
                summary.duplicate_documents.push(d.id);
            } else {
                summary.new_documents.push(d.id.clone());
                self.order.push(d.id.clone());
                self.documents.insert(d.id.clone(), d);
            }
        }
        self.links.extend(batch.links);
        for r in batch.readings {
            self.next_reading += 1;
            let id = ReadingId(self.next_reading);
            summary.readings.push(id);
            summary.positions += r.positions.len();
            let header = ReadingHeader {
                id,
                document: r.document,
                question: r.question,
                recorded: r.recorded,
            };
            self.readings.push((header, r.positions));
        }
        Ok(summary)
    }

    fn document(&self, id: &DocId) -> Result<Option<Document>, StoreError> {
        Ok(self.documents.get(id).cloned())
    }

    fn document_ids(&self) -> Result<Vec<DocId>, StoreError> {
        Ok(self.documents.keys().cloned().collect())
    }

    fn has_document(&self, id: &DocId) -> Result<bool, StoreError> {
        Ok(self.documents.contains_key(id))
    }

    fn questions_as_of(&self, as_of: Option<RecordedTime>) -> Result<Vec<Question>, StoreError> {
        let mut latest: BTreeMap<&str, &Question> = BTreeMap::new();
        for (q, at) in &self.questions {
            if as_of.is_none_or(|a| *at <= a) {
                latest.insert(&q.id, q);
            }
        }
        Ok(latest.into_values().cloned().collect())
    }

    fn readings(&self) -> Result<Vec<ReadingHeader>, StoreError> {
        Ok(self.readings.iter().map(|(h, _)| h.clone()).collect())
    }

    fn positions(&self, snap: &Snapshot, filter: &Filter) -> Result<Vec<Position>, StoreError> {
        let on_question =
            |h: &&ReadingHeader| filter.question.as_ref().is_none_or(|q| &h.question == q);
        let cur: HashSet<ReadingId> = current(
            self.readings.iter().map(|(h, _)| h).filter(on_question),
            snap.recorded_as_of,
        );
        let mut hits: Vec<(&Position, ReadingId, usize)> = Vec::new();
        for (h, ps) in &self.readings {
            if !cur.contains(&h.id) {
                continue;
            }
            for (i, p) in ps.iter().enumerate() {
                if filter.matches(p) && snap.valid_as_of.is_none_or(|v| p.valid.from <= v) {
                    hits.push((p, h.id, i));
                }
            }
        }
        hits.sort_by(|a, b| position_order(*a, *b));
        Ok(hits.into_iter().map(|(p, _, _)| p.clone()).collect())
    }

    fn search(
        &self,
        snap: &Snapshot,
        filter: &Filter,
        query: &str,
        limit: usize,
    ) -> Result<Vec<Position>, StoreError> {
        let terms = crate::search_terms(query);
        let mut out = self.positions(snap, filter)?;
        out.retain(|p| {
            self.documents
                .get(&p.evidence.doc)
                .and_then(|d| d.text.get(p.evidence.range.range()))
                .is_some_and(|t| crate::matches_terms(t, &terms))
        });
        out.truncate(limit);
        Ok(out)
    }

    fn put_pack(&mut self, pack: &ActorPack) -> Result<(), StoreError> {
        self.packs.push(pack.clone());
        Ok(())
    }

    fn packs(&self) -> Result<Vec<ActorPack>, StoreError> {
        Ok(self.packs.clone())
    }

    fn put_links(&mut self, links: &[DocLink]) -> Result<(), StoreError> {
        for l in links {
            crate::check_link(l)?;
            for id in [&l.from, &l.to] {
                if !self.documents.contains_key(id) {
                    return Err(StoreError::Invalid(ValidationError::UnknownLinked {
                        doc: id.clone(),
                    }));
                }
            }
        }
        self.links.extend_from_slice(links);
        Ok(())
    }

    fn links(&self) -> Result<Vec<DocLink>, StoreError> {
        Ok(self.links.clone())
    }

    fn put_fetch_state(&mut self, state: &FetchState) -> Result<(), StoreError> {
        self.fetch.push(state.clone());
        Ok(())
    }

    fn fetch_state(&self, url: &str) -> Result<Option<FetchState>, StoreError> {
        Ok(self.fetch.iter().rev().find(|f| f.url == url).cloned())
    }

    fn latest_named(&self, key: &str) -> Result<Option<DocId>, StoreError> {
        let by = |f: &dyn Fn(&Document) -> bool| {
            self.order
                .iter()
                .rev()
                .find(|id| self.documents.get(*id).is_some_and(f))
                .cloned()
        };
        Ok(by(&|d| d.url.as_deref() == Some(key)).or_else(|| by(&|d| d.name == key)))
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let questions: HashSet<&str> = self.questions.iter().map(|(q, _)| q.id.as_str()).collect();
        Ok(Stats {
            documents: self.documents.len(),
            questions: questions.len(),
            readings: self.readings.len(),
            positions: self.readings.iter().map(|(_, ps)| ps.len()).sum(),
        })
    }
}
