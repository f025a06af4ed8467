//! Issuing over HTTP: `POST /v1/sign` (a key the server holds), `/v1/sign/prepare` and
//! `/v1/sign/finish` (a remote signer, no key on the server), `POST /v1/issue` (number, date,
//! agency signature and register entry in one call), and the register's routes.

use super::app::App;
use super::auth::Caller;
use super::body::{self, Accept};
use super::problem::Problem;
use crate::error::Error;
use crate::sign::{self, Completion, SignRequest, State as SignState};
use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use std::collections::HashMap;
use std::sync::Arc;

type Params = Result<Query<Vec<(String, String)>>, QueryRejection>;

fn bad(m: impl Into<String>) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, "bad-request", m)
}

/// The query as a map, every name among `known`.
fn params(q: Params, known: &[&str]) -> Result<HashMap<String, String>, Problem> {
    let Query(pairs) = q.map_err(|e| bad(format!("the query string: {e}")))?;
    let mut out = HashMap::new();
    for (k, v) in pairs {
        if !known.contains(&k.as_str()) {
            return Err(bad(format!("unknown parameter \"{k}\"; known: {}", known.join(", "))));
        }
        out.insert(k, v);
    }
    Ok(out)
}

fn date(p: &HashMap<String, String>) -> Result<Option<chrono::NaiveDate>, Problem> {
    p.get("date").map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| bad(format!("date={d}: write it as 2026-03-09")))).transpose()
}

/// A vanban error as the answer the issue names: refusals about the document's state 409, a
/// key that cannot sign 503, a register that does not answer 503, the rest 422 (or 400 for
/// what is not a PDF).
fn answer(e: Error) -> Problem {
    match e {
        Error::Input(d) => {
            let code = d.first().map_or("invalid-input", |x| x.code);
            let status = match code {
                "already-signed" | "signer-first" | "already-numbered" | "number-required" => StatusCode::CONFLICT,
                // The key cannot sign now: a token pulled out or locked, a certificate out of date.
                "certificate-expired" | "certificate-not-yet-valid" | "pkcs11" | "pkcs11-module" | "pin-locked" | "pin-expired" | "wrong-pin" | "no-such-token" => StatusCode::SERVICE_UNAVAILABLE,
                "no-such-entry" => StatusCode::NOT_FOUND,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let kind = if status == StatusCode::SERVICE_UNAVAILABLE { "key-unavailable" } else { code };
            let detail = d.first().map(|x| x.to_string()).unwrap_or_default();
            Problem { diagnostics: d, ..Problem::new(status, kind, detail) }
        }
        Error::Io(m) if m.starts_with("the register") => Problem::new(StatusCode::SERVICE_UNAVAILABLE, "register-unavailable", m),
        other => Problem::from_error(other),
    }
}

/// The key a request names: it must exist, the token must allow it, and it must be usable.
fn key<'a>(app: &'a App, caller: Option<&Caller>, name: Option<&String>) -> Result<(&'a str, &'a super::keys::Key, &'a std::sync::Mutex<sign::Signer>), Problem> {
    let name = name.ok_or_else(|| bad("name the key: key=NAME"))?;
    let (k, entry) = app.keys.keys.get_key_value(name).ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "no-such-key", format!("the service holds no key \"{name}\"")))?;
    if let Some(Caller(t)) = caller {
        if !t.key(name) {
            let mut p = Problem::new(StatusCode::FORBIDDEN, "forbidden", format!("the token \"{}\" may not use the key \"{name}\"", t.name));
            p.reason = Some("forbidden");
            return Err(p);
        }
    }
    match &entry.signer {
        Ok(s) => Ok((k.as_str(), entry, s)),
        Err(why) => Err(Problem::new(StatusCode::SERVICE_UNAVAILABLE, "key-unavailable", format!("the key \"{name}\" cannot sign now: {why}"))),
    }
}

/// One audit line: who signed or numbered what (never a secret).
fn audit(caller: Option<&Caller>, key: &str, route: &str, sha: &str, number: Option<u32>) {
    let token = caller.map_or("-", |c| c.0.name.as_str());
    tracing::info!(audit = true, token, key, route, document_sha256 = sha, number = number.map_or(String::from("-"), |n| n.to_string()), "signed");
}

fn pdf_response(pdf: Vec<u8>) -> Response {
    let mut r = pdf.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    r
}

