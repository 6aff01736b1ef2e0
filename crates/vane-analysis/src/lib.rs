//! Analyses of the record. Every function here is a pure function of a
//! snapshot: the positions known as of a recorded time (the ledger's job)
//! and a valid-time cut-off `as_of` (applied here). No IO, no clock.
//!
//! The line rule ("weighed by authority and recency"): positions are taken
//! in order of valid time. A later position replaces the holder of the
//! line when its author has equal or higher authority, or when the holder's
//! statement is older than [`Config::override_window_days`]. A lower-ranking
//! official who contradicts a fresh line from above does not move the line;
//! that is a contradiction, reported as such.

use chrono::Duration;
use std::collections::BTreeMap;
use vane_core::{ActorId, Date, Gov, Modality, Position, Rank, Stance};

/// Tunables of the analyses.
#[derive(Clone, Debug)]
pub struct Config {
    /// Days during which a line set by higher authority resists a lower one.
    pub override_window_days: i64,
    /// Two officials' opposite positions this close in time contradict.
    pub contradiction_window_days: i64,
    /// An act overridden by higher authority within this many days is a gap.
    pub gap_window_days: i64,
    /// Authority order; a lower number is more authority. Indexed by `Rank as usize`.
    pub rank_order: [u8; 5],
}

impl Default for Config {
    fn default() -> Config {
        Config {
            override_window_days: 3,
            contradiction_window_days: 30,
            gap_window_days: 30,
            rank_order: [0, 1, 2, 3, 4],
        }
    }
}

impl Config {
    fn authority(&self, r: Rank) -> u8 {
        self.rank_order[r as usize]
    }
}

/// A stretch of time over which a government's line held.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub from: Date,
    /// Last day of the segment; `None` while it still holds.
    pub to: Option<Date>,
    pub stance: Stance,
    pub qualifier: Option<String>,
    /// Who set it: the author of the position that opened the stretch
    /// (a later confirmation of the same stance does not change it).
    pub set_by: ActorId,
    pub set_by_name: String,
    pub rank: Rank,
    /// The positions it rests on, the setter first.
    pub evidence: Vec<Position>,
}

/// A government's line on a question.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub question: String,
    pub gov: Gov,
    pub segments: Vec<Segment>,
}

impl Line {
    /// The segment in force on `d`.
    pub fn at(&self, d: Date) -> Option<&Segment> {
        self.segments
            .iter()
            .rev()
            .find(|s| s.from <= d && s.to.is_none_or(|t| d <= t))
    }
    pub fn current(&self) -> Option<&Segment> {
        self.segments.last()
    }
}

fn sorted<'a>(positions: impl Iterator<Item = &'a Position>) -> Vec<&'a Position> {
    let mut v: Vec<&Position> = positions.collect();
    v.sort_by(|a, b| {
        (
            a.valid.from,
            a.valid.to,
            &a.evidence.doc,
            a.evidence.range.start,
        )
            .cmp(&(
                b.valid.from,
                b.valid.to,
                &b.evidence.doc,
                b.evidence.range.start,
            ))
    });
    v
}

/// Positions of one question known on `as_of` (valid from on or before it).
pub fn snapshot<'a>(
    positions: &'a [Position],
    question: &'a str,
    as_of: Option<Date>,
) -> impl Iterator<Item = &'a Position> + 'a {
    positions
        .iter()
        .filter(move |p| p.question == question && as_of.is_none_or(|d| p.valid.from <= d))
}

