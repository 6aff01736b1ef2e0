//! Sentence and paragraph splitting for news text, and the token layer the
//! reading stages share ([`Tokens`]). Pure: no IO, no panics.
//!
//! All offsets are byte offsets into the text (see [`vane_core::TextRange`]).
//! [`sentences`] and [`paragraphs`] both return ranges that *partition* the
//! text: contiguous, non-empty, covering `0..text.len()`, each carrying its
//! trailing whitespace. Use [`trim`] to get the unit proper.

use vane_core::TextRange;

pub mod words;

mod tokens;
pub use tokens::{lower, Token, TokenKind, Tokens};

/// Titles and other abbreviations that are (almost) never the last word of
/// a sentence: a period after them never ends a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mme", "dr", "sen", "sens", "rep", "reps", "gov", "govs", "gen",
    "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "prof",
    "rev", "hon", "pres", "atty", "supt", "det", "insp", "amb", "fr", "sr", "st", "mt", "ft", "vs",
    "v", "gens", "lts", "msgr", "treas", "sec", "secs", "asst", "assn", "dept", "univ", "approx",
    "no", "nos", "vol", "pp", "fig", "ave", "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Abbreviations that may end a sentence: a period after them ends one only
/// when the next word is a typical sentence opener.
const MAY_BE_FINAL: &[&str] = &[
    "jr", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "etc", "al", "est", "cf", "ca",
];

/// Words that typically open a sentence; after an ambiguous abbreviation
/// ("U.S.", "a.m.", "Jr.", an initial) they signal a sentence boundary.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "There",
    "Then",
    "When",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "If",
    "As",
    "After",
    "Before",
    "While",
    "Although",
    "Though",
    "So",
    "Yet",
    "For",
    "Still",
    "However",
    "Meanwhile",
    "Now",
    "Some",
    "Many",
    "Most",
    "Both",
    "Each",
    "Such",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sen",
    "Rep",
    "Gov",
    "Asked",
    "According",
    "Officials",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Instead",
    "Also",
    "No",
    "Not",
    "Since",
    "Under",
    "With",
    "Without",
    "To",
    "By",
    "From",
    "One",
    "Two",
    "All",
];

fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

/// End of the whitespace run starting at `i`, and whether it holds a newline.
fn skip_ws(text: &str, i: usize) -> (usize, bool) {
    let mut nl = false;
    let Some(rest) = text.get(i..) else {
        return (i, false);
    };
    for (k, c) in rest.char_indices() {
        if !is_ws(c) {
            return (i + k, nl);
        }
        if c == '\n' || c == '\r' || c == '\u{2029}' || c == '\u{2028}' {
            nl = true;
        }
    }
    (text.len(), nl)
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›')
}

fn is_opener_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹')
}

/// The word before byte `i`: ASCII letters, digits and inner periods.
fn word_before(text: &str, i: usize) -> &str {
    let b = text.as_bytes();
    let mut s = i;
    while s > 0 && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'.') {
        s -= 1;
    }
    let w = &text[s..i];
    w.trim_start_matches('.')
}

