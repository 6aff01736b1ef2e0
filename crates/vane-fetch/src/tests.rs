//! Tests against canned HTTP servers on 127.0.0.1, started by each test.

use super::*;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// One request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    headers: Vec<(String, String)>,
    at: Instant,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
enum Reply {
    Bytes(Vec<u8>),
    /// Keep the connection open and never answer.
    Hang,
}

struct Server {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    fn seen(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    fn paths(&self) -> Vec<String> {
        self.seen().into_iter().map(|s| s.path).collect()
    }
}

/// Serve connections one at a time, one request each, until the test ends.
fn serve(handler: impl Fn(&Seen) -> Reply + Send + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let thread_log = Arc::clone(&log);
    thread::spawn(move || {
        let mut held: Vec<TcpStream> = Vec::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let Some(seen) = read_request(&stream) else {
                continue;
            };
            thread_log.lock().unwrap().push(seen.clone());
            match handler(&seen) {
                Reply::Bytes(bytes) => {
                    let _ = stream.write_all(&bytes);
                    let _ = stream.flush();
                }
                Reply::Hang => held.push(stream),
            }
        }
    });
    Server { addr, log }
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (k, v) = line.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    Some(Seen {
        path,
        headers,
        at: Instant::now(),
    })
}

/// A complete response with Content-Length and `Connection: close`.
fn respond(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut out = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    Reply::Bytes(bytes)
}

/// A response whose body ends when the connection closes (no length).
fn respond_unsized(body: &[u8]) -> Reply {
    let mut bytes =
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n".to_vec();
    bytes.extend_from_slice(body);
    Reply::Bytes(bytes)
}

fn not_found() -> Reply {
    respond("404 Not Found", &[], b"")
}

fn config() -> Config {
    Config {
        timeout: Duration::from_secs(5),
        max_bytes: 1024,
        max_redirects: 5,
        per_host_delay: Duration::ZERO,
        ..Config::default()
    }
}

fn fetcher() -> Fetcher {
    Fetcher::new(config())
}

