//! The seed article: the attributions the position pipeline relies on.

use vane_attrib::{extract, Found};
use vane_core::{StatementKind, TextRange};

const SEED: &str = include_str!("data/rubio-lavrov-kuala-lumpur.txt");

fn s(text: &str, rs: &[TextRange]) -> String {
    rs.iter()
        .map(|r| &text[r.range()])
        .collect::<Vec<_>>()
        .join(" … ")
}

fn found(text: &str) -> Vec<Found> {
    extract(text, &vane_text::sentences(text))
}

fn dump(text: &str, fs: &[Found]) -> String {
    fs.iter()
        .map(|f| {
            format!(
                "{:?} [{}] [{}] [{}]\n",
                f.kind,
                s(text, &f.source),
                s(text, &f.cue),
                s(text, &f.content)
            )
        })
        .collect()
}

#[test]
fn seed_declaring_indirect() {
    let fs = found(SEED);
    let f = fs
        .iter()
        .find(|f| s(SEED, &f.cue) == "declaring")
        .unwrap_or_else(|| panic!("no 'declaring' cue:\n{}", dump(SEED, &fs)));
    assert_eq!(s(SEED, &f.source), "President Trump");
    assert_eq!(
        s(SEED, &f.content),
        "that at least some defensive weapons shipments to Ukraine would continue"
    );
    assert_eq!(f.kind, StatementKind::Indirect);
}

#[test]
fn seed_stating_direct() {
    let fs = found(SEED);
    let f = fs
        .iter()
        .find(|f| s(SEED, &f.cue) == "stating")
        .unwrap_or_else(|| panic!("no 'stating' cue:\n{}", dump(SEED, &fs)));
    assert_eq!(s(SEED, &f.source), "the President");
    assert_eq!(f.kind, StatementKind::Direct);
    let c = s(SEED, &f.content);
    assert!(
        c.starts_with("“Putin is not—he’s not treating human beings right."),
        "{c}"
    );
    assert!(c.ends_with("and I’ve approved that.”"), "{c}");
}

#[test]
fn seed_dismissed_partial() {
    let fs = found(SEED);
    let f = fs
        .iter()
        .find(|f| s(SEED, &f.cue).ends_with("dismissed"))
        .unwrap_or_else(|| panic!("no 'dismissed' cue:\n{}", dump(SEED, &fs)));
    assert_eq!(s(SEED, &f.source), "Trump");
    assert_eq!(f.kind, StatementKind::Partial);
    let c = s(SEED, &f.content);
    assert!(c.contains("“bullsh*t” and “meaningless.”"), "{c}");
}

#[test]
fn seed_scare_quote_is_not_attributed() {
    let fs = found(SEED);
    let at = SEED.find("“right answer”").unwrap();
    for f in &fs {
        for r in &f.content {
            assert!(
                !(r.start <= at && at < r.end),
                "scare quote attributed:\n{}",
                dump(SEED, &fs)
            );
        }
    }
}

#[test]
fn table() {
    // (text, source, cue, content, kind)
    let cases: &[(&str, &str, &str, &str, StatementKind)] = &[
        (
            "“We will win,” Sen. Jane Doe said.",
            "Sen. Jane Doe",
            "said",
            "“We will win,”",
            StatementKind::Direct,
        ),
        (
            "\"We will win,\" said Jane Doe, a Republican from Ohio.",
            "Jane Doe, a Republican from Ohio",
            "said",
            "\"We will win,\"",
            StatementKind::Direct,
        ),
        (
            "Sen. Jane Doe, a Republican from Ohio, said the bill would fail.",
            "Sen. Jane Doe, a Republican from Ohio,",
            "said",
            "the bill would fail",
            StatementKind::Indirect,
        ),
        (
            "He warned that the talks could collapse.",
            "He",
            "warned",
            "that the talks could collapse",
            StatementKind::Indirect,
        ),
        (
            "The talks could collapse, he said.",
            "he",
            "said",
            "The talks could collapse",
            StatementKind::Indirect,
        ),
        (
            "The deal is dead, according to two officials.",
            "two officials",
            "according to",
            "The deal is dead",
            StatementKind::Indirect,
        ),
        (
            "Trump told reporters that the deal was “a disaster.”",
            "Trump",
            "told",
            "that the deal was “a disaster.”",
            StatementKind::Partial,
        ),
        (
            "The minister has said the plan is “dead.”",
            "The minister",
            "has said",
            "the plan is “dead.”",
            StatementKind::Partial,
        ),
    ];
    for (text, src, cue, content, kind) in cases {
        let fs = found(text);
        assert_eq!(fs.len(), 1, "{text}:\n{}", dump(text, &fs));
        let f = &fs[0];
        assert_eq!(
            (
                s(text, &f.source).as_str(),
                s(text, &f.cue).as_str(),
                s(text, &f.content).as_str(),
                f.kind
            ),
            (*src, *cue, *content, *kind),
            "{text}"
        );
    }
}

