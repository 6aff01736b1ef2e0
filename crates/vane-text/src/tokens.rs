//! One token layer per document: its words with their byte ranges, lower
//! case and lemma, and the document's lowercased, whitespace-collapsed text
//! with the map back to the original offsets.
//!
//! Built once per document text ([`Tokens::new`]); the reading stages take
//! views of it ([`Tokens::lower`], [`Tokens::words`]) instead of lowercasing
//! and splitting the same text again. The layer keeps no copy of the text:
//! the views that need it take the text it was built from.

use std::borrow::Cow;
use std::ops::Range;

use vane_core::TextRange;

/// Lowercase with every run of whitespace (hard-wrapped transcript lines,
/// no-break spaces) made one space: the form cue phrases are matched in.
/// Lowercases char by char (no context, unlike `str::to_lowercase`), so the
/// lowercase of a text is the concatenation of its parts' lowercases.
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            // ASCII, most of the text, without the general case's iterator.
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
            space = false;
        }
    }
    out
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A letter or digit, then letters, digits and `' ’ . -`.
    Word,
    /// Any other character that is not whitespace, alone.
    Punct,
}

/// One token of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its bytes in the original text.
    pub range: TextRange,
    pub kind: TokenKind,
    /// Its lowercase, as a range of [`Tokens::lowered`] (tokens hold no
    /// whitespace, so this is the lowercase of `range`).
    lc: (u32, u32),
    /// Its lemma when not itself, filled by [`Tokens::fill_lemmas`].
    pub lemma: Option<&'static str>,
}

/// The token layer of one document text.
#[derive(Clone, Default)]
pub struct Tokens {
    /// The length of the text it was built from.
    len: usize,
    /// [`lower`] of the whole text.
    lowered: String,
    /// Where the offset between the text and `lowered` changes: after each
    /// char whose lowercase has another length (whitespace after
    /// whitespace, which adds nothing, among them). In text order; few.
    shifts: Vec<Shift>,
    tokens: Vec<Token>,
}

/// A char whose lowercase has another length than it.
#[derive(Clone, Copy, Debug)]
struct Shift {
    /// Its bytes in the text.
    start: u32,
    end: u32,
    /// From `end` on (up to the next shift), `lowered` offset = text
    /// offset + `delta`.
    delta: i64,
}

impl std::fmt::Debug for Tokens {
    // Not the whole lowered text: its size.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("len", &self.len)
            .field("tokens", &self.tokens.len())
            .field("shifts", &self.shifts.len())
            .finish()
    }
}

fn is_word_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

fn is_word_char(c: char) -> bool {
    is_word_start(c) || matches!(c, '\'' | '’' | '.' | '-')
}

impl Tokens {
    /// Builds the layer of `text`.
    pub fn new(text: &str) -> Tokens {
        // One pass: the lowercase (as `lower` makes it), the shifts and the tokens.
        let mut lowered = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut delta: i64 = 0;
        let mut space = false;
        let mut tokens = Vec::with_capacity(text.len() / 4);
        let word = |from: usize, to: usize, lc: (usize, usize)| Token {
            range: TextRange::new(from, to),
            kind: TokenKind::Word,
            lc: (lc.0 as u32, lc.1 as u32),
            lemma: None,
        };
        // The open word: its start in the text and in `lowered`.
        let mut open: Option<(usize, usize)> = None;
        for (i, c) in text.char_indices() {
            let len = c.len_utf8();
            let out_len = lowered.len();
            let white = c.is_whitespace();
            if white {
                if !space {
                    lowered.push(' ');
                }
                space = true;
            } else {
                // ASCII, most of the text, without the general case's iterator.
                if c.is_ascii() {
                    lowered.push(c.to_ascii_lowercase());
                } else {
                    lowered.extend(c.to_lowercase());
                }
                space = false;
            }
            // What this char added to `lowered`.
            let out = lowered.len() - out_len;
            if let Some((from, lc)) = open {
                if !is_word_char(c) {
                    tokens.push(word(from, i, (lc, out_len)));
                    open = None;
                }
            }
            if open.is_none() && !white {
                if is_word_start(c) {
                    open = Some((i, out_len));
                } else {
                    tokens.push(Token {
                        range: TextRange::new(i, i + len),
                        kind: TokenKind::Punct,
                        lc: (out_len as u32, (out_len + out) as u32),
                        lemma: None,
                    });
                }
            }
            if out != len {
                delta += out as i64 - len as i64;
                shifts.push(Shift {
                    start: i as u32,
                    end: (i + len) as u32,
                    delta,
                });
            }
        }
        let out_len = lowered.len();
        if let Some((from, lc)) = open {
            tokens.push(word(from, text.len(), (lc, out_len)));
        }
        Tokens {
            len: text.len(),
            lowered,
            shifts,
            tokens,
        }
    }

