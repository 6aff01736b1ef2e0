//! Odd documents of a megabyte are read (in time linear in their size):
//! a paragraph of curly quotation marks once took quadratic time.

fn sentences(text: &str) -> Vec<vane_core::TextRange> {
    vane_text::sentences(text)
}

#[test]
fn a_megabyte_of_opening_quotation_marks_is_read() {
    let text = "“".repeat(350_000);
    let found = vane_attrib::extract(&text, &sentences(&text));
    assert!(found.is_empty(), "{} attributions", found.len());
}

#[test]
fn a_megabyte_of_nested_quotations_is_read() {
    // Every opening mark followed by enough closing ones to nest.
    let text = format!(
        "Ann said “{}{}.",
        "a “b ".repeat(40_000),
        "” c”".repeat(40_000)
    );
    let found = vane_attrib::extract(&text, &sentences(&text));
    assert_eq!(found.len(), 1, "{found:?}");
}
