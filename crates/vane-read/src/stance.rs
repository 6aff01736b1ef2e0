//! Stance: which way a statement points on a question, from cue lists with
//! negation scope, hedges and refusals.

use crate::lexicon;
use crate::questions::{has_form, Compiled, Shape};
use regex::Regex;
use std::sync::{LazyLock, OnceLock};
use vane_core::{ActionClass, Modality, Stance};

/// A stance found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub stance: Stance,
    pub modality: Modality,
    pub confidence: f32,
    pub qualifier: Option<String>,
    /// The ids of the rules that decided it, in the order they fired: the
    /// cue classes counted (`cue.<class>`), negations (`neg.*`), vetoes that
    /// set a cue aside (`veto.*`) and modality (`mod.*`). See `RULES`.
    pub rules: Vec<&'static str>,
}

/// The rules of `score`, by id, each with what it does. Ids name the lexicon
/// class they consult where there is one. A test checks that every id the
/// code pushes is listed here, and each rule's example and counter-example
/// live in this module's tests.
pub const RULES: &[(&str, &str)] = &[
    ("mod.refusal", "declines to commit (`refusals`, `decision_makers`): neutral, a refusal"),
    ("cue.support", "a cue of the proposition's shape that supports it (`provide_support`, `action_support`, `eval_support`)"),
    ("cue.oppose", "a cue of the proposition's shape that opposes it (`provide_oppose`, `action_oppose`, `eval_oppose`)"),
    ("cue.own-verb", "the proposition's own verb, said of it (\"imposed\" for \"imposes sanctions\")"),
    ("cue.governor", "a verb of wanting or rejecting that governs the cue after it (`governors`, `rejecting`)"),
    ("cue.phrase", "a multi-word cue of the shape's lists"),
    ("cue.concession", "after a concession the main clause decides (`concessives`)"),
    ("cue.contrast", "the cue is denied of the object by a contrast (\"tanks, but not F-16s\")"),
    ("neg.negator", "a negator within reach turns the cue around (`negators`, `negation_bridges`, `belief_verbs`)"),
    ("veto.third-party", "a third party's act or restraint (`others`, `nations`)"),
    ("veto.words-not-materiel", "words or information provided, not materiel"),
    ("veto.unannounced", "an act not yet announced"),
    ("veto.other-party", "another party than the proposition's subject acts"),
    ("veto.agree-with", "the own verb in another sense (\"agree with\")"),
    ("veto.act-without-its-party", "the own verb of a thing, not of the proposition's party (`act_needs_its_party`: \"welcomed the agreement\")"),
    ("veto.turn-of-speech", "\"I want to be clear\": a turn of speech"),
    ("veto.undoing-off-object", "a verb of undoing not on the object (`undoing`)"),
    ("cue.stop-undone", "a stop put on the object, undone (\"lifted its pause on aid\": `stoppages` after `undoing`, `act_verbs_undo`)"),
    ("veto.open-alternative", "\"whether ... or not\": an open alternative"),
    ("veto.stop-off-object", "a verb of stopping that does not govern the object (`not_stopping`)"),
    ("mod.commitment", "\"will\", \"going to\", \"committed\": a commitment"),
    ("mod.act", "the proposition's own verb in the past, asserted: the act itself"),
    ("mod.hedge", "every cue under a hedge (`hedges`): confidence drops"),
    ("mod.quantifier", "a quantifier up to an object term (`quantifiers`): a qualifier"),
];

/// Lexicon class `refusals` (data/lexicon.toml).
static REFUSALS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("refusals"));

/// Lexicon class `decision_makers` (data/lexicon.toml).
static DECISION_MAKERS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("decision_makers"));

/// Whether a sentence declines to commit. A "get ahead of" refusal counts
/// only when what it declines to get ahead of, within the next few words,
/// is a decision, an announcement or a decision maker.
fn refuses(lc: &str) -> bool {
    static AC: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let ac = AC
        .get_or_init(|| aho_corasick::AhoCorasick::new(*REFUSALS).expect("refusal patterns build"));
    ac.find_overlapping_iter(lc).any(|m| {
        let r = REFUSALS[m.pattern().as_usize()];
        !r.ends_with("get ahead of")
            || tokens(&lc[m.end()..])
                .iter()
                .take(6)
                .any(|t| DECISION_MAKERS.contains(t))
    })
}

/// Lexicon class `provide_support` (data/lexicon.toml).
static PROVIDE_SUPPORT: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("provide_support"));

/// Lexicon class `provide_oppose` (data/lexicon.toml).
static PROVIDE_OPPOSE: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("provide_oppose"));

/// Lexicon class `eval_support` (data/lexicon.toml).
static EVAL_SUPPORT: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("eval_support"));

/// Lexicon class `governors` (data/lexicon.toml).
static GOVERNORS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("governors"));

/// Lexicon class `rejecting` (data/lexicon.toml).
static REJECTING: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("rejecting"));

/// Lexicon class `undoing` (data/lexicon.toml).
static UNDOING: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("undoing"));

/// Lexicon class `other_sense_with` (data/lexicon.toml).
static OTHER_SENSE_WITH: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("other_sense_with"));
/// Lexicon class `act_needs_its_party` (data/lexicon.toml).
static ACT_NEEDS_ITS_PARTY: LazyLock<&[&str]> =
    LazyLock::new(|| lexicon::words("act_needs_its_party"));

/// Lexicon class `action_support` (data/lexicon.toml).
static ACTION_SUPPORT: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("action_support"));

/// Lexicon class `action_oppose` (data/lexicon.toml).
static ACTION_OPPOSE: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("action_oppose"));

/// Lexicon class `eval_oppose` (data/lexicon.toml).
static EVAL_OPPOSE: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("eval_oppose"));

/// Lexicon class `negators` (data/lexicon.toml).
static NEGATORS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("negators"));

/// Lexicon class `quantifiers` (data/lexicon.toml).
static QUANTIFIERS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("quantifiers"));

fn tokens(lc: &str) -> Vec<&str> {
    lc.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '*' || c == '-'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Lexicon class `negation_bridges` (data/lexicon.toml).
static NEGATION_BRIDGES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("negation_bridges"));
/// Lexicon class `without_idioms` (data/lexicon.toml).
static WITHOUT_IDIOMS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("without_idioms"));
/// Lexicon class `belief_verbs` (data/lexicon.toml).
static BELIEF_VERBS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("belief_verbs"));

/// Lexicon class `doubts` (data/lexicon.toml).
static DOUBTS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("doubts"));
/// Lexicon class `concessives` (data/lexicon.toml).
static CONCESSIVES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("concessives"));

fn negated(toks: &[&str], i: usize) -> bool {
    let neg = |t: &&str| NEGATORS.contains(t) || t.ends_with("n't") || t.ends_with("n’t");
    // "have not been able to provide": the words of ability and aspect
    // between a negator and its verb do not count towards its reach.
    let mut at = i;
    while at > 0 && NEGATION_BRIDGES.contains(&toks[at - 1]) {
        at -= 1;
    }
    let lo = at.saturating_sub(3);
    // "without delay", "without question": idioms, not negators.
    let idiom = |j: usize| {
        toks[j] == "without" && toks.get(j + 1).is_some_and(|n| WITHOUT_IDIOMS.contains(n))
    };
    if (lo..i).any(|j| neg(&toks[j]) && !idiom(j)) {
        return true;
    }
    // "we don't believe that — that — that it undermines ...", "you
    // wouldn't see this decision in any way undermine ...": a negated verb of
    // thinking or seeing governs the clause it introduces.
    let lo = i.saturating_sub(16);
    toks[lo..i]
        .windows(2)
        .any(|w| neg(&w[0]) && BELIEF_VERBS.contains(&w[1]))
        // "it is unlikely that we will impose ...": doubt governs the
        // clause the same way (unless itself negated: "no doubt").
        || (lo..i).any(|j| DOUBTS.contains(&toks[j]) && !(j > 0 && neg(&toks[j - 1])))
}

/// Lexicon class `others` (data/lexicon.toml).
static OTHERS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("others"));

/// Lexicon class `nations` (data/lexicon.toml).
static NATIONS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("nations"));

/// Lexicon class `after_subject` (data/lexicon.toml).
static AFTER_SUBJECT: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("after_subject"));