    /// Whether this layer was built from a text of `text`'s length (a
    /// reading's layer is of its document's text).
    pub fn covers(&self, text: &str) -> bool {
        self.len == text.len() && (self.len == 0 || !self.lowered.is_empty())
    }

    /// The lowercased, whitespace-collapsed text ([`lower`] of the whole).
    pub fn lowered(&self) -> &str {
        &self.lowered
    }

    /// The offset in [`Tokens::lowered`] where the char at `at` (a char
    /// boundary of the text, or its end) begins its lowercase. Monotone.
    pub fn to_lowered(&self, at: usize) -> usize {
        let k = self.shifts.partition_point(|s| s.end as usize <= at);
        let delta = k.checked_sub(1).map_or(0, |k| self.shifts[k].delta);
        (at as i64 + delta) as usize
    }

    /// The first char boundary of the text whose lowercase begins at or
    /// after `lc` in [`Tokens::lowered`] (the text's length past its end):
    /// on the offsets [`Tokens::to_lowered`] gives, its inverse, the first
    /// of a collapsed run. Monotone.
    pub fn to_original(&self, lc: usize) -> usize {
        let lc = lc as i64;
        // Segment k: from the end of shift k-1 (0 for the first) to the
        // start of shift k (the text's end for the last), at offset delta k-1.
        let n = self.shifts.len() + 1;
        let start = |k: usize| k.checked_sub(1).map_or(0, |j| self.shifts[j].end as i64);
        let delta = |k: usize| k.checked_sub(1).map_or(0, |j| self.shifts[j].delta);
        let last = |k: usize| {
            self.shifts
                .get(k)
                .map_or(self.len as i64, |s| s.start as i64)
        };
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if last(mid) + delta(mid) < lc {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo == n {
            return self.len;
        }
        start(lo).max(lc - delta(lo)) as usize
    }

    /// [`lower`] of `text[r]`, `text` being the text the layer was built
    /// from, without lowercasing it again (borrowed, except when `r` starts
    /// inside a run of whitespace).
    pub fn lower<'a>(&'a self, text: &str, r: Range<usize>) -> Cow<'a, str> {
        debug_assert!(self.covers(text));
        let (a, b) = (r.start, r.end);
        if a >= b {
            return Cow::Borrowed("");
        }
        let (la, lb) = (self.to_lowered(a), self.to_lowered(b));
        // Inside a run of whitespace, whose one space went before `a`.
        let mid_run =
            text[a..].starts_with(char::is_whitespace) && text[..a].ends_with(char::is_whitespace);
        if mid_run {
            let mut s = String::with_capacity(lb - la + 1);
            s.push(' ');
            s.push_str(&self.lowered[la..lb]);
            Cow::Owned(s)
        } else {
            Cow::Borrowed(&self.lowered[la..lb])
        }
    }

    /// Every token, in text order.
    pub fn all(&self) -> &[Token] {
        &self.tokens
    }

    /// The tokens inside `r` (those that start and end in it), in order.
    pub fn within(&self, r: TextRange) -> &[Token] {
        let from = self.tokens.partition_point(|t| t.range.start < r.start);
        let to = self.tokens.partition_point(|t| t.range.end <= r.end);
        &self.tokens[from..to.max(from)]
    }

    /// Whether a token crosses `at` (starts before it and ends after).
    pub fn splits(&self, at: usize) -> bool {
        let k = self.tokens.partition_point(|t| t.range.end <= at);
        self.tokens.get(k).is_some_and(|t| t.range.start < at)
    }

    /// A token's lowercase.
    pub fn lc(&self, t: &Token) -> &str {
        &self.lowered[t.lc.0 as usize..t.lc.1 as usize]
    }

    /// A token's lemma: the one filled in, else its lowercase.
    pub fn lemma<'a>(&'a self, t: &'a Token) -> &'a str {
        t.lemma.unwrap_or_else(|| self.lc(t))
    }

    /// The words (not punctuation), in order.
    pub fn words(&self) -> impl Iterator<Item = &Token> + '_ {
        self.tokens.iter().filter(|t| t.kind == TokenKind::Word)
    }

    /// Fills every word's lemma slot from `lemma_of` (given the word's
    /// lowercase without a trailing `.`, `'` or `’`; `None`: the word is its
    /// own lemma). The layer knows no lexicon: its reader brings one.
    pub fn fill_lemmas(&mut self, mut lemma_of: impl FnMut(&str) -> Option<&'static str>) {
        for t in &mut self.tokens {
            if t.kind == TokenKind::Word {
                let lc = &self.lowered[t.lc.0 as usize..t.lc.1 as usize];
                t.lemma = lemma_of(lc.trim_end_matches(['.', '’', '\'']));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boundaries(s: &str) -> Vec<usize> {
        s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
    }

    #[test]
    fn views_match_lower() {
        let text = "The  President\n\n SAID:\u{a0}İstanbul ΣΑΣ  don't-stop. U.S. (tanks), 3.5 ";
        let t = Tokens::new(text);
        assert_eq!(t.lowered(), lower(text));
        let b = boundaries(text);
        for &x in &b {
            for &y in b.iter().filter(|&&y| y >= x) {
                assert_eq!(t.lower(text, x..y), lower(&text[x..y]), "{x}..{y}");
            }
        }
        let words: Vec<&str> = t.words().map(|w| t.lc(w)).collect();
        assert_eq!(
            words,
            [
                "the",
                "president",
                "said",
                "i̇stanbul",
                "σασ",
                "don't-stop.",
                "u.s.",
                "tanks",
                "3.5"
            ]
        );
        assert!(t.splits(text.find("esident").unwrap()));
        assert!(!t.splits(text.find("President").unwrap()));
    }

    #[test]
    fn lemmas_come_from_the_reader() {
        let text = "They sent tanks.";
        let mut t = Tokens::new(text);
        t.fill_lemmas(|w| (w == "sent").then_some("send"));
        let lemmas: Vec<&str> = t.words().map(|w| t.lemma(w)).collect();
        assert_eq!(lemmas, ["they", "send", "tanks."]);
    }

    #[test]
    fn empty_text() {
        let t = Tokens::new("");
        assert!(t.covers(""));
        assert_eq!(t.lower("", 0..0), "");
        assert!(t.all().is_empty());
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_in_bounds_and_lowercase_their_range(
            text in "[ a-zA-Z0-9.,'’\\-\n\t\u{a0}İΣéÉß\u{2028}(]{0,80}",
        ) {
            let t = Tokens::new(&text);
            proptest::prop_assert_eq!(t.lowered(), lower(&text));
            let mut last = 0;
            for tok in t.all() {
                let r = tok.range;
                proptest::prop_assert!(r.start < r.end && r.end <= text.len());
                proptest::prop_assert!(r.start >= last);
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                proptest::prop_assert_eq!(t.lc(tok), lower(&text[r.range()]));
                last = r.end;
            }
        }

        #[test]
        fn every_range_view_is_its_lower(
            text in "[ a-zA-Z.'\n\u{a0}İΣß]{0,40}",
        ) {
            let t = Tokens::new(&text);
            let b = boundaries(&text);
            for &x in &b {
                for &y in b.iter().filter(|&&y| y >= x) {
                    proptest::prop_assert_eq!(t.lower(&text, x..y), lower(&text[x..y]));
                }
            }
        }

        #[test]
        fn the_collapsed_view_maps_back_monotonically(
            text in "[ a-zA-Z0-9.\n\t\u{a0}İΣéß]{0,60}",
        ) {
            let t = Tokens::new(&text);
            let b = boundaries(&text);
            let mut last = 0;
            for &x in &b {
                let l = t.to_lowered(x);
                proptest::prop_assert!(l >= last && l <= t.lowered().len());
                proptest::prop_assert!(t.lowered().is_char_boundary(l));
                // Back: the first offset whose lowercase starts there, never after x.
                let back = t.to_original(l);
                proptest::prop_assert!(back <= x);
                proptest::prop_assert_eq!(t.to_lowered(back), l);
                last = l;
            }
            let mut last = 0;
            for l in 0..=t.lowered().len() {
                let x = t.to_original(l);
                proptest::prop_assert!(x >= last && x <= text.len());
                last = x;
            }
        }
    }
}
