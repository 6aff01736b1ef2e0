//! Word lists: months, weekdays, numbers, units, tense cues.

pub(crate) fn month_full(w: &str) -> Option<u32> {
    Some(match w {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    })
}

/// Abbreviations that need a following period or capital letter.
pub(crate) fn month_abbr(w: &str) -> Option<u32> {
    Some(match w {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// Monday = 0.
pub(crate) fn weekday_full(w: &str) -> Option<u32> {
    Some(match w {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

pub(crate) fn weekday_abbr(w: &str) -> Option<u32> {
    Some(match w {
        "mon" => 0,
        "tue" | "tues" => 1,
        "wed" => 2,
        "thu" | "thur" | "thurs" => 3,
        "fri" => 4,
        "sat" => 5,
        "sun" => 6,
        _ => return None,
    })
}

pub(crate) fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

pub(crate) fn tens(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

pub(crate) fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => return None,
    })
}

pub(crate) fn is_ordinal_suffix(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A unit word and whether it is plural.
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Season code of TIMEX3 values.
pub(crate) fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Part-of-day code of TIMEX3 values.
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        "night" => "TNI",
        _ => return None,
    })
}

pub(crate) fn is_timezone(w: &str) -> bool {
    matches!(
        w,
        "gmt"
            | "utc"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "bst"
            | "cet"
    )
}

/// Verbs and auxiliaries that mark a clause as past tense.
pub(crate) fn is_past_cue(w: &str) -> bool {
    if matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "says"
            | "say"
            | "has"
            | "have"
            | "ago"
            | "told"
            | "met"
            | "went"
            | "came"
            | "took"
            | "made"
            | "gave"
            | "held"
            | "left"
            | "began"
            | "saw"
            | "got"
            | "found"
            | "sent"
            | "brought"
            | "thought"
            | "kept"
            | "lost"
            | "paid"
            | "won"
            | "spoke"
            | "wrote"
            | "fell"
            | "rose"
            | "struck"
            | "fled"
            | "led"
            | "fought"
            | "knew"
            | "became"
            | "stood"
            | "ran"
            | "sold"
            | "bought"
            | "felt"
            | "heard"
            | "meant"
            | "hit"
            | "shot"
            | "broke"
            | "chose"
            | "drove"
            | "flew"
            | "grew"
            | "hid"
            | "sank"
            | "sat"
            | "slid"
            | "swept"
            | "threw"
            | "tore"
            | "woke"
            | "wore"
            | "overtook"
            | "withdrew"
            | "forecast"
    ) {
        return true;
    }
    w.len() >= 5
        && w.ends_with("ed")
        && !matches!(
            w,
            "need"
                | "speed"
                | "indeed"
                | "hundred"
                | "united"
                | "proceed"
                | "exceed"
                | "succeed"
                | "breed"
                | "greed"
                | "embed"
                | "shred"
                | "expected"
                | "scheduled"
                | "supposed"
                | "hundreds"
                | "limited"
                | "based"
                | "related"
                | "interested"
                | "concerned"
                | "proposed"
                | "estimated"
                | "anticipated"
                | "intended"
                | "slated"
        )
}

/// Auxiliaries and verbs that mark a clause as future.
pub(crate) fn is_future_cue(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "shall"
            | "ll"
            | "expected"
            | "scheduled"
            | "plans"
            | "planned"
            | "planning"
            | "might"
            | "plan"
            | "slated"
            | "due"
            | "upcoming"
            | "intends"
            | "expects"
            | "expect"
            | "payable"
            | "tomorrow"
    )
}

pub(crate) fn is_present_cue(w: &str) -> bool {
    matches!(w, "is" | "are" | "am")
}
