//! The knowledge base: actors with dated roles, plus the lexicon (names,
//! titles, government adjectives, metonyms) that mention resolution reads.

use crate::lexicon::{self, Words};
use crate::pack::{self, PackFile};
use crate::text::{key, key_len};
use crate::{Gender, PackError};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::LazyLock;
use vane_core::{Actor, ActorId, ActorKind, Date, Gov, Rank, Role};

/// One actor plus what the lexicon and provenance need.
#[derive(Clone, Debug)]
pub(crate) struct Rec {
    pub actor: Actor,
    pub gender: Option<Gender>,
    /// Which source loaded the actor ("bundled", "toml:<label>", "phoenix", "wikidata").
    pub source: String,
    /// Which source stated each role (parallel to `actor.roles`).
    pub role_sources: Vec<String>,
    /// Extra title phrases per role (parallel to `actor.roles`).
    pub role_titles: Vec<Vec<String>>,
    /// The surname key used alone in text, if any.
    pub surname: Option<String>,
    /// An unnamed official standing for a government.
    pub anonymous: bool,
    /// Phrases standing for this actor (added to the metonym table).
    pub metonyms: Vec<String>,
    /// Wikidata item, when known.
    pub wikidata: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Country {
    pub code: Gov,
    pub name: String,
    pub adjectives: Vec<String>,
    pub names: Vec<String>,
    /// Its names stand alone as an agent ("Ukraine has requested").
    pub subject: bool,
    /// A place a question may name (`Kb::places`); else a speaker only.
    pub place: bool,
    /// Its people go by the first word of their names alone ("Lee").
    pub first_word_alone: bool,
}

#[derive(Clone, Debug)]
pub(crate) enum Target {
    Actor(ActorId),
    /// The holder of a title (by canonical key) in a government at the date.
    Holder(String, Gov),
}

#[derive(Clone, Debug)]
pub(crate) struct Metonym {
    pub phrase: String,
    pub target: Target,
    pub place: bool,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct NameHit {
    pub rec: usize,
    /// The key is the actor's surname, not a full name or alias.
    pub surname: bool,
}

/// Lookup tables, rebuilt whenever the actors change.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lex {
    pub names: HashMap<String, Vec<NameHit>>,
    /// Title phrase -> canonical title keys (empty for honorifics such as "Mr").
    pub titles: HashMap<String, Vec<String>>,
    pub govs: HashMap<String, Gov>,
    /// Country names only (no adjectives): "Ukraine", "the United States".
    pub country_names: HashMap<String, Gov>,
    pub metonyms: HashMap<String, usize>,
    pub meto_list: Vec<Metonym>,
    /// Canonical title key -> (record, role index).
    pub holders: HashMap<String, Vec<(usize, usize)>>,
    /// Extra role titles that name their government ("Kremlin spokesman",
    /// "President of Ukraine").
    pub title_gov: HashMap<String, Gov>,
    /// The first words of every key above (a quick filter).
    pub firsts: FxHashSet<String>,
    pub max_name: usize,
    pub max_title: usize,
    pub max_gov: usize,
    pub max_meto: usize,
}

/// The actor knowledge base. Immutable once built, except through
/// [`Kb::merge`].
#[derive(Clone, Debug, Default)]
pub struct Kb {
    pub(crate) recs: Vec<Rec>,
    pub(crate) by_id: HashMap<ActorId, usize>,
    pub(crate) countries: Vec<Country>,
    /// Canonical title -> synonyms (as written).
    pub(crate) title_groups: Vec<(String, Vec<String>)>,
    /// Canonical title -> the one government it belongs to ("Secretary of
    /// State" -> USA), from `[[title]] gov`.
    pub(crate) title_govs: Vec<(String, Gov)>,
    pub(crate) metonyms: Vec<Metonym>,
    /// Government -> its anonymous official.
    pub(crate) anon: HashMap<Gov, ActorId>,
    pub(crate) lex: Lex,
}

/// Honorifics and bare titles that may precede a name but name no office.
static HONORIFICS: LazyLock<&Words> = LazyLock::new(|| lexicon::words("honorifics"));

impl Kb {
    /// The compiled-in pack (`data/*.toml`).
    pub fn bundled() -> Kb {
        let mut kb = Kb::default();
        for (label, src) in crate::BUNDLED {
            match Kb::from_toml_labeled(src, &format!("bundled:{label}")) {
                Ok(k) => kb.merge(k),
                // A test guards this; never panic at run time.
                Err(_) => continue,
            }
        }
        kb
    }

    /// The bundled pack, built once per process and shared (building it
    /// takes a few tens of milliseconds).
    pub fn shared() -> &'static Kb {
        static KB: std::sync::OnceLock<Kb> = std::sync::OnceLock::new();
        KB.get_or_init(Kb::bundled)
    }

    /// Checks the bundled pack: the error of the first file that fails.
    pub fn check_bundled() -> Result<(), PackError> {
        for (label, src) in crate::BUNDLED {
            Kb::from_toml_labeled(src, &format!("bundled:{label}"))?;
        }
        Ok(())
    }

