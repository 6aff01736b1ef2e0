//! The IO edge of ingestion and reading: files in, batches committed.

use crate::cli::{Emit, IngestArgs, InputFormat, PackFormat, ReadArgs};
use crate::export;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use vane_actors::Kb;
use vane_core::{CharIndex, Document, RecordedTime};
use vane_ingest::{Options, UndatedPolicy};
use vane_ledger::{ActorPack, Batch, DocLink, LinkKind, Reading, Store};
use vane_read::questions::{self, Compiled};
use vane_sqlite::SqliteStore;

/// Documents committed per transaction.
const BATCH: usize = 64;

/// A file to read, with the name it is stored under.
pub struct Input {
    pub path: PathBuf,
    pub name: String,
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
                out.push(Input { path: f, name });
            }
        } else {
            let name = p.file_name().map_or_else(
                || p.to_string_lossy().into_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
            out.push(Input {
                path: p.clone(),
                name,
            });
        }
    }
    (out, errors)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: cannot read folder: {e}", dir.display()));
            return;
        }
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out, errors);
        } else if is_folder_note(&p) {
            eprintln!(
                "note: {}: skipped (a README or EXPECTED file describes its folder and is not a document; name it to ingest it)",
                p.display()
            );
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| TEXT_EXT.contains(&x.to_ascii_lowercase().as_str()))
        {
            out.push(p);
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

/// The knowledge base: the bundled pack, then the packs imported into the
/// ledger (in order), then packs given on the command line.
pub fn knowledge(store: Option<&dyn Store>, packs: &[PathBuf]) -> Result<Kb> {
    let mut kb = Kb::bundled();
    if let Some(store) = store {
        for p in store.packs()? {
            let pack = Kb::from_toml_labeled(&p.toml, &p.label)
                .with_context(|| format!("actor pack loaded by `{}` no longer parses", p.label))?;
            kb.merge(pack);
        }
    }
    for p in packs {
        let src = std::fs::read_to_string(p)
            .with_context(|| format!("{}: cannot read actor pack", p.display()))?;
        let pack = Kb::from_toml_labeled(&src, &p.display().to_string())
            .with_context(|| format!("{}: bad actor pack", p.display()))?;
        kb.merge(pack);
    }
    Ok(kb)
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

fn now() -> RecordedTime {
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    RecordedTime { at }
}

/// One input file to documents: plain text and Markdown through
/// `vane-ingest`, the rest through `vane-formats`. Errors name the document.
pub fn parse_input(
    name: &str,
    bytes: &[u8],
    fmt: InputFormat,
    map: &vane_formats::FieldMap,
    opts: &Options,
) -> Vec<Result<Document, String>> {
    use vane_formats::Format;
    let fopts = vane_formats::Options::from(opts.clone());
    let format = match fmt {
        InputFormat::Auto => vane_formats::sniff(name, bytes),
        InputFormat::Text => Format::Text,
        InputFormat::Html => Format::Html,
        InputFormat::Feed => Format::Feed,
        InputFormat::Jsonl => Format::Jsonl,
        InputFormat::Warc => Format::Warc,
    };
    let items = |r: Result<Vec<vane_formats::Item>, vane_formats::FormatError>| -> Vec<Result<Document, String>> {
        match r {
            Ok(items) => items
                .into_iter()
                .map(|i| {
                    if let (Ok(d), Some(link)) = (&i.doc, &i.needs_fetch) {
                        eprintln!("note: {}: feed item carries only a summary; stored as is (page {link} not fetched)", d.name);
                    }
                    i.doc.map_err(|e| e.to_string())
                })
                .collect(),
            Err(e) => vec![Err(e.to_string())],
        }
    };
    match format {
        Format::Text => {
            let unzipped;
            let bytes = if name.ends_with(".gz") {
                match vane_formats::gunzip(name, bytes, fopts.limits.max_bytes) {
                    Ok(b) => {
                        unzipped = b;
                        &unzipped[..]
                    }
                    Err(e) => return vec![Err(e.to_string())],
                }
            } else {
                bytes
            };
            vec![vane_ingest::parse(name, bytes, opts).map_err(|e| e.to_string())]
        }
        Format::Html => vec![vane_formats::html(name, bytes, &fopts)
            .map(|p| p.doc)
            .map_err(|e| e.to_string())],
        Format::Feed => items(vane_formats::feed(name, bytes, &fopts)),
        Format::Jsonl => items(vane_formats::jsonl(name, bytes, map, &fopts)),
        Format::Warc => items(vane_formats::warc(name, bytes, &fopts)),
    }
}

/// Reads a file unless it is larger than `max` bytes.
fn read_capped(path: &Path, name: &str, max: u64) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        use std::io::Read;
        let mut buf = Vec::new();
        std::io::stdin()
            .take(max + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("{name}: cannot read: {e}"))?;
        if buf.len() as u64 > max {
            return Err(format!(
                "{name}: too large (over {max} bytes, see --max-bytes)"
            ));
        }
        return Ok(buf);
    }
    let len = std::fs::metadata(path)
        .map_err(|e| format!("{name}: cannot read: {e}"))?
        .len();
    if len > max {
        return Err(format!(
            "{name}: too large ({len} bytes; the limit is {max}, see --max-bytes)"
        ));
    }
    std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))
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

