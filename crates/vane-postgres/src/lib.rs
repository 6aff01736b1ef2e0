//! Weathervane's ledger in PostgreSQL, for more than one machine: N
//! workers (`vane worker`) reading documents from a shared queue into one
//! ledger.
//!
//! The semantics are the ledger's (`vane_ledger`), checked by the same
//! conformance suite as the in-memory and SQLite stores. What differs:
//!
//! * **Numbered migrations** (`migrations/NNNN_*.sql`, never edited once
//!   written), applied in one transaction under an advisory lock (so that
//!   workers starting together do not race) and recorded in
//!   `vane_migrations`.
//! * **Append-only by triggers**, as in SQLite: UPDATE, DELETE and TRUNCATE
//!   of ledger tables raise an error. The queue table is working state and
//!   is updated in place.
//! * **Reading ids increase in commit order.** Every commit takes a
//!   transaction-level advisory lock before it allocates reading ids from
//!   the `readings` sequence, so a commit that allocates later also commits
//!   later. Commits are short (the reading is done before); the lock only
//!   orders the appends.
//! * **Bulk appends**: a batch's readings, positions and search words are
//!   each one `INSERT ... SELECT FROM unnest($arrays)`: one round trip per
//!   table, whatever the batch size.
//! * **Search** stores the words of each position's evidence text
//!   ([`vane_ledger::search_terms`]) in a GIN-indexed `TEXT[]`, so it
//!   answers exactly as the in-memory definition does.
//! * **Sorting is by bytes** (`COLLATE "C"`), as Rust sorts strings.
//! * A schema other than `public` can be named ([`PgStore::connect_in`]):
//!   the tests give each store its own.
//!
//! PostgreSQL text cannot hold NUL characters: a document with one is
//! refused by the server (a backend error), where SQLite would store it.

mod queue;

pub use queue::{Claim, ClaimedItem, QueueCounts, QueueError};

use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Transaction};
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard, PoisonError};
use vane_core::{
    ActorId, Date, DocId, Document, Evidence, Gov, Modality, Position, Question, Rank,
    RecordedTime, Stance, TextRange, TimeBasis, ValidTime, Why,
};
use vane_ledger::codes::{
    self, kind_code, parse_kind, ITEM_ALIAS, ITEM_OPPOSE, ITEM_SUPPORT, ITEM_TERM,
};
use vane_ledger::{
    check_batch, ActorPack, Batch, CommitSummary, DocLink, FetchState, Filter, LinkKind,
    ReadingHeader, ReadingId, Snapshot, Stats, Store, StoreError, ValidationError,
};

