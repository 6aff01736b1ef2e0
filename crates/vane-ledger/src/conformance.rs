//! The conformance suite every [`Store`] runs (feature `conformance`).
//!
//! Each check takes a fresh, empty store and panics (with a message) when
//! the store departs from the ledger's semantics. [`run_all`] runs them
//! all against stores made by a factory:
//!
//! ```ignore
//! vane_ledger::conformance::run_all(&mut || Box::new(MemStore::new()), 256);
//! ```
//!
//! The fixtures ([`document`], [`position`], [`reading`]) are public for
//! other tests and benches.

use crate::{
    current, position_order, Batch, Filter, Reading, ReadingHeader, ReadingId, Snapshot, Stats,
    Store, StoreError, ValidationError,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::collections::HashSet;
use vane_core::{
    ActorId, Date, DocId, Document, Evidence, Gov, Modality, Position, Question, Rank,
    RecordedTime, Stance, StatementKind, TextRange, TimeBasis, ValidTime,
};

/// A factory of fresh, empty stores.
pub type Factory<'a> = &'a mut dyn FnMut() -> Box<dyn Store>;

/// Runs every check, each on a fresh store, and the random-history
/// property with `cases` cases.
pub fn run_all(factory: Factory<'_>, cases: u32) {
    type Check = fn(&mut dyn Store);
    let checks: &[(&str, Check)] = &[
        ("documents_round_trip", documents_round_trip),
        ("duplicate_documents", duplicate_documents),
        ("document_conflict", document_conflict),
        ("questions_versions", questions_versions),
        ("positions_round_trip", positions_round_trip),
        ("supersession", supersession),
        ("empty_reading_supersedes", empty_reading_supersedes),
        ("as_of_valid", as_of_valid),
        ("filters", filters),
        ("ordering", ordering),
        ("reading_cites_batch_document", reading_cites_batch_document),
        ("atomic_batch_failure", atomic_batch_failure),
        ("validation_errors", validation_errors),
        ("actor_packs", actor_packs),
        ("document_links", document_links),
        ("fetch_state", fetch_state),
        ("statement_search", statement_search),
        ("claimed_documents", claimed_documents),
        ("batch_links_and_questions", batch_links_and_questions),
        ("self_links_refused", self_links_refused),
        ("sequence_beats_clock", sequence_beats_clock),
    ];
    for (name, check) in checks {
        let mut store = factory();
        eprintln!("conformance: {name}");
        check(store.as_mut());
    }
    random_histories(factory, cases);
    random_ingests(factory, cases);
}

// ---- fixtures -------------------------------------------------------------

pub fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("a valid fixture date")
}

/// A document with the given id and text, and full metadata.
pub fn document(id: &str, text: &str) -> Document {
    Document {
        id: DocId(id.to_string()),
        name: format!("news/{id}.md"),
        title: Some(format!("Title of {id}")),
        published: Some(date(2025, 3, 4)),
        source: Some("Reuters".to_string()),
        url: Some(format!("https://example.org/{id}")),
        text: text.to_string(),
    }
}

/// A position on `question` citing `doc[start..end]`, valid on `from`,
/// recorded at `at`; the other fields are fixed and can be changed.
pub fn position(
    question: &str,
    doc: &str,
    start: usize,
    end: usize,
    from: Date,
    at: i64,
) -> Position {
    Position {
        question: question.to_string(),
        actor: ActorId("marco-rubio".to_string()),
        actor_name: "Marco Rubio".to_string(),
        government: Gov("USA".to_string()),
        rank: Rank::Minister,
        stance: Stance::Support,
        qualifier: None,
        kind: StatementKind::Direct,
        modality: Modality::Statement,
        confidence: 0.75,
        valid: ValidTime::day(from, TimeBasis::Expression),
        recorded: RecordedTime { at },
        evidence: Evidence {
            doc: DocId(doc.to_string()),
            range: TextRange { start, end },
        },
        reported: false,
        uncoordinated: false,
        why: vane_core::Why::rules(&["cue.score", "about.own"]),
    }
}

/// A reading of `doc` on `question` at `at`, with positions whose question,
/// evidence document and recorded time are set to match.
pub fn reading(doc: &str, question: &str, at: i64, positions: Vec<Position>) -> Reading {
    let positions = positions
        .into_iter()
        .map(|mut p| {
            p.question = question.to_string();
            p.evidence.doc = DocId(doc.to_string());
            p.recorded = RecordedTime { at };
            p
        })
        .collect();
    Reading {
        document: DocId(doc.to_string()),
        question: question.to_string(),
        recorded: RecordedTime { at },
        positions,
    }
}

fn did(s: &str) -> DocId {
    DocId(s.to_string())
}

fn at(t: i64) -> Snapshot {
    Snapshot {
        recorded_as_of: Some(RecordedTime { at: t }),
        valid_as_of: None,
    }
}

fn all(store: &dyn Store) -> Vec<Position> {
    store
        .positions(&Snapshot::latest(), &Filter::all())
        .expect("positions")
}

/// Everything observable, to check that a failed commit changed nothing.
#[derive(Debug, PartialEq)]
struct Observed {
    stats: Stats,
    ids: Vec<DocId>,
    docs: Vec<Option<Document>>,
    readings: Vec<ReadingHeader>,
    positions: Vec<Position>,
}

fn observe(store: &dyn Store) -> Observed {
    let ids = store.document_ids().expect("document_ids");
    Observed {
        stats: store.stats().expect("stats"),
        docs: ids
            .iter()
            .map(|i| store.document(i).expect("document"))
            .collect(),
        ids,
        readings: store.readings().expect("readings"),
        positions: all(store),
    }
}

const UNICODE: &str = "Зеленський said: “We will not give up.” 🇺🇦 Ünïcödé — ok.\n\tTabs, \
                       quotes ' \" and a NUL-free end ∎";

// ---- checks -------------------------------------------------------------------

/// Documents round-trip exactly (unicode text, metadata present and absent).
pub fn documents_round_trip(store: &mut dyn Store) {
    let full = document("d-unicode", UNICODE);
    let bare = Document {
        id: did("d-bare"),
        name: "bare.txt".to_string(),
        title: None,
        published: None,
        source: None,
        url: None,
        text: String::new(),
    };
    let old = Document {
        published: Some(date(-44, 3, 15)),
        ..document("d-old", "Et tu, Brute?")
    };
    let s = store
        .commit(Batch {
            documents: vec![full.clone(), bare.clone(), old.clone()],
            readings: vec![],
            ..Batch::default()
        })
        .expect("commit documents");
    assert_eq!(
        s.new_documents,
        vec![full.id.clone(), bare.id.clone(), old.id.clone()]
    );
    assert!(s.duplicate_documents.is_empty());
    assert!(s.readings.is_empty());
    assert_eq!(s.positions, 0);
    for d in [&full, &bare, &old] {
        assert_eq!(store.document(&d.id).expect("document").as_ref(), Some(d));
        assert!(store.has_document(&d.id).expect("has_document"));
    }
    assert_eq!(store.document(&did("missing")).expect("document"), None);
    assert!(!store.has_document(&did("missing")).expect("has_document"));
    assert_eq!(
        store.document_ids().expect("document_ids"),
        vec![bare.id.clone(), old.id.clone(), full.id.clone()],
        "document ids are sorted"
    );
    assert_eq!(
        store.stats().expect("stats"),
        Stats {
            documents: 3,
            questions: 0,
            readings: 0,
            positions: 0
        }
    );
}

