//! The wire formats every front end shares: a position as exported (EVAL.md
//! section 3: code-point offsets into the document), a stretch of a line,
//! a brief as JSON, and CSV of any of them. JSON objects are written with
//! their keys in alphabetical order.

use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;
use vane_analysis::{Brief, Config, Exposure, Line};
use vane_core::{CharIndex, DocId, Position, Question};
use vane_ledger::{Store, StoreError};

/// One position as exported; offsets are code points into the document.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PositionRow {
    pub question: String,
    /// The actor's display name at the time.
    pub actor: String,
    pub actor_id: String,
    /// ISO 3166 alpha-3.
    pub government: String,
    /// head, minister, adviser, official, none.
    pub rank: &'static str,
    /// support, oppose, neutral.
    pub stance: &'static str,
    pub qualifier: Option<String>,
    pub kind: &'static str,
    pub modality: &'static str,
    /// In [0, 1], two decimals.
    pub confidence: f64,
    /// YYYY-MM-DD.
    pub valid_from: String,
    pub valid_to: String,
    pub date_basis: &'static str,
    /// Unix seconds.
    pub recorded_at: i64,
    pub reported: bool,
    pub uncoordinated: bool,
    /// The document's name.
    pub document: String,
    pub document_id: String,
    /// Code-point offsets of the evidence.
    pub start: usize,
    pub end: usize,
    /// The evidence.
    pub text: String,
    /// Who decided the stance: `rules`, or the learned judge's name.
    pub judge: String,
    /// The ids of the rules that decided it, comma-separated.
    pub rules: String,
    /// The learned judge's probability for the stance, when it decided.
    pub probability: Option<f64>,
}

impl PositionRow {
    pub fn new(p: &Position, name: &str, text: &str, ix: &CharIndex) -> PositionRow {
        let (s, e) = ix.chars(p.evidence.range);
        PositionRow {
            question: p.question.clone(),
            actor: p.actor_name.clone(),
            actor_id: p.actor.0.clone(),
            government: p.government.0.clone(),
            rank: p.rank.as_str(),
            stance: p.stance.as_str(),
            qualifier: p.qualifier.clone(),
            kind: p.kind.as_str(),
            modality: p.modality.as_str(),
            confidence: (p.confidence as f64 * 100.0).round() / 100.0,
            valid_from: p.valid.from.to_string(),
            valid_to: p.valid.to.to_string(),
            date_basis: p.valid.basis.as_str(),
            recorded_at: p.recorded.at,
            reported: p.reported,
            uncoordinated: p.uncoordinated,
            document: name.to_string(),
            document_id: p.evidence.doc.0.clone(),
            start: s,
            end: e,
            text: text.get(p.evidence.range.range()).unwrap_or("").to_string(),
            judge: p.why.judge.clone(),
            rules: p.why.rules.join(","),
            probability: p
                .why
                .probability
                .map(|x| (f64::from(x) * 1000.0).round() / 1000.0),
        }
    }
}

/// The columns of a position in CSV.
pub const POSITION_COLUMNS: &[&str] = &[
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
    "judge",
    "rules",
    "probability",
];

/// One position as exported, as JSON.
pub fn position_json(p: &Position, name: &str, text: &str, ix: &CharIndex) -> Value {
    to_value(&PositionRow::new(p, name, text, ix))
}

/// One stretch of a line.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineRow {
    pub question: String,
    pub government: String,
    pub from: String,
    /// None: it still holds.
    pub to: Option<String>,
    pub stance: &'static str,
    pub qualifier: Option<String>,
    /// The official whose position opened the stretch.
    pub set_by: String,
    pub rank: &'static str,
    /// How many positions the stretch rests on.
    pub positions: usize,
}

/// The columns of a line in CSV.
pub const LINE_COLUMNS: &[&str] = &[
    "question",
    "government",
    "from",
    "to",
    "stance",
    "qualifier",
    "set_by",
    "rank",
    "positions",
];

/// The stretches of lines, in order.
pub fn line_rows(lines: &[Line]) -> Vec<Value> {
    line_structs(lines).iter().map(to_value).collect()
}

/// The stretches of lines, typed.
pub fn line_structs(lines: &[Line]) -> Vec<LineRow> {
    let mut rows = Vec::new();
    for l in lines {
        for s in &l.segments {
            rows.push(LineRow {
                question: l.question.clone(),
                government: l.gov.0.clone(),
                from: s.from.to_string(),
                to: s.to.map(|t| t.to_string()),
                stance: s.stance.as_str(),
                qualifier: s.qualifier.clone(),
                set_by: s.set_by_name.clone(),
                rank: s.rank.as_str(),
                positions: s.evidence.len(),
            });
        }
    }
    rows
}

/// A serializable value as JSON (keys in alphabetical order).
pub fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// JSON lines, or CSV with a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Jsonl,
    Csv,
}

