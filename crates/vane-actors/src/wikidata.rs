//! Wikidata JSON dumps, streamed line by line.
//!
//! The dump is one JSON array with one entity per line (`[`, then
//! `{...},` lines, then `]`). For each item with P39 (position held), the
//! importer makes a person with one role per statement: P580 (start time)
//! and P582 (end time) qualifiers give the dates; the government comes from
//! the position item's P17 (country) when the dump holds it, else from the
//! person's P27 (citizenship). Country items are mapped to codes by their
//! P298 (ISO 3166-1 alpha-3) when the dump holds them, else by a small
//! built-in table. Titles are the position items' English labels when the
//! dump holds them, else the QID.
//!
//! Memory: the output, plus the labels and countries of position items
//! (P31 position classes, or P1001, or already named by a P39) and of
//! countries (P298) only.
//! A malformed line is reported with its number and skipped.

use crate::kb::{default_surname, Kb, Rec};
use crate::{rank_for_title, ImportError, ImportErrorKind};
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;
use vane_core::{Actor, ActorId, ActorKind, Date, Gov, Role};

const SOURCE: &str = "wikidata";

/// Well-known country items (Wikidata QID -> ISO 3166-1 alpha-3 or body code).
const COUNTRY_QIDS: &[(&str, &str)] = &[
    ("Q30", "USA"),
    ("Q159", "RUS"),
    ("Q212", "UKR"),
    ("Q183", "DEU"),
    ("Q145", "GBR"),
    ("Q142", "FRA"),
    ("Q148", "CHN"),
    ("Q801", "ISR"),
    ("Q794", "IRN"),
    ("Q423", "PRK"),
    ("Q884", "KOR"),
    ("Q17", "JPN"),
    ("Q668", "IND"),
    ("Q155", "BRA"),
    ("Q16", "CAN"),
    ("Q408", "AUS"),
    ("Q414", "ARG"),
    ("Q96", "MEX"),
    ("Q851", "SAU"),
    ("Q258", "ZAF"),
    ("Q43", "TUR"),
    ("Q38", "ITA"),
    ("Q252", "IDN"),
    ("Q34", "SWE"),
    ("Q458", "EUR"),
];

/// Classes of position items (P31): position, public office, head of
/// state, head of government, minister.
const POSITION_CLASSES: &[&str] = &["Q4164871", "Q294414", "Q48352", "Q2285706", "Q83307"];

struct PendingRole {
    position: String,
    start: Option<Date>,
    end: Option<Date>,
}

struct PendingPerson {
    qid: String,
    name: String,
    aliases: Vec<String>,
    citizenship: Option<String>,
    roles: Vec<PendingRole>,
    gender: Option<crate::Gender>,
}

