//! The reading pipeline. A document goes in; sentences, time expressions,
//! actor mentions, attributions, acts, statements and positions come out.
//!
//! Pure: no IO, never reads the clock. Time is resolved against the
//! document's publication date. Odd input never panics; what could not be
//! read is reported in [`Reading::diagnostics`].
//!
//! Stages, in order:
//! 1. body: skip front matter ([`vane_ingest::body_start`]);
//! 2. sentences ([`vane_text`]); transcript turns ([`transcript`]);
//! 3. time expressions ([`vane_time`]);
//! 4. actor mentions with coreference ([`vane_actors`]);
//! 5. attributions ([`vane_attrib`]) and acts ([`actions`]);
//! 6. statements: each attribution, act and transcript sentence, with its
//!    speaker and its own valid time;
//! 7. positions: each statement's stance on each relevant question ([`stance`]).

pub mod actions;
pub mod acts;
pub mod frequency;
pub mod label_names;
pub mod lexicon;
pub mod pair_judge;
pub mod questions;
pub mod stance;
pub mod suggest;
pub mod transcript;
pub mod voices;

use questions::Compiled;
use vane_actors::{Gender, Kb};
use vane_core::{
    Action, ActionClass, Actor, ActorId, ActorKind, Attribution, Date, Document, Evidence, Gov,
    Mention, MentionKind, Modality, Position, Question, Rank, RecordedTime, Stance, StatementKind,
    TextRange, TimeBasis, ValidTime, Why,
};
use vane_text::{lower, Tokens};
use vane_time::Timex;

pub use transcript::Turn;

/// A statement: something an actor said or did, with its own date.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub kind: StatementKind,
    pub actor: Option<ActorId>,
    /// The evidence: the span a citation points at.
    pub evidence: TextRange,
    /// What was said (for acts, the act's clause).
    pub content: Vec<TextRange>,
    pub cue: Vec<TextRange>,
    /// The sentences the statement sits in.
    pub frame: TextRange,
    pub valid: ValidTime,
    pub reported: bool,
    pub uncoordinated: bool,
    pub action: Option<ActionClass>,
    /// The index of the act this statement reacts to ("welcomed this move").
    pub reacts_to: Option<usize>,
}

impl Statement {
    /// A sentence that is all of what its actor said (a transcript turn's
    /// sentence, a readout's): evidence, content and frame are the sentence.
    fn whole_sentence(
        kind: StatementKind,
        actor: ActorId,
        r: TextRange,
        cue: Vec<TextRange>,
        valid: ValidTime,
    ) -> Statement {
        Statement {
            kind,
            actor: Some(actor),
            evidence: r,
            content: vec![r],
            cue,
            frame: r,
            valid,
            reported: false,
            uncoordinated: false,
            action: None,
            reacts_to: None,
        }
    }
}

/// Provisional speakers known by a label ("Ms. Bedingfield") take the full
/// name the document's title gives them ("Kate Bedingfield").
fn full_names(mut provisional: Vec<Actor>, title: Option<&str>) -> Vec<Actor> {
    if let Some(title) = title {
        for a in &mut provisional {
            if let Some(name) = label_names::full_name(&a.name, title) {
                a.name = name;
            }
        }
    }
    provisional
}

/// Everything read from one document.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    pub body: TextRange,
    pub sentences: Vec<TextRange>,
    pub timexes: Vec<Timex>,
    pub mentions: Vec<Mention>,
    pub provisional: Vec<Actor>,
    pub turns: Vec<Turn>,
    pub attributions: Vec<Attribution>,
    pub actions: Vec<Action>,
    pub statements: Vec<Statement>,
    pub country: Option<Gov>,
    pub diagnostics: Vec<String>,
    /// Names of laws, places and bodies ("the Patriot Act"), in order: no
    /// question's object is found inside them.
    pub proper_names: Vec<TextRange>,
    /// The document text's token layer: the stages' lowercase views.
    pub tokens: Tokens,
}

/// Reads a document. `questions` may be empty.
pub fn read(doc: &Document, kb: &Kb) -> Reading {
    let text = doc.text.as_str();
    let body = TextRange::new(vane_ingest::body_start(text), text.len());
    let body_text = &text[body.range()];
    let shift = |r: TextRange| TextRange::new(r.start + body.start, r.end + body.start);
    // Sentences of the body, in body offsets (what the stages take) and in text offsets.
    let body_sentences: Vec<TextRange> = vane_text::sentences(body_text);
    let sentences: Vec<TextRange> = body_sentences.iter().copied().map(shift).collect();
    let mut diagnostics = Vec::new();
    if doc.published.is_none() {
        diagnostics.push("undated document: relative time expressions stay unresolved".into());
    }
    let mut timexes: Vec<Timex> = vane_time::extract(body_text, doc.published)
        .into_iter()
        .map(|mut t| {
            t.range = shift(t.range);
            t
        })
        .collect();
    // In text order (as found already; the statements' dating searches them).
    timexes.sort_by_key(|t| t.range.start);
    // The country context: the publisher's, else the title's, else that of
    // the officials the text names most (which needs a first pass).
    let known = doc
        .url
        .as_deref()
        .and_then(publisher_gov)
        .or_else(|| doc.source.as_deref().and_then(publisher_gov))
        .or_else(|| {
            let t = doc.title.as_deref()?;
            let ts = vane_text::sentences(t);
            infer_country(
                kb,
                &vane_actors::mentions(kb, t, &ts, doc.published, None).mentions,
                doc.published,
            )
        });
    let (country, resolved) = match known {
        Some(c) => {
            let r = vane_actors::mentions(kb, body_text, &body_sentences, doc.published, Some(&c));
            (Some(c), r)
        }
        None => {
            let first = vane_actors::mentions(kb, body_text, &body_sentences, doc.published, None);
            match infer_country(kb, &first.mentions, doc.published) {
                Some(c) => {
                    let r = vane_actors::mentions(
                        kb,
                        body_text,
                        &body_sentences,
                        doc.published,
                        Some(&c),
                    );
                    (Some(c), r)
                }
                None => (None, first),
            }
        }
    };
    let mentions: Vec<Mention> = resolved
        .mentions
        .into_iter()
        .map(|mut m| {
            m.range = shift(m.range);
            m
        })
        .collect();
    let turns = transcript::turns(text, body);
    let mut mentions = mentions;
    if let Some(on) = doc.published {
        unself_pronouns(text, kb, &turns, &mut mentions, on);
    }

    let mut proper_names = Vec::new();
    proper_things(text, body, &mut proper_names);
    let mut tokens = Tokens::new(text);
    let lex = lexicon::Lexicon::shared();
    tokens.fill_lemmas(|w| lex.lemma_of(w));
    let mut reading = Reading {
        tokens,
        proper_names,
        body,
        sentences,
        timexes,
        mentions,
        provisional: full_names(resolved.provisional, doc.title.as_deref()),
        turns,
        country,
        diagnostics,
        ..Default::default()
    };
    let on = doc.published;

    // Attributions, in prose and inside transcript turns alike.
    let longest = longest_mention(&reading.mentions);
    for f in vane_attrib::extract(body_text, &body_sentences) {
        let source: Vec<TextRange> = f.source.iter().map(|r| shift(*r)).collect();
        let actor = source_actor(&reading.mentions, longest, &source);
        reading.attributions.push(Attribution {
            source,
            cue: f.cue.iter().map(|r| shift(*r)).collect(),
            content: f.content.iter().map(|r| shift(*r)).collect(),
            kind: f.kind,
            actor,
        });
    }
    // Question turns: nothing inside them is anyone's position.
    let q_ranges: Vec<TextRange> = reading
        .turns
        .iter()
        .filter(|t| t.is_question)
        .map(|t| t.content)
        .collect();
    reading
        .attributions
        .retain(|a| !a.content.iter().any(|c| any_overlap(&q_ranges, *c)));

    for &s in &reading.sentences {
        let k = q_ranges.partition_point(|q| q.start <= s.start);
        if k > 0 && q_ranges[k - 1].contains(s) {
            continue;
        }
        let found = actions::find(text, s, &reading.mentions);
        // Acts in any wording (`acts.rs`), where the aid rules found none
        // on the same word.
        // Countries as bare names are agents too ("Germany on Monday banned").
        let countries = bare_countries(text, s, &reading, kb);
        let with_countries: Vec<Mention>;
        let agents: &[Mention] = if countries.is_empty() {
            &reading.mentions
        } else {
            let mut v: Vec<Mention> = reading.mentions[starting_in(&reading.mentions, s)].to_vec();
            v.extend(countries);
            v.sort_by_key(|m| m.range.start);
            with_countries = v;
            &with_countries
        };
        let more: Vec<Action> = acts::find_with(
            text,
            s,
            agents,
            acts::Lexicon::bundled(),
            Some(&reading.tokens),
        )
        .into_iter()
        .filter(|a| !found.iter().any(|f| f.trigger.overlaps(a.trigger)))
        .collect();
        reading.actions.extend(found);
        reading.actions.extend(more);
    }

    reading.statements = statements(doc, &reading, kb, on);
    reading
}

/// In a transcript, "he" or "she" in a speaker's own turn never means the
/// speaker ("I" does): such a pronoun is re-resolved to the latest other
/// person named in the last two exchanges, or left unresolved.
/// How many mentions back a speaker's pronoun looks for the person it
/// stands for (far more than the last two exchanges of a real transcript
/// hold).
const ANTECEDENT_LOOKBACK: usize = 2000;

fn unself_pronouns(text: &str, kb: &Kb, turns: &[Turn], mentions: &mut [Mention], on: Date) {
    for (k, t) in turns.iter().enumerate() {
        if t.is_question {
            continue;
        }
        // The antecedent is sought back over the last two exchanges ("When
        // did he sign it?" — "he approved it" — of the President named before).
        let from = turns[k.saturating_sub(4)].content.start;
        let label = text[t.label.range()].trim();
        let Some(speaker) = kb.resolve(label, None, on).map(|a| a.id.clone()) else {
            continue;
        };
        // Mentions are in text order: those of this turn lie in one run.
        for i in starting_in(mentions, t.content) {
            let m = &mentions[i];
            if m.kind != MentionKind::Pronoun
                || !t.content.contains(m.range)
                || m.actor.as_ref() != Some(&speaker)
            {
                continue;
            }
            let female = matches!(
                text[m.range.range()].to_lowercase().as_str(),
                "she" | "her" | "hers" | "herself"
            );
            let start = m.range.start;
            let other = mentions[..i]
                .iter()
                .rev()
                .take_while(|o| o.range.start >= from)
                // A bound on the look back, so that a turn of a million
                // pronouns is read in linear time.
                .take(ANTECEDENT_LOOKBACK)
                .filter(|o| o.kind != MentionKind::Pronoun && o.range.start < start)
                .filter_map(|o| o.actor.clone())
                .find(|id| {
                    *id != speaker
                        && kb.get(id).is_some_and(|a| {
                            a.kind == ActorKind::Person
                                && match kb.gender(id) {
                                    Some(Gender::Female) => female,
                                    Some(Gender::Male) => !female,
                                    None => true,
                                }
                        })
                });
            mentions[i].actor = other;
        }
    }
}

/// Official publishers and the government they speak for: a transcript
/// published by one is in that government's voice ("THE PRESIDENT").
const PUBLISHERS: &[(&str, &str)] = &[
    ("whitehouse.gov", "USA"),
    // The National Archives keeps past administrations' sites (bidenwhitehouse.archives.gov).
    ("archives.gov", "USA"),
    ("state.gov", "USA"),
    ("defense.gov", "USA"),
    ("kremlin.ru", "RUS"),
    ("mid.ru", "RUS"),
    ("president.gov.ua", "UKR"),
    ("mfa.gov.ua", "UKR"),
    ("gov.uk", "GBR"),
    ("elysee.fr", "FRA"),
    ("bundesregierung.de", "DEU"),
    ("fmprc.gov.cn", "CHN"),
];

/// The office that speaks in an official publisher's own prose (a press
/// office's statements and fact sheets), from a URL or host name.
const PUBLISHER_OFFICES: &[(&str, &str)] = &[
    ("whitehouse.gov", "usa-eop"),
    ("archives.gov", "usa-eop"),
    ("state.gov", "usa-dos"),
    ("defense.gov", "usa-dod"),
];

/// The value a publisher table gives a URL's host (the domain or a subdomain of it).
fn publisher(table: &[(&str, &'static str)], url: &str) -> Option<&'static str> {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split('/')
        .next()?
        .to_ascii_lowercase();
    table
        .iter()
        .find(|(d, _)| host == *d || host.ends_with(&format!(".{d}")))
        .map(|(_, v)| *v)
}

/// The office that speaks in a publisher's own prose, if the publisher is one.
pub fn publisher_office(url: &str) -> Option<&'static str> {
    publisher(PUBLISHER_OFFICES, url)
}

/// The office of the government that published `doc` (by its URL, else its
/// source), if one did: `None` for a report (news).
fn doc_office(doc: &Document) -> Option<&'static str> {
    doc.url
        .as_deref()
        .or(doc.source.as_deref())
        .and_then(publisher_office)
}

/// Who speaks in an official publisher's own prose (see `statements`): the
/// title's author, the President in a presidential action or in a
/// publication in the head's own voice (leaders' statements, messages and
/// letters: `voices.rs`), else the publisher's office; `None` when no official publisher printed it.
fn official_voice(doc: &Document, reading: &Reading, kb: &Kb, on: Option<Date>) -> Option<ActorId> {
    let office = doc_office(doc)?;
    let country = reading.country.as_ref();
    let presidential = doc
        .url
        .as_deref()
        .is_some_and(|u| u.contains("/presidential-actions/"));
    // Leaders' statements, messages and letters speak in the head of
    // government's own voice (`data/voices.toml`).
    let head = doc
        .title
        .as_deref()
        .is_some_and(|t| voices::Voices::bundled().is_head(t));
    statement_author(doc, kb, country, on)
        .or_else(|| {
            let d = on.filter(|_| presidential || head)?;
            kb.resolve("the President", country, d)
                .map(|a| a.id.clone())
        })
        .or_else(|| Some(ActorId(office.to_string())).filter(|id| kb.get(id).is_some()))
}

/// Whether the sentence at `start` opens a list item: only a marker ("-",
/// "*", "•", "1.") and spaces before it on its line.
fn list_item(text: &str, start: usize) -> bool {
    let line = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let marker = |m: &str| {
        ["-", "*", "•"].contains(&m)
            || m.strip_suffix('.')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
    };
    let before = text[line..start].trim();
    let lead: String = text[start..]
        .chars()
        .take_while(|c| !c.is_alphanumeric())
        .collect();
    let lead = lead.split_whitespace().next().unwrap_or("");
    marker(before) || (before.is_empty() && marker(lead))
}

/// Lexicon class `subject_pronouns` (data/lexicon.toml).
static SUBJECT_PRONOUNS: std::sync::LazyLock<&[&str]> =
    std::sync::LazyLock::new(|| lexicon::words("subject_pronouns"));

/// The actors named at a sentence's opening, its subject ("President Donald
/// J. Trump signed ...", "**Japan will invest** ..."): the first resolved
/// mention that starts within the first five words, list markers and
/// emphasis aside, and those joined to it ("The United States and Thailand agreed ...",
/// "President Biden and Ukrainian President Zelenskyy signed ..."), a
/// parenthesis aside ("The United States of America (“the United States”)
/// and Ukraine").
fn opening_actors(text: &str, sentence: TextRange, mentions: &[Mention]) -> Vec<ActorId> {
    let s = &text[sentence.range()];
    let lead = opening(s);
    let words_end = s[lead..]
        .split_whitespace()
        .take(5)
        .last()
        .and_then(|w| s[lead..].find(w).map(|i| lead + i + w.len()))
        .unwrap_or(s.len());
    // Mentions are in text order: look only at those that start in the window.
    let (from, to) = (sentence.start + lead, sentence.start + words_end);
    let first = mentions.partition_point(|m| m.range.start < from);
    let Some(k) = mentions[first..]
        .iter()
        .take_while(|m| m.range.start < to)
        .position(|m| m.actor.is_some())
    else {
        return Vec::new();
    };
    // "We urge Tehran to ...": a pronoun before the name is the subject
    // (past an opening clause: "As you all know, President Biden ...").
    let before = &text[from..mentions[first + k].range.start];
    let before = before.rsplit(',').next().unwrap_or(before);
    if before
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| SUBJECT_PRONOUNS.contains(&w.to_lowercase().as_str()))
    {
        return Vec::new();
    }
    let mut at = first + k;
    let mut out: Vec<ActorId> = mentions[at].actor.iter().cloned().collect();
    let mut end = mentions[at].range.end;
    while let Some(next) = mentions[at + 1..]
        .iter()
        .position(|m| m.range.start >= end && m.range.end <= sentence.end)
        .map(|i| at + 1 + i)
    {
        let m = &mentions[next];
        if !joins(&text[end..m.range.start]) {
            break;
        }
        if let Some(a) = m.actor.as_ref().filter(|a| !out.contains(a)) {
            out.push(a.clone());
        }
        end = m.range.end;
        at = next;
    }
    out
}

