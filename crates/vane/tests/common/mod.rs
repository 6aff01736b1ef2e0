//! Helpers shared by the `vane` binary's integration tests: run the binary,
//! find the repository, make a scratch folder, read the seed case into a
//! fresh ledger.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `vane` binary with `args`.
pub fn vane(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vane"))
        .args(args)
        .output()
        .expect("vane runs")
}

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(
        &std::env::var_os("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("../..")
}

/// An empty scratch folder, named for this process and `name`.
pub fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vane-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The standard output of a run that must succeed.
pub fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "status {:?}\nstderr: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// A fresh ledger under `dir` with the White House development set's
/// questions (examples/whitehouse) loaded and nothing read yet; its path.
pub fn whitehouse_questions_db(dir: &Path) -> String {
    questions_db(dir, "wh.db", "examples/whitehouse")
}

/// A fresh ledger `name` under `dir` with the questions of the example
/// folder `example` loaded; its path.
fn questions_db(dir: &Path, name: &str, example: &str) -> String {
    let db = dir.join(name).to_str().unwrap().to_string();
    let questions = root().join(example).join("questions.toml");
    ok(&vane(&[
        "questions",
        "load",
        "--db",
        &db,
        questions.to_str().unwrap(),
    ]));
    db
}

/// The text of `chars` that the record `v` cites by its `start` and `end`
/// (code points, as positions and recorded candidates count them).
pub fn cited(chars: &[char], v: &serde_json::Value) -> String {
    let (s, e) = (
        v["start"].as_u64().unwrap() as usize,
        v["end"].as_u64().unwrap() as usize,
    );
    chars[s..e].iter().collect()
}

/// The seed article (examples/seed, published 2025-07-10) and its questions
/// in a fresh ledger under `dir`, by file as the README shows; its path.
pub fn seed_db(dir: &Path) -> String {
    let db = questions_db(dir, "seed.db", "examples/seed");
    let seed = root().join("examples/seed");
    ok(&vane(&[
        "ingest",
        "--db",
        &db,
        "--published",
        "2025-07-10",
        seed.join("rubio-lavrov-kuala-lumpur.txt").to_str().unwrap(),
    ]));
    db
}
