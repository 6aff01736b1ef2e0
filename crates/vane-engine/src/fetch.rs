//! URLs and feeds: conditional GET with the validators the ledger holds, and
//! a feed's summary-only items read from their pages.

use crate::input::{parse, InputFormat, Parsed};
use crate::DocError;
use vane_ingest::Options;
use vane_ledger::Store;

/// Fetches a URL and reads it like a file named by the URL. A feed item that
/// carries only a summary has its linked page fetched; an undated page keeps
/// the item's date.
pub(crate) fn fetch_input(
    fetcher: &mut vane_fetch::Fetcher,
    store: &mut dyn Store,
    url: &str,
    fmt: InputFormat,
    map: &vane_formats::FieldMap,
    opts: &Options,
) -> Parsed {
    let got = match fetch_conditional(fetcher, store, url) {
        Ok(Some(f)) => f,
        Ok(None) => {
            return Parsed {
                docs: Vec::new(),
                notes: vec![format!("{url}: unchanged since the last fetch (304)")],
            }
        }
        Err(e) => {
            return Parsed {
                docs: vec![Err(e)],
                notes: Vec::new(),
            }
        }
    };
    let is_feed = got.content_type.as_deref().is_some_and(|c| {
        c.contains("rss") || c.contains("atom") || c.contains("xml") || c.contains("feed+json")
    }) || vane_formats::sniff(url, &got.body) == vane_formats::Format::Feed;
    if !(is_feed && matches!(fmt, InputFormat::Auto | InputFormat::Feed)) {
        let fmt = if fmt == InputFormat::Auto
            && got
                .content_type
                .as_deref()
                .is_some_and(|c| c.contains("html"))
        {
            InputFormat::Html
        } else {
            fmt
        };
        return parse(&got.url, &got.body, fmt, map, opts);
    }
    let fopts = vane_formats::Options::from(opts.clone());
    let items = match vane_formats::feed(&got.url, &got.body, &fopts) {
        Ok(items) => items,
        Err(e) => {
            return Parsed {
                docs: vec![Err(e.into())],
                notes: Vec::new(),
            }
        }
    };
    let docs = items
        .into_iter()
        .map(|item| {
            let doc = item.doc?;
            let Some(link) = item.needs_fetch else {
                return Ok(doc);
            };
            let Some(page) = fetch_conditional(fetcher, store, &link)? else {
                return Err(DocError::Unchanged { url: link });
            };
            let page_opts = vane_formats::Options::from(Options {
                published: doc.published.or(opts.published),
                undated: opts.undated,
            });
            Ok(vane_formats::html(&page.url, &page.body, &page_opts).map(|p| p.doc)?)
        })
        .collect();
    Parsed {
        docs,
        notes: Vec::new(),
    }
}

/// GET with the validators the ledger holds for `url`, recording the new ones.
/// `None` when the server says the page has not changed.
fn fetch_conditional(
    fetcher: &mut vane_fetch::Fetcher,
    store: &mut dyn Store,
    url: &str,
) -> Result<Option<vane_fetch::Fetched>, DocError> {
    let ledger = |source| DocError::Ledger {
        name: url.to_string(),
        source,
    };
    let prior = store
        .fetch_state(url)
        .map_err(ledger)?
        .map(|s| vane_fetch::Validators {
            etag: s.etag,
            last_modified: s.last_modified,
        });
    let got = fetcher.get(url, prior.as_ref())?;
    if got.etag.is_some() || got.last_modified.is_some() {
        store
            .put_fetch_state(&vane_ledger::FetchState {
                url: url.to_string(),
                etag: got.etag.clone(),
                last_modified: got.last_modified.clone(),
            })
            .map_err(ledger)?;
    }
    Ok((!got.not_modified).then_some(got))
}
