//! Every endpoint against a real SQLite ledger holding the seed case.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;
use vane_core::RecordedTime;
use vane_serve::{router, Config, State};

const SEED: &str = include_str!("../../../examples/seed/rubio-lavrov-kuala-lumpur.txt");
const QUESTIONS: &str = include_str!("../../../examples/seed/questions.toml");
const Q: &str = "us-arms-to-ukraine";
const TOKEN: &str = "s3cret-token";

fn clock() -> RecordedTime {
    RecordedTime { at: 1_800_000_000 }
}

fn ledger(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vane-serve-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("wv.db")
}

/// A server over a ledger with the seed questions and article.
fn seeded(test: &str, config: Config) -> Arc<State> {
    let db = ledger(test);
    let store = vane_sqlite::SqliteStore::open(&db).unwrap();
    let mut engine = vane_engine::Engine::open(Box::new(store), Default::default()).unwrap();
    let qs = vane_read::questions::parse_toml(QUESTIONS).unwrap();
    engine
        .load_questions(&qs, RecordedTime { at: 100 })
        .unwrap();
    let mut opts = vane_engine::IngestOptions::at(RecordedTime { at: 200 });
    opts.published = chrono::NaiveDate::from_ymd_opt(2025, 7, 10);
    let seed = vane_engine::Bytes {
        name: "rubio-lavrov-kuala-lumpur.txt".into(),
        bytes: SEED.as_bytes().to_vec(),
    };
    let r = engine.ingest(&[], &[seed], &opts, &mut |_| {}).unwrap();
    assert!(r.positions > 0);
    State::new(engine, config, clock)
}

fn with_token() -> Config {
    Config {
        token: Some(TOKEN.into()),
        ..Config::default()
    }
}

async fn call(state: &Arc<State>, req: Request<Body>) -> (StatusCode, String) {
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

async fn get(state: &Arc<State>, uri: &str) -> (StatusCode, Value) {
    let (s, body) = call(state, Request::get(uri).body(Body::empty()).unwrap()).await;
    let v = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body}"));
    (s, v)
}

async fn ok(state: &Arc<State>, uri: &str) -> Value {
    let (s, v) = get(state, uri).await;
    assert_eq!(s, StatusCode::OK, "{uri}: {v}");
    v
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("")
}

fn post(uri: &str, token: Option<&str>, body: &str) -> Request<Body> {
    let mut r = Request::post(uri);
    if let Some(t) = token {
        r = r.header("authorization", format!("Bearer {t}"));
    }
    r.body(Body::from(body.to_string())).unwrap()
}

const OTHER: &str = "---\ntitle: Briefing\npublished: 2025-07-12\n---\n\nMR. KIRBY: We will keep providing Patriot batteries to Ukraine.\n";

