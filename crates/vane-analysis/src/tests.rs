use super::*;
use vane_core::{DocId, Evidence, RecordedTime, StatementKind, TextRange, TimeBasis, ValidTime};

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn pos(actor: &str, rank: Rank, stance: &str, from: &str, modality: Modality) -> Position {
    Position {
        question: "q".into(),
        actor: ActorId(actor.into()),
        actor_name: actor.into(),
        government: Gov("USA".into()),
        rank,
        stance: Stance::parse(stance).unwrap(),
        qualifier: None,
        kind: StatementKind::Indirect,
        modality,
        confidence: 0.7,
        valid: ValidTime::day(d(from), TimeBasis::Expression),
        recorded: RecordedTime { at: 0 },
        evidence: Evidence {
            doc: DocId(format!("doc-{from}-{actor}")),
            range: TextRange::new(0, 1),
        },
        reported: false,
        uncoordinated: false,
        why: Default::default(),
    }
}

fn usa() -> Gov {
    Gov("USA".into())
}

/// Renders a line as `from..to stance by` rows, for table checks.
fn render(l: &Line) -> Vec<String> {
    l.segments
        .iter()
        .map(|s| {
            format!(
                "{}..{} {} {}",
                s.from,
                s.to.map_or("".into(), |t| t.to_string()),
                s.stance.as_str(),
                s.set_by_name
            )
        })
        .collect()
}

fn check(ps: &[Position], as_of: Option<&str>, want: &[&str]) {
    let l = line(ps, "q", &usa(), as_of.map(d), &Config::default());
    assert_eq!(render(&l), want);
}

#[test]
fn higher_authority_reverses_a_subordinate_act() {
    let mut pause = pos(
        "hegseth",
        Rank::Minister,
        "oppose",
        "2025-06-30",
        Modality::Act,
    );
    pause.uncoordinated = true;
    let ps = vec![
        pause,
        pos(
            "trump",
            Rank::Head,
            "support",
            "2025-07-07",
            Modality::Statement,
        ),
    ];
    check(
        &ps,
        None,
        &[
            "2025-06-30..2025-07-06 oppose hegseth",
            "2025-07-07.. support trump",
        ],
    );
    check(&ps, Some("2025-07-03"), &["2025-06-30.. oppose hegseth"]);
    let g = gaps(&ps, "q", &usa(), None, &Config::default());
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].reasons, [GapReason::Uninformed, GapReason::Overridden]);
    let r = reversals(&ps, "q", &usa(), None, &Config::default());
    assert_eq!(r.len(), 1);
    assert!(r[0].actor.is_none());
    let v = volatility(
        &line(&ps, "q", &usa(), None, &Config::default()),
        d("2025-07-10"),
    );
    assert_eq!(v.changes, 1);
}

#[test]
fn a_subordinate_does_not_move_a_fresh_line_from_above() {
    let ps = vec![
        pos(
            "biden",
            Rank::Head,
            "support",
            "2023-01-25",
            Modality::Statement,
        ),
        pos(
            "kirby",
            Rank::Adviser,
            "neutral",
            "2023-01-26",
            Modality::Refusal,
        ),
        pos(
            "kirby",
            Rank::Adviser,
            "neutral",
            "2023-02-10",
            Modality::Refusal,
        ),
    ];
    check(
        &ps,
        None,
        &[
            "2023-01-25..2023-02-09 support biden",
            "2023-02-10.. neutral kirby",
        ],
    );
}

#[test]
fn same_day_higher_authority_wins() {
    let ps = vec![
        pos(
            "kirby",
            Rank::Adviser,
            "neutral",
            "2023-01-25",
            Modality::Refusal,
        ),
        pos(
            "biden",
            Rank::Head,
            "support",
            "2023-01-25",
            Modality::Statement,
        ),
    ];
    check(&ps, None, &["2023-01-25.. support biden"]);
}

#[test]
fn contradictions_need_different_officials_at_about_the_same_time() {
    let ps = vec![
        pos(
            "a",
            Rank::Minister,
            "oppose",
            "2023-01-01",
            Modality::Statement,
        ),
        pos(
            "b",
            Rank::Adviser,
            "support",
            "2023-01-05",
            Modality::Statement,
        ),
        pos(
            "a",
            Rank::Minister,
            "support",
            "2023-03-01",
            Modality::Statement,
        ),
        pos(
            "c",
            Rank::Adviser,
            "oppose",
            "2023-06-01",
            Modality::Statement,
        ),
    ];
    let c = contradictions(&ps, "q", &usa(), None, &Config::default());
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].a.actor.0.as_str(), c[0].b.actor.0.as_str()),
        ("a", "b")
    );
}

#[test]
fn as_of_cuts_valid_time() {
    let ps = vec![
        pos("a", Rank::Head, "oppose", "2023-01-01", Modality::Statement),
        pos(
            "a",
            Rank::Head,
            "support",
            "2023-02-01",
            Modality::Statement,
        ),
    ];
    let l = line(&ps, "q", &usa(), Some(d("2023-01-15")), &Config::default());
    assert_eq!(l.current().unwrap().stance, Stance::Oppose);
    let l = line(&ps, "q", &usa(), None, &Config::default());
    assert_eq!(l.at(d("2023-01-31")).unwrap().stance, Stance::Oppose);
    assert_eq!(l.at(d("2023-02-01")).unwrap().stance, Stance::Support);
}

