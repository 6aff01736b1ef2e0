//! Ingestion: bytes in, [`Document`] out. Pure: the caller reads files.
//!
//! A document's text is the file's text **exactly as it is**, front matter
//! included, so that every evidence offset is an offset into the file. The
//! reading pipeline skips the front matter with [`body_start`].
//!
//! Front matter is a YAML-style block between `---` lines at the very start.
//! Only flat `key: value` scalars are read (plain, single- or double-quoted);
//! the keys that matter are `title`, `published` / `date` /
//! `published_time`, `source` and `url` / `source_url`.

use sha2::{Digest, Sha256};
use vane_core::{Date, DocId, Document};

/// Why a document was rejected. Every variant names the document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IngestError {
    #[error("{name}: not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { name: String, offset: usize },
    #[error("{name}: empty document")]
    Empty { name: String },
    #[error("{name}: impossible date {value:?} in field {field}")]
    BadDate {
        name: String,
        field: String,
        value: String,
    },
    #[error("{name}: no publication date (give --published YYYY-MM-DD, or add `published:` front matter)")]
    Undated { name: String },
    #[error("{name}: front matter opened with `---` but never closed")]
    UnclosedFrontMatter { name: String },
}

/// What to do with a document that carries no date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UndatedPolicy {
    Reject,
    Keep,
}

/// Options of [`parse`].
#[derive(Clone, Debug)]
pub struct Options {
    /// The date to use when the document has none of its own.
    pub published: Option<Date>,
    pub undated: UndatedPolicy,
}

/// The metadata read from front matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub published: Option<String>,
    pub published_field: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Byte offset where the body begins (0 when there is no front matter).
    pub body_start: usize,
}

/// The content hash that identifies a document.
pub fn doc_id(text: &str) -> DocId {
    let digest = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    DocId(s)
}

/// Parses one input file into a document.
pub fn parse(name: &str, bytes: &[u8], opts: &Options) -> Result<Document, IngestError> {
    let text = std::str::from_utf8(bytes).map_err(|e| IngestError::NotUtf8 {
        name: name.to_string(),
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fm = front_matter(text).ok_or_else(|| IngestError::UnclosedFrontMatter {
        name: name.to_string(),
    })?;
    if text[fm.body_start..].trim().is_empty() {
        return Err(IngestError::Empty {
            name: name.to_string(),
        });
    }
    let published = match &fm.published {
        Some(v) => Some(parse_date(v).ok_or_else(|| IngestError::BadDate {
            name: name.to_string(),
            field: fm.published_field.clone().unwrap_or_default(),
            value: v.clone(),
        })?),
        None => opts.published,
    };
    if published.is_none() && opts.undated == UndatedPolicy::Reject {
        return Err(IngestError::Undated {
            name: name.to_string(),
        });
    }
    Ok(Document {
        id: doc_id(text),
        name: name.to_string(),
        title: fm.title,
        published,
        source: fm.source,
        url: fm.url,
        text: text.to_string(),
    })
}

/// Parses a date given as `YYYY-MM-DD`, or a date-time starting with one.
pub fn parse_date(v: &str) -> Option<Date> {
    let v = v.trim();
    let head = v.get(..10)?;
    let rest = &v[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
        return None;
    }
    Date::parse_from_str(head, "%Y-%m-%d").ok()
}

/// The byte offset where the body starts: after a closed front-matter block,
/// else 0.
pub fn body_start(text: &str) -> usize {
    front_matter(text).map_or(0, |f| f.body_start)
}

/// Reads the front matter. `None` when a block is opened and never closed.
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let mut fm = FrontMatter::default();
    let Some(after) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Some(fm);
    };
    let mut offset = text.len() - after.len();
    // A quoted value continued on the next lines: (key, text so far).
    let mut open: Option<(String, String)> = None;
    for line in after.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if let Some((key, mut acc)) = open.take() {
            let cont = l.trim_start();
            // In double quotes, a trailing backslash escapes the line break;
            // otherwise it folds to a space.
            let double = acc.starts_with('"');
            if double && acc.ends_with('\\') && !acc.ends_with("\\\\") {
                acc.pop();
            } else {
                acc.push(' ');
            }
            acc.push_str(cont);
            if closes_quote(&acc) {
                assign(&mut fm, &key, scalar(&acc));
            } else {
                open = Some((key, acc));
            }
            continue;
        }
        if l == "---" || l == "..." {
            fm.body_start = offset;
            return Some(fm);
        }
        let Some((key, value)) = l.split_once(':') else {
            continue;
        };
        if key.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let value = value.trim();
        let key = key.trim().to_ascii_lowercase();
        if value.starts_with(['"', '\'']) && !closes_quote(value) {
            open = Some((key, value.to_string()));
            continue;
        }
        assign(&mut fm, &key, scalar(value));
    }
    None
}

/// Whether a quoted scalar's text ends with its unescaped closing quote: in
/// single quotes, `''` is a quote within the text.
fn closes_quote(v: &str) -> bool {
    if let Some(body) = v.strip_prefix('\'') {
        let quotes = body.chars().rev().take_while(|&c| c == '\'').count();
        return quotes % 2 == 1;
    }
    if v.len() < 2 || !v.ends_with('"') {
        return false;
    }
    let body = &v[..v.len() - 1];
    let slashes = body.chars().rev().take_while(|&c| c == '\\').count();
    slashes % 2 == 0
}

