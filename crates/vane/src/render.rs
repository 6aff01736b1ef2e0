//! The brief, rendered as Markdown, JSON and HTML. Every line cites the
//! document and code-point range it rests on.
//!
//! Markdown and HTML are two renderings of one outline ([`Block`]), so they
//! say the same thing; HTML escapes every text, renders code spans as
//! `<code>`, links a citation to the document's source URL when it is known,
//! and draws the two lines as a timeline.
//!
//! A brief ranks what it lists, strongest first: by the highest authority
//! involved (head of state or government, minister, adviser, official),
//! then the most recent. `limit` caps each list (the evidence of the current
//! line, the changes, the exposures, the counterpart's positions); what is
//! left out is counted.

use anyhow::Result;
use std::fmt::Write;
use vane_analysis::{Brief, Config, Exposure, Line};
use vane_core::{Date, Position, Question, Stance};
pub use vane_engine::wire::Docs;

/// How a brief is cut down.
pub struct View {
    /// The most items of each list.
    pub limit: usize,
    /// Positions attributed to the counterpart that were left out as not its
    /// own (reported speech in another's voice).
    pub not_own: usize,
}

/// The citation (`name:start-end` in code points, linked to the source
/// URL when known) and the quoted text.
fn cite(docs: &Docs, p: &Position) -> (Inline, String) {
    match docs.docs.get(&p.evidence.doc) {
        Some(d) => {
            let (s, e) = d.ix.chars(p.evidence.range);
            let quote: String = d
                .text
                .get(p.evidence.range.range())
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (
                Inline::Cite {
                    label: format!("{}:{s}-{e}", d.name),
                    url: d.url.clone().filter(|u| is_web(u)),
                },
                quote,
            )
        }
        None => (
            Inline::Cite {
                label: format!("{}:?", p.evidence.doc),
                url: None,
            },
            String::new(),
        ),
    }
}

/// Only web addresses become links.
fn is_web(u: &str) -> bool {
    u.starts_with("https://") || u.starts_with("http://")
}

/// A run of text in the outline.
#[derive(Clone, Debug)]
enum Inline {
    Text(String),
    Strong(String),
    Code(String),
    Cite { label: String, url: Option<String> },
}

type Para = Vec<Inline>;

#[derive(Clone, Debug)]
struct Item {
    para: Para,
    sub: Vec<Para>,
}

#[derive(Clone, Debug)]
enum Block {
    H1(Para),
    H2(Para),
    P(Para),
    List(Vec<Item>),
    /// A picture, drawn in HTML only.
    Timeline,
}

fn t(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn when(p: &Position) -> String {
    if p.valid.from == p.valid.to {
        p.valid.from.to_string()
    } else {
        format!("{}..{}", p.valid.from, p.valid.to)
    }
}

/// One cited position: who, stance, kind, when, flags, the quote and the citation.
fn bullet(docs: &Docs, p: &Position, lead: &str) -> Para {
    let (c, q) = cite(docs, p);
    let mut flags = Vec::new();
    if p.reported {
        flags.push("reported second-hand");
    }
    if p.uncoordinated {
        flags.push("without informing superiors");
    }
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!(" ({})", flags.join(", "))
    };
    vec![
        t(format!(
            "{lead}{} ({}, {}), {} [{}], {}{}: “{}” ",
            p.actor_name,
            p.government,
            p.rank.as_str(),
            p.stance.as_str(),
            p.kind.as_str(),
            when(p),
            flags,
            q,
        )),
        c,
    ]
}

/// Positions strongest first: the first stays first, the rest by authority
/// then recency.
fn strongest<'a>(ps: &'a [Position], keep_first: bool, cfg: &Config) -> Vec<&'a Position> {
    let mut v: Vec<&Position> = ps.iter().collect();
    let start = usize::from(keep_first).min(v.len());
    v[start..].sort_by_key(|p| {
        (
            cfg.rank_order[p.rank as usize],
            std::cmp::Reverse(p.valid.from),
        )
    });
    v
}

fn more(out: &mut Vec<Block>, left: usize, what: &str) {
    if left > 0 {
        out.push(Block::P(vec![t(format!(
            "… and {left} more {what} (raise --limit to see them)."
        ))]));
    }
}

