//! Main-content extraction on the article-extraction benchmark.
//!
//! ```text
//! cargo run --release -p vane-formats --example extract_benchmark -- \
//!     /work/shared/data/article-extraction/html > /tmp/pred.json
//! python3 /work/shared/eval/score_extraction.py \
//!     --gold /work/shared/data/article-extraction/ground-truth.json --pred /tmp/pred.json
//! ```
//!
//! Prints the prediction JSON (`{id: {"articleBody": text}}`) on stdout and
//! the median and mean milliseconds per page (charset decoding, metadata and
//! extraction; gunzip is done before timing) on stderr.

use std::time::Instant;

use vane_formats::{html, Limits, Options};
use vane_ingest::UndatedPolicy;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/data/article-extraction/html".to_string());
    let opts = Options {
        ingest: vane_ingest::Options {
            published: None,
            undated: UndatedPolicy::Keep,
        },
        limits: Limits::default(),
    };
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("read the html folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let mut out = serde_json::Map::new();
    let mut times = Vec::new();
    let mut failed = 0;
    for p in &paths {
        let file = p
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let id = file.trim_end_matches(".html.gz").to_string();
        let gz = std::fs::read(p).expect("read a page");
        // Decompress outside the timing, as the Python peer is timed on the HTML.
        let bytes = vane_formats::gunzip(&file, &gz, 64 << 20).expect("gunzip a page");
        let file = file.trim_end_matches(".gz").to_string();
        let t = Instant::now();
        let body = match html(&file, &bytes, &opts) {
            Ok(page) => page.doc.text,
            Err(e) => {
                eprintln!("{e}");
                failed += 1;
                String::new()
            }
        };
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        let mut o = serde_json::Map::new();
        o.insert("articleBody".into(), body.into());
        out.insert(id, o.into());
    }
    println!("{}", serde_json::Value::Object(out));
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    eprintln!(
        "{} pages, {failed} failed, median {median:.2} ms/page, mean {mean:.2} ms/page",
        paths.len()
    );
}
