//! Reported acts and decisions in any wording, beyond the aid rules of
//! `actions.rs`: a clause whose agent is a resolved official or government
//! and whose verb or noun is in the act lexicon (the classes `act_verbs_*` and `act_nouns_*` of
//! `data/lexicon.toml`).
//!
//! Three grammatical frames, one sentence at a time:
//! - active: the agent is the subject right before the verb, with only
//!   auxiliaries, adverbs, a day ("on Monday") or a comma apposition
//!   between ("Germany on Monday banned Iranian airline Mahan Air");
//! - passive and nominal with "by": "was declared by President Trump",
//!   "the proclamation of ... by the President";
//! - possessive nominal: "Erdogan's objection to the deal".
//!
//! The lexicon is data: the words and their classes live in
//! `data/lexicon.toml`, never in this file.

use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use vane_core::{Action, ActionClass, Mention, MentionKind, TextRange};
use vane_text::{TokenKind, Tokens};

/// An act lexicon written on its own (see `Lexicon::parse`).
#[derive(Debug, Deserialize)]
struct LexiconFile {
    verbs: HashMap<String, Vec<String>>,
    nouns: HashMap<String, Vec<String>>,
}

/// Errors reading an act lexicon.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("act lexicon: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("act lexicon: unknown class {0:?} (use enact, undo, decide, support or oppose)")]
    Class(String),
}

/// Words that report acts, each with its class.
#[derive(Debug, Default)]
pub struct Lexicon {
    verbs: HashMap<String, ActionClass>,
    nouns: HashMap<String, ActionClass>,
}

fn class_of(name: &str) -> Result<ActionClass, LexiconError> {
    match name {
        "decide" => Ok(ActionClass::Decide),
        "enact" => Ok(ActionClass::Enact),
        "undo" => Ok(ActionClass::Undo),
        "support" => Ok(ActionClass::Endorse),
        "oppose" => Ok(ActionClass::Reject),
        other => Err(LexiconError::Class(other.to_string())),
    }
}

impl Lexicon {
    /// Parses an act lexicon written on its own (`[verbs]` and `[nouns]`, each
    /// class a list: enact, undo, decide, support, oppose), for tests.
    pub fn parse(toml_text: &str) -> Result<Lexicon, LexiconError> {
        let f: LexiconFile = toml::from_str(toml_text)?;
        let mut out = Lexicon::default();
        for (class, words) in &f.verbs {
            let c = class_of(class)?;
            for w in words {
                out.verbs.insert(w.to_lowercase(), c);
            }
        }
        for (class, words) in &f.nouns {
            let c = class_of(class)?;
            for w in words {
                out.nouns.insert(w.to_lowercase(), c);
            }
        }
        Ok(out)
    }

    /// The bundled lexicon.
    pub fn bundled() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            // The act classes of the one English lexicon (data/lexicon.toml).
            let mut out = Lexicon::default();
            for (words, class) in [
                (crate::lexicon::words("act_verbs_enact"), ActionClass::Enact),
                (crate::lexicon::words("act_verbs_undo"), ActionClass::Undo),
                (
                    crate::lexicon::words("act_verbs_decide"),
                    ActionClass::Decide,
                ),
            ] {
                for w in words {
                    out.verbs.insert(w.to_string(), class);
                }
            }
            for (words, class) in [
                (
                    crate::lexicon::words("act_nouns_decide"),
                    ActionClass::Decide,
                ),
                (crate::lexicon::words("act_nouns_enact"), ActionClass::Enact),
                (crate::lexicon::words("act_nouns_undo"), ActionClass::Undo),
                (
                    crate::lexicon::words("act_nouns_support"),
                    ActionClass::Endorse,
                ),
                (
                    crate::lexicon::words("act_nouns_oppose"),
                    ActionClass::Reject,
                ),
            ] {
                for w in words {
                    out.nouns.insert(w.to_string(), class);
                }
            }
            out
        })
    }
}

