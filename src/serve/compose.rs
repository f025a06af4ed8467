//! The routes the editor writes with (any client may): `POST /v1/preview` (the real pages as
//! SVG, only those the caller lacks), `POST /v1/body` (typed text → blocks, by the importer's
//! paragraph reader), `POST /v1/body/text` (blocks → text) and `POST /v1/import` (a Word file
//! → a document). `?lang=vi` gives the diagnostics in Vietnamese, as `--lang vi` does.

use super::app::App;
use super::body::{self, Accept};
use super::lang::{in_lang, vietnamese};
use super::problem::Problem;
use crate::profile::Profile;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::Arc;

fn envelope<T: for<'de> Deserialize<'de>>(bytes: &[u8], what: &str) -> Result<T, Problem> {
    serde_json::from_slice(bytes).map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "bad-request", format!("the request is not {what}: {e}")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PreviewRequest {
    /// The client's request counter, echoed.
    #[serde(default)]
    rev: u64,
    /// The hashes of the pages the client already shows.
    #[serde(default)]
    have: Vec<String>,
    /// The document, as `/v1/render` takes it: its bytes as sent (duplicate keys and all are
    /// judged as `/v1/render` judges them).
    document: Box<serde_json::value::RawValue>,
}

/// `POST /v1/preview`.
#[utoipa::path(
    post,
    path = "/v1/preview",
    tag = "editor",
    params(("lang" = Option<String>, Query, description = "vi: diagnostics in Vietnamese")),
    request_body(content = Object, content_type = "application/json", description = "{\"rev\": N, \"have\": [page hashes the caller shows], \"document\": {…}}"),
    responses(
        (status = 200, description = "{\"rev\", \"ok\", \"pages\": [{\"hash\", \"w\", \"h\", \"svg\"?}] (absent while an error stands), \"elements\" (mm, with body paths), \"diagnostics\"}; svg only for the hashes not in `have`", content_type = "application/json"),
        (status = 400, description = "the request is not that object", content_type = "application/problem+json"),
    )
)]
pub async fn preview(State(app): State<Arc<App>>, query: Result<Query<Vec<(String, String)>>, QueryRejection>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let vi = vietnamese(query)?;
    let (bytes, ticket) = body::receive(&app, &headers, body, Accept::Json).await?;
    let req: PreviewRequest = envelope(&bytes, "{\"rev\", \"have\", \"document\"}")?;
    let doc = req.document.get().as_bytes().to_vec();
    let have: HashSet<String> = req.have.into_iter().collect();
    let mut answer = app.pool.run(&app.engine, "preview", Some(ticket), move |e| crate::preview::stream::preview(e, req.rev, &doc, &have)).await?;
    answer.diagnostics = in_lang(answer.diagnostics, vi);
    Ok(axum::Json(answer).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BodyRequest {
    /// One paragraph a line.
    text: String,
    /// The blocks the text shows as `⟦N: …⟧` lines.
    #[serde(default)]
    kept: Vec<Value>,
    /// nd30 (default) or dang.
    #[serde(default)]
    profile: Option<String>,
}

/// `POST /v1/body`.
#[utoipa::path(
    post,
    path = "/v1/body",
    tag = "editor",
    params(("lang" = Option<String>, Query, description = "vi: diagnostics in Vietnamese")),
    request_body(content = Object, content_type = "application/json", description = "{\"text\": one paragraph a line, \"kept\": [blocks shown as ⟦N: …⟧ lines], \"profile\": \"nd30\"|\"dang\"}"),
    responses(
        (status = 200, description = "{\"body\": [blocks], \"diagnostics\"}: the blocks the importer's paragraph reader makes of the lines; a typed label out of the decree's sequence is kept as `number`, with an import-numbering warning", content_type = "application/json"),
        (status = 400, description = "the request is not that object", content_type = "application/problem+json"),
    )
)]
pub async fn body_from_text(State(app): State<Arc<App>>, query: Result<Query<Vec<(String, String)>>, QueryRejection>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let vi = vietnamese(query)?;
    body::content_type(&headers, Accept::Json)?;
    let bytes = body::read(&headers, body, app.options.max_body, app.options.read_timeout).await?;
    let req: BodyRequest = envelope(&bytes, "{\"text\", \"kept\", \"profile\"}")?;
    let profile = Profile::parse(req.profile.as_deref()).ok_or_else(|| Problem::new(StatusCode::BAD_REQUEST, "bad-request", format!("profile \"{}\": nd30 or dang", req.profile.as_deref().unwrap_or(""))))?;
    let read = crate::import::text::read(&req.text, &req.kept, profile);
    Ok(axum::Json(json!({ "body": read.blocks, "diagnostics": in_lang(read.warnings, vi) })).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextRequest {
    body: Vec<Value>,
}

/// `POST /v1/body/text`.
#[utoipa::path(
    post,
    path = "/v1/body/text",
    tag = "editor",
    request_body(content = Object, content_type = "application/json", description = "{\"body\": [blocks]}"),
    responses(
        (status = 200, description = "{\"text\", \"kept\"}: the blocks as typed text; those the text cannot say (tables with spans, results, pictures, blocks with properties) are `kept` and shown as ⟦N: …⟧ lines", content_type = "application/json"),
        (status = 400, description = "the request is not that object", content_type = "application/problem+json"),
    )
)]
pub async fn text_from_body(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    body::content_type(&headers, Accept::Json)?;
    let bytes = body::read(&headers, body, app.options.max_body, app.options.read_timeout).await?;
    let req: TextRequest = envelope(&bytes, "{\"body\": [blocks]}")?;
    let t = crate::import::text::write(&req.body);
    Ok(axum::Json(json!({ "text": t.text, "kept": t.kept })).into_response())
}

/// `POST /v1/import`.
#[utoipa::path(
    post,
    path = "/v1/import",
    tag = "editor",
    params(("lang" = Option<String>, Query, description = "vi: diagnostics in Vietnamese")),
    request_body(content = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", description = "a Word document (.docx)"),
    responses(
        (status = 200, description = "{\"document\", \"diagnostics\"}: the document as `vanban import` writes it, each diagnostic as `vanban import --message-format json` prints it", content_type = "application/json"),
        (status = 413, description = "the body is over --max-body", content_type = "application/problem+json"),
        (status = 415, description = "the body is not a .docx", content_type = "application/problem+json"),
        (status = 422, description = "the file cannot be read as Word (not-docx, doc-binary, encrypted, too-large, …)", content_type = "application/problem+json"),
    )
)]
pub async fn import(State(app): State<Arc<App>>, query: Result<Query<Vec<(String, String)>>, QueryRejection>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let vi = vietnamese(query)?;
    let (bytes, ticket) = body::receive(&app, &headers, body, Accept::Docx).await?;
    let out = app.pool.run(&app.engine, "import", Some(ticket), move |_| crate::import::import(bytes.to_vec())).await?;
    match out {
        Ok(imported) => Ok(axum::Json(json!({ "document": imported.document, "diagnostics": in_lang(imported.warnings, vi) })).into_response()),
        Err(e) => {
            let mut p = Problem::from_error(e);
            p.diagnostics = in_lang(std::mem::take(&mut p.diagnostics), vi);
            Err(p)
        }
    }
}
