//! Attribution extraction: who said (cue) what (content). Pure: no IO, no
//! panics, byte offsets throughout.
//!
//! Rules, tuned to the PolNeAR annotation conventions:
//! - a direct quote's content is the quoted text *with* its quotation marks
//!   (and any punctuation inside them); later quotes of the same speaker in
//!   the same paragraph, or opening the next paragraph, join its content;
//! - an indirect content starts right after the cue (with "that" when
//!   present) and ends before the clause's final punctuation;
//! - the cue carries auxiliaries and adverbs before the verb ("has said",
//!   "also dismissed");
//! - a source written with an apposition before its cue carries the
//!   apposition and its closing comma ("Sen. X, a Republican from Y,"),
//!   also between a quotation and its cue ("“...,” Ann Marsh, the mayor's
//!   chief of staff, said");
//! - quotations are found per *logical* paragraph: the lines of a
//!   hard-wrapped paragraph (transcripts) are joined, so a quotation that
//!   wraps over several lines stays one closed quotation; nested curly
//!   quotations, "'''" in ''-quoted text and a misused “ as a closing mark
//!   are handled;
//! - a quotation with no cue of its own continues the latest attribution
//!   that ended with a quotation (not a participle clause after it);
//! - headlines: "Name: what was said"; "X interjected: “...”" and
//!   "X issued the following statement:" before a quotation;
//! - titles are not quotations ("the reality TV show “The Apprentice”",
//!   "a group called “...”", "signs saying “...”").

mod lexicon;

use lexicon::{
    cue_class, ends_post_source, is_clause_word, is_cue_prefix, is_det, is_leading_filler,
    is_participle, is_pronoun, CueClass, Words,
};
use std::sync::LazyLock;
use vane_core::{StatementKind, TextRange};

/// An attribution found in text, before its source is resolved to an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The source span(s); empty when the text names no source.
    pub source: Vec<TextRange>,
    pub cue: Vec<TextRange>,
    pub content: Vec<TextRange>,
    /// Direct, Partial or Indirect.
    pub kind: StatementKind,
}

/// A quotation: from its opening mark to just after its closing mark (or
/// to the end of its paragraph when it is not closed there).
#[derive(Clone, Copy, Debug)]
struct Quote {
    range: TextRange,
    /// False when the paragraph ended (or a new quotation opened) first.
    #[allow(dead_code)]
    closed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Punct(char),
    Quote(usize),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: usize,
    e: usize,
    k: Kind,
}

fn is_open_quote_char(c: char) -> bool {
    matches!(c, '“' | '"' | '„' | '«')
}

/// Finds the quotations of one paragraph `[ps, pe)`.
fn find_quotes(text: &str, ps: usize, pe: usize, out: &mut Vec<Quote>) {
    let Some(p) = text.get(ps..pe) else {
        return;
    };
    let b = p.as_bytes();
    let mut open: Option<usize> = None;
    // Nesting depth of curly quotations inside the open one.
    let mut depth = 0usize;
    // Curly marks of the paragraph in all and so far (this one included), so
    // that the marks after a position are counted without a rescan (linear
    // time on a paragraph of marks).
    let (all_open, all_close) = (p.matches('“').count(), p.matches('”').count());
    let (mut seen_open, mut seen_close) = (0usize, 0usize);
    // Whether anything but white space came before this mark.
    let mut seen_text = false;
    let mut it = p.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let mut len = c.len_utf8();
        match c {
            '“' => seen_open += 1,
            '”' => seen_close += 1,
            _ => {}
        }
        let text_before = seen_text;
        seen_text |= !c.is_whitespace();
        let kind = match c {
            // “Apparently not,“ he said: an opening mark used as a closing
            // one, after a word or punctuation and before a space.
            '“' if open.is_some()
                && depth == 0
                && p[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|d| !d.is_whitespace())
                && p[i + len..].chars().next().is_none_or(char::is_whitespace) =>
            {
                2
            }
            // “... what he calls “hell” than ...”: a nested quotation, when
            // enough closing marks follow for both.
            '“' if open.is_some() && all_close - seen_close > all_open - seen_open + 1 => {
                depth += 1;
                0
            }
            '”' if depth > 0 => {
                depth -= 1;
                0
            }
            '“' | '„' | '«' => 1, // opener
            // A closing mark that opens a paragraph is an opening one.
            '”' if open.is_none() && !text_before => 1,
            '”' | '»' => 2, // closer
            '"' => 3,       // either
            '\'' if b.get(i + 1) == Some(&b'\'') => {
                it.next();
                len = 2;
                // "''A 'b.'''": a single mark closing inside the double one
                // belongs to this quotation (and "'''A' b''" opens it).
                if b.get(i + 2) == Some(&b'\'') {
                    it.next();
                    len = 3;
                }
                3
            }
            _ => 0,
        };
        match (kind, open) {
            (1, Some(o)) => {
                // A new opening mark while a quote is open: the old one was
                // never closed. End it before this mark.
                let end = ps + p[..i].trim_end().len();
                if end > ps + o {
                    out.push(Quote {
                        range: TextRange::new(ps + o, end),
                        closed: false,
                    });
                }
                open = Some(i);
            }
            (1, None) | (3, None) => open = Some(i),
            (2, Some(o)) | (3, Some(o)) => {
                out.push(Quote {
                    range: TextRange::new(ps + o, ps + i + len),
                    closed: true,
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        let end = ps + p.trim_end().len();
        if end > ps + o + 1 {
            out.push(Quote {
                range: TextRange::new(ps + o, end),
                closed: false,
            });
        }
    }
}

static ABBREV: LazyLock<&Words> = LazyLock::new(|| lexicon::words("abbreviations"));

/// Tokenizes `[us, ue)`; quotations starting inside become single tokens.
fn tokenize(text: &str, us: usize, ue: usize, quotes: &[Quote], toks: &mut Vec<Tok>) {
    toks.clear();
    let b = text.as_bytes();
    // First quote starting at or after us.
    let mut qi = quotes.partition_point(|q| q.range.start < us);
    let mut i = us;
    while i < ue {
        while qi < quotes.len() && quotes[qi].range.start < i {
            qi += 1;
        }
        if qi < quotes.len() && quotes[qi].range.start == i {
            let q = quotes[qi];
            toks.push(Tok {
                s: q.range.start,
                e: q.range.end,
                k: Kind::Quote(qi),
            });
            i = q.range.end.max(i + 1);
            qi += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            i += 1;
            continue;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + c.len_utf8();
            while j < ue {
                let Some(d) = text.get(j..).and_then(|r| r.chars().next()) else {
                    break;
                };
                if d.is_alphanumeric() {
                    j += d.len_utf8();
                    continue;
                }
                if matches!(d, '\'' | '’' | '-' | '.' | '&' | '*' | '/') {
                    let k = j + d.len_utf8();
                    let next = text.get(k..).and_then(|r| r.chars().next());
                    if k < ue && next.is_some_and(|n| n.is_alphanumeric()) {
                        // Do not swallow the start of a quotation.
                        if qi < quotes.len() && quotes[qi].range.start == j {
                            break;
                        }
                        j = k;
                        continue;
                    }
                }
                break;
            }
            // An abbreviation keeps its period: "Mr.", "U.S.", "F.".
            if j < ue && b.get(j) == Some(&b'.') {
                let w = &text[i..j];
                let single = w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase();
                if single || w.contains('.') || ABBREV.contains_ignore_ascii_case(w) {
                    j += 1;
                }
            }
            toks.push(Tok {
                s: i,
                e: j,
                k: Kind::Word,
            });
            i = j;
            continue;
        }
        let e = i + c.len_utf8();
        toks.push(Tok {
            s: i,
            e,
            k: Kind::Punct(c),
        });
        i = e;
    }
}

/// A unit that opens with a name written as a Markdown link followed by a
/// colon ("[Secretary Rubio](target): …", perhaps after a list bullet): the
/// indices of the link text's first word, of its closing `]` and of the
/// colon. The link text must be words, the first capitalized.
fn link_label(u: &Unit) -> Option<(usize, usize, usize)> {
    // A list item's bullet may come first.
    let o = usize::from(u.is_punct(0, '-') || u.is_punct(0, '*') || u.is_punct(0, '•'));
    if !u.is_punct(o, '[') {
        return None;
    }
    let n = u.toks.len();
    let k = (o + 1..n.min(o + 16)).find(|&t| u.is_punct(t, ']'))?;
    if !u.is_punct(k + 1, '(') || u.toks[k + 1].s != u.toks[k].e {
        return None;
    }
    // The target runs to the first `)` with no space inside it.
    let mut m = k + 2;
    while m < n && !u.is_punct(m, ')') {
        if u.toks[m].s != u.toks[m - 1].e {
            return None;
        }
        m += 1;
    }
    let a = o + 1;
    // A nickname in quotation marks inside the name ("Dan “Razin” Caine"):
    // a short quotation of one or two words.
    let nickname = |t: usize| {
        u.quote(t).is_some() && {
            let q = u.text.get(u.toks[t].s..u.toks[t].e).unwrap_or("");
            q.chars().count() <= 24 && q.split_whitespace().count() <= 2 && !q.contains('\n')
        }
    };
    let name = k > a && (a..k).all(|t| u.is_word(t) || (t > a && nickname(t))) && u.capitalized(a);
    (name && m + 1 < n && u.is_punct(m + 1, ':')).then_some((a, k, m + 1))
}

struct Unit<'a> {
    text: &'a str,
    toks: &'a [Tok],
}

impl<'a> Unit<'a> {
    fn word(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) if t.k == Kind::Word => self.text.get(t.s..t.e).unwrap_or(""),
            _ => "",
        }
    }
    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.k == Kind::Word)
    }
    fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.k == Kind::Punct(c))
    }
    fn quote(&self, i: usize) -> Option<usize> {
        match self.toks.get(i)?.k {
            Kind::Quote(q) => Some(q),
            _ => None,
        }
    }
    fn capitalized(&self, i: usize) -> bool {
        self.word(i)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
    }
    fn lower(&self, i: usize) -> bool {
        self.word(i)
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase())
    }
    fn range(&self, a: usize, b: usize) -> TextRange {
        // tokens a..b (exclusive), non-empty
        TextRange::new(self.toks[a].s, self.toks[b - 1].e)
    }
    fn is_end_punct(&self, i: usize) -> bool {
        matches!(
            self.toks.get(i).map(|t| t.k),
            Some(Kind::Punct('.' | '!' | '?' | ';' | ':' | ')' | ','))
        )
    }
}