#[test]
fn fetches_a_page_with_the_user_agent() {
    let server = serve(|req| match req.path.as_str() {
        "/page" if req.header("user-agent") == Some(DEFAULT_USER_AGENT) => respond(
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            b"<p>hello</p>",
        ),
        "/page" => respond("403 Forbidden", &[], b""),
        _ => not_found(),
    });
    let got = fetcher().get(&server.url("/page"), None).unwrap();
    assert_eq!(got.status, 200);
    assert_eq!(got.body, b"<p>hello</p>");
    assert_eq!(got.url, server.url("/page"));
    assert_eq!(
        got.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(!got.not_modified);
    let seen = server.seen();
    assert!(seen
        .iter()
        .all(|s| s.header("user-agent") == Some(DEFAULT_USER_AGENT)));
    assert_eq!(server.paths(), ["/robots.txt", "/page"]);
}

#[test]
fn robots_disallow_is_honoured_without_requesting_the_path() {
    let server = serve(|req| match req.path.as_str() {
        "/robots.txt" => respond(
            "200 OK",
            &[("Content-Type", "text/plain")],
            b"User-agent: *\nDisallow: /private\n",
        ),
        _ => respond("200 OK", &[], b"ok"),
    });
    let mut f = fetcher();
    let err = f.get(&server.url("/private/x"), None).unwrap_err();
    assert!(
        matches!(&err, FetchError::Robots { url } if url == &server.url("/private/x")),
        "{err:?}"
    );
    assert_eq!(f.get(&server.url("/public"), None).unwrap().body, b"ok");
    // robots.txt is fetched once and cached; the disallowed path never asked.
    assert_eq!(server.paths(), ["/robots.txt", "/public"]);
}

#[test]
fn robots_group_for_our_agent_wins_over_star() {
    let server = serve(|req| match req.path.as_str() {
        "/robots.txt" => respond(
            "200 OK",
            &[],
            b"User-agent: *\nAllow: /\n\nUser-agent: weathervane\nDisallow: /news\n",
        ),
        _ => respond("200 OK", &[], b"ok"),
    });
    let mut f = fetcher();
    assert!(matches!(
        f.get(&server.url("/news/1"), None),
        Err(FetchError::Robots { .. })
    ));
    assert!(f.get(&server.url("/other"), None).is_ok());
    assert_eq!(server.paths(), ["/robots.txt", "/other"]);
}

#[test]
fn robots_server_error_disallows_and_is_not_cached() {
    let server = serve(|req| match req.path.as_str() {
        "/robots.txt" => respond("503 Service Unavailable", &[], b""),
        _ => respond("200 OK", &[], b"ok"),
    });
    let mut f = fetcher();
    for _ in 0..2 {
        assert!(matches!(
            f.get(&server.url("/a"), None),
            Err(FetchError::Robots { .. })
        ));
    }
    assert_eq!(server.paths(), ["/robots.txt", "/robots.txt"]);
}

#[test]
fn redirect_chain_is_followed() {
    let server = serve(|req| match req.path.as_str() {
        "/a" => respond("302 Found", &[("Location", "/b")], b""),
        "/b" => respond("301 Moved Permanently", &[("Location", "c")], b""),
        "/c" => respond("200 OK", &[], b"end"),
        _ => not_found(),
    });
    let got = fetcher().get(&server.url("/a"), None).unwrap();
    assert_eq!(got.url, server.url("/c"));
    assert_eq!(got.body, b"end");
    assert_eq!(server.paths(), ["/robots.txt", "/a", "/b", "/c"]);
}

#[test]
fn redirect_loop_gives_too_many_redirects() {
    let server = serve(|req| match req.path.as_str() {
        "/loop" => respond("302 Found", &[("Location", "/loop")], b""),
        _ => not_found(),
    });
    let mut f = Fetcher::new(Config {
        max_redirects: 3,
        ..config()
    });
    let err = f.get(&server.url("/loop"), None).unwrap_err();
    assert!(
        matches!(&err, FetchError::TooManyRedirects { url } if url == &server.url("/loop")),
        "{err:?}"
    );
    let loops = server.paths().iter().filter(|p| *p == "/loop").count();
    assert_eq!(loops, 4, "the first request and three redirects");
}

#[test]
fn redirect_to_another_scheme_is_a_bad_url() {
    let server = serve(|req| match req.path.as_str() {
        "/a" => respond("302 Found", &[("Location", "file:///etc/passwd")], b""),
        _ => not_found(),
    });
    let err = fetcher().get(&server.url("/a"), None).unwrap_err();
    assert!(matches!(err, FetchError::BadUrl { .. }), "{err:?}");
}

#[test]
fn body_over_the_cap_is_too_large() {
    let big = vec![b'x'; 2000];
    let exact = vec![b'y'; 1024];
    let server = serve(move |req| match req.path.as_str() {
        "/declared" => respond("200 OK", &[], &big),
        "/streamed" => respond_unsized(&big),
        "/exact" => respond_unsized(&exact),
        _ => not_found(),
    });
    let mut f = fetcher();
    for path in ["/declared", "/streamed"] {
        let err = f.get(&server.url(path), None).unwrap_err();
        assert!(
            matches!(&err, FetchError::TooLarge { url, limit: 1024 } if url == &server.url(path)),
            "{path}: {err:?}"
        );
    }
    assert_eq!(f.get(&server.url("/exact"), None).unwrap().body.len(), 1024);
}

#[test]
fn conditional_get_gives_not_modified() {
    const ETAG: &str = "\"v1\"";
    const LM: &str = "Wed, 21 Oct 2026 07:28:00 GMT";
    let server = serve(|req| match req.path.as_str() {
        "/doc" if req.header("if-none-match") == Some(ETAG) => {
            respond("304 Not Modified", &[("ETag", ETAG)], b"")
        }
        "/doc" => respond("200 OK", &[("ETag", ETAG), ("Last-Modified", LM)], b"body"),
        "/dated" if req.header("if-modified-since") == Some(LM) => {
            respond("304 Not Modified", &[], b"")
        }
        "/dated" => respond("200 OK", &[("Last-Modified", LM)], b"body"),
        _ => not_found(),
    });
    let mut f = fetcher();

    let first = f.get(&server.url("/doc"), None).unwrap();
    assert!(!first.not_modified);
    assert_eq!(first.etag.as_deref(), Some(ETAG));
    assert_eq!(first.last_modified.as_deref(), Some(LM));
    let second = f
        .get(&server.url("/doc"), Some(&first.validators()))
        .unwrap();
    assert!(second.not_modified);
    assert_eq!(second.status, 304);
    assert!(second.body.is_empty());
    assert_eq!(second.validators(), first.validators());

    let first = f.get(&server.url("/dated"), None).unwrap();
    assert_eq!(first.etag, None);
    let second = f
        .get(&server.url("/dated"), Some(&first.validators()))
        .unwrap();
    assert!(second.not_modified);
    assert_eq!(second.last_modified.as_deref(), Some(LM));
}

#[test]
fn requests_to_one_host_are_spaced_by_the_delay() {
    let delay = Duration::from_millis(200);
    let server = serve(|req| match req.path.as_str() {
        "/robots.txt" => not_found(),
        _ => respond("200 OK", &[], b"ok"),
    });
    let mut f = Fetcher::new(Config {
        per_host_delay: delay,
        ..config()
    });
    f.get(&server.url("/one"), None).unwrap();
    f.get(&server.url("/two"), None).unwrap();
    let seen = server.seen();
    let paths: Vec<_> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, ["/robots.txt", "/one", "/two"]);
    for pair in seen.windows(2) {
        let gap = pair[1].at - pair[0].at;
        assert!(
            gap >= delay,
            "{} -> {}: {gap:?}",
            pair[0].path,
            pair[1].path
        );
    }
}

