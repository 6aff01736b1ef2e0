use vane_core::{Date, DocId, RecordedTime};

/// Why a batch was refused. Every variant names the document involved;
/// `reading` is the reading's index in its batch and `position` the
/// position's index in its reading.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValidationError {
    #[error("reading {reading} cites document {doc}, which is neither in the batch nor stored")]
    UnknownDocument { doc: DocId, reading: usize },
    #[error("a document link names document {doc}, which is not stored")]
    UnknownLinked { doc: DocId },
    #[error(
        "document {doc}: evidence range {start}..{end} of reading {reading}, position {position} \
         does not slice its text ({len} bytes) on character boundaries"
    )]
    BadRange {
        doc: DocId,
        reading: usize,
        position: usize,
        start: usize,
        end: usize,
        len: usize,
    },
    #[error(
        "document {doc}: position {position} of reading {reading} cites document {found} as evidence"
    )]
    EvidenceElsewhere {
        doc: DocId,
        reading: usize,
        position: usize,
        found: DocId,
    },
    #[error(
        "document {doc}: position {position} of reading {reading} is on question {found:?}, \
         the reading on {expected:?}"
    )]
    QuestionMismatch {
        doc: DocId,
        reading: usize,
        position: usize,
        expected: String,
        found: String,
    },
    #[error(
        "document {doc}: position {position} of reading {reading} was recorded at {found:?}, \
         the reading at {expected:?}"
    )]
    RecordedMismatch {
        doc: DocId,
        reading: usize,
        position: usize,
        expected: RecordedTime,
        found: RecordedTime,
    },
    #[error(
        "document {doc}: position {position} of reading {reading} has confidence {confidence}, \
         not in [0, 1]"
    )]
    BadConfidence {
        doc: DocId,
        reading: usize,
        position: usize,
        confidence: f32,
    },
    #[error(
        "document {doc}: position {position} of reading {reading} has valid time {from}..{to}, \
         which ends before it starts"
    )]
    BadValidTime {
        doc: DocId,
        reading: usize,
        position: usize,
        from: Date,
        to: Date,
    },
    #[error("document {doc}: reading {reading} has an empty question id")]
    EmptyQuestion { doc: DocId, reading: usize },
    #[error("document {doc} is already stored with a different text (document text is immutable)")]
    DocumentConflict { doc: DocId },
    #[error("document {doc} cannot be linked to itself")]
    SelfLink { doc: DocId },
    #[error("question {index} of the batch has an empty id")]
    EmptyQuestionId { index: usize },
}

/// The error of every [`Store`](crate::Store) operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The input was refused; nothing was stored.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The storage backend failed.
    #[error("storage failed while {context}: {source}")]
    Backend {
        context: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// Stored data could not be read back as domain values.
    #[error("stored data is corrupt ({context}): {detail}")]
    Corrupt { context: String, detail: String },
    /// The store was written by a newer version of Weathervane.
    #[error("the store's schema version {found} is newer than this build knows ({known})")]
    SchemaTooNew { found: i64, known: i64 },
}

impl StoreError {
    /// Wraps a backend error with what was being done.
    pub fn backend(
        context: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> StoreError {
        StoreError::Backend {
            context: context.into(),
            source: Box::new(source),
        }
    }
    pub fn corrupt(context: impl Into<String>, detail: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            context: context.into(),
            detail: detail.into(),
        }
    }
    /// The validation error, when the input was refused.
    pub fn validation(&self) -> Option<&ValidationError> {
        match self {
            StoreError::Invalid(v) => Some(v),
            _ => None,
        }
    }
}
