//! The attribution stage's lexicon (`data/lexicon.toml`): the verbs and
//! phrases that report speech or thought, and every other word list the
//! rules consult, kept as data in the format of vane-read's lexicon. Each
//! class has a stage, the module whose rules name it in code
//! (`lexicon::words("cue_say")`), a note on its use and its words. The
//! file is compiled into the binary and parsed once; its tests check that
//! every class named in code exists and every class is used.

use crate::lexicon;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};
pub(crate) use vane_text::words::Words;

/// How a cue word behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// A verb of saying that takes a clause or a quote ("said", "warned").
    Say,
    /// A verb of saying whose first object is the hearer ("told reporters that").
    Tell,
    /// A transitive verb whose object is the content ("dismissed X as Y",
    /// "denied the report"). Indirect only with a clear source.
    Object,
    /// A verb of thought or belief ("believes", "thinks"): indirect only.
    Think,
    /// A raising verb ("seems to", "is expected to"): the content is its
    /// subject and its complement, and there is no source.
    Raising,
}

/// The step of attribution that consults a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Stage {
    /// Tokenizing: which periods stay with their word.
    Token,
    /// Finding cues and telling them from look-alikes.
    Cue,
    /// Finding the source.
    Source,
    /// Where the content starts and ends.
    Content,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    class: BTreeMap<String, ClassFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassFile {
    about: String,
    stage: Stage,
    used_in: String,
    #[serde(default)]
    cased: bool,
    words: Vec<String>,
}

/// One class of the lexicon.
#[derive(Debug)]
pub(crate) struct Class {
    #[cfg_attr(not(test), allow(dead_code))]
    pub about: String,
    #[cfg_attr(not(test), allow(dead_code))]
    pub stage: Stage,
    /// The module whose rules name it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub used_in: String,
    /// Words kept as written (not lowercase), looked up exactly.
    #[cfg_attr(not(test), allow(dead_code))]
    pub cased: bool,
    pub words: Words,
}

/// The lexicon's text, as shipped.
const SOURCE: &str = include_str!("../data/lexicon.toml");

/// Parses a lexicon.
pub(crate) fn parse(text: &str) -> Result<BTreeMap<String, Class>, toml::de::Error> {
    let file: File = toml::from_str(text)?;
    Ok(file
        .class
        .into_iter()
        .map(|(name, c)| {
            let class = Class {
                about: c.about,
                stage: c.stage,
                used_in: c.used_in,
                cased: c.cased,
                words: Words::new(c.words),
            };
            (name, class)
        })
        .collect())
}

/// The shipped lexicon, parsed once (empty if it does not parse; a test
/// guards that it does).
fn shared() -> &'static BTreeMap<String, Class> {
    static LEX: OnceLock<BTreeMap<String, Class>> = OnceLock::new();
    LEX.get_or_init(|| parse(SOURCE).unwrap_or_default())
}

/// The words of a class of the shipped lexicon (none for a class it does
/// not have; the tests check that every class named in code exists).
pub(crate) fn words(class: &str) -> &'static Words {
    static EMPTY: OnceLock<Words> = OnceLock::new();
    match shared().get(class) {
        Some(c) => &c.words,
        None => EMPTY.get_or_init(Words::default),
    }
}

/// Finite and participial forms of cue verbs with their class, lowercase,
/// sorted for binary search: the `cue_*` classes of the lexicon.
static CUES: LazyLock<Vec<(&'static str, CueClass)>> = LazyLock::new(|| {
    let mut cues: Vec<(&'static str, CueClass)> = [
        (lexicon::words("cue_say"), CueClass::Say),
        (lexicon::words("cue_tell"), CueClass::Tell),
        (lexicon::words("cue_object"), CueClass::Object),
        (lexicon::words("cue_think"), CueClass::Think),
        (lexicon::words("cue_raising"), CueClass::Raising),
    ]
    .into_iter()
    .flat_map(|(words, class)| words.iter().map(move |w| (w, class)))
    .collect();
    cues.sort_by(|a, b| a.0.cmp(b.0));
    cues
});

/// The class of a cue word, if it is one (case-insensitive, ASCII).
pub(crate) fn cue_class(word: &str) -> Option<CueClass> {
    if word.len() > 16 || word.is_empty() {
        return None;
    }
    let mut buf = [0u8; 16];
    for (k, b) in word.bytes().enumerate() {
        buf[k] = b.to_ascii_lowercase();
    }
    let w = std::str::from_utf8(&buf[..word.len()]).ok()?;
    // Most words are no cue: a table of (length, first letter) -> last
    // letters seen among the cues rejects them before the search.
    static SHAPES: std::sync::OnceLock<[[u32; 26]; 17]> = std::sync::OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        let mut t = [[0u32; 26]; 17];
        for (k, _) in CUES.iter() {
            let b = k.as_bytes();
            if let (Some(f), Some(l)) = (b.first(), b.last()) {
                if b.len() <= 16 && f.is_ascii_lowercase() && l.is_ascii_lowercase() {
                    t[b.len()][usize::from(f - b'a')] |= 1 << (l - b'a');
                } else {
                    // A cue the table cannot hold: never reject by shape.
                    t = [[u32::MAX; 26]; 17];
                    break;
                }
            }
        }
        t
    });
    let b = w.as_bytes();
    let (f, l) = (b[0], b[b.len() - 1]);
    if f.is_ascii_lowercase()
        && l.is_ascii_lowercase()
        && shapes[b.len()][usize::from(f - b'a')] & (1 << (l - b'a')) == 0
    {
        return None;
    }
    CUES.binary_search_by(|(k, _)| (*k).cmp(w))
        .ok()
        .map(|i| CUES[i].1)
}

