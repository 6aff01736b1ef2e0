//! Time expressions. Pure: no IO, never reads the clock.
//!
//! [`extract`] finds time expressions in running English news text and
//! normalizes them to TIMEX3 values against the document creation time
//! (DCT), following the TimeML / TempEval-3 annotation conventions (spans
//! include determiners and modifiers such as "the past", "early", "about").
//!
//! Design: a tokenizer that keeps byte offsets (`token`), then a
//! hand-written longest-match rule set (`grammar`, word lists in `lexicon`,
//! calendar arithmetic in `cal`) that normalizes each match at once.
//! Relative expressions are read against the DCT: "Thursday" in a
//! past-tense clause is the last Thursday on or before the DCT, in a future
//! (or present: "meets Thursday") clause the next one on or after it, and
//! with no tense cue the past one unless the next one is nearer by two
//! days or more. The tense is
//! the nearest verb cue to the left of the expression, else to the right,
//! within the sentence; a participle after an auxiliary ("will be held")
//! defers to the auxiliary; modals ("could", "would") and "next to" are no
//! cues. Months and days without a year follow the same rule with a
//! tolerance of a month. A clock time with a weekday ("4 a.m. Thursday")
//! takes the tense around the whole expression. "Friday morning" and
//! "Friday night" get the value of the day, as news annotation gives them;
//! "Friday evening" and "afternoon" keep their part of day. Movable
//! holidays (Easter, Good Friday, "Easter week", US Election Day) are
//! computed for the year the tense picks.
//!
//! Two pieces of discourse state are kept while scanning a document: the
//! last quarter mentioned (so that "a year earlier" after "the third
//! quarter" is the third quarter of the year before, as financial reports
//! mean it) and the last explicit date (the narrative's reference time, for
//! "that day", "later that year", "the following month" and for clock times
//! without a day, "at 10 p.m.").
//!
//! Intervals: every DATE or TIME value that denotes days gets its closed day
//! interval ("2025-W27" is Monday to Sunday; "this week" is the whole ISO
//! week even in a past-tense clause, it is not capped at the DCT). Fiscal
//! years are US federal ones: "FY2024" and "fiscal 2024" have the value
//! "2024" (TIMEX3 has no fiscal notation) and the interval
//! 2023-10-01..2024-09-30. Vague
//! past references with a unit ("a few days ago", "days after") get the
//! days just before the DCT.

mod cal;
mod grammar;
mod lexicon;
pub mod timeml;
mod token;

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

impl Timex {
    /// Whether the value names one day ("2024-01-22"), not a month, a week
    /// or a year.
    pub fn is_day(&self) -> bool {
        let b = self.value.as_bytes();
        b.len() == 10
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            })
    }
}

/// Finds and normalizes the time expressions of `text` against the
/// document creation time `dct`. Without a `dct`, relative expressions
/// keep unresolved values.
pub fn extract(text: &str, dct: Option<Date>) -> Vec<Timex> {
    let toks = token::tokenize(text);
    let mut parser = grammar::Parser::new(&toks, dct);
    let hits = parser.run();
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        let (Some(first), Some(last)) = (toks.get(h.start), toks.get(h.end.wrapping_sub(1))) else {
            continue;
        };
        if first.start >= last.end {
            continue;
        }
        let interval = match h.kind {
            TimexType::Date | TimexType::Time => h.interval.or_else(|| match h.value.as_str() {
                "PRESENT_REF" => dct.map(|d| (d, d)),
                v => cal::value_interval(v),
            }),
            _ => None,
        };
        out.push(Timex {
            range: TextRange::new(first.start, last.end),
            kind: h.kind,
            value: h.value,
            interval,
        });
    }
    out
}

#[cfg(test)]
mod tests;