    /// A user pack, in the same format as the bundled one.
    pub fn from_toml(src: &str) -> Result<Kb, PackError> {
        Kb::from_toml_labeled(src, "toml")
    }

    /// A pack whose facts record `label` as their source.
    pub fn from_toml_labeled(src: &str, label: &str) -> Result<Kb, PackError> {
        let file: PackFile = toml::from_str(src)?;
        let mut kb = Kb::default();
        let mut recs: Vec<Rec> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::default();
        let push = |recs: &mut Vec<Rec>,
                    ids: &mut HashMap<String, usize>,
                    r: Rec|
         -> Result<(), PackError> {
            if ids.contains_key(&r.actor.id.0) {
                return Err(PackError::Duplicate(r.actor.id.0.clone()));
            }
            ids.insert(r.actor.id.0.clone(), recs.len());
            recs.push(r);
            Ok(())
        };
        let src_of = |s: &Option<String>| match s {
            Some(s) => format!("{label} ({s})"),
            None => label.to_string(),
        };
        for c in &file.country {
            let code = Gov(c.code.clone());
            let gov_name = c
                .government
                .clone()
                .unwrap_or_else(|| format!("Government of {}", c.name));
            let mut aliases = c.aliases.clone();
            for a in &c.adjectives {
                aliases.push(format!("{a} government"));
            }
            aliases.push(format!("government of {}", c.name));
            let lc = c.code.to_lowercase();
            push(
                &mut recs,
                &mut ids,
                Rec {
                    actor: Actor {
                        id: ActorId(format!("gov-{lc}")),
                        name: gov_name,
                        kind: ActorKind::Government,
                        aliases,
                        gov: Some(code.clone()),
                        roles: vec![],
                    },
                    gender: None,
                    source: src_of(&c.source),
                    role_sources: vec![],
                    role_titles: vec![],
                    surname: None,
                    anonymous: false,
                    metonyms: c.metonyms.clone(),
                    wikidata: None,
                },
            )?;
            let (anon_id, anon_name) = match &c.anonymous {
                Some(n) => (key(n).replace(' ', "-"), n.clone()),
                None => (
                    format!("anon-{lc}"),
                    format!(
                        "Unnamed {} Official",
                        c.adjectives
                            .iter()
                            .find(|a| !a.contains('.'))
                            .unwrap_or(&c.name)
                    ),
                ),
            };
            push(
                &mut recs,
                &mut ids,
                Rec {
                    actor: Actor {
                        id: ActorId(anon_id.clone()),
                        name: anon_name,
                        kind: ActorKind::Person,
                        aliases: vec![],
                        gov: Some(code.clone()),
                        roles: vec![Role {
                            title: "Official".into(),
                            office: None,
                            gov: code.clone(),
                            rank: Rank::Official,
                            start: None,
                            end: None,
                        }],
                    },
                    gender: None,
                    source: src_of(&c.source),
                    role_sources: vec![src_of(&c.source)],
                    role_titles: vec![vec![]],
                    surname: None,
                    anonymous: true,
                    metonyms: vec![],
                    wikidata: None,
                },
            )?;
            kb.anon.insert(code.clone(), ActorId(anon_id));
            kb.countries.push(Country {
                code,
                name: c.name.clone(),
                adjectives: c.adjectives.clone(),
                names: c.names.clone(),
                subject: c.subject,
                place: c.place,
                first_word_alone: c.first_word_alone,
            });
        }
        for t in &file.title {
            kb.title_groups
                .push((t.canonical.clone(), t.synonyms.clone()));
            if let Some(g) = &t.gov {
                kb.title_govs.push((t.canonical.clone(), Gov(g.clone())));
            }
        }
        for a in &file.actor {
            let who = a.id.as_str();
            let kind = pack::parse_kind(a.kind.as_deref(), who)?;
            let gender = pack::parse_gender(a.gender.as_deref(), who)?;
            let mut roles = Vec::new();
            let mut role_sources = Vec::new();
            let mut role_titles = Vec::new();
            for r in &a.roles {
                let gov =
                    r.gov
                        .clone()
                        .or_else(|| a.gov.clone())
                        .ok_or_else(|| PackError::NoGov {
                            actor: who.to_string(),
                            title: r.title.clone(),
                        })?;
                let role = Role {
                    title: acting_title(&r.title, r.acting),
                    office: r.office.clone(),
                    gov: Gov(gov),
                    rank: pack::parse_rank(r.rank.as_deref(), &r.title, who)?,
                    start: pack::opt_date(&r.start, who)?,
                    end: pack::opt_date(&r.end, who)?,
                };
                check_interval(&role, who)?;
                roles.push(role);
                let mut ts = r.titles.clone();
                if r.acting {
                    ts.push(r.title.clone());
                }
                role_titles.push(ts);
                role_sources.push(src_of(&r.source.clone().or_else(|| a.source.clone())));
            }
            let surname = match &a.surname {
                Some(s) if s.is_empty() => None,
                Some(s) => Some(key(s)),
                None if kind == ActorKind::Person => default_surname(&a.name),
                None => None,
            };
            push(
                &mut recs,
                &mut ids,
                Rec {
                    actor: Actor {
                        id: ActorId(a.id.clone()),
                        name: a.name.clone(),
                        kind,
                        aliases: a.aliases.clone(),
                        gov: a.gov.clone().map(Gov),
                        roles,
                    },
                    gender,
                    source: src_of(&a.source),
                    role_sources,
                    role_titles,
                    surname,
                    anonymous: false,
                    metonyms: a.metonyms.clone(),
                    wikidata: a.wikidata.clone(),
                },
            )?;
        }
        for p in &file.position {
            for h in &p.holders {
                let who = h.id.as_str();
                let idx = match ids.get(who) {
                    Some(&i) => i,
                    None => {
                        let name = h.name.clone().ok_or_else(|| PackError::UnknownActor {
                            title: p.title.clone(),
                            id: who.to_string(),
                        })?;
                        let gender = pack::parse_gender(h.gender.as_deref(), who)?;
                        push(
                            &mut recs,
                            &mut ids,
                            Rec {
                                actor: Actor {
                                    id: ActorId(who.to_string()),
                                    name: name.clone(),
                                    kind: ActorKind::Person,
                                    aliases: vec![],
                                    gov: Some(Gov(p.gov.clone())),
                                    roles: vec![],
                                },
                                gender,
                                source: src_of(&h.source.clone().or_else(|| p.source.clone())),
                                role_sources: vec![],
                                role_titles: vec![],
                                surname: match &h.surname {
                                    Some(s) if s.is_empty() => None,
                                    Some(s) => Some(key(s)),
                                    None => default_surname(&name),
                                },
                                anonymous: false,
                                metonyms: vec![],
                                wikidata: None,
                            },
                        )?;
                        recs.len() - 1
                    }
                };
                let role = Role {
                    title: acting_title(&p.title, h.acting),
                    office: p.office.clone(),
                    gov: Gov(p.gov.clone()),
                    rank: pack::parse_rank(p.rank.as_deref(), &p.title, who)?,
                    start: pack::opt_date(&h.start, who)?,
                    end: pack::opt_date(&h.end, who)?,
                };
                check_interval(&role, who)?;
                let mut ts = p.titles.clone();
                if h.acting {
                    ts.push(p.title.clone());
                }
                let r = &mut recs[idx];
                r.actor.roles.push(role);
                r.role_titles.push(ts);
                r.role_sources
                    .push(src_of(&h.source.clone().or_else(|| p.source.clone())));
            }
        }
        for m in &file.metonym {
            let target = match (&m.actor, &m.title, &m.gov) {
                (Some(a), None, _) => Target::Actor(ActorId(a.clone())),
                (None, Some(t), Some(g)) => Target::Holder(key(t), Gov(g.clone())),
                _ => {
                    return Err(PackError::Metonym {
                        phrase: m.phrases.first().cloned().unwrap_or_default(),
                        reason: "give either actor, or title and gov",
                    })
                }
            };
            for ph in &m.phrases {
                kb.metonyms.push(Metonym {
                    phrase: ph.clone(),
                    target: target.clone(),
                    place: m.place,
                });
            }
        }
        for r in recs {
            kb.insert(r);
        }
        kb.reindex();
        Ok(kb)
    }

