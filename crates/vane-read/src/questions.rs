//! Questions: parsing the user's `questions.toml`, and compiling each
//! proposition into the terms that make a statement relevant to it.

use crate::{frequency, lexicon};
use serde::Deserialize;
use std::sync::LazyLock;
use vane_core::Question;

#[derive(Debug, thiserror::Error)]
pub enum QuestionsError {
    #[error("questions file is not valid TOML: {0}")]
    Toml(String),
    #[error("question {index} has an empty id")]
    EmptyId { index: usize },
    #[error("question {id:?} is defined twice")]
    Duplicate { id: String },
    #[error(
        "question {id:?} has {groups} {what} term groups; at most {max} are matched \
         (shorten its proposition or its aliases and terms)"
    )]
    TooManyGroups {
        id: String,
        what: &'static str,
        groups: usize,
        max: usize,
    },
}

/// The most object (or target) term groups a question may have: the matcher
/// tells them apart in 64-bit sets.
pub const MAX_GROUPS: usize = 64;

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    question: Vec<Raw>,
}

#[derive(Deserialize)]
struct Raw {
    id: String,
    proposition: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    support: Vec<String>,
    #[serde(default)]
    oppose: Vec<String>,
}

/// Parses a questions file (`[[question]]` tables with `id`, `proposition`,
/// and optionally `aliases`, `terms`, `support` and `oppose` examples).
pub fn parse_toml(src: &str) -> Result<Vec<Question>, QuestionsError> {
    let f: File = toml::from_str(src).map_err(|e| QuestionsError::Toml(e.to_string()))?;
    let mut out: Vec<Question> = Vec::new();
    for (index, r) in f.question.into_iter().enumerate() {
        if r.id.trim().is_empty() {
            return Err(QuestionsError::EmptyId { index });
        }
        if out.iter().any(|q| q.id == r.id) {
            return Err(QuestionsError::Duplicate { id: r.id });
        }
        let q = Question {
            id: r.id,
            proposition: r.proposition,
            aliases: r.aliases,
            terms: r.terms,
            support_examples: r.support,
            oppose_examples: r.oppose,
        };
        // Refused here, not silently cut short when matched.
        let c = compile(&q);
        for (what, groups) in [("object", c.objects.len()), ("target", c.targets.len())] {
            if groups > MAX_GROUPS {
                return Err(QuestionsError::TooManyGroups {
                    id: q.id,
                    what,
                    groups,
                    max: MAX_GROUPS,
                });
            }
        }
        out.push(q);
    }
    Ok(out)
}

/// What kind of proposition a question states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// "The United States provides X to Y": acts of giving support it,
    /// pauses and refusals oppose it.
    Provision,
    /// "X is acceptable / sincere": evaluations support or oppose it.
    Evaluation,
    /// Any other event or act: "The United States imposes sanctions on
    /// Russia", "Ukraine joins NATO". Saying it will or should happen, or
    /// doing it, supports it; rejecting, blocking or reversing it opposes it.
    Action,
}

/// How a text refers to a question's object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    /// It names it ("Abrams", "F-16s").
    Name,
    /// Its head noun or the act of providing it, determined: "these tanks",
    /// "the 31 tanks", "the transfer".
    Head,
    /// A noun that refers to whatever matter is under discussion: "this
    /// step", "that decision", "this package". Its antecedent must be near.
    Anaphor,
}

/// A group of surface forms, any of which matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermGroup {
    pub forms: Vec<String>,
    /// A generic word that cannot make a statement relevant on its own.
    pub generic: bool,
    /// An alternative subject from the proposition's parenthesis: matching
    /// it alone makes a text relevant.
    pub alternative: bool,
    /// A common word written in lowercase ("countries", "security"): see
    /// [`frequency::common`].
    pub common: bool,
}

/// Lexicon class `trade_terms` (data/lexicon.toml).
static TRADE_TERMS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("trade_terms"));

impl TermGroup {
    /// Whether the term is a word of trade (lexicon class `trade_terms`).
    fn is_trade(&self) -> bool {
        self.forms.iter().any(|f| TRADE_TERMS.contains(&f.as_str()))
    }
}

/// A question prepared for matching.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub question: Question,
    pub shape: Shape,
    /// What the proposition is about.
    pub objects: Vec<TermGroup>,
    /// Places and governments it concerns ("Ukraine").
    pub targets: Vec<TermGroup>,
    /// Head nouns of the object phrases and their near synonyms ("tanks" of
    /// "Abrams tanks"): with a determiner ("these tanks") they refer back to
    /// the object once the topic is set.
    pub heads: Vec<String>,
    /// The proposition's own head nouns, singular and plural ("tanks", "tank").
    pub own_heads: Vec<String>,
    /// Every form of `objects` and `targets` in one automaton.
    matcher: Matcher,
    /// How many of `targets`, from the first, are the proposition's subject
    /// ("The United States" provides ... to Ukraine) rather than its recipient.
    pub agent_targets: usize,
    /// For an action: the forms of its verbs ("impose", "imposed", "join",
    /// "joining"), which assert it when said of it.
    pub cues: Vec<String>,
    /// The forms of the proposition's subject when it opens with a target
    /// ("Ukraine" joins NATO, "Israel" should withdraw): its own deeds
    /// are the action, not a third party's.
    pub subject: Vec<String>,
    /// Targets found through the actor pack's places rather than the domain
    /// list ("NATO" of "Ukraine joins NATO"): for an action they name the
    /// thing itself, so a reference needs one of them (beside the subject).
    pub pack_places: Vec<usize>,
    /// The term groups (bits of `objects`) that name the person a named
    /// subject's deed is done to ("Donald Trump meets Emmanuel Macron"): a
    /// text about the deed names one of them ("hosting a state visit" is no
    /// meeting with Kishida), and is matched with people's names kept
    /// (`unnamed`).
    persons: u64,
    /// The object group of the name an action's claim opens with, when it
    /// has two words or more of its own ("Vladimir Putin must leave
    /// power"): a text that names the person is matched with names kept,
    /// and needs as many other terms as one that does not (`unnamed`,
    /// `count_objects`), lest "Putin's war" be about "... is a war
    /// criminal".
    name_claim: u64,
    /// The forms of the person an action opens with ("donald trump",
    /// "trump"), when that name is no term of its own: the deed is his, so
    /// another person's ("Joe Biden met today with President Macron") is
    /// not it.
    pub subject_person: Vec<String>,
    /// The forms of the name a proposition opens with, doer or not
    /// ("Vladimir Putin can be trusted", "Xi Jinping is a dictator"): the
    /// proposition is about that party, so its deeds are no third party's.
    pub opening_name: Vec<String>,
    /// The object groups of an action that the proposition writes with a
    /// capital ("an agreement with the Taliban", "Iron Dome"): where it has
    /// more groups than a text needs, a text that names none of these needs
    /// one term more (`count_objects`).
    named: u64,
}

/// Lexicon class `heads` (data/lexicon.toml).
static HEADS: LazyLock<&[(&str, &[&str])]> = LazyLock::new(|| lexicon::entries("heads"));

/// Lexicon class `anaphoric_nouns` (data/lexicon.toml).
static ANAPHORIC_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("anaphoric_nouns"));

/// Lexicon class `demonstratives` (data/lexicon.toml).
static DEMONSTRATIVES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("demonstratives"));

/// Lexicon class `act_nouns` (data/lexicon.toml).
static ACT_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("act_nouns"));

/// Lexicon class `our_side` (data/lexicon.toml).
static OUR_SIDE: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("our_side"));

/// Lexicon class `provided` (data/lexicon.toml).
static PROVIDED: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("provided"));

/// Lexicon class `provision_verbs` (data/lexicon.toml).
static PROVISION_VERBS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("provision_verbs"));

/// Lexicon class `stop` (data/lexicon.toml).
static STOP: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("stop"));

/// Lexicon class `evaluative` (data/lexicon.toml).
static EVALUATIVE: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("evaluative"));

/// Lexicon class `generic` (data/lexicon.toml).
static GENERIC: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("generic"));

/// Lexicon class `targets` (data/lexicon.toml).
static TARGETS: LazyLock<&[(&str, &[&str])]> = LazyLock::new(|| lexicon::entries("targets"));

/// The countries of the bundled actor pack as places: (name, forms), the
/// name first among the forms, lowercase. Built once.
fn places() -> &'static [(String, Vec<String>)] {
    static PLACES: std::sync::OnceLock<Vec<(String, Vec<String>)>> = std::sync::OnceLock::new();
    PLACES.get_or_init(|| {
        vane_actors::Kb::shared()
            .places()
            .into_iter()
            .filter_map(|(_, forms)| {
                let name = forms.first()?.clone();
                Some((name, forms))
            })
            .collect()
    })
}

/// Each government's leaders' names (`Kb::leader_names`): their full
/// names and aliases, and the surnames that stand for them alone in the
/// corpus the reader was made for (`data/leader-surnames.tsv`: most of the
/// documents that write the surname name the leader's country too;
/// "Putin", "Xi", not "Johnson" or "Henry"). Built once.
fn leaders() -> &'static [(vane_core::Gov, Vec<String>)] {
    static LEADERS: std::sync::OnceLock<Vec<(vane_core::Gov, Vec<String>)>> =
        std::sync::OnceLock::new();
    LEADERS.get_or_init(|| {
        let alone = leader_surnames();
        vane_actors::Kb::shared()
            .leader_names()
            .into_iter()
            .map(|(gov, mut names, surnames)| {
                names.extend(
                    surnames
                        .into_iter()
                        .filter(|s| alone.iter().any(|(a, g)| a == s && *g == gov.0)),
                );
                (gov, names)
            })
            .collect()
    })
}

/// The surnames of `data/leader-surnames.tsv` that stand for their
/// country's leader alone: written in at least 10 documents, at least
/// half of which name the country.
fn leader_surnames() -> Vec<(&'static str, &'static str)> {
    include_str!("../data/leader-surnames.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut c = l.split('\t');
            let (s, gov) = (c.next()?, c.next()?);
            let n: u32 = c.next()?.parse().ok()?;
            let with: u32 = c.next()?.parse().ok()?;
            (n >= 10 && 2 * with >= n).then_some((s, gov))
        })
        .collect()
}

/// The places' names of more than one word ("united states", "united arab
/// emirates"), from the pack and the lexicon's targets: the words inside
/// them are no terms of a question.
fn place_names() -> &'static aho_corasick::AhoCorasick {
    static NAMES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<&str> = places()
            .iter()
            .flat_map(|(_, forms)| forms.iter().map(String::as_str))
            .chain(TARGETS.iter().flat_map(|(_, forms)| forms.iter().copied()))
            .filter(|f| f.contains(' '))
            .collect();
        names.sort_unstable();
        names.dedup();
        aho_corasick::AhoCorasick::new(names).expect("place names build")
    })
}

/// Lexicon class `synonyms` (data/lexicon.toml).
static SYNONYMS: LazyLock<&[(&str, &[&str])]> = LazyLock::new(|| lexicon::entries("synonyms"));

/// Lexicon class `giving` (data/lexicon.toml).
static GIVING: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("giving"));