/// Storing an existing id is a no-op reported as a duplicate (within a
/// batch too), and the first metadata is kept.
pub fn duplicate_documents(store: &mut dyn Store) {
    let a = document("d-a", "Text A.");
    let s = store
        .commit(Batch {
            documents: vec![a.clone()],
            readings: vec![],
            ..Batch::default()
        })
        .expect("first commit");
    assert_eq!(s.new_documents, vec![a.id.clone()]);
    let renamed = Document {
        name: "elsewhere/a.md".to_string(),
        ..a.clone()
    };
    let b = document("d-b", "Text B.");
    let s = store
        .commit(Batch {
            documents: vec![renamed, b.clone(), b.clone()],
            readings: vec![],
            ..Batch::default()
        })
        .expect("second commit");
    assert_eq!(s.new_documents, vec![b.id.clone()]);
    assert_eq!(s.duplicate_documents, vec![a.id.clone(), b.id.clone()]);
    assert_eq!(store.document(&a.id).expect("document"), Some(a));
    assert_eq!(store.stats().expect("stats").documents, 2);
}

/// A different text under a stored id is refused, naming the document.
pub fn document_conflict(store: &mut dyn Store) {
    let a = document("d-a", "Text A.");
    store
        .commit(Batch {
            documents: vec![a.clone()],
            readings: vec![],
            ..Batch::default()
        })
        .expect("commit");
    let before = observe(store);
    let forged = document("d-a", "Another text.");
    let err = store
        .commit(Batch {
            documents: vec![document("d-new", "New."), forged],
            readings: vec![],
            ..Batch::default()
        })
        .expect_err("a conflicting text must be refused");
    assert!(
        matches!(err.validation(), Some(ValidationError::DocumentConflict { doc }) if *doc == a.id),
        "{err}"
    );
    assert_eq!(observe(store), before, "a refused batch changes nothing");
    // Within one batch too.
    let err = store
        .commit(Batch {
            documents: vec![document("d-x", "One."), document("d-x", "Two.")],
            readings: vec![],
            ..Batch::default()
        })
        .expect_err("a conflicting text in one batch must be refused");
    assert!(matches!(
        err.validation(),
        Some(ValidationError::DocumentConflict { .. })
    ));
    assert_eq!(observe(store), before);
}

/// Re-defining a question appends a version; reads return the latest.
pub fn questions_versions(store: &mut dyn Store) {
    let q1 = Question {
        id: "ukraine-aid".to_string(),
        proposition: "The US should keep arming Ukraine.".to_string(),
        aliases: vec!["aid".to_string(), "weapons for Kyiv".to_string()],
        terms: vec![],
        support_examples: vec!["We will keep sending weapons.".to_string()],
        oppose_examples: vec![],
    };
    let q2 = Question {
        id: "a-ceasefire".to_string(),
        proposition: "A ceasefire now — «без умов».".to_string(),
        ..Question::default()
    };
    store
        .put_questions(&[q1.clone(), q2.clone()], RecordedTime { at: 10 })
        .expect("put");
    assert_eq!(
        store.questions().expect("questions"),
        vec![q2.clone(), q1.clone()]
    );
    let q1b = Question {
        proposition: "The US should keep arming Ukraine (v2).".to_string(),
        aliases: vec![],
        terms: vec!["arm".to_string(), "Ukraine".to_string(), "aid".to_string()],
        support_examples: vec![],
        oppose_examples: vec!["No more money.".to_string(), "Stop.".to_string()],
        ..q1.clone()
    };
    store
        .put_questions(std::slice::from_ref(&q1b), RecordedTime { at: 20 })
        .expect("put v2");
    assert_eq!(
        store.questions().expect("questions"),
        vec![q2.clone(), q1b.clone()]
    );
    // As of a recorded time: a question loaded later is not seen, and a
    // version loaded later does not replace the one seen then.
    let as_of = |at: i64| {
        store
            .questions_as_of(Some(RecordedTime { at }))
            .expect("questions")
    };
    assert_eq!(as_of(9), vec![]);
    assert_eq!(as_of(10), vec![q2.clone(), q1.clone()]);
    assert_eq!(as_of(19), vec![q2.clone(), q1.clone()]);
    assert_eq!(as_of(20), vec![q2.clone(), q1b.clone()]);
    assert_eq!(
        store.questions_as_of(None).expect("questions"),
        vec![q2, q1b]
    );
    assert_eq!(store.stats().expect("stats").questions, 2);
    let err = store
        .put_questions(&[Question::default()], RecordedTime { at: 30 })
        .expect_err("an empty id is refused");
    assert!(matches!(
        err.validation(),
        Some(ValidationError::EmptyQuestionId { index: 0 })
    ));
}

/// Positions round-trip with every field exact.
pub fn positions_round_trip(store: &mut dyn Store) {
    let text = UNICODE;
    let d = document("d-u", text);
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let ranks = [
        Rank::Head,
        Rank::Minister,
        Rank::Adviser,
        Rank::Official,
        Rank::None,
    ];
    let stances = [Stance::Support, Stance::Oppose, Stance::Neutral];
    let kinds = [
        StatementKind::Direct,
        StatementKind::Partial,
        StatementKind::Indirect,
        StatementKind::Action,
        StatementKind::Turn,
    ];
    let modalities = [
        Modality::Statement,
        Modality::Commitment,
        Modality::Refusal,
        Modality::Act,
    ];
    let bases = [
        TimeBasis::Expression,
        TimeBasis::Narrative,
        TimeBasis::Publication,
        TimeBasis::Unknown,
    ];
    let confidences = [
        0.0f32,
        1.0,
        0.1,
        1.0 / 3.0,
        f32::MIN_POSITIVE,
        1.0 - f32::EPSILON,
        0.999_999_9,
    ];
    let mut ps = Vec::new();
    for i in 0..20usize {
        let start = bounds[i % bounds.len()];
        let end = bounds[(i * 7 + 3) % bounds.len()].max(start);
        let from = date(
            1900 + i as i32 * 7,
            1 + (i % 12) as u32,
            1 + (i % 28) as u32,
        );
        let mut p = position("q", "d-u", start, end, from, 0);
        p.actor = ActorId(format!("actor-{i}"));
        p.actor_name = format!("Актор №{i}");
        p.government = Gov(["USA", "RUS", "UKR", "NATO"][i % 4].to_string());
        p.rank = ranks[i % ranks.len()];
        p.stance = stances[i % stances.len()];
        p.qualifier = (i % 2 == 1).then(|| format!("at least some “defensive” weapons {i}"));
        p.kind = kinds[i % kinds.len()];
        p.modality = modalities[i % modalities.len()];
        p.confidence = confidences[i % confidences.len()];
        p.valid = ValidTime::new(from, add_days(from, i as i64 % 3), bases[i % bases.len()]);
        p.reported = i % 3 == 0;
        p.uncoordinated = i % 5 == 0;
        if i % 4 == 1 {
            p.why = vane_core::Why {
                judge: "minilm".into(),
                rules: vec!["veto.target".into()],
                probability: Some([0.5, 0.75, 0.875][i % 3]),
            };
        }
        ps.push(p);
    }
    // An empty range and a whole-text range, on dates far apart.
    ps.push(position("q", "d-u", 0, 0, date(-500, 1, 1), 0));
    ps.push(position("q", "d-u", 0, text.len(), date(9999, 12, 31), 0));
    let r = reading("d-u", "q", 1_700_000_000, ps.clone());
    let s = store
        .commit(Batch {
            documents: vec![d],
            readings: vec![r.clone()],
            ..Batch::default()
        })
        .expect("commit");
    assert_eq!(s.readings.len(), 1);
    assert_eq!(s.positions, ps.len());
    let mut want: Vec<(&Position, ReadingId, usize)> = r
        .positions
        .iter()
        .enumerate()
        .map(|(i, p)| (p, s.readings[0], i))
        .collect();
    want.sort_by(|a, b| position_order(*a, *b));
    let want: Vec<Position> = want.into_iter().map(|(p, _, _)| p.clone()).collect();
    let got = all(store);
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
        assert_eq!(
            g.confidence.to_bits(),
            w.confidence.to_bits(),
            "confidence bits"
        );
    }
    assert_eq!(
        store.readings().expect("readings"),
        vec![ReadingHeader {
            id: s.readings[0],
            document: did("d-u"),
            question: "q".to_string(),
            recorded: RecordedTime { at: 1_700_000_000 },
        }]
    );
    assert_eq!(store.stats().expect("stats").positions, ps.len());
}

