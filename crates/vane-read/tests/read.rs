//! The reading pipeline on real documents and on arbitrary text.

use vane_actors::Kb;
use vane_core::{Document, RecordedTime, Stance};
use vane_read::questions::{compile, parse_toml};

const SEED: &str = include_str!("../../../examples/seed/rubio-lavrov-kuala-lumpur.txt");
const SEED_QUESTIONS: &str = include_str!("../../../examples/seed/questions.toml");

/// A document of the labelled corpus, by its path under `data/labelled/docs`.
macro_rules! labelled_doc {
    ($path:literal) => {
        corpus_doc(
            $path,
            include_str!(concat!("../../../data/labelled/docs/", $path)),
        )
    };
}

fn doc(text: &str, published: &str) -> Document {
    Document {
        id: vane_ingest::doc_id(text),
        name: "doc.txt".into(),
        title: None,
        published: vane_ingest::parse_date(published),
        source: None,
        url: None,
        text: text.into(),
    }
}

/// A document as the White House published it at `url`.
fn published_at(text: &str, published: &str, url: &str) -> Document {
    Document {
        url: Some(url.into()),
        ..doc(text, published)
    }
}

#[test]
fn seed_statements_carry_their_own_dates() {
    let kb = Kb::bundled();
    let d = doc(SEED, "2025-07-10");
    let r = vane_read::read(&d, &kb);
    let qs: Vec<_> = parse_toml(SEED_QUESTIONS)
        .unwrap()
        .iter()
        .map(compile)
        .collect();
    let ps = vane_read::positions(&d, &r, &kb, &qs, RecordedTime { at: 0 });
    let find = |actor: &str, needle: &str| {
        ps.iter()
            .find(|p| p.actor_name == actor && SEED[p.evidence.range.range()].contains(needle))
            .unwrap_or_else(|| panic!("no position of {actor} on {needle:?}: {ps:#?}"))
    };
    let pause = find("Pete Hegseth", "directed a pause");
    assert_eq!(pause.stance, Stance::Oppose);
    assert_eq!(
        (pause.valid.from.to_string(), pause.valid.to.to_string()),
        ("2025-06-30".into(), "2025-07-06".into())
    );
    assert!(pause.uncoordinated);
    let declared = find("Donald Trump", "would continue");
    assert_eq!(declared.stance, Stance::Support);
    assert_eq!(declared.valid.from.to_string(), "2025-07-07");
    assert_eq!(
        declared.qualifier.as_deref(),
        Some("at least some defensive weapons")
    );
    let moscow = find("Government of Russia", "welcomed");
    assert_eq!(moscow.stance, Stance::Oppose);
    assert!(moscow.reported);
    let dismissed = ps
        .iter()
        .find(|p| p.question == "putin-sincere-on-peace")
        .expect("a position on putin-sincere-on-peace");
    assert_eq!(
        (dismissed.actor_name.as_str(), dismissed.stance),
        ("Donald Trump", Stance::Oppose)
    );
    // The author's analysis is nobody's position.
    assert!(ps
        .iter()
        .all(|p| !SEED[p.evidence.range.range()].contains("He must convey")));
}

/// Questions of the action and evaluation shapes, for the fuzz test.
const ACTION_QUESTIONS: &str = "[[question]]\nid = \"a\"\nproposition = \"Ukraine joins NATO.\"\n\
     [[question]]\nid = \"b\"\nproposition = \"A ceasefire in Gaza is agreed.\"\n\
     [[question]]\nid = \"c\"\nproposition = \"Russia's referendums in occupied Ukraine are legitimate.\"\n";

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Any proposition compiles, and its matching never panics.
    #[test]
    fn any_proposition_compiles(prop in "\\PC{0,60}", text in "(\\PC| ceasefire | joins | NATO | sanctions |ies|ed ){0,30}") {
        let q = compile(&vane_core::Question { id: "x".into(), proposition: prop, ..Default::default() });
        let lc = text.to_lowercase();
        let _ = (q.refers(&lc), q.loosely_named(&lc), q.target_hit(&lc), q.object_hits(&lc));
        let _ = vane_read::stance::score(&q, &lc);
    }

    /// Arbitrary text never panics the pipeline, and every span slices the text.
    #[test]
    fn never_panics_and_spans_slice(text in "(\\PC|[“”\"'.,:;—\\n]| said | Q  |MR\\. KIRBY: |MR\\. SINGH: | Patriot Act | ceasefire | NATO | but not |Putin|weapons|Ukraine| paused | it has requested | they reached out and requested them| get ahead of | leave Ukraine defenseless| whether | not part of that mix| provide them | don’t believe that | it would be a war crime){0,80}") {
        let kb = Kb::bundled();
        let d = doc(&text, "2025-07-10");
        let r = vane_read::read(&d, &kb);
        let mut qs: Vec<_> = parse_toml(SEED_QUESTIONS).unwrap().iter().map(compile).collect();
        qs.extend(parse_toml(ACTION_QUESTIONS).unwrap().iter().map(compile));
        let ps = vane_read::positions(&d, &r, &kb, &qs, RecordedTime { at: 0 });
        for s in &r.statements {
            proptest::prop_assert!(text.get(s.evidence.range()).is_some());
        }
        for p in &ps {
            proptest::prop_assert!(text.get(p.evidence.range.range()).is_some());
        }
        let mut at = 0;
        for s in &r.sentences {
            proptest::prop_assert_eq!(s.start, at);
            at = s.end;
        }
    }
}

#[test]
fn official_publishers_fix_the_voice_of_a_transcript() {
    let gov = |u: &str| vane_read::publisher_gov(u).map(|g| g.0);
    assert_eq!(
        gov("https://bidenwhitehouse.archives.gov/briefing-room/x/").as_deref(),
        Some("USA")
    );
    assert_eq!(
        gov("https://www.whitehouse.gov/briefings/").as_deref(),
        Some("USA")
    );
    assert_eq!(
        gov("http://en.kremlin.ru/events/president/transcripts/1").as_deref(),
        Some("RUS")
    );
    assert_eq!(gov("https://example.com/whitehouse.gov"), None);
    // A transcript published by the White House speaks in the US government's voice.
    let text = "---\ndate: '2023-05-20'\nsource_url: https://bidenwhitehouse.archives.gov/x/\n---\n\nSENIOR ADMINISTRATION OFFICIAL:  President Zelenskyy will be here.  We will support a joint effort to train Ukrainian pilots on F-16s.\n\nQ    Thank you.\n\nSENIOR ADMINISTRATION OFFICIAL:  Sure.\n";
    let d = Document {
        url: Some("https://bidenwhitehouse.archives.gov/x/".into()),
        ..doc(text, "2023-05-20")
    };
    let r = vane_read::read(&d, &Kb::bundled());
    let speakers: Vec<_> = r
        .statements
        .iter()
        .filter_map(|s| s.actor.as_ref())
        .map(|a| a.0.as_str())
        .collect();
    assert!(
        speakers.contains(&"senior-administration-official"),
        "{speakers:?}"
    );
}

/// In prose, a statement that refers back ("the decision", "this step") is
/// about the subject the paragraph before named; the same sentence after an
/// unrelated paragraph is about nothing.
#[test]
fn prose_takes_its_subject_from_the_paragraph_before() {
    let kb = Kb::bundled();
    let qs: Vec<_> = parse_toml(include_str!("../../../examples/whitehouse/questions.toml"))
        .unwrap()
        .iter()
        .map(compile)
        .collect();
    let kirby = "John Kirby, the National Security Council spokesman, said the\n\
                 administration had approved this step after weeks of talks.\n";
    let on_topic = format!(
        "WASHINGTON — The United States will send 31 Abrams tanks to Ukraine, the\n\
         Pentagon said on Wednesday.\n\n{kirby}"
    );
    let d = doc(&on_topic, "2023-01-25");
    let r = vane_read::read(&d, &kb);
    let ps = vane_read::positions(&d, &r, &kb, &qs, RecordedTime { at: 0 });
    assert!(
        ps.iter().any(|p| p.actor_name == "John Kirby"
            && p.question == "us-abrams-to-ukraine"
            && p.stance == Stance::Support),
        "{ps:#?}"
    );
    let off_topic =
        format!("WASHINGTON — The President spoke about the economy on Wednesday.\n\n{kirby}");
    let d = doc(&off_topic, "2023-01-25");
    let r = vane_read::read(&d, &kb);
    let ps = vane_read::positions(&d, &r, &kb, &qs, RecordedTime { at: 0 });
    assert!(ps.iter().all(|p| p.actor_name != "John Kirby"), "{ps:#?}");
}

/// An answer to a question that sends the object to another recipient is not
/// about the watched recipient because the answer names it elsewhere.
#[test]
fn an_answer_about_another_recipient_is_not_about_ours() {
    let kb = Kb::bundled();
    let qs: Vec<_> = parse_toml(SEED_QUESTIONS)
        .unwrap()
        .iter()
        .map(compile)
        .collect();
    let transcript = |q: &str| {
        format!(
            "Press Briefing by Press Secretary Karine Jean-Pierre\n\n\
             Q    {q}\n\n\
             MS. JEAN-PIERRE:  So, we have paused one shipment of weapons.  We\n\
             continue to support Ukraine as well.\n\n\
             Q    Thank you.\n\n\
             MS. JEAN-PIERRE:  Thank you, everybody.\n"
        )
    };
    let arms = |text: &str| {
        let d = Document {
            url: Some("https://www.whitehouse.gov/briefing-room/x/".into()),
            ..doc(text, "2024-05-09")
        };
        let r = vane_read::read(&d, &kb);
        vane_read::positions(&d, &r, &kb, &qs, RecordedTime { at: 0 })
            .into_iter()
            .filter(|p| p.question == "us-arms-to-ukraine" && p.stance == Stance::Oppose)
            .count()
    };
    let elsewhere = arms(&transcript(
        "Will the U.S. also not provide Israel with artillery shells?",
    ));
    assert_eq!(elsewhere, 0);
    let ours = arms(&transcript(
        "Will the U.S. keep sending weapons to Ukraine?",
    ));
    assert_eq!(ours, 1);
}

