//! Importers: Phoenix actor and agent dictionaries, Wikidata dumps.

use crate::common::{d, gov};
use vane_actors::{import_phoenix, import_phoenix_agents, import_wikidata, ImportErrorKind, Kb};
use vane_core::{ActorId, ActorKind, Rank};

const PHOENIX: &str = include_str!("data/phoenix-sample.txt");
const WIKIDATA: &str = include_str!("data/wikidata-sample.json");

fn check_role(kb: &Kb, name: &str, on: &str, expect: &[&str]) {
    let a = kb.find(name);
    let a = a.first().unwrap_or_else(|| panic!("{name} not imported"));
    let got: Vec<String> = a.roles_on(d(on)).map(|r| r.title.clone()).collect();
    assert_eq!(got, expect, "{name} on {on}");
}

#[test]
fn phoenix_carl_xvi_gustaf() {
    let (kb, errors) = import_phoenix(PHOENIX.as_bytes());
    // [SWEELI 640101-000101] [SWEGOV >730915]: elite 1964-01-01..2000-01-01
    // (inclusive), government from 1973-09-15 (the accession).
    check_role(&kb, "Carl XVI Gustaf", "1963-12-31", &[]);
    check_role(&kb, "Carl XVI Gustaf", "1964-01-01", &["Elite (SWEELI)"]);
    check_role(&kb, "Carl XVI Gustaf", "1973-09-14", &["Elite (SWEELI)"]);
    check_role(
        &kb,
        "Carl XVI Gustaf",
        "1973-09-15",
        &["Elite (SWEELI)", "Government (SWEGOV)"],
    );
    check_role(
        &kb,
        "Carl XVI Gustaf",
        "2000-01-01",
        &["Elite (SWEELI)", "Government (SWEGOV)"],
    );
    check_role(
        &kb,
        "Carl XVI Gustaf",
        "2000-01-02",
        &["Government (SWEGOV)"],
    );
    check_role(
        &kb,
        "Carl XVI Gustaf",
        "2015-06-01",
        &["Government (SWEGOV)"],
    );
    let carl = &kb.find("Carl XVI Gustaf")[0];
    assert_eq!(carl.id, ActorId("phx-carl-xvi-gustaf".into()));
    assert_eq!(carl.gov_on(d("2015-06-01")), Some(&gov("SWE")));
    assert_eq!(carl.rank_on(d("2015-06-01")), Rank::Official);
    assert_eq!(kb.provenance(&carl.id), Some("phoenix"));
    let start = carl
        .roles
        .iter()
        .find(|r| r.title.contains("GOV"))
        .unwrap()
        .start;
    assert_eq!(start, Some(d("1973-09-15")));
    // Century rule: 00-30 are 20YY.
    check_role(&kb, "Carl Bildt", "2010-01-01", &["Government (SWEGOV)"]);
    // Aliases, IGO codes, inline codes, 8-digit dates.
    assert_eq!(
        kb.resolve_undated("President Putin", None)
            .map(|a| a.name.as_str()),
        Some("Vladimir Putin")
    );
    check_role(
        &kb,
        "Secretary-General Ban Ki-Moon",
        "2010-01-01",
        &["Member (IGOUNO)"],
    );
    check_role(&kb, "Ann Veneman", "2003-01-01", &["Government (USAGOV)"]);
    assert_eq!(kb.find("Sweden")[0].kind, ActorKind::Government);
    // Errors: the 7-digit date of Ban Ki-moon, and the broken block.
    let lines: Vec<(usize, &ImportErrorKind)> = errors.iter().map(|e| (e.line, &e.kind)).collect();
    assert!(
        lines
            .iter()
            .any(|(_, k)| matches!(k, ImportErrorKind::Date(s) if s.contains("2004017"))),
        "{errors:?}"
    );
    let last = PHOENIX.lines().count();
    assert_eq!(
        lines.iter().filter(|(l, _)| *l >= last - 2).count(),
        3,
        "{errors:?}"
    );
}

