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
    let text = format!(
        "{}{}{}",
        &marked[..open],
        &marked[open + 1..close],
        &marked[close + 1..]
    );
    let span = open..close - 1;
    let got = extract(&text, Some(d(dct)));
    let hit = got
        .iter()
        .find(|t| t.range.start == span.start && t.range.end == span.end);
    match hit {
        Some(t) => assert_eq!(
            t.value,
            value,
            "value of {:?} in {text:?}",
            &text[span.clone()]
        ),
        None => panic!(
            "no timex {:?} in {text:?}; got {:?}",
            &text[span],
            got.iter()
                .map(|t| (&text[t.range.range()], t.value.as_str()))
                .collect::<Vec<_>>()
        ),
    }
}

fn check_interval(marked: &str, dct: &str, from: &str, to: &str) {
    let open = marked.find('[').unwrap();
    let close = marked.find(']').unwrap();
    let text = format!(
        "{}{}{}",
        &marked[..open],
        &marked[open + 1..close],
        &marked[close + 1..]
    );
    let got = extract(&text, Some(d(dct)));
    let t = got
        .iter()
        .find(|t| t.range.start == open && t.range.end == close - 1)
        .expect("no timex");
    assert_eq!(
        t.interval,
        Some((d(from), d(to))),
        "interval of {:?}",
        t.value
    );
}

fn check_none(text: &str, dct: &str) {
    let got = extract(text, Some(d(dct)));
    assert!(got.is_empty(), "unexpected {:?}", got);
}

#[test]
fn explicit_dates() {
    let dct = "2025-07-10";
    check("They met on [July 10, 2025] in Rome.", dct, "2025-07-10");
    check("The talks began [Jan. 5] in Geneva.", dct, "2025-01-05");
    check("The report is dated [2025-07-10].", dct, "2025-07-10");
    check("He arrived on [10 July] with aides.", dct, "2025-07-10");
    check(
        "The treaty was signed in [March 1997] by both.",
        dct,
        "1997-03",
    );
    check(
        "Elections were held in [1998], officials said.",
        dct,
        "1998",
    );
    check(
        "The order dated [7/4/2024] was rescinded.",
        dct,
        "2024-07-04",
    );
}

#[test]
fn months_follow_tense() {
    check(
        "The ministers met in [June] to discuss aid.",
        "2025-03-10",
        "2024-06",
    );
    check(
        "The ministers will meet in [June] to discuss aid.",
        "2025-03-10",
        "2025-06",
    );
    check(
        "The ministers will meet in [January] to discuss aid.",
        "2025-11-10",
        "2026-01",
    );
    check(
        "The vote took place in [December].",
        "2025-01-20",
        "2024-12",
    );
}

#[test]
fn weekdays_follow_tense() {
    // 2025-07-10 is a Thursday.
    check(
        "Rubio met with Lavrov on [Thursday] in Malaysia.",
        "2025-07-10",
        "2025-07-10",
    );
    check(
        "Rubio met with Lavrov on [Tuesday] in Malaysia.",
        "2025-07-10",
        "2025-07-08",
    );
    check(
        "Rubio will travel on [Thursday] to Rome.",
        "2025-07-08",
        "2025-07-10",
    );
    check(
        "Rubio will travel to Rome on [Monday].",
        "2025-07-10",
        "2025-07-14",
    );
    check(
        "The minister said [Friday] that talks continue.",
        "2025-07-10",
        "2025-07-04",
    );
    check(
        "The summit is on [Saturday] in Paris.",
        "2025-07-10",
        "2025-07-12",
    );
    // No tense: the nearest one.
    check(
        "Summit talks on [Saturday] in Paris.",
        "2025-07-10",
        "2025-07-12",
    );
    check(
        "Summit talks on [Tuesday] in Paris.",
        "2025-07-10",
        "2025-07-08",
    );
    check(
        "The minister spoke [last Thursday] in Paris.",
        "2025-07-10",
        "2025-07-03",
    );
    check(
        "The minister speaks [next Thursday] in Paris.",
        "2025-07-10",
        "2025-07-17",
    );
}

