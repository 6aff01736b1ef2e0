//! A reading view of Markdown text that keeps every byte offset.
//!
//! Official prose is often published as Markdown: "The Department of the
//! Treasury [sanctioned](https://home.treasury.gov/...) Iran's oil minister",
//! "**FACT:** This was debunked by ...". Read as it stands, the link's URL
//! and brackets cut the sentence into fragments, and no stage sees "the
//! Department of the Treasury sanctioned Iran's oil minister".
//!
//! [`mask_markup`] blanks the markup with spaces of the same byte length, so
//! that a range found in the view cites the same characters of the original:
//! evidence stays verbatim, and no offset table is needed.
//!
//! What is blanked:
//! - inline links and images, `[label](url)` and `![alt](url)`: the
//!   brackets and the parenthesised URL (the label stays);
//! - strong emphasis, `**` and `__`.
//!
//! List markers are left alone: the sentence splitter ends a sentence before
//! them (see `line_break_ends`).

/// The text with its Markdown links and emphasis blanked, or `None` when
/// there is nothing to blank. The result has the same length as `text`, and
/// every character the view keeps sits at the same offset as in `text`.
pub fn mask_markup(text: &str) -> Option<String> {
    if !text.contains("](") && !text.contains("**") && !text.contains("__") {
        return None;
    }
    let b = text.as_bytes();
    let n = b.len();
    // Byte ranges to blank, in order.
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        match b[i] {
            b'[' => {
                if let Some((close, url_end)) = link_at(b, i) {
                    let open = if i > 0 && b[i - 1] == b'!' { i - 1 } else { i };
                    blank.push((open, i + 1));
                    blank.push((close, url_end));
                    // The label may hold emphasis; go on inside it.
                    i += 1;
                    continue;
                }
                i += 1;
            }
            b'*' | b'_' if b.get(i + 1) == Some(&b[i]) => {
                // Runs of three or more ("***", "___") are rules or bold
                // italics: blank the whole run.
                let mut j = i;
                while j < n && b[j] == b[i] {
                    j += 1;
                }
                // Not inside a word ("snake__case" stays): emphasis touches
                // a space, punctuation or a line end on at least one side.
                let before = i.checked_sub(1).map(|k| b[k]);
                let after = b.get(j).copied();
                let edge = |c: Option<u8>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
                if b[i] == b'*' || edge(before) || edge(after) {
                    blank.push((i, j));
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    if blank.is_empty() {
        return None;
    }
    let mut out = b.to_vec();
    for (s, e) in blank {
        blank_bytes(&mut out, s, e);
    }
    // Only ASCII bytes and whole characters were replaced by spaces.
    String::from_utf8(out).ok()
}

/// For a `[` at `open`: the offset of the `]` that closes the label and the
/// end of the `(url)` that follows it, when this is an inline link.
fn link_at(b: &[u8], open: usize) -> Option<(usize, usize)> {
    const MAX_LABEL: usize = 400;
    const MAX_URL: usize = 2048;
    let mut j = open + 1;
    let mut depth = 0usize;
    let close = loop {
        let c = *b.get(j)?;
        match c {
            b'[' => depth += 1,
            b']' if depth == 0 => break j,
            b']' => depth -= 1,
            b'\n' if b.get(j + 1) == Some(&b'\n') => return None,
            _ => {}
        }
        j += 1;
        if j - open > MAX_LABEL {
            return None;
        }
    };
    if b.get(close + 1) != Some(&b'(') {
        return None;
    }
    // The URL: no white space, parentheses balanced ("Foo_(bar)").
    let mut k = close + 2;
    let mut parens = 0usize;
    loop {
        let c = *b.get(k)?;
        match c {
            b'(' => parens += 1,
            b')' if parens == 0 => break,
            b')' => parens -= 1,
            c if c.is_ascii_whitespace() => {
                // A title after the URL: `(url "title")`.
                if b.get(k + 1) == Some(&b'"') {
                    let end = b[k + 2..].iter().position(|&c| c == b'"')? + k + 2;
                    if b.get(end + 1) == Some(&b')') {
                        k = end + 1;
                        break;
                    }
                }
                return None;
            }
            _ => {}
        }
        k += 1;
        if k - close > MAX_URL {
            return None;
        }
    }
    if k == close + 2 {
        return None; // "[x]()" is no link worth blanking
    }
    Some((close, k + 1))
}

/// Blanks `out[s..e]` with spaces. `s` and `e` are on character boundaries
/// (they are at ASCII bytes or the ends), so every replaced character is
/// replaced whole.
fn blank_bytes(out: &mut [u8], s: usize, e: usize) {
    for c in &mut out[s..e] {
        // A line break inside a URL cannot happen (no white space there),
        // but keep line structure if one is ever blanked.
        if *c != b'\n' && *c != b'\r' {
            *c = b' ';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn blanks_a_link_and_keeps_its_label() {
        let t = "The Department of the Treasury [sanctioned](https://home.treasury.gov/news/sb0049) Iran’s oil minister.";
        let m = mask_markup(t).unwrap();
        assert_eq!(m.len(), t.len());
        let words: Vec<&str> = m.split_whitespace().collect();
        assert_eq!(
            words.join(" "),
            "The Department of the Treasury sanctioned Iran’s oil minister."
        );
        let at = t.find("sanctioned").unwrap();
        assert_eq!(&m[at..at + 10], "sanctioned");
    }

    #[test]
    fn a_label_may_span_lines_and_a_url_may_hold_parentheses() {
        let t = "by [Secretary of State Marco\n    Rubio](https://x.com/SecRubio/status/1) and [Foo](https://en.wikipedia.org/wiki/Foo_(bar)).";
        let m = mask_markup(t).unwrap();
        let words: Vec<&str> = m.split_whitespace().collect();
        assert_eq!(words.join(" "), "by Secretary of State Marco Rubio and Foo .");
        assert_eq!(m.matches('\n').count(), 1);
    }

    #[test]
    fn blanks_strong_emphasis_not_words() {
        let m = mask_markup("**FACT:** a snake__case name, __bold__").unwrap();
        assert_eq!(m, "  FACT:   a snake__case name,   bold  ");
    }

    #[test]
    fn leaves_brackets_that_are_not_links() {
        assert_eq!(mask_markup("He said [the deal] was (not) done."), None);
        assert_eq!(mask_markup("a [b](c d) e"), None);
        assert_eq!(mask_markup("plain text"), None);
    }

    proptest! {
        #[test]
        fn keeps_length_and_every_kept_character(s in "(\\PC|\\[|\\]|\\(|\\)|\\*|_|\n){0,80}") {
            if let Some(m) = mask_markup(&s) {
                prop_assert_eq!(m.len(), s.len());
                for (i, c) in m.char_indices() {
                    if c != ' ' {
                        prop_assert!(s.is_char_boundary(i));
                        prop_assert_eq!(s[i..].chars().next(), Some(c));
                    }
                }
            }
        }
    }
}
