//! Odd input never panics, and every range slices the text.

use crate::common::{d, gov};
use proptest::prelude::*;
use vane_actors::{import_phoenix, import_wikidata, mentions, Kb};
use vane_core::TextRange;

fn kb() -> &'static Kb {
    static KB: std::sync::OnceLock<Kb> = std::sync::OnceLock::new();
    KB.get_or_init(Kb::bundled)
}

fn check(kb: &Kb, text: &str) {
    let n = text.len();
    let sents = [TextRange::new(0, n / 2), TextRange::new(n / 2, n)];
    for s in [&sents[..], &[]] {
        let r = mentions(kb, text, s, Some(d("2023-01-12")), Some(&gov("USA")));
        for m in &r.mentions {
            assert!(m.range.slice(text).is_some(), "{:?} in {text:?}", m.range);
        }
        let _ = mentions(kb, text, s, None, None);
    }
    let _ = kb.resolve(text, None, d("2023-01-12"));
    let _ = import_phoenix(text.as_bytes());
    let _ = import_wikidata(text.as_bytes());
    let _ = Kb::from_toml(text);
}

#[test]
fn edge_cases() {
    let kb = Kb::bundled();
    for t in [
        "",
        " ",
        "’",
        "’s",
        "'s Rubio",
        "U.",
        "U.S",
        "..",
        "MR.:",
        ":",
        "\n:\n",
        "“",
        "”he",
        "Rubio’",
        "the",
        "the President",
        "A",
        "he",
        "Putin’s’s",
        "Ukraine's defense minister,",
        "Ukraine's defense minister, X",
        "ÉLYSÉE",
        "İstanbul Moscow",
        "MR. KIRBY",
        "Q:",
        "[SWEGOV >",
        "[[actor]]",
        "{\"id\":1}",
        "a senior",
        "\u{0}\u{FEFF}Moscow",
    ] {
        check(&kb, t);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn never_panics(s in "\\PC{0,80}") {
        check(kb(), &s);
    }

    #[test]
    fn never_panics_on_wordy_input(words in proptest::collection::vec(
        prop_oneof![
            Just("the"), Just("President"), Just("Rubio"), Just("’s"), Just("he"), Just(","),
            Just("Moscow"), Just("in"), Just("MR."), Just("KIRBY"), Just(":"), Just("\n"),
            Just("“"), Just("”"), Just("Ukraine's"), Just("defense"), Just("minister"),
            Just("Andriy"), Just("a"), Just("senior"), Just("official"), Just("U.S."), Just("é"),
        ], 0..30)) {
        check(kb(), &words.join(" "));
    }
}