static PREPOSITIONS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("prepositions"));

fn is_prep(w: &str) -> bool {
    PREPOSITIONS.contains_ignore_ascii_case(w)
}

/// A source noun phrase ending just before token `k` (exclusive), as token
/// indices `[a, b)`.
fn left_source(u: &Unit, k: usize, lo: usize) -> Option<(usize, usize)> {
    if k <= lo {
        return None;
    }
    // "Trump on Friday endorsed": skip a time expression before the cue.
    static DAYS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("days_before_cue"));
    if DAYS.contains(u.word(k - 1)) {
        let mut k2 = k - 1;
        if k2 > lo && matches!(u.word(k2 - 1), "on" | "last" | "this" | "late" | "early") {
            k2 -= 1;
        }
        if k2 > lo && u.is_punct(k2 - 1, ',') && k2 >= lo + 2 {
            // "Trump, on Friday, said"
            return left_source(u, k2 - 1, lo).or_else(|| left_source(u, k2, lo));
        }
        return left_source(u, k2, lo);
    }
    let prev = k - 1;
    if u.is_word(prev) && is_pronoun(u.word(prev)) {
        return Some((prev, k));
    }
    if is_delim(u.toks[prev].k) {
        return apposition_source(u, prev, lo);
    }
    if u.is_punct(prev, ')') {
        let open = (lo..prev).rev().find(|&t| u.is_punct(t, '('))?;
        let (a, _) = left_source(u, open, lo)?;
        return Some((a, k));
    }
    if !u.is_word(prev) || is_clause_word(u.word(prev)) {
        return None;
    }
    let mut a = prev;
    while a > lo {
        let t = a - 1;
        let word_ok = u.is_word(t) && !is_clause_word(u.word(t));
        let punct_ok = matches!(u.toks[t].k, Kind::Punct('-' | '’' | '\'' | '.' | '&')) && t > lo;
        if word_ok || punct_ok {
            a = t;
        } else {
            break;
        }
        if prev + 1 - a > 14 {
            break;
        }
    }
    while a < prev && u.is_word(a) && (is_leading_filler(u.word(a)) || is_prep(u.word(a))) {
        a += 1;
    }
    // "with the President stating": drop everything up to a leading preposition.
    if let Some(p) = (a..prev).rev().find(|&i| is_prep(u.word(i)) && u.lower(i)) {
        if p < prev && !u.word(p).eq_ignore_ascii_case("of") {
            a = p + 1;
        }
    }
    while a < prev && !u.is_word(a) {
        a += 1;
    }
    if a > prev {
        return None;
    }
    // A lone preposition or date is not a source ("In ... arguing", "April").
    static MONTHS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("months"));
    if a == prev && (is_prep(u.word(a)) || MONTHS.contains(u.word(a))) {
        return None;
    }
    Some((a, k))
}

fn is_delim(k: Kind) -> bool {
    matches!(k, Kind::Punct(',' | '—' | '–' | '-'))
}

/// "Sen. X, a Republican from Y, said": the comma (or dash) is token `c`.
fn apposition_source(u: &Unit, c: usize, lo: usize) -> Option<(usize, usize)> {
    // Segments of words between commas or dashes, right to left.
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut end = c;
    let mut i = c;
    while i > lo && segs.len() < 4 && c - i < 40 {
        let t = i - 1;
        match u.toks[t].k {
            Kind::Word => i = t,
            k if is_delim(k) => {
                if i < end {
                    segs.push((i, end));
                }
                end = t;
                i = t;
            }
            Kind::Punct('’' | '\'' | '.' | '&' | '(' | ')' | '/') => i = t,
            _ => break,
        }
    }
    if i < end {
        segs.push((i, end));
    }
    // segs[0] is adjacent to the comma; look for a name followed by an apposition.
    for w in 1..segs.len() {
        let (na, nb) = segs[w];
        let (aa, _) = segs[w - 1];
        let first = u.word(aa);
        let possessive = |w: &str| w.ends_with("'s") || w.ends_with("’s");
        let appos = is_det(first)
            || u.lower(aa)
            || first.eq_ignore_ascii_case("who")
            || first.starts_with(|c: char| c.is_ascii_digit())
            // "Mitch McConnell, R-Ky., said"
            || (first.len() >= 3
                && matches!(first.as_bytes()[0], b'R' | b'D' | b'I')
                && first.as_bytes()[1] == b'-')
            || (possessive(first) && w == 1);
        if !appos {
            // "the White House press secretary, Josh Earnest, said"
            let w0 = u.word(na);
            if u.capitalized(aa)
                && (matches!(w0, "the" | "The" | "a" | "A") || possessive(w0))
                && nb - na <= 8
            {
                return Some((na, c + 1));
            }
            continue;
        }
        let mut na2 = na;
        while na2 < nb && (is_leading_filler(u.word(na2)) || !u.is_word(na2)) {
            na2 += 1;
        }
        if na2 >= nb {
            continue;
        }
        if (na2..nb).any(|t| is_clause_word(u.word(t)) && u.word(t) != "and") {
            continue;
        }
        let mut s = na2;
        if is_prep(u.word(na2)) || nb - na2 > 10 {
            // A leading adverbial ("On Tuesday"): take the capitalized tail.
            if !(u.capitalized(nb - 1) || is_pronoun(u.word(nb - 1))) {
                continue;
            }
            s = nb - 1;
            while s > na2
                && (u.capitalized(s - 1)
                    || u.word(s - 1) == "of"
                    || u.word(s - 1).eq_ignore_ascii_case("the"))
            {
                s -= 1;
            }
            if nb - s > 6 {
                return None;
            }
        }
        return Some((s, c + 1));
    }
    None
}

