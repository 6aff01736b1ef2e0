//! The whole reading pipeline (front matter, sentences, time, mentions,
//! attributions, acts, statements, positions on the White House questions)
//! on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

use std::sync::OnceLock;
use vane_read::questions::{compile, parse_toml, Compiled};

fn kb() -> &'static vane_actors::Kb {
    static KB: OnceLock<vane_actors::Kb> = OnceLock::new();
    KB.get_or_init(vane_actors::Kb::bundled)
}

fn questions() -> &'static [Compiled] {
    static QS: OnceLock<Vec<Compiled>> = OnceLock::new();
    QS.get_or_init(|| {
        parse_toml(include_str!("../../examples/whitehouse/questions.toml"))
            .expect("the White House questions")
            .iter()
            .map(compile)
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let opts = vane_ingest::Options {
        published: vane_ingest::parse_date("2023-01-25"),
        undated: vane_ingest::UndatedPolicy::Keep,
    };
    let Ok(doc) = vane_ingest::parse("doc.txt", data, &opts) else {
        return;
    };
    let reading = vane_read::read(&doc, kb());
    for m in &reading.mentions {
        assert!(doc.text.get(m.range.range()).is_some(), "{m:?}");
    }
    for p in vane_read::positions(&doc, &reading, kb(), questions(), vane_core::RecordedTime { at: 0 }) {
        assert!(doc.text.get(p.evidence.range.range()).is_some());
    }
});