#[test]
fn seed_case() {
    let text = "U.S. Secretary of State Marco Rubio met with Russian Foreign Minister Sergey Lavrov on \
Thursday on the sidelines of the ASEAN summit in Malaysia. The meeting comes just days after President \
Donald Trump expressed palpable frustration. Last week, the defense secretary directed a pause. His \
comments this week have been sharp.";
    let dct = d("2025-07-10");
    let got = extract(text, Some(dct));
    let find = |s: &str| {
        got.iter()
            .find(|t| &text[t.range.range()] == s)
            .unwrap_or_else(|| panic!("no {s:?} in {got:?}"))
    };
    assert_eq!(find("Thursday").value, "2025-07-10");
    let lw = find("Last week");
    assert_eq!(lw.value, "2025-W27");
    assert_eq!(lw.interval, Some((d("2025-06-30"), d("2025-07-06"))));
    let tw = find("this week");
    assert_eq!(tw.value, "2025-W28");
    assert_eq!(tw.interval.map(|i| i.0), Some(d("2025-07-07")));
    let days = find("days");
    assert_eq!(days.value, "PAST_REF");
    let (from, to) = days.interval.unwrap();
    assert!(from < dct && to < dct && from >= d("2025-07-01"));
}

#[test]
fn calendar_units() {
    let dct = "2025-07-10";
    check("Prices rose [last week] sharply.", dct, "2025-W27");
    check("Prices will rise [next week] sharply.", dct, "2025-W29");
    check("Prices rose [this week] sharply.", dct, "2025-W28");
    check("Prices rose [last month] sharply.", dct, "2025-06");
    check("Prices will rise [next year] sharply.", dct, "2026");
    check("Prices rose [this year] sharply.", dct, "2025");
    check("Sales rose [earlier this month] sharply.", dct, "2025-07");
    check("Sales fell [late last year] sharply.", dct, "2024");
    check_interval(
        "Prices rose [last week] sharply.",
        dct,
        "2025-06-30",
        "2025-07-06",
    );
    check_interval(
        "Prices rose [last month] sharply.",
        dct,
        "2025-06-01",
        "2025-06-30",
    );
    check(
        "The meeting was held [the weekend] before.",
        "2025-07-14",
        "2025-W28-WE",
    );
}

#[test]
fn deictic_words() {
    let dct = "2025-07-10";
    check("The envoy arrived [today] in Kyiv.", dct, "2025-07-10");
    check("The envoy arrived [yesterday] in Kyiv.", dct, "2025-07-09");
    check("The envoy arrives [tomorrow] in Kyiv.", dct, "2025-07-11");
    check("The envoy speaks [tonight] in Kyiv.", dct, "2025-07-10TNI");
    check("The envoy is [now] in Kyiv.", dct, "PRESENT_REF");
    check("The envoy [recently] visited Kyiv.", dct, "PAST_REF");
    check(
        "The envoy visited Kyiv [this morning].",
        dct,
        "2025-07-10TMO",
    );
    check("The envoy visited Kyiv [last night].", dct, "2025-07-09TNI");
    check(
        "Talks could resume in [the coming weeks].",
        dct,
        "FUTURE_REF",
    );
}

#[test]
fn ago_and_vague() {
    let dct = "2025-07-10";
    check(
        "The deal was struck [two weeks ago] in Doha.",
        dct,
        "2025-W26",
    );
    check("The deal was struck [two years ago] in Doha.", dct, "2023");
    check(
        "The deal was struck [five months ago] in Doha.",
        dct,
        "2025-02",
    );
    check(
        "The deal was struck [10 days ago] in Doha.",
        dct,
        "2025-06-30",
    );
    check(
        "The deal was struck [a few days ago] in Doha.",
        dct,
        "PAST_REF",
    );
    check_interval(
        "The deal was struck [a few days ago] in Doha.",
        dct,
        "2025-07-03",
        "2025-07-09",
    );
}

#[test]
fn quarters_halves_fiscal_decades() {
    let dct = "2013-04-20";
    check(
        "Revenue rose in [the first quarter], the company said.",
        dct,
        "2013-Q1",
    );
    check(
        "Revenue rose in [2013-Q1], the company said.",
        dct,
        "2013-Q1",
    );
    check(
        "Revenue rose in [the third quarter of 2012].",
        dct,
        "2012-Q3",
    );
    check("Revenue rose in [H1] on strong sales.", dct, "2013-H1");
    check("Revenue rose in [the first half of 2012].", dct, "2012-H1");
    check("Spending rose in [the 1990s] steadily.", dct, "199");
    check("Spending rose in [fiscal 2012] steadily.", dct, "2012");
    check_interval(
        "The budget for [FY2024] was cut.",
        dct,
        "2023-10-01",
        "2024-09-30",
    );
}

