//! Prints TempEval-3 prediction JSONL for TimeML files.
//!
//! Usage: `cargo run --release -p vane-time --example timex_jsonl -- DIR_OR_FILE.tml...`
//!
//! One line per document: `{"document": id, "timexes": [{"start", "end",
//! "type", "value"}]}` with code-point offsets into the tag-stripped text
//! (see the evaluation spec, section 2). The document id is the file name
//! without `.tml`.

use std::io::Write;
use std::path::{Path, PathBuf};

use vane_core::CharIndex;

fn collect(p: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else if p.extension().is_some_and(|e| e == "tml") {
        out.push(p.to_path_buf());
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        collect(Path::new(&a), &mut files)?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for f in files {
        let xml = std::fs::read_to_string(&f)?;
        let doc = vane_time::timeml::parse(&xml).map_err(|e| format!("{}: {e}", f.display()))?;
        let id = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let ix = CharIndex::new(&doc.text);
        let timexes: Vec<serde_json::Value> = vane_time::extract(&doc.text, doc.dct)
            .into_iter()
            .map(|t| {
                let (s, e) = ix.chars(t.range);
                serde_json::json!({"start": s, "end": e, "type": t.kind.as_str(), "value": t.value})
            })
            .collect();
        let line = serde_json::json!({"document": id, "timexes": timexes});
        writeln!(out, "{line}")?;
    }
    Ok(())
}