/// The word starting at `k`, after any opening punctuation.
fn word_after(text: &str, k: usize) -> &str {
    let Some(rest) = text.get(k..) else {
        return "";
    };
    let rest = rest.trim_start_matches(is_opener_punct);
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Decides whether a terminator ending at `term_start` (a period) is a
/// sentence boundary, given the next word.
fn period_breaks(text: &str, term_start: usize, next: &str) -> bool {
    let first = next.chars().next();
    let Some(first) = first else {
        return true;
    };
    if first.is_lowercase() {
        return false;
    }
    let word = word_before(text, term_start);
    if word.is_empty() {
        return true;
    }
    let opener = in_list(OPENERS, next) && first.is_uppercase();
    if word.contains('.') {
        // "U.S", "a.m", "D.C", "e.g": an abbreviation with inner periods.
        return opener;
    }
    if in_list(NEVER_FINAL, word) {
        // "no." and months may end a sentence before an opener; titles not.
        let lw = word.to_ascii_lowercase();
        let month_or_no = matches!(
            lw.as_str(),
            "no" | "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
                | "st"
        );
        if month_or_no && !first.is_ascii_digit() {
            // "said no. The" / "in Jan. The": a boundary before an opener.
            if lw == "no" || lw == "st" {
                return opener || !first.is_uppercase();
            }
            return opener;
        }
        return false;
    }
    if in_list(MAY_BE_FINAL, word) {
        return opener;
    }
    let mut wc = word.chars();
    if let (Some(c), None) = (wc.next(), wc.next()) {
        if c.is_ascii_uppercase() {
            // An initial: "John F. Kennedy".
            return opener;
        }
    }
    true
}

/// Whether the line break at `at` (whitespace running to `end`) ends a
/// sentence. A blank line always does. A single break does after terminal
/// punctuation, after a short heading-like line, or before a transcript
/// speaker label; otherwise the text is hard-wrapped and the sentence goes on.
fn line_break_ends(text: &str, at: usize, end: usize, wrap: usize) -> bool {
    let gap = &text[at..end];
    if gap.matches('\n').count() >= 2 || end >= text.len() {
        return true;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..at].trim_end();
    let next = &text[end..];
    let next_line = next.split('\n').next().unwrap_or("");
    let line_len = line.chars().count();
    // A short line is a heading or a label, unless the next line's first word
    // (typically a Markdown link's target) would not have fitted on it: then
    // the text was merely wrapped early.
    let next_word = next_line.split_whitespace().next().unwrap_or("");
    let wrapped_early =
        line_len + 1 + next_word.chars().count() > wrap && !next_word.starts_with(['“', '"', '‘']);
    if line_len < 45 && !wrapped_early {
        return true;
    }
    // A line ending in a Markdown link ("[announced](https://…)") ends a
    // sentence only when terminal punctuation follows the link.
    let last_word = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let ends = if last_word.contains("](") {
        let after = &last_word[last_word.rfind(')').unwrap_or(0)..];
        after
            .trim_end_matches(['"', '”', '’', ')', '*'])
            .ends_with(['.', '!', '?', ':', '…'])
    } else {
        line.ends_with(['.', '!', '?', ':', '…', '"', '”', '’', ')'])
    };
    if ends {
        return true;
    }
    let label = next_line.split_once(':').is_some_and(|(l, _)| {
        !l.is_empty() && l.len() < 40 && !l.chars().any(|c| c.is_lowercase())
    });
    // A line that opens a quotation starts a new paragraph.
    if next_line.starts_with(['“', '"', '‘', '”']) {
        return true;
    }
    // A Markdown list item ("-   The Department ...", "* ", "1. ") starts
    // a sentence of its own.
    if is_list_item(next_line) {
        return true;
    }
    let question = next_line.starts_with("Q ")
        || next_line.starts_with("Q\u{a0}")
        || next_line.starts_with("Q\t");
    label || question
}

/// The width a hard-wrapped text was wrapped at: the longest line that holds
/// no link target or address (those overrun the width), at least 60.
fn wrap_width(text: &str) -> usize {
    text.lines()
        .filter(|l| !l.contains("](") && !l.contains("://"))
        .map(|l| l.trim_end().chars().count())
        .max()
        .unwrap_or(0)
        .clamp(60, 200)
}

/// Whether a line opens a Markdown list item: `-`, `*` or `+`, or a number
/// with `.` or `)`, then white space.
fn is_list_item(line: &str) -> bool {
    let l = line.trim_start();
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 && digits <= 3 {
        match l.as_bytes().get(digits) {
            Some(b'.' | b')') => &l[digits + 1..],
            _ => return false,
        }
    } else if l.starts_with(['-', '*', '+']) {
        &l[1..]
    } else {
        return false;
    };
    rest.starts_with([' ', '\t']) && !rest.trim().is_empty()
}

/// Splits `text` into sentences. The returned ranges partition the text:
/// they are contiguous, non-empty, and cover `0..text.len()` exactly
/// (each sentence carries its trailing whitespace). Use [`trim`] for the
/// sentence proper.
///
/// A sentence ends after `.`, `!`, `?` or an ellipsis (with any closing
/// quotes or brackets that follow) when whitespace and a plausible sentence
/// start follow; abbreviations ("U.S.", "Sen.", "a.m.", "Jan."), initials and
/// decimals do not end sentences. Blank lines end sentences; single line
/// breaks do unless the text is hard-wrapped (see `line_break_ends`).
pub fn sentences(text: &str) -> Vec<TextRange> {
    let wrap = wrap_width(text);
    let mut out = Vec::new();
    let b = text.as_bytes();
    let n = b.len();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        let c = b[i];
        let term_len = match c {
            b'\n' | b'\r' => {
                let (end, _) = skip_ws(text, i);
                if !text[start..i].trim().is_empty() && line_break_ends(text, i, end, wrap) {
                    out.push(TextRange::new(start, end));
                    start = end;
                }
                i = end;
                continue;
            }
            b'.' | b'!' | b'?' => 1,
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6) => 3, // …
            _ => {
                i += 1;
                continue;
            }
        };
        // Absorb a run of terminators ("?!", "...", ". . .") and closers.
        let term_start = i;
        let mut j = i + term_len;
        let mut ellipsis = term_len == 3;
        let mut dots = usize::from(c == b'.');
        while let Some(ch) = text.get(j..).and_then(|r| r.chars().next()) {
            if ch == '.' || ch == '!' || ch == '?' || ch == '…' {
                if ch == '.' {
                    dots += 1;
                }
                if ch == '…' {
                    ellipsis = true;
                }
                j += ch.len_utf8();
            } else if ch == ' ' && text.get(j + 1..j + 2) == Some(".") && dots > 0 {
                // ". . ." spaced ellipsis
                ellipsis = true;
                j += 1;
            } else {
                break;
            }
        }
        if dots >= 2 {
            ellipsis = true;
        }
        while let Some(ch) = text.get(j..).and_then(|r| r.chars().next()) {
            if is_closer(ch) {
                j += ch.len_utf8();
            } else {
                break;
            }
        }
        if j >= n {
            break;
        }
        let (k, has_nl) = skip_ws(text, j);
        if k == j {
            // No whitespace after: "3.5", "U.S.-led", "example.com".
            i = j;
            continue;
        }
        // A hard wrap after an initial or a title ("President Donald J.\nTrump
        // signed ...", "Sen.\nGraham") is no boundary: one line break, a
        // period that would not break before the same word on the same line.
        let wrapped_abbreviation = has_nl
            && c == b'.'
            && term_len == 1
            && !ellipsis
            && k < n
            && text[j..k].matches('\n').count() == 1
            && !period_breaks(text, term_start, word_after(text, k));
        if has_nl && !wrapped_abbreviation {
            out.push(TextRange::new(start, k));
            start = k;
            i = k;
            continue;
        }
        if k >= n {
            break;
        }
        let next = word_after(text, k);
        let dash_next = text
            .get(k..)
            .and_then(|r| r.chars().next())
            .is_some_and(|c| matches!(c, '―' | '—' | '–'));
        let brk = if dash_next {
            // “...” ― Name: the attribution belongs to the sentence.
            false
        } else if ellipsis {
            let f = next.chars().next();
            f.is_some_and(|f| f.is_uppercase()) && in_list(OPENERS, next)
        } else if c == b'.' && term_len == 1 {
            period_breaks(text, term_start, next)
        } else {
            // ! or ?: a boundary unless the sentence goes on ("?” he asked").
            !next.chars().next().is_some_and(|f| f.is_lowercase())
        };
        if brk {
            out.push(TextRange::new(start, k));
            start = k;
        }
        i = k;
    }
    if start < n {
        out.push(TextRange::new(start, n));
    }
    split_datelines(text, out)
}

