//! Regression floors on real gold: the seed article, the White House
//! development set, and the labelled corpus by held-out folds
//! (`data/labelled`, scored by `scripts/folds.py`). Each floor sits just
//! under what the build reaches (NOTES.md); a regression fails here.
//!
//! The debug binary reads a few hundred documents, so this takes a little
//! while; it needs `python3` (standard library only) for the scorer.

mod common;
use common::root;
use std::path::Path;
use std::process::Command;

fn vane(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_vane"))
        .args(args)
        .output()
        .expect("run vane");
    assert!(
        out.status.success() || args[0] == "ingest",
        "vane {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn export(db: &str, what: &str, to: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_vane"))
        .args(["export", what, "--db", db])
        .output()
        .expect("run vane export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(to, out.stdout).expect("write export");
}

/// Reads `docs` with the questions of `gold` into a fresh ledger and scores
/// the exports against `floors`.
fn check(name: &str, gold: &str, docs: &[&str], published: Option<&str>) {
    let root = root();
    let dir = std::env::temp_dir().join(format!("vane-floors-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("l.db");
    let db = db.to_str().expect("utf-8 path");
    let gold = root.join(gold);
    vane(&[
        "questions",
        "load",
        "--db",
        db,
        gold.join("questions.toml").to_str().unwrap(),
    ]);
    let mut args = vec!["ingest", "--db", db];
    if let Some(p) = published {
        args.extend(["--published", p]);
    }
    let docs: Vec<String> = docs
        .iter()
        .map(|d| root.join(d).to_string_lossy().into_owned())
        .collect();
    args.extend(docs.iter().map(String::as_str));
    vane(&args);
    let (pos, lines) = (dir.join("positions.jsonl"), dir.join("lines.jsonl"));
    export(db, "positions", &pos);
    export(db, "lines", &lines);
    let floors = root.join(format!("crates/vane/tests/floors/{name}.toml"));
    let out = Command::new("python3")
        .arg(root.join("scripts/folds.py"))
        .args(["--gold", gold.to_str().unwrap()])
        .args(["--positions", pos.to_str().unwrap()])
        .args(["--lines", lines.to_str().unwrap()])
        .args(["--floors", floors.to_str().unwrap()])
        .output()
        .expect("python3 is needed to score (scripts/folds.py)");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{name}: under a floor\n{report}");
}

#[test]
fn seed_floors() {
    check(
        "seed",
        "examples/seed",
        &["examples/seed/rubio-lavrov-kuala-lumpur.txt"],
        Some("2025-07-10"),
    );
}

#[test]
fn whitehouse_dev_floors() {
    check(
        "whitehouse",
        "examples/whitehouse",
        &["examples/whitehouse/"],
        None,
    );
}

#[test]
fn labelled_corpus_floors() {
    check("labelled", "data/labelled", &["data/labelled/docs/"], None);
}
