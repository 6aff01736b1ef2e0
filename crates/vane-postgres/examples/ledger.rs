//! The ledger at scale: bulk load into SQLite or PostgreSQL (positions/s,
//! and the process's memory as the ledger grows), then the as-of line
//! query and the timeline query (p50, p99).
//!
//! ```text
//! cargo run --release -p vane-postgres --example ledger -- sqlite 1000000 /tmp/ledger.db
//! cargo run --release -p vane-postgres --example ledger -- postgres 1000000 "$VANE_TEST_POSTGRES_URL"
//! ```
//!
//! The ledger: 1,000 questions, 5 governments, 200 actors; each document
//! read on 10 questions with 5 positions each (50 per document), committed
//! 64 documents at a time (as `vane ingest` does: 3,200 positions a
//! commit); every tenth commit re-reads the documents of an earlier one at
//! a later recorded time (superseding their readings). PostgreSQL runs in
//! a schema of its own, dropped at the end (unless KEEP is set).

use std::time::{Duration, Instant};
use vane_core::{ActorId, Gov, RecordedTime, Stance, TimeBasis, ValidTime};
use vane_ledger::conformance::{date, document, position, reading};
use vane_ledger::{Batch, Filter, Snapshot, Store};

const QUESTIONS: usize = 1000;
const GOVS: [&str; 5] = ["USA", "RUS", "UKR", "EUR", "NATO"];
const PER_DOC_QUESTIONS: usize = 10;
const PER_READING: usize = 5;
const DOCS_PER_COMMIT: usize = 64;

