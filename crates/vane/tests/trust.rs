//! The CLI an analyst trusts: each finding of a new user who tried it on the
//! White House corpus, as a real run of the `vane` binary on the bundled
//! examples. A typo is an error that names it and suggests the nearest valid
//! values, never an empty answer; dates come in any precision; briefs are
//! ranked, limited, and cite what they claim; the HTML brief is a page.

use serde_json::Value;
mod common;

use common::{ok, root, seed_db, tmp, vane, whitehouse_questions_db};
use std::path::Path;
use std::process::Output;
use std::sync::OnceLock;

/// A failed run: non-zero exit, nothing on stdout, the message on stderr.
fn fails(o: &Output) -> String {
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success(), "succeeded; stderr: {err}");
    assert!(
        o.stdout.is_empty(),
        "printed {:?}",
        String::from_utf8_lossy(&o.stdout)
    );
    err
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The White House development set, read once for the tests that need it.
fn whitehouse_db() -> &'static str {
    static DB: OnceLock<String> = OnceLock::new();
    DB.get_or_init(|| {
        let db = whitehouse_questions_db(&tmp("wh"));
        let wh = root().join("examples/whitehouse");
        ok(&vane(&["ingest", "--db", &db, wh.to_str().unwrap()]));
        db
    })
}

const Q: &str = "us-arms-to-ukraine";

#[test]
fn an_unknown_question_is_an_error_that_suggests_the_nearest() {
    let dir = tmp("question");
    let db = seed_db(&dir);
    let typo = "us-arms-to-ukrain";
    for args in [
        vec!["line", "--db", &db, "--question", typo],
        vec!["timeline", "--db", &db, "--question", typo],
        vec![
            "brief",
            "--db",
            &db,
            "--question",
            typo,
            "--side",
            "USA",
            "--counterpart",
            "RUS",
        ],
        vec!["export", "positions", "--db", &db, "--question", typo],
        vec!["export", "lines", "--db", &db, "--question", typo],
    ] {
        let err = fails(&vane(&args));
        assert!(err.contains(&format!("{typo:?}")), "{args:?}: {err}");
        assert!(
            err.contains(&format!("did you mean {Q}")),
            "{args:?}: {err}"
        );
    }
    // Nothing near: the ledger's questions are listed.
    let err = fails(&vane(&[
        "line",
        "--db",
        &db,
        "--question",
        "gaza-ceasefire",
    ]));
    assert!(err.contains(Q), "{err}");
}

#[test]
fn an_unknown_government_is_an_error_and_a_country_name_is_read_as_its_code() {
    let dir = tmp("gov");
    let db = seed_db(&dir);
    let brief = |side: &str, counterpart: &str| {
        vane(&[
            "brief",
            "--db",
            &db,
            "--question",
            Q,
            "--side",
            side,
            "--counterpart",
            counterpart,
            "--as-of",
            "2025-07-10",
        ])
    };
    let want = ok(&brief("USA", "RUS"));
    // "US" and "Russia" were answered with "No recorded position"; now they are read as codes.
    let o = brief("US", "Russia");
    assert_eq!(ok(&o), want);
    assert!(
        stderr(&o).contains("--side \"US\" read as USA"),
        "{}",
        stderr(&o)
    );
    let o = brief("usa", "Israel");
    assert!(ok(&o).contains("## The counterpart (ISR)"));
    // A typo of a code or a name.
    let err = fails(&brief("USA", "RUSS"));
    assert!(
        err.contains("\"RUSS\"") && err.contains("--counterpart") && err.contains("RUS (Russia)"),
        "{err}"
    );
    let err = fails(&brief("Untied States", "RUS"));
    assert!(err.contains("USA"), "{err}");
    let err = fails(&brief("XQZ", "RUS"));
    assert!(err.contains("unknown government \"XQZ\""), "{err}");
    // The same for export's filter.
    let err = fails(&vane(&[
        "export",
        "positions",
        "--db",
        &db,
        "--government",
        "Rusia",
    ]));
    assert!(err.contains("\"Rusia\"") && err.contains("RUS"), "{err}");
}

