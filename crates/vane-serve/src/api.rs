//! The routes, their parameters and answers, and the OpenAPI document.

use crate::{ApiError, State};
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use utoipa::{IntoParams, OpenApi, ToSchema};
use vane_core::{Date, Gov, Position, RecordedTime};
use vane_engine::wire::{self, DocCache, LineRow, PositionRow, Table};
use vane_engine::Engine;
use vane_ledger::{Filter, Snapshot, Store};

type Shared = Arc<State>;

#[derive(OpenApi)]
#[openapi(
    info(title = "Weathervane", description = "A dated, cited record of what governments say and do on the questions you watch."),
    paths(
        ingest_document, get_document, positions, positions_csv, positions_jsonl, questions,
        actors, line, timeline, reversals, contradictions, brief, counts, search
    ),
    components(schemas(
        PositionRow, LineRow, Coverage, PositionsPage, LinePage, CountsPage, CountRow,
        ReversalRow, ContradictionRow, ChangesPage, QuestionRow, ActorRow, DocumentRow,
        IngestRow, crate::error::ErrorBody, crate::error::ErrorDetail
    )),
    modifiers(&Bearer)
)]
pub struct ApiDoc;

struct Bearer;

impl utoipa::Modify for Bearer {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let c = api.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every route, with the auth, size and time limits of `state.config`.
pub fn router(state: Shared) -> Router {
    let writes = Router::new()
        .route("/documents", post(ingest_document))
        .route_layer(middleware::from_fn_with_state(state.clone(), need_write));
    let reads = Router::new()
        .route("/documents/{id}", get(get_document))
        .route("/positions", get(positions))
        .route("/positions.csv", get(positions_csv))
        .route("/positions.jsonl", get(positions_jsonl))
        .route("/questions", get(questions))
        .route("/actors", get(actors))
        .route("/questions/{id}/line", get(line))
        .route("/questions/{id}/timeline", get(timeline))
        .route("/questions/{id}/reversals", get(reversals))
        .route("/questions/{id}/contradictions", get(contradictions))
        .route("/questions/{id}/brief", get(brief))
        .route("/questions/{id}/counts", get(counts))
        .route("/search", get(search))
        .route_layer(middleware::from_fn_with_state(state.clone(), need_read));
    let limit = state.config.max_body;
    let timeout = state.config.timeout;
    Router::new()
        .route("/openapi.json", get(openapi))
        .merge(crate::web::routes())
        .merge(writes)
        .merge(reads)
        .fallback(|| async {
            ApiError::NotFound {
                what: "route",
                name: String::new(),
                hint: String::new(),
            }
        })
        .layer(DefaultBodyLimit::max(limit))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(limit))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .with_state(state)
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

// ---- auth -----------------------------------------------------------------

/// Whether the request carries the configured token (compared in constant time).
fn authorized(state: &State, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.config.token else {
        return Err(ApiError::WritesDisabled);
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let (a, b) = (given.as_bytes(), token.as_bytes());
    let same = a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0;
    if same {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

async fn need_write(
    axum::extract::State(state): axum::extract::State<Shared>,
    req: Request,
    next: Next,
) -> Response {
    match authorized(&state, req.headers()) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

async fn need_read(
    axum::extract::State(state): axum::extract::State<Shared>,
    req: Request,
    next: Next,
) -> Response {
    if state.config.protect_reads {
        if let Err(e) = authorized(&state, req.headers()) {
            let e = match e {
                ApiError::WritesDisabled => ApiError::Unauthorized,
                e => e,
            };
            return e.into_response();
        }
    }
    next.run(req).await
}

/// Runs ledger work on the blocking pool, with the engine locked.
async fn with_engine<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&mut Engine, &State) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let mut engine = state
            .engine
            .lock()
            .map_err(|_| ApiError::Internal("the engine lock is poisoned".into()))?;
        f(&mut engine, &state)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("handler task: {e}")))?
}

/// A JSON answer as bytes.
fn json_bytes(b: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], b).into_response()
}

/// A read's answer: from the cache when the ledger has not changed (no
/// engine lock then), else computed by `f` with the engine and cached
/// under `key` (the route and every parameter).
async fn cached<T: Serialize + 'static>(
    state: &Shared,
    key: String,
    f: impl FnOnce(&mut Engine, &State) -> Result<T, ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    if let Some(b) = state.cache.answer(&key) {
        return Ok(json_bytes(b));
    }
    let b = with_engine(state, move |engine, state| {
        state.cache.check(engine.store())?;
        if let Some(b) = state.cache.answer(&key) {
            return Ok(b);
        }
        let g = state.cache.generation();
        let v = f(engine, state)?;
        let b = Bytes::from(
            serde_json::to_vec(&v).map_err(|e| ApiError::Internal(format!("json: {e}")))?,
        );
        state.cache.put_answer(g, key, b.clone());
        Ok(b)
    })
    .await?;
    Ok(json_bytes(b))
}

