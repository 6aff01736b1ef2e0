//! Phoenix / PETRARCH dictionaries (MIT, Open Event Data Alliance).
//!
//! Actor files: an actor line (`CARL_XVI_GUSTAF_  # comment`), `+ALIAS_`
//! lines, and code blocks (`[SWEGOV >730915]`, `[SWEELI 640101-000101]`,
//! `[USRARM <900823]`), either indented on their own lines or inline after
//! the name. Dates are `YYMMDD` (years 00-30 are 20YY, others 19YY, the
//! KEDS/TABARI rule in PETRARCH's `dstr_to_ordate`) or `YYYYMMDD`; ranges are
//! inclusive, so the role's exclusive end is the day after. A code without
//! a date is the actor's default and is kept only when no dated code exists.
//!
//! Agents file: role nouns mapped to sectors (`DEFENSE_SECRETARY [~GOVMIL]`),
//! with substitution sets (`!MINIST! = MINISTER, MINISTERS`) and plurals in
//! braces.

use crate::kb::{Kb, Rec};
use crate::text::key;
use crate::{ImportError, ImportErrorKind};
use std::collections::HashMap;
use std::io::BufRead;
use vane_core::{Actor, ActorId, ActorKind, Date, Gov, Rank, Role};

const SOURCE: &str = "phoenix";

struct Pending {
    name: String,
    aliases: Vec<String>,
    dated: Vec<(Role, usize)>,
    undated: Vec<Role>,
}

/// Reads a Phoenix actor dictionary. Bad lines are reported and skipped.
pub fn import_phoenix(reader: impl BufRead) -> (Kb, Vec<ImportError>) {
    let mut kb = Kb::default();
    let mut errors = Vec::new();
    let mut cur: Option<Pending> = None;
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut in_comment = false;
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
        if in_comment {
            if line.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if line.trim_start().starts_with("<!--") {
            in_comment = !line.contains("-->");
            continue;
        }
        let body = match line.find('#') {
            Some(p) => &line[..p],
            None => line.as_str(),
        };
        let t = body.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(alias) = t.strip_prefix('+') {
            match cur.as_mut() {
                Some(p) => {
                    let (a, codes) = split_codes(alias);
                    if !a.is_empty() {
                        p.aliases.push(pretty(a));
                    }
                    read_codes(codes, ln, p, &mut errors);
                }
                None => errors.push(ImportError {
                    line: ln,
                    kind: ImportErrorKind::Orphan,
                }),
            }
            continue;
        }
        if t.starts_with('[') {
            match cur.as_mut() {
                Some(p) => read_codes(t, ln, p, &mut errors),
                None => errors.push(ImportError {
                    line: ln,
                    kind: ImportErrorKind::Orphan,
                }),
            }
            continue;
        }
        if let Some(p) = cur.take() {
            finish(&mut kb, &mut ids, p);
        }
        let (name, codes) = split_codes(t);
        let mut p = Pending {
            name: pretty(name),
            aliases: Vec::new(),
            dated: Vec::new(),
            undated: Vec::new(),
        };
        read_codes(codes, ln, &mut p, &mut errors);
        cur = Some(p);
    }
    if let Some(p) = cur.take() {
        finish(&mut kb, &mut ids, p);
    }
    kb.reindex();
    (kb, errors)
}

fn split_codes(s: &str) -> (&str, &str) {
    match s.find('[') {
        Some(p) => (s[..p].trim(), &s[p..]),
        None => (s.trim(), ""),
    }
}

fn read_codes(s: &str, ln: usize, p: &mut Pending, errors: &mut Vec<ImportError>) {
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            errors.push(ImportError {
                line: ln,
                kind: ImportErrorKind::Code(rest.trim().to_string()),
            });
            return;
        };
        let block = after[..close].trim();
        rest = &after[close + 1..];
        let mut parts = block.split_whitespace();
        let Some(code) = parts.next() else { continue };
        if code.starts_with('-') || code.starts_with('~') {
            continue; // a null code, or an agent code
        }
        let restriction = parts.collect::<Vec<_>>().join("");
        match role_from(code, &restriction) {
            Ok((role, true)) => p.dated.push((role, ln)),
            Ok((role, false)) => p.undated.push(role),
            Err(e) => errors.push(ImportError { line: ln, kind: e }),
        }
    }
}