/// Whether a cue word is a present participle ("saying", "declaring").
pub(crate) fn is_participle(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ing")
}

static PRONOUNS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("pronouns"));
static CUE_PREFIXES: LazyLock<&Words> = LazyLock::new(|| lexicon::words("cue_prefixes"));
static CLAUSE_WORDS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("clause_words"));
static POST_SOURCE_ENDS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("post_source_ends"));
static LEADING_FILLERS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("leading_fillers"));
static APPOSITION_OPENERS: LazyLock<&Words> =
    LazyLock::new(|| lexicon::words("apposition_openers"));

/// Personal and relative pronouns that can be a source on their own.
pub(crate) fn is_pronoun(w: &str) -> bool {
    PRONOUNS.contains_ignore_ascii_case(w)
}

/// Auxiliaries and adverbs that a cue may carry before its verb
/// ("has said", "also said").
pub(crate) fn is_cue_prefix(w: &str) -> bool {
    CUE_PREFIXES.contains_ignore_ascii_case(w)
}

/// Words that start a new clause: a source never reaches left across them.
pub(crate) fn is_clause_word(w: &str) -> bool {
    CLAUSE_WORDS.contains_ignore_ascii_case(w)
}

/// Words that end a source NP written after its cue ("said Smith, who ...").
pub(crate) fn ends_post_source(w: &str) -> bool {
    POST_SOURCE_ENDS.contains_ignore_ascii_case(w)
}

/// Leading words trimmed off a source found before its cue.
pub(crate) fn is_leading_filler(w: &str) -> bool {
    LEADING_FILLERS.contains_ignore_ascii_case(w)
}

/// Determiners and similar words that open an apposition ("a Republican").
pub(crate) fn is_det(w: &str) -> bool {
    APPOSITION_OPENERS.contains_ignore_ascii_case(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classes the rules name in code (by `lexicon::words`), with
    /// the module that names each, read from the sources themselves.
    fn named_in_code() -> Vec<(String, &'static str)> {
        vane_text::words::classes_named_in(
            &[
                ("lexicon", include_str!("lexicon.rs")),
                ("lib", include_str!("lib.rs")),
            ],
            "lexicon::words(\"",
        )
    }

    #[test]
    fn every_class_named_in_code_exists_and_is_not_empty() {
        let lex = parse(SOURCE).unwrap();
        let named = named_in_code();
        assert!(named.len() >= 30, "found {} class names", named.len());
        for (name, module) in named {
            let c = lex.get(&name).unwrap_or_else(|| panic!("no class {name}"));
            assert!(c.words.iter().next().is_some(), "class {name} has no words");
            assert_eq!(c.used_in, module, "class {name} is used in {module}");
        }
    }

    #[test]
    fn every_class_is_used() {
        let named: Vec<String> = named_in_code().into_iter().map(|(n, _)| n).collect();
        for (name, c) in &parse(SOURCE).unwrap() {
            assert!(named.contains(name), "class {name} is used by no rule");
            assert!(!c.about.is_empty(), "class {name} says nothing of its use");
        }
    }

    #[test]
    fn words_are_lowercase_unless_cased_and_unique_within_a_class() {
        for (name, c) in &parse(SOURCE).unwrap() {
            let mut seen = std::collections::HashSet::new();
            let mut upper = false;
            for w in c.words.iter() {
                upper |= w != w.to_lowercase();
                assert!(
                    c.cased || w == w.to_lowercase(),
                    "class {name}: {w} is not lowercase"
                );
                assert_eq!(w, w.trim(), "class {name}: {w:?} has spaces around it");
                assert!(seen.insert(w), "class {name}: {w} twice");
            }
            assert!(!c.cased || upper, "class {name} is cased but all lowercase");
        }
    }

    #[test]
    fn a_cue_word_has_one_class_and_the_table_is_sorted() {
        let mut seen = std::collections::HashSet::new();
        for (w, _) in CUES.iter() {
            assert!(seen.insert(*w), "{w} in two cue classes");
            assert!(w.len() <= 16 && w.is_ascii(), "{w}: too long for cue_class");
        }
        assert!(CUES.windows(2).all(|p| p[0].0 < p[1].0));
        let lex = parse(SOURCE).unwrap();
        for (name, c) in &lex {
            if name.starts_with("cue_") {
                assert_eq!(c.stage, Stage::Cue, "{name}");
            }
        }
        assert_eq!(cue_class("Said"), Some(CueClass::Say));
        assert_eq!(cue_class("told"), Some(CueClass::Tell));
        assert_eq!(cue_class("seems"), Some(CueClass::Raising));
        assert_eq!(cue_class("table"), None);
    }

    #[test]
    fn lookups_in_any_case_match_eq_ignore_ascii_case() {
        let w = words("pronouns");
        for probe in [
            "he", "He", "HE", "hE", "who", "Who", "h", "", "hé", "Hé", "theyy",
        ] {
            let slow = w.iter().any(|x| x.eq_ignore_ascii_case(probe));
            assert_eq!(w.contains_ignore_ascii_case(probe), slow, "{probe}");
        }
        assert!(!words("no such class").contains("he"));
    }

    #[test]
    fn a_malformed_lexicon_is_an_error_not_a_panic() {
        assert!(parse("[class.x]\nabout = 1").is_err());
        assert!(parse(
            "[class.x]\nabout = \"a\"\nstage = \"sideways\"\nused_in = \"s\"\nwords = []"
        )
        .is_err());
        assert!(
            parse("[class.x]\nabout=\"a\"\nstage=\"cue\"\nused_in=\"s\"\nword=[\"x\"]").is_err()
        );
    }
}