fn add_days(d: Date, n: i64) -> Date {
    (0..n).fold(d, |x, _| x.succ_opt().expect("a date in range"))
}

fn commit_ok(store: &mut dyn Store, batch: Batch) -> Vec<ReadingId> {
    store.commit(batch).expect("commit").readings
}

fn one(store: &mut dyn Store, r: Reading) -> ReadingId {
    commit_ok(
        store,
        Batch {
            documents: vec![],
            readings: vec![r],
            ..Batch::default()
        },
    )[0]
}

/// The latest reading per (document, question) as of R wins; ties go to
/// the later id; backfilled readings count from their recorded time.
pub fn supersession(store: &mut dyn Store) {
    let text = "Alpha beta gamma delta epsilon.";
    store
        .commit(Batch {
            documents: vec![document("d1", text), document("d2", text)],
            readings: vec![],
            ..Batch::default()
        })
        .expect("documents");
    let day = date(2025, 1, 10);
    let p = |s: usize, e: usize| position("q", "d1", s, e, day, 0);
    let r10 = one(store, reading("d1", "q", 10, vec![p(0, 5), p(6, 10)]));
    let r20 = one(store, reading("d1", "q", 20, vec![p(11, 16)]));
    // Another question and another document are independent.
    let other_q = one(store, reading("d1", "q2", 15, vec![p(0, 5)]));
    let other_d = one(store, reading("d2", "q", 5, vec![p(17, 22)]));
    // Recorded at 12, committed after the reading at 20: the clock stepped
    // back. Visible from 12 on, and current once visible (the commit
    // sequence decides, not the clock).
    let r12 = one(store, reading("d1", "q", 12, vec![p(23, 30)]));
    let ids = [r10, r20, other_q, other_d, r12];
    let unique: HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "reading ids are unique");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "reading ids increase");

    let spans = |store: &dyn Store, snap: Snapshot, q: &str| -> Vec<(String, usize)> {
        store
            .positions(&snap, &Filter::question(q))
            .expect("positions")
            .into_iter()
            .map(|p| (p.evidence.doc.0, p.evidence.range.start))
            .collect()
    };
    let d1 = |starts: &[usize]| -> Vec<(String, usize)> {
        starts.iter().map(|s| ("d1".to_string(), *s)).collect()
    };
    let with_d2 = |mut v: Vec<(String, usize)>| {
        v.push(("d2".to_string(), 17));
        v
    };
    assert_eq!(spans(&*store, at(4), "q"), vec![]);
    assert_eq!(spans(&*store, at(5), "q"), with_d2(vec![]));
    assert_eq!(spans(&*store, at(10), "q"), with_d2(d1(&[0, 6])));
    assert_eq!(spans(&*store, at(11), "q"), with_d2(d1(&[0, 6])));
    assert_eq!(spans(&*store, at(12), "q"), with_d2(d1(&[23])));
    assert_eq!(spans(&*store, at(19), "q"), with_d2(d1(&[23])));
    assert_eq!(spans(&*store, at(20), "q"), with_d2(d1(&[23])));
    assert_eq!(spans(&*store, Snapshot::latest(), "q"), with_d2(d1(&[23])));
    assert_eq!(spans(&*store, Snapshot::latest(), "q2"), d1(&[0]));
    assert_eq!(spans(&*store, at(14), "q2"), vec![]);

    // A tie on recorded time goes to the later reading too.
    let tie = one(store, reading("d1", "q", 20, vec![p(0, 1), p(2, 3)]));
    assert!(tie > r20);
    assert_eq!(spans(&*store, at(20), "q"), with_d2(d1(&[0, 2])));
    assert_eq!(spans(&*store, at(19), "q"), with_d2(d1(&[23])));

    // The pure function agrees.
    let headers = store.readings().expect("readings");
    let want = |v: &[ReadingId]| v.iter().copied().collect::<HashSet<_>>();
    assert_eq!(current(&headers, Some(RecordedTime { at: 4 })), want(&[]));
    assert_eq!(
        current(&headers, Some(RecordedTime { at: 12 })),
        want(&[r12, other_d])
    );
    assert_eq!(current(&headers, None), want(&[tie, other_q, other_d]));
    assert_eq!(store.stats().expect("stats").readings, 6);
    assert_eq!(store.stats().expect("stats").positions, 8);
}

/// A reading without positions supersedes too.
pub fn empty_reading_supersedes(store: &mut dyn Store) {
    store
        .commit(Batch {
            documents: vec![document("d1", "Some text here.")],
            readings: vec![reading(
                "d1",
                "q",
                100,
                vec![position("q", "d1", 0, 4, date(2024, 5, 6), 0)],
            )],
            ..Batch::default()
        })
        .expect("commit");
    assert_eq!(all(store).len(), 1);
    let s = store
        .commit(Batch {
            documents: vec![],
            readings: vec![reading("d1", "q", 200, vec![])],
            ..Batch::default()
        })
        .expect("empty reading");
    assert_eq!(s.readings.len(), 1);
    assert_eq!(s.positions, 0);
    assert!(all(store).is_empty());
    assert_eq!(
        store
            .positions(&at(199), &Filter::all())
            .expect("positions")
            .len(),
        1
    );
    assert_eq!(store.stats().expect("stats").readings, 2);
}

/// `valid_as_of` keeps positions with `valid.from <= valid_as_of`.
pub fn as_of_valid(store: &mut dyn Store) {
    let mut ps = Vec::new();
    for (i, (from, to)) in [
        (date(2024, 1, 1), date(2024, 1, 1)),
        (date(2024, 1, 5), date(2024, 2, 1)),
        (date(2024, 3, 1), date(2024, 3, 2)),
    ]
    .into_iter()
    .enumerate()
    {
        let mut p = position("q", "d1", i, i + 1, from, 0);
        p.valid = ValidTime::new(from, to, TimeBasis::Narrative);
        ps.push(p);
    }
    store
        .commit(Batch {
            documents: vec![document("d1", "abcdef")],
            readings: vec![reading("d1", "q", 1, ps)],
            ..Batch::default()
        })
        .expect("commit");
    let starts = |v: Option<Date>| -> Vec<usize> {
        store
            .positions(
                &Snapshot {
                    recorded_as_of: None,
                    valid_as_of: v,
                },
                &Filter::all(),
            )
            .expect("positions")
            .into_iter()
            .map(|p| p.evidence.range.start)
            .collect()
    };
    assert_eq!(starts(Some(date(2023, 12, 31))), Vec::<usize>::new());
    assert_eq!(starts(Some(date(2024, 1, 1))), vec![0]);
    assert_eq!(starts(Some(date(2024, 1, 20))), vec![0, 1]);
    assert_eq!(starts(Some(date(2024, 3, 1))), vec![0, 1, 2]);
    assert_eq!(starts(None), vec![0, 1, 2]);
    // Both axes at once.
    let both = store
        .positions(
            &Snapshot {
                recorded_as_of: Some(RecordedTime { at: 0 }),
                valid_as_of: Some(date(2030, 1, 1)),
            },
            &Filter::all(),
        )
        .expect("positions");
    assert!(both.is_empty());
}