/// A source written after its cue, starting at token `k`.
fn right_source(u: &Unit, k: usize, hi: usize) -> Option<(usize, usize)> {
    if k >= hi || !u.is_word(k) {
        return None;
    }
    let w = u.word(k);
    if is_pronoun(w) && !w.eq_ignore_ascii_case("who") && !w.eq_ignore_ascii_case("which") {
        return Some((k, k + 1));
    }
    if ends_post_source(w) || is_clause_word(w) || !(u.capitalized(k) || is_det(w)) {
        return None;
    }
    let mut e = k;
    let mut commas = 0;
    while e < hi {
        match u.toks[e].k {
            Kind::Word => {
                let w = u.word(e);
                if e > k && is_clause_word(w) && w != "and" {
                    break;
                }
                if e > k
                    && ends_post_source(w)
                    && !(commas == 1 && matches!(w, "of" | "from" | "for" | "at" | "in"))
                {
                    break;
                }
                e += 1;
            }
            Kind::Punct('-' | '’' | '\'' | '&' | '(' | ')') => e += 1,
            Kind::Punct(',') => {
                if commas == 1 {
                    e += 1;
                    break;
                }
                // An apposition follows?
                let n = e + 1;
                if u.is_word(n) && (is_det(u.word(n)) || u.lower(n)) && !ends_post_source(u.word(n))
                {
                    commas += 1;
                    e += 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    while e > k && !u.is_word(e - 1) && !u.is_punct(e - 1, ',') && !u.is_punct(e - 1, ')') {
        e -= 1;
    }
    if e > k && u.is_punct(e - 1, ',') && commas == 0 {
        e -= 1;
    }
    if e <= k {
        return None;
    }
    Some((k, e))
}

/// The subject at the start of the unit ("However, President Trump ...").
fn subject_np(u: &Unit, hi: usize) -> Option<(usize, usize)> {
    let mut a = 0;
    // Skip a leading adverbial segment ending in a comma.
    if let Some(c) = (0..hi.min(8)).find(|&i| u.is_punct(i, ',')) {
        let first = u.word(0);
        if is_prep(first) || is_leading_filler(first) || c == 1 {
            a = c + 1;
        }
    }
    // "When asked whom she supported, Ms. Sherry smiled and said": a
    // subordinate clause first.
    if a == 0 && is_clause_word(u.word(0)) {
        let c = (0..hi.min(20)).find(|&i| u.is_punct(i, ','))?;
        a = c + 1;
    }
    while a < hi && u.is_word(a) && is_leading_filler(u.word(a)) {
        a += 1;
    }
    if a >= hi || !u.is_word(a) {
        return None;
    }
    if is_pronoun(u.word(a)) {
        return Some((a, a + 1));
    }
    let mut e = a;
    while e < hi && u.is_word(e) {
        let w = u.word(e);
        if u.capitalized(e) || matches!(w, "the" | "of" | "a" | "an") || (e == a && is_det(w)) {
            e += 1;
        } else if e > a
            && !is_clause_word(w)
            && !is_cue_prefix(w)
            && cue_class(w).is_none()
            && e - a < 4
            && u.lower(e)
            && (is_det(u.word(a)) || u.word(a).eq_ignore_ascii_case("the"))
        {
            // "The Florida senator": lowercase nouns after a determiner.
            e += 1;
        } else {
            break;
        }
    }
    while e > a && matches!(u.word(e - 1), "the" | "of" | "a" | "an") {
        e -= 1;
    }
    if e == a {
        return None;
    }
    Some((a, e))
}

static TIME_PHRASE_OPENERS: LazyLock<&Words> =
    LazyLock::new(|| lexicon::words("time_phrase_openers"));

/// The end of a time phrase starting at token `s` ("on Tuesday", "last
/// week", "Monday night"), if there is one.
fn time_phrase_end(u: &Unit, s: usize) -> Option<usize> {
    static TIME: LazyLock<&Words> = LazyLock::new(|| lexicon::words("time_words"));
    let mut t = s;
    if TIME_PHRASE_OPENERS.contains(u.word(t)) {
        t += 1;
    }
    if !TIME.contains(u.word(t)) {
        return None;
    }
    t += 1;
    while TIME.contains(u.word(t)) {
        t += 1;
    }
    if u.is_punct(t, ',') {
        t += 1;
    }
    // The content must go on after the time phrase.
    (u.is_word(t) || u.quote(t).is_some()).then_some(t)
}

/// Whether quotation token `t` ends with a comma inside its closing mark.
fn quote_ends_comma(u: &Unit, t: usize) -> bool {
    let Some(tok) = u.toks.get(t) else {
        return false;
    };
    let s = u.text.get(tok.s..tok.e).unwrap_or("");
    let s = s.trim_end_matches(['”', '"', '\'', '’', '»']);
    s.ends_with(',')
}

/// “...,” Jeff Weaver, Sanders' campaign manager, said: the start of a
/// source with an apposition between a quotation and the cue at `ca`
/// (the source keeps its closing comma).
fn quoted_apposition_source(
    u: &Unit,
    ca: usize,
    free_quote: &dyn Fn(usize) -> Option<usize>,
) -> Option<usize> {
    if ca < 4 || !u.is_punct(ca - 1, ',') {
        return None;
    }
    let lo = ca.saturating_sub(26);
    let mut t = ca - 1;
    let mut commas = 0;
    while t > lo {
        t -= 1;
        match u.toks[t].k {
            Kind::Quote(_) => break,
            Kind::Word => {
                let w = u.word(t);
                if cue_class(w).is_some() || (is_clause_word(w) && w != "and") {
                    return None;
                }
            }
            Kind::Punct(',') => commas += 1,
            Kind::Punct('\'' | '’' | '.' | '-' | '&' | '(' | ')') => {}
            _ => return None,
        }
        if commas > 2 {
            return None;
        }
    }
    free_quote(t)?;
    let mut a = t + 1;
    if u.is_punct(a, ',') {
        a += 1;
    } else if !quote_ends_comma(u, t) {
        return None;
    }
    // A name first, then its apposition.
    let comma_inside = (a..ca - 1).any(|i| u.is_punct(i, ','));
    (a + 1 < ca && u.capitalized(a) && comma_inside).then_some(a)
}

static CONTENT_BREAKS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("content_breaks"));

/// Where the content of a forward (cue-first) attribution ends, exclusive.
fn clause_end(u: &Unit, from: usize, hi: usize) -> usize {
    let mut i = from;
    while i < hi {
        match u.toks[i].k {
            // "stated the UK's position: that they are a signatory ...; that
            // being a signatory means ...": a second that-clause goes on.
            Kind::Punct(';') if u.word(i + 1).eq_ignore_ascii_case("that") && u.lower(i + 1) => {}
            Kind::Punct(';') => break,
            Kind::Punct('(') if matches!(u.word(i + 1), "which" | "who" | "whose") => break,
            Kind::Word if u.word(i) == "and" && i > from + 2 => {
                // "pledged X and cast doubt on Y": a second verb phrase.
                let mut n = i + 1;
                while is_cue_prefix(u.word(n)) {
                    n += 1;
                }
                let w = u.word(n);
                if cue_class(w).is_some() && !is_participle(w) && u.lower(n) {
                    break;
                }
                if u.is_punct(i - 1, ',') && w.ends_with("ed") && u.lower(n) {
                    break;
                }
                // "and he added that ...", "and would not identify ..."
                if (is_pronoun(w)
                    && (cue_class(u.word(n + 1)).is_some()
                        || (u.word(n + 1) == "made" && u.word(n + 2) == "clear")))
                    || matches!(w, "would" | "will")
                {
                    break;
                }
            }
            Kind::Punct(',') => {
                let n = u.word(i + 1);
                // ", as you all heard, ...": an aside to the audience; the
                // content goes on after it.
                if n.eq_ignore_ascii_case("as") && u.word(i + 2).eq_ignore_ascii_case("you") {
                    if let Some(k) = (i + 3..(i + 8).min(hi)).find(|&k| u.is_punct(k, ',')) {
                        i = k + 1;
                        continue;
                    }
                }
                let ing = n.len() > 5
                    && n.ends_with("ing")
                    && u.lower(i + 1)
                    && n != "including"
                    && i > from + 3;
                if (cue_class(n).is_some() && is_participle(n))
                    || ing
                    || CONTENT_BREAKS.contains(n)
                    || (n == "as" && is_pronoun(u.word(i + 2)))
                    || n.eq_ignore_ascii_case("according")
                    || (is_pronoun(n) && cue_class(u.word(i + 2)).is_some())
                {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    while i > from && u.is_end_punct(i - 1) {
        i -= 1;
    }
    i
}

fn kind_of(text: &str, content: &[TextRange]) -> StatementKind {
    let quoted = |r: &TextRange| {
        let s = text.get(r.start..r.end).unwrap_or("");
        let opens = s.chars().next().is_some_and(is_open_quote_char) || s.starts_with("''");
        let closes = s
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '”' | '"' | '\'' | '»' | '“'));
        let inner_opens = s
            .chars()
            .skip(1)
            .filter(|&c| c == '“')
            .count()
            .saturating_sub(usize::from(s.ends_with('“')));
        let inner_closes = s.chars().filter(|&c| c == '”').count();
        // A nested quotation (“... “chaos” ...”) leaves it one quotation.
        let nested = inner_opens > 0 && inner_closes == inner_opens + 1;
        let marks = s.chars().filter(|&c| matches!(c, '“' | '”' | '"')).count();
        opens && ((closes && (inner_opens == 0 || nested)) || marks <= 1)
    };
    if !content.is_empty() && content.iter().all(quoted) {
        return StatementKind::Direct;
    }
    let has_quote = content.iter().any(|r| {
        text.get(r.start..r.end)
            .is_some_and(|s| s.contains(['“', '"', '”']) || s.contains("''"))
    });
    if has_quote {
        StatementKind::Partial
    } else {
        StatementKind::Indirect
    }
}

/// One attribution under construction, as token indices of its unit.
struct Draft {
    source: Option<(usize, usize)>,
    cue: (usize, usize),
    content: Vec<(usize, usize)>,
}

static PHRASAL_CUE_VERBS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("phrasal_cue_verbs"));
static NOT_THAT_VERBS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("not_that_verbs"));
static BASE_FORMS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("base_forms"));
static SAY_NOT_AFTER: LazyLock<&Words> = LazyLock::new(|| lexicon::words("say_not_after"));
static BASE_FORM_SUBJECTS: LazyLock<&Words> =
    LazyLock::new(|| lexicon::words("base_form_subjects"));
static NOT_PLURAL: LazyLock<&Words> = LazyLock::new(|| lexicon::words("not_plural"));
static SIGN_NOUNS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("sign_nouns"));
static SHOW_MODIFIERS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("show_modifiers"));
static EVIDENCE_NOUNS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("evidence_nouns"));
static SHOW_NOT_BEFORE: LazyLock<&Words> = LazyLock::new(|| lexicon::words("show_not_before"));
static SHOW_NOT_AFTER: LazyLock<&Words> = LazyLock::new(|| lexicon::words("show_not_after"));
static INTENT_CUES: LazyLock<&Words> = LazyLock::new(|| lexicon::words("intent_cues"));
static PASSIVE_MARKERS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("passive_markers"));