/// Whether a word is a verb of giving (`PROVISION_VERBS` or `GIVING`).
pub(crate) fn is_giving_verb(w: &str) -> bool {
    GIVING.contains(&w) || PROVISION_VERBS.contains(&w)
}

/// Lexicon class `light_verbs` (data/lexicon.toml).
static LIGHT_VERBS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("light_verbs"));

/// Lexicon class `auxiliaries` (data/lexicon.toml).
static AUXILIARIES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("auxiliaries"));

/// Lexicon class `same_act` (data/lexicon.toml).
static SAME_ACT: LazyLock<&[(&str, &[&str])]> = LazyLock::new(|| lexicon::entries("same_act"));

/// The verbs news uses for a verb of the proposition (lexicon `same_act`):
/// "host", "visited" for "meets".
fn same_act(w: &str) -> impl Iterator<Item = &'static str> + '_ {
    let base = irregular(w).map_or_else(|| base_of(w), |(b, _)| b.to_string());
    SAME_ACT
        .iter()
        .filter(move |(k, _)| *k == w || *k == base)
        .flat_map(|(_, forms)| forms.iter().copied())
}

/// Lexicon class `months` (data/lexicon.toml).
static MONTHS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("months"));

/// Lexicon class `subordinators` (data/lexicon.toml).
static SUBORDINATORS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("subordinators"));

/// Lexicon class `derived` (data/lexicon.toml).
static DERIVED: LazyLock<&[(&str, &[&str])]> = LazyLock::new(|| lexicon::entries("derived"));

/// Lexicon class `empty_verbs` (data/lexicon.toml).
static EMPTY_VERBS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("empty_verbs"));

/// The verbs of an action proposition: the word after its subject when it
/// is a verb ("Ukraine joins NATO", "the United States imposes ...",
/// "President Trump meets ...", "Russia and Ukraine agree to ..."), and any
/// word after an auxiliary ("a ceasefire is agreed", "Israel should
/// withdraw").
fn action_verbs(ws: &[String], names: &[NameRun]) -> Vec<String> {
    let subject = subject_end(ws, names);
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let after_aux = i > 0 && AUXILIARIES.contains(&ws[i - 1].as_str());
        let present = w.ends_with('s') && !w.ends_with("ss");
        // A word a verb follows is the subject's noun ("NATO allies spend",
        // "Russian forces have committed ..."); after a place, a past is
        // no such verb ("increases liquefied natural gas exports").
        let noun = |i: usize, past: bool| {
            ws.get(i + 1).is_some_and(|n| {
                (past && n.ends_with("ed")
                    || irregular(n).is_some()
                    || matches!(n.as_str(), "has" | "have" | "had")
                    || n != "to" && AUXILIARIES.contains(&n.as_str()))
                    // "meets Mohammed bin Salman": a name, not a verb.
                    && !names.iter().any(|r| r.words.first() == Some(n))
            })
        };
        let after_place = i > 0
            && i <= 3
            && present
            && !noun(i, false)
            && TARGETS
                .iter()
                .any(|(n, f)| n.ends_with(ws[i - 1].as_str()) || f.contains(&ws[i - 1].as_str()));
        // Right after the subject: "meets" after one, "agree" after two
        // joined by "and", or a past ("Russia interfered"). Not a noun the
        // subject describes, which a verb follows ("The U.S. strikes
        // destroyed ...", "NATO allies spend ...", "North Korean troops
        // are fighting ...").
        let after_subject = subject.is_some_and(|(end, joined)| {
            i == end
                && (present
                    || joined
                    || w.ends_with("ed")
                    || irregular(w).is_some_and(|(b, _)| b != w))
                && !noun(i, true)
        });
        if (after_aux || after_place || after_subject)
            && !AUXILIARIES.contains(&w.as_str())
            && !STOP.contains(&w.as_str())
            && !EMPTY_VERBS.contains(&w.as_str())
            && w.chars().all(|c| c.is_alphabetic())
        {
            out.push(w.clone());
        }
    }
    out
}

/// The longest name of the proposition that starts at word `i`.
fn name_at<'n>(ws: &[String], names: &'n [NameRun], i: usize) -> Option<&'n NameRun> {
    names
        .iter()
        .filter(|n| ws.get(i..i + n.words.len()) == Some(&n.words[..]))
        .max_by_key(|n| n.words.len())
}

/// Where a proposition's subject ends when it opens with names or places
/// ("Donald Trump", "The United States and Japan"), and whether it joins
/// two or more of them (its verb is then plural: "agree", "sign").
fn subject_end(ws: &[String], names: &[NameRun]) -> Option<(usize, bool)> {
    let mut i = usize::from(ws.first().is_some_and(|w| w == "the"));
    let unit = |i: usize| -> Option<usize> {
        name_at(ws, names, i).map(|n| n.words.len()).or_else(|| {
            (1..=3).rev().find(|&span| {
                let Some(p) = ws.get(i..i + span).map(|p| p.join(" ")) else {
                    return false;
                };
                TARGETS
                    .iter()
                    .any(|(n, f)| *n == p.as_str() || f.contains(&p.as_str()))
                    || places().iter().any(|(_, forms)| forms.contains(&p))
            })
        })
    };
    let mut units = 0;
    while let Some(len) = unit(i) {
        i += len;
        units += 1;
        let the = usize::from(ws.get(i + 1).is_some_and(|w| w == "the"));
        if ws.get(i).is_some_and(|w| w == "and") && unit(i + 1 + the).is_some() {
            i += 1 + the;
        } else {
            break;
        }
    }
    (units > 0).then_some((i, units > 1))
}

/// The base of an inflected word: "joins" -> "join", "sanctions" ->
/// "sanction", "agreed" -> "agree", "imposed" -> "impose".
fn base_of(w: &str) -> String {
    if w.len() > 4 && w.ends_with("ies") {
        format!("{}y", &w[..w.len() - 3])
    } else if (w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        // "status", "crisis": no plural ("Houthis" is one).
        && !w.ends_with("us")
        && !w.ends_with("sis"))
        || (w.len() > 4 && w.ends_with("ed"))
    {
        // "joins" -> "join"; "agreed" -> "agree", "imposed" -> "impose"
        // ("sanctioned" -> "sanctione" is mended by `inflections`).
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

/// A stem with its doubled final consonant undone ("bann" of "banned" ->
/// "ban", "committ" -> "commit"); not the doubles a base ends in ("call",
/// "pass", "staff", "buzz").
fn undouble(stem: &str) -> String {
    let c: Vec<char> = stem.chars().collect();
    let n = c.len();
    if n >= 3 && c[n - 1] == c[n - 2] && !"aeioulsfz".contains(c[n - 1]) {
        c[..n - 1].iter().collect()
    } else {
        stem.to_string()
    }
}

/// A word's inflections: a noun's number ("sanction", "sanctions"), and for
/// a verb its tenses too ("impose", "imposes", "imposed", "imposing").
fn inflections(w: &str, verb: bool) -> Vec<String> {
    // A verb written in "-ing" ("committing", "buying"): its base, the
    // doubled consonant undone ("committ" -> "commit").
    let ing_base = w
        .strip_suffix("ing")
        .filter(|b| verb && b.len() >= 3)
        .map(undouble);
    // Its past keeps the doubled consonant ("committed"), and a past's
    // "-ing" does too ("banned": "banning").
    let doubled_past = ing_base
        .as_ref()
        .zip(w.strip_suffix("ing"))
        .filter(|(b, stem)| b.len() < stem.len())
        .map(|(_, stem)| format!("{stem}ed"))
        .or_else(|| {
            w.strip_suffix("ed")
                .filter(|stem| verb && undouble(stem).len() < stem.len())
                .map(|stem| format!("{stem}ing"))
        });
    let base = ing_base.unwrap_or_else(|| base_of(w));
    // "imposed" -> "impose" but "sanctioned" -> "sanction": a base in "-e"
    // only where the word is not itself a noun form.
    let base = if base.ends_with('e')
        && !w.ends_with("es")
        && w.ends_with("ed")
        && !base.ends_with("ee")
    {
        let bare = &base[..base.len() - 1];
        let known = |w: &str| frequency::stats(w).is_some();
        if let Some(y) = bare
            .strip_suffix('i')
            .map(|s| format!("{s}y"))
            .filter(|y| known(y))
        {
            // "unified" -> "unify"
            y
        } else if [
            "impos", "approv", "declar", "announc", "recogniz", "continu",
        ]
        .iter()
        .any(|p| bare.ends_with(p))
            // "interfered" -> "interfere" (the corpus's words say which)
            || known(&base) && !known(bare)
        {
            base
        } else {
            undouble(bare)
        }
    } else {
        base
    };
    let mut forms = vec![w.to_string(), base.clone()];
    // Latin plurals: "referendum", "referenda".
    if let Some(stem) = base.strip_suffix("um") {
        forms.push(format!("{stem}a"));
    }
    // "y" after a consonant becomes "ies" ("party", "parties"); after a
    // vowel it takes "s" ("buys", "delays").
    let vowel_y = base
        .strip_suffix('y')
        .and_then(|y| y.chars().last())
        .is_some_and(|c| "aeiou".contains(c));
    // A sibilant takes "es" ("access", "accesses"; "tax", "taxes").
    let sibilant = ["ss", "sh", "ch", "x", "zz"]
        .iter()
        .any(|e| base.ends_with(e));
    match base.strip_suffix('y') {
        Some(y) if !vowel_y => forms.push(format!("{y}ies")),
        _ if sibilant => forms.push(format!("{base}es")),
        _ => forms.push(format!("{base}s")),
    }
    if verb {
        let e_less = if base.ends_with("ee") {
            &base
        } else {
            base.strip_suffix('e').unwrap_or(&base)
        };
        forms.push(match base.strip_suffix('y') {
            // "occupy", "occupied"; "deploy", "deployed".
            Some(y) if !vowel_y => format!("{y}ied"),
            _ if base.ends_with('e') => format!("{base}d"),
            _ => format!("{base}ed"),
        });
        forms.push(format!("{e_less}ing"));
        // A short verb ending in one vowel and a consonant doubles it:
        // "ban", "banned", "banning"; "stop", "stopped".
        let c: Vec<char> = base.chars().collect();
        let vowel = |c: char| "aeiou".contains(c);
        if let [.., a, b, z] = c[..] {
            if c.len() <= 4 && !vowel(a) && vowel(b) && !vowel(z) && !"wxy".contains(z) {
                forms.push(format!("{base}{z}ed"));
                forms.push(format!("{base}{z}ing"));
            }
        }
    }
    forms.extend(doubled_past);
    forms.sort();
    forms.dedup();
    forms
}

/// The forms of a word of an action, with the derived forms news uses for
/// it: "joins" -> join, joins, joined, joining, membership, accession, ...
/// Lexicon class `irregular_verbs` (data/lexicon.toml).
static IRREGULAR: LazyLock<&[(&str, &[&str])]> =
    LazyLock::new(|| lexicon::entries("irregular_verbs"));

/// Lexicon class `group_bases` (data/lexicon.toml).
static GROUP_BASES: LazyLock<&[(&str, &[&str])]> =
    LazyLock::new(|| lexicon::entries("group_bases"));

/// The irregular verb a word is a form of ("sold", "sell"), with its forms.
fn irregular(w: &str) -> Option<(&'static str, &'static [&'static str])> {
    IRREGULAR
        .iter()
        .find(|(base, forms)| *base == w || forms.contains(&w))
        .map(|(b, f)| (*b, *f))
}

fn word_forms(w: &str, verb: bool) -> Vec<String> {
    // An irregular verb: its base's regular forms and its own ("sold":
    // "sell", "sells", "selling", "sold"; "meet": "met").
    let found = irregular(w).or_else(|| irregular(&base_of(w)));
    let mut forms = match found.filter(|(base, _)| verb || w != *base) {
        Some((base, own)) => {
            let mut forms: Vec<String> = inflections(base, true)
                .into_iter()
                .filter(|f| !f.ends_with("ed"))
                .collect();
            forms.push(w.to_string());
            forms.extend(own.iter().map(|f| f.to_string()));
            forms
        }
        None => inflections(w, verb),
    };
    if verb {
        forms.extend(same_act(w).map(str::to_string));
    }
    let base = base_of(w);
    for (k, derived) in DERIVED.iter() {
        // The word is the entry's own ("sanctioned" of "sanction", not
        // "partners" of "part"): its derived forms. Or it is one of them
        // ("annexation", "withdrawal", "talks"): the entry's word in its
        // inflections too ("annex", "annexed"), and the other forms.
        let own = w == *k || base.starts_with(k) && base.len() <= k.len() + 1;
        let derived_one = derived.contains(&w) || derived.contains(&base.as_str());
        if own || derived_one {
            forms.extend(derived.iter().map(|d| d.to_string()));
        }
        if derived_one {
            forms.extend(inflections(k, true));
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

fn words(s: &str) -> Vec<String> {
    raw_words(s).map(str::to_lowercase).collect()
}

/// The words of `s` as written, in the order and count of `words`.
fn raw_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
}

/// A name in a proposition ("Donald Trump", "President Biden"): its words
/// as the compiler sees them, and the forms that match it (the whole name
/// without its titles, and each of its distinctive words).
struct NameRun {
    words: Vec<String>,
    forms: Vec<String>,
}

/// Lexicon class `name_titles` (data/lexicon.toml).
static NAME_TITLES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("name_titles"));

/// Lexicon class `name_particles` (data/lexicon.toml).
static NAME_PARTICLES: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("name_particles"));

/// The runs of two or more capitalised words in a proposition ("Donald
/// Trump", "Prime Minister Narendra Modi", "Mohammed bin Salman"), but its
/// opening article. A run that is all titles names no one and is dropped.
fn name_runs(proposition: &str) -> Vec<NameRun> {
    let main = proposition.split('(').next().unwrap_or(proposition);
    // A run never crosses a comma ("the Emir of Qatar, Sheikh Tamim ...").
    let tokens: Vec<&str> = main
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == ','))
        .flat_map(|w| {
            let (w, comma) = match w.strip_suffix(',') {
                Some(w) => (w, true),
                None => (w, false),
            };
            [w.trim_matches('.'), if comma { "," } else { "" }]
        })
        .filter(|w| !w.is_empty())
        .collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let title = |w: &str| NAME_TITLES.contains(&w.to_lowercase().as_str());
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !capital(tokens[i]) || (i == 0 && STOP.contains(&tokens[i].to_lowercase().as_str())) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len()
            && (capital(tokens[j])
                || (NAME_PARTICLES.contains(&tokens[j])
                    && tokens[j..]
                        .iter()
                        .find(|n| !NAME_PARTICLES.contains(n))
                        .is_some_and(|n| capital(n))))
            // A title after a name starts another ("European Commission
            // President Ursula von der Leyen").
            && (!title(tokens[j]) || title(tokens[j - 1]))
        {
            j += 1;
        }
        if j - i >= 2 {
            let words: Vec<String> = tokens[i..j].iter().map(|w| w.to_lowercase()).collect();
            let bare: Vec<&str> = words
                .iter()
                .map(String::as_str)
                .filter(|w| !NAME_TITLES.contains(w))
                .collect();
            let mut forms = Vec::new();
            if !bare.is_empty() {
                forms.push(bare.join(" "));
                forms.extend(
                    bare.iter()
                        .filter(|w| {
                            w.chars().count() >= 3
                                && !NAME_PARTICLES.contains(w)
                                && !GENERIC.contains(w)
                                && !STOP.contains(w)
                                // A word mostly written in lowercase
                                // ("security" of "UN Security Council",
                                // "air" of "Mahan Air") names other things.
                                && !frequency::mostly_lowercase(w)
                        })
                        .map(|w| w.to_string()),
                );
                forms.sort();
                forms.dedup();
            }
            out.push(NameRun { words, forms });
        }
        i = j;
    }
    out
}

