//! The ledger file from the command line: `vane check` on a sound and a
//! tampered file, questions as of a recorded time, and questions refused
//! at load.

mod common;

use common::{ok, seed_db, tmp, vane};

#[test]
fn check_passes_a_sound_ledger_and_names_tampering() {
    let dir = tmp("check");
    let db = seed_db(&dir);
    let out = ok(&vane(&["check", "--db", &db]));
    assert!(out.contains("integrity\tok"), "{out}");
    assert!(out.contains("problems\t0"), "{out}");
    assert!(out.contains("documents\t1"), "{out}");
    let id: String = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let id = conn
            .query_row("SELECT id FROM documents", [], |r| r.get(0))
            .unwrap();
        // Tamper as someone with sqlite3 could: drop the guard, edit.
        conn.execute_batch(
            "DROP TRIGGER documents_no_update; \
             UPDATE documents SET text = replace(text, 'Rubio', 'Robio');",
        )
        .unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        conn.execute(
            "INSERT INTO document_links (from_doc, to_doc, kind, similarity) \
             VALUES (?1, ?1, 'version-of', 1.0)",
            [&id],
        )
        .unwrap();
        id
    };
    let o = vane(&["check", "--db", &db]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("problem\ttext does not hash to its id\t{id}")),
        "{out}"
    );
    assert!(out.contains("problem\tdocument linked to itself"), "{out}");
    assert!(out.contains("problems\t2"), "{out}");
    // Reading the tampered document is an error that names it.
    let o = vane(&["export", "positions", "--db", &db]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&id), "{err}");
}

#[test]
fn a_question_loaded_later_is_not_seen_as_of_earlier() {
    let dir = tmp("as-of");
    let db = seed_db(&dir);
    let q = ok(&vane(&["questions", "list", "--db", &db]));
    let first = q
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    // Recorded times are whole seconds: step past the first load's.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let between = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let later = dir.join("later.toml");
    std::fs::write(
        &later,
        "[[question]]\nid = \"later-question\"\nproposition = \"Russia joins NATO.\"\n",
    )
    .unwrap();
    ok(&vane(&[
        "questions",
        "load",
        "--db",
        &db,
        later.to_str().unwrap(),
    ]));
    ok(&vane(&[
        "line",
        "--db",
        &db,
        "--question",
        "later-question",
    ]));
    for cmd in ["line", "timeline", "brief"] {
        let mut args = vec![cmd, "--db", &db, "--question", "later-question"];
        args.extend(["--recorded-as-of", &between]);
        if cmd == "brief" {
            args.extend(["--side", "USA", "--counterpart", "RUS"]);
        }
        let o = vane(&args);
        assert!(!o.status.success(), "{cmd}: the later question was printed");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("question \"later-question\" was not loaded yet"),
            "{cmd}: {err}"
        );
    }
    // The question loaded before is there as of then.
    ok(&vane(&[
        "line",
        "--db",
        &db,
        "--question",
        &first,
        "--recorded-as-of",
        &between,
    ]));
}

#[test]
fn an_empty_proposition_is_refused_naming_the_question() {
    let dir = tmp("empty");
    let db = dir.join("q.db");
    let file = dir.join("q.toml");
    std::fs::write(
        &file,
        "[[question]]\nid = \"fine\"\nproposition = \"Ukraine joins NATO.\"\n\
         [[question]]\nid = \"hollow\"\nproposition = \"The of the and is.\"\n",
    )
    .unwrap();
    let o = vane(&[
        "questions",
        "load",
        "--db",
        db.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("\"hollow\""), "{err}");
    // Nothing of the file was loaded.
    let list = ok(&vane(&["questions", "list", "--db", db.to_str().unwrap()]));
    assert_eq!(list.lines().count(), 1, "{list}");
}
