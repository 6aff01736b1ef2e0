//! Reproduces the train-derived part of the cue lexicon: prints the
//! lowercase words that end a PolNeAR cue in at least 40% of their
//! occurrences in the train texts, and at least 4 times, with their counts.
//!
//! Usage: `cargo run --release -p vane-attrib --example cue_candidates -- /work/shared/data/polnear/train`
//!
//! `src/lexicon.rs` holds the hand-written lexicon plus these candidates,
//! minus raising verbs and nouns reviewed by hand and minus the forms whose
//! predictions were mostly wrong on train (see the comment there).

use std::collections::HashMap;
use std::path::Path;

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: cue_candidates POLNEAR_SPLIT_DIR");
    let dir = Path::new(&dir);
    let mut occ: HashMap<String, usize> = HashMap::new();
    let mut cue: HashMap<String, usize> = HashMap::new();
    let mut texts = std::fs::read_dir(dir.join("text"))
        .expect("text dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect::<Vec<_>>();
    texts.sort();
    for t in texts {
        let Ok(text) = std::fs::read_to_string(&t) else {
            continue;
        };
        for w in words(&text) {
            *occ.entry(w.to_string()).or_default() += 1;
        }
        let chars: Vec<char> = text.chars().collect();
        let stem = t
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        // The first annotation file in name order (the scorer takes the first
        // annotator of metadata.tsv; they differ only for the few documents
        // annotated twice).
        let Ok(rd) = std::fs::read_dir(dir.join("attributions")) else {
            continue;
        };
        let mut anns: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{stem}_")))
            })
            .collect();
        anns.sort();
        let Some(ann) = anns.first() else { continue };
        let Ok(ann) = std::fs::read_to_string(ann) else {
            continue;
        };
        for line in ann.lines() {
            let mut f = line.split('\t');
            let (Some(id), Some(spec)) = (f.next(), f.next()) else {
                continue;
            };
            if !id.starts_with('T') || !spec.starts_with("Cue ") {
                continue;
            }
            // The last piece of the cue, by code-point offsets.
            let Some(last) = spec[4..].split(';').next_back() else {
                continue;
            };
            let mut se = last.split(' ').filter_map(|x| x.parse::<usize>().ok());
            let (Some(s), Some(e)) = (se.next(), se.next()) else {
                continue;
            };
            if s > e || e > chars.len() {
                continue;
            }
            let piece: String = chars[s..e].iter().collect();
            if let Some(w) = words(&piece).last() {
                *cue.entry(w.to_string()).or_default() += 1;
            }
        }
    }
    let mut rows: Vec<(String, usize, usize)> = cue
        .into_iter()
        .filter(|(w, c)| *c >= 4 && w.chars().all(|ch| ch.is_ascii_lowercase()))
        .map(|(w, c)| {
            let o = occ.get(&w).copied().unwrap_or(c);
            (w, c, o)
        })
        .filter(|(_, c, o)| *c * 10 >= *o * 4)
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (w, c, o) in rows {
        println!("{w}\t{c}\t{o}");
    }
}