#[test]
fn multi_paragraph_quote_continues() {
    let text = "“We are not leaving,” she said. “Not now.\n\n“Not ever.”\n\nThe crowd cheered.";
    let fs = found(text);
    assert_eq!(fs.len(), 1, "{}", dump(text, &fs));
    let c = s(text, &fs[0].content);
    assert!(c.contains("Not ever."), "{c}");
    assert_eq!(s(text, &fs[0].source), "she");
}

#[test]
fn dash_signature_and_colon_across_paragraphs() {
    let text = "“We need change now.” ― Jane Doe\n\nThe senator continued:\n\n“It is time.”";
    let fs = found(text);
    assert_eq!(fs.len(), 2, "{}", dump(text, &fs));
    assert_eq!(s(text, &fs[0].source), "Jane Doe");
    assert_eq!(s(text, &fs[0].content), "“We need change now.”");
    assert_eq!(s(text, &fs[1].source), "The senator");
    assert_eq!(s(text, &fs[1].content), "“It is time.”");
    assert_eq!(fs[1].kind, StatementKind::Direct);
}

#[test]
fn split_quote_and_inversion() {
    let text = "“We will win,” she said, “and we will win big.”";
    let fs = found(text);
    assert_eq!(fs.len(), 1, "{}", dump(text, &fs));
    assert_eq!(fs[0].content.len(), 2);
    let text = "The deal, he said, is dead.";
    let fs = found(text);
    assert_eq!(fs.len(), 1, "{}", dump(text, &fs));
    assert_eq!(s(text, &fs[0].content), "The deal … is dead");
}

#[test]
fn question_without_source() {
    let text = "When asked about the merger, she declined to answer.";
    let fs = found(text);
    let f = fs
        .iter()
        .find(|f| s(text, &f.cue) == "asked")
        .unwrap_or_else(|| panic!("{}", dump(text, &fs)));
    assert!(f.source.is_empty());
    assert_eq!(s(text, &f.content), "about the merger");
}

#[test]
fn no_source_attribution_has_empty_source() {
    // Unbalanced quotes must not panic, and ranges must slice the text.
    let text = "“This is a quote without an end, he said.\n\nAnother “one";
    for f in found(text) {
        for r in f.source.iter().chain(&f.cue).chain(&f.content) {
            assert!(text.get(r.range()).is_some());
        }
    }
}

proptest::proptest! {
    #[test]
    fn never_panics(text in "\\PC*") {
        let fs = found(&text);
        for f in fs {
            for r in f.source.iter().chain(&f.cue).chain(&f.content) {
                proptest::prop_assert!(text.get(r.range()).is_some());
                proptest::prop_assert!(!r.is_empty());
            }
        }
    }

    #[test]
    fn never_panics_newsy(text in "([A-Z][a-z]{0,6}|said|told|according to|that|he|[,.:;“”\"' \n—]|Mr\\.|''|é){0,60}") {
        let fs = found(&text);
        for f in fs {
            for r in f.source.iter().chain(&f.cue).chain(&f.content) {
                proptest::prop_assert!(text.get(r.range()).is_some());
            }
        }
    }
}
