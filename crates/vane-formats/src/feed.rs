//! RSS, Atom and JSON Feed.

use feed_rs::model::{Entry, Text};

use crate::{
    build_doc, dates::parse_date_lenient, html::clean_text, looks_binary, prepare, DateSource,
    FormatError, Item, Options,
};

/// An item whose full text is shorter than this (in characters) counts as a
/// summary, and the item is flagged [`Item::needs_fetch`].
const MIN_FULL_TEXT: usize = 400;

/// Reads the items of an RSS (0.9x, 1.0, 2.0), Atom or JSON Feed document.
///
/// An item's text is its full content (`content:encoded`, Atom `content`,
/// JSON Feed `content_html` / `content_text`) converted to plain text. An
/// item that carries only a summary (or a short content) keeps the summary as
/// its text and is flagged [`Item::needs_fetch`] with its link, so that the
/// caller can fetch the page and read it with [`crate::html`].
///
/// Dates keep the day as written in the feed (a `-0500` offset never moves
/// a late-evening item to the next day). Entities declared in a DTD are
/// never expanded (no "billion laughs"). Errors: a whole-feed error (too
/// large, bad gzip, not a feed) is `Err`; a bad item is an `Err` item.
pub fn feed(name: &str, bytes: &[u8], opts: &Options) -> Result<Vec<Item>, FormatError> {
    let bytes = prepare(name, bytes, &opts.limits)?;
    if looks_binary(&bytes) {
        return Err(FormatError::Binary {
            name: name.to_string(),
        });
    }
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(|s| {
            parse_date_lenient(s)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|t| t.and_utc())
        })
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    // Guard against a panic inside the feed parser.
    let parsed =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(&bytes[..])))
            .map_err(|_| FormatError::BadFeed {
                name: name.to_string(),
                msg: "the feed parser failed".into(),
            })?
            .map_err(|e| FormatError::BadFeed {
                name: name.to_string(),
                msg: e.to_string(),
            })?;
    if parsed.entries.len() > opts.limits.max_items {
        return Err(FormatError::TooManyItems {
            name: name.to_string(),
            limit: opts.limits.max_items,
        });
    }
    let feed_title = parsed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    Ok(parsed
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| item(&format!("{name}#{}", i + 1), e, feed_title.clone(), opts))
        .collect())
}

fn item(name: &str, e: &Entry, feed_title: Option<String>, opts: &Options) -> Item {
    let link = e
        .links
        .iter()
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .or(e.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|l| !l.is_empty());
    let content = e
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(|b| {
            if b.contains('<') {
                html_text(b)
            } else {
                clean_text(b)
            }
        })
        .unwrap_or_default();
    let summary = e.summary.as_ref().map(text_of).unwrap_or_default();
    let (text, needs_fetch) = if content.chars().count() >= MIN_FULL_TEXT {
        (content, None)
    } else {
        let best = if content.len() >= summary.len() {
            content
        } else {
            summary
        };
        (best, link.clone())
    };
    let title = e.title.as_ref().map(text_of);
    let author = e
        .authors
        .iter()
        .map(|p| p.name.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let date = e
        .published
        .or(e.updated)
        .map(|t| (t.date_naive(), DateSource::Feed));
    let built = build_doc(name, text, title, date, feed_title, link, &opts.ingest);
    let (doc, date_source) = match built {
        Ok((d, s)) => (Ok(d), s),
        Err(err) => (Err(err), None),
    };
    Item {
        name: name.to_string(),
        doc,
        date_source,
        author: (!author.is_empty()).then_some(author),
        needs_fetch,
    }
}

/// Plain text of a feed text construct (HTML or plain).
fn text_of(t: &Text) -> String {
    // RSS descriptions are HTML whatever the feed declares.
    if t.content_type.to_string().contains("html")
        || t.content.contains('<')
        || t.content.contains('&')
    {
        html_text(&t.content)
    } else {
        clean_text(&t.content)
    }
}

/// Plain text of an HTML fragment.
fn html_text(fragment: &str) -> String {
    let dom = dom_query::Document::fragment(fragment);
    dom.select("script, style").remove();
    clean_text(&dom.formatted_text())
}