/// The positions on one question (`id`, `proposition`) of a White House
/// transcript published on `date`.
/// The positions read in `d` on one proposition.
fn positions_in(d: &Document, id: &str, proposition: &str) -> Vec<vane_core::Position> {
    let kb = Kb::bundled();
    let q = compile(&vane_core::Question {
        id: id.into(),
        proposition: proposition.into(),
        ..Default::default()
    });
    let r = vane_read::read(d, &kb);
    vane_read::positions(d, &r, &kb, &[q], RecordedTime { at: 0 })
}

fn white_house_positions(
    id: &str,
    proposition: &str,
    text: &str,
    date: &str,
) -> Vec<vane_core::Position> {
    let d = Document {
        url: Some("https://www.whitehouse.gov/briefing-room/x/".into()),
        ..doc(text, date)
    };
    positions_in(&d, id, proposition)
}

fn patriot_positions(text: &str) -> Vec<vane_core::Position> {
    white_house_positions(
        "patriot",
        "The United States provides Patriot air defense systems to Ukraine.",
        text,
        "2024-03-06",
    )
}

/// "that" opening a clause ("the sailors that were killed") is no sign of a
/// follow-up: the question moves to a new subject.
#[test]
fn a_relative_that_does_not_follow_up() {
    let transcript = |second: &str| {
        format!(
            "Press Briefing by Press Secretary Karine Jean-Pierre\n\n\
             Q    Will the U.S. send another Patriot battery to Ukraine?\n\n\
             MS. JEAN-PIERRE:  I don’t have anything to preview on that.\n\n\
             Q    {second}\n\n\
             MS. JEAN-PIERRE:  It was not a U.S. ship that they attacked.  We\n\
             will not send that ship anywhere near the area.\n"
        )
    };
    let new_subject = patriot_positions(&transcript(
        "Karine, any reaction to the sailors that were reportedly killed in a Houthi attack?",
    ));
    assert_eq!(new_subject.len(), 1, "{new_subject:#?}");
    let follow_up = patriot_positions(&transcript("And is that going to change soon?"));
    assert!(follow_up.len() >= 2, "{follow_up:#?}");
}

/// "This announcement" in an opening statement refers to what was just
/// named, not to a matter named paragraphs before; and "the Patriot Act" is
/// no Patriot system.
#[test]
fn anaphors_need_a_near_antecedent() {
    let opening = |gap: &str| {
        format!(
            "Press Briefing by Press Secretary Karine Jean-Pierre\n\n\
             MS. JEAN-PIERRE:  Good afternoon.  Today the United States is sending\n\
             Ukraine a second Patriot battery to protect its cities.\n\n{gap}\
             This announcement will provide jobs and support our workers.\n\n\
             Q    Thank you.\n\n\
             MS. JEAN-PIERRE:  Thank you, everybody.\n"
        )
    };
    let near = patriot_positions(&opening(""));
    assert!(
        near.iter().any(|p| !p.evidence.range.is_empty()
            && p.stance == Stance::Support
            && opening("")[p.evidence.range.range()].starts_with("This announcement")),
        "{near:#?}"
    );
    let gap = "Turning to the economy, inflation fell again this month.\n\n\
               We also welcome the new plant in Arizona.\n\n";
    let far = patriot_positions(&opening(gap));
    let text = opening(gap);
    assert!(
        far.iter()
            .all(|p| !text[p.evidence.range.range()].starts_with("This announcement")),
        "{far:#?}"
    );
    let act = patriot_positions(
        "Press Briefing by Press Secretary Karine Jean-Pierre\n\n\
         Q    After 9/11 the government reinterpreted the Patriot Act.  Will\n\
         the U.S. send the Patriot Act to Ukraine?\n\n\
         MS. JEAN-PIERRE:  No.  We will not send it.\n\n\
         Q    Thank you.\n\n\
         MS. JEAN-PIERRE:  Thank you, everybody.\n",
    );
    assert!(act.is_empty(), "{act:#?}");
}

/// Each position's evidence in `text`, with its stance.
fn said<'t>(text: &'t str, ps: &[vane_core::Position]) -> Vec<(&'t str, Stance)> {
    ps.iter()
        .map(|p| (&text[p.evidence.range.range()], p.stance))
        .collect()
}

/// A question of any shape: the line of a government on an action, from its
/// own words, not from others' deeds or from questions repeated aloud.
#[test]
fn an_action_question_reads_its_own_line() {
    let text = "Press Briefing by Press Secretary Karine Jean-Pierre\n\n\
                Q    John, is the U.S. calling for a ceasefire in Gaza?\n\n\
                MR. KIRBY:  Do we still oppose a general ceasefire?  We don’t\n\
                support a general ceasefire in Gaza at this time.  Hamas has\n\
                refused a ceasefire for weeks.\n\n\
                Q    Thank you.\n\n\
                MR. KIRBY:  Thank you.\n";
    let ps = white_house_positions(
        "gaza-ceasefire",
        "A ceasefire in Gaza is agreed.",
        text,
        "2024-01-19",
    );
    assert_eq!(
        said(text, &ps),
        vec![(
            "We don’t\nsupport a general ceasefire in Gaza at this time.",
            Stance::Oppose
        )],
        "{ps:#?}"
    );
    assert_eq!(ps[0].actor_name, "John Kirby");
}

/// An official's turn that names the act and asserts it plainly supports it,
/// though no cue of the question is in it; a sentence of the turn that only
/// leans on the turn's topic asserts nothing.
#[test]
fn a_turn_naming_the_act_plainly_affirms_it() {
    let text = "Press Briefing by Press Secretary Karine Jean-Pierre\n\n\
                Q    John, what about the morality police in Iran?\n\n\
                MR. KIRBY:  We held the morality police accountable for it,\n\
                and others in Iran.  It's different.  Is it enough?\n\n\
                Q    Thank you.\n\n\
                MR. KIRBY:  Thank you.\n";
    let ps = white_house_positions(
        "morality-police",
        "The United States sanctions Iran's morality police.",
        text,
        "2023-09-13",
    );
    assert_eq!(
        said(text, &ps),
        vec![(
            "We held the morality police accountable for it,\nand others in Iran.",
            Stance::Support
        )],
        "{ps:#?}"
    );
    assert!(ps[0].why.rules.iter().any(|r| r == "voice.affirms-in-turn"));
}

/// "MR. SINGH:" at the White House is a U.S. official known by the label
/// alone, not India's defence minister found by surname.
#[test]
fn an_unknown_official_at_a_briefing_is_the_publishers() {
    let text = "Press Briefing by Press Secretary Jen Psaki\n\n\
                MS. PSAKI:  I will turn it over to Daleep.\n\n\
                MR. SINGH:  Today, we imposed an unprecedented package of\n\
                financial sanctions on Russia.\n\n\
                Q    Thank you.\n\n\
                MS. PSAKI:  Thank you.\n";
    let ps = white_house_positions(
        "sanctions",
        "The United States imposes sanctions on Russia.",
        text,
        "2022-02-24",
    );
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(ps[0].actor_name, "Mr. Singh");
    assert_eq!(ps[0].government.0, "USA");
    assert_eq!(ps[0].stance, Stance::Support);
}

/// "to support our NATO Allies in Poland": a battery sent to Poland is not
/// sent to Ukraine, though the speech is about Ukraine.
#[test]
fn allies_in_a_place_receive_what_is_sent_there() {
    let speech = |where_: &str| {
        format!(
            "Remarks by President Biden\n\n\
             THE PRESIDENT:  We stand with Ukraine.  The Secretary also announced\n\
             the delivery of a Patriot missile battery {where_}.\n\n\
             Q    Thank you.\n\n\
             THE PRESIDENT:  Thank you.\n"
        )
    };
    let to_poland = patriot_positions(&speech("to support our NATO Allies in Poland"));
    assert!(to_poland.is_empty(), "{to_poland:#?}");
    let to_ukraine = patriot_positions(&speech("to Ukraine"));
    assert_eq!(to_ukraine.len(), 1, "{to_ukraine:#?}");
}

/// A White House fact sheet (in the labelled corpus): its unattributed
/// sentences speak for the publisher, and one that opens with the President
/// is his; a sentence quoting someone is not the publisher's.
#[test]
fn an_official_publication_speaks_for_its_publisher() {
    const FACT_SHEET: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/fact-sheets/2025-05/2025-05-15-fact-sheet-president-donald-j-trump-secures-200-billion-in-new-u-s-uae-deals-and-accelerates-previously-committed-1-4-trillion-uae-investment.md"
    );
    let kb = Kb::bundled();
    let d = published_at(
        FACT_SHEET,
        "2025-05-15",
        "https://www.whitehouse.gov/fact-sheets/2025/05/x/",
    );
    let r = vane_read::read(&d, &kb);
    let voiced: Vec<_> = r
        .statements
        .iter()
        .filter(|s| s.kind == vane_core::StatementKind::Indirect && s.cue.is_empty())
        .collect();
    assert!(
        voiced
            .iter()
            .any(|s| s.actor.as_ref().is_some_and(|a| a.0 == "usa-eop")),
        "no sentence in the White House's own voice"
    );
    assert!(
        voiced.iter().any(|s| {
            s.actor.as_ref().is_some_and(|a| a.0 == "donald-trump")
                && FACT_SHEET[s.evidence.range()]
                    .trim_start_matches(['-', ' ', '*'])
                    .starts_with("President")
        }),
        "no sentence opening with the President is his"
    );
    assert!(voiced
        .iter()
        .all(|s| !FACT_SHEET[s.evidence.range()].contains('“')));
    // The same text from no official publisher has no such voice.
    let plain = doc(FACT_SHEET, "2025-05-15");
    let r = vane_read::read(&plain, &kb);
    assert!(!r
        .statements
        .iter()
        .any(|s| s.actor.as_ref().is_some_and(|a| a.0 == "usa-eop") && s.cue.is_empty()));
}

