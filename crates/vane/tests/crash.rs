//! Never lose a fact, never hang: `vane` killed at random points, and run
//! concurrently, against a real corpus (a slice of the White House
//! development set).
//!
//! * `killed_ingests_resume_to_the_clean_ledger`: `vane ingest` is
//!   SIGKILLed at seeded random points (100 times; `VANE_CRASH_KILLS=1000`
//!   for a longer run, `VANE_CRASH_SEED` to vary the points), in cycles
//!   of ten kills on one ledger, each cycle then run to completion. After
//!   every kill the file passes `PRAGMA integrity_check` and holds each
//!   document, each reading and each link at most once; after each cycle
//!   its exported positions equal a clean, uninterrupted run's.
//! * `killed_question_loads_are_all_or_nothing`: `vane questions load`
//!   killed at random points leaves each question either absent or read
//!   over every document.
//! * `concurrent_ingests_and_readers`: two ingests of one corpus into one
//!   file at once, with `export` and `line` reading meanwhile: no
//!   "database is locked", nothing read twice, the clean run's positions.

mod common;
use common::root;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vane-crash-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn vane() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vane"))
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

/// A small xorshift generator: seeded, no dependency.
struct Rng(u64);

impl Rng {
    fn seeded() -> Rng {
        let seed = std::env::var("VANE_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed_cafe_u64);
        eprintln!("crash seed {seed} (VANE_CRASH_SEED)");
        Rng(seed.max(1))
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The corpus: the first documents of each White House question folder,
/// copied into `dir/corpus`, and the questions file.
fn corpus(dir: &Path, per_folder: usize) -> (PathBuf, PathBuf) {
    let out = dir.join("corpus");
    std::fs::create_dir_all(&out).unwrap();
    let wh = root().join("examples/whitehouse");
    for folder in ["Q1_abrams", "Q2_f16", "Q3_cluster"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(wh.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        // Shortest first: the debug binary reads them quickly.
        files.sort_by_key(|p| std::fs::metadata(p).unwrap().len());
        for f in files.into_iter().take(per_folder) {
            std::fs::copy(&f, out.join(f.file_name().unwrap())).unwrap();
        }
    }
    (out, wh.join("questions.toml"))
}

fn load_questions(db: &Path, questions: &Path) -> Output {
    vane()
        .args(["questions", "load", "--db"])
        .arg(db)
        .arg(questions)
        .output()
        .unwrap()
}

fn ingest_cmd(db: &Path, corpus: &Path) -> Command {
    let mut c = vane();
    c.args(["ingest", "--db"])
        .arg(db)
        .arg(corpus)
        // One document per commit: many commits for a kill to fall between.
        .env("VANE_INGEST_BATCH", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// The exported positions without their recorded times, sorted: what a
/// ledger says, whenever it was written.
fn positions(db: &Path) -> Vec<String> {
    let out = ok(&vane()
        .args(["export", "positions", "--db"])
        .arg(db)
        .output()
        .unwrap());
    let mut rows: Vec<String> = out
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            let o = v.as_object_mut().unwrap();
            o.retain(|k, _| !k.contains("recorded"));
            v.to_string()
        })
        .collect();
    rows.sort();
    rows
}

/// What a ledger holds, read directly, without reading ids and recorded
/// times: documents, links, and the current readings' positions, sorted.
fn ledger_rows(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT 'doc ' || id || ' ' || name FROM documents",
        "SELECT 'link ' || from_doc || ' ' || to_doc || ' ' || kind || ' ' || similarity \
         FROM document_links",
        "SELECT 'reading ' || document || ' ' || question FROM readings",
        "SELECT 'position ' || p.doc || ' ' || p.question || ' ' || p.ordinal || ' ' || \
         p.actor || ' ' || p.stance || ' ' || p.confidence || ' ' || p.valid_from || ' ' || \
         p.valid_to || ' ' || p.ev_start || ' ' || p.ev_end FROM positions p",
    ] {
        let mut st = conn.prepare(sql).unwrap();
        let rows = st.query_map([], |r| r.get::<_, String>(0)).unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out.sort();
    out
}

/// The invariants that hold after any kill: SQLite's integrity check, and
/// nothing stored twice. Returns (documents, readings).
fn check_invariants(db: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.busy_timeout(Duration::from_secs(60)).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count(
            "SELECT count(*) FROM (SELECT document, question FROM readings \
             GROUP BY document, question HAVING count(*) > 1)"
        ),
        0,
        "a document read twice for a question"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM (SELECT from_doc, to_doc, kind FROM document_links \
             GROUP BY from_doc, to_doc, kind HAVING count(*) > 1)"
        ),
        0,
        "a link stored twice"
    );
    assert_eq!(
        count("SELECT count(*) FROM document_links WHERE from_doc = to_doc"),
        0,
        "a self-link"
    );
    // Every stored document that is not a near-duplicate copy was read for
    // every question (the batch that stored it carried its readings).
    let questions = count("SELECT count(DISTINCT id) FROM questions");
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_links \
             WHERE from_doc = d.id AND kind = 'near-duplicate-of') AND \
             (SELECT count(*) FROM readings WHERE document = d.id) != {questions}"
        )),
        0,
        "a stored document without its readings"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM positions p WHERE NOT EXISTS \
             (SELECT 1 FROM readings r WHERE r.id = p.reading AND r.document = p.doc)"
        ),
        0,
        "a position without its reading"
    );
    (
        count("SELECT count(*) FROM documents"),
        count("SELECT count(*) FROM readings"),
    )
}

