//! A minimal reader for TimeML (TempEval-3 `.tml`) documents.
//!
//! Only what evaluation needs: the text of `<TEXT>` with every tag removed
//! and XML entities unescaped (exactly as the TempEval scorer builds it),
//! and the document creation time from the `TIMEX3` whose
//! `functionInDocument` is `CREATION_TIME`.
//!
//! Reprints: when the `<EXTRAINFO>` header names another story than the
//! document's `<DOCID>` (a story filed again later under a new id) with an
//! earlier date, the text was written on that earlier date, and that date is
//! the creation time its relative expressions are read against.

use thiserror::Error;
use vane_core::Date;

/// A TimeML document reduced to its text and creation time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimemlDoc {
    /// The content of `<TEXT>`, tags removed, entities unescaped.
    pub text: String,
    /// The document creation time, when the document gives one.
    pub dct: Option<Date>,
}

/// Why a TimeML document could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TimemlError {
    #[error("no <TEXT> element")]
    NoText,
    #[error("unterminated markup at byte {0}")]
    Unterminated(usize),
}

/// Parses a TimeML document.
pub fn parse(xml: &str) -> Result<TimemlDoc, TimemlError> {
    let mut dct = find_dct(xml);
    if let (Some(d), Some(orig)) = (dct, reprint_date(xml)) {
        if orig < d {
            dct = Some(orig);
        }
    }
    let open = find_text_open(xml).ok_or(TimemlError::NoText)?;
    let close = xml[open..].find("</TEXT").ok_or(TimemlError::NoText)? + open;
    let body = &xml[open..close];
    let text = strip_markup(body, open)?;
    Ok(TimemlDoc { text, dct })
}

/// Byte offset just after the `<TEXT ...>` start tag.
fn find_text_open(xml: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = xml[from..].find("<TEXT") {
        let at = from + p;
        let after = at + 5;
        let next = xml[after..].chars().next()?;
        if next == '>' || next.is_whitespace() {
            let gt = xml[after..].find('>')? + after;
            return Some(gt + 1);
        }
        from = after;
    }
    None
}

fn find_dct(xml: &str) -> Option<Date> {
    let mut from = 0;
    while let Some(p) = xml[from..].find("<TIMEX3") {
        let at = from + p;
        let end = xml[at..].find('>').map(|e| at + e)?;
        let tag = &xml[at..end];
        if attr(tag, "functionInDocument") == Some("CREATION_TIME") {
            let v = attr(tag, "value")?;
            return parse_date_prefix(v);
        }
        from = end;
    }
    None
}

/// The original date of a reprinted story: the first line of
/// `<EXTRAINFO>` reads "ID  NEWS STORY  YYYY-MM-DD HH:MM", and ID is not the
/// document's own `<DOCID>`.
fn reprint_date(xml: &str) -> Option<Date> {
    let element = |name: &str| -> Option<&str> {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let s = xml.find(&open)? + open.len();
        let e = xml[s..].find(&close)? + s;
        Some(&xml[s..e])
    };
    let docid = element("DOCID")?.trim();
    let line = element("EXTRAINFO")?
        .lines()
        .find(|l| !l.trim().is_empty())?;
    let mut words = line.split_whitespace();
    let id = words.next()?;
    if id == docid || docid.is_empty() {
        return None;
    }
    words.find_map(|w| {
        if w.len() == 10 {
            Date::parse_from_str(w, "%Y-%m-%d").ok()
        } else {
            None
        }
    })
}

fn parse_date_prefix(v: &str) -> Option<Date> {
    let v = v.trim();
    let head = v.get(..10)?;
    Date::parse_from_str(head, "%Y-%m-%d").ok()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(p) = tag[from..].find(name) {
        let at = from + p;
        let before_ok = at == 0 || tag[..at].ends_with(|c: char| c.is_whitespace());
        let rest = tag[at + name.len()..].trim_start();
        if before_ok {
            if let Some(rest) = rest.strip_prefix('=') {
                let rest = rest.trim_start();
                let q = rest.chars().next()?;
                if q == '"' || q == '\'' {
                    let inner = &rest[1..];
                    let e = inner.find(q)?;
                    return Some(&inner[..e]);
                }
            }
        }
        from = at + name.len();
    }
    None
}

