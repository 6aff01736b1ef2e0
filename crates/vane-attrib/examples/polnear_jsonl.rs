//! Prints attribution predictions as JSONL for the PolNeAR scorer.
//!
//! Usage: `cargo run --release -p vane-attrib --example polnear_jsonl -- DIR_OR_FILES... > pred.jsonl`
//! One line per document; the document id is the file stem; offsets are
//! Unicode code points (`[start, end)`).

use std::path::PathBuf;
use vane_core::{CharIndex, TextRange};

fn ranges(ix: &CharIndex, rs: &[TextRange]) -> serde_json::Value {
    serde_json::Value::Array(
        rs.iter()
            .map(|r| {
                let (s, e) = ix.chars(*r);
                serde_json::json!([s, e])
            })
            .collect(),
    )
}

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        let p = PathBuf::from(&arg);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                .expect("read dir")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read text");
        let ix = CharIndex::new(&text);
        let sents = vane_text::sentences(&text);
        let found = vane_attrib::extract(&text, &sents);
        let atts: Vec<serde_json::Value> = found
            .iter()
            .map(|a| {
                serde_json::json!({
                    "source": ranges(&ix, &a.source),
                    "cue": ranges(&ix, &a.cue),
                    "content": ranges(&ix, &a.content),
                    "kind": a.kind.as_str(),
                })
            })
            .collect();
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "{}",
            serde_json::json!({"document": stem, "attributions": atts})
        );
    }
}
