//! Input formats: bytes in, [`Document`]s out. Pure: no network, no file IO,
//! no clock. The CLI reads files and fetches links.
//!
//! - [`html`]: main-content extraction (Readability, via `dom_smoothie`) plus
//!   title/author/published from JSON-LD, OpenGraph and `<meta>` tags.
//! - [`feed`]: RSS 0.9x/1.0/2.0, Atom and JSON Feed items.
//! - [`jsonl`]: one JSON object per line (news-please, Media Cloud,
//!   GDELT-derived exports) through a [`FieldMap`].
//! - [`decode`]: charset detection for non-UTF-8 pages.
//! - [`dedup`]: MinHash near-duplicate detection.
//! - `warc` (feature `warc`): response records with HTML payloads.
//!
//! Documents follow vane-ingest's conventions: `id` is
//! [`vane_ingest::doc_id`] of the text, and an undated document takes
//! [`vane_ingest::Options::published`] or, under
//! [`vane_ingest::UndatedPolicy::Reject`], is an error. A page's date is only
//! ever read from the page itself, never from the time it was fetched.

mod charset;
mod dates;
pub mod dedup;
mod feed;
mod html;
mod jsonl;
#[cfg(feature = "warc")]
mod warc;

pub use charset::decode;
pub use dates::parse_date_lenient;
pub use feed::feed;
pub use html::{html, Page};
pub use jsonl::{jsonl, FieldMap, FieldMapError};
#[cfg(feature = "warc")]
pub use warc::warc;

use std::borrow::Cow;
use std::io::Read;

use vane_core::{Date, Document};
use vane_ingest::UndatedPolicy;

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text or Markdown with front matter: see [`vane_ingest::parse`].
    Text,
    Html,
    /// RSS, Atom or JSON Feed.
    Feed,
    Jsonl,
    Warc,
}

/// Which evidence gave a document its publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// JSON-LD `datePublished` (or `dateCreated`).
    JsonLd,
    /// OpenGraph `article:published_time`.
    OpenGraph,
    /// Another `<meta>` tag (`pubdate`, `dc.date`, `parsely-pub-date`, ...).
    Meta,
    /// A `<time datetime>` element marked as the publication time.
    TimeElement,
    /// The feed item's `pubDate` / `published` / `date_published`.
    Feed,
    /// The JSONL record's mapped `published` field.
    Field,
    /// Nothing in the input: [`vane_ingest::Options::published`] was used.
    Fallback,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::JsonLd => "json-ld",
            DateSource::OpenGraph => "opengraph",
            DateSource::Meta => "meta",
            DateSource::TimeElement => "time-element",
            DateSource::Feed => "feed",
            DateSource::Field => "field",
            DateSource::Fallback => "fallback",
        }
    }
}

/// One document read from a multi-document input (a feed, a JSONL file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// `input#N` (1-based item number) for feeds, `input:LINE` for JSONL.
    pub name: String,
    pub doc: Result<Document, FormatError>,
    pub date_source: Option<DateSource>,
    pub author: Option<String>,
    /// The item carries only a summary: the CLI should fetch this link and
    /// read the page with [`html`] (the `doc` holds the summary meanwhile).
    pub needs_fetch: Option<String>,
}

/// Size limits, against huge inputs and decompression bombs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest input accepted, in bytes (after decompression).
    pub max_bytes: usize,
    /// The most HTML elements a page may have.
    pub max_elements: usize,
    /// The deepest element nesting a page may have.
    pub max_depth: usize,
    /// The most items read from one feed or JSONL file.
    pub max_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 32 << 20,
            max_elements: 200_000,
            max_depth: 256,
            max_items: 1_000_000,
        }
    }
}

/// Options of every reader.
#[derive(Clone, Debug)]
pub struct Options {
    pub ingest: vane_ingest::Options,
    pub limits: Limits,
}

impl From<vane_ingest::Options> for Options {
    fn from(ingest: vane_ingest::Options) -> Self {
        Options {
            ingest,
            limits: Limits::default(),
        }
    }
}

