//! A word list of a stage's lexicon: the words in file order, and hashed
//! for lookups. The actor and attribution stages keep their lists as data
//! (`data/lexicon.toml` in each crate) and look words up through this type.

use rustc_hash::FxHashSet;

/// The words of one lexicon class.
#[derive(Debug, Default)]
pub struct Words {
    list: Vec<String>,
    set: FxHashSet<String>,
    /// The length of the longest word, in bytes.
    longest: usize,
}

impl Words {
    pub fn new(list: Vec<String>) -> Words {
        let set = list.iter().cloned().collect();
        let longest = list.iter().map(String::len).max().unwrap_or(0);
        Words { list, set, longest }
    }

    /// Whether `w` is one of the words, exactly.
    pub fn contains(&self, w: &str) -> bool {
        self.set.contains(w)
    }

    /// Whether `w` is one of the (lowercase) words in any ASCII case, as
    /// `eq_ignore_ascii_case` compares.
    pub fn contains_ignore_ascii_case(&self, w: &str) -> bool {
        if w.len() > self.longest {
            return false;
        }
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.set.contains(w);
        }
        let mut buf = [0u8; 64];
        let Some(buf) = buf.get_mut(..w.len()) else {
            return self.set.contains(w.to_ascii_lowercase().as_str());
        };
        buf.copy_from_slice(w.as_bytes());
        buf.make_ascii_lowercase();
        std::str::from_utf8(buf).is_ok_and(|l| self.set.contains(l))
    }

    /// The words in file order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(String::as_str)
    }
}

/// The class names a module's source passes to a lexicon call such as
/// `lexicon::words("...")` (`call` is the text before the quoted name), for
/// the tests that check every class named in code exists and is used.
pub fn classes_named(src: &str, call: &str) -> Vec<String> {
    src.match_indices(call)
        .filter_map(|(at, _)| {
            let rest = &src[at + call.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// [`classes_named`] over several modules' sources, each name with the
/// module that names it: `(module, source)` pairs in, `(class, module)` out.
pub fn classes_named_in<'a>(modules: &[(&'a str, &str)], call: &str) -> Vec<(String, &'a str)> {
    modules
        .iter()
        .flat_map(|&(module, src)| {
            classes_named(src, call)
                .into_iter()
                .map(move |c| (c, module))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_words_up_exactly_or_in_any_ascii_case() {
        let w = Words::new(vec!["said".into(), "told".into()]);
        assert!(w.contains("said") && !w.contains("Said"));
        assert!(w.contains_ignore_ascii_case("SAID"));
        assert!(!w.contains_ignore_ascii_case("saidx"));
        assert_eq!(w.iter().collect::<Vec<_>>(), ["said", "told"]);
    }

    #[test]
    fn finds_the_classes_a_source_names() {
        let src = r#"a(lexicon::words("x")); b(lexicon::words("y_z"))"#;
        assert_eq!(classes_named(src, "lexicon::words(\""), ["x", "y_z"]);
        assert_eq!(
            classes_named_in(
                &[("m", src), ("n", "lexicon::words(\"w\")")],
                "lexicon::words(\""
            ),
            [
                ("x".to_string(), "m"),
                ("y_z".to_string(), "m"),
                ("w".to_string(), "n")
            ]
        );
    }
}
