//! The bundled White House transcripts (`examples/whitehouse`), parsed, in a
//! fixed order: the corpus of the stance benches here and in `vane-model`.

use std::path::Path;
use vane_core::Document;
use vane_read::questions::{compile, parse_toml, Compiled};

/// The four questions of the White House set, compiled.
pub fn questions() -> Vec<Compiled> {
    parse_toml(include_str!(
        "../../../../examples/whitehouse/questions.toml"
    ))
    .unwrap()
    .iter()
    .map(compile)
    .collect()
}

pub fn corpus() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/whitehouse");
    let mut docs = Vec::new();
    for q in ["Q1_abrams", "Q2_f16", "Q3_cluster"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(q))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            let opts = vane_ingest::Options {
                published: None,
                undated: vane_ingest::UndatedPolicy::Keep,
            };
            docs.push(vane_ingest::parse(&f.to_string_lossy(), &bytes, &opts).unwrap());
        }
    }
    docs
}
