//! Makes `data/leader-surnames.tsv`: for each surname a government's leader
//! goes by (`Kb::leader_names`), in how many documents of a corpus it is
//! written with a capital, and in how many of those the leader's country is
//! named too. A surname that mostly comes without its country names
//! somebody else ("Johnson", "Henry"); the question compiler lets the
//! others stand for their country.
//!
//! `cargo run --release -p vane-read --example leader_surnames ../shared/data/whitehouse-corpus > crates/vane-read/data/leader-surnames.tsv`
use std::collections::BTreeMap;
use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "md" || x == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// Whether `word` occurs in `text` as a whole word (`text` as given).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: leader_surnames <corpus dir>")?;
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files)?;
    files.sort();
    let kb = vane_actors::Kb::shared();
    let places = kb.places();
    // (surname as written with a capital, government, the country's forms)
    let mut rows: Vec<(String, String, String, Vec<String>)> = Vec::new();
    for (gov, _, surnames) in kb.leader_names() {
        let forms = places
            .iter()
            .find(|(g, _)| *g == gov)
            .map(|(_, f)| f.clone())
            .unwrap_or_default();
        for s in surnames {
            let written: String = s
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            rows.push((s, written, gov.0.clone(), forms.clone()));
        }
    }
    let mut counts: BTreeMap<(String, String), (u32, u32)> = BTreeMap::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let lower = text.to_lowercase();
        for (s, written, gov, forms) in &rows {
            if !has_word(&text, written) {
                continue;
            }
            let e = counts.entry((s.clone(), gov.clone())).or_default();
            e.0 += 1;
            if forms.iter().any(|p| has_word(&lower, p)) {
                e.1 += 1;
            }
        }
    }
    println!("# surname\tgovernment\tdocuments\twith its country: made by examples/leader_surnames.rs from {} documents", files.len());
    for ((s, gov), (n, with)) in counts {
        println!("{s}\t{gov}\t{n}\t{with}");
    }
    Ok(())
}
