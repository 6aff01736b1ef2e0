//! Direct quotations: boundaries, continuations, headlines, hard-wrapped
//! transcripts and the cue verbs of official readouts. Sentences written
//! for these tests.

use vane_attrib::{extract, Found};
use vane_core::{StatementKind, TextRange};

fn s(text: &str, rs: &[TextRange]) -> String {
    rs.iter()
        .map(|r| &text[r.range()])
        .collect::<Vec<_>>()
        .join(" … ")
}

fn found(text: &str) -> Vec<Found> {
    extract(text, &vane_text::sentences(text))
}

/// (source, cue, content) of each attribution.
fn triples(text: &str) -> Vec<(String, String, String)> {
    found(text)
        .iter()
        .map(|f| (s(text, &f.source), s(text, &f.cue), s(text, &f.content)))
        .collect()
}

fn has(text: &str, source: &str, cue: &str, content: &str) {
    let t = triples(text);
    assert!(
        t.iter()
            .any(|(a, b, c)| a == source && b == cue && c == content),
        "missing ({source} | {cue} | {content}) in {t:#?}"
    );
}

#[test]
fn wrapped_quote_is_closed() {
    let text = "MINISTER HALE: Thank you. I want to be clear about the visit today, and I said, “We will\n\
                keep working with our partners across the region on the water agreement. We are\n\
                committed.\n\
                And we will keep going,” and that was the message of the visit.\n";
    let fs = found(text);
    let f = fs
        .iter()
        .find(|f| s(text, &f.cue) == "said")
        .expect("the said quote");
    let c = s(text, &f.content);
    assert!(c.starts_with("“We will\nkeep working"), "{c}");
    assert!(c.ends_with("keep going,”"), "{c}");
    assert_eq!(f.kind, StatementKind::Direct);
}

#[test]
fn readout_cue_verbs() {
    let text = "The Minister informed his counterparts that the port would reopen next week. \
                She made clear that the tariffs would stay. He reiterated that the talks would go on. \
                The envoy underscored the need for calm at the border. \
                The minister affirmed that Norway supports the plan. \
                He indicated that talks would resume in May.";
    has(
        text,
        "The Minister",
        "informed",
        "that the port would reopen next week",
    );
    has(text, "She", "made clear", "that the tariffs would stay");
    has(text, "He", "reiterated", "that the talks would go on");
    has(
        text,
        "The envoy",
        "underscored",
        "the need for calm at the border",
    );
    has(
        text,
        "The minister",
        "affirmed",
        "that Norway supports the plan",
    );
    has(text, "He", "indicated", "that talks would resume in May");
}

#[test]
fn triple_apostrophe_closes_the_quote() {
    let text =
        "''I tell my students, 'Read the footnotes,''' said Ms. Ortega, a teacher in Dayton.";
    has(
        text,
        "Ms. Ortega, a teacher in Dayton",
        "said",
        "''I tell my students, 'Read the footnotes,'''",
    );
}

#[test]
fn apposition_between_quote_and_cue() {
    let text = "Officials met on Monday.\n\n“The line was long and tiring,” Ann Marsh, the mayor's chief of staff, said in an interview. “We had to balance it.”\n";
    has(
        text,
        "Ann Marsh, the mayor's chief of staff,",
        "said",
        "“The line was long and tiring,” … “We had to balance it.”",
    );
}

#[test]
fn quote_continues_after_adverbial_with_commas() {
    let text = "“The referee will be fair,” Lund said during a rally in Akron, Ohio, “but many people will be watching.”";
    has(
        text,
        "Lund",
        "said",
        "“The referee will be fair,” … “but many people will be watching.”",
    );
}

#[test]
fn participle_after_quote_opens_its_own_attribution() {
    let text =
        "“We cannot pay for it,” Berg said, adding later, “The fund is costing us a fortune.”";
    has(text, "Berg", "said", "“We cannot pay for it,”");
    has(
        text,
        "Berg",
        "adding later",
        "“The fund is costing us a fortune.”",
    );
}

#[test]
fn continuation_goes_to_the_quoted_attribution() {
    let text = "“It is good work,” she said, describing how she builds the frames. “And the crew is like family.”";
    has(
        text,
        "she",
        "said",
        "“It is good work,” … “And the crew is like family.”",
    );
}