#[test]
fn phoenix_agents() {
    let src = "!MINIST! = MINISTER, MINISTERS\nDEFENSE_SECRETARY [~GOVMIL]\nDEFENSE_!MINIST! [~GOVMIL]\nFARMER {FARMERS} [~AGR]\nbroken line\n";
    let (agents, errors) = import_phoenix_agents(src.as_bytes());
    assert_eq!(agents.sector("defense secretary"), Some("GOVMIL"));
    assert_eq!(agents.sector("Defense Ministers"), Some("GOVMIL"));
    assert_eq!(agents.sector("farmers"), Some("AGR"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 5);
}

#[test]
fn wikidata_dump() {
    let (kb, errors) = import_wikidata(WIKIDATA.as_bytes());
    let putin = kb.get(&ActorId("wd-q7747".into())).unwrap();
    assert_eq!(putin.name, "Vladimir Putin");
    assert_eq!(putin.roles.len(), 3, "the deprecated statement is skipped");
    let t: Vec<&str> = putin
        .roles_on(d("2010-01-01"))
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(t, ["Prime Minister of Russia"]);
    let t: Vec<&str> = putin
        .roles_on(d("2023-01-01"))
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(t, ["President of Russia"]);
    assert_eq!(putin.rank_on(d("2023-01-01")), Rank::Head);
    assert_eq!(putin.gov_on(d("2023-01-01")), Some(&gov("RUS")));
    assert_eq!(kb.wikidata(&putin.id), Some("Q7747"));
    assert_eq!(kb.provenance(&putin.id), Some("wikidata Q7747"));
    // The title is unknown to the dump (no Q11696 item): the QID stands in,
    // and the government comes from citizenship.
    let biden = kb.get(&ActorId("wd-q6279".into())).unwrap();
    assert_eq!(biden.roles[0].title, "Q11696");
    assert_eq!(biden.roles[0].gov, gov("USA"));
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 8], "{errors:?}");
    assert!(matches!(errors[0].kind, ImportErrorKind::Json(_)));
    assert!(matches!(errors[1].kind, ImportErrorKind::Date(_)));
    // Imported actors merge into the bundled pack and resolve in text.
    let mut all = Kb::bundled();
    all.merge(kb);
    assert!(all.get(&ActorId("wd-q7747".into())).is_some());
}

#[test]
fn wikidata_bad_lines_are_reported_and_skipped() {
    let holder = |q: &str, name: &str| {
        format!(
            r#"{{"type":"item","id":"{q}","labels":{{"en":{{"language":"en","value":"{name}"}}}},"claims":{{"P27":[{{"mainsnak":{{"datavalue":{{"value":{{"id":"Q30"}}}}}}}}],"P39":[{{"mainsnak":{{"datavalue":{{"value":{{"id":"Q11696"}}}}}},"rank":"normal"}}]}}}},"#
        )
    };
    let dump = [
        "[".to_string(),
        holder("Q1001", "First Holder"),
        r#"{"type":"item","id":"Q1002","labels":"#.to_string(), // cut short
        "\u{fffd}\u{0}garbage".to_string(),
        r#"{"type":"item","labels":{}},"#.to_string(), // no id
        holder("Q1003", "Second Holder"),
        "]".to_string(),
        r#"{"type":"item","id":"Q1004""#.to_string(), // truncated last line
    ]
    .join("\n");
    let (kb, errors) = import_wikidata(dump.as_bytes());
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 8], "{errors:?}");
    assert!(errors
        .iter()
        .all(|e| matches!(e.kind, ImportErrorKind::Json(_))));
    for q in ["wd-q1001", "wd-q1003"] {
        assert!(kb.get(&ActorId(q.into())).is_some(), "{q} kept");
    }
    assert_eq!(kb.actors().count(), 2);
}
