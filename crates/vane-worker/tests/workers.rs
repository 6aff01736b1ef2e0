//! Three workers on 2,000 documents, one of them killed (SIGKILL) in the
//! middle of a claim: every document must end in the ledger read exactly
//! once (one reading per question), and every queue item done.
//!
//! The workers are this test binary run again (`worker_child`), so the
//! test needs no `vane` built with the `postgres` feature. Needs
//! VANE_TEST_POSTGRES_URL (`eval "$(scripts/postgres.sh)"`); without it
//! the test passes with a note that it was skipped.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use vane_core::RecordedTime;
use vane_engine::{Engine, IngestOptions};
use vane_ledger::{LinkKind, Store};
use vane_postgres::PgStore;

const DOCS: usize = 2000;
const WORKERS: usize = 3;
const LEASE: Duration = Duration::from_secs(4);
const CHILD: &str = "VANE_WORKER_CHILD_SCHEMA";

fn url() -> Option<String> {
    std::env::var("VANE_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// The worker process: runs only when the parent test starts this binary
/// with the schema to work on.
#[test]
fn worker_child() {
    let (Some(url), Ok(schema)) = (url(), std::env::var(CHILD)) else {
        return;
    };
    let name = std::env::var("VANE_WORKER_NAME").unwrap_or_else(|_| "w".into());
    let store = PgStore::connect_in(&url, &schema).expect("engine connection");
    let mut queue = PgStore::connect_in(&url, &schema).expect("queue connection");
    let mut engine =
        Engine::open(Box::new(store), vane_engine::Options::default()).expect("engine");
    let opts = vane_worker::Options {
        name,
        batch: 8,
        lease: LEASE,
        poll: Duration::from_millis(200),
        exit_when_done: true,
        ingest: IngestOptions::at(RecordedTime { at: 0 }),
    };
    let stop = AtomicBool::new(false);
    let totals = vane_worker::run(&mut engine, &mut queue, &opts, &stop, &mut |e| {
        // One line per event, for the parent to watch.
        println!("event: {e:?}");
    })
    .expect("worker");
    println!("totals: {totals:?}");
}

/// Sentences of the real documents under `data/labelled/docs`.
fn sentences(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for s in text.split_inclusive(". ") {
            let s = s.trim();
            if (60..300).contains(&s.len()) && !s.contains("---") && !s.contains('\n') {
                out.push(s.to_string());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `n` documents of four sentences each, dated, drawn by a fixed-seed
/// generator from `pool`; every fourth ends with `quote` (a paragraph of
/// the seed article in which the President takes a position).
fn documents(pool: &[String], quote: &str, n: usize) -> Vec<(String, Vec<u8>)> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|i| {
            let mut body = String::new();
            for _ in 0..4 {
                body.push_str(&pool[(next() % pool.len() as u64) as usize]);
                body.push(' ');
            }
            if i % 4 == 0 {
                body.push_str("\n\n");
                body.push_str(quote);
            }
            let text = format!(
                "---\ntitle: Item {i}\npublished: 2025-07-{:02}\n---\n{body}\n",
                1 + i % 28
            );
            (format!("gen/{i:04}.md"), text.into_bytes())
        })
        .collect()
}

#[test]
fn three_workers_one_killed_every_document_once() {
    let Some(url) = url() else {
        eprintln!("three_workers_one_killed_every_document_once: skipped (VANE_TEST_POSTGRES_URL is not set; see scripts/postgres.sh)");
        return;
    };
    if std::env::var(CHILD).is_ok() {
        return;
    }
    let started = Instant::now();
    let root = Path::new(
        &std::env::var_os("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("../..");
    let schema = format!("t_workers_{}", std::process::id());
    let mut setup = PgStore::connect_in(&url, &schema).expect("connect");
    // The questions of the seed case, loaded before any document.
    let qs_src =
        std::fs::read_to_string(root.join("examples/seed/questions.toml")).expect("questions");
    let qs = vane_read::questions::parse_toml(&qs_src).expect("parse questions");
    // Recorded before any claim (the claims' recorded time is the server's clock).
    setup
        .put_questions(&qs, RecordedTime { at: 0 })
        .expect("put questions");
    let pool = sentences(&root.join("data/labelled/docs"));
    assert!(pool.len() > 1000, "sentence pool: {}", pool.len());
    let seed = std::fs::read_to_string(root.join("examples/seed/rubio-lavrov-kuala-lumpur.txt"))
        .expect("seed article");
    let quote = seed
        .lines()
        .find(|l| l.contains("approved that"))
        .expect("the seed article's quote");
    let docs = documents(&pool, quote, DOCS);
    assert_eq!(setup.enqueue(&docs).expect("enqueue"), DOCS);

    let exe = std::env::current_exe().expect("test binary");
    let spawn = |i: usize| {
        Command::new(&exe)
            .args(["--exact", "worker_child", "--nocapture", "--test-threads=1"])
            .env(CHILD, &schema)
            .env("VANE_WORKER_NAME", format!("w{i}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn worker")
    };
    let mut children: Vec<_> = (0..WORKERS).map(spawn).collect();
    // Kill worker 0 (SIGKILL) right after its third claim: it holds a claim
    // it has not committed.
    let out = children[0].stdout.take().expect("stdout");
    let mut claims = 0;
    for line in BufReader::new(out).lines() {
        let line = line.expect("line");
        if line.contains("Claimed") {
            claims += 1;
            if claims == 3 {
                break;
            }
        }
    }
    assert_eq!(claims, 3, "worker 0 ended before its third claim");
    children[0].kill().expect("SIGKILL");
    children[0].wait().expect("reap");
    let killed_at = setup.queue_counts().expect("counts");
    eprintln!("killed w0 at {killed_at:?}, {:?}", started.elapsed());
    let mut outputs = Vec::new();
    for c in children.drain(1..) {
        let out = c.wait_with_output().expect("worker");
        assert!(out.status.success(), "a worker failed");
        outputs.push(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    for o in &outputs {
        eprintln!("{}", o.lines().last().unwrap_or(""));
    }

    // Every item done; some of them claimed twice (the killed worker's).
    let counts = setup.queue_counts().expect("counts");
    assert_eq!((counts.pending(), counts.done), (0, DOCS), "{counts:?}");
    let reclaimed = setup.reclaimed().expect("reclaimed");
    assert!(reclaimed > 0, "the killed worker's claim was taken over");
    // Every document stored once, and read once per question (a
    // near-duplicate copy is stored and linked, never read).
    let stats = setup.stats().expect("stats");
    assert_eq!(stats.documents, DOCS);
    let copies: std::collections::HashSet<_> = setup
        .links()
        .expect("links")
        .into_iter()
        .filter(|l| l.kind == LinkKind::NearDuplicateOf)
        .map(|l| l.from)
        .collect();
    let mut per_doc: HashMap<_, HashMap<String, usize>> = HashMap::new();
    for r in setup.readings().expect("readings") {
        *per_doc
            .entry(r.document)
            .or_default()
            .entry(r.question)
            .or_default() += 1;
    }
    for id in setup.document_ids().expect("ids") {
        let rs = per_doc.remove(&id).unwrap_or_default();
        if copies.contains(&id) {
            assert!(rs.is_empty(), "{id}: a near-duplicate copy was read");
            continue;
        }
        assert_eq!(rs.len(), qs.len(), "{id}: readings {rs:?}");
        assert!(
            rs.values().all(|n| *n == 1),
            "{id}: read more than once: {rs:?}"
        );
    }
    assert!(per_doc.is_empty());
    assert!(
        copies.len() < DOCS / 20,
        "near-duplicates: {}",
        copies.len()
    );
    assert!(
        stats.positions > 0,
        "the reading found positions: {stats:?}"
    );
    eprintln!(
        "{DOCS} documents, {WORKERS} workers (one killed), {reclaimed} items claimed again, \
         {} near-duplicate copies, {} positions, in {:?}",
        copies.len(),
        stats.positions,
        started.elapsed()
    );
    setup.drop_schema().expect("drop schema");
}