/// Whether the words between two names join them into one subject: "and",
/// a comma, "and the", a parenthesis aside.
fn joins(between: &str) -> bool {
    let mut rest = between.trim();
    if rest.starts_with('(') {
        match rest.find(')') {
            Some(close) => rest = rest[close + 1..].trim(),
            None => return false,
        }
    }
    let rest = rest.to_lowercase();
    ["and", ",", ", and"].contains(&rest.trim_end_matches(" the"))
}

/// Where a sentence's subject may start: its first letter, list markers and
/// emphasis aside, and past a run-in heading in capitals ("**TAKING DECISIVE
/// ACTION:** President Trump is ...", "REVERSING THE ... LIST: Today, ...").
fn opening(s: &str) -> usize {
    let first_letter = |from: usize| {
        s[from..]
            .char_indices()
            .find(|&(_, c)| c.is_alphabetic())
            .map_or(from, |(i, _)| from + i)
    };
    let lead = first_letter(0);
    if let Some(end) = emphasized_heading(s, lead) {
        return first_letter(end);
    }
    match run_in_heading(&s[lead..]) {
        Some(colon) => first_letter(lead + colon),
        None => lead,
    }
}

/// Where a run-in heading in bold or italics ends (just past its closing
/// mark), when the sentence opens on one that closes a phrase with a period
/// or a colon, or before a dash ("- **Full blocking sanctions on Russian
/// defense entities.** The Department of State will impose ...",
/// "**Restricting entry** – On December 4, ..."); `None` for any other
/// opening (a bold word inside the sentence, "**We** will ...").
fn emphasized_heading(s: &str, lead: usize) -> Option<usize> {
    let mark = ["**", "__"]
        .into_iter()
        .find(|m| s[..lead].trim_end().ends_with(m))?;
    let close = s[lead..].find(mark)? + lead;
    let head = s[lead..close].trim_end();
    let after = s[close + mark.len()..].trim_start();
    let closed = head.ends_with(['.', ':']) || after.starts_with(['–', '—', '-', ':']);
    (closed && head.split_whitespace().count() >= 2 && !after.is_empty())
        .then_some(close + mark.len())
}

/// Where a run-in heading in capitals ends (just past its colon): two or
/// more words and no lower-case letter before a colon ("TAKING BACK OUR
/// ECONOMIC SOVEREIGNTY:"), emphasis aside; `None` for any other opening.
fn run_in_heading(s: &str) -> Option<usize> {
    let colon = s.find(':')?;
    let head = &s[..colon];
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 4 && head.split_whitespace().count() >= 2 && !head.chars().any(char::is_lowercase))
        .then_some(colon + 1)
}

/// The government of an official publisher, from a URL or host name.
pub fn publisher_gov(url: &str) -> Option<Gov> {
    publisher(PUBLISHERS, url).map(|g| Gov(g.to_string()))
}

/// The government a document is about: the one whose officials (with a
/// role at the date) are named most often; ties go to the first named.
fn infer_country(kb: &Kb, mentions: &[Mention], on: Option<Date>) -> Option<Gov> {
    let on = on?;
    let mut counts: Vec<(Gov, usize, usize)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if !matches!(m.kind, MentionKind::Name | MentionKind::Surname) {
            continue;
        }
        let Some(a) = m.actor.as_ref().and_then(|id| kb.get(id)) else {
            continue;
        };
        if a.rank_on(on) > Rank::Adviser {
            continue;
        }
        let Some(g) = a.gov_on(on) else { continue };
        match counts.iter_mut().find(|c| &c.0 == g) {
            Some(c) => c.1 += 1,
            None => counts.push((g.clone(), 1, i)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|c| c.0)
}

/// The mentions (in text order, none longer than `longest`) that overlap
/// `r`, found by binary search.
fn mentions_over(
    mentions: &[Mention],
    longest: usize,
    r: TextRange,
) -> impl Iterator<Item = &Mention> {
    let from = mentions.partition_point(|m| m.range.start + longest <= r.start);
    let to = from + mentions[from..].partition_point(|m| m.range.start < r.end);
    mentions[from..to]
        .iter()
        .filter(move |m| r.overlaps(m.range))
}

/// The longest mention's length in bytes.
fn longest_mention(mentions: &[Mention]) -> usize {
    mentions.iter().map(|m| m.range.len()).max().unwrap_or(0)
}

/// Countries named in `text[r]` by their bare names ("Germany", "the
/// United States"), as mentions of their governments where the actors made
/// none (`acts::country_mentions`), for governments the knowledge base has.
fn bare_countries(text: &str, r: TextRange, reading: &Reading, kb: &Kb) -> Vec<Mention> {
    acts::country_mentions(text, r, &reading.mentions, |name| {
        kb.gov_code(name).map(|g| g.0).filter(|g| {
            kb.get(&ActorId(format!("gov-{}", g.to_lowercase())))
                .is_some()
        })
    })
}

/// The actors joined before a source span ("India and Pakistan said",
/// "Britain, France and Germany said", "Trump and Putin agreed"): resolved
/// mentions, or countries by their bare names, each ending where ", ",
/// " and " or ", and " leads to the next, the last to the source.
fn joined_before(text: &str, reading: &Reading, kb: &Kb, source: TextRange) -> Vec<ActorId> {
    let Some(k) = sentence_of(&reading.sentences, source.start) else {
        return Vec::new();
    };
    let before = TextRange::new(reading.sentences[k].start, source.start);
    let mut named: Vec<Mention> = reading.mentions[starting_in(&reading.mentions, before)]
        .iter()
        .filter(|m| m.range.end <= source.start && m.actor.is_some())
        .cloned()
        .collect();
    named.extend(bare_countries(text, before, reading, kb));
    let mut out = Vec::new();
    let mut end = source.start;
    loop {
        let gap = |m: &&Mention| {
            m.range.end <= end
                && matches!(
                    text[m.range.end..end].to_lowercase().as_str(),
                    " and " | ", " | ", and " | " and the " | ", the " | ", and the "
                )
        };
        let Some(m) = named.iter().find(gap) else {
            break;
        };
        out.extend(m.actor.clone());
        end = m.range.start;
    }
    out
}

/// The actor of a source span: the resolved mention inside it, preferring
/// the last (the head of "Sen. X, a Republican from Y").
fn source_actor(mentions: &[Mention], longest: usize, source: &[TextRange]) -> Option<ActorId> {
    source.iter().find_map(|s| {
        mentions_over(mentions, longest, *s)
            .filter(|m| m.actor.is_some())
            .min_by_key(|m| m.range.start)
            .and_then(|m| m.actor.clone())
    })
}

/// The first `n` characters of `s`.
fn clip(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// The sentence holding byte `at`. Sentences are sorted and non-empty, so a
/// binary search finds it.
/// The spans of `sorted` (in order and apart, as sentences are) that
/// overlap `r`, found by binary search: a turn's sentences in time that does
/// not grow with the document.
fn overlapping(sorted: &[TextRange], r: TextRange) -> impl Iterator<Item = &TextRange> {
    let from = sorted.partition_point(|s| s.end <= r.start);
    let to = from + sorted[from..].partition_point(|s| s.start < r.end);
    sorted[from..to].iter().filter(move |s| r.overlaps(**s))
}

/// Whether a span of `sorted` (in order and apart) overlaps `r`.
fn any_overlap(sorted: &[TextRange], r: TextRange) -> bool {
    overlapping(sorted, r).next().is_some()
}

fn sentence_of(sentences: &[TextRange], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).filter(|s| s.start <= at).map(|_| i)
}

/// Where the paragraph holding `at` starts: after the last blank line
/// (hard-wrapped text keeps its paragraphs apart by blank lines).
/// The search looks back [`BLOCK_LOOKBACK`] bytes at most: text without
/// blank lines is one paragraph of that length (and a statement's context
/// costs the same however long the document).
fn block_start(text: &str, at: usize) -> usize {
    // A caller may step one byte back from a start ("the block before"):
    // into a character, never past it.
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut floor = at.saturating_sub(BLOCK_LOOKBACK);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let mut end = at;
    while let Some(nl) = text[floor..end].rfind('\n').map(|i| floor + i) {
        let line_start = text[floor..nl].rfind('\n').map_or(floor, |i| floor + i + 1);
        if text[line_start..nl].trim().is_empty() {
            return nl + 1;
        }
        end = nl;
    }
    floor
}

/// How far back [`block_start`] looks for a blank line.
const BLOCK_LOOKBACK: usize = 16 * 1024;

/// Where each line of a text starts, for [`paragraph_start`].
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The start of the line holding `at` (`lines` from [`line_starts`]).
fn paragraph_start(lines: &[usize], at: usize) -> usize {
    let k = lines.partition_point(|&l| l <= at);
    lines[k.saturating_sub(1)]
}

/// A statement's valid time: the time expression in its sentence (outside
/// what was said), else the narrative time of the paragraph so far (not a
/// bare year), else a
/// following "his comments this week", else the publication date.
fn valid_time(
    text: &str,
    lines: &[usize],
    reading: &Reading,
    frame: TextRange,
    content: &[TextRange],
    on: Option<Date>,
) -> ValidTime {
    let usable = |t: &&Timex| t.interval.is_some() && !content.iter().any(|c| c.contains(t.range));
    let cap = |(a, b): (Date, Date)| {
        let b = on.map_or(b, |d| b.min(d));
        let a = a.min(b);
        (a, b)
    };
    // Timexes are in text order: those that can lie in the frame or in its
    // paragraph before it are one run.
    let timexes = &reading.timexes;
    let from = timexes.partition_point(|t| t.range.start < frame.start);
    let to = from + timexes[from..].partition_point(|t| t.range.start <= frame.end);
    if let Some(t) = timexes[from..to]
        .iter()
        .filter(|t| frame.contains(t.range))
        .find(usable)
    {
        let (a, b) = cap(t.interval.expect("usable"));
        return ValidTime::new(a, b, TimeBasis::Expression);
    }
    let para = paragraph_start(lines, frame.start);
    let lo = timexes.partition_point(|t| t.range.start < para);
    let hi = lo + timexes[lo..].partition_point(|t| t.range.start <= frame.start);
    if let Some(t) = timexes[lo..hi]
        .iter()
        .filter(|t| t.range.start >= para && t.range.end <= frame.start)
        .filter(usable)
        // A bare year does not carry over: "the atomic bombings of 1945. ...
        // we reaffirm ..." is not said in 1945.
        .rfind(|t| !is_vague(&t.value) && t.value.len() != 4)
    {
        let (a, b) = cap(t.interval.expect("usable"));
        return ValidTime::new(a, b, TimeBasis::Narrative);
    }
    // "His comments this week ...": the next sentence dates the remarks just reported.
    if let Some(i) = sentence_of(&reading.sentences, frame.end.saturating_sub(1)) {
        if let Some(next) = reading.sentences.get(i + 1) {
            let lc = text[next.range()].to_lowercase();
            let anaphoric = ["his ", "her ", "their "]
                .iter()
                .any(|p| lc.trim_start().starts_with(p))
                && ["comments", "remarks", "statements", "words"]
                    .iter()
                    .any(|w| lc.contains(w));
            if anaphoric {
                let from = timexes.partition_point(|t| t.range.start < next.start);
                if let Some(t) = timexes[from..]
                    .iter()
                    .take_while(|t| t.range.start <= next.end)
                    .filter(|t| next.contains(t.range))
                    .find(usable)
                {
                    let (a, b) = cap(t.interval.expect("usable"));
                    return ValidTime::new(a, b, TimeBasis::Narrative);
                }
            }
        }
    }
    match on {
        Some(d) => ValidTime::day(d, TimeBasis::Publication),
        None => ValidTime::day(Date::MIN, TimeBasis::Unknown),
    }
}

/// The day an act was done, when the sentence that reports it fixes one ("On
/// January 22, 2024, at my direction, United States forces conducted ..."):
/// the first day-precise date in the statement's frame written after "on" or
/// "of", or naming the publication's own day ("Today"), on or before the
/// publication date. Only for an act in a document's own prose dated by
/// nothing else (its time is the publication's): what a speaker says in a
/// transcript is dated by the transcript, and a reported saying by the words
/// that date it.
fn act_day(
    text: &str,
    reading: &Reading,
    st: &Statement,
    modality: Modality,
    on: Option<Date>,
) -> Option<ValidTime> {
    // An act by its modality, or any sentence of the document's own voice
    // (no verb of saying: "On January 22, 2024, ... forces conducted strikes").
    let acts = modality == Modality::Act || st.cue.is_empty();
    if !acts || st.valid.basis != TimeBasis::Publication || !reading.turns.is_empty() {
        return None;
    }
    let on = on?;
    let from = reading
        .timexes
        .partition_point(|t| t.range.start < st.frame.start);
    reading.timexes[from..]
        .iter()
        .take_while(|t| t.range.start < st.frame.end)
        .filter(|t| st.frame.contains(t.range) && t.is_day())
        // "Today, President Trump signed an order modifying the tariffs that
        // he first announced on April 2": the publication's own day, written
        // first, dates the act, not the day of what it refers back to.
        .filter(|t| dates_an_event(&text[..t.range.start]) || t.interval == Some((on, on)))
        .find_map(|t| t.interval.filter(|(a, b)| a == b && *b <= on))
        .map(|(a, _)| ValidTime::day(a, TimeBasis::Expression))
}

/// Whether a day written after `before` dates an event: after "on" ("On
/// January 22, 2024, ... forces conducted") or "of" ("Executive Order 14257 of
/// April 2, 2025"), not as a modifier ("the February 1, 2021, coup").
fn dates_an_event(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    word.eq_ignore_ascii_case("on") || word.eq_ignore_ascii_case("of")
}

fn is_vague(v: &str) -> bool {
    v.ends_with("_REF")
}

fn frame_of(reading: &Reading, ranges: &[TextRange]) -> TextRange {
    let lo = ranges.iter().map(|r| r.start).min().unwrap_or(0);
    let hi = ranges.iter().map(|r| r.end).max().unwrap_or(0);
    let s = sentence_of(&reading.sentences, lo).map_or(lo, |i| reading.sentences[i].start);
    let e = sentence_of(&reading.sentences, hi.saturating_sub(1))
        .map_or(hi, |i| reading.sentences[i].end);
    TextRange::new(s.min(lo), e.max(hi))
}

/// The official whose meeting or call a readout reports ("Readout of President
/// Biden's Call with ..."): a readout is that official's account, so its
/// unattributed sentences are theirs.
fn readout_principal(
    doc: &Document,
    kb: &Kb,
    country: Option<&Gov>,
    on: Option<Date>,
) -> Option<ActorId> {
    let on = on?;
    let title = collapsed_title(doc)?;
    let name = voices::Voices::bundled().readout_principal_name(&title)?;
    kb.resolve(name, country, on)
        .or_else(|| {
            // "President Joseph R. Biden, Jr.", "the Vice President Kamala
            // Harris of the United States"
            let name = name.strip_prefix("the ").unwrap_or(name);
            let name = name.rfind(" of ").map_or(name, |k| &name[..k]);
            let name = [", Jr.", " Jr.", ", Sr.", " Sr."]
                .iter()
                .find_map(|s| name.strip_suffix(s))
                .unwrap_or(name);
            kb.resolve(name, country, on)
        })
        .map(|a| a.id.clone())
}

/// The parties to a readout's meeting or call beside its principal: the
/// people of other governments its title names, or a sentence that names
/// the principal too ("Readout of President Biden's Meeting with Prime
/// Minister Kishida", "Joining President Biden on the call were Prime
/// Minister Justin Trudeau of Canada, ..."), in the pack or introduced by
/// their office.
fn meeting_parties(
    doc: &Document,
    reading: &Reading,
    kb: &Kb,
    principal: &ActorId,
) -> Vec<ActorId> {
    let title = collapsed_title(doc).unwrap_or_default();
    let ours = kb.get(principal).and_then(|a| a.gov.clone());
    // The sentences that name the principal ("Joining President Biden on
    // the call were Prime Minister Justin Trudeau of Canada, ...").
    let with_principal: Vec<TextRange> = reading
        .mentions
        .iter()
        .filter(|m| m.actor.as_ref() == Some(principal))
        .filter_map(|m| {
            sentence_of(&reading.sentences, m.range.start).map(|k| reading.sentences[k])
        })
        .collect();
    let mut out: Vec<ActorId> = Vec::new();
    for m in &reading.mentions {
        let Some(id) = m.actor.as_ref() else {
            continue;
        };
        if id == principal || out.contains(id) {
            continue;
        }
        let Some(a) = kb
            .get(id)
            .or_else(|| reading.provisional.iter().find(|a| &a.id == id))
        else {
            continue;
        };
        if a.kind != ActorKind::Person || a.gov.is_none() || a.gov == ours {
            continue;
        }
        let surname = a.name.split_whitespace().last().unwrap_or("");
        let in_title = surname.len() > 2 && questions::has_form(&title, surname);
        if in_title || with_principal.iter().any(|s| s.contains(m.range)) {
            out.push(id.clone());
        }
    }
    out
}

/// The openings of a speech's title that name its speaker next, longest
/// first (`statement_author`).
const REMARKS_BY: &[&str] = &[
    "Remarks as Prepared for Delivery by ",
    "Remarks as Prepared for ",
    "Remarks by ",
    "Remarks of ",
];

/// Where the first of `words` starts in `s`, else its end.
fn cut_at(s: &str, words: &[&str]) -> usize {
    words
        .iter()
        .filter_map(|w| s.find(w))
        .min()
        .unwrap_or(s.len())
}

/// The author a statement's title names: "Statement from President Donald
/// J. Trump on ...", "Statement by Press Secretary Karine Jean-Pierre";
/// "Joint Statement ..." names no one author.
fn statement_author(
    doc: &Document,
    kb: &Kb,
    country: Option<&Gov>,
    on: Option<Date>,
) -> Option<ActorId> {
    // A speech's prepared text is its speaker's: "Remarks by National
    // Economic Advisor Lael Brainard on ...", "Remarks of President Joe
    // Biden – State of the Union Address", "Remarks as Prepared for
    // Delivery by ...". Remarks by two people ("... and President Sánchez")
    // have no one author.
    let remarks = title_after(doc, REMARKS_BY).filter(|r| {
        let by = cut_at(
            r,
            &[" on ", " On ", " at ", " in ", " to ", " for ", " Before "],
        );
        !r[..by].contains(" and ")
    });
    let speech = remarks.is_some();
    // Or the author before the word: "President Biden Statement on ...".
    let rest = remarks
        .or_else(|| title_after(doc, &["Statement from ", "Statement by "]))
        .or_else(|| {
            let t = collapsed_title(doc)?;
            let (author, after) = t.split_once(" Statement ")?;
            let joint = author.contains("Joint") || author.contains(" and ");
            (!joint && !after.is_empty()).then(|| format!("{author}:"))
        })?;
    let end = cut_at(
        &rest,
        &[
            " on ",
            " On ",
            " Regarding ",
            " regarding ",
            " to ",
            " as ",
            " at ",
            " in ",
            ":",
        ],
    );
    // A generational suffix is no part of the name a pack knows: "President
    // Joseph R. Biden, Jr.".
    let name = rest[..end].trim();
    let name = [", Jr.", " Jr.", ", Jr", " Jr"]
        .iter()
        .find_map(|sfx| name.strip_suffix(sfx))
        .unwrap_or(name);
    let on = on?;
    // A speech's title names its speaker, and a title alone there is
    // another holder's ("Remarks by National Security Advisor to the Vice
    // President Phil Gordon"): only a name counts.
    if !speech {
        if let Some(a) = kb.resolve(name.trim(), country, on) {
            return Some(a.id.clone());
        }
    }
    // No word ends the name: "Statement from President Joe Biden Marking One
    // Year Since ...". The longest opening of two to six words that names
    // someone by name does (a title alone may be another holder's:
    // "Deputy National Security Advisor for ... Daleep Singh"); in a
    // speech's title, the longest such run anywhere ("APNSA Jake Sullivan",
    // "National Economic Advisor Lael Brainard").
    let words: Vec<&str> = name.split_whitespace().collect();
    let starts = if speech { words.len() } else { 1 };
    (2..=words.len().min(6))
        .rev()
        .find_map(|n| {
            (0..starts.min(words.len() + 1 - n)).find_map(|i| {
                let run = &words[i..i + n];
                let a = kb.resolve(&run.join(" "), country, on)?;
                let surname = a.name.split_whitespace().next_back()?;
                run.contains(&surname).then_some(a)
            })
        })
        .map(|a| a.id.clone())
}

/// The signatories a joint statement's title names: "Joint Statement by
/// President Biden and President Macron" (the officials), "Joint Statement
/// from Quad Leaders" or "... from the Leaders of Australia, India, Japan
/// and the United States" (each country's leader), "Joint Statement by the
/// United States, Australia, Canada, ..." (each government), "G7 Leaders’
/// Statement" or "U.S.-EU Summit Statement" (each party's leader, or the
/// party itself where it signs as itself: `data/voices.toml`). A joint
/// statement whose sentences speak of the parties as leaders ("The leaders
/// jointly condemn ...") is the leaders' too, whatever its title says
/// ("United States – Aotearoa New Zealand Joint Statement"). Empty for any
/// other title, and when it names fewer than two signatories.
fn joint_voices(doc: &Document, reading: &Reading, kb: &Kb, on: Option<Date>) -> Vec<ActorId> {
    let (Some(title), Some(on)) = (collapsed_title(doc), on) else {
        return Vec::new();
    };
    let lc = title.to_lowercase();
    // A summit's or leaders' statement is joint too ("G7 Apulia Leaders’
    // Communiqué", "U.S.-EU Summit Statement"), and its signatories are the
    // leaders.
    let summit = lc.contains("summit") || lc.contains("communiqu");
    // "Quad Leaders’ Vision Statement": the leaders' own.
    let leaders_own = lc.contains("leaders") && !lc.starts_with("statement");
    let joint = (lc.contains("joint")
        || summit
        || leaders_own
        || voices::Voices::bundled().is_head(&title))
        && ["statement", "declaration", "readout", "communiqu"]
            .iter()
            .any(|w| lc.contains(w));
    if !joint {
        return Vec::new();
    }
    // The parties of a compound are each named: "U.S.-EU Summit Statement".
    let title = title.replace('-', " ");
    let sentences = vane_text::sentences(&title);
    let found = vane_actors::mentions(kb, &title, &sentences, Some(on), None);
    let mut people: Vec<ActorId> = Vec::new();
    let mut govs: Vec<Gov> = Vec::new();
    // A body that signs as itself, of no government ("the European
    // Commission").
    let mut bodies: Vec<ActorId> = Vec::new();
    for m in &found.mentions {
        let Some(a) = m.actor.as_ref().and_then(|id| kb.get(id)) else {
            continue;
        };
        match a.kind {
            ActorKind::Person if !people.contains(&a.id) => people.push(a.id.clone()),
            ActorKind::Government => {
                if let Some(g) = a.gov.clone().filter(|g| !govs.contains(g)) {
                    govs.push(g);
                }
            }
            _ => match a.gov.clone() {
                Some(g) if a.kind == ActorKind::Organization && !govs.contains(&g) => govs.push(g),
                _ if !bodies.contains(&a.id) => bodies.push(a.id.clone()),
                _ => {}
            },
        }
    }
    // Countries by their abbreviation ("U.S.", "ROK"), which the mentions
    // leave to context.
    for w in title.split_whitespace() {
        let w = w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '.'));
        let abbreviation =
            w.contains('.') || w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
        if let Some(g) = abbreviation.then(|| kb.gov_code(w)).flatten() {
            if !govs.contains(&g) {
                govs.push(g);
            }
        }
    }
    // The members of a group it names ("Joint Statement from Quad Leaders"),
    // and no one else: a country named beside a group is a topic ("G7
    // Leaders’ Statement on Ukraine").
    let members = voices::Voices::bundled().group_members(&title);
    if members.is_empty() {
        // Countries named as such ("the United States, Australia, Canada").
        for (code, name) in kb.countries() {
            if !govs.contains(code) && questions::has_form(&title, name) {
                govs.push(code.clone());
            }
        }
    } else {
        govs.clear();
    }
    for code in members {
        if let Some(g) = kb.gov_code(code).filter(|g| !govs.contains(g)) {
            govs.push(g);
        }
    }
    if people.len() >= 2 {
        return people;
    }
    let leaders = lc.contains("leader")
        || summit
        || reading.sentences.iter().any(|r| {
            let s = &doc.text[r.range()];
            voices::Voices::bundled().opens_with_parties(&s[opening(s)..])
        });
    let mut out: Vec<ActorId> = govs
        .iter()
        .filter_map(|g| {
            let head = leaders
                .then(|| {
                    voices::Voices::bundled()
                        .leader_titles(&g.0)
                        .into_iter()
                        .find_map(|t| kb.holders(t, g, on).first().map(|a| a.id.clone()))
                })
                .flatten();
            head.or_else(|| kb.government(g).map(|a| a.id.clone()))
        })
        .collect();
    out.extend(
        bodies
            .into_iter()
            .filter(|b| !out.contains(b))
            .collect::<Vec<_>>(),
    );
    if out.len() >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// The document's title with each run of whitespace made one space.