#[test]
fn durations() {
    let dct = "2025-07-10";
    check("The strike lasted [three days] in all.", dct, "P3D");
    check("He served [two years] in prison.", dct, "P2Y");
    check(
        "Prices rose over [the past six months] steadily.",
        dct,
        "P6M",
    );
    check("It was a [two-year] program.", dct, "P2Y");
    check("The talks lasted [2 1/2 years] in all.", dct, "P2Y6M");
    check("The siege lasted [16 hours] in all.", dct, "PT16H");
    check("It took [about a decade] to build.", dct, "P10Y");
    check("Talks lasted for [weeks] without result.", dct, "PXW");
}

#[test]
fn sets() {
    let dct = "2025-07-10";
    check("The council meets [every week] in Brussels.", dct, "P1W");
    check("The paper is published [daily] in Hanoi.", dct, "P1D");
    check("The figures are released [weekly] by the bank.", dct, "P1W");
    check(
        "The board meets [every Thursday] at noon.",
        dct,
        "XXXX-WXX-4",
    );
}

#[test]
fn times_of_day() {
    let dct = "2025-07-10";
    check(
        "The vote closed at [4:03 P.M.] sharp.",
        dct,
        "2025-07-10T16:03",
    );
    check(
        "The vote closed at [10 a.m. EDT Wednesday] sharp.",
        dct,
        "2025-07-09T10:00",
    );
    check("The vote closed at [noon] sharp.", dct, "2025-07-10T12:00");
}

#[test]
fn narrative_anaphora() {
    let dct = "2000-01-20";
    check(
        "He fled in June 1998 and returned [later that year].",
        dct,
        "1998",
    );
    check(
        "She was shot on Oct. 23, 1998. [That day], police searched.",
        dct,
        "1998-10-23",
    );
    check(
        "She was shot on Oct. 23, 1998, at [10 p.m.] in her home.",
        dct,
        "1998-10-23T22:00",
    );
    check(
        "The rebels took the town in June 1998. [The following month], talks began.",
        dct,
        "1998-07",
    );
}

#[test]
fn seasons_spoken_years_year_end() {
    let dct = "1989-10-26";
    check("Sales slowed during [the summer], it said.", dct, "1989-SU");
    check(
        "Prices fell in [the winter of nineteen ninety-four].",
        dct,
        "1994-WI",
    );
    check(
        "It happened in [nineteen seventy-nine], he said.",
        dct,
        "1979",
    );
    check("The deal should close by [year-end].", dct, "1989");
    check("The sale will close [next spring].", dct, "1990-SP");
}

#[test]
fn financial_quarters() {
    let dct = "1989-10-26";
    check(
        "Profit in the third quarter rose to $5 million from $4 million [a year earlier].",
        dct,
        "1988-Q3",
    );
    check("Net income for [the quarter] rose 5%.", dct, "1989-Q3");
    check("Profit rose 5% [a year ago].", dct, "1988");
    check(
        "The dividend is payable [Dec. 15] to holders.",
        dct,
        "1989-12-15",
    );
}

#[test]
fn ages_and_fractions_are_not_durations() {
    check_none("Mr. Smith, 52 years old, will retire.", "2025-07-10");
    check_none(
        "About three-quarters of the shares were sold.",
        "2025-07-10",
    );
}

#[test]
fn no_dct_keeps_values_unresolved() {
    let got = extract("They met on Thursday and will meet next week.", None);
    let vals: Vec<&str> = got.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(vals, ["XXXX-WXX-4", "XXXX-WXX"]);
}

#[test]
fn not_time_expressions() {
    check_none("The 1500 troops may leave; he will march on.", "2025-07-10");
    check_none("", "2025-07-10");
}

/// Every timex of `text` (as text spans) against `dct`.
fn spans(text: &str, dct: &str) -> Vec<String> {
    extract(text, Some(d(dct)))
        .iter()
        .map(|t| text[t.range.range()].to_string())
        .collect()
}

