//! Full names for speakers a transcript knows only by label.
//!
//! A briefing's labels name its speakers by courtesy title and surname
//! (`MS. BEDINGFIELD:`, `MR. DEESE:`, `DR. SHERWOOD-RANDALL:`), and an
//! official outside the actor pack becomes a provisional actor of that name
//! ("Ms. Bedingfield"). The document's title usually gives the full name
//! ("Press Briefing by Communications Director Kate Bedingfield"): the
//! provisional actor takes it, so the record names "Kate Bedingfield".

use crate::lexicon;
use std::sync::LazyLock;

/// Lexicon class `courtesy` (data/lexicon.toml).
static COURTESY: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("courtesy"));

/// Lexicon class `office_words` (data/lexicon.toml).
static OFFICE_WORDS: LazyLock<&[&str]> = LazyLock::new(|| lexicon::words("office_words"));

/// The full name `title` gives a speaker known as `name` ("Ms.
/// Bedingfield", "Mr. Deese", "Dr. Sherwood-Randall"): the capitalised word
/// before the same surname in the title, when it is no office word ("Kate
/// Bedingfield" of "... by Communications Director Kate Bedingfield").
/// `None` when `name` is not a courtesy title and a surname, or the title
/// has no first name for it.
pub fn full_name(name: &str, title: &str) -> Option<String> {
    let mut words = name.split_whitespace();
    let courtesy = words.next()?.trim_end_matches('.').to_lowercase();
    let surname = words.next()?;
    if words.next().is_some() || !COURTESY.contains(&courtesy.as_str()) {
        return None;
    }
    let toks: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
        .filter(|t| !t.is_empty())
        .collect();
    let at = toks
        .iter()
        .position(|t| {
            t.trim_end_matches(['.', '’', '\'', 's'])
                .eq_ignore_ascii_case(surname)
        })
        .or_else(|| toks.iter().position(|t| t.eq_ignore_ascii_case(surname)))?;
    let first = toks.get(at.checked_sub(1)?)?;
    let plain = first.trim_end_matches('.');
    let capital = plain.chars().next().is_some_and(char::is_uppercase);
    let lc = plain.to_lowercase();
    if !capital
        || plain.chars().count() < 2
        || OFFICE_WORDS.contains(&lc.as_str())
        || COURTESY.contains(&lc.as_str())
    {
        return None;
    }
    let surname = toks[at].trim_end_matches(|c: char| !c.is_alphanumeric());
    Some(format!("{plain} {surname}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_first_name_the_title_gives() {
        let t = "Press Briefing by Communications Director Kate Bedingfield";
        assert_eq!(
            full_name("Ms. Bedingfield", t).as_deref(),
            Some("Kate Bedingfield")
        );
        let t = "Press Briefing by Press Secretary Karine Jean-Pierre and Homeland Security Adviser Dr. Elizabeth Sherwood-Randall";
        assert_eq!(
            full_name("Dr. Sherwood-Randall", t).as_deref(),
            Some("Elizabeth Sherwood-Randall")
        );
        let t = "Press Briefing by Press Secretary Jen Psaki and NEC Director Brian Deese, May 12, 2021";
        assert_eq!(full_name("Mr. Deese", t).as_deref(), Some("Brian Deese"));
    }

    #[test]
    fn no_name_without_a_first_name_or_a_courtesy_title() {
        let t = "Press Briefing by Director Deese";
        assert_eq!(full_name("Mr. Deese", t), None);
        assert_eq!(full_name("Mr. Deese", "Remarks on the economy"), None);
        assert_eq!(full_name("Brian Deese", "Briefing by Brian Deese"), None);
        assert_eq!(full_name("Mr. Deese", "Briefing by Mr. Deese"), None);
    }
}