fn outline(b: &Brief, q: Option<&Question>, docs: &Docs, view: &View) -> Vec<Block> {
    let cfg = Config::default();
    let limit = view.limit.max(1);
    let mut o = Vec::new();
    o.push(Block::H1(vec![t(format!(
        "Brief: {} before meeting {}, as of {}",
        b.side, b.counterpart, b.as_of
    ))]));
    o.push(Block::P(vec![
        t("Question "),
        Inline::Code(b.question.clone()),
        t(format!(": {}", q.map_or("", |q| q.proposition.as_str()))),
    ]));
    o.push(Block::H2(vec![t(format!("Current line of {}", b.side))]));
    match b.line.current() {
        Some(s) => {
            let qual = s
                .qualifier
                .as_ref()
                .map_or(String::new(), |q| format!(", limited to {q}"));
            o.push(Block::P(vec![
                Inline::Strong(s.stance.as_str().to_string()),
                t(format!(
                    "{qual}, since {}; set by {} ({}).",
                    s.from,
                    s.set_by_name,
                    s.rank.as_str()
                )),
            ]));
            let ev = strongest(&s.evidence, true, &cfg);
            o.push(Block::List(
                ev.iter()
                    .take(limit)
                    .map(|p| Item {
                        para: bullet(docs, p, ""),
                        sub: Vec::new(),
                    })
                    .collect(),
            ));
            more(&mut o, ev.len().saturating_sub(limit), "positions agree");
        }
        None => o.push(Block::P(vec![t("No recorded position.")])),
    }
    o.push(Block::H2(vec![t("What changed and when")]));
    o.push(Block::Timeline);
    if b.line.segments.is_empty() {
        o.push(Block::P(vec![t("Nothing recorded.")]));
    } else {
        let n = b.line.segments.len();
        if n > limit {
            o.push(Block::P(vec![t(format!(
                "The latest {limit} of {n} stretches (raise --limit to see them all):"
            ))]));
        }
        o.push(Block::List(
            b.line.segments[n.saturating_sub(limit)..]
                .iter()
                .map(|s| {
                    let to = s.to.map_or("now".to_string(), |t| t.to_string());
                    let (c, _) = cite(docs, &s.evidence[0]);
                    Item {
                        para: vec![
                            t(format!("{} to {}: ", s.from, to)),
                            Inline::Strong(s.stance.as_str().to_string()),
                            t(format!(", set by {} ({}) ", s.set_by_name, s.rank.as_str())),
                            c,
                        ],
                        sub: Vec::new(),
                    }
                })
                .collect(),
        ));
    }
    o.push(Block::P(vec![t(format!(
        "Volatility: {} change(s) of line in {} days ({:.2} per 30 days).",
        b.volatility.changes, b.volatility.days, b.volatility.per_30_days
    ))]));
    o.push(Block::H2(vec![t("Exposures the counterpart can use")]));
    let ranked = vane_analysis::exposures(b, &cfg);
    if ranked.is_empty() {
        o.push(Block::P(vec![t("None recorded.")]));
    } else {
        if ranked.len() > limit {
            o.push(Block::P(vec![t(format!(
                "The {limit} strongest of {} (highest authority first, then the most recent):",
                ranked.len()
            ))]));
        }
        o.push(Block::List(
            ranked
                .iter()
                .take(limit)
                .map(|e| exposure(docs, e))
                .collect(),
        ));
        more(&mut o, ranked.len().saturating_sub(limit), "exposures");
    }
    o.push(Block::H2(vec![t(format!(
        "The counterpart ({})",
        b.counterpart
    ))]));
    match b.counterpart_line.current() {
        Some(s) => o.push(Block::P(vec![
            t("Line: "),
            Inline::Strong(s.stance.as_str().to_string()),
            t(format!(" since {}, set by {}.", s.from, s.set_by_name)),
        ])),
        None => o.push(Block::P(vec![t("No recorded line.")])),
    }
    let cps = strongest(&b.counterpart_positions, false, &cfg);
    if !cps.is_empty() {
        o.push(Block::List(
            cps.iter()
                .take(limit)
                .map(|p| Item {
                    para: bullet(docs, p, ""),
                    sub: Vec::new(),
                })
                .collect(),
        ));
    }
    more(
        &mut o,
        cps.len().saturating_sub(limit),
        "positions of the counterpart",
    );
    if view.not_own > 0 {
        o.push(Block::P(vec![t(format!(
            "{} position(s) attributed to {} in reported speech that speaks in another's voice (“we”, “our”) left out.",
            view.not_own, b.counterpart
        ))]));
    }
    o
}