#[test]
fn tense_cues_in_news() {
    // 2025-07-10 is a Thursday. Modal "could" and "would" (reported
    // speech) are no future cues.
    check(
        "Neither he nor his parents could be located [Wednesday] in their hometown.",
        "2025-07-10",
        "2025-07-09",
    );
    check(
        "The relatives said they would look for ways around [Wednesday]'s ruling.",
        "2025-07-10",
        "2025-07-09",
    );
    // "next to" is no future cue.
    check(
        "Talks in the building next to the embassy on [Tuesday].",
        "2025-07-10",
        "2025-07-08",
    );
    // "vs." does not end the sentence: the verb after it is the cue.
    check(
        "In [January], a week after the anniversary of Roe vs. Wade, a bomb in Birmingham, Ala., killed a guard.",
        "2025-10-25",
        "2025-01",
    );
    // A clock time with a weekday takes the tense around the clock time.
    check(
        "The father will leave at 4 in the morning ([4 a.m. EDT Thursday]),'' the president said.",
        "2025-07-09",
        "2025-07-10T04:00",
    );
}

#[test]
fn more_tense_cues() {
    // 2025-07-14 is a Monday. An untensed weekday is the past one unless
    // the next one is nearer by two days.
    check(
        "A 24% premium over [Thursday]'s closing price.",
        "2025-07-14",
        "2025-07-10",
    );
    check(
        "A 24% premium over [Tuesday]'s closing price.",
        "2025-07-14",
        "2025-07-15",
    );
    // "expect" and "payable" look ahead, past "said" and "declared".
    check(
        "They said they expect the sale to be completed by [Dec. 15].",
        "2025-10-31",
        "2025-12-15",
    );
    check(
        "The company declared a dividend, payable [Dec. 15] to holders.",
        "2025-10-31",
        "2025-12-15",
    );
    // The noun "plan" is no future cue; "had been scheduled" is past.
    check(
        "The thrift announced the plan [Aug. 21].",
        "2025-10-27",
        "2025-08-21",
    );
    check(
        "The offer had been scheduled to expire [Friday].",
        "2025-07-14",
        "2025-07-11",
    );
}

#[test]
fn until_looks_ahead_unless_it_opens_the_sentence() {
    // 2025-07-11 is a Friday.
    check(
        "Until [Thursday], they had not called him a suspect.",
        "2025-07-11",
        "2025-07-10",
    );
    check(
        "The relatives have until [Thursday] to sign the paper.",
        "2025-07-11",
        "2025-07-17",
    );
}

#[test]
fn participles_used_as_adjectives_are_no_cues() {
    // 2025-07-14 is a Monday.
    check(
        "On [Friday], when she set aside vacation plans for the hastily planned trip, aides wrote.",
        "2025-07-14",
        "2025-07-11",
    );
}

#[test]
fn weekday_parts_of_day() {
    // "Friday morning" and "Friday night" are the news day; "evening"
    // and "afternoon" keep their part.
    check(
        "A bomb ripped through the building [Friday morning].",
        "2025-07-12",
        "2025-07-11",
    );
    check(
        "The doctor was shot in his kitchen [Friday night].",
        "2025-07-12",
        "2025-07-11",
    );
    check(
        "The minister spoke [Friday evening] in Paris.",
        "2025-07-12",
        "2025-07-11TEV",
    );
}

#[test]
fn holidays_with_movable_dates() {
    check(
        "Protesters prayed as [Easter week] began.",
        "2000-04-17",
        "2000-W16",
    );
    check(
        "The pope will speak on [Easter Sunday].",
        "2025-04-10",
        "2025-04-20",
    );
    check(
        "Shops will close on [Good Friday].",
        "2025-04-10",
        "2025-04-18",
    );
    check(
        "A major theme of our campaign from now to [Election Day].",
        "1998-10-26",
        "1998-11-03",
    );
    check(
        "Voters go to the polls on [Election Day].",
        "2024-10-01",
        "2024-11-05",
    );
}

#[test]
fn coordinated_second_day() {
    check(
        "The summit will be held on April 24 and [25].",
        "2025-02-10",
        "2025-04-25",
    );
    assert_eq!(
        spans(
            "Rates rose on May 3 and 25 percent of banks cut.",
            "2025-07-10"
        ),
        vec!["May 3"]
    );
    assert_eq!(
        spans(
            "Voting is on May 3 and 4-year terms begin later.",
            "2025-07-10"
        ),
        vec!["May 3", "4-year"]
    );
}