/// The words of a proposition after its first with a character `mark` keeps
/// (a capital, a digit), lowercased.
fn written_with(proposition: &str, mark: impl Fn(char) -> bool) -> Vec<String> {
    proposition
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .skip(1)
        .filter(|w| w.chars().any(&mark))
        .map(str::to_lowercase)
        .collect()
}

/// Compiles a question: finds its shape, targets and object phrases.
pub fn compile(q: &Question) -> Compiled {
    let prop_lc = q.proposition.to_lowercase();
    // The proposition's words, lowercased and as written, split once.
    let prop_words = words(&prop_lc);
    let has_word = |w: &str| prop_words.iter().any(|x| x == w);
    // "gives up its weapons": giving up is no giving; nor is the noun "arms"
    // ("its arms embargo", "nuclear arms control"): the verb takes a
    // recipient ("arms Ukraine", "arms the rebels").
    let gives = {
        let cased: Vec<&str> = raw_words(&q.proposition).collect();
        prop_words.iter().enumerate().any(|(i, w)| {
            let next = prop_words.get(i + 1);
            is_giving_verb(w)
                && next.is_none_or(|n| n != "up")
                && (w != "arms"
                    || next.is_some_and(|n| n == "the")
                    || cased
                        .get(i + 1)
                        .is_some_and(|n| n.starts_with(char::is_uppercase)))
        })
    };
    let shape = if EVALUATIVE.iter().any(|w| has_word(w))
        && !["provides", "provide", "delivering", "sends", "supplies"]
            .iter()
            .any(|w| has_word(w))
    {
        Shape::Evaluation
    } else if gives {
        Shape::Provision
    } else {
        Shape::Action
    };
    let mut targets = Vec::new();
    let mut objects: Vec<TermGroup> = Vec::new();
    let mut phrase: Vec<String> = Vec::new();
    let main = prop_lc.split('(').next().unwrap_or(&prop_lc).to_string();
    // Words written with a capital or a digit in the proposition ("Abrams",
    // "F-16") are the specific ones: a phrase that has one is matched by it
    // (and its synonyms), never by its generic head alone ("tanks").
    let specific = written_with(&q.proposition, |c| c.is_uppercase() || c.is_ascii_digit());
    let names = name_runs(&q.proposition);
    // The person an action opens with ("Donald Trump" meets ..., "President
    // Biden" hosts ...): the one whose deed it is. A text about the deed
    // names its other terms ("met today with President Macron"); the
    // subject's name alone with one of them is not the deed ("Trump's
    // meeting with his cabinet").
    let mut ws = words(&main);
    // A condition or a time after the main clause ("would defend the
    // Philippines if it were attacked", "governs Gaza after the war") names
    // no term a statement must have: the proposition ends before it.
    if let Some(at) = ws
        .iter()
        .enumerate()
        .skip(2)
        .find(|(_, w)| SUBORDINATORS.contains(&w.as_str()))
        .map(|(i, _)| i)
    {
        ws.truncate(at);
    }
    let verbs = if shape == Shape::Action {
        action_verbs(&ws, &names)
    } else {
        Vec::new()
    };
    // Only where the name is followed by the proposition's verb ("Alexei
    // Navalny was poisoned": he is no doer).
    let subject_name: Option<&NameRun> = (shape == Shape::Action)
        .then(|| {
            let start = usize::from(ws.first().is_some_and(|w| w == "the"));
            name_at(&ws, &names, start).filter(|n| {
                ws.get(start + n.words.len())
                    .is_some_and(|v| verbs.contains(v))
            })
        })
        .flatten();
    let opening_name: Vec<String> = {
        let start = usize::from(ws.first().is_some_and(|w| w == "the"));
        name_at(&ws, &names, start).map_or_else(Vec::new, |n| n.forms.clone())
    };
    let flush = |phrase: &mut Vec<String>, objects: &mut Vec<TermGroup>| {
        if phrase.is_empty() {
            return;
        }
        if shape == Shape::Action {
            // An action's words are matched one by one, in any order and
            // inflection ("sanctions on Russia", "Russia was sanctioned"); a
            // name is one term ("Donald Trump", "Crown Prince Mohammed bin
            // Salman"), matched whole or by its words, its titles aside.
            let mut k = 0;
            while k < phrase.len() {
                let name = names.iter().find(|n| {
                    phrase.len() - k >= n.words.len() && phrase[k..k + n.words.len()] == n.words[..]
                });
                if let Some(n) = name {
                    k += n.words.len();
                    if n.forms.is_empty() || objects.iter().any(|g| g.forms == n.forms) {
                        continue;
                    }
                    objects.push(TermGroup {
                        forms: n.forms.clone(),
                        generic: false,
                        alternative: false,
                        common: false,
                    });
                    continue;
                }
                k += 1;
            }
            let in_name = |at: usize| {
                names.iter().any(|n| {
                    (0..n.words.len()).any(|o| {
                        at >= o
                            && phrase.len() - (at - o) >= n.words.len()
                            && phrase[at - o..at - o + n.words.len()] == n.words[..]
                    })
                })
            };
            let loose: Vec<String> = (0..phrase.len())
                .filter(|&at| !in_name(at))
                .map(|at| phrase[at].clone())
                .collect();
            phrase.clear();
            for w in loose {
                if LIGHT_VERBS.contains(&w.as_str()) || NAME_TITLES.contains(&w.as_str()) {
                    continue;
                }
                let mut forms = if specific.contains(&w) {
                    inflections(&w, false)
                } else {
                    word_forms(&w, verbs.contains(&w))
                };
                // "Hezbollah": "Lebanon" stands for it.
                // Not where the proposition names the place itself as a
                // term ("the Houthis in Yemen"): one word would count twice.
                if let Some((_, places)) = GROUP_BASES.iter().find(|(g, _)| *g == w) {
                    if !places.iter().any(|p| prop_words.iter().any(|x| x == p)) {
                        forms.extend(places.iter().map(|p| p.to_string()));
                    }
                }
                objects.push(TermGroup {
                    forms,
                    generic: GENERIC.contains(&w.as_str()),
                    alternative: false,
                    common: frequency::common(&w) || frequency::common(&base_of(&w)),
                });
            }
            return;
        }
        let text = phrase.join(" ");
        let mut forms = vec![text.clone()];
        let keys: Vec<&String> = if phrase.len() > 1 && phrase.iter().any(|w| specific.contains(w))
        {
            phrase.iter().filter(|w| specific.contains(w)).collect()
        } else {
            phrase.iter().collect()
        };
        for (k, syn) in SYNONYMS.iter() {
            if text == *k
                || keys.iter().any(|w| *w == k)
                || (phrase.len() > 1 && text.contains(k) && keys.len() == phrase.len())
            {
                forms.extend(syn.iter().map(|s| s.to_string()));
            }
        }
        if keys.len() < phrase.len() {
            forms.extend(keys.iter().map(|s| s.to_string()));
        }
        // A single common noun in either number ("referendums": "referendum",
        // "referenda").
        if phrase.len() == 1 && !specific.contains(&phrase[0]) {
            forms.extend(inflections(&phrase[0], false));
        }
        // A lowercase multi-word phrase keeps its head too ("fighter jets" -> "jets" is too weak; keep only synonyms).
        let generic = phrase.len() == 1 && GENERIC.contains(&phrase[0].as_str());
        forms.sort();
        forms.dedup();
        objects.push(TermGroup {
            forms,
            generic,
            alternative: false,
            common: false,
        });
        phrase.clear();
    };
    let mut first_at_start = false;
    // Places joined at the opening ("Finland and Sweden join NATO") are all
    // the subject; the first other word ends the opening.
    let mut leading = true;
    let mut lead_targets = 0usize;
    let mut pack_places: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        let two = ws.get(i + 1).map(|n| format!("{w} {n}"));
        let three = ws
            .get(i + 1..i + 3)
            .map(|n| format!("{w} {} {}", n[0], n[1]));
        let place = TARGETS
            .iter()
            .find(|(n, f)| {
                let dotted = w.contains('.').then(|| format!("{w}."));
                *n == w.as_str()
                    || f.contains(&w.as_str())
                    || dotted.as_deref().is_some_and(|d| f.contains(&d))
                    || two.as_deref() == Some(*n)
            })
            .map(|(n, f)| {
                let span = if two.as_deref() == Some(*n) { 2 } else { 1 };
                (
                    n.to_string(),
                    f.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    span,
                    false,
                )
            })
            .or_else(|| {
                // Any country of the actor pack is a place too ("Mexico",
                // "the European Union", "Saudi Arabia"), with its adjectives.
                places().iter().find_map(|(name, forms)| {
                    [
                        (three.as_deref(), 3),
                        (two.as_deref(), 2),
                        (Some(w.as_str()), 1),
                    ]
                    .into_iter()
                    .find(|(p, _)| p.is_some_and(|p| forms.iter().any(|f| f == p)))
                    .map(|(_, span)| (name.clone(), forms.clone(), span, true))
                })
            });
        if let Some((name, forms, span, from_pack)) = place {
            flush(&mut phrase, &mut objects);
            if i <= 1 && targets.is_empty() {
                first_at_start = true;
            }
            if leading && first_at_start {
                lead_targets += 1;
            }
            // "President Emmanuel Macron of France", "the Emir of Qatar":
            // the place says whose leader the person is; naming the person
            // is enough, so it is no target.
            let of_person = i >= 2
                && ws[i - 1] == "of"
                && (NAME_TITLES.contains(&ws[i - 2].as_str())
                    || names.iter().any(|n| n.words.last() == Some(&ws[i - 2])));
            if of_person {
                i += span;
                continue;
            }
            if !targets.iter().any(|t: &TermGroup| t.forms[0] == name) {
                if from_pack {
                    pack_places.push(targets.len());
                }
                let mut fs = vec![name.clone()];
                fs.extend(forms);
                targets.push(TermGroup {
                    forms: fs,
                    generic: false,
                    alternative: false,
                    common: false,
                });
            }
            i += span;
            continue;
        }
        // "occupied Ukraine", "war-torn Gaza": a participle before a place
        // describes it and is no term of its own.
        // A participle after a noun is the main verb instead ("The U.S.
        // strikes destroyed Iran's nuclear program").
        let describes_target = w.ends_with("ed")
            && (i == 0 || STOP.contains(&ws[i - 1].as_str()))
            && ws.get(i + 1).is_some_and(|n| {
                TARGETS
                    .iter()
                    .any(|(name, f)| *name == n.as_str() || f.contains(&n.as_str()))
            });
        if !(w == "and" || w == "the") {
            leading = false;
        }
        // A year or a month dates the proposition ("the 2021 withdrawal",
        // "the July 2024 election"): no term a statement must name.
        let date_word = (w.len() == 4
            && w.chars().all(|c| c.is_ascii_digit())
            && (w.starts_with("19") || w.starts_with("20")))
            || MONTHS.contains(&w.as_str());
        // Outside an action, whose phrases are matched whole, a light verb
        // ends a phrase and is none of it ("has the right to defend
        // itself", "hold strategic stability talks").
        let light = shape != Shape::Action && LIGHT_VERBS.contains(&w.as_str());
        if STOP.contains(&w.as_str())
            || EVALUATIVE.contains(&w.as_str())
            || describes_target
            || date_word
            || light
        {
            flush(&mut phrase, &mut objects);
        } else {
            phrase.push(w.clone());
        }
        i += 1;
    }
    flush(&mut phrase, &mut objects);
    // The subject's name counts for nothing once two other terms are left.
    let mut subject_person = Vec::new();
    if let Some(n) = subject_name {
        let others = objects
            .iter()
            .filter(|g| !g.generic && g.forms != n.forms)
            .count();
        if others >= 2 {
            if let Some(g) = objects.iter_mut().find(|g| g.forms == n.forms) {
                g.generic = true;
                subject_person = n.forms.clone();
            }
        }
    }
    for extra in q.aliases.iter().chain(q.terms.iter()) {
        objects.push(TermGroup {
            forms: vec![extra.to_lowercase()],
            generic: false,
            alternative: true,
            common: false,
        });
    }
    // The parenthetical adds alternatives: "(including training Ukrainian pilots on them)".
    if let Some(par) = prop_lc.split('(').nth(1) {
        let ws: Vec<String> = words(par)
            .into_iter()
            .filter(|w| !STOP.contains(&w.as_str()))
            .collect();
        if ws.iter().any(|w| w == "pilots") {
            objects.push(TermGroup {
                forms: vec![
                    "train ukrainian pilots".into(),
                    "training ukrainian pilots".into(),
                    "pilot training".into(),
                    "training of ukrainian".into(),
                    "training program".into(),
                ],
                generic: false,
                alternative: true,
                common: false,
            });
        }
    }
    let mut heads: Vec<String> = Vec::new();
    let mut own_heads: Vec<String> = Vec::new();
    for w in ws.iter().cloned() {
        if let Some((_, forms)) = HEADS.iter().find(|(h, _)| *h == w) {
            heads.extend(forms.iter().map(|f| f.to_string()));
            own_heads.extend(forms.iter().take(2).map(|f| f.to_string()));
        }
    }
    heads.sort();
    heads.dedup();
    let cues = if shape == Shape::Action {
        let mut cues: Vec<String> = verbs
            .iter()
            .flat_map(|w| {
                let own = irregular(w).or_else(|| irregular(&base_of(w)));
                let mut forms = inflections(own.map_or(w.as_str(), |(b, _)| b), true);
                forms.extend(
                    own.into_iter()
                        .flat_map(|(_, f)| f.iter().map(|f| f.to_string())),
                );
                forms.extend(same_act(w).map(str::to_string));
                forms
            })
            .collect();
        cues.sort();
        cues.dedup();
        cues
    } else if shape == Shape::Evaluation {
        // The proposition's own evaluative word backs it where a sentence
        // says it ("Israel has the right to defend itself": "right"), as an
        // action's own verb does.
        EVALUATIVE
            .iter()
            .filter(|w| has_word(w))
            .map(|w| w.to_string())
            .collect()
    } else {
        Vec::new()
    };
    let subject = if first_at_start {
        targets
            .iter()
            .take(lead_targets.max(1))
            .flat_map(|t| t.forms.iter().cloned())
            .collect()
    } else {
        Vec::new()
    };
    // A group's name names its place too: "strikes on the Houthis" is
    // named in Yemen, the target of "strikes the Houthis in Yemen".
    for (group, places) in GROUP_BASES.iter() {
        let Some(g) = objects.iter().find(|g| g.forms.iter().any(|f| f == group)) else {
            continue;
        };
        let names: Vec<String> = g
            .forms
            .iter()
            .filter(|f| !places.contains(&f.as_str()))
            .cloned()
            .collect();
        for t in targets
            .iter_mut()
            .filter(|t| t.forms.iter().any(|f| places.contains(&f.as_str())))
        {
            for n in &names {
                if !t.forms.contains(n) {
                    t.forms.push(n.clone());
                }
            }
        }
    }
    // Names are kept where the deed of a person is done to another person
    // ("Donald Trump meets Emmanuel Macron"): the other is the term. Not
    // where the person is the subject of a claim ("Vladimir Putin is a war
    // criminal"), lest "Putin's war" be about it.
    // A claim about a named party with one word of its own ("Xi Jinping is
    // a dictator", "Vladimir Putin can be trusted"): the name is half of
    // what names it, so it is matched with names kept, and must be there.
    let claim_name = || -> u64 {
        let Some(i) = objects
            .iter()
            .position(|g| !g.generic && !opening_name.is_empty() && g.forms == opening_name)
        else {
            return 0;
        };
        let others = objects
            .iter()
            .enumerate()
            .filter(|&(k, g)| k != i && !g.generic)
            .count();
        if shape == Shape::Action && others == 1 {
            bit(i)
        } else {
            0
        }
    };
    let name_claim: u64 = {
        let at = objects
            .iter()
            .position(|g| !g.generic && !opening_name.is_empty() && g.forms == opening_name);
        match at {
            Some(i)
                if shape == Shape::Action
                    && subject_person.is_empty()
                    && claim_name() == 0
                    && objects
                        .iter()
                        .enumerate()
                        .filter(|&(k, g)| k != i && !g.generic)
                        .count()
                        >= 2 =>
            {
                bit(i)
            }
            _ => 0,
        }
    };
    let persons: u64 = if subject_person.is_empty() {
        claim_name()
    } else {
        objects
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                !g.generic
                    && names.iter().any(|n| {
                        n.forms
                            .first()
                            .is_some_and(|f| !subject_person.contains(f) && g.forms.contains(f))
                    })
            })
            .fold(0, |m, (i, _)| m | bit(i))
    };
    let capitalized = written_with(&q.proposition, char::is_uppercase);
    let named: u64 = if shape == Shape::Action {
        objects
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                !g.generic && !g.alternative && g.forms.iter().any(|f| capitalized.contains(f))
            })
            .fold(0, |m, (i, _)| m | bit(i))
    } else {
        0
    };
    // A government's leaders stand for it as a place the act concerns
    // ("the pressure on Putin through our sanctions" names Russia); a name
    // mostly written in lowercase (an alias that is a common word) does not.
    for t in &mut targets {
        let Some(gov) = vane_actors::Kb::shared().gov_code(&t.forms[0]) else {
            continue;
        };
        if let Some((_, names)) = leaders().iter().find(|(g, _)| *g == gov) {
            for n in names {
                if !t.forms.contains(n) && !frequency::mostly_lowercase(n) {
                    t.forms.push(n.clone());
                }
            }
        }
    }
    let mut matcher = Matcher::new(&objects, &targets, persons);
    matcher.anchors = anchors(&objects, &own_heads);
    Compiled {
        named,
        persons,
        name_claim,
        subject_person,
        opening_name,
        pack_places,
        subject,
        cues,
        matcher,
        question: q.clone(),
        shape,
        objects,
        // The United States at the start is the giver or actor even alone
        // ("The United States recognizes ..."): U.S. speakers say "we".
        // Other places at the opening are co-subjects ("Finland and Sweden
        // join"), except beside the United States, whose partner must be
        // named ("The United States and Japan agree a trade deal").
        agent_targets: if !first_at_start {
            0
        } else if targets
            .first()
            .is_some_and(|t| t.forms[0] == "united states")
        {
            1
        } else if targets.len() > lead_targets.max(1) {
            lead_targets.max(1)
        } else {
            0
        },
        targets,
        heads,
        own_heads,
    }
}

