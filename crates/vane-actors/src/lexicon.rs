//! The bundled lexicon (`data/lexicon.toml`): word lists that mention
//! resolution reads but that are no actors: the ranks titles imply, the
//! portfolio words and heads of office phrases ("Brazil's finance
//! ministry"), role nouns ("spokeswoman"), and the words after a capital
//! that make it a place or a name ("the Minsk agreements"); and the word
//! classes the rules of mention resolution consult (`[class.*]`, in the
//! format of vane-read's lexicon: a stage, the module that uses it, a note
//! on its use and its words), which the rules name in code
//! (`lexicon::words("place_preps")`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use vane_core::Rank;
pub(crate) use vane_text::words::Words;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LexFile {
    #[serde(default)]
    rank: Vec<RankDef>,
    #[serde(default)]
    office: OfficeDef,
    #[serde(default)]
    metonym: MetonymDef,
    #[serde(default)]
    class: BTreeMap<String, ClassDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassDef {
    about: String,
    stage: Stage,
    used_in: String,
    words: Vec<String>,
}

/// The step of mention resolution that consults a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Stage {
    /// A government's name as a place, not an agent ("in Kyiv").
    Place,
    /// A country's name as the subject of a verb ("Germany said").
    Subject,
    /// Anonymous officials ("a senior official").
    Anonymous,
    /// What joins tokens into one phrase ("Mr. Kirby").
    Phrase,
    /// People not in the knowledge base: names, speakers, gender.
    Name,
    /// Titles before names.
    Title,
}

/// One class of the lexicon.
#[derive(Debug)]
pub(crate) struct Class {
    #[cfg_attr(not(test), allow(dead_code))]
    pub about: String,
    #[cfg_attr(not(test), allow(dead_code))]
    pub stage: Stage,
    /// The module whose rules consult it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub used_in: String,
    pub words: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RankDef {
    rank: String,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct OfficeDef {
    #[serde(default)]
    portfolios: Vec<String>,
    #[serde(default)]
    joiners: Vec<String>,
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    alone: Vec<String>,
    #[serde(default)]
    roles: HashMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MetonymDef {
    #[serde(default)]
    not_agent_before: Vec<String>,
}

/// The parsed lexicon.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// (rank, phrases inside the title, whole titles), tried in order.
    pub ranks: Vec<(Rank, Vec<String>, Vec<String>)>,
    pub portfolios: FxHashSet<String>,
    pub joiners: FxHashSet<String>,
    pub heads: FxHashSet<String>,
    /// Heads that need no portfolio ("embassy").
    pub alone: FxHashSet<String>,
    /// Role noun -> the rank it gives when the title implies none.
    pub roles: HashMap<String, Rank>,
    pub not_agent_before: FxHashSet<String>,
    /// The word classes, by name.
    pub classes: BTreeMap<String, Class>,
}

const SRC: &str = include_str!("../data/lexicon.toml");

/// Parses the bundled lexicon (for the test that guards it).
pub(crate) fn parse(src: &str) -> Result<Lexicon, String> {
    let f: LexFile = toml::from_str(src).map_err(|e| e.to_string())?;
    let rank = |s: &str| Rank::parse(s).ok_or_else(|| format!("unknown rank {s:?}"));
    let set = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
    let mut ranks = Vec::new();
    for r in f.rank {
        ranks.push((rank(&r.rank)?, set_vec(r.words), set_vec(r.exact)));
    }
    let mut roles = HashMap::default();
    for (w, r) in f.office.roles {
        roles.insert(w.to_lowercase(), rank(&r)?);
    }
    Ok(Lexicon {
        ranks,
        portfolios: set(f.office.portfolios),
        joiners: set(f.office.joiners),
        heads: set(f.office.heads),
        alone: set(f.office.alone),
        roles,
        not_agent_before: set(f.metonym.not_agent_before),
        classes: f
            .class
            .into_iter()
            .map(|(name, c)| {
                let class = Class {
                    about: c.about,
                    stage: c.stage,
                    used_in: c.used_in,
                    words: Words::new(c.words),
                };
                (name, class)
            })
            .collect(),
    })
}

fn set_vec(v: Vec<String>) -> Vec<String> {
    v.into_iter().map(|w| w.to_lowercase()).collect()
}

/// The bundled lexicon, parsed once (empty if it does not parse; a test
/// guards that it does).
pub(crate) fn get() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(|| parse(SRC).unwrap_or_default())
}

/// The words of a class of the bundled lexicon (none for a class it does
/// not have; the tests check that every class named in code exists).
pub(crate) fn words(class: &str) -> &'static Words {
    static EMPTY: OnceLock<Words> = OnceLock::new();
    match get().classes.get(class) {
        Some(c) => &c.words,
        None => EMPTY.get_or_init(Words::default),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_parses() {
        let l = parse(SRC).expect("data/lexicon.toml");
        assert!(l.portfolios.contains("finance"));
        assert!(l.heads.contains("ministry"));
        assert_eq!(l.roles.get("spokeswoman"), Some(&Rank::Adviser));
        assert!(l.not_agent_before.contains("agreements"));
        assert!(parse("[[rank]]\nrank = \"boss\"\nwords = []").is_err());
        assert!(parse(
            "[class.x]\nabout = \"a\"\nstage = \"sideways\"\nused_in = \"m\"\nwords = []"
        )
        .is_err());
        assert!(
            parse("[class.x]\nabout = \"a\"\nstage = \"name\"\nused_in = \"m\"\nword = []")
                .is_err()
        );
    }

    /// The classes the code names (`lexicon::words("...")`), with the
    /// module that names each, read from the sources themselves.
    fn named_in_code() -> Vec<(String, &'static str)> {
        vane_text::words::classes_named_in(
            &[
                ("mentions", include_str!("mentions.rs")),
                ("kb", include_str!("kb.rs")),
            ],
            "lexicon::words(\"",
        )
    }

    #[test]
    fn every_class_named_in_code_exists_and_is_not_empty() {
        let lex = parse(SRC).unwrap();
        let named = named_in_code();
        assert!(named.len() >= 19, "found {} class names", named.len());
        for (name, module) in named {
            let c = lex
                .classes
                .get(&name)
                .unwrap_or_else(|| panic!("no class {name}"));
            assert!(c.words.iter().next().is_some(), "class {name} has no words");
            assert_eq!(c.used_in, module, "class {name} is used in {module}");
        }
    }

    #[test]
    fn every_class_is_used() {
        let named: Vec<String> = named_in_code().into_iter().map(|(n, _)| n).collect();
        for (name, c) in &parse(SRC).unwrap().classes {
            assert!(named.contains(name), "class {name} is used by no rule");
            assert!(!c.about.is_empty(), "class {name} says nothing of its use");
            if name.starts_with("anon_") {
                assert_eq!(c.stage, Stage::Anonymous, "{name}");
            }
        }
    }

    #[test]
    fn words_are_lowercase_and_unique_within_a_class() {
        for (name, c) in &parse(SRC).unwrap().classes {
            let mut seen = std::collections::HashSet::new();
            for w in c.words.iter() {
                assert_eq!(w, w.to_lowercase(), "class {name}: {w} is not lowercase");
                assert_eq!(w, w.trim(), "class {name}: {w:?} has spaces around it");
                assert!(seen.insert(w), "class {name}: {w} twice");
            }
        }
        assert!(words("place_preps").contains("in"));
        assert!(words("subject_before").contains(""));
        assert!(!words("no such class").contains("in"));
    }
}
