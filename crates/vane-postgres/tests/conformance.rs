//! The ledger conformance suite (the model-based random histories
//! included) against PostgreSQL, plus what is PostgreSQL's own: append-only
//! triggers, migrations, the queue's claims and leases.
//!
//! Needs a server: `eval "$(scripts/postgres.sh)"` sets
//! VANE_TEST_POSTGRES_URL. Without it every test here passes with a note
//! that it was skipped.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use vane_core::{DocId, Question, RecordedTime};
use vane_ledger::conformance::{self, date, document, position, reading};
use vane_ledger::{Batch, DocLink, Filter, LinkKind, Snapshot, Store};
use vane_postgres::{PgStore, QueueError, SCHEMA_VERSION};

fn url(test: &str) -> Option<String> {
    match std::env::var("VANE_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            eprintln!(
                "{test}: skipped (VANE_TEST_POSTGRES_URL is not set; see scripts/postgres.sh)"
            );
            None
        }
    }
}

/// A schema name of its own for each store a test makes.
fn schema(tag: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "t_{tag}_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Drops the schemas it made when dropped.
struct Schemas {
    url: String,
    names: Vec<String>,
}

impl Schemas {
    fn new(url: &str) -> Schemas {
        Schemas {
            url: url.to_string(),
            names: Vec::new(),
        }
    }
    fn store(&mut self, tag: &str) -> PgStore {
        let name = schema(tag);
        let s = PgStore::connect_in(&self.url, &name).expect("connect");
        self.names.push(name);
        s
    }
}

impl Drop for Schemas {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.url, postgres::NoTls) {
            for n in &self.names {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {n} CASCADE"));
            }
        }
    }
}