/// Words allowed between a subject and its verb: auxiliaries, negation,
/// adverbs and the parts of a day ("on Monday", "last week").
const GAP_WORDS: &[&str] = &[
    "has",
    "have",
    "had",
    "will",
    "would",
    "is",
    "are",
    "was",
    "were",
    "been",
    "be",
    "also",
    "formally",
    "officially",
    "already",
    "now",
    "today",
    "yesterday",
    "recently",
    "then",
    "later",
    "finally",
    "immediately",
    "unilaterally",
    "jointly",
    "subsequently",
    "again",
    "just",
    "not",
    "never",
    "effectively",
    "swiftly",
    "quickly",
    "ultimately",
    "promptly",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last",
    "this",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "evening",
    "earlier",
];

/// Forms of "be" that make a participle passive.
const BE: &[&str] = &["is", "are", "was", "were", "been", "be", "being"];

/// Prepositions: a mention right after one is an object, not a subject.
const PREPOSITIONS: &[&str] = &[
    "with", "to", "of", "by", "for", "from", "against", "on", "in", "at", "about", "toward",
    "towards", "between", "among", "into", "upon", "than", "like",
];

/// What may follow a stance noun for it to take its object ("support for").
const NOUN_OBJECT: &[&str] = &["for", "of", "to", "on", "against"];

/// Verbs of speaking: a mention before one is the speaker ("Kirby said
/// Germany banned ..."); an act after it is someone else's.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "stated",
    "added",
    "noted",
    "confirmed",
    "explained",
    "announced",
    "wrote",
];

fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*|[,;:()“”]").expect("valid regex"))
}

#[derive(Clone, Copy)]
struct Tok<'a> {
    start: usize,
    end: usize,
    lc: &'a str,
}

/// Finds the acts reported in `text[sentence]` by the lexicon. `mentions`
/// are the document's resolved mentions, in text order.
pub fn find(text: &str, sentence: TextRange, mentions: &[Mention], lex: &Lexicon) -> Vec<Action> {
    find_with(text, sentence, mentions, lex, None)
}

/// The punctuation that is a token here.
const PUNCT: &[&str] = &[",", ";", ":", "(", ")", "“", "”"];

/// Characters with which the token layer's words are not this module's
/// (alphabetic but no letter or digit, such as combining marks; a final
/// sigma, which `str::to_lowercase` lowercases by its context).
fn odd_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[\p{Alphabetic}--[\p{L}\p{N}]]|Σ").expect("valid regex"))
}

/// Whether the token layer's words of `s` are those [`word_re`] finds in
/// its lowercase, at the same offsets: every char lowercases to one char of
/// the same length, and none is odd.
fn layer_words_agree(s: &str) -> bool {
    s.is_ascii()
        || (s.chars().all(|c| {
            c.is_ascii() || {
                let mut l = c.to_lowercase();
                l.len() == 1 && l.next().is_some_and(|d| d.len_utf8() == c.len_utf8())
            }
        }) && !odd_re().is_match(s))
}