/// `POST /v1/sign?field=NAME&key=KEY[&number=N][&date=YYYY-MM-DD][&info=true]`.
#[utoipa::path(post, path = "/v1/sign", tag = "signatures",
    params(("field" = String, Query, description = "signer, agency, signer_2, …"), ("key" = String, Query, description = "a key of --keys"), ("number" = Option<u32>, Query, description = "the number, with the agency's signature of an unregistered draft"), ("date" = Option<String>, Query, description = "the issue date, YYYY-MM-DD"), ("info" = Option<bool>, Query, description = "also fill the top-right signing information")),
    request_body(content = Vec<u8>, content_type = "application/pdf"),
    responses((status = 200, description = "the signed PDF", content_type = "application/pdf"), (status = 404, description = "no-such-key"), (status = 409, description = "already-signed, signer-first, already-numbered, number-required"), (status = 422, description = "the other refusals"), (status = 503, description = "key-unavailable")))]
pub async fn sign_route(State(app): State<Arc<App>>, caller: Option<axum::Extension<Caller>>, q: Params, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let p = params(q, &["field", "key", "number", "date", "info"])?;
    let caller = caller.map(|c| c.0);
    let (name, entry, _) = key(&app, caller.as_ref(), p.get("key"))?;
    let field = p.get("field").cloned().ok_or_else(|| bad("name the field: field=signer"))?;
    let number = p.get("number").map(|n| n.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| bad(format!("number={n}: a number from 1")))).transpose()?;
    let info = match p.get("info").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(v) => return Err(bad(format!("info={v}: true or false"))),
    };
    let date = date(&p)?;
    body::content_type(&headers, Accept::Pdf)?;
    let pdf = body::read(&headers, body, app.options.max_body, app.options.read_timeout).await?;
    let ticket = app.pool.admit()?;
    let request = SignRequest { field, time: None, image: entry.image.clone(), number, date, info, corner: None, tsa: entry.tsa.clone() };
    let a = app.clone();
    let key_name = name.to_string();
    let signed = app
        .pool
        .run(&app.engine, "sign", Some(ticket), move |e| {
            let (_, _, signer) = key(&a, None, Some(&key_name)).map_err(|p| Error::Internal(p.detail))?;
            let signer = signer.lock().unwrap_or_else(|p| p.into_inner());
            sign::sign(&pdf, &request, &signer, e.fonts()).map(|s| (s.pdf, crate::issue::sha256_hex(&pdf)))
        })
        .await?
        .map_err(answer)?;
    audit(caller.as_ref(), name, "sign", &signed.1, number);
    Ok(pdf_response(signed.0))
}

/// A multipart body, or why not: 415 for another content type, 400 for a bad one.
pub(crate) fn multipart_body(m: Result<Multipart, MultipartRejection>) -> Result<Multipart, Problem> {
    m.map_err(|e| match e {
        MultipartRejection::InvalidBoundary(_) => Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", format!("{e}; send multipart/form-data with a boundary")),
        _ => bad(format!("the multipart body: {e}")),
    })
}

/// The named parts of a multipart body, each within the body limit.
pub(crate) async fn parts(mut m: Multipart, names: &[&str]) -> Result<HashMap<String, Vec<u8>>, Problem> {
    let mut out = HashMap::new();
    while let Some(field) = m.next_field().await.map_err(|e| bad(format!("the multipart body: {e}")))? {
        let name = field.name().unwrap_or("").to_string();
        if !names.contains(&name.as_str()) {
            return Err(bad(format!("unknown part \"{name}\"; parts: {}", names.join(", "))));
        }
        let bytes = field.bytes().await.map_err(|e| bad(format!("the part \"{name}\": {e}")))?;
        out.insert(name, bytes.to_vec());
    }
    Ok(out)
}

fn part<'a>(parts: &'a HashMap<String, Vec<u8>>, name: &str) -> Result<&'a [u8], Problem> {
    parts.get(name).map(Vec::as_slice).ok_or_else(|| bad(format!("the part \"{name}\" is missing")))
}

/// `POST /v1/sign/prepare?field=NAME`: multipart `pdf`, `cert` (the PEM chain), optional
/// `image` → `{"prepared", "state", "digest"}` for a remote signing service.
#[utoipa::path(post, path = "/v1/sign/prepare", tag = "signatures", params(("field" = String, Query, description = "the field to sign")),
    request_body(content_type = "multipart/form-data", description = "pdf, cert (PEM chain), image (optional)"),
    responses((status = 200, description = "{\"prepared\": base64 PDF, \"state\": vanban-sign-state/1, \"digest\": base64 SHA-256 of the signed attributes}", content_type = "application/json")))]
