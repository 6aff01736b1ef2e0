//! The alignment features (`vane_model::pair::alignment_features`) of
//! (proposition, sentence, sentence before, reporter's question, shape)
//! pairs, one a line of standard input, tab-separated; writes one JSON
//! object a line: a tool for checking the training script's copy of them.
//!
//! `cargo run --release -p vane-model --features candle --example align_pairs -- MODEL_DIR < pairs.tsv`

use std::io::BufRead;
use vane_model::judge::Base;
use vane_model::pair::alignment_features;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(dir) = std::env::args().nth(1) else {
        return Err("usage: align_pairs MODEL_DIR < pairs.tsv".into());
    };
    let base = Base::Model(Box::new(vane_model::Embedder::load(std::path::Path::new(
        &dir,
    ))?));
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let f: Vec<&str> = line.split('\t').collect();
        let [p, s, w, a, shape] = f[..] else {
            return Err(format!("want 5 tab-separated fields: {line}").into());
        };
        let mut states = Vec::new();
        for t in [p, s, w, a] {
            states.push(if t.is_empty() {
                Default::default()
            } else {
                base.encode_with_tokens(&[t])?.remove(0).1
            });
        }
        let mut out = alignment_features(&states[0], &[&states[1]], shape, "al_s");
        out.extend(alignment_features(
            &states[0],
            &[&states[1], &states[2], &states[3]],
            shape,
            "al_c",
        ));
        let obj: serde_json::Map<String, serde_json::Value> = out
            .into_iter()
            .map(|(k, v)| (k, serde_json::json!(v)))
            .collect();
        println!("{}", serde_json::Value::Object(obj));
    }
    Ok(())
}
