//! A fast pass over a page's markup, before the HTML parser sees it, that
//! cuts out what holds no article text: comments, `<style>` elements,
//! `<script>` elements other than JSON-LD (which Readability removes
//! anyway) and `<svg>` elements. On news pages these are over half of the
//! bytes, and parsing time grows with the input's size.
//!
//! The scanner follows the HTML tokenizer closely enough to cut exactly
//! what html5ever would have turned into those nodes: it reads every tag
//! (so a `<script>` inside a quoted attribute value is not a tag), finds a
//! script's end as the tokenizer does (`</script>` inside a `<!--` ...
//! `<script>` "double-escaped" run does not end it), and copies the raw-text
//! and RCDATA elements whose content is not markup (`<title>`, `<textarea>`,
//! `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<plaintext>`) verbatim.
//! Everything else is copied as it is, so the parser builds the same tree,
//! less the removed nodes. (Our parser runs with scripting disabled, so
//! `<noscript>` content is ordinary markup and is kept.)

use std::ops::Range;

use memchr::{memchr, memchr2, memmem};

/// `src` without its comments, `<style>` elements, non-JSON-LD `<script>`
/// elements and plain `<svg>` elements. JSON-LD scripts are kept for the
/// metadata; an unterminated comment, script or style is cut to the end, as
/// the parser would have swallowed the rest of the page into it.
pub(crate) fn strip_inert(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    // `b[kept..i]` is scanned and still to be copied.
    let mut kept = 0;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        let (end, drop) = markup_at(b, lt);
        if drop {
            out.push_str(&src[kept..lt]);
            kept = end;
        }
        i = end;
    }
    out.push_str(&src[kept..]);
    out
}

/// The end of the markup that starts with the `<` at `lt`, and whether to
/// drop it. Every cut falls on an ASCII byte, so on a `char` boundary.
fn markup_at(b: &[u8], lt: usize) -> (usize, bool) {
    let rest = &b[lt + 1..];
    match rest.first() {
        Some(b'!') if rest.starts_with(b"!--") => (comment_end(b, lt), true),
        // A doctype, CDATA or bogus comment: up to the next `>`, kept (the
        // doctype decides the parser's quirks mode).
        Some(b'!' | b'?') => (after_gt(b, lt), false),
        Some(b'/') => match rest.get(1) {
            Some(c) if c.is_ascii_alphabetic() => (scan_tag(b, lt + 2).end, false),
            _ => (after_gt(b, lt), false),
        },
        Some(c) if c.is_ascii_alphabetic() => start_tag(b, lt),
        // A lone `<` is text.
        _ => (lt + 1, false),
    }
}

/// A start tag at `lt`, with the raw-text content that follows it.
fn start_tag(b: &[u8], lt: usize) -> (usize, bool) {
    let tag = scan_tag(b, lt + 1);
    let name = &b[tag.name.clone()];
    let is = |n: &str| name.eq_ignore_ascii_case(n.as_bytes());
    if is("script") {
        let end = script_end(b, tag.end);
        let json_ld = tag.type_value.is_some_and(|v| {
            b[v].trim_ascii()
                .eq_ignore_ascii_case(b"application/ld+json")
        });
        (end, !json_ld)
    } else if is("style") {
        (end_tag_after(b, tag.end, b"style"), true)
    } else if is("svg") {
        // Icons and charts: no article text, but often long path data.
        svg_end(b, &tag).map_or((tag.end, false), |end| (end, true))
    } else if is("plaintext") {
        // Everything after it is text.
        (b.len(), false)
    } else if let Some(n) = ["title", "textarea", "xmp", "iframe", "noembed", "noframes"]
        .into_iter()
        .find(|n| is(n))
    {
        (end_tag_after(b, tag.end, n.as_bytes()), false)
    } else {
        (tag.end, false)
    }
}

/// Just past the `>` after `from`, or the end of the input.
fn after_gt(b: &[u8], from: usize) -> usize {
    memchr(b'>', &b[from..]).map_or(b.len(), |o| from + o + 1)
}

