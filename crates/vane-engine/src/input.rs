//! Format dispatch: the bytes of one input to documents. Plain text and
//! Markdown go through `vane-ingest`, the rest through `vane-formats`.

use crate::DocError;
use vane_core::Document;
use vane_ingest::Options;

/// The format of an input; `Auto` guesses it from the name and content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    #[default]
    Auto,
    Text,
    Html,
    Feed,
    Jsonl,
    Warc,
}

/// Something to ingest: a name to store it under, and its bytes. The
/// engine asks for the bytes on its reader threads, so a file source reads
/// files in parallel; an error names the input.
pub trait Source: Sync {
    fn name(&self) -> &str;
    fn bytes(&self) -> Result<Vec<u8>, DocError>;
}

/// Bytes in memory, with a name.
#[derive(Clone, Debug)]
pub struct Bytes {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Source for Bytes {
    fn name(&self) -> &str {
        &self.name
    }
    fn bytes(&self) -> Result<Vec<u8>, DocError> {
        Ok(self.bytes.clone())
    }
}

/// What parsing one input gave: documents (or errors naming them), and
/// notes for the user.
#[derive(Debug, Default)]
pub struct Parsed {
    pub docs: Vec<Result<Document, DocError>>,
    pub notes: Vec<String>,
}

impl Parsed {
    fn one(d: Result<Document, DocError>) -> Parsed {
        Parsed {
            docs: vec![d],
            notes: Vec::new(),
        }
    }
}

/// One input to documents. Errors name the document.
pub fn parse(
    name: &str,
    bytes: &[u8],
    fmt: InputFormat,
    map: &vane_formats::FieldMap,
    opts: &Options,
) -> Parsed {
    use vane_formats::Format;
    let fopts = vane_formats::Options::from(opts.clone());
    let format = match fmt {
        InputFormat::Auto => vane_formats::sniff(name, bytes),
        InputFormat::Text => Format::Text,
        InputFormat::Html => Format::Html,
        InputFormat::Feed => Format::Feed,
        InputFormat::Jsonl => Format::Jsonl,
        InputFormat::Warc => Format::Warc,
    };
    let items = |r: Result<Vec<vane_formats::Item>, vane_formats::FormatError>| -> Parsed {
        match r {
            Ok(items) => {
                let mut out = Parsed::default();
                for i in items {
                    if let (Ok(d), Some(link)) = (&i.doc, &i.needs_fetch) {
                        out.notes.push(format!(
                            "{}: feed item carries only a summary; stored as is (page {link} not fetched)",
                            d.name
                        ));
                    }
                    out.docs.push(i.doc.map_err(DocError::from));
                }
                out
            }
            Err(e) => Parsed::one(Err(e.into())),
        }
    };
    match format {
        Format::Text => {
            let unzipped;
            let bytes = if name.ends_with(".gz") {
                match vane_formats::gunzip(name, bytes, fopts.limits.max_bytes) {
                    Ok(b) => {
                        unzipped = b;
                        &unzipped[..]
                    }
                    Err(e) => return Parsed::one(Err(e.into())),
                }
            } else {
                bytes
            };
            Parsed::one(vane_ingest::parse(name, bytes, opts).map_err(DocError::from))
        }
        Format::Html => Parsed::one(
            vane_formats::html(name, bytes, &fopts)
                .map(|p| p.doc)
                .map_err(DocError::from),
        ),
        Format::Feed => items(vane_formats::feed(name, bytes, &fopts)),
        Format::Jsonl => items(vane_formats::jsonl(name, bytes, map, &fopts)),
        Format::Warc => items(vane_formats::warc(name, bytes, &fopts)),
    }
}