/// [`find`], taking the words of the document's token layer (`tokens`, of
/// `text`) where they are the same as this module's own.
pub fn find_with(
    text: &str,
    sentence: TextRange,
    mentions: &[Mention],
    lex: &Lexicon,
    tokens: Option<&Tokens>,
) -> Vec<Action> {
    let s = &text[sentence.range()];
    let layer = tokens.filter(|l| {
        l.covers(text)
            && !l.splits(sentence.start)
            && !l.splits(sentence.end)
            && layer_words_agree(s)
    });
    // The sentence's own lowercase, where the layer's words are not its.
    let own_lc: Option<String> = layer.is_none().then(|| s.to_lowercase());
    let toks: Vec<Tok<'_>> = match (layer, own_lc.as_deref()) {
        (Some(l), _) => l
            .within(sentence)
            .iter()
            .filter(|t| t.kind == TokenKind::Word || PUNCT.contains(&l.lc(t)))
            .map(|t| Tok {
                start: t.range.start,
                end: t.range.end,
                lc: l.lc(t).trim_end_matches(['.', '’', '\'']),
            })
            .collect(),
        (None, Some(lc)) => {
            // Lowercasing can change lengths; then offsets do not line up and
            // the sentence is skipped rather than misread.
            if lc.len() != s.len() {
                return Vec::new();
            }
            word_re()
                .find_iter(lc)
                .map(|m| Tok {
                    start: sentence.start + m.start(),
                    end: sentence.start + m.end(),
                    lc: m.as_str().trim_end_matches(['.', '’', '\'']),
                })
                .collect()
        }
        (None, None) => return Vec::new(),
    };
    // The agents this sentence may have: resolved, not speaker labels.
    let from = mentions.partition_point(|m| m.range.start < sentence.start);
    let cands: Vec<&Mention> = mentions[from..]
        .iter()
        .take_while(|m| m.range.start < sentence.end)
        .filter(|m| m.actor.is_some() && m.kind != MentionKind::SpeakerLabel)
        .collect();
    if cands.is_empty() {
        return Vec::new();
    }
    let tok_at = |at: usize| toks.partition_point(|t| t.start < at);
    let mut out = Vec::new();
    let end = {
        let t = s.trim_end().trim_end_matches(['.', '"', '”']);
        sentence.start + t.len()
    };
    // Whether the sentence says the act is reported (asked of acts found only).
    let reported = || {
        let lc = own_lc
            .as_deref()
            .map_or_else(|| s.to_lowercase().into(), std::borrow::Cow::Borrowed);
        lc.contains("reportedly") || lc.contains("according to")
    };
    for (i, t) in toks.iter().enumerate() {
        let word = t.lc.trim_end_matches("'s");
        let verb = lex.verbs.get(t.lc).copied();
        let noun = lex.nouns.get(word).copied();
        if verb.is_none() && noun.is_none() {
            continue;
        }
        let prev = |k: usize| i.checked_sub(k).map(|j| toks[j].lc);
        let passive = verb.is_some()
            && (prev(1).is_some_and(|w| BE.contains(&w))
                || prev(1).is_some_and(|w| GAP_WORDS.contains(&w))
                    && prev(2).is_some_and(|w| BE.contains(&w)));
        let mut found: Option<(ActionClass, Vec<&Mention>, bool)> = None;
        if let Some(class) = verb {
            if passive {
                if let Some(m) = by_agent(&toks, i, 3, &cands) {
                    found = Some((class, vec![m], true));
                }
            } else if let Some(m) = subject(&toks, i, &cands, &tok_at) {
                found = Some((class, coordinated(&toks, m, &cands, text, &tok_at), false));
            }
        }
        if found.is_none() {
            if let Some(class) = noun {
                let takes_object = toks.get(i + 1).is_some_and(|n| NOUN_OBJECT.contains(&n.lc));
                let stance_noun = matches!(class, ActionClass::Endorse | ActionClass::Reject);
                if !stance_noun || takes_object {
                    if let Some(m) = possessor(&toks, i, &cands, text) {
                        found = Some((class, vec![m], false));
                    } else if let Some(m) = (class != ActionClass::Decide)
                        .then(|| by_agent(&toks, i, 15, &cands))
                        .flatten()
                    {
                        // "a decision by X" is as often asked about as
                        // taken: a neutral noun takes its agent only as a
                        // possessor ("Biden's decision to ...").
                        found = Some((class, vec![m], true));
                    }
                }
            }
        }
        let Some((class, agents, by)) = found else {
            continue;
        };
        let trig = TextRange::new(t.start, t.end);
        for m in agents {
            let start = if by {
                t.start
            } else {
                m.range.start.min(t.start)
            };
            out.push(Action {
                agent: vec![m.range],
                trigger: trig,
                range: TextRange::new(start, end.max(trig.end)),
                class,
                actor: m.actor.clone(),
                reported: reported(),
                uncoordinated: false,
            });
        }
    }
    out
}