/// The migrations, in order. Migration `i` (0-based) brings the schema to
/// version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_queue.sql"),
    include_str!("../migrations/0003_question_time.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The first key of the advisory locks this crate takes (the second is the
/// schema's hash): 1 orders ledger commits, 2 migrations.
const LOCK_CLASS: i32 = 0x7661_6e65; // "vane"

/// Whether `s` names a PostgreSQL database (`postgres://` or `postgresql://`).
pub fn is_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// A [`Store`] in one PostgreSQL schema.
pub struct PgStore {
    client: Mutex<Client>,
    schema: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

fn be(context: &'static str) -> impl FnOnce(postgres::Error) -> StoreError {
    move |e| StoreError::backend(context, e)
}

impl PgStore {
    /// Connects to `url` (a libpq connection string or URL, without TLS)
    /// and brings the schema `public` up to date.
    pub fn connect(url: &str) -> Result<PgStore, StoreError> {
        PgStore::connect_in(url, "public")
    }

    /// Connects to `url` and uses `schema` (created if missing; lowercase
    /// letters, digits and `_` only), bringing it up to date.
    pub fn connect_in(url: &str, schema: &str) -> Result<PgStore, StoreError> {
        let ok = !schema.is_empty()
            && schema.len() <= 63
            && !schema.starts_with(|c: char| c.is_ascii_digit())
            && schema
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            return Err(StoreError::backend(
                "choosing a schema",
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("{schema:?} is not a plain schema name"),
                ),
            ));
        }
        let mut client = Client::connect(url, NoTls).map_err(be("connecting to PostgreSQL"))?;
        // The name is checked above: it is safe to splice.
        client
            .batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema}; \
                 SET client_min_messages TO warning"
            ))
            .map_err(be("choosing the schema"))?;
        migrate(&mut client)?;
        Ok(PgStore {
            client: Mutex::new(client),
            schema: schema.to_string(),
        })
    }

    /// The schema this store lives in.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let mut c = self.client();
        found_version(&mut c)
    }

    /// Drops the whole schema and everything in it (tests and benches:
    /// the append-only triggers do not fire on DROP).
    pub fn drop_schema(self) -> Result<(), StoreError> {
        let schema = self.schema.clone();
        let mut c = self
            .client
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
            .map_err(be("dropping the schema"))
    }

    fn client(&self) -> MutexGuard<'_, Client> {
        self.client.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn client_mut(&mut self) -> &mut Client {
        self.client
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs a raw SQL batch on this store's connection (tests: to check
    /// that the triggers refuse what they must).
    pub fn execute_raw(&self, sql: &str) -> Result<(), StoreError> {
        self.client()
            .batch_execute(sql)
            .map_err(be("running raw SQL"))
    }

    /// The positions of `snap` that pass `filter` and carry every one of
    /// `words` (when given) in their evidence, in position order, at most
    /// `limit`.
    fn query_positions(
        &self,
        snap: &Snapshot,
        filter: &Filter,
        words: Option<&[String]>,
        limit: Option<usize>,
    ) -> Result<Vec<Position>, StoreError> {
        let mut args: Vec<Box<dyn ToSql + Sync>> =
            vec![Box::new(snap.recorded_as_of.map_or(i64::MAX, |r| r.at))];
        let mut on_readings = String::from("recorded_at <= $1");
        if let Some(q) = &filter.question {
            args.push(Box::new(q.clone()));
            on_readings.push_str(&format!(" AND question = ${}", args.len()));
        }
        let mut on_positions = String::from("TRUE");
        if let Some(v) = snap.valid_as_of {
            args.push(Box::new(day(v)));
            on_positions.push_str(&format!(" AND p.valid_from <= ${}", args.len()));
        }
        if let Some(g) = &filter.government {
            args.push(Box::new(g.0.clone()));
            on_positions.push_str(&format!(" AND p.government = ${}", args.len()));
        }
        if let Some(a) = &filter.actor {
            args.push(Box::new(a.0.clone()));
            on_positions.push_str(&format!(" AND p.actor = ${}", args.len()));
        }
        let mut search = String::new();
        if let Some(w) = words {
            args.push(Box::new(w.to_vec()));
            search = format!(
                " JOIN position_words w ON w.reading = p.reading AND w.ordinal = p.ordinal \
                 AND w.words @> ${}::text[]",
                args.len()
            );
        }
        let mut limit_sql = String::new();
        if let Some(n) = limit {
            args.push(Box::new(i64::try_from(n).unwrap_or(i64::MAX)));
            limit_sql = format!(" LIMIT ${}", args.len());
        }
        // Supersession, as `vane_ledger::current`: per (question, document),
        // the reading with the greatest id (commit order) among those
        // recorded not after R.
        let sql = format!(
            "WITH cur AS (\
               SELECT DISTINCT ON (question, document) id FROM readings \
               WHERE {on_readings} \
               ORDER BY question, document, id DESC\
             ) \
             SELECT {POSITION_COLUMNS} FROM cur JOIN positions p ON p.reading = cur.id{search} \
             WHERE {on_positions} \
             ORDER BY p.valid_from, p.valid_to, p.doc, p.ev_start, p.ev_end, p.reading, p.ordinal\
             {limit_sql}"
        );
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
        let rows = self
            .client()
            .query(&sql, &params)
            .map_err(be("querying positions"))?;
        rows.iter().map(decode_position).collect()
    }
}