fn exposure(docs: &Docs, e: &Exposure) -> Item {
    match *e {
        Exposure::Reversal(r) => {
            let who = if r.actor.is_none() {
                format!("{} reversed its line", r.gov)
            } else {
                format!("{} reversed himself or herself", r.before.actor_name)
            };
            Item {
                para: vec![
                    Inline::Strong("Reversal".into()),
                    t(format!(
                        ": {who}, {} to {}:",
                        r.before.stance.as_str(),
                        r.after.stance.as_str()
                    )),
                ],
                sub: vec![
                    bullet(docs, &r.before, "before: "),
                    bullet(docs, &r.after, "after: "),
                ],
            }
        }
        Exposure::Gap(g) => {
            let reasons: Vec<&str> = g.reasons.iter().map(|r| r.as_str()).collect();
            let mut sub = vec![bullet(docs, &g.act, "act: ")];
            if let Some(p) = &g.overridden_by {
                sub.push(bullet(docs, p, "overridden by: "));
            }
            Item {
                para: vec![
                    Inline::Strong("Coordination gap".into()),
                    t(format!(": {} ({}):", g.act.actor_name, reasons.join("; "))),
                ],
                sub,
            }
        }
        Exposure::Contradiction(c) => Item {
            para: vec![
                Inline::Strong("Contradiction".into()),
                t(format!(": {} and {}:", c.a.actor_name, c.b.actor_name)),
            ],
            sub: vec![bullet(docs, &c.a, ""), bullet(docs, &c.b, "")],
        },
    }
}

fn md_para(p: &Para) -> String {
    let mut s = String::new();
    for i in p {
        match i {
            Inline::Text(x) => s.push_str(x),
            Inline::Strong(x) => {
                let _ = write!(s, "**{x}**");
            }
            Inline::Code(x) => {
                let _ = write!(s, "`{x}`");
            }
            Inline::Cite { label, url } => match url {
                Some(u) => {
                    let _ = write!(s, "[{label}]({u})");
                }
                None => {
                    let _ = write!(s, "[{label}]");
                }
            },
        }
    }
    s.trim_end().to_string()
}

pub fn markdown(b: &Brief, q: Option<&Question>, docs: &Docs, view: &View) -> String {
    let blocks: Vec<String> = outline(b, q, docs, view)
        .iter()
        .filter_map(|block| match block {
            Block::H1(p) => Some(format!("# {}\n", md_para(p))),
            Block::H2(p) => Some(format!("## {}\n", md_para(p))),
            Block::P(p) => Some(format!("{}\n", md_para(p))),
            Block::List(items) => {
                let mut s = String::new();
                for it in items {
                    let _ = writeln!(s, "- {}", md_para(&it.para));
                    for sub in &it.sub {
                        let _ = writeln!(s, "  - {}", md_para(sub));
                    }
                }
                Some(s)
            }
            Block::Timeline => None,
        })
        .collect();
    blocks.join("\n")
}

