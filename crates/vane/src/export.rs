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