fn found_version(c: &mut Client) -> Result<i64, StoreError> {
    let row = c
        .query_one("SELECT coalesce(max(version), 0) FROM vane_migrations", &[])
        .map_err(be("reading the schema version"))?;
    Ok(i64::from(row.get::<_, i32>(0)))
}

fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let mut tx = client.transaction().map_err(be("starting a migration"))?;
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))",
        &[&(LOCK_CLASS + 1)],
    )
    .map_err(be("locking for migration"))?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS vane_migrations (\
           version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .map_err(be("creating the migrations table"))?;
    let found: i64 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM vane_migrations", &[])
        .map(|r| i64::from(r.get::<_, i32>(0)))
        .map_err(be("reading the schema version"))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        tx.batch_execute(sql)
            .map_err(|e| StoreError::backend(format!("applying migration {}", i + 1), e))?;
        tx.execute(
            "INSERT INTO vane_migrations (version) VALUES ($1)",
            &[&((i + 1) as i32)],
        )
        .map_err(be("recording the schema version"))?;
    }
    tx.commit().map_err(be("committing migrations"))
}

// ---- encodings -----------------------------------------------------------

fn day(d: Date) -> i32 {
    use chrono::Datelike as _;
    d.num_days_from_ce()
}

fn date(days: i32, context: &dyn Fn() -> String) -> Result<Date, StoreError> {
    codes::date(i64::from(days), context)
}

fn offset(x: usize) -> i64 {
    // A byte offset into a Rust string is below isize::MAX.
    x as i64
}

const POSITION_COLUMNS: &str = "p.question, p.actor, p.actor_name, p.government, p.rank, \
     p.stance, p.qualifier, p.kind, p.modality, p.confidence, p.valid_from, p.valid_to, p.basis, \
     p.recorded_at, p.doc, p.ev_start, p.ev_end, p.reported, p.uncoordinated, p.judge, p.rules, \
     p.probability";

fn decode_position(r: &Row) -> Result<Position, StoreError> {
    let get = |e: postgres::Error| StoreError::corrupt("a position row", e.to_string());
    let doc: String = r.try_get(14).map_err(get)?;
    let ctx = || format!("a position on document {doc}");
    let text = |i: usize| -> Result<String, StoreError> { r.try_get(i).map_err(get) };
    let bad = |what: &str, v: &str| StoreError::corrupt(ctx(), format!("unknown {what} {v:?}"));
    let rank_s = text(4)?;
    let rank = Rank::parse(&rank_s).ok_or_else(|| bad("rank", &rank_s))?;
    let stance_s = text(5)?;
    let stance = Stance::parse(&stance_s).ok_or_else(|| bad("stance", &stance_s))?;
    let kind_s = text(7)?;
    let kind = parse_kind(&kind_s).ok_or_else(|| bad("statement kind", &kind_s))?;
    let modality_s = text(8)?;
    let modality = Modality::parse(&modality_s).ok_or_else(|| bad("modality", &modality_s))?;
    let basis_s = text(12)?;
    let basis = TimeBasis::parse(&basis_s).ok_or_else(|| bad("time basis", &basis_s))?;
    let from = date(r.try_get(10).map_err(get)?, &ctx)?;
    let to = date(r.try_get(11).map_err(get)?, &ctx)?;
    let ev_start: i64 = r.try_get(15).map_err(get)?;
    let ev_end: i64 = r.try_get(16).map_err(get)?;
    let (start, end) = match (usize::try_from(ev_start), usize::try_from(ev_end)) {
        (Ok(s), Ok(e)) if s <= e => (s, e),
        _ => {
            return Err(StoreError::corrupt(
                ctx(),
                format!("bad evidence range {ev_start}..{ev_end}"),
            ))
        }
    };
    let rules: String = r.try_get(20).map_err(get)?;
    Ok(Position {
        question: text(0)?,
        actor: ActorId(text(1)?),
        actor_name: text(2)?,
        government: Gov(text(3)?),
        rank,
        stance,
        qualifier: r.try_get(6).map_err(get)?,
        kind,
        modality,
        confidence: r.try_get(9).map_err(get)?,
        valid: ValidTime { from, to, basis },
        recorded: RecordedTime {
            at: r.try_get(13).map_err(get)?,
        },
        evidence: Evidence {
            doc: DocId(doc.clone()),
            range: TextRange { start, end },
        },
        reported: r.try_get(17).map_err(get)?,
        uncoordinated: r.try_get(18).map_err(get)?,
        why: Why {
            judge: r.try_get(19).map_err(get)?,
            rules: rules
                .split(',')
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect(),
            probability: r.try_get(21).map_err(get)?,
        },
    })
}

