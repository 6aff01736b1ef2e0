//! Times each stage of the pipeline on one file, printing seconds and
//! seconds per MB, so that a series of sizes shows whether a stage is linear
//! (`scripts/bench-sizes.sh` runs it over sizes 64 KB to 8 MB).
//!
//! `cargo run --release -p vane-read --example sizes -- FILE [STAGE]`, where
//! STAGE is one of sentences, time, mentions, attrib, read (then positions
//! on the White House questions; default: all).
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: sizes FILE [STAGE]");
    let only = args.next();
    let bytes = std::fs::read(&path).expect("read the file");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mb = text.len() as f64 / 1e6;
    let kb = vane_actors::Kb::bundled();
    let d = vane_ingest::parse_date("2023-01-25");
    let want = |s: &str| only.as_deref().is_none_or(|o| o == s);
    let report = |stage: &str, t: Instant| {
        let s = t.elapsed().as_secs_f64();
        println!(
            "{path}\t{stage}\t{:.3} MB\t{s:.3} s\t{:.3} s/MB",
            mb,
            s / mb.max(1e-9)
        );
    };
    let sentences = vane_text::sentences(&text);
    if want("sentences") {
        let t = Instant::now();
        std::hint::black_box(vane_text::sentences(&text));
        report("sentences", t);
    }
    if want("time") {
        let t = Instant::now();
        std::hint::black_box(vane_time::extract(&text, d));
        report("time", t);
    }
    if want("mentions") {
        let t = Instant::now();
        std::hint::black_box(vane_actors::mentions(&kb, &text, &sentences, d, None));
        report("mentions", t);
    }
    if want("attrib") {
        let t = Instant::now();
        std::hint::black_box(vane_attrib::extract(&text, &sentences));
        report("attrib", t);
    }
    if want("read") {
        let doc = vane_core::Document {
            id: vane_ingest::doc_id(&text),
            name: path.clone(),
            title: None,
            published: d,
            source: None,
            url: None,
            text: text.clone(),
        };
        let t = Instant::now();
        let r = vane_read::read(&doc, &kb);
        report("read", t);
        let qs: Vec<_> = vane_read::questions::parse_toml(include_str!(
            "../../../examples/whitehouse/questions.toml"
        ))
        .expect("the White House questions")
        .iter()
        .map(vane_read::questions::compile)
        .collect();
        let t = Instant::now();
        std::hint::black_box(vane_read::positions(
            &doc,
            &r,
            &kb,
            &qs,
            vane_core::RecordedTime { at: 0 },
        ));
        report("positions", t);
    }
}