/// A news dateline that opens a line ("MOSCOW, March 14 (Reuters) - ",
/// "BEIJING/WASHINGTON (AP) — ", "WASHINGTON – "): the length of its text
/// up to the next word, dash and spaces included. The place is capitals
/// (three letters at least, places joined by `/`); what follows it, up to
/// the dash, is a date or an agency, with no word in lower case; the
/// sentence after the dash opens with a capital, a digit or a quote.
fn dateline_len(s: &str) -> Option<usize> {
    let cut = (0..=s.len().min(100))
        .rev()
        .find(|&i| s.is_char_boundary(i))?;
    let window = &s[..cut];
    let (at, dash) = window.char_indices().find_map(|(i, c)| match c {
        '—' | '–' => Some((i, c.len_utf8())),
        '-' if window[..i].ends_with(' ') && window[i + 1..].starts_with(' ') => Some((i, 1)),
        _ => None,
    })?;
    let prefix = window[..at].trim_end();
    let head_end = prefix.find([',', '(']).unwrap_or(prefix.len());
    let (head, tail) = prefix.split_at(head_end);
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    let head_ok = letters >= 3
        && head
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '/' | '.' | '\'' | '’' | '-'));
    let tail_ok = tail.len() <= 40
        && tail
            .trim_start_matches(',')
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '('));
    if !head_ok || !tail_ok {
        return None;
    }
    let after = at + dash;
    let rest = &s[after..];
    let next = rest.trim_start_matches([' ', '\u{a0}']);
    let opens = next.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'')
    });
    opens.then_some(s.len() - next.len())
}