fn stored_text(tx: &mut Transaction<'_>, id: &DocId) -> Result<Option<String>, StoreError> {
    tx.query_opt("SELECT text FROM documents WHERE id = $1", &[&id.0])
        .map(|r| r.map(|r| r.get(0)))
        .map_err(|e| StoreError::backend(format!("reading document {id}"), e))
}

/// Appends `batch` inside `tx` (which the caller commits): the body of
/// [`Store::commit`], shared with the queue's claimed commits. In order:
/// questions, documents, links, readings. The batch's documents already
/// stored (by another writer, before the commit lock was taken) keep their
/// readings and links: the batch's are dropped
/// ([`Batch::claimed_by_others`]).
pub(crate) fn commit_in(
    tx: &mut Transaction<'_>,
    mut batch: Batch,
) -> Result<CommitSummary, StoreError> {
    // Orders commits: reading ids are allocated under this lock, so they
    // increase in commit order, and what is stored cannot change between
    // the look-ups below and the inserts.
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))",
        &[&LOCK_CLASS],
    )
    .map_err(be("taking the commit lock"))?;
    let mut texts: HashMap<DocId, String> = HashMap::new();
    check_batch(&batch, &mut |id| {
        let t = stored_text(tx, id)?;
        if let Some(t) = &t {
            texts.insert(id.clone(), t.clone());
        }
        Ok(t)
    })?;
    // check_batch looked up every document of the batch: those found are stored.
    let stored: HashSet<DocId> = batch
        .documents
        .iter()
        .filter(|d| texts.contains_key(&d.id))
        .map(|d| d.id.clone())
        .collect();
    batch.claimed_by_others(&stored);
    insert_questions(tx, &batch.questions)?;
    let mut summary = CommitSummary::default();
    // Documents: the first copy of each id in the batch, unless stored.
    let mut seen: HashSet<&DocId> = HashSet::new();
    let firsts: Vec<&Document> = batch
        .documents
        .iter()
        .filter(|d| !stored.contains(&d.id) && seen.insert(&d.id))
        .collect();
    if !firsts.is_empty() {
        let ids: Vec<&str> = firsts.iter().map(|d| d.id.0.as_str()).collect();
        let names: Vec<&str> = firsts.iter().map(|d| d.name.as_str()).collect();
        let titles: Vec<Option<&str>> = firsts.iter().map(|d| d.title.as_deref()).collect();
        let published: Vec<Option<i32>> = firsts.iter().map(|d| d.published.map(day)).collect();
        let sources: Vec<Option<&str>> = firsts.iter().map(|d| d.source.as_deref()).collect();
        let urls: Vec<Option<&str>> = firsts.iter().map(|d| d.url.as_deref()).collect();
        let bodies: Vec<&str> = firsts.iter().map(|d| d.text.as_str()).collect();
        tx.execute(
            "INSERT INTO documents (id, name, title, published, source, url, text) \
             SELECT id, name, title, published, source, url, text \
             FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], \
               $6::text[], $7::text[]) WITH ORDINALITY AS t(id, name, title, published, \
               source, url, text, n) ORDER BY n",
            &[&ids, &names, &titles, &published, &sources, &urls, &bodies],
        )
        .map_err(be("storing documents"))?;
    }
    let mut counted: HashSet<&DocId> = HashSet::new();
    for d in &batch.documents {
        if counted.insert(&d.id) && !stored.contains(&d.id) {
            summary.new_documents.push(d.id.clone());
        } else {
            summary.duplicate_documents.push(d.id.clone());
        }
    }
    insert_links(tx, &batch.links)?;
    for d in batch.documents {
        texts.entry(d.id).or_insert(d.text);
    }
    if batch.readings.is_empty() {
        return Ok(summary);
    }
    // Reading ids, allocated under the commit lock.
    let n = batch.readings.len() as i64;
    let mut ids: Vec<i64> = tx
        .query(
            "SELECT nextval('readings_id_seq') FROM generate_series(1, $1::bigint)",
            &[&n],
        )
        .map_err(be("allocating reading ids"))?
        .iter()
        .map(|r| r.get(0))
        .collect();
    ids.sort_unstable();
    let docs: Vec<&str> = batch
        .readings
        .iter()
        .map(|r| r.document.0.as_str())
        .collect();
    let qs: Vec<&str> = batch.readings.iter().map(|r| r.question.as_str()).collect();
    let ats: Vec<i64> = batch.readings.iter().map(|r| r.recorded.at).collect();
    tx.execute(
        "INSERT INTO readings (id, document, question, recorded_at) \
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])",
        &[&ids, &docs, &qs, &ats],
    )
    .map_err(be("storing readings"))?;
    summary.readings = ids.iter().map(|i| ReadingId(*i)).collect();
    let mut cols = PositionColumns::default();
    for (r, id) in batch.readings.iter().zip(&ids) {
        let text = texts.get(&r.document).map_or("", String::as_str);
        for (i, p) in r.positions.iter().enumerate() {
            cols.push(*id, i as i32, p, text);
        }
        summary.positions += r.positions.len();
    }
    if summary.positions > 0 {
        cols.insert(tx)?;
    }
    Ok(summary)
}

