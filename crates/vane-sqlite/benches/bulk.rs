//! Bulk load (positions per second, target >= 100k/s) and the latency of
//! an as-of line query (one question, one government, as of a recorded
//! time and a valid date), on a file database.
//!
//! `cargo bench -p vane-sqlite --bench bulk`

use criterion::{criterion_group, BatchSize, Criterion, Throughput};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use vane_core::{ActorId, Gov, RecordedTime, Stance, TimeBasis, ValidTime};
use vane_ledger::conformance::{date, document, position, reading};
use vane_ledger::{Batch, Filter, Snapshot, Store};
use vane_sqlite::SqliteStore;

const GOVS: [&str; 5] = ["USA", "RUS", "UKR", "EUR", "NATO"];

fn bench_dir() -> PathBuf {
    std::env::temp_dir().join(format!("vane-bench-{}", std::process::id()))
}

fn temp_db() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = bench_dir();
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(format!("b{}.db", N.fetch_add(1, Ordering::Relaxed)))
}

/// A store whose files are removed after it is closed, outside the timing.
struct Scratch(Option<SqliteStore>, PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        drop(self.0.take());
        remove_db(&self.1);
    }
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// `docs` documents, each read on `questions` questions at `at`, each
/// reading with `per_reading` positions.
fn batch(docs: usize, questions: usize, per_reading: usize, at: i64, doc_offset: usize) -> Batch {
    let text = "The minister said 'we will keep supporting Ukraine' on Tuesday. ".repeat(40);
    let mut b = Batch::default();
    for d in 0..docs {
        let id = format!("{:064x}", d + doc_offset);
        b.documents.push(document(&id, &text));
        for q in 0..questions {
            let qid = format!("q{q}");
            let ps = (0..per_reading)
                .map(|i| {
                    let start = (i * 13) % 2000;
                    let from = date(2022, 1, 1) + chrono::Days::new(((d * 7 + i) % 1000) as u64);
                    let mut p = position(&qid, &id, start, start + 20, from, at);
                    p.government = Gov(GOVS[(d + i) % GOVS.len()].to_string());
                    p.actor = ActorId(format!("actor-{}", (d * 31 + i) % 200));
                    p.stance = [Stance::Support, Stance::Oppose, Stance::Neutral][i % 3];
                    p.valid = ValidTime::day(from, TimeBasis::Expression);
                    p.qualifier = (i % 4 == 0).then(|| "at least some".to_string());
                    p
                })
                .collect();
            b.readings.push(reading(&id, &qid, at, ps));
        }
    }
    b
}

fn bulk_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("bulk_load");
    g.sample_size(10);
    // 20 documents x 5 questions x 100 positions = 10k positions per batch.
    let (docs, questions, per) = (20, 5, 100);
    g.throughput(Throughput::Elements((docs * questions * per) as u64));
    g.bench_function("commit_10k_positions_file", |b| {
        b.iter_batched(
            || {
                let path = temp_db();
                let store = SqliteStore::open(&path).expect("open");
                (path, store, batch(docs, questions, per, 1, 0))
            },
            |(path, mut store, batch)| {
                let s = store.commit(batch).expect("commit");
                assert_eq!(s.positions, docs * questions * per);
                Scratch(Some(store), path)
            },
            BatchSize::PerIteration,
        )
    });
    // The same, counting the WAL checkpoint that closing the store runs.
    g.bench_function("commit_10k_positions_file_and_close", |b| {
        b.iter_batched(
            || {
                let path = temp_db();
                let store = SqliteStore::open(&path).expect("open");
                (path, store, batch(docs, questions, per, 1, 0))
            },
            |(path, mut store, batch)| {
                store.commit(batch).expect("commit");
                drop(store);
                Scratch(None, path)
            },
            BatchSize::PerIteration,
        )
    });
    // 100k positions in one batch, into a store that already holds 100k.
    let (docs, questions, per) = (100, 10, 100);
    g.throughput(Throughput::Elements((docs * questions * per) as u64));
    g.bench_function("commit_100k_positions_file_warm", |b| {
        b.iter_batched(
            || {
                let path = temp_db();
                let mut store = SqliteStore::open(&path).expect("open");
                store
                    .commit(batch(docs, questions, per, 1, 0))
                    .expect("preload");
                (path, store, batch(docs, questions, per, 2, 1_000_000))
            },
            |(path, mut store, batch)| {
                store.commit(batch).expect("commit");
                Scratch(Some(store), path)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn line_query(c: &mut Criterion) {
    // 300 documents x 20 questions x 50 positions = 300k positions, read
    // three times (each reading superseding the last): 900k stored.
    let path = temp_db();
    let mut store = SqliteStore::open(&path).expect("open");
    for at in [100, 200, 300] {
        store.commit(batch(300, 20, 50, at, 0)).expect("load");
    }
    let stats = store.stats().expect("stats");
    eprintln!("line_query store: {stats:?}");
    let filter = Filter::question("q7").with_government(Gov("USA".to_string()));
    let snap = Snapshot {
        recorded_as_of: Some(RecordedTime { at: 250 }),
        valid_as_of: Some(date(2023, 6, 1)),
    };
    let n = store.positions(&snap, &filter).expect("query").len();
    eprintln!("line_query returns {n} positions");
    let mut g = c.benchmark_group("line_query");
    g.bench_function("question_gov_as_of", |b| {
        b.iter(|| store.positions(&snap, &filter).expect("query"))
    });
    g.bench_function("question_latest", |b| {
        b.iter(|| {
            store
                .positions(&Snapshot::latest(), &Filter::question("q7"))
                .expect("query")
        })
    });
    g.finish();
    drop(store);
    remove_db(&path);
}

criterion_group!(benches, bulk_load, line_query);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    let _ = std::fs::remove_dir_all(bench_dir());
}
