//! Writing positions and lines out, in the wire formats of
//! `vane_engine::wire` (the JSONL of EVAL.md section 3, and CSV).

use crate::cli::TableFormat;
use anyhow::Result;
use std::io::Write;
use vane_analysis::Line;
use vane_core::Position;
use vane_engine::wire::{self, DocCache, Table};
use vane_ledger::Store;

impl From<TableFormat> for Table {
    fn from(f: TableFormat) -> Table {
        match f {
            TableFormat::Jsonl => Table::Jsonl,
            TableFormat::Csv => Table::Csv,
        }
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
        let Some(row) = cache.position(p)? else {
            anyhow::bail!(
                "position cites document {} which is not stored",
                p.evidence.doc
            );
        };
        rows.push(row);
    }
    wire::write_rows(out, &rows, wire::POSITION_COLUMNS, format.into())?;
    Ok(())
}

pub fn lines(out: &mut dyn Write, lines: &[Line], format: TableFormat) -> Result<()> {
    wire::write_rows(
        out,
        &wire::line_rows(lines),
        wire::LINE_COLUMNS,
        format.into(),
    )?;
    Ok(())
}

/// Each position with its evidence and why it was recorded: the judge (the
/// rules, or a learned judge with its probability) and the ids of the rules
/// that fired (ARCHITECTURE.md lists them).
pub fn explain(out: &mut dyn Write, store: &dyn Store, ps: &[Position]) -> Result<()> {
    let mut cache = DocCache::new(store);
    for p in ps {
        let Some(row) = cache.position(p)? else {
            anyhow::bail!(
                "position cites document {} which is not stored",
                p.evidence.doc
            );
        };
        let s = |k: &str| row[k].as_str().unwrap_or("").to_string();
        let text: String = s("text").split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(
            out,
            "{}  {} ({}, {})  {}  [{}, {}, confidence {}]",
            s("valid_from"),
            s("actor"),
            s("government"),
            s("rank"),
            s("stance"),
            s("kind"),
            s("modality"),
            row["confidence"]
        )?;
        writeln!(out, "  “{text}”")?;
        writeln!(out, "  {}:{}-{}", s("document"), row["start"], row["end"])?;
        let why = if p.why.judge.is_empty() {
            "not recorded (read before positions kept their reasons)".to_string()
        } else {
            p.why.summary()
        };
        writeln!(out, "  decided by {why}\n")?;
    }
    Ok(())
}