/// Splits a dateline that opens a line off the sentence it heads: it is no
/// part of what the sentence says ("WASHINGTON — China said ..." names no
/// Washington).
fn split_datelines(text: &str, sentences: Vec<TextRange>) -> Vec<TextRange> {
    let mut out = Vec::with_capacity(sentences.len());
    for r in sentences {
        let line_start = r.start == 0 || text[..r.start].ends_with(['\n', '\r']);
        let lead = text[r.range()].len() - text[r.range()].trim_start().len();
        let at = r.start + lead;
        match line_start
            .then(|| dateline_len(&text[at..r.end]))
            .flatten()
            .filter(|&len| at + len < r.end)
        {
            Some(len) => {
                out.push(TextRange::new(r.start, at + len));
                out.push(TextRange::new(at + len, r.end));
            }
            None => out.push(r),
        }
    }
    out
}

/// Splits `text` into paragraphs at line breaks (single newlines and blank
/// lines alike). The ranges partition the text like [`sentences`]: each
/// carries the line break(s) and whitespace that follow it.
pub fn paragraphs(text: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let n = b.len();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        if b[i] == b'\n' || b[i] == b'\r' {
            let (end, _) = skip_ws(text, i);
            if end < n && !text[start..i].trim().is_empty() {
                out.push(TextRange::new(start, end));
                start = end;
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    if start < n {
        out.push(TextRange::new(start, n));
    }
    out
}

/// The range without leading and trailing whitespace. A range that does not
/// slice `text` on character boundaries is returned unchanged.
pub fn trim(text: &str, r: TextRange) -> TextRange {
    let Some(s) = text.get(r.start..r.end.max(r.start)) else {
        return r;
    };
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    TextRange::new(r.start + lead, r.start + lead + t.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_dateline_is_split_off_its_sentence() {
        for (line, dateline) in [
            (
                "MOSCOW, March 14 (Reuters) - The Kremlin said so.",
                "MOSCOW, March 14 (Reuters) - ",
            ),
            (
                "BEIJING/WASHINGTON (AP) — China said so.",
                "BEIJING/WASHINGTON (AP) — ",
            ),
            (
                "WASHINGTON – Today, the President signed it.",
                "WASHINGTON – ",
            ),
            (
                "NEW DELHI/ISLAMABAD, May 10 — India and Pakistan agreed.",
                "NEW DELHI/ISLAMABAD, May 10 — ",
            ),
            (
                "KYIV, Ukraine (AP) — “We are ready,” he said.",
                "KYIV, Ukraine (AP) — ",
            ),
        ] {
            let text = format!("Title\n\n{line}\n");
            let s = sentences(&text);
            let got: Vec<&str> = s.iter().map(|r| &text[r.range()]).collect();
            assert!(got.contains(&dateline), "{line}: {got:?}");
            assert_eq!(s.iter().map(|r| r.end - r.start).sum::<usize>(), text.len());
        }
        for line in [
            "NATO — the alliance said so.",
            "U.S. — Japan Joint Statement.",
            "THE PRESIDENT: Thank you — all of you.",
            "Q — Mr. President, one more.",
            "The WASHINGTON — Moscow line.",
        ] {
            assert_eq!(dateline_len(line), None, "{line}");
        }
    }

    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|r| &text[trim(text, r).range()])
            .collect()
    }

    fn check_partition(text: &str, rs: &[TextRange]) {
        let mut pos = 0;
        for r in rs {
            assert_eq!(r.start, pos, "gap in {text:?}: {rs:?}");
            assert!(r.end > r.start, "empty range in {text:?}: {rs:?}");
            assert!(text.get(r.range()).is_some());
            pos = r.end;
        }
        assert_eq!(pos, text.len(), "not covering {text:?}: {rs:?}");
    }

    #[test]
    fn a_wrap_after_an_initial_is_no_boundary() {
        let t = "Today, President Donald J.\nTrump signed it. Sen.\nGraham agreed.\nThe end came.\n- A list item.\n- Another.";
        let got: Vec<&str> = sentences(t).iter().map(|r| t[r.range()].trim()).collect();
        assert_eq!(
            got,
            [
                "Today, President Donald J.\nTrump signed it.",
                "Sen.\nGraham agreed.",
                "The end came.",
                "- A list item.",
                "- Another."
            ]
        );
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            (
                "The U.S. Secretary met Mr. Lavrov. It was brief.",
                &["The U.S. Secretary met Mr. Lavrov.", "It was brief."],
            ),
            (
                "Sen. John F. Kennedy Jr. spoke at 9 a.m. Tuesday. Then he left.",
                &[
                    "Sen. John F. Kennedy Jr. spoke at 9 a.m. Tuesday.",
                    "Then he left.",
                ],
            ),
            (
                "He arrived at 5 p.m. The meeting began.",
                &["He arrived at 5 p.m.", "The meeting began."],
            ),
            (
                "Growth was 3.5 percent on Jan. 5. Gen. Milley agreed.",
                &["Growth was 3.5 percent on Jan. 5.", "Gen. Milley agreed."],
            ),
            (
                "He said, “We will win.” Then he left.",
                &["He said, “We will win.”", "Then he left."],
            ),
            (
                "He said, \"We will win.\" Then he left.",
                &["He said, \"We will win.\"", "Then he left."],
            ),
            (
                "“Is it over?” she asked. “No!” he said.",
                &["“Is it over?” she asked.", "“No!” he said."],
            ),
            (
                "Well... maybe not. We wait… The end.",
                &["Well... maybe not.", "We wait…", "The end."],
            ),
            ("First line\nSecond line", &["First line", "Second line"]),
            (
                "“We will win.” ― Jane Doe\n“No.” — John Roe",
                &["“We will win.” ― Jane Doe", "“No.” — John Roe"],
            ),
            ("Para one.\n\nPara two.", &["Para one.", "Para two."]),
            (
                "He lives in the U.S. He likes it.",
                &["He lives in the U.S.", "He likes it."],
            ),
            ("Washington, D.C. is big.", &["Washington, D.C. is big."]),
            ("", &[]),
        ];
        for (text, want) in cases {
            let rs = sentences(text);
            check_partition(text, &rs);
            assert_eq!(&split(text), want, "for {text:?}");
        }
    }

    #[test]
    fn wrapped_markdown_links_do_not_end_sentences() {
        // A line is short only because the link target did not fit on it; a
        // line ending in a link goes on unless punctuation follows the link.
        let text = "The week brought several results for the administration and its\n\
                    partners abroad, listed below.\n\n\
                    -   The Administration\n    \
                    [announced](https://example.com/status/1234567890123456789012345)\n    \
                    that both sides accepted an offer to hold talks.\n\
                    -   Prices [fell](https://example.com/a/very/long/path/to/a/report)\n    \
                    in March.\n\
                    -   Talks [resumed](https://example.com/b).\n\
                    Short heading\n\
                    Body text follows here.";
        let got = split(text);
        assert_eq!(got.len(), 6, "{got:#?}");
        assert!(got[1].starts_with("-   The Administration") && got[1].ends_with("hold talks."));
        assert!(got[2].starts_with("-   Prices") && got[2].ends_with("in March."));
        assert!(got[3].ends_with("(https://example.com/b)."));
        assert_eq!(got[4], "Short heading");
        check_partition(text, &sentences(text));
    }

    #[test]
    fn whitespace_only() {
        let t = "  \n\n ";
        check_partition(t, &sentences(t));
        check_partition(t, &paragraphs(t));
    }

    #[test]
    fn paragraphs_split_at_newlines() {
        let t = "One. Two.\nThree.\n\n\nFour\n";
        let ps = paragraphs(t);
        check_partition(t, &ps);
        let got: Vec<&str> = ps.iter().map(|r| &t[trim(t, *r).range()]).collect();
        assert_eq!(got, ["One. Two.", "Three.", "Four"]);
    }

    #[test]
    fn trim_is_safe() {
        let t = "é ab ";
        assert_eq!(trim(t, TextRange::new(1, 3)), TextRange::new(1, 3));
        assert_eq!(trim(t, TextRange::new(2, 6)), TextRange::new(3, 5));
    }

    proptest::proptest! {
        #[test]
        fn sentences_partition(text in "\\PC*") {
            check_partition(&text, &sentences(&text));
            check_partition(&text, &paragraphs(&text));
        }

        #[test]
        fn sentences_partition_newsy(text in "([A-Za-z]{1,5}|[.!?…“”\"' \n]|U\\.S\\.|Mr\\.|3\\.5|\u{a0}|é){0,40}") {
            check_partition(&text, &sentences(&text));
            check_partition(&text, &paragraphs(&text));
        }
    }
}
