//! Speaker-labelled transcripts: `MR. KIRBY:`, `THE PRESIDENT:`, `Q`.

use regex::Regex;
use std::sync::OnceLock;
use vane_core::TextRange;

/// One turn of a transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    /// The label without its colon ("MR. KIRBY"); for a question, "Q".
    pub label: TextRange,
    /// What was said, after the label, up to the next label.
    pub content: TextRange,
    pub is_question: bool,
}

fn label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?m)^[^\S\n]*(?:(Q)(?:[^\S\n]+|:[^\S\n]*)|((?:(?:MR|MS|MRS|DR|GEN|ADM)\.|THE|ADMIRAL|GENERAL|SECRETARY|PRESIDENT|AMBASSADOR|SENATOR|LEADER|SPEAKER|PRIME MINISTER|DEPUTY|SENIOR|MODERATOR|OPERATOR|PARTICIPANT|AIDE|STAFF|AUDIENCE|REPORTER|PROTESTER|PROTESTERS|CROWD|KING|QUEEN|CHANCELLOR|EMIR|SHEIKH|CROWN PRINCE|TAOISEACH|PREMIER|VICE PRESIDENT|ADMINISTRATOR|DIRECTOR|SURGEON GENERAL|ACTING|FOREIGN MINISTER|MINISTER|CHAIRMAN|GOVERNOR|HIS MAJESTY|HER MAJESTY)[\p{Lu}.'’ \u{a0}\-]*?(?:[^\S\n]*#?[^\S\n]*\d+)?)[^\S\n]*:)",
        )
        .expect("valid regex")
    })
}

/// How many lines into the body a lone speaker's label may open a speech.
const SPEECH_LABEL_WITHIN: usize = 12;

/// Splits `text[body]` into turns. Returns an empty vector when the text
/// does not look like a transcript (fewer than two labelled turns, or one
/// label near the top: a speech).
pub fn turns(text: &str, body: TextRange) -> Vec<Turn> {
    let slice = &text[body.range()];
    let mut labels: Vec<(TextRange, usize, bool)> = Vec::new();
    for caps in label_re().captures_iter(slice) {
        let whole = caps.get(0).expect("match");
        let (lab, is_q) = match (caps.get(1), caps.get(2)) {
            (Some(q), _) => (q, true),
            (None, Some(l)) => (l, false),
            _ => continue,
        };
        // A label is all caps: reject "The President:" in running prose.
        if !is_q && lab.as_str().chars().any(|c| c.is_lowercase()) {
            continue;
        }
        // "Q" opens a question only before a capital, quote or dash ("Q  Will ...").
        if is_q
            && !slice[whole.end()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“\"—-(".contains(c))
        {
            continue;
        }
        labels.push((
            TextRange::new(body.start + lab.start(), body.start + lab.end()),
            body.start + whole.end(),
            is_q,
        ));
    }
    // A transcript has two speakers' labels, or three labels with questions;
    // a speech has one label near its top ("THE PRESIDENT:  Hello, folks.")
    // and the speaker holds the floor to the end.
    let speech = labels.len() == 1
        && !labels[0].2
        && text[body.start..labels[0].0.start].lines().count() <= SPEECH_LABEL_WITHIN;
    if !speech && labels.iter().filter(|l| !l.2).count() < 2 && labels.len() < 3 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(labels.len());
    for (i, &(label, content_start, is_question)) in labels.iter().enumerate() {
        let end = labels
            .get(i + 1)
            .map_or(body.end, |next| line_start(text, next.0.start));
        let end = end.max(content_start);
        out.push(Turn {
            label,
            content: TextRange::new(content_start, end),
            is_question,
        });
    }
    out
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_turns() {
        let t = "South Lawn\n\nQ    Will the United States provide F-16s?  \n  \nTHE PRESIDENT:  No.  \n\nMR. KIRBY:  Well, look.\nMore.\n";
        let ts = turns(t, TextRange::new(0, t.len()));
        let labels: Vec<&str> = ts.iter().map(|x| &t[x.label.range()]).collect();
        assert_eq!(labels, ["Q", "THE PRESIDENT", "MR. KIRBY"]);
        assert!(t[ts[0].content.range()].starts_with("Will the United States"));
        assert_eq!(t[ts[1].content.range()].trim(), "No.");
        assert_eq!(t[ts[2].content.range()].trim(), "Well, look.\nMore.");
    }

    /// The speaker labels of `t`'s turns, in order.
    fn labels(t: &str) -> Vec<&str> {
        turns(t, TextRange::new(0, t.len()))
            .iter()
            .map(|x| &t[x.label.range()])
            .collect()
    }

    #[test]
    fn foreign_leaders_labels_open_their_own_turns() {
        let t = "THE PRESIDENT:  Welcome.\n\nKING ABDULLAH II:  Thank you.\n\nCHANCELLOR MERZ:  Yes.\n\nVICE PRESIDENT VANCE:  Good.\n";
        assert_eq!(
            labels(t),
            [
                "THE PRESIDENT",
                "KING ABDULLAH II",
                "CHANCELLOR MERZ",
                "VICE PRESIDENT VANCE"
            ]
        );
        // A capitalised word that opens a prose line is no label.
        let p = "The King: a profile.\nKing Abdullah said no.\nQ is a letter.";
        assert!(turns(p, TextRange::new(0, p.len())).is_empty());
    }

    #[test]
    fn labels_with_letters_beyond_ascii_open_their_own_turns() {
        let t = "PRESIDENT NIINISTÖ:  Thank you.\n\nPRESIDENT ERDOĞAN:  Yes.\n\nPRIME MINISTER ŠIMONYTĖ:  Good.\n\nMR. FERNÁNDEZ HERNÁNDEZ:  Next.\n";
        assert_eq!(
            labels(t),
            [
                "PRESIDENT NIINISTÖ",
                "PRESIDENT ERDOĞAN",
                "PRIME MINISTER ŠIMONYTĖ",
                "MR. FERNÁNDEZ HERNÁNDEZ"
            ]
        );
    }

    #[test]
    fn prose_is_not_a_transcript() {
        let t = "The President: a profile. He said no.\nQ is a letter.";
        assert!(turns(t, TextRange::new(0, t.len())).is_empty());
    }
}