/// As [`cached`], with the work in two parts: `gather` with the engine
/// (from the cache, mostly), `compute` without it, so that answers not
/// cached are computed in parallel.
async fn cached_split<G: Send + 'static, T: Serialize + 'static>(
    state: &Shared,
    key: String,
    gather: impl FnOnce(&mut Engine, &State) -> Result<G, ApiError> + Send + 'static,
    compute: impl FnOnce(G) -> Result<T, ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    if let Some(b) = state.cache.answer(&key) {
        return Ok(json_bytes(b));
    }
    let k = key.clone();
    let got = with_engine(state, move |engine, state| {
        state.cache.check(engine.store())?;
        if let Some(b) = state.cache.answer(&k) {
            return Ok(Err(b));
        }
        let g = state.cache.generation();
        Ok(Ok((g, gather(engine, state)?)))
    })
    .await?;
    let (g, gathered) = match got {
        Err(b) => return Ok(json_bytes(b)),
        Ok(x) => x,
    };
    let st = state.clone();
    let b = tokio::task::spawn_blocking(move || {
        let v = compute(gathered)?;
        let b = Bytes::from(
            serde_json::to_vec(&v).map_err(|e| ApiError::Internal(format!("json: {e}")))?,
        );
        st.cache.put_answer(g, key, b.clone());
        Ok::<_, ApiError>(b)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("handler task: {e}")))??;
    Ok(json_bytes(b))
}

// ---- parameters -----------------------------------------------------------

/// Query parameters; a malformed one is a `bad_request` (JSON, as every
/// error), not axum's plain-text rejection.
struct Query<T>(T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Query(v))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}

/// A path parameter; one that is not UTF-8 is a `bad_request` (JSON).
struct Path<T>(T);

impl<T: serde::de::DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Path(v))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}

/// A date parameter (YYYY-MM-DD; empty is not a date).
fn date(name: &str, s: &Option<String>) -> Result<Option<Date>, ApiError> {
    s.as_deref()
        .map(|v| {
            Date::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| ApiError::BadRequest(format!("{name}={v:?}: not a date (YYYY-MM-DD)")))
        })
        .transpose()
}

/// The largest `limit` taken (the spec says so; larger is a bad request).
const MAX_LIMIT: usize = 1_000_000;

/// A `limit` parameter, or `default`.
fn limit(v: Option<usize>, default: usize) -> Result<usize, ApiError> {
    match v {
        Some(n) if n > MAX_LIMIT => Err(ApiError::BadRequest(format!(
            "limit={n}: at most {MAX_LIMIT}"
        ))),
        v => Ok(v.unwrap_or(default)),
    }
}

fn known_at(v: Option<i64>) -> Option<RecordedTime> {
    v.map(|at| RecordedTime { at })
}

/// A question the ledger watches, or `unknown_question`.
fn check_question(engine: &Engine, id: &str) -> Result<(), ApiError> {
    if engine.questions().iter().any(|q| q.question.id == id) {
        return Ok(());
    }
    let ids: Vec<&str> = engine
        .questions()
        .iter()
        .map(|q| q.question.id.as_str())
        .collect();
    let near: Vec<String> = vane_engine::names::nearest(id, ids)
        .into_iter()
        .map(str::to_string)
        .collect();
    Err(ApiError::not_found("question", id, &near))
}

/// A government by code (any case) or a country's name.
fn government(engine: &Engine, seen: &BTreeSet<Gov>, typed: &str) -> Result<Gov, ApiError> {
    let kb = engine.kb();
    let upper = Gov(typed.trim().to_uppercase());
    if kb.countries().any(|(c, _)| *c == upper) || seen.contains(&upper) {
        return Ok(upper);
    }
    if let Some(g) = kb.gov_code(typed.trim()) {
        return Ok(g);
    }
    let codes: Vec<&str> = kb.countries().map(|(c, _)| c.0.as_str()).collect();
    let near: Vec<String> = vane_engine::names::nearest(typed, codes)
        .into_iter()
        .map(str::to_string)
        .collect();
    Err(ApiError::not_found("government", typed, &near))
}

// ---- coverage -------------------------------------------------------------

/// What an answer rests on.
#[derive(Serialize, ToSchema, Debug, Clone, Copy)]
pub struct Coverage {
    /// Documents read for the question (or for any question), as of `known_at`.
    pub documents: usize,
    /// Of those, documents without a publication date.
    pub undated: usize,
    /// Near-duplicate copies stored and linked to their first copy, not read.
    pub near_duplicates: usize,
    /// Inputs refused by ingests through this server since it started (the
    /// ledger keeps no record of rejected inputs).
    pub rejected: usize,
}

fn coverage(
    engine: &Engine,
    state: &State,
    question: Option<&str>,
    known: Option<RecordedTime>,
) -> Result<Coverage, ApiError> {
    state.cache.coverage(question, known, || {
        coverage_of(engine, state, question, known)
    })
}