/// "Today, President Donald J. Trump signed an Executive Order modifying the
/// scope of the reciprocal tariffs that he first announced on April 2, 2025":
/// the act is the publication's day, which its sentence names first; April 2
/// dates only what the order refers back to.
#[test]
fn today_written_first_dates_the_act_not_a_day_it_refers_back_to() {
    const FACT_SHEET: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/fact-sheets/2025-09/2025-09-05-fact-sheet-president-donald-j-trump-modifies-the-scope-of-reciprocal-tariffs-and-establishes-procedures-for-implementing-trade-deals.md"
    );
    let ps = white_house_positions(
        "us-reciprocal-tariffs",
        "The United States imposes reciprocal tariffs on its trading partners.",
        FACT_SHEET,
        "2025-09-05",
    );
    let signed: Vec<_> = ps
        .iter()
        .filter(|p| FACT_SHEET[p.evidence.range.range()].contains("first\nannounced on April 2"))
        .collect();
    assert!(!signed.is_empty(), "no position on the order: {ps:#?}");
    for p in signed {
        assert_eq!(p.valid.from.to_string(), "2025-09-05");
    }
    // "On April 2, the President imposed ..." keeps its own day.
    assert!(ps.iter().any(|p| {
        FACT_SHEET[p.evidence.range.range()].contains("On April 2, the President imposed")
            && p.valid.from.to_string() == "2025-04-02"
    }));
}

/// A fact sheet's run-in headings in capitals are no subject: the sentence
/// "**RESTORING FAIRNESS TO STEEL AND ALUMINUM MARKETS:** President Trump is
/// taking action ..." is the President's, not the publisher's.
#[test]
fn a_run_in_heading_is_not_the_subject() {
    const FACT_SHEET: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/fact-sheets/2025-06/2025-06-03-fact-sheet-president-donald-j-trump-increases-section-232-tariffs-on-steel-and-aluminum.md"
    );
    let kb = Kb::bundled();
    let d = published_at(
        FACT_SHEET,
        "2025-06-03",
        "https://www.whitehouse.gov/fact-sheets/2025/06/x/",
    );
    let r = vane_read::read(&d, &kb);
    let headed: Vec<_> = r
        .statements
        .iter()
        .filter(|s| {
            let t = &FACT_SHEET[s.evidence.range()];
            t.starts_with("**") && t.contains(":** President Trump")
        })
        .collect();
    assert!(!headed.is_empty(), "no sentence under a run-in heading");
    for s in headed {
        assert_eq!(
            s.actor.as_ref().map(|a| a.0.as_str()),
            Some("donald-trump"),
            "{:?}",
            &FACT_SHEET[s.evidence.range()]
        );
    }
}

/// A bare year earlier in the paragraph does not date what follows: in the
/// G7's Hiroshima statement (labelled corpus), "we reaffirm" after "the
/// atomic bombings of 1945." is said on the publication day.
#[test]
fn a_bare_year_before_does_not_date_a_statement() {
    const STATEMENT: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/statements-releases/2023-05/2023-05-19-g7-leaders-hiroshima-vision-on-nuclear-disarmament.md"
    );
    let kb = Kb::bundled();
    let d = published_at(
        STATEMENT,
        "2023-05-19",
        "https://www.whitehouse.gov/briefing-room/statements-releases/2023/05/19/x/",
    );
    let r = vane_read::read(&d, &kb);
    let reaffirm: Vec<_> = r
        .statements
        .iter()
        .filter(|s| STATEMENT[s.frame.range()].contains("In a solemn and reflective moment"))
        .collect();
    assert!(!reaffirm.is_empty(), "the sentence is read");
    for s in reaffirm {
        assert!(
            s.valid.from.to_string().starts_with("2023"),
            "{:?}",
            s.valid
        );
    }
}

/// "Statement by President Joseph R. Biden, Jr. on ..." (labelled corpus):
/// the generational suffix is no part of the author's name, so the
/// statement's own voice is the President's, not the White House's.
#[test]
fn a_statement_titled_with_jr_speaks_as_its_author() {
    const STATEMENT: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/statements-releases/2021-09/2021-09-17-statement-by-president-joseph-r-biden-jr-on-the-executive-order-regarding-the-crisis-in-ethiopia.md"
    );
    let kb = Kb::bundled();
    let mut d = published_at(
        STATEMENT,
        "2021-09-17",
        "https://www.whitehouse.gov/briefing-room/statements-releases/2021/09/17/x/",
    );
    d.title = Some(
        "Statement by President Joseph R. Biden, Jr. on the Executive Order Regarding the Crisis in Ethiopia"
            .into(),
    );
    let r = vane_read::read(&d, &kb);
    let own: Vec<_> = r.statements.iter().filter(|s| s.cue.is_empty()).collect();
    assert!(!own.is_empty());
    assert!(own
        .iter()
        .all(|s| s.actor.as_ref().is_none_or(|a| a.0 != "usa-eop")));
    assert!(own
        .iter()
        .any(|s| s.actor.as_ref().is_some_and(|a| a.0 == "joe-biden")));
}

/// "President Biden Statement Ahead of ..." (the author before the word, a
/// title form of 2022) speaks as its author, as "Statement by President
/// Biden ..." does: "I've worked on arms control ..." is his, not the
/// office's. A title in the same shape that names no one before the word
/// leaves the sentence the office's.
#[test]
fn a_statement_titled_author_first_speaks_as_its_author() {
    let d = labelled_doc!("whitehouse/statements-releases/2022-08/2022-08-01-president-biden-statement-ahead-of-the-10th-review-conference-of-the-treaty-on-the-non-proliferation-of-nuclear-weapons.md");
    let kb = Kb::bundled();
    let mine = "I’ve worked on arms control";
    assert_eq!(voices_over(&d, &kb, mine), ["joe-biden"]);
    let mut unnamed = d.clone();
    unnamed.title = Some("Nonproliferation Statement Ahead of the Review Conference".into());
    assert_eq!(voices_over(&unnamed, &kb, mine), ["usa-eop"]);
}

/// In a fact sheet (labelled corpus), "The Proclamation imposes ..." is the
/// President's act: his instrument is the sentence's subject.
#[test]
fn a_presidential_instrument_speaks_for_the_president() {
    const FACT_SHEET: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/fact-sheets/2025-07/2025-07-30-fact-sheet-president-donald-j-trump-takes-action-to-address-the-threat-to-national-security-from-imports-of-copper.md"
    );
    let kb = Kb::bundled();
    let d = published_at(
        FACT_SHEET,
        "2025-07-30",
        "https://www.whitehouse.gov/fact-sheets/2025/07/x/",
    );
    let r = vane_read::read(&d, &kb);
    let imposes: Vec<_> = r
        .statements
        .iter()
        .filter(|s| {
            s.cue.is_empty() && FACT_SHEET[s.frame.range()].contains("The Proclamation imposes")
        })
        .collect();
    assert!(!imposes.is_empty());
    assert!(imposes
        .iter()
        .all(|s| s.actor.as_ref().is_some_and(|a| a.0 == "donald-trump")));
}

/// A learned judge of stance that says the same of every candidate, and
/// counts what it is asked.
struct Always {
    probs: [f32; 4],
    veto: Option<f32>,
    asked: std::sync::atomic::AtomicUsize,
    prepared: std::sync::atomic::AtomicUsize,
    /// Candidates asked about knowing what the rules found in them.
    ruled: std::sync::atomic::AtomicUsize,
}