/// Whether the nearest subject before the cue at `i` is "they", other
/// nations, or a named nation.
fn third_party_agent(toks: &[&str], i: usize) -> bool {
    let lo = i.saturating_sub(8);
    let nation = |j: usize| {
        NATIONS.contains(&toks[j])
            && (j + 1 == i || toks.get(j + 1).is_some_and(|n| AFTER_SUBJECT.contains(n)))
    };
    // "Germany has also announced that it's going to provide": "it" after a
    // nation named as a subject is that nation.
    let it = |j: usize| {
        matches!(toks[j], "it" | "it's" | "it’s")
            && (j.saturating_sub(12)..j).any(|k| {
                NATIONS.contains(&toks[k])
                    && toks.get(k + 1).is_some_and(|n| AFTER_SUBJECT.contains(n))
            })
    };
    (lo..i)
        .rev()
        .find(|&j| {
            let t = toks[j];
            matches!(
                t,
                "we" | "i" | "you" | "he" | "she" | "we’re" | "we're" | "we’ve" | "we've"
            ) || t.starts_with("they")
                || OTHERS.contains(&t)
                || nation(j)
                || it(j)
        })
        .is_some_and(|j| {
            toks[j].starts_with("they") || OTHERS.contains(&toks[j]) || nation(j) || it(j)
        })
}

/// Whether the nearest subject before the cue at `i` is the proposition's
/// own subject ("Iran supplies drones to Russia": "Iran has supplied").
fn own_giver(q: &Compiled, toks: &[&str], i: usize) -> bool {
    let own = |t: &str| q.subject.iter().chain(&q.opening_name).any(|f| f == t);
    (i.saturating_sub(8)..i)
        .rev()
        .find(|&j| {
            let t = toks[j];
            own(t) || NATIONS.contains(&t) || OTHERS.contains(&t) || t.starts_with("they")
        })
        .is_some_and(|j| own(toks[j]))
}

/// Lexicon class `saying_verbs` (data/lexicon.toml).
static SAYING_VERBS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("saying_verbs"));

/// Whether the cue at `i` lies under a negated verb of announcing ("the
/// agreement doesn't announce the delivery of particular systems", "I'm not
/// going to preview"): what is not announced is neither given nor refused.
fn unannounced(toks: &[&str], i: usize) -> bool {
    let lo = i.saturating_sub(6);
    if (lo..=i).any(|j| SAYING_VERBS.contains(&toks[j]) && negated(toks, j)) {
        return true;
    }
    // "I don't want to negotiate this in public", "don't want to get into
    // details": declining to say more, whatever the cue.
    matches!(toks[i], "want" | "wants")
        && negated(toks, i)
        && toks[i + 1..(i + 4).min(toks.len())].iter().any(|t| {
            SAYING_VERBS.contains(t)
                || matches!(
                    *t,
                    "negotiate" | "characterize" | "speculate" | "go" | "get" | "read"
                )
        })
}

/// Whether the question's object comes just after a "but not" ("... but
/// not a general ceasefire"), the elided negation of what came before.
fn denied_by_contrast(q: &Compiled, lc: &str) -> bool {
    let mut from = 0;
    while let Some(k) = lc[from..].find("but not ") {
        let at = from + k + "but not ".len();
        let window: Vec<&str> = tokens(&lc[at..]).into_iter().take(4).collect();
        if q.object_hits(&window.join(" ")) >= 1 {
            return true;
        }
        from = at;
    }
    false
}

/// Lexicon class `other_parties` (data/lexicon.toml).
static OTHER_PARTIES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("other_parties"));

/// Lexicon class `party_bridges` (data/lexicon.toml).
static PARTY_BRIDGES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("party_bridges"));

/// Whether the cue at `i` is the act of a party other than the speaker's
/// side: "Hamas has refused", "Russia vetoed", "Assad refused". On an
/// action, their deeds are theirs, not the speaker's stance.
fn other_party_acts(q: &Compiled, toks: &[&str], i: usize) -> bool {
    let mut k = i;
    while k > 0
        && (PARTY_BRIDGES.contains(&toks[k - 1])
            || toks[k - 1].ends_with("n't")
            || toks[k - 1].ends_with("n’t"))
        && i - k < 4
    {
        k -= 1;
    }
    k > 0 && {
        let t = toks[k - 1];
        OTHER_PARTIES.contains(&t) && !q.subject.iter().chain(&q.opening_name).any(|f| f == t)
    }
}

/// Whether every provision verb in `lc` has a third party as its subject
/// ("backfill planes to Poland if they send jets to Ukraine"): then the text
/// speaks of others' provision, not of the speaker's side's.
pub fn provided_by_others(lc: &str) -> bool {
    let toks = tokens(lc);
    // "the Germans won't provide tanks unless the U.S. does exactly the
    // same": an elided verb with our side as its subject is our provision.
    let ours_too = toks.windows(3).enumerate().any(|(i, w)| {
        matches!(w[0], "does" | "do" | "did")
            && (w[1..].starts_with(&["the", "same"])
                || w[1..].starts_with(&["exactly", "the"])
                || w[1] == "likewise")
            && toks[i.saturating_sub(4)..i]
                .iter()
                .any(|t| ["s", "states", "america", "washington", "we", "you"].contains(t))
    });
    let mut verbs = toks
        .iter()
        .enumerate()
        // Verbs of giving, not of buying ("procure") nor the noun "arms".
        .filter(|(_, t)| {
            crate::questions::is_giving_verb(t) && !t.starts_with("procur") && **t != "arms"
        })
        .peekable();
    !ours_too && verbs.peek().is_some() && verbs.all(|(i, _)| third_party_agent(&toks, i))
}

/// Whether the provision verb at `i` gives words or information ("the
/// answer that I provided", "provide an update on"), not materiel.
fn provides_words(toks: &[&str], i: usize) -> bool {
    const WORDS: &[&str] = &[
        "answer",
        "answers",
        "update",
        "updates",
        "details",
        "detail",
        "information",
        "readout",
        "context",
        "comment",
        "comments",
        "assessment",
        "briefing",
        "preview",
        "clarity",
        "guidance",
        "assurances",
    ];
    if !matches!(
        toks[i],
        "provide" | "provides" | "providing" | "provided" | "give" | "giving" | "gave" | "given"
    ) {
        return false;
    }
    let before = &toks[i.saturating_sub(3)..i];
    let after = &toks[i + 1..(i + 4).min(toks.len())];
    before.iter().chain(after).any(|t| WORDS.contains(t))
}