/// Why an input or an item was rejected. Every variant names the document.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
pub enum FormatError {
    #[error("{name}: {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        name: String,
        size: usize,
        limit: usize,
    },
    #[error("{name}: bad gzip data: {msg}")]
    Gzip { name: String, msg: String },
    #[error("{name}: binary data, not text")]
    Binary { name: String },
    #[error("{name}: no main text found")]
    NoContent { name: String },
    #[error("{name}: page too complex: {msg}")]
    TooComplex { name: String, msg: String },
    #[error("{name}: not a valid feed: {msg}")]
    BadFeed { name: String, msg: String },
    #[error("{name}:{line}: bad JSON: {msg}")]
    BadJson {
        name: String,
        line: usize,
        msg: String,
    },
    #[error("{name}: missing field {field:?}")]
    MissingField { name: String, field: String },
    #[error("{name}: unreadable date {value:?} in {field}")]
    BadDate {
        name: String,
        field: String,
        value: String,
    },
    #[error("{name}: no publication date (give --published YYYY-MM-DD)")]
    Undated { name: String },
    #[error("{name}: bad WARC record at byte {offset}: {msg}")]
    BadWarc {
        name: String,
        offset: usize,
        msg: String,
    },
    #[error("{name}: too many items (limit {limit})")]
    TooManyItems { name: String, limit: usize },
}

/// Guesses the format from the file name's extension, then the content.
pub fn sniff(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = base.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" | "htm" | "xhtml" | "shtml" => return Format::Html,
        "rss" | "atom" => return Format::Feed,
        "jsonl" | "ndjson" => return Format::Jsonl,
        "warc" => return Format::Warc,
        "txt" | "md" | "markdown" => return Format::Text,
        _ => {}
    }
    // Content: look through gzip only with a small cap.
    let head: Cow<[u8]> = if is_gzip(bytes) {
        match gunzip_prefix(bytes, 4096) {
            Some(v) => Cow::Owned(v),
            None => return Format::Text,
        }
    } else {
        Cow::Borrowed(&bytes[..bytes.len().min(4096)])
    };
    let head = String::from_utf8_lossy(&head);
    let t = head.trim_start_matches('\u{feff}').trim_start();
    let tl = t.to_ascii_lowercase();
    if tl.starts_with("warc/") {
        return Format::Warc;
    }
    if tl.starts_with('{') {
        if tl.contains("jsonfeed.org") {
            return Format::Feed;
        }
        return Format::Jsonl;
    }
    if tl.starts_with('<') {
        if tl.contains("<rss") || tl.contains("<feed") || tl.contains("<rdf:rdf") {
            return Format::Feed;
        }
        if tl.contains("<html") || tl.contains("<!doctype html") || tl.contains("<body") {
            return Format::Html;
        }
        if ext == "xml" {
            return Format::Feed;
        }
        return Format::Html;
    }
    if ext == "json" {
        return Format::Jsonl;
    }
    Format::Text
}

fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

fn gunzip_prefix(bytes: &[u8], n: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(n as u64)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// Decompresses gzip data, refusing to produce more than `limit` bytes.
pub fn gunzip(name: &str, bytes: &[u8], limit: usize) -> Result<Vec<u8>, FormatError> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| FormatError::Gzip {
            name: name.to_string(),
            msg: e.to_string(),
        })?;
    if out.len() > limit {
        return Err(FormatError::TooLarge {
            name: name.to_string(),
            size: out.len(),
            limit,
        });
    }
    Ok(out)
}

/// Size check and transparent gunzip.
fn prepare<'a>(name: &str, bytes: &'a [u8], limits: &Limits) -> Result<Cow<'a, [u8]>, FormatError> {
    if is_gzip(bytes) {
        return gunzip(name, bytes, limits.max_bytes).map(Cow::Owned);
    }
    if bytes.len() > limits.max_bytes {
        return Err(FormatError::TooLarge {
            name: name.to_string(),
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    Ok(Cow::Borrowed(bytes))
}

/// True when the bytes look binary: NULs, or many control bytes, in the
/// first 8 KiB (UTF-16 text is recognised by its BOM and allowed).
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let ctrl = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || ctrl * 20 > head.len()
}

/// Applies the publication-date policy and builds the document.
#[allow(clippy::too_many_arguments)]
fn build_doc(
    name: &str,
    text: String,
    title: Option<String>,
    found: Option<(Date, DateSource)>,
    source: Option<String>,
    url: Option<String>,
    opts: &vane_ingest::Options,
) -> Result<(Document, Option<DateSource>), FormatError> {
    if text.trim().is_empty() {
        return Err(FormatError::NoContent {
            name: name.to_string(),
        });
    }
    let (published, date_source) = match found {
        Some((d, s)) => (Some(d), Some(s)),
        None => match opts.published {
            Some(d) => (Some(d), Some(DateSource::Fallback)),
            None => (None, None),
        },
    };
    if published.is_none() && opts.undated == UndatedPolicy::Reject {
        return Err(FormatError::Undated {
            name: name.to_string(),
        });
    }
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok((
        Document {
            id: vane_ingest::doc_id(&text),
            name: name.to_string(),
            title: nonempty(title),
            published,
            source: nonempty(source),
            url: nonempty(url),
            text,
        },
        date_source,
    ))
}
