//! Actor packs in TOML on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = vane_actors::Kb::from_toml(src);
    }
});