/// Reads a Wikidata JSON dump (one entity per line).
pub fn import_wikidata(reader: impl BufRead) -> (Kb, Vec<ImportError>) {
    let mut errors = Vec::new();
    let mut persons: Vec<PendingPerson> = Vec::new();
    // Item -> (English label, P17 country item, P298 code); only kept for
    // items that are positions or countries.
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut item_country: HashMap<String, String> = HashMap::new();
    // Positions named by a P39 statement so far.
    let mut referenced: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut iso: HashMap<String, String> = COUNTRY_QIDS
        .iter()
        .map(|(q, c)| (q.to_string(), c.to_string()))
        .collect();
    for (n, line) in reader.lines().enumerate() {
        let ln = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                errors.push(ImportError {
                    line: ln,
                    kind: ImportErrorKind::Io(e.to_string()),
                });
                break;
            }
        };
        let t = line.trim();
        let t = t.strip_suffix(',').unwrap_or(t);
        if t.is_empty() || t == "[" || t == "]" {
            continue;
        }
        let v: Value = match serde_json::from_str(t) {
            Ok(v) => v,
            Err(e) => {
                errors.push(ImportError {
                    line: ln,
                    kind: ImportErrorKind::Json(e.to_string()),
                });
                continue;
            }
        };
        let Some(qid) = v.get("id").and_then(Value::as_str) else {
            errors.push(ImportError {
                line: ln,
                kind: ImportErrorKind::Json("entity without id".into()),
            });
            continue;
        };
        let label = v
            .pointer("/labels/en/value")
            .and_then(Value::as_str)
            .map(str::to_string);
        let claims = v.get("claims");
        let claim_items = |p: &str| -> Vec<&Value> {
            claims
                .and_then(|c| c.get(p))
                .and_then(Value::as_array)
                .map(|a| a.iter().collect())
                .unwrap_or_default()
        };
        if let Some(code) = claim_items("P298")
            .first()
            .and_then(|s| s.pointer("/mainsnak/datavalue/value"))
            .and_then(Value::as_str)
        {
            iso.insert(qid.to_string(), code.to_string());
        }
        let p39 = claim_items("P39");
        if p39.is_empty() {
            // Keep the label and country of positions and countries only
            // (memory stays bounded by them, not by the dump).
            let is_position = referenced.contains(qid)
                || !claim_items("P1001").is_empty()
                || claim_items("P31")
                    .iter()
                    .filter_map(|s| snak_item(s))
                    .any(|c| POSITION_CLASSES.contains(&c.as_str()))
                || !claim_items("P298").is_empty();
            if is_position {
                if let Some(l) = label {
                    labels.insert(qid.to_string(), l);
                }
                if let Some(c) = claim_items("P17").first().and_then(|s| snak_item(s)) {
                    item_country.insert(qid.to_string(), c);
                }
            }
            continue;
        }
        let mut roles = Vec::new();
        for st in p39 {
            if st.get("rank").and_then(Value::as_str) == Some("deprecated") {
                continue;
            }
            let Some(pos) = snak_item(st) else { continue };
            referenced.insert(pos.clone());
            let q = |p: &str| -> Result<Option<Date>, ImportErrorKind> {
                match st
                    .pointer(&format!("/qualifiers/{p}/0/datavalue/value/time"))
                    .and_then(Value::as_str)
                {
                    None => Ok(None),
                    Some(s) => wd_time(s).map(Some),
                }
            };
            match (q("P580"), q("P582")) {
                (Ok(start), Ok(end)) => roles.push(PendingRole {
                    position: pos,
                    start,
                    end,
                }),
                (Err(e), _) | (_, Err(e)) => errors.push(ImportError { line: ln, kind: e }),
            }
        }
        let aliases = v
            .pointer("/aliases/en")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.get("value").and_then(Value::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let citizenship = claim_items("P27").first().and_then(|s| snak_item(s));
        let gender = match claim_items("P21")
            .first()
            .and_then(|s| snak_item(s))
            .as_deref()
        {
            Some("Q6581097") => Some(crate::Gender::Male),
            Some("Q6581072") => Some(crate::Gender::Female),
            _ => None,
        };
        persons.push(PendingPerson {
            qid: qid.to_string(),
            name: label.unwrap_or_else(|| qid.to_string()),
            aliases,
            citizenship,
            roles,
            gender,
        });
    }
    let mut kb = Kb::default();
    for p in persons {
        let own_gov = p.citizenship.as_ref().and_then(|c| iso.get(c)).cloned();
        let mut roles = Vec::new();
        for r in &p.roles {
            let gov = item_country
                .get(&r.position)
                .and_then(|c| iso.get(c))
                .cloned()
                .or_else(|| own_gov.clone());
            let Some(gov) = gov else { continue };
            let title = labels
                .get(&r.position)
                .cloned()
                .unwrap_or_else(|| r.position.clone());
            let rank = rank_for_title(&title);
            roles.push(Role {
                title: capitalise(&title),
                office: None,
                gov: Gov(gov),
                rank,
                start: r.start,
                end: r.end,
            });
        }
        kb.insert(Rec {
            role_sources: vec![format!("{SOURCE} {} P39", p.qid); roles.len()],
            role_titles: vec![vec![]; roles.len()],
            surname: default_surname(&p.name),
            actor: Actor {
                id: ActorId(format!("wd-{}", p.qid.to_lowercase())),
                name: p.name,
                kind: ActorKind::Person,
                aliases: p.aliases,
                gov: own_gov.map(Gov),
                roles,
            },
            gender: p.gender,
            source: format!("{SOURCE} {}", p.qid),
            anonymous: false,
            metonyms: vec![],
            wikidata: Some(p.qid),
        });
    }
    kb.reindex();
    (kb, errors)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn snak_item(st: &Value) -> Option<String> {
    st.pointer("/mainsnak/datavalue/value/id")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// `+2012-05-07T00:00:00Z` -> 2012-05-07. Year or month precision gives
/// `-00` parts, read as the first day of the period.
fn wd_time(s: &str) -> Result<Date, ImportErrorKind> {
    let bad = || ImportErrorKind::Date(s.to_string());
    let body = s.strip_prefix('+').ok_or_else(bad)?;
    let date = body.split('T').next().ok_or_else(bad)?;
    let mut parts = date.split('-');
    let y: i32 = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
    let m: u32 = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
    let d: u32 = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
    Date::from_ymd_opt(y, m.max(1), d.max(1)).ok_or_else(bad)
}
