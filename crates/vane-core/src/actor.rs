use crate::Date;
use std::fmt;

/// A canonical actor id: a lowercase slug such as `marco-rubio` or
/// `gov-rus`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub String);

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A government: an ISO 3166 alpha-3 code (`USA`, `RUS`, `UKR`), or a
/// stable code for an international body (`EUR`, `NATO`, `UNO`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gov(pub String);

impl fmt::Display for Gov {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    Person,
    Office,
    Government,
    Organization,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Office => "office",
            ActorKind::Government => "government",
            ActorKind::Organization => "organization",
        }
    }
}

/// Authority, from highest to lowest. Lower discriminant = more authority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rank {
    /// Head of state or government.
    Head = 0,
    /// Foreign or defense minister, or another cabinet member.
    Minister = 1,
    /// Adviser or spokesperson; also offices and governments spoken of as a whole.
    Adviser = 2,
    /// An unnamed official.
    Official = 3,
    /// No government role at the time.
    None = 4,
}

impl Rank {
    pub fn as_str(self) -> &'static str {
        match self {
            Rank::Head => "head",
            Rank::Minister => "minister",
            Rank::Adviser => "adviser",
            Rank::Official => "official",
            Rank::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<Rank> {
        match s {
            "head" => Some(Rank::Head),
            "minister" => Some(Rank::Minister),
            "adviser" => Some(Rank::Adviser),
            "official" => Some(Rank::Official),
            "none" => Some(Rank::None),
            _ => None,
        }
    }
}

/// A role held over a closed-open interval of dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The title as written in running text ("Secretary of State").
    pub title: String,
    /// The organisation the role belongs to ("Department of State").
    pub office: Option<String>,
    pub gov: Gov,
    pub rank: Rank,
    /// First day in the role; `None` when unknown (treated as always).
    pub start: Option<Date>,
    /// Day after the last day in the role; `None` when still held.
    pub end: Option<Date>,
}

impl Role {
    pub fn holds_on(&self, d: Date) -> bool {
        self.start.is_none_or(|s| s <= d) && self.end.is_none_or(|e| d < e)
    }
}

/// A canonical actor with its dated roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub id: ActorId,
    /// The canonical display name ("Marco Rubio", "Government of Russia").
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    /// The government the actor belongs to, independent of roles.
    pub gov: Option<Gov>,
    pub roles: Vec<Role>,
}

impl Actor {
    /// The roles held on `d`.
    pub fn roles_on(&self, d: Date) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(move |r| r.holds_on(d))
    }
    /// The highest authority held on `d`. Offices and governments rank as
    /// advisers (they speak for the government, but not as its head).
    pub fn rank_on(&self, d: Date) -> Rank {
        let best = self.roles_on(d).map(|r| r.rank).min();
        match (best, self.kind) {
            (Some(r), _) => r,
            (None, ActorKind::Office | ActorKind::Government) => Rank::Adviser,
            (None, _) => Rank::None,
        }
    }
    /// The government on `d`: from a role held then, else the actor's own.
    pub fn gov_on(&self, d: Date) -> Option<&Gov> {
        self.roles_on(d)
            .min_by_key(|r| r.rank)
            .map(|r| &r.gov)
            .or(self.gov.as_ref())
    }
}