fn collapsed_title(doc: &Document) -> Option<String> {
    Some(
        doc.title
            .as_deref()?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The document's title, whitespace collapsed, after one of `prefixes`
/// (matched in either capitalisation of the second word: "Readout Of").
fn title_after(doc: &Document, prefixes: &[&str]) -> Option<String> {
    let t = collapsed_title(doc)?;
    prefixes.iter().find_map(|p| {
        let (head, word) = p.split_once(' ')?;
        let mut cap = word.to_string();
        cap[..1].make_ascii_uppercase();
        t.strip_prefix(p)
            .or_else(|| t.strip_prefix(&format!("{head} {cap}")))
            .map(str::to_string)
    })
}

/// The classes `acts.rs` reads from the act lexicon.
fn is_lexicon_act(class: ActionClass) -> bool {
    matches!(
        class,
        ActionClass::Decide
            | ActionClass::Enact
            | ActionClass::Undo
            | ActionClass::Endorse
            | ActionClass::Reject
    )
}

fn statements(doc: &Document, reading: &Reading, kb: &Kb, on: Option<Date>) -> Vec<Statement> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let principal = readout_principal(doc, kb, reading.country.as_ref(), on);
    let longest = longest_mention(&reading.mentions);
    let lines = line_starts(text);
    let labels: Vec<TextRange> = reading.turns.iter().map(|t| t.label).collect();
    // "President Biden and President Zelenskyy discussed ...", "The leaders
    // discussed ...": in a readout the principal speaks for the pair.
    let speaks = |a: &Attribution| -> Option<ActorId> {
        let p = principal.as_ref()?;
        // The principal named in the source or anywhere before the cue in its
        // sentence ("President Biden and President Zelenskyy discussed").
        let cue = a.cue.first()?;
        let from = sentence_of(&reading.sentences, cue.start)
            .map_or(cue.start, |k| reading.sentences[k].start);
        let before_cue = TextRange::new(from, cue.start);
        a.source
            .iter()
            .chain(std::iter::once(&before_cue))
            .any(|s| {
                mentions_over(&reading.mentions, longest, *s).any(|m| m.actor.as_ref() == Some(p))
            })
            .then(|| p.clone())
    };
    for a in &reading.attributions {
        // "MR. KIRBY:  We ..." read as a source and a colon: the turn is
        // that statement already (below).
        if a.source.iter().any(|s| any_overlap(&labels, *s)) {
            continue;
        }
        let mut all: Vec<TextRange> = a.content.clone();
        all.extend(a.cue.iter().copied());
        all.extend(a.source.iter().copied());
        if all.is_empty() {
            continue;
        }
        let frame = frame_of(reading, &all);
        let mut ev: Vec<TextRange> = a.content.clone();
        ev.extend(a.cue.iter().copied());
        let evidence = ev.iter().copied().reduce(TextRange::cover).unwrap_or(frame);
        let valid = valid_time(text, &lines, reading, frame, &a.content, on);
        let said = Statement {
            kind: a.kind,
            actor: speaks(a)
                .or_else(|| a.actor.clone())
                .or_else(|| principal.clone()),
            evidence: vane_text::trim(text, evidence),
            content: a.content.clone(),
            cue: a.cue.clone(),
            frame,
            valid,
            reported: reading
                .tokens
                .lower(text, frame.range())
                .contains("reportedly"),
            uncoordinated: false,
            action: None,
            reacts_to: None,
        };
        // "India and Pakistan said ...": each joined source says it.
        let joined = match (&said.actor, a.source.first()) {
            (Some(actor), Some(src)) if a.actor.as_ref() == Some(actor) => {
                joined_before(text, reading, kb, *src)
                    .into_iter()
                    .filter(|j| j != actor)
                    .collect()
            }
            _ => Vec::new(),
        };
        for other in joined {
            out.push(Statement {
                actor: Some(other),
                ..said.clone()
            });
        }
        out.push(said);
    }
    let first_act = out.len();
    for (i, act) in reading.actions.iter().enumerate() {
        let frame = frame_of(reading, &[act.range]);
        let valid = valid_time(text, &lines, reading, frame, &[], on);
        let reacts_to = if matches!(act.class, ActionClass::Welcome) {
            // "This decision was welcomed ...", or what the verb takes:
            // "Peskov welcomed the move".
            let sent =
                sentence_of(&reading.sentences, act.range.start).map(|k| reading.sentences[k]);
            let anaphor = sent.is_some_and(|s| {
                let after = act.trigger.end.clamp(s.start, s.end);
                actions::refers_back(&text[s.range()]) || actions::refers_back(&text[after..s.end])
            });
            if anaphor {
                reading.actions[..i]
                    .iter()
                    .rposition(|p| !matches!(p.class, ActionClass::Welcome | ActionClass::Meet))
                    .filter(|&k| {
                        // Acts of the lexicon that put something in place
                        // or undo it are moves; a stance act is not.
                        !matches!(
                            reading.actions[k].class,
                            ActionClass::Endorse | ActionClass::Reject
                        )
                    })
                    .map(|k| first_act + k)
            } else {
                None
            }
        } else {
            None
        };
        out.push(Statement {
            kind: StatementKind::Action,
            actor: act.actor.clone(),
            evidence: act.range,
            content: vec![act.range],
            cue: vec![act.trigger],
            frame,
            valid,
            reported: act.reported,
            uncoordinated: act.uncoordinated,
            action: Some(act.class),
            reacts_to,
        });
    }
    // The sentences that report no one else have a voice of their own: a
    // readout's are its principal's; in prose a government publishes (a
    // statement, a fact sheet, an article; not a transcript), each speaks for
    // the publisher, as the official or government named at its opening
    // ("President Donald J. Trump is implementing ...", "Japan will invest
    // ..."), else the author a "Statement from/by ..." title names, else the
    // President in a presidential action ("I have determined ..."), else the
    // publishing office (the White House). A sentence that quotes someone is
    // theirs, not the publisher's ("Senator Thune: “For years, ...”").
    let voice = match &principal {
        Some(p) => Some((p.clone(), false)),
        None if reading.turns.is_empty() => official_voice(doc, reading, kb, on).map(|v| (v, true)),
        None => None,
    };
    let joint = match &voice {
        Some((_, true)) => joint_voices(doc, reading, kb, on),
        _ => Vec::new(),
    };
    // A statement a person signs ("Statement from President Joe Biden on
    // ..."): every sentence is the author's, whoever its subject; a subject
    // of the author's own government holds it too (a colleague's act).
    let author = match &voice {
        Some((_, true)) => statement_author(doc, kb, reading.country.as_ref(), on)
            .and_then(|a| kb.get(&a))
            .filter(|a| a.kind == ActorKind::Person),
        _ => None,
    };
    let news = voice.is_none() && reading.turns.is_empty();
    if let Some((voice, publication)) = voice {
        // An act of the lexicon leaves its sentence to the voice as well:
        // the two are judged apart, and the same position is kept once. So
        // does a report whose source is no one resolved ("the reciprocal
        // tariffs that he first announced"): the sentence is still the
        // publication's own.
        let said = Frames::new(
            out.iter()
                .filter(|st| !st.action.is_some_and(is_lexicon_act))
                .filter_map(|st| Some((st.frame, st.actor.clone()?)))
                .collect(),
        );
        let mut relayed: Vec<Statement> = Vec::new();
        // The voices of the sentence that opens a list, while its items last.
        let mut lead_in: Option<Vec<ActorId>> = None;
        for &s in &reading.sentences {
            let r = vane_text::trim(text, s);
            let mut by = said.over(r).peekable();
            // "<!-- -->" between the items of a list (a converter's mark)
            // is no sentence, and does not end the list.
            let markup = text[r.range()].starts_with("<!--") && text[r.range()].ends_with("-->");
            if r.is_empty() || markup {
                continue;
            }
            if by.peek().is_some() {
                // In a statement a person signs, a colleague's reported words
                // or deed are the author's to relay too ("The Department of
                // the Treasury also announced ...").
                if let Some(a) = author {
                    let d = on.unwrap_or(Date::MIN);
                    let relays = by.all(|id| kb.get(id).is_some_and(|o| colleagues(o, a, d)));
                    if relays && !quotes(&text[r.range()]) {
                        relayed.push(Statement::whole_sentence(
                            StatementKind::Indirect,
                            a.id.clone(),
                            r,
                            Vec::new(),
                            valid_time(text, &lines, reading, r, &[r], on),
                        ));
                    }
                }
                continue;
            }
            let item = list_item(text, r.start);
            let actors = if publication {
                if quotes(&text[r.range()]) {
                    continue;
                }
                let own = match (opening_actors(text, r, &reading.mentions), author) {
                    (found, Some(a)) if !found.is_empty() => {
                        let d = on.unwrap_or(Date::MIN);
                        let mut ids = vec![a.id.clone()];
                        ids.extend(
                            found
                                .into_iter()
                                .filter(|id| kb.get(id).is_some_and(|o| colleagues(o, a, d))),
                        );
                        ids
                    }
                    // In a joint statement a signatory's government named as
                    // the subject ("the United States intends to supply
                    // Ukraine with ..., and Germany intends ...") speaks
                    // with the statement's voices, as a sentence naming no one.
                    (found, None) if !found.is_empty() => {
                        let d = on.unwrap_or(Date::MIN);
                        let signed = |id: &ActorId| {
                            kb.get(id)
                                .filter(|a| a.kind == ActorKind::Government)
                                .and_then(|a| a.gov_on(d))
                                .is_some_and(|g| {
                                    joint.iter().any(|s| {
                                        kb.get(s).is_some_and(|a| {
                                            a.kind == ActorKind::Person && a.gov_on(d) == Some(g)
                                        })
                                    })
                                })
                        };
                        if !joint.is_empty() && found.iter().all(signed) {
                            joint.clone()
                        } else {
                            found
                        }
                    }
                    // "The Proclamation imposes ...": the President's instrument.
                    _ if voices::Voices::bundled()
                        .opens_with_instrument(&text[r.range()][opening(&text[r.range()])..]) =>
                    {
                        on.and_then(|d| kb.resolve("the President", reading.country.as_ref(), d))
                            .map_or_else(|| vec![voice.clone()], |a| vec![a.id.clone()])
                    }
                    // A list item that names no one continues the
                    // sentence that opens its list ("President Trump will:").
                    _ if item && lead_in.is_some() => lead_in.clone().expect("checked"),
                    // A joint statement speaks for every signatory.
                    _ if !joint.is_empty() => joint.clone(),
                    _ => vec![voice.clone()],
                };
                let lead = text[r.range()].trim_end().trim_end_matches(['*', '_']);
                if lead.ends_with(':') {
                    lead_in = (own != [voice.clone()]).then(|| own.clone());
                } else if !item {
                    lead_in = None;
                }
                own
            } else {
                vec![voice.clone()]
            };
            let valid = valid_time(text, &lines, reading, r, &[r], on);
            for actor in actors {
                out.push(Statement::whole_sentence(
                    StatementKind::Indirect,
                    actor,
                    r,
                    Vec::new(),
                    valid,
                ));
            }
        }
        out.extend(relayed);
    }
    // In news prose (no publisher's voice, no turns), a sentence that reports
    // no one's words but opens on a resolved actor as its subject tells of
    // that actor's deed or stance in any wording ("On Tuesday, the Greek
    // prime minister Kyriakos Mitsotakis reasserted the openness of the
    // EastMed project ..."): it is theirs.
    if news {
        let said = Frames::new(
            out.iter()
                .filter(|st| st.actor.is_some())
                .map(|st| (st.frame, ()))
                .collect(),
        );
        let mut told: Vec<Statement> = Vec::new();
        for &s in &reading.sentences {
            let r = vane_text::trim(text, s);
            // A dateline or a heading ("Moscow, 5 March 2025") has no
            // lowercase word: it tells nothing.
            let told_something = text[r.range()]
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w.len() > 1 && w.chars().all(char::is_lowercase));
            if !told_something || said.over(r).next().is_some() || quotes(&text[r.range()]) {
                continue;
            }
            let valid = valid_time(text, &lines, reading, r, &[r], on);
            for actor in opening_actors(text, r, &reading.mentions) {
                told.push(Statement::whole_sentence(
                    StatementKind::Indirect,
                    actor,
                    r,
                    Vec::new(),
                    valid,
                ));
            }
        }
        out.extend(told);
    }
    // "The leaders condemned ...": in a readout, a sentence whose subject is
    // the meeting's parties is each party's as well as the principal's
    // (`meeting_parties`).
    if let Some(p) = &principal {
        let parties = meeting_parties(doc, reading, kb, p);
        if !parties.is_empty() {
            let theirs: Vec<Statement> = out
                .iter()
                .filter(|st| st.actor.as_ref() == Some(p) && st.kind != StatementKind::Action)
                .filter(|st| {
                    let s = &text[st.frame.range()];
                    voices::Voices::bundled().opens_with_readout_parties(&s[opening(s)..])
                })
                .flat_map(|st| {
                    parties.iter().map(move |a| Statement {
                        actor: Some(a.clone()),
                        ..st.clone()
                    })
                })
                .collect();
            out.extend(theirs);
        }
    }
    // Transcript turns: each sentence of an answer is its speaker's statement.
    for t in reading.turns.iter().filter(|t| !t.is_question) {
        let label = text[t.label.range()].trim();
        let speaker = on
            .and_then(|d| kb.resolve(label, reading.country.as_ref(), d))
            .map(|a| a.id.clone())
            .or_else(|| {
                // An official known by the label alone ("MR. SINGH:").
                reading
                    .mentions
                    .iter()
                    .find(|m| m.range.start == t.label.start && m.provisional)
                    .and_then(|m| m.actor.clone())
            });
        let Some(speaker) = speaker else {
            continue;
        };
        let valid = match on {
            Some(d) => ValidTime::day(d, TimeBasis::Publication),
            None => ValidTime::day(Date::MIN, TimeBasis::Unknown),
        };
        for &s in overlapping(&reading.sentences, t.content) {
            let r = TextRange::new(s.start.max(t.content.start), s.end.min(t.content.end));
            let r = vane_text::trim(text, r);
            if r.is_empty() {
                continue;
            }
            out.push(Statement::whole_sentence(
                StatementKind::Turn,
                speaker.clone(),
                r,
                vec![t.label],
                valid,
            ));
        }
    }
    let reported = colleague_reports(text, reading, kb, &out);
    out.extend(reported);
    out
}

