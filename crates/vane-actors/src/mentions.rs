//! Mention finding and resolution: one left-to-right pass over the tokens
//! of a document, with a small discourse state.
//!
//! At each token the scanner tries, in order: a transcript speaker label
//! (`MR. KIRBY:` at a line start), a noun phrase (`[the] [Russian]
//! [Foreign Minister] [Sergey Lavrov]`), an unnamed official (`a senior
//! administration official`, `U.S. officials`), a metonym (`the White
//! House`, `Moscow` unless used as a place), and a pronoun.
//!
//! Discourse state: the mentions so far (with sentence and quotation), the
//! surnames introduced by full mentions, and the count of governments
//! mentioned (the document's dominant government stands in for a missing
//! country context when a bare title such as "the President" is read).
//! People named but not in the knowledge base ("Mr. Dalby said", "said Ray
//! Tolliver") are kept as strangers: a "he" or "she" after one is left
//! unresolved rather than given to an earlier known actor.

use crate::kb::{Kb, NameHit};
use crate::lexicon::{self, Words};
use crate::text::{tokenize, Token};
use crate::{rank_for_title, Gender};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::LazyLock;
use vane_core::{
    Actor, ActorId, ActorKind, Date, Gov, Mention, MentionKind, Rank, Role, TextRange,
};

/// The mentions of a document, and the actors created from the text alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    pub mentions: Vec<Mention>,
    /// Actors not in the knowledge base, created from "Ukraine's defense
    /// minister, Andriy X" and the like (`Mention::provisional` is true).
    pub provisional: Vec<Actor>,
}

/// Finds and resolves actor mentions in a document (coreference included).
///
/// `sentences` partition the text; pass an empty slice to treat the text
/// as one sentence. `on` is the publication date (titles need it);
/// `country` is the government the document is about or from.
pub fn mentions(
    kb: &Kb,
    text: &str,
    sentences: &[TextRange],
    on: Option<Date>,
    country: Option<&Gov>,
) -> Resolved {
    let mut doc = Doc::new(kb, text, sentences, on, country, false);
    doc.run();
    Resolved {
        mentions: doc.out,
        provisional: doc.prov,
    }
}

/// Resolves a whole string to a knowledge-base record.
pub(crate) fn resolve_str(
    kb: &Kb,
    s: &str,
    country: Option<&Gov>,
    on: Option<Date>,
) -> Option<usize> {
    let s = s.trim();
    let s = s.strip_suffix(':').unwrap_or(s).trim();
    let mut doc = Doc::new(kb, s, &[], on, country, true);
    let mut n = doc.toks.len();
    while n > 0 && matches!(doc.toks[n - 1].norm.as_str(), "'s" | "'" | ":" | "," | ";") {
        n -= 1;
    }
    if n == 0 {
        return None;
    }
    if doc.toks.iter().all(|t| !t.word || t.upper) && country.is_none() {
        // A transcript speaker label: White House transcripts by default.
        doc.label_country = Some(Gov("USA".into()));
    }
    let tries = [
        doc.parse_np(0),
        doc.parse_anon(0),
        doc.parse_metonym(0, false),
        doc.parse_office(0),
    ];
    for f in tries.into_iter().flatten() {
        if f.end == n {
            if let Who::Kb(i) = f.who {
                if doc.foreign_by_honorific(0, i) {
                    return None;
                }
                return Some(i);
            }
        }
    }
    let g = kb.gov_code(s)?;
    let a = kb.government(&g)?;
    kb.by_id.get(&a.id).copied()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Kb(usize),
    Prov(usize),
}

struct Hist {
    who: Who,
    tok: usize,
    sent: usize,
    quote: Option<usize>,
}

struct TitleHit {
    start: usize,
    end: usize,
    key: String,
    canons: Vec<String>,
    /// A courtesy or bare title ("Mr.", "Secretary").
    honorific: bool,
    /// After "deputy", "assistant" and the like.
    modified: bool,
    /// Made of portfolio words and a role noun.
    composed: bool,
}

struct Found {
    start: usize,
    end: usize,
    who: Who,
    kind: MentionKind,
    /// The surname key to remember for later bare mentions.
    surname: Option<String>,
}

struct Doc<'a> {
    kb: &'a Kb,
    text: &'a str,
    toks: Vec<Token>,
    sent: Vec<usize>,
    quote: Vec<Option<usize>>,
    line_start: Vec<bool>,
    on: Option<Date>,
    country: Option<&'a Gov>,
    /// Country assumed for speaker labels when none is given.
    label_country: Option<Gov>,
    relaxed: bool,
    local: HashMap<String, Who>,
    /// Surnames that belong to someone else here ("Brian Fallon").
    blocked: std::cell::RefCell<FxHashSet<String>>,
    hist: Vec<Hist>,
    /// The index in `hist` of each knowledge-base record's last mention.
    last_seen: HashMap<usize, usize>,
    gov_counts: HashMap<Gov, usize>,
    prov: Vec<Actor>,
    prov_gender: Vec<Option<Gender>>,
    /// People named in the text but neither in the knowledge base nor
    /// provisional ("Mr. Dalby said", "said Ray Tolliver"): a later "he" or
    /// "she" may be theirs, so they block pronouns from reaching past them.
    strangers: Vec<Stranger>,
    /// The surnames of those people, so a later bare "Tolliver" is theirs.
    stranger_names: HashMap<String, Option<Gender>>,
    out: Vec<Mention>,
}

struct Stranger {
    tok: usize,
    sent: usize,
    quote: Option<usize>,
    gender: Option<Gender>,
    /// Next to a reporting verb ("Mr. Dalby said").
    speaker: bool,
}

static PLACE_PREPS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("place_preps"));
static MOTION: LazyLock<&Words> = LazyLock::new(|| lexicon::words("motion"));
static VISIT_VERBS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("visit_verbs"));
static ANON_QUANT: LazyLock<&Words> = LazyLock::new(|| lexicon::words("anon_quantifiers"));
static ANON_ADJ: LazyLock<&Words> = LazyLock::new(|| lexicon::words("anon_modifiers"));
static ANON_HEAD: LazyLock<&Words> = LazyLock::new(|| lexicon::words("anon_heads"));
/// What may precede a country name used as a subject.
static SUBJECT_BEFORE: LazyLock<&Words> = LazyLock::new(|| lexicon::words("subject_before"));
/// Verbs (and auxiliaries) after a country name used as a subject.
static SUBJECT_VERBS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("subject_verbs"));
static SUBJECT_ADVERBS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("subject_adverbs"));
static SUBJECT_NOT_PAST: LazyLock<&Words> = LazyLock::new(|| lexicon::words("subject_not_past"));
/// Abbreviations whose period does not end a phrase.
static ABBREV: LazyLock<&Words> = LazyLock::new(|| lexicon::words("abbreviations"));
/// Titles that fit any person.
/// Titles that mark a person's name, with the gender they imply.
const PERSON_TITLES: &[(&str, Option<Gender>)] = &[
    ("mr", Some(Gender::Male)),
    ("mrs", Some(Gender::Female)),
    ("ms", Some(Gender::Female)),
    ("miss", Some(Gender::Female)),
    ("dr", None),
    ("sen", None),
    ("rep", None),
    ("gov", None),
    ("gen", None),
    ("sir", Some(Gender::Male)),
];
/// Common English first names, for the gender of people not in the
/// knowledge base.
static FEMALE_NAMES: LazyLock<&Words> = LazyLock::new(|| lexicon::words("female_names"));
static MALE_NAMES: LazyLock<&Words> = LazyLock::new(|| lexicon::words("male_names"));
/// Verbs of saying, next to which a capitalised word is a speaker.
static REPORT_VERBS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("report_verbs"));
static COURTESY: LazyLock<&Words> = LazyLock::new(|| lexicon::words("courtesy_titles"));
/// Surnames that are also common words: they need a full mention first.
static AMBIGUOUS_SURNAMES: LazyLock<&Words> =
    LazyLock::new(|| lexicon::words("ambiguous_surnames"));
/// Words that modify a title without naming its holder.
static TITLE_MODS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("title_modifiers"));
/// Words that open sentences and are no first names.
static OPENERS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("openers"));
/// Capitalised words that never start a provisional name.
static NOT_NAMES: LazyLock<&Words> = LazyLock::new(|| lexicon::words("not_names"));

