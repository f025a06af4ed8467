//! Reading a request: its content type, then its body, whole, within the size limit and the
//! read deadline — before any worker is taken.

use super::problem::Problem;
use crate::error::InputError;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, StatusCode};
use http_body_util::BodyExt;
use std::time::Duration;

/// A .docx's media type.
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// What a route accepts.
#[derive(Debug, Clone, Copy)]
pub enum Accept {
    /// One JSON document.
    Json,
    /// One JSON document per line.
    Ndjson,
    /// A PDF.
    Pdf,
    /// A Word document (.docx).
    Docx,
}

/// 415 unless the request says it sends what the route reads.
pub fn content_type(headers: &HeaderMap, accept: Accept) -> Result<(), Problem> {
    let given = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = given.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let ok = match accept {
        Accept::Json => essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json")),
        Accept::Ndjson => matches!(essence.as_str(), "application/x-ndjson" | "application/ndjson" | "application/jsonl" | "application/jsonlines" | "application/json-lines"),
        Accept::Pdf => essence == "application/pdf",
        Accept::Docx => essence == DOCX,
    };
    if ok {
        return Ok(());
    }
    let want = match accept {
        Accept::Json => "application/json",
        Accept::Ndjson => "application/x-ndjson",
        Accept::Pdf => "application/pdf",
        Accept::Docx => DOCX,
    };
    let said = if given.is_empty() { "no Content-Type".to_string() } else { format!("Content-Type {given}") };
    Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", format!("{said}; send the body as {want}")))
}

/// The whole body: 413 beyond `limit` bytes (known from Content-Length before reading, or
/// found while reading), 408 when it has not arrived within `deadline`.
pub async fn read(headers: &HeaderMap, body: Body, limit: usize, deadline: Duration) -> Result<Bytes, Problem> {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if let Some(n) = declared.filter(|n| *n > limit as u64) {
        return Err(too_large(n, limit));
    }
    let read = async {
        let mut body = body;
        let mut buf: Vec<u8> = Vec::with_capacity(declared.map_or(8 << 10, |n| n as usize));
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "bad-request", format!("the body could not be read: {e}")))?;
            if let Ok(data) = frame.into_data() {
                if buf.len() + data.len() > limit {
                    return Err(too_large((buf.len() + data.len()) as u64, limit));
                }
                buf.extend_from_slice(&data);
            }
        }
        Ok(Bytes::from(buf))
    };
    match tokio::time::timeout(deadline, read).await {
        Ok(r) => r,
        Err(_) => {
            let mut p = Problem::new(
                StatusCode::REQUEST_TIMEOUT,
                "read-timeout",
                format!("the body did not arrive within {} s", deadline.as_secs_f64()),
            );
            p.reason = Some("read-timeout");
            Err(p)
        }
    }
}

fn too_large(n: u64, limit: usize) -> Problem {
    let d = InputError::at("$", format!("the body is {n} bytes or more; at most {limit} are read"))
        .code("too-large")
        .hint("raise the limit with --max-body");
    let mut p = Problem::input(vec![d]);
    p.reason = Some("too-large");
    p
}

/// Read and admit a request: content type, body (with deadline), a place in the queue.
pub async fn receive(app: &super::app::App, headers: &HeaderMap, body: Body, accept: Accept) -> Result<(Bytes, super::pool::Ticket), Problem> {
    content_type(headers, accept)?;
    let bytes = read(headers, body, app.options.max_body, app.options.read_timeout).await?;
    let ticket = app.pool.admit()?;
    Ok((bytes, ticket))
}