/// Filters by question, government and actor, alone and together.
pub fn filters(store: &mut dyn Store) {
    let day = date(2025, 2, 2);
    let mk = |q: &str, gov: &str, actor: &str, s: usize| {
        let mut p = position(q, "d1", s, s + 1, day, 0);
        p.government = Gov(gov.to_string());
        p.actor = ActorId(actor.to_string());
        p
    };
    store
        .commit(Batch {
            documents: vec![document("d1", "0123456789")],
            readings: vec![
                reading(
                    "d1",
                    "qa",
                    1,
                    vec![
                        mk("qa", "USA", "a1", 0),
                        mk("qa", "RUS", "a2", 1),
                        mk("qa", "USA", "a3", 2),
                    ],
                ),
                reading(
                    "d1",
                    "qb",
                    1,
                    vec![mk("qb", "USA", "a1", 3), mk("qb", "UKR", "a4", 4)],
                ),
            ],
            ..Batch::default()
        })
        .expect("commit");
    let starts = |f: Filter| -> Vec<usize> {
        store
            .positions(&Snapshot::latest(), &f)
            .expect("positions")
            .into_iter()
            .map(|p| p.evidence.range.start)
            .collect()
    };
    let usa = || Gov("USA".to_string());
    let a1 = || ActorId("a1".to_string());
    assert_eq!(starts(Filter::all()), vec![0, 1, 2, 3, 4]);
    assert_eq!(starts(Filter::question("qa")), vec![0, 1, 2]);
    assert_eq!(starts(Filter::question("qb")), vec![3, 4]);
    assert_eq!(starts(Filter::question("none")), Vec::<usize>::new());
    assert_eq!(starts(Filter::all().with_government(usa())), vec![0, 2, 3]);
    assert_eq!(starts(Filter::all().with_actor(a1())), vec![0, 3]);
    assert_eq!(
        starts(Filter::question("qa").with_government(usa())),
        vec![0, 2]
    );
    assert_eq!(
        starts(
            Filter::question("qb")
                .with_government(usa())
                .with_actor(a1())
        ),
        vec![3]
    );
    assert_eq!(
        starts(
            Filter::all()
                .with_government(Gov("RUS".to_string()))
                .with_actor(a1())
        ),
        Vec::<usize>::new()
    );
}

/// Results are sorted by (valid.from, valid.to, document, evidence start).
pub fn ordering(store: &mut dyn Store) {
    let text = "0123456789";
    let d = |y, m, dd| date(y, m, dd);
    let mut ps_a = Vec::new();
    let mut ps_b = Vec::new();
    // (from, to, start) in scrambled order, over two documents.
    for (i, (from, to, start)) in [
        (d(2024, 5, 1), d(2024, 5, 3), 4),
        (d(2024, 5, 1), d(2024, 5, 1), 7),
        (d(2023, 1, 1), d(2023, 1, 1), 9),
        (d(2024, 5, 1), d(2024, 5, 1), 2),
    ]
    .into_iter()
    .enumerate()
    {
        let mut p = position("q", "da", start, start + 1, from, 0);
        p.valid = ValidTime::new(from, to, TimeBasis::Expression);
        p.actor = ActorId(format!("a{i}"));
        let mut pb = p.clone();
        pb.evidence.doc = did("db");
        ps_a.push(p);
        ps_b.push(pb);
    }
    store
        .commit(Batch {
            documents: vec![document("db", text), document("da", text)],
            readings: vec![reading("db", "q", 1, ps_b), reading("da", "q", 1, ps_a)],
            ..Batch::default()
        })
        .expect("commit");
    let got: Vec<(Date, Date, String, usize)> = all(store)
        .into_iter()
        .map(|p| {
            (
                p.valid.from,
                p.valid.to,
                p.evidence.doc.0,
                p.evidence.range.start,
            )
        })
        .collect();
    let mut want = got.clone();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(got.len(), 8);
    assert_eq!(got[0], (d(2023, 1, 1), d(2023, 1, 1), "da".to_string(), 9));
    assert_eq!(got[1], (d(2023, 1, 1), d(2023, 1, 1), "db".to_string(), 9));
    assert_eq!(got[2], (d(2024, 5, 1), d(2024, 5, 1), "da".to_string(), 2));
}

/// A reading may cite a document of its own batch.
pub fn reading_cites_batch_document(store: &mut dyn Store) {
    let s = store
        .commit(Batch {
            documents: vec![document("d1", "Hello, world.")],
            readings: vec![reading(
                "d1",
                "q",
                5,
                vec![position("q", "d1", 7, 12, date(2025, 1, 1), 0)],
            )],
            ..Batch::default()
        })
        .expect("commit");
    assert_eq!(s.new_documents, vec![did("d1")]);
    assert_eq!(s.positions, 1);
    assert_eq!(all(store).len(), 1);
}

