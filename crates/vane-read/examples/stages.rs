//! Times each stage of the pipeline over files given on the command line.
use std::time::Instant;
fn main() {
    let kb = vane_actors::Kb::bundled();
    let mut texts = Vec::new();
    for p in std::env::args().skip(1) {
        texts.push(std::fs::read_to_string(p).unwrap());
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mb = bytes as f64 / 1e6;
    let d = vane_ingest::parse_date("2023-01-25");
    let t = Instant::now();
    for x in &texts {
        std::hint::black_box(vane_text::sentences(x));
    }
    println!("sentences  {:.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for x in &texts {
        std::hint::black_box(vane_time::extract(x, d));
    }
    println!("time       {:.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for x in &texts {
        let s = vane_text::sentences(x);
        std::hint::black_box(vane_actors::mentions(&kb, x, &s, d, None));
    }
    println!("mentions   {:.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for x in &texts {
        let s = vane_text::sentences(x);
        std::hint::black_box(vane_attrib::extract(x, &s));
    }
    println!("attrib     {:.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for x in &texts {
        let doc = vane_core::Document {
            id: vane_ingest::doc_id(x),
            name: "x".into(),
            title: None,
            published: d,
            source: None,
            url: None,
            text: x.clone(),
        };
        std::hint::black_box(vane_read::read(&doc, &kb));
    }
    println!("read (all) {:.1} MB/s", mb / t.elapsed().as_secs_f64());
}