/// Fetches a URL and reads it like a file named by the URL. A feed item that
/// carries only a summary has its linked page fetched; an undated page keeps
/// the item's date.
fn fetch_input(
    fetcher: &mut vane_fetch::Fetcher,
    store: &mut dyn Store,
    url: &str,
    fmt: InputFormat,
    map: &vane_formats::FieldMap,
    opts: &Options,
) -> Vec<Result<Document, String>> {
    let got = match fetch_conditional(fetcher, store, url) {
        Ok(Some(f)) => f,
        Ok(None) => {
            eprintln!("note: {url}: unchanged since the last fetch (304)");
            return Vec::new();
        }
        Err(e) => return vec![Err(e)],
    };
    let is_feed = got.content_type.as_deref().is_some_and(|c| {
        c.contains("rss") || c.contains("atom") || c.contains("xml") || c.contains("feed+json")
    }) || vane_formats::sniff(url, &got.body) == vane_formats::Format::Feed;
    if !(is_feed && matches!(fmt, InputFormat::Auto | InputFormat::Feed)) {
        let fmt = if fmt == InputFormat::Auto
            && got
                .content_type
                .as_deref()
                .is_some_and(|c| c.contains("html"))
        {
            InputFormat::Html
        } else {
            fmt
        };
        return parse_input(&got.url, &got.body, fmt, map, opts);
    }
    let fopts = vane_formats::Options::from(opts.clone());
    let items = match vane_formats::feed(&got.url, &got.body, &fopts) {
        Ok(items) => items,
        Err(e) => return vec![Err(e.to_string())],
    };
    items
        .into_iter()
        .map(|item| {
            let doc = item.doc.map_err(|e| e.to_string())?;
            let Some(link) = item.needs_fetch else {
                return Ok(doc);
            };
            let Some(page) = fetch_conditional(fetcher, store, &link)? else {
                return Err(format!(
                    "{link}: unchanged since the last fetch (304); not read again"
                ));
            };
            let page_opts = vane_formats::Options::from(Options {
                published: doc.published.or(opts.published),
                undated: opts.undated,
            });
            vane_formats::html(&page.url, &page.body, &page_opts)
                .map(|p| p.doc)
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// GET with the validators the ledger holds for `url`, recording the new ones.
/// `None` when the server says the page has not changed.
fn fetch_conditional(
    fetcher: &mut vane_fetch::Fetcher,
    store: &mut dyn Store,
    url: &str,
) -> Result<Option<vane_fetch::Fetched>, String> {
    let prior = store
        .fetch_state(url)
        .map_err(|e| format!("{url}: {e}"))?
        .map(|s| vane_fetch::Validators {
            etag: s.etag,
            last_modified: s.last_modified,
        });
    let got = fetcher
        .get(url, prior.as_ref())
        .map_err(|e| e.to_string())?;
    if got.etag.is_some() || got.last_modified.is_some() {
        store
            .put_fetch_state(&vane_ledger::FetchState {
                url: url.to_string(),
                etag: got.etag.clone(),
                last_modified: got.last_modified.clone(),
            })
            .map_err(|e| format!("{url}: {e}"))?;
    }
    Ok((!got.not_modified).then_some(got))
}

/// The learned judge of stance, when `--model` gave one.
static JUDGE: std::sync::OnceLock<Box<dyn vane_read::StanceJudge + Send>> =
    std::sync::OnceLock::new();

/// How the judge combines with the rules (`VANE_JUDGE_MODE`: `replace`, the
/// default, `union` or `confirm`).
static JUDGE_MODE: std::sync::OnceLock<vane_read::JudgeMode> = std::sync::OnceLock::new();

/// Loads the learned judge over the base model `--model` names (a `vane`
/// built with `--features model`): the head built into the binary, or the
/// safetensors file `VANE_JUDGE_HEAD` names. `cut` overrides the
/// probability of "not about it" from which a candidate is left out.
#[cfg(feature = "model")]
pub fn use_model(dir: &Path, cut: Option<f32>) -> Result<()> {
    let head = std::env::var_os("VANE_JUDGE_HEAD").map(std::path::PathBuf::from);
    let judge = vane_model::judge::Judge::load(dir, head.as_deref(), cut)
        .with_context(|| format!("loading the judge over the model in {}", dir.display()))?;
    let mode = match std::env::var("VANE_JUDGE_MODE").as_deref() {
        Ok("union") => vane_read::JudgeMode::Union,
        Ok("confirm") => vane_read::JudgeMode::Confirm,
        Ok("replace") | Err(_) => vane_read::JudgeMode::Replace,
        Ok(other) => anyhow::bail!(
            "VANE_JUDGE_MODE={other}: not a mode; use replace, union or confirm"
        ),
    };
    let _ = JUDGE_MODE.set(mode);
    let _ = JUDGE.set(Box::new(judge));
    Ok(())
}

/// Without the `model` feature there is no model to load.
#[cfg(not(feature = "model"))]
pub fn use_model(dir: &Path, _cut: Option<f32>) -> Result<()> {
    anyhow::bail!(
        "--model {}: this vane was built without the `model` feature; \
         build it with `cargo build --release -p vane --features model`",
        dir.display()
    )
}

/// Positions with the judge `--model` gave, if any.
fn positions_of(
    doc: &Document,
    r: &vane_read::Reading,
    kb: &Kb,
    qs: &[Compiled],
    recorded: RecordedTime,
) -> Vec<vane_core::Position> {
    let judges = vane_read::Judges {
        related: None,
        stance: JUDGE
            .get()
            .map(|j| j.as_ref() as &dyn vane_read::StanceJudge),
        mode: JUDGE_MODE.get().copied().unwrap_or_default(),
    };
    vane_read::positions_with(doc, r, kb, qs, recorded, &judges)
}

/// Readings of one document for every question (empty ones included, so
/// that they supersede older readings).
fn readings(doc: &Document, kb: &Kb, qs: &[Compiled], recorded: RecordedTime) -> Vec<Reading> {
    let r = vane_read::read(doc, kb);
    let ps = positions_of(doc, &r, kb, qs, recorded);
    qs.iter()
        .map(|q| Reading {
            document: doc.id.clone(),
            question: q.question.id.clone(),
            recorded,
            positions: ps
                .iter()
                .filter(|p| p.question == q.question.id)
                .cloned()
                .collect(),
        })
        .collect()
}

/// Reads documents on all cores; returns results in input order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let n = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let chunk = items.len().div_ceil(n).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("reader thread panicked"))
            .collect()
    })
}

