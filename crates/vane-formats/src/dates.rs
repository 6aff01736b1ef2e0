//! A lenient date reader for dates found in pages, feeds and exports.

use chrono::{DateTime, Datelike};
use vane_core::Date;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Reads a publication date written in any of the common forms, keeping the
/// date as written (the local date; a time zone never shifts it):
///
/// - ISO 8601 / RFC 3339: `2023-01-25`, `2023-01-25T10:00:00-05:00`,
///   `2023-01-25 10:00:00`, `2023/01/25`, `2023.01.25`
/// - RFC 2822: `Wed, 25 Jan 2023 10:00:00 -0500`
/// - compact: `20230125`, `20230125103000` (GDELT)
/// - prose: `January 25, 2023`, `25 Jan 2023`, `Jan. 25, 2023 10:00 AM ET`
/// - Unix time in seconds or milliseconds (read as UTC).
///
/// Returns `None` for anything else, and for years outside 1800..=2200.
pub fn parse_date_lenient(v: &str) -> Option<Date> {
    let v = v.trim();
    if v.is_empty() || v.len() > 200 {
        return None;
    }
    let d = iso(v)
        .or_else(|| compact(v))
        .or_else(|| DateTime::parse_from_rfc2822(v).ok().map(|d| d.date_naive()))
        .or_else(|| prose(v))?;
    (1800..=2200).contains(&d.year()).then_some(d)
}

fn iso(v: &str) -> Option<Date> {
    if let Some(d) = vane_ingest::parse_date(v) {
        return Some(d);
    }
    let b = v.as_bytes();
    if b.len() < 10 || !b[..10].is_ascii() || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') || b[7] != sep {
        return None;
    }
    let rest = &v[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' ', '+', 'Z', 'z', ','])) {
        return None;
    }
    let y: i32 = v[..4].parse().ok()?;
    let m: u32 = v[5..7].parse().ok()?;
    let d: u32 = v[8..10].parse().ok()?;
    Date::from_ymd_opt(y, m, d)
}

fn compact(v: &str) -> Option<Date> {
    if !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match v.len() {
        8 | 12 | 14 => {
            let y: i32 = v[..4].parse().ok()?;
            let m: u32 = v[4..6].parse().ok()?;
            let d: u32 = v[6..8].parse().ok()?;
            Date::from_ymd_opt(y, m, d)
        }
        9 | 10 => DateTime::from_timestamp(v.parse().ok()?, 0).map(|d| d.date_naive()),
        13 => DateTime::from_timestamp_millis(v.parse().ok()?).map(|d| d.date_naive()),
        _ => None,
    }
}

fn prose(v: &str) -> Option<Date> {
    let tokens: Vec<&str> = v
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(40)
        .collect();
    let month_at = tokens.iter().position(|t| month(t).is_some())?;
    let m = month(tokens[month_at])?;
    let year = tokens
        .iter()
        .find(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))?
        .parse::<i32>()
        .ok()?;
    let day_of = |t: &str| -> Option<u32> {
        let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // "25th", "1st": a suffix must be an ordinal one.
        let suffix = &t[digits.len()..];
        if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
            return None;
        }
        digits.parse().ok().filter(|d| (1..=31).contains(d))
    };
    // "January 25, 2023" then "25 January 2023".
    let day = tokens
        .get(month_at + 1)
        .and_then(|t| day_of(t))
        .or_else(|| month_at.checked_sub(1).and_then(|i| day_of(tokens[i])))?;
    Date::from_ymd_opt(year, m, day)
}

fn month(t: &str) -> Option<u32> {
    if t.len() < 3 || !t.is_ascii() {
        return None;
    }
    let l = t.to_ascii_lowercase();
    let i = MONTHS.iter().position(|m| l.starts_with(m))?;
    // "March", "Mar", "Sept"; not "Mayor" or "Decade".
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][i];
    (l.len() == 3 || full == l || (i == 8 && l == "sept")).then_some(i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date_lenient(s).map(|d| d.to_string())
    }

    #[test]
    fn forms() {
        let want = Some("2023-01-25".to_string());
        for s in [
            "2023-01-25",
            "2023-01-25T10:00:00-05:00",
            "2023-01-25T23:30:00+09:00",
            "2023-01-25 10:00:00",
            "2023/01/25",
            "Wed, 25 Jan 2023 22:00:00 -0500",
            "Wed, 25 Jan 2023 22:00:00 GMT",
            "20230125",
            "20230125103000",
            "January 25, 2023",
            "Jan. 25, 2023 10:00 AM ET",
            "25 January 2023",
            "Wednesday 25th January 2023",
        ] {
            assert_eq!(d(s), want, "{s}");
        }
        for s in [
            "",
            "yesterday",
            "2023-02-30",
            "Mayor 5 2023",
            "99999999999999999999",
            "0000-01-01",
            "2023-01-2é",
            "2023-0é-25",
        ] {
            assert_eq!(d(s), None, "{s}");
        }
    }
}