/// The subject `m` with the candidates joined to it by "and" or commas
/// ("Thailand and Cambodia reached", "President Trump and Malaysia’s Prime
/// Minister Anwar Ibrahim hosted"); a possessor inside the phrase
/// ("Malaysia’s") is passed over, not made an agent.
fn coordinated<'m>(
    toks: &[Tok<'_>],
    m: &'m Mention,
    cands: &[&'m Mention],
    text: &str,
    tok_at: &impl Fn(usize) -> usize,
) -> Vec<&'m Mention> {
    let mut out = vec![m];
    let mut head = m;
    let mut joined = false;
    while let Some(prev) = cands.iter().rev().find(|c| c.range.end <= head.range.start) {
        let gap =
            &toks[tok_at(prev.range.end).min(tok_at(head.range.start))..tok_at(head.range.start)];
        let tail = &text[prev.range.end..head.range.start];
        let possessive = tail.starts_with("'s") || tail.starts_with("’s");
        if possessive && gap.len() <= 1 {
            head = prev;
            continue;
        }
        // "Japan and the United States": an article after the joint.
        let joint = |t: &Tok<'_>| t.lc == "and" || t.lc == ",";
        if gap.first().is_some_and(joint) && gap.iter().all(|t| joint(t) || t.lc == "the") {
            joined |= gap.iter().any(|t| t.lc == "and");
            out.push(prev);
            head = prev;
            continue;
        }
        break;
    }
    // A list needs its "and": "Germany, France" alone is an apposition.
    if !joined {
        out.truncate(1);
    }
    // The whole phrase must stand as the subject.
    let before = tok_at(head.range.start);
    if out.len() > 1
        && before
            .checked_sub(1)
            .is_some_and(|j| PREPOSITIONS.contains(&toks[j].lc))
    {
        out.truncate(1);
    }
    out
}

/// The subject of the verb at `i`: the nearest candidate ending before it,
/// with only gap words or one comma apposition between, not the object of
/// a preposition, and with no verb of speaking between.
fn subject<'m>(
    toks: &[Tok<'_>],
    i: usize,
    cands: &[&'m Mention],
    tok_at: &impl Fn(usize) -> usize,
) -> Option<&'m Mention> {
    let verb_start = toks[i].start;
    let m = cands.iter().rev().find(|m| m.range.end <= verb_start)?;
    let after = tok_at(m.range.end);
    let gap = &toks[after.min(i)..i];
    if !gap_ok(gap) {
        return None;
    }
    let before = tok_at(m.range.start);
    if before
        .checked_sub(1)
        .is_some_and(|j| PREPOSITIONS.contains(&toks[j].lc))
    {
        return None;
    }
    Some(m)
}