#[test]
fn postgres_conforms() {
    let Some(url) = url("postgres_conforms") else {
        return;
    };
    let mut schemas = Schemas::new(&url);
    conformance::run_all(&mut || Box::new(schemas.store("conf")), 64);
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
fn postgres_rejects_updates_and_deletes() {
    let Some(url) = url("postgres_rejects_updates_and_deletes") else {
        return;
    };
    let mut schemas = Schemas::new(&url);
    let mut store = schemas.store("append");
    store.commit(sample_batch()).unwrap();
    store
        .put_questions(
            &[Question {
                id: "q".into(),
                proposition: "p".into(),
                terms: vec!["t".into()],
                ..Question::default()
            }],
            RecordedTime { at: 100 },
        )
        .unwrap();
    for sql in [
        "UPDATE positions SET stance = 'oppose'",
        "DELETE FROM positions",
        "TRUNCATE positions CASCADE",
        "UPDATE readings SET recorded_at = 0",
        "DELETE FROM readings",
        "UPDATE documents SET text = 'forged'",
        "DELETE FROM documents",
        "TRUNCATE documents CASCADE",
        "UPDATE questions SET proposition = 'x'",
        "DELETE FROM questions",
        "DELETE FROM question_items",
        "DELETE FROM position_words",
    ] {
        let err = store.execute_raw(sql).expect_err(sql);
        let msg = format!("{err:?}");
        assert!(msg.contains("append-only"), "{sql}: {msg}");
    }
    assert_eq!(store.stats().unwrap().positions, 1);
}

#[test]
fn postgres_migrations_and_reconnect() {
    let Some(url) = url("postgres_migrations_and_reconnect") else {
        return;
    };
    let mut schemas = Schemas::new(&url);
    let mut store = schemas.store("mig");
    let name = store.schema().to_string();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let s1 = store.commit(sample_batch()).unwrap();
    drop(store);
    // Reconnecting migrates nothing and keeps everything; ids go on increasing.
    let mut again = PgStore::connect_in(&url, &name).expect("reconnect");
    assert_eq!(again.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(again.stats().unwrap().positions, 1);
    let s2 = again
        .commit(Batch {
            documents: vec![],
            readings: vec![reading("d1", "q", 300, vec![])],
            ..Batch::default()
        })
        .unwrap();
    assert!(s2.readings[0] > s1.readings[0]);
    assert!(again
        .positions(&Snapshot::latest(), &Filter::all())
        .unwrap()
        .is_empty());
    // A newer schema is refused.
    again
        .execute_raw(&format!(
            "INSERT INTO vane_migrations (version) VALUES ({})",
            SCHEMA_VERSION + 1
        ))
        .unwrap();
    let err = PgStore::connect_in(&url, &name).expect_err("newer schema");
    assert!(
        matches!(err, vane_ledger::StoreError::SchemaTooNew { .. }),
        "{err}"
    );
    // Bad schema names are refused before anything is sent.
    assert!(PgStore::connect_in(&url, "x; DROP TABLE y").is_err());
}

/// Two connections commit concurrently: reading ids stay unique and
/// increase in commit order, and both see each other's work.
#[test]
fn postgres_concurrent_commits() {
    let Some(url) = url("postgres_concurrent_commits") else {
        return;
    };
    let mut schemas = Schemas::new(&url);
    let mut a = schemas.store("conc");
    let name = a.schema().to_string();
    a.commit(sample_batch()).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let url = url.clone();
            let name = name.clone();
            std::thread::spawn(move || {
                let mut s = PgStore::connect_in(&url, &name).expect("connect");
                let mut ids = Vec::new();
                for i in 0..25 {
                    let r = s
                        .commit(Batch {
                            documents: vec![],
                            readings: vec![
                                reading("d1", "q", 1000 + t * 100 + i, vec![]),
                                reading("d1", "r", 1000 + t * 100 + i, vec![]),
                            ],
                            ..Batch::default()
                        })
                        .expect("commit");
                    assert!(r.readings[0] < r.readings[1]);
                    ids.extend(r.readings);
                }
                ids
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in threads {
        let ids = t.join().expect("thread");
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "per connection, increasing"
        );
        all.extend(ids);
    }
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 200);
    assert_eq!(a.readings().unwrap().len(), 201);
}

#[test]
fn postgres_queue_claims_and_leases() {
    let Some(url) = url("postgres_queue_claims_and_leases") else {
        return;
    };
    let mut schemas = Schemas::new(&url);
    let mut a = schemas.store("queue");
    let name = a.schema().to_string();
    let mut b = PgStore::connect_in(&url, &name).expect("connect b");
    let items: Vec<(String, Vec<u8>)> = (0..5)
        .map(|i| (format!("doc-{i}.txt"), format!("text {i}").into_bytes()))
        .collect();
    assert_eq!(a.enqueue(&items).unwrap(), 5);
    assert_eq!(
        a.enqueue(&items[..2]).unwrap(),
        0,
        "the same bytes are one item"
    );
    let lease = Duration::from_secs(60);
    let ca = a.claim("a", 3, lease).unwrap().expect("a claims");
    let cb = b.claim("b", 3, lease).unwrap().expect("b claims");
    assert_eq!(ca.items.len(), 3);
    assert_eq!(cb.items.len(), 2, "skips a's locked and leased rows");
    assert!(b.claim("b", 3, lease).unwrap().is_none());
    let counts = a.queue_counts().unwrap();
    assert_eq!((counts.ready, counts.leased, counts.done), (0, 5, 0));
    // b commits its claim with a document; a's lease runs out and c takes it over.
    b.commit_claimed(&cb, sample_batch(), "ok").unwrap();
    a.execute_raw(
        "UPDATE queue SET lease_until = now() - interval '1 second' WHERE done_at IS NULL",
    )
    .unwrap();
    let mut c = PgStore::connect_in(&url, &name).expect("connect c");
    let cc = c.claim("c", 10, lease).unwrap().expect("c reclaims");
    assert_eq!(
        cc.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        ca.items.iter().map(|i| i.id).collect::<Vec<_>>()
    );
    assert!(cc.items.iter().all(|i| i.attempts == 2));
    // a wakes up: its commit is refused and changes nothing.
    let before = a.stats().unwrap();
    let err = a
        .commit_claimed(
            &ca,
            Batch {
                documents: vec![document("d2", "Other text.")],
                ..Batch::default()
            },
            "ok",
        )
        .expect_err("lease lost");
    assert!(
        matches!(err, QueueError::LeaseLost { lost: 3, .. }),
        "{err}"
    );
    assert_eq!(a.stats().unwrap(), before);
    assert!(!a.has_document(&DocId("d2".into())).unwrap());
    c.commit_claimed(&cc, Batch::default(), "ok").unwrap();
    let counts = a.queue_counts().unwrap();
    assert_eq!((counts.pending(), counts.done), (0, 5));
    assert_eq!(a.reclaimed().unwrap(), 3);
    // A validation error rolls back the claim's commit: the items stay claimed.
    a.enqueue(&[("late.txt".into(), b"late".to_vec())]).unwrap();
    let cl = a.claim("a", 10, lease).unwrap().expect("claim");
    let bad = Batch {
        documents: vec![],
        readings: vec![reading("missing", "q", 5, vec![])],
        ..Batch::default()
    };
    assert!(matches!(
        a.commit_claimed(&cl, bad, "ok"),
        Err(QueueError::Store(_))
    ));
    assert_eq!(a.queue_counts().unwrap().leased, 1);
}

/// Two workers read the same document (enqueued under two names, or
/// reclaimed): the second claim's commit stores neither its reading nor its
/// links from the document, and still marks its items done.
#[test]
fn postgres_claimed_commit_drops_claimed_documents() {
    let Some(url) = url("postgres_claimed_commit_drops_claimed_documents") else {
        return;
    };
    let mut schemas = Schemas::new(&url);
    let mut a = schemas.store("claimed");
    let name = a.schema().to_string();
    let mut b = PgStore::connect_in(&url, &name).expect("connect b");
    a.commit(Batch {
        documents: vec![document("d0", "Zero.")],
        ..Batch::default()
    })
    .unwrap();
    a.enqueue(&[
        ("one.txt".into(), b"one".to_vec()),
        ("two.txt".into(), b"two".to_vec()),
    ])
    .unwrap();
    let lease = Duration::from_secs(60);
    let ca = a.claim("a", 1, lease).unwrap().expect("a claims");
    let cb = b.claim("b", 1, lease).unwrap().expect("b claims");
    let link = DocLink {
        from: DocId("d1".into()),
        to: DocId("d0".into()),
        kind: LinkKind::VersionOf,
        similarity: 0.5,
    };
    let batch = || Batch {
        links: vec![link.clone()],
        ..sample_batch()
    };
    let sa = a.commit_claimed(&ca, batch(), "ok").unwrap();
    assert_eq!((sa.new_documents.len(), sa.readings.len()), (1, 1));
    let sb = b.commit_claimed(&cb, batch(), "ok").unwrap();
    assert_eq!(sb.new_documents, vec![]);
    assert_eq!(sb.duplicate_documents, vec![DocId("d1".into())]);
    assert!(sb.readings.is_empty(), "{sb:?}");
    assert_eq!(a.links().unwrap(), vec![link]);
    assert_eq!(a.stats().unwrap().readings, 1);
    assert_eq!(a.queue_counts().unwrap().done, 2);
}

/// Migration 3 gives stored question versions a recorded time of 0: they
/// stay visible at every recorded time.
#[test]
fn postgres_migration_3_question_time() {
    let Some(url) = url("postgres_migration_3_question_time") else {
        return;
    };
    let mut schemas = Schemas::new(&url);
    // A schema at version 2, as an older build left it.
    let name = schema("mig3");
    schemas.names.push(name.clone());
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute(&format!(
        "SET client_min_messages TO warning; CREATE SCHEMA {name}; SET search_path TO {name}; \
         CREATE TABLE vane_migrations (version INTEGER PRIMARY KEY, \
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()); \
         {} {} \
         INSERT INTO vane_migrations (version) VALUES (1), (2); \
         INSERT INTO questions (id, proposition) VALUES ('old', 'Old.');",
        include_str!("../migrations/0001_init.sql"),
        include_str!("../migrations/0002_queue.sql"),
    ))
    .expect("a version-2 schema");
    let mut store = PgStore::connect_in(&url, &name).expect("migrate");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let old = Question {
        id: "old".into(),
        proposition: "Old.".into(),
        ..Question::default()
    };
    assert_eq!(
        store.questions_as_of(Some(RecordedTime { at: 0 })).unwrap(),
        vec![old.clone()]
    );
    let new = Question {
        id: "new".into(),
        proposition: "New.".into(),
        terms: vec!["a".into(), "b".into()],
        ..Question::default()
    };
    store
        .put_questions(std::slice::from_ref(&new), RecordedTime { at: 50 })
        .unwrap();
    assert_eq!(
        store
            .questions_as_of(Some(RecordedTime { at: 49 }))
            .unwrap(),
        vec![old.clone()]
    );
    assert_eq!(store.questions().unwrap(), vec![new, old]);
}
