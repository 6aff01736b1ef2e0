//! Prints the attributions found in stdin, one per line, for eyeballing.
//!
//! Usage: `echo '“Yes,” he said.' | cargo run -p vane-attrib --example show`

use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("read stdin");
    let sents = vane_text::sentences(&text);
    let show = |rs: &[vane_core::TextRange]| {
        rs.iter()
            .map(|r| &text[r.range()])
            .collect::<Vec<_>>()
            .join(" … ")
    };
    for f in vane_attrib::extract(&text, &sents) {
        println!(
            "{:?}\tS[{}]\tC[{}]\tT[{}]",
            f.kind,
            show(&f.source),
            show(&f.cue),
            show(&f.content)
        );
    }
}