/// Whether a lowercased text has a word of policy: a cue of any shape of
/// question (giving, stopping, supporting, opposing, evaluating). For
/// question suggestions.
pub fn has_policy_cue(lc: &str) -> bool {
    static AC: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let ac = AC.get_or_init(|| {
        let words: Vec<&str> = [
            *PROVIDE_SUPPORT,
            *PROVIDE_OPPOSE,
            *ACTION_SUPPORT,
            *ACTION_OPPOSE,
            *EVAL_SUPPORT,
            *EVAL_OPPOSE,
        ]
        .concat()
        .into_iter()
        .filter(|w| w.len() > 3)
        .collect();
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(words)
            .expect("cue automaton builds")
    });
    ac.find_iter(lc).any(|m| {
        let before = lc[..m.start()].chars().next_back();
        let after = lc[m.end()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The supporting and opposing cues of a shape of question.
fn cue_lists(shape: Shape) -> (&'static [&'static str], &'static [&'static str]) {
    match shape {
        Shape::Provision => (*PROVIDE_SUPPORT, *PROVIDE_OPPOSE),
        Shape::Evaluation => (*EVAL_SUPPORT, *EVAL_OPPOSE),
        Shape::Action => (*ACTION_SUPPORT, *ACTION_OPPOSE),
    }
}

/// Scores a text for a question. `lc` is the lowercased text.
pub fn score(q: &Compiled, lc: &str) -> Option<Found> {
    if refuses(lc) {
        return Some(Found {
            stance: Stance::Neutral,
            modality: Modality::Refusal,
            confidence: 0.7,
            qualifier: None,
            rules: vec!["mod.refusal"],
        });
    }
    let (sup, opp) = cue_lists(q.shape);
    let toks = tokens(lc);
    let mut s = 0i32;
    let mut o = 0i32;
    // Cues counted, and those under a hedge ("we may send", "could
    // potentially provide").
    let mut counted = 0usize;
    let mut hedges = 0usize;
    // An action's own verb in the past, asserted: "we imposed sanctions" is
    // the act itself.
    let mut done = false;
    // The last cue counted (its byte offset, and whether it supports).
    let mut last: Option<(usize, bool)> = None;
    // A governing cue waiting for its complement: (last index it reaches,
    // whether it rejects, which way it points on its own).
    let mut governor: Option<(usize, bool, bool)> = None;
    let mut rules: Vec<&'static str> = Vec::new();
    let mut fired = |id: &'static str| {
        if !rules.contains(&id) {
            rules.push(id);
        }
    };
    // Whether a cue follows within `GOVERNOR_REACH` words of `i` (the
    // complement of a governing verb).
    let cue_ahead = |i: usize| {
        toks[i + 1..(i + 1 + GOVERNOR_REACH).min(toks.len())]
            .iter()
            .any(|n| sup.contains(n) || opp.contains(n) || q.cues.iter().any(|c| c == n))
    };
    // "lifted its pause on military aid": a verb of undoing before a stop
    // that is a cue against the question (and no term of it) undoes the
    // stop, so the stop counts the other way and the verb not at all.
    let undoes_a_stop = |i: usize| {
        UNDOING_VERBS.contains(&toks[i])
            && toks[i + 1..(i + 5).min(toks.len())]
                .iter()
                .any(|w| STOPPAGES.contains(w) && !is_term(q, w) && opp.contains(w))
    };
    let stop_undone = |i: usize| {
        STOPPAGES.contains(&toks[i])
            && !is_term(q, toks[i])
            && toks[i.saturating_sub(4)..i]
                .iter()
                .any(|w| UNDOING_VERBS.contains(w))
    };
    for (i, t) in toks.iter().enumerate() {
        if undoes_a_stop(i) {
            continue;
        }
        // "raised tariffs on Chinese imports": a verb that raises a term of
        // the action is its own verb.
        let own_verb = q.cues.iter().any(|c| c == t)
            || q.shape == Shape::Action
                && INTENSIFIERS.contains(t)
                && toks[i + 1..(i + 5).min(toks.len())]
                    .iter()
                    .any(|w| is_term(q, w));
        let mut is_s = sup.contains(t) || own_verb;
        // The action's own verb is never against it ("pauses its tariffs":
        // "a 90-day pause" is the act, not a stop put on it).
        // Nor is a word the action's proposition says itself ("Georgia's
        // foreign agents law undermines democracy": "undermines").
        let mut is_o = opp.contains(t) && !own_verb && !(q.shape == Shape::Action && is_term(q, t));
        if is_o && stop_undone(i) {
            fired("cue.stop-undone");
            (is_s, is_o) = (true, false);
        }
        // A governing verb outside the shape's lists ("oppose" on a
        // provision) counts only through the cue it governs.
        // "condemned the U.S. strikes": on an action, condemning rejects.
        let condemns = q.shape == Shape::Action && CONDEMNING.contains(t);
        if !(is_s || is_o)
            && (GOVERNORS.contains(t) || condemns)
            && governor.is_none()
            && cue_ahead(i)
        {
            let rejecting = REJECTING.contains(t) || condemns;
            is_s = !rejecting;
            is_o = rejecting;
        }
        if !(is_s || is_o) {
            continue;
        }
        // "no" as a cue only when it is the answer itself ("No." / "No,").
        if *t == "no" && !(i == 0 && toks.len() <= 4) {
            continue;
        }
        // "They don't have or transfer cluster munitions": a third party's
        // act or restraint says nothing of the speaker's side.
        // (Not the proposition's own giver: "Iran supplies drones to
        // Russia" is said of Iran.)
        if sup == *PROVIDE_SUPPORT && third_party_agent(&toks, i) && !own_giver(q, &toks, i) {
            fired("veto.third-party");
            continue;
        }
        // "the answer that I provided", "provide an update": words and
        // information given, not materiel.
        if sup == *PROVIDE_SUPPORT && provides_words(&toks, i) {
            fired("veto.words-not-materiel");
            continue;
        }
        if unannounced(&toks, i) {
            fired("veto.unannounced");
            continue;
        }
        if q.shape == Shape::Action && other_party_acts(q, &toks, i) {
            fired("veto.other-party");
            continue;
        }
        // The action's own verb in another sense: "we agree with our
        // counterparts" is no agreeing to a ceasefire (lexicon
        // `other_sense_with`); "met with President Yoon" is the meeting.
        if own_verb
            && !sup.contains(t)
            && toks.get(i + 1) == Some(&"with")
            && OTHER_SENSE_WITH.contains(t)
        {
            fired("veto.agree-with");
            continue;
        }
        // "welcomed the agreement", "welcoming refugees": the action's own
        // verb of a thing, not of its party ("will welcome Prime Minister
        // Meloni"; lexicon `act_needs_its_party`).
        if own_verb && ACT_NEEDS_ITS_PARTY.contains(t) && !party_follows(q, &toks, i) {
            fired("veto.act-without-its-party");
            continue;
        }
        // "I want to be clear", "I want to thank": a turn of speech.
        if matches!(*t, "want" | "wants")
            && toks.get(i + 1) == Some(&"to")
            && toks.get(i + 2).is_some_and(|v| {
                [
                    "be",
                    "say",
                    "stress",
                    "note",
                    "reiterate",
                    "thank",
                    "add",
                    "point",
                    "remind",
                    "underscore",
                    "emphasize",
                    "address",
                    "start",
                    "begin",
                    "speak",
                    "talk",
                ]
                .contains(v)
            })
        {
            fired("veto.turn-of-speech");
            continue;
        }
        // "lifting the sanctions" reverses the action; "ease the
        // humanitarian crisis" does not: a verb of undoing counts only on
        // the object, near it.
        if q.shape == Shape::Action
            && UNDOING.contains(t)
            && !own_verb
            && q.object_hits(&toks[i + 1..(i + 5).min(toks.len())].join(" ")) == 0
        {
            fired("veto.undoing-off-object");
            continue;
        }
        // "regardless of whether the United States provides these munitions
        // or not": an open alternative asserts neither.
        if toks[i.saturating_sub(8)..i].contains(&"whether") {
            fired("veto.open-alternative");
            continue;
        }
        // "we paused that one shipment", "shipments were halted": a verb of
        // stopping speaks of the object only when the object is what it
        // governs, near it ("denied critical technology inputs ... weaponry"
        // is no pause of weapons).
        if is_o
            && sup == *PROVIDE_SUPPORT
            && !NOT_STOPPING.contains(t)
            && !governs_object(q, &toks, i)
        {
            fired("veto.stop-off-object");
            continue;
        }
        let neg = negated(&toks, i);
        // A verb of wanting or rejecting that takes another cue as its
        // complement ("does not support lifting sanctions", "we oppose
        // sending tanks") counts through it, not beside it: the cue after
        // it carries the negation, a rejecting verb turns it around.
        if let Some((limit, _, _)) = governor {
            if i > limit {
                let (_, _, way) = governor.take().expect("checked");
                if way {
                    s += 1;
                } else {
                    o += 1;
                }
            }
        }
        if (GOVERNORS.contains(t) || condemns) && governor.is_none() && cue_ahead(i) {
            governor = Some((i + GOVERNOR_REACH, is_o, is_s != neg));
            fired("cue.governor");
            if neg {
                fired("neg.negator");
            }
            continue;
        }
        let flip = governor.take().is_some_and(|(_, rejecting, _)| rejecting);
        fired(if own_verb && !sup.contains(t) && !opp.contains(t) {
            "cue.own-verb"
        } else if is_s {
            "cue.support"
        } else {
            "cue.oppose"
        });
        if neg {
            fired("neg.negator");
        }
        match (is_s != flip, neg) {
            (true, false) => s += 1,
            (true, true) => o += 1,
            (false, false) => o += 1,
            (false, true) => s += 1,
        }
        // Not "once a deal is concluded", "if sanctions are imposed": a
        // condition or a present passive is no act done.
        let conditional = toks[i.saturating_sub(5)..i]
            .iter()
            .any(|w| matches!(*w, "if" | "once" | "unless" | "until" | "whether"))
            || i > 0 && matches!(toks[i - 1], "is" | "are" | "be");
        done |= !neg && t.ends_with("ed") && own_verb && !conditional;
        last = last.max(Some((
            t.as_ptr() as usize - lc.as_ptr() as usize,
            (is_s != flip) != neg,
        )));
        counted += 1;
        if hedged(&toks, i) {
            hedges += 1;
        }
    }
    if let Some((_, _, way)) = governor {
        if way {
            s += 1;
        } else {
            o += 1;
        }
    }
    // Multi-word cues, negated as single ones are ("F-16s are not part of
    // that mix").
    let phrase_negated = |p: &str| {
        lc.find(p).is_some_and(|at| {
            let mut before = tokens(&lc[..at]);
            // "it's not — not the time": a stammered repeat of the
            // phrase's own first word is no second negation.
            if before
                .last()
                .is_some_and(|w| p.split(' ').next() == Some(*w))
            {
                before.pop();
            }
            negated(&before, before.len())
        })
    };
    for (list, supports) in [(sup, true), (opp, false)] {
        for p in list.iter().filter(|p| p.contains(' ')) {
            if has_form(lc, p) {
                fired("cue.phrase");
                let way = supports != phrase_negated(p);
                if way != supports {
                    fired("neg.negator");
                }
                if way {
                    s += 1;
                } else {
                    o += 1;
                }
                if let Some(at) = lc.find(p) {
                    last = last.max(Some((at, way)));
                }
            }
        }
    }
    // "So, while we all want the war to end ..., a unilateral ceasefire ...
    // is not the answer": after a concession, the main clause, last, says
    // which way the speaker points.
    let concessive = tokens(lc).iter().take(3).any(|w| CONCESSIVES.contains(w));
    if concessive && s > 0 && o > 0 {
        if let Some((_, way)) = last {
            fired("cue.concession");
            (s, o) = if way { (1, 0) } else { (0, 1) };
        }
    }
    // "We do continue to support humanitarian pauses but not a general
    // ceasefire", "tanks, but not F-16s": the cue is denied of the object.
    if s > o && denied_by_contrast(q, lc) {
        fired("cue.contrast");
        std::mem::swap(&mut s, &mut o);
    }
    let stance = match s.cmp(&o) {
        std::cmp::Ordering::Greater => Stance::Support,
        std::cmp::Ordering::Less => Stance::Oppose,
        std::cmp::Ordering::Equal => return None,
    };
    let modality = if [
        "will ",
        "going to ",
        "committed",
        "commitment",
        "we’ll ",
        "we'll ",
    ]
    .iter()
    .any(|w| lc.contains(w))
    {
        fired("mod.commitment");
        Modality::Commitment
    } else if done && s > o {
        fired("mod.act");
        Modality::Act
    } else {
        Modality::Statement
    };
    let margin = (s - o).unsigned_abs() as f32;
    let mut confidence = (0.5 + 0.1 * margin).min(0.9);
    // A stance resting only on hedged cues is a weaker one: the direction
    // stands, the confidence drops (and a hedged "will" is no commitment).
    let modality = if counted > 0 && hedges == counted {
        fired("mod.hedge");
        confidence = (confidence - 0.25).max(0.2);
        if modality == Modality::Commitment {
            Modality::Statement
        } else {
            modality
        }
    } else {
        modality
    };
    let qualifier = qualifier(q, lc);
    if qualifier.is_some() {
        fired("mod.quantifier");
    }
    Some(Found {
        stance,
        modality,
        confidence,
        qualifier,
        rules,
    })
}

/// Lexicon class `not_stopping` (data/lexicon.toml).
static NOT_STOPPING: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("not_stopping"));