#[tokio::test]
async fn a_write_without_the_token_is_refused() {
    let state = seeded("write-token", with_token());
    let uri = "/documents?name=briefing.md";
    let (s, body) = call(&state, post(uri, None, OTHER)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{body}");
    assert!(body.contains("\"unauthorized\""), "{body}");
    let (s, _) = call(&state, post(uri, Some("wrong"), OTHER)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let before = state_docs(&state).await;
    assert_eq!(before, 1, "nothing was stored");
    let (s, body) = call(&state, post(uri, Some(TOKEN), OTHER)).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["stored"], 1, "{v}");
    assert_eq!(state_docs(&state).await, 2);
    // A server with no token takes no writes at all.
    let closed = seeded("write-closed", Config::default());
    let (s, body) = call(&closed, post(uri, Some(TOKEN), OTHER)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(body.contains("writes_disabled"), "{body}");
}

async fn state_docs(state: &Arc<State>) -> usize {
    let v = ok(state, "/positions?limit=1000").await;
    v["coverage"]["documents"].as_u64().unwrap() as usize
}

#[tokio::test]
async fn ingest_reports_rejects_and_coverage_counts_them() {
    let state = seeded("ingest-reject", with_token());
    let (s, body) = call(
        &state,
        post(
            "/documents?name=undated.txt",
            Some(TOKEN),
            "No date here, said the minister.",
        ),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["stored"], 0);
    assert!(
        v["errors"][0].as_str().unwrap().contains("undated.txt"),
        "{v}"
    );
    let v = ok(&state, &format!("/questions/{Q}/line")).await;
    assert_eq!(v["coverage"]["rejected"], 1, "{v}");
    assert_eq!(v["coverage"]["documents"], 1, "{v}");
    assert_eq!(v["coverage"]["undated"], 0, "{v}");
    // A bad date is a 400 with a stable code.
    let (s, body) = call(
        &state,
        post("/documents?name=x.txt&published=July", Some(TOKEN), "x"),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(body.contains("bad_request"), "{body}");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let state = seeded(
        "limit",
        Config {
            max_body: 1000,
            ..with_token()
        },
    );
    let big = "word ".repeat(1000);
    let (s, _) = call(&state, post("/documents?name=big.txt", Some(TOKEN), &big)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn documents_are_read_by_id() {
    let state = seeded("documents", with_token());
    let v = ok(&state, "/positions?limit=1").await;
    let id = v["positions"][0]["document_id"]
        .as_str()
        .unwrap()
        .to_string();
    let d = ok(&state, &format!("/documents/{id}")).await;
    assert_eq!(d["name"], "rubio-lavrov-kuala-lumpur.txt");
    assert_eq!(d["text"], SEED);
    assert_eq!(d["published"], "2025-07-10");
    let (s, v) = get(&state, "/documents/0000").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(code(&v), "unknown_document");
}

#[tokio::test]
async fn positions_filter_and_page_with_a_cursor() {
    let state = seeded("positions", with_token());
    let all = ok(&state, &format!("/positions?question={Q}&limit=1000")).await;
    let n = all["positions"].as_array().unwrap().len();
    assert!(n >= 2, "{all}");
    assert!(all["next_cursor"].is_null());
    assert_eq!(all["coverage"]["documents"], 1);
    // Pages of one, following the cursor, give the same positions.
    let mut seen = Vec::new();
    let mut uri = format!("/positions?question={Q}&limit=1");
    loop {
        let v = ok(&state, &uri).await;
        seen.push(v["positions"][0].clone());
        match v["next_cursor"].as_str() {
            Some(c) => uri = format!("/positions?question={Q}&limit=1&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, all["positions"].as_array().unwrap().clone());
    // Filters.
    let usa = ok(
        &state,
        &format!("/positions?question={Q}&government=usa&limit=1000"),
    )
    .await;
    assert!(usa["positions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["government"] == "USA"));
    let trump = ok(&state, "/positions?actor=donald%20trump&limit=1000").await;
    assert!(trump["positions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["actor"] == "Donald Trump"));
    assert!(!trump["positions"].as_array().unwrap().is_empty());
    let early = ok(&state, &format!("/positions?question={Q}&until=2000-01-01")).await;
    assert!(early["positions"].as_array().unwrap().is_empty());
    let before = ok(&state, &format!("/positions?question={Q}&known_at=150")).await;
    assert!(
        before["positions"].as_array().unwrap().is_empty(),
        "nothing was known at 150"
    );
    let kinds = ok(&state, "/positions?kind=action&limit=1000").await;
    assert!(kinds["positions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["kind"] == "action"));
    // Errors.
    let (s, v) = get(&state, "/positions?question=us-arms-to-ukraina").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(code(&v), "unknown_question");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("us-arms-to-ukraine"),
        "{v}"
    );
    let (s, v) = get(&state, "/positions?since=yesterday").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(code(&v), "bad_request");
    let (s, v) = get(&state, "/positions?cursor=zzz").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, v) = get(&state, "/positions?government=Atlantis").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(code(&v), "unknown_government");
}

#[tokio::test]
async fn downloads_stream_every_position() {
    let state = seeded("downloads", with_token());
    let all = ok(&state, "/positions?limit=1000").await;
    let n = all["positions"].as_array().unwrap().len();
    let (s, csv) = call(
        &state,
        Request::get("/positions.csv").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        csv.starts_with("question,actor,government,rank,stance"),
        "{csv}"
    );
    let (s, jsonl) = call(
        &state,
        Request::get("/positions.jsonl")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(jsonl.lines().count(), n);
    let first: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first, all["positions"][0]);
    let (s, _) = call(
        &state,
        Request::get("/positions.csv?question=nope")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn questions_and_actors() {
    let state = seeded("questions", with_token());
    let v = ok(&state, "/questions").await;
    assert!(v.as_array().unwrap().iter().any(|q| q["id"] == Q), "{v}");
    let v = ok(&state, "/actors?q=rubio").await;
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Marco Rubio"),
        "{v}"
    );
}

#[tokio::test]
async fn line_timeline_reversals_contradictions_brief() {
    let state = seeded("analyses", with_token());
    let v = ok(&state, &format!("/questions/{Q}/line")).await;
    let lines = v["lines"].as_array().unwrap();
    assert!(lines.iter().any(|l| l["government"] == "USA"), "{v}");
    assert_eq!(v["coverage"]["documents"], 1);
    let v = ok(&state, &format!("/questions/{Q}/timeline?as_of=2025-07-10")).await;
    assert!(!v["positions"].as_array().unwrap().is_empty());
    let v = ok(&state, &format!("/questions/{Q}/reversals")).await;
    let items = v["items"].as_array().unwrap();
    assert!(!items.is_empty(), "the seed case has a reversal: {v}");
    assert!(items[0]["before"]["stance"].is_string());
    let v = ok(&state, &format!("/questions/{Q}/contradictions")).await;
    assert!(v["items"].is_array());
    assert!(v["coverage"].is_object());
    let v = ok(
        &state,
        &format!("/questions/{Q}/brief?side=USA&counterpart=Russia&limit=3"),
    )
    .await;
    assert_eq!(v["side"], "USA");
    assert_eq!(v["counterpart"], "RUS");
    assert!(v["exposures"].as_array().unwrap().len() <= 3);
    assert_eq!(v["coverage"]["documents"], 1);
    let (s, v) = get(
        &state,
        &format!("/questions/{Q}/brief?side=USA&counterpart=RUSS"),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(code(&v), "unknown_government");
    let (s, v) = get(&state, "/questions/nope/line").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(code(&v), "unknown_question");
}

#[tokio::test]
async fn counts_over_time() {
    let state = seeded("counts", with_token());
    let v = ok(
        &state,
        &format!("/questions/{Q}/counts?interval=day&stance=support"),
    )
    .await;
    let rows = v["counts"].as_array().unwrap();
    assert!(!rows.is_empty(), "{v}");
    for r in rows {
        let (c, t) = (r["count"].as_u64().unwrap(), r["total"].as_u64().unwrap());
        assert!(c <= t && t > 0);
        assert!((r["ratio"].as_f64().unwrap() - c as f64 / t as f64).abs() < 1e-9);
    }
    let all = ok(&state, &format!("/questions/{Q}/counts?interval=year")).await;
    let total: u64 = all["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["total"].as_u64().unwrap())
        .sum();
    let n = ok(&state, &format!("/positions?question={Q}&limit=1000")).await["positions"]
        .as_array()
        .unwrap()
        .len() as u64;
    assert_eq!(total, n);
    let (s, v) = get(&state, &format!("/questions/{Q}/counts?interval=week")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
}

#[tokio::test]
async fn search_over_statements() {
    let state = seeded("search", with_token());
    let v = ok(&state, "/search?q=WEAPONS").await;
    let hits = v["positions"].as_array().unwrap();
    assert!(!hits.is_empty(), "{v}");
    assert!(hits.iter().all(|p| p["text"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("weapons")));
    let v = ok(&state, "/search?q=%22weapons%22%20OR%20NOT").await;
    assert!(
        v["positions"].as_array().unwrap().is_empty(),
        "every word must match: {v}"
    );
    let v = ok(&state, "/search?q=zzzyxq").await;
    assert!(v["positions"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn reads_can_need_the_token() {
    let state = seeded(
        "protected",
        Config {
            protect_reads: true,
            ..with_token()
        },
    );
    let (s, v) = get(&state, "/questions").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&v), "unauthorized");
    let req = Request::get("/questions")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    let (s, _) = call(&state, req).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn the_openapi_spec_lists_every_route() {
    let state = seeded("openapi", with_token());
    let v = ok(&state, "/openapi.json").await;
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    let paths = v["paths"].as_object().unwrap();
    for p in [
        "/documents",
        "/documents/{id}",
        "/positions",
        "/positions.csv",
        "/positions.jsonl",
        "/questions",
        "/actors",
        "/questions/{id}/line",
        "/questions/{id}/timeline",
        "/questions/{id}/reversals",
        "/questions/{id}/contradictions",
        "/questions/{id}/brief",
        "/questions/{id}/counts",
        "/search",
    ] {
        assert!(paths.contains_key(p), "{p} not in the spec");
    }
    assert!(v["components"]["schemas"]["PositionRow"].is_object());
    let (s, v) = get(&state, "/nowhere").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(code(&v), "not_found");
}

/// The real server on 127.0.0.1, spoken to over TCP.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_on_loopback() {
    let state = seeded("loopback", with_token());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, router(state)).await });
    let answer = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        write!(
            s,
            "GET /questions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    })
    .await
    .unwrap();
    server.abort();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(Q), "{answer}");
}

#[tokio::test]
async fn the_page_its_script_and_style_are_served_with_a_strict_policy() {
    let state = seeded("page", Config::default());
    for (uri, ctype, needle) in [
        ("/", "text/html", "<script src=\"/app.js\""),
        ("/app.js", "text/javascript", "/questions/"),
        ("/style.css", "text/css", ".mark"),
    ] {
        let res = router(state.clone())
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{uri}");
        let h = res.headers();
        assert!(
            h["content-type"].to_str().unwrap().starts_with(ctype),
            "{uri}"
        );
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{uri}: {csp}");
        let body = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        assert!(String::from_utf8_lossy(&body).contains(needle), "{uri}");
    }
    // The page is readable even when reads need the token (it sends none,
    // so the API answers it 401 with a code the page shows).
    let closed = seeded(
        "page-closed",
        Config {
            token: Some(TOKEN.into()),
            protect_reads: true,
            ..Config::default()
        },
    );
    let (s, _) = call(&closed, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = get(&closed, "/questions").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&v), "unauthorized");
}

// ---- the read cache -------------------------------------------------------

/// A second server over the ledger of `test` (made by `seeded`), with an
/// empty cache: the uncached answers.
fn reopened(test: &str, config: Config) -> Arc<State> {
    let db = std::env::temp_dir()
        .join(format!("vane-serve-{test}-{}", std::process::id()))
        .join("wv.db");
    let store = vane_sqlite::SqliteStore::open(&db).unwrap();
    let engine = vane_engine::Engine::open(Box::new(store), Default::default()).unwrap();
    State::new(engine, config, clock)
}

/// Every cached read route, with and without parameters.
fn cached_routes() -> Vec<String> {
    let mut out = vec![
        "/questions".to_string(),
        "/actors?q=rubio".into(),
        "/positions?limit=1000".into(),
        format!("/positions?question={Q}&limit=2"),
        format!("/positions?question={Q}&government=USA&known_at=150"),
        "/search?q=tanks".into(),
        format!("/search?q=ukraine&question={Q}"),
    ];
    for r in [
        "line",
        "line?as_of=2025-07-09",
        "line?known_at=150",
        "timeline",
        "reversals",
        "contradictions",
        "brief?side=USA&counterpart=RUS&limit=3",
        "counts?interval=day",
        "counts?stance=support&government=USA",
    ] {
        out.push(format!("/questions/{Q}/{r}"));
    }
    out
}

async fn answers(state: &Arc<State>) -> Vec<(String, StatusCode, String)> {
    let mut out = Vec::new();
    for uri in cached_routes() {
        let (s, body) = call(state, Request::get(&uri).body(Body::empty()).unwrap()).await;
        out.push((uri, s, body));
    }
    out
}

fn same(a: &[(String, StatusCode, String)], b: &[(String, StatusCode, String)]) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x, y, "cached and uncached answers differ on {}", x.0);
    }
}

#[tokio::test]
async fn cached_answers_are_the_uncached_ones_before_and_after_a_write() {
    let state = seeded("cache-write", with_token());
    let first = answers(&state).await;
    assert!(
        first.iter().all(|(_, s, _)| *s == StatusCode::OK),
        "{first:?}"
    );
    // Again: from the cache, the same bytes.
    same(&first, &answers(&state).await);
    same(
        &first,
        &answers(&reopened("cache-write", with_token())).await,
    );
    // A write through the server: every answer is recomputed at once.
    let (s, body) = call(
        &state,
        post("/documents?name=briefing.md", Some(TOKEN), OTHER),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let after = answers(&state).await;
    same(
        &after,
        &answers(&reopened("cache-write", with_token())).await,
    );
    let line = |a: &[(String, StatusCode, String)]| {
        a.iter()
            .find(|(u, _, _)| u.ends_with("/line"))
            .unwrap()
            .2
            .clone()
    };
    assert_ne!(
        line(&first),
        line(&after),
        "the write changed the line's coverage"
    );
    // A rejected input changes the coverage block's count: not cached over.
    let (s, _) = call(
        &state,
        post("/documents?name=undated.txt", Some(TOKEN), "No date here."),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let v = ok(&state, &format!("/questions/{Q}/line")).await;
    assert_eq!(v["coverage"]["rejected"], 1, "{v}");
}

#[tokio::test]
async fn a_write_by_another_process_is_seen_within_the_recheck_interval() {
    let state = seeded("cache-other", with_token());
    let before = answers(&state).await;
    // Another writer on the same file (as `vane ingest` would be).
    let db = std::env::temp_dir()
        .join(format!("vane-serve-cache-other-{}", std::process::id()))
        .join("wv.db");
    let store = vane_sqlite::SqliteStore::open(&db).unwrap();
    let mut other = vane_engine::Engine::open(Box::new(store), Default::default()).unwrap();
    let opts = vane_engine::IngestOptions::at(RecordedTime { at: 300 });
    let doc = vane_engine::Bytes {
        name: "briefing.md".into(),
        bytes: OTHER.as_bytes().to_vec(),
    };
    let r = other.ingest(&[], &[doc], &opts, &mut |_| {}).unwrap();
    assert_eq!(r.stored, 1);
    tokio::time::sleep(vane_serve::RECHECK + std::time::Duration::from_millis(50)).await;
    let after = answers(&state).await;
    same(
        &after,
        &answers(&reopened("cache-other", with_token())).await,
    );
    assert_ne!(before, after, "the other writer's document is counted");
}

// ---- found by schemathesis (scripts/schemathesis.sh) ----------------------

#[tokio::test]
async fn a_malformed_parameter_is_a_json_bad_request() {
    let state = seeded("malformed", with_token());
    for uri in [
        format!("/questions/{Q}/line?known_at=9223372036854775808"),
        format!("/questions/{Q}/timeline?known_at=abc"),
        "/actors?limit=-1".to_string(),
        "/search?q=x&limit=-1".into(),
        "/positions.csv?known_at=x".into(),
        format!("/questions/{Q}/counts?interval="),
        "/search?q=x&limit=66707603307443840973012992".into(),
        format!("/questions/{Q}/brief?side=USA&counterpart=RUS&limit=1000001"),
        "/positions?limit=1000001".into(),
    ] {
        let (s, v) = get(&state, &uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: {v}");
        assert_eq!(code(&v), "bad_request", "{uri}: {v}");
    }
}

#[tokio::test]
async fn an_empty_date_or_body_is_a_bad_request() {
    let state = seeded("empty-date", with_token());
    let (s, v) = get(&state, &format!("/questions/{Q}/line?as_of=")).await;
    assert_eq!(
        (s, code(&v)),
        (StatusCode::BAD_REQUEST, "bad_request"),
        "{v}"
    );
    let (s, body) = call(&state, post("/documents?name=b.md", Some(TOKEN), "")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("body: empty"), "{body}");
}

#[tokio::test]
async fn the_spec_documents_every_answer_and_parameter_format() {
    let state = seeded("spec-formats", with_token());
    let spec = ok(&state, "/openapi.json").await;
    let paths = spec["paths"].as_object().unwrap();
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            if !params.is_empty() {
                assert!(
                    op["responses"]["400"].is_object(),
                    "{method} {path} takes parameters but documents no 400"
                );
            }
            for p in &params {
                let name = p["name"].as_str().unwrap();
                if ["as_of", "since", "until", "published"].contains(&name) {
                    assert_eq!(p["schema"]["format"], "date", "{method} {path} {name}");
                }
            }
            if path.starts_with("/positions.") {
                assert!(
                    !params
                        .iter()
                        .any(|p| p["name"] == "cursor" || p["name"] == "limit"),
                    "a download has no pages: {path}"
                );
            }
        }
    }
    let counts = &paths["/questions/{id}/counts"]["get"]["parameters"];
    let interval = counts
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "interval")
        .unwrap();
    assert!(interval.to_string().contains("\"month\""), "{interval}");
}

#[tokio::test]
async fn the_spec_says_an_ingest_body_is_not_empty() {
    let state = seeded("spec-body", with_token());
    let spec = ok(&state, "/openapi.json").await;
    let body = &spec["paths"]["/documents"]["post"]["requestBody"]["content"]
        ["application/octet-stream"]["schema"];
    assert_eq!(body["minLength"], 1, "{body}");
}