pub async fn prepare(State(app): State<Arc<App>>, q: Params, m: Result<Multipart, MultipartRejection>) -> Result<Response, Problem> {
    let m = multipart_body(m)?;
    let p = params(q, &["field", "date", "number"])?;
    let field = p.get("field").cloned().ok_or_else(|| bad("name the field: field=signer"))?;
    let number = p.get("number").map(|n| n.parse::<u32>().map_err(|_| bad(format!("number={n}: a number from 1")))).transpose()?;
    let date = date(&p)?;
    let parts = parts(m, &["pdf", "cert", "image"]).await?;
    let pdf = part(&parts, "pdf")?.to_vec();
    let chain = x509_cert::Certificate::load_pem_chain(part(&parts, "cert")?).map_err(|e| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "bad-certificate", format!("cert: not a PEM chain ({e})")))?;
    let image = parts.get("image").cloned();
    let ticket = app.pool.admit()?;
    let request = SignRequest { field, time: None, image, number, date, info: false, corner: None, tsa: None };
    let prepared = app.pool.run(&app.engine, "sign", Some(ticket), move |e| sign::prepare(&pdf, &request, &chain, e.fonts())).await?.map_err(answer)?;
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(axum::Json(serde_json::json!({ "prepared": b64.encode(&prepared.pdf), "state": prepared.state, "digest": prepared.state.digest })).into_response())
}

/// `POST /v1/sign/finish`: multipart `prepared`, `state`, and `signature` (base64) or `cms`.
#[utoipa::path(post, path = "/v1/sign/finish", tag = "signatures",
    request_body(content_type = "multipart/form-data", description = "prepared (the PDF, raw or base64), state (JSON), signature (base64) or cms (DER or base64)"),
    responses((status = 200, description = "the signed PDF", content_type = "application/pdf"), (status = 422, description = "bad-signature, prepared-changed, bad-state, bad-cms")))]
pub async fn finish(State(app): State<Arc<App>>, caller: Option<axum::Extension<Caller>>, m: Result<Multipart, MultipartRejection>) -> Result<Response, Problem> {
    let m = multipart_body(m)?;
    let parts = parts(m, &["prepared", "state", "signature", "cms"]).await?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let unb64 = |name: &str, raw: &[u8]| -> Result<Vec<u8>, Problem> {
        let clean: Vec<u8> = raw.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
        b64.decode(&clean).map_err(|e| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "bad-signature", format!("{name}: not base64 ({e})")))
    };
    let raw = part(&parts, "prepared")?;
    let prepared = if raw.starts_with(b"%PDF-") { raw.to_vec() } else { unb64("prepared", raw)? };
    let state: SignState = serde_json::from_slice(part(&parts, "state")?).map_err(|e| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "bad-state", format!("state: {e}")))?;
    let completion = match (parts.get("signature"), parts.get("cms")) {
        (Some(s), _) => Completion::Signature(unb64("signature", s)?),
        (None, Some(c)) => Completion::Cms(if c.first() == Some(&0x30) { c.clone() } else { unb64("cms", c)? }),
        _ => return Err(bad("give the part \"signature\" (base64) or \"cms\"")),
    };
    let ticket = app.pool.admit()?;
    let field = state.field.clone();
    let signed = app.pool.run(&app.engine, "sign", Some(ticket), move |_| sign::finish(&prepared, &state, &completion)).await?.map_err(answer)?;
    audit(caller.map(|c| c.0).as_ref(), &format!("remote:{field}"), "sign/finish", &crate::issue::sha256_hex(&signed), None);
    Ok(pdf_response(signed))
}

/// An entry's id from the path, or 400 as a problem document.
fn entry_id(id: Result<Path<i64>, PathRejection>) -> Result<i64, Problem> {
    id.map(|Path(id)| id).map_err(|e| bad(format!("the entry's id: {e}")))
}

fn no_register() -> Problem {
    Problem::new(StatusCode::NOT_FOUND, "no-register", "the service was started without --register")
}