/// A role from a code and its date restriction; the bool says it is dated.
fn role_from(code: &str, restriction: &str) -> Result<(Role, bool), ImportErrorKind> {
    if code.len() < 3 || !code.is_ascii() {
        return Err(ImportErrorKind::Code(code.to_string()));
    }
    let (gov, sector) = if let Some(rest) = code.strip_prefix("IGO") {
        let org = rest.get(..3).unwrap_or(rest);
        (org.to_string(), rest.get(3..).unwrap_or(""))
    } else {
        (code[..3].to_string(), &code[3..])
    };
    let (start, end, dated) = if restriction.is_empty() {
        (None, None, false)
    } else if let Some(d) = restriction.strip_prefix('>') {
        (Some(phoenix_date(d)?), None, true)
    } else if let Some(d) = restriction.strip_prefix('<') {
        (None, Some(phoenix_date(d)?), true)
    } else if let Some((a, b)) = restriction.split_once('-') {
        let s = phoenix_date(a)?;
        let e = phoenix_date(b)?;
        let e = e.succ_opt().unwrap_or(e);
        if e < s {
            return Err(ImportErrorKind::Date(restriction.to_string()));
        }
        (Some(s), Some(e), true)
    } else {
        return Err(ImportErrorKind::Date(restriction.to_string()));
    };
    let head = sector.get(..3).unwrap_or(sector);
    let (title, rank) = match head {
        "GOV" => ("Government", Rank::Official),
        "MIL" => ("Military", Rank::Official),
        "ELI" => ("Elite", Rank::None),
        "OPP" => ("Opposition", Rank::None),
        "LEG" => ("Legislature", Rank::None),
        "JUD" => ("Judiciary", Rank::None),
        "BUS" => ("Business", Rank::None),
        "MED" => ("Media", Rank::None),
        "" => ("Member", Rank::None),
        _ => ("Sector", Rank::None),
    };
    Ok((
        Role {
            title: format!("{title} ({code})"),
            office: None,
            gov: Gov(gov),
            rank,
            start,
            end,
        },
        dated,
    ))
}

/// `YYMMDD` (00-30 -> 20YY, else 19YY) or `YYYYMMDD`.
pub(crate) fn phoenix_date(s: &str) -> Result<Date, ImportErrorKind> {
    let bad = || ImportErrorKind::Date(s.to_string());
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (y, md) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().map_err(|_| bad())?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().map_err(|_| bad())?, &s[4..]),
        _ => return Err(bad()),
    };
    let m: u32 = md[..2].parse().map_err(|_| bad())?;
    let d: u32 = md[2..].parse().map_err(|_| bad())?;
    Date::from_ymd_opt(y, m, d).ok_or_else(bad)
}

