//! Source resolution on PolNeAR dev: for each gold source span, does a
//! resolved actor mention overlap it?
//!
//! ```text
//! cargo run -p vane-actors --release --example polnear_sources -- \
//!     /work/shared/data/polnear [/tmp/polnear_sources_sample.tsv]
//! ```
//!
//! PolNeAR is internal: the sample (source text, sentence, actor) goes to
//! the given path, which must lie outside the repository.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use vane_actors::{mentions, Kb};
use vane_core::{Date, TextRange};

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "his", "her", "him", "them", "i", "we", "it",
];

struct Gold {
    doc: String,
    /// Byte ranges (a source may be discontinuous).
    ranges: Vec<TextRange>,
    text: String,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("/work/shared/data/polnear");
    let out = args
        .get(2)
        .map(String::as_str)
        .unwrap_or("/tmp/polnear_sources_sample.tsv");
    let root = Path::new(root);
    let dates = read_dates(&root.join("metadata.tsv"));
    let kb = Kb::bundled();

    // One annotation file per document: the first by name.
    let mut anns: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    let Ok(dir) = fs::read_dir(root.join("dev/attributions")) else {
        eprintln!("no dev/attributions under {}", root.display());
        return;
    };
    let mut paths: Vec<_> = dir.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let Some(stem) = p.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let Some((doc, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        anns.entry(doc.to_string()).or_insert(p);
    }

    let (mut all, mut all_ok, mut pro, mut pro_ok) = (0usize, 0usize, 0usize, 0usize);
    let mut any_ok = 0usize;
    let mut resolved_rows: Vec<String> = Vec::new();
    let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (doc, ann) in &anns {
        let Ok(text) = fs::read_to_string(root.join("dev/text").join(format!("{doc}.txt"))) else {
            continue;
        };
        let Ok(ann) = fs::read_to_string(ann) else {
            continue;
        };
        let date = dates.get(doc.as_str()).copied();
        let sentences = vane_text::sentences(&text);
        let res = mentions(&kb, &text, &sentences, date, None);
        let resolved: Vec<_> = res.mentions.iter().filter(|m| m.actor.is_some()).collect();
        for g in read_sources(doc, &text, &ann) {
            all += 1;
            let is_pro = PRONOUNS.contains(&g.text.trim().to_lowercase().as_str());
            if is_pro {
                pro += 1;
            }
            let overlapping: Vec<_> = resolved
                .iter()
                .filter(|m| {
                    g.ranges
                        .iter()
                        .any(|r| m.range.start < r.end && r.start < m.range.end)
                })
                .collect();
            if !overlapping.is_empty() {
                any_ok += 1;
            }
            // The source's head: a mention that is no possessor ("Obama's
            // adviser") and no object of a preposition ("a critic of X").
            let hit = overlapping
                .iter()
                .find(|m| !embedded(&text, &g.ranges, &m.range))
                .copied();
            let kind = if is_pro { "pronoun" } else { "other" };
            let e = by_kind.entry(kind.to_string()).or_default();
            e.0 += 1;
            if let Some(m) = hit {
                e.1 += 1;
                all_ok += 1;
                if is_pro {
                    pro_ok += 1;
                }
                let first = g.ranges[0];
                let sent = sentences
                    .iter()
                    .find(|s| s.start <= first.start && first.start < s.end.max(s.start + 1))
                    .map(|s| text.get(s.start..s.end).unwrap_or(""))
                    .unwrap_or("");
                let actor = m.actor.as_ref().map(|a| a.0.as_str()).unwrap_or("");
                let name = m
                    .actor
                    .as_ref()
                    .and_then(|a| kb.get(a))
                    .map(|a| a.name.as_str())
                    .unwrap_or(if m.provisional { "(provisional)" } else { "" });
                let mtext = text.get(m.range.start..m.range.end).unwrap_or("");
                resolved_rows.push(format!(
                    "{}\t{}\t{}\t{:?}\t{}\t{}\t{}\t{}",
                    g.doc,
                    date.map(|d| d.to_string()).unwrap_or_default(),
                    clean(&g.text),
                    m.kind,
                    clean(mtext),
                    actor,
                    name,
                    clean(sent)
                ));
            }
        }
    }
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!("documents\t{}", anns.len());
    println!(
        "sources resolved\t{all_ok}/{all}\t{:.3}",
        share(all_ok, all)
    );
    println!(
        "sources overlapped by any resolved mention (lenient)\t{any_ok}/{all}\t{:.3}",
        share(any_ok, all)
    );
    println!(
        "pronoun sources resolved\t{pro_ok}/{pro}\t{:.3}",
        share(pro_ok, pro)
    );
    // A deterministic sample of 50: every k-th resolved source.
    let k = (resolved_rows.len() / 50).max(1);
    let sample: Vec<&String> = resolved_rows.iter().step_by(k).take(50).collect();
    let mut tsv = String::from("doc\tdate\tsource\tkind\tmention\tactor\tname\tsentence\n");
    for r in &sample {
        tsv.push_str(r);
        tsv.push('\n');
    }
    // Every resolved source too, for before/after comparisons.
    let all_path = format!("{out}.all");
    if let Err(e) = fs::write(&all_path, resolved_rows.join("\n")) {
        eprintln!("cannot write {all_path}: {e}");
    }
    match fs::write(out, tsv) {
        Ok(()) => println!("sample\t{} rows (every {k}th)\t{out}", sample.len()),
        Err(e) => eprintln!("cannot write {out}: {e}"),
    }
}

/// True when the mention only modifies the source: a possessor or a
/// modifier followed by more words ("Obama's adviser", "his advisers", "the
/// Trump campaign"), or the object of a preposition or relative clause
/// inside the span.
fn embedded(text: &str, spans: &[TextRange], m: &TextRange) -> bool {
    let Some(span) = spans.iter().find(|r| m.start < r.end && r.start < m.end) else {
        return true;
    };
    let after = text.get(m.end..span.end).unwrap_or("");
    for poss in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(rest) = after.strip_prefix(poss) {
            if rest.trim().chars().any(char::is_alphanumeric) {
                return true;
            }
        }
    }
    // A prenominal modifier: "The Trump campaign", "his advisers".
    if after.trim_start().starts_with(char::is_alphanumeric) {
        return true;
    }
    if m.start <= span.start {
        return false;
    }
    let before = text.get(span.start..m.start).unwrap_or("").to_lowercase();
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    const LINKS: &[&str] = &[
        "of", "for", "under", "to", "with", "by", "against", "at", "in", "on", "from", "who",
        "than", "about", "and", "or",
    ];
    // A preposition or clause anywhere before the mention inside the span
    // (conjunctions: "Trump and Clinton" keeps the first conjunct; an
    // appositive head after a comma stays the head).
    words.iter().any(|w| LINKS.contains(w))
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_dates(path: &Path) -> HashMap<String, Date> {
    let mut out = HashMap::new();
    let Ok(s) = fs::read_to_string(path) else {
        return out;
    };
    let mut lines = s.lines();
    let Some(head) = lines.next() else {
        return out;
    };
    let cols: Vec<&str> = head.split('\t').collect();
    let (Some(fi), Some(di)) = (
        cols.iter().position(|c| *c == "filename"),
        cols.iter().position(|c| *c == "publication_date"),
    ) else {
        return out;
    };
    for l in lines {
        let f: Vec<&str> = l.split('\t').collect();
        if let (Some(name), Some(d)) = (f.get(fi), f.get(di)) {
            if let Ok(d) = Date::parse_from_str(d, "%Y-%m-%d") {
                out.insert(name.to_string(), d);
            }
        }
    }
    out
}

/// `T10\tSource 718 755;760 770\ttext`: BRAT offsets count characters;
/// they are mapped to byte offsets.
fn read_sources(doc: &str, text: &str, ann: &str) -> Vec<Gold> {
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut out = Vec::new();
    for l in ann.lines() {
        let mut f = l.split('\t');
        let (Some(id), Some(spec)) = (f.next(), f.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some(rest) = spec.strip_prefix("Source ") else {
            continue;
        };
        let mut ranges = Vec::new();
        for part in rest.split(';') {
            let mut n = part.split_whitespace().map(|x| x.parse::<usize>().ok());
            if let (Some(Some(a)), Some(Some(b))) = (n.next(), n.next()) {
                if let (Some(&a), Some(&b)) = (byte_of.get(a), byte_of.get(b)) {
                    if a <= b {
                        ranges.push(TextRange { start: a, end: b });
                    }
                }
            }
        }
        if ranges.is_empty() {
            continue;
        }
        out.push(Gold {
            doc: doc.to_string(),
            text: f.next().unwrap_or("").to_string(),
            ranges,
        });
    }
    out
}