/// Finds the cue at token `i`: its class and the first token of the cue
/// (with auxiliaries and adverbs).
fn cue_at(u: &Unit, i: usize) -> Option<(CueClass, usize, usize)> {
    let w = u.word(i);
    if w.is_empty() {
        return None;
    }
    if w.eq_ignore_ascii_case("according") && u.word(i + 1).eq_ignore_ascii_case("to") {
        return Some((CueClass::Say, i, i + 2));
    }
    // "made clear that ...", "makes it clear that ...".
    if matches!(w, "made" | "make" | "makes" | "making") {
        let c = if u.word(i + 1) == "it" { i + 2 } else { i + 1 };
        if u.word(c) == "clear" && u.word(c + 1) == "that" {
            let mut a = i;
            while a > 0 && u.is_word(a - 1) && is_cue_prefix(u.word(a - 1)) && i - a < 3 {
                a -= 1;
            }
            return Some((CueClass::Say, a, c + 1));
        }
    }
    // "As Ms. Simonyan put it, ...".
    if w == "put" && u.word(i + 1) == "it" {
        return Some((CueClass::Say, i, i + 2));
    }
    // Phrasal cues: "referring to", "pointed out", "talked about".
    let next_w = u.word(i + 1);
    if matches!(next_w, "to" | "out" | "about" | "of") {
        let lw = w.to_ascii_lowercase();
        let verb = PHRASAL_CUE_VERBS.contains(&lw);
        let next = u.word(i + 1);
        let particle = matches!(next, "to" | "out" | "about" | "of");
        let bad =
            (lw.starts_with("point") && next == "of") || (lw.starts_with("refer") && next != "to");
        if verb && particle && !bad && u.lower(i) {
            let mut a = i;
            while a > 0 && u.is_word(a - 1) && is_cue_prefix(u.word(a - 1)) && i - a < 3 {
                a -= 1;
            }
            return Some((CueClass::Object, a, i + 2));
        }
    }
    let class = match cue_class(w) {
        Some(c) => c,
        // "“...,” the article read.": "read" at the end of a sentence.
        None if w == "read"
            && i >= 2
            && u.is_word(i - 1)
            && (i + 1 >= u.toks.len() || u.is_punct(i + 1, '.')) =>
        {
            CueClass::Say
        }
        None => {
            // Any verb that takes a that-clause after a subject: "he
            // realized that ...", "Trump insisted that ...".
            if next_w != "that" {
                return None;
            }
            let lw = w.to_ascii_lowercase();
            let verbish = (lw.ends_with("ed")
                || lw.ends_with("es")
                || lw.ends_with("ts")
                || lw.ends_with("ns"))
                && lw.len() > 4
                && u.lower(i);
            let that = u.word(i + 1) == "that"
                && (u.is_word(i + 2)
                    && (is_pronoun(u.word(i + 2))
                        || is_det(u.word(i + 2))
                        || u.capitalized(i + 2)));
            let subj =
                i > 0 && u.is_word(i - 1) && (is_pronoun(u.word(i - 1)) || u.capitalized(i - 1));
            if verbish && that && subj && !NOT_THAT_VERBS.contains(&lw) {
                CueClass::Say
            } else {
                return None;
            }
        }
    };
    // Words that look like cues but are not here.
    if u.capitalized(i)
        && i > 0
        && !u.is_punct(i - 1, ',')
        && !matches!(u.toks[i - 1].k, Kind::Quote(_))
    {
        // A headline in title case: "New Poll Shows Minor Bump For Clinton".
        let words = u.toks.iter().filter(|t| t.k == Kind::Word).count();
        let caps = (0..u.toks.len()).filter(|&t| u.capitalized(t)).count();
        let title = words >= 4 && caps * 10 >= words * 7 && u.capitalized(i - 1);
        if !title {
            return None;
        }
    }
    let next = u.word(i + 1);
    if BASE_FORMS.contains_ignore_ascii_case(w) {
        // Base forms and nouns: only after a pronoun or plural-looking subject.
        let p = if i > 0 { u.word(i - 1) } else { "" };
        let say_ok = w.eq_ignore_ascii_case("say")
            && i > 0
            && u.is_word(i - 1)
            && !SAY_NOT_AFTER.contains(p);
        let ok = say_ok
            || BASE_FORM_SUBJECTS.contains_ignore_ascii_case(p)
            || (p.ends_with('s') && !NOT_PLURAL.contains(p))
            || p.starts_with(|c: char| c.is_ascii_digit())
            || (i > 0 && u.is_punct(i - 1, ',') && w.ends_with('y'))
            || (w.ends_with('s') && i > 0 && (u.capitalized(i - 1) || is_pronoun(p)));
        if !ok {
            return None;
        }
    }
    let lw = w.to_ascii_lowercase();
    let next_quote = u.quote(i + 1).is_some();
    let p = if i > 0 { u.word(i - 1) } else { "" };
    let pl = p.to_ascii_lowercase();
    // Names and titles: "a group called “We The People”", "the reality TV
    // show “The Apprentice”", "signs saying “...”".
    if next_quote
        && ((lw == "called" || lw == "titled" || lw == "named")
            && i > 0
            && u.lower(i - 1)
            && !is_pronoun(p)
            && !is_cue_prefix(p)
            && !p.ends_with("ly"))
    {
        return None;
    }
    if lw == "saying" && SIGN_NOUNS.contains(&pl) {
        return None;
    }
    if (lw == "show" || lw == "shows")
        && (next_quote || p.ends_with("'s") || p.ends_with("’s") || SHOW_MODIFIERS.contains(&pl))
    {
        return None;
    }
    if lw.starts_with("show") || lw == "found" || lw == "finds" {
        // Polls and studies show and find; people "show up" and "found" companies.
        let p = if i > 0 {
            u.word(i - 1).to_ascii_lowercase()
        } else {
            String::new()
        };
        let bad_next = SHOW_NOT_BEFORE.contains(next);
        let bad_prev = SHOW_NOT_AFTER.contains(&p);
        if !EVIDENCE_NOUNS.contains(&p) && (bad_next || bad_prev || lw == "found") {
            return None;
        }
    }
    let intent = INTENT_CUES.contains(&lw);
    if class == CueClass::Raising {
        if lw == "expected" && !(i > 0 && matches!(u.word(i - 1), "is" | "are" | "was" | "were")) {
            return None;
        }
        if next != "to" && !(u.lower(i + 1) && lw.starts_with("seem")) {
            return None;
        }
        let a = if lw == "expected" { i - 1 } else { i };
        return Some((class, a, i + 1));
    }
    if matches!(next, "to") && class != CueClass::Tell && !intent {
        // "said to be", "referred to": not reported speech here.
        if lw != "said" || u.word(i + 2) == "be" {
            return None;
        }
    }
    let mut b = i + 1;
    if lw.starts_with("call") && matches!(next, "for" | "on") {
        b += 1;
    }
    // Passives ("was first declared by", "are supported by") are not cues here.
    if lw.ends_with("ed") || lw == "told" || lw == "thought" || lw == "said" {
        let mut p = i;
        while p > 0 && u.is_word(p - 1) && u.word(p - 1).ends_with("ly") && u.lower(p - 1) {
            p -= 1;
        }
        let be = p > 0 && PASSIVE_MARKERS.contains(u.word(p - 1));
        if be && !matches!(lw.as_str(), "asked" | "quoted" | "told") {
            return None;
        }
    }
    let mut a = i;
    while a > 0
        && u.is_word(a - 1)
        && (is_cue_prefix(u.word(a - 1)) || (u.word(a - 1).ends_with("ly") && u.lower(a - 1)))
        && i - a < 4
    {
        a -= 1;
    }
    Some((class, a, b))
}

