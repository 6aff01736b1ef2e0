//! The load check of `vane serve` (scripts/load-check.sh runs it; not a test).
//!
//! `load seed DB POSITIONS QUESTIONS`: a ledger of synthetic positions,
//! committed through the `Store` trait. The seed article is read once (the
//! real reader, into memory); its positions are the templates, cloned onto
//! copies of the article (each copy a distinct document, the article's text
//! plus a line) with other questions, officials, governments, stances and
//! dates, so every position still cites a real range of a stored text.
//!
//! `load drive ADDR REQUESTS SECONDS CONCURRENCY`: GET requests over
//! keep-alive connections (a plain std::net HTTP/1.1 client), one endpoint
//! at a time, each bounded by REQUESTS and SECONDS; prints requests/s and
//! p50/p99 latency per endpoint. Only the address given is contacted.
//!
//! `load probe DB`: times the ledger reads behind a line query, without HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vane_core::{ActorId, Document, Gov, RecordedTime, Stance};
use vane_ledger::{Batch, Filter, Reading, Snapshot, Store};

const SEED: &str = include_str!("../../../examples/seed/rubio-lavrov-kuala-lumpur.txt");
const QUESTIONS: &str = include_str!("../../../examples/seed/questions.toml");
const GOVS: &[&str] = &["USA", "RUS", "UKR", "GBR", "FRA", "DEU", "CHN", "TUR"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = |i: usize, default: usize| {
        args.get(i)
            .map(|s| s.parse().expect("a number"))
            .unwrap_or(default)
    };
    match args.first().map(String::as_str) {
        Some("seed") => seed(&args[1], n(2, 100_000), n(3, 100)),
        Some("probe") => probe(&args[1]),
        Some("drive") => drive(&args[1], n(2, 20_000), n(3, 20), n(4, 4)),
        _ => {
            eprintln!("usage: load seed DB [POSITIONS] [QUESTIONS] | load drive HOST:PORT [REQUESTS] [SECONDS] [CONCURRENCY]");
            std::process::exit(2);
        }
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn seed(db: &str, target: usize, nq: usize) {
    let t0 = Instant::now();
    // The templates: the seed article read by the real reader, in memory.
    let seed_qs = vane_read::questions::parse_toml(QUESTIONS).expect("seed questions");
    let mut mem =
        vane_engine::Engine::open(Box::new(vane_ledger::MemStore::new()), Default::default())
            .expect("engine");
    mem.load_questions(&seed_qs, RecordedTime { at: 1 })
        .expect("questions");
    let mut opts = vane_engine::IngestOptions::at(RecordedTime { at: 2 });
    opts.published = chrono::NaiveDate::from_ymd_opt(2025, 7, 10);
    let input = vane_engine::Bytes {
        name: "seed.txt".into(),
        bytes: SEED.as_bytes().to_vec(),
    };
    mem.ingest(&[], &[input], &opts, &mut |_| {})
        .expect("ingest");
    let templates = mem
        .store()
        .positions(&Snapshot::latest(), &Filter::all())
        .expect("positions");
    assert!(!templates.is_empty(), "the seed article gave no position");

    // The questions: the seed's first, under NQ ids.
    let base = seed_qs
        .iter()
        .find(|q| q.id == "us-arms-to-ukraine")
        .expect("seed question")
        .clone();
    let qs: Vec<_> = (0..nq)
        .map(|i| {
            let mut q = base.clone();
            q.id = format!("q{i:03}");
            q
        })
        .collect();
    let _ = std::fs::remove_file(db);
    let mut store = vane_sqlite::SqliteStore::open(db).expect("open the ledger");
    let store: &mut dyn Store = &mut store;
    store
        .put_questions(&qs, RecordedTime { at: 0 })
        .expect("questions");

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let per_reading = templates.len();
    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let (mut made, mut docs) = (0usize, 0usize);
    while made < target {
        let mut batch = Batch::default();
        for _ in 0..200 {
            if made >= target {
                break;
            }
            let text = format!("{SEED}\n\n(synthetic copy {docs})\n");
            let id = vane_ingest::doc_id(&text);
            let day = start + chrono::Days::new(rng.below(3 * 365));
            let recorded = RecordedTime {
                at: 1_700_000_000 + docs as i64,
            };
            batch.documents.push(Document {
                id: id.clone(),
                name: format!("synthetic/{docs:06}.txt"),
                title: Some(format!("Synthetic copy {docs}")),
                published: Some(day),
                source: Some("load check".into()),
                url: Some(format!("https://example.org/synthetic/{docs}")),
                text,
            });
            // Each copy is read for four questions.
            for k in 0..4 {
                let q = &qs[(docs * 4 + k) % nq].id;
                let positions = templates
                    .iter()
                    .take(per_reading.min(target - made))
                    .map(|t| {
                        let mut p = t.clone();
                        let g = GOVS[rng.below(GOVS.len() as u64) as usize];
                        let who = rng.below(6);
                        p.question = q.clone();
                        p.government = Gov(g.into());
                        p.actor = ActorId(format!("{}-{g}-{who}", t.actor.0));
                        p.actor_name = format!("{} ({g} {who})", t.actor_name);
                        p.stance = match rng.below(3) {
                            0 => Stance::Support,
                            1 => Stance::Oppose,
                            _ => Stance::Neutral,
                        };
                        let from = day - chrono::Days::new(rng.below(10));
                        p.valid.from = from;
                        p.valid.to = from + chrono::Days::new(rng.below(14));
                        p.recorded = recorded;
                        p.evidence.doc = id.clone();
                        p
                    })
                    .collect::<Vec<_>>();
                made += positions.len();
                batch.readings.push(Reading {
                    document: id.clone(),
                    question: q.clone(),
                    recorded,
                    positions,
                });
            }
            docs += 1;
        }
        store.commit(batch).expect("commit");
    }
    let stats = store.stats().expect("stats");
    println!(
        "seeded {db}: {made} positions, {docs} documents, {nq} questions in {:.1}s ({stats:?})",
        t0.elapsed().as_secs_f64()
    );
}

/// Times the ledger reads a line query makes, without HTTP.
fn probe(db: &str) {
    let store = vane_sqlite::SqliteStore::open(db).expect("open the ledger");
    let time = |what: &str, f: &dyn Fn() -> usize| {
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..20 {
            n = f();
        }
        println!(
            "{what:<40} {:>8.2} ms ({n})",
            t.elapsed().as_secs_f64() * 1e3 / 20.0
        );
    };
    time("readings()", &|| store.readings().unwrap().len());
    time("links()", &|| store.links().unwrap().len());
    time("positions(q000)", &|| {
        store
            .positions(&Snapshot::latest(), &Filter::question("q000"))
            .unwrap()
            .len()
    });
    let ps = store
        .positions(&Snapshot::latest(), &Filter::question("q000"))
        .unwrap();
    time("lines(q000)", &|| {
        vane_analysis::lines(&ps, None, &vane_analysis::Config::default()).len()
    });
}

/// One keep-alive connection.
struct Conn {
    r: BufReader<TcpStream>,
    host: String,
}

impl Conn {
    fn open(host: &str) -> std::io::Result<Conn> {
        let s = TcpStream::connect(host)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Conn {
            r: BufReader::new(s),
            host: host.to_string(),
        })
    }

    /// GET `path`: the status and the body's length.
    fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        write!(
            self.r.get_mut(),
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n\r\n",
            self.host
        )?;
        let mut line = String::new();
        self.r.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let (mut len, mut chunked) = (None, false);
        loop {
            line.clear();
            self.r.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let lower = l.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                len = v.trim().parse().ok();
            } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
        }
        let mut total = 0;
        if chunked {
            loop {
                line.clear();
                self.r.read_line(&mut line)?;
                let n = usize::from_str_radix(line.trim(), 16).map_err(std::io::Error::other)?;
                let mut buf = vec![0; n + 2];
                self.r.read_exact(&mut buf)?;
                total += n;
                if n == 0 {
                    break;
                }
            }
        } else {
            let n = len.ok_or_else(|| std::io::Error::other("no content-length"))?;
            let mut buf = vec![0; n];
            self.r.read_exact(&mut buf)?;
            total = n;
        }
        Ok((status, total))
    }
}