/// The end of a comment opened at `lt`: `<!-->`, `<!--->` and `--!>` close
/// one as well as `-->`.
fn comment_end(b: &[u8], lt: usize) -> usize {
    let dashes = memmem::find(&b[lt + 2..], b"-->").map_or(b.len(), |o| lt + 2 + o + 3);
    // Look for the rare `--!>` only before that, lest every comment scan
    // the rest of the page.
    b.get(lt + 4..dashes)
        .and_then(|r| memmem::find(r, b"--!>"))
        .map_or(dashes, |o| lt + 4 + o + 4)
}

/// A tag read from after its `<` (or `</`).
struct Tag {
    name: Range<usize>,
    /// Just past its closing `>`, or the end of the input.
    end: usize,
    /// The value of its first `type` attribute.
    type_value: Option<Range<usize>>,
    /// Whether it ends with `/>` (which closes an SVG element at once).
    self_closing: bool,
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Reads a tag's name and attributes as the tokenizer does, so that a `>`
/// inside a quoted attribute value does not end it.
fn scan_tag(b: &[u8], from: usize) -> Tag {
    let n = b.len();
    let name_end = b[from..]
        .iter()
        .position(|&c| is_space(c) || c == b'/' || c == b'>')
        .map_or(n, |o| from + o);
    let mut tag = Tag {
        name: from..name_end,
        end: n,
        type_value: None,
        self_closing: false,
    };
    let mut i = name_end;
    while i < n {
        match b[i] {
            b'>' => {
                tag.end = i + 1;
                return tag;
            }
            b'/' => {
                tag.self_closing = b.get(i + 1) == Some(&b'>');
                i += 1;
            }
            c if is_space(c) => i += 1,
            _ => {
                // An attribute name (which may begin with `=`), then
                // perhaps `=` and a value.
                let start = i;
                i += 1;
                while i < n && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                    i += 1;
                }
                let attr = start..i;
                while i < n && is_space(b[i]) {
                    i += 1;
                }
                if b.get(i) != Some(&b'=') {
                    continue;
                }
                i += 1;
                while i < n && is_space(b[i]) {
                    i += 1;
                }
                let value = match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let close = memchr(q, &b[i + 1..]).map_or(n, |o| i + 1 + o);
                        let v = i + 1..close;
                        i = (close + 1).min(n);
                        v
                    }
                    _ => {
                        let start = i;
                        while i < n && !is_space(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        start..i
                    }
                };
                if tag.type_value.is_none() && b[attr].eq_ignore_ascii_case(b"type") {
                    tag.type_value = Some(value);
                }
            }
        }
    }
    tag
}

/// Whether `b[at..]` is `</name` followed by a space, `/` or `>`: the end
/// tag that closes a raw-text element.
fn is_end_tag(b: &[u8], at: usize, name: &[u8]) -> bool {
    let after = at + 2 + name.len();
    b.len() > after
        && b[at..at + 2] == *b"</"
        && b[at + 2..after].eq_ignore_ascii_case(name)
        && (is_space(b[after]) || matches!(b[after], b'/' | b'>'))
}

/// Just past the end tag `</name>` that closes raw text starting at
/// `from`, or the end of the input.
fn end_tag_after(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(o) = memchr(b'<', &b[i..]) {
        let at = i + o;
        if is_end_tag(b, at, name) {
            return scan_tag(b, at + 2).end;
        }
        i = at + 1;
    }
    b.len()
}

/// Just past the `</script>` that ends script text starting at `from`, or
/// the end of the input. Follows the tokenizer's script-data states: after
/// `<!--`, a `<script>` opens a "double-escaped" run in which `</script>`
/// only leaves that run, until `-->`.
fn script_end(b: &[u8], from: usize) -> usize {
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = State::Data;
    let mut i = from;
    loop {
        let found = if state == State::Data {
            memchr(b'<', &b[i..])
        } else {
            memchr2(b'<', b'-', &b[i..])
        };
        let Some(o) = found else {
            return b.len();
        };
        let at = i + o;
        i = at + 1;
        if b[at] == b'-' {
            if b[at..].starts_with(b"-->") {
                state = State::Data;
                i = at + 3;
            }
            continue;
        }
        match state {
            State::Data if b[at..].starts_with(b"<!--") => {
                // The comment's own dashes may close it at once (`<!-->`).
                state = State::Escaped;
                i = at + 2;
            }
            State::Data | State::Escaped if is_end_tag(b, at, b"script") => {
                return scan_tag(b, at + 2).end;
            }
            State::Escaped if is_start_tag(b, at, b"script") => {
                state = State::DoubleEscaped;
                i = at + 7;
            }
            State::DoubleEscaped if is_end_tag(b, at, b"script") => {
                state = State::Escaped;
                i = at + 8;
            }
            _ => {}
        }
    }
}

