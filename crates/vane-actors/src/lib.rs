//! Actor knowledge base and mention resolution. Pure: no IO (packs are
//! passed in as strings or readers; the bundled pack is compiled in), no
//! clock, and no panic on any input.
//!
//! # Design
//!
//! - [`Kb`] holds canonical actors (persons, offices, governments) with
//!   dated roles, plus a lexicon built from them: names and aliases,
//!   surnames, role titles and their synonyms ("foreign minister" =
//!   "Minister of Foreign Affairs"), government adjectives ("Russian",
//!   "U.S."), and metonyms ("the Kremlin" -> Government of Russia, "the Oval
//!   Office" -> whoever is US President at the date).
//! - Every government code (`Gov`) is an ISO 3166 alpha-3 code; the
//!   international bodies use `EUR` (European Union), `NATO` and `UNO`
//!   (United Nations), as Phoenix/CAMEO do (`IGOUNO`, `NATO`).
//! - Each country in a pack generates two actors: `gov-xxx` ("Government of
//!   X") and its anonymous official (`anon-xxx`; the US one is
//!   `senior-administration-official`, "Senior Administration Official").
//! - [`mentions`] scans a document left to right, one noun phrase at a
//!   time (determiner, government adjective, title, name), keeping a small
//!   discourse state (who was mentioned, where, in which quotation) for
//!   surnames, definite titles and pronouns.
//! - Importers ([`import_phoenix`], [`import_wikidata`]) are parsers that
//!   return `(Kb, Vec<ImportError>)`: a bad line is reported and skipped.
//! - Every record keeps its provenance ([`Kb::provenance`],
//!   [`Kb::role_provenance`]).

mod kb;
mod lexicon;
mod mentions;
mod pack;
mod phoenix;
mod places;
mod text;
mod wikidata;

pub use kb::{rank_for_title, Kb};
pub use mentions::{mentions, Resolved};
pub use phoenix::{import_phoenix, import_phoenix_agents, Agents};
pub use wikidata::import_wikidata;

use vane_core::{Actor, Date, Gov};

/// The bundled pack files, compiled in.
pub(crate) const BUNDLED: &[(&str, &str)] = &[
    ("countries.toml", include_str!("../data/countries.toml")),
    ("actors.toml", include_str!("../data/actors.toml")),
    ("world.toml", include_str!("../data/world.toml")),
    (
        "more-countries.toml",
        include_str!("../data/more-countries.toml"),
    ),
    ("leaders.toml", include_str!("../data/leaders.toml")),
];

/// Grammatical gender, used to resolve "he" and "she".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

/// An error in a TOML pack.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("invalid pack: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("actor {actor}: invalid date {value:?}")]
    Date { actor: String, value: String },
    #[error("actor {actor}: unknown rank {value:?}")]
    Rank { actor: String, value: String },
    #[error("actor {actor}: unknown kind {value:?}")]
    Kind { actor: String, value: String },
    #[error("actor {actor}: unknown gender {value:?}")]
    Gender { actor: String, value: String },
    #[error("actor {actor}: role {title:?} has no government")]
    NoGov { actor: String, title: String },
    #[error("actor {actor}: role ends {end} before it starts {start}")]
    Interval {
        actor: String,
        start: Date,
        end: Date,
    },
    #[error("position {title:?}: unknown actor {id:?} (give a name to create it)")]
    UnknownActor { title: String, id: String },
    #[error("duplicate actor id {0:?}")]
    Duplicate(String),
    #[error("metonym {phrase:?}: {reason}")]
    Metonym {
        phrase: String,
        reason: &'static str,
    },
}

/// A line an importer could not read; the line is skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
pub struct ImportError {
    /// 1-based line number in the input.
    pub line: usize,
    pub kind: ImportErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportErrorKind {
    #[error("cannot read input: {0}")]
    Io(String),
    #[error("invalid json: {0}")]
    Json(String),
    #[error("invalid date {0:?}")]
    Date(String),
    #[error("malformed code block {0:?}")]
    Code(String),
    #[error("role or alias before any actor")]
    Orphan,
}

/// The role an actor is best known by on a date: the one of highest rank
/// (the first listed among equals). Rubio on 2025-07-10: Secretary of State.
pub fn primary_role(actor: &Actor, on: Date) -> Option<&vane_core::Role> {
    actor.roles_on(on).min_by_key(|r| r.rank)
}

impl Kb {
    /// Resolves a mention string ("the president", "Secretary Rubio",
    /// "MR. KIRBY", "Moscow", "a senior administration official") at a
    /// date, with an optional country context.
    pub fn resolve(&self, mention: &str, country: Option<&Gov>, on: Date) -> Option<&Actor> {
        mentions::resolve_str(self, mention, country, Some(on)).map(|i| &self.recs[i].actor)
    }

    /// True when `label` (a transcript speaker label without its colon,
    /// all capitals) opens with a title or honorific the knowledge base
    /// knows ("KING ABDULLAH II", "CHANCELLOR MERZ", "VICE PRESIDENT
    /// VANCE", "FOREIGN MINISTER WANG") or names a known person: for a
    /// transcript splitter deciding which capitalised line openings are
    /// speakers.
    pub fn is_speaker_label(&self, label: &str) -> bool {
        let label = label.trim().trim_end_matches(':').trim();
        let toks = text::tokenize(label);
        let words: Vec<&text::Token> = toks.iter().filter(|t| t.word).collect();
        if words.is_empty() || words.len() > 8 || words.iter().any(|t| !t.upper) {
            return false;
        }
        let mut k = String::new();
        for t in words.iter().take(self.lex.max_title) {
            if !k.is_empty() {
                k.push(' ');
            }
            k.push_str(&t.norm);
            if self.lex.titles.contains_key(&k) {
                return true;
            }
        }
        self.resolve_undated(label, None)
            .is_some_and(|a| a.kind == vane_core::ActorKind::Person)
    }

    /// Like [`Kb::resolve`], without a date: names and metonyms only
    /// (titles need a date).
    pub fn resolve_undated(&self, mention: &str, country: Option<&Gov>) -> Option<&Actor> {
        mentions::resolve_str(self, mention, country, None).map(|i| &self.recs[i].actor)
    }
}