fn assign(fm: &mut FrontMatter, key: &str, value: String) {
    match key {
        "title" => fm.title = Some(value),
        // `published` and `date` win over `published_time`.
        "published_time" if fm.published.is_some() => {}
        "published" | "date" | "published_time" | "pubdate" => {
            fm.published = Some(value);
            fm.published_field = Some(key.to_string());
        }
        "source" => fm.source = Some(value),
        "url" | "source_url" | "link" => fm.url = Some(value),
        _ => {}
    }
}

/// A YAML flow scalar: plain, `'single'` (with `''`) or `"double"` (with
/// YAML's backslash escapes, including `\_` for a non-breaking space and
/// `\x`, `\u` and `\U` with two, four and eight hex digits).
fn scalar(v: &str) -> String {
    if let Some(inner) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    if let Some(inner) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('0') => out.push('\0'),
                Some('_') => out.push('\u{a0}'),
                Some('N') => out.push('\u{85}'),
                Some('L') => out.push('\u{2028}'),
                Some('P') => out.push('\u{2029}'),
                // `\xC9`, `\u00C9` and `\U000000C9` are all "É".
                Some(x @ ('x' | 'u' | 'U')) => {
                    let width = match x {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let hex: String = chars.by_ref().take(width).collect();
                    if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(c);
                    }
                }
                Some(other) => out.push(other),
                None => {}
            }
        }
        return out;
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(published: Option<&str>) -> Options {
        Options {
            published: published.map(|d| parse_date(d).unwrap()),
            undated: UndatedPolicy::Reject,
        }
    }

    #[test]
    fn reads_whitehouse_front_matter() {
        let src = "---\ndate: '2023-01-30'\nsource_url: https://example.gov/x\ntitle: \"Remarks by President\\_Biden\"\n---\n \nTHE PRESIDENT:  No.\n";
        let d = parse("x.md", src.as_bytes(), &opts(None)).unwrap();
        assert_eq!(d.published, parse_date("2023-01-30"));
        assert_eq!(d.title.as_deref(), Some("Remarks by President\u{a0}Biden"));
        assert_eq!(d.url.as_deref(), Some("https://example.gov/x"));
        assert_eq!(d.text, src);
        assert!(d.text[body_start(&d.text)..].starts_with(" \nTHE"));
    }

    #[test]
    fn published_flag_is_the_fallback() {
        let d = parse("a.txt", b"Some text.", &opts(Some("2025-07-10"))).unwrap();
        assert_eq!(d.published, parse_date("2025-07-10"));
        let d = parse(
            "a.txt",
            b"---\npublished: 2024-01-02\n---\nSome text.",
            &opts(Some("2025-07-10")),
        )
        .unwrap();
        assert_eq!(d.published, parse_date("2024-01-02"));
    }

    #[test]
    fn bad_inputs_name_the_document() {
        let e = parse("bad.txt", b"ok \xff\xfe", &opts(Some("2025-07-10"))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "bad.txt: not valid UTF-8 (first bad byte at offset 3)"
        );
        let e = parse("e.txt", b"  \n ", &opts(Some("2025-07-10"))).unwrap_err();
        assert!(matches!(e, IngestError::Empty { .. }));
        let e = parse("d.txt", b"---\ndate: 2025-02-30\n---\nx", &opts(None)).unwrap_err();
        assert!(e.to_string().contains("impossible date"), "{e}");
        let e = parse("u.txt", b"text", &opts(None)).unwrap_err();
        assert!(matches!(e, IngestError::Undated { .. }));
        let src = "---\ndate: '2023-05-21'\ntitle: \"Readout of President\\_Biden\\u2019s Meeting with President Volodymyr Zelenskyy\\\n  \\ of\\_Ukraine\"\n---\nBody.\n";
        let d = parse("r.md", src.as_bytes(), &opts(None)).unwrap();
        assert_eq!(
            d.title.as_deref(),
            Some("Readout of President\u{a0}Biden\u{2019}s Meeting with President Volodymyr Zelenskyy of\u{a0}Ukraine")
        );
        // Latin-1 letters as YAML writes them (a White House communiqué's title).
        let src = "---\ndate: '2024-06-14'\ntitle: \"G7 Apulia Leaders\\u2019\\_Communiqu\\xE9 \\U0001F600\"\n---\nBody.\n";
        let d = parse("g7.md", src.as_bytes(), &opts(None)).unwrap();
        assert_eq!(
            d.title.as_deref(),
            Some("G7 Apulia Leaders\u{2019}\u{a0}Communiqué 😀")
        );
        // A single-quoted title folded over two lines (a White House fact
        // sheet's), with '' for a quote.
        let src = "---\ndate: '2025-09-05'\ntitle: 'Fact Sheet: President Donald J. Trump Modifies the Scope of Reciprocal Tariffs\n  and America''s Trade Deals'\n---\nBody.\n";
        let d = parse("fs.md", src.as_bytes(), &opts(None)).unwrap();
        assert_eq!(
            d.title.as_deref(),
            Some("Fact Sheet: President Donald J. Trump Modifies the Scope of Reciprocal Tariffs and America's Trade Deals")
        );
        assert_eq!(&d.text[body_start(&d.text)..], "Body.\n");
        let e = parse("f.txt", b"---\ntitle: x\n", &opts(None)).unwrap_err();
        assert!(matches!(e, IngestError::UnclosedFrontMatter { .. }));
    }

    #[test]
    fn same_text_same_id() {
        assert_eq!(doc_id("abc"), doc_id("abc"));
        assert_ne!(doc_id("abc"), doc_id("abd"));
    }
}