#[test]
fn an_unknown_actor_is_an_error_that_suggests_the_nearest() {
    let dir = tmp("actor");
    let db = seed_db(&dir);
    let err = fails(&vane(&["actors", "show", "Marco Rubbio"]));
    assert!(
        err.contains("\"Marco Rubbio\"") && err.contains("\"Marco Rubio\""),
        "{err}"
    );
    let err = fails(&vane(&[
        "export",
        "positions",
        "--db",
        &db,
        "--actor",
        "Pete Hegseht",
    ]));
    assert!(
        err.contains("\"Pete Hegseht\"") && err.contains("\"Pete Hegseth\""),
        "{err}"
    );
    let out = ok(&vane(&[
        "export",
        "positions",
        "--db",
        &db,
        "--actor",
        "Pete Hegseth",
    ]));
    assert!(out.lines().count() >= 1);
    for l in out.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["actor"], "Pete Hegseth");
    }
}

#[test]
fn a_mistyped_ledger_is_an_error_and_creates_nothing() {
    let dir = tmp("db");
    let db = seed_db(&dir);
    let typo = format!("{db}x");
    for args in [
        vec!["line", "--db", &typo, "--question", Q],
        vec!["timeline", "--db", &typo, "--question", Q],
        vec![
            "brief",
            "--db",
            &typo,
            "--question",
            Q,
            "--side",
            "USA",
            "--counterpart",
            "RUS",
        ],
        vec!["export", "positions", "--db", &typo],
        vec!["stats", "--db", &typo],
        vec!["log", "--db", &typo],
        vec!["questions", "list", "--db", &typo],
        vec!["questions", "suggest", "--db", &typo],
        vec!["actors", "show", "--db", &typo, "Marco Rubio"],
    ] {
        let err = fails(&vane(&args));
        assert!(
            err.contains(&format!("no ledger at {typo}"))
                && err.contains(&format!("did you mean {db}")),
            "{args:?}: {err}"
        );
        assert!(!Path::new(&typo).exists(), "{args:?} created {typo}");
    }
}