/// Extracts the attributions of one unit (a sentence, or several when a
/// quotation runs across them).
fn extract_unit(u: &Unit, used: &mut [bool]) -> Vec<Draft> {
    let n = u.toks.len();
    let mut out: Vec<Draft> = Vec::new();
    let mut taken = vec![false; n];
    // First the attribution at the end of the unit, whose content comes
    // before its cue ("..., she said in an interview."): it is the outer one.
    for i in (0..n).rev() {
        if n - i > 14 {
            break;
        }
        let Some((class, ca, cb)) = cue_at(u, i) else {
            continue;
        };
        if u.word(ca).eq_ignore_ascii_case("according") || is_participle(u.word(cb - 1)) {
            continue;
        }
        if let Some(d) = cue_patterns(u, class, ca, cb, &out, used, true) {
            let mut mark = |a: usize, b: usize| {
                for t in taken.iter_mut().take(b.min(n)).skip(a) {
                    *t = true;
                }
            };
            mark(d.cue.0, d.cue.1);
            for &(a, b) in &d.content {
                mark(a, b);
                for t in a..b {
                    if let Some(q) = u.quote(t) {
                        if let Some(x) = used.get_mut(q) {
                            *x = true;
                        }
                    }
                }
            }
            out.push(d);
            break;
        }
    }
    // “...” ― Carlos Raúl, anywhere in the unit.
    for t in 0..n.saturating_sub(2) {
        let Some(q) = u.quote(t) else { continue };
        if !matches!(u.toks[t + 1].k, Kind::Punct('―' | '—' | '–'))
            || used.get(q).copied().unwrap_or(true)
        {
            continue;
        }
        let mut e = t + 2;
        while e < n && e < t + 7 && u.is_word(e) && u.capitalized(e) {
            e += 1;
        }
        let ends = e >= n || u.quote(e).is_some() || u.is_end_punct(e);
        if e > t + 2 && ends && (t == 0 || u.is_end_punct(t - 1) || u.quote(t - 1).is_some()) {
            if let Some(x) = used.get_mut(q) {
                *x = true;
            }
            out.push(Draft {
                source: Some((t + 2, e)),
                cue: (t + 1, t + 2),
                content: vec![(t, t + 1)],
            });
        }
    }
    if !out.is_empty() {
        // "“A,” Trump said, adding later, “B.”": a participle after the
        // backward attribution opens one of its own.
        if let Some(after) = out
            .first()
            .map(|d| d.source.map_or(d.cue.1, |s| s.1.max(d.cue.1)))
        {
            if after + 1 < n && u.is_punct(after, ',') && is_participle(u.word(after + 1)) {
                if let Some((class, ca, cb)) = cue_at(u, after + 1) {
                    if let Some(d) = cue_patterns(u, class, ca, cb, &out, used, false) {
                        let quoted = d.content.first().is_some_and(|&(a, b)| {
                            b == a + 1
                                && u.quote(a)
                                    .is_some_and(|q| !used.get(q).copied().unwrap_or(true))
                        });
                        if quoted {
                            for &(a, b) in &d.content {
                                for t in a..b {
                                    if let Some(x) = u.quote(t).and_then(|q| used.get_mut(q)) {
                                        *x = true;
                                    }
                                }
                            }
                            out.push(d);
                        }
                    }
                }
            }
        }
        return out;
    }
    if (3..=9).contains(&n) {
        if let (Some(q), Kind::Punct('―' | '—' | '–' | '-')) = (u.quote(0), u.toks[1].k) {
            let name_ok = (2..n).all(|t| {
                (u.is_word(t) && u.capitalized(t)) || matches!(u.toks[t].k, Kind::Punct(',' | '.'))
            });
            if name_ok && !used.get(q).copied().unwrap_or(true) {
                let mut e = n;
                while e > 2 && !u.is_word(e - 1) {
                    e -= 1;
                }
                if let Some(x) = used.get_mut(q) {
                    *x = true;
                }
                out.push(Draft {
                    source: Some((2, e)),
                    cue: (1, 2),
                    content: vec![(0, 1)],
                });
                return out;
            }
        }
    }
    let mut i = 0;
    while i < n {
        if taken[i] {
            i += 1;
            continue;
        }
        let Some((class, ca, cb)) = cue_at(u, i) else {
            i += 1;
            continue;
        };
        let according = u.word(ca).eq_ignore_ascii_case("according") && cb == ca + 2;
        let draft = if according {
            according_to(u, ca, cb)
        } else if let Some(d) = as_source_said(u, ca, cb) {
            Some(d)
        } else {
            cue_patterns(u, class, ca, cb, &out, used, false)
        };
        if let Some(d) = draft {
            let mut mark = |a: usize, b: usize| {
                for t in taken.iter_mut().take(b.min(n)).skip(a) {
                    *t = true;
                }
            };
            if let Some((a, b)) = d.source {
                mark(a, b);
            }
            mark(d.cue.0, d.cue.1);
            for &(a, b) in &d.content {
                mark(a, b);
                for t in a..b {
                    if let Some(q) = u.quote(t) {
                        if let Some(x) = used.get_mut(q) {
                            *x = true;
                        }
                    }
                }
            }
            // Spans taken by the new draft may not overlap an earlier one.
            let overlaps = out.iter().any(|o| {
                let spans = |d: &Draft| {
                    let mut v: Vec<(usize, usize)> = d.content.clone();
                    v.push(d.cue);
                    v
                };
                spans(o)
                    .iter()
                    .any(|&(a, b)| spans(&d).iter().any(|&(c, e)| a < e && c < b))
            });
            if !overlaps {
                out.push(d);
            }
            i = cb;
        } else {
            i = cb.max(i + 1);
        }
    }
    out.sort_by_key(|d| d.cue.0);
    out
}

/// "As Chairman Milley indicated, that is under active consideration.": a
/// source named in an "as" clause that opens the sentence, the rest its content.
fn as_source_said(u: &Unit, ca: usize, cb: usize) -> Option<Draft> {
    let n = u.toks.len();
    let mut lo = 0;
    // After a speaker's label ("MR. BATES: As Chairman Milley indicated, ...").
    if let Some(colon) = (0..ca).find(|&i| u.is_punct(i, ':')) {
        lo = colon + 1;
    }
    while lo < ca && u.is_word(lo) && is_leading_filler(u.word(lo)) {
        lo += 1;
    }
    if !u.word(lo).eq_ignore_ascii_case("as") || ca <= lo + 1 || ca > lo + 6 {
        return None;
    }
    // The source: capitalized words ("Chairman Milley", "the President").
    let src = (lo + 1, ca);
    if !(src.0..src.1).all(|i| u.is_word(i)) || !(src.0..src.1).any(|i| u.capitalized(i)) {
        return None;
    }
    // An auxiliary may sit before the cue: "As the President has said,".
    let mut e = cb;
    while e < n && !u.is_punct(e, ',') && e < cb + 3 && u.is_word(e) {
        e += 1;
    }
    if !u.is_punct(e, ',') {
        return None;
    }
    let end = clause_end(u, e + 1, n);
    if end < e + 3 {
        return None;
    }
    let mut source_end = src.1;
    while source_end > src.0 + 1
        && ["has", "have", "had"].contains(&u.word(source_end - 1).to_lowercase().as_str())
    {
        source_end -= 1;
    }
    Some(Draft {
        source: Some((src.0, source_end)),
        cue: (ca, cb),
        content: vec![(e + 1, end)],
    })
}

fn according_to(u: &Unit, ca: usize, cb: usize) -> Option<Draft> {
    let n = u.toks.len();
    // The source: up to the next comma or the end.
    let mut e = cb;
    while e < n && !u.is_end_punct(e) && u.quote(e).is_none() {
        e += 1;
    }
    if e == cb {
        return None;
    }
    let source = Some((cb, e));
    let mut lo = 0;
    while lo < ca && u.is_word(lo) && is_leading_filler(u.word(lo)) {
        lo += 1;
    }
    let content = if ca == lo + 1 && u.quote(lo).is_some() {
        // "“The plan is dead,” according to X."
        (lo, lo + 1)
    } else if ca <= lo + 1 {
        // "According to X, content."
        let s = if u.is_punct(e, ',') { e + 1 } else { e };
        let end = clause_end(u, s, n);
        (s, end)
    } else {
        let mut end = ca;
        while end > lo && u.is_end_punct(end - 1) {
            end -= 1;
        }
        (0, end)
    };
    // A lone quotation is a content: "According to X, “...”".
    if content.1 <= content.0 + 1 && !(content.1 > content.0 && u.quote(content.0).is_some()) {
        return None;
    }
    let mut pieces = vec![content];
    // "Over the long term, according to X, the rise ...": the rest too.
    if ca > lo + 1 && u.is_punct(e, ',') {
        let end = clause_end(u, e + 1, n);
        if end >= e + 3 {
            pieces.push((e + 1, end));
        }
    }
    Some(Draft {
        source,
        cue: (ca, cb),
        content: pieces,
    })
}

