//! The ledger conformance suite against SQLite, on files and in memory,
//! plus the SQLite-specific guarantees: atomic failure on disk, reopening,
//! migrations, append-only triggers.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use vane_core::{DocId, Question, RecordedTime};
use vane_ledger::conformance::{self, date, document, position, reading};
use vane_ledger::{Batch, Filter, Snapshot, Store, ValidationError};
use vane_sqlite::{SqliteStore, SCHEMA_VERSION};

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "vane-sqlite-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn conforms_in_memory() {
    conformance::run_all(
        &mut || Box::new(SqliteStore::open_in_memory().expect("open")),
        128,
    );
}

#[test]
fn conforms_on_file() {
    let dir = TempDir::new("conf");
    let mut n = 0;
    let root = dir.path().to_path_buf();
    conformance::run_all(
        &mut || {
            n += 1;
            Box::new(SqliteStore::open(root.join(format!("ledger-{n}.db"))).expect("open"))
        },
        32,
    );
}

fn sample_batch() -> Batch {
    Batch {
        documents: vec![document("d1", "Rubio said “we will keep helping Ukraine.”")],
        readings: vec![reading(
            "d1",
            "q",
            100,
            vec![position("q", "d1", 0, 5, date(2025, 3, 1), 0)],
        )],
    }
}

#[test]
fn failed_batch_leaves_file_unchanged() {
    let dir = TempDir::new("atomic");
    let path = dir.path().join("ledger.db");
    let mut store = SqliteStore::open(&path).expect("open");
    store.commit(sample_batch()).expect("commit");
    let before = (
        store.stats().unwrap(),
        store.readings().unwrap(),
        store
            .positions(&Snapshot::latest(), &Filter::all())
            .unwrap(),
        store.document_ids().unwrap(),
    );
    let bad = Batch {
        documents: vec![document("d2", "Fresh text.")],
        readings: vec![
            reading(
                "d2",
                "q",
                200,
                vec![position("q", "d2", 0, 5, date(2025, 3, 2), 0)],
            ),
            reading("d1", "q", 200, vec![]),
            reading("missing", "q", 200, vec![]),
        ],
    };
    let err = store.commit(bad).expect_err("must fail");
    assert!(matches!(
        err.validation(),
        Some(ValidationError::UnknownDocument { doc, .. }) if doc.0 == "missing"
    ));
    let after = (
        store.stats().unwrap(),
        store.readings().unwrap(),
        store
            .positions(&Snapshot::latest(), &Filter::all())
            .unwrap(),
        store.document_ids().unwrap(),
    );
    assert_eq!(before, after);
    drop(store);
    // And on disk.
    let store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.stats().unwrap(), before.0);
    assert!(!store.has_document(&DocId("d2".into())).unwrap());
}

#[test]
fn reopening_keeps_everything() {
    let dir = TempDir::new("reopen");
    let path = dir.path().join("ledger.db");
    let q = Question {
        id: "q".into(),
        proposition: "Keep helping Ukraine.".into(),
        aliases: vec!["aid".into()],
        ..Question::default()
    };
    let batch = sample_batch();
    let (stats, readings, positions) = {
        let mut store = SqliteStore::open(&path).expect("open");
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        store.put_questions(std::slice::from_ref(&q)).unwrap();
        store.commit(batch.clone()).unwrap();
        store
            .commit(Batch {
                documents: vec![],
                readings: vec![reading("d1", "q", 300, vec![])],
            })
            .unwrap();
        (
            store.stats().unwrap(),
            store.readings().unwrap(),
            store
                .positions(&Snapshot::latest(), &Filter::all())
                .unwrap(),
        )
    };
    let mut store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.stats().unwrap(), stats);
    assert_eq!(store.readings().unwrap(), readings);
    assert_eq!(
        store
            .positions(&Snapshot::latest(), &Filter::all())
            .unwrap(),
        positions
    );
    assert!(positions.is_empty(), "the empty reading superseded");
    let as_of = Snapshot {
        recorded_as_of: Some(RecordedTime { at: 299 }),
        valid_as_of: None,
    };
    assert_eq!(
        store.positions(&as_of, &Filter::all()).unwrap(),
        batch.readings[0].positions
    );
    assert_eq!(
        store.document(&batch.documents[0].id).unwrap().as_ref(),
        Some(&batch.documents[0])
    );
    assert_eq!(store.questions().unwrap(), vec![q]);
    // Ids keep increasing across sessions.
    let s = store
        .commit(Batch {
            documents: vec![],
            readings: vec![reading("d1", "q", 400, vec![])],
        })
        .unwrap();
    assert!(s.readings[0] > readings.last().unwrap().id);
}

#[test]
fn file_uses_wal_and_rejects_updates() {
    let dir = TempDir::new("wal");
    let path = dir.path().join("ledger.db");
    {
        let mut store = SqliteStore::open(&path).expect("open");
        store.commit(sample_batch()).unwrap();
        store
            .put_questions(&[Question {
                id: "q".into(),
                proposition: "p".into(),
                terms: vec!["t".into()],
                ..Question::default()
            }])
            .unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    for sql in [
        "UPDATE positions SET stance = 'oppose'",
        "DELETE FROM positions",
        "UPDATE readings SET recorded_at = 0",
        "DELETE FROM readings",
        "UPDATE documents SET text = 'forged'",
        "DELETE FROM documents",
        "UPDATE questions SET proposition = 'x'",
        "DELETE FROM questions",
        "DELETE FROM question_items",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn newer_schema_is_refused() {
    let dir = TempDir::new("newer");
    let path = dir.path().join("ledger.db");
    drop(SqliteStore::open(&path).expect("open"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).expect_err("newer schema");
    assert!(
        matches!(err, vane_ledger::StoreError::SchemaTooNew { .. }),
        "{err}"
    );
}

#[test]
fn corrupt_rows_are_errors_not_panics() {
    let dir = TempDir::new("corrupt");
    let path = dir.path().join("ledger.db");
    let id = {
        let mut store = SqliteStore::open(&path).expect("open");
        store.commit(sample_batch()).unwrap().readings[0]
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO positions SELECT reading, 99, question, actor, actor_name, government, \
         rank, 'maybe', qualifier, kind, modality, confidence, valid_from, valid_to, basis, \
         recorded_at, doc, ev_start, ev_end, reported, uncoordinated, judge, rules, probability \
         FROM positions WHERE reading = ?1 AND ordinal = 0",
        [id.0],
    )
    .unwrap();
    drop(conn);
    let store = SqliteStore::open(&path).expect("reopen");
    let err = store
        .positions(&Snapshot::latest(), &Filter::all())
        .expect_err("a corrupt row is an error");
    assert!(
        matches!(err, vane_ledger::StoreError::Corrupt { .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("d1") && err.to_string().contains("maybe"),
        "{err}"
    );
}

#[test]
fn two_handles_on_one_file() {
    let dir = TempDir::new("two");
    let path = dir.path().join("ledger.db");
    let mut a = SqliteStore::open(&path).expect("open a");
    let mut b = SqliteStore::open(&path).expect("open b");
    a.commit(sample_batch()).unwrap();
    assert!(b.has_document(&DocId("d1".into())).unwrap());
    let s = b
        .commit(Batch {
            documents: vec![],
            readings: vec![reading("d1", "q", 500, vec![])],
        })
        .unwrap();
    assert_eq!(a.readings().unwrap().last().unwrap().id, s.readings[0]);
    assert!(a
        .positions(&Snapshot::latest(), &Filter::all())
        .unwrap()
        .is_empty());
}