#[test]
fn headline_name_colon_quote() {
    let text = "Marsh: ‘We Will Not Back Down.’\n\nThe mayor spoke on Tuesday.\n";
    has(text, "Marsh", ":", "‘We Will Not Back Down.’");
}

#[test]
fn nested_and_misused_marks() {
    let text = "“I would rather live in what he calls “chaos” than anywhere else.” ― Dana Ruiz\n\n\
                “Apparently not,“ he said. “A leopard keeps its spots.”\n";
    has(
        text,
        "Dana Ruiz",
        "―",
        "“I would rather live in what he calls “chaos” than anywhere else.”",
    );
    has(
        text,
        "he",
        "said",
        "“Apparently not,“ … “A leopard keeps its spots.”",
    );
    for f in found(text) {
        assert_eq!(f.kind, StatementKind::Direct, "{:?}", s(text, &f.content));
    }
}

#[test]
fn inverted_said_and_according_to_a_quote() {
    let text = "It was late. Said Moreno: “I do not sense any interest in reform.”\n\n\
                According to Lind, “If it were up to them, nothing would change.”\n";
    has(
        text,
        "Moreno",
        "Said",
        "“I do not sense any interest in reform.”",
    );
    has(
        text,
        "Lind",
        "According to",
        "“If it were up to them, nothing would change.”",
    );
}

#[test]
fn as_source_said_and_asides_to_the_audience() {
    let text = "Thanks. As Chairman Ruiz indicated, that is under active consideration.\n\n\
                And the President informed his counterparts that the country will support a joint effort, as you all heard, to train pilots.\n";
    has(
        text,
        "Chairman Ruiz",
        "indicated",
        "that is under active consideration",
    );
    has(
        text,
        "the President",
        "informed",
        "that the country will support a joint effort, as you all heard, to train pilots",
    );
}

#[test]
fn names_and_titles_are_not_quotes() {
    let text = "He was the host of the reality TV show “The Big Deal,” and later founded a group called “Citizens First.” Protesters carried signs saying “Not for sale.”";
    assert!(found(text).is_empty(), "{:#?}", triples(text));
}

proptest::proptest! {
    /// The quotation rules (nesting, "'''", wrapped lines, colons,
    /// continuations) on random text: no panic, every range slices the text.
    #[test]
    fn never_panics_quotes(text in "([A-Z][a-z]{0,6}|said|Said|informed|made clear|reads|read|issued the following statement|adding|later|But|called|show|[,.:;“”\"'‘’―«»\n ]|'''|''|\n\n|[a-z]{1,8}ed){0,80}") {
        let fs = found(&text);
        for f in fs {
            for r in f.source.iter().chain(&f.cue).chain(&f.content) {
                proptest::prop_assert!(text.get(r.range()).is_some());
                proptest::prop_assert!(!r.is_empty());
            }
        }
    }
}

#[test]
fn markdown_link_labels_speak_the_quote_that_follows() {
    // On one line, and with the quotation opening the next line (the label
    // line ends with the colon, so the sentence ends there).
    let text = "[Harbour Minister Ana\nSilva](https://example.org/statement#:~:text=ports): “The port will\nreopen on Monday. The work is done.”\n\n\
                -   [Trade Commissioner Jon\n    Berg](https://example.org/a/very/long/path/to/the/press/conference/video):\n    “We will lift the duties.”\n";
    has(
        text,
        "Harbour Minister Ana\nSilva",
        ":",
        "“The port will\nreopen on Monday. The work is done.”",
    );
    has(
        text,
        "Trade Commissioner Jon\n    Berg",
        ":",
        "“We will lift the duties.”",
    );
    // A nickname in quotation marks inside the name is part of the label.
    let t3 = "[Harbour Master Ana “Anchor” Silva](https://example.org/b): “The port is open.”";
    has(
        t3,
        "Harbour Master Ana “Anchor” Silva",
        ":",
        "“The port is open.”",
    );
    // A link that is not a name ("[here](…): …") speaks nothing.
    let t2 = "Read the full text [here](https://example.org/x): “a plan for the port.”";
    assert!(
        triples(t2).iter().all(|(a, _, _)| a != "here"),
        "{:#?}",
        triples(t2)
    );
}

#[test]
fn a_quotation_then_according_to() {
    let text =
        "\"The port is closed,\" according to a post on Monday by Harbour Minister Ana Silva.";
    has(
        text,
        "a post on Monday by Harbour Minister Ana Silva",
        "according to",
        "\"The port is closed,\"",
    );
}