fn cue_patterns(
    u: &Unit,
    class: CueClass,
    ca: usize,
    cb: usize,
    prior: &[Draft],
    used: &[bool],
    backward_only: bool,
) -> Option<Draft> {
    let n = u.toks.len();
    if class == CueClass::Raising {
        if backward_only {
            return None;
        }
        let subj = left_source(u, ca, 0)?;
        let end = clause_end(u, cb, n);
        if end <= cb {
            return None;
        }
        return Some(Draft {
            source: None,
            cue: (ca, cb),
            content: vec![subj, (cb, end)],
        });
    }
    let free_quote = |t: usize| {
        u.quote(t)
            .filter(|&q| !used.get(q).copied().unwrap_or(true))
    };

    // A. Quote before the cue: “...,” X said. / “...,” said X.
    {
        let mut k = ca;
        let mut words = 0;
        while k > 0 && u.is_word(k - 1) && !is_clause_word(u.word(k - 1)) && words < 10 {
            k -= 1;
            words += 1;
        }
        if let Some((a, _)) = left_source(u, ca, 0) {
            k = k.min(a);
        } else if let Some(a) = quoted_apposition_source(u, ca, &free_quote) {
            // “...,” Tina Tchen, Mrs. Obama's chief of staff, said.
            k = a;
        }
        let mut q = k;
        if q > 0 && matches!(u.toks[q - 1].k, Kind::Punct(',' | '—' | '–' | '-' | ':')) {
            q -= 1;
        }
        if q > 0 && free_quote(q - 1).is_some() && class != CueClass::Object {
            let qt = q - 1;
            let source = if k < ca {
                left_source(u, ca, k)
                    .or(Some((k, ca)))
                    .map(|(a, b)| {
                        if u.is_punct(a, ',') {
                            (a + 1, b)
                        } else {
                            (a, b)
                        }
                    })
                    .filter(|(a, b)| a < b)
            } else {
                right_source(u, cb, n)
            };
            let mut content = vec![(qt, qt + 1)];
            // “A,” X said, “B.” — the quote continues after the cue.
            let mut after = source.map_or(cb, |s| s.1.max(cb));
            while after < n && matches!(u.toks[after].k, Kind::Punct(',' | ':' | '.')) {
                after += 1;
            }
            if after < n && free_quote(after).is_some() {
                content.push((after, after + 1));
            } else if after + 1 < n
                && matches!(u.word(after), "but" | "and")
                && free_quote(after + 1).is_some()
            {
                // “A,” he said, but “B.”
                content.push((after, after + 2));
            } else {
                // “A,” X told CNN on Wednesday, “but B.” / X said during a
                // rally in Kenansville, N.C., “but B.”
                let mut t = after;
                while t < n
                    && t < after + 14
                    && (u.is_word(t) || u.is_punct(t, ','))
                    && cue_class(u.word(t)).is_none()
                    && !is_clause_word(u.word(t))
                {
                    t += 1;
                }
                if t > after && t < n && u.is_punct(t - 1, ',') && free_quote(t).is_some() {
                    content.push((t, t + 1));
                }
            }
            // The quote must not be the object of a preceding verb: "called it “X”".
            let before_ok = qt == 0
                || matches!(u.toks[qt - 1].k, Kind::Punct(_) | Kind::Quote(_))
                || is_leading_filler(u.word(qt - 1));
            let words_ok = source.is_some() || k == ca;
            if before_ok && words_ok {
                return Some(Draft {
                    source,
                    cue: (ca, cb),
                    content,
                });
            }
        }
    }

    // "As X put it in a statement, content."
    if !backward_only && u.word(ca) == "put" && u.word(cb - 1) == "it" {
        let c = (cb..n.min(cb + 15)).find(|&t| matches!(u.toks[t].k, Kind::Punct(',' | ':')))?;
        let end = clause_end(u, c + 1, n);
        if end < c + 2 {
            return None;
        }
        return Some(Draft {
            source: left_source(u, ca, 0),
            cue: (ca, cb),
            content: vec![(c + 1, end)],
        });
    }

    // "When asked about the merger, she ...": the question, with no source
    // unless "by" names the asker.
    if !backward_only
        && u.word(cb - 1).eq_ignore_ascii_case("asked")
        && (ca == 0
            || matches!(
                u.word(ca - 1),
                "When" | "when" | "If" | "if" | "Once" | "once"
            ))
    {
        let mut s = cb;
        let mut source = None;
        if u.word(s) == "by" {
            let mut e = s + 1;
            while e < n && u.is_word(e) && (u.capitalized(e) || is_det(u.word(e))) && e < s + 6 {
                e += 1;
            }
            if e > s + 1 {
                source = Some((s + 1, e));
                s = e;
            }
        }
        if let Some(c) = (s..n).find(|&t| u.is_punct(t, ',')) {
            if c > s && c < s + 25 {
                return Some(Draft {
                    source,
                    cue: (ca.max(cb - 1), cb),
                    content: vec![(s, c)],
                });
            }
        }
    }

    // Where the content starts, after a hearer ("told reporters") or an
    // adverbial ("said in a statement", "said Tuesday").
    let mut s = cb;
    let that_ahead = (cb..n.min(cb + 10))
        .take_while(|&t| u.is_word(t) || u.is_punct(t, ','))
        .find(|&t| u.word(t) == "that");
    if class == CueClass::Tell {
        if let Some(t) = that_ahead {
            s = t;
        } else if u.capitalized(s) {
            while s < n && (u.capitalized(s) || matches!(u.word(s), "of" | "the")) {
                s += 1;
            }
        } else if u.is_word(s) && !is_clause_word(u.word(s)) {
            s += 1;
            if u.is_word(s) && is_prep(u.word(s)) {
                // "told reporters on Tuesday"
                while s < n
                    && u.is_word(s)
                    && !is_pronoun(u.word(s))
                    && u.word(s) != "that"
                    && s < cb + 6
                {
                    s += 1;
                }
            }
        }
    } else if let Some(t) = that_ahead.filter(|&t| {
        t <= cb + 4
            && (cb..t).all(|x| u.is_word(x) && !is_clause_word(u.word(x)) && !is_pronoun(u.word(x)))
    }) {
        // "said late Wednesday that ..."
        s = t;
    } else if let Some(t) = time_phrase_end(u, s) {
        // "said on Tuesday the plan ..."
        s = t;
    } else if u.is_word(s)
        && (is_prep(u.word(s)) || ends_post_source(u.word(s)))
        && !is_pronoun(u.word(s))
    {
        if let Some(t) = that_ahead {
            s = t;
        } else {
            // Skip a short adverbial up to a comma or colon.
            let mut t = s;
            while t < n && u.is_word(t) && t < s + 6 {
                t += 1;
            }
            if t < n && matches!(u.toks[t].k, Kind::Punct(',' | ':')) {
                s = t;
            }
        }
    }

    // The source, before the cue or (participles) the clause's subject.
    let participle = is_participle(u.word(cb - 1));
    let mut source = left_source(u, ca, 0);
    if !participle && source.is_none() && ca > 0 && matches!(u.word(ca - 1), "and" | "but") {
        source = prior
            .last()
            .and_then(|d| d.source)
            .or_else(|| subject_np(u, ca));
    }
    if participle {
        let left_is_clause = ca == 0
            || u.is_punct(ca - 1, ',')
            || u.quote(ca - 1).is_some()
            || matches!(
                u.word(ca - 1),
                "and" | "by" | "while" | "after" | "before" | "in"
            );
        if left_is_clause {
            source = prior
                .last()
                .and_then(|d| d.source)
                .or_else(|| subject_np(u, ca));
        }
    }

    // B. Quote after the cue: X said, “...” / X said: “...”
    if !backward_only {
        let mut k = s;
        let mut cue_end = cb;
        // "Said Ellis: “...”": the source between the cue and the quote.
        let mut inverted = None;
        if source.is_none() && (ca == 0 || u.is_punct(ca - 1, ',')) {
            if let Some((a, b)) = right_source(u, cb, n) {
                if b < n && matches!(u.toks[b].k, Kind::Punct(',' | ':')) {
                    inverted = Some((a, b));
                    k = b;
                }
            }
        }
        // "adding later, “...”"
        if inverted.is_none()
            && k == cb
            && matches!(u.word(k), "later" | "again" | "then" | "also" | "simply")
        {
            k += 1;
            cue_end = k;
        }
        if k < n && matches!(u.toks[k].k, Kind::Punct(',' | ':' | '—' | '–')) {
            k += 1;
        }
        static TITLE_MINOR_WORDS: LazyLock<&Words> =
            LazyLock::new(|| lexicon::words("title_minor_words"));
        // “The Wall Street Journal”, ''Make Your Kid a Millionaire'': a
        // title, not what was said.
        let title = |t: usize| {
            let tok = u.toks[t];
            let inner = u.text.get(tok.s..tok.e).unwrap_or("");
            let words: Vec<&str> = inner
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
                .collect();
            let minor = |w: &str| TITLE_MINOR_WORDS.contains(w);
            words.len() >= 2
                && words.len() <= 8
                && words.iter().all(|w| {
                    minor(w) || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                })
                && !inner.contains(['.', '!', '?'])
        };
        if k < n && free_quote(k).is_some() && !title(k) {
            let rest = k + 1;
            let ends = rest >= n
                || (rest..n).all(|t| u.is_end_punct(t))
                || (u.is_punct(rest, ',') || quote_ends_comma(u, k)) && source.is_some();
            let (src, cue_ok) = if source.is_some() {
                (source, true)
            } else {
                (right_source(u, cb, n), false)
            };
            if ends && (cue_ok || src.is_some()) {
                let mut content = vec![(k, k + 1)];
                // More quotes separated by commas/colons only.
                let mut t = k + 1;
                while t + 1 < n
                    && matches!(u.toks[t].k, Kind::Punct(',' | '.' | ':'))
                    && free_quote(t + 1).is_some()
                {
                    content.push((t + 1, t + 2));
                    t += 2;
                }
                return Some(Draft {
                    source: src,
                    cue: (ca, cue_end),
                    content,
                });
            }
        }
    }

    // P. Parenthetical: content, X said, more content.
    if !participle && class != CueClass::Object {
        let comma_before =
            |t: usize| u.is_punct(t, ',') || (u.quote(t).is_some() && quote_ends_comma(u, t));
        let (src, c1) = match left_source(u, ca, 0) {
            Some((a, b)) if a > 0 && comma_before(a - 1) => (Some((a, b)), Some(a - 1)),
            None if ca > 0 && comma_before(ca - 1) => (right_source(u, cb, n), Some(ca - 1)),
            _ => (None, None),
        };
        if let (Some(src), Some(c1)) = (src, c1) {
            let mut after = src.1.max(cb);
            // "he said in an interview," / "he told CNN,"
            let mut t = after;
            while t < n && u.is_word(t) && t < after + 5 {
                t += 1;
            }
            if t < n
                && u.is_punct(t, ',')
                && (t == after || is_prep(u.word(after)) || class == CueClass::Tell)
            {
                after = t;
            }
            let right = src.0 > cb.saturating_sub(1);
            let s2_ok = !right
                || (u.lower(after + 1)
                    && !is_det(u.word(after + 1))
                    && !matches!(u.word(after + 1), "who" | "which" | "whose"));
            if after < n && u.is_punct(after, ',') && c1 > 0 && s2_ok {
                let s2 = after + 1;
                let end = clause_end(u, s2, n);
                if end >= s2 + 2 {
                    let p1_end = if u.is_punct(c1, ',') { c1 } else { c1 + 1 };
                    if p1_end > 0 {
                        return Some(Draft {
                            source: Some(src),
                            cue: (ca, cb),
                            content: vec![(0, p1_end), (s2, end)],
                        });
                    }
                }
            }
        }
    }

    // D. Inversion: content, X said. / content, said X.
    {
        let src_left = left_source(u, ca, 0);
        // The comma before the source, or a quotation ending in one (“...,”):
        // (index of the comma token, exclusive end of the content).
        let comma_at = |t: usize| -> Option<(usize, usize)> {
            if u.is_punct(t, ',') {
                Some((t, t))
            } else if u.quote(t).is_some() && quote_ends_comma(u, t) {
                Some((t, t + 1))
            } else {
                None
            }
        };
        let (comma, src) = match src_left {
            Some((a, _)) if a > 0 && comma_at(a - 1).is_some() => (comma_at(a - 1), src_left),
            None if ca > 0 && comma_at(ca - 1).is_some() => {
                (comma_at(ca - 1), right_source(u, cb, n))
            }
            _ => (None, None),
        };
        let (comma, src) = if participle {
            (None, None)
        } else {
            (comma, src)
        };
        if let (Some((c, cend)), Some(src)) = (comma, src) {
            let tail_start = src.1.max(cb);
            let infinitive = u.word(cb) == "to";
            let first_tail_ok = tail_start >= n
                || (!u.is_word(tail_start) && !u.is_punct(tail_start, ':'))
                || (is_prep(u.word(tail_start)) && !infinitive)
                || (ends_post_source(u.word(tail_start)) && !infinitive)
                || (class == CueClass::Tell && tail_start == cb);
            let relative = u.is_punct(tail_start, ',')
                && matches!(
                    u.word(tail_start + 1),
                    "who" | "which" | "whose" | "a" | "an" | "the"
                );
            let tail_ok = first_tail_ok
                && (relative
                    || ((tail_start..n).all(|t| u.quote(t).is_none())
                        && n.saturating_sub(tail_start) <= 12
                        && (tail_start..n).all(|t| u.word(t) != "that")));
            let c = cend.max(c);
            if tail_ok && c >= 2 {
                // The content runs from the start of the unit, "But" included.
                let content = (0, c);
                if content.1 > content.0 + 1 && !matches!(class, CueClass::Object) {
                    return Some(Draft {
                        source: Some(src),
                        cue: (ca, cb),
                        content: vec![content],
                    });
                }
            }
        }
    }

    // C. Indirect: X said (that) content.
    if backward_only {
        return None;
    }
    let source = source?;
    if s < n && u.is_punct(s, ',') {
        return None;
    }
    if s < n && u.is_punct(s, ':') {
        s += 1;
    }
    if s >= n {
        return None;
    }
    if class == CueClass::Object && u.word(s) == "that" {
        return None;
    }
    let end = clause_end(u, s, n);
    if end < s + 2 && !(class == CueClass::Object && end > s) {
        return None;
    }
    // The content of a cue of thought needs a clause, not a bare object.
    if class == CueClass::Think && !(u.word(s) == "that" || (end - s) >= 4) {
        return None;
    }
    Some(Draft {
        source: Some(source),
        cue: (ca, cb),
        content: vec![(s, end)],
    })
}

