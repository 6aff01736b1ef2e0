//! End-to-end tests of the `vane` binary on the bundled examples.

mod common;

use common::{cited, ok, root, seed_db, tmp, vane, whitehouse_questions_db};
use std::process::Command;

/// Positions as readable rows: question, actor, stance, kind, dates, evidence text.
fn rows(jsonl: &str) -> String {
    let mut out = String::new();
    for l in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        out.push_str(&format!(
            "{} | {} ({}) | {} | {} | {}..{} ({}) | {}\n",
            v["question"].as_str().unwrap(),
            v["actor"].as_str().unwrap(),
            v["government"].as_str().unwrap(),
            v["stance"].as_str().unwrap(),
            v["kind"].as_str().unwrap(),
            v["valid_from"].as_str().unwrap(),
            v["valid_to"].as_str().unwrap(),
            v["date_basis"].as_str().unwrap(),
            v["text"].as_str().unwrap(),
        ));
    }
    out
}

#[test]
fn seed_positions() {
    let dir = tmp("positions");
    let db = seed_db(&dir);
    let positions = ok(&vane(&["export", "positions", "--db", &db]));
    // Offsets are code points into the file: slicing the file by them gives the text.
    let file = std::fs::read_to_string(root().join("examples/seed/rubio-lavrov-kuala-lumpur.txt"))
        .unwrap();
    let chars: Vec<char> = file.chars().collect();
    for l in positions.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let slice = cited(&chars, &v);
        assert_eq!(slice, v["text"].as_str().unwrap());
    }
    insta::assert_snapshot!("seed_positions", rows(&positions));
    let lines = ok(&vane(&["export", "lines", "--db", &db]));
    insta::assert_snapshot!("seed_lines", lines);
}

#[test]
fn seed_brief() {
    let dir = tmp("brief");
    let db = seed_db(&dir);
    let brief = |format: &str| {
        ok(&vane(&[
            "brief",
            "--db",
            &db,
            "--question",
            "us-arms-to-ukraine",
            "--side",
            "USA",
            "--counterpart",
            "RUS",
            "--as-of",
            "2025-07-10",
            "--format",
            format,
        ]))
    };
    insta::assert_snapshot!("seed_brief_md", brief("md"));
    let v: serde_json::Value = serde_json::from_str(&brief("json")).unwrap();
    assert_eq!(v["current"]["stance"], "support");
    assert_eq!(v["current"]["qualifier"], "at least some defensive weapons");
    assert_eq!(v["counterpart_line"]["stance"], "oppose");
    assert_eq!(v["coordination_gaps"].as_array().unwrap().len(), 1);
    assert!(brief("html").starts_with("<!doctype html>"));
}