/// Whether the question's object (a name, a synonym, a head noun, or a
/// pronoun standing for it) is within the six words after the verb at `i`,
/// or the four before it (a passive: "shipments were paused").
fn governs_object(q: &Compiled, toks: &[&str], i: usize) -> bool {
    let after = &toks[i + 1..(i + 7).min(toks.len())];
    let before = &toks[i.saturating_sub(4)..i];
    if after
        .first()
        .is_some_and(|w| ["it", "them", "this", "that", "those", "these"].contains(w))
    {
        return true;
    }
    let window = before
        .iter()
        .chain(after)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    q.object_hits(&window) > 0 || q.heads.iter().any(|h| has_form(&window, h))
}

/// Lexicon class `hedges` (data/lexicon.toml).
static HEDGES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("hedges"));

/// Whether a hedge governs the cue at `i`: within the four words before it.
/// (Negation is judged on its own; "may not send" is a hedged opposition.)
fn hedged(toks: &[&str], i: usize) -> bool {
    toks[i.saturating_sub(4)..i]
        .iter()
        .any(|t| HEDGES.contains(t))
}

/// Lexicon class `logistics` (data/lexicon.toml).
static LOGISTICS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("logistics"));

/// Lexicon class `decision` (data/lexicon.toml).
static DECISION: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("decision"));

/// Whether a sentence only presupposes a decision to provide (delivery,
/// upkeep, timelines) without stating it: such a sentence is no position.
pub fn presupposes(lc: &str) -> bool {
    LOGISTICS.iter().any(|w| has_form(lc, w)) && !DECISION.iter().any(|w| has_form(lc, w))
}

/// Whether the question's object is named only as what supplies are for:
/// "munitions designed for F-16 aircraft", "ammunition for U.S.-provided
/// HIMARS", "spare parts for the Abrams". Such a sentence gives the supplies
/// and presupposes the object.
pub fn supplies_for_object(q: &Compiled, lc: &str) -> bool {
    const SUPPLIES: &[&str] = &[
        "munitions",
        "ammunition",
        "ammo",
        "rounds",
        "parts",
        "interceptors",
        "missiles",
        "shells",
        "fuel",
        "maintenance",
        "sustainment",
    ];
    let toks = tokens(lc);
    let mut named = 0;
    let mut for_supplies = 0;
    for (i, t) in toks.iter().enumerate() {
        let first_of_name = q.objects.iter().filter(|g| !g.generic).any(|g| {
            g.forms.iter().any(|f| {
                let n = f.split(' ').count();
                f.split(' ').next() == Some(*t)
                    && toks[i..].iter().take(n).copied().eq(f.split(' '))
            })
        });
        if !first_of_name {
            continue;
        }
        named += 1;
        // Back over "the", "u.s.-provided", "designed", "for" to the noun.
        let mut k = i;
        let mut saw_for = false;
        while k > 0 && i - k < 5 {
            let w = toks[k - 1];
            if w == "for" {
                saw_for = true;
            } else if !matches!(
                w,
                "the" | "designed" | "provided" | "-provided" | "our" | "their" | "u" | "s"
            ) {
                break;
            }
            k -= 1;
        }
        if saw_for && k > 0 && SUPPLIES.contains(&toks[k - 1]) {
            for_supplies += 1;
        }
    }
    named > 0 && named == for_supplies
}

/// "We will not leave Ukraine defenseless", "the risk of leaving Ukraine
/// without the ammo it needed": the case for providing, argued from what
/// the recipient would lack without it. Said in a turn on a provision it is
/// support for it, whichever way the sentence is negated (no official argues
/// for leaving a partner defenseless).
pub fn keeps_armed(lc: &str) -> bool {
    if !lc.contains("leav") {
        return false;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"\bleav(?:e|ing)\s+(?:[\w’'-]+\s+){1,2}?(?:defenseless|defenceless|undefended|without\s+(?:the\s+|any\s+)?(?:ammo|ammunition|weapons|arms|artillery|means|capabilit))",
        )
        .expect("valid regex")
    })
    .is_match(lc)
}

/// "being able to provide them", "deliver it": a provision verb whose
/// object is a pronoun ("provide them with artillery" names the recipient
/// instead, so a following "with" or "to" rules it out).
pub fn provides_pronoun(lc: &str) -> bool {
    if !(lc.contains(" them") || lc.contains(" it")) {
        return false;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"\b(?:provide|provides|providing|provided|deliver|delivers|delivering|delivered|transfer|transferring|transferred|supply|supplying|supplied|send|sends|sending|sent|give|gives|giving|gave|sell|sells|selling|sold)\s+(?:them|it)\b(\s+\w+)?",
        )
        .expect("valid regex")
    });
    re.captures_iter(lc).any(|c| {
        c.get(1)
            .is_none_or(|w| !["with", "to", "for"].contains(&w.as_str().trim()))
    })
}

/// Lexicon class `it_bridges` (data/lexicon.toml).
static IT_BRIDGES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("it_bridges"));

/// Whether a stance cue has "it" as its subject, with only auxiliaries and
/// adverbs between: "we don't believe that it undermines our reputation",
/// "it would potentially be a war crime". In an answer about the subject,
/// that "it" is the subject.
pub fn cue_of_it(q: &Compiled, lc: &str) -> bool {
    let (sup, opp) = cue_lists(q.shape);
    let toks = tokens(lc);
    // The first words of the multi-word cues the text holds.
    let phrase_heads: Vec<&str> = sup
        .iter()
        .chain(opp.iter())
        .filter(|p| p.contains(' ') && lc.contains(**p))
        .filter_map(|p| p.split(' ').next())
        .collect();
    let is_cue = |i: usize| {
        let t = toks[i];
        sup.contains(&t)
            || opp.contains(&t)
            || phrase_heads.contains(&t)
            || q.cues.iter().any(|c| c == t)
    };
    (0..toks.len()).any(|i| {
        // "it was agreed that ...": an expletive "it".
        is_cue(i)
            && toks.get(i + 1) != Some(&"that")
            && (1..=5).any(|k| {
                i >= k
                    && toks[i - k] == "it"
                    && toks[i - k + 1..i].iter().all(|w| IT_BRIDGES.contains(w))
            })
    })
}

