//! TOML packs: the bundled pack is valid, user packs load and override.

use crate::common::{d, gov};
use vane_actors::{Kb, PackError};
use vane_core::ActorId;

#[test]
fn bundled_pack_is_valid() {
    Kb::check_bundled().unwrap();
    let kb = Kb::bundled();
    assert!(kb.len() > 100, "{}", kb.len());
    // Every role interval is well formed, and every person has a gender.
    for a in kb.actors() {
        for r in &a.roles {
            if let (Some(s), Some(e)) = (r.start, r.end) {
                assert!(s <= e, "{} {}", a.name, r.title);
            }
        }
    }
    let id = ActorId("marco-rubio".into());
    assert_eq!(kb.provenance(&id), Some("bundled:actors.toml"));
    assert_eq!(kb.role_provenance(&id).unwrap().len(), 2);
}

const USER: &str = r#"
[[country]]
code = "MDA"
name = "Moldova"
adjectives = ["Moldovan"]
metonyms = ["Chisinau"]

[[actor]]
id = "maia-sandu"
name = "Maia Sandu"
gender = "f"
gov = "MDA"
roles = [{ title = "President", rank = "head", start = 2020-12-24, source = "https://presedinte.md/eng" }]

[[actor]]
id = "marco-rubio"
name = "Marco Rubio"
gender = "m"
gov = "USA"
roles = [{ title = "Senator", rank = "official", start = "2011-01-03", end = "2025-01-20" }]
"#;

#[test]
fn user_pack_loads_and_overrides() {
    let user = Kb::from_toml(USER).unwrap();
    let on = d("2024-01-01");
    assert_eq!(
        user.resolve("the president", Some(&gov("MDA")), on)
            .map(|a| a.name.as_str()),
        Some("Maia Sandu")
    );
    assert_eq!(
        user.resolve("Chisinau", None, on).map(|a| a.name.as_str()),
        Some("Government of Moldova")
    );
    let mut kb = Kb::bundled();
    let n = kb.len();
    kb.merge(user);
    // Sandu, the government of Moldova and its official replace the bundled ones.
    assert_eq!(kb.len(), n);
    let rubio = kb.get(&ActorId("marco-rubio".into())).unwrap();
    assert_eq!(rubio.roles.len(), 1, "replaced by the later pack");
    assert_eq!(kb.provenance(&rubio.id), Some("toml"));
    let sandu = ActorId("maia-sandu".into());
    assert_eq!(
        kb.role_provenance(&sandu).unwrap()[0],
        "toml (https://presedinte.md/eng)"
    );
    // The rest still works after the merge.
    assert_eq!(
        kb.resolve("the president", Some(&gov("USA")), d("2023-05-20"))
            .map(|a| a.name.as_str()),
        Some("Joe Biden")
    );
}

#[test]
fn pack_errors_are_typed() {
    let bad = |src: &str| Kb::from_toml(src).unwrap_err();
    assert!(matches!(bad("[[actor]]\nid = 1"), PackError::Toml(_)));
    assert!(matches!(
        bad("[[actor]]\nid = \"a\"\nname = \"A\"\ngov = \"USA\"\nroles = [{ title = \"X\", start = \"2020-13-01\" }]"),
        PackError::Date { .. }
    ));
    assert!(matches!(
        bad("[[actor]]\nid = \"a\"\nname = \"A\"\ngov = \"USA\"\nroles = [{ title = \"X\", rank = \"boss\" }]"),
        PackError::Rank { .. }
    ));
    assert!(matches!(
        bad("[[position]]\ntitle = \"X\"\ngov = \"USA\"\nholders = [{ id = \"nobody\" }]"),
        PackError::UnknownActor { .. }
    ));
    assert!(matches!(
        bad("[[actor]]\nid = \"a\"\nname = \"A\"\n[[actor]]\nid = \"a\"\nname = \"B\""),
        PackError::Duplicate(_)
    ));
    assert!(matches!(
        bad("[[actor]]\nid = \"a\"\nname = \"A\"\ngov = \"USA\"\nroles = [{ title = \"X\", start = \"2020-01-02\", end = \"2020-01-01\" }]"),
        PackError::Interval { .. }
    ));
    let msg = bad("[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"robot\"").to_string();
    assert_eq!(msg, "actor a: unknown kind \"robot\"");
}