/// Positions as JSON values.
fn values(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_date_option_takes_a_year_a_month_a_day_or_rfc3339() {
    let dir = tmp("dates");
    let db = seed_db(&dir);
    for cmd in ["line", "timeline"] {
        let at = |d: &str| ok(&vane(&[cmd, "--db", &db, "--question", Q, "--as-of", d]));
        // A month or a year as a cut-off means its last day.
        assert_eq!(at("2025-07"), at("2025-07-31"), "{cmd}");
        assert_eq!(at("2025"), at("2025-12-31"), "{cmd}");
        assert_eq!(at("2025-07-06T23:00:00-04:00"), at("2025-07-06"), "{cmd}");
        assert_ne!(at("2025-07-06"), at("2025-07-31"), "{cmd}");
        assert_eq!(at("2025-05"), "", "{cmd}");
    }
    let brief = |d: &str| {
        ok(&vane(&[
            "brief",
            "--db",
            &db,
            "--question",
            Q,
            "--side",
            "USA",
            "--counterpart",
            "RUS",
            "--as-of",
            d,
        ]))
    };
    assert!(brief("2025-07").contains("as of 2025-07-31"));
    assert!(brief("2025").contains("as of 2025-12-31"));
    // A start means the first day: --since 2025-07 keeps what holds from 1 July on.
    let all = values(&ok(&vane(&["export", "positions", "--db", &db])));
    let since = values(&ok(&vane(&[
        "export",
        "positions",
        "--db",
        &db,
        "--since",
        "2025-07-07",
    ])));
    assert!(!since.is_empty() && since.len() < all.len());
    assert!(since
        .iter()
        .all(|v| v["valid_to"].as_str().unwrap() >= "2025-07-07"));
    let month = ok(&vane(&[
        "export",
        "positions",
        "--db",
        &db,
        "--since",
        "2025-07",
    ]));
    assert_eq!(values(&month).len(), all.len());
    // --published takes a month too (its first day).
    let f = dir.join("undated.txt");
    std::fs::write(&f, "The Secretary said the deliveries would continue.").unwrap();
    let o = vane(&[
        "ingest",
        "--db",
        &db,
        "--published",
        "2025-07",
        f.to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("stored 1,"), "{}", stderr(&o));
    // A bad date names the forms.
    let err = fails(&vane(&[
        "line",
        "--db",
        &db,
        "--question",
        Q,
        "--as-of",
        "July 2025",
    ]));
    assert!(err.contains("YYYY-MM"), "{err}");
}

#[test]
fn recorded_as_of_works_on_every_query_and_log_lists_the_ingests() {
    let dir = tmp("recorded");
    let db = seed_db(&dir);
    let log = ok(&vane(&["log", "--db", &db]));
    let mut rows = log.lines();
    assert_eq!(
        rows.next(),
        Some("recorded\tunix\tevent\tdocuments\tquestions\treadings\tnote")
    );
    let read: Vec<&str> = rows
        .find(|r| r.split('\t').nth(2) == Some("read"))
        .expect("the ingest is logged")
        .split('\t')
        .collect();
    assert_eq!(read[3], "1", "{log}");
    assert!(read[0].ends_with('Z'), "{log}");
    let t: i64 = read[1].parse().unwrap();
    let before = (t - 1).to_string();
    let at = t.to_string();
    let queries: Vec<Vec<&str>> = vec![
        vec!["line", "--db", &db, "--question", Q],
        vec!["timeline", "--db", &db, "--question", Q],
        vec!["export", "positions", "--db", &db],
        vec!["export", "lines", "--db", &db],
    ];
    for q in &queries {
        let now = ok(&vane(q));
        assert!(!now.is_empty(), "{q:?}");
        let with = |r: &str| {
            let mut a = q.clone();
            a.extend(["--recorded-as-of", r]);
            ok(&vane(&a))
        };
        assert_eq!(with(&at), now, "{q:?}");
        assert_eq!(with(read[0]), now, "{q:?}");
        assert_eq!(with("2999"), now, "{q:?}");
        // Before the ingest (and the question's loading, in the same run of
        // seed_db): nothing was recorded. A query on the question says it
        // was not loaded yet; an export of everything is empty.
        for r in [before.as_str(), "2000-01"] {
            let mut a = q.clone();
            a.extend(["--recorded-as-of", r]);
            let o = vane(&a);
            // The question may have been loaded in the second before the
            // ingest: then the query answers, with nothing.
            if o.status.success() {
                assert_eq!(String::from_utf8_lossy(&o.stdout), "", "{q:?} {r}");
                assert!(r == before || !q.contains(&"--question"), "{q:?} {r}");
            } else {
                assert!(q.contains(&"--question"), "{q:?} {r}");
                let err = String::from_utf8_lossy(&o.stderr);
                assert!(err.contains(Q) && err.contains("not loaded yet"), "{err}");
            }
        }
    }
    let brief = vane(&[
        "brief",
        "--db",
        &db,
        "--question",
        Q,
        "--side",
        "USA",
        "--counterpart",
        "RUS",
        "--recorded-as-of",
        &before,
    ]);
    // No positions then; or, when the question was loaded in the same
    // second as the ingest, no question yet.
    let err = fails(&brief);
    assert!(
        err.contains("no positions") || err.contains("not loaded yet"),
        "{err}"
    );
}

#[test]
fn a_brief_ranks_its_exposures_and_takes_a_limit() {
    let db = whitehouse_db();
    let brief = |format: &str, limit: &str| {
        ok(&vane(&[
            "brief",
            "--db",
            db,
            "--question",
            "us-abrams-to-ukraine",
            "--side",
            "USA",
            "--counterpart",
            "RUS",
            "--limit",
            limit,
            "--format",
            format,
        ]))
    };
    let all: Value = serde_json::from_str(&brief("json", "100")).unwrap();
    let total = all["exposures_total"].as_u64().unwrap() as usize;
    assert!(total >= 2, "{all}");
    let ranks = ["head", "minister", "adviser", "official", "none"];
    let key = |e: &Value| {
        (
            ranks
                .iter()
                .position(|r| *r == e["rank"].as_str().unwrap())
                .unwrap(),
            std::cmp::Reverse(e["latest"].as_str().unwrap().to_string()),
        )
    };
    let exposures = all["exposures"].as_array().unwrap();
    assert_eq!(exposures.len(), total);
    assert!(
        exposures.windows(2).all(|w| key(&w[0]) <= key(&w[1])),
        "not ranked: {exposures:?}"
    );
    let one: Value = serde_json::from_str(&brief("json", "1")).unwrap();
    assert_eq!(one["exposures"].as_array().unwrap().len(), 1);
    assert_eq!(one["exposures"][0], exposures[0]);
    let md = brief("md", "1");
    let section = md
        .split("## Exposures the counterpart can use")
        .nth(1)
        .unwrap()
        .split("## The counterpart")
        .next()
        .unwrap();
    assert_eq!(
        section.lines().filter(|l| l.starts_with("- ")).count(),
        1,
        "{section}"
    );
    assert!(
        section.contains(&format!("and {} more exposures", total - 1)),
        "{section}"
    );
    // The default limit keeps a brief readable.
    let default = ok(&vane(&[
        "brief",
        "--db",
        db,
        "--question",
        "us-cluster-munitions-to-ukraine",
        "--side",
        "USA",
        "--counterpart",
        "UKR",
    ]));
    let current = default.split("## What changed").next().unwrap();
    assert!(
        current.lines().filter(|l| l.starts_with("- ")).count() <= 20,
        "{current}"
    );
    assert!(current.contains("more positions agree"), "{current}");
}

#[test]
fn set_by_names_the_official_who_opened_the_stretch() {
    let db = whitehouse_db();
    let b: Value = serde_json::from_str(&ok(&vane(&[
        "brief",
        "--db",
        db,
        "--question",
        "us-abrams-to-ukraine",
        "--side",
        "USA",
        "--counterpart",
        "RUS",
        "--format",
        "json",
    ])))
    .unwrap();
    let changes = b["changes"].as_array().unwrap();
    assert!(changes.len() >= 2);
    for c in changes {
        let opener = &c["evidence"][0];
        assert_eq!(c["set_by"], opener["actor"], "{c}");
        assert_eq!(c["from"], opener["valid_from"], "{c}");
        // Nobody in the stretch spoke before its opener.
        for p in c["evidence"].as_array().unwrap() {
            assert!(p["valid_from"].as_str() >= opener["valid_from"].as_str());
        }
    }
    // Kirby opened the first stretch on 12 January 2023; Dalton spoke on the 19th.
    assert_eq!(changes[0]["from"], "2023-01-12");
    assert_eq!(changes[0]["set_by"], "John Kirby");
}

#[test]
fn the_counterpart_section_cites_only_the_counterparts_own_positions() {
    // President Biden: "I've made it clear to President Putin that ... if, in
    // fact, he continued the buildup and/or was to move, we would be — be
    // reinforcing those troops." The "we" is Biden's, not Putin's.
    let dir = tmp("counterpart");
    let db = dir.join("c.db");
    let db = db.to_str().unwrap();
    let qs = dir.join("questions.toml");
    let all = std::fs::read_to_string(root().join("data/labelled/questions.toml")).unwrap();
    let block = all
        .split("[[question]]")
        .find(|b| b.contains("\"us-troops-to-ukraine\""))
        .expect("the question is in the labelled set");
    std::fs::write(&qs, format!("[[question]]{block}")).unwrap();
    ok(&vane(&[
        "questions",
        "load",
        "--db",
        db,
        qs.to_str().unwrap(),
    ]));
    let doc = root().join(
        "data/labelled/docs/whitehouse/speeches-remarks/2022-01/2022-01-25-remarks-by-president-biden-in-press-gaggle-4.md",
    );
    ok(&vane(&["ingest", "--db", db, doc.to_str().unwrap()]));
    let b: Value = serde_json::from_str(&ok(&vane(&[
        "brief",
        "--db",
        db,
        "--question",
        "us-troops-to-ukraine",
        "--side",
        "USA",
        "--counterpart",
        "RUS",
        "--format",
        "json",
    ])))
    .unwrap();
    // While the reading attributes the sentence to Russia, the brief leaves it out, and says so.
    let attributed = values(&ok(&vane(&[
        "export",
        "positions",
        "--db",
        db,
        "--government",
        "RUS",
    ])))
    .iter()
    .any(|p| p["text"].as_str().unwrap().contains("we would be"));
    if attributed {
        assert_eq!(b["counterpart_positions_not_own"], 1, "{b}");
    }
    for p in b["counterpart_positions"].as_array().unwrap() {
        assert_eq!(p["government"], "RUS", "{p}");
        assert!(!p["text"].as_str().unwrap().contains("we would be"), "{p}");
    }
    let md = ok(&vane(&[
        "brief",
        "--db",
        db,
        "--question",
        "us-troops-to-ukraine",
        "--side",
        "USA",
        "--counterpart",
        "RUS",
    ]));
    let counterpart = md.split("## The counterpart").nth(1).unwrap();
    assert!(
        !counterpart.contains("reinforcing those troops"),
        "{counterpart}"
    );
}

#[test]
fn export_filters_by_question_government_actor_and_dates() {
    let db = whitehouse_db();
    let rows = |extra: &[&str]| {
        let mut a = vec!["export", "positions", "--db", db];
        a.extend(extra);
        values(&ok(&vane(&a)))
    };
    let all = rows(&[]);
    let q = rows(&["--question", "us-f16-to-ukraine"]);
    assert!(!q.is_empty() && q.len() < all.len());
    assert!(q.iter().all(|v| v["question"] == "us-f16-to-ukraine"));
    let two = rows(&[
        "--question",
        "us-f16-to-ukraine",
        "--question",
        "us-abrams-to-ukraine",
    ]);
    assert!(two.len() > q.len());
    let ukr = rows(&["--government", "Ukraine"]);
    assert!(!ukr.is_empty() && ukr.iter().all(|v| v["government"] == "UKR"));
    let dated = rows(&["--since", "2023-05", "--until", "2023-05"]);
    assert!(!dated.is_empty());
    assert!(dated.iter().all(|v| {
        v["valid_to"].as_str().unwrap() >= "2023-05-01"
            && v["valid_from"].as_str().unwrap() <= "2023-05-31"
    }));
    let biden = rows(&["--actor", "Joe Biden", "--question", "us-f16-to-ukraine"]);
    assert!(!biden.is_empty() && biden.iter().all(|v| v["actor"] == "Joe Biden"));
    let lines = ok(&vane(&[
        "export",
        "lines",
        "--db",
        db,
        "--question",
        "us-f16-to-ukraine",
        "--government",
        "USA",
        "--format",
        "csv",
    ]));
    let mut l = lines.lines();
    assert!(l.next().unwrap().starts_with("question,government"));
    assert!(
        l.all(|r| r.starts_with("us-f16-to-ukraine,USA,")),
        "{lines}"
    );
}

/// Each flag of a command's `--help`, with whether it has help text.
fn flags(help: &str) -> Vec<(String, bool)> {
    let lines: Vec<&str> = help.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        if !(t.starts_with("--") || t.starts_with('-') && t.len() > 3 && &t[2..4] == ", ") {
            continue;
        }
        let name = t
            .split([' ', '<'])
            .find(|w| w.starts_with("--"))
            .unwrap_or(t);
        // Long help puts the text on the next line; short help after the flag.
        let after = t.find("  ").map(|k| t[k..].trim());
        let helped = after.is_some_and(|a| !a.is_empty())
            || lines
                .get(i + 1)
                .is_some_and(|n| !n.trim().is_empty() && n.starts_with("          "));
        out.push((name.to_string(), helped));
    }
    out
}

#[test]
fn every_flag_has_help_and_model_flags_only_where_documents_are_read() {
    let commands: &[&[&str]] = &[
        &["ingest"],
        &["questions", "load"],
        &["questions", "list"],
        &["questions", "suggest"],
        &["export"],
        &["brief"],
        &["line"],
        &["timeline"],
        &["log"],
        &["read"],
        &["actors", "import"],
        &["actors", "show"],
        &["actors", "resolve"],
        &["stats"],
    ];
    for cmd in commands {
        let mut a = cmd.to_vec();
        a.push("--help");
        let help = ok(&vane(&a));
        let fs = flags(&help);
        assert!(fs.iter().any(|(f, _)| f == "--help"), "{cmd:?}: {help}");
        for (f, helped) in &fs {
            assert!(helped, "{cmd:?} {f} has no help:\n{help}");
        }
        let reads = matches!(cmd, ["ingest"] | ["questions", "load"] | ["read"]);
        assert_eq!(
            fs.iter().any(|(f, _)| f == "--model"),
            reads,
            "{cmd:?}:\n{help}"
        );
        if help.contains("--db") {
            assert!(fs.iter().any(|(f, h)| f == "--db" && *h), "{cmd:?}");
        }
    }
    let top = ok(&vane(&["--help"]));
    assert!(!top.contains("--model"), "{top}");
    // Dates are documented with the end of the period they mean.
    let line = ok(&vane(&["line", "--help"]));
    assert!(line.contains("YYYY-MM (their last day)"), "{line}");
}

#[test]
fn a_folder_ingest_skips_readme_and_expected_files() {
    let dir = tmp("expected");
    let db = dir.join("e.db");
    let o = vane(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        "--published",
        "2025-07-10",
        root().join("examples/seed").to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("EXPECTED.md: skipped"), "{err}");
    assert!(err.contains("read 1 files, stored 1,"), "{err}");
    // Named on the command line, it is ingested.
    let o = vane(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        "--published",
        "2025-07-10",
        root().join("examples/seed/EXPECTED.md").to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("stored 1,"), "{}", stderr(&o));
}

/// Checks that HTML tags nest: every open tag closed in order, no `<p>`
/// directly inside a list, only known tags. Returns the tag names seen.
fn check_nesting(html: &str) -> Vec<String> {
    const VOID: &[&str] = &["meta", "!doctype"];
    const KNOWN: &[&str] = &[
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "h1",
        "h2",
        "p",
        "ul",
        "li",
        "strong",
        "code",
        "cite",
        "a",
        "figure",
        "figcaption",
        "svg",
        "rect",
        "text",
        "title",
        "!doctype",
    ];
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let j = rest[i..].find('>').expect("tag closes") + i;
        let tag = &rest[i + 1..j];
        rest = &rest[j + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap()
            .to_lowercase();
        assert!(KNOWN.contains(&name.as_str()), "unknown tag <{tag}>");
        seen.push(name.clone());
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if tag.starts_with('/') {
            assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "at </{name}>");
        } else {
            if name == "p" {
                assert!(
                    !matches!(stack.last().map(String::as_str), Some("ul" | "ol")),
                    "<p> inside a list"
                );
            }
            if name == "li" {
                assert!(
                    matches!(stack.last().map(String::as_str), Some("ul" | "ol")),
                    "<li> outside a list"
                );
            }
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    seen
}

#[test]
fn the_html_brief_is_a_page_with_links() {
    let db = whitehouse_db();
    let html = ok(&vane(&[
        "brief",
        "--db",
        db,
        "--question",
        "us-abrams-to-ukraine",
        "--side",
        "USA",
        "--counterpart",
        "RUS",
        "--format",
        "html",
    ]));
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"en\">"),
        "{html}"
    );
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<title>Brief: USA before meeting RUS on us-abrams-to-ukraine"));
    assert!(!html.contains('`'), "literal backticks");
    assert!(!html.contains("**"), "literal Markdown bold");
    assert!(html.contains("<code>us-abrams-to-ukraine</code>"));
    // Citations link to the document's source.
    assert!(
        html.contains("<cite><a href=\"https://bidenwhitehouse.archives.gov/"),
        "{html}"
    );
    // The lines over time, one band per stretch.
    assert!(html.contains("<svg") && html.contains("<rect"));
    let tags = check_nesting(&html);
    assert!(tags.iter().any(|t| t == "ul"));
    // The seed article has no URL: plain citations, escaped text.
    let dir = tmp("html");
    let seed = seed_db(&dir);
    let html = ok(&vane(&[
        "brief",
        "--db",
        &seed,
        "--question",
        Q,
        "--side",
        "USA",
        "--counterpart",
        "RUS",
        "--format",
        "html",
    ]));
    check_nesting(&html);
    assert!(html.contains("<cite>[rubio-lavrov-kuala-lumpur.txt:"));
    assert!(!html.contains('`'));
}