/// The line of `gov` on `question`, as of `as_of`.
///
/// Positions are grouped by the day their valid time starts. Each day
/// speaks with the voice of its highest-ranking officials: among their
/// positions, the stance with the greatest summed confidence wins (a neutral
/// refusal counts half). The day's verdict then replaces the holder of the
/// line under the authority-and-recency rule of the crate docs.
pub fn line(
    positions: &[Position],
    question: &str,
    gov: &Gov,
    as_of: Option<Date>,
    cfg: &Config,
) -> Line {
    let ps = sorted(snapshot(positions, question, as_of).filter(|p| &p.government == gov));
    let mut segments: Vec<Segment> = Vec::new();
    let mut holder: Option<&Position> = None;
    let mut i = 0;
    while i < ps.len() {
        let day = ps[i].valid.from;
        let j = ps[i..]
            .iter()
            .position(|p| p.valid.from != day)
            .map_or(ps.len(), |k| i + k);
        let today = &ps[i..j];
        i = j;
        let top = today
            .iter()
            .map(|p| cfg.authority(p.rank))
            .min()
            .expect("non-empty day");
        let voice: Vec<&Position> = today
            .iter()
            .copied()
            .filter(|p| cfg.authority(p.rank) == top)
            .collect();
        let weight = |st: Stance| -> f32 {
            voice
                .iter()
                .filter(|p| p.stance == st)
                .map(|p| {
                    if st == Stance::Neutral {
                        p.confidence * 0.5
                    } else {
                        p.confidence
                    }
                })
                .sum()
        };
        // Only stances the voice took: with every confidence 0 all weigh
        // the same, and the winner must still have a position.
        let Some(stance) = [Stance::Support, Stance::Oppose, Stance::Neutral]
            .into_iter()
            .filter(|st| voice.iter().any(|p| p.stance == *st))
            .max_by(|a, b| weight(*a).total_cmp(&weight(*b)))
        else {
            continue;
        };
        let Some(p) = voice
            .iter()
            .copied()
            .filter(|p| p.stance == stance)
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        else {
            continue;
        };
        let agreeing = today.iter().copied().filter(|q| q.stance == stance);
        // The most specific qualifier the day's voice gave ("at least some defensive weapons").
        let qualifier = voice
            .iter()
            .filter(|q| q.stance == stance)
            .filter_map(|q| q.qualifier.clone())
            .max_by_key(|q| q.len());
        let replace = match holder {
            None => true,
            Some(h) => {
                cfg.authority(p.rank) <= cfg.authority(h.rank)
                    || (p.valid.from - h.valid.from) > Duration::days(cfg.override_window_days)
            }
        };
        if !replace {
            if let Some(seg) = segments.last_mut() {
                if seg.stance == stance {
                    seg.evidence.extend(agreeing.cloned());
                }
            }
            continue;
        }
        holder = Some(p);
        match segments.last_mut() {
            Some(seg) if seg.stance == stance => {
                // The stretch goes on: whoever opened it still set it; a
                // later confirmation from equal or higher authority may only
                // sharpen its qualifier.
                if cfg.authority(p.rank) <= cfg.authority(seg.rank) && qualifier.is_some() {
                    seg.qualifier = qualifier;
                }
                seg.evidence.extend(agreeing.cloned());
            }
            _ => {
                if let Some(prev) = segments.last_mut() {
                    prev.to = Some(day - Duration::days(1));
                }
                let mut evidence = vec![p.clone()];
                evidence.extend(agreeing.filter(|q| !std::ptr::eq(*q, p)).cloned());
                segments.push(Segment {
                    from: day,
                    to: None,
                    stance,
                    qualifier,
                    set_by: p.actor.clone(),
                    set_by_name: p.actor_name.clone(),
                    rank: p.rank,
                    evidence,
                });
            }
        }
    }
    Line {
        question: question.to_string(),
        gov: gov.clone(),
        segments,
    }
}

/// Every (question, government) line in the snapshot.
pub fn lines(positions: &[Position], as_of: Option<Date>, cfg: &Config) -> Vec<Line> {
    let mut keys: Vec<(String, Gov)> = positions
        .iter()
        .map(|p| (p.question.clone(), p.government.clone()))
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|(q, g)| line(positions, &q, &g, as_of, cfg))
        .filter(|l| !l.segments.is_empty())
        .collect()
}

/// Every position on a question, in order of valid time.
pub fn timeline<'a>(
    positions: &'a [Position],
    question: &'a str,
    as_of: Option<Date>,
) -> Vec<&'a Position> {
    sorted(snapshot(positions, question, as_of))
}

/// A change of direction, support to oppose or back.
#[derive(Clone, Debug, PartialEq)]
pub struct Reversal {
    pub question: String,
    pub gov: Gov,
    /// `None` for the government's line; `Some` for one official's own reversal.
    pub actor: Option<ActorId>,
    pub before: Position,
    pub after: Position,
}

