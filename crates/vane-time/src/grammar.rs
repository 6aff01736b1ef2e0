//! The rules: a hand-written matcher over tokens. At each token the rules
//! are tried and the longest match wins; the matched expression is
//! normalized at once against the document creation time (DCT) and the
//! tense of its clause.

use chrono::Datelike;
use vane_core::Date;

use crate::cal::*;
use crate::lexicon::*;
use crate::token::{Kind, Tok};
use crate::TimexType;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

/// A match: tokens `[start, end)`.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    /// An interval that the value alone does not give (fiscal years,
    /// vague past references).
    pub interval: Option<(Date, Date)>,
    /// Whether a determiner ("the") in front belongs to the expression.
    pub det: bool,
    /// Whether the value is anchored in the text (not derived from an
    /// earlier mention), so that later mentions may refer back to it.
    pub anchor: bool,
}

impl Hit {
    fn new(start: usize, end: usize, kind: TimexType, value: String) -> Hit {
        Hit {
            start,
            end,
            kind,
            value,
            interval: None,
            det: true,
            anchor: true,
        }
    }
    fn date(start: usize, end: usize, value: String) -> Hit {
        Hit::new(start, end, TimexType::Date, value)
    }
    fn no_det(mut self) -> Hit {
        self.det = false;
        self
    }
    fn derived(mut self) -> Hit {
        self.anchor = false;
        self
    }
}

/// A quantity: a number, a number and a half, or an unspecified amount.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Qty {
    N(u32),
    Half(u32),
    X,
}

pub(crate) struct Parser<'a> {
    t: &'a [Tok<'a>],
    dct: Option<Date>,
    /// The last quarter mentioned (year, quarter) and the token where it ended.
    last_quarter: Option<(i32, u32, usize)>,
    /// The narrative's reference date: the last explicit date mentioned
    /// (year, month, day; month and day when given).
    last_date: Option<(i32, Option<u32>, Option<u32>)>,
}

const EMPTY: &str = "";