/// `POST /v1/issue?key=KEY[&date=YYYY-MM-DD]`: multipart `document` and `pdf`.
#[utoipa::path(post, path = "/v1/issue", tag = "register", params(("key" = String, Query, description = "the agency's key"), ("date" = Option<String>, Query, description = "the issue date (default today, +07:00)")),
    request_body(content_type = "multipart/form-data", description = "document (the JSON the draft was rendered from), pdf (the draft the leader signed)"),
    responses((status = 200, description = "the issued PDF; X-Vanban-Number, X-Vanban-Symbol, Location: /v1/register/{id}. The same signed draft again: the same entry and PDF", content_type = "application/pdf"),
        (status = 404, description = "no-register, no-such-key"), (status = 409, description = "already-numbered, signer-first"), (status = 422, description = "document-mismatch, date-year, no-series, …"), (status = 503, description = "key-unavailable, register-unavailable")))]
pub async fn issue(State(app): State<Arc<App>>, caller: Option<axum::Extension<Caller>>, q: Params, m: Result<Multipart, MultipartRejection>) -> Result<Response, Problem> {
    let m = multipart_body(m)?;
    let p = params(q, &["key", "date"])?;
    let caller = caller.map(|c| c.0);
    if app.register.is_none() {
        return Err(no_register());
    }
    let (name, _, _) = key(&app, caller.as_ref(), p.get("key"))?;
    let date = date(&p)?;
    let parts = parts(m, &["document", "pdf"]).await?;
    let document = part(&parts, "document")?.to_vec();
    let pdf = part(&parts, "pdf")?.to_vec();
    let ticket = app.pool.admit()?;
    let a = app.clone();
    let key_name = name.to_string();
    let issued = app
        .pool
        .run(&app.engine, "issue", Some(ticket), move |e| {
            let (_, entry, signer) = key(&a, None, Some(&key_name)).map_err(|p| Error::Internal(p.detail))?;
            let store = a.register.as_deref().ok_or_else(|| Error::Internal("no register".into()))?;
            let signer = signer.lock().unwrap_or_else(|p| p.into_inner());
            let k = crate::issue::AgencyKey { name: &key_name, signer: &signer, image: entry.image.clone(), tsa: entry.tsa.clone() };
            crate::issue::issue(e, store, &a.keys.series, &k, &document, None, &pdf, date)
        })
        .await?
        .map_err(answer)?;
    if issued.fresh {
        audit(caller.as_ref(), name, "issue", &issued.entry.sha256, Some(issued.entry.number));
    }
    let mut r = pdf_response(issued.pdf);
    let h = r.headers_mut();
    h.insert("x-vanban-number", HeaderValue::from(issued.entry.number));
    if let Ok(v) = HeaderValue::from_str(&issued.entry.symbol) {
        h.insert("x-vanban-symbol", v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("/v1/register/{}", issued.entry.id)) {
        h.insert(header::LOCATION, v);
    }
    Ok(r)
}

fn issuer_year(p: &HashMap<String, String>) -> Result<(String, i32), Problem> {
    let issuer = p.get("issuer").cloned().ok_or_else(|| bad("name the issuer: issuer=CODE"))?;
    let year = p.get("year").and_then(|y| y.parse().ok()).ok_or_else(|| bad("name the year: year=2026"))?;
    Ok((issuer, year))
}

/// `GET /v1/register?issuer=CODE&year=Y`.
#[utoipa::path(get, path = "/v1/register", tag = "register", params(("issuer" = String, Query, description = "the issuer's code"), ("year" = i32, Query, description = "the year")),
    responses((status = 200, description = "the entries, in number order per series", content_type = "application/json"), (status = 404, description = "no-register")))]
pub async fn list(State(app): State<Arc<App>>, q: Params) -> Result<Response, Problem> {
    let p = params(q, &["issuer", "year"])?;
    let (issuer, year) = issuer_year(&p)?;
    if app.register.is_none() {
        return Err(no_register());
    }
    let a = app.clone();
    let entries = app.pool.run(&app.engine, "register", None, move |_| a.register.as_deref().map(|s| s.list(&issuer, year)).unwrap_or_else(|| Ok(Vec::new()))).await?.map_err(answer)?;
    Ok(axum::Json(entries).into_response())
}

/// `GET /v1/register/{id}`.
#[utoipa::path(get, path = "/v1/register/{id}", tag = "register", params(("id" = i64, Path, description = "the entry")), responses((status = 200, description = "the entry", content_type = "application/json"), (status = 404, description = "no-such-entry, no-register")))]
pub async fn entry(State(app): State<Arc<App>>, id: Result<Path<i64>, PathRejection>) -> Result<Response, Problem> {
    let id = entry_id(id)?;
    if app.register.is_none() {
        return Err(no_register());
    }
    let a = app.clone();
    let e = app.pool.run(&app.engine, "register", None, move |_| a.register.as_deref().map(|s| s.get(id)).unwrap_or(Ok(None))).await?.map_err(answer)?;
    e.map(|e| axum::Json(e).into_response()).ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "no-such-entry", format!("the register has no entry {id}")))
}

