//! The engine's errors: [`EngineError`] when an operation cannot go on at
//! all, [`DocError`] for one input that could not be stored or read (the
//! rest of the batch goes on). Every `DocError` names its input.

use vane_ledger::StoreError;

/// An operation failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An actor pack (stored in the ledger, or given by the caller) does not parse.
    #[error("{label}: bad actor pack: {reason}")]
    Pack { label: String, reason: String },
    /// A question whose proposition names nothing to look for (empty, or
    /// only words like "the" and "is"): it could match no statement.
    #[error("question {id:?}: the proposition {proposition:?} names nothing to look for")]
    EmptyProposition { id: String, proposition: String },
}

/// Why one input (a file, a URL, a feed item, or a batch of documents) was
/// not stored or not read. Its message names the input.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// The caller could not supply the bytes (a file that cannot be read, or
    /// is too large); `reason` says why.
    #[error("{name}: {reason}")]
    Source { name: String, reason: String },
    #[error(transparent)]
    Ingest(#[from] vane_ingest::IngestError),
    #[error(transparent)]
    Format(#[from] vane_formats::FormatError),
    #[error(transparent)]
    Fetch(#[from] vane_fetch::FetchError),
    /// The page a feed item links to has not changed since the last fetch.
    #[error("{url}: unchanged since the last fetch (304); not read again")]
    Unchanged { url: String },
    /// The ledger failed on what concerns this input (its fetch validators).
    #[error("{name}: {source}")]
    Ledger { name: String, source: StoreError },
    /// Parsing or reading the document panicked: a bug, caught so that the
    /// rest of the batch goes on.
    #[error("{name}: reading panicked: {message}")]
    Panicked { name: String, message: String },
    /// A batch was refused by the store; none of it is stored.
    #[error("batch of {documents} documents not stored: {source}")]
    Batch {
        documents: usize,
        source: StoreError,
    },
    /// The links of a batch were refused by the store (its documents are stored).
    #[error("links of a batch of {documents} documents not stored: {source}")]
    Links {
        documents: usize,
        source: StoreError,
    },
}

/// The message of a caught panic.
pub(crate) fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}