/// The brief as JSON (`vane_engine::wire::brief_json`), pretty-printed.
pub fn json(b: &Brief, q: Option<&Question>, docs: &Docs, view: &View) -> Result<String> {
    let v = vane_engine::wire::brief_json(b, q, docs, view.limit, view.not_own);
    Ok(serde_json::to_string_pretty(&v)? + "\n")
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn html_para(p: &Para) -> String {
    let mut s = String::new();
    for i in p {
        match i {
            Inline::Text(x) => s.push_str(&esc(x)),
            Inline::Strong(x) => {
                let _ = write!(s, "<strong>{}</strong>", esc(x));
            }
            Inline::Code(x) => {
                let _ = write!(s, "<code>{}</code>", esc(x));
            }
            Inline::Cite { label, url } => match url {
                Some(u) => {
                    let _ = write!(s, "<cite><a href=\"{}\">{}</a></cite>", esc(u), esc(label));
                }
                None => {
                    let _ = write!(s, "<cite>[{}]</cite>", esc(label));
                }
            },
        }
    }
    s.trim_end().to_string()
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.45;max-width:60em;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}\
li{margin:.35em 0}cite{font-style:normal;font-size:.85em;color:#555}\
code{background:#f3f3f3;padding:0 .2em}svg{max-width:100%;height:auto}\
@media print{body{margin:0;max-width:none}a{color:inherit}}";

/// The brief as one HTML page.
pub fn html(b: &Brief, q: Option<&Question>, docs: &Docs, view: &View) -> String {
    let mut body = String::new();
    for block in outline(b, q, docs, view) {
        match block {
            Block::H1(p) => {
                let _ = writeln!(body, "<h1>{}</h1>", html_para(&p));
            }
            Block::H2(p) => {
                let _ = writeln!(body, "<h2>{}</h2>", html_para(&p));
            }
            Block::P(p) => {
                let _ = writeln!(body, "<p>{}</p>", html_para(&p));
            }
            Block::List(items) => {
                body.push_str("<ul>\n");
                for it in &items {
                    let _ = write!(body, "<li>{}", html_para(&it.para));
                    if !it.sub.is_empty() {
                        body.push_str("\n<ul>\n");
                        for sub in &it.sub {
                            let _ = writeln!(body, "<li>{}</li>", html_para(sub));
                        }
                        body.push_str("</ul>\n");
                    }
                    body.push_str("</li>\n");
                }
                body.push_str("</ul>\n");
            }
            Block::Timeline => body.push_str(&timeline(b)),
        }
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        esc(&format!(
            "Brief: {} before meeting {} on {}, as of {}",
            b.side, b.counterpart, b.question, b.as_of
        ))
    )
}

fn colour(s: Stance) -> &'static str {
    match s {
        Stance::Support => "#2e7d32",
        Stance::Oppose => "#c62828",
        Stance::Neutral => "#9e9e9e",
    }
}

/// The two lines as bands over time, one lane each, coloured by stance;
/// each stretch names its stance, dates and setter on hover.
fn timeline(b: &Brief) -> String {
    let lanes: [&Line; 2] = [&b.line, &b.counterpart_line];
    let Some(start) = lanes
        .iter()
        .flat_map(|l| l.segments.first())
        .map(|s| s.from)
        .min()
    else {
        return String::new();
    };
    let end: Date = b.as_of.max(start);
    let days = ((end - start).num_days() + 1) as f64;
    let (left, width, lane_h) = (60.0, 600.0, 22.0);
    let x = |d: Date| left + width * ((d - start).num_days() as f64 / days);
    let mut s = format!(
        "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n",
        left + width + 10.0,
        2.0 * lane_h + 30.0,
        esc(&format!("The lines of {} and {} over time", b.side, b.counterpart))
    );
    for (i, l) in lanes.iter().enumerate() {
        let y = 4.0 + i as f64 * lane_h;
        let _ = writeln!(
            s,
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>",
            y + 14.0,
            esc(&l.gov.0)
        );
        for seg in &l.segments {
            let to = seg.to.unwrap_or(end).min(end);
            let (x0, x1) = (x(seg.from), x(to + chrono::Duration::days(1)));
            let _ = writeln!(
                s,
                "<rect x=\"{x0:.1}\" y=\"{y}\" width=\"{:.1}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>",
                (x1 - x0).max(1.0),
                lane_h - 6.0,
                colour(seg.stance),
                esc(&format!(
                    "{} {} to {}, set by {}",
                    seg.stance.as_str(),
                    seg.from,
                    seg.to.map_or("now".to_string(), |t| t.to_string()),
                    seg.set_by_name
                ))
            );
        }
    }
    let y = 2.0 * lane_h + 22.0;
    let _ = writeln!(
        s,
        "<text x=\"{left}\" y=\"{y}\" font-size=\"11\">{start}</text>\n<text x=\"{}\" y=\"{y}\" font-size=\"11\" text-anchor=\"end\">{end}</text>",
        left + width
    );
    s.push_str(
        "</svg>\n<figcaption>Green: support; red: oppose; grey: neutral.</figcaption>\n</figure>\n",
    );
    s
}
