//! The TOML pack format (the bundled pack and user packs share it).
//!
//! ```toml
//! [[country]]          # generates "Government of X" and its anonymous official
//! code = "RUS"
//! name = "Russia"
//! adjectives = ["Russian"]
//! names = ["Russian Federation"]
//! metonyms = ["Moscow", "the Kremlin"]
//! # subject = false    # the name is also a person's ("Jordan"): no agent alone
//!
//! [[title]]            # synonyms of a role title, as written in text
//! canonical = "Minister of Foreign Affairs"
//! synonyms = ["Foreign Minister", "top diplomat"]
//! # gov = "USA"        # only for a title of one government ("Secretary of State")
//!
//! [[actor]]            # kind: person (default) | office | government | organization
//! id = "sergey-lavrov"
//! name = "Sergey Lavrov"
//! gender = "m"
//! gov = "RUS"
//! aliases = ["Sergei Lavrov"]
//! roles = [{ title = "Minister of Foreign Affairs", rank = "minister", start = "2004-03-09" }]
//!
//! [[position]]         # one office and its successive holders
//! title = "President"
//! gov = "USA"
//! rank = "head"
//! holders = [{ id = "joe-biden", start = "2021-01-20", end = "2025-01-20" }]
//!
//! [[metonym]]          # a phrase standing for an actor, or for a title's holder
//! phrases = ["the Oval Office"]
//! title = "President"
//! gov = "USA"
//! ```
//!
//! Dates are `YYYY-MM-DD` strings or TOML dates. `end` is exclusive: the
//! day the next holder took office (so on an inauguration day the new
//! holder holds the title).

use crate::{Gender, PackError};
use serde::Deserialize;
use vane_core::{ActorKind, Date, Rank};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackFile {
    #[serde(default)]
    #[allow(dead_code)]
    pub meta: Option<toml::Value>,
    #[serde(default)]
    pub country: Vec<CountryDef>,
    #[serde(default)]
    pub title: Vec<TitleDef>,
    #[serde(default)]
    pub actor: Vec<ActorDef>,
    #[serde(default)]
    pub position: Vec<PositionDef>,
    #[serde(default)]
    pub metonym: Vec<MetonymDef>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct CountryDef {
    pub code: String,
    pub name: String,
    /// The canonical name of the government actor; default "Government of {name}".
    pub government: Option<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
    /// Phrases standing for the government (capitals, seats).
    #[serde(default)]
    pub metonyms: Vec<String>,
    /// The canonical name of its anonymous official.
    pub anonymous: Option<String>,
    /// False when the country's names are also people's names ("Jordan"):
    /// they then modify ("Jordan's King Abdullah II") but never stand alone
    /// as an agent ("Jordan said" may be a person).
    #[serde(default = "yes")]
    pub subject: bool,
    /// False for a government that speaks but is no place of a question:
    /// its names resolve speakers ("Thailand said", "Malaysian Prime
    /// Minister ...") and never become a proposition's target or term.
    #[serde(default = "yes")]
    pub place: bool,
    /// True where news calls its people by the first word of their names
    /// alone: the family name first ("Lee Jae Myung" is "Lee", "Wang Yi"
    /// "Wang"), or a Malay given name ("Anwar Ibrahim" is "Anwar"). An
    /// official the pack does not name is then known by the first word as
    /// well as by the last.
    #[serde(default)]
    pub first_word_alone: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub source: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct TitleDef {
    pub canonical: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// The government the title belongs to when no other is named
    /// ("Assistant Secretary of State Jane Doe" is a U.S. official).
    pub gov: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorDef {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub gov: Option<String>,
    pub gender: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The surname used alone in text; "" for none. Default: the last word
    /// of the name (persons only).
    pub surname: Option<String>,
    #[serde(default)]
    pub metonyms: Vec<String>,
    #[serde(default)]
    pub roles: Vec<RoleDef>,
    pub wikidata: Option<String>,
    pub source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoleDef {
    pub title: String,
    pub office: Option<String>,
    pub gov: Option<String>,
    pub rank: Option<String>,
    pub start: Option<toml::Value>,
    pub end: Option<toml::Value>,
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub acting: bool,
    pub source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PositionDef {
    pub title: String,
    pub office: Option<String>,
    pub gov: String,
    pub rank: Option<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    pub source: Option<String>,
    pub holders: Vec<HolderDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HolderDef {
    pub id: String,
    /// Creates the person when the pack does not define `id`.
    pub name: Option<String>,
    pub gender: Option<String>,
    /// The surname used alone in text ("" for none), for a created person.
    pub surname: Option<String>,
    pub start: Option<toml::Value>,
    pub end: Option<toml::Value>,
    #[serde(default)]
    pub acting: bool,
    pub source: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct MetonymDef {
    pub phrases: Vec<String>,
    /// The actor the phrases stand for.
    pub actor: Option<String>,
    /// Or: the holder of this title in `gov` at the date.
    pub title: Option<String>,
    pub gov: Option<String>,
    /// Also a place: not a mention after "in", "at", "arrived in" ...
    #[serde(default = "yes")]
    pub place: bool,
}

fn yes() -> bool {
    true
}

pub(crate) fn parse_date(v: &toml::Value, who: &str) -> Result<Date, PackError> {
    let s = match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => d.to_string(),
        other => other.to_string(),
    };
    let s10 = s.get(..10).unwrap_or(&s);
    Date::parse_from_str(s10, "%Y-%m-%d").map_err(|_| PackError::Date {
        actor: who.to_string(),
        value: s.clone(),
    })
}

pub(crate) fn opt_date(v: &Option<toml::Value>, who: &str) -> Result<Option<Date>, PackError> {
    match v {
        None => Ok(None),
        Some(toml::Value::String(s)) if s.is_empty() => Ok(None),
        Some(v) => parse_date(v, who).map(Some),
    }
}

pub(crate) fn parse_rank(s: Option<&str>, title: &str, who: &str) -> Result<Rank, PackError> {
    match s {
        None => Ok(crate::rank_for_title(title)),
        Some(r) => Rank::parse(r).ok_or_else(|| PackError::Rank {
            actor: who.to_string(),
            value: r.to_string(),
        }),
    }
}

pub(crate) fn parse_kind(s: Option<&str>, who: &str) -> Result<ActorKind, PackError> {
    match s.unwrap_or("person") {
        "person" => Ok(ActorKind::Person),
        "office" => Ok(ActorKind::Office),
        "government" => Ok(ActorKind::Government),
        "organization" | "organisation" => Ok(ActorKind::Organization),
        other => Err(PackError::Kind {
            actor: who.to_string(),
            value: other.to_string(),
        }),
    }
}

pub(crate) fn parse_gender(s: Option<&str>, who: &str) -> Result<Option<Gender>, PackError> {
    match s {
        None | Some("") => Ok(None),
        Some("m") | Some("male") => Ok(Some(Gender::Male)),
        Some("f") | Some("female") => Ok(Some(Gender::Female)),
        Some(other) => Err(PackError::Gender {
            actor: who.to_string(),
            value: other.to_string(),
        }),
    }
}