/// Statements' frames with what each carries, sorted by start; frames may
/// overlap. Finding those over a span looks only at frames that start
/// within the longest frame's length before it.
struct Frames<T> {
    items: Vec<(TextRange, T)>,
    longest: usize,
}

impl<T> Frames<T> {
    fn new(mut items: Vec<(TextRange, T)>) -> Self {
        items.sort_by_key(|(f, _)| f.start);
        let longest = items.iter().map(|(f, _)| f.len()).max().unwrap_or(0);
        Frames { items, longest }
    }

    /// What the frames that overlap `r` carry, in order of their start.
    fn over(&self, r: TextRange) -> impl Iterator<Item = &T> {
        let from = self
            .items
            .partition_point(|(f, _)| f.start + self.longest <= r.start);
        self.items[from..]
            .iter()
            .take_while(move |(f, _)| f.start < r.end)
            .filter(move |(f, _)| f.overlaps(r))
            .map(|(_, t)| t)
    }
}

/// Whether a sentence quotes someone: its words are the quoted speaker's,
/// not the voice's that prints them.
fn quotes(sentence: &str) -> bool {
    sentence.contains(['“', '”', '"'])
}

/// Whether `a` is another actor than `b` of `b`'s government on `d`.
fn colleagues(a: &Actor, b: &Actor, d: Date) -> bool {
    a.id != b.id && a.gov_on(d).is_some() && a.gov_on(d) == b.gov_on(d)
}

/// "The President continues to support ...", "President Biden signed ...":
/// a sentence of a speaker's turn whose subject is a colleague (another
/// official of the speaker's government on the day) reports the colleague's
/// line or act, which is the colleague's as well as the speaker's (EVAL.md:
/// a reported act or statement of another official is that official's).
fn colleague_reports(text: &str, reading: &Reading, kb: &Kb, out: &[Statement]) -> Vec<Statement> {
    // The frames of each actor's acts, looked up per colleague below.
    let mut acts: std::collections::HashMap<&ActorId, Vec<TextRange>> = Default::default();
    for a in out.iter().filter(|a| a.kind == StatementKind::Action) {
        if let Some(id) = a.actor.as_ref() {
            acts.entry(id).or_default().push(a.frame);
        }
    }
    out.iter()
        .filter(|st| st.kind == StatementKind::Turn)
        .flat_map(|st| {
            let speaker = st.actor.as_ref().and_then(|a| kb.get(a));
            let d = st.valid.from;
            opening_actors(text, st.frame, &reading.mentions)
                .into_iter()
                .filter_map(|id| kb.get(&id))
                .filter(move |colleague| {
                    speaker.is_some_and(|speaker| {
                        colleague.kind == ActorKind::Person
                            && colleague.rank_on(d) != Rank::None
                            && colleagues(colleague, speaker, d)
                    })
                })
                // An act of the colleague read there already is theirs (and
                // relayed to the speaker, `relay_colleague_acts`).
                .filter(|colleague| {
                    !acts
                        .get(&colleague.id)
                        .is_some_and(|fs| fs.iter().any(|f| f.overlaps(st.frame)))
                })
                .map(|colleague| Statement {
                    kind: StatementKind::Indirect,
                    actor: Some(colleague.id.clone()),
                    ..st.clone()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The reading's token layer when it is of `text` (a reading made by [`read`]
/// from the same document), else one built into `built`.
fn layer<'a>(reading: &'a Reading, text: &str, built: &'a mut Option<Tokens>) -> &'a Tokens {
    if reading.tokens.covers(text) {
        &reading.tokens
    } else {
        built.insert(Tokens::new(text))
    }
}

/// The lowercase of a report's title and first two paragraphs (a headline
/// may open the text): what its later sentences point back at ("the
/// sanctions", "the move").
fn lead_lc(doc: &Document, text: &str, lay: &Tokens) -> String {
    let from = text.len() - text.trim_start().len();
    let mut end = from;
    for _ in 0..2 {
        let rest = &text[end..];
        let body = rest.trim_start();
        let at = end + (rest.len() - body.len());
        end = body
            .find("\n\n")
            .or_else(|| body.find("\n \n"))
            .map_or(text.len(), |i| at + i);
    }
    let title = doc.title.as_deref().map(lower).unwrap_or_default();
    format!("{title} {}", lay.lower(text, from..end))
}

/// The indices of the mentions (in text order) that start inside `r`.
fn starting_in(mentions: &[Mention], r: TextRange) -> std::ops::Range<usize> {
    let from = mentions.partition_point(|m| m.range.start < r.start);
    let to = mentions.partition_point(|m| m.range.start < r.end);
    from..to.max(from)
}

/// The lowercase of `ranges`, each followed by a space, with the speaker's
/// own pronouns (`own_pronouns`) in the first person: a pronoun is a whole
/// word, so the pieces around it lowercase as the range would.
fn lower_own<'r>(
    text: &str,
    lay: &Tokens,
    ranges: impl Iterator<Item = &'r TextRange>,
    own: &[(TextRange, &str)],
) -> String {
    let mut s = String::new();
    for r in ranges {
        let mut at = r.start;
        for (p, first) in own
            .iter()
            .filter(|(p, _)| p.start >= r.start && p.end <= r.end)
        {
            s.push_str(&lay.lower(text, at..p.start));
            s.push_str(first);
            at = p.end;
        }
        s.push_str(&lay.lower(text, at..r.end));
        s.push(' ');
    }
    s
}

/// Reported speech turned back to the speaker's own words: in an indirect
/// or partial statement, or an act ("he had cancelled the meeting"), "he"
/// or "she" resolved to the statement's own
/// speaker ("Fidan said he opposed a ceasefire") is his "I", not another
/// party ("he has imposed ..." in a transcript is someone else's act); a
/// government's "it" or "they" resolved to it is its "we". Returns those
/// pronouns' ranges, in text order, with the first person that replaces each.
fn own_pronouns(text: &str, st: &Statement, reading: &Reading) -> Vec<(TextRange, &'static str)> {
    if !matches!(
        st.kind,
        StatementKind::Indirect | StatementKind::Partial | StatementKind::Action
    ) {
        return Vec::new();
    }
    let Some(actor) = st.actor.as_ref() else {
        return Vec::new();
    };
    // The sources joined with this one ("India and Pakistan said they ..."):
    // the statements of the same words.
    let joined = |id: &ActorId| {
        reading
            .statements
            .iter()
            .any(|o| o.actor.as_ref() == Some(id) && o.evidence == st.evidence && o.cue == st.cue)
    };
    reading.mentions[starting_in(&reading.mentions, st.frame)]
        .iter()
        .filter(|m| m.kind == MentionKind::Pronoun)
        .filter_map(|m| {
            let of = m.actor.as_ref()?;
            let w = text[m.range.range()].to_lowercase();
            match w.as_str() {
                "he" | "she" if of == actor => Some((m.range, "i")),
                // A government's or an office's "it", "they": "Russia said it
                // had agreed".
                "it" if of == actor => Some((m.range, "we")),
                "they" if of == actor || joined(of) => Some((m.range, "we")),
                _ => None,
            }
        })
        .collect()
}

/// `lower` of `text[r]` with the names of people blanked out, so that a
/// question's object is not found in a person's name ("Stacey Abrams").
/// Borrows `lc` (the plain lowercase of the same range) when no name is there.
fn lower_unnamed<'a>(
    text: &str,
    r: TextRange,
    lc: &'a str,
    reading: &Reading,
    kb: &Kb,
) -> std::borrow::Cow<'a, str> {
    let from = reading
        .mentions
        .partition_point(|m| m.range.start < r.start);
    let names: Vec<TextRange> = reading.mentions[from..]
        .iter()
        .take_while(|m| m.range.end <= r.end)
        .filter(|m| {
            m.kind == MentionKind::Name
                && (m.provisional
                    || m.actor
                        .as_ref()
                        .and_then(|id| kb.get(id))
                        .is_some_and(|a| a.kind == ActorKind::Person))
        })
        .map(|m| m.range)
        .collect();
    let mut names = names;
    let from = reading.proper_names.partition_point(|n| n.start < r.start);
    let things = reading.proper_names[from..]
        .iter()
        .take_while(|n| n.end <= r.end);
    if things.clone().next().is_some() {
        names.extend(things);
        names.sort_by_key(|n| n.start);
    }
    if names.is_empty() {
        return std::borrow::Cow::Borrowed(lc);
    }
    let mut out = String::with_capacity(r.len());
    let mut at = r.start;
    for n in &names {
        // Overlapping names: the first wins.
        if n.start < at {
            continue;
        }
        out.push_str(&text[at..n.start]);
        out.push(' ');
        at = n.end;
    }
    out.push_str(&text[at..r.end]);
    std::borrow::Cow::Owned(lower(&out))
}

/// Adds to `names` (sorted by start) the names of laws, places and bodies in
/// `text[r]`, a run of capitalized words ending in a word such as "Act" or
/// "Center": "the Patriot Act" is no Patriot system.
fn proper_things(text: &str, r: TextRange, names: &mut Vec<TextRange>) {
    const ENDS: &[&str] = &[
        "Act",
        "Center",
        "Centre",
        "Foundation",
        "Institute",
        "Award",
        "Party",
        "Street",
        "Avenue",
        "Park",
        "Hall",
        "Building",
        "Highway",
        "Bridge",
        "Program",
        "Prize",
        "Medal",
    ];
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = AC.get_or_init(|| aho_corasick::AhoCorasick::new(ENDS).expect("name ends build"));
    let span = &text[r.range()];
    if !ac.is_match(span) {
        return;
    }
    let mut found = Vec::new();
    let base = span.as_ptr() as usize;
    let words: Vec<(usize, &str)> = span
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - base, w))
        .collect();
    for (k, &(start, w)) in words.iter().enumerate() {
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if k == 0 || !ENDS.contains(&bare) {
            continue;
        }
        let mut first = k;
        while first > 0 {
            let prev = words[first - 1].1;
            let capital = prev.starts_with(char::is_uppercase)
                && !prev.ends_with(['.', ',', ';', ':', '?', '!']);
            if !capital {
                break;
            }
            first -= 1;
        }
        if first < k {
            let from = r.start + words[first].0;
            let to = r.start + start + bare.len();
            found.push(TextRange::new(from, to));
        }
    }
    names.extend(found);
}