/// Runs `cmd` and kills it (SIGKILL) after `delay`; whether it finished first.
fn run_and_kill(mut cmd: Command, delay: Duration) -> bool {
    let mut child: Child = cmd.spawn().unwrap();
    let until = Instant::now() + delay;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            assert!(!err.contains("locked"), "{err}");
            return status.success();
        }
        if Instant::now() >= until {
            child.kill().unwrap();
            child.wait().unwrap();
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn clean_run(dir: &Path, corpus: &Path, questions: &Path) -> (PathBuf, Duration, Vec<String>) {
    let db = dir.join("clean.db");
    ok(&load_questions(&db, questions));
    let started = Instant::now();
    ok(&ingest_cmd(&db, corpus).output().unwrap());
    let took = started.elapsed();
    let rows = positions(&db);
    assert!(!rows.is_empty(), "the corpus yields positions");
    (db, took, rows)
}

#[test]
fn killed_ingests_resume_to_the_clean_ledger() {
    let started = Instant::now();
    let dir = tmp("ingest");
    let (corpus, questions) = corpus(&dir, 2);
    let (_, took, clean) = clean_run(&dir, &corpus, &questions);
    let (docs, readings) = check_invariants(&dir.join("clean.db"));
    eprintln!(
        "clean ingest: {took:?}, {docs} documents, {readings} readings, {} positions",
        clean.len()
    );
    let kills: usize = std::env::var("VANE_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let clean_rows = ledger_rows(&dir.join("clean.db"));
    let mut rng = Rng::seeded();
    // A ledger with the questions loaded and nothing else: each cycle
    // starts from a copy of it.
    let fresh = dir.join("fresh.db");
    ok(&load_questions(&fresh, &questions));
    // Kill points spread over a run: process start, opening the ledger,
    // reading, between and inside commits.
    let span = (took.as_millis() as u64).max(20);
    let (mut killed, mut cycle) = (0, 0);
    while killed < kills {
        let db = dir.join(format!("cycle-{cycle}.db"));
        std::fs::copy(&fresh, &db).unwrap();
        // Kill until a run gets to the end (or 25 kills), then run to
        // completion and compare with the clean run.
        for _ in 0..25 {
            if killed >= kills {
                break;
            }
            // Biased to short delays: a resumed run has less left to do.
            let delay = Duration::from_millis(rng.below(span) * rng.below(span) / span);
            let finished = run_and_kill(ingest_cmd(&db, &corpus), delay);
            check_invariants(&db);
            if finished {
                break;
            }
            killed += 1;
        }
        ok(&ingest_cmd(&db, &corpus).output().unwrap());
        assert_eq!(check_invariants(&db), (docs, readings), "cycle {cycle}");
        assert_eq!(
            ledger_rows(&db),
            clean_rows,
            "cycle {cycle}: the ledger differs from a clean run's"
        );
        if killed >= kills {
            // Once through the front end too.
            assert_eq!(
                positions(&db),
                clean,
                "the export differs from a clean run's"
            );
        }
        cycle += 1;
    }
    eprintln!("{killed} kills in {cycle} cycles, {:?}", started.elapsed());
}

#[test]
fn killed_question_loads_are_all_or_nothing() {
    let dir = tmp("questions");
    let (corpus, questions) = corpus(&dir, 2);
    let (_, _, clean) = clean_run(&dir, &corpus, &questions);
    let db = dir.join("late.db");
    // Documents first, questions later: the load re-reads them all.
    ok(&ingest_cmd(&db, &corpus).output().unwrap());
    let started = Instant::now();
    ok(&load_questions(&dir.join("probe.db"), &questions));
    let span = (started.elapsed().as_millis() as u64 * 3).max(50);
    let mut rng = Rng::seeded();
    let n_questions = {
        let src = std::fs::read_to_string(&questions).unwrap();
        src.matches("[[question]]").count() as i64
    };
    let mut loaded_once = false;
    for _ in 0..20 {
        let mut cmd = vane();
        cmd.args(["questions", "load", "--db"])
            .arg(&db)
            .arg(&questions)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        run_and_kill(cmd, Duration::from_millis(rng.below(span)));
        let conn = rusqlite::Connection::open(&db).unwrap();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let loaded = count("SELECT count(DISTINCT id) FROM questions");
        assert!(
            loaded == 0 || loaded == n_questions,
            "{loaded} questions loaded"
        );
        // Each question is read over every document, or not loaded at all.
        let docs = count("SELECT count(*) FROM documents");
        assert_eq!(
            count(
                "SELECT count(*) FROM (SELECT question, count(DISTINCT document) AS n \
                 FROM readings GROUP BY question) WHERE n != (SELECT count(*) FROM documents)"
            ),
            0,
            "a question read over only part of the {docs} documents"
        );
        assert_eq!(
            count("SELECT count(DISTINCT question) FROM readings"),
            loaded,
            "readings of a question not loaded"
        );
        loaded_once |= loaded > 0;
        check_invariants_loose(&conn);
    }
    ok(&load_questions(&db, &questions));
    assert_eq!(positions(&db), clean);
    eprintln!("a load completed before its kill: {loaded_once}");
}

fn check_invariants_loose(conn: &rusqlite::Connection) {
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn concurrent_ingests_and_readers() {
    let dir = tmp("concurrent");
    let (corpus, questions) = corpus(&dir, 2);
    let (_, _, clean) = clean_run(&dir, &corpus, &questions);
    let (docs, readings) = check_invariants(&dir.join("clean.db"));
    let question = "us-abrams-to-ukraine";
    for round in 0..3 {
        let db = dir.join(format!("both-{round}.db"));
        ok(&load_questions(&db, &questions));
        let mut a = ingest_cmd(&db, &corpus).spawn().unwrap();
        let mut b = ingest_cmd(&db, &corpus).spawn().unwrap();
        // Readers while both write.
        let mut reads = 0;
        while a.try_wait().unwrap().is_none() || b.try_wait().unwrap().is_none() {
            for args in [
                vec!["export", "positions", "--db"],
                vec!["line", "--question", question, "--db"],
                vec!["stats", "--db"],
            ] {
                let o = vane().args(&args).arg(&db).output().unwrap();
                let err = String::from_utf8_lossy(&o.stderr);
                assert!(o.status.success(), "{args:?}: {err}");
                assert!(!err.contains("locked"), "{err}");
                reads += 1;
            }
        }
        for c in [&mut a, &mut b] {
            let out = c.wait_with_output_ref();
            assert!(out.0.success(), "an ingest failed: {}", out.1);
            assert!(!out.1.contains("locked"), "{}", out.1);
        }
        assert_eq!(check_invariants(&db), (docs, readings), "round {round}");
        assert_eq!(positions(&db), clean, "round {round}");
        let stats = ok(&vane().args(["stats", "--db"]).arg(&db).output().unwrap());
        let clean_stats = ok(&vane()
            .args(["stats", "--db"])
            .arg(dir.join("clean.db"))
            .output()
            .unwrap());
        assert_eq!(stats, clean_stats);
        eprintln!("round {round}: {reads} reads during the two ingests");
    }
}

trait WaitRef {
    fn wait_with_output_ref(&mut self) -> (std::process::ExitStatus, String);
}

impl WaitRef for Child {
    fn wait_with_output_ref(&mut self) -> (std::process::ExitStatus, String) {
        let mut err = String::new();
        if let Some(mut e) = self.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        (self.wait().unwrap(), err)
    }
}

/// `vane export positions | head -1`: the reader goes away; vane exits
/// quietly with status 0.
#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tmp("pipe");
    let (corpus, questions) = corpus(&dir, 1);
    let (db, _, _) = clean_run(&dir, &corpus, &questions);
    for args in [
        vec!["export", "positions", "--db"],
        vec!["export", "lines", "--db"],
        vec!["line", "--question", "us-abrams-to-ukraine", "--db"],
        vec!["stats", "--db"],
    ] {
        let mut child = vane()
            .args(&args)
            .arg(&db)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end before vane writes anything.
        drop(child.stdout.take());
        let (status, err) = child.wait_with_output_ref();
        assert!(status.success(), "{args:?}: {status:?} {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}
