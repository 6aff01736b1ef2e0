//! Wire formats: the JSONL of EVAL.md section 3, and CSV for spreadsheets.

use crate::cli::TableFormat;
use anyhow::Result;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;
use vane_analysis::Line;
use vane_core::{CharIndex, DocId, Position};
use vane_ledger::Store;

/// One position as exported; offsets are code points into the document.
pub fn position_json(p: &Position, name: &str, text: &str, ix: &CharIndex) -> Value {
    let (s, e) = ix.chars(p.evidence.range);
    json!({
        "question": p.question,
        "actor": p.actor_name,
        "actor_id": p.actor.0,
        "government": p.government.0,
        "rank": p.rank.as_str(),
        "stance": p.stance.as_str(),
        "qualifier": p.qualifier,
        "kind": p.kind.as_str(),
        "modality": p.modality.as_str(),
        "confidence": (p.confidence as f64 * 100.0).round() / 100.0,
        "valid_from": p.valid.from.to_string(),
        "valid_to": p.valid.to.to_string(),
        "date_basis": p.valid.basis.as_str(),
        "recorded_at": p.recorded.at,
        "reported": p.reported,
        "uncoordinated": p.uncoordinated,
        "document": name,
        "document_id": p.evidence.doc.0,
        "start": s,
        "end": e,
        "text": text.get(p.evidence.range.range()).unwrap_or(""),
    })
}

const POSITION_COLUMNS: &[&str] = &[
    "question",
    "actor",
    "government",
    "rank",
    "stance",
    "qualifier",
    "kind",
    "modality",
    "confidence",
    "valid_from",
    "valid_to",
    "date_basis",
    "document",
    "start",
    "end",
    "text",
];

fn csv_field(v: &Value) -> String {
    let s = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn write_rows(
    out: &mut dyn Write,
    rows: &[Value],
    cols: &[&str],
    format: TableFormat,
) -> Result<()> {
    match format {
        TableFormat::Jsonl => {
            for r in rows {
                writeln!(out, "{r}")?;
            }
        }
        TableFormat::Csv => {
            writeln!(out, "{}", cols.join(","))?;
            for r in rows {
                let fields: Vec<String> = cols.iter().map(|c| csv_field(&r[*c])).collect();
                writeln!(out, "{}", fields.join(","))?;
            }
        }
    }
    Ok(())
}

/// A stored document as exports cite it.
pub struct Doc {
    pub name: String,
    pub text: String,
    pub ix: CharIndex,
    /// Where it was published, when known.
    pub url: Option<String>,
}

/// Caches documents by id for export.
pub struct DocCache<'s> {
    store: &'s dyn Store,
    docs: HashMap<DocId, Option<Doc>>,
}

impl<'s> DocCache<'s> {
    pub fn new(store: &'s dyn Store) -> DocCache<'s> {
        DocCache {
            store,
            docs: HashMap::new(),
        }
    }
    pub fn get(&mut self, id: &DocId) -> Result<Option<&Doc>> {
        if !self.docs.contains_key(id) {
            let d = self.store.document(id)?.map(|d| Doc {
                ix: CharIndex::new(&d.text),
                name: d.name,
                text: d.text,
                url: d.url,
            });
            self.docs.insert(id.clone(), d);
        }
        Ok(self.docs.get(id).and_then(|d| d.as_ref()))
    }
}

pub fn positions(
    out: &mut dyn Write,
    store: &dyn Store,
    ps: &[Position],
    format: TableFormat,
) -> Result<()> {
    let mut cache = DocCache::new(store);
    let mut rows = Vec::with_capacity(ps.len());
    for p in ps {
        let Some(d) = cache.get(&p.evidence.doc)? else {
            anyhow::bail!(
                "position cites document {} which is not stored",
                p.evidence.doc
            );
        };
        rows.push(position_json(p, &d.name, &d.text, &d.ix));
    }
    write_rows(out, &rows, POSITION_COLUMNS, format)
}

pub fn line_rows(lines: &[Line]) -> Vec<Value> {
    let mut rows = Vec::new();
    for l in lines {
        for s in &l.segments {
            rows.push(json!({
                "question": l.question,
                "government": l.gov.0,
                "from": s.from.to_string(),
                "to": s.to.map(|t| t.to_string()),
                "stance": s.stance.as_str(),
                "qualifier": s.qualifier,
                "set_by": s.set_by_name,
                "rank": s.rank.as_str(),
                "positions": s.evidence.len(),
            }));
        }
    }
    rows
}

pub fn lines(out: &mut dyn Write, lines: &[Line], format: TableFormat) -> Result<()> {
    write_rows(
        out,
        &line_rows(lines),
        &[
            "question",
            "government",
            "from",
            "to",
            "stance",
            "qualifier",
            "set_by",
            "rank",
            "positions",
        ],
        format,
    )
}
