//! WARC files: `response` records with HTML payloads.

use crate::{html::page, prepare, FormatError, Item, Options};

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn header<'a>(head: &'a str, key: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(key).then(|| v.trim())
    })
}

/// Reads the `response` records of a WARC file (plain or `.warc.gz`) whose
/// HTTP payload is HTML, as items named `input#N` (N counts all records).
/// The page URL comes from `WARC-Target-URI` when the page names none. The
/// crawl time (`WARC-Date`) is never used as a publication date.
pub fn warc(name: &str, bytes: &[u8], opts: &Options) -> Result<Vec<Item>, FormatError> {
    let bytes = prepare(name, bytes, &opts.limits)?;
    let bad = |offset: usize, msg: &str| FormatError::BadWarc {
        name: name.to_string(),
        offset,
        msg: msg.to_string(),
    };
    let mut items = Vec::new();
    let mut at = 0;
    let mut n = 0;
    while at < bytes.len() {
        // Skip the blank lines between records.
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        if at >= bytes.len() {
            break;
        }
        if !bytes[at..].starts_with(b"WARC/") {
            return Err(bad(at, "expected a WARC/ version line"));
        }
        let head_len =
            find(&bytes[at..], b"\r\n\r\n").ok_or_else(|| bad(at, "unterminated record header"))?;
        let head = String::from_utf8_lossy(&bytes[at..at + head_len]).to_string();
        let len: usize = header(&head, "Content-Length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| bad(at, "missing Content-Length"))?;
        let start = at + head_len + 4;
        let end = start
            .checked_add(len)
            .filter(|&e| e <= bytes.len())
            .ok_or_else(|| bad(at, "truncated record"))?;
        n += 1;
        if items.len() >= opts.limits.max_items {
            return Err(FormatError::TooManyItems {
                name: name.to_string(),
                limit: opts.limits.max_items,
            });
        }
        let is_response =
            header(&head, "WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
        if is_response {
            if let Some(item) = response(&format!("{name}#{n}"), &head, &bytes[start..end], opts) {
                items.push(item);
            }
        }
        at = end;
    }
    Ok(items)
}

fn response(name: &str, warc_head: &str, block: &[u8], opts: &Options) -> Option<Item> {
    let split = find(block, b"\r\n\r\n")?;
    let http = String::from_utf8_lossy(&block[..split]).to_string();
    let ctype = header(&http, "Content-Type").unwrap_or("");
    if !ctype.to_ascii_lowercase().contains("html") {
        return None;
    }
    let mut body = block[split + 4..].to_vec();
    if header(&http, "Transfer-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body);
    }
    if header(&http, "Content-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("gzip")) {
        match crate::gunzip(name, &body, opts.limits.max_bytes) {
            Ok(b) => body = b,
            Err(e) => return Some(err_item(name, e)),
        }
    }
    let source = crate::decode(&body, Some(ctype));
    let url = header(warc_head, "WARC-Target-URI").map(|u| u.trim_matches(['<', '>']));
    Some(match page(name, &source, url, opts) {
        Ok(p) => Item {
            name: name.to_string(),
            doc: Ok(p.doc),
            date_source: p.date_source,
            author: p.author,
            needs_fetch: None,
        },
        Err(e) => err_item(name, e),
    })
}

fn err_item(name: &str, e: FormatError) -> Item {
    Item {
        name: name.to_string(),
        doc: Err(e),
        date_source: None,
        author: None,
        needs_fetch: None,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = find(b, b"\r\n") {
        let size = std::str::from_utf8(&b[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok());
        let Some(size) = size.filter(|&s| s > 0) else {
            break;
        };
        let from = eol + 2;
        let to = (from + size).min(b.len());
        out.extend_from_slice(&b[from..to]);
        b = b.get(to + 2..).unwrap_or(&[]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use vane_ingest::UndatedPolicy;

    #[test]
    fn reads_response_records() {
        let page = "<html><head><title>T</title><meta property=\"article:published_time\" content=\"2023-03-01\"></head><body><article><p>The minister said the talks would continue next week in Vienna, and that both sides had agreed to exchange lists of prisoners before then.</p></article></body></html>";
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        let mut w = String::new();
        w.push_str("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\ninfo\r\n\r\n");
        w.push_str(&format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2025-01-01T00:00:00Z\r\nWARC-Target-URI: <https://x.example/a>\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        ));
        let opts = Options::from(vane_ingest::Options {
            published: None,
            undated: UndatedPolicy::Keep,
        });
        let items = warc("c.warc", w.as_bytes(), &opts).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].name, "c.warc#2");
        let d = items[0].doc.as_ref().unwrap();
        assert_eq!(d.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(d.published, vane_ingest::parse_date("2023-03-01"));
        assert!(d.text.contains("Vienna"));
        let e = warc("t.warc", &w.as_bytes()[..w.len() - 30], &opts).unwrap_err();
        assert!(matches!(e, FormatError::BadWarc { .. }));
        assert!(warc("j.warc", b"junk", &opts).is_err());
    }
}