/// `POST /v1/register/{id}/void` with `{"reason": "…"}`.
#[utoipa::path(post, path = "/v1/register/{id}/void", tag = "register", params(("id" = i64, Path, description = "the entry")), request_body(content = Object, content_type = "application/json", description = "{\"reason\": \"…\"} (not empty)"),
    responses((status = 200, description = "the voided entry; its number is never given again", content_type = "application/json"), (status = 404, description = "no-such-entry, no-register"), (status = 422, description = "no reason")))]
pub async fn void(State(app): State<Arc<App>>, id: Result<Path<i64>, PathRejection>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let id = entry_id(id)?;
    if app.register.is_none() {
        return Err(no_register());
    }
    body::content_type(&headers, Accept::Json)?;
    let bytes = body::read(&headers, body, app.options.max_body, app.options.read_timeout).await?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| bad(format!("the body: {e}")))?;
    let reason = v.get("reason").and_then(|r| r.as_str()).map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
    let reason = reason.ok_or_else(|| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "reason-required", "give the reason: {\"reason\": \"…\"}"))?;
    let a = app.clone();
    let e = app.pool.run(&app.engine, "register", None, move |_| a.register.as_deref().map(|s| s.void(id, &reason)).unwrap_or_else(|| Err(Error::Internal("no register".into())))).await?.map_err(answer)?;
    Ok(axum::Json(e).into_response())
}

/// `GET /v1/register/book?issuer=CODE&year=Y&format=pdf|xlsx|csv`: the book of Phụ lục IV.
#[utoipa::path(get, path = "/v1/register/book", tag = "register", params(("issuer" = String, Query, description = "the issuer's code"), ("year" = i32, Query, description = "the year"), ("format" = Option<String>, Query, description = "pdf (default), xlsx or csv")),
    responses((status = 200, description = "the book: the cover (Năm, Từ ngày … đến ngày …, Từ số … đến số …, Quyển số) and the ten numbered columns, a row an entry; PDF laid out by vanban (landscape), XLSX, or UTF-8 CSV with a byte order mark"), (status = 404, description = "no-register")))]
pub async fn book(State(app): State<Arc<App>>, q: Params) -> Result<Response, Problem> {
    let p = params(q, &["issuer", "year", "format"])?;
    let (issuer, year) = issuer_year(&p)?;
    let format = p.get("format").cloned().unwrap_or_else(|| "pdf".into());
    let (media, ext) = match format.as_str() {
        "pdf" => ("application/pdf", "pdf"),
        "xlsx" => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        "csv" => ("text/csv; charset=utf-8", "csv"),
        f => return Err(bad(format!("format={f}: pdf, xlsx or csv"))),
    };
    if app.register.is_none() {
        return Err(no_register());
    }
    let a = app.clone();
    let name = format!("so-van-ban-di-{issuer}-{year}.{ext}");
    let bytes = app
        .pool
        .run(&app.engine, "register", None, move |e| {
            let entries = a.register.as_deref().map(|s| s.list(&issuer, year)).unwrap_or_else(|| Ok(Vec::new()))?;
            crate::register::book::make(&entries, &format, &issuer, year, e.fonts())
        })
        .await?
        .map_err(answer)?;
    let mut r = bytes.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    if let Ok(v) = HeaderValue::from_str(&super::naming::disposition(&name)) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// `POST /v1/envelope`: the document's envelopes, a page an addressee.
#[utoipa::path(post, path = "/v1/envelope", tag = "documents", request_body(content = Object, content_type = "application/json", description = "one document"),
    responses((status = 200, description = "the envelopes (DL, 110 × 220 mm), one page an addressee", content_type = "application/pdf"), (status = 422, description = "the document has errors, or names no addressee")))]
pub async fn envelope(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    body::content_type(&headers, Accept::Json)?;
    let bytes = body::read(&headers, body, app.options.max_body, app.options.read_timeout).await?;
    let ticket = app.pool.admit()?;
    let pdf = app.pool.run(&app.engine, "envelope", Some(ticket), move |e| e.parse(&bytes).and_then(|doc| crate::envelope::pdf(&doc, e.fonts()))).await?.map_err(Problem::from_error)?;
    Ok(pdf_response(pdf))
}