    /// Adds or replaces (same id) one record, without reindexing.
    pub(crate) fn insert(&mut self, mut r: Rec) {
        if r.actor.kind == ActorKind::Government && r.actor.roles.is_empty() {
            if let Some(g) = r.actor.gov.clone() {
                r.actor.roles.push(government_role(&g));
                r.role_sources.push(r.source.clone());
                r.role_titles.push(vec![]);
            }
        }
        match self.by_id.get(&r.actor.id) {
            Some(&i) => self.recs[i] = r,
            None => {
                self.by_id.insert(r.actor.id.clone(), self.recs.len());
                self.recs.push(r);
            }
        }
    }

    /// Later packs override earlier ones: an actor with the same id is
    /// replaced, a country with the same code is replaced, title synonyms
    /// and metonyms are added (a later metonym phrase wins).
    pub fn merge(&mut self, later: Kb) {
        for r in later.recs {
            self.insert(r);
        }
        for c in later.countries {
            match self.countries.iter_mut().find(|x| x.code == c.code) {
                Some(x) => *x = c,
                None => self.countries.push(c),
            }
        }
        self.title_groups.extend(later.title_groups);
        self.title_govs.extend(later.title_govs);
        self.metonyms.extend(later.metonyms);
        self.anon.extend(later.anon);
        self.reindex();
    }

    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.recs.iter().map(|r| &r.actor)
    }

    pub fn len(&self) -> usize {
        self.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    pub fn get(&self, id: &ActorId) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.recs[i].actor)
    }

    /// Which source loaded the actor (e.g. `bundled:actors.toml`,
    /// `phoenix`, `wikidata`, `toml`).
    pub fn provenance(&self, id: &ActorId) -> Option<&str> {
        self.by_id.get(id).map(|&i| self.recs[i].source.as_str())
    }

    /// Which source stated each of the actor's roles (parallel to `roles`).
    pub fn role_provenance(&self, id: &ActorId) -> Option<&[String]> {
        self.by_id
            .get(id)
            .map(|&i| self.recs[i].role_sources.as_slice())
    }

    /// The grammatical gender used for pronouns, when known.
    pub fn gender(&self, id: &ActorId) -> Option<Gender> {
        self.by_id.get(id).and_then(|&i| self.recs[i].gender)
    }

    /// True for an unnamed official standing for a government.
    pub fn is_anonymous(&self, id: &ActorId) -> bool {
        self.by_id.get(id).is_some_and(|&i| self.recs[i].anonymous)
    }

    /// The Wikidata item of an actor, when the pack gives it.
    pub fn wikidata(&self, id: &ActorId) -> Option<&str> {
        self.by_id
            .get(id)
            .and_then(|&i| self.recs[i].wikidata.as_deref())
    }

    /// The actor that stands for a government as a whole.
    pub fn government(&self, gov: &Gov) -> Option<&Actor> {
        let want = ActorId(format!("gov-{}", gov.0.to_lowercase()));
        if let Some(a) = self.get(&want) {
            return Some(a);
        }
        self.actors()
            .find(|a| a.kind == ActorKind::Government && a.gov.as_ref() == Some(gov))
    }

    /// The anonymous official of a government ("Senior Administration
    /// Official" for the United States).
    pub fn anonymous(&self, gov: &Gov) -> Option<&Actor> {
        self.anon.get(gov).and_then(|id| self.get(id))
    }

    /// The country of a government code.
    pub(crate) fn country(&self, code: &Gov) -> Option<&Country> {
        self.countries.iter().find(|c| &c.code == code)
    }

    /// The government codes the knowledge base knows, with their names.
    pub fn countries(&self) -> impl Iterator<Item = (&Gov, &str)> {
        self.countries.iter().map(|c| (&c.code, c.name.as_str()))
    }

    /// A government code from a country name, adjective or code
    /// ("Russia", "Russian", "RUS", "U.S."); a code only in capitals.
    pub fn gov_code(&self, s: &str) -> Option<Gov> {
        let k = key(s);
        let k = k.strip_prefix("the ").unwrap_or(&k);
        if let Some(g) = self.lex.govs.get(k) {
            return Some(g.clone());
        }
        // A code only as written in capitals ("IRN", never "And" or "Ben").
        let s = s.trim();
        self.countries
            .iter()
            .find(|c| c.code.0 == s)
            .map(|c| c.code.clone())
    }

    /// Actors whose name or an alias matches `name` (case-insensitive;
    /// a surname matches too), for `vane actors show NAME`.
    pub fn find(&self, name: &str) -> Vec<&Actor> {
        let k = key(name);
        let mut out: Vec<usize> = Vec::new();
        if let Some(hits) = self.lex.names.get(&k) {
            out.extend(hits.iter().map(|h| h.rec));
        }
        if out.is_empty() {
            let lk = name.to_lowercase();
            out.extend(
                self.recs
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.actor.name.to_lowercase().contains(&lk))
                    .map(|(i, _)| i),
            );
        }
        out.dedup();
        out.into_iter().map(|i| &self.recs[i].actor).collect()
    }

    /// Who held a title (as written, e.g. "Secretary of State",
    /// "foreign minister") in a government on a date.
    pub fn holders(&self, title: &str, gov: &Gov, on: Date) -> Vec<&Actor> {
        let canons = self.title_canons(&key(title));
        self.holder_recs(&canons, gov, on)
            .into_iter()
            .map(|i| &self.recs[i].actor)
            .collect()
    }

    pub(crate) fn title_canons(&self, k: &str) -> Vec<String> {
        match self.lex.titles.get(k) {
            Some(c) if !c.is_empty() => c.clone(),
            _ => vec![k.to_string()],
        }
    }

    pub(crate) fn holder_recs(&self, canons: &[String], gov: &Gov, on: Date) -> Vec<usize> {
        let mut out = Vec::new();
        for c in canons {
            if let Some(hs) = self.lex.holders.get(c) {
                for &(ri, roi) in hs {
                    let role = &self.recs[ri].actor.roles[roi];
                    if &role.gov == gov && role.holds_on(on) && !out.contains(&ri) {
                        out.push(ri);
                    }
                }
            }
        }
        out
    }

    /// Every government with a holder of the title on the date.
    pub(crate) fn holder_govs(&self, canons: &[String], on: Date) -> Vec<(usize, Gov)> {
        let mut out: Vec<(usize, Gov)> = Vec::new();
        for c in canons {
            if let Some(hs) = self.lex.holders.get(c) {
                for &(ri, roi) in hs {
                    let role = &self.recs[ri].actor.roles[roi];
                    if role.holds_on(on) && !out.iter().any(|(r, _)| *r == ri) {
                        out.push((ri, role.gov.clone()));
                    }
                }
            }
        }
        out
    }

    /// True when the record held a role with one of the canonical titles
    /// (on the date, when given).
    pub(crate) fn holds_title(&self, ri: usize, canons: &[String], on: Option<Date>) -> bool {
        let r = &self.recs[ri];
        r.actor.roles.iter().enumerate().any(|(i, role)| {
            on.is_none_or(|d| role.holds_on(d))
                && self.role_canons(r, i).iter().any(|c| canons.contains(c))
        })
    }

    fn role_canons(&self, r: &Rec, i: usize) -> Vec<String> {
        let mut out = self.title_canons(&key(&strip_acting(&r.actor.roles[i].title)));
        for t in r.role_titles.get(i).into_iter().flatten() {
            for c in self.title_canons(&key(t)) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    pub(crate) fn metonym_target(&self, m: usize, on: Option<Date>) -> Option<usize> {
        match &self.lex.meto_list.get(m)?.target {
            Target::Actor(id) => self.by_id.get(id).copied(),
            Target::Holder(t, gov) => {
                let on = on?;
                let canons = self.title_canons(t);
                self.holder_recs(&canons, gov, on).first().copied()
            }
        }
    }

    pub(crate) fn reindex(&mut self) {
        let mut lex = Lex::default();
        // Titles: synonyms first, then role titles (canonical = themselves).
        for h in HONORIFICS.iter() {
            lex.titles.entry(key(h)).or_default();
        }
        for (canon, syns) in &self.title_groups {
            let ck = key(canon);
            for s in std::iter::once(canon).chain(syns.iter()) {
                let e = lex.titles.entry(key(s)).or_default();
                if !e.contains(&ck) {
                    e.push(ck.clone());
                }
            }
        }
        // Role titles that are not in a group are their own canonical.
        let mut role_keys: Vec<(String, Vec<String>)> = Vec::new();
        for r in &self.recs {
            for (i, role) in r.actor.roles.iter().enumerate() {
                if !indexed(r, role) {
                    role_keys.push((String::new(), vec![]));
                    continue;
                }
                let k = key(&strip_acting(&role.title));
                let extra: Vec<String> = r
                    .role_titles
                    .get(i)
                    .into_iter()
                    .flatten()
                    .map(|t| key(t))
                    .collect();
                role_keys.push((k, extra));
            }
        }
        for (k, extra) in &role_keys {
            let canons = match lex.titles.get(k) {
                Some(c) if !c.is_empty() => c.clone(),
                _ => vec![k.clone()],
            };
            let e = lex.titles.entry(k.clone()).or_default();
            for c in &canons {
                if !e.contains(c) {
                    e.push(c.clone());
                }
            }
            for x in extra {
                let e = lex.titles.entry(x.clone()).or_default();
                for c in &canons {
                    if !e.contains(c) {
                        e.push(c.clone());
                    }
                }
            }
        }
        lex.titles.remove("");
        // Extra titles held only in one government name it.
        let mains: FxHashSet<&String> = role_keys.iter().map(|(k, _)| k).collect();
        let mut tg: HashMap<String, Option<Gov>> = HashMap::default();
        let mut n = 0;
        for r in &self.recs {
            for role in &r.actor.roles {
                if let Some((_, extra)) = role_keys.get(n) {
                    for x in extra {
                        if mains.contains(x) || self.title_groups.iter().any(|(c, _)| &key(c) == x)
                        {
                            continue;
                        }
                        let e = tg
                            .entry(x.clone())
                            .or_insert_with(|| Some(role.gov.clone()));
                        if e.as_ref() != Some(&role.gov) {
                            *e = None;
                        }
                    }
                }
                n += 1;
            }
        }
        lex.title_gov = tg
            .into_iter()
            .filter_map(|(k, g)| g.map(|g| (k, g)))
            .collect();
        // Titles of one government by the pack's word: the canonical title
        // and those of its synonyms that belong to no other title.
        for (canon, g) in &self.title_govs {
            let ck = key(canon);
            let syns = self
                .title_groups
                .iter()
                .filter(|(c, _)| key(c) == ck)
                .flat_map(|(_, s)| s.iter());
            for s in std::iter::once(canon).chain(syns) {
                let k = key(s);
                if lex
                    .titles
                    .get(&k)
                    .is_some_and(|c| c.len() == 1 && c[0] == ck)
                {
                    lex.title_gov.insert(k, g.clone());
                }
            }
        }
        self.lex = lex;
        // Holders: canonical keys of each role.
        let mut holders: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        for (ri, r) in self.recs.iter().enumerate() {
            for (i, role) in r.actor.roles.iter().enumerate() {
                if !indexed(r, role) {
                    continue;
                }
                for c in self.role_canons(r, i) {
                    holders.entry(c).or_default().push((ri, i));
                }
            }
        }
        self.lex.holders = holders;
        // Names.
        let mut names: HashMap<String, Vec<NameHit>> = HashMap::default();
        for (ri, r) in self.recs.iter().enumerate() {
            if r.anonymous {
                continue;
            }
            let mut add = |k: String, surname: bool| {
                // A leading "the" is read as a determiner in text.
                let k = k.strip_prefix("the ").map(str::to_string).unwrap_or(k);
                if k.is_empty() {
                    return;
                }
                let v = names.entry(k).or_default();
                if !v.iter().any(|h| h.rec == ri) {
                    v.push(NameHit { rec: ri, surname });
                }
            };
            add(key(&r.actor.name), false);
            for a in &r.actor.aliases {
                add(key(a), false);
            }
            if let Some(s) = &r.surname {
                add(s.clone(), true);
            }
        }
        self.lex.names = names;
        // Government adjectives and country names.
        for c in &self.countries {
            for s in c.adjectives.iter().chain(c.names.iter()).chain([&c.name]) {
                self.lex.govs.insert(key(s), c.code.clone());
            }
            for s in c.names.iter().chain([&c.name]) {
                if !c.subject {
                    break;
                }
                let k = key(s);
                let k = k.strip_prefix("the ").map(str::to_string).unwrap_or(k);
                self.lex.country_names.insert(k, c.code.clone());
            }
        }
        // Metonyms: record-level ones first, so explicit [[metonym]] entries
        // (and later ones) win; a leading "the" is optional in text.
        let mut metos: Vec<Metonym> = Vec::new();
        for r in &self.recs {
            for m in &r.metonyms {
                metos.push(Metonym {
                    phrase: m.clone(),
                    target: Target::Actor(r.actor.id.clone()),
                    place: true,
                });
            }
        }
        metos.extend(self.metonyms.iter().cloned());
        for (i, m) in metos.iter().enumerate() {
            let k = key(&m.phrase);
            let k = k.strip_prefix("the ").map(str::to_string).unwrap_or(k);
            self.lex.metonyms.insert(k, i);
        }
        self.lex.meto_list = metos;
        let mut firsts = FxHashSet::default();
        for k in self
            .lex
            .names
            .keys()
            .chain(self.lex.titles.keys())
            .chain(self.lex.govs.keys())
            .chain(self.lex.metonyms.keys())
        {
            if let Some(w) = k.split(' ').next() {
                firsts.insert(w.to_string());
            }
        }
        self.lex.firsts = firsts;
        self.lex.max_name = self.lex.names.keys().map(|k| key_len(k)).max().unwrap_or(0);
        self.lex.max_title = self
            .lex
            .titles
            .keys()
            .map(|k| key_len(k))
            .max()
            .unwrap_or(0);
        self.lex.max_gov = self.lex.govs.keys().map(|k| key_len(k)).max().unwrap_or(0);
        self.lex.max_meto = self
            .lex
            .metonyms
            .keys()
            .map(|k| key_len(k))
            .max()
            .unwrap_or(0);
    }
}

/// Whether a role's title is a title in text: not an anonymous official's
/// placeholder, not a Phoenix sector code ("Government (SWEGOV)").
fn indexed(r: &Rec, role: &Role) -> bool {
    !r.anonymous && !role.title.contains('(') && role.title != GOVERNMENT_ROLE
}

fn acting_title(t: &str, acting: bool) -> String {
    if acting {
        format!("Acting {t}")
    } else {
        t.to_string()
    }
}

fn strip_acting(t: &str) -> String {
    t.strip_prefix("Acting ").unwrap_or(t).to_string()
}

fn check_interval(r: &Role, who: &str) -> Result<(), PackError> {
    if let (Some(s), Some(e)) = (r.start, r.end) {
        if e < s {
            return Err(PackError::Interval {
                actor: who.to_string(),
                start: s,
                end: e,
            });
        }
    }
    Ok(())
}

/// The last word of a name, skipping suffixes ("Jr.", "III").
pub(crate) fn default_surname(name: &str) -> Option<String> {
    let k = key(name);
    let words: Vec<&str> = k
        .split(' ')
        .filter(|w| !matches!(*w, "jr" | "sr" | "ii" | "iii" | "iv" | "," | "jr." | "sr."))
        .collect();
    if words.len() < 2 {
        return None;
    }
    words.last().map(|w| w.to_string())
}

/// The authority a title implies: the first rank group of
/// `data/lexicon.toml` with a phrase inside the title ("Assistant Secretary
/// of State": an adviser, by "assistant"); else an official.
pub fn rank_for_title(title: &str) -> Rank {
    let t = key(title);
    for (rank, words, exact) in &crate::lexicon::get().ranks {
        if words.iter().any(|w| t.contains(w.as_str())) || exact.contains(&t) {
            return *rank;
        }
    }
    Rank::Official
}

/// The role every government actor holds: a government as a whole speaks
/// and acts with the authority of its head ("Russia has requested", "the
/// Kremlin said"), never as an adviser. Not a title in text.
pub(crate) fn government_role(gov: &Gov) -> Role {
    Role {
        title: GOVERNMENT_ROLE.to_string(),
        office: None,
        gov: gov.clone(),
        rank: Rank::Head,
        start: None,
        end: None,
    }
}

pub(crate) const GOVERNMENT_ROLE: &str = "Government as a whole";

impl Kb {
    /// The knowledge base as a TOML pack ([`Kb::from_toml`] reads it
    /// back): for `vane actors import`, which stores what it imported.
    pub fn to_toml(&self) -> String {
        use toml::{Table, Value};
        let s = |x: &str| Value::String(x.to_string());
        let strs = |v: &[String]| Value::Array(v.iter().map(|x| s(x)).collect());
        let mut root = Table::new();
        let mut generated: FxHashSet<&ActorId> = self.anon.values().collect();
        let mut countries = Vec::new();
        for c in &self.countries {
            let gid = ActorId(format!("gov-{}", c.code.0.to_lowercase()));
            let mut t = Table::new();
            t.insert("code".into(), s(&c.code.0));
            t.insert("name".into(), s(&c.name));
            if let Some(&gi) = self.by_id.get(&gid) {
                let g = &self.recs[gi];
                generated.insert(&g.actor.id);
                t.insert("government".into(), s(&g.actor.name));
                let auto: Vec<String> = c
                    .adjectives
                    .iter()
                    .map(|a| format!("{a} government"))
                    .chain([format!("government of {}", c.name)])
                    .collect();
                let aliases: Vec<String> = g
                    .actor
                    .aliases
                    .iter()
                    .filter(|a| !auto.contains(a))
                    .cloned()
                    .collect();
                t.insert("aliases".into(), strs(&aliases));
                t.insert("metonyms".into(), strs(&g.metonyms));
            }
            t.insert("adjectives".into(), strs(&c.adjectives));
            t.insert("names".into(), strs(&c.names));
            if !c.subject {
                t.insert("subject".into(), Value::Boolean(false));
            }
            if !c.place {
                t.insert("place".into(), Value::Boolean(false));
            }
            if c.first_word_alone {
                t.insert("first_word_alone".into(), Value::Boolean(true));
            }
            if let Some(a) = self.anonymous(&c.code) {
                if a.id.0 != format!("anon-{}", c.code.0.to_lowercase()) {
                    t.insert("anonymous".into(), s(&a.name));
                }
            }
            countries.push(Value::Table(t));
        }
        root.insert("country".into(), Value::Array(countries));
        let titles: Vec<Value> = self
            .title_groups
            .iter()
            .map(|(c, syn)| {
                let mut t = Table::new();
                t.insert("canonical".into(), s(c));
                t.insert("synonyms".into(), strs(syn));
                if let Some((_, g)) = self.title_govs.iter().find(|(x, _)| x == c) {
                    t.insert("gov".into(), s(&g.0));
                }
                Value::Table(t)
            })
            .collect();
        root.insert("title".into(), Value::Array(titles));
        let mut actors = Vec::new();
        for r in &self.recs {
            if generated.contains(&r.actor.id) {
                continue;
            }
            let a = &r.actor;
            let mut t = Table::new();
            t.insert("id".into(), s(&a.id.0));
            t.insert("name".into(), s(&a.name));
            t.insert("kind".into(), s(a.kind.as_str()));
            if let Some(g) = &a.gov {
                t.insert("gov".into(), s(&g.0));
            }
            if let Some(g) = r.gender {
                t.insert(
                    "gender".into(),
                    s(if g == Gender::Male { "m" } else { "f" }),
                );
            }
            if a.kind == ActorKind::Person {
                t.insert("surname".into(), s(r.surname.as_deref().unwrap_or("")));
            }
            t.insert("aliases".into(), strs(&a.aliases));
            if !r.metonyms.is_empty() {
                t.insert("metonyms".into(), strs(&r.metonyms));
            }
            if let Some(w) = &r.wikidata {
                t.insert("wikidata".into(), s(w));
            }
            t.insert("source".into(), s(&r.source));
            let mut roles = Vec::new();
            for (i, role) in a.roles.iter().enumerate() {
                let mut rt = Table::new();
                let acting = role.title.starts_with("Acting ");
                rt.insert("title".into(), s(&strip_acting(&role.title)));
                if acting {
                    rt.insert("acting".into(), Value::Boolean(true));
                }
                if let Some(o) = &role.office {
                    rt.insert("office".into(), s(o));
                }
                rt.insert("gov".into(), s(&role.gov.0));
                rt.insert("rank".into(), s(role.rank.as_str()));
                if let Some(d) = role.start {
                    rt.insert("start".into(), s(&d.to_string()));
                }
                if let Some(d) = role.end {
                    rt.insert("end".into(), s(&d.to_string()));
                }
                let extra: Vec<String> = r
                    .role_titles
                    .get(i)
                    .into_iter()
                    .flatten()
                    .filter(|x| !acting || **x != strip_acting(&role.title))
                    .cloned()
                    .collect();
                if !extra.is_empty() {
                    rt.insert("titles".into(), strs(&extra));
                }
                if let Some(src) = r.role_sources.get(i) {
                    rt.insert("source".into(), s(src));
                }
                roles.push(Value::Table(rt));
            }
            t.insert("roles".into(), Value::Array(roles));
            actors.push(Value::Table(t));
        }
        root.insert("actor".into(), Value::Array(actors));
        let metos: Vec<Value> = self
            .metonyms
            .iter()
            .map(|m| {
                let mut t = Table::new();
                t.insert("phrases".into(), strs(std::slice::from_ref(&m.phrase)));
                match &m.target {
                    Target::Actor(id) => {
                        t.insert("actor".into(), s(&id.0));
                    }
                    Target::Holder(title, gov) => {
                        t.insert("title".into(), s(title));
                        t.insert("gov".into(), s(&gov.0));
                    }
                }
                t.insert("place".into(), Value::Boolean(m.place));
                Value::Table(t)
            })
            .collect();
        root.insert("metonym".into(), Value::Array(metos));
        toml::to_string(&root).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn governments_rank_as_heads() {
        let kb = Kb::bundled();
        let on = d("2025-10-01");
        for code in ["USA", "RUS", "UKR", "CHN", "EUR", "GRL"] {
            let g = kb.government(&Gov(code.into())).unwrap();
            assert_eq!(g.rank_on(on), Rank::Head, "{code}");
            assert_eq!(g.gov_on(on), Some(&Gov(code.into())));
        }
        // Not a title in text: "the government" is no one's title.
        assert!(!kb.lex.titles.contains_key("government as a whole"));
        // A government from another source (a Phoenix country line) too.
        let (phx, errs) = crate::import_phoenix("MOLDOVA_  [MDA]\n+MOLDOVAN_\n".as_bytes());
        assert!(errs.is_empty(), "{errs:?}");
        let g = phx
            .actors()
            .find(|a| a.kind == ActorKind::Government)
            .unwrap();
        assert_eq!(g.rank_on(on), Rank::Head);
        // Offices keep the adviser's rank; people keep theirs.
        let eop = kb.get(&ActorId("usa-eop".into())).unwrap();
        assert_eq!(eop.rank_on(on), Rank::Adviser);
    }

    #[test]
    fn ranks_of_titles_come_from_the_lexicon() {
        for (t, r) in [
            ("Secretary of State", Rank::Minister),
            ("Assistant Secretary of State", Rank::Adviser),
            ("Deputy Foreign Minister", Rank::Adviser),
            ("finance ministry spokesman", Rank::Adviser),
            ("Vice Premier", Rank::Minister),
            ("Premier", Rank::Head),
            ("Emir", Rank::Head),
            ("leader", Rank::Head),
            ("party leader", Rank::Official),
            ("U.S. Trade Representative", Rank::Minister),
            ("Senator", Rank::Official),
        ] {
            assert_eq!(rank_for_title(t), r, "{t}");
        }
    }

    #[test]
    fn titles_of_one_government() {
        let kb = Kb::bundled();
        let usa = Some(&Gov("USA".into()));
        assert_eq!(kb.lex.title_gov.get("secretary of state"), usa);
        assert_eq!(kb.lex.title_gov.get("defense secretary"), usa);
        // A synonym shared with another title names no government.
        assert_eq!(kb.lex.title_gov.get("top diplomat"), None);
        assert_eq!(kb.lex.title_gov.get("defense minister"), None);
        assert_eq!(kb.lex.title_gov.get("foreign minister"), None);
    }

    #[test]
    fn speaker_labels() {
        let kb = Kb::bundled();
        for l in [
            "KING ABDULLAH II",
            "CHANCELLOR MERZ:",
            "VICE PRESIDENT VANCE",
            "CROWN PRINCE MOHAMMED BIN SALMAN",
            "PRESIDENT XI",
            "MR. KIRBY",
        ] {
            assert!(kb.is_speaker_label(l), "{l}");
        }
        for l in ["WASHINGTON", "BREAKING NEWS", "King Abdullah II", "NOTE"] {
            assert!(!kb.is_speaker_label(l), "{l}");
        }
    }

    #[test]
    fn country_names_that_are_given_names_are_no_subjects() {
        let kb = Kb::bundled();
        assert!(kb.lex.govs.contains_key("jordan"));
        assert!(!kb.lex.country_names.contains_key("jordan"));
        assert!(kb.lex.country_names.contains_key("greenland"));
        let back = Kb::from_toml(&kb.to_toml()).unwrap();
        assert!(!back.lex.country_names.contains_key("jordan"));
        assert_eq!(
            back.lex.title_gov.get("secretary of state"),
            Some(&Gov("USA".into()))
        );
    }
}
