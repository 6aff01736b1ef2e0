//! The English lexicon of the reading rules, kept as data
//! (`data/lexicon.toml`), like the actor packs.
//!
//! Each class is one list that a rule consults: the cues of giving and
//! stopping, negators, hedges, refusals, the words of a question's terms.
//! A class has a stage (which phase of the reading consults it), a note on
//! its use, and either `words` (in the order the rules try them) or
//! `entries` (a key and its forms: head nouns, synonyms, derived forms).
//! Every word is indexed by the classes it is in and by its lemma, so that
//! a rule or a person can ask what a word does ("sent": a form of "send",
//! in `provide_support` and `provision_verbs`).
//!
//! The file is compiled into the binary and parsed once. Its shape is
//! checked by this module's tests, so a class a rule asks for always exists.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The phase of the reading that consults a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Whether a sentence is about a question: terms, heads, synonyms.
    Relevance,
    /// Which way a sentence points: words of giving, stopping, backing.
    Cue,
    /// What turns a cue around: negators and their quantifiers.
    Negation,
    /// What weakens a cue: hedges, refusals, logistics.
    Modality,
    /// What rules a sentence out: third parties, other nations.
    Veto,
    /// Who speaks: the names of speakers known by a label.
    Actor,
}

/// One class of the lexicon.
#[derive(Debug)]
pub struct Class {
    pub name: &'static str,
    pub about: &'static str,
    pub stage: Stage,
    /// The module of vane-read whose rules consult it.
    pub used_in: &'static str,
    pub words: &'static [&'static str],
    pub entries: &'static [(&'static str, &'static [&'static str])],
}

/// The lexicon: its classes, and every word's classes and lemma.
#[derive(Debug)]
pub struct Lexicon {
    classes: BTreeMap<&'static str, Class>,
    lemmas: HashMap<&'static str, &'static str>,
    index: HashMap<&'static str, Vec<&'static str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    class: BTreeMap<String, ClassFile>,
    #[serde(default)]
    lemmas: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassFile {
    about: String,
    stage: Stage,
    used_in: String,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    entries: Vec<EntryFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    key: String,
    forms: Vec<String>,
}

/// The lexicon's text, as shipped.
pub const SOURCE: &str = include_str!("../data/lexicon.toml");

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

impl Lexicon {
    /// Parses a lexicon. The strings live for the rest of the process: a
    /// lexicon is parsed once.
    pub fn parse(text: &str) -> Result<Lexicon, toml::de::Error> {
        let file: File = toml::from_str(text)?;
        let mut classes = BTreeMap::new();
        let mut index: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        for (name, c) in file.class {
            let name = leak(name);
            let words: &'static [&'static str] = Box::leak(
                c.words
                    .into_iter()
                    .map(leak)
                    .collect::<Vec<_>>()
                    .into_boxed_slice(),
            );
            let entries: &'static [(&'static str, &'static [&'static str])] = Box::leak(
                c.entries
                    .into_iter()
                    .map(|e| {
                        let forms: &'static [&'static str] = Box::leak(
                            e.forms
                                .into_iter()
                                .map(leak)
                                .collect::<Vec<_>>()
                                .into_boxed_slice(),
                        );
                        (leak(e.key), forms)
                    })
                    .collect::<Vec<_>>()
                    .into_boxed_slice(),
            );
            let all = words.iter().copied().chain(
                entries
                    .iter()
                    .flat_map(|(k, fs)| std::iter::once(*k).chain(fs.iter().copied())),
            );
            for w in all {
                let classes = index.entry(w).or_default();
                if !classes.contains(&name) {
                    classes.push(name);
                }
            }
            classes.insert(
                name,
                Class {
                    name,
                    about: leak(c.about),
                    stage: c.stage,
                    used_in: leak(c.used_in),
                    words,
                    entries,
                },
            );
        }
        let lemmas = file
            .lemmas
            .into_iter()
            .map(|(f, l)| (leak(f), leak(l)))
            .collect();
        Ok(Lexicon {
            classes,
            lemmas,
            index,
        })
    }

    /// The shipped lexicon.
    pub fn shared() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(SOURCE).expect("the shipped lexicon parses (tested)"))
    }

    /// A class by name.
    pub fn class(&self, name: &str) -> Option<&Class> {
        self.classes.get(name)
    }

    /// Every class, by name.
    pub fn classes(&self) -> impl Iterator<Item = &Class> {
        self.classes.values()
    }

    /// The classes a word (or phrase) is in, lowercase.
    pub fn classes_of(&self, word: &str) -> &[&'static str] {
        self.index.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A word's lemma: "sent" -> "send". A word the table does not list is
    /// its own lemma.
    pub fn lemma<'a>(&self, word: &'a str) -> &'a str {
        match self.lemmas.get(word) {
            Some(l) => l,
            None => word,
        }
    }

    /// A word's lemma when the table lists one ("sent" -> "send"), else
    /// `None`: what fills the token layer's lemma slots.
    pub fn lemma_of(&self, word: &str) -> Option<&'static str> {
        self.lemmas.get(word).copied()
    }

    /// Every inflected form of the lexicon with its lemma.
    pub fn lemmas(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.lemmas.iter().map(|(f, l)| (*f, *l))
    }
}