/// Reversals of the line, and of each official.
pub fn reversals(
    positions: &[Position],
    question: &str,
    gov: &Gov,
    as_of: Option<Date>,
    cfg: &Config,
) -> Vec<Reversal> {
    let mut out = Vec::new();
    let l = line(positions, question, gov, as_of, cfg);
    let directional: Vec<&Segment> = l
        .segments
        .iter()
        .filter(|s| s.stance != Stance::Neutral)
        .collect();
    for w in directional.windows(2) {
        if w[0].stance.opposes(w[1].stance) {
            out.push(Reversal {
                question: question.to_string(),
                gov: gov.clone(),
                actor: None,
                before: w[0].evidence[0].clone(),
                after: w[1].evidence[0].clone(),
            });
        }
    }
    let mut by_actor: BTreeMap<&ActorId, Vec<&Position>> = BTreeMap::new();
    for p in sorted(snapshot(positions, question, as_of).filter(|p| &p.government == gov)) {
        if p.stance != Stance::Neutral {
            by_actor.entry(&p.actor).or_default().push(p);
        }
    }
    for (actor, ps) in by_actor {
        for w in ps.windows(2) {
            if w[0].stance.opposes(w[1].stance) && w[0].evidence.doc != w[1].evidence.doc {
                out.push(Reversal {
                    question: question.to_string(),
                    gov: gov.clone(),
                    actor: Some(actor.clone()),
                    before: w[0].clone(),
                    after: w[1].clone(),
                });
            }
        }
    }
    out
}

/// Two officials of one government holding opposite stances at about the same time.
#[derive(Clone, Debug, PartialEq)]
pub struct Contradiction {
    pub question: String,
    pub gov: Gov,
    pub a: Position,
    pub b: Position,
}

/// Contradictions between officials of `gov` on `question`: positions of
/// different actors, opposite in direction, the later made while the earlier
/// still stood (its author had not spoken again) and within the window.
pub fn contradictions(
    positions: &[Position],
    question: &str,
    gov: &Gov,
    as_of: Option<Date>,
    cfg: &Config,
) -> Vec<Contradiction> {
    let ps = sorted(snapshot(positions, question, as_of).filter(|p| &p.government == gov));
    let mut out: Vec<Contradiction> = Vec::new();
    for (i, a) in ps.iter().enumerate() {
        for b in &ps[i + 1..] {
            if a.actor == b.actor || !a.stance.opposes(b.stance) {
                continue;
            }
            if b.valid.from - a.valid.to > Duration::days(cfg.contradiction_window_days) {
                continue;
            }
            // Did a's author speak again before b? Then a no longer stands.
            let superseded = ps.iter().any(|c| {
                c.actor == a.actor && c.valid.from > a.valid.from && c.valid.from <= b.valid.from
            });
            if superseded {
                continue;
            }
            let dup = out.iter().any(|c| {
                (c.a.actor == a.actor && c.b.actor == b.actor && c.a.stance == a.stance)
                    || (c.a.actor == b.actor && c.b.actor == a.actor && c.a.stance == b.stance)
            });
            if !dup {
                out.push(Contradiction {
                    question: question.to_string(),
                    gov: gov.clone(),
                    a: (*a).clone(),
                    b: (*b).clone(),
                });
            }
        }
    }
    out
}

/// Why a coordination gap was flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapReason {
    /// The text says the act was taken without informing a superior.
    Uninformed,
    /// An act by a subordinate, reversed by higher authority.
    Overridden,
}

