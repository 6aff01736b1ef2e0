//! JSONL exports with the default field map on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn opts() -> vane_formats::Options {
    vane_ingest::Options {
        published: vane_ingest::parse_date("2023-01-25"),
        undated: vane_ingest::UndatedPolicy::Keep,
    }
    .into()
}

fuzz_target!(|data: &[u8]| {
    let _ = vane_formats::jsonl("export.jsonl", data, &vane_formats::FieldMap::default(), &opts());
});
