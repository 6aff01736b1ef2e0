//! Question suggestions: subjects that officials keep talking about and that
//! no watched question covers.
//!
//! A candidate subject is a short phrase that looks like a thing a policy can
//! be about: a capitalised or alphanumeric name inside a sentence ("Patriot",
//! "F-16s", "ATACMS", "Leopard tanks"). Candidates are ranked by how many
//! documents and statements name them; those a question already matches are
//! left out. Pure: the caller supplies the statements.

use crate::questions::Compiled;
use std::collections::{BTreeMap, BTreeSet};

/// A subject worth a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub phrase: String,
    /// Documents that name it in an official's statement.
    pub documents: usize,
    /// Statements that name it.
    pub statements: usize,
    /// One statement that names it, for the user to judge.
    pub example: String,
}

/// Words that are capitalised for other reasons than naming a subject.
const COMMON: &[&str] = &[
    "i",
    "i'm",
    "i’m",
    "we",
    "the",
    "and",
    "but",
    "so",
    "and",
    "a",
    "an",
    "it",
    "this",
    "that",
    "mr",
    "ms",
    "mrs",
    "president",
    "secretary",
    "minister",
    "q",
    "yes",
    "no",
    "look",
    "well",
    "thank",
    "thanks",
    "okay",
    "oh",
    "now",
    "again",
    "they",
    "he",
    "she",
    "you",
    "our",
    "my",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "united",
    "states",
    "u.s.",
    "american",
    "americans",
    "america",
    "white",
    "house",
    "congress",
    "administration",
    "there",
    "what",
    "when",
    "if",
    "as",
    "in",
    "on",
    "for",
    "of",
    "to",
    "with",
    "at",
    "by",
    "from",
    "not",
    "all",
    "just",
    "let",
    "prime",
    "vice",
    "advisor",
    "adviser",
    "senior",
    "deputy",
    "p.m",
    "a.m",
    "u.s",
    "est",
    "edt",
    "republicans",
    "republican",
    "democrats",
    "democratic",
    "senate",
    "allies",
    "ally",
    "sir",
    "one",
    // Titles, offices and places that name who or where, not what.
    "chancellor",
    "governor",
    "senator",
    "ambassador",
    "general",
    "admiral",
    "speaker",
    "counsel",
    "department",
    "office",
    "biden-harris",
    "washington",
    "capitol",
];

fn is_subject_word(w: &str, first: bool) -> bool {
    let lc = w.to_lowercase();
    if COMMON.contains(&lc.as_str()) || w.len() < 2 {
        return false;
    }
    let has_digit = w.chars().any(|c| c.is_ascii_digit());
    let alpha = w.chars().any(|c| c.is_alphabetic());
    let capital = w.chars().next().is_some_and(|c| c.is_uppercase());
    alpha && (has_digit || (capital && !first))
}

