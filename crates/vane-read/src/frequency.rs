//! How common a word is, and how often it is written with a capital, in a
//! large corpus of the kind the reader reads (`data/word-stats.tsv`, made
//! by `scripts/word-stats.py` from the White House briefing-room record:
//! 13,956 documents, 2021–2026).
//!
//! The question compiler asks it how specific a proposition's words are: a
//! word of a name that is mostly written in lowercase ("security" of "UN
//! Security Council", "air" of "Mahan Air") does not stand for the name
//! alone. The table holds every word found in at least 20 documents; a word
//! it lacks is rare.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One word's figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordStats {
    /// In how many of the corpus's documents it occurs.
    pub documents: u32,
    /// Of its occurrences after a sentence's first word, the share that open
    /// with a capital, in thousandths.
    pub capital_share: u16,
}

struct Table {
    documents: u32,
    words: HashMap<&'static str, WordStats>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(include_str!("../data/word-stats.tsv")))
}

/// Parses the table: a header `# documents<TAB>N`, then `word<TAB>documents<TAB>capital share`.
/// A malformed line is a defect of the shipped file; the tests parse it
/// whole, so it is skipped here rather than failing a reading.
fn parse(text: &'static str) -> Table {
    let mut documents = 0;
    let mut words = HashMap::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(w), Some(d), Some(c)) = (cols.next(), cols.next(), cols.next()) else {
            if let Some(n) = line.strip_prefix("# documents\t") {
                documents = n.parse().unwrap_or(0);
            }
            continue;
        };
        if let (Ok(documents), Ok(capital_share)) = (d.parse(), c.parse()) {
            words.insert(
                w,
                WordStats {
                    documents,
                    capital_share,
                },
            );
        }
    }
    Table { documents, words }
}

/// The figures of a lowercase word, or `None` for a rare one.
pub fn stats(word: &str) -> Option<WordStats> {
    table().words.get(word).copied()
}

/// How many documents the table was made from.
pub fn corpus_documents() -> u32 {
    table().documents
}

/// Whether a word is mostly written in lowercase inside a sentence: a common
/// noun or adjective ("security", "air", "organization"), not a name
/// ("Carney", "Brotherhood"). A rare word is not.
pub fn mostly_lowercase(word: &str) -> bool {
    stats(word).is_some_and(|s| s.capital_share < 500)
}

/// Whether a word is common and written in lowercase: found in at least a
/// fifth of the corpus's documents ("countries", "support", "security",
/// "war"). A text that names only such words of a proposition does not name
/// it (`Compiled::count_objects`).
pub fn common(word: &str) -> bool {
    mostly_lowercase(word) && stats(word).is_some_and(|s| s.documents * 5 >= corpus_documents())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses_whole() {
        let text = include_str!("../data/word-stats.tsv");
        let rows = text.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(table().words.len(), rows);
        assert!(corpus_documents() > 10_000);
    }

    #[test]
    fn names_and_common_words() {
        assert!(mostly_lowercase("security"));
        assert!(mostly_lowercase("air"));
        assert!(!mostly_lowercase("carney"));
        assert!(!mostly_lowercase("brotherhood"));
        // Rare: not in the table at all.
        assert!(!mostly_lowercase("mahan"));
        let countries = stats("countries").unwrap();
        let seats = stats("seats").unwrap();
        assert!(countries.documents > 10 * seats.documents);
        assert!(common("security") && common("support"));
        assert!(!common("tariffs") && !common("biden") && !common("mahan"));
    }
}
