//! The checks every store runs before appending anything.

use crate::{Batch, DocLink, Reading, StoreError, ValidationError};
use std::collections::HashMap;
use vane_core::{DocId, Question};

/// Checks one reading (the `index`-th of its batch) against the text of
/// its document: every position is on the reading's question, cites the
/// reading's document with a range that slices `text` on character
/// boundaries, carries the reading's recorded time, a confidence in
/// `[0, 1]` and a valid time with `from <= to`.
pub fn check_reading(index: usize, reading: &Reading, text: &str) -> Result<(), ValidationError> {
    let doc = &reading.document;
    if reading.question.is_empty() {
        return Err(ValidationError::EmptyQuestion {
            doc: doc.clone(),
            reading: index,
        });
    }
    for (i, p) in reading.positions.iter().enumerate() {
        if &p.evidence.doc != doc {
            return Err(ValidationError::EvidenceElsewhere {
                doc: doc.clone(),
                reading: index,
                position: i,
                found: p.evidence.doc.clone(),
            });
        }
        if p.question != reading.question {
            return Err(ValidationError::QuestionMismatch {
                doc: doc.clone(),
                reading: index,
                position: i,
                expected: reading.question.clone(),
                found: p.question.clone(),
            });
        }
        if p.recorded != reading.recorded {
            return Err(ValidationError::RecordedMismatch {
                doc: doc.clone(),
                reading: index,
                position: i,
                expected: reading.recorded,
                found: p.recorded,
            });
        }
        let r = p.evidence.range;
        // `get` refuses start > end, out of bounds and non-boundaries.
        if text.get(r.start..r.end).is_none() {
            return Err(ValidationError::BadRange {
                doc: doc.clone(),
                reading: index,
                position: i,
                start: r.start,
                end: r.end,
                len: text.len(),
            });
        }
        if !(0.0..=1.0).contains(&p.confidence) {
            return Err(ValidationError::BadConfidence {
                doc: doc.clone(),
                reading: index,
                position: i,
                confidence: p.confidence,
            });
        }
        if p.valid.from > p.valid.to {
            return Err(ValidationError::BadValidTime {
                doc: doc.clone(),
                reading: index,
                position: i,
                from: p.valid.from,
                to: p.valid.to,
            });
        }
    }
    Ok(())
}

/// Checks a whole batch before anything of it is stored. `stored_text`
/// returns the text of an already stored document (`None` when absent).
///
/// Refuses questions with an empty id, a batch document whose id is
/// stored (or repeated in the batch) with another text, a reading whose
/// document is neither in the batch nor stored, and a link from a document
/// to itself or naming a document neither in the batch nor stored; then
/// runs [`check_reading`] on every reading.
pub fn check_batch(
    batch: &Batch,
    stored_text: &mut dyn FnMut(&DocId) -> Result<Option<String>, StoreError>,
) -> Result<(), StoreError> {
    let qs: Vec<Question> = batch.questions.iter().map(|(q, _)| q.clone()).collect();
    check_questions(&qs)?;
    let mut in_batch: HashMap<&DocId, &str> = HashMap::new();
    for d in &batch.documents {
        if let Some(prev) = in_batch.get(&d.id) {
            if *prev != d.text {
                return Err(ValidationError::DocumentConflict { doc: d.id.clone() }.into());
            }
            continue;
        }
        if let Some(stored) = stored_text(&d.id)? {
            if stored != d.text {
                return Err(ValidationError::DocumentConflict { doc: d.id.clone() }.into());
            }
        }
        in_batch.insert(&d.id, &d.text);
    }
    let mut fetched: HashMap<&DocId, String> = HashMap::new();
    for (i, r) in batch.readings.iter().enumerate() {
        if let Some(text) = in_batch.get(&r.document) {
            check_reading(i, r, text)?;
            continue;
        }
        if !fetched.contains_key(&r.document) {
            match stored_text(&r.document)? {
                Some(t) => {
                    fetched.insert(&r.document, t);
                }
                None => {
                    return Err(ValidationError::UnknownDocument {
                        doc: r.document.clone(),
                        reading: i,
                    }
                    .into())
                }
            }
        }
        check_reading(i, r, &fetched[&r.document])?;
    }
    for l in &batch.links {
        check_link(l)?;
        for id in [&l.from, &l.to] {
            if !in_batch.contains_key(id) && !fetched.contains_key(id) {
                match stored_text(id)? {
                    Some(t) => {
                        fetched.insert(id, t);
                    }
                    None => return Err(ValidationError::UnknownLinked { doc: id.clone() }.into()),
                }
            }
        }
    }
    Ok(())
}

/// Refuses a link from a document to itself.
pub fn check_link(l: &DocLink) -> Result<(), ValidationError> {
    if l.from == l.to {
        return Err(ValidationError::SelfLink {
            doc: l.from.clone(),
        });
    }
    Ok(())
}

/// Checks questions before they are stored: ids must be non-empty.
pub fn check_questions(qs: &[Question]) -> Result<(), ValidationError> {
    match qs.iter().position(|q| q.id.is_empty()) {
        Some(index) => Err(ValidationError::EmptyQuestionId { index }),
        None => Ok(()),
    }
}
