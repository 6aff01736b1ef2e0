//! Calendar arithmetic and TIMEX3 value formatting. No clock: every
//! function takes its reference date.

use chrono::{Datelike, Duration, Weekday};
use vane_core::Date;

pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd_opt(y, m, d)
}

pub(crate) fn day_value(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub(crate) fn month_value(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

pub(crate) fn year_value(y: i32) -> String {
    format!("{y:04}")
}

/// The ISO week value of the week containing `d` ("2025-W27").
pub(crate) fn week_value(d: Date) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub(crate) fn quarter_value(y: i32, q: u32) -> String {
    format!("{y:04}-Q{q}")
}

pub(crate) fn quarter_of(d: Date) -> u32 {
    (d.month() - 1) / 3 + 1
}

pub(crate) fn add_days(d: Date, n: i64) -> Date {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// (year, month) shifted by `n` months.
pub(crate) fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let k = y * 12 + (m as i32 - 1) + n;
    (k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
}

pub(crate) fn weekday_index(d: Date) -> u32 {
    d.weekday().num_days_from_monday()
}

fn last_day_of_month(y: i32, m: u32) -> Option<Date> {
    let (ny, nm) = add_months(y, m, 1);
    ymd(ny, nm, 1).map(|d| add_days(d, -1))
}

fn parse_num(s: &str) -> Option<i32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The closed day interval a TIMEX3 date value denotes, when it has one.
pub(crate) fn value_interval(v: &str) -> Option<(Date, Date)> {
    let v = v.split('T').next().unwrap_or(v);
    let parts: Vec<&str> = v.split('-').collect();
    match parts.as_slice() {
        [y] => {
            let n = parse_num(y)?;
            match y.len() {
                4 => Some((ymd(n, 1, 1)?, ymd(n, 12, 31)?)),
                3 => Some((ymd(n * 10, 1, 1)?, ymd(n * 10 + 9, 12, 31)?)),
                2 => Some((ymd(n * 100, 1, 1)?, ymd(n * 100 + 99, 12, 31)?)),
                _ => None,
            }
        }
        [y, p] => {
            let y = parse_num(y)?;
            if let Some(w) = p.strip_prefix('W') {
                let w = parse_num(w)? as u32;
                let mon = Date::from_isoywd_opt(y, w, Weekday::Mon)?;
                return Some((mon, add_days(mon, 6)));
            }
            if let Some(q) = p.strip_prefix('Q') {
                let q = parse_num(q)? as u32;
                if !(1..=4).contains(&q) {
                    return None;
                }
                let m = 3 * q - 2;
                return Some((ymd(y, m, 1)?, last_day_of_month(y, m + 2)?));
            }
            if let Some(h) = p.strip_prefix('H') {
                let h = parse_num(h)? as u32;
                if !(1..=2).contains(&h) {
                    return None;
                }
                let m = 6 * h - 5;
                return Some((ymd(y, m, 1)?, last_day_of_month(y, m + 5)?));
            }
            let m = parse_num(p)? as u32;
            Some((ymd(y, m, 1)?, last_day_of_month(y, m)?))
        }
        [y, w, we] if *we == "WE" => {
            let y = parse_num(y)?;
            let w = parse_num(w.strip_prefix('W')?)? as u32;
            let sat = Date::from_isoywd_opt(y, w, Weekday::Sat)?;
            Some((sat, add_days(sat, 1)))
        }
        [y, m, d] => {
            let d = ymd(parse_num(y)?, parse_num(m)? as u32, parse_num(d)? as u32)?;
            Some((d, d))
        }
        _ => None,
    }
}

/// The US federal fiscal year `fy`: October 1 of the year before to
/// September 30.
pub(crate) fn fiscal_year(fy: i32) -> Option<(Date, Date)> {
    Some((ymd(fy - 1, 10, 1)?, ymd(fy, 9, 30)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        let d = |y, m, dd| ymd(y, m, dd).unwrap();
        assert_eq!(
            value_interval("2025-W27"),
            Some((d(2025, 6, 30), d(2025, 7, 6)))
        );
        assert_eq!(
            value_interval("2013-Q1"),
            Some((d(2013, 1, 1), d(2013, 3, 31)))
        );
        assert_eq!(
            value_interval("2013-H2"),
            Some((d(2013, 7, 1), d(2013, 12, 31)))
        );
        assert_eq!(
            value_interval("199"),
            Some((d(1990, 1, 1), d(1999, 12, 31)))
        );
        assert_eq!(
            value_interval("2025-07-10TMO"),
            Some((d(2025, 7, 10), d(2025, 7, 10)))
        );
        assert_eq!(
            value_interval("2024-02"),
            Some((d(2024, 2, 1), d(2024, 2, 29)))
        );
        assert_eq!(value_interval("PAST_REF"), None);
        assert_eq!(
            value_interval("2025-W28-WE"),
            Some((d(2025, 7, 12), d(2025, 7, 13)))
        );
        assert_eq!(fiscal_year(2024), Some((d(2023, 10, 1), d(2024, 9, 30))));
    }
}