fn rss_kib() -> (u64, u64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn text() -> String {
    "The minister said 'we will keep supporting Ukraine' on Tuesday, and the talks go on. "
        .repeat(6)
}

/// The documents `first..first + n`, read at `at`.
fn batch(first: usize, n: usize, at: i64, with_docs: bool) -> Batch {
    let text = text();
    let mut b = Batch::default();
    for d in first..first + n {
        let id = format!("{d:064x}");
        if with_docs {
            b.documents.push(document(&id, &text));
        }
        for k in 0..PER_DOC_QUESTIONS {
            let q = format!("q{}", (d * 7 + k * 101) % QUESTIONS);
            let ps = (0..PER_READING)
                .map(|i| {
                    let start = (i * 17 + k) % 400;
                    let from =
                        date(2022, 1, 1) + chrono::Days::new(((d * 3 + i * 11) % 1100) as u64);
                    let mut p = position(&q, &id, start, start + 40, from, at);
                    p.government = Gov(GOVS[(d + k + i) % GOVS.len()].to_string());
                    p.actor = ActorId(format!("actor-{}", (d * 31 + i) % 200));
                    p.stance = [Stance::Support, Stance::Oppose, Stance::Neutral][(d + i) % 3];
                    p.valid = ValidTime::day(from, TimeBasis::Expression);
                    p
                })
                .collect();
            b.readings.push(reading(&id, &q, at, ps));
        }
    }
    b
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: ledger sqlite|postgres POSITIONS PATH|URL [QUERIES]");
        std::process::exit(2);
    }
    let kind = args[1].as_str();
    let target: usize = args[2].parse().expect("POSITIONS");
    let place = &args[3];
    let queries: usize = args.get(4).map_or(300, |q| q.parse().expect("QUERIES"));
    let mut pg_schema = None;
    let mut store: Box<dyn Store> = match kind {
        "sqlite" => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{place}{suffix}"));
            }
            let store = vane_sqlite::SqliteStore::open(place).expect("open SQLite");
            Box::new(store)
        }
        "postgres" => {
            let schema = format!("bench_{}", std::process::id());
            pg_schema = Some(schema.clone());
            Box::new(vane_postgres::PgStore::connect_in(place, &schema).expect("connect"))
        }
        other => panic!("unknown store {other}"),
    };
    let per_commit = DOCS_PER_COMMIT * PER_DOC_QUESTIONS * PER_READING;
    let (rss0, _) = rss_kib();
    println!(
        "{kind}: loading {target} positions, {per_commit} a commit; RSS at start {} MiB",
        rss0 / 1024
    );
    let started = Instant::now();
    let mut in_commits = Duration::ZERO;
    let (mut loaded, mut next_doc, mut commits, mut at) = (0usize, 0usize, 0usize, 1000i64);
    let mut next_report = target / 10;
    while loaded < target {
        at += 1;
        let b = if commits % 10 == 9 && next_doc > DOCS_PER_COMMIT * 5 {
            // A re-reading of documents committed earlier.
            let first = (commits * 37 % (next_doc / DOCS_PER_COMMIT - 1)) * DOCS_PER_COMMIT;
            batch(first, DOCS_PER_COMMIT, at, false)
        } else {
            next_doc += DOCS_PER_COMMIT;
            batch(next_doc - DOCS_PER_COMMIT, DOCS_PER_COMMIT, at, true)
        };
        let t = Instant::now();
        let s = store.commit(b).expect("commit");
        in_commits += t.elapsed();
        loaded += s.positions;
        commits += 1;
        if loaded >= next_report {
            let (rss, hwm) = rss_kib();
            println!(
                "  {loaded:>10} positions  {:>8.0} positions/s in commits  RSS {} MiB (peak {} MiB)",
                loaded as f64 / in_commits.as_secs_f64(),
                rss / 1024,
                hwm / 1024
            );
            next_report += target / 10;
        }
    }
    let wall = started.elapsed();
    let stats = store.stats().expect("stats");
    println!(
        "loaded {} positions ({} readings, {} documents) in {:.1} s: {:.0} positions/s in commits, \
         {:.0} positions/s with generation",
        stats.positions,
        stats.readings,
        stats.documents,
        wall.as_secs_f64(),
        stats.positions as f64 / in_commits.as_secs_f64(),
        stats.positions as f64 / wall.as_secs_f64()
    );
    // Queries: a fixed-seed draw of questions and governments.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mid = RecordedTime {
        at: 1000 + commits as i64 / 2,
    };
    let (mut line, mut timeline) = (Vec::new(), Vec::new());
    let (mut line_rows, mut timeline_rows) = (0usize, 0usize);
    for i in 0..queries {
        let q = format!("q{}", next() % QUESTIONS as u64);
        let g = GOVS[(next() % GOVS.len() as u64) as usize];
        let snap = Snapshot {
            recorded_as_of: Some(if i % 2 == 0 {
                mid
            } else {
                RecordedTime { at: i64::MAX }
            }),
            valid_as_of: Some(date(2024, 6, 30)),
        };
        let t = Instant::now();
        let n = store
            .positions(&snap, &Filter::question(&q).with_government(Gov(g.into())))
            .expect("line query")
            .len();
        line.push(t.elapsed());
        line_rows += n;
        let t = Instant::now();
        let n = store
            .positions(&Snapshot::latest(), &Filter::question(&q))
            .expect("timeline query")
            .len();
        timeline.push(t.elapsed());
        timeline_rows += n;
    }
    println!(
        "line query (question + government, as of a recorded time and a valid date): \
         p50 {:.2} ms, p99 {:.2} ms, {:.0} positions a query",
        pct(&mut line, 0.5),
        pct(&mut line, 0.99),
        line_rows as f64 / queries as f64
    );
    println!(
        "timeline query (question, latest): p50 {:.2} ms, p99 {:.2} ms, {:.0} positions a query",
        pct(&mut timeline, 0.5),
        pct(&mut timeline, 0.99),
        timeline_rows as f64 / queries as f64
    );
    let (rss, hwm) = rss_kib();
    println!(
        "RSS at the end {} MiB (peak {} MiB)",
        rss / 1024,
        hwm / 1024
    );
    drop(store);
    if let Some(schema) = pg_schema {
        if std::env::var_os("KEEP").is_none() {
            let s = vane_postgres::PgStore::connect_in(place, &schema).expect("reconnect");
            s.drop_schema().expect("drop schema");
        }
    }
}