/// Start tags that make an `<svg>` element too risky to cut by this simple
/// scan: the HTML elements that end it early when they appear in it (and
/// `<font>`, which only does with some attributes), `<foreignObject>`, which
/// holds HTML, and the elements whose content is raw text in HTML (inside
/// `<title>` or `<desc>` the parser reads tags as HTML).
const LEAVES_SVG: [&[u8]; 55] = [
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strong",
    b"strike",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
    b"font",
    b"foreignobject",
    b"math",
    b"script",
    b"style",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"plaintext",
];

/// Just past the `</svg>` that closes the `<svg>` element whose start tag is
/// `tag`, when its content is plain SVG; `None` when it holds anything the
/// parser would read as HTML (or has no end), so that it is kept.
fn svg_end(b: &[u8], tag: &Tag) -> Option<usize> {
    if tag.self_closing {
        return Some(tag.end);
    }
    let mut depth = 1;
    let mut i = tag.end;
    while let Some(o) = memchr(b'<', &b[i..]) {
        let lt = i + o;
        let rest = &b[lt + 1..];
        i = match rest.first() {
            Some(b'!') if rest.starts_with(b"!--") => comment_end(b, lt),
            Some(b'!') if rest.starts_with(b"![CDATA[") => {
                memmem::find(&b[lt..], b"]]>").map_or(b.len(), |o| lt + o + 3)
            }
            Some(b'!' | b'?') => after_gt(b, lt),
            Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                let end = scan_tag(b, lt + 2);
                let name = &b[end.name];
                if name.eq_ignore_ascii_case(b"svg") {
                    depth -= 1;
                    if depth == 0 {
                        return Some(end.end);
                    }
                } else if name.eq_ignore_ascii_case(b"p") || name.eq_ignore_ascii_case(b"br") {
                    return None;
                }
                end.end
            }
            Some(b'/') => after_gt(b, lt),
            Some(c) if c.is_ascii_alphabetic() => {
                let start = scan_tag(b, lt + 1);
                let name = &b[start.name];
                if LEAVES_SVG.iter().any(|n| name.eq_ignore_ascii_case(n)) {
                    return None;
                }
                if name.eq_ignore_ascii_case(b"svg") && !start.self_closing {
                    depth += 1;
                }
                start.end
            }
            _ => lt + 1,
        };
    }
    None
}

/// Whether `b[at..]` is `<name` followed by a space, `/` or `>`.
fn is_start_tag(b: &[u8], at: usize, name: &[u8]) -> bool {
    let after = at + 1 + name.len();
    b.len() > after
        && b[at] == b'<'
        && b[at + 1..after].eq_ignore_ascii_case(name)
        && (is_space(b[after]) || matches!(b[after], b'/' | b'>'))
}

#[cfg(test)]
mod tests {
    use super::strip_inert;

    #[test]
    fn drops_scripts_styles_and_comments() {
        assert_eq!(
            strip_inert("<p>a</p><script>var x = 1;</script><style>p{}</style><!-- c --><p>b</p>"),
            "<p>a</p><p>b</p>"
        );
    }

