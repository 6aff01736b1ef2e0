//! Attribution extraction. Pure: no IO.

use vane_core::{StatementKind, TextRange};

/// An attribution found in text, before its source is resolved to an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The source span(s); empty when the text names no source.
    pub source: Vec<TextRange>,
    pub cue: Vec<TextRange>,
    pub content: Vec<TextRange>,
    /// Direct, Partial or Indirect.
    pub kind: StatementKind,
}

/// Finds attributions in `text`, given its sentences (from `vane_text::sentences`).
pub fn extract(_text: &str, _sentences: &[TextRange]) -> Vec<Found> {
    Vec::new()
}