impl vane_read::StanceJudge for Always {
    fn name(&self) -> &str {
        "always"
    }
    fn prepare(&self, texts: &[&str]) {
        self.prepared
            .fetch_add(texts.len(), std::sync::atomic::Ordering::Relaxed);
    }
    fn probabilities(&self, input: &vane_read::JudgeInput<'_>) -> Option<[f32; 4]> {
        self.asked
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if input.ruled.is_some() {
            self.ruled
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Some(self.probs)
    }
    fn veto_cut(&self) -> Option<f32> {
        self.veto
    }
}

/// The judge decides the candidates the rules choose, in one batch per
/// document, records its name and probability, and the rules' vetoes bind
/// it; the modes combine it with the rules as documented.
#[test]
fn a_learned_judge_decides_the_rules_candidates() {
    use vane_read::{JudgeMode, Judges};
    let kb = Kb::bundled();
    let d = doc(SEED, "2025-07-10");
    let r = vane_read::read(&d, &kb);
    let qs: Vec<_> = parse_toml(SEED_QUESTIONS)
        .unwrap()
        .iter()
        .map(compile)
        .collect();
    let rules = vane_read::positions(&d, &r, &kb, &qs, RecordedTime { at: 0 });
    assert!(rules
        .iter()
        .all(|p| p.why.judge == "rules" && !p.why.rules.is_empty()));
    let run_vetting = |probs: [f32; 4], mode: JudgeMode, veto: Option<f32>| {
        let j = Always {
            probs,
            veto,
            asked: Default::default(),
            prepared: Default::default(),
            ruled: Default::default(),
        };
        let judges = Judges {
            stance: Some(&j),
            mode,
            ..Default::default()
        };
        let ps = vane_read::positions_with(&d, &r, &kb, &qs, RecordedTime { at: 0 }, &judges);
        (ps, j)
    };
    let run = |probs: [f32; 4], mode: JudgeMode| run_vetting(probs, mode, None);
    // "Not about it" everywhere: replacing the rules leaves only what the
    // judge was not asked (a reaction that names nothing of the question,
    // "was reportedly welcomed by Moscow", is the rules' alone).
    let (none, j) = run([0.9, 0.05, 0.03, 0.02], JudgeMode::Replace);
    assert!(none.len() < rules.len(), "{none:#?}");
    assert!(none.iter().all(|p| p.why.judge == "rules"), "{none:#?}");
    assert!(j.asked.load(std::sync::atomic::Ordering::Relaxed) > 0);
    assert!(j.prepared.load(std::sync::atomic::Ordering::Relaxed) > 0);
    // Confirming with such a judge keeps nothing either; the union keeps the rules'.
    let (confirmed, _) = run([0.9, 0.05, 0.03, 0.02], JudgeMode::Confirm);
    assert_eq!(confirmed.len(), none.len());
    let (union, j) = run([0.9, 0.05, 0.03, 0.02], JudgeMode::Union);
    assert_eq!(union.len(), rules.len());
    // Asked after the rules, the judge knows what they found.
    assert!(j.ruled.load(std::sync::atomic::Ordering::Relaxed) > 0);
    // Vetting is the union, less the rules' positions on candidates the
    // judge finds not about the question from its veto cut on: with such a
    // judge, what is left is what it was not asked; under the cut, or with
    // no cut, nothing is dropped.
    let (vetted, _) = run_vetting([0.99, 0.005, 0.003, 0.002], JudgeMode::Vet, Some(0.95));
    assert_eq!(vetted.len(), none.len(), "{vetted:#?}");
    assert!(vetted.iter().all(|p| p.why.judge == "rules"));
    let (kept, _) = run_vetting([0.9, 0.05, 0.03, 0.02], JudgeMode::Vet, Some(0.95));
    assert_eq!(kept.len(), rules.len());
    let (no_cut, _) = run_vetting([0.99, 0.005, 0.003, 0.002], JudgeMode::Vet, None);
    assert_eq!(no_cut.len(), rules.len());
    // Gating with a judge that finds nothing about the question keeps the
    // rules' positions and adds none; with one that finds everything about
    // it, it adds only positions whose stance the rules' cues read, each
    // marked as let in by the judge (its name, its probability of "about").
    let (gated_none, j) = run([0.9, 0.05, 0.03, 0.02], JudgeMode::Gate);
    assert_eq!(gated_none.len(), rules.len());
    // In gate mode the rules ask the judge first.
    assert_eq!(j.ruled.load(std::sync::atomic::Ordering::Relaxed), 0);
    let (gated, _) = run([0.1, 0.1, 0.7, 0.1], JudgeMode::Gate);
    assert!(gated.len() >= rules.len());
    for p in &gated {
        let by_judge = p.why.rules.iter().any(|r| r == "ok.about-by-judge");
        assert_eq!(p.why.judge == "always", by_judge, "{p:#?}");
        if by_judge {
            assert_eq!(p.why.probability, Some(0.9));
        }
    }
    // The cue mode keeps every position of the rules whatever the judge
    // says; with a judge that finds everything about the question, what it
    // adds is marked as its stance where the rules read no cue.
    let (cue_none, _) = run([0.9, 0.05, 0.03, 0.02], JudgeMode::Cue);
    assert_eq!(cue_none.len(), rules.len());
    let (cued, _) = run([0.1, 0.1, 0.7, 0.1], JudgeMode::Cue);
    assert!(cued.len() >= rules.len());
    for p in &cued {
        let by_judge = p.why.rules.iter().any(|r| r == "ok.cue-by-judge");
        assert_eq!(p.why.judge == "always", by_judge, "{p:#?}");
        if by_judge {
            assert_eq!(p.stance, vane_core::Stance::Oppose);
        }
    }
    // "Oppose" everywhere: every judged position says so, with the judge's
    // name and probability, on the evidence of a candidate.
    let (opp, _) = run([0.1, 0.1, 0.7, 0.1], JudgeMode::Replace);
    assert!(opp.iter().any(|p| p.why.judge == "always"));
    for p in opp.iter().filter(|p| p.why.judge != "rules") {
        assert_eq!(p.why.judge, "always");
        assert_eq!(p.why.probability, Some(0.7));
        assert_eq!(p.stance, Stance::Oppose);
        assert!(p.why.rules.iter().any(|r| r == "judge.candidate"));
        // The veto on questions: no position rests on a sentence asking one.
        assert!(!SEED[p.evidence.range.range()].trim_end().ends_with('?'));
    }
}

/// An act the document's own prose reports is dated on the day its sentence
/// fixes, not on the day of publication (EVAL.md: a reported act is dated on
/// the day it was done when the text fixes that day).
#[test]
fn an_act_in_prose_takes_the_day_its_sentence_fixes() {
    const LETTER: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/presidential-actions/2024-01/2024-01-24-letter-to-the-speaker-of-the-house-and-president-pro-tempore-of-the-senate-consistent-with-the-war-powers-resolution-public-law-93-148-11.md"
    );
    let mut d = Document {
        url: Some("https://www.whitehouse.gov/briefing-room/presidential-actions/x/".into()),
        ..doc(LETTER, "2024-01-24")
    };
    d.name = "letter.md".into();
    let kb = Kb::bundled();
    let q = compile(&vane_core::Question {
        id: "us-strikes-houthis".into(),
        proposition: "The United States strikes the Houthis in Yemen.".into(),
        ..Default::default()
    });
    let r = vane_read::read(&d, &kb);
    let ps = vane_read::positions(&d, &r, &kb, &[q], RecordedTime { at: 0 });
    let day_of = |opening: &str| {
        ps.iter()
            .find(|p| {
                let s = LETTER[p.evidence.range.range()].trim_start();
                s.starts_with(opening)
            })
            .map(|p| p.valid.from.to_string())
            .unwrap_or_else(|| panic!("no position on {opening:?}: {ps:#?}"))
    };
    assert_eq!(day_of("On January 22, 2024, at my direction"), "2024-01-22");
    assert_eq!(
        day_of("I previously reported that on January 11, 2024"),
        "2024-01-11"
    );
}

/// A document of the labelled corpus as `vane ingest` parses it (its front
/// matter's date required).
fn corpus_doc(name: &str, src: &str) -> Document {
    let opts = vane_ingest::Options {
        published: None,
        undated: vane_ingest::UndatedPolicy::Reject,
    };
    vane_ingest::parse(name, src.as_bytes(), &opts).unwrap()
}

/// A G7 leaders' communiqué (labelled corpus; its title in the front matter
/// is YAML with `\xE9` for "é") speaks for every leader of the group on its
/// day, and for the EU in its own name; a country it names as a topic is no
/// signatory. Counter-example: the same text under a title that names no
/// joint publication speaks for its publisher alone.
#[test]
fn a_leaders_communique_speaks_for_each_signatory() {
    const COMMUNIQUE: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/statements-releases/2024-06/2024-06-14-g7-leaders-statement-8.md"
    );
    let kb = Kb::bundled();
    let d = corpus_doc("g7.md", COMMUNIQUE);
    assert_eq!(
        d.title.as_deref(),
        Some("G7 Apulia Leaders\u{2019}\u{a0}Communiqué")
    );
    // The voices of the publication's own sentence "We condemn Hamas ...".
    let at = d.text.find("We condemn Hamas").unwrap();
    let voices = |d: &Document| {
        let r = vane_read::read(d, &kb);
        let mut v: Vec<String> = r
            .statements
            .iter()
            .filter(|s| s.cue.is_empty() && s.evidence.range().contains(&at))
            .filter_map(|s| s.actor.as_ref().map(|a| a.0.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        voices(&d),
        [
            "emmanuel-macron",
            "fumio-kishida",
            "giorgia-meloni",
            "gov-eur",
            "joe-biden",
            "justin-trudeau",
            "olaf-scholz",
            "rishi-sunak",
        ]
    );
    let mut on_ukraine = d.clone();
    on_ukraine.title = Some("G7 Leaders’ Statement on Ukraine".into());
    assert_eq!(voices(&on_ukraine), voices(&d));
    let mut plain = d.clone();
    plain.title = Some("Remarks on the G7 Summit in Apulia".into());
    assert_eq!(voices(&plain), ["usa-eop"]);
}

/// A meeting of two named leaders: the readout's "President Joseph R. Biden,
/// Jr. met today with President Emmanuel Macron" is Biden's meeting with
/// Macron (the counterpart's name is the term, not blanked as people's names
/// are for other questions, and the place after his name is no target), and
/// it is no meeting of Trump's: another person of ours is its doer. In a
/// briefing, "the President will host France's President, Emmanuel Macron"
/// is the meeting announced ("host" is the same act as "meets").
#[test]
fn a_meeting_is_the_named_subjects_with_the_named_counterpart() {
    const READOUT: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/statements-releases/2021-06/2021-06-12-readout-of-president-bidens-meeting-with-president-emmanuel-macron-of-france.md"
    );
    const BRIEFING: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/remarks/2025-02/2025-02-20-press-briefing-by-press-secretary-karoline-leavitt-deputy-chief-of-staff-stephen-miller-national-economic-council-director-kevin-hassett-and-national-security-advisor-mike-waltz.md"
    );
    let kb = Kb::bundled();
    let qs: Vec<_> = [
        (
            "biden-macron",
            "President Biden meets President Emmanuel Macron of France.",
        ),
        ("trump-macron", "Donald Trump meets Emmanuel Macron."),
    ]
    .into_iter()
    .map(|(id, p)| {
        compile(&vane_core::Question {
            id: id.into(),
            proposition: p.into(),
            ..Default::default()
        })
    })
    .collect();
    let on = |name: &str, src: &str, phrase: &str| -> Vec<(String, Stance, String)> {
        let d = corpus_doc(name, src);
        let at = d.text.find(phrase).unwrap();
        let r = vane_read::read(&d, &kb);
        let mut v: Vec<_> = vane_read::positions(&d, &r, &kb, &qs, RecordedTime { at: 0 })
            .into_iter()
            .filter(|p| p.evidence.range.range().contains(&at))
            .map(|p| (p.question.clone(), p.stance, p.actor_name.clone()))
            .collect();
        v.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
        v.dedup();
        v
    };
    assert_eq!(
        on(
            "readout.md",
            READOUT,
            "met today with President Emmanuel Macron"
        ),
        [(
            "biden-macron".to_string(),
            Stance::Support,
            "Joe Biden".to_string()
        )]
    );
    let announced = on("briefing.md", BRIEFING, "host France");
    assert!(
        announced
            .iter()
            .any(|(q, s, _)| q == "trump-macron" && *s == Stance::Support),
        "{announced:?}"
    );
    assert!(
        announced.iter().all(|(q, _, _)| q != "biden-macron"),
        "{announced:?}"
    );
}