/// Ranks the subjects of `statements` (document key, statement text) that no
/// question in `questions` matches. `known` says whether a word names an actor
/// or a country (those are who, not what). At most `limit` suggestions.
pub fn suggest<'a>(
    statements: impl IntoIterator<Item = (&'a str, &'a str)>,
    questions: &[Compiled],
    known: &dyn Fn(&str) -> bool,
    limit: usize,
) -> Vec<Suggestion> {
    struct Tally {
        docs: BTreeSet<String>,
        statements: usize,
        example: String,
    }
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    // Single words seen as someone addressed ("Steve, I appreciate the
    // question", "what you heard, Peter, which"): reporters, not subjects.
    let mut addressed: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (doc, text) in statements {
        // A subject worth a question is one officials take a line on: the
        // statement has a word of policy (giving, stopping, supporting,
        // opposing, imposing ...), not only a name.
        if !crate::stance::has_policy_cue(&text.to_lowercase()) {
            continue;
        }
        let mut words: Vec<&str> = Vec::new();
        let mut vocative: Vec<bool> = Vec::new();
        let pieces: Vec<&str> = text
            .split(|c: char| {
                c.is_whitespace()
                    || matches!(c, ';' | ':' | '(' | ')' | '“' | '”' | '"' | '?' | '!')
            })
            .collect();
        for (k, raw) in pieces.iter().enumerate() {
            let comma_after = raw.ends_with(',');
            let comma_before = k > 0 && pieces[k - 1].ends_with(',');
            let first = words.is_empty();
            for part in raw.split(',') {
                let w = part.trim_end_matches(['.', '’', '\'']);
                let w = w
                    .strip_suffix("’s")
                    .or_else(|| w.strip_suffix("'s"))
                    .unwrap_or(w);
                if !w.is_empty() {
                    words.push(w);
                    vocative.push(comma_after && (first || comma_before));
                }
            }
        }
        // Contractions ("I’ll") and names of actors and countries are not subjects.
        let subject = |w: &str, first: bool| {
            is_subject_word(w, first)
                && !w.contains(['’', '\''])
                && !known(w)
                && !w.strip_suffix('s').is_some_and(known)
        };
        let mut seen = BTreeSet::new();
        let mut i = 0;
        while i < words.len() {
            if !subject(words[i], i == 0) {
                i += 1;
                continue;
            }
            // A name and the common noun after it ("Leopard tanks"), or a run of names.
            let mut j = i + 1;
            while j < words.len() && j < i + 3 && subject(words[j], false) {
                j += 1;
            }
            if j < words.len()
                && j < i + 3
                && words[j].chars().all(|c| c.is_lowercase())
                && words[j].len() > 3
                && words[j].ends_with('s')
            {
                j += 1;
            }
            let phrase = words[i..j].join(" ");
            let lc = phrase.to_lowercase();
            if j == i + 1 {
                let a = addressed.entry(lc.clone()).or_insert((0, 0));
                a.0 += usize::from(vocative[i]);
                a.1 += 1;
            }
            let covered = questions.iter().any(|q| q.object_hits(&lc) > 0);
            if !covered && seen.insert(lc.clone()) {
                let t = tally.entry(lc).or_insert_with(|| Tally {
                    docs: BTreeSet::new(),
                    statements: 0,
                    example: text.trim().to_string(),
                });
                t.docs.insert(doc.to_string());
                t.statements += 1;
            }
            i = j;
        }
    }
    let mut out: Vec<Suggestion> = tally
        .into_iter()
        .filter(|(_, t)| t.docs.len() >= 2)
        .filter(|(p, _)| addressed.get(p).is_none_or(|&(voc, all)| voc * 4 < all))
        .map(|(phrase, t)| Suggestion {
            phrase,
            documents: t.docs.len(),
            statements: t.statements,
            example: t.example,
        })
        .collect();
    out.sort_by(|a, b| {
        (b.documents, b.statements, &a.phrase).cmp(&(a.documents, a.statements, &b.phrase))
    });
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questions::compile;
    use vane_core::Question;

    #[test]
    fn suggests_uncovered_subjects_named_across_documents() {
        let q = compile(&Question {
            id: "f16".into(),
            proposition: "The United States provides F-16 fighter jets to Ukraine.".into(),
            ..Default::default()
        });
        let statements = [
            ("a", "We are sending more Patriot batteries to Ukraine."),
            ("b", "The Patriot system is performing well."),
            ("b", "We support sending another Patriot system."),
            // Named, but with no word of policy: not counted.
            ("f", "The Leopard is a fine machine."),
            ("g", "The Leopard is a fine machine."),
            ("b", "We have nothing to announce on F-16s."),
            (
                "c",
                "F-16s are not on the table, and we will keep providing the Patriot.",
            ),
            ("c", "Thank you, Mr. President."),
            ("d", "Steve, we will not send them."),
            ("e", "Steve, I appreciate it, and we will send more."),
        ];
        let s = suggest(statements.iter().copied(), &[q], &|w| w == "Ukraine", 5);
        // "Patriot" is named in two documents; "Patriot batteries" in one only.
        assert_eq!(
            (s[0].phrase.as_str(), s[0].documents),
            ("patriot", 2),
            "{s:?}"
        );
        assert!(s.iter().all(|x| !x.phrase.contains("f-16")), "{s:?}");
        assert!(
            s.iter()
                .all(|x| x.phrase != "mr" && x.phrase != "president"),
            "{s:?}"
        );
        assert!(s.iter().all(|x| x.phrase != "leopard"), "{s:?}");
        // Someone addressed is no subject.
        assert!(s.iter().all(|x| x.phrase != "steve"), "{s:?}");
    }
}