fn coverage_of(
    engine: &Engine,
    state: &State,
    question: Option<&str>,
    known: Option<RecordedTime>,
) -> Result<Coverage, ApiError> {
    let store = engine.store();
    let (readings, near_duplicates) = state.cache.readings(store)?;
    let on_q: Vec<_> = readings
        .iter()
        .filter(|r| question.is_none_or(|q| r.question == q))
        .collect();
    let current = vane_ledger::current(on_q.iter().copied(), known);
    let docs: HashSet<&vane_core::DocId> = on_q
        .iter()
        .filter(|r| current.contains(&r.id))
        .map(|r| &r.document)
        .collect();
    let mut cache = state
        .undated
        .lock()
        .map_err(|_| ApiError::Internal("the coverage cache lock is poisoned".into()))?;
    let mut undated = 0;
    for d in &docs {
        let u = match cache.get(*d) {
            Some(u) => *u,
            None => {
                let u = store.document(d)?.is_some_and(|x| x.published.is_none());
                cache.insert((*d).clone(), u);
                u
            }
        };
        undated += usize::from(u);
    }
    Ok(Coverage {
        documents: docs.len(),
        undated,
        near_duplicates,
        rejected: state.rejected.load(Ordering::Relaxed),
    })
}

fn rows(store: &dyn Store, ps: &[Position]) -> Result<Vec<PositionRow>, ApiError> {
    let mut cache = DocCache::new(store);
    let mut out = Vec::with_capacity(ps.len());
    for p in ps {
        if let Some(d) = cache.get(&p.evidence.doc)? {
            out.push(PositionRow::new(p, &d.name, &d.text, &d.ix));
        }
    }
    Ok(out)
}

// ---- documents ------------------------------------------------------------

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct IngestQuery {
    /// The name the document is stored under (a file name or URL).
    #[param(pattern = r"\S")]
    name: String,
    /// The publication date when the document carries none (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    published: Option<String>,
    /// Store the document even when it has no date.
    allow_undated: Option<bool>,
}

/// A document's bytes (documentation of the request body: never empty).
struct DocumentBody;

impl utoipa::PartialSchema for DocumentBody {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .min_length(Some(1))
            .into()
    }
}

impl ToSchema for DocumentBody {}

/// What an ingest did.
#[derive(Serialize, ToSchema)]
pub struct IngestRow {
    pub stored: usize,
    pub duplicate: usize,
    pub near_duplicate: usize,
    pub versions: usize,
    pub undated: usize,
    pub positions: usize,
    /// One message per input refused, naming it.
    pub errors: Vec<String>,
    /// Notes (near-duplicates linked, feed items with only a summary).
    pub notes: Vec<String>,
}

/// Ingest one document (the request body: text, Markdown, HTML, a feed or
/// JSONL, by its name and content); it is read for every watched question.
#[utoipa::path(post, path = "/documents", params(IngestQuery),
    request_body(content = inline(DocumentBody), content_type = "application/octet-stream"),
    security(("bearer" = [])),
    responses((status = 200, body = IngestRow), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 413)))]
async fn ingest_document(
    axum::extract::State(state): axum::extract::State<Shared>,
    Query(q): Query<IngestQuery>,
    body: Bytes,
) -> Result<Json<IngestRow>, ApiError> {
    let published = date("published", &q.published)?;
    if q.name.trim().is_empty() {
        return Err(ApiError::BadRequest("name: empty".into()));
    }
    if body.is_empty() {
        return Err(ApiError::BadRequest(
            "body: empty (send the document as the request body)".into(),
        ));
    }
    with_engine(&state, move |engine, state| {
        let mut opts = vane_engine::IngestOptions::at((state.clock)());
        opts.published = published;
        opts.allow_undated = q.allow_undated.unwrap_or(false);
        let input = vane_engine::Bytes {
            name: q.name,
            bytes: body.to_vec(),
        };
        let mut notes = Vec::new();
        let r = engine.ingest(&[], &[input], &opts, &mut |e| {
            if let vane_engine::Event::Note(n) = e {
                notes.push(n);
            }
        });
        if let Ok(r) = &r {
            state.rejected.fetch_add(r.errors.len(), Ordering::Relaxed);
        }
        // Whatever was committed (or refused), every cached answer goes.
        state.cache.invalidate();
        let r = r?;
        Ok(Json(IngestRow {
            stored: r.stored,
            duplicate: r.duplicate,
            near_duplicate: r.near_duplicate,
            versions: r.versions,
            undated: r.undated,
            positions: r.positions,
            errors: r.errors.iter().map(|e| e.to_string()).collect(),
            notes,
        }))
    })
    .await
}