/// `CARL_XVI_GUSTAF_` -> `Carl XVI Gustaf`.
fn pretty(s: &str) -> String {
    s.split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let roman = w.len() <= 5 && w.chars().all(|c| "IVXLC".contains(c)) && w != "LI";
            if roman || w.contains('.') && w.len() <= 4 {
                w.to_string()
            } else {
                let mut out = String::new();
                let mut up = true;
                for c in w.chars() {
                    if up {
                        out.extend(c.to_uppercase());
                    } else {
                        out.extend(c.to_lowercase());
                    }
                    up = c == '-' || c == '\'';
                }
                out
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn finish(kb: &mut Kb, ids: &mut HashMap<String, usize>, p: Pending) {
    if p.name.is_empty() {
        return;
    }
    let mut roles: Vec<Role> = p.dated.into_iter().map(|(r, _)| r).collect();
    if roles.is_empty() {
        roles = p.undated;
    }
    let base: String = key(&p.name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let n = ids.entry(base.clone()).or_insert(0);
    *n += 1;
    let id = if *n == 1 {
        format!("phx-{base}")
    } else {
        format!("phx-{base}-{n}")
    };
    let country_only = roles.iter().all(|r| r.start.is_none() && r.end.is_none())
        && roles.len() == 1
        && roles[0].title.ends_with(&format!("({})", roles[0].gov.0));
    let person = roles.iter().any(|r| r.start.is_some() || r.end.is_some());
    let kind = if country_only {
        ActorKind::Government
    } else if person {
        ActorKind::Person
    } else {
        ActorKind::Organization
    };
    let gov = roles.first().map(|r| r.gov.clone());
    let roles = if country_only { vec![] } else { roles };
    // Phoenix alias lists are curated ("PUTIN_"): no automatic surnames.
    // A country's names are also places ("Moscow" is an alias of Russia):
    // they become metonyms, so "in Moscow" is not a mention.
    let (aliases, metonyms) = if kind == ActorKind::Government {
        let mut m = p.aliases;
        m.push(p.name.clone());
        (Vec::new(), m)
    } else {
        (p.aliases, Vec::new())
    };
    kb.insert(Rec {
        role_sources: vec![SOURCE.to_string(); roles.len()],
        role_titles: vec![vec![]; roles.len()],
        actor: Actor {
            id: ActorId(id),
            name: p.name,
            kind,
            aliases,
            gov,
            roles,
        },
        gender: None,
        source: SOURCE.to_string(),
        surname: None,
        anonymous: false,
        metonyms,
        wikidata: None,
    });
}

/// Role nouns mapped to Phoenix sector codes ("defense secretary" ->
/// "GOVMIL").
#[derive(Clone, Debug, Default)]
pub struct Agents {
    map: HashMap<String, String>,
}

impl Agents {
    /// The sector code of a role noun, e.g. `GOVMIL` for "defense secretary".
    pub fn sector(&self, noun: &str) -> Option<&str> {
        self.map.get(&key(noun)).map(String::as_str)
    }
    pub fn len(&self) -> usize {
        self.map.len()
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Reads the Phoenix agents file. Bad lines are reported and skipped.
pub fn import_phoenix_agents(reader: impl BufRead) -> (Agents, Vec<ImportError>) {
    let mut agents = Agents::default();
    let mut errors = Vec::new();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
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
        let body = match line.find('#') {
            Some(p) => &line[..p],
            None => line.as_str(),
        };
        let t = body.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('!') {
            if let Some((name, vals)) = t.split_once('=') {
                sets.insert(
                    name.trim().to_string(),
                    vals.split(',').map(|v| v.trim().to_string()).collect(),
                );
                continue;
            }
        }
        let Some(open) = t.find('[') else {
            errors.push(ImportError {
                line: ln,
                kind: ImportErrorKind::Code(t.to_string()),
            });
            continue;
        };
        let code: String = t[open + 1..]
            .trim_end_matches(']')
            .trim()
            .chars()
            .filter(|&c| c != '~')
            .collect();
        let words = t[..open].trim();
        let (sing, plural) = match words.find('{') {
            Some(b) => (
                words[..b].trim(),
                words[b + 1..].trim_end_matches('}').trim(),
            ),
            None => (words, ""),
        };
        for w in [sing, plural] {
            if w.is_empty() {
                continue;
            }
            for form in expand(w, &sets) {
                agents
                    .map
                    .insert(key(&form.replace('_', " ")), code.clone());
            }
        }
    }
    (agents, errors)
}

fn expand(w: &str, sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    for (name, vals) in sets {
        if w.contains(name.as_str()) {
            return vals
                .iter()
                .flat_map(|v| expand(&w.replacen(name.as_str(), v, 1), sets))
                .collect();
        }
    }
    vec![w.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn century_rule() {
        let d = |y, m, dd| Date::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(phoenix_date("730915").unwrap(), d(1973, 9, 15));
        assert_eq!(phoenix_date("000101").unwrap(), d(2000, 1, 1));
        assert_eq!(phoenix_date("300101").unwrap(), d(2030, 1, 1));
        assert_eq!(phoenix_date("310101").unwrap(), d(1931, 1, 1));
        assert_eq!(phoenix_date("20070101").unwrap(), d(2007, 1, 1));
        assert!(phoenix_date("2004017").is_err());
        assert!(phoenix_date("991332").is_err());
        assert_eq!(pretty("CARL_XVI_GUSTAF_"), "Carl XVI Gustaf");
    }
}