/// How many sentences of a turn stay on a question's topic after it was named.
const TOPIC_WINDOW: usize = 2;

/// How many follow-up questions in a row inherit the topic of the question before them.
const FOLLOW_UP_CHAIN: usize = 3;

/// How many reporters' questions back a subject still counts as under discussion.
const RECENT_QUESTIONS: usize = 6;

/// Does a reporter's question that names no subject follow up on the one before
/// ("And are those going to arrive soon?"), rather than change the subject?
fn follows_up(q_lc: &str) -> bool {
    const SWITCH: &[&str] = &[
        "switch",
        "different topic",
        "another topic",
        "other topic",
        "change gears",
        "changing gears",
        "pivot",
        "unrelated",
        "separate question",
        "separate topic",
    ];
    if SWITCH.iter().any(|w| q_lc.contains(w)) {
        return false;
    }
    if q_lc.contains("follow") || q_lc.contains("similar question") || q_lc.contains("same topic") {
        return true;
    }
    const ANAPHORS: &[&str] = &["those", "these", "this", "it", "them", "they"];
    let toks: Vec<&str> = q_lc
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(25)
        .collect();
    toks.iter()
        .enumerate()
        .any(|(i, w)| ANAPHORS.contains(w) || (*w == "that" && demonstrative_that(&toks, i)))
}

/// Whether the "that" at `toks[i]` points back ("on that", "does that
/// mean", "that decision") rather than opening a clause ("sailors that
/// were killed", "reports that say").
fn demonstrative_that(toks: &[&str], i: usize) -> bool {
    const BEFORE: &[&str] = &[
        "on", "about", "with", "of", "to", "for", "in", "at", "from", "by", "is", "was", "does",
        "did", "do", "will", "would", "can", "could", "and", "but", "so", "why", "how", "when",
        "isn",
    ];
    const AFTER: &[&str] = &[
        "is",
        "s",
        "was",
        "will",
        "would",
        "mean",
        "means",
        "happen",
        "be",
        "decision",
        "announcement",
        "package",
        "request",
        "issue",
        "question",
        "point",
        "front",
        "topic",
        "one",
        "policy",
        "plan",
    ];
    i == 0 || BEFORE.contains(&toks[i - 1]) || toks.get(i + 1).is_some_and(|n| AFTER.contains(n))
}

/// What each turn of a transcript is about, per question.
struct TurnTopic {
    /// The questions the reporter's question just before the turn asked
    /// about: those it names, or for a follow-up that names none, those of
    /// the question before it. For a question turn, its own.
    asked: Vec<bool>,
    /// Whether that question named the subject itself (not a follow-up)
    /// and asks about giving it ("Will you send F-16s?"): a bare "No." then
    /// answers the question watched.
    asked_by_name: Vec<bool>,
    /// Whether the turn names each question's recipient target anywhere: the
    /// whole turn is a sentence's context for it ("The Abrams tanks are the
    /// most capable tanks in the world" in a speech on Ukraine).
    target: Vec<bool>,
    /// Whether the turn names each question's subject anywhere.
    named: Vec<bool>,
    /// Whether the reporter's question just before sent the subject to
    /// another recipient ("will not provide Israel with artillery shells"):
    /// then a mention of the watched recipient elsewhere in the answer is no
    /// context for it.
    diverted: Vec<bool>,
}

/// The governments a text sends something "to" ("F-16s to Turkey").
fn recipients_named(kb: &Kb, text: &str) -> Vec<Gov> {
    let mut out = Vec::new();
    let mut words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '’' || c == '\''))
        .filter(|w| !w.is_empty())
        .peekable();
    // "to Israel", "for Israel", and the first object of a verb of giving:
    // "provide Israel with artillery shells", "arming Israel".
    const BEFORE: &[&str] = &[
        "to",
        "for",
        "provide",
        "provides",
        "providing",
        "provided",
        "send",
        "sends",
        "sending",
        "sent",
        "give",
        "gives",
        "giving",
        "gave",
        "supply",
        "supplies",
        "supplying",
        "supplied",
        "arm",
        "arms",
        "arming",
        "armed",
    ];
    let mut prev = "";
    while let Some(w) = words.next() {
        // "our NATO Allies in Poland", "U.S. forces in Germany": who is
        // in a place receives what is sent there.
        let stationed = w == "in"
            && [
                "Allies", "allies", "Ally", "ally", "partners", "forces", "troops",
            ]
            .contains(&prev);
        // "when it comes to Sweden": a topic, not a recipient.
        let topic = w == "to" && ["comes", "come", "came", "coming"].contains(&prev);
        prev = w;
        if !BEFORE.contains(&w) && !stationed || topic {
            continue;
        }
        let mut next = words.peek().copied();
        if next == Some("the") {
            words.next();
            next = words.peek().copied();
        }
        if let Some(n) = next.filter(|n| n.starts_with(char::is_uppercase)) {
            if let Some(g) = kb.gov_code(n) {
                out.push(g);
            }
        }
    }
    out
}

/// Whether a text sends something only to others than `ours`, the
/// question's recipients: "F-16s to Turkey".
/// A question with no recipient government ("Finland and Sweden join
/// NATO") is diverted by none.
fn diverted(elsewhere: &[Gov], ours: &[Gov]) -> bool {
    !ours.is_empty()
        && elsewhere.iter().any(|g| !ours.contains(g))
        && !elsewhere.iter().any(|g| ours.contains(g))
}

/// Per question: the governments of its giving targets ("The United
/// States") and of its recipient targets ("Ukraine").
fn target_govs(kb: &Kb, questions: &[Compiled]) -> (Vec<Vec<Gov>>, Vec<Vec<Gov>>) {
    let govs = |ts: &[questions::TermGroup]| -> Vec<Gov> {
        ts.iter().filter_map(|g| kb.gov_code(&g.forms[0])).collect()
    };
    questions
        .iter()
        .map(|q| {
            let (agents, recipients) = q.targets.split_at(q.agent_targets);
            (govs(agents), govs(recipients))
        })
        .unzip()
}

fn turn_topics(
    reading: &Reading,
    text: &str,
    kb: &Kb,
    questions: &[Compiled],
    recipients: &[Vec<Gov>],
) -> Vec<TurnTopic> {
    let mut built = None;
    let lay = layer(reading, text, &mut built);
    let none = vec![false; questions.len()];
    let mut out: Vec<TurnTopic> = Vec::with_capacity(reading.turns.len());
    let mut last_q: Vec<bool> = none.clone();
    let mut last_named: Vec<bool> = none.clone();
    let mut last_diverted: Vec<bool> = none.clone();
    // Per question: the count of the last reporter's question about it.
    let mut seen: Vec<Option<usize>> = vec![None; questions.len()];
    let mut q_count = 0usize;
    let mut prev_was_q = false;
    let mut chain = 0usize;
    for t in &reading.turns {
        let lc = lay.lower(text, t.content.range());
        // For the object: without people's names ("Stacey Abrams").
        let olc = lower_unnamed(text, t.content, &lc, reading, kb);
        let named_here =
            |q: &Compiled| q.object_hits(q.unnamed(&lc, &olc)) >= q.needed() && q.target_hit(&lc);
        if t.is_question {
            q_count += 1;
            // A question that names the object but no recipient ("how soon
            // could the Abrams get there?") is about it, unless it sends the
            // object elsewhere ("F-16s to Turkey").
            let elsewhere = recipients_named(kb, &text[t.content.range()]);
            last_diverted = recipients
                .iter()
                .map(|ours| diverted(&elsewhere, ours))
                .collect();
            let named: Vec<bool> = questions
                .iter()
                .enumerate()
                .map(|(qi, q)| {
                    // The object alone names a provision ("how soon could the
                    // Abrams get there?"), not an action ("will Finland join
                    // NATO?" is not about Ukraine's joining).
                    let specific =
                        q.object_hits(&olc) >= q.needed() && q.shape != questions::Shape::Action;
                    !diverted(&elsewhere, &recipients[qi])
                        && (named_here(q)
                            || (q.loosely_named(&olc) && !stance::provided_by_others(&olc))
                            || specific)
                })
                .collect();
            // Within a running discussion, the object alone ("the Abrams")
            // or its head noun ("these tanks") keeps the subject.
            let kept: Vec<bool> = questions
                .iter()
                .enumerate()
                .map(|(qi, q)| {
                    let recent = seen[qi].is_some_and(|k| q_count - k <= RECENT_QUESTIONS);
                    // "these munitions" points back at the object however
                    // long ago it was discussed.
                    let pointed = seen[qi].is_some()
                        && q.heads.iter().any(|h| {
                            ["these ", "those ", "this ", "that "]
                                .iter()
                                .any(|d| questions::has_form(&olc, &format!("{d}{h}")))
                        });
                    pointed
                        || recent
                            && (q.object_hits(&olc) >= q.needed()
                                || q.heads.iter().any(|h| questions::has_form(&olc, h)))
                })
                .collect();
            // "— (inaudible) Ukrainians?": the rest of an interrupted question.
            // "And Jake —": a question cut off before it says anything leaves
            // the subject where it was.
            let cut_off = lc.trim_end().ends_with(['—', '–', '-', '…'])
                && lc.split_whitespace().count() <= 15;
            let continued = lc.trim_start().starts_with(['—', '–', '-', '…']) || cut_off;
            let topics = if continued {
                last_q
                    .iter()
                    .zip(&named)
                    .zip(&kept)
                    .map(|((a, b), c)| *a || *b || *c)
                    .collect()
            } else if named.iter().any(|&b| b) {
                chain = 0;
                named.clone()
            } else if kept.iter().any(|&b| b) {
                chain = 0;
                kept
            } else if chain < FOLLOW_UP_CHAIN && follows_up(&lc) {
                chain += 1;
                last_q.clone()
            } else {
                chain = 0;
                none.clone()
            };
            for (qi, &on) in topics.iter().enumerate() {
                if on {
                    seen[qi] = Some(q_count);
                }
            }
            let giving = [
                "send",
                "sending",
                "provide",
                "providing",
                "give",
                "giving",
                "deliver",
                "delivering",
                "transfer",
                "transferring",
                "supply",
                "supplying",
                "approve",
            ]
            .iter()
            .any(|w| questions::has_form(&lc, w));
            last_q = topics.clone();
            last_named = named
                .iter()
                .zip(questions)
                .map(|(&n, q)| n && (giving || q.shape != questions::Shape::Provision))
                .collect();
            prev_was_q = true;
            out.push(TurnTopic {
                target: vec![false; questions.len()],
                asked: topics,
                asked_by_name: last_named.clone(),
                named: vec![false; questions.len()],
                diverted: last_diverted.clone(),
            });
            continue;
        }
        let (asked, asked_by_name, diverted_q) = if prev_was_q {
            (last_q.clone(), last_named.clone(), last_diverted.clone())
        } else {
            (none.clone(), none.clone(), none.clone())
        };
        prev_was_q = false;
        let target: Vec<bool> = questions.iter().map(|q| q.target_hit(&lc)).collect();
        let mut named = vec![false; questions.len()];
        for s in overlapping(&reading.sentences, t.content) {
            let s_plain = lay.lower(text, s.range());
            let s_lc = lower_unnamed(text, *s, &s_plain, reading, kb);
            for (qi, q) in questions.iter().enumerate() {
                if !named[qi] && target[qi] && !diverted_q[qi] && q.object_hits(&s_lc) >= q.needed()
                {
                    named[qi] = true;
                }
            }
        }
        // What a speaker discussed stays under discussion for the questions
        // that follow ("Did Germany force you to change your mind on sending tanks?").
        for (qi, &on) in named.iter().enumerate() {
            if on {
                seen[qi] = Some(q_count);
            }
        }
        out.push(TurnTopic {
            target,
            asked,
            asked_by_name,
            named,
            diverted: diverted_q,
        });
    }
    out
}

/// What decides a position, before it is made.
struct Decision {
    stance: Stance,
    modality: Modality,
    confidence: f32,
    qualifier: Option<String>,
    /// On "our decision": its stance is settled by the document's acts.
    about_decision: bool,
    why: Why,
}

impl Decision {
    /// The rules' decision, recorded as vouched for by a learned judge with
    /// its probability that the candidate is about the question.
    fn vouched_by(mut self, judge: &str, about: f32) -> Decision {
        self.why.judge = judge.to_string();
        self.why.probability = Some(about);
        self
    }
}

/// What a learned judge of stance reads of a candidate statement.
#[derive(Clone, Copy, Debug)]
pub struct JudgeInput<'a> {
    pub question: &'a Question,
    /// The question as the rules compiled it.
    pub compiled: &'a Compiled,
    /// The statement's sentence.
    pub sentence: &'a str,
    /// The sentence before it ("" at the start).
    pub previous: &'a str,
    /// The reporter's question it answers ("" when none).
    pub asked: &'a str,
    /// The stance the rules found in the candidate, if any: the judge is
    /// asked after them (in every mode but gate, where it is asked first
    /// and this is `None`).
    pub ruled: Option<Stance>,
    /// The statement the candidate is: who, where, what kind.
    pub statement: CandidateStatement<'a>,
}

impl<'a> JudgeInput<'a> {
    /// The rules' view of the sentence ([`rule_features`]), computed when a
    /// judge asks for it.
    pub fn rules(&self) -> [f32; RULE_FEATURES] {
        rule_features(self.compiled, self.sentence)
    }

    /// Its sentence, the sentence before and the reporter's question,
    /// empty ones left out.
    pub fn texts(&self) -> Vec<&'a str> {
        [self.sentence, self.previous, self.asked]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// The statement a judge's candidate is, as a position would record it.
#[derive(Clone, Copy, Debug)]
pub struct CandidateStatement<'a> {
    /// The document's name (its path under the ingested folder).
    pub doc: &'a str,
    /// The document's text, which `evidence` indexes (in bytes).
    pub text: &'a str,
    pub evidence: TextRange,
    pub valid: ValidTime,
    pub actor: &'a str,
    pub rank: Rank,
    pub kind: StatementKind,
    /// Whether it is a reported act of the lexicon.
    pub act: bool,
    /// Whether the actor's government is one of the question's agents (the
    /// giver, the one that acts) or one of its recipients.
    pub agent: bool,
    pub recipient: bool,
}

