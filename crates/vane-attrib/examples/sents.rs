//! Prints the sentences of stdin, one per line, for eyeballing.
use std::io::Read;
fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("read stdin");
    for r in vane_text::sentences(&text) {
        println!("{:?}", &text[r.range()]);
    }
}