#[test]
fn crawl_delay_raises_the_per_host_delay() {
    let server = serve(|req| match req.path.as_str() {
        "/robots.txt" => respond("200 OK", &[], b"User-agent: *\nCrawl-delay: 0.3\n"),
        _ => respond("200 OK", &[], b"ok"),
    });
    let mut f = fetcher();
    f.get(&server.url("/one"), None).unwrap();
    f.get(&server.url("/two"), None).unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert!(seen[2].at - seen[1].at >= Duration::from_millis(300));
}

#[test]
fn a_silent_server_times_out() {
    let server = serve(|req| match req.path.as_str() {
        "/slow" => Reply::Hang,
        _ => not_found(),
    });
    let mut f = Fetcher::new(Config {
        timeout: Duration::from_millis(300),
        ..config()
    });
    let start = Instant::now();
    let err = f.get(&server.url("/slow"), None).unwrap_err();
    let took = start.elapsed();
    assert!(
        matches!(&err, FetchError::Timeout { url } if url == &server.url("/slow")),
        "{err:?}"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn error_status_is_reported() {
    let server = serve(|_| not_found());
    let err = fetcher().get(&server.url("/gone"), None).unwrap_err();
    assert!(
        matches!(&err, FetchError::Status { url, status: 404 } if url == &server.url("/gone")),
        "{err:?}"
    );
    assert_eq!(err.url(), server.url("/gone"));
}

#[test]
fn refused_connection_is_io() {
    // Bind then drop to get a port nobody listens on.
    let addr = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let url = format!("http://{addr}/x");
    let err = fetcher().get(&url, None).unwrap_err();
    assert!(matches!(err, FetchError::Io { .. }), "{err:?}");
    assert!(err.url().contains(&addr.to_string()), "{err:?}");
}

#[test]
fn bad_urls_are_rejected_without_network() {
    let mut f = fetcher();
    for url in [
        "not a url",
        "ftp://example.invalid/x",
        "file:///etc/passwd",
        "http://",
    ] {
        let err = f.get(url, None).unwrap_err();
        assert!(
            matches!(&err, FetchError::BadUrl { url: u } if u == url),
            "{url}: {err:?}"
        );
    }
}

#[test]
fn product_token_is_the_first_word() {
    assert_eq!(product_token(DEFAULT_USER_AGENT), "Weathervane");
    assert_eq!(product_token("Bot 1.0"), "Bot");
    assert_eq!(product_token(""), "*");
}
