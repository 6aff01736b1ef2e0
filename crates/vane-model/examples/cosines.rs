//! Prints the cosine of each line of text on standard input (tab-separated:
//! proposition, text) with its proposition, one per line: a tool to see how a
//! cut-off would split positions already labelled elsewhere.
//!
//! `cargo run --release -p vane-model --features candle --example cosines -- MODEL_DIR < pairs.tsv`

use std::io::BufRead;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: cosines MODEL_DIR < pairs.tsv");
    let e =
        vane_model::Embedder::load(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let Some((p, t)) = line.split_once('\t') else {
            continue;
        };
        let (a, b) = (e.embed(p).expect("embed"), e.embed(t).expect("embed"));
        let c: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        println!("{c:.4}");
    }
}
