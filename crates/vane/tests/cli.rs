//! End-to-end tests of the `vane` binary on the bundled examples.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn vane(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vane"))
        .args(args)
        .output()
        .expect("vane runs")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vane-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "status {:?}\nstderr: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn seed_db(dir: &Path) -> String {
    let db = dir.join("seed.db");
    let db = db.to_str().unwrap().to_string();
    let seed = root().join("examples/seed");
    ok(&vane(&[
        "questions",
        "load",
        "--db",
        &db,
        seed.join("questions.toml").to_str().unwrap(),
    ]));
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

/// Positions as readable rows: question, actor, stance, kind, dates, evidence text.
fn rows(jsonl: &str) -> String {
    let mut out = String::new();
    for l in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        out.push_str(&format!(
            "{} | {} ({}) | {} | {} | {}..{} ({}) | {}\n",
            v["question"].as_str().unwrap(),
            v["actor"].as_str().unwrap(),
            v["government"].as_str().unwrap(),
            v["stance"].as_str().unwrap(),
            v["kind"].as_str().unwrap(),
            v["valid_from"].as_str().unwrap(),
            v["valid_to"].as_str().unwrap(),
            v["date_basis"].as_str().unwrap(),
            v["text"].as_str().unwrap(),
        ));
    }
    out
}

#[test]
fn seed_positions() {
    let dir = tmp("positions");
    let db = seed_db(&dir);
    let positions = ok(&vane(&["export", "positions", "--db", &db]));
    // Offsets are code points into the file: slicing the file by them gives the text.
    let file = std::fs::read_to_string(root().join("examples/seed/rubio-lavrov-kuala-lumpur.txt"))
        .unwrap();
    let chars: Vec<char> = file.chars().collect();
    for l in positions.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice, v["text"].as_str().unwrap());
    }
    insta::assert_snapshot!("seed_positions", rows(&positions));
    let lines = ok(&vane(&["export", "lines", "--db", &db]));
    insta::assert_snapshot!("seed_lines", lines);
}

#[test]
fn seed_brief() {
    let dir = tmp("brief");
    let db = seed_db(&dir);
    let brief = |format: &str| {
        ok(&vane(&[
            "brief",
            "--db",
            &db,
            "--question",
            "us-arms-to-ukraine",
            "--side",
            "USA",
            "--counterpart",
            "RUS",
            "--as-of",
            "2025-07-10",
            "--format",
            format,
        ]))
    };
    insta::assert_snapshot!("seed_brief_md", brief("md"));
    let v: serde_json::Value = serde_json::from_str(&brief("json")).unwrap();
    assert_eq!(v["current"]["stance"], "support");
    assert_eq!(v["current"]["qualifier"], "at least some defensive weapons");
    assert_eq!(v["counterpart_line"]["stance"], "oppose");
    assert_eq!(v["coordination_gaps"].as_array().unwrap().len(), 1);
    assert!(brief("html").starts_with("<!doctype html>"));
}

#[test]
fn ingesting_twice_stores_once() {
    let dir = tmp("twice");
    let db = seed_db(&dir);
    let before = ok(&vane(&["stats", "--db", &db]));
    let seed = root().join("examples/seed/rubio-lavrov-kuala-lumpur.txt");
    let o = vane(&[
        "ingest",
        "--db",
        &db,
        "--published",
        "2025-07-10",
        seed.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("duplicate 1"));
    assert_eq!(ok(&vane(&["stats", "--db", &db])), before);
}

#[test]
fn bad_input_is_named_and_the_batch_goes_on() {
    let dir = tmp("bad");
    let db = seed_db(&dir);
    let before = ok(&vane(&["export", "positions", "--db", &db]));
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(
        inputs.join("good.txt"),
        "---\npublished: 2023-01-30\n---\nThe weather was fine.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("binary.txt"), b"abc\xff\xfe\x00def").unwrap();
    std::fs::write(inputs.join("empty.txt"), "  \n").unwrap();
    std::fs::write(inputs.join("undated.txt"), "Some words.").unwrap();
    std::fs::write(
        inputs.join("impossible.txt"),
        "---\ndate: 2023-02-30\n---\nText.",
    )
    .unwrap();
    let missing = dir.join("missing.txt");
    let o = vane(&[
        "ingest",
        "--db",
        &db,
        inputs.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for needle in [
        "binary.txt: not valid UTF-8",
        "empty.txt: empty document",
        "undated.txt: no publication date",
        "impossible.txt: impossible date",
        "missing.txt: cannot read",
        "stored 1,",
    ] {
        assert!(err.contains(needle), "{needle:?} not in:\n{err}");
    }
    // What was stored before is unchanged.
    assert_eq!(ok(&vane(&["export", "positions", "--db", &db])), before);
}

#[test]
fn ingests_html_feeds_and_jsonl() {
    let dir = tmp("formats");
    let db = dir.join("f.db");
    let data = root().join("crates/vane-formats/tests/data");
    let o = vane(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        "--allow-undated",
        data.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    // export.jsonl carries deliberately broken lines: each is named, the rest is stored.
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("export.jsonl:2: bad JSON"), "{err}");
    assert!(
        err.contains("syndicated.html: near-duplicate of article.html"),
        "{err}"
    );
    let stats = ok(&vane(&["stats", "--db", db.to_str().unwrap()]));
    let docs: usize = stats
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!(docs >= 8, "{stats}");
}