/// Whether a sentence asserts plainly: no negator (`negators`, or a word in
/// "n't"), no hedge (`hedges`) and no question mark. In a government's own
/// prose, such a sentence that names the proposition's act asserts it
/// ("President Trump is modifying the scope of reciprocal tariffs").
pub fn plain_assertion(lc: &str) -> bool {
    if lc.contains('?') {
        return false;
    }
    let toks = tokens(lc);
    !toks.iter().any(|t| {
        NEGATORS.contains(t) || t.ends_with("n't") || t.ends_with("n’t") || HEDGES.contains(t)
    }) && !HEDGES
        .iter()
        .filter(|h| h.contains(' '))
        .any(|h| lc.contains(h))
}

/// Lexicon class `prospective` (data/lexicon.toml).
static PROSPECTIVE: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("prospective"));

/// A plain assertion (`plain_assertion`) with no word of resisting or
/// undoing in it (lexicon `action_oppose`, `rejecting`: "Hamas has refused
/// a ceasefire" tells of the act, but not that it holds), nor one that puts
/// the act ahead (`prospective`: "steps it needs to take before
/// membership").
pub fn plain_affirmation(lc: &str) -> bool {
    if !plain_assertion(lc) {
        return false;
    }
    let toks = tokens(lc);
    let resists = |w: &&str| {
        if w.contains(' ') {
            crate::questions::has_form(lc, w)
        } else {
            toks.contains(w)
        }
    };
    !ACTION_OPPOSE
        .iter()
        .chain(REJECTING.iter())
        .chain(PROSPECTIVE.iter())
        .any(resists)
}

/// "That's what we're doing", "that is what we're doing here": a sentence
/// that affirms, by a demonstrative, the act under discussion.
pub fn does_that(lc: &str) -> bool {
    const FORMS: &[&str] = &[
        "what we’re doing",
        "what we're doing",
        "what we are doing",
        "what we’re going to do",
        "what we're going to do",
        "what we will do",
    ];
    let lead = lc.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lead = lead.strip_prefix("and ").unwrap_or(lead);
    (lead.starts_with("that") || lead.starts_with("this is"))
        && FORMS.iter().any(|f| lc.contains(f))
}

/// Whether a sentence speaks of the decision itself ("our decision", "in
/// deciding to do this", "took this decision").
pub fn names_the_decision(lc: &str) -> bool {
    const FORMS: &[&str] = &[
        "our decision",
        "this decision",
        "that decision",
        "the decision",
        "deciding to do this",
        "decided to do this",
        "decision to do this",
    ];
    FORMS.iter().any(|f| has_form(lc, f))
}

/// Whether a sentence announces a decision of the speaker's side: "we will
/// be announcing that the United States will send ...".
pub fn announces(lc: &str) -> bool {
    const FORMS: &[&str] = &[
        "announcing that",
        "announce that",
        "i’m announcing",
        "i'm announcing",
        "we’re announcing",
        "we're announcing",
        "we will be announcing",
        "we’ll be announcing",
        "we'll be announcing",
    ];
    FORMS.iter().any(|f| lc.contains(f))
}

/// Lexicon class `stoppages` (data/lexicon.toml).
static STOPPAGES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("stoppages"));
/// How many words after a governing cue its complement may stand ("condemned
/// the U.S. strikes": "u", "s" are two).
const GOVERNOR_REACH: usize = 4;
/// Lexicon class `condemning` (data/lexicon.toml).
static CONDEMNING: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("condemning"));
/// Lexicon class `intensifiers` (data/lexicon.toml).
static INTENSIFIERS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("intensifiers"));
/// Lexicon classes `undoing` and `act_verbs_undo` (data/lexicon.toml).
static UNDOING_VERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v = lexicon::words("undoing").to_vec();
    v.extend_from_slice(lexicon::words("act_verbs_undo"));
    v
});
/// Lexicon classes `act_verbs_enact` and `act_verbs_undo` (data/lexicon.toml).
static ACT_VERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v = lexicon::words("act_verbs_enact").to_vec();
    v.extend_from_slice(lexicon::words("act_verbs_undo"));
    v
});

/// Whether the act in `lc` (lowercased clause) is done to a stop put on
/// something, not to the thing itself: "lifted its pause on military aid",
/// "imposed a freeze on arms sales" (the act's verb, then within four words
/// a stop that is no term of the question: "lifted the sanctions" on a
/// question of sanctions is the act on the thing).
pub fn acts_on_a_stop(q: &Compiled, lc: &str) -> bool {
    let toks = tokens(lc);
    toks.iter().enumerate().any(|(i, t)| {
        ACT_VERBS.contains(t)
            && toks[i + 1..(i + 5).min(toks.len())]
                .iter()
                .any(|w| STOPPAGES.contains(w) && !is_term(q, w))
    })
}

/// Whether a term of the proposition other than its own verbs follows
/// `toks[i]` within six words, no possessive between ("welcome Prime
/// Minister Meloni", not "welcome President Biden's appointment of ...").
fn party_follows(q: &Compiled, toks: &[&str], i: usize) -> bool {
    for w in toks.iter().skip(i + 1).take(6) {
        if is_term(q, w) && !q.cues.iter().any(|c| c == w) {
            return true;
        }
        if w.ends_with("'s") || w.ends_with("’s") {
            return false;
        }
    }
    false
}

/// Whether `w` is a form of one of the question's object terms.
fn is_term(q: &Compiled, w: &str) -> bool {
    q.objects.iter().any(|g| g.forms.iter().any(|f| f == w))
}

/// Lexicon class `appraise_support` (data/lexicon.toml).
static APPRAISE_SUPPORT: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("appraise_support"));
/// Lexicon class `appraise_oppose` (data/lexicon.toml).
static APPRAISE_OPPOSE: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("appraise_oppose"));

/// How a sentence that points back at an act judges it ("called the move
/// protectionist", "calling it a strong signal"): the way of the first
/// word of `appraise_oppose` or `appraise_support` it holds, unless a
/// negator governs it ("not unfair").
pub fn appraisal(lc: &str) -> Option<Stance> {
    let toks = tokens(lc);
    let lists = [
        (*APPRAISE_OPPOSE, Stance::Oppose),
        (*APPRAISE_SUPPORT, Stance::Support),
    ];
    for (words, stance) in lists {
        for w in words.iter() {
            let parts: Vec<&str> = tokens(w);
            let Some(i) = toks
                .windows(parts.len())
                .position(|win| win == parts.as_slice())
            else {
                continue;
            };
            if !negated(&toks, i) {
                return Some(stance);
            }
        }
    }
    None
}

/// The stance an act implies on a question of provision.
pub fn of_act(q: &Compiled, class: ActionClass) -> Option<Stance> {
    match (q.shape, class) {
        (Shape::Provision, ActionClass::AidPause) => Some(Stance::Oppose),
        (
            Shape::Provision,
            ActionClass::AidResume | ActionClass::AidSend | ActionClass::AidRequest,
        ) => Some(Stance::Support),
        _ => None,
    }
}