/// How many numbers [`rule_features`] gives.
pub const RULE_FEATURES: usize = 9;

/// The rules' view of a sentence, as features for a learned judge: the share
/// of the question's object terms it names, whether it names the target,
/// whether it refers to the object, the stance the cue lists give (one-hot
/// support, oppose, neutral), their confidence, whether the cue is an act or
/// a commitment, and whether it is a question. Computed from the sentence
/// alone, the same way in training and in reading.
pub fn rule_features(q: &Compiled, sentence: &str) -> [f32; RULE_FEATURES] {
    let lc = lower(sentence);
    let hits = q.object_hits(&lc) as f32 / q.needed().max(1) as f32;
    let found = stance::score(q, &lc);
    let is = |s: Stance| f32::from(u8::from(found.as_ref().is_some_and(|f| f.stance == s)));
    [
        hits.min(1.0),
        f32::from(u8::from(q.target_hit(&lc))),
        f32::from(u8::from(q.refers(&lc))),
        is(Stance::Support),
        is(Stance::Oppose),
        is(Stance::Neutral),
        found.as_ref().map_or(0.0, |f| f.confidence),
        f32::from(u8::from(found.as_ref().is_some_and(|f| {
            matches!(f.modality, Modality::Act | Modality::Commitment)
        }))),
        f32::from(u8::from(sentence.trim_end().ends_with('?'))),
    ]
}

/// A learned judge of stance: the probabilities of not-about, support,
/// oppose and neutral for a candidate. The rules choose the candidates
/// (statements by a resolved official that touch the question's terms, or
/// whose context has its subject on the table) and keep their vetoes.
/// Implemented by `vane-model` (feature `candle`).
pub trait StanceJudge: Sync {
    /// The name recorded on the positions it decides.
    fn name(&self) -> &str;
    /// Called with every text the judge will then be asked about in one
    /// document, so that it can run its model on them in one batch.
    fn prepare(&self, _texts: &[&str]) {}
    /// The texts of a candidate that the judge will read, for
    /// [`StanceJudge::prepare`]'s batch: its sentence, the sentence before
    /// and the reporter's question (empty ones left out). A judge that
    /// reads only some candidates names only theirs.
    fn texts<'a>(&self, input: &JudgeInput<'a>) -> Vec<&'a str> {
        input.texts()
    }
    /// `[none, support, oppose, neutral]`, or `None` when it cannot judge
    /// (the rules then decide).
    fn probabilities(&self, input: &JudgeInput<'_>) -> Option<[f32; 4]>;
    /// From which probability of `none` a candidate is not about the question.
    fn none_cut(&self) -> f32 {
        0.5
    }
    /// From which probability of `none` the judge vetoes the rules' own
    /// position on a candidate ([`JudgeMode::Vet`]); `None`: it never does.
    fn veto_cut(&self) -> Option<f32> {
        None
    }
}

/// How a learned judge of stance combines with the rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JudgeMode {
    /// The judge decides every candidate; the rules keep their vetoes, and
    /// decide what is not a candidate (a reaction that names nothing of the
    /// question inherits its topic by the rules alone).
    #[default]
    Replace,
    /// A position when either the rules or the judge find one (the rules'
    /// stance first).
    Union,
    /// The rules' positions that the judge also finds about the question.
    Confirm,
    /// The rules decide, and the judge only says whether a candidate whose
    /// cue the rules read, but which names too little of the question, is
    /// about it (rule `ok.about-by-judge`): the model for relevance, the
    /// rules for the stance, negation and vetoes.
    Gate,
    /// The rules decide, and where they find a candidate about the question
    /// (it names it, answers a reporter's question on it, or follows closely
    /// on it) but read no cue, the judge gives the stance (rule
    /// `ok.cue-by-judge`): the rules for relevance and vetoes, the model for
    /// what the rules' word lists cannot read.
    Cue,
    /// As [`JudgeMode::Union`], and the rules' position on a candidate the
    /// judge finds surely not about the question (its probability of
    /// `none` at least the judge's [`StanceJudge::veto_cut`]) is dropped:
    /// the judge adds what the rules miss and takes back what they misread.
    Vet,
}

/// The rule id of a stance the judge gave where the rules read no cue
/// ([`JudgeMode::Cue`]).
const CUE_BY_JUDGE: &str = "ok.cue-by-judge";

/// The rule id of a candidate the judge let in ([`JudgeMode::Gate`]).
const ABOUT_BY_JUDGE: &str = "ok.about-by-judge";

/// The judges beside the rules.
#[derive(Clone, Copy, Default)]
pub struct Judges<'a> {
    pub related: Option<&'a dyn Relatedness>,
    pub stance: Option<&'a dyn StanceJudge>,
    pub mode: JudgeMode,
}

/// Records the texts a judge would be asked about, so that they can be run
/// in one batch; answers nothing.
struct Collector<'a> {
    inner: &'a dyn StanceJudge,
    texts: std::sync::Mutex<Vec<String>>,
}

impl StanceJudge for Collector<'_> {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn probabilities(&self, input: &JudgeInput<'_>) -> Option<[f32; 4]> {
        if let Ok(mut t) = self.texts.lock() {
            t.extend(self.inner.texts(input).into_iter().map(str::to_string));
        }
        None
    }
}

/// A learned judge of whether a sentence is about a question. The rules stay
/// the judges of stance; a judge of this kind only admits, in a turn where
/// the subject is on the table, a sentence with a stance cue that the rules
/// leave out for want of a reference to the object. Implemented by
/// `vane-model` (feature `candle`); the rules alone are the default.
pub trait Relatedness: Sync {
    /// Whether `text` is about the question.
    fn related(&self, question: &Question, text: &str) -> bool;
}

/// The positions a reading yields on the given questions.
pub fn positions(
    doc: &Document,
    reading: &Reading,
    kb: &Kb,
    questions: &[Compiled],
    recorded: RecordedTime,
) -> Vec<Position> {
    positions_with(doc, reading, kb, questions, recorded, &Judges::default())
}

/// [`positions`], with a learned judge of relatedness beside the rules.
pub fn positions_with(
    doc: &Document,
    reading: &Reading,
    kb: &Kb,
    questions: &[Compiled],
    recorded: RecordedTime,
    judges: &Judges<'_>,
) -> Vec<Position> {
    // With a learned judge: one pass to collect what it will be asked, one
    // batch of the model, then the pass that counts.
    if let Some(j) = judges.stance {
        let collector = Collector {
            inner: j,
            texts: std::sync::Mutex::new(Vec::new()),
        };
        let probe = Judges {
            stance: Some(&collector),
            ..*judges
        };
        let _ = positions_pass(doc, reading, kb, questions, recorded, &probe);
        let texts = collector.texts.into_inner().unwrap_or_default();
        if !texts.is_empty() {
            let mut refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            refs.extend(questions.iter().map(|q| q.question.proposition.as_str()));
            j.prepare(&refs);
        }
    }
    positions_pass(doc, reading, kb, questions, recorded, judges)
}

/// The positions of one pass over the questions the document may name
/// ([`Compiled::may_name`]): the others can give none, and most questions
/// of a long list are absent from most documents.
fn positions_pass(
    doc: &Document,
    reading: &Reading,
    kb: &Kb,
    questions: &[Compiled],
    recorded: RecordedTime,
    judges: &Judges<'_>,
) -> Vec<Position> {
    let mut built = None;
    let lc = layer(reading, &doc.text, &mut built).lowered();
    let may: Vec<bool> = questions.iter().map(|q| q.may_name(lc)).collect();
    if may.iter().all(|&m| m) {
        return questions_pass(doc, reading, kb, questions, recorded, judges);
    }
    let named: Vec<Compiled> = questions
        .iter()
        .zip(&may)
        .filter(|(_, &m)| m)
        .map(|(q, _)| q.clone())
        .collect();
    if named.is_empty() {
        return Vec::new();
    }
    questions_pass(doc, reading, kb, &named, recorded, judges)
}

