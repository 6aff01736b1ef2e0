//! The engine over a real SQLite ledger: ingests across runs, and a panic
//! in one document that does not take the batch down.

use std::path::PathBuf;
use std::sync::Arc;
use vane_core::RecordedTime;
use vane_engine::{Bytes, DocError, Engine, Event, IngestOptions, Options, Source};
use vane_ledger::{LinkKind, Snapshot, Store};

const SEED: &str = include_str!("../../../examples/seed/rubio-lavrov-kuala-lumpur.txt");
const QUESTIONS: &str = include_str!("../../../examples/seed/questions.toml");

/// A fresh ledger file in a folder of its own.
fn ledger(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vane-engine-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("wv.db")
}

fn open(db: &PathBuf, opts: Options) -> Engine {
    let store = vane_sqlite::SqliteStore::open(db).unwrap();
    Engine::open(Box::new(store), opts).unwrap()
}

fn at(at: i64) -> IngestOptions {
    let mut o = IngestOptions::at(RecordedTime { at });
    o.published = Some(chrono::NaiveDate::from_ymd_opt(2025, 7, 10).unwrap());
    o
}

fn doc(name: &str, text: &str) -> Bytes {
    Bytes {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn ingest(
    e: &mut Engine,
    files: &[Bytes],
    opts: &IngestOptions,
) -> (vane_engine::Report, Vec<String>) {
    let mut notes = Vec::new();
    let r = e
        .ingest(&[], files, opts, &mut |ev| {
            if let Event::Note(n) = ev {
                notes.push(n)
            }
        })
        .unwrap();
    (r, notes)
}

#[test]
fn a_wire_copy_ingested_in_a_second_run_is_not_read_twice() {
    let db = ledger("wire-copy");
    let qs = vane_read::questions::parse_toml(QUESTIONS).unwrap();
    {
        let mut e = open(&db, Options::default());
        e.load_questions(&qs, RecordedTime { at: 1 }).unwrap();
        let (r, _) = ingest(&mut e, &[doc("original.txt", SEED)], &at(2));
        assert_eq!(r.stored, 1);
        assert!(r.positions > 0, "the seed article holds positions");
    }
    let before = {
        let s = vane_sqlite::SqliteStore::open(&db).unwrap();
        s.positions(&Snapshot::latest(), &vane_ledger::Filter::all())
            .unwrap()
            .len()
    };
    // A second run, a new engine: the wire copy carries a byline and a
    // different last line.
    let copy = format!(
        "By The Wire Service\n\n{}\nDistributed by the wire.\n",
        SEED
    );
    let mut e = open(&db, Options::default());
    let (r, notes) = ingest(&mut e, &[doc("syndicated.txt", &copy)], &at(3));
    assert_eq!(r.stored, 1, "the copy is stored ...");
    assert_eq!(r.near_duplicate, 1, "... as a near-duplicate");
    assert_eq!(r.positions, 0, "... and not read");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("syndicated.txt: near-duplicate of original.txt")),
        "{notes:?}"
    );
    let after = e
        .store()
        .positions(&Snapshot::latest(), &vane_ledger::Filter::all())
        .unwrap()
        .len();
    assert_eq!(before, after);
    let links = e.store().links().unwrap();
    assert!(links.iter().any(|l| l.kind == LinkKind::NearDuplicateOf));
    // Re-reading skips the copy too.
    let rr = e.load_questions(&qs, RecordedTime { at: 4 }).unwrap();
    assert_eq!(rr.documents, 1);
}

/// A judge that panics whenever it is asked.
struct Panicky;

impl vane_read::StanceJudge for Panicky {
    fn name(&self) -> &str {
        "panicky"
    }
    fn prepare(&self, _texts: &[&str]) {
        panic!("the judge broke");
    }
    fn probabilities(&self, _input: &vane_read::JudgeInput<'_>) -> Option<[f32; 4]> {
        panic!("the judge broke");
    }
}