/// Appends question versions (each with its recorded time), in order.
fn insert_questions(
    tx: &mut Transaction<'_>,
    qs: &[(Question, RecordedTime)],
) -> Result<(), StoreError> {
    for (q, at) in qs {
        let ctx = || format!("storing question {}", q.id);
        let version: i64 = tx
            .query_one(
                "INSERT INTO questions (id, proposition, recorded_at) VALUES ($1, $2, $3) \
                 RETURNING version",
                &[&q.id, &q.proposition, &at.at],
            )
            .map_err(|e| StoreError::backend(ctx(), e))?
            .get(0);
        for (field, items) in [
            (ITEM_ALIAS, &q.aliases),
            (ITEM_TERM, &q.terms),
            (ITEM_SUPPORT, &q.support_examples),
            (ITEM_OPPOSE, &q.oppose_examples),
        ] {
            if items.is_empty() {
                continue;
            }
            let ordinals: Vec<i32> = (0..items.len() as i32).collect();
            tx.execute(
                "INSERT INTO question_items (version, field, ordinal, value) \
                 SELECT $1, $2, o, v FROM unnest($3::int[], $4::text[]) AS t(o, v)",
                &[&version, &field, &ordinals, items],
            )
            .map_err(|e| StoreError::backend(ctx(), e))?;
        }
    }
    Ok(())
}

/// Appends document links, in order (checked by the caller).
fn insert_links(tx: &mut Transaction<'_>, links: &[DocLink]) -> Result<(), StoreError> {
    if links.is_empty() {
        return Ok(());
    }
    let from: Vec<&str> = links.iter().map(|l| l.from.0.as_str()).collect();
    let to: Vec<&str> = links.iter().map(|l| l.to.0.as_str()).collect();
    let kind: Vec<&str> = links.iter().map(|l| l.kind.as_str()).collect();
    let similarity: Vec<f32> = links.iter().map(|l| l.similarity).collect();
    tx.execute(
        "INSERT INTO document_links (from_doc, to_doc, kind, similarity) \
         SELECT f, t, k, s FROM unnest($1::text[], $2::text[], $3::text[], $4::real[]) \
           WITH ORDINALITY AS x(f, t, k, s, n) ORDER BY n",
        &[&from, &to, &kind, &similarity],
    )
    .map_err(be("storing document links"))?;
    Ok(())
}

