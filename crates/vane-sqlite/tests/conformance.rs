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
        ..Batch::default()
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
        ..Batch::default()
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
        store
            .put_questions(std::slice::from_ref(&q), RecordedTime { at: 1 })
            .unwrap();
        store.commit(batch.clone()).unwrap();
        store
            .commit(Batch {
                documents: vec![],
                readings: vec![reading("d1", "q", 300, vec![])],
                ..Batch::default()
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
            ..Batch::default()
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
            .put_questions(
                &[Question {
                    id: "q".into(),
                    proposition: "p".into(),
                    terms: vec!["t".into()],
                    ..Question::default()
                }],
                RecordedTime { at: 1 },
            )
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
            ..Batch::default()
        })
        .unwrap();
    assert_eq!(a.readings().unwrap().last().unwrap().id, s.readings[0]);
    assert!(a
        .positions(&Snapshot::latest(), &Filter::all())
        .unwrap()
        .is_empty());
}

/// A document whose id is the SHA-256 of its text, as ingest makes them.
fn hashed(text: &str) -> vane_core::Document {
    let id = {
        use sha2::{Digest, Sha256};
        Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    document(&id, text)
}

#[test]
fn insert_or_replace_is_refused() {
    let dir = TempDir::new("replace");
    let path = dir.path().join("ledger.db");
    let text = "Alpha beta gamma delta epsilon.";
    let doc = hashed(text);
    {
        let mut store = SqliteStore::open(&path).expect("open");
        let p = position("q", &doc.id.0, 0, 5, date(2025, 1, 10), 0);
        let r = reading(&doc.id.0, "q", 10, vec![p]);
        store
            .commit(Batch {
                documents: vec![doc.clone(), hashed("Another text.")],
                readings: vec![r],
                links: vec![vane_ledger::DocLink {
                    from: hashed("Another text.").id,
                    to: doc.id.clone(),
                    kind: vane_ledger::LinkKind::VersionOf,
                    similarity: 0.5,
                }],
                questions: vec![(
                    Question {
                        id: "q".into(),
                        proposition: "Alpha is given.".into(),
                        terms: vec!["alpha".into()],
                        ..Question::default()
                    },
                    RecordedTime { at: 10 },
                )],
            })
            .unwrap();
    }
    let before = {
        let store = SqliteStore::open(&path).expect("reopen");
        (
            store.document(&doc.id).unwrap(),
            store
                .positions(&Snapshot::latest(), &Filter::all())
                .unwrap(),
            store.questions().unwrap(),
            store.links().unwrap(),
        )
    };
    // A plain connection (recursive triggers off, as by default) and one
    // with them on: REPLACE is refused either way.
    for recursive in [false, true] {
        let conn = rusqlite::Connection::open(&path).unwrap();
        if recursive {
            conn.pragma_update(None, "recursive_triggers", "ON")
                .unwrap();
        }
        for sql in [
            "INSERT OR REPLACE INTO documents (id, name, text) \
             SELECT id, 'forged', 'forged text' FROM documents",
            "REPLACE INTO documents (id, name, text) SELECT id, name, text FROM documents",
            "INSERT OR REPLACE INTO readings (id, document, question, recorded_at) \
             SELECT id, document, question, 0 FROM readings",
            "INSERT OR REPLACE INTO positions SELECT reading, ordinal, question, actor, \
             actor_name, government, rank, 'oppose', qualifier, kind, modality, confidence, \
             valid_from, valid_to, basis, recorded_at, doc, ev_start, ev_end, reported, \
             uncoordinated, judge, rules, probability FROM positions",
            "INSERT OR REPLACE INTO questions (version, id, proposition, recorded_at) \
             SELECT version, id, 'forged', recorded_at FROM questions",
            "INSERT OR REPLACE INTO question_items (version, field, ordinal, value) \
             SELECT version, field, ordinal, 'forged' FROM question_items",
            "INSERT OR REPLACE INTO document_links (id, from_doc, to_doc, kind, similarity) \
             SELECT id, to_doc, from_doc, kind, 1.0 FROM document_links",
        ] {
            let err = conn.execute(sql, []).expect_err(sql);
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
    }
    let store = SqliteStore::open(&path).expect("reopen");
    let after = (
        store.document(&doc.id).unwrap(),
        store
            .positions(&Snapshot::latest(), &Filter::all())
            .unwrap(),
        store.questions().unwrap(),
        store.links().unwrap(),
    );
    assert_eq!(after, before);
    assert_eq!(store.check().unwrap().problems(), 0);
}

#[test]
fn tampered_text_is_a_typed_error_naming_the_document() {
    let dir = TempDir::new("tamper");
    let path = dir.path().join("ledger.db");
    let doc = hashed("The original text of the statement.");
    SqliteStore::open(&path)
        .unwrap()
        .commit(Batch {
            documents: vec![doc.clone()],
            ..Batch::default()
        })
        .unwrap();
    // Someone with the file and sqlite3 drops the guard and edits the text.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("DROP TRIGGER documents_no_update")
        .unwrap();
    conn.execute("UPDATE documents SET text = 'A forged text.'", [])
        .unwrap();
    drop(conn);
    let store = SqliteStore::open(&path).unwrap();
    let err = store.document(&doc.id).expect_err("a tampered text");
    assert!(
        matches!(err, vane_ledger::StoreError::Corrupt { .. }),
        "{err}"
    );
    assert!(err.to_string().contains(&doc.id.0), "{err}");
    let report = store.check().unwrap();
    assert_eq!(report.bad_hashes, vec![doc.id.clone()]);
    assert_eq!(report.problems(), 1);
}

#[test]
fn check_finds_broken_links_and_positions() {
    let dir = TempDir::new("check");
    let path = dir.path().join("ledger.db");
    let a = hashed("First text, long enough.");
    let b = hashed("Second text.");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        store
            .commit(Batch {
                documents: vec![a.clone(), b.clone()],
                ..Batch::default()
            })
            .unwrap();
        let report = store.check().unwrap();
        assert_eq!((report.documents, report.problems()), (2, 0));
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute(
        "INSERT INTO document_links (from_doc, to_doc, kind, similarity) \
         VALUES (?1, ?1, 'version-of', 1.0)",
        [&a.id.0],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO document_links (from_doc, to_doc, kind, similarity) \
         VALUES (?1, 'missing', 'version-of', 1.0)",
        [&b.id.0],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO readings (document, question, recorded_at) VALUES ('gone', 'q', 1)",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO positions (reading, ordinal, question, actor, actor_name, government, \
         rank, stance, kind, modality, confidence, valid_from, valid_to, basis, recorded_at, \
         doc, ev_start, ev_end, reported, uncoordinated) \
         VALUES (999, 0, 'q', 'a', 'A', 'USA', 'head', 'support', 'direct', 'statement', 1.0, \
         1, 1, 'unknown', 1, ?1, 0, 500, 0, 0)",
        [&a.id.0],
    )
    .unwrap();
    drop(conn);
    let report = SqliteStore::open(&path).unwrap().check().unwrap();
    assert_eq!(report.self_links, vec![a.id.0.clone()]);
    assert_eq!(report.dangling_links.len(), 1);
    assert!(report.dangling_links[0].contains("missing"));
    assert_eq!(report.orphan_readings.len(), 1);
    assert_eq!(report.bad_positions.len(), 1);
    assert!(report.bad_positions[0].contains("reading 999"));
    assert_eq!(report.problems(), 4);
}

#[test]
fn version_6_files_migrate_and_keep_their_questions() {
    let dir = TempDir::new("v6");
    let path = dir.path().join("ledger.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        include_str!("../migrations/0001_init.sql"),
        include_str!("../migrations/0002_actor_packs.sql"),
        include_str!("../migrations/0003_document_links.sql"),
        include_str!("../migrations/0004_fetch_state.sql"),
        include_str!("../migrations/0005_position_why.sql"),
        include_str!("../migrations/0006_statement_search.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 6).unwrap();
    conn.execute(
        "INSERT INTO questions (id, proposition) VALUES ('q', 'Old.')",
        [],
    )
    .unwrap();
    drop(conn);
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    // A version stored before questions had a time is always visible.
    let ids = |qs: Vec<Question>| qs.into_iter().map(|q| q.proposition).collect::<Vec<_>>();
    assert_eq!(
        ids(store.questions_as_of(Some(RecordedTime { at: 0 })).unwrap()),
        ["Old."]
    );
    store
        .put_questions(
            &[Question {
                id: "q".into(),
                proposition: "New.".into(),
                ..Question::default()
            }],
            RecordedTime { at: 50 },
        )
        .unwrap();
    assert_eq!(
        ids(store
            .questions_as_of(Some(RecordedTime { at: 49 }))
            .unwrap()),
        ["Old."]
    );
    assert_eq!(ids(store.questions().unwrap()), ["New."]);
}

/// Two writers on one file at once, each committing many small batches:
/// they queue on the lock (BEGIN IMMEDIATE, busy timeout) and none fails.
#[test]
fn concurrent_writers_queue_instead_of_failing() {
    let dir = TempDir::new("writers");
    let path = dir.path().join("ledger.db");
    drop(SqliteStore::open(&path).unwrap());
    let text = "Alpha beta gamma delta epsilon.";
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = SqliteStore::open(&path).unwrap();
                for i in 0..50 {
                    // Every writer stores the same documents: each is stored
                    // and read once, whoever comes first.
                    let id = format!("d{i}");
                    store
                        .commit(Batch {
                            documents: vec![document(&id, text)],
                            readings: vec![reading(&id, "q", 10 + w, vec![])],
                            ..Batch::default()
                        })
                        .unwrap();
                    let reader = SqliteStore::open(&path).unwrap();
                    reader
                        .positions(&Snapshot::latest(), &Filter::all())
                        .unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("a writer failed");
    }
    let store = SqliteStore::open(&path).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.readings), (50, 50));
}
