//! The rules' relevance and stance on the labelled corpus's judged pairs,
//! one sentence at a time, by folds: a quick check of a change to the
//! lexicon or the question compiler before the whole corpus is read.
//!
//! `cargo run --release -p vane-read --example pair_rules [data/labelled]`
//!
//! For each judged (question, sentence) pair it asks whether the question's
//! terms are referred to (`Compiled::refers`) and which way the cues point
//! (`stance::score`), and scores both against the label, for the tuning
//! folds (0-2) and the held-out folds (3-4) side by side.

use std::collections::HashMap;
use std::io::Write as _;
use vane_read::questions::{compile, parse_toml};
use vane_read::stance;

#[derive(Default)]
struct Tally {
    gold_rel: usize,
    pred_rel: usize,
    both_rel: usize,
    gold_lab: usize,
    pred_lab: usize,
    right_lab: usize,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/labelled".into());
    let dir = std::path::Path::new(&dir);
    let qs = parse_toml(&std::fs::read_to_string(dir.join("questions.toml"))?)?;
    let compiled: HashMap<String, _> = qs.iter().map(|q| (q.id.clone(), compile(q))).collect();
    let folds: HashMap<String, u32> = std::fs::read_to_string(dir.join("folds.csv"))?
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .map(|(q, f)| (q.to_string(), f.trim().parse().unwrap_or(0)))
        .collect();
    let labels: HashMap<String, String> = std::fs::read_to_string(dir.join("pairs.csv"))?
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            Some((f.first()?.to_string(), f.get(6)?.to_string()))
        })
        .collect();
    let mut tallies: HashMap<&str, Tally> = HashMap::new();
    let mut misses: Vec<String> = Vec::new();
    // `PAIR_RULES=FILE`: each pair's relevance and label by the rules (TSV).
    let mut per_pair = std::env::var("PAIR_RULES")
        .ok()
        .map(std::fs::File::create)
        .transpose()?
        .map(std::io::BufWriter::new);
    let mut no_cue: std::collections::BTreeMap<String, usize> = Default::default();
    let cands = std::fs::read_to_string(dir.join("tools/candidates.jsonl"))?;
    for line in cands.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let cid = v["cid"].as_str().unwrap_or_default();
        let qid = v["question"].as_str().unwrap_or_default();
        let (Some(label), Some(q)) = (labels.get(cid), compiled.get(qid)) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or_default().to_lowercase();
        let subset = if folds.get(qid).copied().unwrap_or(0) >= 3 {
            "held-out folds (3-4)"
        } else {
            "tuning folds (0-2)"
        };
        // As the reading decides (vane_read's relevance, roughly): the
        // sentence names the question's terms and its target; or answers a
        // reporter's question that does; or, in prose, refers back to a
        // previous sentence that does.
        let lc = |k: &str| v[k].as_str().unwrap_or_default().to_lowercase();
        let (before, asked) = (lc("previous"), lc("question_before"));
        let named = |t: &str| q.object_hits(t) >= q.needed() && q.target_hit(t);
        let rel = named(&text)
            || (!asked.is_empty() && named(&asked))
            || (named(&before) && q.refers(&text));
        let found = if rel { stance::score(q, &text) } else { None };
        let pred = found.map(|f| match f.stance {
            vane_core::Stance::Support => "support",
            vane_core::Stance::Oppose => "oppose",
            _ => "neutral",
        });
        let gold_rel = label != "none";
        if let Some(w) = per_pair.as_mut() {
            let _ = writeln!(w, "{cid}\t{}\t{}", u8::from(rel), pred.unwrap_or("-"));
        }
        for key in [subset, "all"] {
            let t = tallies.entry(key).or_default();
            t.gold_rel += usize::from(gold_rel);
            t.pred_rel += usize::from(rel);
            t.both_rel += usize::from(gold_rel && rel);
            t.gold_lab += usize::from(gold_rel);
            t.pred_lab += usize::from(pred.is_some());
            t.right_lab += usize::from(pred == Some(label.as_str()));
        }
        if rel && pred.is_none() {
            // Relevant by the rules but no cue read: what the annotators said.
            let key = if subset.starts_with("tuning") {
                "tuning"
            } else {
                "held-out"
            };
            *no_cue.entry(format!("{key} {label}")).or_default() += 1;
        }
        if !gold_rel && pred.is_some() && subset.starts_with("tuning") {
            misses.push(format!(
                "false\t{}\t{qid}\t{}",
                pred.unwrap_or_default(),
                text.replace('\n', " ")
            ));
        }
        if gold_rel && subset.starts_with("tuning") && pred != Some(label.as_str()) {
            let why = if !rel {
                if q.object_hits(&text) < q.needed() {
                    "not-relevant:objects"
                } else {
                    "not-relevant:target"
                }
            } else if pred.is_none() {
                "no-cue"
            } else {
                "wrong-way"
            };
            misses.push(format!(
                "{why}\t{label}\t{qid}\t{}/{}\t{}",
                q.object_hits(&text),
                q.needed(),
                text.replace('\n', " ")
            ));
        }
    }
    let f1 = |p: f64, r: f64| {
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let div = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    println!("| subset | relevant | rel. recall | rel. precision | labelled | label recall | label precision | label F1 |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let mut keys: Vec<_> = tallies.keys().copied().collect();
    keys.sort();
    for k in keys {
        let t = &tallies[k];
        let (lr, lp) = (div(t.right_lab, t.gold_lab), div(t.right_lab, t.pred_lab));
        println!(
            "| {k} | {} | {:.3} | {:.3} | {} | {lr:.3} | {lp:.3} | {:.3} |",
            t.gold_rel,
            div(t.both_rel, t.gold_rel),
            div(t.both_rel, t.pred_rel),
            t.pred_lab,
            f1(lp, lr)
        );
    }
    println!("\nRelevant by the rules, no cue read, by the annotators' label: {no_cue:?}");
    if let Ok(path) = std::env::var("PAIR_MISSES") {
        std::fs::write(path, misses.join("\n"))?;
    }
    Ok(())
}