/// A batch's positions, column by column, for one `unnest` insert.
#[derive(Default)]
struct PositionColumns {
    reading: Vec<i64>,
    ordinal: Vec<i32>,
    question: Vec<String>,
    actor: Vec<String>,
    actor_name: Vec<String>,
    government: Vec<String>,
    rank: Vec<&'static str>,
    stance: Vec<&'static str>,
    qualifier: Vec<Option<String>>,
    kind: Vec<&'static str>,
    modality: Vec<&'static str>,
    confidence: Vec<f32>,
    valid_from: Vec<i32>,
    valid_to: Vec<i32>,
    basis: Vec<&'static str>,
    recorded_at: Vec<i64>,
    doc: Vec<String>,
    ev_start: Vec<i64>,
    ev_end: Vec<i64>,
    reported: Vec<bool>,
    uncoordinated: Vec<bool>,
    judge: Vec<String>,
    rules: Vec<String>,
    probability: Vec<Option<f32>>,
    /// The evidence text's words, space-separated (words never hold spaces).
    words: Vec<String>,
}

impl PositionColumns {
    fn push(&mut self, reading: i64, ordinal: i32, p: &Position, text: &str) {
        self.reading.push(reading);
        self.ordinal.push(ordinal);
        self.question.push(p.question.clone());
        self.actor.push(p.actor.0.clone());
        self.actor_name.push(p.actor_name.clone());
        self.government.push(p.government.0.clone());
        self.rank.push(p.rank.as_str());
        self.stance.push(p.stance.as_str());
        self.qualifier.push(p.qualifier.clone());
        self.kind.push(kind_code(p.kind));
        self.modality.push(p.modality.as_str());
        self.confidence.push(p.confidence);
        self.valid_from.push(day(p.valid.from));
        self.valid_to.push(day(p.valid.to));
        self.basis.push(p.valid.basis.as_str());
        self.recorded_at.push(p.recorded.at);
        self.doc.push(p.evidence.doc.0.clone());
        self.ev_start.push(offset(p.evidence.range.start));
        self.ev_end.push(offset(p.evidence.range.end));
        self.reported.push(p.reported);
        self.uncoordinated.push(p.uncoordinated);
        self.judge.push(p.why.judge.clone());
        self.rules.push(p.why.rules.join(","));
        self.probability.push(p.why.probability);
        // Checked by `check_batch`: the range slices the text.
        let evidence = text.get(p.evidence.range.range()).unwrap_or("");
        let mut words = vane_ledger::search_terms(evidence);
        words.sort_unstable();
        words.dedup();
        self.words.push(words.join(" "));
    }

    fn insert(&self, tx: &mut Transaction<'_>) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO positions (reading, ordinal, question, actor, actor_name, government, \
               rank, stance, qualifier, kind, modality, confidence, valid_from, valid_to, basis, \
               recorded_at, doc, ev_start, ev_end, reported, uncoordinated, judge, rules, \
               probability) \
             SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], \
               $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], \
               $12::real[], $13::int[], $14::int[], $15::text[], $16::bigint[], $17::text[], \
               $18::bigint[], $19::bigint[], $20::bool[], $21::bool[], $22::text[], $23::text[], \
               $24::real[])",
            &[
                &self.reading,
                &self.ordinal,
                &self.question,
                &self.actor,
                &self.actor_name,
                &self.government,
                &self.rank,
                &self.stance,
                &self.qualifier,
                &self.kind,
                &self.modality,
                &self.confidence,
                &self.valid_from,
                &self.valid_to,
                &self.basis,
                &self.recorded_at,
                &self.doc,
                &self.ev_start,
                &self.ev_end,
                &self.reported,
                &self.uncoordinated,
                &self.judge,
                &self.rules,
                &self.probability,
            ],
        )
        .map_err(be("storing positions"))?;
        tx.execute(
            "INSERT INTO position_words (reading, ordinal, words) \
             SELECT r, o, CASE WHEN w = '' THEN '{}'::text[] ELSE string_to_array(w, ' ') END \
             FROM unnest($1::bigint[], $2::int[], $3::text[]) AS t(r, o, w)",
            &[&self.reading, &self.ordinal, &self.words],
        )
        .map_err(be("storing search words"))?;
        Ok(())
    }
}