/// Gap words only, or one apposition between commas ("Carrie Lam, the
/// chief executive of Hong Kong, announced"), with gap words after it.
fn gap_ok(gap: &[Tok<'_>]) -> bool {
    let plain = |g: &[Tok<'_>]| g.len() <= 5 && g.iter().all(|t| GAP_WORDS.contains(&t.lc));
    if plain(gap) {
        return true;
    }
    if gap.first().is_some_and(|t| t.lc == ",") {
        if let Some(close) = gap.iter().skip(1).position(|t| t.lc == ",") {
            let inner = &gap[1..close + 1];
            return inner.len() <= 12
                && !inner.iter().any(|t| {
                    SPEECH.contains(&t.lc)
                        || [";", ":", "“", "”", "who", "which", "that"].contains(&t.lc)
                })
                && plain(&gap[close + 2..]);
        }
    }
    false
}

/// A candidate right after "by" within `reach` words after `i`.
fn by_agent<'m>(
    toks: &[Tok<'_>],
    i: usize,
    reach: usize,
    cands: &[&'m Mention],
) -> Option<&'m Mention> {
    let hi = (i + 1 + reach).min(toks.len());
    for j in i + 1..hi {
        let w = toks[j].lc;
        if [
            ",", ";", ":", "“", "”", "said", "says", "who", "which", "that",
        ]
        .contains(&w)
        {
            return None;
        }
        if w == "by" {
            let at = toks[j].end;
            // "by the President of the United States Donald Trump": the
            // first candidate that starts within a few words.
            let limit = toks.get(j + 5).map_or(usize::MAX, |t| t.start);
            return cands
                .iter()
                .find(|m| m.range.start >= at && m.range.start <= limit)
                .copied();
        }
    }
    None
}

/// The possessor of the noun at `i`: "Erdogan's objection", "her
/// objection" (a pronoun the actors resolved), with at most one word
/// between ("Germany's formal objection").
fn possessor<'m>(
    toks: &[Tok<'_>],
    i: usize,
    cands: &[&'m Mention],
    text: &str,
) -> Option<&'m Mention> {
    let lo = i.saturating_sub(2);
    for j in (lo..i).rev() {
        let t = toks[j];
        if let Some(m) = cands
            .iter()
            .find(|m| m.range.end > t.start && m.range.end <= t.end)
        {
            let tail = &text[m.range.end..t.end.max(m.range.end)];
            let possessive = matches!(tail, "'s" | "’s" | "'" | "’")
                || m.kind == MentionKind::Pronoun && ["her", "his", "their", "its"].contains(&t.lc);
            if possessive {
                return Some(m);
            }
        }
        if [",", ";", ":", "the", "a", "an"].contains(&t.lc) {
            return None;
        }
    }
    None
}

/// How far before a sentence a mention may start and still reach into it.
const MENTION_REACH: usize = 1024;

/// Countries named in `text[sentence]` as bare names ("Germany", "the
/// United States"), as mentions of their governments, where the actors
/// made no mention: runs of capitalised words that `gov` resolves to a
/// government code. For `find` only: a country is an agent only as the
/// subject of an act ("Germany on Monday banned ..."), never as a place
/// ("flights to Germany"), which `find`'s subject rule sees to.
pub fn country_mentions(
    text: &str,
    sentence: TextRange,
    mentions: &[Mention],
    gov: impl Fn(&str) -> Option<String>,
) -> Vec<Mention> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"\b\p{Lu}[\p{L}.]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}.]*){0,3}").expect("valid regex")
    });
    let s = &text[sentence.range()];
    // The mentions that may overlap the sentence (sorted by start; a mention
    // is a name or a title, far shorter than `MENTION_REACH`): a window, so
    // that the document's sentences cost time linear in its size.
    let from = mentions.partition_point(|x| x.range.start + MENTION_REACH < sentence.start);
    let to = mentions.partition_point(|x| x.range.start < sentence.end);
    let near = &mentions[from..to.max(from)];
    let mut out = Vec::new();
    for m in re.find_iter(s) {
        let r = TextRange::new(sentence.start + m.start(), sentence.start + m.end());
        if near.iter().any(|x| x.range.overlaps(r)) {
            continue;
        }
        // The whole run, else its last words ("Monday Germany" is rare;
        // "On Wednesday" is no country and resolves to none).
        let Some(code) = gov(m.as_str().trim_end_matches('.')) else {
            continue;
        };
        out.push(Mention {
            range: r,
            kind: MentionKind::Metonym,
            actor: Some(vane_core::ActorId(format!("gov-{}", code.to_lowercase()))),
            provisional: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use vane_core::ActorId;

    /// A resolved mention of `id` at the first occurrence of `name` in `text`.
    fn at(text: &str, name: &str, id: &str, kind: MentionKind) -> Mention {
        let s = text.find(name).expect("name in text");
        Mention {
            range: TextRange::new(s, s + name.len()),
            kind,
            actor: Some(ActorId(id.into())),
            provisional: false,
        }
    }

    /// The acts in `text`, found with this module's own words and with the
    /// token layer's, which must agree.
    fn acts(text: &str, mentions: &[Mention]) -> Vec<Action> {
        let whole = TextRange::new(0, text.len());
        let own = find(text, whole, mentions, Lexicon::bundled());
        let layer = Tokens::new(text);
        let layered = find_with(text, whole, mentions, Lexicon::bundled(), Some(&layer));
        assert_eq!(own, layered, "the token layer's words differ: {text}");
        own
    }

    #[test]
    fn layer_words_agree_or_are_not_used() {
        assert!(layer_words_agree("Germany’s “ban” — on Monday."));
        assert!(!layer_words_agree("ΟΔΟΣ banned"));
        assert!(!layer_words_agree("İstanbul banned"));
        // A combining mark is alphabetic but no letter.
        assert!(!layer_words_agree("ban\u{0345}ned"));
        let text = "Germany on Monday banned Mahan Air from flying in the nation’s “airspace”.";
        assert!(layer_words_agree(text));
        let m = [at(text, "Germany", "gov-deu", MentionKind::Metonym)];
        assert_eq!(acts(text, &m).len(), 1);
        // Lowercasing "İ" changes its length: the sentence is skipped either way.
        let text = "Germany on Monday banned Mahan Air from flying to İstanbul.";
        let m = [at(text, "Germany", "gov-deu", MentionKind::Metonym)];
        assert!(acts(text, &m).is_empty());
        let text = "Germany on Monday banned Mahan Air flights.";
        // A sentence that cuts a word in two is read with its own words.
        let layer = Tokens::new(text);
        let m = [at(text, "Germany", "gov-deu", MentionKind::Metonym)];
        let cut = TextRange::new(0, text.len() - 4);
        assert_eq!(
            find(text, cut, &m, Lexicon::bundled()),
            find_with(text, cut, &m, Lexicon::bundled(), Some(&layer))
        );
    }

    #[test]
    fn bundled_lexicon_parses() {
        let lex = Lexicon::bundled();
        assert_eq!(lex.verbs.get("banned"), Some(&ActionClass::Enact));
        assert_eq!(lex.nouns.get("objection"), Some(&ActionClass::Reject));
        assert_eq!(lex.nouns.get("support"), Some(&ActionClass::Endorse));
    }

    #[test]
    fn unknown_class_is_an_error() {
        let e = Lexicon::parse("[verbs]\nmaybe = [\"mulled\"]\n[nouns]\n").unwrap_err();
        assert!(matches!(e, LexiconError::Class(c) if c == "maybe"));
    }

    // Wikinews, 2019-11-04 (germany-bans-mahan-air).
    #[test]
    fn active_verb_with_a_day_between() {
        let text = "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation, with officials saying this is for security reasons.";
        let a = acts(
            text,
            &[at(text, "Germany", "gov-deu", MentionKind::Metonym)],
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].class, ActionClass::Enact);
        assert_eq!(&text[a[0].trigger.range()], "banned");
        assert_eq!(a[0].actor, Some(ActorId("gov-deu".into())));
        assert_eq!(a[0].range.start, 0);
    }

    #[test]
    fn object_of_a_preposition_is_no_agent() {
        // Counter-example: Germany is where, not who.
        let text = "Airlines flying to Germany banned passengers from boarding.";
        let a = acts(
            text,
            &[at(text, "Germany", "gov-deu", MentionKind::Metonym)],
        );
        assert!(a.is_empty(), "{a:?}");
    }

    fn gov(name: &str) -> Option<String> {
        match name {
            "Germany" => Some("DEU".into()),
            "United States" => Some("USA".into()),
            _ => None,
        }
    }

    // Wikinews, 2019-11-04, with the country found as a bare name.
    #[test]
    fn a_country_named_as_subject_is_its_government() {
        let text = "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation.";
        let r = TextRange::new(0, text.len());
        let m = country_mentions(text, r, &[], gov);
        assert_eq!(m.len(), 1, "{m:?}");
        let a = acts(text, &m);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].actor, Some(ActorId("gov-deu".into())));
    }

    // Wikinews, 2019-09 (foreign-forces-leave-persian-gulf).
    #[test]
    fn a_country_after_a_preposition_is_a_place() {
        // Counter-example: the coalition was joined by others; "the United
        // States" is the announcer, and Bahrain (unknown here) nothing.
        let text = "Recently, the United States announced a naval coalition to patrol the Persian Gulf which was joined by Australia, Bahrain.";
        let r = TextRange::new(0, text.len());
        let m = country_mentions(text, r, &[], gov);
        assert_eq!(m.len(), 1, "{m:?}");
        let lex = Lexicon::parse("[verbs]\ndecide = [\"announced\", \"joined\"]\n[nouns]\n")
            .expect("lexicon");
        let a = find(text, r, &m, &lex);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(&text[a[0].trigger.range()], "announced");
        let flights = "Iran Air flights to Germany banned on Monday.";
        let m = country_mentions(flights, TextRange::new(0, flights.len()), &[], gov);
        assert!(acts(flights, &m).is_empty());
    }

    // Wikinews, 2019-02-16 (us-border-emergency).
    #[test]
    fn pronoun_subject_declares() {
        let text = "He declared a state of emergency the same day.";
        let a = acts(
            text,
            &[at(text, "He", "donald-trump", MentionKind::Pronoun)],
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].actor, Some(ActorId("donald-trump".into())));
    }

    #[test]
    fn a_verb_far_from_its_subject_is_not_theirs() {
        // Counter-example: the one who speaks is not the one who declared.
        let text = "Trump said the governor of the state had declared a state of emergency.";
        let a = acts(
            text,
            &[at(text, "Trump", "donald-trump", MentionKind::Surname)],
        );
        assert!(a.is_empty(), "{a:?}");
    }

    // White House fact sheet, 2025-10-26 (thailand-cambodia-ceasefire).
    #[test]
    fn coordinated_subjects_act_together() {
        let text = "Through decisive U.S. diplomacy, Thailand and Cambodia reached a pivotal agreement to establish border observer teams.";
        let m = [
            at(text, "U.S.", "gov-usa", MentionKind::Metonym),
            at(text, "Thailand", "gov-tha", MentionKind::Metonym),
            at(text, "Cambodia", "gov-khm", MentionKind::Metonym),
        ];
        assert_eq!(doers(text, &m), ["gov-khm", "gov-tha"]);
    }

    /// The ids of the actors of the acts in `text`, in the order found.
    fn doers(text: &str, mentions: &[Mention]) -> Vec<String> {
        acts(text, mentions)
            .into_iter()
            .filter_map(|x| x.actor)
            .map(|x| x.0)
            .collect()
    }

    #[test]
    fn a_joined_subject_may_take_an_article() {
        let text = "Japan and the United States reached a trade deal last month.";
        let m = [
            at(text, "Japan", "gov-jpn", MentionKind::Metonym),
            at(text, "United States", "gov-usa", MentionKind::Metonym),
        ];
        assert_eq!(doers(text, &m), ["gov-usa", "gov-jpn"]);
        // Counter-example: with no joint, an article is no list.
        let text = "Japan the United States reached a trade deal last month.";
        let m = [
            at(text, "Japan", "gov-jpn", MentionKind::Metonym),
            at(text, "United States", "gov-usa", MentionKind::Metonym),
        ];
        assert!(!doers(text, &m).contains(&"gov-jpn".to_string()));
    }

    #[test]
    fn a_list_after_a_preposition_is_no_subject() {
        // Counter-example: "talks with Thailand and Cambodia" are the
        // partners, and the one who reached is not named.
        let text = "After talks with Thailand and Cambodia reached a dead end, the envoy left.";
        let m = [
            at(text, "Thailand", "gov-tha", MentionKind::Metonym),
            at(text, "Cambodia", "gov-khm", MentionKind::Metonym),
        ];
        let a = acts(text, &m);
        assert!(
            a.iter().all(|x| x.actor != Some(ActorId("gov-tha".into()))),
            "{a:?}"
        );
    }

    // Wikinews, 2019-03-26 (israel-sovereignty-golan).
    #[test]
    fn nominal_act_with_by_agent() {
        let text = "Erdogan also attacked the proclamation of Golan Heights as official Israeli territory by the President of the United States Donald Trump.";
        let m = [
            at(
                text,
                "Erdogan",
                "recep-tayyip-erdogan",
                MentionKind::Surname,
            ),
            at(
                text,
                "the President of the United States Donald Trump",
                "donald-trump",
                MentionKind::Name,
            ),
        ];
        let a = acts(text, &m);
        let trump: Vec<_> = a
            .iter()
            .filter(|x| x.actor == Some(ActorId("donald-trump".into())))
            .collect();
        assert_eq!(trump.len(), 1, "{a:?}");
        assert_eq!(&text[trump[0].trigger.range()], "proclamation");
        assert_eq!(trump[0].class, ActionClass::Enact);
    }

    #[test]
    fn passive_without_agent_names_no_one() {
        // Counter-example: "was banned" with no "by": Germany is the patient.
        let text = "Germany was banned from the tournament.";
        let a = acts(
            text,
            &[at(text, "Germany", "gov-deu", MentionKind::Metonym)],
        );
        assert!(a.is_empty(), "{a:?}");
    }

    #[test]
    fn passive_with_by_agent() {
        let text = "The tariff was imposed by President Trump on Friday.";
        let a = acts(
            text,
            &[at(
                text,
                "President Trump",
                "donald-trump",
                MentionKind::Name,
            )],
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].actor, Some(ActorId("donald-trump".into())));
    }

    // Wikinews, 2020-08-31 (campaign trail, July 2020).
    #[test]
    fn possessive_stance_noun() {
        let text = "Biden's opposition to Trump's ban on travel from China and Europe to slow the spread of coronavirus";
        let m = [
            at(text, "Biden", "joe-biden", MentionKind::Surname),
            at(text, "Trump", "donald-trump", MentionKind::Surname),
        ];
        let a = acts(text, &m);
        let biden: Vec<_> = a
            .iter()
            .filter(|x| x.actor == Some(ActorId("joe-biden".into())))
            .collect();
        assert_eq!(biden.len(), 1, "{a:?}");
        assert_eq!(biden[0].class, ActionClass::Reject);
        // Trump's ban is an act of Trump's.
        assert!(a
            .iter()
            .any(|x| x.actor == Some(ActorId("donald-trump".into()))
                && x.class == ActionClass::Enact));
    }

    #[test]
    fn stance_noun_without_object_is_nothing() {
        // Counter-example: "support" with no "for"/"of": no stance on anything.
        let text = "Biden's support has grown in the polls.";
        let a = acts(
            text,
            &[at(text, "Biden", "joe-biden", MentionKind::Surname)],
        );
        assert!(a.is_empty(), "{a:?}");
    }

    // Wikinews, 2019-09-04 (hong-kong-withdraws-extradition-bill).
    #[test]
    fn apposition_between_subject_and_verb() {
        let text = "Carrie Lam, the chief executive of Hong Kong, announced that her government will officially withdraw a proposed bill.";
        let lex = Lexicon::parse("[verbs]\ndecide = [\"announced\"]\n[nouns]\n").expect("lexicon");
        let m = [at(text, "Carrie Lam", "carrie-lam", MentionKind::Name)];
        let a = find(text, TextRange::new(0, text.len()), &m, &lex);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].actor, Some(ActorId("carrie-lam".into())));
    }
}
