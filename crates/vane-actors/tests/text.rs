//! `mentions` on small texts written for the tests.

use crate::common::{d, dump, gov, sentences};
use vane_actors::{mentions, Kb};
use vane_core::MentionKind;

/// Each `(needle, expected)` pair: the first occurrence of `needle` after
/// the previous one is covered by a mention of `expected` (None: no mention
/// overlaps it).
fn check(text: &str, on: &str, country: Option<&str>, expect: &[(&str, Option<&str>)]) {
    let kb = Kb::bundled();
    let g = country.map(gov);
    let r = mentions(&kb, text, &sentences(text), Some(d(on)), g.as_ref());
    let mut from = 0;
    for &(needle, want) in expect {
        let s = from
            + text[from..]
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} not found"));
        let e = s + needle.len();
        from = s + 1;
        let m = r
            .mentions
            .iter()
            .find(|m| m.range.start < e && s < m.range.end);
        let got = m.map(|m| {
            let id = m.actor.as_ref().unwrap();
            kb.get(id)
                .map(|a| a.name.clone())
                .or_else(|| {
                    r.provisional
                        .iter()
                        .find(|a| &a.id == id)
                        .map(|a| a.name.clone())
                })
                .unwrap_or_default()
        });
        assert_eq!(
            got.as_deref(),
            want,
            "{needle:?} at {s}\n{}",
            dump(&kb, text, &r)
        );
    }
}

#[test]
fn places_are_not_governments() {
    check(
        "Lavrov arrived in Moscow on Friday. Moscow rejected the plan. Talks in Kyiv ended at 5 p.m. Moscow time, and Kyiv said it would respond. The envoy traveled to Beijing, where Beijing officials met him.",
        "2023-05-20",
        None,
        &[
            ("Lavrov", Some("Sergey Lavrov")),
            ("Moscow", None),
            ("Moscow", Some("Government of Russia")),
            ("Kyiv", None),
            ("Moscow", None),
            ("Kyiv", Some("Government of Ukraine")),
            ("Beijing", None),
            ("Beijing officials", Some("Unnamed Chinese Official")),
        ],
    );
}

#[test]
fn provisional_actors() {
    let text = "Ukraine's deputy defense minister, Andriy Testenko, said the shipment arrived. Testenko added that he was grateful.";
    check(
        text,
        "2023-05-20",
        None,
        &[
            ("Andriy Testenko", Some("Andriy Testenko")),
            ("Testenko added", Some("Andriy Testenko")),
            ("he was", Some("Andriy Testenko")),
        ],
    );
    let kb = Kb::bundled();
    let r = mentions(&kb, text, &sentences(text), Some(d("2023-05-20")), None);
    assert_eq!(r.provisional.len(), 1);
    let a = &r.provisional[0];
    assert_eq!(a.gov, Some(gov("UKR")));
    assert_eq!(a.roles[0].title, "deputy defense minister");
    assert!(r.mentions.iter().filter(|m| m.provisional).count() >= 2);
}

#[test]
fn transcript_speaker_labels() {
    let text = "MS. JEAN-PIERRE:  Good afternoon, everyone.\n\nQ    Thank you, Karine.\n\nMS. DALOTON: Hi.\n\nMR. SULLIAN: Hi.\n\nMR. KIRBY:  Thanks. The President has been clear about this. He said so.\n\nSENIOR ADMINISTRATION OFFICIAL:  Thanks. And she agreed.\n";
    check(
        text,
        "2023-01-12",
        None,
        &[
            ("MS. JEAN-PIERRE", Some("Karine Jean-Pierre")),
            ("Q", None),
            ("MS. DALOTON", Some("Olivia Dalton")),
            ("MR. SULLIAN", Some("Jake Sullivan")),
            ("MR. KIRBY", Some("John Kirby")),
            ("The President", Some("Joe Biden")),
            ("He", Some("Joe Biden")),
            (
                "SENIOR ADMINISTRATION OFFICIAL",
                Some("Senior Administration Official"),
            ),
        ],
    );
    let kb = Kb::bundled();
    let r = mentions(&kb, text, &[], Some(d("2023-01-12")), Some(&gov("USA")));
    assert_eq!(r.mentions[0].kind, MentionKind::SpeakerLabel);
}

#[test]
fn titles_names_and_pronouns() {
    check(
        "Secretary of State Antony Blinken met Chinese Foreign Minister Qin Gang in Beijing. Blinken said he raised the issue. The Pentagon said it was not consulted, and a senior administration official said they were surprised. National security adviser Jake Sullivan told reporters Sullivan's team was ready.",
        "2023-06-19",
        Some("USA"),
        &[
            ("Secretary of State Antony Blinken", Some("Antony Blinken")),
            ("Chinese Foreign Minister Qin Gang", Some("Qin Gang")),
            ("Beijing", None),
            ("Blinken", Some("Antony Blinken")),
            ("he", Some("Antony Blinken")),
            ("The Pentagon", Some("Department of Defense")),
            ("a senior administration official", Some("Senior Administration Official")),
            ("National security adviser Jake Sullivan", Some("Jake Sullivan")),
            ("Sullivan's", Some("Jake Sullivan")),
        ],
    );
}

#[test]
fn quotes_keep_their_own_referents() {
    check(
        "Trump said Putin was stalling. “Putin is not—he’s not serious,” he said.",
        "2025-07-10",
        None,
        &[
            ("Trump", Some("Donald Trump")),
            ("Putin", Some("Vladimir Putin")),
            ("Putin", Some("Vladimir Putin")),
            ("he’s", Some("Vladimir Putin")),
            ("he said", Some("Donald Trump")),
        ],
    );
}