proptest::proptest! {
    /// Segments never overlap, are ordered, and only the last is open.
    #[test]
    fn segments_tile_time(days in proptest::collection::vec((0i64..60, 0u8..4, 0u8..3), 0..30)) {
        let base = d("2024-01-01");
        let ps: Vec<Position> = days.iter().enumerate().map(|(i, (off, rank, st))| {
            let mut p = pos(&format!("a{}", i % 4), [Rank::Head, Rank::Minister, Rank::Adviser, Rank::Official][*rank as usize],
                ["support", "oppose", "neutral"][*st as usize], "2024-01-01", Modality::Statement);
            p.valid = ValidTime::day(base + Duration::days(*off), TimeBasis::Expression);
            p
        }).collect();
        let l = line(&ps, "q", &usa(), None, &Config::default());
        for w in l.segments.windows(2) {
            let to = w[0].to.expect("closed");
            proptest::prop_assert!(w[0].from <= to);
            proptest::prop_assert!(to < w[1].from);
            proptest::prop_assert!(w[0].stance != w[1].stance);
        }
        if let Some(last) = l.segments.last() { proptest::prop_assert!(last.to.is_none()); }
    }

    /// Any positions the ledger accepts (confidence in [0, 1], zero
    /// included; valid spans of several days; every rank and modality)
    /// give lines, timelines and briefs without a panic.
    #[test]
    fn analyses_never_panic_on_accepted_positions(
        days in proptest::collection::vec(
            (0i64..20, 0i64..5, 0u8..5, 0u8..3, 0u8..4, 0u8..3), 0..40),
        as_of in proptest::option::of(0i64..25),
    ) {
        let base = d("2024-01-01");
        let ranks = [Rank::Head, Rank::Minister, Rank::Adviser, Rank::Official, Rank::None];
        let modalities = [Modality::Statement, Modality::Commitment, Modality::Refusal, Modality::Act];
        let ps: Vec<Position> = days.iter().enumerate().map(|(i, (off, len, rank, st, m, c))| {
            let mut p = pos(&format!("a{}", i % 3), ranks[*rank as usize],
                ["support", "oppose", "neutral"][*st as usize], "2024-01-01", modalities[*m as usize]);
            p.valid = ValidTime {
                from: base + Duration::days(*off),
                to: base + Duration::days(off + len),
                basis: TimeBasis::Expression,
            };
            p.confidence = [0.0, 0.5, 1.0][*c as usize];
            p
        }).collect();
        let as_of = as_of.map(|o| base + Duration::days(o));
        let cfg = Config::default();
        let ls = lines(&ps, as_of, &cfg);
        for l in &ls {
            for s in &l.segments {
                proptest::prop_assert!(s.to.is_none_or(|t| s.from <= t));
            }
        }
        let _ = timeline(&ps, "q", as_of);
    }
}

#[test]
fn the_official_who_opens_a_stretch_sets_it() {
    let ps = vec![
        pos(
            "kirby",
            Rank::Adviser,
            "support",
            "2023-01-20",
            Modality::Statement,
        ),
        pos(
            "biden",
            Rank::Head,
            "support",
            "2023-01-25",
            Modality::Statement,
        ),
    ];
    check(&ps, None, &["2023-01-20.. support kirby"]);
    let l = line(&ps, "q", &usa(), None, &Config::default());
    assert_eq!(l.segments[0].evidence[0].actor.0, "kirby");
    assert_eq!(l.segments[0].rank, Rank::Adviser);
}

#[test]
fn exposures_rank_by_authority_then_recency() {
    let ps = vec![
        pos(
            "a",
            Rank::Adviser,
            "support",
            "2023-01-01",
            Modality::Statement,
        ),
        pos(
            "b",
            Rank::Official,
            "oppose",
            "2023-01-02",
            Modality::Statement,
        ),
        pos(
            "c",
            Rank::Minister,
            "support",
            "2023-03-01",
            Modality::Statement,
        ),
        pos(
            "d",
            Rank::Official,
            "oppose",
            "2023-03-02",
            Modality::Statement,
        ),
        pos(
            "e",
            Rank::Adviser,
            "support",
            "2023-05-01",
            Modality::Statement,
        ),
        pos(
            "f",
            Rank::Official,
            "oppose",
            "2023-05-02",
            Modality::Statement,
        ),
    ];
    let b = brief(
        &ps,
        "q",
        &usa(),
        &Gov("RUS".into()),
        d("2023-06-01"),
        &Config::default(),
    );
    let ranked: Vec<(Rank, Date)> = exposures(&b, &Config::default())
        .iter()
        .map(|e| (e.rank(&Config::default()), e.latest()))
        .collect();
    assert!(ranked.len() >= 3, "{ranked:?}");
    assert_eq!(ranked[0].0, Rank::Minister);
    let sorted = ranked.windows(2).all(|w| {
        let (a, b) = (w[0], w[1]);
        (a.0 as u8, std::cmp::Reverse(a.1)) <= (b.0 as u8, std::cmp::Reverse(b.1))
    });
    assert!(sorted, "{ranked:?}");
}
