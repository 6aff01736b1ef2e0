//! The bundled lexicon (`data/lexicon.toml`): word lists that mention
//! resolution reads but that are no actors: the ranks titles imply, the
//! portfolio words and heads of office phrases ("Brazil's finance
//! ministry"), role nouns ("spokeswoman"), and the words after a capital
//! that make it a place or a name ("the Minsk agreements").

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use serde::Deserialize;
use vane_core::Rank;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LexFile {
    #[serde(default)]
    rank: Vec<RankDef>,
    #[serde(default)]
    office: OfficeDef,
    #[serde(default)]
    metonym: MetonymDef,
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
    }
}
