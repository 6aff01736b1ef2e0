use std::ops::Range;

/// A half-open byte range `[start, end)` into a document's text.
///
/// Invariant: `start <= end`. The constructor asserts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> TextRange {
        assert!(start <= end, "TextRange start {start} > end {end}");
        TextRange { start, end }
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    pub fn contains(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }
    /// The text this range covers; `None` when it does not slice `text`
    /// on character boundaries.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }
}

impl From<Range<usize>> for TextRange {
    fn from(r: Range<usize>) -> TextRange {
        TextRange::new(r.start, r.end)
    }
}

/// Converts byte offsets of one text to Unicode code-point offsets, as the
/// export formats require.
pub struct CharIndex {
    /// `starts[i]` is the byte offset of the i-th char; a final entry holds the length.
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharIndex { starts }
    }
    /// The code-point offset of a byte offset. A byte offset inside a
    /// character maps to that character.
    pub fn char_offset(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
    /// The byte offset of a code-point offset (clamped to the text's end).
    pub fn byte_offset(&self, ch: usize) -> usize {
        self.starts[ch.min(self.starts.len() - 1)]
    }
    pub fn chars(&self, r: TextRange) -> (usize, usize) {
        (self.char_offset(r.start), self.char_offset(r.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_round_trip() {
        let text = "Putin’s “bullsh*t” é";
        let ix = CharIndex::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(ix.char_offset(bi), ci);
            assert_eq!(ix.byte_offset(ci), bi);
        }
        assert_eq!(ix.char_offset(text.len()), text.chars().count());
    }
}
