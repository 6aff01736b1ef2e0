//! The seed article (EXPECTED.md): every actor mention resolves as stated.

use crate::common::{d, dump, gov, sentences};
use vane_actors::{mentions, Kb, Resolved};
use vane_core::MentionKind;

const SEED: &str = include_str!("data/rubio-lavrov-kuala-lumpur.txt");

/// `needle` (the `nth` occurrence, or every one when `nth` is None), or the
/// word at `at` bytes into it, must be covered by a mention of `actor`.
fn check(
    kb: &Kb,
    r: &Resolved,
    needle: &str,
    nth: Option<usize>,
    at: usize,
    len: usize,
    actor: &str,
) {
    let hits: Vec<usize> = SEED.match_indices(needle).map(|(i, _)| i).collect();
    assert!(!hits.is_empty(), "{needle:?} not in the seed");
    let picked: Vec<usize> = match nth {
        Some(n) => vec![hits[n]],
        None => hits,
    };
    for h in picked {
        let s = h + at;
        let e = s + if len == 0 { needle.len() - at } else { len };
        let m = r
            .mentions
            .iter()
            .find(|m| m.range.start <= s && e <= m.range.end)
            .unwrap_or_else(|| {
                panic!(
                    "no mention covers {:?} at {s}\n{}",
                    &SEED[s..e],
                    dump(kb, SEED, r)
                )
            });
        let id = m.actor.as_ref().expect("resolved");
        let name = kb.get(id).map(|a| a.name.as_str()).unwrap_or("?");
        assert_eq!(
            name,
            actor,
            "{:?} at {s}\n{}",
            &SEED[s..e],
            dump(kb, SEED, r)
        );
    }
}

fn run(country: Option<&vane_core::Gov>) -> (Kb, Resolved) {
    let kb = Kb::bundled();
    let r = mentions(&kb, SEED, &sentences(SEED), Some(d("2025-07-10")), country);
    (kb, r)
}

fn table(kb: &Kb, r: &Resolved) {
    let c = |needle: &str, nth: Option<usize>, actor: &str| check(kb, r, needle, nth, 0, 0, actor);
    c(
        "U.S. Secretary of State Marco Rubio",
        Some(0),
        "Marco Rubio",
    );
    c("Secretary Rubio", None, "Marco Rubio");
    c("Rubio", None, "Marco Rubio");
    c(
        "Russian Foreign Minister Sergey Lavrov",
        Some(0),
        "Sergey Lavrov",
    );
    c("Lavrov", None, "Sergey Lavrov");
    c("President Donald Trump", Some(0), "Donald Trump");
    c("President Trump", None, "Donald Trump");
    c("Trump", None, "Donald Trump");
    c("the President", None, "Donald Trump");
    c("the Oval Office", None, "Donald Trump");
    c(
        "Russian President Vladimir Putin",
        Some(0),
        "Vladimir Putin",
    );
    c("Putin", None, "Vladimir Putin");
    c("Secretary of Defense Pete Hegseth", Some(0), "Pete Hegseth");
    c("the White House", None, "Executive Office of the President");
    c("Moscow", None, "Government of Russia");
    c("Kyiv", None, "Government of Ukraine");
    c("Washington", None, "Government of the United States");
    let p = |needle: &str, at: usize, len: usize, actor: &str| {
        check(kb, r, needle, Some(0), at, len, actor)
    };
    p("how he navigates", 4, 2, "Marco Rubio");
    p("than he might", 5, 2, "Marco Rubio");
    p("weaken his hand", 7, 3, "Marco Rubio");
    p("as his own administration", 3, 3, "Marco Rubio");
    p("He must convey", 0, 2, "Marco Rubio");
    p("His comments", 0, 3, "Donald Trump");
    p("he’s not treating", 0, 2, "Vladimir Putin");
    p("He’s killing", 0, 2, "Vladimir Putin");
}

#[test]
fn seed_actor_table_without_country() {
    let (kb, r) = run(None);
    table(&kb, &r);
}

#[test]
fn seed_actor_table_with_country() {
    let (kb, r) = run(Some(&gov("USA")));
    table(&kb, &r);
}

#[test]
fn seed_has_no_spurious_actors() {
    let (kb, r) = run(None);
    let allowed = [
        "Marco Rubio",
        "Sergey Lavrov",
        "Donald Trump",
        "Vladimir Putin",
        "Pete Hegseth",
        "Executive Office of the President",
        "Government of Russia",
        "Government of Ukraine",
        "Government of the United States",
    ];
    for m in &r.mentions {
        let id = m.actor.as_ref().unwrap();
        let name = kb.get(id).map(|a| a.name.as_str()).unwrap_or("?");
        assert!(
            allowed.contains(&name),
            "{:?} -> {name}\n{}",
            &SEED[m.range.range()],
            dump(&kb, SEED, &r)
        );
        assert!(!m.provisional);
    }
    assert!(r.provisional.is_empty());
    // Kinds: the first Rubio mention is a Name covering the title.
    let first = &r.mentions[0];
    assert_eq!(
        &SEED[first.range.range()],
        "U.S. Secretary of State Marco Rubio"
    );
    assert_eq!(first.kind, MentionKind::Name);
}

#[test]
fn seed_roles_at_publication() {
    use vane_actors::primary_role;
    use vane_core::ActorKind;
    let kb = Kb::bundled();
    let on = d("2025-07-10");
    for (name, title, g) in [
        ("Marco Rubio", "Secretary of State", "USA"),
        ("Sergey Lavrov", "Minister of Foreign Affairs", "RUS"),
        ("Donald Trump", "President", "USA"),
        ("Vladimir Putin", "President", "RUS"),
        ("Pete Hegseth", "Secretary of Defense", "USA"),
    ] {
        let a = kb.find(name)[0];
        let r = primary_role(a, on).unwrap_or_else(|| panic!("{name} has no role"));
        assert_eq!((r.title.as_str(), r.gov.0.as_str()), (title, g), "{name}");
    }
    let eop = kb.find("Executive Office of the President")[0];
    assert_eq!(eop.kind, ActorKind::Office);
    assert_eq!(eop.gov, Some(gov("USA")));
    for (name, g) in [
        ("Government of Russia", "RUS"),
        ("Government of Ukraine", "UKR"),
    ] {
        let a = kb.find(name)[0];
        assert_eq!(
            (a.kind, a.gov.clone()),
            (ActorKind::Government, Some(gov(g)))
        );
    }
}