/// "at least some defensive weapons": a quantifier up to an object term.
fn qualifier(q: &Compiled, lc: &str) -> Option<String> {
    for quant in QUANTIFIERS.iter() {
        let mut from = 0;
        while let Some(i) = lc[from..].find(quant) {
            let s = from + i;
            from = s + quant.len();
            // A whole word: "certain", not "certainly"; "some", not "something".
            let apart = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-'));
            if !apart(lc[..s].chars().next_back()) || !apart(lc[from..].chars().next()) {
                continue;
            }
            let rest = &lc[from..];
            let window: String = rest
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            let mut best: Option<usize> = None;
            for g in q.objects.iter().filter(|g| !g.generic) {
                for f in &g.forms {
                    // The term at a word's start ("weapons", not "remains" for "mains").
                    let at_word = window.match_indices(f.as_str()).map(|(j, _)| j).find(|&j| {
                        window[..j]
                            .chars()
                            .next_back()
                            .is_none_or(|c| !c.is_alphanumeric())
                    });
                    if let Some(j) = at_word {
                        // Extend to the end of the word ("weapon" -> "weapons").
                        let end = window[j..]
                            .find(|c: char| !c.is_alphanumeric() && c != '-')
                            .map_or(window.len(), |k| j + k);
                        best = Some(best.map_or(end, |b: usize| b.min(end)));
                    }
                }
            }
            if let Some(end) = best {
                return Some(format!("{quant} {}", &window[..end]));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questions::{compile, compile_proposition as question};
    use vane_core::Question;

    fn check(prop: &str, text: &str, want: Option<Stance>) {
        let q = question(prop);
        let got = score(&q, &text.to_lowercase()).map(|f| f.stance);
        assert_eq!(got, want, "{text}");
    }

    const ARMS: &str = "The United States keeps delivering weapons to Ukraine.";

    const SANCTIONS: &str = "The United States imposes sanctions on Russia.";
    const F16: &str = "The United States sends F-16s to Ukraine.";
    const NATO: &str = "Ukraine joins NATO.";
    const MEETS: &str = "President Biden meets Prime Minister Meloni of Italy.";
    const LEGITIMATE: &str = "The election in Venezuela was legitimate.";

    /// The rules of `score`, each with an example on which it fires and a
    /// counter-example, as close as can be, on which it does not.
    const RULE_CASES: &[(&str, &str, &str, &str)] = &[
        ("mod.refusal", ARMS, "I'm not going to get ahead of the President's decision on weapons for Ukraine.", "We will send more weapons to Ukraine."),
        ("cue.support", ARMS, "We are sending more weapons to Ukraine.", "We are paused on weapons to Ukraine."),
        ("cue.oppose", ARMS, "We paused the shipment of weapons to Ukraine.", "We are sending more weapons to Ukraine."),
        ("cue.own-verb", SANCTIONS, "Today we imposed new sanctions on Russia.", "Today we announced new sanctions on Russia."),
        ("cue.governor", SANCTIONS, "We do not support lifting sanctions on Russia.", "We are not lifting sanctions on Russia."),
        ("cue.phrase", ARMS, "Weapons for Ukraine are part of the package.", "Weapons for Ukraine are in the news."),
        ("cue.concession", SANCTIONS, "While we support sanctions on Russia, we oppose new ones now.", "We support sanctions on Russia, and we oppose new ones now."),
        ("neg.negator", ARMS, "We will not send weapons to Ukraine.", "We will send weapons to Ukraine."),
        ("veto.third-party", ARMS, "They don't have or transfer weapons to Ukraine, but we send them.", "We send weapons to Ukraine."),
        ("veto.words-not-materiel", ARMS, "I provided an update on weapons for Ukraine, and we will send them.", "We will send weapons to Ukraine."),
        ("veto.open-alternative", ARMS, "Regardless of whether the United States provides these weapons or not, we will send weapons to Ukraine.", "The United States provides these weapons to Ukraine."),
        ("mod.commitment", ARMS, "We will send weapons to Ukraine.", "We sent weapons to Ukraine."),
        ("mod.act", SANCTIONS, "We imposed sanctions on Russia.", "We support sanctions on Russia."),
        ("mod.hedge", ARMS, "We may send weapons to Ukraine.", "We will send weapons to Ukraine."),
        ("mod.quantifier", ARMS, "We will send at least some defensive weapons to Ukraine.", "We will send weapons to Ukraine."),
        ("cue.contrast", F16, "We will send tanks, but not F-16s.", "We will send tanks and F-16s."),
        ("veto.turn-of-speech", SANCTIONS, "I want to be clear: we support sanctions on Russia.", "We want sanctions on Russia."),
        ("veto.unannounced", ARMS, "I won't announce the delivery of particular weapons, but we will send weapons to Ukraine.", "We will send weapons to Ukraine."),
        ("veto.other-party", SANCTIONS, "Russia has imposed sanctions on us, and we oppose sanctions on Russia.", "We oppose sanctions on Russia."),
        ("veto.undoing-off-object", SANCTIONS, "Lifting the travel ban helps families, and we support sanctions on Russia.", "We support sanctions on Russia."),
        ("cue.stop-undone", ARMS, "We lifted the pause on weapons deliveries to Ukraine.", "We paused weapons deliveries to Ukraine."),
        ("veto.stop-off-object", ARMS, "The storm halted traffic for days, and we will send weapons to Ukraine.", "We will send weapons to Ukraine."),
        ("veto.agree-with", NATO, "We join with our allies in saying that Ukraine will join NATO.", "We say that Ukraine will join NATO."),
        ("veto.act-without-its-party", MEETS, "We welcomed Prime Minister Meloni's decision, and we will meet Prime Minister Meloni.", "We will welcome Prime Minister Meloni to the White House."),
        ("cue.oppose", LEGITIMATE, "The election in Venezuela was a sham.", "The election in Venezuela was credible."),
    ];

    #[test]
    fn each_rule_fires_on_its_example_and_not_on_its_counter_example() {
        for (id, prop, example, counter) in RULE_CASES {
            assert!(RULES.iter().any(|(r, _)| r == id), "{id} is not in RULES");
            let q = question(prop);
            let fired =
                |text: &str| score(&q, &text.to_lowercase()).is_some_and(|f| f.rules.contains(id));
            assert!(
                fired(example),
                "{id} should fire on: {example} (got {:?})",
                score(&q, &example.to_lowercase()).map(|f| f.rules)
            );
            assert!(
                !fired(counter),
                "{id} should not fire on: {counter} (got {:?})",
                score(&q, &counter.to_lowercase()).map(|f| f.rules)
            );
        }
    }

    #[test]
    fn every_rule_in_the_table_has_its_cases() {
        for (id, what) in RULES {
            assert!(!what.is_empty());
            assert!(
                RULE_CASES.iter().any(|(r, ..)| r == id),
                "{id} has no example"
            );
        }
    }

    #[test]
    fn a_plain_assertion_has_no_negator_hedge_or_question() {
        assert!(plain_assertion(
            "president trump is modifying the scope of reciprocal tariffs."
        ));
        assert!(!plain_assertion("we are not imposing reciprocal tariffs."));
        assert!(!plain_assertion("we don't impose reciprocal tariffs."));
        assert!(!plain_assertion(
            "will the president impose reciprocal tariffs?"
        ));
        assert!(!plain_assertion("we may impose reciprocal tariffs."));
    }

    #[test]
    fn every_rule_the_code_fires_is_in_the_table() {
        let src = include_str!("stance.rs");
        let mut ids = Vec::new();
        for pat in ["fired(\"", "rules: vec![\""] {
            for (at, _) in src.match_indices(pat) {
                let rest = &src[at + pat.len()..];
                ids.push(&rest[..rest.find('"').unwrap()]);
            }
        }
        // The match on which way a cue points names three of them.
        ids.extend(["cue.own-verb", "cue.support", "cue.oppose"]);
        assert!(ids.len() > 15);
        for id in ids {
            assert!(
                RULES.iter().any(|(r, _)| *r == id),
                "{id} fires but is not in RULES"
            );
        }
    }

    #[test]
    fn a_plain_affirmation_neither_resists_nor_looks_ahead() {
        assert!(plain_affirmation(
            "we held the morality police accountable for it"
        ));
        assert!(!plain_affirmation(
            "hamas has refused a ceasefire for weeks."
        ));
        assert!(!plain_affirmation(
            "ukraine still has further steps it needs to take before membership in nato."
        ));
        assert!(!plain_affirmation(
            "vilnius will be an important moment on that pathway towards membership"
        ));
        assert!(!plain_affirmation("is it enough?"));
    }

    #[test]
    fn stance_table() {
        check(
            ARMS,
            "So we’re sending some defensive weapons to Ukraine, and I’ve approved that.",
            Some(Stance::Support),
        );
        check(
            ARMS,
            "at least some defensive weapons shipments to Ukraine would continue",
            Some(Stance::Support),
        );
        check(
            ARMS,
            "We are not sending weapons to Ukraine.",
            Some(Stance::Oppose),
        );
        check(
            ARMS,
            "We paused the weapons shipments.",
            Some(Stance::Oppose),
        );
        check(
            ARMS,
            "I won’t get ahead of decisions on security assistance.",
            Some(Stance::Neutral),
        );
        check(ARMS, "No.", Some(Stance::Oppose));
        check(
            ARMS,
            "They don’t have or transfer weapons to Ukraine.",
            None,
        );
        check(ARMS, "The weather was fine.", None);
        // A verb of regret governs the act it takes, as condemning does.
        check(
            "Russia suspends its participation in the New START treaty.",
            "We deeply regret Russia’s decision to suspend the implementation of the New START treaty.",
            Some(Stance::Oppose),
        );
        let sincere = "Putin's statements on peace talks are sincere.";
        check(
            sincere,
            "dismissed Putin’s pronouncements on peace talks as “bullsh*t” and “meaningless.”",
            Some(Stance::Oppose),
        );
    }

    #[test]
    fn refusals_decline_a_decision() {
        let na = Some(Stance::Neutral);
        check(
            ARMS,
            "I won’t get ahead of the President — decisions he’s going to make.",
            na,
        );
        check(
            ARMS,
            "And so, again, not going to get ahead of any — any potential announcement.",
            na,
        );
        check(
            ARMS,
            "I’m not going to get ahead of the meeting that hasn’t happened yet.",
            None,
        );
        check(
            ARMS,
            "And let’s not get ahead of specific spring offensives.",
            None,
        );
    }

    #[test]
    fn negation_and_open_alternatives() {
        let cluster = "The United States provides cluster munitions to Ukraine.";
        check(
            cluster,
            "This will be needed regardless of whether the United States provides these munitions or not.",
            None,
        );
        check(
            ARMS,
            "F-16s are not part of that mix.",
            Some(Stance::Oppose),
        );
        check(
            ARMS,
            "F-16 fighter aircraft are part of that mix.",
            Some(Stance::Support),
        );
        // A negated verb of thinking governs its clause.
        check(
            ARMS,
            "We don’t believe that — that — that it undermines our reputation.",
            Some(Stance::Support),
        );
        // Doubt governs its clause too, unless itself denied.
        let sanctions = "The United States imposes sanctions on Russia.";
        check(
            sanctions,
            "It is unlikely that we will impose sanctions on Russia.",
            Some(Stance::Oppose),
        );
        check(
            sanctions,
            "There is no doubt that we will impose sanctions on Russia.",
            Some(Stance::Support),
        );
    }

    #[test]
    fn other_nations_as_agents() {
        let jets = "The United States provides F-16 fighter jets to Ukraine.";
        check(
            jets,
            "It’s the Danes and the Dutch actually providing the aircraft.",
            None,
        );
        check(
            jets,
            "That would be up to the nations that may be willing to provide aircraft.",
            None,
        );
        check(
            jets,
            "We are providing the aircraft.",
            Some(Stance::Support),
        );
        let patriot = "The United States provides Patriot air defense systems to Ukraine.";
        check(
            patriot,
            "Germany is also sending a Patriot missile battery.",
            None,
        );
        check(
            patriot,
            "Germany has also announced that it’s going to provide the Ukrainians a Patriot system.",
            None,
        );
        check(
            patriot,
            "We are working with Germany to provide Patriot systems.",
            Some(Stance::Support),
        );
    }

    #[test]
    fn a_meeting_is_welcoming_its_party_not_a_thing() {
        check(
            MEETS,
            "President Biden will welcome Prime Minister Meloni of Italy to the White House on March 1st.",
            Some(Stance::Support),
        );
        check(
            MEETS,
            "President Biden looks forward to welcoming Prime Minister Meloni.",
            Some(Stance::Support),
        );
        check(MEETS, "We welcomed Prime Minister Meloni's decision.", None);
        check(
            MEETS,
            "Prime Minister Meloni and the G7 leaders welcomed the agreement.",
            None,
        );
    }

    #[test]
    fn actions_take_generic_cues_and_their_own_verbs() {
        let gaza = "A ceasefire in Gaza is agreed.";
        check(
            gaza,
            "We do not support a ceasefire at this time.",
            Some(Stance::Oppose),
        );
        check(
            gaza,
            "Now is not the time for a general ceasefire.",
            Some(Stance::Oppose),
        );
        check(
            gaza,
            "We want a ceasefire that would release the hostages.",
            Some(Stance::Support),
        );
        check(
            gaza,
            "I don’t want to negotiate the ceasefire in public.",
            None,
        );
        check(
            gaza,
            "We do continue to support humanitarian pauses but not a general ceasefire right now.",
            Some(Stance::Oppose),
        );
        check(
            "The United States provides F-16 fighter jets to Ukraine.",
            "We will send tanks, but not F-16s.",
            Some(Stance::Oppose),
        );
        // Other parties' deeds are theirs.
        check(gaza, "Russia vetoed the resolution for a ceasefire.", None);
        let nato = "Ukraine joins NATO.";
        check(
            nato,
            "Ukraine will not be joining NATO coming out of this summit.",
            Some(Stance::Oppose),
        );
        check(nato, "Ukraine will join NATO.", Some(Stance::Support));
        let sanctions = "The United States imposes sanctions on Russia.";
        check(
            sanctions,
            "We imposed significant sanctions on the Russian energy sector.",
            Some(Stance::Support),
        );
        check(
            sanctions,
            "We are not lifting sanctions on Russia.",
            Some(Stance::Support),
        );
        check(
            "A ceasefire in Gaza is agreed.",
            "I’ve been working to establish a ceasefire to ease the humanitarian crisis.",
            Some(Stance::Support),
        );
        check(
            "A ceasefire in Gaza is agreed.",
            "Hamas must release them without delay to secure a ceasefire.",
            Some(Stance::Support),
        );
    }

    #[test]
    fn an_actions_own_verb_in_the_past_is_the_act() {
        let q = question("The United States imposes sanctions on Russia.");
        let f = score(&q, "we imposed significant sanctions on russia today.").unwrap();
        assert_eq!((f.stance, f.modality), (Stance::Support, Modality::Act));
        let f = score(&q, "we will impose sanctions on russia.").unwrap();
        assert_eq!(
            (f.stance, f.modality),
            (Stance::Support, Modality::Commitment)
        );
    }

    #[test]
    fn turns_of_speech_and_stammers_are_no_stance() {
        let gaza = "A ceasefire in Gaza is agreed.";
        check(
            gaza,
            "So, it’s not — not the time for a ceasefire.",
            Some(Stance::Oppose),
        );
        check(
            gaza,
            "I want to be clear, when we’re talking ceasefire versus pause, there’s a difference.",
            None,
        );
        check(
            gaza,
            "They violated the ceasefire, and we agree with our counterparts on that.",
            None,
        );
        check(
            gaza,
            "The ceasefire that both parties agreed to holds.",
            Some(Stance::Support),
        );
        check(
            gaza,
            "We want to get a ceasefire in place for six weeks.",
            Some(Stance::Support),
        );
        check(
            gaza,
            "A ceasefire with Hamas is not the answer.",
            Some(Stance::Oppose),
        );
        check(
            gaza,
            "So, while we all want the war to end and to establish conditions for peace, a unilateral ceasefire with Hamas is not the answer.",
            Some(Stance::Oppose),
        );
    }

    #[test]
    fn needs_and_demands_are_wants() {
        let q = "The United States imposes sanctions on Iran.";
        check(q, "We need sanctions on Iran.", Some(Stance::Support));
        check(
            q,
            "We have to have sanctions on Iran.",
            Some(Stance::Support),
        );
        check(q, "We don't need sanctions on Iran.", Some(Stance::Oppose));
    }

    #[test]
    fn opponents_plans_are_theirs() {
        let q = "The United States imposes tariffs on China.";
        check(
            q,
            "He seems determined to impose steep tariffs on China.",
            None,
        );
        check(
            q,
            "My predecessor and the MAGA Republicans want across-the-board tariffs on China.",
            None,
        );
        check(q, "We will impose tariffs on China.", Some(Stance::Support));
    }

    #[test]
    fn supplies_for_the_object_presuppose_it() {
        let f16 = question("The United States provides F-16 fighter jets to Ukraine.");
        assert!(supplies_for_object(
            &f16,
            "these munitions designed for f-16 aircraft will help."
        ));
        assert!(!supplies_for_object(
            &f16,
            "we will provide f-16s and munitions for them."
        ));
        let himars = question("The United States provides HIMARS rocket systems to Ukraine.");
        assert!(supplies_for_object(
            &himars,
            "more ammunition for u.s.-provided himars."
        ));
        assert!(!supplies_for_object(&himars, "18 new himars for ukraine."));
    }

    #[test]
    fn a_governing_cue_counts_through_its_complement() {
        let q = "The United States imposes sanctions on Russia.";
        check(
            q,
            "The administration does not support lifting sanctions on Russia.",
            Some(Stance::Support),
        );
        check(
            q,
            "We oppose lifting sanctions on Russia.",
            Some(Stance::Support),
        );
        check(
            q,
            "We support lifting sanctions on Russia.",
            Some(Stance::Oppose),
        );
        check(
            q,
            "We want to impose sanctions on Russia.",
            Some(Stance::Support),
        );
        let tanks = "The United States provides Abrams tanks to Ukraine.";
        check(
            tanks,
            "We oppose sending Abrams tanks.",
            Some(Stance::Oppose),
        );
        check(
            tanks,
            "We don’t support sending Abrams tanks.",
            Some(Stance::Oppose),
        );
    }

    #[test]
    fn illegitimacy_is_an_evaluation() {
        let q = "Russia's referendums in occupied Ukraine are legitimate.";
        check(q, "These are sham referendums.", Some(Stance::Oppose));
        check(
            q,
            "The annexation is illegal and illegitimate.",
            Some(Stance::Oppose),
        );
    }

    #[test]
    fn what_is_not_announced_is_not_refused() {
        let patriot = "The United States provides Patriot air defense systems to Ukraine.";
        check(
            patriot,
            "The security agreement doesn’t announce the delivery of particular weapon systems.",
            None,
        );
        check(
            patriot,
            "We don’t deliver Patriot systems.",
            Some(Stance::Oppose),
        );
    }

    #[test]
    fn hedges_lower_confidence_not_direction() {
        let q = question(ARMS);
        let plain = score(&q, "we will send more weapons to ukraine.").unwrap();
        let hedged = score(&q, "we may send more weapons to ukraine.").unwrap();
        assert_eq!(plain.stance, Stance::Support);
        assert_eq!(hedged.stance, Stance::Support);
        assert!(hedged.confidence < plain.confidence, "{hedged:?} {plain:?}");
        assert_eq!(plain.modality, Modality::Commitment);
        assert_eq!(hedged.modality, Modality::Statement);
        // Out of the hedge's scope, the cue stands at full confidence.
        let far = score(&q, "it may rain, but we will send more weapons to ukraine.").unwrap();
        assert_eq!(far.confidence, plain.confidence);
        let neg = score(&q, "we may not send more weapons.").unwrap();
        assert_eq!(neg.stance, Stance::Oppose);
        assert!(neg.confidence < 0.5);
    }

    #[test]
    fn negation_reaches_past_ability() {
        check(
            ARMS,
            "We have not been able to provide Ukraine with the weapons they need.",
            Some(Stance::Oppose),
        );
    }

    #[test]
    fn stopping_counts_only_with_its_object() {
        check(
            ARMS,
            "So, we have paused one shipment of weapons.",
            Some(Stance::Oppose),
        );
        check(
            ARMS,
            "Weapons shipments were halted last week.",
            Some(Stance::Oppose),
        );
        check(ARMS, "We paused it.", Some(Stance::Oppose));
        check(
            ARMS,
            "We have denied critical technology inputs and investment capital Putin needs to replenish his weapons.",
            None,
        );
    }

    #[test]
    fn provision_by_others() {
        assert!(provided_by_others(
            "you spoke yesterday about the united states' openness to backfill planes to poland if they send jets to ukraine."
        ));
        assert!(!provided_by_others("will you send jets to ukraine?"));
        assert!(!provided_by_others("if they send jets, will we send ours?"));
        assert!(!provided_by_others("what about jets for ukraine?"));
        assert!(!provided_by_others(
            "the germans won't provide tanks for ukraine unless the u.s. does exactly the same."
        ));
    }

    #[test]
    fn words_given_are_not_materiel() {
        check(
            ARMS,
            "I thought you were asking about weapons, and that's the answer that I provided.",
            None,
        );
        check(ARMS, "We will provide an update on weapons later.", None);
        check(
            ARMS,
            "We will provide more weapons to Ukraine.",
            Some(Stance::Support),
        );
    }

    #[test]
    fn cues_whose_subject_is_it() {
        let q = question("Using cluster munitions is acceptable.");
        assert!(cue_of_it(
            &q,
            "if that were true, it would potentially be a war crime."
        ));
        assert!(!cue_of_it(&q, "that would potentially be a war crime."));
        let q = question(ARMS);
        assert!(cue_of_it(
            &q,
            "we don’t believe that it undermines our reputation."
        ));
        assert!(!cue_of_it(
            &q,
            "it was agreed that escalatory rhetoric was dangerous."
        ));
    }

    #[test]
    fn the_case_from_what_the_recipient_would_lack() {
        assert!(keeps_armed(
            "we will not leave ukraine defenseless at any point in this conflict, period."
        ));
        assert!(keeps_armed(
            "the risk to civilian harm of leaving ukraine without the ammo it needed was greater."
        ));
        assert!(!keeps_armed("we will leave it to the pentagon."));
        assert!(!keeps_armed("leaving kyiv without a word."));
    }

    #[test]
    fn pronoun_objects_of_provision() {
        assert!(provides_pronoun(
            "and being able to provide them means that the coalition will be in a position"
        ));
        assert!(provides_pronoun("we will deliver it."));
        assert!(!provides_pronoun(
            "to provide them with the artillery it needs"
        ));
        assert!(!provides_pronoun("we will continue to support them"));
    }

    #[test]
    fn logistics_presuppose_the_decision() {
        assert!(presupposes(
            "delivering these tanks to the field is going to take time."
        ));
        assert!(!presupposes(
            "today, i'm announcing that the united states will be sending 31 abrams tanks."
        ));
        assert!(!presupposes("we're sending tanks to ukraine as well."));
    }

    #[test]
    fn affirming_and_announcing() {
        assert!(does_that("and that’s what we’re doing right now."));
        assert!(!does_that("what we’re doing is talking to our allies."));
        assert!(announces(
            "today, we will be announcing that the united states will send 31 tank battalions."
        ));
        assert!(!announces("we have nothing to announce."));
        assert!(names_the_decision(
            "that is the thinking behind our decision."
        ));
        assert!(!names_the_decision("we will decide later."));
    }

    /// An act done to a stop put on the question's object reads the other
    /// way ("lifted its pause on military aid" restores the aid); a stop that
    /// is the question's own term is the thing itself ("lifted the
    /// sanctions").
    #[test]
    fn an_act_on_a_stop_is_read_the_other_way() {
        let arms = question("The United States provides weapons to Ukraine.");
        assert!(acts_on_a_stop(
            &arms,
            "the united states lifted its pause on military aid to ukraine"
        ));
        assert!(acts_on_a_stop(
            &arms,
            "washington imposed a freeze on arms shipments"
        ));
        assert!(!acts_on_a_stop(
            &arms,
            "washington resumed weapons deliveries"
        ));
        let sanctions = question(SANCTIONS);
        assert!(!acts_on_a_stop(
            &sanctions,
            "the treasury lifted sanctions on russia"
        ));
        let ban = question("Germany bans the Iranian airline Mahan Air.");
        assert!(!acts_on_a_stop(&ban, "germany lifted its ban on mahan air"));
    }

    /// A denial governs its clause ("denied that Russia had agreed to a
    /// ceasefire"), and "dismissed" rejects; readiness supports ("ready for a
    /// ceasefire"); the action's own verb stays its own even where it is a
    /// word of stopping ("a 90-day pause" on a question of pausing).
    #[test]
    fn denials_and_dismissals_against_an_action() {
        let ceasefire = "Russia and Ukraine agree to a ceasefire.";
        check(
            ceasefire,
            "denied that russia had agreed to a ceasefire",
            Some(Stance::Oppose),
        );
        check(
            ceasefire,
            "dismissed the idea of a ceasefire",
            Some(Stance::Oppose),
        );
        check(
            ceasefire,
            "hamas must release them without delay to secure a ceasefire.",
            Some(Stance::Support),
        );
        // Readiness is support.
        check(
            ceasefire,
            "\"we are ready for a full and unconditional ceasefire for 30 days,\"",
            Some(Stance::Support),
        );
        check(
            ceasefire,
            "we are prepared to agree to a ceasefire",
            Some(Stance::Support),
        );
        check(
            "The United States pauses its reciprocal tariffs for 90 days.",
            "we have reached an agreement on a 90-day pause and moved down the tariff levels",
            Some(Stance::Support),
        );
    }

    #[test]
    fn qualifier_is_found() {
        let q = compile(&Question {
            id: "q".into(),
            proposition: ARMS.into(),
            ..Default::default()
        });
        let f = score(
            &q,
            "at least some defensive weapons shipments to ukraine would continue",
        )
        .unwrap();
        assert_eq!(
            f.qualifier.as_deref(),
            Some("at least some defensive weapons")
        );
        // An adverb or a pronoun that begins with a quantifier qualifies nothing.
        for text in [
            "we will certainly provide weapons to ukraine",
            "it is something we will do: provide weapons to ukraine",
        ] {
            let f = score(&q, text).unwrap();
            assert_eq!(f.qualifier, None, "{text}");
        }
    }
}
