//! Table tests: one `check(text, dct, expected)` per case. Fixtures are
//! written for these tests, never taken from an evaluation corpus.

use super::*;
use proptest::prelude::*;

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Extracts from `text` against `dct` and checks that the expression
/// marked by `[...]` in `marked` is found with exactly that span and
/// `value`.
fn check(marked: &str, dct: &str, value: &str) {
    let open = marked.find('[').expect("no [");
    let close = marked.find(']').expect("no ]");
    let text = format!("{}{}{}", &marked[..open], &marked[open + 1..close], &marked[close + 1..]);
    let span = open..close - 1;
    let got = extract(&text, Some(d(dct)));
    let hit = got.iter().find(|t| t.range.start == span.start && t.range.end == span.end);
    match hit {
        Some(t) => assert_eq!(t.value, value, "value of {:?} in {text:?}", &text[span.clone()]),
        None => panic!(
            "no timex {:?} in {text:?}; got {:?}",
            &text[span],
            got.iter().map(|t| (&text[t.range.range()], t.value.as_str())).collect::<Vec<_>>()
        ),
    }
}

fn check_interval(marked: &str, dct: &str, from: &str, to: &str) {
    let open = marked.find('[').unwrap();
    let close = marked.find(']').unwrap();
    let text = format!("{}{}{}", &marked[..open], &marked[open + 1..close], &marked[close + 1..]);
    let got = extract(&text, Some(d(dct)));
    let t = got.iter().find(|t| t.range.start == open && t.range.end == close - 1).expect("no timex");
    assert_eq!(t.interval, Some((d(from), d(to))), "interval of {:?}", t.value);
}

fn check_none(text: &str, dct: &str) {
    let got = extract(text, Some(d(dct)));
    assert!(got.is_empty(), "unexpected {:?}", got);
}

#[test]
fn debug_weekday() {
    check("Cuba predicted [Wednesday].", "2000-01-07", "2000-01-05");
}