#[test]
fn undated_documents_resolve_names_only() {
    let kb = Kb::bundled();
    let text = "The President met Sergey Lavrov.";
    let r = mentions(&kb, text, &[], None, Some(&gov("USA")));
    let names: Vec<&str> = r.mentions.iter().map(|m| &text[m.range.range()]).collect();
    assert_eq!(names, ["Sergey Lavrov"]);
}

#[test]
fn ambiguous_surnames_and_titles() {
    check(
        "Senator Sanders spoke in May. Ms. Sanders did not. Then Theresa May spoke, and May said no.",
        "2023-05-20",
        Some("USA"),
        &[
            ("Senator Sanders", None),
            ("May", None),
            ("Ms. Sanders", Some("Sarah Huckabee Sanders")),
            ("Theresa May", Some("Theresa May")),
            ("May said", Some("Theresa May")),
        ],
    );
}

#[test]
fn country_names_as_subjects() {
    check(
        "Ukraine has been requesting cluster munitions. The war in Ukraine goes on, and Germany said it would help. Aid to Ukraine will continue.",
        "2023-07-07",
        Some("USA"),
        &[
            ("Ukraine has", Some("Government of Ukraine")),
            ("Ukraine goes", None),
            ("Germany said", Some("Government of Germany")),
            ("Ukraine will", None),
        ],
    );
}

#[test]
fn country_names_as_subjects_past_an_adverb_a_comma_or_a_list_marker() {
    check(
        "The United States also released oil from its reserve. Recently, the United States announced a coalition.\n\n- China will purchase soybeans.\n\nThe United States imposed sanctions. United States armed forces stayed. Ukraine based its case on law. The US will impose sanctions, and the US has said so; US officials agreed.",
        "2023-02-21",
        Some("USA"),
        &[
            ("The United States also", Some("Government of the United States")),
            ("the United States announced", Some("Government of the United States")),
            ("China will", Some("Government of China")),
            ("The United States imposed", Some("Government of the United States")),
            ("United States armed", None),
            ("Ukraine based", None),
            ("The US will", Some("Government of the United States")),
            ("the US has", Some("Government of the United States")),
        ],
    );
}

#[test]
fn phrases_do_not_cross_breaks() {
    check(
        "Q    What about Russia and Ukraine.\n\nMR. KIRBY: Look, Secretary of Defense\nLloyd Austin spoke to Mr. Zelenskyy. It was Ukraine.\nMr. Kirby agreed.",
        "2023-01-25",
        Some("USA"),
        &[
            ("Ukraine", None),
            ("MR. KIRBY", Some("John Kirby")),
            ("Secretary of Defense\nLloyd Austin", Some("Lloyd Austin")),
            ("Mr. Zelenskyy", Some("Volodymyr Zelenskyy")),
            ("Ukraine", None),
            ("Mr. Kirby", Some("John Kirby")),
        ],
    );
}

#[test]
fn other_people_with_known_surnames() {
    check(
        "Brian Fallon, the campaign's press secretary, spoke. Douglas Holtz-Eakin is now president of the American Action Forum. Putin agreed, said Fallon. Kim Jong Un tested a bomb. The U.N. objected. In Charlotte, the Queen City, the Queen spoke.",
        "2016-10-01",
        Some("USA"),
        &[
            ("Fallon", None),
            ("president of the American Action Forum", None),
            ("Putin", Some("Vladimir Putin")),
            ("Fallon", None),
            ("Kim Jong Un", Some("Kim Jong Un")),
            ("U.N.", Some("United Nations")),
            ("the Queen City", None),
            ("the Queen spoke", Some("Elizabeth II")),
        ],
    );
}

#[test]
fn it_for_governments_and_offices() {
    check(
        "The Pentagon said it was not consulted. Moscow welcomed the pause. It was a surprise, and the Kremlin said its position had not changed.",
        "2025-07-10",
        Some("USA"),
        &[
            ("The Pentagon", Some("Department of Defense")),
            ("it was", Some("Department of Defense")),
            ("Moscow", Some("Government of Russia")),
            ("It was", None),
            ("the Kremlin", Some("Government of Russia")),
            ("its", Some("Government of Russia")),
        ],
    );
}

#[test]
fn metonyms_inside_names_and_after_determiners() {
    check(
        "Leaders met at the White House. The Washington Post said the White House Counsel agreed, and the White House declined.",
        "2023-01-12",
        Some("USA"),
        &[
            ("the White House", None),
            ("White House", None),
            ("The Washington Post", None),
            ("the White House Counsel", None),
            ("the White House declined", Some("Executive Office of the President")),
        ],
    );
}

#[test]
fn people_outside_the_pack_stop_pronouns() {
    // Dalby, Tolliver and Lane Ortmann are in no pack: "he" is theirs, not
    // Trump's (better unresolved than wrong). A woman does not stop "he".
    check(
        "Mr. Trump's plan was criticised, Mr. Dalby said. \"It is a mistake,\" he added. \
         Trump spoke in Ohio. Tolliver said the party must prepare. He added a note of caution. \
         Trump spoke in Ohio. Lane Ortmann, the police chief, said the video was unclear, but he said it would be released. \
         Trump spoke in Ohio. Hillary Clinton said he was wrong. \
         Trump spoke in Ohio. He said it was rigged.",
        "2016-09-20",
        None,
        &[
            ("Mr. Trump", Some("Donald Trump")),
            ("he added", None),
            ("Trump", Some("Donald Trump")),
            ("He added", None),
            ("Trump", Some("Donald Trump")),
            ("he said", None),
            ("Trump", Some("Donald Trump")),
            ("he was", Some("Donald Trump")),
            ("Trump", Some("Donald Trump")),
            ("He said", Some("Donald Trump")),
        ],
    );
}
