//! An optional learned judge of relatedness for `vane-read`.
//!
//! A sentence-embedding model in the standard layout (`config.json`,
//! `tokenizer.json`, `model.safetensors`; all-MiniLM-L6-v2 is the one tested),
//! run on the CPU with candle. A sentence is related to a question when the
//! cosine of its embedding with the proposition's reaches a cut-off. The model
//! never decides a stance: embeddings do not tell "keep sending" from "halt"
//! (see NOTES.md), so the rules keep that.
//!
//! Everything here is behind the `candle` feature; without it the crate is
//! empty and costs nothing to build. This crate does IO (it reads the model
//! files) and so stays outside the pure core.

#[cfg(feature = "candle")]
mod embed;
#[cfg(feature = "candle")]
pub use embed::{Embedder, ModelError, Related, TokenStates, DEFAULT_CUT};
#[cfg(feature = "candle")]
pub mod judge;
#[cfg(feature = "candle")]
pub mod pair;

/// Where `scripts/setup-model.sh` puts the model: `$VANE_MODEL_DIR`, else
/// `$HOME/.cache/weathervane-models/all-minilm-l6-v2`.
pub fn default_dir() -> std::path::PathBuf {
    match std::env::var_os("VANE_MODEL_DIR") {
        Some(d) => d.into(),
        None => std::path::Path::new(&std::env::var_os("HOME").unwrap_or_default())
            .join(".cache/weathervane-models/all-minilm-l6-v2"),
    }
}