impl Store for PgStore {
    fn commit(&mut self, batch: Batch) -> Result<CommitSummary, StoreError> {
        let mut tx = self
            .client_mut()
            .transaction()
            .map_err(be("starting a transaction"))?;
        let summary = commit_in(&mut tx, batch)?;
        tx.commit().map_err(be("committing a batch"))?;
        Ok(summary)
    }

    fn document(&self, id: &DocId) -> Result<Option<Document>, StoreError> {
        let ctx = || format!("reading document {id}");
        let row = self
            .client()
            .query_opt(
                "SELECT name, title, published, source, url, text FROM documents WHERE id = $1",
                &[&id.0],
            )
            .map_err(|e| StoreError::backend(ctx(), e))?;
        let Some(r) = row else {
            return Ok(None);
        };
        let published = r
            .get::<_, Option<i32>>(2)
            .map(|d| date(d, &ctx))
            .transpose()?;
        Ok(Some(Document {
            id: id.clone(),
            name: r.get(0),
            title: r.get(1),
            published,
            source: r.get(3),
            url: r.get(4),
            text: r.get(5),
        }))
    }

    fn document_ids(&self) -> Result<Vec<DocId>, StoreError> {
        let rows = self
            .client()
            .query("SELECT id FROM documents ORDER BY id", &[])
            .map_err(be("listing documents"))?;
        Ok(rows.iter().map(|r| DocId(r.get(0))).collect())
    }

    fn has_document(&self, id: &DocId) -> Result<bool, StoreError> {
        self.client()
            .query_opt("SELECT 1 FROM documents WHERE id = $1", &[&id.0])
            .map(|r| r.is_some())
            .map_err(|e| StoreError::backend(format!("looking up document {id}"), e))
    }