    #[test]
    fn keeps_json_ld() {
        let ld = r#"<script type = " Application/LD+JSON ">{"a": "</p>"}</script>"#;
        assert_eq!(
            strip_inert(&format!("<p>a</p>{ld}<p>b</p>")),
            format!("<p>a</p>{ld}<p>b</p>")
        );
        // Any other type goes.
        assert_eq!(
            strip_inert(r#"<script type="text/template"><p>t</p></script>x"#),
            "x"
        );
    }

    #[test]
    fn end_tags_inside_script_strings() {
        // The tokenizer ends a script at the first `</script>`, even inside a
        // string; scripts split the literal to avoid it.
        assert_eq!(
            strip_inert(r#"<script>document.write("</scr" + "ipt>");</script>x"#),
            "x"
        );
        // `</scripts` is not an end tag.
        assert_eq!(strip_inert("<script>a</scripts>b</script>x"), "x");
        // Inside `<!--`, a `<script>` makes the next `</script>` text.
        assert_eq!(
            strip_inert("<script><!--\ndocument.write('<script>a</script>');\n--></script>x"),
            "x"
        );
        // Without `<!--`, it does not.
        assert_eq!(
            strip_inert("<script>w('<script>a</script>');</script>x"),
            "');</script>x"
        );
        // `<!-->` opens and closes at once.
        assert_eq!(strip_inert("<script><!--><script></script>x"), "x");
    }

    #[test]
    fn case_and_attributes() {
        assert_eq!(
            strip_inert("<SCRIPT LANGUAGE=javascript>a</ScRiPt >b<STYLE>c</STYLE>d"),
            "bd"
        );
        // A `>` inside a quoted value does not end the tag.
        assert_eq!(strip_inert(r#"<script data-x="a>b">c</script>d"#), "d");
        // A `<script>` inside an attribute value is not a tag.
        let a = r#"<a title="<script>">t</a><!--x-->"#;
        assert_eq!(strip_inert(a), r#"<a title="<script>">t</a>"#);
        // Nor is `<scripts>`.
        assert_eq!(strip_inert("<scripts>a</scripts>"), "<scripts>a</scripts>");
    }

    #[test]
    fn unterminated() {
        assert_eq!(strip_inert("<p>a</p><script>var x"), "<p>a</p>");
        assert_eq!(strip_inert("<p>a</p><!-- x"), "<p>a</p>");
        assert_eq!(strip_inert("<p>a</p><style>"), "<p>a</p>");
        assert_eq!(strip_inert("<p>a</p><script"), "<p>a</p>");
        assert_eq!(strip_inert("<p>a <b"), "<p>a <b");
        assert_eq!(strip_inert("a < b <"), "a < b <");
    }

    #[test]
    fn comments() {
        assert_eq!(strip_inert("a<!-- <script> -->b"), "ab");
        assert_eq!(strip_inert("a<!-- <p>x</p> -->b"), "ab");
        assert_eq!(strip_inert("a<!-->b<!--->c<!---->d"), "abcd");
        assert_eq!(strip_inert("a<!-- x --!>b"), "ab");
        assert_eq!(strip_inert("a<!--[if IE]><p>old</p><![endif]-->b"), "ab");
        // Doctypes and bogus comments stay.
        assert_eq!(
            strip_inert("<!DOCTYPE html><?xml x?>a"),
            "<!DOCTYPE html><?xml x?>a"
        );
    }

    #[test]
    fn svg() {
        assert_eq!(
            strip_inert(r#"a<svg viewBox="0 0 1 1"><title>Share</title><path d="M0 0"/></svg>b"#),
            "ab"
        );
        // Nested, self-closing, upper case, CDATA.
        assert_eq!(
            strip_inert("a<SVG><svg><g/></svg><svg/><![CDATA[</svg>]]></Svg>b<svg/>c"),
            "abc"
        );
        // A `/` at the end of an unquoted value does not close the tag.
        assert_eq!(strip_inert("a<svg x=y/><g></g></svg>b"), "ab");
        // HTML inside (or an HTML tag that ends the svg early), or no end:
        // kept, with the scan going on inside as usual.
        for s in [
            "<svg><foreignObject><p>x</p></foreignObject></svg>",
            "<svg><path>",
            "<svg><path><p>text</p>",
            "<svg><g></p></svg>",
        ] {
            assert_eq!(strip_inert(s), s);
        }
        assert_eq!(
            strip_inert("<svg><div>a</div><!-- c --></svg>"),
            "<svg><div>a</div></svg>"
        );
    }

    #[test]
    fn raw_text_is_copied() {
        for s in [
            "<title>a <script>b</script> <!-- c --></title>d",
            "<textarea><style>x</style></textarea>",
            "<xmp><!-- x --></xmp>",
            "<plaintext><script>x</script>",
        ] {
            assert_eq!(strip_inert(s), s);
        }
        assert_eq!(
            strip_inert("<title>a</title><!-- c --><p>é ü 日本</p>"),
            "<title>a</title><p>é ü 日本</p>"
        );
    }
}