/// A readout's sentence whose subject is the meeting's parties ("The
/// leaders also strongly condemned the unlawful arms transfers from the
/// DPRK to Russia") is each party's as well as the principal's: the people
/// of other governments that a sentence naming the principal lists
/// ("President Joseph R. Biden, Jr. briefly met today with President Yoon
/// ..."). It is about arms to Russia by the sentence with its paragraph
/// (the sentence names the arms and Russia; the paragraph names the war in
/// Ukraine). Counter-example: "President Biden welcomed the courageous
/// support ..." is Biden's alone.
#[test]
fn a_readouts_leaders_are_each_party_to_its_sentence() {
    const READOUT: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/statements-releases/2024-07/2024-07-11-readout-of-president-bidens-meeting-with-natos-indo-pacific-partners.md"
    );
    let kb = Kb::bundled();
    let d = corpus_doc("readout.md", READOUT);
    let r = vane_read::read(&d, &kb);
    let actors_at = |phrase: &str| -> Vec<String> {
        let at = d.text.find(phrase).unwrap();
        let mut v: Vec<String> = r
            .statements
            .iter()
            .filter(|s| s.frame.range().contains(&at))
            .filter_map(|s| s.actor.as_ref().map(|a| a.0.clone()))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let parties = [
        "christopher-luxon",
        "fumio-kishida",
        "joe-biden",
        "richard-marles",
        "yoon-suk-yeol",
    ];
    assert_eq!(
        actors_at("also strongly\ncondemned the unlawful arms"),
        parties
    );
    let welcomed = actors_at("welcomed the courageous support");
    assert!(welcomed.contains(&"joe-biden".to_string()), "{welcomed:?}");
    assert!(
        !welcomed
            .iter()
            .any(|a| a != "joe-biden" && parties.contains(&a.as_str())),
        "{welcomed:?}"
    );
    let q = compile(&vane_core::Question {
        id: "dprk-arms".into(),
        proposition: "North Korea supplies weapons to Russia for its war in Ukraine.".into(),
        ..Default::default()
    });
    let at = d.text.find("unlawful arms transfers").unwrap();
    let mut found: Vec<(String, Stance)> =
        vane_read::positions(&d, &r, &kb, &[q], RecordedTime { at: 0 })
            .into_iter()
            .filter(|p| p.evidence.range.range().contains(&at))
            .map(|p| (p.actor.0.clone(), p.stance))
            .collect();
    found.sort();
    found.dedup();
    assert_eq!(
        found,
        parties
            .iter()
            .map(|a| (a.to_string(), Stance::Support))
            .collect::<Vec<_>>()
    );
}

/// The actors whose statements cover the sentence that opens with `opening`.
/// `d` with the first `from` in its text made `to`: a counter-example.
fn edited(d: &Document, from: &str, to: &str) -> Document {
    let mut e = d.clone();
    e.text = e.text.replacen(from, to, 1);
    e
}

