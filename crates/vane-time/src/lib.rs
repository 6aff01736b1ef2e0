//! Time expressions. Pure: no IO, never reads the clock.

use vane_core::{Date, TextRange};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A time expression found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    pub range: TextRange,
    pub kind: TimexType,
    /// The TIMEX3 value ("2025-07-10", "2025-W27", "P3D", "PAST_REF").
    pub value: String,
    /// The closed day interval the expression denotes, when it denotes one
    /// that can be resolved (not for durations, sets or unresolved values).
    pub interval: Option<(Date, Date)>,
}

/// Finds and normalizes the time expressions of `text` against the
/// document creation time `dct`. Without a `dct`, relative expressions
/// keep unresolved values.
pub fn extract(_text: &str, _dct: Option<Date>) -> Vec<Timex> {
    Vec::new()
}
