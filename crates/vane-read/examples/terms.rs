//! Prints each question's compiled terms: what relevance looks for.
//!
//! `cargo run --release -p vane-read --example terms [questions.toml]`
use vane_read::questions::{compile, parse_toml};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/labelled/questions.toml".into());
    for q in parse_toml(&std::fs::read_to_string(path)?)? {
        let c = compile(&q);
        let groups = |gs: &[vane_read::questions::TermGroup]| {
            gs.iter()
                .map(|g| {
                    let flag = if g.generic {
                        "~"
                    } else if g.alternative {
                        "|"
                    } else {
                        ""
                    };
                    format!(
                        "{flag}{}",
                        g.forms
                            .iter()
                            .take(4)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("/")
                    )
                })
                .collect::<Vec<_>>()
                .join(" + ")
        };
        println!(
            "{} [{:?}] needed {}\n  objects: {}\n  targets: {} (agents {})\n  cues: {}",
            q.id,
            c.shape,
            c.needed(),
            groups(&c.objects),
            groups(&c.targets),
            c.agent_targets,
            c.cues.iter().take(6).cloned().collect::<Vec<_>>().join(" ")
        );
    }
    Ok(())
}
