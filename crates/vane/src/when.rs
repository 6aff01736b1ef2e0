//! Dates on the command line: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and RFC 3339
//! for every date option, and Unix seconds as well for a recorded time.
//!
//! A year or a month is a period; each option says which end of it it
//! means. A cut-off (`--as-of`, `--until`, `--recorded-as-of`) means its
//! last day: `--as-of 2024-03` is "as of 31 March 2024". A start
//! (`--since`, `--published`) means its first day.

use chrono::{DateTime, Duration, NaiveDate};
use vane_core::{Date, RecordedTime};

/// Which end of a year or a month an option means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    First,
    Last,
}

/// The accepted forms, for error messages.
pub const FORMS: &str = "YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339 (2024-03-05T12:00:00Z)";

fn number(s: &str, digits: usize) -> Option<u32> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn last_of_month(y: i32, m: u32) -> Option<Date> {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.map(|d| d - Duration::days(1))
}

/// A day from any accepted form; a year or a month gives its `end`. An
/// RFC 3339 time gives its date in its own offset.
pub fn day(s: &str, end: End) -> Result<Date, String> {
    let t = s.trim();
    let bad = || format!("{s:?} is not a date ({FORMS})");
    let parts: Vec<&str> = t.split('-').collect();
    match parts.as_slice() {
        [y] => {
            let y = number(y, 4).ok_or_else(bad)? as i32;
            match end {
                End::First => NaiveDate::from_ymd_opt(y, 1, 1),
                End::Last => NaiveDate::from_ymd_opt(y, 12, 31),
            }
            .ok_or_else(bad)
        }
        [y, m] => {
            let y = number(y, 4).ok_or_else(bad)? as i32;
            let m = number(m, 2).ok_or_else(bad)?;
            match end {
                End::First => NaiveDate::from_ymd_opt(y, m, 1),
                End::Last => NaiveDate::from_ymd_opt(y, m, 1).and_then(|_| last_of_month(y, m)),
            }
            .ok_or_else(bad)
        }
        _ if t.len() == 10 => Date::parse_from_str(t, "%Y-%m-%d").map_err(|_| bad()),
        _ => DateTime::parse_from_rfc3339(t)
            .map(|d| d.date_naive())
            .map_err(|_| bad()),
    }
}

/// `--as-of`, `--until`: a cut-off, the last day of a year or month.
pub fn until(s: &str) -> Result<Date, String> {
    day(s, End::Last)
}

/// `--since`, `--published`: the first day of a year or month.
pub fn since(s: &str) -> Result<Date, String> {
    day(s, End::First)
}

/// `--recorded-as-of`: Unix seconds (more than four digits), an RFC 3339
/// instant, or a day, month or year, meaning the end of it (23:59:59 UTC of
/// its last day).
pub fn recorded(s: &str) -> Result<RecordedTime, String> {
    let t = s.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.len() > 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return t
            .parse()
            .map(|at| RecordedTime { at })
            .map_err(|_| format!("{s:?} is not a Unix time"));
    }
    if t.len() > 10 {
        return DateTime::parse_from_rfc3339(t)
            .map(|d| RecordedTime { at: d.timestamp() })
            .map_err(|_| format!("{s:?} is not a time (Unix seconds, {FORMS})"));
    }
    let d =
        day(t, End::Last).map_err(|_| format!("{s:?} is not a time (Unix seconds, {FORMS})"))?;
    let end = d
        .and_hms_opt(23, 59, 59)
        .ok_or_else(|| format!("{s:?} is out of range"))?;
    Ok(RecordedTime {
        at: end.and_utc().timestamp(),
    })
}

/// A recorded time as RFC 3339 in UTC.
pub fn show(t: RecordedTime) -> String {
    DateTime::from_timestamp(t.at, 0).map_or_else(
        || t.at.to_string(),
        |d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn ymd(d: Date) -> (i32, u32, u32) {
        (d.year(), d.month(), d.day())
    }

    #[test]
    fn periods_have_two_ends() {
        assert_eq!(ymd(until("2024").unwrap()), (2024, 12, 31));
        assert_eq!(ymd(since("2024").unwrap()), (2024, 1, 1));
        assert_eq!(ymd(until("2024-02").unwrap()), (2024, 2, 29));
        assert_eq!(ymd(until("2023-12").unwrap()), (2023, 12, 31));
        assert_eq!(ymd(since("2024-03").unwrap()), (2024, 3, 1));
        assert_eq!(ymd(until("2024-03-05").unwrap()), (2024, 3, 5));
        assert_eq!(
            ymd(until("2024-03-05T23:30:00-05:00").unwrap()),
            (2024, 3, 5)
        );
        for bad in [
            "2024-13",
            "24",
            "2024-3",
            "2024-02-30",
            "March",
            "",
            "2024-03-05T",
        ] {
            assert!(until(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn recorded_times() {
        assert_eq!(recorded("1700000000").unwrap().at, 1_700_000_000);
        assert_eq!(recorded("1970-01-01").unwrap().at, 86_399);
        assert_eq!(recorded("1970").unwrap().at, 365 * 86_400 - 1);
        assert_eq!(recorded("1970-01-02T00:00:00Z").unwrap().at, 86_400);
        assert_eq!(show(RecordedTime { at: 86_400 }), "1970-01-02T00:00:00Z");
        assert!(recorded("yesterday").is_err());
    }
}
