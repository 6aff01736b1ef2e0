//! Charset detection.

use encoding_rs::{Encoding, UTF_8};

/// Decodes a page to text. In order: a byte-order mark; valid UTF-8; the
/// `declared` charset (an HTTP `Content-Type` value or a bare label); a
/// `<meta charset>` / `<?xml encoding?>` declaration in the first 2 KiB;
/// else `chardetng`'s guess. Undecodable bytes become U+FFFD; never fails.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let enc = declared
        .and_then(label)
        .or_else(|| sniff_declaration(&bytes[..bytes.len().min(2048)]))
        .filter(|e| *e != UTF_8)
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(&bytes[..bytes.len().min(64 << 10)], true);
            det.guess(None, true)
        });
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// A label, or the `charset=` parameter of a Content-Type value.
fn label(v: &str) -> Option<&'static Encoding> {
    let lower = v.to_ascii_lowercase();
    let l = match lower.find("charset=") {
        Some(i) => &lower[i + 8..],
        None => lower.as_str(),
    };
    let l = l
        .trim_start_matches(['"', '\''])
        .split(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .next()
        .unwrap_or("");
    Encoding::for_label(l.as_bytes())
}

fn sniff_declaration(head: &[u8]) -> Option<&'static Encoding> {
    let s = String::from_utf8_lossy(head).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        let mut from = 0;
        while let Some(i) = s[from..].find(key) {
            let at = from + i;
            if let Some(e) = label(&s[at..]) {
                return Some(e);
            }
            from = at + key.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        assert_eq!(decode("héllo".as_bytes(), None), "héllo");
        // windows-1252 declared in a meta tag
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93quoted\x94</body></html>";
        assert!(decode(page, None).contains("café “quoted”"));
        // declared by the caller
        assert_eq!(
            decode(b"caf\xe9", Some("text/html; charset=ISO-8859-1")),
            "café"
        );
        // Shift_JIS, no declaration: detected
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("これは日本語の文章です。東京で会議が開かれた。");
        assert!(decode(&sjis, None).contains("日本語"));
        // UTF-16 with a BOM
        let mut u16 = vec![0xff, 0xfe];
        for c in "hi".encode_utf16() {
            u16.extend_from_slice(&c.to_le_bytes());
        }
        assert_eq!(decode(&u16, None), "hi");
    }
}