impl<'a> Doc<'a> {
    fn new(
        kb: &'a Kb,
        text: &'a str,
        sentences: &[TextRange],
        on: Option<Date>,
        country: Option<&'a Gov>,
        relaxed: bool,
    ) -> Doc<'a> {
        let all = tokenize(text);
        let toks: Vec<Token> = all.into_iter().filter(|t| t.norm != ".").collect();
        let mut sents: Vec<TextRange> = sentences.to_vec();
        sents.sort();
        let sent: Vec<usize> = toks
            .iter()
            .map(|t| {
                if sents.is_empty() {
                    0
                } else {
                    sents
                        .partition_point(|s| s.start <= t.start)
                        .saturating_sub(1)
                }
            })
            .collect();
        // Quotations: a region opens at “ (or a straight quote outside one)
        // and closes at ” (or the next straight quote, or a line break).
        let mut quote = Vec::with_capacity(toks.len());
        let mut cur: Option<usize> = None;
        let mut next_id = 0usize;
        let mut prev_end = 0usize;
        let mut line_start = Vec::with_capacity(toks.len());
        for t in &toks {
            let gap = text.get(prev_end..t.start).unwrap_or("");
            let newline = prev_end == 0 && t.start == 0 || gap.contains('\n');
            if gap.contains('\n') {
                cur = None;
            }
            line_start.push(newline || t.start == 0);
            prev_end = t.end;
            match t.norm.as_str() {
                "“" | "«" | "„" => {
                    cur = Some(next_id);
                    next_id += 1;
                    quote.push(None);
                    continue;
                }
                "”" | "»" => {
                    cur = None;
                    quote.push(None);
                    continue;
                }
                "\"" => {
                    if cur.is_some() {
                        cur = None;
                    } else {
                        cur = Some(next_id);
                        next_id += 1;
                    }
                    quote.push(None);
                    continue;
                }
                _ => {}
            }
            quote.push(cur);
        }
        Doc {
            kb,
            text,
            toks,
            sent,
            quote,
            line_start,
            on,
            country,
            label_country: None,
            relaxed,
            local: HashMap::default(),
            blocked: Default::default(),
            hist: Vec::new(),
            last_seen: HashMap::default(),
            gov_counts: HashMap::default(),
            prov: Vec::new(),
            prov_gender: Vec::new(),
            strangers: Vec::new(),
            stranger_names: HashMap::default(),
            out: Vec::new(),
        }
    }

    fn norm(&self, j: usize) -> &str {
        self.toks.get(j).map_or("", |t| t.norm.as_str())
    }

    fn cap(&self, j: usize) -> bool {
        self.toks
            .get(j)
            .is_some_and(|t| t.cap || (self.relaxed && t.word))
    }

    fn same_sent(&self, i: usize, j: usize) -> bool {
        self.sent.get(i).is_some() && self.sent.get(i) == self.sent.get(j)
    }

    /// The keys starting at `j`, longest first, as (token count, key).
    fn keys_at(&self, j: usize, max: usize) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        if !self
            .toks
            .get(j)
            .is_some_and(|t| self.kb.lex.firsts.contains(&t.norm))
        {
            return out;
        }
        let mut k = String::new();
        let mut t = j;
        for words in 1..=max {
            // "Dan “Razin” Caine": a nickname in quotation marks between a
            // name's words is no part of its key, but of its mention.
            if words > 1 && self.nickname_at(t) {
                t += 3;
            }
            if t >= self.toks.len()
                || !self.same_sent(j, t)
                || (words > 1 && !self.adjacent(t - 1, t))
            {
                break;
            }
            if words > 1 {
                k.push(' ');
            }
            k.push_str(&self.toks[t].norm);
            t += 1;
            out.push((t - j, k.clone()));
        }
        out.reverse();
        out
    }

    /// Whether a nickname opens at token `t`: a capitalized word in
    /// quotation marks, joined to the words before and after it.
    fn nickname_at(&self, t: usize) -> bool {
        let opens = |n: &str| matches!(n, "“" | "\"" | "‘");
        let closes = |n: &str| matches!(n, "”" | "\"" | "’");
        let (Some(o), Some(w), Some(c)) =
            (self.toks.get(t), self.toks.get(t + 1), self.toks.get(t + 2))
        else {
            return false;
        };
        opens(&o.norm)
            && w.word
            && w.cap
            && closes(&c.norm)
            && t > 0
            && self.adjacent(t - 1, t)
            && self.adjacent(t, t + 1)
            && self.adjacent(t + 1, t + 2)
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            if let Some(end) = self.speaker_label(i) {
                i = end;
                continue;
            }
            if let Some(end) = self.appositive_official(i) {
                i = end;
                continue;
            }
            if let Some(end) = self.named_anonymous(i) {
                i = end;
                continue;
            }
            if let Some((end, who)) = self.office_anaphor(i) {
                self.emit(
                    Found {
                        start: i,
                        end,
                        who,
                        kind: MentionKind::Title,
                        surname: None,
                    },
                    false,
                );
                i = end;
                continue;
            }
            let found = self
                .parse_np(i)
                .or_else(|| self.parse_anon(i))
                .or_else(|| self.parse_metonym(i, true))
                .or_else(|| self.parse_office(i))
                .or_else(|| self.parse_country_subject(i))
                .filter(|f| self.joined(f.start, f.end));
            if let Some(f) = found {
                let next = f.end.max(i + 1);
                self.emit(f, false);
                i = next;
                continue;
            }
            if let Some(who) = self.pronoun(i) {
                self.emit(
                    Found {
                        start: i,
                        end: i + 1,
                        who,
                        kind: MentionKind::Pronoun,
                        surname: None,
                    },
                    false,
                );
            } else if let Some(end) = self.stranger(i) {
                i = end.max(i + 1);
                continue;
            }
            i += 1;
        }
    }

    /// An unknown person's name at `i`, recorded as a stranger: after a
    /// personal title ("Mr. Dalby", "Dr. Ines Vogt"), next to a reporting
    /// verb ("Tolliver said", "said Ray Tolliver", "Sam Pardoe told"), before
    /// an appositive and a reporting verb ("Lane Ortmann, the police chief,
    /// said"), or a surname already seen so. Returns the end of the name.
    fn stranger(&mut self, i: usize) -> Option<usize> {
        if self.relaxed {
            return None;
        }
        let t = self.toks.get(i)?;
        if !t.word || !t.cap || t.upper {
            return None;
        }
        let titled = PERSON_TITLES
            .iter()
            .find(|(w, _)| *w == t.norm)
            .map(|&(_, g)| g);
        let start = match titled {
            Some(_) if self.norm(i + 1) == "." => i + 2,
            Some(_) => i + 1,
            None => i,
        };
        let mut len = 0;
        while len < 3 {
            let k = start + len;
            let Some(tok) = self.toks.get(k) else { break };
            if k > i && !self.adjacent(k - 1, k) {
                break;
            }
            if !tok.word
                || !tok.cap
                || tok.upper
                || !self.same_sent(i, k)
                || NOT_NAMES.contains(tok.norm.as_str())
                || OPENERS.contains(tok.norm.as_str())
                || self.kb.lex.titles.contains_key(&tok.norm)
                || self.kb.lex.govs.contains_key(&tok.norm)
            {
                break;
            }
            len += 1;
        }
        if len == 0 {
            return None;
        }
        let end = start + len;
        // A known actor inside ("Gov. Mike Pence") is left to the parser
        // (the probe's provisional actors are dropped; the scan makes them
        // again when it reaches them).
        let (np, ng) = (self.prov.len(), self.prov_gender.len());
        let known = (start.max(i + 1)..end).any(|k| self.parse_np(k).is_some());
        self.prov.truncate(np);
        self.prov_gender.truncate(ng);
        if known {
            return None;
        }
        let last = self.norm(end - 1).to_string();
        if len >= 2
            && self
                .kb
                .gov_code(&self.text[self.toks[start].start..self.toks[end - 1].end])
                .is_some()
        {
            return None;
        }
        // A first name tells the gender ("Hillary Clinton", "Kevin Marsh").
        let first_name = (len >= 2)
            .then(|| {
                let f = self.norm(start);
                if FEMALE_NAMES.contains(f) {
                    Some(Gender::Female)
                } else if MALE_NAMES.contains(f) {
                    Some(Gender::Male)
                } else {
                    None
                }
            })
            .flatten();
        let gender = match titled {
            Some(g) => g.or(first_name),
            None => {
                let known = self.stranger_names.get(&last).copied();
                let reported = self.reported(i, end);
                // A single capitalised word ending in "s" is more often a
                // group ("Republicans said") than a surname.
                let plural = len == 1 && last.ends_with('s');
                if let Some(g) = known.filter(|_| len == 1) {
                    g
                } else if (reported && !plural) || (len >= 2 && self.appositive_report(end)) {
                    first_name
                } else {
                    return None;
                }
            }
        };
        let e = self.stranger_names.entry(last).or_insert(gender);
        if gender.is_some() {
            *e = gender;
        }
        self.strangers.push(Stranger {
            tok: i,
            sent: self.sent.get(i).copied().unwrap_or(0),
            quote: self.quote.get(i).copied().flatten(),
            gender,
            speaker: self.reported(i, end) || self.appositive_report(end),
        });
        Some(end)
    }

    /// A reporting verb just after or before the name at `i..end`.
    fn reported(&self, i: usize, end: usize) -> bool {
        REPORT_VERBS.contains(self.norm(end))
            || (i > 0 && self.same_sent(i - 1, i) && REPORT_VERBS.contains(self.norm(i - 1)))
    }

    /// `, the Charlotte police chief, said`: a comma, at most a dozen tokens,
    /// a comma and a reporting verb, within the sentence.
    fn appositive_report(&self, end: usize) -> bool {
        if self.norm(end) != "," {
            return false;
        }
        (end + 2..end + 14)
            .take_while(|&k| self.same_sent(end, k))
            .any(|k| self.norm(k - 1) == "," && REPORT_VERBS.contains(self.norm(k)))
    }

    /// True when a stranger of compatible gender stands between a
    /// pronoun at `j` and its antecedent at token `from`. With `subject`
    /// (the antecedent is the subject of sentence `from_sent`), a stranger
    /// blocks when it comes before the antecedent in that sentence, when it
    /// is a speaker there, or when it is in a later sentence.
    fn stranger_between(&self, j: usize, from: usize, subject: Option<usize>, male: bool) -> bool {
        let q = self.quote.get(j).copied().flatten();
        self.strangers.iter().any(|b| {
            b.tok < j
                && match subject {
                    None => b.tok > from,
                    Some(s) => b.sent > s || (b.sent == s && (b.tok < from || b.speaker)),
                }
                && (b.quote.is_none() || b.quote == q)
                && match b.gender {
                    Some(Gender::Male) => male,
                    Some(Gender::Female) => !male,
                    None => true,
                }
        })
    }

    fn emit(&mut self, f: Found, _label: bool) {
        let (Some(first), Some(last)) = (self.toks.get(f.start), self.toks.get(f.end - 1)) else {
            return;
        };
        let range = TextRange::new(first.start, last.end.max(first.start));
        let (id, provisional) = match f.who {
            Who::Kb(i) => (self.kb.recs[i].actor.id.clone(), false),
            Who::Prov(i) => (self.prov[i].id.clone(), true),
        };
        // Knowledge-base actors introduce their own surname (below); a
        // provisional actor, the last word of its name.
        if let (Some(s), Who::Prov(k)) = (&f.surname, f.who) {
            self.local.insert(s.clone(), f.who);
            // "Lee Jae Myung ... Lee said": where the government's people go
            // by the first word of their names, that word too.
            let a = &self.prov[k];
            let first_alone = a
                .gov
                .as_ref()
                .and_then(|g| self.kb.country(g))
                .is_some_and(|c| c.first_word_alone);
            if let Some(w) = a.name.split_whitespace().next().filter(|_| first_alone) {
                let w = crate::text::norm_word(w);
                if w != *s {
                    self.local.insert(w, f.who);
                }
            }
        }
        if let Who::Kb(i) = f.who {
            if let Some(s) = &self.kb.recs[i].surname {
                if f.kind == MentionKind::Name {
                    self.local.insert(s.clone(), f.who);
                }
            }
            let a = &self.kb.recs[i].actor;
            if a.kind == ActorKind::Person && !self.kb.recs[i].anonymous {
                let g = match self.on {
                    Some(d) => a.gov_on(d).cloned(),
                    None => a.gov.clone(),
                };
                if let Some(g) = g {
                    *self.gov_counts.entry(g).or_default() += 1;
                }
            }
        }
        if let Who::Kb(ri) = f.who {
            self.last_seen.insert(ri, self.hist.len());
        }
        self.hist.push(Hist {
            who: f.who,
            tok: f.start,
            sent: self.sent.get(f.start).copied().unwrap_or(0),
            quote: self.quote.get(f.start).copied().flatten(),
        });
        self.out.push(Mention {
            range,
            kind: f.kind,
            actor: Some(id),
            provisional,
        });
    }

    /// "of [the] <government>" at `of_at` ("President of Russia", "the
    /// government of Japan"), not the start of a longer name ("president of
    /// the American Action Forum"): the end and the government.
    fn of_government(&self, of_at: usize) -> Option<(usize, Gov)> {
        if self.norm(of_at) != "of" {
            return None;
        }
        let mut m = of_at + 1;
        if self.norm(m) == "the" {
            m += 1;
        }
        if !self.cap(m) {
            return None;
        }
        let (len, g) = self.lookup_gov(m)?;
        let e = m + len;
        let more = self.toks.get(e).is_some_and(|t| t.word && t.cap) && self.adjacent(e - 1, e);
        (!more).then_some((e, g))
    }

    /// "the ministry", "the department", "the embassy": the office last
    /// named with that noun, a few sentences back at most ("China's commerce
    /// ministry said ... The ministry said in a statement ..."). Not before
    /// "of" ("the Department of State" is a name). Returns the end and who.
    fn office_anaphor(&self, i: usize) -> Option<(usize, Who)> {
        if self.norm(i) != "the" {
            return None;
        }
        let head = self.norm(i + 1);
        if !OFFICE_ANAPHORS.contains(head) || self.norm(i + 2) == "of" || self.cap(i + 2) {
            return None;
        }
        let s = self.sent.get(i).copied().unwrap_or(0);
        let lo = self.hist.partition_point(|h| h.tok + 400 < i);
        self.hist[lo..]
            .iter()
            .zip(&self.out[lo..])
            .rev()
            .filter(|(h, _)| h.tok < i)
            .take_while(|(h, _)| s - h.sent.min(s) <= 4)
            .find(|(_, m)| {
                self.text.get(m.range.start..m.range.end).is_some_and(|t| {
                    t.split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.eq_ignore_ascii_case(head))
                })
            })
            .map(|(h, _)| (i + 2, h.who))
    }

    /// An unknown name with its office in apposition: "Nikos Dendias, the
    /// Greek foreign minister,", "Rui Costa, Brazil's finance ministry
    /// spokesman,". The name is a provisional official of that government
    /// with that title, and the title refers to them (not to an unnamed
    /// holder). Only where no one in the knowledge base holds the title
    /// there: a known holder's name would have been found. Returns the end
    /// of the title.
    fn appositive_official(&mut self, i: usize) -> Option<usize> {
        if self.relaxed || i > 0 && self.adjacent(i - 1, i) && self.toks[i - 1].cap {
            return None;
        }
        let first = self.toks.get(i)?;
        if !first.word || !first.cap || first.upper || OPENERS.contains(first.norm.as_str()) {
            return None;
        }
        let len = self.unknown_name(i, true).filter(|&l| l >= 2)?;
        let comma = i + len;
        if self.norm(comma) != "," || !self.same_sent(i, comma + 1) {
            return None;
        }
        // The name itself is no one known ("Vladimir Putin, the Russian
        // President," is left to the parser).
        let (np, ng) = (self.prov.len(), self.prov_gender.len());
        if self.parse_np(i).is_some() {
            self.prov.truncate(np);
            self.prov_gender.truncate(ng);
            return None;
        }
        let title = self
            .parse_np(comma + 1)
            .filter(|f| f.kind == MentionKind::Title)
            .or_else(|| self.parse_anon(comma + 1));
        let office = title.as_ref().and_then(|f| {
            // The title ends the apposition: a comma, a reporting verb or
            // the sentence's end follows ("..., the Greek foreign minister,
            // said").
            let after = self.norm(f.end);
            if !(after == "," || after == "." || REPORT_VERBS.contains(after)) {
                return None;
            }
            self.apposed_office(f, self.norm(i + len - 1))
        });
        self.prov.truncate(np);
        self.prov_gender.truncate(ng);
        let (found, (gov, title_text)) = (title?, office?);
        let name = self
            .text
            .get(self.toks[i].start..self.toks[i + len - 1].end)?
            .to_string();
        let who = self.provisional(&name, &title_text, gov);
        self.emit(
            Found {
                start: i,
                end: i + len,
                who,
                kind: MentionKind::Name,
                surname: self.toks.get(i + len - 1).map(|t| t.norm.clone()),
            },
            false,
        );
        self.emit(
            Found {
                start: found.start,
                end: found.end,
                who,
                kind: MentionKind::Title,
                surname: None,
            },
            false,
        );
        Some(found.end)
    }

    /// The government and title of a title phrase set beside an unknown
    /// name (`surname`, the name's last word): a provisional holder's; a
    /// known holder's, unless the name ends with their surname (a spelling
    /// of their own name: "Sergei Ryabkov, Russia's deputy foreign
    /// minister"), since a known holder's name would have been found and
    /// another holder of the title is meant ("Joe Bloggs, Russia's deputy
    /// foreign minister"); an anonymous official's ("Ukraine's top
    /// negotiator"), with the phrase as the title.
    fn apposed_office(&self, f: &Found, surname: &str) -> Option<(Gov, String)> {
        let phrase = || {
            let mut a = f.start;
            while a + 1 < f.end && matches!(self.norm(a), "the" | "a" | "an") {
                a += 1;
            }
            self.text
                .get(self.toks[a].start..self.toks[f.end - 1].end)
                .map(str::to_string)
        };
        match f.who {
            Who::Prov(k) => {
                let a = &self.prov[k];
                Some((a.gov.clone()?, a.roles.first()?.title.clone()))
            }
            Who::Kb(ri) => {
                let r = &self.kb.recs[ri];
                if r.actor.kind != ActorKind::Person
                    || r.surname.as_deref().is_some_and(|sn| sn == surname)
                {
                    return None;
                }
                let gov = match self.on {
                    Some(d) => r.actor.gov_on(d).cloned(),
                    None => r.actor.gov.clone(),
                }?;
                Some((gov, phrase()?))
            }
        }
    }

    /// An anonymous official's phrase followed by a name that no one known
    /// bears ("Ukraine's top negotiator, Rustem Umerov, said", "Russia's
    /// chief negotiator Joe Bloggs said"): the name is a provisional
    /// official of that government with the phrase as the title. Returns
    /// the end of the name.
    fn named_anonymous(&mut self, i: usize) -> Option<usize> {
        let f = self.parse_anon(i)?;
        let comma = self.norm(f.end) == ",";
        let at = f.end + usize::from(comma);
        if !self.same_sent(i, at) {
            return None;
        }
        let first = self.toks.get(at)?;
        if !first.word || !first.cap || first.upper || OPENERS.contains(first.norm.as_str()) {
            return None;
        }
        let len = self.unknown_name(at, true).filter(|&l| l >= 2)?;
        let after = self.norm(at + len);
        let closes = if comma {
            after == "," || after == "."
        } else {
            REPORT_VERBS.contains(after) || after == ","
        };
        if !closes {
            return None;
        }
        let (np, ng) = (self.prov.len(), self.prov_gender.len());
        let known = self.parse_np(at);
        self.prov.truncate(np);
        self.prov_gender.truncate(ng);
        if let Some(k) = known {
            // A known person named so ("Ukraine's top negotiator, Rustem
            // Umerov,"): the phrase is theirs, not an unnamed official's.
            let person =
                matches!(k.who, Who::Kb(ri) if self.kb.recs[ri].actor.kind == ActorKind::Person);
            if !person || k.end != at + len {
                return None;
            }
            let end = k.end;
            self.emit(
                Found {
                    start: f.start,
                    end: f.end,
                    who: k.who,
                    kind: MentionKind::Title,
                    surname: None,
                },
                false,
            );
            self.emit(k, false);
            return Some(end);
        }
        let (gov, title) = self.apposed_office(&f, self.norm(at + len - 1))?;
        let name = self
            .text
            .get(self.toks[at].start..self.toks[at + len - 1].end)?
            .to_string();
        let who = self.provisional(&name, &title, gov);
        self.emit(
            Found {
                start: f.start,
                end: f.end,
                who,
                kind: MentionKind::Title,
                surname: None,
            },
            false,
        );
        self.emit(
            Found {
                start: at,
                end: at + len,
                who,
                kind: MentionKind::Name,
                surname: self.toks.get(at + len - 1).map(|t| t.norm.clone()),
            },
            false,
        );
        Some(at + len)
    }

    /// `MR. KIRBY:` at a line start: returns the token after the colon.
    fn speaker_label(&mut self, i: usize) -> Option<usize> {
        if !self.line_start.get(i).copied().unwrap_or(false) || self.relaxed {
            return None;
        }
        let mut k = i;
        while k < self.toks.len() && k - i < 6 && self.toks[k].word && self.toks[k].upper {
            k += 1;
        }
        if k == i || self.norm(k) != ":" {
            return None;
        }
        if k - i == 1 && self.norm(i) == "q" {
            return Some(k + 1);
        }
        let saved_relaxed = self.relaxed;
        self.relaxed = true;
        if self.country.is_none() {
            self.label_country = Some(Gov("USA".into()));
        }
        let found = self
            .parse_np(i)
            .or_else(|| self.parse_anon(i))
            .filter(|f| f.end == k)
            .or_else(|| self.fuzzy_label(i, k));
        let found = found.filter(|f| match f.who {
            Who::Kb(ri) => !self.foreign_by_honorific(i, ri),
            Who::Prov(_) => true,
        });
        // "MR. SINGH:" at a government's own briefing, for someone not in
        // the knowledge base: one of that government's officials, known by
        // the label alone.
        let found = found.or_else(|| {
            let gov = self.country?.clone();
            let honorific = self.norm(i).trim_end_matches('.');
            if k != i + 2 || !matches!(honorific, "mr" | "ms" | "mrs" | "dr") {
                return None;
            }
            let titled = |w: &str| {
                let mut c = w.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase()
                        .chain(c.flat_map(char::to_lowercase))
                        .collect()
                })
            };
            let name = format!("{}. {}", titled(honorific), titled(self.norm(i + 1)));
            Some(Found {
                start: i,
                end: k,
                who: self.provisional(&name, "official", gov),
                kind: MentionKind::SpeakerLabel,
                surname: None,
            })
        });
        self.relaxed = saved_relaxed;
        self.label_country = None;
        if let Some(mut f) = found {
            f.kind = MentionKind::SpeakerLabel;
            self.emit(f, true);
        }
        Some(k + 1)
    }

    /// A misspelt label ("MS. DALOTON:"): the one sitting official whose
    /// surname is one edit away.
    fn fuzzy_label(&self, i: usize, k: usize) -> Option<Found> {
        if k != i + 2 || !self.kb.lex.titles.contains_key(self.norm(i)) {
            return None;
        }
        let word = self.norm(i + 1);
        if word.chars().count() < 5 {
            return None;
        }
        let on = self.on?;
        let mut found: Option<usize> = None;
        for (ri, r) in self.kb.recs.iter().enumerate() {
            let Some(sn) = &r.surname else { continue };
            if !within_one_edit(sn, word) || r.actor.roles_on(on).next().is_none() {
                continue;
            }
            if let Some(c) = self.context_country() {
                if r.actor.gov_on(on) != Some(c) {
                    continue;
                }
            }
            if found.is_some() {
                return None;
            }
            found = Some(ri);
        }
        Some(Found {
            start: i,
            end: k,
            who: Who::Kb(found?),
            kind: MentionKind::SpeakerLabel,
            surname: None,
        })
    }

    /// Whether a speaker label "MR. SINGH" at `i` found, by surname alone,
    /// an official of another government than the transcript's: a
    /// transcript's own officials go by "Mr."/"Ms." and a surname, a
    /// visiting leader by a title ("PRIME MINISTER MODI"), so the surname
    /// is someone else's (Daleep Singh at the White House, not India's
    /// defence minister).
    fn foreign_by_honorific(&self, i: usize, ri: usize) -> bool {
        let (Some(c), Some(on)) = (self.context_country(), self.on) else {
            return false;
        };
        let honorific = matches!(
            self.norm(i).trim_end_matches('.'),
            "mr" | "ms" | "mrs" | "dr" | "miss"
        );
        honorific && self.kb.recs[ri].actor.gov_on(on).is_some_and(|g| g != c)
    }

    /// The one government whose people are named earlier in the sentence
    /// of token `i` ("German Chancellor Friedrich Merz has ruled out ..., a
    /// government spokesman said"): an unnamed government's official there
    /// is of it.
    fn sentence_gov(&self, i: usize) -> Option<Gov> {
        let s = *self.sent.get(i)?;
        let mut found: Option<Gov> = None;
        for h in self.hist.iter().rev().take_while(|h| h.sent == s) {
            let g = match h.who {
                Who::Kb(ri) => {
                    let r = &self.kb.recs[ri];
                    if r.actor.kind != ActorKind::Person || r.anonymous {
                        continue;
                    }
                    match self.on {
                        Some(d) => r.actor.gov_on(d).cloned(),
                        None => r.actor.gov.clone(),
                    }
                }
                Who::Prov(k) => self.prov[k].gov.clone(),
            };
            match (&found, g) {
                (None, Some(g)) => found = Some(g),
                (Some(f), Some(g)) if *f != g => return None,
                _ => {}
            }
        }
        found
    }

    fn context_country(&self) -> Option<&Gov> {
        self.country.or(self.label_country.as_ref())
    }

    fn dominant_gov(&self) -> Option<Gov> {
        let max = self.gov_counts.values().copied().max()?;
        let mut top = self.gov_counts.iter().filter(|(_, &c)| c == max);
        let first = top.next()?;
        if top.next().is_some() {
            return None;
        }
        Some(first.0.clone())
    }

    fn mentioned(&self, ri: usize) -> Option<usize> {
        self.last_seen.get(&ri).copied()
    }

    /// A noun phrase headed by a title and/or a name.
    fn parse_np(&mut self, i: usize) -> Option<Found> {
        let mut j = i;
        #[derive(PartialEq)]
        enum Det {
            None,
            Def,
            Indef,
        }
        let det = match self.norm(j) {
            "the" => Det::Def,
            "a" | "an" => Det::Indef,
            _ => Det::None,
        };
        if det != Det::None {
            j += 1;
        }
        let mut former = false;
        if matches!(self.norm(j), "former" | "ex" | "outgoing" | "late" | "then") {
            former = true;
            j += 1;
        }
        // Government modifier.
        let before_gov = j;
        let mut gov: Option<Gov> = None;
        if self.cap(j) {
            if let Some((len, g)) = self.lookup_gov(j) {
                gov = Some(g);
                j += len;
                if self.norm(j) == "'s" {
                    j += 1;
                }
            }
        }
        // Title: at `j`, or (a government word that begins a longer title:
        // "European Council President") at the government word itself.
        // "UN Ambassador" is a title, not the UN's ambassador.
        let mut hit = self.title_at(j);
        if gov.is_some() {
            let whole = self.title_at(before_gov).filter(|h| !h.composed);
            let longer = |w: &TitleHit| {
                hit.as_ref().is_none_or(|h| {
                    w.end > h.end || (w.end == h.end && h.honorific && !w.honorific)
                })
            };
            if whole.as_ref().is_some_and(longer) {
                hit = whole;
                gov = None;
            }
        }
        let title_start = hit.as_ref().map_or(j, |h| h.start);
        let mut canons: Vec<String> = Vec::new();
        let mut title_range: Option<(usize, usize)> = None;
        let mut honorific = false;
        let mut title_key: Option<String> = None;
        // A title with no holders in the knowledge base ("deputy defense
        // minister", "finance ministry spokesman").
        let mut subordinate = false;
        let mut composed = false;
        // The government comes from the title alone ("Secretary of State").
        let mut gov_implied = false;
        if let Some(h) = hit {
            honorific = h.honorific;
            canons = h.canons;
            subordinate = h.modified || h.composed;
            composed = h.composed;
            // A title of one government names it, unless another proper
            // name qualifies it ("Ohio Secretary of State Jon Husted").
            if gov.is_none() && !self.qualified(title_start) {
                gov = self.kb.lex.title_gov.get(&h.key).cloned();
                gov_implied = gov.is_some();
            }
            title_range = Some((title_start, h.end));
            title_key = Some(h.key);
            j = h.end;
        }
        if title_range.is_some() {
            // "President of Russia", "Foreign Minister of Ukraine".
            if gov.is_none() {
                if let Some((e, g)) = self.of_government(j) {
                    gov = Some(g);
                    gov_implied = false;
                    j = e;
                }
            }
        }
        // A title made of a portfolio and a role noun needs its government.
        if title_range.is_none() || (composed && gov.is_none()) {
            title_range = None;
            title_key = None;
            canons.clear();
            subordinate = false;
            gov = None;
            j = before_gov;
        }
        let titled = title_range.is_some();
        // Name, possibly in apposition after a comma.
        let mut name_at = j;
        if titled && self.norm(j) == "," && (gov.is_some() || det != Det::None) {
            name_at = j + 1;
        }
        if let Some((len, who, surname_only)) =
            self.name_at(name_at, title_key.as_deref(), &canons, gov.as_ref())
        {
            if !titled && det == Det::Indef {
                return None;
            }
            let start = if det != Det::None { i + 1 } else { i };
            let end = name_at + len;
            let surname = self.toks.get(end - 1).map(|t| t.norm.clone());
            let kind = if titled || !surname_only {
                MentionKind::Name
            } else {
                MentionKind::Surname
            };
            return Some(Found {
                start,
                end,
                who,
                kind,
                surname: if len >= 2 || titled { surname } else { None },
            });
        }
        let (ts, te) = title_range?;
        // A name that begins with its title ("Emir Tamim", "King Abdullah").
        if let Some((len, who, _)) = self.name_at(ts, None, &[], gov.as_ref()) {
            if ts + len > te && matches!(who, Who::Kb(_)) {
                let start = if det != Det::None { i + 1 } else { i };
                return Some(Found {
                    start: start.min(ts),
                    end: ts + len,
                    who,
                    kind: MentionKind::Name,
                    surname: None,
                });
            }
        }
        if honorific || det == Det::Indef {
            return None;
        }
        // A title with an unknown name: a provisional actor, unless the
        // name ends with the surname of someone who held the title
        // ("Secretary of State John F. Kerry").
        if let Some(len) = self.unknown_name(name_at, gov.is_some() || name_at > j) {
            let last = self.norm(name_at + len - 1);
            let holder = self.kb.lex.names.get(last).and_then(|hits| {
                hits.iter()
                    .find(|h| h.surname && self.kb.holds_title(h.rec, &canons, None))
                    .map(|h| h.rec)
            });
            if let (Some(ri), false) = (holder, canons.is_empty()) {
                let start = if det != Det::None { i + 1 } else { i };
                return Some(Found {
                    start,
                    end: name_at + len,
                    who: Who::Kb(ri),
                    kind: MentionKind::Name,
                    surname: Some(last.to_string()),
                });
            }
            let g = gov.clone().or_else(|| self.context_country().cloned());
            if let Some(g) = g {
                let title = self
                    .text
                    .get(self.toks[ts].start..self.toks[te - 1].end)
                    .unwrap_or("")
                    .to_string();
                let name = self
                    .text
                    .get(self.toks[name_at].start..self.toks[name_at + len - 1].end)
                    .unwrap_or("")
                    .to_string();
                let who = self.provisional(&name, &title, g);
                let start = if det != Det::None { i + 1 } else { i };
                return Some(Found {
                    start,
                    end: name_at + len,
                    who,
                    kind: MentionKind::Name,
                    surname: self.toks.get(name_at + len - 1).map(|t| t.norm.clone()),
                });
            }
        }
        if former {
            return None;
        }
        // A bare title needs a determiner or a government ("the President",
        // "Russian President"); capitals alone are not enough.
        if det == Det::None && (gov.is_none() || gov_implied) && !self.relaxed {
            return None;
        }
        // "the Queen City": a title inside a longer proper name.
        if let Some(t) = self.toks.get(j) {
            if t.word
                && t.cap
                && !t.upper
                && self.adjacent(j - 1, j)
                && !NOT_NAMES.contains(t.norm.as_str())
                && !OPENERS.contains(t.norm.as_str())
            {
                return None;
            }
        }
        // A title of a named government that no one in the knowledge base
        // holds ("Japan's trade ministry spokeswoman", "the Russian deputy
        // defense minister"): a provisional holder of that title, an
        // official of that government with the rank the title implies.
        let who = match self.resolve_title(&canons, gov.as_ref()) {
            Some(w) if !subordinate => w,
            _ => {
                let title = self
                    .text
                    .get(self.toks[ts].start..self.toks[te - 1].end)
                    .unwrap_or("")
                    .to_string();
                self.unnamed_holder(&title, gov?)?
            }
        };
        Some(Found {
            start: i,
            end: te.max(j),
            who,
            kind: MentionKind::Title,
            surname: None,
        })
    }

    /// The provisional holder of a government's title, unnamed ("trade
    /// ministry spokeswoman (Japan)"): one per title and government.
    fn unnamed_holder(&mut self, title: &str, g: Gov) -> Option<Who> {
        let country = &self.kb.country(&g)?.name;
        let country = country.strip_prefix("the ").unwrap_or(country);
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = format!("{title} ({country})");
        Some(self.provisional(&name, &title, g))
    }

    /// True when a proper name that is no government, title or opener
    /// stands just before `t` ("Ohio" in "Ohio Secretary of State").
    fn qualified(&self, t: usize) -> bool {
        if t == 0 || !self.same_sent(t - 1, t) || !self.adjacent(t - 1, t) {
            return false;
        }
        let p = &self.toks[t - 1];
        p.word
            && p.cap
            && !p.upper
            && !NOT_NAMES.contains(p.norm.as_str())
            && !OPENERS.contains(p.norm.as_str())
            && !TITLE_MODS.contains(p.norm.as_str())
            && !self.kb.lex.titles.contains_key(&p.norm)
            && !self.kb.lex.govs.contains_key(&p.norm)
    }

    /// A title at `start`: from the lexicon ("foreign minister", "the
    /// Kremlin spokesman"), after modifiers ("deputy defense minister": a
    /// title, but not the minister's), or made of portfolio words and a
    /// role noun ("finance ministry spokesman", "trade minister").
    fn title_at(&self, start: usize) -> Option<TitleHit> {
        // The longer of the two readings: "Assistant Secretary of State" is
        // a modified title, not the honorific "Assistant Secretary".
        let mut best: Option<TitleHit> = None;
        for attempt in 0..2 {
            let mut m = start;
            let mut modified = false;
            if attempt == 1 {
                while TITLE_MODS.contains(self.norm(m)) {
                    modified |= !matches!(self.norm(m), "acting" | "interim");
                    m += 1;
                }
                if m == start {
                    break;
                }
            }
            for (len, k) in self.keys_at(m, self.kb.lex.max_title) {
                if let Some(c) = self.kb.lex.titles.get(&k) {
                    if best.as_ref().is_none_or(|b| m + len > b.end) {
                        best = Some(TitleHit {
                            start,
                            end: m + len,
                            key: k,
                            canons: if modified { Vec::new() } else { c.clone() },
                            honorific: c.is_empty(),
                            modified,
                            composed: false,
                        });
                    }
                    break;
                }
            }
        }
        best.or_else(|| self.composed_title(start))
    }

    /// `[deputy] portfolio... [ministry] role`: "finance ministry
    /// spokesman", "deputy trade minister", "embassy spokeswoman" (word
    /// lists from `data/lexicon.toml`).
    fn composed_title(&self, start: usize) -> Option<TitleHit> {
        let lx = crate::lexicon::get();
        let mut m = start;
        let mut modified = false;
        while TITLE_MODS.contains(self.norm(m)) {
            modified |= !matches!(self.norm(m), "acting" | "interim");
            m += 1;
        }
        let (end, solid) = self.office_phrase(m)?;
        let role = self.norm(end);
        if !lx.roles.contains_key(role) || !solid || !self.same_sent(start, end) {
            return None;
        }
        if !self.joined(start, end + 1) {
            return None;
        }
        let key = (start..=end)
            .map(|t| self.norm(t))
            .collect::<Vec<_>>()
            .join(" ");
        Some(TitleHit {
            start,
            end: end + 1,
            key,
            canons: Vec::new(),
            honorific: false,
            modified,
            composed: true,
        })
    }

    /// Portfolio words and an optional head at `m` ("finance ministry",
    /// "foreign affairs", "Ministry of Defence", "embassy"): the end, and
    /// whether the phrase names an office (a portfolio, or a head that
    /// needs none).
    fn office_phrase(&self, m: usize) -> Option<(usize, bool)> {
        let lx = crate::lexicon::get();
        let portfolios = |mut k: usize| -> (usize, bool) {
            let mut any = false;
            while self.same_sent(m, k) {
                let w = self.norm(k);
                if lx.portfolios.contains(w) {
                    any = true;
                    k += 1;
                } else if any && lx.joiners.contains(w) && lx.portfolios.contains(self.norm(k + 1))
                {
                    k += 1;
                } else {
                    break;
                }
            }
            (k, any)
        };
        let (mut k, mut solid) = portfolios(m);
        let h = self.norm(k);
        if lx.heads.contains(h) {
            solid |= lx.alone.contains(h);
            k += 1;
            // "Ministry of Defence", "Department of Homeland Security".
            if !solid && self.norm(k) == "of" {
                let (e, any) = portfolios(k + 1);
                if any {
                    return Some((e, true));
                }
            }
        }
        (k > m).then_some((k, solid))
    }

    /// "Brazil's finance ministry", "the Japanese trade ministry", "Russia's
    /// Ministry of Defence", "the Chinese embassy": an office of a named
    /// government stands for that government (offices the knowledge base
    /// knows, "the Russian Foreign Ministry", are found as names first).
    fn parse_office(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if self.norm(j) == "the" {
            j += 1;
        }
        // "the government of Japan", "the embassy of China": a head that
        // needs no portfolio, then its government.
        let h = self.norm(j);
        let lx = crate::lexicon::get();
        if lx.heads.contains(h) && lx.alone.contains(h) {
            if let Some((end, g)) = self
                .of_government(j + 1)
                .filter(|&(end, _)| self.same_sent(i, end - 1) && !self.is_place(i, end))
            {
                let ri = *self.kb.by_id.get(&self.kb.government(&g)?.id)?;
                return Some(Found {
                    start: i,
                    end,
                    who: Who::Kb(ri),
                    kind: MentionKind::Metonym,
                    surname: None,
                });
            }
        }
        if !self.cap(j) {
            return None;
        }
        let gov_at = j;
        let (len, g) = self.lookup_gov(j)?;
        j += len;
        if self.norm(j) == "'s" {
            j += 1;
        }
        let (end, solid) = self.office_phrase(j)?;
        let lx = crate::lexicon::get();
        // A head is required ("Russia's foreign" is no office), and a role
        // noun after it makes a title, not the office.
        if !solid
            || !(j..end).any(|t| lx.heads.contains(self.norm(t)))
            || lx.roles.contains_key(self.norm(end))
            || !self.same_sent(i, end - 1)
            || self.is_place(i, end)
        {
            return None;
        }
        // An office the knowledge base knows, however it is capitalised
        // ("the Chinese foreign ministry").
        let k = (gov_at..end)
            .map(|t| self.norm(t))
            .collect::<Vec<_>>()
            .join(" ");
        let office = self.kb.lex.names.get(&k).and_then(|hits| {
            hits.iter()
                .map(|h| h.rec)
                .find(|&r| self.kb.recs[r].actor.kind == ActorKind::Office)
        });
        let ri = match office {
            Some(r) => r,
            None => *self.kb.by_id.get(&self.kb.government(&g)?.id)?,
        };
        Some(Found {
            start: i,
            end,
            who: Who::Kb(ri),
            kind: MentionKind::Metonym,
            surname: None,
        })
    }

    fn lookup_gov(&self, j: usize) -> Option<(usize, Gov)> {
        for (len, k) in self.keys_at(j, self.kb.lex.max_gov) {
            if let Some(g) = self.kb.lex.govs.get(&k) {
                return Some((len, g.clone()));
            }
        }
        None
    }

    /// A known name at `j`: (token count, who, surname only).
    fn name_at(
        &self,
        j: usize,
        title: Option<&str>,
        canons: &[String],
        gov: Option<&Gov>,
    ) -> Option<(usize, Who, bool)> {
        if !self.cap(j) {
            return None;
        }
        for (len, k) in self.keys_at(j, self.kb.lex.max_name.max(1)) {
            // Inside a name, "of", "the" and "and" may be lower case: an
            // office's name ("Department of State", "Ministry of Foreign
            // Affairs") is found whole, as its key in the knowledge base.
            let inner = |t: usize| t > j && t + 1 < j + len && NAME_INNER.contains(self.norm(t));
            if !(j..j + len).all(|t| {
                !self.toks[t].word || self.cap(t) || is_particle(&self.toks[t].norm) || inner(t)
            }) {
                continue;
            }
            if len == 1 {
                if let Some(&w) = self.local.get(&k) {
                    if title.is_none_or(|t| self.gender_fits(w, t)) {
                        return Some((1, w, true));
                    }
                }
            }
            let Some(hits) = self.kb.lex.names.get(&k) else {
                continue;
            };
            let ok: Vec<&NameHit> = hits
                .iter()
                .filter(|h| {
                    if !h.surname {
                        return true;
                    }
                    if title.is_none() && self.blocked.borrow().contains(&k) {
                        return false;
                    }
                    if title.is_none() && self.after_unknown_first_name(j) {
                        self.blocked.borrow_mut().insert(k.clone());
                        return false;
                    }
                    match title {
                        // "Senator Sanders" is not the press secretary.
                        Some(t) => {
                            self.gender_fits(Who::Kb(h.rec), t) && self.title_fits(h.rec, t, canons)
                        }
                        None => self.relaxed || self.surname_ok(h.rec, &k),
                    }
                })
                .collect();
            let best = ok
                .iter()
                .max_by_key(|h| (self.score(h, canons, gov), std::cmp::Reverse(h.rec)));
            if let Some(best) = best {
                return Some((len, Who::Kb(best.rec), best.surname));
            }
        }
        // A surname introduced earlier in the document.
        let w = *self.local.get(&self.toks.get(j)?.norm)?;
        title
            .is_none_or(|t| self.gender_fits(w, t))
            .then_some((1, w, true))
    }

    /// "Brian Fallon": a capitalised word that is no title, government or
    /// determiner just before a surname makes it someone else's name.
    fn after_unknown_first_name(&self, j: usize) -> bool {
        if j == 0 || !self.same_sent(j - 1, j) || !self.adjacent(j - 1, j) {
            return false;
        }
        let p = &self.toks[j - 1];
        p.word
            && p.cap
            && !p.upper
            && !NOT_NAMES.contains(p.norm.as_str())
            && !self.kb.lex.titles.contains_key(&p.norm)
            && !self.kb.lex.govs.contains_key(&p.norm)
            && !OPENERS.contains(p.norm.as_str())
    }

    /// "Mr." is not a woman, "Ms." not a man.
    fn gender_fits(&self, w: Who, title: &str) -> bool {
        let g = match w {
            Who::Kb(i) => self.kb.recs[i].gender,
            Who::Prov(i) => self.prov_gender.get(i).copied().flatten(),
        };
        match title {
            "mr" | "sir" | "lord" | "king" | "prince" | "chairman" | "spokesman"
            | "congressman" => g != Some(Gender::Female),
            "ms" | "mrs" | "miss" | "dame" | "lady" | "queen" | "chairwoman" | "spokeswoman"
            | "congresswoman" => g != Some(Gender::Male),
            _ => true,
        }
    }

    /// A title before a bare surname must be one the actor held (or bears
    /// in an alias); courtesy titles fit anyone.
    fn title_fits(&self, ri: usize, title: &str, canons: &[String]) -> bool {
        if COURTESY.contains(title) {
            return true;
        }
        if !canons.is_empty() && self.kb.holds_title(ri, canons, None) {
            return true;
        }
        let a = &self.kb.recs[ri].actor;
        let has = |s: &str| {
            let k = crate::text::key(s);
            k == title
                || k.starts_with(&format!("{title} "))
                || k.contains(&format!(" {title} "))
                || k.ends_with(&format!(" {title}"))
        };
        a.roles.iter().any(|r| has(&r.title)) || a.aliases.iter().any(|x| has(x))
    }

    fn surname_ok(&self, ri: usize, k: &str) -> bool {
        if self.mentioned(ri).is_some() {
            return true;
        }
        if AMBIGUOUS_SURNAMES.contains(k) {
            return false;
        }
        let a = &self.kb.recs[ri].actor;
        let Some(d) = self.on else { return true };
        a.roles_on(d).next().is_some()
            || a.roles.iter().any(|r| r.rank == Rank::Head)
            || self.mentioned(ri).is_some()
    }

    fn score(&self, h: &NameHit, canons: &[String], gov: Option<&Gov>) -> i32 {
        let r = &self.kb.recs[h.rec];
        let a = &r.actor;
        let mut s = 0;
        if let Some(d) = self.on {
            if a.roles_on(d).next().is_some() {
                s += 8;
            }
        }
        if a.roles.iter().any(|r| r.rank == Rank::Head) {
            s += 2;
        }
        if !canons.is_empty() {
            if self.kb.holds_title(h.rec, canons, self.on) {
                s += 6;
            } else if self.kb.holds_title(h.rec, canons, None) {
                s += 3;
            }
        }
        let gov_match = |g: &Gov| a.gov.as_ref() == Some(g) || a.roles.iter().any(|r| &r.gov == g);
        if let Some(g) = gov {
            if gov_match(g) {
                s += 4;
            }
        }
        if let Some(c) = self.context_country() {
            if gov_match(c) {
                s += 2;
            }
        }
        if a.kind == ActorKind::Person {
            s += 1;
        }
        if !h.surname {
            s += 1;
        }
        if self.mentioned(h.rec).is_some() {
            s += 5;
        }
        s
    }

    /// Capitalised words that may be an unknown person's name (2 to 4).
    fn unknown_name(&self, j: usize, allowed: bool) -> Option<usize> {
        if !allowed {
            return None;
        }
        let mut len = 0;
        while len < 4 {
            let t = j + len;
            let Some(tok) = self.toks.get(t) else { break };
            if len > 0 && !self.adjacent(t - 1, t) {
                break;
            }
            if !tok.word
                || !tok.cap
                || !self.same_sent(j, t)
                || NOT_NAMES.contains(tok.norm.as_str())
            {
                break;
            }
            if self.kb.lex.titles.contains_key(&tok.norm)
                || self.kb.lex.govs.contains_key(&tok.norm)
            {
                break;
            }
            len += 1;
        }
        (len >= 2 || (len == 1 && self.norm(j.wrapping_sub(1)) == ",")).then_some(len)
    }

    /// True when two tokens belong to one phrase: only whitespace with at
    /// most one line break (hard-wrapped text) between them, or the period
    /// of an abbreviation ("Mr. Kirby").
    fn adjacent(&self, a: usize, b: usize) -> bool {
        let (Some(x), Some(y)) = (self.toks.get(a), self.toks.get(b)) else {
            return false;
        };
        let Some(gap) = self.text.get(x.end..y.start) else {
            return false;
        };
        let gap = match gap.strip_prefix('.') {
            Some(rest) if ABBREV.contains(x.norm.as_str()) => rest,
            Some(_) => return false,
            None => gap,
        };
        gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1
    }

    /// True when every token of `[s, e)` is joined to the next.
    fn joined(&self, s: usize, e: usize) -> bool {
        (s + 1..e).all(|t| self.adjacent(t - 1, t))
    }

    /// A country name as the subject of a verb ("Ukraine has been
    /// requesting", "Germany said"): its government.
    fn parse_country_subject(&self, i: usize) -> Option<Found> {
        // "Recently, the United States announced ...": a lower-case "the"
        // opens the name as well.
        let the = self.norm(i) == "the";
        if !self.cap(i) && !the {
            return None;
        }
        let p = if i > 0 && self.same_sent(i - 1, i) {
            self.norm(i - 1)
        } else {
            ""
        };
        if !SUBJECT_BEFORE.contains(p) {
            return None;
        }
        let mut j = i;
        if the {
            j += 1;
            if !self.cap(j) {
                return None;
            }
        }
        for (len, k) in self.keys_at(j, self.kb.lex.max_gov) {
            // After "the", a government's abbreviation stands as its name
            // ("The U.S. imposed ...", "the US has ...").
            let abbreviation = || {
                (the && (j..j + len).all(|t| self.toks[t].upper || !self.toks[t].word))
                    .then(|| self.kb.lex.govs.get(&k))
                    .flatten()
            };
            let Some(g) = self.kb.lex.country_names.get(&k).or_else(abbreviation) else {
                continue;
            };
            // "Japan also pledged ...": an adverb may stand before the verb.
            let mut v = j + len;
            if SUBJECT_ADVERBS.contains(self.norm(v)) {
                v += 1;
            }
            // A verb of the list, or a past in "-ed" ("The United States
            // imposed ...") that is not a word of description ("armed").
            let verb = self.norm(v);
            let past = verb.len() >= 5 && verb.ends_with("ed") && !SUBJECT_NOT_PAST.contains(verb);
            if !(SUBJECT_VERBS.contains(verb) || past) || !self.same_sent(i, v) {
                return None;
            }
            let a = self.kb.government(g)?;
            let ri = *self.kb.by_id.get(&a.id)?;
            return Some(Found {
                start: i,
                end: j + len,
                who: Who::Kb(ri),
                kind: MentionKind::Metonym,
                surname: None,
            });
        }
        None
    }

    fn provisional(&mut self, name: &str, title: &str, gov: Gov) -> Who {
        if let Some(i) = self.prov.iter().position(|a| a.name == name) {
            return Who::Prov(i);
        }
        // Runs of other characters make one hyphen ("trade ministry
        // spokeswoman (Japan)" -> "trade-ministry-spokeswoman-japan").
        let slug = crate::text::key(name)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        self.prov.push(Actor {
            id: ActorId(format!("provisional-{slug}")),
            name: name.to_string(),
            kind: ActorKind::Person,
            aliases: vec![],
            gov: Some(gov.clone()),
            roles: vec![Role {
                title: title.to_string(),
                office: None,
                gov,
                rank: title_rank(title),
                start: None,
                end: None,
            }],
        });
        self.prov_gender.push(None);
        Who::Prov(self.prov.len() - 1)
    }

    /// The holder of a title: in the named government, else the country
    /// context, else a holder already mentioned, else the dominant
    /// government's, else the only one.
    fn resolve_title(&self, canons: &[String], gov: Option<&Gov>) -> Option<Who> {
        let on = self.on?;
        let pick = |hs: Vec<usize>| -> Option<Who> {
            let best = hs
                .iter()
                .copied()
                .max_by_key(|&r| self.mentioned(r).map_or(-1, |p| p as i64));
            best.map(Who::Kb)
        };
        if let Some(g) = gov {
            return pick(self.kb.holder_recs(canons, g, on));
        }
        if let Some(c) = self.context_country() {
            let hs = self.kb.holder_recs(canons, c, on);
            if !hs.is_empty() {
                return pick(hs);
            }
        }
        let all = self.kb.holder_govs(canons, on);
        if all.is_empty() {
            return None;
        }
        let dom = self.dominant_gov();
        let mentioned: Vec<&(usize, Gov)> = all
            .iter()
            .filter(|(r, _)| self.mentioned(*r).is_some())
            .collect();
        if !mentioned.is_empty() {
            if let Some(x) = mentioned.iter().find(|(_, g)| Some(g) == dom.as_ref()) {
                return Some(Who::Kb(x.0));
            }
            return mentioned
                .iter()
                .max_by_key(|(r, _)| self.mentioned(*r))
                .map(|x| Who::Kb(x.0));
        }
        if let Some(d) = &dom {
            if let Some(x) = all.iter().find(|(_, g)| g == d) {
                return Some(Who::Kb(x.0));
            }
        }
        let first = &all[0].1;
        if all.iter().all(|(_, g)| g == first) {
            return Some(Who::Kb(all[0].0));
        }
        None
    }

    /// "a senior administration official", "U.S. officials", "a State
    /// Department spokesperson": the anonymous official of a government.
    fn parse_anon(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if ANON_QUANT.contains(self.norm(j)) {
            j += 1;
        }
        let mut gov: Option<Gov> = None;
        let mut admin = false;
        let mut senior = false;
        let mut steps = 0;
        while steps < 8 && j < self.toks.len() && self.same_sent(i, j) {
            steps += 1;
            let n = self.norm(j);
            if ANON_ADJ.contains(n) {
                admin |= n == "administration" || n == "government";
                senior |= n == "senior" || n == "top";
                j += 1;
                continue;
            }
            if gov.is_none() && self.cap(j) {
                if let Some((len, g)) = self.lookup_gov(j) {
                    gov = Some(g);
                    j += len;
                    // "Ukraine's top negotiator".
                    if self.norm(j) == "'s" {
                        j += 1;
                    }
                    continue;
                }
                if let Some((len, g)) = self.office_gov(j) {
                    gov = Some(g);
                    j += len;
                    continue;
                }
            }
            // "a Japanese trade ministry spokeswoman", "a Russian foreign
            // ministry official".
            let lx = crate::lexicon::get();
            if lx.portfolios.contains(n) || lx.heads.contains(n) {
                j += 1;
                continue;
            }
            break;
        }
        if !ANON_HEAD.contains(self.norm(j)) || !self.same_sent(i, j) {
            return None;
        }
        let g = match gov {
            Some(g) => g,
            None if admin => self
                .sentence_gov(i)
                .or_else(|| self.context_country().cloned())
                .unwrap_or_else(|| Gov("USA".into())),
            None if senior => self.context_country()?.clone(),
            None => return None,
        };
        let id = self.kb.anon.get(&g)?;
        let ri = *self.kb.by_id.get(id)?;
        Some(Found {
            start: i,
            end: j + 1,
            who: Who::Kb(ri),
            kind: MentionKind::Anonymous,
            surname: None,
        })
    }

    /// The government of an office or metonym at `j` ("Pentagon", "State
    /// Department", "Kremlin", "White House").
    fn office_gov(&self, j: usize) -> Option<(usize, Gov)> {
        for (len, k) in self.keys_at(j, self.kb.lex.max_meto.max(self.kb.lex.max_name)) {
            if let Some(&m) = self.kb.lex.metonyms.get(&k) {
                if let Some(ri) = self.kb.metonym_target(m, self.on) {
                    if let Some(g) = self.kb.recs[ri].actor.gov.clone() {
                        return Some((len, g));
                    }
                }
            }
            if let Some(hits) = self.kb.lex.names.get(&k) {
                for h in hits {
                    let a = &self.kb.recs[h.rec].actor;
                    if matches!(a.kind, ActorKind::Office | ActorKind::Government) {
                        if let Some(g) = a.gov.clone() {
                            return Some((len, g));
                        }
                    }
                }
            }
        }
        None
    }

    /// "the White House", "Moscow" (not "in Moscow"), "the Oval Office".
    fn parse_metonym(&self, i: usize, check_place: bool) -> Option<Found> {
        let mut j = i;
        if self.norm(j) == "the" {
            j += 1;
        }
        if !self.cap(j) {
            return None;
        }
        for (len, k) in self.keys_at(j, self.kb.lex.max_meto) {
            let Some(&m) = self.kb.lex.metonyms.get(&k) else {
                continue;
            };
            let end = j + len;
            // "the Washington Post", "the White House Counsel": part of a
            // longer proper name.
            if let Some(t) = self.toks.get(end) {
                if check_place
                    && t.word
                    && t.cap
                    && !t.upper
                    && self.adjacent(end - 1, end)
                    && !NOT_NAMES.contains(t.norm.as_str())
                    && !OPENERS.contains(t.norm.as_str())
                {
                    return None;
                }
            }
            let place = self.kb.lex.meto_list.get(m).is_some_and(|x| x.place);
            if check_place && place && self.is_place(i, end) {
                return None;
            }
            // "East Jerusalem", "Greater Tokyo": a capital inside a longer
            // place name.
            if check_place && place && j == i && i > 0 && self.adjacent(i - 1, i) {
                let p = &self.toks[i - 1];
                if p.word
                    && p.cap
                    && !p.upper
                    && self.same_sent(i - 1, i)
                    && !NOT_NAMES.contains(p.norm.as_str())
                    && !OPENERS.contains(p.norm.as_str())
                    && !self.kb.lex.titles.contains_key(&p.norm)
                    && !self.kb.lex.govs.contains_key(&p.norm)
                {
                    return None;
                }
            }
            let ri = self.kb.metonym_target(m, self.on)?;
            return Some(Found {
                start: i,
                end,
                who: Who::Kb(ri),
                kind: MentionKind::Metonym,
                surname: None,
            });
        }
        None
    }

    /// True when the phrase at `[s, e)` is used as a place: "in Moscow",
    /// "arrived in Kyiv", "traveled to Beijing", "Moscow time".
    fn is_place(&self, s: usize, e: usize) -> bool {
        // Look past a determiner: "at the White House".
        let s = if s > 0
            && self.same_sent(s - 1, s)
            && self.norm(s - 1) == "the"
            && self.norm(s) != "the"
        {
            s - 1
        } else {
            s
        };
        let prev = |k: usize| -> &str {
            if s >= k && self.same_sent(s, s - k) {
                self.norm(s - k)
            } else {
                ""
            }
        };
        let p1 = prev(1);
        let p2 = prev(2);
        if PLACE_PREPS.contains(p1) || VISIT_VERBS.contains(p1) {
            return true;
        }
        if matches!(p1, "to" | "from" | "for") && MOTION.contains(p2) {
            return true;
        }
        crate::lexicon::get()
            .not_agent_before
            .contains(self.norm(e))
    }

    /// A pronoun resolved to the most salient compatible earlier mention.
    fn pronoun(&self, j: usize) -> Option<Who> {
        #[derive(PartialEq, Clone, Copy)]
        enum P {
            M,
            F,
            Pl,
            It,
        }
        let t = self.toks.get(j)?;
        if !t.word {
            return None;
        }
        let p = match t.norm.as_str() {
            "he" | "him" | "his" | "himself" => P::M,
            "she" | "her" | "hers" | "herself" => P::F,
            "they" | "their" => P::Pl,
            // "it" only as a subject ("the Pentagon said it would"), "its"
            // anywhere; both within the sentence.
            "it" if SUBJECT_VERBS.contains(self.norm(j + 1)) => P::It,
            "its" => P::It,
            _ => return None,
        };
        let ok = |h: &Hist| -> bool {
            let (kind, gender, anon) = match h.who {
                Who::Kb(i) => {
                    let r = &self.kb.recs[i];
                    (r.actor.kind, r.gender, r.anonymous)
                }
                Who::Prov(i) => (
                    ActorKind::Person,
                    self.prov_gender.get(i).copied().flatten(),
                    false,
                ),
            };
            match p {
                P::M => kind == ActorKind::Person && gender != Some(Gender::Female),
                P::F => kind == ActorKind::Person && gender != Some(Gender::Male),
                P::Pl => kind != ActorKind::Person || anon,
                P::It => kind != ActorKind::Person,
            }
        };
        let q = self.quote.get(j).copied().flatten();
        let s = self.sent.get(j).copied().unwrap_or(0);
        // Antecedents lie within a window of tokens (tighter for "they",
        // which more often refers to things than to governments).
        let window = match p {
            P::Pl => 25,
            P::It => 15,
            _ => 120,
        };
        // The history is in token order (mentions are emitted as the scan
        // goes): the window starts where a binary search puts it, so that a
        // pronoun costs the window, not the document.
        let lo = self.hist.partition_point(|h| h.tok + window < j);
        let before = self.hist[lo..]
            .iter()
            .filter(|h| h.tok < j && j - h.tok <= window);
        let person = matches!(p, P::M | P::F);
        let blocked = |from: usize, from_sent: Option<usize>| {
            person && self.stranger_between(j, from, from_sent, p == P::M)
        };
        if let Some(q) = q {
            if let Some(h) = before.clone().rfind(|h| h.quote == Some(q) && ok(h)) {
                return (!blocked(h.tok, None)).then_some(h.who);
            }
        }
        if let Some(h) = before
            .clone()
            .rfind(|h| h.sent == s && h.quote.is_none() && ok(h))
        {
            return (!blocked(h.tok, None)).then_some(h.who);
        }
        if p == P::It {
            return None;
        }
        // The subject (first compatible mention) of the nearest earlier sentence.
        let mut sents: Vec<usize> = before
            .clone()
            .filter(|h| h.sent < s && h.quote.is_none() && ok(h))
            .map(|h| h.sent)
            .collect();
        sents.dedup();
        let last = *sents.last()?;
        if s - last > 3 {
            return None;
        }
        let mut before = before;
        let h = before.find(|h| h.sent == last && h.quote.is_none() && ok(h))?;
        (!blocked(h.tok, Some(last))).then_some(h.who)
    }
}