/// Whether `form` occurs in `hay` (lowercased) as whole words.
pub fn has_form(hay: &str, form: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(form) {
        let s = from + i;
        let e = s + form.len();
        let before = hay[..s].chars().next_back();
        let after = hay[e..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return true;
        }
        from = s + form.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// Group `i`'s bit in a set of groups (none past [`MAX_GROUPS`]).
fn bit(i: usize) -> u64 {
    u32::try_from(i)
        .ok()
        .and_then(|i| 1u64.checked_shl(i))
        .unwrap_or(0)
}

/// All forms of a question's term groups, matched in one pass.
#[derive(Clone, Debug)]
struct Matcher {
    ac: aho_corasick::AhoCorasick,
    /// One word of each form of the object groups that count (not generic):
    /// a text in which none occurs names no object (`Compiled::may_name`).
    /// `None` where a form gives no such word.
    anchors: Option<aho_corasick::AhoCorasick>,
    /// Per pattern: (is a target, group index).
    owner: Vec<(bool, usize)>,
    /// The object groups that are another person's name (`Compiled::persons`).
    persons: u64,
    /// Of the object groups that count (neither generic nor an alternative subject): how many, how
    /// many are words of trade, and the latter's bits.
    counted: usize,
    trade: usize,
    trade_bits: u64,
    /// The bits of the object groups that count, and of those that are
    /// common words ([`TermGroup::common`]).
    counted_bits: u64,
    common_bits: u64,
}

impl Matcher {
    fn new(objects: &[TermGroup], targets: &[TermGroup], persons: u64) -> Matcher {
        let mut pats: Vec<&str> = Vec::new();
        let mut owner = Vec::new();
        for (is_target, groups) in [(false, objects), (true, targets)] {
            // Groups past 64 cannot be told apart in the bit sets; a question
            // has a handful, and `parse_toml` refuses more.
            for (i, g) in groups.iter().enumerate().take(MAX_GROUPS) {
                for f in g.forms.iter().filter(|f| !f.is_empty()) {
                    pats.push(f);
                    owner.push((is_target, i));
                }
            }
        }
        let ac = aho_corasick::AhoCorasick::new(&pats).expect("term patterns build");
        let counted = objects.iter().filter(|g| !g.generic && !g.alternative);
        let bits = |keep: &dyn Fn(&TermGroup) -> bool| {
            objects
                .iter()
                .enumerate()
                .filter(|(_, g)| !g.generic && !g.alternative && keep(g))
                .fold(0, |m, (i, _)| m | bit(i))
        };
        let trade_bits = bits(&|g| g.is_trade());
        Matcher {
            ac,
            anchors: None,
            owner,
            persons,
            counted: counted.clone().count(),
            trade: counted.filter(|g| g.is_trade()).count(),
            trade_bits,
            counted_bits: bits(&|_| true),
            common_bits: bits(&|g| g.common),
        }
    }

    /// The object and target groups named in `lc` as whole words, as bit sets.
    /// A word inside a place's name is no object term ("states" in "the
    /// United States", "kingdom" in "the United Kingdom"), unless the term
    /// is the whole name. The other person of a deed is not named in the
    /// possessive ("met today ... in light of President Putin's war"): that
    /// names what is his, not him as a party.
    fn hits(&self, lc: &str) -> (u64, u64) {
        let (mut objects, mut targets) = (0u64, 0u64);
        // Most texts name none of a question's terms: a search for any one
        // (with the automaton's prefilter) settles them before the walk over
        // every overlapping match.
        if !self.ac.is_match(lc) {
            return (0, 0);
        }
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        let whole = |s: usize, e: usize| {
            boundary(lc[..s].chars().next_back()) && boundary(lc[e..].chars().next())
        };
        for m in self.ac.find_overlapping_iter(lc) {
            if !whole(m.start(), m.end()) {
                continue;
            }
            let (is_target, i) = self.owner[m.pattern().as_usize()];
            if is_target {
                targets |= bit(i);
            } else {
                // A place's name that holds the match lies within its own
                // length of it: only that stretch is searched.
                let names = place_names();
                let reach = names.max_pattern_len();
                let mut from = m.start().saturating_sub(reach);
                while !lc.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = (m.end() + reach).min(lc.len());
                while !lc.is_char_boundary(to) {
                    to += 1;
                }
                let inside = names
                    .find_overlapping_iter(&lc[from..to])
                    .map(|n| (from + n.start(), from + n.end()))
                    .filter(|&(s, e)| whole(s, e))
                    .any(|(s, e)| s <= m.start() && m.end() <= e && (s, e) != (m.start(), m.end()));
                let possessive = self.persons & bit(i) != 0
                    && ["'s", "’s"].iter().any(|p| lc[m.end()..].starts_with(p));
                if !inside && !possessive {
                    objects |= bit(i);
                }
            }
        }
        (objects, targets)
    }
}

/// The longest run of letters and digits of each form of the object groups
/// that count (not generic), and of each of the proposition's own head
/// nouns (a provision is named loosely by its head and its places:
/// `loosely_named`), for [`Compiled::may_name`]. A form matched in a text
/// made of pieces of a document's lowercase (joined by spaces, names
/// blanked, a pronoun turned into "i" or "we") holds its run, and the run,
/// having no space and no mark, lies in one piece, unless it could be all or
/// part of an inserted "i" or "we": such a run, or a form with none, gives
/// `None` (every text may name the object). So does a question with no term.
fn anchors(objects: &[TermGroup], own_heads: &[String]) -> Option<aho_corasick::AhoCorasick> {
    let forms = objects
        .iter()
        .take(MAX_GROUPS)
        .filter(|g| !g.generic)
        .flat_map(|g| g.forms.iter())
        .chain(own_heads)
        .filter(|f| !f.is_empty());
    let mut runs: Vec<&str> = Vec::new();
    for f in forms {
        let run = f
            .split(|c: char| !c.is_alphanumeric())
            .max_by_key(|r| r.len())
            .filter(|r| !r.is_empty() && !"i we".contains(*r))?;
        runs.push(run);
    }
    if runs.is_empty() {
        return None;
    }
    aho_corasick::AhoCorasick::new(&runs).ok()
}

impl Compiled {
    /// Whether a document whose whole lowercase is `doc_lc` may name this
    /// question's object anywhere. When it may not, no sentence of it, nor
    /// any piece of it, can be about the question, and reading may skip the
    /// question for that document.
    pub fn may_name(&self, doc_lc: &str) -> bool {
        self.matcher
            .anchors
            .as_ref()
            .is_none_or(|a| a.is_match(doc_lc))
    }

    /// Where the runs of [`Compiled::may_name`] start in `lc` (a document's
    /// lowercase), in order: a slice of it in which none starts names no
    /// object. `None` where any text may name it.
    pub fn anchor_starts(&self, lc: &str) -> Option<Vec<usize>> {
        let a = self.matcher.anchors.as_ref()?;
        Some(a.find_overlapping_iter(lc).map(|m| m.start()).collect())
    }

    /// Whether `lc` points back at a matter told before: one of the
    /// question's object terms, or an anaphoric noun ("the move", "this
    /// decision"), after "the" or a demonstrative ("the sanctions", "these
    /// duties").
    pub fn points_back(&self, lc: &str) -> bool {
        let toks: Vec<&str> = lc
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|t| !t.is_empty())
            .collect();
        let mut forms = self
            .objects
            .iter()
            .filter(|g| !g.generic)
            .flat_map(|g| g.forms.iter());
        let determiners = || std::iter::once("the").chain(DEMONSTRATIVES.iter().copied());
        toks.windows(2).any(|w| {
            determiners().any(|d| d == w[0])
                && (ANAPHORIC_NOUNS.contains(&w[1]) || ACT_NOUNS.contains(&w[1]))
        }) || forms.any(|f| determiners().any(|d| has_form(lc, &format!("{d} {f}"))))
    }

    /// Whether `lc` names the proposition's subject ("Ukraine" joins NATO).
    pub fn names_subject(&self, lc: &str) -> bool {
        self.subject.iter().any(|f| has_form(lc, f))
    }

    /// The text to match this question's terms in: `plain`, or `unnamed`
    /// (people's names blanked) unless a term is itself a name.
    pub fn unnamed<'a>(&self, plain: &'a str, unnamed: &'a str) -> &'a str {
        if self.persons != 0
            || self.name_claim != 0 && self.matcher.hits(plain).0 & self.name_claim != 0
        {
            plain
        } else {
            unnamed
        }
    }
    /// How many non-generic object groups `lc` (lowercased text) matches.
    /// An alternative group counts as enough on its own.
    pub fn object_hits(&self, lc: &str) -> usize {
        self.count_objects(self.matcher.hits(lc).0)
    }

    /// Whether `lc` names the question: its objects (`object_hits`, as many
    /// as `needed`) and a target past its agents (`target_hit`), in one
    /// search.
    pub fn names_it(&self, lc: &str) -> bool {
        let (objects, targets) = self.matcher.hits(lc);
        self.count_objects(objects) >= self.needed() && self.targets_named(targets)
    }

    /// `object_hits` of the object groups found.
    fn count_objects(&self, objects: u64) -> usize {
        let hit = |i: usize| objects & bit(i) != 0;
        let groups = self.objects.iter().enumerate().filter(|(_, g)| !g.generic);
        if groups.clone().any(|(i, g)| g.alternative && hit(i)) {
            return self.needed();
        }
        if self.persons != 0 && objects & self.persons == 0 {
            return 0;
        }
        let found = objects & self.matcher.counted_bits;
        // Common words alone ("countries", "security", "support") name no
        // proposition that has a more specific one.
        // (Within `among`: beside the words of trade, "tariffs on Canadian
        // energy" has no other specific word than "energy", common or not.)
        let tally = |found: u64, among: u64| -> usize {
            // The proposition has a word that is not common, and the text
            // names none.
            let specific = self.matcher.counted_bits & !self.matcher.common_bits & among;
            if specific != 0 && found & specific == 0 {
                0
            } else {
                found.count_ones() as usize
            }
        };
        let count = if !self.trade_with_other() {
            tally(found, u64::MAX)
        } else {
            let trade = found & self.matcher.trade_bits;
            tally(found & !trade, !self.matcher.trade_bits) + usize::from(trade != 0)
        };
        // Without its name, an action with more terms than a text needs is
        // named by one term more than needed ("signed the Korean Armistice
        // Agreement" is no agreement with the Taliban; "any unilateral
        // change to the status quo" is the one across the Taiwan Strait).
        let needed = self.needed();
        if self.named != 0
            && objects & self.named == 0
            && self.matcher.counted > needed
            && count == needed
        {
            return needed - 1;
        }
        // A claim's opening name, kept, is no term of its own: the text
        // needs the other terms as if it were blanked.
        if objects & self.name_claim != 0 {
            return count.saturating_sub(1);
        }
        count
    }
    /// Whether the proposition has words of trade beside a term of another
    /// kind (the product, the partner): only then do they count as one.
    fn trade_with_other(&self) -> bool {
        self.matcher.trade > 0 && self.matcher.counted > self.matcher.trade
    }
    /// The number of object hits that makes a text relevant. Beside a term
    /// of another kind, the words of trade ("tariffs", "imports", "trading
    /// partners") count as one, so that "tariffs on imported cars" needs its
    /// cars.
    pub fn needed(&self) -> usize {
        let trade = if self.trade_with_other() {
            self.matcher.trade
        } else {
            0
        };
        (self.matcher.counted - trade + trade.min(1)).clamp(1, 2)
    }
    /// Whether `lc` (lowercased) refers to the question's object: names it,
    /// or points back to it ("these tanks", "the 31 tanks", "this step",
    /// "our decision"). Talk of aid in general ("security assistance",
    /// "capabilities") does not.
    pub fn refers(&self, lc: &str) -> bool {
        self.reference(lc).is_some()
    }

    /// How `lc` refers to the question's object, if it does (see `refers`).
    pub fn reference(&self, lc: &str) -> Option<Reference> {
        if self.shape == Shape::Action {
            // An action is named by all its terms together: "NATO" alone is
            // not Ukraine's joining it.
            let (_, t) = self.matcher.hits(lc);
            let mut places = self
                .pack_places
                .iter()
                .filter(|&&i| i >= self.agent_targets)
                .peekable();
            let place_named = places.peek().is_none() || places.any(|&i| t & bit(i) != 0);
            return (self.object_hits(lc) >= self.needed() && place_named)
                .then_some(Reference::Name);
        }
        let (objects, _) = self.matcher.hits(lc);
        if self
            .objects
            .iter()
            .enumerate()
            .any(|(i, g)| !g.generic && objects & bit(i) != 0)
        {
            return Some(Reference::Name);
        }
        let mut found = None;
        let toks: Vec<&str> = lc
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|t| !t.is_empty())
            .collect();
        for (i, t) in toks.iter().enumerate() {
            let own_head = self.heads.iter().any(|h| h == t);
            let act_noun = ACT_NOUNS.contains(t);
            let anaphoric = ANAPHORIC_NOUNS.contains(t) || act_noun;
            if !(own_head || anaphoric) {
                continue;
            }
            // A determiner before it, with nothing in between but numbers and
            // the object's own names: "these tanks", "the 31 Abrams tanks",
            // "our decision" (not "90 T-72 tanks", "the most capable tank").
            let number = |d: &str| d.chars().all(|c| c.is_ascii_digit());
            let own_name = |d: &str| {
                self.objects
                    .iter()
                    .any(|g| !g.generic && g.forms.iter().any(|f| f == d))
            };
            let mut k = i;
            while k > 0 && (number(toks[k - 1]) || own_name(toks[k - 1])) && i - k < 3 {
                k -= 1;
            }
            let det = |d: &str| {
                DEMONSTRATIVES.contains(&d)
                    || (own_head && ["the", "our"].contains(&d))
                    || (anaphoric && d == "our")
                    || (act_noun && d == "the")
            };
            // "we're sending tanks": a provision verb with our side as its agent.
            let ours_provided = own_head
                && k > 0
                && PROVISION_VERBS.contains(&toks[k - 1])
                && toks[..k - 1].iter().any(|w| OUR_SIDE.contains(w));
            // A count is a determiner too ("that's 31 tanks"), unless a name
            // comes before it ("Leopard 2 tanks").
            let counted = own_head
                && k < i
                && number(toks[k])
                && (k == 0
                    || det(toks[k - 1])
                    || PROVISION_VERBS.contains(&toks[k - 1])
                    || ["s", "is", "are", "all", "and", "of"].contains(&toks[k - 1]));
            // "when planes will be delivered", "tanks were sent": the head as
            // the subject of a passive provision verb.
            let provided_passive = own_head && {
                let next = &toks[i + 1..(i + 4).min(toks.len())];
                next.first().is_some_and(|w| {
                    ["will", "would", "are", "were", "is", "was", "to"].contains(w)
                }) && next.iter().skip(1).any(|w| PROVIDED.contains(w))
            };
            if (k > 0 && det(toks[k - 1])) || counted || ours_provided || provided_passive {
                if own_head || act_noun {
                    return Some(Reference::Head);
                }
                found = Some(Reference::Anaphor);
            }
        }
        found
    }

    /// Whether `lc` names the proposition's head noun and every one of its
    /// targets: "sending tanks to Ukraine" in a question to a U.S. official
    /// is about "The United States provides Abrams tanks to Ukraine".
    pub fn loosely_named(&self, lc: &str) -> bool {
        let (_, targets) = self.matcher.hits(lc);
        !self.targets.is_empty()
            && self.own_heads.iter().any(|h| self.head_of_ours(lc, h))
            && (0..self.targets.len()).all(|i| targets & bit(i) != 0)
    }

    /// Whether `lc` has the head noun `head` other than as another nation's
    /// thing: "the Russian missile strike", "Houthi missiles" are not the
    /// missiles given.
    fn head_of_ours(&self, lc: &str, head: &str) -> bool {
        const FOREIGN: &[&str] = &[
            "russian",
            "iranian",
            "chinese",
            "israeli",
            "north korean",
            "houthi",
            "soviet",
            "german",
            "british",
            "french",
            "polish",
            "hamas",
            "hezbollah",
        ];
        let ours = |adj: &str| {
            self.targets
                .iter()
                .any(|t| t.forms.iter().any(|f| f == adj))
        };
        let mut from = 0;
        while let Some(i) = lc[from..].find(head) {
            let s = from + i;
            let e = s + head.len();
            from = e;
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if !(boundary(lc[..s].chars().next_back()) && boundary(lc[e..].chars().next())) {
                continue;
            }
            let before = lc[..s].trim_end();
            let foreign = |adj: &&str| {
                !ours(adj)
                    && before
                        .strip_suffix(*adj)
                        .is_some_and(|rest| boundary(rest.chars().next_back()))
            };
            if !FOREIGN.iter().any(foreign) {
                return true;
            }
        }
        false
    }

    /// Whether `lc` names a recipient target ("Ukraine"); the subject of the
    /// proposition ("The United States") is no sign of relevance, as every
    /// U.S. briefing names it ("us", "America").
    pub fn target_hit(&self, lc: &str) -> bool {
        if self.agent_targets >= self.targets.len() {
            return true;
        }
        self.targets_named(self.matcher.hits(lc).1)
    }

    /// `target_hit` of the target groups found.
    fn targets_named(&self, targets: u64) -> bool {
        self.agent_targets >= self.targets.len()
            || (self.agent_targets..self.targets.len()).any(|i| targets & bit(i) != 0)
    }
}

