//! JSON Lines exports: one article object per line.

use serde_json::Value;

use crate::{
    build_doc, dates::parse_date_lenient, prepare, DateSource, FormatError, Item, Options,
};

/// Which JSON fields hold a document's parts. Each part lists alternatives,
/// tried in order; a dotted name (`meta.date`) reaches into nested objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMap {
    pub text: Vec<String>,
    pub published: Vec<String>,
    pub title: Vec<String>,
    pub url: Vec<String>,
    pub source: Vec<String>,
    pub author: Vec<String>,
}

/// A bad `--fields` specification.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
#[error("bad field map {spec:?}: {msg}")]
pub struct FieldMapError {
    pub spec: String,
    pub msg: String,
}

impl Default for FieldMap {
    /// Covers news-please (`maintext`, `date_publish`, `source_domain`),
    /// Media Cloud (`text`, `publish_date`, `media_name`) and common
    /// GDELT-derived exports (`content`, `date`, `domain`).
    fn default() -> Self {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect();
        FieldMap {
            text: v(&["maintext", "text", "content", "body", "article"]),
            published: v(&[
                "date_publish",
                "publish_date",
                "published",
                "date",
                "seendate",
            ]),
            title: v(&["title", "headline"]),
            url: v(&["url", "link", "source_url"]),
            source: v(&["source_domain", "media_name", "source", "domain"]),
            author: v(&["authors", "author", "byline"]),
        }
    }
}

impl FieldMap {
    /// Parses `text=maintext,published=date_publish,title=title,url=url`.
    /// Alternatives are separated by `|` (`text=maintext|text`). Parts not
    /// named keep their defaults; `part=` (empty) disables a part.
    pub fn parse(spec: &str) -> Result<FieldMap, FieldMapError> {
        let err = |msg: String| FieldMapError {
            spec: spec.to_string(),
            msg,
        };
        let mut map = FieldMap::default();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| err(format!("{pair:?} is not part=field")))?;
            let fields: Vec<String> = v
                .split('|')
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty())
                .collect();
            let slot = match k.trim() {
                "text" => &mut map.text,
                "published" | "date" => &mut map.published,
                "title" => &mut map.title,
                "url" => &mut map.url,
                "source" => &mut map.source,
                "author" | "authors" => &mut map.author,
                other => {
                    return Err(err(format!(
                        "unknown part {other:?} (text, published, title, url, source, author)"
                    )))
                }
            };
            *slot = fields;
        }
        if map.text.is_empty() {
            return Err(err("the text part needs a field".into()));
        }
        Ok(map)
    }
}

fn get<'a>(obj: &'a Value, path: &str) -> Option<&'a Value> {
    if let Some(v) = obj.get(path) {
        return Some(v);
    }
    path.split('.').try_fold(obj, |v, k| v.get(k))
}

/// The first non-empty value among the alternatives, as text, with the field
/// it came from. Arrays of strings are joined with ", ".
fn first(obj: &Value, fields: &[String]) -> Option<(String, String)> {
    fields.iter().find_map(|f| {
        let s = match get(obj, f)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Array(a) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            _ => return None,
        };
        (!s.is_empty()).then(|| (s, f.clone()))
    })
}

/// Reads a JSON Lines file (or a single JSON array of objects). Each line is
/// one item named `input:LINE`; a line that is not a JSON object, lacks the
/// text, or has an unreadable date is an `Err` item naming its line. Blank
/// lines are skipped.
pub fn jsonl(
    name: &str,
    bytes: &[u8],
    map: &FieldMap,
    opts: &Options,
) -> Result<Vec<Item>, FormatError> {
    let bytes = prepare(name, bytes, &opts.limits)?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut items = Vec::new();
    // A JSON array of objects, as some exporters write.
    if text.trim_start().starts_with('[') {
        if let Ok(Value::Array(a)) = serde_json::from_str::<Value>(text) {
            for (i, v) in a.into_iter().enumerate() {
                if items.len() >= opts.limits.max_items {
                    return Err(FormatError::TooManyItems {
                        name: name.to_string(),
                        limit: opts.limits.max_items,
                    });
                }
                items.push(record(name, i + 1, Ok(v), map, opts));
            }
            return Ok(items);
        }
    }
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if items.len() >= opts.limits.max_items {
            return Err(FormatError::TooManyItems {
                name: name.to_string(),
                limit: opts.limits.max_items,
            });
        }
        let v = serde_json::from_str::<Value>(line).map_err(|e| FormatError::BadJson {
            name: name.to_string(),
            line: i + 1,
            msg: e.to_string(),
        });
        items.push(record(name, i + 1, v, map, opts));
    }
    Ok(items)
}

fn record(
    input: &str,
    line: usize,
    v: Result<Value, FormatError>,
    map: &FieldMap,
    opts: &Options,
) -> Item {
    let name = &format!("{input}:{line}");
    let mut item = Item {
        name: name.to_string(),
        doc: Err(FormatError::NoContent {
            name: name.to_string(),
        }),
        date_source: None,
        author: None,
        needs_fetch: None,
    };
    let v = match v {
        Ok(v) if v.is_object() => v,
        Ok(_) => {
            item.doc = Err(FormatError::BadJson {
                name: input.to_string(),
                line,
                msg: "not a JSON object".into(),
            });
            return item;
        }
        Err(e) => {
            item.doc = Err(e);
            return item;
        }
    };
    let Some((text, _)) = first(&v, &map.text) else {
        item.doc = Err(FormatError::MissingField {
            name: name.to_string(),
            field: map.text.join("|"),
        });
        return item;
    };
    let date = match first(&v, &map.published) {
        Some((value, field)) => match parse_date_lenient(&value) {
            Some(d) => Some((d, DateSource::Field)),
            None => {
                item.doc = Err(FormatError::BadDate {
                    name: name.to_string(),
                    field,
                    value,
                });
                return item;
            }
        },
        None => None,
    };
    let text = text.replace("\r\n", "\n");
    let title = first(&v, &map.title).map(|p| p.0);
    let url = first(&v, &map.url).map(|p| p.0);
    let source = first(&v, &map.source).map(|p| p.0);
    item.author = first(&v, &map.author).map(|p| p.0);
    match build_doc(name, text, title, date, source, url, &opts.ingest) {
        Ok((d, s)) => {
            item.doc = Ok(d);
            item.date_source = s;
        }
        Err(e) => item.doc = Err(e),
    }
    item
}