pub fn ingest(a: IngestArgs) -> Result<ExitCode> {
    let mut store = SqliteStore::open(&a.db)
        .with_context(|| format!("cannot open ledger {}", a.db.display()))?;
    let kb = knowledge(Some(&store), &a.actors)?;
    let qs: Vec<Compiled> = store.questions()?.iter().map(questions::compile).collect();
    let (urls, paths): (Vec<PathBuf>, Vec<PathBuf>) = a
        .paths
        .iter()
        .cloned()
        .partition(|p| is_url(&p.to_string_lossy()));
    let (inputs, mut errors) = inputs(&paths);
    let opts = Options {
        published: a.published,
        undated: if a.allow_undated {
            UndatedPolicy::Keep
        } else {
            UndatedPolicy::Reject
        },
    };
    let map = match &a.map {
        Some(spec) => {
            vane_formats::FieldMap::parse(spec).map_err(|e| anyhow::anyhow!("--map: {e}"))?
        }
        None => vane_formats::FieldMap::default(),
    };
    let mut near = vane_formats::dedup::Index::default();
    let mut names: std::collections::HashMap<vane_core::DocId, String> = Default::default();
    let recorded = now();
    let (mut stored, mut dup, mut undated, mut npos) = (0usize, 0usize, 0usize, 0usize);
    let mut near_dup = 0usize;
    let mut versions = 0usize;
    let total = inputs.len() + urls.len();
    let progress =
        total > 200 && (a.progress || std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let started = std::time::Instant::now();
    let fetched = if urls.is_empty() {
        Vec::new()
    } else {
        let mut fetcher = vane_fetch::Fetcher::new(vane_fetch::Config {
            per_host_delay: std::time::Duration::from_millis(a.fetch_delay_ms),
            ..vane_fetch::Config::default()
        });
        let mut out = Vec::new();
        for u in &urls {
            out.extend(fetch_input(
                &mut fetcher,
                &mut store,
                &u.to_string_lossy(),
                a.input_format,
                &map,
                &opts,
            ));
        }
        vec![vec![out]]
    };
    let file_batches = inputs.chunks(BATCH).map(|chunk| {
        par_map(chunk, |inp| -> Vec<Result<Document, String>> {
            match read_capped(&inp.path, &inp.name, a.max_bytes) {
                Ok(bytes) => parse_input(&inp.name, &bytes, a.input_format, &map, &opts),
                Err(e) => vec![Err(e)],
            }
        })
    });
    for (k, parsed) in fetched.into_iter().chain(file_batches).enumerate() {
        let mut docs = Vec::new();
        // Near-duplicates are stored and linked to their first copy, but not read:
        // their statements would count twice.
        let mut copies: Vec<Document> = Vec::new();
        let mut links: Vec<DocLink> = Vec::new();
        for r in parsed.into_iter().flatten() {
            match r {
                Ok(d) => {
                    let seen = |x: &Document| x.id == d.id;
                    if store.has_document(&d.id)?
                        || docs.iter().any(seen)
                        || copies.iter().any(seen)
                    {
                        dup += 1;
                        continue;
                    }
                    // A changed version of something stored under the same URL or name.
                    let key = d.url.clone().unwrap_or_else(|| d.name.clone());
                    if let Some(old) = store.latest_named(&key)? {
                        let similarity = store.document(&old)?.map_or(0.0, |o| {
                            vane_formats::dedup::Signature::of(&o.text)
                                .similarity(&vane_formats::dedup::Signature::of(&d.text))
                        });
                        links.push(DocLink {
                            from: d.id.clone(),
                            to: old,
                            kind: LinkKind::VersionOf,
                            similarity: similarity as f32,
                        });
                        versions += 1;
                    }
                    if let Some(near) = near.check(&d.id, &d.text) {
                        let first = names
                            .get(&near.of)
                            .map_or(near.of.0.as_str(), |n| n.as_str());
                        eprintln!(
                            "note: {}: near-duplicate of {first} (similarity {:.2}); stored and linked, not read",
                            d.name, near.similarity
                        );
                        links.push(DocLink {
                            from: d.id.clone(),
                            to: near.of,
                            kind: LinkKind::NearDuplicateOf,
                            similarity: near.similarity as f32,
                        });
                        near_dup += 1;
                        copies.push(d);
                    } else {
                        names.insert(d.id.clone(), d.name.clone());
                        docs.push(d);
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        let reads = par_map(&docs, |d| readings(d, &kb, &qs, recorded));
        undated += docs.iter().filter(|d| d.published.is_none()).count();
        docs.extend(copies);
        let batch = Batch {
            readings: reads.into_iter().flatten().collect(),
            documents: docs,
        };
        let n = batch.documents.len();
        match store.commit(batch) {
            Ok(s) => {
                stored += s.new_documents.len();
                dup += s.duplicate_documents.len();
                npos += s.positions;
                // A link whose first copy is not stored (an earlier batch failed) is dropped.
                let stored_links: Vec<DocLink> = links
                    .into_iter()
                    .filter(|l| store.has_document(&l.to).unwrap_or(false))
                    .collect();
                if let Err(e) = store.put_links(&stored_links) {
                    errors.push(format!("links of a batch of {n} documents not stored: {e}"));
                }
            }
            Err(e) => errors.push(format!("batch of {n} documents not stored: {e}")),
        }
        if progress {
            progress_bar(((k + 1) * BATCH).min(total), total, started);
        }
    }
    if progress {
        eprintln!();
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    eprintln!(
        "read {total} files, stored {stored}, duplicate {dup}, near-duplicate {near_dup}, new versions {versions}, rejected {}, undated {undated}; {npos} positions on {} questions",
        errors.len(),
        qs.len()
    );
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn load_questions(db: &PathBuf, packs: &[PathBuf], file: &Path) -> Result<ExitCode> {
    let src = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    let qs = questions::parse_toml(&src).with_context(|| format!("{}", file.display()))?;
    let mut store =
        SqliteStore::open(db).with_context(|| format!("cannot open ledger {}", db.display()))?;
    let kb = knowledge(Some(&store), packs)?;
    store.put_questions(&qs)?;
    let compiled: Vec<Compiled> = qs.iter().map(questions::compile).collect();
    let ids = readable_ids(&store)?;
    let recorded = now();
    let mut npos = 0;
    for chunk in ids.chunks(BATCH) {
        let mut docs = Vec::new();
        for id in chunk {
            if let Some(d) = store.document(id)? {
                docs.push(d);
            }
        }
        let reads = par_map(&docs, |d| readings(d, &kb, &compiled, recorded));
        let s = store.commit(Batch {
            documents: Vec::new(),
            readings: reads.into_iter().flatten().collect(),
        })?;
        npos += s.positions;
    }
    eprintln!(
        "loaded {} questions; re-read {} documents; {npos} positions",
        qs.len(),
        ids.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The stored documents that are read for positions: all but near-duplicate
/// copies, whose statements would otherwise count twice.
fn readable_ids(store: &dyn Store) -> Result<Vec<vane_core::DocId>> {
    let copies: std::collections::HashSet<vane_core::DocId> = store
        .links()?
        .into_iter()
        .filter(|l| l.kind == LinkKind::NearDuplicateOf)
        .map(|l| l.from)
        .collect();
    Ok(store
        .document_ids()?
        .into_iter()
        .filter(|id| !copies.contains(id))
        .collect())
}

/// `vane questions suggest`: subjects named in officials' statements that no
/// watched question covers, as a tab-separated table.
pub fn suggest_questions(db: &PathBuf, limit: usize) -> Result<ExitCode> {
    let store =
        SqliteStore::open(db).with_context(|| format!("cannot open ledger {}", db.display()))?;
    let kb = knowledge(Some(&store), &[])?;
    let qs: Vec<Compiled> = store.questions()?.iter().map(questions::compile).collect();
    let mut texts: Vec<(String, String)> = Vec::new();
    for id in readable_ids(&store)? {
        let Some(doc) = store.document(&id)? else {
            continue;
        };
        let r = vane_read::read(&doc, &kb);
        for st in &r.statements {
            // Officials only: an actor with a government role at the time.
            let official = st
                .actor
                .as_ref()
                .and_then(|a| kb.get(a))
                .is_some_and(|a| a.rank_on(st.valid.from) != vane_core::Rank::None);
            if official {
                texts.push((doc.name.clone(), doc.text[st.evidence.range()].to_string()));
            }
        }
    }
    let known = |w: &str| kb.gov_code(w).is_some() || !kb.find(w).is_empty();
    let found = vane_read::suggest::suggest(
        texts.iter().map(|(d, t)| (d.as_str(), t.as_str())),
        &qs,
        &known,
        limit,
    );
    println!("subject\tdocuments\tstatements\texample");
    for s in found {
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
    let bench = match (a.format.as_str(), a.emit) {
        ("jsonl", _) => false,
        ("benchmark-json", Emit::Text) => true,
        (f, _) => anyhow::bail!(
            "unsupported --format {f:?} (use jsonl, or benchmark-json with --emit text)"
        ),
    };
    let kb = Kb::bundled();
    let qs: Vec<Compiled> = match &a.questions {
        Some(p) => questions::parse_toml(&std::fs::read_to_string(p)?)?
            .iter()
            .map(questions::compile)
            .collect(),
        None => Vec::new(),
    };
    let (inputs, mut errors) = inputs(&a.paths);
    let opts = Options {
        published: a.published,
        undated: UndatedPolicy::Keep,
    };
    let lines = par_map(&inputs, |inp| -> Vec<Result<(String, Document), String>> {
        let bytes = match std::fs::read(&inp.path) {
            Ok(b) => b,
            Err(e) => return vec![Err(format!("{}: cannot read: {e}", inp.name))],
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
        let docs = parse_input(
            &inp.name,
            &bytes,
            InputFormat::Auto,
            &vane_formats::FieldMap::default(),
            &opts,
        );
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
                out.push_str(&emit(&doc, &stem, a.emit, &kb, &qs));
                out.push('\n');
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

fn emit(doc: &Document, stem: &str, what: Emit, kb: &Kb, qs: &[Compiled]) -> String {
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
                    serde_json::json!({"start": s, "end": e, "kind": st.kind.as_str(),
                        "actor": st.actor.as_ref().map(|a| a.0.clone()),
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
            let ps = positions_of(doc, &r, kb, qs, RecordedTime { at: 0 });
            let items: Vec<_> = ps
                .iter()
                .map(|p| export::position_json(p, &doc.name, &doc.text, &ix))
                .collect();
            serde_json::json!({"document": stem, "positions": items})
        }
    };
    value.to_string()
}
