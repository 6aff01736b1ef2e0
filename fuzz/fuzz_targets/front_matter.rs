//! Front matter, dates and the content hash: `vane_ingest::parse` on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = vane_ingest::Options {
        published: None,
        undated: vane_ingest::UndatedPolicy::Keep,
    };
    if let Ok(doc) = vane_ingest::parse("doc.md", data, &opts) {
        let start = vane_ingest::body_start(&doc.text);
        assert!(doc.text.is_char_boundary(start));
        let _ = vane_ingest::front_matter(&doc.text);
    }
});
