//! The IO edge of ingestion and reading: files in, batches committed.

use crate::cli::{self, Emit, IngestArgs, ModelArgs, PackFormat, ReadArgs};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use vane_actors::Kb;
use vane_core::{CharIndex, Document, RecordedTime};
use vane_engine::{wire, DocError, Engine, Event, Pack, Reader, SharedJudge};
use vane_ingest::{Options, UndatedPolicy};
use vane_ledger::{ActorPack, Store};
use vane_read::questions::{self, Compiled};

/// A file to read, with the name it is stored under.
pub struct Input {
    pub path: PathBuf,
    pub name: String,
    /// Larger files are rejected unread.
    pub max_bytes: u64,
}

impl vane_engine::Source for Input {
    fn name(&self) -> &str {
        &self.name
    }
    fn bytes(&self) -> Result<Vec<u8>, DocError> {
        read_capped(&self.path, &self.name, self.max_bytes)
    }
}

const TEXT_EXT: &[&str] = &[
    "txt", "md", "markdown", "text", "tml", "html", "htm", "xhtml", "rss", "atom", "xml", "json",
    "jsonl", "ndjson", "warc", "gz",
];

/// Expands files and folders (recursively, sorted) into inputs. A folder's
/// files are named by their path relative to it; a file by its file name.
pub fn inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input {
                path: p.clone(),
                name: "stdin".to_string(),
                max_bytes: u64::MAX,
            });
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, &mut errors);
            files.sort();
            for f in files {
                let name = f
                    .strip_prefix(p)
                    .unwrap_or(&f)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(Input {
                    path: f,
                    name,
                    max_bytes: u64::MAX,
                });
            }
        } else {
            let name = p.file_name().map_or_else(
                || p.to_string_lossy().into_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
            out.push(Input {
                path: p.clone(),
                name,
                max_bytes: u64::MAX,
            });
        }
    }
    (out, errors)
}

/// The documents under `dir`: followed links included once (a link back to
/// a folder above is a loop, reported and not followed), special files
/// (FIFOs, sockets, devices, links to them) skipped with a warning that names
/// them, as reading one blocks or never ends.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    for e in walkdir::WalkDir::new(dir).follow_links(true).min_depth(1) {
        let e = match e {
            Ok(e) => e,
            Err(err) => {
                let at = err
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                if err.loop_ancestor().is_some() {
                    errors.push(format!(
                        "{at}: skipped: a link loop (it leads back to a folder above it)"
                    ));
                } else {
                    errors.push(format!("{at}: cannot read: {err}"));
                }
                continue;
            }
        };
        let p = e.path();
        let kind = e.file_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            eprintln!(
                "warning: {}: skipped (not a regular file: a FIFO, socket, device or broken link)",
                p.display()
            );
            continue;
        }
        if is_folder_note(p) {
            eprintln!(
                "note: {}: skipped (a README or EXPECTED file describes its folder and is not a document; name it to ingest it)",
                p.display()
            );
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| TEXT_EXT.contains(&x.to_ascii_lowercase().as_str()))
        {
            out.push(p.to_path_buf());
        }
    }
}

/// README and EXPECTED files (`README.md`, `EXPECTED.md`, `readme.txt` ...)
/// describe the folder they sit in: a folder walk skips them.
fn is_folder_note(p: &Path) -> bool {
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = name.split('.').next().unwrap_or(name);
    ["readme", "expected"]
        .iter()
        .any(|n| stem.eq_ignore_ascii_case(n))
}

/// The actor packs given on the command line.
pub fn packs(paths: &[PathBuf]) -> Result<Vec<Pack>> {
    paths
        .iter()
        .map(|p| {
            let toml = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read actor pack", p.display()))?;
            Ok(Pack {
                label: p.display().to_string(),
                toml,
            })
        })
        .collect()
}

/// The knowledge base: the bundled pack, then the packs imported into the
/// ledger (in order), then packs given on the command line.
pub fn knowledge(store: Option<&dyn Store>, paths: &[PathBuf]) -> Result<Kb> {
    Ok(vane_engine::knowledge(store, &packs(paths)?)?)
}