/// A stored document.
#[derive(Serialize, ToSchema)]
pub struct DocumentRow {
    pub id: String,
    pub name: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The text exactly as stored; positions' offsets are code points into it.
    pub text: String,
}

/// A stored document by id (the SHA-256 of its text).
#[utoipa::path(get, path = "/documents/{id}", params(("id" = String, Path)),
    responses((status = 200, body = DocumentRow), (status = 400, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
async fn get_document(
    axum::extract::State(state): axum::extract::State<Shared>,
    Path(id): Path<String>,
) -> Result<Json<DocumentRow>, ApiError> {
    with_engine(&state, move |engine, _| {
        let d = engine
            .store()
            .document(&vane_core::DocId(id.clone()))?
            .ok_or_else(|| ApiError::not_found("document", &id, &[]))?;
        Ok(Json(DocumentRow {
            id: d.id.0,
            name: d.name,
            title: d.title,
            published: d.published.map(|p| p.to_string()),
            source: d.source,
            url: d.url,
            text: d.text,
        }))
    })
    .await
}

// ---- positions ------------------------------------------------------------

#[derive(Deserialize, IntoParams, Clone, Debug)]
#[into_params(parameter_in = Query)]
pub struct PositionQuery {
    /// Only this question.
    question: Option<String>,
    /// Only this actor: an id, or a name (any case).
    actor: Option<String>,
    /// Only this government: a code (USA) or a country's name.
    government: Option<String>,
    /// Only this kind: direct, partial, indirect, action, turn.
    kind: Option<String>,
    /// Only positions still valid on or after this date (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    since: Option<String>,
    /// Only positions valid from on or before this date (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    until: Option<String>,
    /// Valid-time cut-off (YYYY-MM-DD); with `until`, the earlier counts.
    #[param(value_type = Option<String>, format = Date)]
    as_of: Option<String>,
    /// The ledger as it stood at this recorded time (Unix seconds).
    known_at: Option<i64>,
    /// From `next_cursor` of the page before.
    #[param(pattern = r"^-?[0-9]{1,18}\.[0-9]{1,18}$")]
    cursor: Option<String>,
    /// Positions per page (default 100, at most 1000).
    #[param(minimum = 0, maximum = 1000000)]
    limit: Option<usize>,
}

/// A page of positions.
#[derive(Serialize, ToSchema)]
pub struct PositionsPage {
    pub positions: Vec<PositionRow>,
    /// Pass as `cursor` for the next page; none after the last.
    pub next_cursor: Option<String>,
    pub coverage: Coverage,
}

/// The positions a filter selects, in order, and the snapshot they come from.
fn select(
    engine: &Engine,
    q: &PositionQuery,
    known: Option<RecordedTime>,
) -> Result<Vec<Position>, ApiError> {
    if let Some(id) = &q.question {
        check_question(engine, id)?;
    }
    let as_of = match (date("as_of", &q.as_of)?, date("until", &q.until)?) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let since = date("since", &q.since)?;
    let snap = Snapshot {
        recorded_as_of: known,
        valid_as_of: as_of,
    };
    let mut filter = Filter::all();
    filter.question = q.question.clone();
    let mut ps = engine.store().positions(&snap, &filter)?;
    if let Some(g) = &q.government {
        let seen = ps.iter().map(|p| p.government.clone()).collect();
        let g = government(engine, &seen, g)?;
        ps.retain(|p| p.government == g);
    }
    if let Some(a) = &q.actor {
        ps.retain(|p| p.actor.0 == *a || p.actor_name.eq_ignore_ascii_case(a));
    }
    if let Some(k) = &q.kind {
        ps.retain(|p| p.kind.as_str() == k);
    }
    if let Some(s) = since {
        ps.retain(|p| p.valid.to >= s);
    }
    Ok(ps)
}

/// Positions, filtered, in order of valid time, a page at a time. A cursor
/// holds the recorded time of the first page, so every page reads the same
/// snapshot.
#[utoipa::path(get, path = "/positions", params(PositionQuery),
    responses((status = 200, body = PositionsPage), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn positions(
    axum::extract::State(state): axum::extract::State<Shared>,
    Query(q): Query<PositionQuery>,
) -> Result<Response, ApiError> {
    let limit = limit(q.limit, 100)?.clamp(1, 1000);
    let bad = || ApiError::BadRequest("cursor: not one this server gave".into());
    let (known, offset) = match &q.cursor {
        Some(c) => {
            let (at, off) = c.split_once('.').ok_or_else(bad)?;
            (
                Some(RecordedTime {
                    at: at.parse().map_err(|_| bad())?,
                }),
                off.parse::<usize>().map_err(|_| bad())?,
            )
        }
        None => (known_at(q.known_at), 0),
    };
    let key = format!("positions\0{q:?}");
    cached(&state, key, move |engine, state| {
        // Pin the snapshot: as asked, or the latest recorded time now.
        let known = match known {
            Some(k) => Some(k),
            None => Some(
                state
                    .cache
                    .readings(engine.store())?
                    .0
                    .iter()
                    .map(|r| r.recorded)
                    .max()
                    .unwrap_or(RecordedTime { at: 0 }),
            ),
        };
        let ps = select(engine, &q, known)?;
        let page: Vec<Position> = ps.iter().skip(offset).take(limit).cloned().collect();
        let next = offset + page.len();
        Ok(PositionsPage {
            positions: rows(engine.store(), &page)?,
            next_cursor: (next < ps.len()).then(|| format!("{}.{next}", known.map_or(0, |k| k.at))),
            coverage: coverage(engine, state, q.question.as_deref(), known)?,
        })
    })
    .await
}

/// The filters of `/positions`, without pages (a download has none).
#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct DownloadQuery {
    /// Only this question.
    question: Option<String>,
    /// Only this actor: an id, or a name (any case).
    actor: Option<String>,
    /// Only this government: a code (USA) or a country's name.
    government: Option<String>,
    /// Only this kind: direct, partial, indirect, action, turn.
    kind: Option<String>,
    /// Only positions still valid on or after this date (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    since: Option<String>,
    /// Only positions valid from on or before this date (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    until: Option<String>,
    /// Valid-time cut-off (YYYY-MM-DD); with `until`, the earlier counts.
    #[param(value_type = Option<String>, format = Date)]
    as_of: Option<String>,
    /// The ledger as it stood at this recorded time (Unix seconds).
    known_at: Option<i64>,
}

impl From<DownloadQuery> for PositionQuery {
    fn from(q: DownloadQuery) -> PositionQuery {
        PositionQuery {
            question: q.question,
            actor: q.actor,
            government: q.government,
            kind: q.kind,
            since: q.since,
            until: q.until,
            as_of: q.as_of,
            known_at: q.known_at,
            cursor: None,
            limit: None,
        }
    }
}

/// Streams every selected position as CSV or JSONL, with no cap.
async fn download(state: Shared, q: PositionQuery, format: Table) -> Result<Response, ApiError> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    // Select first, so that a bad parameter is an error response.
    let ps = with_engine(&state, {
        let q = q.clone();
        move |engine, _| select(engine, &q, known_at(q.known_at))
    })
    .await?;
    let st = state.clone();
    tokio::task::spawn_blocking(move || {
        let Ok(engine) = st.engine.lock() else {
            return;
        };
        let mut cache = DocCache::new(engine.store());
        let mut buf = String::new();
        if format == Table::Csv {
            buf.push_str(&wire::csv_header(wire::POSITION_COLUMNS));
        }
        for p in &ps {
            match cache.position(p) {
                Ok(Some(v)) => buf.push_str(&wire::row(&v, wire::POSITION_COLUMNS, format)),
                Ok(None) => {}
                Err(e) => {
                    eprintln!("vane serve: internal error: download: {e}");
                    let _ = tx.blocking_send(Err(std::io::Error::other("ledger error")));
                    return;
                }
            }
            if buf.len() > 64 << 10
                && tx
                    .blocking_send(Ok(Bytes::from(std::mem::take(&mut buf))))
                    .is_err()
            {
                return;
            }
        }
        if !buf.is_empty() {
            let _ = tx.blocking_send(Ok(Bytes::from(buf)));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let ctype = match format {
        Table::Csv => "text/csv; charset=utf-8",
        Table::Jsonl => "application/jsonl; charset=utf-8",
    };
    Ok(([(header::CONTENT_TYPE, ctype)], Body::from_stream(stream)).into_response())
}

/// Every selected position as CSV (streamed; the filters of `/positions`,
/// no pages).
#[utoipa::path(get, path = "/positions.csv", params(DownloadQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn positions_csv(
    axum::extract::State(state): axum::extract::State<Shared>,
    Query(q): Query<DownloadQuery>,
) -> Result<Response, ApiError> {
    download(state, q.into(), Table::Csv).await
}

/// Every selected position as JSON lines (streamed; EVAL.md section 3).
#[utoipa::path(get, path = "/positions.jsonl", params(DownloadQuery),
    responses((status = 200, content_type = "application/jsonl", body = String), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn positions_jsonl(
    axum::extract::State(state): axum::extract::State<Shared>,
    Query(q): Query<DownloadQuery>,
) -> Result<Response, ApiError> {
    download(state, q.into(), Table::Jsonl).await
}

// ---- questions and actors -------------------------------------------------

/// A watched question.
#[derive(Serialize, ToSchema)]
pub struct QuestionRow {
    pub id: String,
    pub proposition: String,
    pub aliases: Vec<String>,
}

/// The questions the ledger watches.
#[utoipa::path(get, path = "/questions", responses((status = 200, body = Vec<QuestionRow>)))]
async fn questions(
    axum::extract::State(state): axum::extract::State<Shared>,
) -> Result<Response, ApiError> {
    cached(&state, "questions".into(), |engine, _| {
        Ok(Vec::from_iter(engine.questions().iter().map(|c| {
            QuestionRow {
                id: c.question.id.clone(),
                proposition: c.question.proposition.clone(),
                aliases: c.question.aliases.clone(),
            }
        })))
    })
    .await
}

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct ActorQuery {
    /// Part of a name or an alias (any case); all actors when absent.
    q: Option<String>,
    /// At most this many (default 100).
    #[param(minimum = 0, maximum = 1000000)]
    limit: Option<usize>,
}

/// An actor of the knowledge base.
#[derive(Serialize, ToSchema)]
pub struct ActorRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub government: Option<String>,
}

/// Actors of the knowledge base (bundled, and the packs the ledger holds).
#[utoipa::path(get, path = "/actors", params(ActorQuery),
    responses((status = 200, body = Vec<ActorRow>), (status = 400, body = crate::error::ErrorBody)))]
async fn actors(
    axum::extract::State(state): axum::extract::State<Shared>,
    Query(q): Query<ActorQuery>,
) -> Result<Response, ApiError> {
    let n = limit(q.limit, 100)?;
    let key = format!("actors\0{q:?}");
    cached(&state, key, move |engine, _| {
        let needle = q.q.as_deref().map(str::to_lowercase);
        let hit = |s: &str| needle.as_ref().is_none_or(|n| s.to_lowercase().contains(n));
        Ok(Vec::from_iter(
            engine
                .kb()
                .actors()
                .filter(|a| hit(&a.name) || a.aliases.iter().any(|x| hit(x)))
                .take(n)
                .map(|a| ActorRow {
                    id: a.id.0.clone(),
                    name: a.name.clone(),
                    kind: a.kind.as_str().to_string(),
                    government: a.gov.as_ref().map(|g| g.0.clone()),
                }),
        ))
    })
    .await
}

// ---- per question ---------------------------------------------------------

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    /// Valid-time cut-off (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    as_of: Option<String>,
    /// The ledger as it stood at this recorded time (Unix seconds).
    known_at: Option<i64>,
}

