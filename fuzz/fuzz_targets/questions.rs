//! Questions files in TOML, parsed and compiled, matched against their own text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(qs) = vane_read::questions::parse_toml(src) {
        for q in &qs {
            let c = vane_read::questions::compile(q);
            let lc = q.proposition.to_lowercase();
            let _ = c.object_hits(&lc);
            let _ = c.refers(&lc);
        }
    }
});
