//! Queries over a ledger that more than one front end asks.

use std::collections::BTreeMap;
use vane_core::{Date, DocId, Gov, Position, StatementKind};
use vane_ledger::{Filter, Snapshot, Store, StoreError};

/// The positions on one question as of a recorded time (every valid time).
pub fn question_positions(
    store: &dyn Store,
    question: &str,
    recorded_as_of: Option<vane_core::RecordedTime>,
) -> Result<Vec<Position>, StoreError> {
    let snap = Snapshot {
        recorded_as_of,
        valid_as_of: None,
    };
    store.positions(&snap, &Filter::question(question))
}

/// Whether a position attributed to its government is its own: not reported
/// speech whose words speak in the first person, which is the reporter's
/// voice ("... that if he continued the buildup, we would be reinforcing
/// those troops"), not the source's.
pub fn own_position(p: &Position, text: Option<&str>) -> bool {
    if p.kind != StatementKind::Indirect {
        return true;
    }
    let Some(words) = text.and_then(|t| t.get(p.evidence.range.range())) else {
        return true;
    };
    if words.contains(['"', '“', '”']) {
        return true;
    }
    !words.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "we" | "We" | "us" | "our" | "Our" | "ours" | "I" | "me" | "my" | "My"
        )
    })
}

/// A brief with what was left out of it.
pub struct BriefOut {
    pub brief: vane_analysis::Brief,
    /// The counterpart's positions valid by `as_of` left out as not its own.
    pub not_own: usize,
}

/// The brief for `side` before meeting `counterpart`, from the positions on
/// `question`, citing only the counterpart's own positions.
pub fn brief(
    store: &dyn Store,
    positions: Vec<Position>,
    question: &str,
    side: &Gov,
    counterpart: &Gov,
    as_of: Date,
) -> Result<BriefOut, StoreError> {
    let mut texts: BTreeMap<DocId, Option<String>> = BTreeMap::new();
    let mut dropped = Vec::new();
    let mut kept = Vec::with_capacity(positions.len());
    for p in positions {
        if &p.government == counterpart && p.kind == StatementKind::Indirect {
            if !texts.contains_key(&p.evidence.doc) {
                let t = store.document(&p.evidence.doc)?.map(|d| d.text);
                texts.insert(p.evidence.doc.clone(), t);
            }
            let text = texts.get(&p.evidence.doc).and_then(|t| t.as_deref());
            if !own_position(&p, text) {
                dropped.push(p);
                continue;
            }
        }
        kept.push(p);
    }
    let b = vane_analysis::brief(
        &kept,
        question,
        side,
        counterpart,
        as_of,
        &vane_analysis::Config::default(),
    );
    let not_own = dropped.iter().filter(|p| p.valid.from <= as_of).count();
    Ok(BriefOut { brief: b, not_own })
}
