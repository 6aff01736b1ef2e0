//! The HTTP layer's one error type: each variant maps to a status and a
//! stable code from one table; internal details are logged, never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// What went wrong with a request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A parameter is malformed or missing.
    #[error("{0}")]
    BadRequest(String),
    /// No bearer token, or the wrong one.
    #[error("a valid bearer token is required")]
    Unauthorized,
    /// This server takes no writes (no token configured).
    #[error("writes are disabled: the server has no token (set VANE_TOKEN)")]
    WritesDisabled,
    /// A question, document or government that does not exist.
    #[error("{what} {name:?} not found{hint}")]
    NotFound {
        what: &'static str,
        name: String,
        hint: String,
    },
    /// Anything else: logged with its details, answered with none.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The status and the stable code of each variant: the one table.
    pub fn status_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::WritesDisabled => (StatusCode::FORBIDDEN, "writes_disabled"),
            ApiError::NotFound { what, .. } => (
                StatusCode::NOT_FOUND,
                match *what {
                    "question" => "unknown_question",
                    "document" => "unknown_document",
                    "government" => "unknown_government",
                    _ => "not_found",
                },
            ),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    pub fn not_found(what: &'static str, name: &str, near: &[String]) -> ApiError {
        ApiError::NotFound {
            what,
            name: name.to_string(),
            hint: vane_engine::names::did_you_mean(near),
        }
    }
}

impl From<vane_ledger::StoreError> for ApiError {
    fn from(e: vane_ledger::StoreError) -> ApiError {
        ApiError::Internal(format!("ledger: {e}"))
    }
}

impl From<vane_engine::EngineError> for ApiError {
    fn from(e: vane_engine::EngineError) -> ApiError {
        ApiError::Internal(format!("engine: {e}"))
    }
}

/// The body of every error response.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable: bad_request, unauthorized, writes_disabled, unknown_question,
    /// unknown_document, unknown_government, not_found, internal.
    pub code: String,
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_code();
        if let ApiError::Internal(detail) = &self {
            eprintln!("vane serve: internal error: {detail}");
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.to_string(),
                message: self.to_string(),
            },
        };
        (status, Json(body)).into_response()
    }
}