/// A question's positions (shared with the cache), the valid cut-off, and coverage.
type OnQuestion = (Arc<Vec<Position>>, Option<Date>, Coverage);

/// A question's positions as of a recorded time, its valid cut-off, and coverage.
fn on_question(
    engine: &Engine,
    state: &State,
    id: &str,
    q: &AsOfQuery,
) -> Result<OnQuestion, ApiError> {
    check_question(engine, id)?;
    let as_of = date("as_of", &q.as_of)?;
    let known = known_at(q.known_at);
    let ps = state.cache.positions(engine.store(), id, known)?;
    let cov = coverage(engine, state, Some(id), known)?;
    Ok((ps, as_of, cov))
}

/// The line of every government.
#[derive(Serialize, ToSchema)]
pub struct LinePage {
    pub lines: Vec<LineRow>,
    pub coverage: Coverage,
}

/// The line of every government on a question, stretch by stretch.
#[utoipa::path(get, path = "/questions/{id}/line", params(("id" = String, Path), AsOfQuery),
    responses((status = 200, body = LinePage), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn line(
    axum::extract::State(state): axum::extract::State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<Response, ApiError> {
    let key = format!("line\0{id}\0{q:?}");
    cached_split(
        &state,
        key,
        move |engine, state| on_question(engine, state, &id, &q),
        |(ps, as_of, coverage)| {
            let lines = vane_analysis::lines(&ps, as_of, &vane_analysis::Config::default());
            Ok(LinePage {
                lines: wire::line_structs(&lines),
                coverage,
            })
        },
    )
    .await
}

/// Every position on a question, in order of valid time.
#[utoipa::path(get, path = "/questions/{id}/timeline", params(("id" = String, Path), AsOfQuery),
    responses((status = 200, body = PositionsPage), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn timeline(
    axum::extract::State(state): axum::extract::State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<Response, ApiError> {
    let key = format!("timeline\0{id}\0{q:?}");
    cached(&state, key, move |engine, state| {
        let (ps, as_of, coverage) = on_question(engine, state, &id, &q)?;
        let tl: Vec<Position> = vane_analysis::timeline(&ps, &id, as_of)
            .into_iter()
            .cloned()
            .collect();
        Ok(PositionsPage {
            positions: rows(engine.store(), &tl)?,
            next_cursor: None,
            coverage,
        })
    })
    .await
}

/// A change of direction: of a government's line (`actor` none), or of one official.
#[derive(Serialize, ToSchema)]
pub struct ReversalRow {
    pub government: String,
    pub actor: Option<String>,
    pub before: PositionRow,
    pub after: PositionRow,
}

/// Two officials of one government in opposite directions at once.
#[derive(Serialize, ToSchema)]
pub struct ContradictionRow {
    pub government: String,
    pub a: PositionRow,
    pub b: PositionRow,
}

/// Reversals or contradictions, with coverage.
#[derive(Serialize, ToSchema)]
pub struct ChangesPage {
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<Value>,
    pub coverage: Coverage,
}

fn one_row(store: &dyn Store, p: &Position) -> Result<PositionRow, ApiError> {
    rows(store, std::slice::from_ref(p))?
        .pop()
        .ok_or_else(|| ApiError::Internal(format!("position cites unstored {}", p.evidence.doc)))
}

/// Reversals on a question, every government.
#[utoipa::path(get, path = "/questions/{id}/reversals", params(("id" = String, Path), AsOfQuery),
    responses((status = 200, body = ChangesPage, description = "items are ReversalRow"), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn reversals(
    axum::extract::State(state): axum::extract::State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<Response, ApiError> {
    let key = format!("reversals\0{id}\0{q:?}");
    cached(&state, key, move |engine, state| {
        let (ps, as_of, coverage) = on_question(engine, state, &id, &q)?;
        let govs: BTreeSet<Gov> = ps.iter().map(|p| p.government.clone()).collect();
        let mut items = Vec::new();
        for g in &govs {
            for r in vane_analysis::reversals(&ps, &id, g, as_of, &vane_analysis::Config::default())
            {
                items.push(wire::to_value(&ReversalRow {
                    government: g.0.clone(),
                    actor: r.actor.map(|a| a.0),
                    before: one_row(engine.store(), &r.before)?,
                    after: one_row(engine.store(), &r.after)?,
                }));
            }
        }
        Ok(ChangesPage { items, coverage })
    })
    .await
}

/// Contradictions between officials of one government, every government.
#[utoipa::path(get, path = "/questions/{id}/contradictions", params(("id" = String, Path), AsOfQuery),
    responses((status = 200, body = ChangesPage, description = "items are ContradictionRow"), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn contradictions(
    axum::extract::State(state): axum::extract::State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<Response, ApiError> {
    let key = format!("contradictions\0{id}\0{q:?}");
    cached(&state, key, move |engine, state| {
        let (ps, as_of, coverage) = on_question(engine, state, &id, &q)?;
        let govs: BTreeSet<Gov> = ps.iter().map(|p| p.government.clone()).collect();
        let mut items = Vec::new();
        for g in &govs {
            for c in
                vane_analysis::contradictions(&ps, &id, g, as_of, &vane_analysis::Config::default())
            {
                items.push(wire::to_value(&ContradictionRow {
                    government: g.0.clone(),
                    a: one_row(engine.store(), &c.a)?,
                    b: one_row(engine.store(), &c.b)?,
                }));
            }
        }
        Ok(ChangesPage { items, coverage })
    })
    .await
}

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct BriefQuery {
    /// Your government: a code (USA) or a country's name.
    side: String,
    /// The government across the table.
    counterpart: String,
    /// Brief as of this date (YYYY-MM-DD; default the latest valid date).
    #[param(value_type = Option<String>, format = Date)]
    as_of: Option<String>,
    /// The ledger as it stood at this recorded time (Unix seconds).
    known_at: Option<i64>,
    /// The most exposures, strongest first (default 20).
    #[param(minimum = 0, maximum = 1000000)]
    limit: Option<usize>,
}

/// The brief for `side` before meeting `counterpart` (the JSON of `vane
/// brief --format json`), with a `coverage` block.
#[utoipa::path(get, path = "/questions/{id}/brief", params(("id" = String, Path), BriefQuery),
    responses((status = 200, body = Object), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn brief(
    axum::extract::State(state): axum::extract::State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<BriefQuery>,
) -> Result<Response, ApiError> {
    let n = limit(q.limit, 20)?;
    let key = format!("brief\0{id}\0{q:?}");
    cached(&state, key, move |engine, state| {
        let aq = AsOfQuery {
            as_of: q.as_of.clone(),
            known_at: q.known_at,
        };
        let (ps, as_of, coverage) = on_question(engine, state, &id, &aq)?;
        let seen: BTreeSet<Gov> = ps.iter().map(|p| p.government.clone()).collect();
        let side = government(engine, &seen, &q.side)?;
        let counterpart = government(engine, &seen, &q.counterpart)?;
        let Some(as_of) = as_of.or_else(|| ps.iter().map(|p| p.valid.to).max()) else {
            return Err(ApiError::not_found("positions on question", &id, &[]));
        };
        let out = vane_engine::query::brief(
            engine.store(),
            ps.to_vec(),
            &id,
            &side,
            &counterpart,
            as_of,
        )?;
        let docs = wire::Docs::load(engine.store(), &out.brief)?;
        let question = engine
            .questions()
            .iter()
            .find(|c| c.question.id == id)
            .map(|c| c.question.clone());
        let mut v = wire::brief_json(&out.brief, question.as_ref(), &docs, n, out.not_own);
        v["coverage"] = wire::to_value(&coverage);
        Ok(v)
    })
    .await
}

/// The periods counted (documentation of `interval`).
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
enum Interval {
    Day,
    Month,
    Year,
}

/// A stance counted (documentation of `stance`).
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
enum StanceName {
    Support,
    Oppose,
    Neutral,
}

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct CountQuery {
    /// day, month (default) or year: the periods of valid time counted.
    #[param(value_type = Option<Interval>, inline)]
    interval: Option<String>,
    /// Count positions of this stance (support, oppose, neutral); all when absent.
    #[param(value_type = Option<StanceName>, inline)]
    stance: Option<String>,
    /// Only this government (code or name), in count and total.
    government: Option<String>,
    /// Valid-time cut-off (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    as_of: Option<String>,
    /// The ledger as it stood at this recorded time (Unix seconds).
    known_at: Option<i64>,
}

/// One period.
#[derive(Serialize, ToSchema)]
pub struct CountRow {
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    pub period: String,
    /// Positions of the stance asked for.
    pub count: usize,
    /// All positions in the period (of the government, when asked).
    pub total: usize,
    /// count / total.
    pub ratio: f64,
}

#[derive(Serialize, ToSchema)]
pub struct CountsPage {
    pub counts: Vec<CountRow>,
    pub coverage: Coverage,
}

/// Positions on a question counted by period of valid time (their start).
#[utoipa::path(get, path = "/questions/{id}/counts", params(("id" = String, Path), CountQuery),
    responses((status = 200, body = CountsPage), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn counts(
    axum::extract::State(state): axum::extract::State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<CountQuery>,
) -> Result<Response, ApiError> {
    let fmt = match q.interval.as_deref().unwrap_or("month") {
        "day" => "%Y-%m-%d",
        "month" => "%Y-%m",
        "year" => "%Y",
        other => {
            return Err(ApiError::BadRequest(format!(
                "interval={other:?}: use day, month or year"
            )))
        }
    };
    let stance = match q.stance.as_deref() {
        None => None,
        Some(s @ ("support" | "oppose" | "neutral")) => Some(s.to_string()),
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "stance={other:?}: use support, oppose or neutral"
            )))
        }
    };
    let key = format!("counts\0{id}\0{q:?}");
    cached(&state, key, move |engine, state| {
        let aq = AsOfQuery {
            as_of: q.as_of.clone(),
            known_at: q.known_at,
        };
        let (ps, as_of, coverage) = on_question(engine, state, &id, &aq)?;
        let mut ps = ps.to_vec();
        if let Some(a) = as_of {
            ps.retain(|p| p.valid.from <= a);
        }
        if let Some(g) = &q.government {
            let seen = ps.iter().map(|p| p.government.clone()).collect();
            let g = government(engine, &seen, g)?;
            ps.retain(|p| p.government == g);
        }
        let mut periods: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for p in &ps {
            let e = periods
                .entry(p.valid.from.format(fmt).to_string())
                .or_default();
            e.1 += 1;
            if stance.as_deref().is_none_or(|s| p.stance.as_str() == s) {
                e.0 += 1;
            }
        }
        let counts = periods
            .into_iter()
            .map(|(period, (count, total))| CountRow {
                period,
                count,
                total,
                ratio: count as f64 / total as f64,
            })
            .collect();
        Ok(CountsPage { counts, coverage })
    })
    .await
}

// ---- search ---------------------------------------------------------------

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words every statement found contains (whole words, any case).
    q: String,
    /// Only this question.
    question: Option<String>,
    /// The ledger as it stood at this recorded time (Unix seconds).
    known_at: Option<i64>,
    /// At most this many (default 50, at most 1000).
    #[param(minimum = 0, maximum = 1000000)]
    limit: Option<usize>,
}

/// Full-text search over the statements behind positions.
#[utoipa::path(get, path = "/search", params(SearchQuery),
    responses((status = 200, body = PositionsPage), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn search(
    axum::extract::State(state): axum::extract::State<Shared>,
    Query(q): Query<SearchQuery>,
) -> Result<Response, ApiError> {
    let n = limit(q.limit, 50)?;
    let key = format!("search\0{q:?}");
    cached(&state, key, move |engine, state| {
        if let Some(id) = &q.question {
            check_question(engine, id)?;
        }
        let known = known_at(q.known_at);
        let snap = Snapshot {
            recorded_as_of: known,
            valid_as_of: None,
        };
        let mut filter = Filter::all();
        filter.question = q.question.clone();
        let ps = engine
            .store()
            .search(&snap, &filter, &q.q, n.clamp(1, 1000))?;
        Ok(PositionsPage {
            positions: rows(engine.store(), &ps)?,
            next_cursor: None,
            coverage: coverage(engine, state, q.question.as_deref(), known)?,
        })
    })
    .await
}
