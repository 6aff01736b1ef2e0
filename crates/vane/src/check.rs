//! What the user typed, checked against what exists: a ledger file, a
//! question id, a government, an actor. A name that matches nothing is an
//! error that names it and suggests the nearest valid ones, never an empty
//! answer.

use anyhow::{bail, Result};
use std::collections::BTreeSet;
use std::path::Path;
use vane_actors::Kb;
use vane_core::{ActorId, Gov, Position, Question};
pub use vane_engine::names::{did_you_mean, nearest};

/// A ledger file that must exist (every command but those that create one).
pub fn ledger(db: &Path) -> Result<()> {
    if db.is_file() {
        return Ok(());
    }
    if db.exists() {
        bail!("{} is not a ledger file", db.display());
    }
    let dir = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .take(10_000)
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
                .collect()
        })
        .unwrap_or_default();
    let typed = db
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let near: Vec<String> = nearest(&typed, names.iter().map(String::as_str))
        .into_iter()
        .map(|n| dir.join(n).display().to_string())
        .collect();
    bail!(
        "no ledger at {}{} (`vane ingest` or `vane questions load` creates one)",
        db.display(),
        did_you_mean(&near)
    )
}

/// A question id the ledger watched as of a recorded time: one loaded
/// later is named as such, not as unknown.
pub fn question_as_of(
    then: &[Question],
    now: &[Question],
    id: &str,
    recorded_as_of: Option<vane_core::RecordedTime>,
) -> Result<()> {
    if let Some(t) = recorded_as_of {
        if !then.iter().any(|q| q.id == id) && now.iter().any(|q| q.id == id) {
            bail!(
                "question {id:?} was not loaded yet as of the recorded time {} (drop --recorded-as-of, or give a later time)",
                crate::when::show(t)
            );
        }
    }
    question(then, id)
}

/// A question id the ledger watches.
pub fn question(questions: &[Question], id: &str) -> Result<()> {
    if questions.iter().any(|q| q.id == id) {
        return Ok(());
    }
    if questions.is_empty() {
        bail!("unknown question {id:?}: the ledger watches no questions yet (load some with `vane questions load`)");
    }
    let near: Vec<String> = nearest(id, questions.iter().map(|q| q.id.as_str()))
        .into_iter()
        .map(str::to_string)
        .collect();
    let hint = if near.is_empty() {
        format!(
            "; the ledger watches {} (see `vane questions list`)",
            list(questions.iter().map(|q| q.id.as_str()))
        )
    } else {
        did_you_mean(&near)
    };
    bail!("unknown question {id:?}{hint}")
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = items.collect();
    if v.len() > 8 {
        format!("{}, ... ({} in all)", v[..8].join(", "), v.len())
    } else {
        v.join(", ")
    }
}

/// A government: its code (ISO 3166 alpha-3, any case), or a name of the
/// country the knowledge base reads unambiguously ("Israel", "the United
/// States"), or a code the ledger's positions carry. `flag` names the
/// option in messages.
pub fn government(kb: &Kb, seen: &BTreeSet<Gov>, flag: &str, typed: &str) -> Result<Gov> {
    let t = typed.trim();
    let upper = Gov(t.to_uppercase());
    if kb.countries().any(|(c, _)| *c == upper) || seen.contains(&upper) {
        return Ok(upper);
    }
    if let Some(g) = kb.gov_code(t) {
        eprintln!("note: {flag} {t:?} read as {g}");
        return Ok(g);
    }
    let mut names: Vec<(String, String)> = kb
        .countries()
        .map(|(c, n)| (c.0.clone(), n.to_string()))
        .collect();
    names.extend(seen.iter().map(|g| (g.0.clone(), g.0.clone())));
    // Nearest by code or by name, shown as `CODE (Name)`.
    let mut cands: Vec<&str> = names.iter().map(|(c, _)| c.as_str()).collect();
    cands.extend(names.iter().map(|(_, n)| n.as_str()));
    let mut near: Vec<String> = Vec::new();
    for n in nearest(t, cands) {
        let (c, name) = names
            .iter()
            .find(|(c, name)| c == n || name == n)
            .expect("a candidate comes from the list");
        let shown = if c == name {
            c.clone()
        } else {
            format!("{c} ({name})")
        };
        if !near.contains(&shown) {
            near.push(shown);
        }
    }
    bail!(
        "unknown government {t:?} for {flag}{} (governments are ISO 3166 alpha-3 codes such as USA, RUS, UKR)",
        did_you_mean(&near)
    )
}

/// The governments the positions carry.
pub fn governments(positions: &[Position]) -> BTreeSet<Gov> {
    positions.iter().map(|p| p.government.clone()).collect()
}

/// An actor by id or by name (or an alias, or a surname the knowledge base
/// knows), among the knowledge base and the actors of the positions. All
/// the actors it names.
pub fn actor(kb: &Kb, positions: &[Position], typed: &str) -> Result<BTreeSet<ActorId>> {
    let t = typed.trim();
    let mut found: BTreeSet<ActorId> = BTreeSet::new();
    for p in positions {
        if p.actor.0 == t || p.actor_name.eq_ignore_ascii_case(t) {
            found.insert(p.actor.clone());
        }
    }
    if let Some(a) = kb.get(&ActorId(t.to_string())) {
        found.insert(a.id.clone());
    }
    found.extend(kb.find(t).into_iter().map(|a| a.id.clone()));
    if !found.is_empty() {
        return Ok(found);
    }
    bail!(
        "unknown actor {t:?}{}",
        did_you_mean(&near_actors(kb, positions, t))
    )
}

/// The actor names nearest to `typed`, among the knowledge base and the positions.
pub fn near_actors(kb: &Kb, positions: &[Position], typed: &str) -> Vec<String> {
    let mut names: Vec<&str> = kb.actors().map(|a| a.name.as_str()).collect();
    names.extend(positions.iter().map(|p| p.actor_name.as_str()));
    nearest(typed, names)
        .into_iter()
        .map(|n| format!("{n:?}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn governments_by_code_name_or_near_miss() {
        let kb = Kb::bundled();
        let none = BTreeSet::new();
        assert_eq!(government(&kb, &none, "--side", "usa").unwrap().0, "USA");
        assert_eq!(
            government(&kb, &none, "--counterpart", "Israel").unwrap().0,
            "ISR"
        );
        let e = government(&kb, &none, "--side", "RUSS")
            .unwrap_err()
            .to_string();
        assert!(e.contains("RUS"), "{e}");
    }
}
