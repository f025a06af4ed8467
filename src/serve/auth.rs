//! `vanban serve --tokens FILE`: who may call which route with which key, and the guard in
//! front of every route. One token a line: `NAME SHA256 KEYS ROUTES` (SHA256 the lower-case
//! hex SHA-256 of the token's bytes; KEYS and ROUTES comma lists or `*`; `#` starts a
//! comment). Tokens are compared by their digests in constant time; no token is stored.

use super::app::App;
use super::problem::Problem;
use crate::error::{Error, InputError, Result};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The routes a token may be given.
pub const ROUTES: &[&str] = &["render", "check", "layout", "batch", "import", "preview", "verify", "sign", "issue", "register"];

/// One token.
#[derive(Debug, Clone)]
pub struct Token {
    /// Its name (in audit lines).
    pub name: String,
    digest: [u8; 32],
    keys: Option<Vec<String>>,
    routes: Option<Vec<String>>,
}

impl Token {
    /// Whether it may use `route`.
    pub fn route(&self, route: &str) -> bool {
        self.routes.as_ref().is_none_or(|r| r.iter().any(|x| x == route))
    }

    /// Whether it may sign with `key`.
    pub fn key(&self, key: &str) -> bool {
        self.keys.as_ref().is_none_or(|k| k.iter().any(|x| x == key))
    }
}

fn list(s: &str) -> Option<Vec<String>> {
    (s != "*").then(|| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
}

/// Read a tokens file.
pub fn load(path: &std::path::Path) -> Result<Vec<Token>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io(format!("--tokens {}: {e}", path.display())))?;
    let bad = |n: usize, m: String| Error::Input(vec![InputError::at("--tokens", format!("{} line {n}: {m}", path.display())).code("bad-tokens").hint("write NAME SHA256 KEYS ROUTES, e.g. eoffice 9f86…08 van-thu render,issue")]);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() != 4 {
            return Err(bad(i + 1, format!("{} fields; a token line has 4", f.len())));
        }
        let hex = f[1];
        if hex.len() != 64 || !hex.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()) {
            return Err(bad(i + 1, "the second field is not a lower-case hex SHA-256".into()));
        }
        let mut digest = [0u8; 32];
        for (k, d) in digest.iter_mut().enumerate() {
            *d = u8::from_str_radix(&hex[2 * k..2 * k + 2], 16).unwrap_or(0);
        }
        let routes = list(f[3]);
        if let Some(r) = routes.as_ref().and_then(|r| r.iter().find(|r| !ROUTES.contains(&r.as_str()))) {
            return Err(bad(i + 1, format!("unknown route \"{r}\"; routes: {}", ROUTES.join(", "))));
        }
        out.push(Token { name: f[0].to_string(), digest, keys: list(f[2]), routes });
    }
    if out.is_empty() {
        return Err(bad(0, "no token".into()));
    }
    Ok(out)
}

/// Constant-time equality of two digests.
fn same(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The route name of a path, for the token's ROUTES; `None` for what needs no token.
fn route_of(path: &str) -> Option<&'static str> {
    let p = path.trim_end_matches('/');
    Some(match p {
        "/livez" | "/readyz" | "/metrics" | "/version" | "/openapi.json" | "" => return None,
        _ if p == "/assets" || p.starts_with("/assets/") => return None,
        "/v1/render" | "/v1/envelope" => "render",
        "/v1/check" => "check",
        "/v1/layout" => "layout",
        "/v1/batch" => "batch",
        "/v1/import" => "import",
        "/v1/preview" | "/v1/body" | "/v1/body/text" => "preview",
        "/v1/verify" => "verify",
        "/v1/issue" => "issue",
        _ if p.starts_with("/v1/sign") => "sign",
        _ if p.starts_with("/v1/register") => "register",
        _ => "info",
    })
}

/// The token a request was admitted with (for the routes that check its keys and audit).
#[derive(Clone)]
pub struct Caller(pub Token);

fn refuse(status: StatusCode, kind: &'static str, detail: String) -> Response {
    let mut p = Problem::new(status, kind, detail);
    p.reason = Some(kind);
    let mut r = p.into_response();
    if status == StatusCode::UNAUTHORIZED {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"vanban\""));
    }
    r
}

/// The guard: a foreign `Origin` on a state-changing request is refused (403) before anything
/// else; with tokens, a route that needs one gets 401 without a known token and 403 for a
/// route the token may not use.
pub async fn guard(State(app): State<Arc<App>>, mut req: Request, next: Next) -> Response {
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes {
        if let Some(origin) = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
            let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
            let own = [format!("http://{host}"), format!("https://{host}")];
            let allowed = own.iter().any(|o| o == origin) || app.options.cors.as_deref() == Some(origin);
            if !allowed {
                return refuse(StatusCode::FORBIDDEN, "forbidden-origin", format!("requests from {origin} are not accepted"));
            }
        }
    }
    let Some(tokens) = app.tokens.as_ref() else { return next.run(req).await };
    let Some(route) = route_of(req.uri().path()) else { return next.run(req).await };
    let given = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).map(str::trim);
    let Some(given) = given else {
        return refuse(StatusCode::UNAUTHORIZED, "unauthorized", "this route needs Authorization: Bearer TOKEN".into());
    };
    let digest: [u8; 32] = Sha256::digest(given.as_bytes()).into();
    // Every token is compared, so the time does not say which one nearly matched.
    let mut found = None;
    for t in tokens.iter() {
        if same(&t.digest, &digest) {
            found = Some(t.clone());
        }
    }
    let Some(token) = found else {
        return refuse(StatusCode::UNAUTHORIZED, "unauthorized", "the token is not known".into());
    };
    if route != "info" && !token.route(route) {
        return refuse(StatusCode::FORBIDDEN, "forbidden", format!("the token \"{}\" may not use {route}", token.name));
    }
    req.extensions_mut().insert(Caller(token));
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_by_path() {
        assert_eq!(route_of("/v1/sign/prepare"), Some("sign"));
        assert_eq!(route_of("/v1/register/7/void"), Some("register"));
        assert_eq!(route_of("/livez"), None);
        assert_eq!(route_of("/v1/types"), Some("info"));
    }
}
