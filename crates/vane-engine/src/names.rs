//! Names the user typed, against those that exist: the nearest valid ones,
//! for "did you mean" hints in the CLI and the server's errors.

use std::collections::BTreeSet;

/// Edit distance (Levenshtein) between two strings, case-insensitive, in
/// characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Up to three candidates nearest to `typed`: those it is a prefix of (or
/// that are a prefix of it) first, then those within an edit distance of a
/// third of its length (at least 2), nearest first.
pub fn nearest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let t = typed.trim().to_lowercase();
    if t.is_empty() {
        return Vec::new();
    }
    let limit = (t.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, usize, &str)> = Vec::new();
    let mut seen = BTreeSet::new();
    for c in candidates {
        if !seen.insert(c.to_lowercase()) {
            continue;
        }
        let l = c.to_lowercase();
        let d = distance(&t, &l);
        if l.starts_with(&t) || (t.starts_with(&l) && l.chars().count() >= 2) {
            scored.push((0, d, c));
        } else if d <= limit {
            scored.push((1, d, c));
        }
    }
    scored.sort();
    scored.into_iter().take(3).map(|(_, _, c)| c).collect()
}

/// "; did you mean a, b or c?", or nothing.
pub fn did_you_mean(near: &[String]) -> String {
    match near {
        [] => String::new(),
        [a] => format!("; did you mean {a}?"),
        [init @ .., last] => format!("; did you mean {} or {last}?", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names() {
        assert_eq!(distance("kitten", "sitting"), 3);
        let qs = ["us-arms-to-ukraine", "us-f16-to-ukraine", "gaza-ceasefire"];
        assert_eq!(nearest("us-arms-to-ukraina", qs)[0], "us-arms-to-ukraine");
        assert_eq!(
            nearest("us-", qs),
            ["us-f16-to-ukraine", "us-arms-to-ukraine"]
        );
        assert!(nearest("nothing-like-it", qs).is_empty());
        assert_eq!(
            did_you_mean(&["a".into(), "b".into(), "c".into()]),
            "; did you mean a, b or c?"
        );
    }
}