/// A batch that fails anywhere leaves the store exactly as it was.
pub fn atomic_batch_failure(store: &mut dyn Store) {
    store
        .commit(Batch {
            documents: vec![document("d1", "Stored before.")],
            readings: vec![reading(
                "d1",
                "q",
                1,
                vec![position("q", "d1", 0, 6, date(2025, 1, 1), 0)],
            )],
            ..Batch::default()
        })
        .expect("commit");
    let before = observe(store);
    // New document, a good reading, a supersession, then a reading citing
    // a document that is neither in the batch nor stored.
    let err = store
        .commit(Batch {
            documents: vec![document("d2", "New in this batch.")],
            readings: vec![
                reading(
                    "d2",
                    "q",
                    2,
                    vec![position("q", "d2", 0, 3, date(2025, 1, 2), 0)],
                ),
                reading("d1", "q", 2, vec![]),
                reading(
                    "ghost",
                    "q",
                    2,
                    vec![position("q", "ghost", 0, 1, date(2025, 1, 2), 0)],
                ),
            ],
            ..Batch::default()
        })
        .expect_err("a reading of an unknown document fails the batch");
    assert!(
        matches!(
            err.validation(),
            Some(ValidationError::UnknownDocument { doc, reading: 2 }) if doc.0 == "ghost"
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("ghost"),
        "the error names the document: {err}"
    );
    assert_eq!(observe(store), before, "a failed batch changes nothing");
    assert!(!store.has_document(&did("d2")).expect("has_document"));
    // The store still works, and ids stay increasing.
    let last = before.readings.last().expect("a reading").id;
    let s = store
        .commit(Batch {
            documents: vec![document("d2", "New in this batch.")],
            readings: vec![reading("d2", "q", 3, vec![])],
            ..Batch::default()
        })
        .expect("commit after failure");
    assert!(s.readings[0] > last);
}

/// Each kind of bad position is refused with a typed error naming the
/// document, and nothing is stored.
pub fn validation_errors(store: &mut dyn Store) {
    let text = "Ünïcödé text";
    store
        .commit(Batch {
            documents: vec![document("d1", text)],
            readings: vec![],
            ..Batch::default()
        })
        .expect("commit");
    let before = observe(store);
    let good = || position("q", "d1", 0, 2, date(2025, 1, 1), 7);
    let try_one = |store: &mut dyn Store, p: Position| -> StoreError {
        let mut r = reading("d1", "q", 7, vec![]);
        r.positions = vec![good(), p];
        store
            .commit(Batch {
                documents: vec![],
                readings: vec![reading("d1", "q", 7, vec![good()]), r],
                ..Batch::default()
            })
            .expect_err("a bad position fails the batch")
    };
    let d1 = did("d1");
    // Inside a multi-byte char.
    let mut p = good();
    p.evidence.range = TextRange { start: 1, end: 3 };
    let e = try_one(store, p);
    assert!(
        matches!(e.validation(), Some(ValidationError::BadRange { doc, reading: 1, position: 1, start: 1, end: 3, .. }) if *doc == d1),
        "{e}"
    );
    assert!(e.to_string().contains("d1"), "{e}");
    // Past the end.
    let mut p = good();
    p.evidence.range = TextRange {
        start: 0,
        end: text.len() + 1,
    };
    assert!(matches!(
        try_one(store, p).validation(),
        Some(ValidationError::BadRange { .. })
    ));
    // Reversed (the fields are public).
    let mut p = good();
    p.evidence.range = TextRange { start: 2, end: 0 };
    assert!(matches!(
        try_one(store, p).validation(),
        Some(ValidationError::BadRange { .. })
    ));
    // Evidence in another document.
    let mut p = good();
    p.evidence.doc = did("d2");
    assert!(matches!(
        try_one(store, p).validation(),
        Some(ValidationError::EvidenceElsewhere { .. })
    ));
    // Another question.
    let mut p = good();
    p.question = "other".to_string();
    assert!(matches!(
        try_one(store, p).validation(),
        Some(ValidationError::QuestionMismatch { .. })
    ));
    // Another recorded time.
    let mut p = good();
    p.recorded = RecordedTime { at: 8 };
    assert!(matches!(
        try_one(store, p).validation(),
        Some(ValidationError::RecordedMismatch { .. })
    ));
    // Confidence out of range, and NaN.
    for c in [f32::NAN, -0.1, 1.5, f32::INFINITY] {
        let mut p = good();
        p.confidence = c;
        assert!(matches!(
            try_one(store, p).validation(),
            Some(ValidationError::BadConfidence { .. })
        ));
    }
    // Valid time reversed.
    let mut p = good();
    p.valid.to = date(2024, 1, 1);
    assert!(matches!(
        try_one(store, p).validation(),
        Some(ValidationError::BadValidTime { .. })
    ));
    // An empty question id.
    let e = store
        .commit(Batch {
            documents: vec![],
            readings: vec![reading("d1", "", 7, vec![])],
            ..Batch::default()
        })
        .expect_err("an empty question id is refused");
    assert!(matches!(
        e.validation(),
        Some(ValidationError::EmptyQuestion { .. })
    ));
    assert_eq!(observe(store), before, "refused batches change nothing");
}

// ---- random histories against a naive model ------------------------------------

const DOCS: [&str; 3] = ["d0", "d1", "d2"];
const DOC_TEXT: &str = "Ab “cd” éf — gh ijk lmn.";
const QUESTIONS: [&str; 2] = ["q0", "q1"];
const GOVS: [&str; 2] = ["USA", "RUS"];
const ACTORS: [&str; 3] = ["a0", "a1", "a2"];

#[derive(Clone, Debug)]
struct GenPosition {
    gov: usize,
    actor: usize,
    from: u32,
    len: u32,
    start: usize,
    end: usize,
    stance: usize,
}

#[derive(Clone, Debug)]
struct GenReading {
    doc: usize,
    question: usize,
    at: i64,
    positions: Vec<GenPosition>,
}

#[derive(Clone, Debug)]
struct GenBatch {
    readings: Vec<GenReading>,
    /// Adds a reading of an unknown document at the end: the batch fails.
    poison: bool,
}

fn gen_position() -> impl Strategy<Value = GenPosition> {
    let n = DOC_TEXT.char_indices().count() + 1;
    (
        0..2usize,
        0..3usize,
        0..6u32,
        0..3u32,
        0..n,
        0..n,
        0..3usize,
    )
        .prop_map(|(gov, actor, from, len, a, b, stance)| GenPosition {
            gov,
            actor,
            from,
            len,
            start: a.min(b),
            end: a.max(b),
            stance,
        })
}

fn gen_reading() -> impl Strategy<Value = GenReading> {
    (
        0..DOCS.len(),
        0..QUESTIONS.len(),
        0..8i64,
        prop::collection::vec(gen_position(), 0..4),
    )
        .prop_map(|(doc, question, at, positions)| GenReading {
            doc,
            question,
            at,
            positions,
        })
}

fn gen_history() -> impl Strategy<Value = Vec<GenBatch>> {
    prop::collection::vec(
        (
            prop::collection::vec(gen_reading(), 0..4),
            prop::bool::weighted(0.15),
        )
            .prop_map(|(readings, poison)| GenBatch { readings, poison }),
        1..8,
    )
}

fn build_reading(g: &GenReading) -> Reading {
    let bounds: Vec<usize> = DOC_TEXT
        .char_indices()
        .map(|(i, _)| i)
        .chain([DOC_TEXT.len()])
        .collect();
    let doc = DOCS[g.doc];
    let q = QUESTIONS[g.question];
    let ps = g
        .positions
        .iter()
        .map(|gp| {
            let from = date(2024, 1, 1 + gp.from);
            let mut p = position(q, doc, bounds[gp.start], bounds[gp.end], from, g.at);
            p.valid = ValidTime::new(
                from,
                date(2024, 1, 1 + gp.from + gp.len),
                TimeBasis::Expression,
            );
            p.government = Gov(GOVS[gp.gov].to_string());
            p.actor = ActorId(ACTORS[gp.actor].to_string());
            p.stance = [Stance::Support, Stance::Oppose, Stance::Neutral][gp.stance];
            p.confidence = gp.from as f32 / 7.0;
            p
        })
        .collect();
    reading(doc, q, g.at, ps)
}

/// The naive model: every reading committed, with its id.
fn model_positions(
    model: &[(ReadingId, Reading)],
    snap: &Snapshot,
    filter: &Filter,
) -> (HashSet<ReadingId>, Vec<Position>) {
    let visible = |r: &Reading| snap.recorded_as_of.is_none_or(|a| r.recorded <= a);
    let mut cur = HashSet::new();
    let mut hits: Vec<(&Position, ReadingId, usize)> = Vec::new();
    for (id, r) in model {
        if !visible(r) {
            continue;
        }
        let beaten = model.iter().any(|(id2, r2)| {
            visible(r2) && r2.document == r.document && r2.question == r.question && *id2 > *id
        });
        if beaten {
            continue;
        }
        cur.insert(*id);
        for (i, p) in r.positions.iter().enumerate() {
            if filter.question.as_ref().is_none_or(|q| *q == p.question)
                && filter
                    .government
                    .as_ref()
                    .is_none_or(|g| *g == p.government)
                && filter.actor.as_ref().is_none_or(|a| *a == p.actor)
                && snap.valid_as_of.is_none_or(|v| p.valid.from <= v)
            {
                hits.push((p, *id, i));
            }
        }
    }
    hits.sort_by(|a, b| {
        let k = |(p, r, i): &(&Position, ReadingId, usize)| {
            (
                p.valid.from,
                p.valid.to,
                p.evidence.doc.clone(),
                p.evidence.range.start,
                p.evidence.range.end,
                *r,
                *i,
            )
        };
        k(a).cmp(&k(b))
    });
    (cur, hits.into_iter().map(|(p, _, _)| p.clone()).collect())
}

fn run_history(store: &mut dyn Store, history: &[GenBatch]) -> Result<(), TestCaseError> {
    store
        .commit(Batch {
            documents: DOCS.iter().map(|d| document(d, DOC_TEXT)).collect(),
            readings: vec![],
            ..Batch::default()
        })
        .map_err(|e| TestCaseError::fail(format!("documents: {e}")))?;
    let mut model: Vec<(ReadingId, Reading)> = Vec::new();
    for b in history {
        let mut readings: Vec<Reading> = b.readings.iter().map(build_reading).collect();
        if b.poison {
            readings.push(reading("ghost", "q0", 0, vec![]));
        }
        let n = readings.len();
        match store.commit(Batch {
            documents: vec![],
            readings: readings.clone(),
            ..Batch::default()
        }) {
            Ok(s) => {
                prop_assert!(!b.poison, "a poisoned batch was accepted");
                prop_assert_eq!(s.readings.len(), n);
                if let (Some(last), Some(first)) = (model.last(), s.readings.first()) {
                    prop_assert!(first > &last.0, "reading ids increase");
                }
                prop_assert!(s.readings.windows(2).all(|w| w[0] < w[1]));
                model.extend(s.readings.into_iter().zip(readings));
            }
            Err(e) => {
                prop_assert!(b.poison, "a good batch failed: {}", e);
                let unknown = matches!(
                    e.validation(),
                    Some(ValidationError::UnknownDocument { .. })
                );
                prop_assert!(unknown, "wrong error: {}", e);
            }
        }
    }
    let headers = store
        .readings()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(headers.len(), model.len());
    let mut snaps: Vec<Option<i64>> = (0..9).map(Some).collect();
    snaps.push(None);
    let valids = [None, Some(date(2024, 1, 1)), Some(date(2024, 1, 3))];
    let filters = [
        Filter::all(),
        Filter::question("q0"),
        Filter::question("q1").with_government(Gov("USA".to_string())),
        Filter::all().with_actor(ActorId("a1".to_string())),
    ];
    for r in &snaps {
        for v in valids {
            let snap = Snapshot {
                recorded_as_of: r.map(|at| RecordedTime { at }),
                valid_as_of: v,
            };
            for f in &filters {
                let (cur, want) = model_positions(&model, &snap, f);
                let got = store
                    .positions(&snap, f)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(&got, &want, "snapshot {:?}, filter {:?}", snap, f);
                if *f == Filter::all() {
                    prop_assert_eq!(current(&headers, snap.recorded_as_of), cur);
                }
            }
        }
    }
    let stats = store
        .stats()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(stats.readings, model.len());
    prop_assert_eq!(
        stats.positions,
        model.iter().map(|(_, r)| r.positions.len()).sum::<usize>()
    );
    Ok(())
}

/// Random histories of batches (some of them failing): every snapshot
/// answer equals a naive model's, and [`current`] agrees with it.
pub fn random_histories(factory: Factory<'_>, cases: u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let factory = std::cell::RefCell::new(factory);
    let result = runner.run(&gen_history(), |history| {
        let mut store = (factory.borrow_mut())();
        run_history(store.as_mut(), &history)
    });
    if let Err(e) = result {
        panic!("random histories: {e}");
    }
}

/// Actor packs come back in the order stored, byte for byte.
pub fn actor_packs(store: &mut dyn Store) {
    assert!(store.packs().expect("packs").is_empty());
    let a = crate::ActorPack {
        label: "vane actors import --from toml a.toml".into(),
        recorded: RecordedTime { at: 5 },
        toml: "# é\n[[actor]]\nid = \"x\"\n".into(),
    };
    let b = crate::ActorPack {
        label: "second".into(),
        recorded: RecordedTime { at: 6 },
        toml: String::new(),
    };
    store.put_pack(&a).expect("put a");
    store.put_pack(&b).expect("put b");
    assert_eq!(store.packs().expect("packs"), vec![a, b]);
}

/// Links round-trip; a link to an unknown document is refused whole;
/// `latest_named` finds the last document stored under a URL or name.
pub fn document_links(store: &mut dyn Store) {
    let mut a = document("a", "first text");
    a.url = Some("https://example.org/page".into());
    let mut b = document("b", "second text, changed");
    b.url = Some("https://example.org/page".into());
    let mut c = document("c", "third");
    c.url = None;
    store
        .commit(Batch {
            documents: vec![a.clone(), b.clone(), c.clone()],
            readings: vec![],
            ..Batch::default()
        })
        .expect("commit");
    assert_eq!(
        store
            .latest_named("https://example.org/page")
            .expect("lookup"),
        Some(b.id.clone())
    );
    assert_eq!(
        store.latest_named("news/c.md").expect("lookup"),
        Some(c.id.clone())
    );
    assert_eq!(store.latest_named("nothing").expect("lookup"), None);
    let l1 = crate::DocLink {
        from: b.id.clone(),
        to: a.id.clone(),
        kind: crate::LinkKind::VersionOf,
        similarity: 0.5,
    };
    let l2 = crate::DocLink {
        from: c.id.clone(),
        to: a.id.clone(),
        kind: crate::LinkKind::NearDuplicateOf,
        similarity: 0.875,
    };
    store.put_links(&[l1.clone(), l2.clone()]).expect("links");
    let bad = crate::DocLink {
        from: c.id.clone(),
        to: DocId("missing".into()),
        kind: crate::LinkKind::VersionOf,
        similarity: 1.0,
    };
    assert!(store.put_links(&[l1.clone(), bad]).is_err());
    assert_eq!(store.links().expect("links"), vec![l1, l2]);
}

/// The latest validators recorded for a URL win.
pub fn fetch_state(store: &mut dyn Store) {
    let url = "https://example.org/feed.rss";
    assert_eq!(store.fetch_state(url).expect("read"), None);
    let a = crate::FetchState {
        url: url.into(),
        etag: Some("\"v1\"".into()),
        last_modified: None,
    };
    let b = crate::FetchState {
        url: url.into(),
        etag: None,
        last_modified: Some("Wed, 25 Jan 2023 10:00:00 GMT".into()),
    };
    store.put_fetch_state(&a).expect("put");
    store.put_fetch_state(&b).expect("put");
    assert_eq!(store.fetch_state(url).expect("read"), Some(b));
    assert_eq!(
        store
            .fetch_state("https://example.org/other")
            .expect("read"),
        None
    );
}

/// Full-text search over statements: every word, case-insensitive, whole
/// words only, in the snapshot, in order, limited; punctuation and quotes
/// are never query syntax.
pub fn statement_search(store: &mut dyn Store) {
    let text = "We will keep sending Patriot batteries. Russia rejects the talks. \
                \"Patriot\" OR NOT sending? Ceasefire now.";
    store
        .commit(Batch {
            documents: vec![document("d1", text)],
            readings: vec![],
            ..Batch::default()
        })
        .expect("documents");
    let day = date(2025, 1, 10);
    let p = |s: usize, e: usize| position("q", "d1", s, e, day, 0);
    let first = text.find("Russia").expect("fixture");
    let third = text.find("\"Patriot").expect("fixture");
    let cease = text.find("Ceasefire").expect("fixture");
    one(
        store,
        reading(
            "d1",
            "q",
            10,
            vec![p(0, first - 1), p(first, third - 1), p(third, text.len())],
        ),
    );
    let search = |store: &dyn Store, snap: Snapshot, q: &str, limit: usize| -> Vec<usize> {
        store
            .search(&snap, &Filter::all(), q, limit)
            .expect("search")
            .into_iter()
            .map(|p| p.evidence.range.start)
            .collect()
    };
    let now = Snapshot::latest();
    assert_eq!(search(&*store, now, "patriot", 10), vec![0, third]);
    assert_eq!(search(&*store, now, "PATRIOT sending", 10), vec![0, third]);
    assert_eq!(search(&*store, now, "patriot", 1), vec![0]);
    assert_eq!(search(&*store, now, "russia talks", 10), vec![first]);
    assert_eq!(
        search(&*store, now, "russia patriot", 10),
        Vec::<usize>::new()
    );
    assert_eq!(
        search(&*store, now, "patri", 10),
        Vec::<usize>::new(),
        "whole words"
    );
    assert_eq!(search(&*store, now, "\"OR NOT\" -", 10), vec![third]);
    assert_eq!(search(&*store, now, "  ?! ", 10), Vec::<usize>::new());
    assert_eq!(search(&*store, now, "ceasefire", 10), vec![third]);
    assert!(cease > third);
    // The snapshot: before the reading, nothing; a later reading supersedes.
    assert_eq!(search(&*store, at(9), "patriot", 10), Vec::<usize>::new());
    one(store, reading("d1", "q", 20, vec![p(first, third - 1)]));
    assert_eq!(search(&*store, now, "patriot", 10), Vec::<usize>::new());
    assert_eq!(search(&*store, at(15), "patriot", 10), vec![0, third]);
    // Filters apply.
    assert_eq!(
        store
            .search(&now, &Filter::question("other"), "russia", 10)
            .expect("search"),
        vec![]
    );
}

// ---- random ingests, re-readings and queries, step by step ---------------------

/// Documents of the ingest histories: ids and their texts (the positions'
/// ranges are drawn on [`DOC_TEXT`]'s character boundaries, so every text
/// starts with it).
const INGEST_DOCS: [(&str, &str); 4] = [
    ("e0", DOC_TEXT),
    ("e1", "Ab “cd” éf — gh ijk lmn. Patriot batteries, now."),
    ("e2", "Ab “cd” éf — gh ijk lmn. Sanctions and talks."),
    ("e3", "Ab “cd” éf — gh ijk lmn. Ceasefire?"),
];

#[derive(Clone, Debug)]
enum Step {
    /// Ingest: these documents (indexes into [`INGEST_DOCS`], repeats
    /// allowed) and readings of any of them (stored, in the batch, or
    /// neither: then the batch must fail), and links between any of them
    /// (a self-link, or one to or from a document neither stored nor in
    /// the batch, fails the batch).
    Commit {
        docs: Vec<usize>,
        readings: Vec<GenReading>,
        links: Vec<(usize, usize)>,
    },
    /// Ask: positions and a search at an as-of time, compared with the model.
    Query { at: Option<i64>, words: usize },
}

fn gen_step() -> impl Strategy<Value = Step> {
    let reading = (
        0..INGEST_DOCS.len(),
        0..QUESTIONS.len(),
        0..8i64,
        prop::collection::vec(gen_position(), 0..4),
    )
        .prop_map(|(doc, question, at, positions)| GenReading {
            doc,
            question,
            at,
            positions,
        });
    prop_oneof![
        3 => (
            prop::collection::vec(0..INGEST_DOCS.len(), 0..3),
            prop::collection::vec(reading, 0..4),
            prop::collection::vec((0..INGEST_DOCS.len(), 0..INGEST_DOCS.len()), 0..2),
        )
            .prop_map(|(docs, readings, links)| Step::Commit { docs, readings, links }),
        1 => (prop::option::of(0..9i64), 0..4usize)
            .prop_map(|(at, words)| Step::Query { at, words }),
    ]
}

fn ingest_reading(g: &GenReading) -> Reading {
    // Built on document 0, then moved: every text starts with DOC_TEXT.
    let mut r = build_reading(&GenReading {
        doc: 0,
        ..g.clone()
    });
    let id = INGEST_DOCS[g.doc].0;
    r.document = did(id);
    for p in &mut r.positions {
        p.evidence.doc = did(id);
    }
    r
}

fn run_ingests(store: &mut dyn Store, steps: &[Step]) -> Result<(), TestCaseError> {
    let fail = |e: StoreError| TestCaseError::fail(e.to_string());
    let mut stored: Vec<usize> = Vec::new();
    let mut model: Vec<(ReadingId, Reading)> = Vec::new();
    let mut model_links: Vec<crate::DocLink> = Vec::new();
    let text_of = |id: &DocId| {
        INGEST_DOCS
            .iter()
            .find(|(d, _)| *d == id.0)
            .map_or("", |(_, t)| *t)
    };
    for step in steps {
        match step {
            Step::Commit {
                docs,
                readings,
                links,
            } => {
                let link = |(from, to): &(usize, usize)| crate::DocLink {
                    from: did(INGEST_DOCS[*from].0),
                    to: did(INGEST_DOCS[*to].0),
                    kind: crate::LinkKind::VersionOf,
                    similarity: 0.5,
                };
                let batch = Batch {
                    documents: docs
                        .iter()
                        .map(|i| document(INGEST_DOCS[*i].0, INGEST_DOCS[*i].1))
                        .collect(),
                    readings: readings.iter().map(ingest_reading).collect(),
                    links: links.iter().map(link).collect(),
                    ..Batch::default()
                };
                let known = |i: &usize| stored.contains(i) || docs.contains(i);
                let ok = readings.iter().all(|r| known(&r.doc))
                    && links.iter().all(|(f, t)| f != t && known(f) && known(t));
                let mut new = Vec::new();
                let mut dup = Vec::new();
                for i in docs {
                    if stored.contains(i) || new.contains(i) {
                        dup.push(did(INGEST_DOCS[*i].0));
                    } else {
                        new.push(*i);
                    }
                }
                // Documents stored before the batch were read and linked by
                // whoever stored them: the batch's readings of them and its
                // links from them are dropped (a re-reading of a stored
                // document the batch does not carry is appended).
                let claimed = |i: &usize| stored.contains(i) && docs.contains(i);
                let appended: Vec<Reading> = readings
                    .iter()
                    .filter(|r| !claimed(&r.doc))
                    .map(ingest_reading)
                    .collect();
                let linked: Vec<crate::DocLink> = links
                    .iter()
                    .filter(|(f, _)| !claimed(f))
                    .map(link)
                    .collect();
                match store.commit(batch.clone()) {
                    Ok(s) => {
                        prop_assert!(ok, "a bad batch was accepted");
                        let want_new: Vec<DocId> =
                            new.iter().map(|i| did(INGEST_DOCS[*i].0)).collect();
                        prop_assert_eq!(&s.new_documents, &want_new);
                        prop_assert_eq!(&s.duplicate_documents, &dup);
                        prop_assert_eq!(s.readings.len(), appended.len());
                        prop_assert_eq!(
                            s.positions,
                            appended.iter().map(|r| r.positions.len()).sum::<usize>()
                        );
                        if let (Some(last), Some(first)) = (model.last(), s.readings.first()) {
                            prop_assert!(first > &last.0, "reading ids increase");
                        }
                        stored.extend(new);
                        model.extend(s.readings.into_iter().zip(appended));
                        model_links.extend(linked);
                    }
                    Err(e) => {
                        prop_assert!(!ok, "a good batch failed: {}", e);
                        let expected = matches!(
                            e.validation(),
                            Some(
                                ValidationError::UnknownDocument { .. }
                                    | ValidationError::UnknownLinked { .. }
                                    | ValidationError::SelfLink { .. }
                            )
                        );
                        prop_assert!(expected, "wrong error: {}", e);
                    }
                }
                prop_assert_eq!(store.links().map_err(fail)?, model_links.clone());
                let mut ids: Vec<DocId> = stored.iter().map(|i| did(INGEST_DOCS[*i].0)).collect();
                ids.sort();
                prop_assert_eq!(store.document_ids().map_err(fail)?, ids);
            }
            Step::Query { at, words } => {
                let snap = Snapshot {
                    recorded_as_of: at.map(|at| RecordedTime { at }),
                    valid_as_of: None,
                };
                for f in [Filter::all(), Filter::question("q1")] {
                    let (_, want) = model_positions(&model, &snap, &f);
                    let got = store.positions(&snap, &f).map_err(fail)?;
                    prop_assert_eq!(&got, &want, "snapshot {:?}, filter {:?}", snap, f);
                    let query = ["cd", "GH ijk", "lmn, ab", "éf"][*words];
                    let terms = crate::search_terms(query);
                    let mut found: Vec<Position> = want
                        .into_iter()
                        .filter(|p| {
                            text_of(&p.evidence.doc)
                                .get(p.evidence.range.range())
                                .is_some_and(|t| crate::matches_terms(t, &terms))
                        })
                        .collect();
                    found.truncate(3);
                    let got = store.search(&snap, &f, query, 3).map_err(fail)?;
                    prop_assert_eq!(&got, &found, "search {:?} at {:?}", query, snap);
                }
            }
        }
    }
    let stats = store.stats().map_err(fail)?;
    prop_assert_eq!(stats.documents, stored.len());
    prop_assert_eq!(stats.readings, model.len());
    Ok(())
}

/// Random interleavings of ingests (new and duplicate documents, readings
/// of stored, batched or unknown documents, re-readings, links, documents
/// claimed by an earlier batch) and as-of queries
/// and searches: after every step the store answers as a naive model does.
pub fn random_ingests(factory: Factory<'_>, cases: u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let factory = std::cell::RefCell::new(factory);
    let result = runner.run(&prop::collection::vec(gen_step(), 1..12), |steps| {
        let mut store = (factory.borrow_mut())();
        run_ingests(store.as_mut(), &steps)
    });
    if let Err(e) = result {
        panic!("random ingests: {e}");
    }
}

/// A batch carrying a document another writer stored first appends none of
/// that document's readings or links (it was read and linked when stored),
/// and still appends the rest: two concurrent ingests never read a document
/// twice.
pub fn claimed_documents(store: &mut dyn Store) {
    let text = "Alpha beta gamma delta epsilon.";
    let day = date(2025, 1, 10);
    let first = Batch {
        documents: vec![document("d1", text), document("d0", "Zero.")],
        readings: vec![reading(
            "d1",
            "q",
            10,
            vec![position("q", "d1", 0, 5, day, 0)],
        )],
        ..Batch::default()
    };
    store.commit(first).expect("first writer");
    let link = |from: &str, to: &str| crate::DocLink {
        from: DocId(from.into()),
        to: DocId(to.into()),
        kind: crate::LinkKind::VersionOf,
        similarity: 0.5,
    };
    let second = Batch {
        documents: vec![document("d1", text), document("d2", text)],
        readings: vec![
            reading("d1", "q", 11, vec![position("q", "d1", 6, 10, day, 0)]),
            reading("d2", "q", 11, vec![position("q", "d2", 6, 10, day, 0)]),
        ],
        links: vec![link("d1", "d0"), link("d2", "d0")],
        ..Batch::default()
    };
    let s = store.commit(second).expect("second writer");
    assert_eq!(s.duplicate_documents, vec![DocId("d1".into())]);
    assert_eq!(s.new_documents, vec![DocId("d2".into())]);
    assert_eq!(s.readings.len(), 1, "only d2's reading is appended");
    assert_eq!(s.positions, 1);
    let stats = store.stats().expect("stats");
    assert_eq!(
        (stats.documents, stats.readings, stats.positions),
        (3, 2, 2)
    );
    assert_eq!(store.links().expect("links"), vec![link("d2", "d0")]);
    let d1: Vec<usize> = store
        .positions(&Snapshot::latest(), &Filter::question("q"))
        .expect("positions")
        .into_iter()
        .filter(|p| p.evidence.doc.0 == "d1")
        .map(|p| p.evidence.range.start)
        .collect();
    assert_eq!(d1, vec![0], "the first writer's reading stands");
    // A reading of a stored document not carried by the batch (a re-read)
    // is appended as before.
    let s = store
        .commit(Batch {
            readings: vec![reading("d1", "q", 12, vec![])],
            ..Batch::default()
        })
        .expect("re-read");
    assert_eq!(s.readings.len(), 1);
}

/// Links and question versions commit with the batch, atomically.
pub fn batch_links_and_questions(store: &mut dyn Store) {
    let q = Question {
        id: "q".into(),
        proposition: "Alpha is given.".into(),
        ..Question::default()
    };
    let link = crate::DocLink {
        from: DocId("b".into()),
        to: DocId("a".into()),
        kind: crate::LinkKind::NearDuplicateOf,
        similarity: 0.9,
    };
    let s = store
        .commit(Batch {
            documents: vec![document("a", "first"), document("b", "first!")],
            readings: vec![reading("a", "q", 7, vec![])],
            links: vec![link.clone()],
            questions: vec![(q.clone(), RecordedTime { at: 7 })],
        })
        .expect("commit");
    assert_eq!(s.readings.len(), 1);
    assert_eq!(store.links().expect("links"), vec![link.clone()]);
    assert_eq!(store.questions().expect("questions"), vec![q.clone()]);
    // A bad link takes the whole batch down: no question, no document.
    let before = observe(store);
    let q2 = Question {
        id: "q2".into(),
        ..q.clone()
    };
    let err = store
        .commit(Batch {
            documents: vec![document("c", "third")],
            readings: vec![reading("c", "q2", 8, vec![])],
            links: vec![crate::DocLink {
                to: DocId("missing".into()),
                ..link.clone()
            }],
            questions: vec![(q2, RecordedTime { at: 8 })],
        })
        .expect_err("a link to a missing document");
    assert!(matches!(
        err.validation(),
        Some(ValidationError::UnknownLinked { .. })
    ));
    assert_eq!(observe(store), before);
    assert_eq!(store.questions().expect("questions"), vec![q]);
}

/// A document is never linked to itself.
pub fn self_links_refused(store: &mut dyn Store) {
    store
        .commit(Batch {
            documents: vec![document("a", "first")],
            ..Batch::default()
        })
        .expect("commit");
    let self_link = crate::DocLink {
        from: DocId("a".into()),
        to: DocId("a".into()),
        kind: crate::LinkKind::VersionOf,
        similarity: 1.0,
    };
    let err = store
        .put_links(std::slice::from_ref(&self_link))
        .expect_err("a self-link");
    assert!(matches!(
        err.validation(),
        Some(ValidationError::SelfLink { doc }) if doc.0 == "a"
    ));
    let err = store
        .commit(Batch {
            links: vec![self_link],
            ..Batch::default()
        })
        .expect_err("a self-link in a batch");
    assert!(matches!(
        err.validation(),
        Some(ValidationError::SelfLink { .. })
    ));
    assert!(store.links().expect("links").is_empty());
}

/// A wall clock that steps back between two readings does not make the
/// earlier reading current again: the commit sequence decides.
pub fn sequence_beats_clock(store: &mut dyn Store) {
    let text = "Alpha beta gamma delta epsilon.";
    let day = date(2025, 1, 10);
    store
        .commit(Batch {
            documents: vec![document("d1", text)],
            readings: vec![reading(
                "d1",
                "q",
                1_000,
                vec![position("q", "d1", 0, 5, day, 0)],
            )],
            ..Batch::default()
        })
        .expect("first reading");
    // The clock stepped back an hour before the re-read.
    one(
        store,
        reading(
            "d1",
            "q",
            1_000 - 3_600,
            vec![position("q", "d1", 6, 10, day, 0)],
        ),
    );
    let starts = |snap: Snapshot| -> Vec<usize> {
        store
            .positions(&snap, &Filter::all())
            .expect("positions")
            .into_iter()
            .map(|p| p.evidence.range.start)
            .collect()
    };
    assert_eq!(starts(Snapshot::latest()), vec![6]);
    assert_eq!(starts(at(1_000)), vec![6]);
    assert_eq!(starts(at(1_000 - 3_600)), vec![6]);
    assert_eq!(starts(at(1_000 - 3_601)), Vec::<usize>::new());
}
