//! `POST /v1/verify`: a PDF in, exactly the report `vanban verify --message-format json` prints
//! for it (with the anchors the service was started with), whatever the verdict.

use super::app::App;
use super::body::{self, Accept};
use super::problem::Problem;
use crate::error::Error;
use crate::sign::verify::{self, Lang};
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

fn lang(query: Result<Query<Vec<(String, String)>>, QueryRejection>) -> Result<Lang, Problem> {
    Ok(if super::lang::vietnamese(query)? { Lang::Vi } else { Lang::En })
}

/// `POST /v1/verify?lang=en|vi`.
#[utoipa::path(
    post,
    path = "/v1/verify",
    tag = "signatures",
    params(("lang" = Option<String>, Query, description = "language of the messages: en (default) or vi")),
    request_body(content = Vec<u8>, content_type = "application/pdf", description = "the PDF to verify"),
    responses(
        (status = 200, description = "the report `vanban verify --message-format json` prints, whatever the verdict (`valid`, `invalid`, `modified`, `untrusted`, `unsigned`); chains judged against the anchors of `vanban serve --trust/--trust-dir`", content_type = "application/json"),
        (status = 400, description = "not a readable PDF (not-pdf, truncated, bad-pdf, encrypted), or a wrong parameter", content_type = "application/problem+json"),
        (status = 413, description = "the body is over --max-body", content_type = "application/problem+json"),
        (status = 415, description = "the body is not application/pdf", content_type = "application/problem+json"),
        (status = 503, description = "every worker busy and the queue full; Retry-After", content_type = "application/problem+json"),
    )
)]
pub async fn verify(State(app): State<Arc<App>>, query: Result<Query<Vec<(String, String)>>, QueryRejection>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let lang = lang(query)?;
    body::content_type(&headers, Accept::Pdf)?;
    let bytes = body::read(&headers, body, app.options.max_body, app.options.read_timeout).await?;
    let ticket = app.pool.admit()?;
    let anchors = app.options.trust.clone();
    let out = app.pool.run(&app.engine, "verify", Some(ticket), move |_| verify::verify(&bytes, &anchors)).await?;
    match out {
        Ok(mut report) => {
            report.localise(lang);
            Ok(axum::Json(report).into_response())
        }
        Err(Error::Input(d)) => {
            let kind = d.first().map_or("bad-pdf", |x| x.code);
            let detail = d.first().map(|x| x.to_string()).unwrap_or_default();
            Err(Problem { diagnostics: d, ..Problem::new(StatusCode::BAD_REQUEST, kind, detail) })
        }
        Err(e) => Err(Problem::from_error(e)),
    }
}