impl<'a> Parser<'a> {
    pub fn new(t: &'a [Tok<'a>], dct: Option<Date>) -> Parser<'a> {
        Parser {
            t,
            dct,
            last_quarter: None,
            last_date: None,
        }
    }

    fn lw(&self, i: usize) -> &str {
        self.t.get(i).map_or(EMPTY, |t| &*t.lower)
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.lw(i) == w
    }
    /// Token `i` exists and is glued to the previous one.
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }
    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.is_cap())
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.t.get(i).map(|t| t.kind)
    }
    fn num(&self, i: usize) -> Option<u32> {
        self.t.get(i).and_then(|t| t.num())
    }
    fn ndigits(&self, i: usize) -> usize {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Num => t.text.len(),
            _ => 0,
        }
    }
    fn is_apos(&self, i: usize) -> bool {
        matches!(self.lw(i), "'" | "’" | "`")
    }

    /// Runs the matcher over the whole token list.
    pub fn run(&mut self) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            if self.starts_inside_word(i) {
                i += 1;
                continue;
            }
            match self.at(i).filter(|h| !self.spurious(h)) {
                Some(h) if h.end > i => {
                    i = h.end;
                    if let Some((y, q)) = parse_quarter(&h.value).filter(|_| h.anchor) {
                        self.last_quarter = Some((y, q, h.end));
                    }
                    if h.anchor && h.kind == TimexType::Date {
                        if let Some(r) = parse_date_parts(&h.value) {
                            self.last_date = Some(r);
                        }
                    }
                    let second = self.second_day(&h);
                    out.push(h);
                    if let Some(h2) = second {
                        i = h2.end;
                        out.push(h2);
                    }
                }
                _ => i += 1,
            }
        }
        out
    }

    /// "April 24 and 25": the second day of a coordinated pair, after a
    /// "Month D" hit, with the first day's month and year.
    fn second_day(&self, h: &Hit) -> Option<Hit> {
        let last = h.end.checked_sub(1)?;
        if h.value.len() != 10
            || self.kind(last) != Some(Kind::Num)
            || self.ndigits(last) > 2
            || month_full(self.lw(h.start))
                .or_else(|| month_abbr(self.lw(h.start)))
                .is_none()
        {
            return None;
        }
        let (c, j) = (h.end, h.end + 1);
        if !matches!(self.lw(c), "and" | "or" | "&") || self.kind(j) != Some(Kind::Num) {
            return None;
        }
        let d = self.num(j)?;
        let glued_on = self.glued(j + 1)
            && matches!(self.kind(j + 1), Some(Kind::Num) | Some(Kind::Word))
            || self.is(j + 1, "-");
        if self.ndigits(j) > 2 || !(1..=31).contains(&d) || glued_on {
            return None;
        }
        // "April 24 and 25 percent", "May 3 and 4 p.m.": not a day.
        let next = self.lw(j + 1);
        if unit(next).is_some()
            || matches!(
                next,
                "percent" | "%" | "a" | "p" | "am" | "pm" | "of" | "per" | "million"
            )
        {
            return None;
        }
        let (y, m, _) = parse_date_parts(&h.value)?;
        let date = ymd(y, m?, d)?;
        Some(Hit::date(j, j + 1, day_value(date)).no_det())
    }

    /// Matches that look like time expressions but are not: titles ("60 Minutes",
    /// "High Noon"), generic "today's".
    fn spurious(&self, h: &Hit) -> bool {
        let first = &self.t[h.start];
        let prev = if h.start > 0 {
            self.lw(h.start - 1)
        } else {
            EMPTY
        };
        if first.lower == "noon" && prev == "high" {
            return true;
        }
        if h.kind == TimexType::Duration
            && h.end > 0
            && self.cap(h.end - 1)
            && self.kind(h.start) == Some(Kind::Num)
        {
            return true;
        }
        if first.lower == "today" && self.is_apos(h.end) && self.is(h.end + 1, "s") {
            return true;
        }
        if first.lower == "earlier" && h.end == h.start + 1 {
            return true;
        }
        // A title: ABC's "This Week"; in running text only the first word
        // of "This week" can be capitalized.
        if h.end == h.start + 2
            && first.lower == "this"
            && self.cap(h.start + 1)
            && unit(self.lw(h.start + 1)).is_some()
        {
            return true;
        }
        // "most recently": the latest instance, not a time.
        if first.lower == "recently" && prev == "most" {
            return true;
        }
        // "the early hours of Thursday": the day is the expression.
        if h.end == h.start + 1
            && first.lower == "hours"
            && matches!(prev, "early" | "wee" | "small")
            && self.is(h.end, "of")
        {
            return true;
        }
        // A capitalized season in a name: "Spring of Life" demonstrations.
        if h.end == h.start + 1
            && first.is_cap()
            && season(&first.lower).is_some()
            && self.is(h.end, "of")
            && self.cap(h.end + 1)
            && self.kind(h.end + 1) == Some(Kind::Word)
            && month_full(self.lw(h.end + 1)).is_none()
        {
            return true;
        }
        false
    }

    /// Token `i` continues a number or word (`1,500`, `3.5`, `x1990`).
    fn starts_inside_word(&self, i: usize) -> bool {
        if i == 0 || !self.glued(i) {
            return false;
        }
        let prev = &self.t[i - 1];
        if prev.kind != Kind::Punct {
            return true;
        }
        if matches!(prev.text, "." | "," | "/" | ":") && i >= 2 && self.glued(i - 1) {
            return self.t[i - 2].kind == Kind::Num;
        }
        // `$1990`, `#2`
        matches!(prev.text, "$" | "#" | "£" | "€")
    }

    /// The best match starting at token `i`.
    fn at(&self, i: usize) -> Option<Hit> {
        if !self.could_start(i) {
            return None;
        }
        let w = self.lw(i);
        // A determiner in front.
        if w == "the" {
            if let Some(h) = self.core(i + 1, true) {
                if h.det && h.start == i + 1 {
                    return Some(Hit { start: i, ..h });
                }
            }
        }
        // Approximators and bounds in front of durations and "ago" dates.
        if let Some(k) = self.approx_len(i) {
            let j = i + k;
            let inner = if self.is(j, "the") {
                self.core(j + 1, true)
                    .filter(|h| h.det)
                    .map(|h| Hit { start: j, ..h })
            } else {
                self.core(j, false)
            };
            if let Some(h) = inner {
                if h.kind == TimexType::Duration || h.value_is_ago() {
                    return Some(Hit { start: i, ..h });
                }
            }
        }
        self.core(i, false)
    }

    /// A cheap filter: only numbers, apostrophes and words of the
    /// lexicon can start an expression.
    fn could_start(&self, i: usize) -> bool {
        let Some(t) = self.t.get(i) else {
            return false;
        };
        match t.kind {
            Kind::Num => true,
            Kind::Punct => self.is_apos(i),
            Kind::Word => {
                let w: &str = &t.lower;
                month_full(w).is_some()
                    || month_abbr(w).is_some()
                    || weekday_full(w).is_some()
                    || weekday_abbr(w).is_some()
                    || small_number(w).is_some()
                    || tens(w).is_some()
                    || ordinal(w).is_some()
                    || unit(w).is_some()
                    || season(w).is_some()
                    || part_of_day(w).is_some()
                    || is_trigger(w)
            }
        }
    }

    /// Length in tokens of an approximator at `i` ("about", "more than").
    fn approx_len(&self, i: usize) -> Option<usize> {
        match self.lw(i) {
            "about" | "around" | "nearly" | "almost" | "approximately" | "roughly" | "under"
            | "some" | "within" => Some(1),
            "more" | "less" | "fewer" if self.is(i + 1, "than") => Some(2),
            "at" if matches!(self.lw(i + 1), "least" | "most") => Some(2),
            "up" if self.is(i + 1, "to") => Some(2),
            "no" if matches!(self.lw(i + 1), "more" | "less") && self.is(i + 2, "than") => Some(3),
            _ => None,
        }
    }

    /// Rules at token `i`; `det` says a determiner precedes.
    fn core(&self, i: usize, det: bool) -> Option<Hit> {
        if i >= self.t.len() {
            return None;
        }
        if !self.could_start(i) {
            return None;
        }
        let w = self.lw(i);
        // Position modifiers: included, value unchanged.
        if matches!(w, "early" | "late" | "mid" | "earlier" | "later" | "middle")
            || (w == "end" && self.is(i + 1, "of"))
        {
            let mut j = i + 1;
            if self.is(j, "-") {
                j += 1;
            }
            if matches!(w, "end" | "middle") && self.is(j, "of") {
                j += 1;
            }
            if self.is(j, "in") && self.is(j + 1, "the") && w.starts_with("earl") {
                j += 2;
            }
            if j < self.t.len() {
                let inner = if self.is(j, "the") {
                    self.core(j + 1, true).map(|h| Hit { start: j, ..h })
                } else {
                    self.core(j, false)
                };
                if let Some(h) = inner {
                    if h.kind == TimexType::Date || h.kind == TimexType::Time {
                        return Some(Hit {
                            start: i,
                            det: true,
                            ..h
                        });
                    }
                }
            }
            if matches!(w, "earlier" | "later") && self.cap(i) && !det {
                // "Earlier, ..." sentence-initially.
                if self.is(i + 1, ",") {
                    let v = if w == "earlier" {
                        "PAST_REF"
                    } else {
                        "FUTURE_REF"
                    };
                    return Some(Hit::date(i, i + 1, v.into()));
                }
            }
        }
        if (w == "beginning" || w == "start") && self.is(i + 1, "of") {
            let inner = if self.is(i + 2, "the") {
                self.core(i + 3, true).map(|h| Hit { start: i + 2, ..h })
            } else {
                self.core(i + 2, false)
            };
            if let Some(h) = inner {
                if h.kind == TimexType::Date && det {
                    return Some(Hit { start: i, ..h });
                }
            }
        }
        let cands = [
            self.anaphoric(i, det),
            self.the_unit(i, det),
            self.iso(i),
            self.time_of_day(i),
            self.month_date(i),
            self.day_month(i),
            self.weekday(i, None),
            self.relative(i, det),
            self.deictic(i, det),
            self.quarter(i, det),
            self.year(i, det),
            self.ago(i),
            self.duration(i, det),
            self.set(i),
            self.holiday(i),
            self.season_or_year_end(i),
            self.spoken_year(i),
        ];
        let mut best: Option<Hit> = None;
        for h in cands.into_iter().flatten() {
            if h.start != i {
                continue;
            }
            if best.as_ref().is_none_or(|b| h.end > b.end) {
                best = Some(h);
            }
        }
        best
    }

    // ----------------------------------------------------------------
    // Tense

    /// The tense of the clause around tokens `[s, e)`: the nearest cue to
    /// the left, else the nearest to the right, within the sentence.
    pub(crate) fn tense(&self, s: usize, e: usize) -> Tense {
        let mut j = s;
        let mut steps = 0;
        while j > 0 && steps < 12 {
            j -= 1;
            steps += 1;
            if self.is_boundary(j) {
                break;
            }
            if let Some(t) = self.cue(j) {
                return t;
            }
        }
        let mut j = e;
        steps = 0;
        while j < self.t.len() && steps < 30 {
            if self.is_boundary(j) {
                break;
            }
            if let Some(t) = self.cue(j) {
                return t;
            }
            j += 1;
            steps += 1;
        }
        Tense::Unknown
    }

    fn is_boundary(&self, j: usize) -> bool {
        let t = &self.t[j];
        if t.newline_before && j > 0 && self.t[j - 1].text == "\n" {
            return true;
        }
        match t.text {
            ";" | "!" | "?" | "``" | "\"" | "“" | "”" => true,
            "." => {
                // An abbreviation ("Jan.", "U.S.") is not a boundary.
                let prev_short = j > 0
                    && self.t[j - 1].kind == Kind::Word
                    && (self.t[j - 1].text.len() == 1
                        || self.t[j - 1].text.len() <= 3 && self.t[j - 1].is_cap()
                        || is_title_abbr(self.lw(j - 1)));
                !prev_short
            }
            _ => false,
        }
    }

    fn cue(&self, j: usize) -> Option<Tense> {
        let w = self.lw(j);
        if w == "won" && self.is_apos(j + 1) {
            return Some(Tense::Future);
        }
        if w == "ll" && j > 0 && self.is_apos(j - 1) {
            return Some(Tense::Future);
        }
        if w == "going" && self.is(j + 1, "to") {
            return Some(Tense::Future);
        }
        if w == "ll" {
            return None;
        }
        // "as early as Tuesday", "as soon as Monday", "until Friday".
        if (w == "early" || w == "soon") && j > 0 && self.is(j - 1, "as") && self.is(j + 1, "as") {
            return Some(Tense::Future);
        }
        // "until Friday" looks ahead, but a sentence that opens with it
        // ("Until Thursday, they had not called him a suspect") takes the
        // tense of its verb.
        if matches!(w, "until" | "till") {
            let opens = j == 0 || self.is_boundary(j - 1) || self.t[j].newline_before;
            return if opens { None } else { Some(Tense::Future) };
        }
        // A participle after "be" ("will be held") says nothing; the
        // auxiliary further left does.
        if is_past_cue(w)
            && j > 0
            && matches!(
                self.lw(j - 1),
                "be" | "being" | "been" | "is" | "are" | "was" | "were" | "am"
            )
        {
            return None;
        }
        // "announced the plan", "vacation plans": the noun is no cue.
        if matches!(w, "plan" | "plans")
            && j > 0
            && matches!(
                self.lw(j - 1),
                "the" | "a" | "its" | "his" | "her" | "their" | "our" | "vacation" | "peace"
            )
        {
            return None;
        }
        // "a planned merger", "the hastily planned trip": an adjective.
        if is_future_cue(w) && w.ends_with("ed") && j > 0 {
            let mut k = j - 1;
            if self.lw(k).ends_with("ly") && k > 0 {
                k -= 1;
            }
            if matches!(self.lw(k), "the" | "a" | "an") {
                return None;
            }
        }
        // "had been scheduled to expire Friday": the plan is in the past.
        if is_future_cue(w)
            && w.ends_with("ed")
            && j >= 2
            && self.is(j - 1, "been")
            && self.is(j - 2, "had")
        {
            return Some(Tense::Past);
        }
        if is_future_cue(w) {
            return Some(Tense::Future);
        }
        if is_past_cue(w) {
            return Some(Tense::Past);
        }
        if is_present_cue(w) {
            return Some(Tense::Present);
        }
        None
    }

    // ----------------------------------------------------------------
    // Resolution helpers

    fn weekday_date(&self, wd: u32, dir: Dir, s: usize, e: usize) -> String {
        let Some(d) = self.dct else {
            return format!("XXXX-WXX-{}", wd + 1);
        };
        let cur = weekday_index(d) as i64;
        let wd = wd as i64;
        let back = (cur - wd).rem_euclid(7); // 0..6 days back
        let fwd = (wd - cur).rem_euclid(7); // 0..6 days forward
        let delta = match dir {
            Dir::Last => -(if back == 0 { 7 } else { back }),
            Dir::Next => {
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            }
            Dir::This | Dir::Auto => match self.tense(s, e) {
                Tense::Future | Tense::Present => fwd,
                Tense::Past => -back,
                // No tense: the nearest such day; news reports the past, so
                // the past one unless the next one is nearer by two days.
                Tense::Unknown => {
                    if fwd + 1 < back {
                        fwd
                    } else {
                        -back
                    }
                }
            },
        };
        day_value(add_days(d, delta))
    }

    /// The year of a month (and day) given without a year.
    fn year_for(&self, m: u32, day: Option<u32>, dir: Dir, s: usize, e: usize) -> Option<i32> {
        let d = self.dct?;
        let (y, cm, cd) = (d.year(), d.month(), d.day());
        let key = (m, day.unwrap_or(0));
        let cur = (cm, if day.is_some() { cd } else { 0 });
        Some(match dir {
            Dir::Last => {
                if key < cur {
                    y
                } else {
                    y - 1
                }
            }
            Dir::Next => {
                if key > cur {
                    y
                } else {
                    y + 1
                }
            }
            Dir::This | Dir::Auto => {
                // Months from the DCT's month to the target in this year.
                let ahead = m as i32 - cm as i32;
                match self.tense(s, e) {
                    Tense::Future if key < cur && ahead < -1 => y + 1,
                    Tense::Past if key > cur && ahead > 1 => y - 1,
                    Tense::Future | Tense::Past => y,
                    _ if ahead > 6 => y - 1,
                    _ if ahead < -6 => y + 1,
                    _ => y,
                }
            }
        })
    }

    // ----------------------------------------------------------------
    // Rules

    /// `2025-07-10`, `2025-07`, `2013-Q1`, `2013-H1`, `07/10/2025`.
    fn iso(&self, i: usize) -> Option<Hit> {
        let y = self.num(i)?;
        if self.ndigits(i) == 4 && self.is(i + 1, "-") && self.glued(i + 1) && self.glued(i + 2) {
            let y = y as i32;
            if self.ndigits(i + 2) == 2 {
                let m = self.num(i + 2)?;
                if self.is(i + 3, "-") && self.glued(i + 3) && self.ndigits(i + 4) == 2 {
                    let d = self.num(i + 4)?;
                    let date = ymd(y, m, d)?;
                    return Some(Hit::date(i, i + 5, day_value(date)).no_det());
                }
                if (1..=12).contains(&m) && !self.glued(i + 3) {
                    return Some(Hit::date(i, i + 3, month_value(y, m)).no_det());
                }
            }
            let w = self.lw(i + 2);
            if let Some(q) = w.strip_prefix('q').and_then(|r| r.parse::<u32>().ok()) {
                if (1..=4).contains(&q) {
                    return Some(Hit::date(i, i + 3, quarter_value(y, q)).no_det());
                }
            }
            if (w == "q" || w == "h") && self.glued(i + 3) {
                let n = self.num(i + 3)?;
                if w == "q" && (1..=4).contains(&n) {
                    return Some(Hit::date(i, i + 4, quarter_value(y, n)).no_det());
                }
                if w == "h" && (1..=2).contains(&n) {
                    return Some(Hit::date(i, i + 4, format!("{y:04}-H{n}")).no_det());
                }
            }
        }
        // US numeric dates.
        if self.ndigits(i) <= 2 && self.is(i + 1, "/") && self.glued(i + 1) && self.glued(i + 2) {
            let d = self.num(i + 2)?;
            if self.is(i + 3, "/") && self.glued(i + 3) && self.glued(i + 4) {
                let yy = self.num(i + 4)?;
                let year = match self.ndigits(i + 4) {
                    4 => yy as i32,
                    2 => {
                        if yy < 50 {
                            2000 + yy as i32
                        } else {
                            1900 + yy as i32
                        }
                    }
                    _ => return None,
                };
                let date = ymd(year, y, d)?;
                return Some(Hit::date(i, i + 5, day_value(date)).no_det());
            }
        }
        None
    }

    /// `4:03 P.M.`, `10 a.m. EDT`, `noon`, `midnight`, optionally followed by a day.
    fn time_of_day(&self, i: usize) -> Option<Hit> {
        let (mut hour, mut minute, mut j);
        match self.lw(i) {
            "noon" | "midday" => {
                hour = 12;
                minute = 0;
                j = i + 1;
            }
            "midnight" => {
                hour = 24;
                minute = 0;
                j = i + 1;
            }
            _ => {
                hour = self.num(i)?;
                if self.ndigits(i) > 2 || hour > 24 {
                    return None;
                }
                j = i + 1;
                minute = 0;
                let mut has_minutes = false;
                if self.is(j, ":") && self.glued(j) && self.ndigits(j + 1) == 2 && self.glued(j + 1)
                {
                    minute = self.num(j + 1)?;
                    if minute > 59 {
                        return None;
                    }
                    j += 2;
                    has_minutes = true;
                }
                let (ampm, k) = self.ampm(j);
                if let Some(pm) = ampm {
                    if hour == 0 || hour > 12 {
                        return None;
                    }
                    if pm && hour < 12 {
                        hour += 12;
                    }
                    if !pm && hour == 12 {
                        hour = 0;
                    }
                    j = k;
                } else if self.is(j, "o") && self.is_apos(j + 1) && self.is(j + 2, "clock") {
                    j += 3;
                } else if self.is(j, "in") && self.is(j + 1, "the") {
                    match self.lw(j + 2) {
                        "morning" => j += 3,
                        "afternoon" | "evening" if hour < 12 => {
                            hour += 12;
                            j += 3;
                        }
                        _ => return None,
                    }
                } else if !(has_minutes && is_timezone(self.lw(j))) {
                    return None;
                }
            }
        }
        if is_timezone(self.lw(j)) {
            j += 1;
        }
        // An attached day: "10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "noon today".
        // The day: an attached one, else the narrative's last full date,
        // else the DCT.
        let mut day = match self.last_date {
            Some((y, Some(m), Some(d))) => ymd(y, m, d).map(day_value),
            _ => None,
        }
        .or_else(|| self.dct.map(day_value));
        let mut k = j;
        if self.is(k, ",") {
            k += 1;
        }
        // "10:35 a.m. (0735 GMT) Friday": the day after a parenthesis.
        if self.is(k, "(") {
            if let Some(close) = (k + 1..(k + 6).min(self.t.len())).find(|&x| self.is(x, ")")) {
                if let Some(h) = self.weekday(close + 1, None) {
                    if h.value.len() == 10 {
                        day = Some(h.value);
                    }
                }
            }
        }
        if let Some(mut h) = self
            .weekday(k, None)
            .or_else(|| self.month_date(k))
            .or_else(|| self.deictic_day(k))
        {
            // A bare weekday takes the tense of the clause around the
            // whole expression ("will leave at 4 a.m. Thursday"), not
            // only around the weekday.
            if let Some(wd) = weekday_full(self.lw(k)) {
                if h.end == k + 1 {
                    h.value = self.weekday_date(wd, Dir::Auto, i, k + 1);
                }
            }
            if h.value.len() >= 10 && !h.value.contains('T') {
                day = Some(h.value[..10].to_string());
                j = h.end;
            }
        }
        let day = day.unwrap_or_else(|| "XXXX-XX-XX".to_string());
        let value = if minute == 0 && hour == 24 {
            format!("{day}T24:00")
        } else {
            format!("{day}T{hour:02}:{minute:02}")
        };
        Some(Hit::new(i, j, TimexType::Time, value).no_det())
    }

    /// `a.m.`, `p.m.`, `am`, `pm`, `A.M.`: (is_pm, next token).
    fn ampm(&self, j: usize) -> (Option<bool>, usize) {
        let w = self.lw(j);
        match w {
            "am" | "pm" => (Some(w == "pm"), j + 1),
            "a" | "p" if self.is(j + 1, ".") && self.is(j + 2, "m") => {
                let mut k = j + 3;
                if self.is(k, ".") && self.glued(k) {
                    k += 1;
                }
                (Some(w == "p"), k)
            }
            _ => (None, j),
        }
    }

    /// A month name at `i`: (month, next token).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Word || !t.is_cap() {
            return None;
        }
        if let Some(m) = month_full(&t.lower) {
            let mut j = i + 1;
            if self.is(j, ".") && self.glued(j) && t.lower == "may" {
                j += 0;
            }
            return Some((m, j));
        }
        if let Some(m) = month_abbr(&t.lower) {
            if self.is(i + 1, ".") && self.glued(i + 1) {
                return Some((m, i + 2));
            }
            // Unpunctuated abbreviation only before a day number.
            if self.num(i + 1).is_some_and(|d| (1..=31).contains(&d)) && t.text.len() == 3 {
                return Some((m, i + 1));
            }
        }
        None
    }

    /// A day number at `j` (`5`, `5th`): (day, next).
    fn day_at(&self, j: usize) -> Option<(u32, usize)> {
        let d = self.num(j)?;
        if !(1..=31).contains(&d) || self.ndigits(j) > 2 {
            return None;
        }
        let mut k = j + 1;
        if is_ordinal_suffix(self.lw(k)) && self.glued(k) {
            k += 1;
        }
        // Not "5:30", "5-3", "5.5", "5,000".
        if self.glued(k)
            && matches!(self.lw(k), ":" | "-" | "." | "/" | ",")
            && self.kind(k + 1) == Some(Kind::Num)
            && self.glued(k + 1)
        {
            return None;
        }
        Some((d, k))
    }

    /// A 4-digit year at `j` (optionally after a comma): (year, next).
    fn year_at(&self, j: usize) -> Option<(i32, usize)> {
        let mut j = j;
        if self.is(j, ",") {
            j += 1;
        }
        if self.ndigits(j) == 4 {
            let y = self.num(j)? as i32;
            if (1000..=2199).contains(&y)
                && !(self.glued(j + 1) && self.kind(j + 1) == Some(Kind::Num))
            {
                return Some((y, j + 1));
            }
        }
        None
    }

    /// `July 10, 2025`, `Jan. 5`, `July 1997`, `April`.
    fn month_date(&self, i: usize) -> Option<Hit> {
        let (m, j) = self.month_at(i)?;
        if let Some((d, k)) = self.day_at(j) {
            if let Some((y, k2)) = self.year_at(k) {
                let date = ymd(y, m, d)?;
                return Some(Hit::date(i, k2, day_value(date)).no_det());
            }
            let y = self.year_for(m, Some(d), Dir::Auto, i, k);
            let v = match y.and_then(|y| ymd(y, m, d)) {
                Some(date) => day_value(date),
                None => format!("XXXX-{m:02}-{d:02}"),
            };
            return Some(Hit::date(i, k, v).no_det());
        }
        let mut k = j;
        if self.is(k, "of") {
            k += 1;
        }
        if let Some((y, k2)) = self.year_at(k) {
            return Some(Hit::date(i, k2, month_value(y, m)).no_det());
        }
        // "January this year", "June last year".
        if matches!(self.lw(j), "this" | "last" | "next") && self.is(j + 1, "year") {
            if let Some(d) = self.dct {
                let y = match self.lw(j) {
                    "this" => d.year(),
                    "last" => d.year() - 1,
                    _ => d.year() + 1,
                };
                return Some(Hit::date(i, j + 2, month_value(y, m)).no_det());
            }
        }
        // A bare month name: "May" only where it cannot be the modal.
        if m == 5 && self.lw(i) == "may" {
            let prev = if i > 0 { self.lw(i - 1) } else { EMPTY };
            let ok = matches!(
                prev,
                "in" | "of"
                    | "since"
                    | "until"
                    | "by"
                    | "last"
                    | "next"
                    | "this"
                    | "early"
                    | "late"
                    | "mid"
                    | "-"
                    | "from"
                    | "through"
                    | "till"
                    | "before"
                    | "after"
                    | "during"
                    | "and"
                    | "to"
            );
            if !ok {
                return None;
            }
        }
        if self.lw(i) == "march"
            && self.kind(j) == Some(Kind::Word)
            && matches!(self.lw(j), "on" | "to" | "through" | "in")
        {
            // "March on Washington" (the verb or noun) vs the month: keep the month only after a preposition.
            let prev = if i > 0 { self.lw(i - 1) } else { EMPTY };
            if !matches!(
                prev,
                "in" | "of" | "since" | "until" | "by" | "last" | "next" | "early" | "late" | "mid"
            ) {
                return None;
            }
        }
        let prev = if i > 0 { self.lw(i - 1) } else { EMPTY };
        if matches!(prev, "the" | "annual" | "`" | "\"" | "“")
            && matches!(self.lw(j), "of" | "for" | "on" | "to")
        {
            return None;
        }
        let v = match self.year_for(m, None, Dir::Auto, i, j) {
            Some(y) => month_value(y, m),
            None => format!("XXXX-{m:02}"),
        };
        Some(Hit::date(i, j, v).no_det())
    }

    /// `10 July`, `10 July 2025`, `10th of July`.
    fn day_month(&self, i: usize) -> Option<Hit> {
        let (d, mut j) = self.day_at(i)?;
        if self.is(j, "of") {
            j += 1;
        }
        let (m, k) = self.month_at(j)?;
        if let Some((y, k2)) = self.year_at(k) {
            let date = ymd(y, m, d)?;
            return Some(Hit::date(i, k2, day_value(date)).no_det());
        }
        let v = match self
            .year_for(m, Some(d), Dir::Auto, i, k)
            .and_then(|y| ymd(y, m, d))
        {
            Some(date) => day_value(date),
            None => format!("XXXX-{m:02}-{d:02}"),
        };
        Some(Hit::date(i, k, v).no_det())
    }

    /// A weekday name at `i` with an optional part of day.
    fn weekday(&self, i: usize, dir: Option<Dir>) -> Option<Hit> {
        let t = self.t.get(i)?;
        if !t.is_cap() {
            return None;
        }
        let (wd, mut j) = if let Some(wd) = weekday_full(&t.lower) {
            (wd, i + 1)
        } else if let Some(wd) = weekday_abbr(&t.lower) {
            if self.is(i + 1, ".") && self.glued(i + 1) {
                (wd, i + 2)
            } else {
                return None;
            }
        } else {
            return None;
        };
        let v = self.weekday_date(wd, dir.unwrap_or(Dir::Auto), i, j);
        // "Friday, Aug. 7": one expression; the explicit date wins the value.
        let mut value = v;
        let mut k = j;
        if self.is(k, ",") {
            k += 1;
        }
        if let Some(h) = self.month_date(k) {
            if h.value.len() == 10 {
                value = h.value;
                j = h.end;
            }
        }
        if let Some(pod) = part_of_day(self.lw(j)) {
            if value.len() == 10 || value.starts_with("XXXX") {
                // News annotation gives "Friday morning" and "Friday night"
                // (the news day, not a clock span) the value of the day;
                // the rarer "evening" and "afternoon" keep their part.
                if matches!(pod, "TMO" | "TNI") {
                    return Some(Hit::date(i, j + 1, value).no_det());
                }
                return Some(Hit::date(i, j + 1, format!("{value}{pod}")).no_det());
            }
        }
        Some(Hit::date(i, j, value).no_det())
    }

    /// today, yesterday, tomorrow, tonight and their parts of day.
    fn deictic_day(&self, i: usize) -> Option<Hit> {
        let off = match self.lw(i) {
            "today" => 0,
            "yesterday" => -1,
            "tomorrow" => 1,
            "tonight" => {
                let v = match self.dct {
                    Some(d) => format!("{}TNI", day_value(d)),
                    None => "XXXX-XX-XXTNI".into(),
                };
                return Some(Hit::new(i, i + 1, TimexType::Time, v).no_det());
            }
            _ => return None,
        };
        let day = match self.dct {
            Some(d) => day_value(add_days(d, off)),
            None => return Some(Hit::date(i, i + 1, "XXXX-XX-XX".into()).no_det()),
        };
        if let Some(pod) = part_of_day(self.lw(i + 1)) {
            return Some(Hit::new(i, i + 2, TimexType::Time, format!("{day}{pod}")).no_det());
        }
        Some(Hit::date(i, i + 1, day).no_det())
    }

    /// "Now, ..." and "Currently, ..." opening a sentence: a discourse
    /// marker, not a reference to the present.
    fn discourse_marker(&self, i: usize) -> bool {
        let opens = i == 0
            || self.is_boundary(i - 1)
            || self.t[i].newline_before
            || matches!(self.t[i - 1].text, "`" | "\"" | "“" | ":");
        opens && self.is(i + 1, ",")
    }

    /// Deictic references: today, now, recently, the future...
    fn deictic(&self, i: usize, det: bool) -> Option<Hit> {
        if let Some(h) = self.deictic_day(i) {
            return Some(h);
        }
        let w = self.lw(i);
        let v = |s: &str| Some(Hit::date(i, i + 1, s.to_string()));
        match w {
            "now" if !det => {
                if self.is(i + 1, "that") || self.is(i + 1, "-") || self.discourse_marker(i) {
                    return None;
                }
                v("PRESENT_REF").map(Hit::no_det)
            }
            "right" if self.is(i + 1, "now") => {
                Some(Hit::date(i, i + 2, "PRESENT_REF".into()).no_det())
            }
            "currently" | "nowadays" if !det && !self.discourse_marker(i) => {
                v("PRESENT_REF").map(Hit::no_det)
            }
            "current" if !det => {
                if unit(self.lw(i + 1)).is_some() || self.is(i + 1, "fiscal") {
                    return None;
                }
                v("PRESENT_REF").map(Hit::no_det)
            }
            "recently" | "lately" if !det => v("PAST_REF").map(Hit::no_det),
            "recent" if !det => {
                if unit(self.lw(i + 1)).is_some() {
                    return None;
                }
                v("PAST_REF").map(Hit::no_det)
            }
            "future" => {
                if det || (i > 0 && matches!(self.lw(i - 1), "near" | "foreseeable" | "immediate"))
                {
                    return v("FUTURE_REF");
                }
                if i > 0 && self.is(i - 1, "the") {
                    return None;
                }
                if unit(self.lw(i + 1)).is_some() {
                    return None;
                }
                None
            }
            "near" | "foreseeable" | "immediate" if det && self.is(i + 1, "future") => {
                Some(Hit::date(i, i + 2, "FUTURE_REF".into()))
            }
            "past"
                if det
                    && !matches!(self.kind(i + 1), Some(Kind::Num))
                    && unit(self.lw(i + 1)).is_none() =>
            {
                if small_number(self.lw(i + 1)).is_some()
                    || matches!(self.lw(i + 1), "few" | "several" | "couple")
                {
                    return None;
                }
                v("PAST_REF")
            }
            "these" if self.is(i + 1, "days") => {
                Some(Hit::date(i, i + 2, "PRESENT_REF".into()).no_det())
            }
            "this" | "that" => {
                let pod = part_of_day(self.lw(i + 1))?;
                if w == "that" {
                    return None;
                }
                let day = self.dct.map_or("XXXX-XX-XX".to_string(), day_value);
                Some(Hit::new(i, i + 2, TimexType::Time, format!("{day}{pod}")).no_det())
            }
            "last" if self.is(i + 1, "night") => {
                let day = self
                    .dct
                    .map_or("XXXX-XX-XX".to_string(), |d| day_value(add_days(d, -1)));
                Some(Hit::new(i, i + 2, TimexType::Time, format!("{day}TNI")).no_det())
            }
            _ => None,
        }
    }

    /// last/next/this + week, month, year, quarter, season, weekday, month name.
    fn relative(&self, i: usize, det: bool) -> Option<Hit> {
        let w = self.lw(i);
        let (dir, mut j) = match w {
            "last" | "past" | "previous" | "latest" | "prior" => (Dir::Last, i + 1),
            "next" | "coming" | "following" | "upcoming" => (Dir::Next, i + 1),
            "this" | "current" | "present" => {
                if matches!(self.lw(i + 1), "past") {
                    (Dir::Last, i + 2)
                } else if matches!(self.lw(i + 1), "coming") {
                    (Dir::Next, i + 2)
                } else {
                    (Dir::This, i + 1)
                }
            }
            _ => return None,
        };
        if w == "this" && det {
            return None;
        }
        // "the past/previous week" and "the following year" are relative to
        // the narrative; we read them from the DCT all the same.
        if matches!(w, "latest" | "present" | "following" | "previous" | "prior") && !det {
            return None;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        let uw = self.lw(j).to_string();
        // weekday
        if let Some(h) = self.weekday(j, Some(dir)) {
            if matches!(w, "last" | "next" | "this") {
                return Some(Hit { start: i, ..h }.no_det());
            }
        }
        // month name
        if let Some((m, k)) = self.month_at(j) {
            if self.day_at(k).is_none() && matches!(w, "last" | "next" | "this") {
                let y = self.year_for(m, None, dir, i, k);
                let v = y.map_or(format!("XXXX-{m:02}"), |y| month_value(y, m));
                return Some(Hit::date(i, k, v).no_det());
            }
        }
        if let Some(code) = season(&uw) {
            let d = self.dct?;
            let (y, cur) = (d.year(), season_index(d));
            let target = season_order(code);
            let y = match dir {
                Dir::Last => {
                    if target < cur {
                        y
                    } else {
                        y - 1
                    }
                }
                Dir::Next => {
                    if target > cur {
                        y
                    } else {
                        y + 1
                    }
                }
                _ => y,
            };
            return Some(Hit::date(i, j + 1, format!("{y:04}-{code}")));
        }
        let (u, plural) = unit(&uw)?;
        // "This Week" (a programme's title).
        if self.cap(j)
            && self.cap(i)
            && i > 0
            && !self.t[i].newline_before
            && !self.is_boundary(i - 1)
        {
            return None;
        }
        if plural {
            // "the past two weeks" is a duration (see `duration`); "coming weeks".
            if matches!(w, "coming" | "next" | "past" | "last" | "recent") && !det {
                return None;
            }
            return None;
        }
        let Some(d) = self.dct else {
            let v = match u {
                Unit::Week => "XXXX-WXX",
                Unit::Month => "XXXX-XX",
                Unit::Year => "XXXX",
                Unit::Day => "XXXX-XX-XX",
                _ => return None,
            };
            return Some(Hit::date(i, j + 1, v.into()));
        };
        let k: i64 = match dir {
            Dir::Last => -1,
            Dir::Next => 1,
            _ => 0,
        };
        let v = match u {
            Unit::Day => {
                if dir == Dir::This {
                    return None;
                }
                day_value(add_days(d, k))
            }
            Unit::Week => week_value(add_days(d, 7 * k)),
            Unit::Weekend => {
                let base = add_days(d, 7 * k);
                format!("{}-WE", week_value(base))
            }
            Unit::Month => {
                let (y, m) = add_months(d.year(), d.month(), k as i32);
                month_value(y, m)
            }
            Unit::Quarter => {
                let q = quarter_of(d);
                let (y, m) = add_months(d.year(), 3 * q - 2, 3 * k as i32);
                let mut v = quarter_value(y, quarter_of(ymd(y, m, 1)?));
                if w == "latest" || (w == "last" && det) {
                    // The latest reported quarter: the one that ended last.
                    let (y, m) = add_months(d.year(), 3 * q - 2, -3);
                    v = quarter_value(y, (m - 1) / 3 + 1);
                }
                v
            }
            Unit::Year => year_value(d.year() + k as i32),
            Unit::Decade => {
                let dec = d.year() / 10 + k as i32;
                format!("{dec:03}")
            }
            Unit::Century => format!("{:02}", d.year() / 100 + k as i32),
            _ => return None,
        };
        let mut end = j + 1;
        // "last year's third quarter"
        if u == Unit::Year && self.is_apos(end) && self.is(end + 1, "s") {
            if let Some(q) = self.quarter_word(end + 2) {
                let y = d.year() + k as i32;
                return Some(Hit::date(i, q.1, quarter_value(y, q.0)));
            }
            if self.is(end + 2, "quarter") || self.is(end + 2, "period") {
                if let Some((_, q, _)) = self.last_quarter {
                    let y = d.year() + k as i32;
                    return Some(Hit::date(i, end + 3, quarter_value(y, q)));
                }
            }
        }
        if u == Unit::Week && self.is(end, "-") && self.is(end + 1, "end") {
            end += 2;
        }
        Some(Hit::date(i, end, v))
    }

    /// Anaphoric expressions read against the last explicit date:
    /// "that day", "the same year", "later that year", "the next morning",
    /// "the following month".
    fn anaphoric(&self, i: usize, det: bool) -> Option<Hit> {
        let (y, m, d) = self.last_date?;
        let w = self.lw(i);
        let (shift, j) = match w {
            "that" => (0, i + 1),
            "same" if det => (0, i + 1),
            "next" | "following" if det => (1, i + 1),
            "previous" | "preceding" if det => (-1, i + 1),
            _ => return None,
        };
        let uw = self.lw(j);
        let v = match uw {
            "day" | "morning" | "afternoon" | "evening" | "night" => {
                let (m, d) = (m?, d?);
                let base = ymd(y, m, d)?;
                let day = day_value(add_days(base, shift));
                if shift != 0 && uw == "day" && !det {
                    return None;
                }
                day
            }
            "month" => {
                let (yy, mm) = add_months(y, m?, shift as i32);
                month_value(yy, mm)
            }
            "year" => year_value(y + shift as i32),
            _ => return None,
        };
        if self.is(j + 1, "-") || self.is_apos(j + 1) {
            return None;
        }
        Some(Hit::date(i, j + 1, v).derived())
    }

    /// "the quarter", "the year" in financial reports.
    fn the_unit(&self, i: usize, det: bool) -> Option<Hit> {
        if !det || self.is(i + 1, "-") || self.is_apos(i + 1) {
            return None;
        }
        let d = self.dct?;
        match self.lw(i) {
            "quarter" => {
                let v = match self.last_quarter {
                    Some((y, q, _)) => quarter_value(y, q),
                    None => {
                        let (y, m) = add_months(d.year(), 3 * quarter_of(d) - 2, -3);
                        quarter_value(y, (m - 1) / 3 + 1)
                    }
                };
                Some(Hit::date(i, i + 1, v).derived())
            }
            "weekend" => {
                let back = (weekday_index(d) as i64 + 2) % 7; // days since the last Saturday
                let sat = match self.tense(i, i + 1) {
                    Tense::Future | Tense::Present if back != 0 && back != 1 => {
                        add_days(d, 7 - back)
                    }
                    _ => add_days(d, -back),
                };
                Some(Hit::date(i, i + 1, format!("{}-WE", week_value(sat))))
            }
            "year" => {
                if matches!(
                    self.lw(i + 1),
                    "ended" | "ending" | "earlier" | "before" | "ago"
                ) {
                    return Some(Hit::new(i, i + 1, TimexType::Duration, "P1Y".into()));
                }
                let prev = if i >= 2 { self.lw(i - 2) } else { EMPTY };
                if matches!(prev, "for" | "of" | "in" | "during" | "through") {
                    return Some(Hit::date(i, i + 1, year_value(d.year())));
                }
                None
            }
            _ => None,
        }
    }

    /// An ordinal quarter at `j` ("third quarter", "third-quarter", "fiscal
    /// second quarter"): (quarter, next).
    fn quarter_word(&self, j: usize) -> Option<(u32, usize)> {
        let mut j = j;
        if self.is(j, "fiscal") {
            j += 1;
            if self.is(j, "-") {
                j += 1;
            }
        }
        let q = match ordinal(self.lw(j)) {
            Some(q) => {
                j += 1;
                q
            }
            None => {
                let n = self.num(j)?;
                if !is_ordinal_suffix(self.lw(j + 1)) || !self.glued(j + 1) {
                    return None;
                }
                j += 2;
                n
            }
        };
        if !(1..=4).contains(&q) {
            return None;
        }
        if self.is(j, "-") {
            j += 1;
        }
        if !self.is(j, "quarter") {
            return None;
        }
        Some((q, j + 1))
    }

    /// Quarters and halves.
    fn quarter(&self, i: usize, det: bool) -> Option<Hit> {
        let mut j = i;
        // "this year's", "1988's"
        let mut year: Option<i32> = None;
        if let Some((y, k)) = self.year_at(i).filter(|_| self.ndigits(i) == 4) {
            if self.is_apos(k) && self.is(k + 1, "s") {
                year = Some(y);
                j = k + 2;
            } else if self.quarter_word(k).is_some() {
                year = Some(y);
                j = k;
            }
        }
        if j == i && matches!(self.lw(i), "its" | "his" | "their") && !self.is(i + 1, "year") {
            return None;
        }
        // "the year-earlier quarter", "the year-ago period", "year-earlier"
        if self.is(i, "year") && self.is(i + 1, "-") && matches!(self.lw(i + 2), "earlier" | "ago")
        {
            let d = self.dct?;
            let mut end = i + 3;
            let mut q = self.last_quarter.map(|(_, q, _)| q);
            if let Some((qq, k)) = self.quarter_word(end) {
                q = Some(qq);
                end = k;
            } else if matches!(self.lw(end), "quarter" | "period") {
                end += 1;
            } else if matches!(self.lw(end), "nine" | "six") && self.is(end + 1, "months") {
                return None;
            }
            let v = match q {
                Some(q) => quarter_value(d.year() - 1, q),
                None => year_value(d.year() - 1),
            };
            return Some(Hit::date(i, end, v).derived());
        }
        if let Some((q, k)) = self.quarter_word(j) {
            let mut end = k;
            let y = if let Some(y) = year {
                y
            } else if self.is(k, "of") && self.year_at(k + 1).is_some() {
                let (y, k2) = self.year_at(k + 1)?;
                end = k2;
                y
            } else if let Some((y, k2)) = self.year_at(k).filter(|_| self.ndigits(k) == 4) {
                end = k2;
                y
            } else {
                let d = self.dct?;
                let cq = quarter_of(d);
                match self.tense(i, k) {
                    _ if q <= cq => d.year(),
                    Tense::Past if q > cq + 1 => d.year() - 1,
                    _ => d.year(),
                }
            };
            let _ = det;
            let hyphen = (i..end).any(|x| self.is(x, "-"));
            let h = Hit::date(i, end, quarter_value(y, q));
            return Some(if hyphen { h.no_det() } else { h });
        }
        // halves
        if let Some(h) = match self.lw(j) {
            "first" => Some(1),
            "second" | "last" => Some(2),
            _ => None,
        } {
            if self.is(j + 1, "half") {
                let mut end = j + 2;
                let y = if self.is(end, "of") && self.year_at(end + 1).is_some() {
                    let (y, k2) = self.year_at(end + 1)?;
                    end = k2;
                    y
                } else if let Some(y) = year {
                    y
                } else {
                    self.dct?.year()
                };
                return Some(Hit::date(i, end, format!("{y:04}-H{h}")));
            }
        }
        // H1, Q3 (with optional year)
        let w = self.lw(i);
        if (w == "h" || w == "q") && self.glued(i + 1) && self.cap(i) {
            let n = self.num(i + 1)?;
            let ok = if w == "h" {
                (1..=2).contains(&n)
            } else {
                (1..=4).contains(&n)
            };
            if !ok || self.glued(i + 2) && self.kind(i + 2) != Some(Kind::Punct) {
                return None;
            }
            let mut end = i + 2;
            let y = if let Some((y, k)) = self.year_at(end) {
                end = k;
                y
            } else {
                self.dct?.year()
            };
            let v = if w == "h" {
                format!("{y:04}-H{n}")
            } else {
                quarter_value(y, n)
            };
            return Some(Hit::date(i, end, v).no_det());
        }
        None
    }

    /// Years, fiscal years, decades, centuries.
    fn year(&self, i: usize, det: bool) -> Option<Hit> {
        let w = self.lw(i);
        // FY2024, FY 2024, fiscal 2024, fiscal year 2024
        if w == "fy" || w == "fiscal" {
            let mut j = i + 1;
            if w == "fiscal" && self.is(j, "year") {
                j += 1;
            }
            if w == "fy" && self.is(j, "-") {
                j += 1;
            }
            let y = if self.ndigits(j) == 4 {
                self.num(j)? as i32
            } else if self.ndigits(j) == 2 || (self.is_apos(j) && self.ndigits(j + 1) == 2) {
                if self.is_apos(j) {
                    j += 1;
                }
                let yy = self.num(j)? as i32;
                if yy < 50 {
                    2000 + yy
                } else {
                    1900 + yy
                }
            } else {
                return None;
            };
            let mut h = Hit::date(i, j + 1, year_value(y)).no_det();
            h.interval = fiscal_year(y);
            return Some(h);
        }
        // spelled-out decades: "the nineties"
        if det {
            let dec = match w {
                "twenties" => Some(2),
                "thirties" => Some(3),
                "forties" => Some(4),
                "fifties" => Some(5),
                "sixties" => Some(6),
                "seventies" => Some(7),
                "eighties" => Some(8),
                "nineties" => Some(9),
                _ => None,
            };
            if let Some(dd) = dec {
                let century = self.dct.map_or(19, |d| d.year() / 100);
                let c = if century >= 20 && dd >= 3 {
                    19
                } else {
                    century
                };
                return Some(Hit::date(i, i + 1, format!("{c}{dd}")));
            }
        }
        // '90s
        if self.is_apos(i)
            && self.ndigits(i + 1) == 2
            && self.glued(i + 1)
            && self.is(i + 2, "s")
            && self.glued(i + 2)
        {
            let yy = self.num(i + 1)?;
            let c = if yy < 30 { 20 } else { 19 };
            return Some(Hit::date(i, i + 3, format!("{c}{}", yy / 10)));
        }
        // 20th century
        if let Some(n) = self.num(i) {
            if self.ndigits(i) <= 2
                && is_ordinal_suffix(self.lw(i + 1))
                && self.glued(i + 1)
                && self.is(i + 2, "century")
            {
                return Some(Hit::date(i, i + 3, format!("{:02}", n.saturating_sub(1))));
            }
        }
        if let Some(n) = ordinal(w) {
            if self.is(i + 1, "century") && det {
                return Some(Hit::date(i, i + 2, format!("{:02}", n.saturating_sub(1))));
            }
        }
        if self.ndigits(i) != 4 {
            return None;
        }
        let y = self.num(i)? as i32;
        // 1990s
        if self.is(i + 1, "s") && self.glued(i + 1) {
            if y % 10 == 0 {
                return Some(Hit::date(i, i + 2, format!("{:03}", y / 10)));
            }
            return None;
        }
        if self.is_apos(i + 1) && self.is(i + 2, "s") && y % 10 == 0 && self.glued(i + 1) {
            // "1990's" as a decade only after "the"
            if det {
                return Some(Hit::date(i, i + 3, format!("{:03}", y / 10)));
            }
        }
        if !(1200..=2100).contains(&y) {
            return None;
        }
        // Not a measure: "1990 tons", "2000 people".
        let next = self.lw(i + 1);
        if self.glued(i + 1)
            && matches!(next, "%" | "-" | "," | "." | "/")
            && self.kind(i + 2) == Some(Kind::Num)
        {
            return None;
        }
        if self.glued(i + 1) && next == "-" && !matches!(self.lw(i + 2), "era" | "style") {
            // "1990-91" season: keep the first year only.
        }
        let prev = if i > 0 { self.lw(i - 1) } else { EMPTY };
        if matches!(
            prev,
            "$" | "#" | "no" | "number" | "room" | "route" | "flight" | "highway"
        ) {
            return None;
        }
        // A numbered text or body, not a year: "Resolution 2231", "UNSCR
        // 1701", "Section 1862", "the U.N. 1718 Committee".
        if matches!(
            prev,
            "resolution" | "resolutions" | "unscr" | "unsc" | "section" | "§" | "article"
        ) || next == "committee"
        {
            return None;
        }
        let measure = self.kind(i + 1) == Some(Kind::Word)
            && matches!(
                next,
                "people"
                    | "persons"
                    | "men"
                    | "women"
                    | "troops"
                    | "soldiers"
                    | "shares"
                    | "tons"
                    | "feet"
                    | "meters"
                    | "miles"
                    | "kilometers"
                    | "dollars"
                    | "points"
                    | "cases"
                    | "units"
                    | "acres"
                    | "votes"
                    | "jobs"
                    | "employees"
                    | "workers"
                    | "pounds"
                    | "barrels"
                    | "cars"
                    | "homes"
            );
        if measure {
            return None;
        }
        Some(Hit::date(i, i + 1, year_value(y)).no_det())
    }

    /// A quantity at `i`: (qty, next).
    fn qty(&self, i: usize) -> Option<(Qty, usize)> {
        let w = self.lw(i);
        if let Some(n) = self.num(i) {
            if self.ndigits(i) > 4 {
                return None;
            }
            let mut n = n;
            let mut j = i + 1;
            // 1,500
            while self.is(j, ",") && self.glued(j) && self.ndigits(j + 1) == 3 && self.glued(j + 1)
            {
                n = n.saturating_mul(1000).saturating_add(self.num(j + 1)?);
                j += 2;
            }
            // 2 1/2
            if self.num(j) == Some(1)
                && self.is(j + 1, "/")
                && self.num(j + 2) == Some(2)
                && self.glued(j + 1)
            {
                return Some((Qty::Half(n), j + 3));
            }
            if self.is(j, ".")
                && self.glued(j)
                && self.glued(j + 1)
                && self.kind(j + 1) == Some(Kind::Num)
            {
                if self.lw(j + 1) == "5" {
                    return Some((Qty::Half(n), j + 2));
                }
                return None;
            }
            return Some((Qty::N(n), j));
        }
        if let Some(t) = tens(w) {
            if self.is(i + 1, "-") {
                if let Some(u) = small_number(self.lw(i + 2)).filter(|u| *u < 10) {
                    return Some((Qty::N(t + u), i + 3));
                }
            }
            if let Some(u) = small_number(self.lw(i + 1)).filter(|u| *u < 10) {
                return Some((Qty::N(t + u), i + 2));
            }
            return Some((Qty::N(t), i + 1));
        }
        if let Some(n) = small_number(w) {
            if self.is(i + 1, "hundred") {
                return Some((Qty::N(n * 100), i + 2));
            }
            if self.is(i + 1, "thousand") {
                return Some((Qty::N(n * 1000), i + 2));
            }
            if self.is(i + 1, "and") && self.is(i + 2, "a") && self.is(i + 3, "half") {
                return Some((Qty::Half(n), i + 4));
            }
            return Some((Qty::N(n), i + 1));
        }
        match w {
            "a" | "an" => match self.lw(i + 1) {
                "few" => Some((Qty::X, i + 2)),
                "couple" if self.is(i + 2, "of") => Some((Qty::N(2), i + 3)),
                "couple" => Some((Qty::N(2), i + 2)),
                "dozen" => Some((Qty::N(12), i + 2)),
                "hundred" => Some((Qty::N(100), i + 2)),
                "thousand" => Some((Qty::N(1000), i + 2)),
                "half" => Some((Qty::Half(0), i + 2)),
                "number" if self.is(i + 2, "of") => Some((Qty::X, i + 3)),
                _ => Some((Qty::N(1), i + 1)),
            },
            "few" | "several" | "many" | "some" | "various" => Some((Qty::X, i + 1)),
            "dozen" => Some((Qty::N(12), i + 1)),
            "half" if self.is(i + 1, "a") => Some((Qty::Half(0), i + 2)),
            "hundreds" | "thousands" | "dozens" if self.is(i + 1, "of") => Some((Qty::X, i + 2)),
            _ => None,
        }
    }

    /// `three days`, `two-year`, `the past six months`, `years`.
    fn duration(&self, i: usize, det: bool) -> Option<Hit> {
        let w = self.lw(i);
        let mut j = i;
        let mut lead = None;
        if matches!(
            w,
            "past"
                | "last"
                | "next"
                | "first"
                | "coming"
                | "previous"
                | "following"
                | "final"
                | "latest"
                | "initial"
                | "remaining"
                | "additional"
                | "further"
                | "another"
                | "recent"
                | "early"
                | "same"
                | "entire"
                | "whole"
                | "full"
        ) {
            lead = Some(w.to_string());
            j += 1;
        }
        if lead.is_some() && self.is(j, "few") {
            // "the past few weeks"
            if let Some((u, true)) = unit(self.lw(j + 1)) {
                return Some(Hit::new(
                    i,
                    j + 2,
                    TimexType::Duration,
                    dur_value(Qty::X, u)?,
                ));
            }
        }
        // Bare plural unit: "years", "recent years", "the coming weeks".
        if let Some((u, plural)) = unit(self.lw(j)) {
            let lw = lead.as_deref();
            if plural
                && !matches!(
                    u,
                    Unit::Weekend | Unit::Quarter | Unit::Second | Unit::Minute
                )
            {
                if matches!(lw, Some("coming") | Some("next"))
                    && matches!(u, Unit::Week | Unit::Month | Unit::Day)
                {
                    return Some(Hit::date(i, j + 1, "FUTURE_REF".into()));
                }
                if matches!(lw, Some("recent") | Some("past"))
                    && matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
                {
                    return Some(Hit::date(i, j + 1, "PAST_REF".into()));
                }
                if lw.is_none() || matches!(lw, Some("coming") | Some("last") | Some("next")) {
                    let after_number = i > 0
                        && (self.kind(i - 1) == Some(Kind::Num)
                            || small_number(self.lw(i - 1)).is_some()
                            || tens(self.lw(i - 1)).is_some());
                    if lw.is_none() && (after_number || self.is(j + 1, "old")) {
                        return None;
                    }
                    if lw.is_none() && self.glued(j + 1) && self.is_apos(j + 1) {
                        return None;
                    }
                    // "days after": a few days before the DCT.
                    if lw.is_none()
                        && u == Unit::Day
                        && matches!(self.lw(j + 1), "after" | "before")
                    {
                        let mut h = Hit::date(i, j + 1, "PAST_REF".into()).no_det();
                        h.interval = self.dct.map(|d| (add_days(d, -7), add_days(d, -1)));
                        return Some(h);
                    }
                    let h = Hit::new(i, j + 1, TimexType::Duration, dur_value(Qty::X, u)?);
                    return Some(if lw.is_none() { h.no_det() } else { h });
                }
            }
            if !plural && lw.is_none() && self.is(j + 1, "-") && self.is(j + 2, "long") {
                return Some(Hit::new(
                    i,
                    j + 3,
                    TimexType::Duration,
                    dur_value(Qty::N(1), u)?,
                ));
            }
            if plural && lw.is_none() && self.is(j + 1, "-") && self.is(j + 2, "long") {
                return Some(Hit::new(
                    i,
                    j + 3,
                    TimexType::Duration,
                    dur_value(Qty::X, u)?,
                ));
            }
            if !plural
                && det
                && matches!(
                    lw,
                    Some("past")
                        | Some("last")
                        | Some("next")
                        | Some("coming")
                        | Some("full")
                        | Some("entire")
                        | Some("whole")
                )
                && u != Unit::Weekend
            {
                // "the past year": a duration of one unit.
                if matches!(
                    lw,
                    Some("past") | Some("next") | Some("coming") | Some("entire") | Some("whole")
                ) {
                    return Some(Hit::new(
                        i,
                        j + 1,
                        TimexType::Duration,
                        dur_value(Qty::N(1), u)?,
                    ));
                }
            }
        }
        let (q, k) = self.qty(j)?;
        let a_word = matches!(self.lw(j), "a" | "an");
        if lead.is_none() && a_word && det {
            return None;
        }
        // "two-year", "16-hour"
        let mut k2 = k;
        let mut hyphen = false;
        if self.is(k2, "-") && self.glued(k2) {
            k2 += 1;
            hyphen = true;
        }
        if self.is(k2, "more")
            || self.is(k2, "additional")
            || self.is(k2, "straight")
            || self.is(k2, "consecutive")
            || self.is(k2, "trading")
            || self.is(k2, "full")
        {
            k2 += 1;
        }
        let (u, plural) = unit(self.lw(k2))?;
        if u == Unit::Weekend || (u == Unit::Second && a_word) {
            return None;
        }
        // "three-quarters", "a quarter of": fractions.
        if u == Unit::Quarter && (a_word || (hyphen && plural) || self.is(k2 + 1, "of")) {
            return None;
        }
        // "a year ago" is handled by `ago`; "one day" alone is vague.
        if q == Qty::N(1) && plural && !hyphen {
            return None;
        }
        if a_word
            && lead.is_none()
            && matches!(
                self.lw(k2 + 1),
                "ago" | "earlier" | "later" | "before" | "after"
            )
        {
            return None;
        }
        let mut end = k2 + 1;
        // "two-year-old": the age is not annotated as a span of its own.
        if hyphen && self.is(end, "-") && self.is(end + 1, "old") {
            return None;
        }
        // "52 years old": an age.
        if self.is(end, "old") {
            return None;
        }
        // "a year and a half"
        let mut q = q;
        if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            if let Qty::N(n) = q {
                q = Qty::Half(n);
                end += 3;
            }
        }
        if self.is(end, "or") && self.is(end + 1, "so") {
            end += 2;
        }
        if lead.is_none() && matches!(self.lw(end), "ago") {
            return None;
        }
        let v = dur_value(q, u)?;
        // "$5 billion a year", "twice a year": a frequency.
        if a_word && lead.is_none() && !plural && !hyphen && i == j && i > 0 {
            let p = self.lw(i - 1);
            if matches!(
                p,
                "million"
                    | "billion"
                    | "thousand"
                    | "%"
                    | "percent"
                    | "cents"
                    | "dollars"
                    | "times"
                    | "once"
                    | "twice"
            ) || self.kind(i - 1) == Some(Kind::Num)
            {
                return Some(Hit::new(i, end, TimexType::Set, v));
            }
        }
        // "one day" / "a day" at the start of a clause is a vague date.
        if lead.is_none() && a_word && !det && matches!(self.lw(end), "when" | "after") {
            return None;
        }
        Some(Hit::new(i, end, TimexType::Duration, v))
    }

    /// `two years ago`, `a year earlier`, `10 days ago`.
    fn ago(&self, i: usize) -> Option<Hit> {
        let (q, k) = self.qty(i)?;
        let mut k2 = k;
        if self.is(k2, "or") && self.is(k2 + 1, "so") {
            k2 += 2;
        }
        let (u, _) = unit(self.lw(k2))?;
        let mut end = k2 + 1;
        if self.is(end, "or") && self.is(end + 1, "so") {
            end += 2;
        }
        let dirw = self.lw(end);
        let sign: i64 = match dirw {
            "ago" | "earlier" | "before" => -1,
            "later" | "from" | "hence" => 1,
            _ => return None,
        };
        if dirw == "before" && !self.is(end + 1, ",") && self.kind(end + 1) == Some(Kind::Word) {
            return None;
        }
        if dirw == "from" && !self.is(end + 1, "now") {
            return None;
        }
        let mut stop = end + 1;
        if dirw == "from" {
            stop += 1;
        }
        let Some(d) = self.dct else {
            return Some(Hit::date(
                i,
                stop,
                if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into(),
            ));
        };
        let n = match q {
            Qty::N(n) => n as i64,
            Qty::Half(n) => n as i64,
            Qty::X => {
                let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
                let mut h = Hit::date(i, stop, v.into());
                if sign < 0 {
                    let back = match u {
                        Unit::Day => 7,
                        Unit::Week => 35,
                        Unit::Month => 365,
                        _ => 3650,
                    };
                    h.interval = Some((add_days(d, -back), add_days(d, -1)));
                }
                return Some(h);
            }
        };
        let s = sign * n;
        let v = match u {
            Unit::Day => day_value(add_days(d, s)),
            Unit::Week => week_value(add_days(d, 7 * s)),
            Unit::Month => {
                let (y, m) = add_months(d.year(), d.month(), s as i32);
                month_value(y, m)
            }
            Unit::Quarter => {
                let (y, m) = add_months(d.year(), d.month(), 3 * s as i32);
                quarter_value(y, (m - 1) / 3 + 1)
            }
            Unit::Year => {
                let y = d.year() + s as i32;
                // In financial reports "a year earlier" is the same quarter a year before.
                if let (Some((qy, q, at)), true) = (self.last_quarter, n == 1) {
                    if i.saturating_sub(at) < 400 && qy >= d.year() - 1 {
                        quarter_value(qy - 1, q)
                    } else {
                        year_value(y)
                    }
                } else {
                    year_value(y)
                }
            }
            Unit::Decade => year_value(d.year() + 10 * s as i32),
            Unit::Century => year_value(d.year() + 100 * s as i32),
            Unit::Hour | Unit::Minute | Unit::Second => return None,
            Unit::Weekend => return None,
        };
        Some(Hit::date(i, stop, v).derived())
    }

    /// daily, weekly, every week, each month, every Thursday.
    fn set(&self, i: usize) -> Option<Hit> {
        let w = self.lw(i);
        let v = match w {
            "daily" | "nightly" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "yearly" => "P1Y",
            "hourly" => "PT1H",
            "biweekly" => "P2W",
            "every" | "each" | "per" => {
                let mut j = i + 1;
                let mut n = 1;
                if self.is(j, "other") {
                    n = 2;
                    j += 1;
                }
                if let Some(h) = self.weekday(j, None) {
                    if h.value.len() == 10 || h.value.starts_with("XXXX") {
                        let wd = weekday_full(self.lw(j)).unwrap_or(0) + 1;
                        return Some(Hit::new(i, j + 1, TimexType::Set, format!("XXXX-WXX-{wd}")));
                    }
                }
                if let Some((m, k)) = self.month_at(j) {
                    return Some(Hit::new(i, k, TimexType::Set, format!("XXXX-{m:02}")));
                }
                if let Some((q, k)) = self.qty(j) {
                    if let (Qty::N(c), Some((u, true))) = (q, unit(self.lw(k))) {
                        return Some(Hit::new(i, k + 1, TimexType::Set, dur_value(Qty::N(c), u)?));
                    }
                }
                let (u, plural) = unit(self.lw(j))?;
                if plural {
                    return None;
                }
                if u == Unit::Quarter {
                    return Some(Hit::new(i, j + 1, TimexType::Set, "P1Q".into()));
                }
                return Some(Hit::new(i, j + 1, TimexType::Set, dur_value(Qty::N(n), u)?));
            }
            _ => return None,
        };
        Some(Hit::new(i, i + 1, TimexType::Set, v.into()).no_det())
    }

    /// A bare season ("summer", "the winter of 1994") and the year's end.
    fn season_or_year_end(&self, i: usize) -> Option<Hit> {
        let w = self.lw(i);
        if w == "year" {
            let end = if self.is(i + 1, "-") && self.is(i + 2, "end") {
                i + 3
            } else if self.is(i + 1, "end") {
                i + 2
            } else if self.is_apos(i + 1) && self.is(i + 2, "s") && self.is(i + 3, "end") {
                i + 4
            } else {
                return None;
            };
            let d = self.dct?;
            return Some(Hit::date(i, end, year_value(d.year())).no_det());
        }
        let code = season(w)?;
        if w == "fall"
            && !(i > 0
                && matches!(
                    self.lw(i - 1),
                    "the" | "early" | "late" | "mid" | "in" | "this" | "last" | "next"
                ))
        {
            return None;
        }
        if self.is(i + 1, "of") {
            if let Some((y, k)) = self.year_at(i + 2).or_else(|| {
                self.spoken_year(i + 2)
                    .and_then(|h| Some((h.value.parse().ok()?, h.end)))
            }) {
                return Some(Hit::date(i, k, format!("{y:04}-{code}")));
            }
        }
        if let Some((y, k)) = self.year_at(i + 1) {
            return Some(Hit::date(i, k, format!("{y:04}-{code}")));
        }
        let d = self.dct?;
        let (cur, target) = (season_index(d), season_order(code));
        let y = match self.tense(i, i + 1) {
            Tense::Past if target > cur => d.year() - 1,
            Tense::Future if target < cur => d.year() + 1,
            _ => d.year(),
        };
        Some(Hit::date(i, i + 1, format!("{y:04}-{code}")))
    }

    /// "nineteen ninety-six", "the year two thousand".
    fn spoken_year(&self, i: usize) -> Option<Hit> {
        let w = self.lw(i);
        if w == "two" && self.is(i + 1, "thousand") {
            if !(i >= 2 && self.is(i - 1, "year")) {
                return None;
            }
            let mut end = i + 2;
            let mut y = 2000;
            if self.is(end, "and") {
                end += 1;
            }
            if let Some(n) = small_number(self.lw(end)) {
                y += n as i32;
                end += 1;
            } else if end > i + 2 {
                end -= 1;
            }
            return Some(Hit::date(i, end, year_value(y)).no_det());
        }
        let c = small_number(w).filter(|c| (18..=19).contains(c))?;
        let t = tens(self.lw(i + 1))?;
        let mut end = i + 2;
        let mut y = c as i32 * 100 + t as i32;
        if self.is(end, "-") {
            if let Some(u) = small_number(self.lw(end + 1)).filter(|u| *u < 10) {
                y += u as i32;
                end += 2;
            }
        } else if let Some(u) = small_number(self.lw(end)).filter(|u| *u < 10) {
            y += u as i32;
            end += 1;
        }
        Some(Hit::date(i, end, year_value(y)).no_det())
    }

    /// Christmas, New Year's Day, Thanksgiving.
    fn holiday(&self, i: usize) -> Option<Hit> {
        if !self.cap(i) {
            return None;
        }
        let (m, d, end) = match self.lw(i) {
            "christmas" => {
                if self.is(i + 1, "eve") {
                    (12, 24, i + 2)
                } else if self.is(i + 1, "day") {
                    (12, 25, i + 2)
                } else {
                    (12, 25, i + 1)
                }
            }
            "new" if self.is(i + 1, "year") && self.is_apos(i + 2) && self.is(i + 3, "s") => {
                match self.lw(i + 4) {
                    "day" => (1, 1, i + 5),
                    "eve" => (12, 31, i + 5),
                    _ => return None,
                }
            }
            "thanksgiving" => {
                let end = if self.is(i + 1, "day") { i + 2 } else { i + 1 };
                let y = self.year_for(11, Some(28), Dir::Auto, i, end)?;
                let nov1 = ymd(y, 11, 1)?;
                let first_thu = (3 + 7 - weekday_index(nov1)) % 7;
                let date = add_days(nov1, first_thu as i64 + 21);
                return Some(Hit::date(i, end, day_value(date)).no_det());
            }
            "easter" => {
                let (off, end, week) = match self.lw(i + 1) {
                    "sunday" | "day" => (0, i + 2, false),
                    "monday" => (1, i + 2, false),
                    "week" => (0, i + 2, true),
                    _ => (0, i + 1, false),
                };
                let y = self.year_for(4, Some(10), Dir::Auto, i, end)?;
                let date = add_days(easter(y)?, off);
                // Easter week: the week that ends on Easter Sunday.
                let value = if week {
                    week_value(date)
                } else {
                    day_value(date)
                };
                return Some(Hit::date(i, end, value).no_det());
            }
            "good" if self.is(i + 1, "friday") && self.cap(i + 1) => {
                let y = self.year_for(4, Some(10), Dir::Auto, i, i + 2)?;
                return Some(Hit::date(i, i + 2, day_value(add_days(easter(y)?, -2))).no_det());
            }
            // US Election Day: the Tuesday after the first Monday of November.
            "election" if self.is(i + 1, "day") && self.cap(i + 1) => {
                let y = self.year_for(11, Some(5), Dir::Auto, i, i + 2)?;
                let nov1 = ymd(y, 11, 1)?;
                let first_mon = (7 - weekday_index(nov1)) % 7;
                let date = add_days(nov1, first_mon as i64 + 1);
                return Some(Hit::date(i, i + 2, day_value(date)).no_det());
            }
            "halloween" => (10, 31, i + 1),
            "independence" if self.is(i + 1, "day") => (7, 4, i + 2),
            _ => return None,
        };
        let y = self.year_for(m, Some(d), Dir::Auto, i, end)?;
        Some(Hit::date(i, end, day_value(ymd(y, m, d)?)).no_det())
    }
}