#[test]
fn ingesting_twice_stores_once() {
    let dir = tmp("twice");
    let db = seed_db(&dir);
    let before = ok(&vane(&["stats", "--db", &db]));
    let seed = root().join("examples/seed/rubio-lavrov-kuala-lumpur.txt");
    let o = vane(&[
        "ingest",
        "--db",
        &db,
        "--published",
        "2025-07-10",
        seed.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("duplicate 1"));
    assert_eq!(ok(&vane(&["stats", "--db", &db])), before);
}

#[test]
fn bad_input_is_named_and_the_batch_goes_on() {
    let dir = tmp("bad");
    let db = seed_db(&dir);
    let before = ok(&vane(&["export", "positions", "--db", &db]));
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(
        inputs.join("good.txt"),
        "---\npublished: 2023-01-30\n---\nThe weather was fine.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("binary.txt"), b"abc\xff\xfe\x00def").unwrap();
    std::fs::write(inputs.join("empty.txt"), "  \n").unwrap();
    std::fs::write(inputs.join("undated.txt"), "Some words.").unwrap();
    std::fs::write(
        inputs.join("impossible.txt"),
        "---\ndate: 2023-02-30\n---\nText.",
    )
    .unwrap();
    std::fs::write(
        inputs.join("truncated.html"),
        "<html><head><title>x</title></head><body><p>Officials said",
    )
    .unwrap();
    std::fs::write(
        inputs.join("binary.html"),
        [0u8, 159, 146, 150, 0, 1, 2, 255].repeat(100),
    )
    .unwrap();
    std::fs::write(
        inputs.join("invalid.rss"),
        "<?xml version=\"1.0\"?><rss><channel><item><title>a</item></rss>",
    )
    .unwrap();
    std::fs::write(
        inputs.join("laughs.rss"),
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><rss version=\"2.0\"><channel><title>&lol3;</title><item><title>&lol3;</title><description>&lol3;</description></item></channel></rss>",
    )
    .unwrap();
    // A gzip bomb: 100 MB of spaces in about 100 KB, refused while inflating.
    {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let block = vec![b' '; 1 << 20];
        for _ in 0..100 {
            gz.write_all(&block).unwrap();
        }
        std::fs::write(inputs.join("bomb.html.gz"), gz.finish().unwrap()).unwrap();
    }
    // A 200 MB file (sparse on disk): refused by size, unread.
    std::fs::File::create(inputs.join("huge.txt"))
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    let missing = dir.join("missing.txt");
    let o = vane(&[
        "ingest",
        "--db",
        &db,
        inputs.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for needle in [
        "binary.txt: not valid UTF-8",
        "empty.txt: empty document",
        "undated.txt: no publication date",
        "impossible.txt: impossible date",
        "missing.txt: cannot read",
        "huge.txt: too large",
        "bomb.html.gz: ",
        "binary.html",
        "invalid.rss",
        "stored 1,",
    ] {
        assert!(err.contains(needle), "{needle:?} not in:\n{err}");
    }
    // What was stored before is unchanged.
    assert_eq!(ok(&vane(&["export", "positions", "--db", &db])), before);
}

#[test]
fn ingests_html_feeds_and_jsonl() {
    let dir = tmp("formats");
    let db = dir.join("f.db");
    let data = root().join("crates/vane-formats/tests/data");
    let o = vane(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        "--allow-undated",
        data.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    // export.jsonl carries deliberately broken lines: each is named, the rest is stored.
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("export.jsonl:2: bad JSON"), "{err}");
    assert!(
        err.contains("syndicated.html: near-duplicate of article.html"),
        "{err}"
    );
    let stats = ok(&vane(&["stats", "--db", db.to_str().unwrap()]));
    let docs: usize = stats
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!(docs >= 8, "{stats}");
    // The wire copy is kept and linked to its first copy, not read again.
    assert!(stats.contains("near-duplicates\t1\n"), "{stats}");
}

fn article(title: &str, body: &str) -> String {
    let paras: String = (0..6)
        .map(|i| format!("<p>{body} Paragraph {i} adds more reporting on the same subject, with enough words to read as an article.</p>\n"))
        .collect();
    format!("<!doctype html><html><head><title>{title}</title><meta property=\"article:published_time\" content=\"2023-01-25T10:00:00-05:00\"></head><body><nav>Home | World</nav><article><h1>{title}</h1>{paras}</article><footer>Copyright</footer></body></html>")
}

#[test]
fn ingests_a_feed_over_http_and_fetches_summary_only_items() {
    let a = article(
        "US pauses artillery deliveries",
        "The Secretary of Defense directed a pause in artillery deliveries to Ukraine on Wednesday, officials said.",
    );
    let c = article(
        "Allies meet on air defense",
        "Defense ministers met in Brussels to discuss air defense systems for the coming winter, diplomats said.",
    );
    // Three items that carry only a summary; the page of /b is a copy of /a.
    let routes_for = |port: u16| {
        let item = |path: &str, title: &str| {
            format!("<item><title>{title}</title><link>http://127.0.0.1:{port}{path}</link><pubDate>Wed, 25 Jan 2023 22:30:00 -0500</pubDate><description>Short summary.</description></item>")
        };
        let feed = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title><link>http://127.0.0.1:{port}/</link><description>d</description>{}{}{}</channel></rss>",
            item("/a", "Pause"),
            item("/b", "Pause (wire copy)"),
            item("/c", "Air defense")
        );
        vec![
            ("/feed.rss", "application/rss+xml", feed),
            ("/a", "text/html; charset=utf-8", a.clone()),
            ("/b", "text/html; charset=utf-8", a.clone()),
            ("/c", "text/html; charset=utf-8", c.clone()),
        ]
    };
    let port = serve_with(routes_for);
    let dir = tmp("feed-http");
    let db = dir.join("f.db");
    let url = format!("http://127.0.0.1:{port}/feed.rss");
    let ingest = || {
        let o = vane(&[
            "ingest",
            "--db",
            db.to_str().unwrap(),
            "--fetch-delay-ms",
            "0",
            &url,
        ]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "{err}");
        err
    };
    let err = ingest();
    assert!(err.contains("read 1 files, stored 2, duplicate 1"), "{err}");
    // The second time, the ledger's ETag makes it a conditional request.
    let err = ingest();
    assert!(
        err.contains("feed.rss: unchanged since the last fetch (304)"),
        "{err}"
    );
    assert!(err.contains("stored 0"), "{err}");
}

/// A tiny HTTP server on 127.0.0.1 serving canned pages, one request per
/// connection, for the life of the test binary. `routes` gets the port, so that
/// pages can link to the server itself.
fn serve_with(routes: impl Fn(u16) -> Vec<(&'static str, &'static str, String)>) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let routes = routes(port);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 1024];
            while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            let req = String::from_utf8_lossy(&buf);
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            // Every page has an ETag (its length); a matching If-None-Match gets 304.
            let (status, ctype, body) = match routes.iter().find(|r| r.0 == path) {
                Some((_, ctype, body)) => ("200 OK", *ctype, body.clone()),
                None => ("404 Not Found", "text/plain", "not found".to_string()),
            };
            let etag = format!("\"{}\"", body.len());
            let fresh = req
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("if-none-match:") && l.contains(&etag));
            if fresh && status.starts_with("200") {
                let _ = write!(
                    s,
                    "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n"
                );
                continue;
            }
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

#[test]
fn a_changed_file_is_a_new_version_linked_to_the_old() {
    let dir = tmp("versions");
    let db = dir.join("v.db");
    let db = db.to_str().unwrap();
    let f = dir.join("page.txt");
    std::fs::write(&f, "---\npublished: 2023-01-25\n---\nThe Secretary said the deliveries would continue this week.\n").unwrap();
    ok(&vane(&["ingest", "--db", db, f.to_str().unwrap()]));
    std::fs::write(&f, "---\npublished: 2023-01-26\n---\nUpdated: the Secretary said the deliveries would be paused.\n").unwrap();
    let o = vane(&["ingest", "--db", db, f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("stored 1, duplicate 0, near-duplicate 0, new versions 1"),
        "{err}"
    );
    let stats = ok(&vane(&["stats", "--db", db]));
    assert!(stats.contains("documents\t2\n"), "{stats}");
    assert!(stats.contains("versions\t1\n"), "{stats}");
}

#[test]
fn reads_standard_input() {
    use std::io::Write;
    let dir = tmp("stdin");
    let db = dir.join("s.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vane"))
        .args([
            "ingest",
            "--db",
            db.to_str().unwrap(),
            "--published",
            "2023-01-25",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"The Secretary said deliveries would continue.")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("stored 1,"), "{err}");
}

#[test]
fn suggests_questions_from_uncovered_subjects() {
    let dir = tmp("suggest");
    let db = seed_db(&dir);
    let out = ok(&vane(&["questions", "suggest", "--db", &db]));
    assert!(
        out.starts_with("subject\tdocuments\tstatements\texample\n"),
        "{out}"
    );
    // One document only: nothing is named across two documents yet.
    assert_eq!(out.lines().count(), 1, "{out}");
}

/// Positions read from three White House transcripts, one per question folder:
/// refusals before the Abrams decision, the F-16 "No.", and the cluster
/// munitions briefing where the decision was explained.
#[test]
fn whitehouse_positions() {
    let dir = tmp("wh");
    let db = whitehouse_questions_db(&dir);
    let db = db.as_str();
    let wh = root().join("examples/whitehouse");
    let docs = [
        "Q1_abrams/2023-01-24-press-briefing-by-press-secretary-karine-jean-pierre-12.md",
        "Q2_f16/2023-01-30-remarks-by-president-biden-after-marine-one-arrival-16.md",
        "Q3_cluster/2023-07-07-press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-advisor-jake-sullivan-5.md",
    ];
    for d in docs {
        ok(&vane(&["ingest", "--db", db, wh.join(d).to_str().unwrap()]));
    }
    let positions = ok(&vane(&["export", "positions", "--db", db]));
    insta::assert_snapshot!("whitehouse_positions", rows(&positions));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Questions of the action shape on real transcripts: NATO membership for
/// Ukraine around the Vilnius summit of July 2023, and sanctions on Russia.
#[test]
fn whitehouse_action_positions() {
    let dir = tmp("wh-action");
    let db = dir.join("wha.db");
    let db = db.to_str().unwrap();
    let questions = dir.join("questions.toml");
    std::fs::write(
        &questions,
        "[[question]]\nid = \"ukraine-joins-nato\"\nproposition = \"Ukraine joins NATO.\"\n\n\
         [[question]]\nid = \"us-sanctions-russia\"\n\
         proposition = \"The United States imposes sanctions on Russia.\"\n",
    )
    .unwrap();
    ok(&vane(&[
        "questions",
        "load",
        "--db",
        db,
        questions.to_str().unwrap(),
    ]));
    let wh = root().join("examples/whitehouse/Q3_cluster");
    let docs = [
        "2023-07-07-press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-advisor-jake-sullivan-5.md",
        "2023-07-11-press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-advisor-jake-sullivan-vilnius-lithuania.md",
    ];
    for d in docs {
        ok(&vane(&["ingest", "--db", db, wh.join(d).to_str().unwrap()]));
    }
    let positions = ok(&vane(&["export", "positions", "--db", db]));
    insta::assert_snapshot!("whitehouse_action_positions", rows(&positions));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `questions list` shows how each proposition was understood.
#[test]
fn questions_list_shows_the_shape_and_terms() {
    let dir = tmp("qlist");
    let db = dir.join("q.db");
    let db = db.to_str().unwrap();
    let seed = root().join("examples/seed/questions.toml");
    ok(&vane(&[
        "questions",
        "load",
        "--db",
        db,
        seed.to_str().unwrap(),
    ]));
    let out = ok(&vane(&["questions", "list", "--db", db]));
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("id\tshape\tterms\ttargets\tproposition"));
    let arms = lines
        .find(|l| l.starts_with("us-arms-to-ukraine\t"))
        .expect("the arms question");
    let cols: Vec<&str> = arms.split('\t').collect();
    assert_eq!(cols[1], "giving", "{arms}");
    assert!(cols[2].contains("weapons"), "{arms}");
    assert_eq!(cols[3], "united states, ukraine", "{arms}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Without the `model` feature, `--model` is a clear error, not a silent
/// fall-back to the rules.
#[cfg(not(feature = "model"))]
#[test]
fn model_flag_needs_the_model_feature() {
    let dir = tmp("model-flag");
    let db = dir.join("m.db");
    let questions = root().join("examples/seed/questions.toml");
    // The head judge (`--model`) and the pair judge with meaning
    // (`--pair-judge --model`) both need it.
    for judge in [&["--model"][..], &["--pair-judge", "--model"]] {
        let mut args = vec!["questions", "load"];
        args.extend_from_slice(judge);
        args.extend_from_slice(&[
            "/nonexistent/model",
            "--db",
            db.to_str().unwrap(),
            questions.to_str().unwrap(),
        ]);
        let o = vane(&args);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("/nonexistent/model") && err.contains("--features model"),
            "{err}"
        );
    }
}

/// `--judge-mode` without a judge is a clear error naming the two judges.
#[test]
fn judge_mode_needs_a_judge() {
    let doc = root().join("examples/seed/rubio-lavrov-kuala-lumpur.txt");
    let o = vane(&["read", "--judge-mode", "union", doc.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--judge-mode") && err.contains("--pair-judge"),
        "{err}"
    );
}

/// The pair judge adds to the rules (union, its default): every position
/// the rules give on the Abrams transcripts of the development set is there
/// with it, and what it adds names the judge and its probability.
#[test]
fn the_pair_judge_adds_to_the_rules() {
    let questions = root().join("examples/whitehouse/questions.toml");
    let docs = root().join("examples/whitehouse/Q1_abrams");
    let read = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec![
            "read",
            "--emit",
            "positions",
            "--questions",
            questions.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        args.push(docs.to_str().unwrap());
        ok(&vane(&args))
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .flat_map(|d| d["positions"].as_array().cloned().unwrap_or_default())
            .map(|mut p| {
                p.as_object_mut().map(|o| o.remove("recorded_at"));
                p
            })
            .collect()
    };
    let rules = read(&[]);
    let judged = read(&["--pair-judge"]);
    assert!(!rules.is_empty());
    for p in &rules {
        assert!(judged.contains(p), "lost {p}");
    }
    let added: Vec<_> = judged.iter().filter(|p| !rules.contains(p)).collect();
    assert!(!added.is_empty(), "the judge added nothing");
    for p in &added {
        assert_eq!(p["judge"], "pair-features", "{p}");
        let prob = p["probability"].as_f64().unwrap_or(-1.0);
        assert!(prob > 0.0 && prob < 1.0, "{p}");
        assert!(
            p["rules"]
                .as_str()
                .unwrap_or("")
                .contains("judge.candidate"),
            "{p}"
        );
    }
}

/// The candidates `--record-candidates` writes carry offsets in characters,
/// as the exports and the gold do: the span they give lies inside the
/// candidate's sentence, in a transcript whose curly quotes make its bytes
/// and characters differ.
#[test]
fn recorded_candidates_cite_characters() {
    let dir = tmp("record");
    let db = whitehouse_questions_db(&dir);
    let db = db.as_str();
    let rec = dir.join("candidates.jsonl");
    let wh = root().join("examples/whitehouse");
    let doc =
        wh.join("Q1_abrams/2023-01-24-press-briefing-by-press-secretary-karine-jean-pierre-12.md");
    ok(&vane(&[
        "ingest",
        "--db",
        db,
        "--record-candidates",
        rec.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]));
    let text: Vec<char> = std::fs::read_to_string(&doc).unwrap().chars().collect();
    let lines = std::fs::read_to_string(&rec).unwrap();
    let mut late = 0;
    for line in lines.lines() {
        let c: serde_json::Value = serde_json::from_str(line).unwrap();
        let span = cited(&text, &c);
        let s = c["start"].as_u64().unwrap() as usize;
        let sentence = c["sentence"].as_str().unwrap();
        assert!(
            sentence.contains(span.trim()),
            "{span:?} not in {sentence:?}"
        );
        let before: String = text[..s].iter().collect();
        late += usize::from(before.len() > s);
    }
    assert!(late > 0, "no candidate after a character of several bytes");
}
