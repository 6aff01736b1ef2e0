//! A tokenizer that keeps byte offsets: runs of letters, runs of ASCII
//! digits, and single other characters. Whitespace separates tokens and is
//! remembered as `space_before`.

use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Debug)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Lowercased text (ASCII lowercase; other characters kept); borrowed
    /// when the text has no ASCII capital.
    pub lower: Cow<'a, str>,
    pub kind: Kind,
    /// Whitespace (or the start of the text) precedes the token.
    pub space_before: bool,
    /// A line break precedes the token.
    pub newline_before: bool,
}

impl Tok<'_> {
    pub fn is_cap(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }
    /// The numeric value of a digit token of at most 9 digits.
    pub fn num(&self) -> Option<u32> {
        if self.kind == Kind::Num && self.text.len() <= 9 {
            self.text.parse().ok()
        } else {
            None
        }
    }
}

fn class(c: char) -> u8 {
    if c.is_ascii_digit() {
        1
    } else if c.is_alphabetic() {
        2
    } else if c.is_whitespace() {
        0
    } else {
        3
    }
}

pub(crate) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut space = true;
    let mut newline = true;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let k = class(c);
        if k == 0 {
            space = true;
            if c == '\n' {
                newline = true;
            }
            continue;
        }
        let mut end = i + c.len_utf8();
        if k == 1 || k == 2 {
            while let Some(&(j, d)) = it.peek() {
                if class(d) == k {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
        }
        let t = &text[i..end];
        out.push(Tok {
            start: i,
            end,
            text: t,
            lower: if t.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(t.to_ascii_lowercase())
            } else {
                Cow::Borrowed(t)
            },
            kind: match k {
                1 => Kind::Num,
                2 => Kind::Word,
                _ => Kind::Punct,
            },
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_offsets() {
        let text = "On Jan. 5, 1990s’ 4:03 P.M. é";
        let toks = tokenize(text);
        for t in &toks {
            assert_eq!(&text[t.start..t.end], t.text);
        }
        let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "On", "Jan", ".", "5", ",", "1990", "s", "’", "4", ":", "03", "P", ".", "M", ".",
                "é"
            ]
        );
        assert!(!toks[6].space_before);
    }
}