/// Easter Sunday of year `y` (Gregorian; the anonymous computus).
fn easter(y: i32) -> Option<Date> {
    if !(1583..=9999).contains(&y) {
        return None;
    }
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, month as u32, day as u32)
}

impl Hit {
    fn value_is_ago(&self) -> bool {
        self.kind == TimexType::Date && self.det
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    Last,
    Next,
    This,
    Auto,
}

/// (year, month, day) of a YYYY, YYYY-MM or YYYY-MM-DD value.
fn parse_date_parts(v: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if !digits(0..4) {
        return None;
    }
    let y: i32 = v.get(0..4)?.parse().ok()?;
    match b.len() {
        4 => Some((y, None, None)),
        7 if b[4] == b'-' && digits(5..7) => Some((y, Some(v.get(5..7)?.parse().ok()?), None)),
        10 if b[4] == b'-' && b[7] == b'-' && digits(5..7) && digits(8..10) => Some((
            y,
            Some(v.get(5..7)?.parse().ok()?),
            Some(v.get(8..10)?.parse().ok()?),
        )),
        _ => None,
    }
}

fn parse_quarter(v: &str) -> Option<(i32, u32)> {
    let (y, q) = v.split_once("-Q")?;
    if y.len() != 4 {
        return None;
    }
    Some((y.parse().ok()?, q.parse().ok()?))
}

fn season_order(code: &str) -> u32 {
    match code {
        "WI" => 0,
        "SP" => 1,
        "SU" => 2,
        _ => 3,
    }
}

fn season_index(d: Date) -> u32 {
    match d.month() {
        1 | 2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        9..=11 => 3,
        _ => 0,
    }
}

/// The TIMEX3 duration value of a quantity of units.
fn dur_value(q: Qty, u: Unit) -> Option<String> {
    let (time, code, mult) = match u {
        Unit::Second => (true, "S", 1),
        Unit::Minute => (true, "M", 1),
        Unit::Hour => (true, "H", 1),
        Unit::Day => (false, "D", 1),
        Unit::Week => (false, "W", 1),
        Unit::Weekend => return None,
        Unit::Month => (false, "M", 1),
        Unit::Quarter => (false, "Q", 1),
        Unit::Year => (false, "Y", 1),
        Unit::Decade => (false, "Y", 10),
        Unit::Century => (false, "Y", 100),
    };
    let p = if time { "PT" } else { "P" };
    Some(match q {
        Qty::X => {
            let c = match u {
                Unit::Decade => "DE",
                Unit::Century => "CE",
                _ => code,
            };
            format!("{p}X{c}")
        }
        Qty::N(n) => format!("{p}{}{code}", n.saturating_mul(mult)),
        Qty::Half(n) => match u {
            Unit::Year if n > 0 => format!("P{n}Y6M"),
            Unit::Year => "P6M".into(),
            Unit::Hour if n > 0 => format!("PT{n}H30M"),
            Unit::Hour => "PT30M".into(),
            Unit::Minute if n > 0 => format!("PT{n}M30S"),
            Unit::Minute => "PT30S".into(),
            Unit::Day if n > 0 => format!("P{n}DT12H"),
            Unit::Day => "PT12H".into(),
            Unit::Month if n > 0 => format!("P{n}M15D"),
            Unit::Month => "P15D".into(),
            Unit::Week if n > 0 => format!("P{n}W3D"),
            _ => format!("{p}{}.5{code}", n.saturating_mul(mult)),
        },
    })
}

/// Words other than names, numbers and units that can start an expression.
/// Abbreviations that end in a period inside a sentence ("Roe vs. Wade",
/// "Capt. Rod Beer", "Sept. 11").
fn is_title_abbr(w: &str) -> bool {
    matches!(
        w,
        "vs" | "capt"
            | "sgt"
            | "gov"
            | "sen"
            | "rep"
            | "gen"
            | "col"
            | "lt"
            | "sept"
            | "mrs"
            | "rev"
    )
}

fn is_trigger(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "last"
            | "next"
            | "this"
            | "that"
            | "past"
            | "coming"
            | "previous"
            | "following"
            | "latest"
            | "prior"
            | "current"
            | "present"
            | "upcoming"
            | "early"
            | "late"
            | "mid"
            | "earlier"
            | "later"
            | "middle"
            | "end"
            | "beginning"
            | "start"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "tonight"
            | "now"
            | "right"
            | "currently"
            | "nowadays"
            | "recently"
            | "lately"
            | "recent"
            | "future"
            | "near"
            | "foreseeable"
            | "immediate"
            | "these"
            | "every"
            | "each"
            | "per"
            | "daily"
            | "nightly"
            | "weekly"
            | "monthly"
            | "yearly"
            | "hourly"
            | "biweekly"
            | "fiscal"
            | "fy"
            | "h"
            | "q"
            | "noon"
            | "midday"
            | "midnight"
            | "christmas"
            | "easter"
            | "good"
            | "election"
            | "new"
            | "thanksgiving"
            | "halloween"
            | "independence"
            | "few"
            | "several"
            | "many"
            | "some"
            | "various"
            | "dozen"
            | "half"
            | "hundreds"
            | "thousands"
            | "dozens"
            | "about"
            | "around"
            | "nearly"
            | "almost"
            | "approximately"
            | "roughly"
            | "under"
            | "within"
            | "more"
            | "less"
            | "fewer"
            | "at"
            | "up"
            | "no"
            | "final"
            | "initial"
            | "remaining"
            | "additional"
            | "further"
            | "another"
            | "same"
            | "entire"
            | "whole"
            | "full"
            | "twenties"
            | "thirties"
            | "forties"
            | "fifties"
            | "sixties"
            | "seventies"
            | "eighties"
            | "nineties"
    )
}