/// The positions the statements of a reading take on `questions`, in
/// statement order and, within a statement, question order.
fn questions_pass(
    doc: &Document,
    reading: &Reading,
    kb: &Kb,
    questions: &[Compiled],
    recorded: RecordedTime,
    judges: &Judges<'_>,
) -> Vec<Position> {
    let judge = judges.related;
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let (agents, recipients) = target_govs(kb, questions);
    // Each question's places that are governments, by their first form,
    // past its agents (the targets a sentence must name): a government (or
    // its official) speaking of its own act names itself.
    let place_govs: Vec<Vec<(Gov, &str)>> = questions
        .iter()
        .map(|q| {
            q.targets[q.agent_targets.min(q.targets.len())..]
                .iter()
                .filter_map(|t| Some((kb.gov_code(&t.forms[0])?, t.forms[0].as_str())))
                .collect()
        })
        .collect();
    // Each question's subject governments ("India and Pakistan agree ..."),
    // whose own speakers name them "we".
    let subject_govs: Vec<Vec<Gov>> = questions
        .iter()
        .map(|q| q.subject.iter().filter_map(|f| kb.gov_code(f)).collect())
        .collect();
    let mut built = None;
    let lay = layer(reading, text, &mut built);
    let topics = turn_topics(reading, text, kb, questions, &recipients);
    // A report's lead: its title and first two paragraphs (made once, when
    // a question first needs it).
    let mut lead: Option<String> = None;
    // A report no government publishes (news): its later sentences point
    // back at what its lead tells ("Scholz had opposed the duties").
    let news = reading.turns.is_empty() && doc_office(doc).is_none();
    // Where each question's words start in the document's lowercase: a
    // prose context with none of them names no object, and needs no match
    // (a transcript has no prose context).
    let anchored: Vec<Option<Vec<usize>>> = questions
        .iter()
        .map(|q| {
            reading
                .turns
                .is_empty()
                .then(|| q.anchor_starts(lay.lowered()))
                .flatten()
        })
        .collect();
    // Whether a question is a person's deed to another ("Donald Trump meets
    // Emmanuel Macron"), whose doer is checked in each sentence.
    let person_deeds = questions.iter().any(|q| !q.subject_person.is_empty());
    // The answer turn (not a reporter's) a range lies in.
    let turn_at = |at: usize| -> Option<usize> {
        let k = reading.turns.partition_point(|t| t.content.start <= at);
        let k = k.checked_sub(1)?;
        let t = &reading.turns[k];
        (t.content.end > at && !t.is_question).then_some(k)
    };
    // Per question: the turn whose topic it is, and sentences since it was named.
    let mut topic: Vec<Option<(TextRange, usize)>> = vec![None; questions.len()];
    // Positions on "our decision", whose stance is the document's decision.
    let mut pending: Vec<usize> = Vec::new();
    for st in &reading.statements {
        let Some(actor_id) = &st.actor else { continue };
        let (name, gov, rank) = match kb
            .get(actor_id)
            .or_else(|| reading.provisional.iter().find(|a| &a.id == actor_id))
        {
            Some(a) => {
                let d = st.valid.from;
                let gov = a.gov_on(d).cloned();
                (a.name.clone(), gov, a.rank_on(d))
            }
            None => continue,
        };
        let Some(gov) = gov else { continue };
        if rank == Rank::None {
            continue;
        }
        // "He would be opposed to lifting the sanctions?", "Do we still
        // oppose a general ceasefire?": an official repeating or asking a
        // question asserts nothing by it.
        if text[st.evidence.range()].trim_end().ends_with('?') {
            continue;
        }
        let frame_lc = lay.lower(text, st.frame.range());
        // For the object: without people's names ("Help Stacey Abrams").
        let frame_olc = lower_unnamed(text, st.frame, &frame_lc, reading, kb);
        let elsewhere = recipients_named(kb, &text[st.frame.range()]);
        let turn = turn_at(st.evidence.start);
        // In a transcript, the whole turn is the sentence's context for the target
        // ("The Abrams tanks are the most capable tanks in the world" in a speech on Ukraine).
        let speakers_own = own_pronouns(text, st, reading);
        let said_lc = lower_own(
            text,
            lay,
            st.cue
                .iter()
                .chain(st.content.iter())
                .filter(|r| st.kind != StatementKind::Turn || *r != &st.cue[0]),
            &speakers_own,
        );
        // What a reported statement is about is in what was said, not in the
        // rest of its sentence ("This Abrams announcement builds on the package
        // that the administration announced last week").
        let reported = matches!(
            st.kind,
            StatementKind::Direct | StatementKind::Partial | StatementKind::Indirect
        ) && !st.cue.is_empty();
        // In prose, the paragraph so far and the one before (made once per
        // statement, when a question first needs it).
        let mut prose_context: Option<(std::borrow::Cow<'_, str>, std::ops::Range<usize>)> = None;
        // The people of the speaker's government the sentence names
        // (resolved in the knowledge base), and whether its speaker, a
        // person, speaks of his own deeds: only for a question of a person's
        // deed.
        let people: Vec<&Actor> = if !person_deeds {
            Vec::new()
        } else {
            let from = reading
                .mentions
                .partition_point(|m| m.range.start < st.frame.start);
            reading.mentions[from..]
                .iter()
                .take_while(|m| m.range.end <= st.frame.end)
                .filter(|m| !m.provisional)
                .filter_map(|m| kb.get(m.actor.as_ref()?))
                .filter(|a| a.kind == ActorKind::Person && a.gov_on(st.valid.from) == Some(&gov))
                .collect()
        };
        let speaker = st
            .actor
            .as_ref()
            .and_then(|a| kb.get(a))
            .filter(|a| a.kind == ActorKind::Person);
        let first_person = person_deeds
            && frame_lc
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "i" | "me" | "my"));
        // "Donald Trump meets Emmanuel Macron": the deed is its subject's. A
        // sentence that names another person of ours and not him, nor one of
        // the question's own ("Joe Biden met today with President Macron",
        // "Jake Sullivan met with President Milei"), or whose speaker,
        // another person, says "I", tells of someone else's.
        let other_doer = |q: &Compiled| {
            let is_subject = |a: &Actor| {
                let name = a.name.to_lowercase();
                q.subject_person
                    .iter()
                    .any(|f| questions::has_form(&name, f))
            };
            !q.subject_person.is_empty()
                && !q
                    .subject_person
                    .iter()
                    .any(|f| questions::has_form(&frame_lc, f))
                && (people
                    .iter()
                    .any(|a| !is_subject(a) && q.object_hits(&a.name.to_lowercase()) == 0)
                    || first_person && speaker.is_some_and(|a| !is_subject(a)))
        };
        for (qi, q) in questions.iter().enumerate() {
            // "providing F-16s to Turkey" is not about F-16s for Ukraine.
            if diverted(&elsewhere, &recipients[qi]) {
                continue;
            }
            let about_lc: &str = if reported {
                &said_lc
            } else {
                q.unnamed(&frame_lc, &frame_olc)
            };
            let hits = q.object_hits(about_lc);
            // "Pakistan agreed to a ceasefire" (said: "agreed to a
            // ceasefire"), "Lavrov rejected the ceasefire proposal": an
            // action's place that is the speaker's own government is named.
            let itself = place_govs[qi]
                .iter()
                .find(|(g, _)| q.shape == questions::Shape::Action && *g == gov)
                .map(|(_, f)| *f);
            // A provision's recipient may be named anywhere in the turn (a
            // speech on Ukraine); an action's must be in the sentence
            // ("sanctions" in a turn that names Russia once may be Syria's).
            let own = hits >= q.needed()
                && (q.target_hit(&frame_lc)
                    || itself.is_some()
                    || q.shape != questions::Shape::Action
                        && turn.is_some_and(|k| topics[k].target[qi] && !topics[k].diverted[qi]));
            // `strong`: the statement is about the question whatever it says
            // (it names the subject, answers a question about it, or follows
            // closely on its naming). `weak`: the subject is on the table in
            // this turn, so a sentence that refers back to it ("these tanks",
            // "this decision") is about it.
            let mut strong = own;
            let mut weak = own;
            // The ids of the rules that decided, in order.
            let mut why: Vec<&'static str> = Vec::new();
            // Whether the act this statement reacts to, or the lead it
            // points back at, names the question's subject.
            let mut subject_told = false;
            if own {
                why.push("about.named");
            }
            if st.kind == StatementKind::Turn {
                let turn = st.cue[0];
                if own {
                    topic[qi] = Some((turn, 0));
                } else if let Some((t, n)) = topic[qi] {
                    if t == turn && n < TOPIC_WINDOW {
                        strong = true;
                        why.push("about.topic-window");
                        topic[qi] = Some((t, n + 1));
                    }
                }
            }
            if let Some(k) = turn {
                let tt = &topics[k];
                if tt.asked[qi] {
                    // An answer is about what was asked.
                    strong = true;
                    weak = true;
                    why.push("about.asked");
                }
                if tt.named[qi] && !weak {
                    weak = true;
                    why.push("about.named-in-turn");
                }
            }
            if st.kind != StatementKind::Turn && !strong {
                // A reaction inherits the topic of the act it reacts to.
                if let Some(k) = st.reacts_to {
                    let prior = &reading.statements[k];
                    let p_lc = lay.lower(text, prior.frame.range());
                    strong = q.names_it(&p_lc);
                    weak |= strong;
                    if strong {
                        why.push("about.reaction");
                        subject_told |= q.names_subject(&p_lc);
                    }
                }
            }
            if !weak && reading.turns.is_empty() {
                // In prose, the paragraph so far and the one before are the
                // context: "The United States will send 31 Abrams tanks to
                // Ukraine. ¶ Kirby said the administration had approved this
                // step."
                let (p_lc, span) = prose_context.get_or_insert_with(|| {
                    let here = block_start(text, st.frame.start);
                    let from = block_start(text, here.saturating_sub(1));
                    (
                        lay.lower(text, from..st.frame.start),
                        lay.to_lowered(from)..lay.to_lowered(st.frame.start),
                    )
                });
                let may_name = anchored[qi].as_ref().is_none_or(|starts| {
                    let k = starts.partition_point(|&s| s < span.start);
                    starts.get(k).is_some_and(|&s| s < span.end)
                });
                weak = may_name && q.names_it(p_lc);
                if weak {
                    why.push("about.prose-context");
                } else if hits > 0 {
                    // The sentence names part of the question and the context
                    // the rest: "... reciprocal tariffs. ¶ These tariffs seek
                    // to address ...".
                    let joined = format!("{p_lc} {about_lc}");
                    weak = q.names_it(&joined);
                    if weak {
                        why.push("about.prose-context-joined");
                    }
                }
            }
            // In a report, a sentence that points back ("the duties", "the
            // move") at what the lead tells is about that act: "German
            // Chancellor Olaf Scholz had opposed the duties".
            let mut lead_told = false;
            if news && !own && q.points_back(about_lc) {
                let lead = lead.get_or_insert_with(|| lead_lc(doc, text, lay));
                let joined = format!("{lead} {about_lc}");
                if q.names_it(&joined) {
                    lead_told = true;
                    subject_told |= q.names_subject(&joined);
                    if !weak {
                        weak = true;
                        why.push("about.lead");
                    }
                }
            }
            // The rules' vetoes, which bind a learned judge too.
            let vetoed = |stance: Stance, modality: Modality| -> bool {
                // "Ukraine joins NATO": "Finland and Sweden are closer than ever
                // to joining" is someone else's joining. An action with a named
                // subject needs it in the sentence, unless the speaker is of it
                // (and says "we") or a reporter just asked about it.
                let other_subject = q.shape == questions::Shape::Action
                    && !q.subject.is_empty()
                    && !subject_govs[qi].contains(&gov)
                    && !turn.is_some_and(|k| topics[k].asked[qi])
                    && !subject_told
                    && !q.names_subject(&frame_lc);
                // "Germany has announced it's going to provide a Patriot
                // system": a third government's own giving, done or promised,
                // commits neither the question's giver nor its recipient.
                let third_party = stance == Stance::Support
                    && matches!(modality, Modality::Commitment | Modality::Act)
                    && !agents[qi].is_empty()
                    && !agents[qi].contains(&gov)
                    && !recipients[qi].contains(&gov);
                other_subject || third_party || other_doer(q)
            };
            // A learned judge reads the candidates: statements that touch the
            // question's terms, with its target named or on the table, and
            // answers to a reporter's question on it (as the labelled corpus
            // drew them).
            let asked_on_it = turn.is_some_and(|k| topics[k].asked[qi]);
            let candidate = asked_on_it || hits > 0 && (weak || q.target_hit(&frame_lc));
            // The judge is asked after the rules, knowing what they found,
            // except in gate mode, where the rules ask it first.
            let ask = |ruled: Option<Stance>| match judges.stance {
                Some(j) if candidate => {
                    let previous = sentence_of(&reading.sentences, st.frame.start)
                        .and_then(|k| k.checked_sub(1))
                        .map_or("", |k| &text[reading.sentences[k].range()]);
                    let asked = turn
                        .and_then(|k| k.checked_sub(1))
                        .map(|k| &reading.turns[k])
                        .filter(|t| t.is_question)
                        .map_or("", |t| &text[t.content.range()]);
                    // The context as the judge was trained on it: 400 characters at most.
                    let sentence = &text[st.frame.range()];
                    j.probabilities(&JudgeInput {
                        question: &q.question,
                        compiled: q,
                        sentence,
                        previous: clip(previous, 400),
                        asked: clip(asked, 400),
                        ruled,
                        statement: CandidateStatement {
                            doc: doc.name.as_str(),
                            text,
                            evidence: st.evidence,
                            valid: st.valid,
                            actor: &name,
                            rank,
                            kind: st.kind,
                            act: st.action.is_some(),
                            agent: agents[qi].contains(&gov),
                            recipient: recipients[qi].contains(&gov),
                        },
                    })
                    .map(|p| (j, p))
                }
                _ => None,
            };
            let model = if judges.mode == JudgeMode::Gate {
                ask(None)
            } else {
                None
            };
            // What the rules decide: (stance, modality, confidence,
            // qualifier, about our decision, rule ids).
            let rules: Option<Decision> = 'rules: {
                if !weak {
                    break 'rules None;
                }
                let found = match (st.action, st.reacts_to) {
                    // An act of the lexicon: a decision points the way its
                    // clause does on the question (its own verbs: "banned",
                    // "imposed"), and so does a meeting ("will meet President
                    // Macron" on "Trump meets Macron"); a stance noun points
                    // its own way.
                    (
                        Some(
                            c @ (ActionClass::Decide
                            | ActionClass::Enact
                            | ActionClass::Undo
                            | ActionClass::Meet),
                        ),
                        _,
                    ) => {
                        let clause = lower_own(text, lay, st.content.iter(), &speakers_own);
                        stance::score(q, &clause)
                            .filter(|f| f.modality != Modality::Refusal)
                            .map(|f| {
                                // An act, whatever its clause's wording: so a
                                // third government's act commits no one else.
                                (
                                    f.stance,
                                    Modality::Act,
                                    f.confidence,
                                    f.qualifier,
                                    "act.decided",
                                    f.rules,
                                )
                            })
                            .or_else(|| {
                                // No cue of the question in the clause: an act
                                // that puts in place, or undoes, the very thing
                                // its own clause names ("a ceasefire was
                                // possible only after Ukraine withdrew its
                                // troops" is no withdrawal from a ceasefire).
                                let undoes = match c {
                                    ActionClass::Enact => false,
                                    ActionClass::Undo => true,
                                    _ => return None,
                                };
                                if !own
                                    || q.shape == questions::Shape::Evaluation
                                    || q.object_hits(&clause) < q.needed()
                                {
                                    return None;
                                }
                                // Done to a stop put on it ("lifted its pause
                                // on military aid"): the other way.
                                let stop = stance::acts_on_a_stop(q, &clause);
                                let (fixed, id) = match (undoes, stop) {
                                    (true, true) => (Stance::Support, "act.on-a-stop"),
                                    (false, true) => (Stance::Oppose, "act.on-a-stop"),
                                    (false, false) => (Stance::Support, "act.enacted"),
                                    (true, false) => (Stance::Oppose, "act.undone"),
                                };
                                Some((fixed, Modality::Act, 0.6, None, id, Vec::new()))
                            })
                    }
                    (Some(ActionClass::Endorse), _) => Some((
                        Stance::Support,
                        Modality::Statement,
                        0.6,
                        None,
                        "act.noun",
                        Vec::new(),
                    )),
                    (Some(ActionClass::Reject), _) => Some((
                        Stance::Oppose,
                        Modality::Statement,
                        0.6,
                        None,
                        "act.noun",
                        Vec::new(),
                    )),
                    (Some(ActionClass::Welcome), Some(k)) => reading.statements[k]
                        .action
                        .and_then(|c| stance::of_act(q, c))
                        .or_else(|| {
                            // An act of the lexicon points the way its own
                            // position on the question does.
                            let prior = &reading.statements[k];
                            out.iter()
                                .rev()
                                .find(|p: &&Position| {
                                    p.question == q.question.id
                                        && p.modality == Modality::Act
                                        && p.evidence.range == prior.evidence
                                })
                                .map(|p| p.stance)
                        })
                        .map(|s| {
                            (
                                s,
                                Modality::Statement,
                                0.6,
                                None,
                                "act.welcomes",
                                Vec::new(),
                            )
                        }),
                    (Some(class), _) => stance::of_act(q, class).map(|s| {
                        let f = stance::score(q, &said_lc);
                        (
                            s,
                            Modality::Act,
                            0.8,
                            f.and_then(|f| f.qualifier),
                            "act.class",
                            Vec::new(),
                        )
                    }),
                    (None, _) => stance::score(q, &said_lc)
                        .map(|f| {
                            (
                                f.stance,
                                f.modality,
                                f.confidence,
                                f.qualifier,
                                "cue.stance",
                                f.rules,
                            )
                        })
                        .or_else(|| {
                            // "China's commerce ministry called the move
                            // protectionist": a sentence pointing back at the
                            // act its article's lead tells judges that act.
                            // The act's own way on the question is the lead's
                            // ("imposed duties": for it; "lifted sanctions":
                            // against it), and judging it badly turns it round.
                            if q.shape == questions::Shape::Evaluation || !lead_told {
                                return None;
                            }
                            let told = stance::score(q, lead.as_deref()?)?.stance;
                            let judged = match (stance::appraisal(&said_lc)?, told) {
                                (_, Stance::Neutral) => return None,
                                (a, Stance::Support) => a,
                                (Stance::Support, Stance::Oppose) => Stance::Oppose,
                                (Stance::Oppose, Stance::Oppose) => Stance::Support,
                                (Stance::Neutral, _) => return None,
                            };
                            Some((
                                judged,
                                Modality::Statement,
                                0.6,
                                None,
                                "cue.appraisal",
                                Vec::new(),
                            ))
                        })
                        .or_else(|| {
                            (q.shape == questions::Shape::Provision && stance::does_that(&frame_lc))
                                .then_some((
                                    Stance::Support,
                                    Modality::Act,
                                    0.6,
                                    None,
                                    "act.does-that",
                                    Vec::new(),
                                ))
                        })
                        .or_else(|| {
                            // A government's own prose (a fact sheet, a
                            // statement, a readout: a sentence in the
                            // publication's voice, or its report of an
                            // official's words: "President Biden reaffirmed
                            // ..."), about the question's act where it
                            // stands or by its context, asserting it plainly.
                            // So does an official's turn in a transcript on
                            // an action, but only in a sentence that names
                            // the act itself ("We held the morality police
                            // accountable"), not one that leans on the turn's
                            // topic ("It was —", "It's different."); naming a
                            // provision's object ("The Abrams is a powerful
                            // system") asserts no provision.
                            let prose =
                                st.kind == StatementKind::Indirect && reading.turns.is_empty();
                            let in_turn = st.kind == StatementKind::Turn
                                && own
                                && q.shape == questions::Shape::Action;
                            let voice = (prose || in_turn)
                                && st
                                    .actor
                                    .as_ref()
                                    .and_then(|a| kb.get(a))
                                    .is_some_and(|a| a.kind == ActorKind::Person);
                            // A sentence that only points back at the act its
                            // lead tells asserts nothing of it plainly ("said
                            // he was disappointed by the decision").
                            // In a turn, it must not tell of the act resisted
                            // ("Hamas has refused a ceasefire").
                            let plain = || {
                                if in_turn {
                                    stance::plain_affirmation(&frame_lc)
                                } else {
                                    stance::plain_assertion(&frame_lc)
                                }
                            };
                            (voice
                                && q.shape != questions::Shape::Evaluation
                                && !lead_told
                                && plain())
                            .then_some((
                                Stance::Support,
                                Modality::Statement,
                                0.5,
                                None,
                                if in_turn {
                                    "voice.affirms-in-turn"
                                } else {
                                    "voice.affirms"
                                },
                                Vec::new(),
                            ))
                        }),
                };
                let found = found.map(|(s, m, c, ql, id, sub)| {
                    why.push(id);
                    why.extend(sub);
                    (s, m, c, ql)
                });
                // "That is the thinking behind our decision": the decision the
                // document reports, whichever way it went (resolved below).
                let about_decision = found.is_none()
                    && weak
                    && q.shape == questions::Shape::Provision
                    && stance::names_the_decision(&frame_lc);
                if about_decision {
                    why.push("decision.ours");
                }
                let found = found.or_else(|| {
                    about_decision.then_some((Stance::Neutral, Modality::Statement, 0.5, None))
                });
                // "We will not leave Ukraine defenseless": the case for providing,
                // in a turn where the subject is on the table.
                // On whether something is acceptable, the case counts only when it
                // names the thing ("despite the risk ... associated with cluster
                // munitions, the risk ... of leaving Ukraine without the ammo").
                let argued = found.is_none()
                    && weak
                    && stance::keeps_armed(&frame_lc)
                    && match q.shape {
                        questions::Shape::Provision => true,
                        questions::Shape::Evaluation => q.refers(about_lc),
                        questions::Shape::Action => false,
                    };
                if argued {
                    why.push("argued.keeps-armed");
                }
                let found = found.or_else(|| {
                    argued.then_some((Stance::Support, Modality::Commitment, 0.6, None))
                });
                let Some((stance, modality, confidence, qualifier)) = found else {
                    break 'rules None;
                };
                if vetoed(stance, modality) {
                    break 'rules None;
                }
                // "China said it would fight to the end after President
                // Trump raised tariffs": another government telling of the
                // subject's act done, in the act's own verb and no cue of its
                // own, takes no stance on it ("We call on Russia to return
                // ..." does).
                let tells_of_it = q.shape == questions::Shape::Action
                    && stance == Stance::Support
                    && !subject_govs[qi].is_empty()
                    && !subject_govs[qi].contains(&gov)
                    && why.contains(&"cue.own-verb")
                    && why.contains(&"mod.act")
                    && !why
                        .iter()
                        .any(|w| matches!(*w, "cue.support" | "cue.phrase" | "cue.governor"));
                if tells_of_it {
                    break 'rules None;
                }
                // A reference by name or head noun stands anywhere in a turn on
                // the subject; "this step", "this package" only where the subject
                // was named just before (the paragraph so far, or the one
                // before), as a long opening statement moves through many
                // matters ("This announcement is ... investment in America").
                let refers = |lc: &str| match q.reference(&match itself {
                    Some(f) => std::borrow::Cow::Owned(format!("{lc} {f}")),
                    None => std::borrow::Cow::Borrowed(lc),
                }) {
                    Some(questions::Reference::Anaphor) if !strong => {
                        let here = block_start(text, st.frame.start);
                        let from = block_start(text, here.saturating_sub(1));
                        let near = lay.lower(text, from..st.frame.end);
                        q.object_hits(&near) >= q.needed()
                    }
                    Some(_) => true,
                    None => false,
                };
                // Declining to commit answers whatever was asked; an act or a
                // stance in words must be about the object itself, not about aid
                // in general, unless it is the whole answer ("No.").
                let bare_answer = turn.is_some_and(|k| topics[k].asked_by_name[qi])
                    && frame_lc.split_whitespace().count() <= 4
                    && frame_lc
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .is_some_and(|w| ["yes", "no", "nope", "absolutely"].contains(&w));
                let ok = if about_decision || argued {
                    true
                } else if modality == Modality::Refusal {
                    // Declining to give details is no answer on whether something
                    // is acceptable, unless said of it by name.
                    why.push("ok.refusal-on-subject");
                    strong && (q.shape == questions::Shape::Provision || own)
                } else if st.action.is_some() {
                    let by_ref = !strong && refers(q.unnamed(&frame_lc, &frame_olc));
                    let back = !strong && !by_ref && actions::refers_back(&frame_lc);
                    why.push(if strong {
                        "ok.act-on-subject"
                    } else if by_ref {
                        "ok.act-refers"
                    } else {
                        "ok.act-refers-back"
                    });
                    strong || by_ref || back
                } else {
                    // In an answer about the subject, a sentence that opens on a
                    // pronoun ("It's also very expensive to operate") is about it.
                    let asked = turn.is_some_and(|k| topics[k].asked[qi]);
                    // ... or that provides "them" ("being able to provide them").
                    // The antecedent must be the object, named in the sentence
                    // before ("these stocks of DPICMs ... being able to provide
                    // them"), not another weapon ("Stingers and Javelins. We
                    // provided them.").
                    let pronoun_object = asked
                        && stance::provides_pronoun(&frame_lc)
                        && sentence_of(&reading.sentences, st.frame.start)
                            .and_then(|k| k.checked_sub(1))
                            .is_some_and(|k| {
                                let prev = reading.sentences[k];
                                let plain = lay.lower(text, prev.range());
                                let olc = lower_unnamed(text, prev, &plain, reading, kb);
                                q.object_hits(q.unnamed(&plain, &olc)) >= q.needed()
                            });
                    let pronoun_subject = asked
                        && frame_lc
                            .trim_start_matches(|c: char| !c.is_alphanumeric())
                            .split(|c: char| !c.is_alphanumeric())
                            .next()
                            .is_some_and(|w| ["it", "these", "those"].contains(&w));
                    // "And that's what we're doing right now": the act just
                    // described, in a turn on the subject.
                    let doing_that = strong && stance::does_that(&frame_lc);
                    // "Today, we will be announcing that the United States will
                    // send 31 ... tank battalions": the decision, with its head noun.
                    let announced = weak
                        && stance::announces(&frame_lc)
                        && q.own_heads.iter().any(|h| frame_lc.contains(h.as_str()));
                    let of_it = asked && stance::cue_of_it(q, &said_lc);
                    // "Scholz had opposed the duties": the sentence points
                    // back at the matter the article's lead tells.
                    let reasons = [
                        (lead_told, "ok.lead"),
                        (bare_answer, "ok.bare-answer"),
                        (pronoun_subject, "ok.pronoun-subject"),
                        (pronoun_object, "ok.pronoun-object"),
                        (of_it, "ok.cue-of-it"),
                        (doing_that, "ok.does-that"),
                        (announced, "ok.announced"),
                    ];
                    let mut any = false;
                    for (on, id) in reasons {
                        if on {
                            why.push(id);
                            any = true;
                        }
                    }
                    if !any && refers(about_lc) {
                        why.push("ok.refers");
                        any = true;
                    }
                    if !any
                        && judge.is_some_and(|j| j.related(&q.question, &text[st.frame.range()]))
                    {
                        why.push("ok.related-by-model");
                        any = true;
                    }
                    if !any
                        && judges.mode == JudgeMode::Gate
                        && model.as_ref().is_some_and(|(j, p)| p[0] < j.none_cut())
                    {
                        why.push(ABOUT_BY_JUDGE);
                        any = true;
                    }
                    any && !(stance == Stance::Support
                        && q.shape == questions::Shape::Provision
                        && (stance::presupposes(&frame_lc)
                            || stance::supplies_for_object(q, &frame_lc)))
                };
                if !ok {
                    break 'rules None;
                }
                Some(Decision {
                    stance,
                    modality,
                    confidence,
                    qualifier,
                    about_decision,
                    why: Why::rules(&why),
                })
            };
            let model = match judges.mode {
                JudgeMode::Gate => model,
                _ => ask(rules.as_ref().map(|r| r.stance)),
            };
            let decision = match (model, judges.mode) {
                (None, _) => rules,
                (Some((j, p)), mode) => {
                    let label = if p[0] >= j.none_cut() {
                        None
                    } else {
                        (1..4).max_by(|a, b| p[*a].total_cmp(&p[*b]))
                    };
                    let stance =
                        label.map(|k| [Stance::Support, Stance::Oppose, Stance::Neutral][k - 1]);
                    let judged = stance.and_then(|stance| {
                        // The modality the rules saw, else an act's or a statement's.
                        let modality = match &rules {
                            Some(r) if r.stance == stance => r.modality,
                            _ if st.action.is_some() => Modality::Act,
                            _ => Modality::Statement,
                        };
                        if vetoed(stance, modality) {
                            return None;
                        }
                        let mut ids: Vec<String> = why.iter().map(|s| s.to_string()).collect();
                        ids.push("judge.candidate".into());
                        Some(Decision {
                            stance,
                            modality,
                            confidence: p[label.unwrap_or(0)],
                            qualifier: rules.as_ref().and_then(|r| r.qualifier.clone()),
                            about_decision: false,
                            why: Why {
                                judge: j.name().to_string(),
                                rules: ids,
                                probability: Some(p[label.unwrap_or(0)]),
                            },
                        })
                    });
                    match mode {
                        JudgeMode::Replace => judged,
                        JudgeMode::Union => rules.or(judged),
                        JudgeMode::Vet => rules
                            .filter(|_| j.veto_cut().is_none_or(|c| p[0] < c))
                            .or(judged),
                        JudgeMode::Cue => rules.or_else(|| {
                            judged.filter(|_| strong).map(|mut d| {
                                d.why.rules.push(CUE_BY_JUDGE.into());
                                d
                            })
                        }),
                        // A position the judge confirmed, or let in, records its
                        // name and its probability that the candidate is about it.
                        JudgeMode::Confirm => rules
                            .filter(|_| label.is_some())
                            .map(|r| r.vouched_by(j.name(), 1.0 - p[0])),
                        JudgeMode::Gate => rules.map(|r| {
                            if r.why.rules.iter().any(|id| id == ABOUT_BY_JUDGE) {
                                r.vouched_by(j.name(), 1.0 - p[0])
                            } else {
                                r
                            }
                        }),
                    }
                }
            };
            let Some(Decision {
                stance,
                modality,
                confidence,
                qualifier,
                about_decision,
                why,
            }) = decision
            else {
                continue;
            };
            if about_decision {
                pending.push(out.len());
            }
            out.push(Position {
                question: q.question.id.clone(),
                actor: actor_id.clone(),
                actor_name: name.clone(),
                government: gov.clone(),
                rank,
                stance,
                qualifier,
                kind: st.kind,
                modality,
                confidence,
                valid: act_day(text, reading, st, modality, doc.published).unwrap_or(st.valid),
                recorded,
                evidence: Evidence {
                    doc: doc.id.clone(),
                    range: st.evidence,
                },
                reported: st.reported,
                uncoordinated: st.uncoordinated,
                why,
            });
        }
    }
    // A sentence about "our decision" takes the stance of the acts the
    // document reports on that question, when they agree; otherwise it is
    // no position.
    let mut keep = vec![true; out.len()];
    for &i in &pending {
        let q = &out[i].question;
        let mut acts = out
            .iter()
            .enumerate()
            .filter(|(j, p)| {
                !pending.contains(j) && &p.question == q && p.modality == Modality::Act
            })
            .map(|(_, p)| p.stance);
        match acts.next() {
            Some(first) if acts.all(|s| s == first) => {
                out[i].stance = first;
                out[i].why.rules.push("decision.follows-acts".into());
            }
            _ => keep[i] = false,
        }
    }
    // "The Prime Minister stated the UK's legal position: ...": a speaker
    // relaying another government's statement takes no position by it
    // (relaying a colleague's is still the speaker's own line).
    for i in 0..out.len() {
        let relays_other = out.iter().any(|b| {
            b.question == out[i].question
                && b.government != out[i].government
                && b.evidence.range != out[i].evidence.range
                && out[i].evidence.range.contains(b.evidence.range)
        });
        if relays_other && matches!(out[i].kind, StatementKind::Direct | StatementKind::Turn) {
            keep[i] = false;
        }
    }
    // An act of the lexicon read where another statement of the same actor
    // already took the same stance on the same evidence (the publication's
    // voice, a transcript turn): one position, not two.
    let lexicon_act = |p: &Position| {
        p.why.rules.iter().any(|r| {
            [
                "act.decided",
                "act.enacted",
                "act.undone",
                "act.on-a-stop",
                "act.noun",
            ]
            .contains(&r.as_str())
        })
    };
    for i in 0..out.len() {
        if !keep[i] || !lexicon_act(&out[i]) {
            continue;
        }
        let twin = (0..out.len()).any(|j| {
            j != i
                && keep[j]
                && (!lexicon_act(&out[j]) || j < i)
                && out[j].question == out[i].question
                && out[j].actor == out[i].actor
                && out[j].stance == out[i].stance
                && out[j].evidence.range.overlaps(out[i].evidence.range)
        });
        if twin {
            keep[i] = false;
        }
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    relay_colleague_acts(reading, kb, &mut out);
    relay_colleague_stances(reading, kb, text, &mut out);
    out
}

