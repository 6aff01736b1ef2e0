//! HTML pages: main-content text and metadata.

use dom_query::{Document as Dom, Selection};
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};
use memchr::memchr;
use serde_json::Value;
use vane_core::{Date, Document};

mod strip;

use crate::{
    build_doc, dates::parse_date_lenient, looks_binary, prepare, DateSource, FormatError, Limits,
    Options,
};

/// A page read by [`html`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub doc: Document,
    /// Which evidence gave `doc.published`; `None` when undated.
    pub date_source: Option<DateSource>,
    pub author: Option<String>,
    pub site_name: Option<String>,
}

/// The metadata read from a page's head.
#[derive(Clone, Debug, Default)]
struct Meta {
    title: Option<String>,
    author: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
    published: Option<(Date, DateSource)>,
}

/// Reads an HTML page (raw or gzip, any charset): the main content's text,
/// with paragraphs separated by blank lines, and the title, author, canonical
/// URL and publication date from JSON-LD, OpenGraph and `<meta>` tags. A page
/// with no date of its own takes `opts.ingest.published` (or is rejected
/// under `UndatedPolicy::Reject`); it never takes a fetch time.
pub fn html(name: &str, bytes: &[u8], opts: &Options) -> Result<Page, FormatError> {
    let bytes = prepare(name, bytes, &opts.limits)?;
    if looks_binary(&bytes) {
        return Err(FormatError::Binary {
            name: name.to_string(),
        });
    }
    let source = crate::decode(&bytes, None);
    page(name, &source, None, opts)
}

/// [`html`] on decoded text; `url` is used when the page names none.
pub(crate) fn page(
    name: &str,
    source: &str,
    url: Option<&str>,
    opts: &Options,
) -> Result<Page, FormatError> {
    // Guard against a panic inside the HTML parser or Readability.
    let (text, meta) = std::panic::catch_unwind(|| extract(name, source, &opts.limits))
        .unwrap_or_else(|_| {
            Err(FormatError::TooComplex {
                name: name.to_string(),
                msg: "the extractor failed on this page".into(),
            })
        })?;
    let (doc, date_source) = build_doc(
        name,
        text,
        meta.title,
        meta.published,
        meta.site_name.clone(),
        meta.url.or_else(|| url.map(str::to_string)),
        &opts.ingest,
    )?;
    Ok(Page {
        doc,
        date_source,
        author: meta.author,
        site_name: meta.site_name,
    })
}

/// Main text and metadata of a decoded page.
fn extract(name: &str, source: &str, limits: &Limits) -> Result<(String, Meta), FormatError> {
    let max_elements = limits.max_elements;
    let max_depth_limit = limits.max_depth;
    // Scripts, styles, comments and SVG are over half of a typical page and
    // hold no article text: cut them before parsing.
    let source = strip::strip_inert(source);
    let source = source.as_str();
    // Parsing is quadratic in the nesting depth: refuse absurd nesting
    // before parsing, then check the parsed tree.
    if rough_depth(source) > max_depth_limit.saturating_mul(8) {
        return Err(FormatError::TooComplex {
            name: name.to_string(),
            msg: format!("elements nested deeper than {max_depth_limit}"),
        });
    }
    let dom = Dom::from(source);
    let depth = max_depth(&dom, max_depth_limit);
    if depth > max_depth_limit {
        return Err(FormatError::TooComplex {
            name: name.to_string(),
            msg: format!("elements nested deeper than {max_depth_limit}"),
        });
    }
    let mut meta = read_meta(&dom);
    let cfg = Config {
        max_elements_to_parse: max_elements,
        text_mode: TextMode::Formatted,
        keep_classes: true,
        ..Config::default()
    };
    let mut r =
        Readability::with_document(dom, None, Some(cfg)).map_err(|e| FormatError::TooComplex {
            name: name.to_string(),
            msg: e.to_string(),
        })?;
    let article = match r.parse() {
        Ok(a) => a,
        Err(ReadabilityError::TooManyElements(n, max)) => {
            return Err(FormatError::TooComplex {
                name: name.to_string(),
                msg: format!("{n} elements, limit {max}"),
            })
        }
        Err(_) => {
            return Err(FormatError::NoContent {
                name: name.to_string(),
            })
        }
    };
    if meta.title.is_none() && !article.title.trim().is_empty() {
        meta.title = Some(article.title.trim().to_string());
    }
    if meta.author.is_none() {
        meta.author = article.byline.clone().filter(|b| !b.trim().is_empty());
    }
    // The article is still in Readability's tree: filter it there rather
    // than parse its serialised HTML again.
    let root = r.doc.select_single("#readability-page-1");
    let text = main_text(&root, &article.text_content);
    if text.is_empty() {
        return Err(FormatError::NoContent {
            name: name.to_string(),
        });
    }
    Ok((text, meta))
}