fn voices_over(d: &Document, kb: &Kb, opening: &str) -> Vec<String> {
    let at = d.text.find(opening).unwrap();
    let mut ids: Vec<String> = vane_read::read(d, kb)
        .statements
        .into_iter()
        .filter(|s| s.evidence.start <= at && at < s.evidence.end)
        .filter_map(|s| s.actor.map(|a| a.0))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// A sentence whose subject joins two names speaks for each: in a joint
/// leaders' statement, "President Donald J. Trump and Prime Minister Ishiba
/// Shigeru held their first official meeting ..." is Ishiba's as well as
/// Trump's. A name after "with" is no part of the subject.
#[test]
fn a_joined_subject_speaks_for_each_of_its_names() {
    let d = labelled_doc!("whitehouse/briefings-statements/2025-02/2025-02-07-united-states-japan-joint-leaders-statement.md");
    let kb = Kb::bundled();
    let both = voices_over(
        &d,
        &kb,
        "President Donald J. Trump and Prime Minister Ishiba",
    );
    assert!(both.contains(&"donald-trump".to_string()), "{both:?}");
    assert!(both.contains(&"shigeru-ishiba".to_string()), "{both:?}");
    let with = edited(
        &d,
        "President Donald J. Trump and Prime Minister Ishiba Shigeru held their",
        "President Donald J. Trump met with Prime Minister Ishiba Shigeru for their",
    );
    let one = voices_over(&with, &kb, "President Donald J. Trump met with");
    assert!(one.contains(&"donald-trump".to_string()), "{one:?}");
    assert!(!one.contains(&"shigeru-ishiba".to_string()), "{one:?}");
}

/// In a briefing, a sentence of the speaker's turn whose subject is a
/// colleague reports the colleague's line: Jake Sullivan's "He also
/// believes that Sweden becoming a member of NATO is very much in our
/// interest" (he, the President) is President Biden's as well as
/// Sullivan's.
#[test]
fn a_colleague_named_as_the_subject_of_a_turn_holds_its_sentence() {
    let d = labelled_doc!("whitehouse/press-briefings/2023-07/2023-07-09-press-gaggle-by-press-secretary-karine-jean-pierre-and-national-security-advisor-jake-sullivan-en-route-london-united-kingdom.md");
    let kb = Kb::bundled();
    let ids = voices_over(&d, &kb, "He also believes that Sweden becoming");
    assert!(ids.contains(&"joe-biden".to_string()), "{ids:?}");
    assert!(ids.contains(&"jake-sullivan".to_string()), "{ids:?}");
}

/// A name after a subject pronoun in a sentence's opening is no subject:
/// in a G7 communiqué, "We urge Tehran to cease ..." is the signatories',
/// not Iran's.
#[test]
fn a_name_after_a_pronoun_subject_is_not_the_voice() {
    let d = labelled_doc!(
        "whitehouse/statements-releases/2024-06/2024-06-14-g7-leaders-statement-8.md"
    );
    let kb = Kb::bundled();
    let ids = voices_over(&d, &kb, "We urge Tehran to cease");
    assert!(ids.contains(&"joe-biden".to_string()), "{ids:?}");
    assert!(!ids.contains(&"gov-irn".to_string()), "{ids:?}");
}

/// A statement a person signs is the author's throughout: in "Statement
/// from President Joe Biden on ...", "Russia and Syria should return to
/// compliance ..." is his demand, not Russia's or Syria's line; in Jake
/// Sullivan's statement, the Treasury's reported announcement ("Earlier
/// this week, the Treasury Department announced significant new sanction
/// designations ...") is the Treasury's and, relayed, his.
#[test]
fn a_signed_statement_is_its_authors_whoever_its_subject() {
    let kb = Kb::bundled();
    let biden = labelled_doc!("whitehouse/statements-releases/2023-07/2023-07-07-statement-from-president-joe-biden-on-completing-the-destruction-of-the-united-states-chemical-weapons-stockpile.md");
    assert_eq!(
        voices_over(&biden, &kb, "Russia and Syria should return"),
        ["joe-biden"]
    );
    let sullivan = labelled_doc!("whitehouse/statements-releases/2022-04/2022-04-01-statement-by-national-security-advisor-jake-sullivan-on-diplomacy-in-the-middle-east-region.md");
    let ids = voices_over(&sullivan, &kb, "significant new sanction designations");
    assert!(ids.contains(&"jake-sullivan".to_string()), "{ids:?}");
    assert!(ids.contains(&"usa-treasury".to_string()), "{ids:?}");
}

/// A list item that names no one continues the sentence that opens its
/// list: in a fact sheet, "Today, President Biden is taking action to:"
/// makes "- Authorize use of the Defense Production Act ..." his, not the
/// office's. A list whose opening names no one stays the office's.
#[test]
fn a_list_item_continues_the_sentence_that_opens_its_list() {
    let d = labelled_doc!("whitehouse/statements-releases/2022-06/2022-06-06-fact-sheet-president-biden-takes-bold-executive-action-to-spur-domestic-clean-energy-manufacturing.md");
    let kb = Kb::bundled();
    let item = "Authorize use of the Defense Production Act";
    assert_eq!(voices_over(&d, &kb, item), ["joe-biden"]);
    let unnamed = edited(
        &d,
        "Today, President Biden is taking action to:",
        "Today's actions:",
    );
    assert_eq!(voices_over(&unnamed, &kb, item), ["usa-eop"]);
}

/// A joint statement whose sentences speak of the parties as leaders ("The
/// leaders jointly condemn ...") is the leaders' own, though its title names
/// only the countries: the United States – Aotearoa New Zealand Joint
/// Statement is President Biden's and Prime Minister Ardern's. Without such
/// sentences, the same title names the governments.
#[test]
fn a_joint_statement_that_speaks_of_its_leaders_is_theirs() {
    let d = labelled_doc!("whitehouse/statements-releases/2022-05/2022-05-31-united-states-aotearoa-new-zealand-joint-statement.md");
    let kb = Kb::bundled();
    let opening = "We meet at a time of great challenge";
    let leaders = voices_over(&d, &kb, opening);
    assert!(leaders.contains(&"joe-biden".to_string()), "{leaders:?}");
    assert!(
        leaders.contains(&"jacinda-ardern".to_string()),
        "{leaders:?}"
    );
    let mut plain = d.clone();
    plain.text = plain
        .text
        .replace("The two leaders", "Both sides")
        .replace("Both leaders", "Both sides")
        .replace("The leaders", "Both sides")
        .replace("the leaders", "both sides");
    let govs = voices_over(&plain, &kb, opening);
    assert!(!govs.contains(&"joe-biden".to_string()), "{govs:?}");
    assert!(govs.contains(&"gov-usa".to_string()), "{govs:?}");
}

/// In news prose, a sentence that reports no one's words but opens on a
/// resolved actor tells of that actor's deed or stance in any wording: "On
/// Tuesday, the Greek prime minister Kyriakos Mitsotakis reasserted the
/// openness of the EastMed project" is his. A sentence that opens on no
/// actor is no one's, nor is a dateline ("Moscow, 5 March 2025").
#[test]
fn a_news_sentence_is_its_subjects() {
    let d = labelled_doc!("wikinews/2020/2020-01-10-greek-prime-minister-reaffirms-eastmed-pipeline-project-is-open-for-other.md");
    let kb = Kb::bundled();
    let ids = voices_over(
        &d,
        &kb,
        "On Tuesday, the Greek prime minister Kyriakos Mitsotakis reasserted",
    );
    assert_eq!(ids, vec!["kyriakos-mitsotakis".to_string()]);
    let none = edited(
        &d,
        "On Tuesday, the Greek prime minister Kyriakos Mitsotakis reasserted the openness of",
        "On Tuesday, a report reasserted the openness of",
    );
    assert!(voices_over(&none, &kb, "On Tuesday, a report reasserted").is_empty());
    // A dateline names a capital but tells nothing.
    let dated = doc(
        "Moscow, 5 March 2025\n\nRussia has rejected the plan.\n",
        "2025-03-05",
    );
    assert!(voices_over(&dated, &kb, "Moscow").is_empty());
    assert!(voices_over(&dated, &kb, "Russia has").contains(&"gov-rus".to_string()));
}

/// In a readout, "They ..." is the meeting's parties as the subject, as "The
/// leaders ..." is: Jake Sullivan's readout of his meeting with Japan's
/// National Security Advisor Akiba Takeo, "They expressed grave concern over
/// troop deployments ...", is Akiba's as well as Sullivan's. Counter-example:
/// the same sentence with Sullivan alone as its subject is his.
#[test]
fn a_readouts_they_is_its_parties() {
    let d = labelled_doc!("whitehouse/statements-releases/2024-10/2024-10-25-readout-of-national-security-advisor-jake-sullivans-meeting-with-national-security-advisor-akiba-takeo-of-japan-2.md");
    let kb = Kb::bundled();
    let both = voices_over(&d, &kb, "They expressed grave concern");
    assert!(both.contains(&"jake-sullivan".to_string()), "{both:?}");
    assert!(
        both.contains(&"provisional-akiba-takeo".to_string()),
        "{both:?}"
    );
    let one = edited(
        &d,
        "They expressed grave concern",
        "Sullivan expressed grave concern",
    );
    let alone = voices_over(&one, &kb, "Sullivan expressed grave concern");
    assert!(alone.contains(&"jake-sullivan".to_string()), "{alone:?}");
    assert!(
        !alone.contains(&"provisional-akiba-takeo".to_string()),
        "{alone:?}"
    );
}

/// The positions of a news article (no publisher's voice).
fn news_positions(id: &str, proposition: &str, text: &str, date: &str) -> Vec<vane_core::Position> {
    positions_in(&doc(text, date), id, proposition)
}

/// The stances of a news text on one proposition, as (actor, stance), in
/// the order they were found.
fn news_stances(proposition: &str, text: &str, date: &str) -> Vec<(String, Stance)> {
    news_positions("q", proposition, text, date)
        .into_iter()
        .map(|p| (p.actor_name, p.stance))
        .collect()
}

/// An act with no cue in its clause is read by its class only where its own
/// clause names the question's object: "lifted its pause on military aid"
/// restores the aid (a stop undone), and a withdrawal named inside someone's
/// condition ("possible only after Ukraine withdrew its troops") is no act
/// against a ceasefire.
#[test]
fn an_act_is_read_on_its_own_clause() {
    let text = "US lifts pause on aid to Ukraine\n\n\
                The United States lifted its pause on military aid to Ukraine on Tuesday.\n\n\
                The Kremlin said a ceasefire was possible only after Ukraine withdrew its troops.\n";
    let said = news_stances(
        "The United States provides military aid to Ukraine.",
        text,
        "2025-03-12",
    );
    assert_eq!(
        said,
        vec![(
            "Government of the United States".to_string(),
            Stance::Support
        )],
    );
    let truce = news_positions(
        "truce",
        "Russia and Ukraine agree to a ceasefire.",
        text,
        "2025-03-12",
    );
    assert!(
        !truce
            .iter()
            .any(|p| p.actor_name == "Government of Ukraine"),
        "{truce:#?}"
    );
}

/// Reported speech is the speaker's own: "he" in "Fidan said he opposed a
/// ceasefire" is Fidan, not another party whose act says nothing of his
/// stance; so the clause is read as his, against the ceasefire (it was read
/// as support from the plain assertion before).
#[test]
fn a_speakers_own_pronoun_in_reported_speech_is_his_first_person() {
    let text = "Leaders split on a truce\n\n\
                Turkey's Foreign Minister Hakan Fidan said he opposed a ceasefire in Ukraine.\n\n\
                Hungarian Prime Minister Viktor Orbán said he backed a ceasefire in Ukraine.\n\n\
                Malaysian Prime Minister Anwar Ibrahim said he would not support a ceasefire in Ukraine.\n\n\
                Japanese Prime Minister Sanae Takaichi said   that\n    she opposed a ceasefire in Ukraine.\n";
    let said = news_stances(
        "Russia and Ukraine agree to a ceasefire.",
        text,
        "2025-11-11",
    );
    let want = [
        ("Hakan Fidan", Stance::Oppose),
        ("Viktor Orbán", Stance::Support),
        ("Anwar Ibrahim", Stance::Oppose),
        // Hard-wrapped: the pronoun is found in the collapsed lowercase.
        ("Sanae Takaichi", Stance::Oppose),
    ];
    assert_eq!(said, want.map(|(a, s)| (a.to_string(), s)).to_vec(),);
}

/// A run-in heading in bold that closes on a period is no subject either: in
/// the fact sheet of 2 March 2022 on costs imposed on Russia (labelled
/// corpus), "- **Full blocking sanctions on Russian defense entities.** The
/// Department of State will impose sweeping sanctions ..." is the
/// Department's act, not the White House's voice.
#[test]
fn a_bold_run_in_heading_is_not_the_subject() {
    const FACT_SHEET: &str = include_str!(
        "../../../data/labelled/docs/whitehouse/statements-releases/2022-03/2022-03-02-fact-sheet-the-united-states-continues-to-impose-costs-on-russia-and-belarus-for-putins-war-of-choice.md"
    );
    let kb = Kb::bundled();
    let d = published_at(
        FACT_SHEET,
        "2022-03-02",
        "https://www.whitehouse.gov/briefing-room/statements-releases/2022/03/02/x/",
    );
    let r = vane_read::read(&d, &kb);
    let headed: Vec<Option<&str>> = r
        .statements
        .iter()
        .filter(|s| FACT_SHEET[s.evidence.range()].contains("defense entities.** The"))
        .map(|s| s.actor.as_ref().map(|a| a.0.as_str()))
        .collect();
    assert_eq!(headed, vec![Some("usa-dos")]);
}

/// A government that tells of its own act names itself: "Pakistan agreed to
/// a ceasefire" is Pakistan's agreeing, though what it "agreed" names no
/// place; joined sources each say it ("India and Pakistan said they had
/// agreed"), and a government's "it" or "they" is its "we".
#[test]
fn a_government_telling_of_its_own_act_names_itself() {
    let text = "Truce holds\n\n\
                Pakistan agreed to a ceasefire on Saturday.\n\n\
                India and Pakistan said they had agreed to a ceasefire.\n";
    let said = news_stances(
        "India and Pakistan agree to a ceasefire.",
        text,
        "2025-05-10",
    );
    assert_eq!(
        said,
        vec![
            ("Government of Pakistan".to_string(), Stance::Support),
            ("Government of India".to_string(), Stance::Support),
            ("Government of Pakistan".to_string(), Stance::Support),
        ],
    );
    let text = "Kremlin replies\n\nRussia said it had agreed to a ceasefire.\n";
    let said = news_stances(
        "Russia and Ukraine agree to a ceasefire.",
        text,
        "2025-03-14",
    );
    assert_eq!(
        said,
        vec![("Government of Russia".to_string(), Stance::Support)]
    );
    // Counter-example: a joined list names no one else's words.
    let text = "Talks\n\nOfficials in Delhi and Pakistan said they had agreed to a ceasefire.\n";
    let said = news_stances(
        "India and Pakistan agree to a ceasefire.",
        text,
        "2025-05-10",
    );
    assert!(
        !said.iter().any(|(a, _)| a == "Government of India"),
        "{said:?}"
    );
}

/// A verb that raises a term of an action is its own verb ("raised tariffs
/// on Chinese imports" imposes more of them); raised elsewhere ("imports
/// increased") it is nothing. Another government telling of the act done
/// takes no stance by it, and a dateline names no one.
#[test]
fn a_verb_that_raises_the_actions_term_is_its_own() {
    let text = "Tariffs rise\n\n\
                BEIJING/WASHINGTON (AP) — China said Wednesday it would fight to the end after President Donald Trump raised tariffs on Chinese imports to 104%.\n\n\
                Imports from China increased 18 percent in a year of tariffs, the Commerce Department said.\n";
    let said = news_stances(
        "The United States imposes tariffs on imports from China.",
        text,
        "2025-04-09",
    );
    assert_eq!(said, vec![("Donald Trump".to_string(), Stance::Support)]);
    // "slapped" is "imposed", as an act of its subject too.
    let text = "Lula holds out\n\n\
                Brazil's President Luiz Inacio Lula da Silva said he would not call Trump after Washington slapped 50% tariffs on Brazilian imports.\n";
    let said = news_stances(
        "The United States imposes tariffs on imports from Brazil.",
        text,
        "2025-08-07",
    );
    assert_eq!(
        said,
        vec![(
            "Government of the United States".to_string(),
            Stance::Support
        )]
    );
}

/// Cancelling, scrapping or postponing the act is against it, in what was
/// said and in the act itself ("he had cancelled the meeting").
#[test]
fn cancelling_the_act_is_against_it() {
    let text = "Summit off\n\n\
                Trump told reporters he had cancelled the meeting with Putin.\n";
    let said = news_stances("Donald Trump meets Vladimir Putin.", text, "2025-10-23");
    assert_eq!(said, vec![("Donald Trump".to_string(), Stance::Oppose)]);
    let text = "Summit on\n\nTrump told reporters he would hold the meeting with Putin.\n";
    let said = news_stances("Donald Trump meets Vladimir Putin.", text, "2025-10-23");
    assert_eq!(said, vec![("Donald Trump".to_string(), Stance::Support)]);
}

/// "welcomed the move": the act before it that the move refers back to, here
/// a pause of shipments, so against the provision; and holding off on an
/// action is against it.
#[test]
fn welcoming_the_move_takes_the_moves_way() {
    let text = "Shipments halted\n\n\
                The Pentagon has halted some shipments of air defense interceptors to Ukraine.\n\n\
                Kremlin spokesman Dmitry Peskov welcomed the move.\n";
    let said = news_stances(
        "The United States provides weapons to Ukraine.",
        text,
        "2025-07-02",
    );
    assert!(
        said.contains(&("Dmitry Peskov".to_string(), Stance::Oppose)),
        "{said:?}"
    );
    let text = "EU waits\n\n\
                The European Commission said it would hold off on retaliatory tariffs on U.S. goods for 90 days.\n";
    let said = news_stances(
        "The European Union imposes retaliatory tariffs on U.S. goods.",
        text,
        "2025-04-09",
    );
    assert_eq!(
        said,
        vec![("European Commission".to_string(), Stance::Oppose)]
    );
}

/// A report's later sentence that points back at what its lead tells ("the
/// duties", "the move") is about that act, with the lead naming the
/// subject; a government's own prose has no such lead.
#[test]
fn a_sentence_pointing_back_at_the_lead_is_about_its_act() {
    let text = "EU imposes duties on Chinese electric vehicles\n\n\
                The European Union imposed duties on electric vehicles imported from China on Tuesday.\n\n\
                The European Commission said the measures would last five years.\n\n\
                German Chancellor Olaf Scholz had opposed the duties.\n";
    let prop = "The European Union imposes tariffs on electric vehicles from China.";
    let said = news_stances(prop, text, "2024-10-29");
    assert!(
        said.contains(&("Olaf Scholz".to_string(), Stance::Oppose)),
        "{said:?}"
    );
    // The same sentences published by a government: no lead to point at.
    let mut official = doc(text, "2024-10-29");
    official.url = Some("https://www.whitehouse.gov/briefing-room/statements-releases/x".into());
    let by_office = positions_in(&official, "q", prop);
    assert!(
        !by_office.iter().any(|p| p.actor_name == "Olaf Scholz"),
        "{by_office:?}"
    );
}

/// Dismissing or rebuffing a call for the act rejects it, as rejecting it
/// does; welcoming the call does not.
#[test]
fn dismissing_a_call_for_the_act_rejects_it() {
    let prop = "Russia agrees to a ceasefire in Ukraine.";
    for (verb, way) in [
        ("rejected", Stance::Oppose),
        ("dismissed", Stance::Oppose),
        ("rebuffed", Stance::Oppose),
        ("welcomed", Stance::Support),
    ] {
        let text = format!(
            "Kremlin on truce calls\n\n\
             The Kremlin on Monday {verb} calls for an immediate ceasefire in Ukraine.\n"
        );
        let said = news_stances(prop, &text, "2025-10-13");
        assert_eq!(
            said,
            vec![("Government of Russia".to_string(), way)],
            "{verb}"
        );
    }
}

/// A sentence pointing back at the lead's act judges it ("called the move
/// protectionist"): the act's own way on the question, turned round when
/// judged badly; a negated judgement is none.
#[test]
fn judging_the_leads_act_takes_its_way() {
    let text = "EU imposes duties on Chinese electric vehicles\n\n\
                The European Union imposed duties on electric vehicles imported from China on Tuesday.\n\n\
                China's commerce ministry called the move protectionist.\n";
    let said = news_stances(
        "The European Union imposes tariffs on electric vehicles from China.",
        text,
        "2024-10-29",
    );
    assert!(
        said.contains(&("Government of China".to_string(), Stance::Oppose)),
        "{said:?}"
    );
    let text = "US lifts oil sanctions\n\n\
                The United States lifted sanctions on Russian oil companies on Monday.\n\n\
                Ukraine's foreign ministry called the move a mistake.\n";
    let prop = "The United States imposes sanctions on Russian oil companies.";
    let said = news_stances(prop, text, "2025-11-03");
    let ukraine = |said: &[(String, Stance)]| -> Vec<Stance> {
        said.iter()
            .filter(|(a, _)| a.contains("Ukraine"))
            .map(|(_, s)| *s)
            .collect()
    };
    assert_eq!(ukraine(&said), vec![Stance::Support], "{said:?}");
    let text = text.replace(
        "called the move a mistake",
        "said the move was not a mistake",
    );
    let said = news_stances(prop, &text, "2025-11-03");
    assert!(ukraine(&said).is_empty(), "{said:?}");
}

/// "Zelensky welcomed the decision": a welcome of the act just told (an
/// act of the lexicon too) takes its way; a welcome of nothing told is
/// none.
#[test]
fn welcoming_a_decision_takes_its_way() {
    let text = "US sanctions Russian oil giants\n\n\
                The United States imposed sanctions on Russia's two largest oil companies on Wednesday.\n\n\
                Ukrainian President Volodymyr Zelensky welcomed the decision.\n";
    let prop = "The United States imposes sanctions on Russian oil companies.";
    let said = news_stances(prop, text, "2025-10-22");
    assert!(
        said.contains(&("Volodymyr Zelenskyy".to_string(), Stance::Support)),
        "{said:?}"
    );
    let text = "Talks in Kyiv\n\n\
                Ukrainian President Volodymyr Zelensky welcomed the talks.\n";
    let said = news_stances(prop, text, "2025-10-22");
    assert!(said.is_empty(), "{said:?}");
}

/// "The President continues to strongly support Sweden joining": the speaker
/// and the colleague whose stance the speaker states both hold it; "we
/// support" in the same briefing is the speaker's alone; and a speech on
/// Sweden is no recipient of something sent ("when it comes to Sweden").
#[test]
fn a_speaker_stating_a_colleagues_stance_relays_it() {
    let text = "Press Gaggle by Deputy Press Secretary Andrew Bates\n\n\
                Q    On Sweden and NATO?\n\n\
                MR. BATES:  And when it comes to Sweden and NATO, the President\n\
                continues to strongly support Sweden joining the security alliance.\n\n\
                Q    And Finland?\n\n\
                MR. BATES:  We support Finland joining NATO.\n";
    let ps = white_house_positions(
        "finland-sweden-join-nato",
        "Finland and Sweden join NATO.",
        text,
        "2023-07-06",
    );
    let held: Vec<(&str, &str)> = ps
        .iter()
        .map(|p| (p.actor_name.as_str(), &text[p.evidence.range.range()][..8]))
        .collect();
    assert!(held.contains(&("Andrew Bates", "And when")), "{held:?}");
    assert!(held.contains(&("Joe Biden", "And when")), "{held:?}");
    assert!(held.contains(&("Andrew Bates", "We suppo")), "{held:?}");
    assert!(!held.contains(&("Joe Biden", "We suppo")), "{held:?}");
    assert!(ps.iter().all(|p| p.stance == Stance::Support));
}

/// "Statement from President Joe Biden Marking One Year Since ...": no word
/// ends the author's name, and the longest opening that names someone by
/// name is the author. A title whose opening is only an office another
/// holds ("Deputy National Security Advisor for ... Daleep Singh") leaves
/// the sentence the office's.
#[test]
fn a_statement_whose_title_runs_on_after_the_name_speaks_as_its_author() {
    let d = labelled_doc!("whitehouse/statements-releases/2024-10/2024-10-07-statement-from-president-joe-biden-marking-one-year-since-the-october-7th-attack.md");
    let kb = Kb::bundled();
    let mine = "Today marks one year of mourning";
    assert_eq!(voices_over(&d, &kb, mine), ["joe-biden"]);
    let mut office = d.clone();
    office.title = Some(
        "Statement from Deputy National Security Advisor for International Economics Daleep Singh Marking the Day"
            .into(),
    );
    assert_eq!(voices_over(&office, &kb, mine), ["usa-eop"]);
}

/// A speech's prepared text, with no speaker's label, is its speaker's:
/// "Remarks by National Economic Advisor Lael Brainard on ..." (the name
/// after an office the pack does not spell so). A title that gives only an
/// office another holds ("Remarks by National Security Advisor to the Vice
/// President Phil Gordon", a name no pack knows) leaves the speech the
/// publisher's.
#[test]
fn a_speechs_title_names_its_speaker() {
    let d = labelled_doc!("whitehouse/speeches-remarks/2024-09/2024-09-23-remarks-by-national-economic-advisor-lael-brainard-on-sustaining-american-auto-leadership.md");
    let kb = Kb::bundled();
    let said = "sensitive data on Americans could be passed";
    assert_eq!(voices_over(&d, &kb, said), ["lael-brainard"]);
    let mut other = d.clone();
    other.title = Some(
        "Remarks by National Security Advisor to the Vice President Phil Gordon at the Summit"
            .into(),
    );
    assert_eq!(voices_over(&other, &kb, said), ["usa-eop"]);
    let mut two = d.clone();
    two.title = Some("Remarks by President Biden and Prime Minister Kishida".into());
    assert_eq!(voices_over(&two, &kb, said), ["usa-eop"]);
}

/// "Quad Leaders’ Vision Statement" is its leaders' own, and "U.S.-EU
/// Summit Statement" names both parties in one compound.
#[test]
fn a_leaders_statement_and_a_compound_of_parties_speak_for_each() {
    let quad = labelled_doc!("whitehouse/statements-releases/2023-05/2023-05-20-quad-leaders-vision-statement-enduring-partners-for-the-indo-pacific.md");
    let kb = Kb::bundled();
    let ours = "convened to reaffirm our steadfast commitment";
    assert_eq!(
        voices_over(&quad, &kb, ours),
        [
            "anthony-albanese",
            "fumio-kishida",
            "joe-biden",
            "narendra-modi"
        ]
    );
    let summit = labelled_doc!(
        "whitehouse/statements-releases/2021-06/2021-06-15-u-s-eu-summit-statement.md"
    );
    let parties = voices_over(&summit, &kb, "commitment to support Libya");
    assert!(parties.contains(&"joe-biden".to_string()), "{parties:?}");
    assert!(!parties.contains(&"usa-eop".to_string()), "{parties:?}");
    assert_eq!(parties.len(), 2, "{parties:?}");
}

/// "President Trump has taken several tariff actions ..., including:" leads
/// every item of its list, the items parted by a converter's "<!-- -->".
#[test]
fn a_list_parted_by_markup_keeps_its_lead_in() {
    let d = labelled_doc!("whitehouse/fact-sheets/2025-09/2025-09-05-fact-sheet-president-donald-j-trump-modifies-the-scope-of-reciprocal-tariffs-and-establishes-procedures-for-implementing-trade-deals.md");
    let kb = Kb::bundled();
    assert_eq!(
        voices_over(
            &d,
            &kb,
            "Imposing an additional 25% tariff on imports from India"
        ),
        ["donald-trump"]
    );
}

/// The share of the labelled corpus's propositions that, said word for word
/// in `wrap`, read as support and as nothing else: the question compiler and
/// the stance rules agree on a question's own words. Also the misses.
fn restated_as_support(wrap: impl Fn(&str) -> Document) -> (f64, Vec<String>) {
    let qs = parse_toml(include_str!("../../../data/labelled/questions.toml")).unwrap();
    let kb = Kb::bundled();
    let mut missed = Vec::new();
    for q in &qs {
        let d = wrap(&q.proposition);
        let r = vane_read::read(&d, &kb);
        let ps = vane_read::positions(&d, &r, &kb, &[compile(q)], RecordedTime { at: 0 });
        if ps.is_empty() || ps.iter().any(|p| p.stance != Stance::Support) {
            missed.push(q.id.clone());
        }
    }
    (1.0 - missed.len() as f64 / qs.len() as f64, missed)
}

/// Every proposition of the labelled corpus, restated by the press secretary
/// at a briefing and as a White House statement's sentence, is read as
/// support; a floor just under what the rules reach (`scripts/restate.py`
/// prints the misses by fold).
#[test]
fn the_corpus_propositions_restated_read_as_support() {
    let briefing = |p: &str| Document {
        title: Some("Press Briefing by Press Secretary Karine Jean-Pierre".into()),
        ..published_at(
            &format!(
                "MS. JEAN-PIERRE: Good afternoon, everyone.\n\nQ Thank you. Where does the \
                 administration stand?\n\nMS. JEAN-PIERRE: {p}\n"
            ),
            "2024-03-12",
            "https://www.whitehouse.gov/briefing-room/press-briefings/2024/03/12/briefing/",
        )
    };
    let statement = |p: &str| Document {
        title: Some("Statement from the Press Secretary".into()),
        ..published_at(
            &format!("{p}\n"),
            "2024-03-12",
            "https://www.whitehouse.gov/briefing-room/statements-releases/2024/03/12/statement/",
        )
    };
    for (form, wrap) in [
        ("briefing", &briefing as &dyn Fn(&str) -> Document),
        ("statement", &statement),
    ] {
        let (share, missed) = restated_as_support(wrap);
        eprintln!("{form}: {share:.3}, missed {missed:?}");
        assert!(
            share >= 0.95,
            "{form}: {share:.3} restated as support; missed {missed:?}"
        );
    }
}

/// A readout whose title names its principal without a possessive ("Readout
/// of President Joseph R. Biden, Jr. Call with President Recep Tayyip
/// Erdogan of Turkey") is the principal's account, and "The leaders agreed
/// ..." is each party's: Biden's and Erdoğan's, not the White House's.
#[test]
fn a_readout_titled_without_a_possessive_speaks_for_its_parties() {
    let d = labelled_doc!("whitehouse/statements-releases/2021-04/2021-04-23-readout-of-president-joseph-r-biden-jr-call-with-president-recep-tayyip-erdogan-of-turkey.md");
    let kb = Kb::bundled();
    let v = voices_over(&d, &kb, "agreed to hold a bilateral meeting");
    assert!(v.contains(&"joe-biden".to_string()), "{v:?}");
    assert!(v.iter().any(|a| a.contains("erdo")), "{v:?}");
    assert!(!v.iter().any(|a| a.contains("executive-office")), "{v:?}");
}

/// "gives" says a provision as "give" does: "The United States gives Egypt
/// military aid" at a briefing is support; a claim about a named party with
/// one word of its own is read with the name kept ("Xi Jinping is a
/// dictator"), and the party's own deed is no third party's ("Vladimir
/// Putin cannot be trusted" opposes "... can be trusted").
#[test]
fn a_restated_proposition_is_its_support() {
    let at_briefing = |id: &str, p: &str, said: &str| {
        white_house_positions(
            id,
            p,
            &format!("MS. JEAN-PIERRE: Good afternoon.\n\nQ On another subject?\n\nMS. JEAN-PIERRE: {said}\n"),
            "2024-03-12",
        )
        .iter()
        .map(|p| p.stance)
        .collect::<Vec<_>>()
    };
    let egypt = "The United States gives Egypt military aid.";
    assert_eq!(at_briefing("egypt", egypt, egypt), [Stance::Support]);
    let xi = "Xi Jinping is a dictator.";
    assert_eq!(at_briefing("xi", xi, xi), [Stance::Support]);
    assert!(at_briefing("xi", xi, "He is a dictator.").is_empty());
    let putin = "Vladimir Putin can be trusted.";
    assert_eq!(
        at_briefing("putin", putin, "Vladimir Putin cannot be trusted."),
        [Stance::Oppose]
    );
    // The proposition's own giver is no third party; another giver still is.
    let drones = "Iran supplies drones to Russia for its war in Ukraine.";
    assert_eq!(
        at_briefing(
            "drones",
            drones,
            "Iran has supplied drones to Russia for its war in Ukraine."
        ),
        [Stance::Support]
    );
    let ours = "The United States provides drones to Ukraine.";
    assert!(at_briefing("ours", ours, "Germany is also providing drones to Ukraine.").is_empty());
    // "send them" answers for the object the question before named, as
    // "provide them" does.
    let f16 = |answer: &str| {
        white_house_positions(
            "f16",
            "The United States provides F-16s to Ukraine.",
            &format!("MS. JEAN-PIERRE: Good afternoon.\n\nQ Will you send F-16s to Ukraine?\n\nMS. JEAN-PIERRE: {answer}\n"),
            "2024-03-12",
        )
        .iter()
        .map(|p| p.stance)
        .collect::<Vec<_>>()
    };
    assert_eq!(f16("We will not send them."), [Stance::Oppose]);
    assert_eq!(f16("We are going to send them."), [Stance::Support]);
    // An evaluation's own word backs it: "right" in "has the right to".
    let right = "Israel has the right to defend itself.";
    assert_eq!(at_briefing("right", right, right), [Stance::Support]);
    assert_eq!(
        at_briefing(
            "right",
            right,
            "We don't think Israel has the right to defend itself."
        ),
        [Stance::Oppose]
    );
    // A demand on a person named in full keeps the name.
    let putin = "Vladimir Putin must leave power.";
    assert_eq!(at_briefing("putin", putin, putin), [Stance::Support]);
    // An action's own word is not against it ("undermines").
    let law = "Georgia's foreign agents law undermines democracy.";
    assert!(!at_briefing("law", law, law).contains(&Stance::Oppose));
}

/// A country named as a subject past an adverb ("The United States also
/// released ...") is its government in a fact sheet; in a joint statement a
/// signatory's government as the subject ("the United States intends to
/// supply ...") speaks with the statement's voices, its signatories.
#[test]
fn a_government_named_as_the_subject_of_official_prose() {
    let kb = Kb::bundled();
    let d = labelled_doc!("whitehouse/statements-releases/2023-02/2023-02-21-fact-sheet-one-year-of-supporting-ukraine.md");
    let v = voices_over(
        &d,
        &kb,
        "The United States also released 180 million barrels",
    );
    assert_eq!(v, ["gov-usa"]);
    let d = labelled_doc!("whitehouse/statements-releases/2023-01/2023-01-05-joint-press-statement-following-a-call-between-the-president-joe-biden-and-the-chancellor-of-the-federal-republic-of-germany-olaf-scholz.md");
    let v = voices_over(&d, &kb, "To this end, the United States intends to supply");
    assert!(v.contains(&"joe-biden".to_string()), "{v:?}");
    assert!(v.iter().any(|a| a.contains("scholz")), "{v:?}");
    assert!(!v.contains(&"gov-usa".to_string()), "{v:?}");
}