/// A question of one proposition (id "q"), compiled: for the tests of the
/// modules that read compiled questions.
#[cfg(test)]
pub(crate) fn compile_proposition(proposition: &str) -> Compiled {
    compile(&Question {
        id: "q".into(),
        proposition: proposition.into(),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(p: &str) -> Compiled {
        compile(&Question {
            id: "x".into(),
            proposition: p.into(),
            ..Default::default()
        })
    }

    /// Whether one of the compiled question's object groups has `form`.
    fn has_term(c: &Compiled, form: &str) -> bool {
        c.objects.iter().any(|g| g.forms.iter().any(|f| f == form))
    }

    /// A government's leader stands for it as the place an act concerns
    /// ("the pressure on Putin through our historic sanctions" is about
    /// Russia); a surname most documents write without the country does
    /// not ("Johnson" of Boris Johnson), nor one another person goes by
    /// ("Harris" of Ireland's Simon Harris and of Kamala Harris).
    #[test]
    fn a_leader_names_his_country() {
        let c = q("The United States sanctions Russia.");
        assert!(c.target_hit("we're going to keep the pressure on putin through our sanctions"));
        assert!(c.target_hit("president vladimir putin"));
        assert!(!c.target_hit("we're going to keep the pressure through our sanctions"));
        let uk = q("The United States imposes tariffs on the United Kingdom.");
        assert!(!uk.target_hit("speaker johnson said the tariffs would pass"));
        let ie = q("The United States imposes tariffs on Ireland.");
        assert!(!ie.target_hit("vice president harris spoke of tariffs"));
    }

    /// What the restated propositions showed (`scripts/restate.py`): giving
    /// up is no giving; a light verb is no term of an evaluation's phrase;
    /// a past in "-ied" or of a base in "-e" has its base's forms; beside
    /// the words of trade a common word is the one that names the product.
    #[test]
    fn propositions_compile_as_they_are_restated() {
        let up = q("North Korea gives up its nuclear weapons.");
        assert_eq!(up.shape, Shape::Action);
        assert!(!has_term(&up, "up"));
        assert_eq!(
            q("The United States gives Egypt military aid.").shape,
            Shape::Provision
        );
        let right = q("Israel has the right to defend itself.");
        assert!(!has_term(&right, "has"), "{:?}", right.objects);
        assert!(has_term(&right, "defend itself"));
        let inter = q("Russia interfered in United States elections.");
        assert!(has_term(&inter, "interfere") && has_term(&inter, "interferes"));
        assert!(!has_term(&inter, "interfer"));
        let unified = q("Taiwan should be unified with the People's Republic of China.");
        assert!(has_term(&unified, "unify") && has_term(&unified, "unifying"));
        // Still: "sanctioned" is of "sanction", "banned" of "ban".
        assert!(has_term(&q("Russia is sanctioned."), "sanction"));
        assert!(has_term(&q("TikTok is banned."), "ban"));
        let energy = q("The United States imposes tariffs on Canadian energy.");
        assert!(energy.names_it("we impose tariffs on canadian energy"));
        assert!(!energy.names_it("we impose tariffs on canada"));
    }

    /// Every row of the shipped `data/leader-surnames.tsv` parses: a
    /// malformed one would be skipped silently.
    #[test]
    fn the_leader_surnames_table_parses_whole() {
        let text = include_str!("../data/leader-surnames.tsv");
        let rows: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(rows.len() > 100);
        for row in rows {
            let cols: Vec<&str> = row.split('\t').collect();
            assert_eq!(cols.len(), 4, "{row:?}");
            let (n, with): (u32, u32) = (cols[2].parse().unwrap(), cols[3].parse().unwrap());
            assert!(with <= n, "{row:?}");
        }
        assert!(leader_surnames().contains(&("putin", "RUS")));
        assert!(!leader_surnames().iter().any(|(s, _)| *s == "johnson"));
    }

    #[test]
    fn a_document_without_the_questions_words_cannot_name_it() {
        let c = q("The United States provides Tomahawk missiles to Ukraine.");
        assert!(!c.may_name("the president spoke about the economy in ohio."));
        assert!(c.may_name("will you send tomahawks?"));
        // Its head noun with its places names a provision loosely.
        assert!(c.may_name("more missiles for ukraine?"));
        let lc = "on trade. will you send tomahawks? no.";
        let starts = c.anchor_starts(lc).unwrap();
        assert_eq!(starts, vec![lc.find("tomahawk").unwrap()]);
        // A term that a pronoun turned into "we" could make: any text may.
        let we = compile(&Question {
            id: "we".into(),
            proposition: "P".into(),
            terms: vec!["we".into()],
            ..Default::default()
        });
        assert!(we.may_name("nothing of it here"));
    }

    #[test]
    fn an_action_without_its_name_needs_one_term_more() {
        let c = q("The United States signs an agreement with the Taliban.");
        assert_eq!(c.needed(), 2);
        assert!(!c.names_it(
            "the united nations, north korea, and china signed the korean armistice agreement"
        ));
        assert!(c.names_it("we signed an agreement with the taliban in doha"));
        // Its other terms, one more than needed, stand in for the name.
        let t = q("The United States opposes unilateral changes to the status quo across the Taiwan Strait.");
        assert!(t.names_it("we oppose any unilateral change to the status quo on taiwan"));
        assert!(!t.names_it("taiwan and the status quo"));
        // A proposition with no name is unchanged.
        let s = q("The United States imposes tariffs on steel imports.");
        assert!(s.names_it("tariffs on steel"));
    }

    #[test]
    fn other_is_no_term() {
        let c = q("The United States exempts beef, coffee and other foods from tariffs.");
        assert!(!has_term(&c, "other") && !has_term(&c, "others"));
        assert!(!c.names_it("tariffs on other countries"));
    }

    #[test]
    fn a_names_words_mostly_written_in_lowercase_do_not_stand_for_it() {
        // "security" and "council" of "UN Security Council": the first is
        // mostly a lowercase word (word-stats.tsv) and names no council.
        let c = q("African countries get permanent seats on the UN Security Council.");
        assert!(!has_term(&c, "security"));
        assert!(!c.names_it("our partner countries and the national security of all"));
        assert!(c.names_it("permanent seats on the un security council"));
        // "Mark Carney": "mark" is mostly the verb; "carney" names him.
        let c = q("Donald Trump meets Mark Carney.");
        assert!(has_term(&c, "carney"));
        assert!(!has_term(&c, "mark"));
    }

    #[test]
    fn common_words_alone_name_no_proposition() {
        // "support", "new", "security" and "plan" are each in more than a
        // fifth of the corpus's documents, mostly in lowercase; "region" is
        // not.
        let c = q("The United States supports a new security plan for the region.");
        assert!(c.objects.iter().any(|g| g.common));
        assert!(!c.names_it("we support the new plan for our security"));
        assert!(c.names_it("the new plan for the region"));
    }

    #[test]
    fn a_participle_before_a_place_is_no_term() {
        let c = q("Russia's referendums in occupied Ukraine are legitimate.");
        assert_eq!(c.shape, Shape::Evaluation);
        assert_eq!(c.needed(), 1);
        assert!(c.refers("the sham referenda in ukraine"));
        assert!(c.refers("a referendum"));
    }

    #[test]
    fn any_country_of_the_pack_is_a_target() {
        let c = q("The United States imposes tariffs on imports from Mexico.");
        assert_eq!(c.agent_targets, 1);
        assert!(c.target_hit("tariffs on mexican steel"));
        assert!(!c.target_hit("tariffs on all countries"));
        let c = q("Finland and Sweden join NATO.");
        assert!(c.subject.iter().any(|f| f == "sweden"), "{:?}", c.subject);
        assert!(c.subject.iter().any(|f| f == "finland"), "{:?}", c.subject);
        assert!(c.target_hit("nato"));
        let c = q("The United States and Japan agree a trade deal.");
        assert_eq!(c.agent_targets, 1);
        assert!(c.target_hit("the japan deal"));
        assert!(!c.target_hit("the deal with korea"));
    }

    #[test]
    fn actions_are_matched_word_by_word() {
        let c = q("The United States imposes sanctions on Russia.");
        assert_eq!(c.shape, Shape::Action);
        assert_eq!(c.agent_targets, 1);
        assert_eq!(c.needed(), 1);
        assert!(c.cues.contains(&"imposed".to_string()));
        assert!(c.refers("russia was sanctioned again"));
        assert!(!c.refers("the imposition of order"));
        let c = q("Ukraine joins NATO.");
        assert_eq!(c.shape, Shape::Action);
        // NATO is a place of the actor pack: a target the sentence must name.
        assert_eq!(c.needed(), 1);
        assert!(c.target_hit("nato membership"));
        assert!(!c.target_hit("eu membership"));
        assert_eq!(c.subject[0], "ukraine");
        assert!(c.refers("ukraine’s path to nato membership is irreversible"));
        assert!(!c.refers("we will defend every inch of nato territory"));
        assert!(c.cues.contains(&"joining".to_string()));
        assert!(!c.cues.contains(&"membership".to_string()));
        let c = q("A ceasefire in Gaza is agreed.");
        assert_eq!(c.shape, Shape::Action);
        assert!(c.refers("a temporary cease-fire"));
        assert!(c.target_hit("in gaza"));
        assert!(!c.target_hit("in ukraine"));
        assert!(c.cues.contains(&"agreed".to_string()));
        // Nothing else changes shape.
        assert_eq!(
            q("The United States provides Abrams tanks to Ukraine.").shape,
            Shape::Provision
        );
        assert_eq!(
            q("Using cluster munitions is acceptable.").shape,
            Shape::Evaluation
        );
    }

    #[test]
    fn inflections_of_ing_and_y() {
        let f = inflections("committing", true);
        assert!(f.contains(&"commit".to_string()) && f.contains(&"commits".to_string()));
        assert!(f.contains(&"committed".to_string()));
        assert!(!f.iter().any(|x| x.contains("committinged")));
        let f = inflections("bans", true);
        assert!(f.contains(&"banned".to_string()) && f.contains(&"banning".to_string()));
        assert!(!inflections("visit", true).contains(&"visitted".to_string()));
        let f = inflections("buy", true);
        assert!(f.contains(&"buys".to_string()) && !f.contains(&"buies".to_string()));
        assert!(inflections("party", false).contains(&"parties".to_string()));
        let f = inflections("reoccupies", true);
        assert!(f.contains(&"reoccupied".to_string()) && !f.contains(&"reoccupyed".to_string()));
        assert!(inflections("deploys", true).contains(&"deployed".to_string()));
        let f = inflections("access", false);
        assert!(f.contains(&"accesses".to_string()) && !f.contains(&"accesss".to_string()));
    }

    /// A condition or a time after the main clause is no term a statement
    /// must name: "ironclad commitments to defend the Philippines" is about
    /// defending them "if attacked"; "Israel will not reoccupy Gaza" is
    /// about reoccupying it "after the war"; a year or a month dates it.
    #[test]
    fn a_condition_or_a_date_names_no_term() {
        let c = q("The United States would defend the Philippines if it were attacked.");
        let all: Vec<&String> = c.objects.iter().flat_map(|g| g.forms.iter()).collect();
        assert!(all.iter().any(|f| *f == "defend"));
        assert!(!all.iter().any(|f| f.starts_with("attack")));
        assert_eq!(c.needed(), 1);
        assert!(c.refers("we are committed to defend the philippines"));
        let c = q("Israel reoccupies Gaza after the war.");
        assert!(!has_term(&c, "war"));
        // A year or a month dates it: "Maduro lost the presidential
        // election" is about his losing the July 2024 one.
        let c = q("Nicolás Maduro lost Venezuela's July 2024 presidential election.");
        let all: Vec<&String> = c.objects.iter().flat_map(|g| g.forms.iter()).collect();
        assert!(!all.iter().any(|f| *f == "2024" || f.starts_with("jul")));
        assert!(all.iter().any(|f| *f == "election"));
        let c = q("The UK Parliament is suspended before the Brexit deadline.");
        assert!(c.refers("the prime minister suspended parliament for five weeks"));
    }

    /// A word inside a place's name is no term: "the United States" does not
    /// name the "state" of "a state visit", nor of "a state sponsor of
    /// terrorism"; the word alone still does.
    #[test]
    fn a_word_inside_a_places_name_is_no_term() {
        let c = q("President Biden hosts Prime Minister Kishida for a state visit.");
        let hits = |t: &str| c.object_hits(t);
        assert_eq!(
            hits("prime minister kishida will visit the united states"),
            hits("prime minister kishida will visit")
        );
        assert!(
            hits("prime minister kishida will make a state visit")
                > hits("prime minister kishida will visit")
        );
        let c = q("Iran is a state sponsor of terrorism.");
        assert!(c.object_hits("the united states sponsors the resolution") < c.needed());
        assert!(c.object_hits("iran remains a state sponsor") >= c.needed());
    }

    /// The other person of a deed named only in the possessive is no party
    /// to it: "met today ... in light of President Putin's war" is no
    /// meeting with Putin; "I just met with Putin" is.
    #[test]
    fn a_person_in_the_possessive_is_no_party() {
        let c = q("Joe Biden meets Vladimir Putin.");
        assert!(c.object_hits("i just met with putin") >= c.needed());
        assert_eq!(
            c.object_hits("we met today in light of president putin's war"),
            0
        );
        assert_eq!(
            c.object_hits("we met today in light of president putin’s war"),
            0
        );
        assert!(c.object_hits("we met putin to discuss putin's war") >= c.needed());
    }

    /// A past with a doubled consonant has its base ("banned": "ban",
    /// "bans", "banning"); a base that ends in a double keeps it ("called":
    /// "call"), and a word in "-us" is no plural ("status").
    #[test]
    fn a_past_with_a_doubled_consonant_has_its_base() {
        let f = inflections("banned", true);
        for form in ["ban", "bans", "banning"] {
            assert!(f.contains(&form.to_string()), "{form} in {f:?}");
        }
        assert!(!f.contains(&"bann".to_string()));
        let f = inflections("committed", true);
        assert!(f.contains(&"commit".to_string()) && f.contains(&"committing".to_string()));
        assert!(inflections("called", true).contains(&"call".to_string()));
        assert!(inflections("status", false).contains(&"status".to_string()));
        assert!(!inflections("status", false).contains(&"statu".to_string()));
        let c = q("TikTok is banned in the United States unless it is sold.");
        assert!(c.object_hits("congress voted to ban tiktok unless it is sold") >= c.needed());
    }

    /// A derived form in the proposition brings its entry's word and the
    /// other forms ("annexation": "annex", "annexed"; "talks":
    /// "negotiations"), and only a word of the entry's own brings them
    /// ("partners" is no form of "part": no "participate").
    #[test]
    fn a_derived_form_brings_its_word_and_a_longer_word_does_not() {
        let has = |p: &str, form: &str| has_term(&q(p), form);
        assert!(has(
            "Israel carries out the annexation of the West Bank.",
            "annex"
        ));
        assert!(has("Russia completes its invasion of Ukraine.", "invaded"));
        assert!(has(
            "The United States holds talks with Iran.",
            "negotiations"
        ));
        assert!(!has(
            "The United States imposes reciprocal tariffs on its trading partners.",
            "participate"
        ));
        assert!(has(
            "The United States sanctions Russian banks.",
            "penalties"
        ));
    }

    #[test]
    fn a_participle_after_a_noun_is_the_main_verb() {
        let c = q("The U.S. strikes destroyed Iran's nuclear program.");
        assert!(c
            .objects
            .iter()
            .any(|g| g.forms.contains(&"destroyed".to_string())));
        assert!(c.refers("iran’s nuclear facilities have been destroyed"));
    }

    #[test]
    fn the_verb_after_a_named_or_joined_subject_is_a_cue() {
        let cues = |p: &str| q(p).cues;
        // After a person's name, with an irregular past.
        let c = cues("President Trump meets Prime Minister Netanyahu.");
        assert!(c.contains(&"met".to_string()) && c.contains(&"meets".to_string()));
        assert!(cues("Joe Biden meets Kim Jong Un.").contains(&"meeting".to_string()));
        // After two places joined by "and": the plural verb.
        assert!(cues("Russia and Ukraine agree to a ceasefire.").contains(&"agreed".to_string()));
        assert!(
            cues("The United States and the United Kingdom sign a trade agreement.")
                .contains(&"signed".to_string())
        );
        // After one place of the pack, and a past.
        assert!(cues("Germany bans the Iranian airline Mahan Air.").contains(&"bans".to_string()));
        assert!(cues("Russia interfered in United States elections.")
            .contains(&"interfered".to_string()));
        // A noun the subject describes, followed by its verb, is no cue.
        assert!(
            !cues("NATO allies spend 5 percent of GDP on defense.").contains(&"allies".to_string())
        );
        assert!(
            !cues("North Korean troops are fighting for Russia in the war against Ukraine.")
                .contains(&"troops".to_string())
        );
        assert!(
            !cues("Russian forces have committed war crimes in Ukraine.")
                .contains(&"forces".to_string())
        );
        assert!(!cues("United States troops leave Iraq.").contains(&"troops".to_string()));
        // After a place, a verb before a past participle is still the verb.
        assert!(
            cues("The United States increases liquefied natural gas exports to Europe.")
                .contains(&"increased".to_string())
        );
        // Empty verbs assert nothing on their own.
        assert!(cues("Turkey takes part in the F-35 program.").is_empty());
    }

    #[test]
    fn a_claim_on_a_named_person_keeps_the_name_where_it_is_said() {
        let c = q("Vladimir Putin must leave power.");
        let plain = "vladimir putin must leave power";
        assert_eq!(c.unnamed(plain, " must leave power"), plain);
        assert!(c.refers(plain));
        // The name is no term of its own, and without it the claim needs
        // one term more than it has.
        assert!(!c.refers("vladimir putin's war must end"));
        assert!(!c.refers("maduro must leave power"));
        // With one word of its own, the name is half of what names it.
        assert!(q("Xi Jinping is a dictator.").refers("xi jinping is a dictator"));
    }

    #[test]
    fn an_evaluations_own_word_is_its_cue() {
        let c = q("Israel has the right to defend itself.");
        assert_eq!(c.shape, Shape::Evaluation);
        assert_eq!(c.cues, ["right"]);
        // The word stays out of the terms: it does not name the question.
        assert!(!c.refers("that's right"));
        assert!(q("Hamas is a terrorist organization.")
            .cues
            .iter()
            .all(|w| w != "right"));
    }

    #[test]
    fn the_words_of_trade_count_as_one_beside_the_product() {
        let c = q("The United States imposes tariffs on imported cars.");
        assert_eq!(c.needed(), 2);
        assert!(!c.refers("a 10% tariff on imports from china"));
        assert!(!c.refers("tariffs on copper imports"));
        assert!(c.refers("a 25% tariff on imported cars"));
        assert!(c.refers("tariffs on foreign cars"));
        // With nothing else to match, trade words are terms as before.
        let c = q("The United States raises tariffs on imports.");
        assert_eq!(c.needed(), 2);
        assert!(!c.refers("new tariffs"));
    }

    #[test]
    fn a_group_is_named_by_the_place_that_stands_for_it() {
        let c = q("Israel and Hezbollah agree to a ceasefire.");
        assert_eq!(c.object_hits("a ceasefire on the lebanon-israel border"), 2);
        assert_eq!(c.object_hits("a ceasefire in gaza"), 1);
        // Where the proposition names the place as a term of its own, the
        // group does not take it as well.
        let c = q("The United States strikes the Houthis in Yemen.");
        assert_eq!(c.object_hits("yemen"), 1);
        // Where the place is a target ("... in Gaza"), the group's name
        // names it too.
        let c = q("Hamas releases the hostages it holds in Gaza.");
        assert!(c.target_hit("hamas"));
    }

    #[test]
    fn another_nations_thing_is_not_ours() {
        let c = q("The United States provides ATACMS long-range missiles to Ukraine.");
        assert!(c.loosely_named("will the u.s. send more missiles to ukraine?"));
        assert!(!c.loosely_named(
            "on the russian missile strike: is the u.s. looking into it? zelenskyy was there."
        ));
        assert!(!c.loosely_named("houthi missiles hit a u.s. ship near ukraine’s grain"));
        // The reference kinds: a name, a determined head, an anaphor.
        assert_eq!(c.reference("atacms"), Some(Reference::Name));
        assert_eq!(c.reference("these missiles work"), Some(Reference::Head));
        assert_eq!(c.reference("this package helps"), Some(Reference::Anaphor));
        assert_eq!(c.reference("a package"), None);
    }

    #[test]
    fn compiles_propositions() {
        let c = q("The United States keeps delivering weapons to Ukraine.");
        assert_eq!(c.shape, Shape::Provision);
        assert_eq!(c.needed(), 1);
        assert!(c.object_hits("a pause in certain arms deliveries to ukraine") >= 1);
        assert!(c.target_hit("arms to kyiv"));
        let c = q("Putin's statements on peace talks are sincere.");
        assert_eq!(c.shape, Shape::Evaluation);
        assert_eq!(c.needed(), 2);
        assert_eq!(
            c.object_hits("dismissed putin’s pronouncements on peace talks as"),
            2
        );
        assert_eq!(c.object_hits("putin is not treating human beings right"), 1);
        let c = q("The United States provides F-16 fighter jets to Ukraine (including training Ukrainian pilots on them).");
        assert!(c.object_hits("will you provide f-16s?") >= 1);
        assert!(c.object_hits("a joint effort to train ukrainian pilots") >= 1);
        let c = q("Using cluster munitions is acceptable.");
        assert_eq!(c.shape, Shape::Evaluation);
        assert!(c.object_hits("we would provide dpicms") >= 1);
        // "take part" is participation (a G7 communiqué, labelled corpus);
        // a part of something else is not.
        let c = q("Taiwan takes part in the World Health Assembly.");
        assert!(
            c.object_hits("we support taiwan’s meaningful participation in international organizations, including in the world health assembly") >= c.needed()
        );
        assert!(c.object_hits("the world health assembly opened in geneva") < c.needed());
    }

    #[test]
    fn references_to_the_object() {
        let c = q("The United States provides F-16 fighter jets to Ukraine.");
        assert!(c.refers("those f-16s make a big difference"));
        assert!(c.refers("we will determine when planes will be delivered"));
        assert!(c.refers("these jets"));
        assert!(!c.refers("planes flew over the city"));
        assert!(!c.refers("the most capable planes in the world"));
        let c = q("The United States provides Abrams tanks to Ukraine.");
        assert!(c.refers("the training will be followed by the transfer"));
        assert!(!c.refers("a transfer of funds"));
    }

    /// A name in a proposition is one term, whatever stands around it: a
    /// comma ends the run before it ("the Emir of Qatar, Sheikh Tamim bin
    /// Hamad Al Thani"), a title after another name starts it ("European
    /// Commission President Ursula von der Leyen"), and particles may follow
    /// each other ("von der"). So "bin" and "al", or "von" and "der", are no
    /// two terms of it.
    #[test]
    fn a_name_is_one_term() {
        let c = q("President Trump meets the Emir of Qatar, Sheikh Tamim bin Hamad Al Thani.");
        assert!(c.object_hits("ali bin salem al-said met with officials") < c.needed());
        assert!(c.object_hits("the president met sheikh tamim in doha") >= c.needed());
        let c = q("President Trump meets European Commission President Ursula von der Leyen.");
        assert!(c.object_hits("the president met von der leyen") >= c.needed());
        assert!(c.object_hits("van der berg and von trapp") < c.needed());
    }

    /// An arms sale is a provision: "sells F-16 fighter jets to Turkey" is
    /// named by "F-16s" and "Turkey", as "provides" would be; a sale
    /// supports it. "Sold" after "unless it is" leaves an action alone.
    #[test]
    fn a_sale_is_a_provision() {
        let c = q("The United States sells F-16 fighter jets to Turkey.");
        assert_eq!(c.shape, Shape::Provision);
        assert!(c.object_hits("the provision of f-16s to turkey") >= c.needed());
        let c = q("TikTok is banned in the United States unless it is sold.");
        assert_eq!(c.shape, Shape::Action);
    }

    #[test]
    fn parses_questions_file() {
        let qs = parse_toml("[[question]]\nid = \"a\"\nproposition = \"P\"\naliases = [\"x\"]\n")
            .unwrap();
        assert_eq!(qs[0].aliases, ["x"]);
        assert!(parse_toml("[[question]]\nid = \"\"\nproposition = \"P\"\n").is_err());
    }

    #[test]
    fn a_question_with_more_groups_than_the_matcher_holds_is_refused() {
        let terms: Vec<String> = (0..70).map(|i| format!("\"term{i}\"")).collect();
        let src = format!(
            "[[question]]\nid = \"many\"\nproposition = \"The United States provides Abrams tanks to Ukraine.\"\nterms = [{}]\n",
            terms.join(", ")
        );
        let e = parse_toml(&src).unwrap_err();
        assert!(
            matches!(&e, QuestionsError::TooManyGroups { id, what: "object", groups, max: 64 } if id == "many" && *groups > 70),
            "{e}"
        );
        assert!(e.to_string().starts_with("question \"many\" has "), "{e}");
        // Compiled anyway, it matches without overflowing its sets.
        let c = compile(&parse_toml("[[question]]\nid = \"q\"\nproposition = \"P\"\n").unwrap()[0]);
        let mut many = c.clone();
        many.objects = (0..70)
            .map(|i| TermGroup {
                forms: vec![format!("term{i}")],
                generic: false,
                alternative: false,
                common: false,
            })
            .collect();
        many.matcher = Matcher::new(&many.objects, &many.targets, 0);
        assert_eq!(many.object_hits("term3 and term69"), 1);
        // A question of 64 groups is loaded.
        let terms: Vec<String> = (0..50).map(|i| format!("\"term{i}\"")).collect();
        let src = format!(
            "[[question]]\nid = \"some\"\nproposition = \"P\"\nterms = [{}]\n",
            terms.join(", ")
        );
        assert!(parse_toml(&src).is_ok());
    }
}