/// Collapses runs of spaces inside lines and keeps paragraphs apart with one
/// blank line.
pub(crate) fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for para in raw.split('\n') {
        let line = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

fn attr(dom: &Dom, sel: &str, attr: &str) -> Option<String> {
    for n in dom.select(sel).nodes() {
        if let Some(v) = n.attr(attr) {
            let v = decode_entities(v.trim());
            if !v.is_empty() {
                return Some(v);
            }
        }
    }
    None
}

/// html5ever already decodes attribute values; this only cleans up double
/// escaping seen in the wild (`&amp;amp;`).
fn decode_entities(v: &str) -> String {
    v.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
}

fn read_meta(dom: &Dom) -> Meta {
    let mut m = Meta::default();
    let ld = json_ld(dom);
    // The `<meta>` lookups below all read this one list, rather than each
    // walk the whole tree again.
    let metas = dom.select("meta");
    let metas = metas.nodes();
    let meta = |key: &str, value: &str| {
        metas
            .iter()
            .filter(|n| n.attr(key).is_some_and(|v| &*v == value))
            .find_map(|n| {
                n.attr("content")
                    .map(|v| decode_entities(v.trim()))
                    .filter(|v| !v.is_empty())
            })
    };

    m.title = ld
        .title
        .clone()
        .or_else(|| meta("property", "og:title"))
        .or_else(|| meta("name", "twitter:title"))
        .or_else(|| {
            dom.select("title")
                .nodes()
                .first()
                .map(|n| n.text().split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
        });
    m.author = ld
        .author
        .clone()
        .or_else(|| meta("name", "author"))
        .or_else(|| meta("property", "article:author"))
        .or_else(|| meta("name", "byl"))
        .filter(|a| !a.starts_with("http"));
    m.site_name = meta("property", "og:site_name").or(ld.publisher);
    m.url = attr(dom, r#"link[rel="canonical"]"#, "href")
        .or_else(|| meta("property", "og:url"))
        .or(ld.url)
        .filter(|u| u.starts_with("http"));

    let date = |sel: &str, a: &str| attr(dom, sel, a).and_then(|v| parse_date_lenient(&v));
    let meta_date = |key: &str, value: &str| meta(key, value).and_then(|v| parse_date_lenient(&v));
    m.published = ld
        .published
        .map(|d| (d, DateSource::JsonLd))
        .or_else(|| {
            meta_date("property", "article:published_time")
                .or_else(|| meta_date("property", "og:published_time"))
                .map(|d| (d, DateSource::OpenGraph))
        })
        .or_else(|| {
            [
                ("itemprop", "datePublished"),
                ("name", "article:published_time"),
                ("name", "pubdate"),
                ("name", "publishdate"),
                ("name", "publish-date"),
                ("name", "publication_date"),
                ("name", "date"),
                ("name", "DC.date.issued"),
                ("name", "dc.date.issued"),
                ("name", "DC.date"),
                ("name", "dc.date"),
                ("name", "dcterms.created"),
                ("name", "DCTERMS.created"),
                ("name", "parsely-pub-date"),
                ("name", "sailthru.date"),
                ("property", "bt:pubDate"),
            ]
            .iter()
            .find_map(|(k, v)| meta_date(k, v))
            .map(|d| (d, DateSource::Meta))
        })
        .or_else(|| {
            date(r#"time[itemprop="datePublished"]"#, "datetime")
                .or_else(|| date("time[pubdate]", "datetime"))
                .or_else(|| date(r#"[itemprop="datePublished"]"#, "datetime"))
                .map(|d| (d, DateSource::TimeElement))
        });
    m
}

#[derive(Default)]
struct LdMeta {
    title: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    published: Option<Date>,
}

const ARTICLE_TYPES: [&str; 9] = [
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "WebPage",
    "LiveBlogPosting",
    "Report",
];

fn json_ld(dom: &Dom) -> LdMeta {
    let mut objs: Vec<Value> = Vec::new();
    for n in dom.select(r#"script[type="application/ld+json"]"#).nodes() {
        let text = n.text();
        let t = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim()
            .trim_end_matches(';');
        if let Ok(v) = serde_json::from_str::<Value>(t) {
            flatten(v, &mut objs, 0);
        }
    }
    // Article types first, then anything with a datePublished.
    let rank = |o: &Value| -> usize {
        let ty = o.get("@type");
        let is = |t: &str| match ty {
            Some(Value::String(s)) => s == t,
            Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(t)),
            _ => false,
        };
        ARTICLE_TYPES
            .iter()
            .position(|t| is(t))
            .unwrap_or(ARTICLE_TYPES.len())
    };
    objs.sort_by_key(rank);
    let mut m = LdMeta::default();
    for o in objs
        .iter()
        .filter(|o| rank(o) < ARTICLE_TYPES.len() || o.get("datePublished").is_some())
    {
        if m.published.is_none() {
            m.published = ["datePublished", "dateCreated"].iter().find_map(|k| {
                o.get(*k)
                    .and_then(Value::as_str)
                    .and_then(parse_date_lenient)
            });
        }
        if m.title.is_none() && rank(o) < 6 {
            m.title = o
                .get("headline")
                .and_then(Value::as_str)
                .map(decode_entities);
        }
        if m.author.is_none() {
            m.author = o.get("author").and_then(names);
        }
        if m.publisher.is_none() {
            m.publisher = o.get("publisher").and_then(names);
        }
        if m.url.is_none() && rank(o) < 6 {
            m.url = o
                .get("url")
                .or_else(|| {
                    o.get("mainEntityOfPage")
                        .and_then(|p| p.get("@id").or(Some(p)))
                })
                .and_then(Value::as_str)
                .map(str::to_string);
        }
    }
    m
}

/// Collects JSON-LD objects: top level, arrays and `@graph`s.
fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 || out.len() > 200 {
        return;
    }
    match v {
        Value::Array(a) => a.into_iter().for_each(|x| flatten(x, out, depth + 1)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten(g, out, depth + 1);
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

/// `"Jane Doe"`, `{"name": "Jane Doe"}` or a list of them, joined.
fn names(v: &Value) -> Option<String> {
    let list: Vec<String> = match v {
        Value::String(s) => vec![s.clone()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .into_iter()
            .collect(),
        Value::Array(a) => a.iter().filter_map(names).collect(),
        _ => vec![],
    };
    let list: Vec<String> = list
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// The depth of the element tree, counted up to `limit + 1` (Readability's
/// scoring is quadratic in the depth).
fn max_depth(dom: &Dom, limit: usize) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(dom.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if deepest > limit {
            break;
        }
        for child in node.children_it(false) {
            if child.is_element() {
                stack.push((child, depth + 1));
            }
        }
    }
    deepest
}

/// An upper estimate of the nesting depth from the raw markup: open tags
/// minus close tags, ignoring void and self-closing elements and the tags
/// that HTML closes implicitly.
fn rough_depth(src: &str) -> usize {
    const SKIP: [&[u8]; 22] = [
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"param", b"source", b"track", b"wbr", b"p", b"li", b"td", b"th", b"tr", b"option", b"dt",
        b"dd",
    ];
    let b = src.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        let close = b.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = &b[start..start + len];
        if SKIP.iter().any(|s| name.eq_ignore_ascii_case(s)) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            let end = memchr(b'>', &b[start..]).map(|e| start + e);
            if end.is_some_and(|e| e > 0 && b[e - 1] == b'/') {
                continue;
            }
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Elements of the extracted article that are not its body text.
const NOT_BODY: &str = "figure, figcaption, picture, time, button, \
    [class*=caption], [class*=Caption], [class*=credit], [class*=Credit], \
    [class*=byline], [class*=Byline], [class*=related], [class*=Related], \
    [class*=newsletter], [class*=promo], [class*=advert], [class*=social], \
    [class*=share-], [class*=sharing], [class*=timestamp], [class*=author], \
    [class*=tags], [class*=breadcrumb], [class*=recommend], [class*=inline-ad]";

/// The body text of Readability's article (`root`, whose formatted text is
/// `formatted`): captions, bylines, dates and promotion blocks removed, then
/// short boilerplate lines dropped.
fn main_text(root: &Selection, formatted: &str) -> String {
    let all = clean_text(formatted);
    root.select(NOT_BODY).remove();
    let mut text = clean_text(&root.formatted_text());
    // A class filter that took most of the article took the article itself.
    if text.len() * 2 < all.len() {
        text = all;
    }
    let paras: Vec<&str> = text.split("\n\n").collect();
    let mut kept = Vec::with_capacity(paras.len());
    for (i, p) in paras.iter().enumerate() {
        if tail_marker(p) {
            // "You may also like" in the second half starts the page's tail.
            if i * 2 >= paras.len() {
                break;
            }
            continue;
        }
        if !boilerplate(p) && !box_marker(p) {
            kept.push(*p);
        }
    }
    kept.join("\n\n")
}

/// A paragraph that is page furniture rather than article text.
fn boilerplate(p: &str) -> bool {
    let words = p.split_whitespace().count();
    let lower = p.to_lowercase();
    const STARTS: [&str; 23] = [
        "photo:",
        "photo by",
        "image:",
        "image ",
        "credit:",
        "caption",
        "close",
        "advert",
        "continue reading",
        "published",
        "updated",
        "posted",
        "last updated",
        "read more",
        "click here",
        "share this",
        "sign up",
        "follow us",
        "subscribe",
        "related:",
        "more:",
        "getty images",
        "this slideshow requires",
    ];
    if words <= 12 && STARTS.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    let shares = [
        "facebook",
        "twitter",
        "whatsapp",
        "pinterest",
        "linkedin",
        "email",
    ]
    .iter()
    .filter(|k| lower.contains(*k))
    .count();
    if words <= 6 && shares >= 2 {
        return true;
    }
    if words <= 8 && lower.starts_with("by ") {
        return true;
    }
    if words <= 40
        && (lower.contains("all rights reserved")
            || lower.starts_with('©')
            || lower.starts_with("copyright"))
    {
        return true;
    }
    // ALL-CAPS calls to action ("GET FOX BUSINESS ON THE GO BY CLICKING HERE").
    let letters: Vec<char> = p.chars().filter(|c| c.is_alphabetic()).collect();
    words >= 3
        && letters.len() >= 12
        && letters.iter().all(|c| c.is_uppercase())
        && [
            "CLICK",
            "READ MORE",
            "SUBSCRIBE",
            "SIGN UP",
            "WATCH",
            "DOWNLOAD",
            "FOLLOW",
        ]
        .iter()
        .any(|k| p.contains(k))
}

/// A heading that introduces the page's tail (related links, comments).
fn tail_marker(p: &str) -> bool {
    marker(p).is_some_and(|l| {
        [
            "you may also like",
            "you might also like",
            "related articles",
            "related stories",
            "more stories",
            "most popular",
            "most read",
            "comments",
            "want more stories like this",
            "tell us what you think",
            "leave a comment",
            "leave a reply",
        ]
        .contains(&l.as_str())
    })
}

/// A short heading of an inline promotion box, dropped on its own.
fn box_marker(p: &str) -> bool {
    marker(p).is_some_and(|l| {
        [
            "don't miss",
            "related",
            "tags",
            "trending",
            "recommended",
            "more from",
            "advertisement",
        ]
        .contains(&l.as_str())
    })
}

fn marker(p: &str) -> Option<String> {
    if p.len() > 40 {
        return None;
    }
    let l = p.to_lowercase().replace('’', "'");
    Some(l.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
}
