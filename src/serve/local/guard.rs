//! The local editor's guards, before anything else: a `Host` other than `127.0.0.1:PORT` or
//! `localhost:PORT` gets 421 (DNS rebinding); `?token=` sets the cookie and redirects without
//! it; no valid cookie gets 401; a POST, PUT or DELETE whose `Origin` is missing or foreign
//! gets 403 (another page's form or script).

use super::Local;
use crate::serve::problem::Problem;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn refuse(status: StatusCode, kind: &'static str, detail: impl Into<String>) -> Response {
    let mut p = Problem::new(status, kind, detail);
    p.reason = Some(kind);
    p.into_response()
}

/// The guard, around every route of `vanban edit`.
pub async fn guard(State(local): State<Arc<Local>>, req: Request, next: Next) -> Response {
    let port = local.port.get().copied().unwrap_or(0);
    let hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    // Every Host the request names must be this editor's (HTTP/1.1 sends one; a second is a trick).
    let named: Vec<&str> = req.headers().get_all(header::HOST).iter().map(|h| h.to_str().unwrap_or("")).collect();
    if named.is_empty() || !named.iter().all(|n| hosts.iter().any(|h| h == n)) {
        return refuse(StatusCode::MISDIRECTED_REQUEST, "wrong-host", format!("this editor answers at {} only", hosts.join(" or ")));
    }
    // The printed link: set the cookie, then the same address without the token.
    let query = req.uri().query().unwrap_or("");
    if let Some(t) = query.split('&').find_map(|kv| kv.strip_prefix("token=")) {
        if !same(t, &local.token) {
            return refuse(StatusCode::UNAUTHORIZED, "bad-token", "the token in the link is not this editor's: open the link vanban edit printed");
        }
        let rest: Vec<&str> = query.split('&').filter(|kv| !kv.starts_with("token=")).collect();
        let to = if rest.is_empty() { req.uri().path().to_string() } else { format!("{}?{}", req.uri().path(), rest.join("&")) };
        let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
        let cookie = format!("{}={}; HttpOnly; SameSite=Strict; Path=/", local.cookie(), local.token);
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().insert(header::SET_COOKIE, v);
        }
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return res;
    }
    let name = local.cookie();
    let ok = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .any(|(k, v)| k == name && same(v, &local.token));
    if !ok {
        return refuse(StatusCode::UNAUTHORIZED, "no-token", "open the link vanban edit printed (it carries the token)");
    }
    let changes = matches!(*req.method(), Method::POST | Method::PUT | Method::DELETE | Method::PATCH);
    if changes {
        let origin = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok());
        let own = hosts.iter().any(|h| origin == Some(&format!("http://{h}")));
        if !own {
            return refuse(StatusCode::FORBIDDEN, "forbidden-origin", format!("{} may not change anything here", origin.unwrap_or("a request without Origin")));
        }
    }
    next.run(req).await
}