/// One CSV field, quoted when it must be.
pub fn csv_field(v: &Value) -> String {
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

/// The CSV header line of `cols`, with its newline.
pub fn csv_header(cols: &[&str]) -> String {
    format!("{}\n", cols.join(","))
}

/// One row in `format`, with its newline.
pub fn row(r: &Value, cols: &[&str], format: Table) -> String {
    match format {
        Table::Jsonl => format!("{r}\n"),
        Table::Csv => {
            let fields: Vec<String> = cols.iter().map(|c| csv_field(&r[*c])).collect();
            format!("{}\n", fields.join(","))
        }
    }
}

/// Rows in `format` (CSV with its header).
pub fn write_rows(
    out: &mut dyn Write,
    rows: &[Value],
    cols: &[&str],
    format: Table,
) -> std::io::Result<()> {
    if format == Table::Csv {
        out.write_all(csv_header(cols).as_bytes())?;
    }
    for r in rows {
        out.write_all(row(r, cols, format).as_bytes())?;
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
    pub fn get(&mut self, id: &DocId) -> Result<Option<&Doc>, StoreError> {
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

    /// A position as exported, or `None` when its document is not stored.
    pub fn position(&mut self, p: &Position) -> Result<Option<Value>, StoreError> {
        Ok(self
            .get(&p.evidence.doc)?
            .map(|d| position_json(p, &d.name, &d.text, &d.ix)))
    }
}

/// Every position a brief cites.
pub fn cited(b: &Brief) -> Vec<&Position> {
    let mut v: Vec<&Position> = Vec::new();
    for s in b
        .line
        .segments
        .iter()
        .chain(b.counterpart_line.segments.iter())
    {
        v.extend(s.evidence.iter());
    }
    for r in &b.reversals {
        v.push(&r.before);
        v.push(&r.after);
    }
    for c in &b.contradictions {
        v.push(&c.a);
        v.push(&c.b);
    }
    for g in &b.gaps {
        v.push(&g.act);
        v.extend(g.overridden_by.iter());
    }
    v.extend(b.counterpart_positions.iter());
    v
}

/// The documents a brief cites.
pub struct Docs {
    pub docs: HashMap<DocId, Doc>,
}

impl Docs {
    pub fn load(store: &dyn Store, b: &Brief) -> Result<Docs, StoreError> {
        let mut docs = HashMap::new();
        for p in cited(b) {
            if docs.contains_key(&p.evidence.doc) {
                continue;
            }
            if let Some(d) = store.document(&p.evidence.doc)? {
                docs.insert(
                    p.evidence.doc.clone(),
                    Doc {
                        ix: CharIndex::new(&d.text),
                        name: d.name,
                        text: d.text,
                        url: d.url,
                    },
                );
            }
        }
        Ok(Docs { docs })
    }

    /// A cited position as JSON, with its document's source URL.
    pub fn json(&self, p: &Position) -> Value {
        match self.docs.get(&p.evidence.doc) {
            Some(d) => {
                let mut v = position_json(p, &d.name, &d.text, &d.ix);
                v["source_url"] = json!(d.url);
                v
            }
            None => json!({"document_id": p.evidence.doc.0}),
        }
    }
}

/// A brief as JSON. `limit` caps the ranked exposures; `not_own` counts the
/// counterpart's positions left out as not its own.
pub fn brief_json(
    b: &Brief,
    q: Option<&Question>,
    docs: &Docs,
    limit: usize,
    not_own: usize,
) -> Value {
    let cfg = Config::default();
    let seg = |s: &vane_analysis::Segment| {
        json!({"from": s.from.to_string(), "to": s.to.map(|t| t.to_string()), "stance": s.stance.as_str(),
               "qualifier": s.qualifier, "set_by": s.set_by_name, "rank": s.rank.as_str(),
               "evidence": s.evidence.iter().map(|p| docs.json(p)).collect::<Vec<_>>()})
    };
    let ranked = vane_analysis::exposures(b, &cfg);
    let exposure = |e: &Exposure| {
        let kind = match e {
            Exposure::Reversal(_) => "reversal",
            Exposure::Gap(_) => "coordination_gap",
            Exposure::Contradiction(_) => "contradiction",
        };
        json!({"kind": kind, "rank": e.rank(&cfg).as_str(), "latest": e.latest().to_string(),
               "positions": e.positions().into_iter().map(|p| docs.json(p)).collect::<Vec<_>>()})
    };
    json!({
        "question": b.question,
        "proposition": q.map(|q| q.proposition.clone()),
        "side": b.side.0,
        "counterpart": b.counterpart.0,
        "as_of": b.as_of.to_string(),
        "current": b.line.current().map(seg),
        "changes": b.line.segments.iter().map(seg).collect::<Vec<_>>(),
        "volatility": {"changes": b.volatility.changes, "days": b.volatility.days, "per_30_days": b.volatility.per_30_days},
        "exposures": ranked.iter().take(limit.max(1)).map(exposure).collect::<Vec<_>>(),
        "exposures_total": ranked.len(),
        "reversals": b.reversals.iter().map(|r| json!({"actor": r.actor.as_ref().map(|a| a.0.clone()),
            "before": docs.json(&r.before), "after": docs.json(&r.after)})).collect::<Vec<_>>(),
        "coordination_gaps": b.gaps.iter().map(|g| json!({"reasons": g.reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "act": docs.json(&g.act), "overridden_by": g.overridden_by.as_ref().map(|p| docs.json(p))})).collect::<Vec<_>>(),
        "contradictions": b.contradictions.iter().map(|c| json!({"a": docs.json(&c.a), "b": docs.json(&c.b)})).collect::<Vec<_>>(),
        "counterpart_line": b.counterpart_line.current().map(seg),
        "counterpart_positions": b.counterpart_positions.iter().map(|p| docs.json(p)).collect::<Vec<_>>(),
        "counterpart_positions_not_own": not_own,
        "lines": line_rows(&[b.line.clone(), b.counterpart_line.clone()]),
    })
}
