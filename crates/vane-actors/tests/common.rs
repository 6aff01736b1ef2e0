use vane_actors::{Kb, Resolved};
use vane_core::{Date, Gov, TextRange};

pub fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn gov(s: &str) -> Gov {
    Gov(s.to_string())
}

/// Sentences split on ". " (the lead's splitter does better).
pub fn sentences(text: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        if (bytes[i] == b'.' && bytes.get(i + 1) == Some(&b' ')) || bytes[i] == b'\n' {
            out.push(TextRange::new(start, i + 1));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(TextRange::new(start, text.len()));
    }
    out
}

pub fn dump(kb: &Kb, text: &str, r: &Resolved) -> String {
    let mut s = String::new();
    for m in &r.mentions {
        let name = m
            .actor
            .as_ref()
            .and_then(|id| kb.get(id).map(|a| a.name.clone()))
            .or_else(|| {
                m.actor.as_ref().and_then(|id| {
                    r.provisional
                        .iter()
                        .find(|a| &a.id == id)
                        .map(|a| format!("{} (provisional)", a.name))
                })
            })
            .unwrap_or_else(|| "?".into());
        s.push_str(&format!(
            "{:?} {:?} -> {}\n",
            &text[m.range.range()],
            m.kind,
            name
        ));
    }
    s
}
