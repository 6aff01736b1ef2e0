pub use chrono::NaiveDate as Date;

/// Which evidence fixed a statement's valid time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeBasis {
    /// A time expression governing the statement in its clause or sentence.
    Expression,
    /// The narrative's reference time, carried from an earlier sentence.
    Narrative,
    /// The document's publication date (the fallback).
    Publication,
    /// Nothing: the document is undated and the text gives no date.
    Unknown,
}

impl TimeBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeBasis::Expression => "expression",
            TimeBasis::Narrative => "narrative",
            TimeBasis::Publication => "publication",
            TimeBasis::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> Option<TimeBasis> {
        match s {
            "expression" => Some(TimeBasis::Expression),
            "narrative" => Some(TimeBasis::Narrative),
            "publication" => Some(TimeBasis::Publication),
            "unknown" => Some(TimeBasis::Unknown),
            _ => None,
        }
    }
}

/// When a statement held in the world: the closed day interval
/// `[from, to]` in which it was made. `from <= to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ValidTime {
    pub from: Date,
    pub to: Date,
    pub basis: TimeBasis,
}

impl ValidTime {
    pub fn new(from: Date, to: Date, basis: TimeBasis) -> ValidTime {
        let (from, to) = if from <= to { (from, to) } else { (to, from) };
        ValidTime { from, to, basis }
    }
    pub fn day(d: Date, basis: TimeBasis) -> ValidTime {
        ValidTime {
            from: d,
            to: d,
            basis,
        }
    }
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

/// When we learned a fact: the document's publication date and the
/// ingestion instant, as a store-assigned sequence number plus the
/// wall-clock seconds the edge supplied. The core never reads the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordedTime {
    /// Seconds since the Unix epoch, supplied by the caller at ingest.
    pub at: i64,
}