/// Every position explains itself: `vane explain` gives, for each, its
/// evidence and the judge and rules that decided it, and the export carries
/// the same reasons.
#[test]
fn positions_explain_which_rules_decided_them() {
    let dir = tmp("explain");
    let db = seed_db(&dir);
    let out = ok(&vane(&[
        "explain",
        "--db",
        &db,
        "--question",
        "us-arms-to-ukraine",
    ]));
    let blocks: Vec<&str> = out.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
    assert!(!blocks.is_empty(), "{out}");
    for b in &blocks {
        assert!(b.contains("decided by rules: "), "{b}");
    }
    // The defense secretary's pause is an act of a known class, on the subject.
    let pause = blocks
        .iter()
        .find(|b| b.contains("Pete Hegseth"))
        .expect("the pause is a position");
    assert!(pause.contains("act.class"), "{pause}");
    assert!(pause.contains("oppose"), "{pause}");
    // Filters narrow it; an unknown government code is only an empty answer
    // with a note, since explain filters positions, not the ledger's codes.
    let trump = ok(&vane(&[
        "explain",
        "--db",
        &db,
        "--question",
        "us-arms-to-ukraine",
        "--actor",
        "trump",
    ]));
    assert!(
        trump.contains("Donald Trump") && !trump.contains("Pete Hegseth"),
        "{trump}"
    );
    // The export carries the same reasons.
    let rows = ok(&vane(&["export", "positions", "--db", &db]));
    for line in rows.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["judge"], "rules", "{line}");
        assert!(!v["rules"].as_str().unwrap().is_empty(), "{line}");
    }
}