    fn questions_as_of(&self, as_of: Option<RecordedTime>) -> Result<Vec<Question>, StoreError> {
        let ctx = "reading questions";
        let mut c = self.client();
        let at = as_of.map_or(i64::MAX, |a| a.at);
        let heads = c
            .query(
                "SELECT DISTINCT ON (id) version, id, proposition FROM questions \
                 WHERE recorded_at <= $1 ORDER BY id, version DESC",
                &[&at],
            )
            .map_err(be(ctx))?;
        let mut out = Vec::with_capacity(heads.len());
        for h in heads {
            let version: i64 = h.get(0);
            let mut q = Question {
                id: h.get(1),
                proposition: h.get(2),
                ..Question::default()
            };
            let rows = c
                .query(
                    "SELECT field, value FROM question_items WHERE version = $1 \
                     ORDER BY field, ordinal",
                    &[&version],
                )
                .map_err(be(ctx))?;
            for r in rows {
                let field: String = r.get(0);
                let value: String = r.get(1);
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
        let rows = self
            .client()
            .query(
                "SELECT id, document, question, recorded_at FROM readings ORDER BY id",
                &[],
            )
            .map_err(be("listing readings"))?;
        Ok(rows
            .iter()
            .map(|r| ReadingHeader {
                id: ReadingId(r.get(0)),
                document: DocId(r.get(1)),
                question: r.get(2),
                recorded: RecordedTime { at: r.get(3) },
            })
            .collect())
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
        self.query_positions(snap, filter, Some(&terms), Some(limit))
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let r = self
            .client()
            .query_one(
                "SELECT (SELECT count(*) FROM documents), \
                        (SELECT count(DISTINCT id) FROM questions), \
                        (SELECT count(*) FROM readings), \
                        (SELECT count(*) FROM positions)",
                &[],
            )
            .map_err(be("counting"))?;
        let n = |i: usize| r.get::<_, i64>(i) as usize;
        Ok(Stats {
            documents: n(0),
            questions: n(1),
            readings: n(2),
            positions: n(3),
        })
    }

    fn put_pack(&mut self, pack: &ActorPack) -> Result<(), StoreError> {
        self.client_mut()
            .execute(
                "INSERT INTO actor_packs (label, recorded_at, toml) VALUES ($1, $2, $3)",
                &[&pack.label, &pack.recorded.at, &pack.toml],
            )
            .map_err(be("storing an actor pack"))?;
        Ok(())
    }

    fn packs(&self) -> Result<Vec<ActorPack>, StoreError> {
        let rows = self
            .client()
            .query(
                "SELECT label, recorded_at, toml FROM actor_packs ORDER BY id",
                &[],
            )
            .map_err(be("reading actor packs"))?;
        Ok(rows
            .iter()
            .map(|r| ActorPack {
                label: r.get(0),
                recorded: RecordedTime { at: r.get(1) },
                toml: r.get(2),
            })
            .collect())
    }

    fn put_links(&mut self, links: &[DocLink]) -> Result<(), StoreError> {
        let mut tx = self
            .client_mut()
            .transaction()
            .map_err(be("starting a transaction"))?;
        for l in links {
            vane_ledger::check_link(l)?;
            for id in [&l.from, &l.to] {
                let found = tx
                    .query_opt("SELECT 1 FROM documents WHERE id = $1", &[&id.0])
                    .map_err(be("looking up a linked document"))?;
                if found.is_none() {
                    return Err(StoreError::Invalid(ValidationError::UnknownLinked {
                        doc: id.clone(),
                    }));
                }
            }
            tx.execute(
                "INSERT INTO document_links (from_doc, to_doc, kind, similarity) \
                 VALUES ($1, $2, $3, $4)",
                &[&l.from.0, &l.to.0, &l.kind.as_str(), &l.similarity],
            )
            .map_err(be("storing a document link"))?;
        }
        tx.commit().map_err(be("committing document links"))
    }

    fn links(&self) -> Result<Vec<DocLink>, StoreError> {
        let rows = self
            .client()
            .query(
                "SELECT from_doc, to_doc, kind, similarity FROM document_links ORDER BY id",
                &[],
            )
            .map_err(be("reading document links"))?;
        rows.iter()
            .map(|r| {
                let from: String = r.get(0);
                let kind: String = r.get(2);
                let kind = LinkKind::parse(&kind).ok_or_else(|| {
                    StoreError::corrupt(
                        format!("link from {from}"),
                        format!("unknown kind {kind:?}"),
                    )
                })?;
                Ok(DocLink {
                    from: DocId(from),
                    to: DocId(r.get(1)),
                    kind,
                    similarity: r.get(3),
                })
            })
            .collect()
    }

    fn latest_named(&self, key: &str) -> Result<Option<DocId>, StoreError> {
        let mut c = self.client();
        for sql in [
            "SELECT id FROM documents WHERE url = $1 ORDER BY seq DESC LIMIT 1",
            "SELECT id FROM documents WHERE name = $1 ORDER BY seq DESC LIMIT 1",
        ] {
            let row = c
                .query_opt(sql, &[&key])
                .map_err(be("looking up a document by name"))?;
            if let Some(r) = row {
                return Ok(Some(DocId(r.get(0))));
            }
        }
        Ok(None)
    }

    fn put_fetch_state(&mut self, state: &FetchState) -> Result<(), StoreError> {
        self.client_mut()
            .execute(
                "INSERT INTO fetch_state (url, etag, last_modified) VALUES ($1, $2, $3)",
                &[&state.url, &state.etag, &state.last_modified],
            )
            .map_err(be("storing fetch state"))?;
        Ok(())
    }

    fn fetch_state(&self, url: &str) -> Result<Option<FetchState>, StoreError> {
        let row = self
            .client()
            .query_opt(
                "SELECT etag, last_modified FROM fetch_state WHERE url = $1 \
                 ORDER BY id DESC LIMIT 1",
                &[&url],
            )
            .map_err(be("reading fetch state"))?;
        Ok(row.map(|r| FetchState {
            url: url.to_string(),
            etag: r.get(0),
            last_modified: r.get(1),
        }))
    }
}
