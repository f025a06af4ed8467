//! Around every request: the `X-Request-Id` (taken or made, echoed), one structured log
//! line on stderr, and the request metrics.

use super::app::App;
use super::problem::Rejected;
use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

tokio::task_local! {
    /// The current request's id, for the problem documents made while answering it.
    pub static REQUEST_ID: String;
}

/// The current request's id ("" outside a request).
pub fn request_id() -> String {
    REQUEST_ID.try_with(|id| id.clone()).unwrap_or_default()
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A new id: the process's start (seconds) and a counter, unique enough to find a log line.
fn make_id() -> String {
    static START: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let start = *START.get_or_init(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()));
    format!("{start:x}-{:06x}-{:x}", COUNTER.fetch_add(1, Ordering::Relaxed), std::process::id())
}

/// A client's id is kept when it is short, visible ASCII.
fn given_id(req: &Request) -> Option<String> {
    let v = req.headers().get("x-request-id")?.to_str().ok()?;
    (!v.is_empty() && v.len() <= 200 && v.bytes().all(|b| b.is_ascii_graphic())).then(|| v.to_string())
}

/// The layer.
pub async fn layer(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let id = given_id(&req).unwrap_or_else(make_id);
    let route = req.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let mut res = REQUEST_ID.scope(id.clone(), next.run(req)).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert("x-request-id", v);
    }
    let status = res.status().as_u16();
    let secs = start.elapsed().as_secs_f64();
    let rejected = res.extensions().get::<Rejected>().map(|r| r.0);
    if let Some(reason) = rejected {
        app.metrics.rejected(reason);
    }
    // The scrape itself is not counted: it would be most of the traffic of an idle service.
    if route != "/metrics" {
        app.metrics.request(&route, status, secs);
    }
    tracing::info!(
        request_id = %id,
        method = %method,
        path = %path,
        status,
        ms = format_args!("{:.2}", secs * 1000.0),
        rejected = rejected.unwrap_or(""),
        "request"
    );
    res
}