/// The words of a class of the shipped lexicon. A rule names its class in
/// code; the tests check that every such name exists.
pub(crate) fn words(class: &str) -> &'static [&'static str] {
    Lexicon::shared()
        .class(class)
        .map(|c| c.words)
        .unwrap_or(&[])
}

/// The entries (key and forms) of a class of the shipped lexicon.
pub(crate) fn entries(class: &str) -> &'static [(&'static str, &'static [&'static str])] {
    Lexicon::shared()
        .class(class)
        .map(|c| c.entries)
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classes the rules name in code (`lexicon::words("...")` and
    /// `lexicon::entries("...")`), read from the sources themselves.
    fn named_in_code() -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for src in [
            include_str!("stance.rs"),
            include_str!("questions.rs"),
            include_str!("actions.rs"),
            include_str!("acts.rs"),
            include_str!("label_names.rs"),
            include_str!("lib.rs"),
        ] {
            for (pat, entries) in [("lexicon::words(\"", false), ("lexicon::entries(\"", true)] {
                out.extend(
                    vane_text::words::classes_named(src, pat)
                        .into_iter()
                        .map(|c| (c, entries)),
                );
            }
        }
        out
    }

    #[test]
    fn every_class_a_rule_names_exists_and_is_not_empty() {
        let lex = Lexicon::shared();
        let named = named_in_code();
        assert!(
            named.len() >= 30,
            "found {} class names in the rules",
            named.len()
        );
        for (name, entries) in named {
            let c = lex
                .class(&name)
                .unwrap_or_else(|| panic!("no class {name}"));
            if entries {
                assert!(!c.entries.is_empty(), "class {name} has no entries");
            } else {
                assert!(!c.words.is_empty(), "class {name} has no words");
            }
        }
    }

    #[test]
    fn every_class_is_used_by_a_rule() {
        let named: Vec<String> = named_in_code().into_iter().map(|(n, _)| n).collect();
        for c in Lexicon::shared().classes() {
            assert!(
                named.contains(&c.name.to_string()),
                "class {} is used by no rule",
                c.name
            );
            assert!(
                !c.about.is_empty(),
                "class {} says nothing of its use",
                c.name
            );
        }
    }

    #[test]
    fn words_are_lowercase_and_unique_within_a_class() {
        for c in Lexicon::shared().classes() {
            let mut seen = std::collections::HashSet::new();
            for w in c.words {
                assert_eq!(
                    *w,
                    w.to_lowercase(),
                    "class {}: {w} is not lowercase",
                    c.name
                );
                assert_eq!(*w, w.trim(), "class {}: {w:?} has spaces around it", c.name);
                assert!(seen.insert(*w), "class {}: {w} twice", c.name);
            }
        }
    }

    #[test]
    fn words_know_their_classes_and_lemmas() {
        let lex = Lexicon::shared();
        assert_eq!(lex.lemma("sent"), "send");
        assert_eq!(lex.lemma("froze"), "freeze");
        assert_eq!(lex.lemma("send"), "send");
        let sent = lex.classes_of("sent");
        assert!(sent.contains(&"provide_support"), "{sent:?}");
        assert!(lex.classes_of("not").contains(&"negators"));
        assert!(lex.classes_of("no such word").is_empty());
        // Every lemma's form is a word of some class.
        for (form, lemma) in lex.lemmas() {
            assert_ne!(form, lemma);
            assert!(!lex.classes_of(form).is_empty(), "{form} is in no class");
        }
    }

    #[test]
    fn a_malformed_lexicon_is_an_error_not_a_panic() {
        assert!(Lexicon::parse("[class.x]\nabout = 1").is_err());
        assert!(
            Lexicon::parse("[class.x]\nabout = \"a\"\nstage = \"sideways\"\nused_in = \"s\"")
                .is_err()
        );
        assert!(Lexicon::parse(
            "[class.x]\nabout=\"a\"\nstage=\"cue\"\nused_in=\"s\"\nword=[\"x\"]"
        )
        .is_err());
    }
}
