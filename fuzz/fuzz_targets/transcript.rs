//! Transcript turns (speaker labels, reporters' questions) on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let body = vane_core::TextRange::new(vane_ingest::body_start(&text), text.len());
    for t in vane_read::transcript::turns(&text, body) {
        assert!(text.get(t.label.range()).is_some() && text.get(t.content.range()).is_some());
    }
});