#[test]
fn a_panic_reading_one_document_is_an_error_naming_it_and_the_batch_goes_on() {
    let db = ledger("panic");
    let qs = vane_read::questions::parse_toml(QUESTIONS).unwrap();
    let mut e = open(
        &db,
        Options {
            judge: Some(Arc::new(Panicky)),
            ..Options::default()
        },
    );
    e.load_questions(&qs, RecordedTime { at: 1 }).unwrap();
    let calm = "The weather in Oslo was mild on Tuesday, with light rain by evening.\n";
    let (r, _) = ingest(
        &mut e,
        &[doc("seed.txt", SEED), doc("calm.txt", calm)],
        &at(2),
    );
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    let msg = r.errors[0].to_string();
    assert!(
        matches!(&r.errors[0], DocError::Panicked { name, .. } if name == "seed.txt"),
        "{msg}"
    );
    assert!(
        msg.starts_with("seed.txt: reading panicked: the judge broke"),
        "{msg}"
    );
    assert_eq!(r.stored, 1, "the other document is stored");
    assert_eq!(e.store().document_ids().unwrap().len(), 1);
}

/// A source that panics when asked for its bytes.
struct Broken;

impl Source for Broken {
    fn name(&self) -> &str {
        "broken.txt"
    }
    fn bytes(&self) -> Result<Vec<u8>, DocError> {
        panic!("no bytes")
    }
}

#[test]
fn a_panic_parsing_one_input_is_an_error_naming_it() {
    let db = ledger("panic-parse");
    let mut e = open(&db, Options::default());
    let r = e.ingest(&[], &[Broken], &at(2), &mut |_| {}).unwrap();
    assert_eq!(r.errors.len(), 1);
    assert_eq!(
        r.errors[0].to_string(),
        "broken.txt: reading panicked: no bytes"
    );
}

/// An empty or stop-word-only proposition is refused by name, before
/// anything is stored; every question file of the repository passes.
#[test]
fn empty_propositions_are_refused_by_name() {
    let db = ledger("empty-proposition");
    let mut e = open(&db, Options::default());
    for (id, proposition) in [
        ("blank", ""),
        ("spaces", "   "),
        ("stop", "The of the and is."),
    ] {
        let qs = vec![vane_core::Question {
            id: id.to_string(),
            proposition: proposition.to_string(),
            ..vane_core::Question::default()
        }];
        let err = e
            .load_questions(&qs, RecordedTime { at: 1 })
            .expect_err(proposition);
        assert!(
            matches!(&err, vane_engine::EngineError::EmptyProposition { id: got, .. } if got == id),
            "{err}"
        );
        assert!(err.to_string().contains(id), "{err}");
    }
    assert!(e.store().questions().unwrap().is_empty());
    for file in [
        "examples/seed/questions.toml",
        "examples/whitehouse/questions.toml",
        "data/labelled/questions.toml",
        "bench/questions.toml",
    ] {
        let path = std::path::Path::new(
            &std::env::var_os("CARGO_MANIFEST_DIR")
                .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
        )
        .join("../..")
        .join(file);
        let src = std::fs::read_to_string(&path).unwrap();
        for q in vane_read::questions::parse_toml(&src).unwrap() {
            let c = vane_read::questions::compile(&q);
            assert!(!vane_engine::names_nothing(&c), "{file}: {}", q.id);
        }
    }
}

/// Loading questions is atomic: the questions and all their readings are
/// one commit, so the ledger holds either none of a load or all of it.
#[test]
fn load_questions_commits_once() {
    let db = ledger("load-atomic");
    let mut e = open(&db, Options::default());
    ingest(&mut e, &[doc("seed.txt", SEED)], &at(100));
    let before = e.store().readings().unwrap().len();
    let qs = vane_read::questions::parse_toml(QUESTIONS).unwrap();
    let r = e.load_questions(&qs, RecordedTime { at: 200 }).unwrap();
    let readings = e.store().readings().unwrap();
    let new: Vec<_> = readings[before..].iter().collect();
    assert_eq!(new.len(), qs.len() * r.documents);
    // One commit: the reading ids are consecutive.
    assert!(new.windows(2).all(|w| w[1].id.0 == w[0].id.0 + 1));
    assert!(new.iter().all(|h| h.recorded.at == 200));
    // As of before the load, the questions are not there.
    assert!(e
        .store()
        .questions_as_of(Some(RecordedTime { at: 199 }))
        .unwrap()
        .is_empty());
}