/// Whether the text before byte `e` ends with a closing quotation mark.
fn ends_with_quote(text: &str, e: usize) -> bool {
    let Some(t) = text.get(..e) else {
        return false;
    };
    let t = t.trim_end_matches(['”', '"', '\'', '»']);
    t.len() < e && (t.ends_with('?') || t.ends_with('!'))
}

/// Whether a sentence opens with a short attribution ("Bush said.",
/// "Mr. Trump asked, ...", "said Smith.").
fn opens_with_cue(text: &str, r: TextRange) -> bool {
    let Some(s) = text.get(r.start..r.end) else {
        return false;
    };
    for (k, w) in s.split_whitespace().take(6).enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.starts_with(|c: char| c.is_lowercase()) {
            return cue_class(w).is_some() || (k > 0 && is_cue_prefix(w));
        }
    }
    false
}

/// Whether a quotation is still open at the end of `s`.
fn ends_inside_quote(s: &str) -> bool {
    let mut open = false;
    for c in s.chars() {
        match c {
            '“' | '„' | '«' => open = true,
            '”' | '»' => open = false,
            '"' => open = !open,
            _ => {}
        }
    }
    open
}

/// The paragraphs of `text`, with the lines of a hard-wrapped paragraph
/// (single line breaks inside a sentence, as in transcripts) joined: a
/// quotation that wraps over several lines is then one quotation.
fn logical_paragraphs(text: &str, sentences: &[TextRange]) -> Vec<TextRange> {
    let lines = vane_text::paragraphs(text);
    let mut ends: Vec<usize> = sentences
        .iter()
        .filter(|r| r.start <= r.end && text.get(r.start..r.end).is_some())
        .map(|r| vane_text::trim(text, *r).end)
        .collect();
    ends.sort_unstable();
    let mut out: Vec<TextRange> = Vec::with_capacity(lines.len());
    for l in lines {
        if let Some(last) = out.last_mut() {
            let body_end = vane_text::trim(text, *last).end;
            let gap = text.get(body_end..l.start).unwrap_or("");
            let single = gap.matches('\n').count() <= 1;
            // A sentence ends at the line break: a real paragraph break
            // (unless the text is hard-wrapped, when only a sentence that
            // runs over the break joins the lines).
            let sentence_ends = ends.binary_search(&body_end).is_ok();
            let next_opens = text
                .get(l.start..)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| is_open_quote_char(c) || c == '”' || c == '\'');
            let open_quote = !next_opens
                && text
                    .get(last.start..body_end)
                    .is_some_and(ends_inside_quote);
            if single && !gap.is_empty() && (!sentence_ends || open_quote) {
                *last = TextRange::new(last.start, l.end);
                continue;
            }
        }
        out.push(l);
    }
    out
}

