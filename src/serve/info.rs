//! The routes that render nothing: the contract, the types, the probes, the metrics.

use super::app::App;
use super::problem::Problem;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// `GET /v1/schema`.
#[utoipa::path(get, path = "/v1/schema", tag = "contract", responses((status = 200, description = "the input's JSON Schema (2020-12), as `vanban schema` prints it", content_type = "application/schema+json")))]
pub async fn schema() -> Response {
    let mut r = Json(crate::model::schema()).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/schema+json"));
    r
}

/// The `?profile=` of the type routes.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ProfileQuery {
    /// nd30 (default) or dang.
    profile: Option<String>,
}

fn profile_of(q: &ProfileQuery) -> Result<crate::profile::Profile, Problem> {
    crate::profile::Profile::parse(q.profile.as_deref())
        .ok_or_else(|| Problem::new(StatusCode::BAD_REQUEST, "unknown-value", format!("unknown profile \"{}\"; one of: nd30, dang", q.profile.as_deref().unwrap_or(""))))
}

/// `GET /v1/types`.
#[utoipa::path(get, path = "/v1/types", tag = "contract", params(ProfileQuery), responses((status = 200, description = "the types of a profile: the 29 of Phụ lục III (default), or the Party guide's 28 with ?profile=dang: [{slug, name, abbreviation, purpose, starter}]", content_type = "application/json"), (status = 400, description = "an unknown profile", content_type = "application/problem+json")))]
pub async fn types(Query(q): Query<ProfileQuery>) -> Result<Json<serde_json::Value>, Problem> {
    let profile = profile_of(&q)?;
    let suffix = if profile == crate::profile::Profile::Nd30 { String::new() } else { format!("?profile={}", profile.slug()) };
    let list: Vec<serde_json::Value> = profile
        .types()
        .iter()
        .map(|t| serde_json::json!({ "slug": t.slug, "name": t.name, "abbreviation": t.code, "purpose": crate::nd30::purpose::purpose(t.slug), "starter": format!("/v1/types/{}/starter{suffix}", t.slug) }))
        .collect();
    Ok(Json(serde_json::Value::Array(list)))
}

/// `GET /v1/types/{type}/starter`.
#[utoipa::path(
    get,
    path = "/v1/types/{type}/starter",
    tag = "contract",
    params(("type" = String, Path, description = "a type's slug: bao-cao, cong-van, quyet-dinh, …"), ProfileQuery),
    responses(
        (status = 200, description = "a starter document, keys in reading order, as `vanban new TYPE` prints it", content_type = "application/json"),
        (status = 404, description = "no such type", content_type = "application/problem+json"),
    )
)]
pub async fn starter(Path(slug): Path<String>, Query(q): Query<ProfileQuery>) -> Result<Response, Problem> {
    let profile = profile_of(&q)?;
    let Some(v) = crate::starter::starter_for(profile, &slug) else {
        let all: Vec<&str> = profile.types().iter().map(|t| t.slug).collect();
        return Err(Problem::new(StatusCode::NOT_FOUND, "unknown-type", format!("unknown type \"{slug}\"; one of: {}", all.join(", "))));
    };
    let mut r = crate::starter::to_reading_order(&v).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(r)
}

/// `GET /livez`: the process answers.
#[utoipa::path(get, path = "/livez", tag = "operations", responses((status = 200, description = "alive")))]
pub async fn livez() -> &'static str {
    "ok\n"
}

/// `GET /readyz`: the engine is built and the service is not draining.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses((status = 200, description = "ready"), (status = 503, description = "draining after SIGTERM", content_type = "application/problem+json")))]
pub async fn readyz(State(app): State<Arc<App>>) -> Result<&'static str, Problem> {
    if app.draining.load(Ordering::SeqCst) {
        let mut p = Problem::unavailable("draining", "the service is stopping; send new requests elsewhere");
        p.reason = None; // a probe is not a rejected request
        return Err(p);
    }
    Ok("ready\n")
}

/// `GET /metrics`: Prometheus text.
#[utoipa::path(get, path = "/metrics", tag = "operations", responses((status = 200, description = "Prometheus text exposition 0.0.4", content_type = "text/plain")))]
pub async fn metrics(State(app): State<Arc<App>>) -> Response {
    let mut r = app.metrics.text().into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
    r
}

/// `GET /openapi.json`.
#[utoipa::path(get, path = "/openapi.json", tag = "operations", responses((status = 200, description = "this API, OpenAPI 3.1", content_type = "application/json")))]
pub async fn openapi() -> Json<serde_json::Value> {
    Json(super::openapi::document())
}

/// `GET /version`.
#[utoipa::path(get, path = "/version", tag = "operations", responses((status = 200, description = "{vanban, typst, font, workers, queue}", content_type = "application/json")))]
pub async fn version(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "vanban": env!("CARGO_PKG_VERSION"),
        "typst": "0.15.1",
        "font": app.engine.fonts().family,
        "workers": app.options.workers,
        "queue": app.options.queue,
    }))
}
