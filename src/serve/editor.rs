//! `GET /` and `GET /assets/{file}`: the editor (off with `--no-editor`: 404), with a strict
//! Content-Security-Policy and an ETag.

use super::app::App;
use super::problem::Problem;
use crate::editor;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

fn send(app: &App, headers: &HeaderMap, name: &str) -> Result<Response, Problem> {
    let missing = || Problem::new(StatusCode::NOT_FOUND, "not-found", format!("no editor file {name}"));
    if !app.options.editor {
        return Err(Problem::new(StatusCode::NOT_FOUND, "not-found", "the editor is off (--no-editor)"));
    }
    let a = editor::asset(name).ok_or_else(missing)?;
    let tag = editor::etag();
    let fresh = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    let mut res = if fresh { StatusCode::NOT_MODIFIED.into_response() } else { a.bytes.into_response() };
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(a.media_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(editor::CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if let Ok(v) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, v);
    }
    Ok(res)
}

/// `GET /`.
#[utoipa::path(get, path = "/", tag = "editor", responses((status = 200, description = "the editor's page (Vietnamese)", content_type = "text/html"), (status = 404, description = "started with --no-editor", content_type = "application/problem+json")))]
pub async fn page(State(app): State<Arc<App>>, headers: HeaderMap) -> Result<Response, Problem> {
    send(&app, &headers, "index.html")
}

/// `GET /assets/{file}`.
#[utoipa::path(get, path = "/assets/{file}", tag = "editor", params(("file" = String, Path, description = "a script or style of the editor")), responses((status = 200, description = "the file"), (status = 404, description = "no such file, or --no-editor", content_type = "application/problem+json")))]
pub async fn asset(State(app): State<Arc<App>>, Path(file): Path<String>, headers: HeaderMap) -> Result<Response, Problem> {
    send(&app, &headers, &file)
}