/// Whether `actor` already holds a position on `question` over `range`
/// among `positions` (a relay adds none twice).
fn holds<'a>(
    mut positions: impl Iterator<Item = &'a Position>,
    actor: &ActorId,
    question: &str,
    range: TextRange,
) -> bool {
    positions
        .any(|o| &o.actor == actor && o.question == question && o.evidence.range.overlaps(range))
}

/// `why` with one more rule fired after it (a later pass's).
fn with_rule(why: &Why, rule: &str) -> Why {
    let mut out = why.clone();
    out.rules.push(rule.to_string());
    out
}

/// Lexicon class `relayed_stance_verbs` (data/lexicon.toml).
static RELAYED_STANCE_VERBS: std::sync::LazyLock<&[&str]> =
    std::sync::LazyLock::new(|| lexicon::words("relayed_stance_verbs"));

/// Lexicon class `relayed_stance_bridges` (data/lexicon.toml).
static RELAYED_STANCE_BRIDGES: std::sync::LazyLock<&[&str]> =
    std::sync::LazyLock::new(|| lexicon::words("relayed_stance_bridges"));

/// Whether `after` (the text after a person's name) opens with a verb of
/// stance that the person is the subject of: "continues to strongly support
/// Sweden joining", "has been clear that", "wants to see a ceasefire".
fn opens_with_stance_verb(after: &str) -> bool {
    let words = after
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .take(6);
    for w in words {
        let w = w.to_lowercase();
        if RELAYED_STANCE_VERBS.contains(&w.as_str()) {
            return true;
        }
        if !RELAYED_STANCE_BRIDGES.contains(&w.as_str()) {
            return false;
        }
    }
    false
}

/// "And when it comes to Sweden and NATO, the President continues to
/// strongly support Sweden joining": a speaker who states a colleague's
/// stance, in their own turn, gives that colleague the position too (the
/// gold convention: both hold it). The colleague is the subject of a verb
/// of stance in the speaker's sentence, a person of the same government.
fn relay_colleague_stances(reading: &Reading, kb: &Kb, text: &str, out: &mut Vec<Position>) {
    let mut added: Vec<Position> = Vec::new();
    for p in out.iter() {
        if p.kind != StatementKind::Turn || p.modality == Modality::Act {
            continue;
        }
        if !kb
            .get(&p.actor)
            .is_some_and(|a| a.kind == ActorKind::Person)
        {
            continue;
        }
        let d = p.valid.from;
        let r = p.evidence.range;
        let from = reading
            .mentions
            .partition_point(|m| m.range.start < r.start);
        let colleague = reading.mentions[from..]
            .iter()
            .take_while(|m| m.range.end <= r.end)
            .filter(|m| !m.provisional)
            .filter_map(|m| Some((m, kb.get(m.actor.as_ref()?)?)))
            .find(|(m, a)| {
                a.id != p.actor
                    && a.kind == ActorKind::Person
                    && a.gov_on(d) == Some(&p.government)
                    && a.rank_on(d) != Rank::None
                    && opens_with_stance_verb(&text[m.range.end..r.end])
            })
            .map(|(_, a)| a);
        let Some(a) = colleague else { continue };
        if holds(out.iter().chain(&added), &a.id, &p.question, r) {
            continue;
        }
        added.push(Position {
            actor: a.id.clone(),
            actor_name: a.name.clone(),
            rank: a.rank_on(d),
            kind: StatementKind::Indirect,
            why: with_rule(&p.why, "relay.colleague-stance"),
            ..p.clone()
        });
    }
    out.extend(added);
}

/// "There was a unanimous recommendation ..., and President Biden
/// ultimately decided ... to move forward": a speaker who relays a
/// colleague's decision, in their own turn, holds that line too. The
/// speaker's position cites their own sentence.
fn relay_colleague_acts(reading: &Reading, kb: &Kb, out: &mut Vec<Position>) {
    let mut added = Vec::new();
    for p in out.iter() {
        if p.kind != StatementKind::Action || p.modality != Modality::Act {
            continue;
        }
        let Some(turn_st) = reading.statements.iter().find(|s| {
            s.kind == StatementKind::Turn
                && s.frame.contains(p.evidence.range)
                && s.actor.as_ref().is_some_and(|a| a != &p.actor)
        }) else {
            continue;
        };
        let Some(speaker) = turn_st.actor.as_ref().and_then(|id| kb.get(id)) else {
            continue;
        };
        let d = turn_st.valid.from;
        if speaker.gov_on(d) != Some(&p.government) || speaker.rank_on(d) == Rank::None {
            continue;
        }
        if holds(
            out.iter().chain(&added),
            &speaker.id,
            &p.question,
            turn_st.evidence,
        ) {
            continue;
        }
        added.push(Position {
            actor: speaker.id.clone(),
            actor_name: speaker.name.clone(),
            rank: speaker.rank_on(d),
            kind: StatementKind::Turn,
            modality: Modality::Statement,
            valid: turn_st.valid,
            evidence: Evidence {
                doc: p.evidence.doc.clone(),
                range: turn_st.evidence,
            },
            reported: false,
            uncoordinated: false,
            why: with_rule(&p.why, "relay.colleague-act"),
            ..p.clone()
        });
    }
    out.extend(added);
}

#[cfg(test)]
mod linear {
    //! The searches that keep reading linear in a document's size give what
    //! the scans they replaced gave.
    use super::*;

    /// Sentence-like spans: in order and apart, with gaps and empty ones.
    fn spans() -> Vec<TextRange> {
        let mut out = Vec::new();
        let mut at = 0;
        for k in 0..300usize {
            let len = k * 7 % 13;
            out.push(TextRange::new(at, at + len));
            at += len + k % 3;
        }
        out
    }

    #[test]
    fn overlapping_finds_what_a_scan_finds() {
        let spans = spans();
        let end = spans.last().unwrap().end + 5;
        for a in 0..end {
            for len in [0, 1, 5, 40] {
                let r = TextRange::new(a, a + len);
                let scan: Vec<&TextRange> = spans.iter().filter(|s| r.overlaps(**s)).collect();
                let found: Vec<&TextRange> = overlapping(&spans, r).collect();
                assert_eq!(found, scan, "{r:?}");
                assert_eq!(any_overlap(&spans, r), !scan.is_empty());
            }
        }
    }

    #[test]
    fn paragraph_start_is_the_start_of_the_line() {
        let text = "one\ntwo three\n\nfour\nfive";
        let lines = line_starts(text);
        for at in 0..=text.len() {
            let scan = text[..at].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(paragraph_start(&lines, at), scan, "at {at}");
        }
    }

    #[test]
    fn block_start_finds_the_blank_line_and_looks_back_a_bounded_way() {
        let text = "a b.\n\nc d.\ne f.";
        assert_eq!(block_start(text, text.len()), 6);
        // One byte back from a start inside a no-break space.
        let nbsp = "a\u{a0}b";
        assert_eq!(block_start(nbsp, 2), 0);
        assert_eq!(block_start(text, 3), 0);
        // A megabyte without a blank line: the context is the last
        // `BLOCK_LOOKBACK` bytes, on a character boundary.
        let long = "é line\n".repeat(1 << 17);
        let at = long.len() - 1;
        let s = block_start(&long, at);
        assert!(at - s <= BLOCK_LOOKBACK && at - s + 4 > BLOCK_LOOKBACK);
        assert!(long.is_char_boundary(s));
    }
}
