//! The service's shared state and its routes.

use super::metrics::Metrics;
use super::pool::Pool;
use super::problem::Problem;
use super::{auth, batch, compose, editor, info, issuing, local, log, render, verify, Issuing, ServeOptions};
use crate::Engine;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// One per process: the engine, the workers, the metrics.
pub struct App {
    /// The engine every render uses.
    pub engine: Arc<Engine>,
    /// The workers and the queue in front of them.
    pub pool: Pool,
    /// The metrics `/metrics` prints.
    pub metrics: Arc<Metrics>,
    /// Set on SIGTERM/SIGINT: `/readyz` answers 503.
    pub draining: AtomicBool,
    /// The options it was started with.
    pub options: ServeOptions,
    /// `--tokens`: who may call what.
    pub tokens: Option<Vec<auth::Token>>,
    /// `--keys`: the keys it signs with, and the numbering series.
    pub keys: super::keys::Keys,
    /// `--register`.
    pub register: Option<Box<dyn crate::register::Store>>,
}

impl App {
    /// The state of a new service.
    pub fn new(engine: Engine, options: ServeOptions, issuing: Issuing) -> App {
        let metrics = Arc::new(Metrics::default());
        let pool = Pool::new(options.workers, options.queue, options.render_timeout, metrics.clone());
        App { engine: Arc::new(engine), pool, metrics, draining: AtomicBool::new(false), options, tokens: issuing.tokens, keys: issuing.keys, register: issuing.register }
    }
}

/// Every route, with the request-id, log and metrics layer around each.
pub fn router(app: Arc<App>) -> Router {
    let mut r = Router::new()
        .route("/v1/render", post(render::render))
        .route("/v1/check", post(render::check))
        .route("/v1/layout", post(render::layout))
        .route("/v1/batch", post(batch::batch))
        .route("/v1/preview", post(compose::preview))
        .route("/v1/body", post(compose::body_from_text))
        .route("/v1/body/text", post(compose::text_from_body))
        .route("/v1/import", post(compose::import))
        .route("/", get(editor::page))
        .route("/assets/{file}", get(editor::asset))
        .route("/v1/verify", post(verify::verify))
        .route("/v1/sign", post(issuing::sign_route))
        .route("/v1/sign/prepare", post(issuing::prepare))
        .route("/v1/sign/finish", post(issuing::finish))
        .route("/v1/issue", post(issuing::issue))
        .route("/v1/envelope", post(issuing::envelope))
        .route("/v1/register", get(issuing::list))
        .route("/v1/register/book", get(issuing::book))
        .route("/v1/register/{id}", get(issuing::entry))
        .route("/v1/register/{id}/void", post(issuing::void))
        .route("/v1/schema", get(info::schema))
        .route("/v1/types", get(info::types))
        .route("/v1/types/{type}/starter", get(info::starter))
        .route("/livez", get(info::livez))
        .route("/readyz", get(info::readyz))
        .route("/metrics", get(info::metrics))
        .route("/openapi.json", get(info::openapi))
        .route("/version", get(info::version))
        .merge(local_routes(&app))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Multipart bodies (sign, issue) are read by axum's extractor: the same limit as the
        // others' (axum's own default is 2 MiB, less than a draft with a scanned appendix).
        .layer(axum::extract::DefaultBodyLimit::max(app.options.max_body))
        .layer(axum::middleware::from_fn_with_state(app.clone(), auth::guard))
        .with_state(app.clone());
    if let Some(origin) = &app.options.cors {
        r = r.layer(axum::middleware::from_fn_with_state(HeaderValue::from_str(origin).ok(), cors));
    }
    if let Some(l) = &app.options.local {
        r = r.layer(axum::middleware::from_fn_with_state(l.clone(), local::guard::guard));
    }
    r.layer(axum::middleware::from_fn_with_state(app, log::layer))
}

/// `vanban edit`'s routes over its folder (none in `vanban serve`).
fn local_routes(app: &Arc<App>) -> Router<Arc<App>> {
    use local::files;
    if app.options.local.is_none() {
        return Router::new();
    }
    Router::new()
        .route("/v1/edit", get(files::info))
        .route("/v1/edit/files", get(files::list))
        .route("/v1/edit/files/{stem}", get(files::open).put(files::save).delete(files::delete))
        .route("/v1/edit/files/{stem}/duplicate", post(files::duplicate))
        .route("/v1/edit/files/{stem}/{kind}", get(files::output))
        .route("/v1/edit/profiles", get(files::profiles).put(files::save_profiles))
        .route("/v1/edit/sign", post(local::sign::sign_route))
}

async fn not_found(uri: axum::http::Uri) -> Problem {
    Problem::new(StatusCode::NOT_FOUND, "not-found", format!("no route {}; see /openapi.json", uri.path()))
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> Problem {
    Problem::new(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", format!("{method} is not allowed on {}", uri.path()))
}

/// CORS for the one origin named by `--cors` (preflight answered here).
async fn cors(
    axum::extract::State(origin): axum::extract::State<Option<HeaderValue>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let Some(origin) = origin else { return next.run(req).await };
    let preflight = req.method() == Method::OPTIONS;
    let mut res = if preflight { StatusCode::NO_CONTENT.into_response() } else { next.run(req).await };
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Content-Disposition, ETag, X-Request-Id, Retry-After"));
    if preflight {
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, OPTIONS"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Content-Type, X-Request-Id"));
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    }
    res
}
