//! Weathervane's default ledger store: one SQLite file.
//!
//! WAL journal, `synchronous=NORMAL`, foreign keys on, recursive triggers
//! on, a busy timeout of [`BUSY_TIMEOUT`] and every write transaction
//! `BEGIN IMMEDIATE` (so that two writers queue instead of failing with
//! "database is locked"). The schema comes from numbered migrations
//! (`migrations/NNNN_*.sql`, never edited once written) applied in order
//! and tracked in `PRAGMA user_version`. Every table is append-only:
//! triggers refuse UPDATE, DELETE and an INSERT that meets an existing key
//! (`INSERT OR REPLACE` included).
//!
//! A document's text is checked against its id (the hex SHA-256 of the
//! text) whenever it is read; [`SqliteStore::check`] checks the whole file.
//!
//! Supersession is computed in SQL (a window over readings); the
//! conformance suite of `vane-ledger` checks that it agrees with
//! [`vane_ledger::current`].

use chrono::Datelike;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::HashSet;
use std::path::Path;
use vane_core::{
    ActorId, Date, DocId, Document, Evidence, Gov, Modality, Position, Question, Rank,
    RecordedTime, Stance, TextRange, TimeBasis, ValidTime, Why,
};
use vane_ledger::codes::{
    date, kind_code, parse_kind, ITEM_ALIAS, ITEM_OPPOSE, ITEM_SUPPORT, ITEM_TERM,
};
use vane_ledger::{
    check_batch, ActorPack, Batch, CommitSummary, DocLink, FetchState, Filter, LinkKind,
    ReadingHeader, ReadingId, Snapshot, Stats, Store, StoreError, ValidationError,
};

/// The migrations, in order. Migration `i` (0-based) brings the schema to
/// `user_version = i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_actor_packs.sql"),
    include_str!("../migrations/0003_document_links.sql"),
    include_str!("../migrations/0004_fetch_state.sql"),
    include_str!("../migrations/0005_position_why.sql"),
    include_str!("../migrations/0006_statement_search.sql"),
    include_str!("../migrations/0007_question_time_no_replace.sql"),
    include_str!("../migrations/0008_search_per_commit.sql"),
];

/// How long a connection waits for another writer's lock before failing.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// A [`Store`] in one SQLite database.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
}

fn be(context: &'static str) -> impl FnOnce(rusqlite::Error) -> StoreError {
    move |e| StoreError::backend(context, e)
}

impl SqliteStore {
    /// The positions of `snap` that pass `filter`, and `fts` (an FTS5
    /// query over their evidence text) when given, in position order, at
    /// most `limit`. Every value is a bound parameter.
    fn query_positions(
        &self,
        snap: &Snapshot,
        filter: &Filter,
        fts: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<Position>, StoreError> {
        let ctx = "querying positions";
        let mut args: Vec<Value> = vec![Value::Integer(
            snap.recorded_as_of.map_or(i64::MAX, |r| r.at),
        )];
        let mut on_readings = String::from("recorded_at <= ?1");
        if let Some(q) = &filter.question {
            args.push(Value::Text(q.clone()));
            on_readings.push_str(&format!(" AND question = ?{}", args.len()));
        }
        let mut on_positions = String::from("1");
        if let Some(v) = snap.valid_as_of {
            args.push(Value::Integer(day(v)));
            on_positions.push_str(&format!(" AND p.valid_from <= ?{}", args.len()));
        }
        if let Some(g) = &filter.government {
            args.push(Value::Text(g.0.clone()));
            on_positions.push_str(&format!(" AND p.government = ?{}", args.len()));
        }
        if let Some(a) = &filter.actor {
            args.push(Value::Text(a.0.clone()));
            on_positions.push_str(&format!(" AND p.actor = ?{}", args.len()));
        }
        let mut search = String::new();
        if let Some(q) = fts {
            args.push(Value::Text(q.to_string()));
            search = format!(
                " JOIN position_text t ON t.reading = p.reading AND t.ordinal = p.ordinal \
                 AND position_text MATCH ?{}",
                args.len()
            );
        }
        let mut limit_sql = String::new();
        if let Some(n) = limit {
            args.push(Value::Integer(i64::try_from(n).unwrap_or(i64::MAX)));
            limit_sql = format!(" LIMIT ?{}", args.len());
        }
        // Supersession, as `vane_ledger::current`: per (question, document),
        // the reading with the greatest id (the commit sequence) among
        // those recorded not after R.
        let sql = format!(
            "WITH cur(id) AS (\
               SELECT id FROM (\
                 SELECT id, row_number() OVER (PARTITION BY question, document \
                   ORDER BY id DESC) AS rn \
                 FROM readings WHERE {on_readings}\
               ) WHERE rn = 1\
             ) \
             SELECT {POSITION_COLUMNS} FROM cur JOIN positions p ON p.reading = cur.id{search} \
             WHERE {on_positions} \
             ORDER BY p.valid_from, p.valid_to, p.doc, p.ev_start, p.ev_end, p.reading, p.ordinal{limit_sql}"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(be(ctx))?;
        let raws = st
            .query_map(rusqlite::params_from_iter(args), RawPosition::from_row)
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(be(ctx))?;
        raws.into_iter().map(RawPosition::decode).collect()
    }

    /// Opens (creating if needed) the store at `path` and brings its schema
    /// up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        let path = path.as_ref();
        let conn = Connection::open(path)
            .map_err(|e| StoreError::backend(format!("opening {}", path.display()), e))?;
        SqliteStore::init(conn)
    }

    /// A fresh store in memory (gone when dropped).
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let conn = Connection::open_in_memory().map_err(be("opening an in-memory database"))?;
        SqliteStore::init(conn)
    }

