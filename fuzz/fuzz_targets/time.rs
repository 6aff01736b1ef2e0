//! Time expressions against a creation date, and the TimeML reader, on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for dct in [None, vane_ingest::parse_date("2023-01-25")] {
        for t in vane_time::extract(&text, dct) {
            assert!(text.get(t.range.range()).is_some(), "{t:?}");
        }
    }
    let _ = vane_time::timeml::parse(&text);
});