#[test]
fn names_and_discourse_markers_are_not_times() {
    check_none("Now, the minister said, talks can resume.", "2025-07-10");
    check_none("He said: ``Currently, we see no risk.''", "2025-07-10");
    check_none(
        "The group started a series of ``Spring of Life'' demonstrations.",
        "2025-07-10",
    );
    check_none(
        "Baker, speaking on ABC News' ``This Week,'' gave no details.",
        "2025-07-10",
    );
    assert_eq!(
        spans(
            "Three doctors were killed, most recently last October in Buffalo.",
            "2025-07-10"
        ),
        vec!["last October"]
    );
    assert_eq!(
        spans(
            "Police arrested him in the early hours of Thursday morning.",
            "2025-07-12"
        ),
        vec!["Thursday morning"]
    );
    // Mid-sentence "now" still is the present.
    check("Talks can [now] resume.", "2025-07-10", "PRESENT_REF");
}

#[test]
fn multibyte_text_is_safe() {
    let text = "Путин’s “talks” on Thursday — é 2025年 ‘90s";
    for t in extract(text, Some(d("2025-07-10"))) {
        assert!(text.is_char_boundary(t.range.start) && text.is_char_boundary(t.range.end));
    }
}

fn relative_phrases() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "They met on Thursday.",
        "They will meet on Monday.",
        "Prices rose last week.",
        "Prices will rise next month.",
        "The deal was signed two weeks ago.",
        "They met in June.",
        "He arrived yesterday.",
        "Sales rose in the third quarter.",
        "They met last year.",
        "The vote is this week.",
        "The strike ended a few days ago.",
        "Talks on Thursday in Paris.",
        "Elections in June, officials say.",
        "A summit in the summer.",
        "Revenue for the quarter.",
    ])
}

proptest! {
    #[test]
    fn extract_never_panics(s in "\\PC{0,200}", days in 0i64..40000) {
        let dct = d("1950-01-01") + chrono::Duration::days(days);
        for t in extract(&s, Some(dct)) {
            prop_assert!(t.range.end <= s.len());
            prop_assert!(s.is_char_boundary(t.range.start) && s.is_char_boundary(t.range.end));
        }
        let _ = extract(&s, None);
    }

    #[test]
    fn extract_never_panics_on_timey_noise(parts in prop::collection::vec(prop::sample::select(vec![
        "Jan", ".", "5", ",", "1990", "s", "'", "the", "last", "next", "week", "Q", "-", "/", "3", "a", "m",
        "p", "FY", "H", "1", "ago", "days", "every", "Thursday", "morning", ":", "30", "half", "of", " ",
        "fiscal", "year", "earlier", "é", "’", "quarter", "third", "12", "31", "2024",
    ]), 0..30), days in 0i64..40000) {
        let s: String = parts.concat();
        let dct = d("1950-01-01") + chrono::Duration::days(days);
        let _ = extract(&s, Some(dct));
    }

    #[test]
    fn relative_resolution_is_monotonic(text in relative_phrases(), a in 0i64..20000, gap in 0i64..3000) {
        let d1 = d("1960-01-01") + chrono::Duration::days(a);
        let d2 = d1 + chrono::Duration::days(gap);
        let t1 = extract(text, Some(d1));
        let t2 = extract(text, Some(d2));
        prop_assert_eq!(t1.len(), t2.len());
        for (x, y) in t1.iter().zip(&t2) {
            if let (Some(i1), Some(i2)) = (x.interval, y.interval) {
                prop_assert!(i1.0 <= i2.0, "{} at {} -> {:?}, at {} -> {:?}", text, d1, i1, d2, i2);
            }
        }
    }
}

#[test]
fn a_day_is_a_full_date_not_a_month_or_a_year() {
    let found = extract(
        "On January 22, 2024, forces struck; in March 2024 and in 2023 they had not.",
        Some(d("2024-06-01")),
    );
    let days: Vec<(&str, bool)> = found
        .iter()
        .map(|t| (t.value.as_str(), t.is_day()))
        .collect();
    assert_eq!(
        days,
        [("2024-01-22", true), ("2024-03", false), ("2023", false)]
    );
}

#[test]
fn numbered_texts_and_bodies_are_not_years() {
    for text in [
        "consistent with UNSCR 1701 during this period",
        "under Resolution 2231, which endorsed the deal",
        "Section 1862 of title 19 allows it",
        "the mandate of the U.N. 1718 Committee Panel of Experts",
    ] {
        let found = extract(text, Some(d("2024-09-25")));
        assert!(found.is_empty(), "{text}: {found:?}");
    }
    check("the crisis of [1962] was long", "2024-09-25", "1962");
}
