//! Tokens with byte offsets, and the normalisation every lookup key goes
//! through. The original text is never changed: a token only points into it.

/// A token of the text. `norm` is the lookup form: lowercase, typographic
/// apostrophes made straight, abbreviation periods removed ("U.S." -> "us").
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub norm: String,
    /// The first character is uppercase.
    pub cap: bool,
    /// Every letter is uppercase (transcript speaker labels, headlines).
    pub upper: bool,
    /// A word (letters or digits), as opposed to punctuation.
    pub word: bool,
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

/// Splits `text` into tokens. Never panics; every offset is a char boundary.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let off = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        // Control characters (NUL ...) are no part of a name: skipped like
        // space, not kept as a token each (a file of them once took a
        // hundred bytes of memory per byte).
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            let mut seg_len = 0usize; // letters since the word start or the last period
            let mut has_period = false;
            while i < n {
                let c = chars[i].1;
                if c.is_alphanumeric() {
                    seg_len += 1;
                    i += 1;
                } else if is_hyphen(c) && at(i + 1).is_some_and(|d| d.is_alphanumeric()) {
                    seg_len = 0;
                    i += 1;
                } else if c == '.'
                    && seg_len == 1
                    && at(i - 1).is_some_and(|d| d.is_alphabetic())
                    && (has_period
                        || (at(i + 1).is_some_and(|d| d.is_alphabetic()) && at(i + 2) == Some('.')))
                {
                    // "U.S.", "U.N.", "U.K."
                    has_period = true;
                    seg_len = 0;
                    i += 1;
                } else if is_apos(c) && at(i + 1).is_some_and(|d| d.is_alphabetic()) {
                    // A possessive or contracted "'s" is its own token.
                    let s_next = at(i + 1).is_some_and(|d| d == 's' || d == 'S');
                    let after = at(i + 2);
                    if s_next && !after.is_some_and(|d| d.is_alphanumeric()) {
                        break;
                    }
                    seg_len += 1;
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(make(text, off(s), off(i), true));
            continue;
        }
        if is_apos(c)
            && at(i + 1).is_some_and(|d| d == 's' || d == 'S')
            && !at(i + 2).is_some_and(|d| d.is_alphanumeric())
            && i > 0
            && !at(i - 1).is_some_and(|d| d.is_whitespace())
        {
            out.push(make(text, off(i), off(i + 2), false));
            i += 2;
            continue;
        }
        out.push(make(text, off(i), off(i + 1), false));
        i += 1;
    }
    out
}

fn make(text: &str, start: usize, end: usize, word: bool) -> Token {
    let s = text.get(start..end).unwrap_or("");
    let cap = s.chars().next().is_some_and(|c| c.is_uppercase());
    let upper =
        word && s.chars().any(|c| c.is_alphabetic()) && !s.chars().any(|c| c.is_lowercase());
    Token {
        start,
        end,
        norm: norm_word(s),
        cap,
        upper,
        word,
    }
}

/// The lookup form of one token.
pub(crate) fn norm_word(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '’' | 'ʼ' | '‘' => out.push('\''),
            '.' if s.chars().count() > 1 => {}
            '‐' | '‑' => out.push('-'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The lookup key of a phrase: its word tokens' norms joined by single
/// spaces, periods dropped ("H. R. McMaster" -> "h r mcmaster").
pub(crate) fn key(phrase: &str) -> String {
    let toks = tokenize(phrase);
    let mut k = String::new();
    for t in toks.iter().filter(|t| t.norm != ".") {
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(&t.norm);
    }
    k
}

/// The number of tokens in a key.
pub(crate) fn key_len(k: &str) -> usize {
    if k.is_empty() {
        0
    } else {
        k.split(' ').count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[&str]) {
        let toks = tokenize(text);
        let got: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(got, expect, "{text}");
    }

    #[test]
    fn control_characters_are_no_tokens() {
        check("Biden\0\0\0said\u{7}.", &["Biden", "said", "."]);
        assert!(tokenize(&"\0".repeat(1 << 16)).is_empty());
    }

    #[test]
    fn tokens() {
        check("U.S. Secretary", &["U.S.", "Secretary"]);
        check("Rubio’s task", &["Rubio", "’s", "task"]);
        check("he’s not", &["he", "’s", "not"]);
        check("Jean-Pierre said.", &["Jean-Pierre", "said", "."]);
        check("MR. KIRBY:", &["MR", ".", "KIRBY", ":"]);
        check("H. R. McMaster", &["H", ".", "R", ".", "McMaster"]);
        check("don’t O'Brien", &["don’t", "O'Brien"]);
        check("not—he", &["not", "—", "he"]);
        check("Élysée", &["Élysée"]);
        assert_eq!(key("U.S. Secretary of State"), "us secretary of state");
        assert_eq!(key("H. R. McMaster"), "h r mcmaster");
        assert_eq!(key("Rubio’s"), "rubio 's");
    }
}
