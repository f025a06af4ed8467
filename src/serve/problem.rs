//! Errors as RFC 9457 `application/problem+json`, carrying the CLI's diagnostic objects.

use crate::error::{Error, InputError, Severity};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// One problem answer.
#[derive(Debug)]
pub struct Problem {
    /// The HTTP status.
    pub status: StatusCode,
    /// A short, stable kind (`invalid-input`, `queue-full`, …), also the `type` URI's end.
    pub kind: &'static str,
    /// What happened, for people.
    pub detail: String,
    /// The diagnostics, as `--message-format json` prints them.
    pub diagnostics: Vec<InputError>,
    /// Seconds for `Retry-After` (503).
    pub retry_after: Option<u64>,
    /// Why the request was refused, for the rejection metric.
    pub reason: Option<&'static str>,
}

impl Problem {
    /// A problem without diagnostics.
    pub fn new(status: StatusCode, kind: &'static str, detail: impl Into<String>) -> Problem {
        Problem { status, kind, detail: detail.into(), diagnostics: Vec::new(), retry_after: None, reason: None }
    }

    /// 503: the queue is full or the server drains; try again (elsewhere) shortly.
    pub fn unavailable(reason: &'static str, detail: impl Into<String>) -> Problem {
        Problem { retry_after: Some(1), reason: Some(reason), ..Problem::new(StatusCode::SERVICE_UNAVAILABLE, reason, detail) }
    }

    /// The answer to input errors: 400 for the JSON itself, 413 for size, 422 for the rest.
    pub fn input(diagnostics: Vec<InputError>) -> Problem {
        let errors: Vec<&InputError> = diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        let status = if errors.iter().any(|d| d.code == "too-large" && d.path.as_deref() == Some("$")) {
            StatusCode::PAYLOAD_TOO_LARGE
        } else if errors.iter().any(|d| matches!(d.code, "syntax" | "not-utf8" | "duplicate-key") || (d.code == "too-deep" && d.line.is_some())) {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let n = errors.len();
        let first = errors.first().map(|d| d.to_string()).unwrap_or_default();
        let detail = if n > 1 { format!("{first} (and {} more)", n - 1) } else { first };
        let kind = if status == StatusCode::PAYLOAD_TOO_LARGE { "too-large" } else { "invalid-input" };
        Problem { diagnostics, ..Problem::new(status, kind, detail) }
    }

    /// An engine error: input errors by their codes, anything else a bug (500).
    pub fn from_error(e: Error) -> Problem {
        match e {
            Error::Input(d) => Problem::input(d),
            Error::Usage(m) => Problem::new(StatusCode::BAD_REQUEST, "bad-request", m),
            Error::Io(m) | Error::Internal(m) => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", m),
        }
    }

    /// The JSON body.
    pub fn body(&self, instance: &str) -> serde_json::Value {
        serde_json::json!({
            "type": format!("urn:vanban:problem:{}", self.kind),
            "title": self.status.canonical_reason().unwrap_or("Error"),
            "status": self.status.as_u16(),
            "detail": self.detail,
            "instance": if instance.is_empty() { serde_json::Value::Null } else { format!("urn:vanban:request:{instance}").into() },
            "diagnostics": self.diagnostics,
        })
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = self.body(&super::log::request_id()).to_string();
        let mut r = (self.status, body).into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let Some(s) = self.retry_after {
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        if let Some(reason) = self.reason {
            r.extensions_mut().insert(Rejected(reason));
        }
        r
    }
}

/// Marks a response as a rejection (queue full, draining, timeout) for the metrics.
#[derive(Debug, Clone, Copy)]
pub struct Rejected(pub &'static str);