#[test]
fn find_and_holders() {
    let kb = Kb::bundled();
    let names: Vec<&str> = kb.find("Kirby").iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["John Kirby"]);
    let h: Vec<&str> = kb
        .holders("foreign minister", &gov("RUS"), d("2023-01-01"))
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(h, ["Sergey Lavrov"]);
    assert_eq!(kb.gov_code("Russian"), Some(gov("RUS")));
    assert_eq!(kb.gov_code("u.s."), Some(gov("USA")));
}

#[test]
fn packs_round_trip_through_toml() {
    use vane_actors::import_phoenix;
    let kb = Kb::bundled();
    let back = Kb::from_toml(&kb.to_toml()).unwrap();
    assert_eq!(back.len(), kb.len());
    for a in kb.actors() {
        let b = back.get(&a.id).unwrap_or_else(|| panic!("{} lost", a.id));
        assert_eq!(a.roles, b.roles, "{}", a.id);
        assert_eq!(a.name, b.name);
        assert_eq!(a.kind, b.kind);
    }
    for (m, c, on) in [
        ("the president", Some("USA"), "2023-05-20"),
        ("the Oval Office", None, "2025-07-10"),
        ("Moscow", None, "2025-07-10"),
        ("MR. KIRBY", None, "2023-01-12"),
        ("the Kremlin spokesman", None, "2024-01-01"),
    ] {
        let g = c.map(gov);
        assert_eq!(
            kb.resolve(m, g.as_ref(), d(on)).map(|a| &a.id),
            back.resolve(m, g.as_ref(), d(on)).map(|a| &a.id),
            "{m}"
        );
    }
    // An import, stored as a pack, reads back with its provenance.
    let (phx, _) = import_phoenix(include_str!("data/phoenix-sample.txt").as_bytes());
    let back = Kb::from_toml(&phx.to_toml()).unwrap();
    let carl = &back.find("Carl XVI Gustaf")[0];
    assert_eq!(back.role_provenance(&carl.id).unwrap()[0], "toml (phoenix)");
    assert_eq!(carl.roles, phx.find("Carl XVI Gustaf")[0].roles);
}

#[test]
fn the_speaking_countries_resolve_but_are_no_places() {
    let kb = Kb::bundled();
    let on = d("2025-07-28");
    assert_eq!(kb.gov_code("Thailand"), Some(gov("THA")));
    assert_eq!(
        kb.resolve("Phnom Penh", None, on).map(|a| a.name.as_str()),
        Some("Government of Cambodia")
    );
    // A code counts only as written in capitals: "And" is no Andorra.
    assert_eq!(kb.gov_code("And"), None);
    assert_eq!(kb.gov_code("AND"), Some(gov("AND")));
    // Speakers only: a question's places are the first three parts' countries.
    let places = kb.places();
    assert!(places.iter().any(|(g, _)| *g == gov("UKR")));
    assert!(!places.iter().any(|(g, _)| *g == gov("THA")));
    // The flag survives a round trip through TOML.
    let back = Kb::from_toml(&kb.to_toml()).unwrap();
    assert!(!back.places().iter().any(|(g, _)| *g == gov("THA")));
    assert_eq!(back.places().len(), places.len());
}

/// The US departments the labelled corpus's officials speak for resolve to
/// their office, by name, alias or metonym ("the Treasury"), as the
/// Pentagon does to the Department of Defense.
#[test]
fn us_departments_resolve_to_their_offices() {
    let kb = Kb::bundled();
    let on = d("2025-03-14");
    for (mention, name) in [
        (
            "the Department of the Treasury",
            "Department of the Treasury",
        ),
        ("the Treasury", "Department of the Treasury"),
        ("the Commerce Department", "Department of Commerce"),
        (
            "the Office of the U.S. Trade Representative",
            "Office of the United States Trade Representative",
        ),
        ("the Justice Department", "Department of Justice"),
        ("the Pentagon", "Department of Defense"),
    ] {
        let a = kb.resolve(mention, None, on);
        assert_eq!(a.map(|a| a.name.as_str()), Some(name), "{mention}");
        assert_eq!(a.and_then(|a| a.gov.clone()), Some(gov("USA")), "{mention}");
    }
}