    fn init(mut conn: Connection) -> Result<SqliteStore, StoreError> {
        // First: every statement below may meet another process's lock.
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(be("setting the busy timeout"))?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .map_err(be("setting the WAL journal mode"))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(be("setting synchronous=NORMAL"))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(be("enabling foreign keys"))?;
        // 32 MiB of page cache (the default is 2 MiB): bulk loads touch
        // several indexes at once.
        conn.pragma_update(None, "cache_size", -32768)
            .map_err(be("setting the cache size"))?;
        // REPLACE then fires the DELETE triggers, which refuse it (the
        // no-replace triggers of migration 7 refuse it on any connection).
        conn.pragma_update(None, "recursive_triggers", "ON")
            .map_err(be("enabling recursive triggers"))?;
        migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    /// Checks the whole file: SQLite's `integrity_check`, every document's
    /// text against its id, links (both ends stored, none from a document
    /// to itself), readings (their document stored) and positions (their
    /// reading stored, the same question and document, evidence inside
    /// the text). Reads only; the report lists every problem.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let ctx = "checking the ledger";
        let mut report = CheckReport::default();
        let mut st = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(be(ctx))?;
        let rows = st
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(be(ctx))?;
        report.integrity = rows.into_iter().filter(|r| r != "ok").collect();
        let mut st = self
            .conn
            .prepare("SELECT id, text FROM documents ORDER BY rowid")
            .map_err(be(ctx))?;
        let mut rows = st.query([]).map_err(be(ctx))?;
        while let Some(r) = rows.next().map_err(be(ctx))? {
            let id = DocId(r.get(0).map_err(be(ctx))?);
            let text: String = r.get(1).map_err(be(ctx))?;
            report.documents += 1;
            if !text_matches_id(&id, &text) {
                report.bad_hashes.push(id);
            }
        }
        let ids = |sql: &str| -> Result<Vec<String>, StoreError> {
            let mut st = self.conn.prepare(sql).map_err(be(ctx))?;
            let rows = st
                .query_map([], |r| r.get::<_, String>(0))
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(be(ctx))?;
            Ok(rows)
        };
        report.links = self
            .conn
            .query_row("SELECT count(*) FROM document_links", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(be(ctx))? as usize;
        report.dangling_links = ids("SELECT from_doc || ' -> ' || to_doc FROM document_links l \
             WHERE NOT EXISTS (SELECT 1 FROM documents WHERE id = l.from_doc) \
                OR NOT EXISTS (SELECT 1 FROM documents WHERE id = l.to_doc) ORDER BY id")?;
        report.self_links =
            ids("SELECT from_doc FROM document_links WHERE from_doc = to_doc ORDER BY id")?;
        report.readings = self
            .conn
            .query_row("SELECT count(*) FROM readings", [], |r| r.get::<_, i64>(0))
            .map_err(be(ctx))? as usize;
        report.orphan_readings = ids(
            "SELECT 'reading ' || id || ' of ' || document FROM readings r \
             WHERE NOT EXISTS (SELECT 1 FROM documents WHERE id = r.document) ORDER BY id",
        )?;
        report.positions = self
            .conn
            .query_row("SELECT count(*) FROM positions", [], |r| r.get::<_, i64>(0))
            .map_err(be(ctx))? as usize;
        report.bad_positions = ids(
            "SELECT 'position ' || p.ordinal || ' of reading ' || p.reading || ' on ' || p.doc \
             FROM positions p LEFT JOIN readings r ON r.id = p.reading \
             LEFT JOIN documents d ON d.id = p.doc \
             WHERE r.id IS NULL OR d.id IS NULL OR r.document != p.doc \
                OR r.question != p.question OR r.recorded_at != p.recorded_at \
                OR p.ev_start < 0 OR p.ev_end < p.ev_start \
                OR p.ev_end > length(CAST(d.text AS BLOB)) \
             ORDER BY p.reading, p.ordinal",
        )?;
        Ok(report)
    }

    /// The schema version of the open database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(be("reading the schema version"))
    }
}