fn strip_markup(body: &str, base: usize) -> Result<String, TimemlError> {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    let mut pos = 0;
    while let Some(lt) = rest.find('<') {
        unescape_into(&rest[..lt], &mut out);
        let tail = &rest[lt..];
        let skip = if let Some(t) = tail.strip_prefix("<!--") {
            t.find("-->").map(|e| 4 + e + 3)
        } else if let Some(t) = tail.strip_prefix("<![CDATA[") {
            t.find("]]>").map(|e| {
                out.push_str(&t[..e]);
                9 + e + 3
            })
        } else {
            tail.find('>').map(|e| e + 1)
        };
        let skip = skip.ok_or(TimemlError::Unterminated(base + pos + lt))?;
        pos += lt + skip;
        rest = &tail[skip..];
    }
    unescape_into(rest, &mut out);
    Ok(out)
}

/// Replaces XML's predefined and numeric character references; leaves
/// anything else as written.
pub fn unescape_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let semi = tail[1..].find(';').map(|e| e + 1);
        let mut done = false;
        if let Some(semi) = semi {
            let name = &tail[1..semi];
            let rep = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    if let Some(h) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
                    } else if let Some(d) = name.strip_prefix('#') {
                        d.parse::<u32>().ok().and_then(char::from_u32)
                    } else {
                        None
                    }
                }
            };
            if let Some(c) = rep {
                out.push(c);
                rest = &tail[semi + 1..];
                done = true;
            }
        }
        if !done {
            out.push('&');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_and_dct() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2025-07-10T09:00" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>A <EVENT eid="e1">meeting</EVENT> on <TIMEX3 tid="t1" value="2025-07-10">Thursday</TIMEX3> &amp; more &#233;&lt;</TEXT></TimeML>"#;
        let d = parse(xml).unwrap();
        assert_eq!(d.text, "A meeting on Thursday & more é<");
        assert_eq!(d.dct, Date::from_ymd_opt(2025, 7, 10));
    }

    #[test]
    fn reprint_takes_the_original_date() {
        let head = |extra: &str| {
            format!(
                "<TimeML><DOCID>ABC20250710.0001</DOCID>\n<DCT><TIMEX3 tid=\"t0\" value=\"2025-07-10\" functionInDocument=\"CREATION_TIME\">x</TIMEX3></DCT>\n<EXTRAINFO>\n{extra}\n</EXTRAINFO>\n<TEXT>x</TEXT></TimeML>"
            )
        };
        let reprint = head("ABC20250702.0099  NEWS STORY  2025-07-02 03:03\nA headline");
        assert_eq!(parse(&reprint).unwrap().dct, Date::from_ymd_opt(2025, 7, 2));
        let same = head("ABC20250710.0001  NEWS STORY  2025-07-09 23:03");
        assert_eq!(parse(&same).unwrap().dct, Date::from_ymd_opt(2025, 7, 10));
        let later = head("ABC20250711.0001  NEWS STORY  2025-07-11 03:03");
        assert_eq!(parse(&later).unwrap().dct, Date::from_ymd_opt(2025, 7, 10));
        let junk = head("ABC20250702.0099  NEWS STORY  2025-13-02");
        assert_eq!(parse(&junk).unwrap().dct, Date::from_ymd_opt(2025, 7, 10));
    }

    #[test]
    fn no_text_is_an_error() {
        assert_eq!(parse("<TimeML></TimeML>"), Err(TimemlError::NoText));
        assert!(parse("<TEXT>a <b</TEXT>").is_err());
    }
}