/// `vane actors import`: parse a Phoenix file, a Wikidata dump (streamed) or
/// a TOML pack, and append it to the ledger as a TOML pack.
pub fn import_pack(store: &mut dyn Store, from: PackFormat, path: &Path) -> Result<ExitCode> {
    let open = || -> Result<std::io::BufReader<std::fs::File>> {
        let f = std::fs::File::open(path)
            .with_context(|| format!("{}: cannot open", path.display()))?;
        Ok(std::io::BufReader::new(f))
    };
    let (kb, errors) = match from {
        PackFormat::Phoenix => vane_actors::import_phoenix(open()?),
        PackFormat::Wikidata => vane_actors::import_wikidata(open()?),
        PackFormat::Toml => {
            let src = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            (
                Kb::from_toml(&src)
                    .with_context(|| format!("{}: bad actor pack", path.display()))?,
                Vec::new(),
            )
        }
    };
    for e in &errors {
        eprintln!("error: {}: {e}", path.display());
    }
    let label = format!(
        "vane actors import --from {} {}",
        format!("{from:?}").to_lowercase(),
        path.display()
    );
    let n = kb.len();
    store.put_pack(&ActorPack {
        label,
        recorded: now(),
        toml: kb.to_toml(),
    })?;
    eprintln!(
        "imported {n} actors from {}; {} lines skipped",
        path.display(),
        errors.len()
    );
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The recorded time of what a command appends: now. The only place the
/// wall clock is read.
pub fn now() -> RecordedTime {
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    RecordedTime { at }
}

/// The learned judge the command asks for, and how it combines with the
/// rules: `--judge-mode`, else `VANE_JUDGE_MODE`, else union for the pair
/// judge (`--pair-judge`, built in), vet for the pair judge with meaning
/// (`--pair-judge --model DIR`) and replace for the model's head judge
/// (`--model` alone; both need a `vane` built with `--features model`). The model's head is
/// `--judge-head`, else the file `VANE_JUDGE_HEAD` names, else the one
/// built in; `--model-cut` is the probability of "not about it" from which
/// a candidate is left out. `--record-candidates` records the candidates
/// instead, and the rules decide.
pub fn judge(m: &ModelArgs) -> Result<(Option<SharedJudge>, vane_read::JudgeMode)> {
    if let Some(path) = &m.record_candidates {
        let f = std::fs::File::create(path)
            .with_context(|| format!("--record-candidates {}: cannot create", path.display()))?;
        let j: SharedJudge =
            std::sync::Arc::new(Recorder(std::sync::Mutex::new(std::io::BufWriter::new(f))));
        return Ok((Some(j), vane_read::JudgeMode::Union));
    }
    if m.model.is_none() && !m.pair_judge {
        if m.judge_mode.is_some() {
            anyhow::bail!("--judge-mode needs a judge: give --pair-judge or --model DIR");
        }
        return Ok((None, vane_read::JudgeMode::default()));
    }
    let mode = match m.judge_mode {
        Some(cli::JudgeMode::Replace) => vane_read::JudgeMode::Replace,
        Some(cli::JudgeMode::Union) => vane_read::JudgeMode::Union,
        Some(cli::JudgeMode::Confirm) => vane_read::JudgeMode::Confirm,
        Some(cli::JudgeMode::Gate) => vane_read::JudgeMode::Gate,
        Some(cli::JudgeMode::Cue) => vane_read::JudgeMode::Cue,
        Some(cli::JudgeMode::Vet) => vane_read::JudgeMode::Vet,
        None => match std::env::var("VANE_JUDGE_MODE").as_deref() {
            Ok("replace") => vane_read::JudgeMode::Replace,
            Ok("union") => vane_read::JudgeMode::Union,
            Ok("confirm") => vane_read::JudgeMode::Confirm,
            Ok("gate") => vane_read::JudgeMode::Gate,
            Ok("cue") => vane_read::JudgeMode::Cue,
            Ok("vet") => vane_read::JudgeMode::Vet,
            // The pair judge adds to the rules, and with the model also
            // takes back what they misread; the model's head judge
            // replaces them (as measured for each: NOTES.md).
            Err(_) if m.pair_judge && m.model.is_some() => vane_read::JudgeMode::Vet,
            Err(_) if m.pair_judge => vane_read::JudgeMode::Union,
            Err(_) => vane_read::JudgeMode::Replace,
            Ok(other) => {
                anyhow::bail!(
                    "VANE_JUDGE_MODE={other}: not a mode; use replace, union, confirm, gate, cue or vet"
                )
            }
        },
    };
    match &m.model {
        Some(dir) if m.pair_judge => Ok((Some(load_meaning_judge(dir)?), mode)),
        Some(dir) => {
            let head = m
                .judge_head
                .clone()
                .or_else(|| std::env::var_os("VANE_JUDGE_HEAD").map(PathBuf::from));
            Ok((Some(load_judge(dir, head.as_deref(), m.model_cut)?), mode))
        }
        None => {
            let j: SharedJudge =
                std::sync::Arc::new(vane_read::pair_judge::PairJudge::bundled().clone());
            Ok((Some(j), mode))
        }
    }
}

#[cfg(feature = "model")]
fn load_judge(dir: &Path, head: Option<&Path>, cut: Option<f32>) -> Result<SharedJudge> {
    let judge = vane_model::judge::Judge::load(dir, head, cut)
        .with_context(|| format!("loading the judge over the model in {}", dir.display()))?;
    Ok(std::sync::Arc::new(judge))
}

#[cfg(feature = "model")]
fn load_meaning_judge(dir: &Path) -> Result<SharedJudge> {
    let judge = vane_model::pair::MeaningJudge::load(dir)
        .with_context(|| format!("loading the pair judge over the model in {}", dir.display()))?;
    Ok(std::sync::Arc::new(judge))
}

/// Without the `model` feature there is no model to load.
#[cfg(not(feature = "model"))]
fn load_meaning_judge(dir: &Path) -> Result<SharedJudge> {
    load_judge(dir, None, None)
}

/// Without the `model` feature there is no model to load.
#[cfg(not(feature = "model"))]
fn load_judge(dir: &Path, _head: Option<&Path>, _cut: Option<f32>) -> Result<SharedJudge> {
    anyhow::bail!(
        "--model {}: this vane was built without the `model` feature; \
         build it with `cargo build --release -p vane --features model`",
        dir.display()
    )
}

/// Opens the engine over the ledger `db` (created if missing), with the
/// packs and the model the command was given. The model is loaded first:
/// a missing one is an error before any ledger is created.
fn engine(db: &Path, actors: &[PathBuf], m: &ModelArgs) -> Result<Engine> {
    let (judge, judge_mode) = judge(m)?;
    Ok(Engine::open(
        cli::create(db)?,
        vane_engine::Options {
            packs: packs(actors)?,
            judge,
            judge_mode,
        },
    )?)
}

/// Reads a file unless it is larger than `max` bytes: the bytes actually
/// read are counted (a link to `/dev/zero` reports no size), and anything but
/// a regular file is refused before it is opened (opening a FIFO blocks).
pub(crate) fn read_capped(path: &Path, name: &str, max: u64) -> Result<Vec<u8>, DocError> {
    use std::io::Read;
    let fail = |reason: String| DocError::Source {
        name: name.to_string(),
        reason,
    };
    let too_large = || fail(format!("too large (over {max} bytes; see --max-bytes)"));
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(max.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| fail(format!("cannot read: {e}")))?;
        if buf.len() as u64 > max {
            return Err(too_large());
        }
        return Ok(buf);
    }
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(fail(
            "not a regular file (a folder, FIFO, socket or device)".to_string(),
        ));
    }
    if meta.len() > max {
        return Err(fail(format!(
            "too large ({} bytes; the limit is {max}, see --max-bytes)",
            meta.len()
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let mut buf = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| fail(format!("cannot read: {e}")))?;
    if buf.len() as u64 > max {
        return Err(too_large());
    }
    Ok(buf)
}

/// A one-line progress bar on stderr.
fn progress_bar(done: usize, total: usize, started: std::time::Instant) {
    let width = 30;
    let filled = (done * width).checked_div(total).unwrap_or(width);
    let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-3);
    eprint!(
        "\r[{}{}] {done}/{total} files, {rate:.0}/s ",
        "#".repeat(filled),
        ".".repeat(width - filled)
    );
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

pub fn ingest(a: IngestArgs) -> Result<ExitCode> {
    let mut engine = engine(&a.db, &a.actors, &a.model)?;
    let (urls, paths): (Vec<PathBuf>, Vec<PathBuf>) = a
        .paths
        .iter()
        .cloned()
        .partition(|p| is_url(&p.to_string_lossy()));
    let urls: Vec<String> = urls
        .iter()
        .map(|u| u.to_string_lossy().into_owned())
        .collect();
    let (mut inputs, read_errors) = inputs(&paths);
    for i in &mut inputs {
        i.max_bytes = a.max_bytes;
    }
    let map = match &a.map {
        Some(spec) => {
            vane_formats::FieldMap::parse(spec).map_err(|e| anyhow::anyhow!("--map: {e}"))?
        }
        None => vane_formats::FieldMap::default(),
    };
    let opts = vane_engine::IngestOptions {
        published: a.published,
        allow_undated: a.allow_undated,
        format: a.input_format.into(),
        map,
        fetch_delay: std::time::Duration::from_millis(a.fetch_delay_ms),
        recorded: now(),
        // A knob for the crash tests: small batches put many commits in
        // one run.
        batch: std::env::var("VANE_INGEST_BATCH")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(vane_engine::BATCH),
    };
    let total = inputs.len() + urls.len();
    let progress =
        total > 200 && (a.progress || std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let started = std::time::Instant::now();
    let report = engine.ingest(&urls, &inputs, &opts, &mut |e| match e {
        Event::Note(n) => eprintln!("note: {n}"),
        Event::Progress { done, total } if progress => progress_bar(done, total, started),
        Event::Progress { .. } => {}
    })?;
    if progress {
        eprintln!();
    }
    for e in &read_errors {
        eprintln!("error: {e}");
    }
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    let rejected = read_errors.len() + report.errors.len();
    eprintln!(
        "read {total} files, stored {}, duplicate {}, near-duplicate {}, new versions {}, rejected {rejected}, undated {}; {} positions on {} questions",
        report.stored,
        report.duplicate,
        report.near_duplicate,
        report.versions,
        report.undated,
        report.positions,
        report.questions
    );
    Ok(if rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn load_questions(
    db: &Path,
    actors: &[PathBuf],
    file: &Path,
    m: &ModelArgs,
) -> Result<ExitCode> {
    let src = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    let qs = questions::parse_toml(&src).with_context(|| format!("{}", file.display()))?;
    let mut engine = engine(db, actors, m)?;
    let r = engine.load_questions(&qs, now())?;
    for e in &r.errors {
        eprintln!("error: {e}");
    }
    eprintln!(
        "loaded {} questions; re-read {} documents; {} positions",
        qs.len(),
        r.documents,
        r.positions
    );
    Ok(if r.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `vane questions suggest`: subjects named in officials' statements that no
/// watched question covers, as a tab-separated table.
pub fn suggest_questions(db: &Path, limit: usize) -> Result<ExitCode> {
    let engine = Engine::open(cli::open(db)?, vane_engine::Options::default())?;
    println!("subject\tdocuments\tstatements\texample");
    for s in engine.suggest(limit)? {
        let example: String = s.example.split_whitespace().collect::<Vec<_>>().join(" ");
        println!(
            "{}\t{}\t{}\t{}",
            s.phrase, s.documents, s.statements, example
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `vane read`: no database; one JSON line per document.
pub fn read_files(a: ReadArgs) -> Result<ExitCode> {
    let (judge, judge_mode) = judge(&a.model)?;
    let reader = Reader {
        kb: Kb::bundled(),
        judge,
        judge_mode,
    };
    let bench = match (a.format.as_str(), a.emit) {
        ("jsonl", _) => false,
        ("benchmark-json", Emit::Text) => true,
        (f, _) => anyhow::bail!(
            "unsupported --format {f:?} (use jsonl, or benchmark-json with --emit text)"
        ),
    };
    let qs: Vec<Compiled> = match &a.questions {
        Some(p) => questions::parse_toml(&std::fs::read_to_string(p)?)?
            .iter()
            .map(questions::compile)
            .collect(),
        None => Vec::new(),
    };
    let (inputs, errors) = inputs(&a.paths);
    let opts = Options {
        published: a.published,
        undated: UndatedPolicy::Keep,
    };
    let mut errors: Vec<String> = errors;
    let lines = vane_engine::par_map(&inputs, |inp| -> Vec<Result<(String, Document), String>> {
        let bytes = match read_capped(&inp.path, &inp.name, a.max_bytes) {
            Ok(b) => b,
            Err(e) => return vec![Err(e.to_string())],
        };
        // The id: the file name without `.gz` and its extension.
        let base = inp.name.rsplit('/').next().unwrap_or(&inp.name);
        let base = base.strip_suffix(".gz").unwrap_or(base);
        let stem = base.rsplit_once('.').map_or(base, |(s, _)| s).to_string();
        let is_tml = inp.path.extension().is_some_and(|x| x == "tml");
        if is_tml {
            let Ok(xml) = std::str::from_utf8(&bytes) else {
                return vec![Err(format!("{}: not valid UTF-8", inp.name))];
            };
            return vec![vane_time::timeml::parse(xml)
                .map_err(|e| format!("{}: {e}", inp.name))
                .map(|t| {
                    let doc = Document {
                        id: vane_ingest::doc_id(&t.text),
                        name: inp.name.clone(),
                        title: None,
                        published: t.dct.or(a.published),
                        source: None,
                        url: None,
                        text: t.text,
                    };
                    (stem.clone(), doc)
                })];
        }
        let parsed = vane_engine::caught(&inp.name, || {
            vane_engine::input::parse(
                &inp.name,
                &bytes,
                vane_engine::InputFormat::Auto,
                &vane_formats::FieldMap::default(),
                &opts,
            )
        });
        let docs: Vec<Result<Document, String>> = match parsed {
            Ok(p) => {
                for n in p.notes {
                    eprintln!("note: {n}");
                }
                p.docs
                    .into_iter()
                    .map(|d| d.map_err(|e| e.to_string()))
                    .collect()
            }
            Err(e) => vec![Err(e.to_string())],
        };
        let many = docs.len() > 1;
        docs.into_iter()
            .enumerate()
            .map(|(i, d)| {
                d.map(|d| {
                    (
                        if many {
                            format!("{stem}#{}", i + 1)
                        } else {
                            stem.clone()
                        },
                        d,
                    )
                })
            })
            .collect()
    });
    let mut out = String::new();
    let mut bench_out = serde_json::Map::new();
    for l in lines.into_iter().flatten() {
        match l {
            Ok((stem, doc)) if bench => {
                let body = &doc.text[vane_ingest::body_start(&doc.text)..];
                bench_out.insert(stem, serde_json::json!({ "articleBody": body }));
            }
            Ok((stem, doc)) => {
                match vane_engine::caught(&doc.name, || emit(&doc, &stem, a.emit, &reader, &qs)) {
                    Ok(line) => {
                        out.push_str(&line);
                        out.push('\n');
                    }
                    Err(e) => errors.push(e.to_string()),
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if bench {
        out = serde_json::Value::Object(bench_out).to_string() + "\n";
    }
    print!("{out}");
    for e in &errors {
        eprintln!("error: {e}");
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn emit(doc: &Document, stem: &str, what: Emit, reader: &Reader, qs: &[Compiled]) -> String {
    let kb = &reader.kb;
    let ix = CharIndex::new(&doc.text);
    let span = |r: &vane_core::TextRange| {
        let (s, e) = ix.chars(*r);
        serde_json::json!([s, e])
    };
    let value = match what {
        Emit::Text => {
            let body = vane_ingest::body_start(&doc.text);
            serde_json::json!({"document": stem, "title": doc.title, "published": doc.published.map(|d| d.to_string()),
                "url": doc.url, "text": &doc.text[body..]})
        }
        Emit::Timexes => {
            let body = vane_ingest::body_start(&doc.text);
            let ts = vane_time::extract(&doc.text[body..], doc.published);
            let items: Vec<_> = ts
                .iter()
                .map(|t| {
                    let (s, e) = ix.chars(vane_core::TextRange::new(t.range.start + body, t.range.end + body));
                    serde_json::json!({"start": s, "end": e, "type": t.kind.as_str(), "value": t.value})
                })
                .collect();
            serde_json::json!({"document": stem, "timexes": items})
        }
        Emit::Attributions => {
            let r = vane_read::read(doc, kb);
            let items: Vec<_> = r
                .attributions
                .iter()
                .map(|a| {
                    serde_json::json!({
                        "source": a.source.iter().map(span).collect::<Vec<_>>(),
                        "cue": a.cue.iter().map(span).collect::<Vec<_>>(),
                        "content": a.content.iter().map(span).collect::<Vec<_>>(),
                        "kind": a.kind.as_str(),
                    })
                })
                .collect();
            serde_json::json!({"document": stem, "attributions": items})
        }
        Emit::Mentions => {
            let r = vane_read::read(doc, kb);
            let items: Vec<_> = r
                .mentions
                .iter()
                .map(|m| {
                    let (s, e) = ix.chars(m.range);
                    serde_json::json!({"start": s, "end": e, "text": &doc.text[m.range.range()],
                        "kind": format!("{:?}", m.kind).to_lowercase(),
                        "actor": m.actor.as_ref().map(|a| a.0.clone()), "provisional": m.provisional})
                })
                .collect();
            serde_json::json!({"document": stem, "mentions": items})
        }
        Emit::Statements => {
            let r = vane_read::read(doc, kb);
            let items: Vec<_> = r
                .statements
                .iter()
                .map(|st| {
                    let (s, e) = ix.chars(st.evidence);
                    let actor_name = st.actor.as_ref().and_then(|id| {
                        kb.get(id)
                            .or_else(|| r.provisional.iter().find(|a| &a.id == id))
                            .map(|a| a.name.clone())
                    });
                    serde_json::json!({"start": s, "end": e, "kind": st.kind.as_str(),
                        "actor": st.actor.as_ref().map(|a| a.0.clone()), "actor_name": actor_name,
                        "valid_from": st.valid.from.to_string(), "valid_to": st.valid.to.to_string(),
                        "basis": st.valid.basis.as_str(),
                        "action": st.action.map(|c| c.as_str()),
                        "text": &doc.text[st.evidence.range()]})
                })
                .collect();
            serde_json::json!({"document": stem, "statements": items})
        }
        Emit::Positions => {
            let r = vane_read::read(doc, kb);
            let ps = reader.positions(doc, &r, qs, RecordedTime { at: 0 });
            let items: Vec<_> = ps
                .iter()
                .map(|p| wire::position_json(p, &doc.name, &doc.text, &ix))
                .collect();
            serde_json::json!({"document": stem, "positions": items})
        }
    };
    value.to_string()
}

/// Records each candidate a judge would read, with its features, and
/// judges nothing (the rules decide).
struct Recorder(std::sync::Mutex<std::io::BufWriter<std::fs::File>>);

impl vane_read::StanceJudge for Recorder {
    fn name(&self) -> &str {
        "record"
    }
    fn probabilities(&self, input: &vane_read::JudgeInput<'_>) -> Option<[f32; 4]> {
        use std::io::Write as _;
        let st = &input.statement;
        let features: serde_json::Map<String, serde_json::Value> =
            vane_read::pair_judge::candidate_features(input)
                .into_iter()
                .map(|(k, x)| (k, serde_json::json!(x)))
                .collect();
        // Offsets in characters, as the exports and the gold give them.
        let chars = |byte: usize| st.text.get(..byte).map_or(0, |t| t.chars().count());
        let line = serde_json::json!({
            "question": input.question.id,
            "document": st.doc,
            "actor": st.actor,
            "start": chars(st.evidence.start),
            "end": chars(st.evidence.end),
            "sentence": input.sentence,
            "previous": input.previous,
            "asked": input.asked,
            "ruled": input.ruled.map(|s| format!("{s:?}").to_lowercase()),
            "valid_from": st.valid.from.to_string(),
            "valid_to": st.valid.to.to_string(),
            "features": features,
        });
        if let Ok(mut w) = self.0.lock() {
            let _ = writeln!(w, "{line}");
            let _ = w.flush();
        }
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    //! The folder walk and the capped read on the odd things a folder holds.
    use super::*;
    use std::os::unix::fs::symlink;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("vane-walk-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn names(inputs: &[Input]) -> Vec<&str> {
        inputs.iter().map(|i| i.name.as_str()).collect()
    }

    #[test]
    fn a_two_link_loop_is_reported_and_the_walk_ends() {
        let d = tmp("loop");
        std::fs::create_dir_all(d.join("x")).unwrap();
        std::fs::create_dir_all(d.join("y")).unwrap();
        std::fs::write(d.join("x/a.txt"), "MR. KIRBY: Yes.").unwrap();
        symlink("../y", d.join("x/to-y")).unwrap();
        symlink("../x", d.join("y/to-x")).unwrap();
        let (inputs, errors) = inputs(std::slice::from_ref(&d));
        // The file itself, and once more through the link from y; never again.
        assert_eq!(names(&inputs), ["x/a.txt", "y/to-x/a.txt"]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().all(|e| e.contains("link loop")), "{errors:?}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn special_files_are_skipped_by_the_walk_and_refused_by_the_read() {
        let d = tmp("special");
        std::fs::write(d.join("a.txt"), "text").unwrap();
        let fifo = d.join("pipe.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        symlink("/dev/zero", d.join("zero.txt")).unwrap();
        let (inputs, errors) = inputs(std::slice::from_ref(&d));
        assert_eq!(names(&inputs), ["a.txt"]);
        assert!(errors.is_empty(), "{errors:?}");
        // Named on the command line, they are refused unopened (opening the
        // FIFO would block) and the error names them.
        for (path, name) in [(fifo, "pipe.txt"), (d.join("zero.txt"), "zero.txt")] {
            let e = read_capped(&path, name, 1 << 20).unwrap_err().to_string();
            assert!(
                e.starts_with(name) && e.contains("not a regular file"),
                "{e}"
            );
        }
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_cap_counts_the_bytes_read_not_the_size_reported() {
        // A file of /proc reports no size but has bytes.
        let p = Path::new("/proc/self/maps");
        assert_eq!(std::fs::metadata(p).unwrap().len(), 0);
        let e = read_capped(p, "maps", 16).unwrap_err().to_string();
        assert!(e.contains("too large (over 16 bytes"), "{e}");
        assert!(read_capped(p, "maps", 1 << 24).unwrap().len() > 16);
    }

    #[test]
    fn a_file_over_the_cap_is_refused_by_its_size() {
        let d = tmp("cap");
        std::fs::write(d.join("a.txt"), "x".repeat(100)).unwrap();
        let e = read_capped(&d.join("a.txt"), "a.txt", 10)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "a.txt: too large (100 bytes; the limit is 10, see --max-bytes)"
        );
        assert_eq!(
            read_capped(&d.join("a.txt"), "a.txt", 100).unwrap().len(),
            100
        );
        std::fs::remove_dir_all(&d).unwrap();
    }
}
