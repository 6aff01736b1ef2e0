//! The brief, rendered as Markdown, JSON and HTML. Every line cites the
//! document and code-point range it rests on.

use crate::export::{line_rows, position_json, DocCache};
use anyhow::Result;
use serde_json::json;
use std::collections::HashMap;
use std::fmt::Write;
use vane_analysis::Brief;
use vane_core::{CharIndex, DocId, Position, Question};
use vane_ledger::Store;

/// The documents a brief cites.
pub struct Docs {
    docs: HashMap<DocId, (String, String, CharIndex)>,
}

fn cited(b: &Brief) -> Vec<&Position> {
    let mut v: Vec<&Position> = Vec::new();
    for s in b
        .line
        .segments
        .iter()
        .chain(b.counterpart_line.segments.iter())
    {
        v.extend(s.evidence.iter());
    }
    for r in &b.reversals {
        v.push(&r.before);
        v.push(&r.after);
    }
    for c in &b.contradictions {
        v.push(&c.a);
        v.push(&c.b);
    }
    for g in &b.gaps {
        v.push(&g.act);
        v.extend(g.overridden_by.iter());
    }
    v.extend(b.counterpart_positions.iter());
    v
}

impl Docs {
    pub fn load(store: &dyn Store, b: &Brief) -> Result<Docs> {
        let mut cache = DocCache::new(store);
        let mut docs = HashMap::new();
        for p in cited(b) {
            if docs.contains_key(&p.evidence.doc) {
                continue;
            }
            if let Some((n, t, _)) = cache.get(&p.evidence.doc)? {
                docs.insert(
                    p.evidence.doc.clone(),
                    (n.clone(), t.clone(), CharIndex::new(t)),
                );
            }
        }
        Ok(Docs { docs })
    }

    /// `[name:start-end]` in code points, and the quoted text.
    fn cite(&self, p: &Position) -> (String, String) {
        match self.docs.get(&p.evidence.doc) {
            Some((name, text, ix)) => {
                let (s, e) = ix.chars(p.evidence.range);
                let quote: String = text
                    .get(p.evidence.range.range())
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                (format!("{name}:{s}-{e}"), quote)
            }
            None => (format!("{}:?", p.evidence.doc), String::new()),
        }
    }

    fn json(&self, p: &Position) -> serde_json::Value {
        match self.docs.get(&p.evidence.doc) {
            Some((name, text, ix)) => position_json(p, name, text, ix),
            None => json!({"document_id": p.evidence.doc.0}),
        }
    }
}

fn when(p: &Position) -> String {
    if p.valid.from == p.valid.to {
        p.valid.from.to_string()
    } else {
        format!("{}..{}", p.valid.from, p.valid.to)
    }
}

fn bullet(out: &mut String, docs: &Docs, p: &Position, lead: &str) {
    let (c, q) = docs.cite(p);
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
    let _ = writeln!(
        out,
        "- {lead}{} ({}, {}), {} [{}], {}{}: “{}” [{}]",
        p.actor_name,
        p.government,
        p.rank.as_str(),
        p.stance.as_str(),
        p.kind.as_str(),
        when(p),
        flags,
        q,
        c
    );
}

pub fn markdown(b: &Brief, q: Option<&Question>, docs: &Docs) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Brief: {} before meeting {}, as of {}\n",
        b.side, b.counterpart, b.as_of
    );
    let _ = writeln!(
        o,
        "Question `{}`: {}\n",
        b.question,
        q.map_or("", |q| q.proposition.as_str())
    );
    let _ = writeln!(o, "## Current line of {}\n", b.side);
    match b.line.current() {
        Some(s) => {
            let qual = s
                .qualifier
                .as_ref()
                .map_or(String::new(), |q| format!(", limited to {q}"));
            let _ = writeln!(
                o,
                "**{}**{qual}, since {}; set by {} ({}).\n",
                s.stance.as_str(),
                s.from,
                s.set_by_name,
                s.rank.as_str()
            );
            for p in &s.evidence {
                bullet(&mut o, docs, p, "");
            }
        }
        None => {
            let _ = writeln!(o, "No recorded position.");
        }
    }
    let _ = writeln!(o, "\n## What changed and when\n");
    if b.line.segments.is_empty() {
        let _ = writeln!(o, "Nothing recorded.");
    }
    for s in &b.line.segments {
        let to = s.to.map_or("now".to_string(), |t| t.to_string());
        let (c, _) = docs.cite(&s.evidence[0]);
        let _ = writeln!(
            o,
            "- {} to {}: **{}**, set by {} ({}) [{}]",
            s.from,
            to,
            s.stance.as_str(),
            s.set_by_name,
            s.rank.as_str(),
            c
        );
    }
    let _ = writeln!(
        o,
        "\nVolatility: {} change(s) of line in {} days ({:.2} per 30 days).",
        b.volatility.changes, b.volatility.days, b.volatility.per_30_days
    );
    let _ = writeln!(o, "\n## Exposures the counterpart can use\n");
    let mut any = false;
    for r in &b.reversals {
        any = true;
        let who = if r.actor.is_none() {
            format!("{} reversed its line", r.gov)
        } else {
            format!("{} reversed himself or herself", r.before.actor_name)
        };
        let _ = writeln!(
            o,
            "- **Reversal**: {who}, {} to {}:",
            r.before.stance.as_str(),
            r.after.stance.as_str()
        );
        o.push_str("  ");
        bullet(&mut o, docs, &r.before, "before: ");
        o.push_str("  ");
        bullet(&mut o, docs, &r.after, "after: ");
    }
    for g in &b.gaps {
        any = true;
        let reasons: Vec<&str> = g.reasons.iter().map(|r| r.as_str()).collect();
        let _ = writeln!(
            o,
            "- **Coordination gap**: {} ({}):",
            g.act.actor_name,
            reasons.join("; ")
        );
        o.push_str("  ");
        bullet(&mut o, docs, &g.act, "act: ");
        if let Some(p) = &g.overridden_by {
            o.push_str("  ");
            bullet(&mut o, docs, p, "overridden by: ");
        }
    }
    for c in &b.contradictions {
        any = true;
        let _ = writeln!(
            o,
            "- **Contradiction**: {} and {}:",
            c.a.actor_name, c.b.actor_name
        );
        o.push_str("  ");
        bullet(&mut o, docs, &c.a, "");
        o.push_str("  ");
        bullet(&mut o, docs, &c.b, "");
    }
    if !any {
        let _ = writeln!(o, "None recorded.");
    }
    let _ = writeln!(o, "\n## The counterpart ({})\n", b.counterpart);
    match b.counterpart_line.current() {
        Some(s) => {
            let _ = writeln!(
                o,
                "Line: **{}** since {}, set by {}.\n",
                s.stance.as_str(),
                s.from,
                s.set_by_name
            );
        }
        None => {
            let _ = writeln!(o, "No recorded line.\n");
        }
    }
    for p in &b.counterpart_positions {
        bullet(&mut o, docs, p, "");
    }
    o
}