fn drive(host: &str, requests: usize, seconds: usize, concurrency: usize) {
    let mut c = Conn::open(host).expect("connect");
    let (s, _) = c.get("/questions").expect("GET /questions");
    assert_eq!(s, 200, "GET /questions");
    // The ids, without a JSON parser: every "id":"..." of the list.
    let mut body = String::new();
    {
        let mut c2 = Conn::open(host).expect("connect");
        write!(
            c2.r.get_mut(),
            "GET /questions HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        c2.r.read_to_string(&mut body).unwrap();
    }
    let ids: Vec<String> = body
        .split("\"id\":\"")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_string))
        .collect();
    assert!(!ids.is_empty(), "the server watches no question");
    println!(
        "{} questions; {requests} requests or {seconds}s per endpoint, {concurrency} connections",
        ids.len()
    );
    println!(
        "{:<34} {:>8} {:>6} {:>9} {:>9} {:>9} {:>9}",
        "endpoint", "requests", "errors", "req/s", "p50 ms", "p99 ms", "bytes/req"
    );
    let ids = Arc::new(ids);
    type PathFn = fn(&str, u64) -> String;
    let endpoints: &[(&str, PathFn)] = &[
        ("GET /questions/{id}/line", |q, _| {
            format!("/questions/{q}/line")
        }),
        ("GET /questions/{id}/line?as_of=", |q, r| {
            format!(
                "/questions/{q}/line?as_of=2023-{:02}-{:02}",
                1 + r % 12,
                1 + r % 28
            )
        }),
        ("GET /questions/{id}/timeline", |q, _| {
            format!("/questions/{q}/timeline")
        }),
        ("GET /positions?question=&limit=100", |q, _| {
            format!("/positions?question={q}&limit=100")
        }),
        ("GET /questions/{id}/brief", |q, _| {
            format!("/questions/{q}/brief?side=USA&counterpart=RUS&limit=20")
        }),
        ("GET /search?q=defensive&limit=50", |q, _| {
            format!("/search?q=defensive&question={q}&limit=50")
        }),
    ];
    for (name, path) in endpoints {
        let left = Arc::new(AtomicUsize::new(requests));
        let errors = Arc::new(AtomicUsize::new(0));
        let deadline = Instant::now() + Duration::from_secs(seconds as u64);
        let t0 = Instant::now();
        let handles: Vec<_> = (0..concurrency)
            .map(|w| {
                let (left, errors, ids, host) =
                    (left.clone(), errors.clone(), ids.clone(), host.to_string());
                let path = *path;
                std::thread::spawn(move || {
                    let mut conn = Conn::open(&host).expect("connect");
                    let mut rng = Rng(0x1234_5678 + w as u64);
                    let (mut lat, mut bytes) = (Vec::new(), 0usize);
                    while Instant::now() < deadline
                        && left
                            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                                n.checked_sub(1)
                            })
                            .is_ok()
                    {
                        let r = rng.next();
                        let p = path(&ids[(r % ids.len() as u64) as usize], r >> 8);
                        let t = Instant::now();
                        match conn.get(&p) {
                            Ok((200, n)) => {
                                lat.push(t.elapsed());
                                bytes += n;
                            }
                            Ok(_) => {
                                errors.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(_) => {
                                errors.fetch_add(1, Ordering::Relaxed);
                                conn = Conn::open(&host).expect("reconnect");
                            }
                        }
                    }
                    (lat, bytes)
                })
            })
            .collect();
        let (mut lat, mut bytes) = (Vec::new(), 0);
        for h in handles {
            let (l, b) = h.join().expect("worker");
            lat.extend(l);
            bytes += b;
        }
        let wall = t0.elapsed().as_secs_f64();
        lat.sort();
        let pct = |p: f64| {
            lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
                .map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
        };
        let done = lat.len() + errors.load(Ordering::Relaxed);
        println!(
            "{:<34} {:>8} {:>6} {:>9.0} {:>9.2} {:>9.2} {:>9}",
            name,
            done,
            errors.load(Ordering::Relaxed),
            lat.len() as f64 / wall,
            pct(0.50),
            pct(0.99),
            bytes / lat.len().max(1)
        );
    }
}