/// What [`SqliteStore::check`] found. Each list names what is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// The lines of `PRAGMA integrity_check` other than `ok`.
    pub integrity: Vec<String>,
    pub documents: usize,
    /// Documents whose text does not hash to their id.
    pub bad_hashes: Vec<DocId>,
    pub links: usize,
    /// Links (`from -> to`) with an end that is not stored.
    pub dangling_links: Vec<String>,
    /// Documents linked to themselves.
    pub self_links: Vec<String>,
    pub readings: usize,
    /// Readings whose document is not stored.
    pub orphan_readings: Vec<String>,
    pub positions: usize,
    /// Positions whose reading or document is missing or disagrees with
    /// them, or whose evidence is outside the text.
    pub bad_positions: Vec<String>,
}

impl CheckReport {
    /// The number of problems found.
    pub fn problems(&self) -> usize {
        self.integrity.len()
            + self.bad_hashes.len()
            + self.dangling_links.len()
            + self.self_links.len()
            + self.orphan_readings.len()
            + self.bad_positions.len()
    }
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(be("reading the schema version"))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        // Immediate, and the version read again inside: another process
        // may be migrating the same file.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(be("starting a migration"))?;
        let now: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(be("reading the schema version"))?;
        if now > i as i64 {
            continue;
        }
        tx.execute_batch(sql)
            .map_err(|e| StoreError::backend(format!("applying migration {}", i + 1), e))?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .map_err(be("recording the schema version"))?;
        tx.commit().map_err(be("committing a migration"))?;
    }
    Ok(())
}

// ---- encodings -----------------------------------------------------------

fn day(d: Date) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn offset(x: usize) -> i64 {
    // A byte offset into a Rust string is below isize::MAX.
    x as i64
}

fn stored_text(tx: &Transaction<'_>, id: &DocId) -> Result<Option<String>, StoreError> {
    tx.prepare_cached("SELECT text FROM documents WHERE id = ?1")
        .and_then(|mut st| st.query_row([&id.0], |r| r.get(0)).optional())
        .map_err(|e| StoreError::backend(format!("reading document {id}"), e))
}

fn has_document(tx: &Transaction<'_>, id: &DocId) -> Result<bool, StoreError> {
    tx.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")
        .and_then(|mut st| st.exists([&id.0]))
        .map_err(|e| StoreError::backend(format!("looking up document {id}"), e))
}