pub fn json(b: &Brief, q: Option<&Question>, docs: &Docs) -> Result<String> {
    let seg = |s: &vane_analysis::Segment| {
        json!({"from": s.from.to_string(), "to": s.to.map(|t| t.to_string()), "stance": s.stance.as_str(),
               "qualifier": s.qualifier, "set_by": s.set_by_name, "rank": s.rank.as_str(),
               "evidence": s.evidence.iter().map(|p| docs.json(p)).collect::<Vec<_>>()})
    };
    let v = json!({
        "question": b.question,
        "proposition": q.map(|q| q.proposition.clone()),
        "side": b.side.0,
        "counterpart": b.counterpart.0,
        "as_of": b.as_of.to_string(),
        "current": b.line.current().map(seg),
        "changes": b.line.segments.iter().map(seg).collect::<Vec<_>>(),
        "volatility": {"changes": b.volatility.changes, "days": b.volatility.days, "per_30_days": b.volatility.per_30_days},
        "reversals": b.reversals.iter().map(|r| json!({"actor": r.actor.as_ref().map(|a| a.0.clone()),
            "before": docs.json(&r.before), "after": docs.json(&r.after)})).collect::<Vec<_>>(),
        "coordination_gaps": b.gaps.iter().map(|g| json!({"reasons": g.reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "act": docs.json(&g.act), "overridden_by": g.overridden_by.as_ref().map(|p| docs.json(p))})).collect::<Vec<_>>(),
        "contradictions": b.contradictions.iter().map(|c| json!({"a": docs.json(&c.a), "b": docs.json(&c.b)})).collect::<Vec<_>>(),
        "counterpart_line": b.counterpart_line.current().map(seg),
        "counterpart_positions": b.counterpart_positions.iter().map(|p| docs.json(p)).collect::<Vec<_>>(),
        "lines": line_rows(&[b.line.clone(), b.counterpart_line.clone()]),
    });
    Ok(serde_json::to_string_pretty(&v)? + "\n")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// HTML: the Markdown brief's content, escaped, in a minimal page.
pub fn html(b: &Brief, q: Option<&Question>, docs: &Docs) -> String {
    let md = markdown(b, q, docs);
    let mut body = String::new();
    let mut in_list = false;
    for line in md.lines() {
        let l = esc(line);
        let l = bold(&l);
        if let Some(h) = line.strip_prefix("# ") {
            let _ = writeln!(body, "<h1>{}</h1>", esc(h));
        } else if let Some(h) = line.strip_prefix("## ") {
            if in_list {
                body.push_str("</ul>\n");
                in_list = false;
            }
            let _ = writeln!(body, "<h2>{}</h2>", esc(h));
        } else if let Some(item) = l.trim_start().strip_prefix("- ") {
            if !in_list {
                body.push_str("<ul>\n");
                in_list = true;
            }
            let _ = writeln!(body, "<li>{item}</li>");
        } else if !line.trim().is_empty() {
            let _ = writeln!(body, "<p>{l}</p>");
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    format!("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Brief: {}</title>\n<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}li{{margin:.3em 0}}</style></head>\n<body>\n{body}</body></html>\n", esc(&b.question))
}

fn bold(s: &str) -> String {
    let mut out = String::new();
    let mut open = false;
    let mut rest = s;
    while let Some(i) = rest.find("**") {
        out.push_str(&rest[..i]);
        out.push_str(if open { "</b>" } else { "<b>" });
        open = !open;
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}