/// The rank a title implies; a title that implies none takes its role
/// noun's ("intelligence chief": an adviser; see `data/lexicon.toml`).
fn title_rank(title: &str) -> Rank {
    let r = rank_for_title(title);
    if r != Rank::Official {
        return r;
    }
    let k = crate::text::key(title);
    k.rsplit(' ')
        .next()
        .and_then(|w| crate::lexicon::get().roles.get(w))
        .copied()
        .unwrap_or(r)
}

static NAME_PARTICLES: LazyLock<&Words> = LazyLock::new(|| lexicon::words("name_particles"));

/// Lexicon class `office_anaphors` (data/lexicon.toml).
static OFFICE_ANAPHORS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("office_anaphors"));

/// Lexicon class `name_inner_words` (data/lexicon.toml).
static NAME_INNER: LazyLock<&Words> = LazyLock::new(|| lexicon::words("name_inner_words"));

fn is_particle(w: &str) -> bool {
    NAME_PARTICLES.contains(w)
}

/// True when `a` and `b` differ by at most one insertion, deletion or
/// substitution.
fn within_one_edit(a: &str, b: &str) -> bool {
    // One edit changes the length by four bytes at most; ASCII words (all a
    // label's surname usually is) are compared without copying.
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return within_one_edit_of(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    within_one_edit_of(&a, &b)
}

fn within_one_edit_of<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Sentences split after ". " and at line breaks.
    fn sentences(text: &str) -> Vec<TextRange> {
        let mut out = Vec::new();
        let mut start = 0;
        let b = text.as_bytes();
        for i in 0..b.len() {
            if (b[i] == b'.' && b.get(i + 1) == Some(&b' ')) || b[i] == b'\n' {
                out.push(TextRange::new(start, i + 1));
                start = i + 1;
            }
        }
        if start < text.len() {
            out.push(TextRange::new(start, text.len()));
        }
        out
    }

    /// Each `(needle, expected)`: the next occurrence of `needle` is
    /// covered by a mention of an actor `(id, government, rank)` on the
    /// date, or by none.
    #[allow(clippy::type_complexity)]
    fn check(
        text: &str,
        on: &str,
        country: Option<&str>,
        expect: &[(&str, Option<(&str, &str, Rank)>)],
    ) {
        let kb = Kb::shared();
        let on = d(on);
        let g = country.map(|c| Gov(c.into()));
        let r = mentions(kb, text, &sentences(text), Some(on), g.as_ref());
        let mut from = 0;
        for &(needle, want) in expect {
            let s = from + text[from..].find(needle).expect(needle);
            let e = s + needle.len();
            from = s + 1;
            let got = r
                .mentions
                .iter()
                .find(|m| m.range.start < e && s < m.range.end)
                .and_then(|m| m.actor.as_ref())
                .map(|id| {
                    let a = kb
                        .get(id)
                        .or_else(|| r.provisional.iter().find(|a| &a.id == id))
                        .expect("known or provisional");
                    let gov = a.gov_on(on).map(|g| g.0.clone()).unwrap_or_default();
                    (a.id.0.clone(), gov, a.rank_on(on))
                });
            let want = want.map(|(id, g, r)| (id.to_string(), g.to_string(), r));
            assert_eq!(got, want, "{needle:?} in {text:?}\n{:?}", r.mentions);
        }
    }

    /// "Dan “Razin” Caine": a nickname in quotation marks between a name's
    /// words leaves the name whole, and the mention covers it.
    #[test]
    fn a_name_with_a_nickname_inside() {
        check(
            "Chairman of the Joint Chiefs of Staff Dan “Razin” Caine spoke first.",
            "2025-06-26",
            None,
            &[(
                "Dan “Razin” Caine",
                Some(("dan-caine", "USA", Rank::Adviser)),
            )],
        );
    }

    #[test]
    fn negotiators_and_other_holders_named_beside_their_office() {
        let on = "2025-11-11";
        check(
            "Joe Bloggs, Russia's deputy foreign minister, said so. Sergei Ryabkov, Russia's deputy foreign minister, agreed. Russia's chief negotiator Jan Novak said no. Ukraine's top negotiator, Rustem Umerov, said yes. Russia's lead negotiator, Vladimir Medinsky, said more. Ukraine's top negotiator said little.",
            on,
            None,
            &[
                // Another holder of a title the pack gives someone else.
                ("Joe Bloggs", Some(("provisional-joe-bloggs", "RUS", Rank::Adviser))),
                ("Sergei Ryabkov", Some(("sergei-ryabkov", "RUS", Rank::Adviser))),
                ("Jan Novak", Some(("provisional-jan-novak", "RUS", Rank::Adviser))),
                ("Ukraine's top negotiator", Some(("rustem-umerov", "UKR", Rank::Adviser))),
                ("Vladimir Medinsky", Some(("provisional-vladimir-medinsky", "RUS", Rank::Adviser))),
                ("Ukraine's top negotiator", Some(("anon-ukr", "UKR", Rank::Official))),
            ],
        );
    }

    #[test]
    fn offices_by_their_common_names_and_people_by_their_first_word() {
        let on = "2025-11-11";
        check(
            "The Foreign Office said so. The Ukrainian presidency agreed. Malaysian Prime Minister Anwar Ibrahim spoke. Anwar said no. South Korean Trade Minister Chung Dong-young spoke. Chung said yes. South Korean President Lee Jae Myung spoke. Lee added more.",
            on,
            None,
            &[
                ("Foreign Office", Some(("gbr-fcdo", "GBR", Rank::Adviser))),
                ("Ukrainian presidency", Some(("ukr-op", "UKR", Rank::Adviser))),
                ("Anwar Ibrahim", Some(("anwar-ibrahim", "MYS", Rank::Head))),
                ("Anwar said", Some(("anwar-ibrahim", "MYS", Rank::Head))),
                ("Chung Dong-young", Some(("provisional-chung-dong-young", "KOR", Rank::Minister))),
                ("Chung said", Some(("provisional-chung-dong-young", "KOR", Rank::Minister))),
                ("Lee Jae Myung", Some(("lee-jae-myung", "KOR", Rank::Head))),
                ("Lee added", Some(("lee-jae-myung", "KOR", Rank::Head))),
            ],
        );
    }

    #[test]
    fn officials_named_with_their_office_in_apposition() {
        let on = "2020-01-10";
        check(
            "Nikos Dendias, the Greek foreign minister, said the deal was void. Dendias added that talks could follow.",
            on,
            None,
            &[
                ("Nikos Dendias", Some(("provisional-nikos-dendias", "GRC", Rank::Minister))),
                ("Dendias added", Some(("provisional-nikos-dendias", "GRC", Rank::Minister))),
            ],
        );
        // A special administrative region's government and its chief
        // executive.
        check(
            "On Wednesday, Carrie Lam, the chief executive of Hong Kong, announced the bill would be withdrawn. Lam said the government had listened.",
            "2019-09-06",
            None,
            &[
                ("Carrie Lam", Some(("provisional-carrie-lam", "HKG", Rank::Official))),
                ("Lam said", Some(("provisional-carrie-lam", "HKG", Rank::Official))),
            ],
        );
        // "I’m" after a title and a comma is no name.
        check(
            "The President, I’m sure, would be happy to do that too.",
            "2024-03-12",
            Some("USA"),
            &[("I’m", None)],
        );
        // Not an apposition of office: a place, or a known name.
        check(
            "Vladimir Putin, the Russian president, said talks would go on.",
            on,
            None,
            &[(
                "Vladimir Putin",
                Some(("vladimir-putin", "RUS", Rank::Head)),
            )],
        );
    }

    #[test]
    fn officials_introduced_by_an_office() {
        let on = "2025-10-01";
        check(
            "Assistant Secretary of State Jane Doe told reporters on Tuesday that the talks would resume.",
            on,
            None,
            &[("Jane Doe", Some(("provisional-jane-doe", "USA", Rank::Adviser)))],
        );
        check(
            "Brazil's finance ministry spokesman Rui Costa said the tariff would hurt exporters. Costa added that talks would go on.",
            on,
            None,
            &[
                ("Rui Costa", Some(("provisional-rui-costa", "BRA", Rank::Adviser))),
                ("Costa added", Some(("provisional-rui-costa", "BRA", Rank::Adviser))),
            ],
        );
        check(
            "Deputy Foreign Minister Sergei Ryabkov said Moscow was ready to talk.",
            on,
            None,
            &[
                (
                    "Sergei Ryabkov",
                    Some(("sergei-ryabkov", "RUS", Rank::Adviser)),
                ),
                ("Moscow", Some(("gov-rus", "RUS", Rank::Head))),
            ],
        );
        check(
            "Japan's trade ministry spokeswoman declined to comment on the tariffs.",
            on,
            None,
            &[(
                "trade ministry spokeswoman",
                Some((
                    "provisional-trade-ministry-spokeswoman-japan",
                    "JPN",
                    Rank::Adviser,
                )),
            )],
        );
        check(
            "The Russian deputy defense minister said the drills were over.",
            on,
            None,
            &[(
                "deputy defense minister",
                Some((
                    "provisional-deputy-defense-minister-russia",
                    "RUS",
                    Rank::Adviser,
                )),
            )],
        );
        check(
            "A senior European official said the sanctions package was ready. Chinese Foreign Ministry spokesperson Lin Jian said Beijing opposed it.",
            on,
            None,
            &[
                ("senior European official", Some(("anon-eur", "EUR", Rank::Official))),
                ("Lin Jian", Some(("lin-jian", "CHN", Rank::Adviser))),
                ("Beijing", Some(("gov-chn", "CHN", Rank::Head))),
            ],
        );
        // No government named: no official of one (a title alone, a
        // portfolio without a government).
        check(
            "The finance ministry spokesman said exports would suffer. Trade Minister Ana Pereira agreed.",
            on,
            None,
            &[("finance ministry spokesman", None), ("Ana Pereira", None)],
        );
        // A state's officer is not the federal one; a bare title with no
        // determiner is no mention; a middle initial is still the holder.
        check(
            "Ohio Secretary of State Jon Husted appealed. Brian Fallon, the campaign's press secretary, said no. Secretary of State John Forbes Kerry said the talks failed.",
            "2016-09-25",
            None,
            &[
                ("Jon Husted", None),
                ("press secretary", None),
                ("John Forbes Kerry", Some(("john-kerry", "USA", Rank::Minister))),
            ],
        );
        // An unnamed government's spokesman in a sentence that names one
        // government's people is of it; with two governments named, the
        // document's country, as below.
        check(
            "German Chancellor Friedrich Merz has ruled out sending Taurus missiles, a government spokesman said.",
            "2025-10-23",
            Some("USA"),
            &[
                ("Friedrich Merz", Some(("friedrich-merz", "DEU", Rank::Head))),
                ("government spokesman", Some(("anon-deu", "DEU", Rank::Official))),
            ],
        );
        check(
            "Friedrich Merz and Donald Trump disagreed, a government spokesman said.",
            "2025-10-23",
            Some("USA"),
            &[(
                "government spokesman",
                Some(("senior-administration-official", "USA", Rank::Official)),
            )],
        );
        // "a senior official": the document's country, else no one.
        let text = "A senior official said the talks were over.";
        check(text, on, None, &[("senior official", None)]);
        check(
            text,
            on,
            Some("USA"),
            &[(
                "senior official",
                Some(("senior-administration-official", "USA", Rank::Official)),
            )],
        );
    }

    /// An office's name with "of" in it is found whole ("The Department of
    /// State will impose sanctions" is the department's act, not the
    /// publication's); the same words in another name are not ("the
    /// Secretary of State" is a title). A government named with its lower-case
    /// noun ("the Japanese government", "the government of Canada") is that
    /// government; one the pack lacks is no one.
    #[test]
    fn an_offices_name_with_of_is_found_whole() {
        let on = "2022-03-02";
        check(
            "The Department of State will impose sanctions. The Department of the Treasury said so, and the Department of Homeland Security agreed.",
            on,
            None,
            &[
                ("Department of State", Some(("usa-dos", "USA", Rank::Adviser))),
                ("Department of the Treasury", Some(("usa-treasury", "USA", Rank::Adviser))),
                ("Department of Homeland Security", Some(("usa-dhs", "USA", Rank::Adviser))),
            ],
        );
        check(
            "The Japanese government said so, Israel's government agreed, and the government of Canada did not. The Thai government said so. The Martian government said so.",
            on,
            None,
            &[
                ("Japanese government", Some(("gov-jpn", "JPN", Rank::Head))),
                ("Israel's government", Some(("gov-isr", "ISR", Rank::Head))),
                ("government of Canada", Some(("gov-can", "CAN", Rank::Head))),
                ("Thai government", Some(("gov-tha", "THA", Rank::Head))),
                ("Martian government", None),
            ],
        );
        check(
            "China's commerce ministry said it would respond. The ministry said in a statement that it would fight. The Department of State said so, and the department added more.",
            on,
            None,
            &[
                ("commerce ministry", Some(("gov-chn", "CHN", Rank::Head))),
                ("The ministry", Some(("gov-chn", "CHN", Rank::Head))),
                ("Department of State", Some(("usa-dos", "USA", Rank::Adviser))),
                ("the department", Some(("usa-dos", "USA", Rank::Adviser))),
            ],
        );
        // No office named before: no one.
        check("The ministry said so.", on, None, &[("ministry", None)]);
        check(
            "The European Commission said it would respond.",
            on,
            None,
            &[(
                "European Commission",
                Some(("eur-commission", "EUR", Rank::Adviser)),
            )],
        );
        check(
            "The Secretary of State said so.",
            on,
            None,
            &[(
                "Secretary of State",
                Some(("antony-blinken", "USA", Rank::Minister)),
            )],
        );
    }

    #[test]
    fn offices_and_capitals_as_agents() {
        let on = "2025-10-01";
        check(
            "Brazil's finance ministry said the measure was unfair, and Britain's Ministry of Defence said it would respond. The Chinese foreign ministry and Russia's defence ministry declined to comment.",
            on,
            None,
            &[
                ("Brazil's finance ministry", Some(("gov-bra", "BRA", Rank::Head))),
                ("Britain's Ministry of Defence", Some(("gov-gbr", "GBR", Rank::Head))),
                ("Chinese foreign ministry", Some(("chn-mfa", "CHN", Rank::Adviser))),
                ("Russia's defence ministry", Some(("gov-rus", "RUS", Rank::Head))),
            ],
        );
        // What a government issues in its own name stands for it; a known
        // office before the noun keeps its own name.
        check(
            "The Turkish statement called for a safe zone. A Chinese communique rejected the claim, and a Russian foreign ministry statement said talks would go on.",
            "2019-10-08",
            None,
            &[
                ("Turkish statement", Some(("gov-tur", "TUR", Rank::Head))),
                ("Chinese communique", Some(("gov-chn", "CHN", Rank::Head))),
                ("Russian foreign ministry", Some(("rus-mfa", "RUS", Rank::Adviser))),
            ],
        );
        check(
            "Delhi rejected the claim, while Tehran and Tokyo said they would study it. The Kremlin said Kyiv must withdraw.",
            on,
            None,
            &[
                ("Delhi", Some(("gov-ind", "IND", Rank::Head))),
                ("Tehran", Some(("gov-irn", "IRN", Rank::Head))),
                ("Tokyo", Some(("gov-jpn", "JPN", Rank::Head))),
                ("Kremlin", Some(("gov-rus", "RUS", Rank::Head))),
                ("Kyiv", Some(("gov-ukr", "UKR", Rank::Head))),
            ],
        );
        // Places and names, not agents.
        check(
            "Officials arrived in Delhi on Monday. The Minsk agreements collapsed, and protesters gathered outside the Russian embassy. The Doha talks resumed in Moscow. East Jerusalem was calm, and Havana syndrome cases rose.",
            on,
            None,
            &[
                ("Delhi", None),
                ("Minsk", None),
                ("Russian embassy", None),
                ("Doha", None),
                ("Moscow", None),
                ("Jerusalem", None),
                ("Havana", None),
            ],
        );
    }

    #[test]
    fn country_names_that_are_given_names() {
        check(
            "Jordan said the border was closed. Jordan's King Abdullah II said Amman would not accept it. Jordanian officials agreed.",
            "2025-10-01",
            None,
            &[
                ("Jordan said", None),
                ("King Abdullah II", Some(("abdullah-ii", "JOR", Rank::Head))),
                ("Amman", Some(("gov-jor", "JOR", Rank::Head))),
                ("Jordanian officials", Some(("anon-jor", "JOR", Rank::Official))),
            ],
        );
    }

    #[test]
    fn foreign_leaders_in_a_white_house_transcript() {
        let text = "THE PRESIDENT: Welcome to the White House.\n\
KING ABDULLAH II: Thank you, Mr. President.\n\
PRESIDENT ZELENSKYY: We are grateful.\n\
CHANCELLOR MERZ: Germany stands ready.\n\
PRIME MINISTER NETANYAHU: Thank you.\n\
PRESIDENT XI: We agree.\n\
EMIR TAMIM: Thank you.\n\
PRESIDENT STUBB: Finland agrees.\n";
        check(
            text,
            "2025-10-01",
            Some("USA"),
            &[
                ("THE PRESIDENT", Some(("donald-trump", "USA", Rank::Head))),
                ("KING ABDULLAH II", Some(("abdullah-ii", "JOR", Rank::Head))),
                (
                    "PRESIDENT ZELENSKYY",
                    Some(("volodymyr-zelenskyy", "UKR", Rank::Head)),
                ),
                (
                    "CHANCELLOR MERZ",
                    Some(("friedrich-merz", "DEU", Rank::Head)),
                ),
                (
                    "PRIME MINISTER NETANYAHU",
                    Some(("benjamin-netanyahu", "ISR", Rank::Head)),
                ),
                ("PRESIDENT XI", Some(("xi-jinping", "CHN", Rank::Head))),
                (
                    "EMIR TAMIM",
                    Some(("tamim-bin-hamad-al-thani", "QAT", Rank::Head)),
                ),
                // Unknown to the pack: no one, never the host president.
                ("PRESIDENT STUBB", None),
            ],
        );
        let kb = Kb::shared();
        let on = d("2025-10-01");
        let usa = Gov("USA".into());
        for (label, id) in [
            ("KING ABDULLAH II", "abdullah-ii"),
            ("PRESIDENT ZELENSKYY", "volodymyr-zelenskyy"),
            ("CHANCELLOR MERZ", "friedrich-merz"),
            ("PRIME MINISTER NETANYAHU", "benjamin-netanyahu"),
            ("PRESIDENT XI", "xi-jinping"),
        ] {
            for c in [None, Some(&usa)] {
                let got = kb.resolve(label, c, on).map(|a| a.id.0.as_str());
                assert_eq!(got, Some(id), "{label} {c:?}");
            }
        }
        assert_eq!(kb.resolve("PRESIDENT STUBB", Some(&usa), on), None);
    }
}
