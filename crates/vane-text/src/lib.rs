//! Sentence splitting. Pure: no IO.

use vane_core::TextRange;

/// Splits `text` into sentences. The returned ranges partition the text:
/// they are contiguous, non-empty, and cover `0..text.len()` exactly
/// (each sentence carries its trailing whitespace). Use [`trim`] for the
/// sentence proper.
pub fn sentences(text: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            out.push(TextRange::new(start, i + 1));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(TextRange::new(start, text.len()));
    }
    out
}

/// The range without leading and trailing whitespace.
pub fn trim(text: &str, r: TextRange) -> TextRange {
    let s = &text[r.range()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    TextRange::new(r.start + lead, r.start + lead + t.len())
}