/// Finds attributions in `text`, given its sentences (from `vane_text::sentences`).
///
/// Never panics; every returned range slices `text` on character boundaries.
pub fn extract(text: &str, sentences: &[TextRange]) -> Vec<Found> {
    let paras = logical_paragraphs(text, sentences);
    let mut quotes: Vec<Quote> = Vec::new();
    let mut quote_para: Vec<usize> = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        let before = quotes.len();
        find_quotes(text, p.start, p.end, &mut quotes);
        quote_para.extend(std::iter::repeat_n(pi, quotes.len() - before));
    }
    let para_of = |pos: usize| paras.partition_point(|p| p.end <= pos);

    // Units: sentences, merged where a quotation runs across them.
    let mut units: Vec<(usize, usize)> = Vec::new();
    let mut sents: Vec<TextRange> = sentences
        .iter()
        .filter(|r| r.start <= r.end && text.get(r.start..r.end).is_some())
        .map(|r| vane_text::trim(text, *r))
        .filter(|r| !r.is_empty())
        .collect();
    sents.sort();
    let mut k = 0;
    while k < sents.len() {
        let (s, mut e) = (sents[k].start, sents[k].end);
        k += 1;
        loop {
            let first = quotes.partition_point(|q| q.range.start < s);
            let spans = quotes[first..]
                .iter()
                .take_while(|q| q.range.start < e)
                .any(|q| q.range.end > e);
            let joins = k < sents.len()
                && para_of(sents[k].start) == para_of(s)
                && ends_with_quote(text, e)
                && opens_with_cue(text, sents[k]);
            if (spans || joins) && k < sents.len() && para_of(sents[k].start) == para_of(s) {
                e = e.max(sents[k].end);
                k += 1;
            } else {
                break;
            }
        }
        units.push((s, e));
    }

    let mut used = vec![false; quotes.len()];
    let mut found: Vec<Found> = Vec::new();
    let mut toks = Vec::new();
    // The latest attribution that ended with a quotation, with its paragraph.
    let mut chain: Option<(usize, usize, bool)> = None;
    let mut pending: Option<(Vec<TextRange>, TextRange, usize)> = None;
    for &(us, ue) in &units {
        tokenize(text, us, ue, &quotes, &mut toks);
        if toks.is_empty() {
            continue;
        }
        let u = Unit { text, toks: &toks };
        let mut drafts = extract_unit(&u, &mut used);
        let para = para_of(us);
        // "Caddell continued:" and the quotation opens the next unit.
        if let Some((src, cue, pp)) = pending.take() {
            if let Some(q) = u.quote(0).filter(|&q| !used[q]) {
                if pp == para || pp + 1 == para {
                    used[q] = true;
                    let content = vec![quotes[q].range];
                    found.push(Found {
                        source: src,
                        cue: vec![cue],
                        kind: kind_of(text, &content),
                        content,
                    });
                    chain = Some((found.len() - 1, para, true));
                    continue;
                }
            }
        }
        let n = toks.len();
        // "[Name](target):" opening the unit (used twice below).
        let link = link_label(&u);
        let label = link.filter(|&(_, _, c)| c == n - 1);
        if let (true, Some((a, k, c))) = (drafts.is_empty(), label) {
            // "[Secretary Rubio](https://…):" and the quotation opens the
            // next unit.
            pending = Some((vec![u.range(a, k)], u.range(c, c + 1), para));
        } else if drafts.is_empty() && n >= 2 && u.is_punct(n - 1, ':') {
            if let Some((_, ca, cb)) = cue_at(&u, n - 2).filter(|c| c.2 == n - 1) {
                let src = left_source(&u, ca, 0).map(|(a, b)| vec![u.range(a, b)]);
                pending = Some((src.unwrap_or_default(), u.range(ca, cb), para));
            } else if let Some(v) = (1..n - 1)
                .find(|&t| u.lower(t) && (u.word(t).ends_with("ed") || u.word(t) == "made"))
            {
                // "Trump issued the following statement:"
                let following = (v..n).any(|t| u.word(t) == "following")
                    || matches!(u.word(n - 2), "statement" | "comment" | "remarks");
                if let Some((a, b)) = left_source(&u, v, 0).filter(|_| following) {
                    pending = Some((vec![u.range(a, b)], u.range(v, n), para));
                }
            }
        }
        // "Pat Caddell: Voters Worried About Clinton's Health": a name, a
        // colon and what was said.
        // In the headline, "Trump: ‘I’m the Worst Thing ...’" wins over any
        // cue inside what was said.
        let headline =
            para == 0 && us == paras.first().map_or(0, |p| vane_text::trim(text, *p).start);
        if (drafts.is_empty() || headline) && n >= 4 && u.quote(0).is_none() {
            if let Some(c) = (1..n.min(6)).find(|&t| u.is_punct(t, ':')) {
                let name = (0..c).all(|t| u.is_word(t) && u.capitalized(t)) && (c >= 2 || headline);

                let mut e = n;
                while e > c + 1 && u.is_end_punct(e - 1) {
                    e -= 1;
                }
                if name && e > c + 2 {
                    drafts.clear();
                    drafts.push(Draft {
                        source: Some((0, c)),
                        cue: (c, c + 1),
                        content: vec![(c + 1, e)],
                    });
                }
            }
        }
        // "[CIA Director John Ratcliffe](https://…): “…”": a name written as
        // a Markdown link, a colon and a quotation that ends the unit.
        if drafts.is_empty() && pending.is_none() {
            if let Some((a, k, c)) = link {
                let last_quote = u.quote(c + 1).is_some_and(|q| !used[q])
                    && (c + 2..n).all(|t| u.is_end_punct(t));
                if last_quote {
                    if let Some(q) = u.quote(c + 1) {
                        used[q] = true;
                    }
                    drafts.push(Draft {
                        source: Some((a, k)),
                        cue: (c, c + 1),
                        content: vec![(c + 1, c + 2)],
                    });
                }
            }
        }
        // "Hannity interjected: “...”", "Rep. Trey Gowdy (R-S.C.): “...”":
        // a colon and a quotation that ends the unit.
        if drafts.is_empty() && pending.is_none() {
            if let Some(c) = (1..n.min(30)).find(|&t| u.is_punct(t, ':')) {
                let last_quote = u.quote(c + 1).is_some_and(|q| !used[q])
                    && (c + 2..n).all(|t| u.is_end_punct(t));
                if last_quote {
                    let mut v = c - 1;
                    if v > 0 && matches!(u.word(v), "back" | "out" | "up" | "in") {
                        v -= 1;
                    }
                    let w = u.word(v);
                    let verb = u.lower(v) && (cue_class(w).is_some() || w.ends_with("ed"));
                    let name = (0..c).all(|t| {
                        (u.is_word(t) && u.capitalized(t))
                            || matches!(u.toks[t].k, Kind::Punct('(' | ')' | '.' | '-'))
                    }) && u.capitalized(0);
                    let d = if verb {
                        left_source(&u, v, 0).map(|src| Draft {
                            source: Some(src),
                            cue: (v, c + 1),
                            content: vec![(c + 1, c + 2)],
                        })
                    } else if name {
                        Some(Draft {
                            source: Some((0, c)),
                            cue: (c, c + 1),
                            content: vec![(c + 1, c + 2)],
                        })
                    } else {
                        None
                    };
                    if let Some(d) = d {
                        if let Some(q) = u.quote(c + 1) {
                            used[q] = true;
                        }
                        drafts.push(d);
                    }
                }
            }
        }
        if drafts.is_empty() {
            // A quotation opening a unit with no cue continues the latest quote.
            // "But “B.”": a conjunction may open the continuation.
            let q0 = usize::from(u.quote(0).is_none() && matches!(u.word(0), "But" | "And"));
            if let (Some(q), Some((fi, fp, quoted))) = (u.quote(q0), chain) {
                // "“B,” which votes June 7." / "“B” or to control ...": a
                // short tail after the quotation does not stop it.
                let n = toks.len();
                let tail = (q0 + 1..n).filter(|&t| u.is_word(t)).count();
                let rest_ok = (q0 + 1..n).all(|t| u.is_end_punct(t) || u.quote(t).is_some())
                    || (tail <= 12
                        && (u.is_punct(q0 + 1, ',')
                            || quote_ends_comma(&u, q0)
                            || u.lower(q0 + 1)));
                let near = fp == para || (fp + 1 == para && quoted && q0 == 0);
                if rest_ok && near && !used[q] {
                    let f = &mut found[fi];
                    if q0 == 1 {
                        used[q] = true;
                        f.content.push(u.range(0, 2));
                    }
                    for t in 2 * q0..n {
                        if let Some(q2) = u.quote(t) {
                            used[q2] = true;
                            f.content.push(quotes[q2].range);
                        }
                    }
                    f.kind = kind_of(text, &f.content);
                    chain = Some((fi, para, true));
                    continue;
                }
            }
            // Narration ends the speaker's turn.
            if chain.is_some_and(|(_, fp, _)| {
                fp != para || toks.iter().all(|t| !matches!(t.k, Kind::Quote(_)))
            }) {
                chain = None;
            }
            continue;
        }
        chain = None;
        // A quotation that follows continues the latest draft that ended
        // with a quotation ("“A,” she said, describing X. “B.”").
        let mut quoted_chain = false;
        for d in drafts {
            let content: Vec<TextRange> = d.content.iter().map(|&(a, b)| u.range(a, b)).collect();
            let ends_quoted = d
                .content
                .last()
                .is_some_and(|&(a, b)| u.quote(b - 1).is_some() && a + 1 == b);
            let kind = kind_of(text, &content);
            found.push(Found {
                source: d
                    .source
                    .map(|(a, b)| vec![u.range(a, b)])
                    .unwrap_or_default(),
                cue: vec![u.range(d.cue.0, d.cue.1)],
                content,
                kind,
            });
            if ends_quoted || !quoted_chain {
                chain = Some((found.len() - 1, para, ends_quoted));
                quoted_chain = ends_quoted;
            }
        }
    }
    let _ = quote_para;
    found
}