/// Appends question versions (checked by `check_batch`).
fn put_questions(tx: &Transaction<'_>, qs: &[(Question, RecordedTime)]) -> Result<(), StoreError> {
    let mut put_q = tx
        .prepare_cached("INSERT INTO questions (id, proposition, recorded_at) VALUES (?1, ?2, ?3)")
        .map_err(be("preparing the question insert"))?;
    let mut put_item = tx
        .prepare_cached(
            "INSERT INTO question_items (version, field, ordinal, value) VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(be("preparing the question item insert"))?;
    for (q, recorded) in qs {
        let ctx = || format!("storing question {}", q.id);
        let version = put_q
            .insert(params![q.id, q.proposition, recorded.at])
            .map_err(|e| StoreError::backend(ctx(), e))?;
        for (field, items) in [
            (ITEM_ALIAS, &q.aliases),
            (ITEM_TERM, &q.terms),
            (ITEM_SUPPORT, &q.support_examples),
            (ITEM_OPPOSE, &q.oppose_examples),
        ] {
            for (i, v) in items.iter().enumerate() {
                put_item
                    .execute(params![version, field, i as i64, v])
                    .map_err(|e| StoreError::backend(ctx(), e))?;
            }
        }
    }
    Ok(())
}

/// Appends links (their documents checked to exist by the caller).
fn put_links(tx: &Transaction<'_>, links: &[DocLink]) -> Result<(), StoreError> {
    let mut put = tx
        .prepare_cached(
            "INSERT INTO document_links (from_doc, to_doc, kind, similarity) \
             VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(be("preparing the link insert"))?;
    for l in links {
        put.execute(params![
            l.from.0,
            l.to.0,
            l.kind.as_str(),
            l.similarity as f64
        ])
        .map_err(be("storing a document link"))?;
    }
    Ok(())
}

/// Whether `text` hashes to `id` (the hex SHA-256 of the text). Ids that
/// are not 64 hex digits (test fixtures) are not hashes and are not
/// checked here; `SqliteStore::check` reports them.
pub fn text_matches_id(id: &DocId, text: &str) -> bool {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex == id.0
}

fn looks_like_hash(id: &DocId) -> bool {
    id.0.len() == 64
        && id
            .0
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

const INSERT_POSITION: &str = "INSERT INTO positions (reading, ordinal, question, actor, \
     actor_name, government, rank, stance, qualifier, kind, modality, confidence, valid_from, \
     valid_to, basis, recorded_at, doc, ev_start, ev_end, reported, uncoordinated, judge, rules, \
     probability) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
     ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)";

/// Fills the full-text index for the positions of readings `?1..=?2`.
const INDEX_POSITION_TEXT: &str = "INSERT INTO position_text (text, reading, ordinal) \
     SELECT CAST(substr(CAST(d.text AS BLOB), p.ev_start + 1, p.ev_end - p.ev_start) AS TEXT), \
       p.reading, p.ordinal \
     FROM positions p JOIN documents d ON d.id = p.doc \
     WHERE p.reading >= ?1 AND p.reading <= ?2 ORDER BY p.reading, p.ordinal";

const POSITION_COLUMNS: &str = "p.question, p.actor, p.actor_name, p.government, p.rank, \
     p.stance, p.qualifier, p.kind, p.modality, p.confidence, p.valid_from, p.valid_to, p.basis, \
     p.recorded_at, p.doc, p.ev_start, p.ev_end, p.reported, p.uncoordinated, p.judge, p.rules, \
     p.probability";

/// The raw columns of a position row, before decoding.
struct RawPosition {
    question: String,
    actor: String,
    actor_name: String,
    government: String,
    rank: String,
    stance: String,
    qualifier: Option<String>,
    kind: String,
    modality: String,
    confidence: f64,
    valid_from: i64,
    valid_to: i64,
    basis: String,
    recorded_at: i64,
    doc: String,
    ev_start: i64,
    ev_end: i64,
    reported: bool,
    uncoordinated: bool,
    judge: String,
    rules: String,
    probability: Option<f64>,
}

impl RawPosition {
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawPosition> {
        Ok(RawPosition {
            question: r.get(0)?,
            actor: r.get(1)?,
            actor_name: r.get(2)?,
            government: r.get(3)?,
            rank: r.get(4)?,
            stance: r.get(5)?,
            qualifier: r.get(6)?,
            kind: r.get(7)?,
            modality: r.get(8)?,
            confidence: r.get(9)?,
            valid_from: r.get(10)?,
            valid_to: r.get(11)?,
            basis: r.get(12)?,
            recorded_at: r.get(13)?,
            doc: r.get(14)?,
            ev_start: r.get(15)?,
            ev_end: r.get(16)?,
            reported: r.get(17)?,
            uncoordinated: r.get(18)?,
            judge: r.get(19)?,
            rules: r.get(20)?,
            probability: r.get(21)?,
        })
    }

    fn decode(self) -> Result<Position, StoreError> {
        let doc = self.doc;
        let ctx = || format!("a position on document {doc}");
        let bad = |what: &str, v: &str| StoreError::corrupt(ctx(), format!("unknown {what} {v:?}"));
        let rank = Rank::parse(&self.rank).ok_or_else(|| bad("rank", &self.rank))?;
        let stance = Stance::parse(&self.stance).ok_or_else(|| bad("stance", &self.stance))?;
        let kind = parse_kind(&self.kind).ok_or_else(|| bad("statement kind", &self.kind))?;
        let modality =
            Modality::parse(&self.modality).ok_or_else(|| bad("modality", &self.modality))?;
        let basis = TimeBasis::parse(&self.basis).ok_or_else(|| bad("time basis", &self.basis))?;
        let from = date(self.valid_from, &ctx)?;
        let to = date(self.valid_to, &ctx)?;
        let (start, end) = match (usize::try_from(self.ev_start), usize::try_from(self.ev_end)) {
            (Ok(s), Ok(e)) if s <= e => (s, e),
            _ => {
                return Err(StoreError::corrupt(
                    ctx(),
                    format!("bad evidence range {}..{}", self.ev_start, self.ev_end),
                ))
            }
        };
        Ok(Position {
            question: self.question,
            actor: ActorId(self.actor),
            actor_name: self.actor_name,
            government: Gov(self.government),
            rank,
            stance,
            qualifier: self.qualifier,
            kind,
            modality,
            confidence: self.confidence as f32,
            valid: ValidTime { from, to, basis },
            recorded: RecordedTime {
                at: self.recorded_at,
            },
            evidence: Evidence {
                doc: DocId(doc),
                range: TextRange { start, end },
            },
            reported: self.reported,
            uncoordinated: self.uncoordinated,
            why: Why {
                judge: self.judge,
                rules: self
                    .rules
                    .split(',')
                    .filter(|r| !r.is_empty())
                    .map(str::to_string)
                    .collect(),
                probability: self.probability.map(|p| p as f32),
            },
        })
    }
}

impl Store for SqliteStore {
    fn commit(&mut self, mut batch: Batch) -> Result<CommitSummary, StoreError> {
        let tx = self
            .conn
            // Immediate: take the write lock before reading, so that a
            // concurrent writer makes us wait (busy timeout) rather than fail.
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(be("starting a transaction"))?;
        check_batch(&batch, &mut |id| stored_text(&tx, id))?;
        // Documents another writer stored first: their readings and links
        // in this batch are dropped (they were read and linked then).
        let mut stored = HashSet::new();
        for d in &batch.documents {
            if has_document(&tx, &d.id)? {
                stored.insert(d.id.clone());
            }
        }
        batch.claimed_by_others(&stored);
        let mut summary = CommitSummary::default();
        {
            put_questions(&tx, &batch.questions)?;
            let mut put_doc = tx
                .prepare_cached(
                    "INSERT INTO documents (id, name, title, published, source, url, text) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(be("preparing the document insert"))?;
            let mut seen = HashSet::new();
            for d in batch.documents {
                if stored.contains(&d.id) || !seen.insert(d.id.clone()) {
                    summary.duplicate_documents.push(d.id);
                    continue;
                }
                let n = put_doc
                    .execute(params![
                        d.id.0,
                        d.name,
                        d.title,
                        d.published.map(day),
                        d.source,
                        d.url,
                        d.text
                    ])
                    .map_err(|e| StoreError::backend(format!("storing document {}", d.id), e))?;
                if n == 0 {
                    summary.duplicate_documents.push(d.id);
                } else {
                    summary.new_documents.push(d.id);
                }
            }
            put_links(&tx, &batch.links)?;
            let mut put_reading = tx
                .prepare_cached(
                    "INSERT INTO readings (document, question, recorded_at) VALUES (?1, ?2, ?3)",
                )
                .map_err(be("preparing the reading insert"))?;
            let mut put_position = tx
                .prepare_cached(INSERT_POSITION)
                .map_err(be("preparing the position insert"))?;
            for r in batch.readings {
                let ctx = || format!("storing a reading of document {}", r.document);
                let id = put_reading
                    .insert(params![r.document.0, r.question, r.recorded.at])
                    .map_err(|e| StoreError::backend(ctx(), e))?;
                summary.readings.push(ReadingId(id));
                for (i, p) in r.positions.iter().enumerate() {
                    put_position
                        .execute(params![
                            id,
                            i as i64,
                            p.question,
                            p.actor.0,
                            p.actor_name,
                            p.government.0,
                            p.rank.as_str(),
                            p.stance.as_str(),
                            p.qualifier,
                            kind_code(p.kind),
                            p.modality.as_str(),
                            f64::from(p.confidence),
                            day(p.valid.from),
                            day(p.valid.to),
                            p.valid.basis.as_str(),
                            p.recorded.at,
                            p.evidence.doc.0,
                            offset(p.evidence.range.start),
                            offset(p.evidence.range.end),
                            p.reported,
                            p.uncoordinated,
                            p.why.judge,
                            p.why.rules.join(","),
                            p.why.probability.map(f64::from),
                        ])
                        .map_err(|e| StoreError::backend(ctx(), e))?;
                }
                summary.positions += r.positions.len();
            }
            // The full-text index of the commit's statements, in one
            // statement (migration 8): the readings' ids run from the
            // first to the last, nothing else writes inside this transaction.
            if let (Some(first), Some(last)) = (summary.readings.first(), summary.readings.last()) {
                if summary.positions > 0 {
                    tx.prepare_cached(INDEX_POSITION_TEXT)
                        .and_then(|mut st| st.execute(params![first.0, last.0]))
                        .map_err(be("indexing the statements for search"))?;
                }
            }
        }
        tx.commit().map_err(be("committing a batch"))?;
        Ok(summary)
    }

    fn document(&self, id: &DocId) -> Result<Option<Document>, StoreError> {
        let ctx = || format!("reading document {id}");
        let row = self
            .conn
            .prepare_cached(
                "SELECT name, title, published, source, url, text FROM documents WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([&id.0], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                })
                .optional()
            })
            .map_err(|e| StoreError::backend(ctx(), e))?;
        let Some((name, title, published, source, url, text)) = row else {
            return Ok(None);
        };
        if looks_like_hash(id) && !text_matches_id(id, &text) {
            return Err(StoreError::corrupt(
                ctx(),
                "its text does not hash to its id (the document was altered)",
            ));
        }
        let published = published.map(|d| date(d, &ctx)).transpose()?;
        Ok(Some(Document {
            id: id.clone(),
            name,
            title,
            published,
            source,
            url,
            text,
        }))
    }

    fn document_ids(&self) -> Result<Vec<DocId>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM documents ORDER BY id")
            .map_err(be("listing documents"))?;
        let ids = st
            .query_map([], |r| r.get(0).map(DocId))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(be("listing documents"))?;
        Ok(ids)
    }

    fn has_document(&self, id: &DocId) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")
            .and_then(|mut st| st.exists([&id.0]))
            .map_err(|e| StoreError::backend(format!("looking up document {id}"), e))
    }

    fn questions_as_of(&self, as_of: Option<RecordedTime>) -> Result<Vec<Question>, StoreError> {
        let ctx = "reading questions";
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT q.version, q.id, q.proposition FROM questions q \
                 WHERE q.version = (SELECT max(version) FROM questions \
                                    WHERE id = q.id AND recorded_at <= ?1) \
                 ORDER BY q.id",
            )
            .map_err(be(ctx))?;
        let heads = st
            .query_map([as_of.map_or(i64::MAX, |r| r.at)], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(be(ctx))?;
        let mut items = self
            .conn
            .prepare_cached(
                "SELECT field, value FROM question_items WHERE version = ?1 \
                 ORDER BY field, ordinal",
            )
            .map_err(be(ctx))?;
        let mut out = Vec::with_capacity(heads.len());
        for (version, id, proposition) in heads {
            let mut q = Question {
                id,
                proposition,
                ..Question::default()
            };
            let rows = items
                .query_map([version], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(be(ctx))?;
            for (field, value) in rows {
                match field.as_str() {
                    ITEM_ALIAS => q.aliases.push(value),
                    ITEM_TERM => q.terms.push(value),
                    ITEM_SUPPORT => q.support_examples.push(value),
                    ITEM_OPPOSE => q.oppose_examples.push(value),
                    other => {
                        return Err(StoreError::corrupt(
                            format!("question {}", q.id),
                            format!("unknown item field {other:?}"),
                        ))
                    }
                }
            }
            out.push(q);
        }
        Ok(out)
    }

    fn readings(&self) -> Result<Vec<ReadingHeader>, StoreError> {
        let ctx = "listing readings";
        let mut st = self
            .conn
            .prepare_cached("SELECT id, document, question, recorded_at FROM readings ORDER BY id")
            .map_err(be(ctx))?;
        let rows = st
            .query_map([], |r| {
                Ok(ReadingHeader {
                    id: ReadingId(r.get(0)?),
                    document: DocId(r.get(1)?),
                    question: r.get(2)?,
                    recorded: RecordedTime { at: r.get(3)? },
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(be(ctx))?;
        Ok(rows)
    }

    fn positions(&self, snap: &Snapshot, filter: &Filter) -> Result<Vec<Position>, StoreError> {
        self.query_positions(snap, filter, None, None)
    }

    fn search(
        &self,
        snap: &Snapshot,
        filter: &Filter,
        query: &str,
        limit: usize,
    ) -> Result<Vec<Position>, StoreError> {
        let terms = vane_ledger::search_terms(query);
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // Each term a quoted FTS5 string: never query syntax.
        let fts: Vec<String> = terms
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect();
        self.query_positions(snap, filter, Some(&fts.join(" ")), Some(limit))
    }

    fn put_pack(&mut self, pack: &ActorPack) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO actor_packs (label, recorded_at, toml) VALUES (?1, ?2, ?3)",
                params![pack.label, pack.recorded.at, pack.toml],
            )
            .map_err(be("storing an actor pack"))?;
        Ok(())
    }

    fn put_links(&mut self, links: &[DocLink]) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(be("starting a transaction"))?;
        for l in links {
            vane_ledger::check_link(l)?;
            for id in [&l.from, &l.to] {
                if !has_document(&tx, id)? {
                    return Err(StoreError::Invalid(ValidationError::UnknownLinked {
                        doc: id.clone(),
                    }));
                }
            }
        }
        put_links(&tx, links)?;
        tx.commit().map_err(be("committing document links"))
    }

    fn links(&self) -> Result<Vec<DocLink>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT from_doc, to_doc, kind, similarity FROM document_links ORDER BY id",
            )
            .map_err(be("reading document links"))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, f64>(3)?,
                ))
            })
            .map_err(be("reading document links"))?;
        let mut out = Vec::new();
        for row in rows {
            let (from, to, kind, similarity) = row.map_err(be("reading document links"))?;
            let kind = LinkKind::parse(&kind).ok_or_else(|| {
                StoreError::corrupt(
                    format!("link from {from}"),
                    format!("unknown kind {kind:?}"),
                )
            })?;
            out.push(DocLink {
                from: DocId(from),
                to: DocId(to),
                kind,
                similarity: similarity as f32,
            });
        }
        Ok(out)
    }

    fn put_fetch_state(&mut self, state: &FetchState) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO fetch_state (url, etag, last_modified) VALUES (?1, ?2, ?3)",
                params![state.url, state.etag, state.last_modified],
            )
            .map_err(be("storing fetch state"))?;
        Ok(())
    }

    fn fetch_state(&self, url: &str) -> Result<Option<FetchState>, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT etag, last_modified FROM fetch_state WHERE url = ?1 ORDER BY id DESC LIMIT 1",
            )
            .and_then(|mut st| {
                st.query_row([url], |r| {
                    Ok(FetchState {
                        url: url.to_string(),
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                })
                .optional()
            })
            .map_err(be("reading fetch state"))
    }

    fn latest_named(&self, key: &str) -> Result<Option<DocId>, StoreError> {
        let find = |sql: &str| -> Result<Option<DocId>, StoreError> {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut st| st.query_row([key], |r| r.get::<_, String>(0)).optional())
                .map(|o| o.map(DocId))
                .map_err(be("looking up a document by name"))
        };
        match find("SELECT id FROM documents WHERE url = ?1 ORDER BY rowid DESC LIMIT 1")? {
            Some(id) => Ok(Some(id)),
            None => find("SELECT id FROM documents WHERE name = ?1 ORDER BY rowid DESC LIMIT 1"),
        }
    }

    fn packs(&self) -> Result<Vec<ActorPack>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT label, recorded_at, toml FROM actor_packs ORDER BY id")
            .map_err(be("reading actor packs"))?;
        let rows = st
            .query_map([], |r| {
                Ok(ActorPack {
                    label: r.get(0)?,
                    recorded: RecordedTime { at: r.get(1)? },
                    toml: r.get(2)?,
                })
            })
            .map_err(be("reading actor packs"))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(be("reading actor packs"))
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let ctx = "counting";
        let (documents, questions, readings, positions) = self
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM documents), \
                        (SELECT count(DISTINCT id) FROM questions), \
                        (SELECT count(*) FROM readings), \
                        (SELECT count(*) FROM positions)",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?,
                    ))
                },
            )
            .map_err(be(ctx))?;
        Ok(Stats {
            documents: documents as usize,
            questions: questions as usize,
            readings: readings as usize,
            positions: positions as usize,
        })
    }
}