impl GapReason {
    pub fn as_str(self) -> &'static str {
        match self {
            GapReason::Uninformed => "acted without informing superiors",
            GapReason::Overridden => "act overridden by higher authority",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub question: String,
    pub gov: Gov,
    pub act: Position,
    pub overridden_by: Option<Position>,
    pub reasons: Vec<GapReason>,
}

/// Coordination gaps: acts reported as taken without informing a superior,
/// and acts by a subordinate that higher authority overrode within the window.
pub fn gaps(
    positions: &[Position],
    question: &str,
    gov: &Gov,
    as_of: Option<Date>,
    cfg: &Config,
) -> Vec<Gap> {
    let ps = sorted(snapshot(positions, question, as_of).filter(|p| &p.government == gov));
    let mut out = Vec::new();
    for (i, act) in ps.iter().enumerate() {
        if act.modality != Modality::Act && !act.uncoordinated {
            continue;
        }
        let overridden_by = ps[i + 1..]
            .iter()
            .find(|p| {
                cfg.authority(p.rank) < cfg.authority(act.rank)
                    && p.stance.opposes(act.stance)
                    && p.valid.from - act.valid.to <= Duration::days(cfg.gap_window_days)
            })
            .map(|p| (*p).clone());
        let mut reasons = Vec::new();
        if act.uncoordinated {
            reasons.push(GapReason::Uninformed);
        }
        if overridden_by.is_some() {
            reasons.push(GapReason::Overridden);
        }
        if !reasons.is_empty() {
            out.push(Gap {
                question: question.to_string(),
                gov: gov.clone(),
                act: (*act).clone(),
                overridden_by,
                reasons,
            });
        }
    }
    out
}

/// How often a line changed direction.
#[derive(Clone, Debug, PartialEq)]
pub struct Volatility {
    /// Changes of stance between consecutive segments.
    pub changes: usize,
    /// Days from the first segment to `as_of` (at least 1).
    pub days: i64,
    /// Changes per 30 days.
    pub per_30_days: f64,
}

pub fn volatility(l: &Line, as_of: Date) -> Volatility {
    let changes = l
        .segments
        .windows(2)
        .filter(|w| w[0].stance != w[1].stance)
        .count();
    let days = l
        .segments
        .first()
        .map_or(1, |s| (as_of - s.from).num_days() + 1)
        .max(1);
    Volatility {
        changes,
        days,
        per_30_days: changes as f64 * 30.0 / days as f64,
    }
}

/// Everything a brief says, before rendering.
#[derive(Clone, Debug, PartialEq)]
pub struct Brief {
    pub question: String,
    pub side: Gov,
    pub counterpart: Gov,
    pub as_of: Date,
    pub line: Line,
    pub reversals: Vec<Reversal>,
    pub contradictions: Vec<Contradiction>,
    pub gaps: Vec<Gap>,
    pub volatility: Volatility,
    pub counterpart_line: Line,
    pub counterpart_positions: Vec<Position>,
}

/// The brief for `side` before meeting `counterpart`, as of `as_of`.
pub fn brief(
    positions: &[Position],
    question: &str,
    side: &Gov,
    counterpart: &Gov,
    as_of: Date,
    cfg: &Config,
) -> Brief {
    let at = Some(as_of);
    let l = line(positions, question, side, at, cfg);
    let vol = volatility(&l, as_of);
    let cl = line(positions, question, counterpart, at, cfg);
    let gaps = gaps(positions, question, side, at, cfg);
    // A subordinate's act overridden from above is reported as a gap, not again as a contradiction.
    let contradictions = contradictions(positions, question, side, at, cfg)
        .into_iter()
        .filter(|c| {
            !gaps.iter().any(|g| {
                g.act == c.a
                    && g.overridden_by
                        .as_ref()
                        .is_some_and(|o| o.actor == c.b.actor)
            })
        })
        .collect();
    Brief {
        question: question.to_string(),
        side: side.clone(),
        counterpart: counterpart.clone(),
        as_of,
        reversals: reversals(positions, question, side, at, cfg),
        contradictions,
        gaps,
        volatility: vol,
        counterpart_positions: sorted(
            snapshot(positions, question, at).filter(|p| &p.government == counterpart),
        )
        .into_iter()
        .cloned()
        .collect(),
        counterpart_line: cl,
        line: l,
    }
}

/// One thing the counterpart can use against `side`: a reversal, a
/// coordination gap or a contradiction of a brief.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Exposure<'a> {
    Reversal(&'a Reversal),
    Gap(&'a Gap),
    Contradiction(&'a Contradiction),
}

impl<'a> Exposure<'a> {
    /// The positions it rests on.
    pub fn positions(&self) -> Vec<&'a Position> {
        match *self {
            Exposure::Reversal(r) => vec![&r.before, &r.after],
            Exposure::Gap(g) => std::iter::once(&g.act)
                .chain(g.overridden_by.as_ref())
                .collect(),
            Exposure::Contradiction(c) => vec![&c.a, &c.b],
        }
    }
    /// The highest rank among the officials involved.
    pub fn rank(&self, cfg: &Config) -> Rank {
        self.positions()
            .iter()
            .map(|p| p.rank)
            .min_by_key(|r| cfg.authority(*r))
            .unwrap_or(Rank::None)
    }
    /// The latest day it rests on.
    pub fn latest(&self) -> Date {
        self.positions()
            .iter()
            .map(|p| p.valid.from)
            .max()
            .unwrap_or(Date::MIN)
    }
}

/// A brief's exposures, strongest first: by the highest authority involved
/// (a head of state or government before a minister, and so on), then the
/// most recent, then reversals before coordination gaps before
/// contradictions.
pub fn exposures<'a>(b: &'a Brief, cfg: &Config) -> Vec<Exposure<'a>> {
    let mut v: Vec<Exposure> = b
        .reversals
        .iter()
        .map(Exposure::Reversal)
        .chain(b.gaps.iter().map(Exposure::Gap))
        .chain(b.contradictions.iter().map(Exposure::Contradiction))
        .collect();
    // A stable sort: equal keys keep the order above.
    v.sort_by_key(|e| (cfg.authority(e.rank(cfg)), std::cmp::Reverse(e.latest())));
    v
}

#[cfg(test)]
mod tests;
