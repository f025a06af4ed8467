//! The folder's routes: list, open, save (atomic), duplicate, delete (into `.trash/`), the
//! agency profiles (`vanban-profiles.json`), and the PDF and DOCX of the document as saved,
//! written beside it and sent as the download.

use super::Local;
use crate::serve::app::App;
use crate::serve::problem::Problem;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Arc;

/// The profiles file in the folder.
pub const PROFILES: &str = "vanban-profiles.json";

fn local(app: &App) -> Result<&Arc<Local>, Problem> {
    app.options.local.as_ref().ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "not-found", "only vanban edit has a folder"))
}

fn io(e: impl std::fmt::Display) -> Problem {
    Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "io", e.to_string())
}

/// A document's stem, checked: a name in the folder, never a path out of it (403), never one of
/// vanban's own files.
pub fn stem(local: &Local, s: &str) -> Result<String, Problem> {
    let out = || Problem::new(StatusCode::FORBIDDEN, "outside", format!("\"{s}\" is not a name in the folder"));
    if s.contains(['/', '\\', '\0']) || s.contains("..") || s.starts_with('.') || std::path::Path::new(s).is_absolute() {
        return Err(out());
    }
    let bad = |m: &str| Problem::new(StatusCode::BAD_REQUEST, "bad-name", format!("\"{s}\": {m}"));
    if s.trim().is_empty() || s.chars().count() > 120 || s.chars().any(|c| c.is_control() || "<>:\"|?*.".contains(c)) {
        return Err(bad("a name of letters, digits, spaces, - and _ (at most 120)"));
    }
    if s.starts_with("vanban-") {
        return Err(bad("names starting with vanban- are vanban's own files"));
    }
    // A symlink leading out of the folder is refused like a path.
    let json = local.dir.join(format!("{s}.json"));
    if let Ok(real) = std::fs::canonicalize(&json) {
        if !real.starts_with(&local.dir) {
            return Err(out());
        }
    }
    Ok(s.to_string())
}

fn path(local: &Local, stem: &str, ext: &str) -> PathBuf {
    local.dir.join(format!("{stem}.{ext}"))
}

/// Write a file whole or not at all: a temporary file beside it, then a rename.
pub fn write_atomic(target: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(std::path::Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".vanban-tmp-{}-{name}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// `GET /v1/edit`: what this editor can do.
pub async fn info(State(app): State<Arc<App>>) -> Result<Response, Problem> {
    let l = local(&app)?;
    Ok(axum::Json(json!({ "mode": "local", "dir": l.dir.display().to_string(), "pkcs11": l.pkcs11.is_some(), "register": app.register.is_some() })).into_response())
}

/// `GET /v1/edit/files`.
pub async fn list(State(app): State<Arc<App>>) -> Result<Response, Problem> {
    let l = local(&app)?;
    let mut files = Vec::new();
    for e in std::fs::read_dir(&l.dir).map_err(io)?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".json") else { continue };
        if stem.starts_with("vanban-") || stem.starts_with('.') || !e.path().is_file() {
            continue;
        }
        let modified = e.metadata().and_then(|m| m.modified()).ok().map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339());
        files.push(json!({ "stem": stem, "modified": modified, "pdf": path(l, stem, "pdf").exists(), "docx": path(l, stem, "docx").exists(), "signed": path(l, stem, "signed.pdf").exists() }));
    }
    files.sort_by(|a, b| b["modified"].as_str().cmp(&a["modified"].as_str()));
    Ok(axum::Json(json!({ "files": files })).into_response())
}

/// `GET /v1/edit/files/{stem}`: the JSON as saved.
pub async fn open(State(app): State<Arc<App>>, Path(s): Path<String>) -> Result<Response, Problem> {
    let l = local(&app)?;
    let s = stem(l, &s)?;
    let bytes = std::fs::read(path(l, &s, "json")).map_err(|e| if e.kind() == std::io::ErrorKind::NotFound { Problem::new(StatusCode::NOT_FOUND, "not-found", format!("no document {s}")) } else { io(e) })?;
    Ok(([(header::CONTENT_TYPE, "application/json; charset=utf-8")], bytes).into_response())
}

/// `PUT /v1/edit/files/{stem}`: save (the body is the JSON; a draft with errors is saved too).
pub async fn save(State(app): State<Arc<App>>, Path(s): Path<String>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let l = local(&app)?;
    let s = stem(l, &s)?;
    let bytes = crate::serve::body::read(&headers, body, app.options.max_body, app.options.read_timeout).await?;
    if serde_json::from_slice::<Value>(&bytes).is_err() {
        return Err(Problem::new(StatusCode::BAD_REQUEST, "bad-request", "the body is not JSON"));
    }
    write_atomic(&path(l, &s, "json"), &bytes).map_err(io)?;
    Ok(axum::Json(json!({ "stem": s, "saved": true })).into_response())
}

/// `POST /v1/edit/files/{stem}/duplicate`: a copy named "<stem> (2)", "(3)", ….
pub async fn duplicate(State(app): State<Arc<App>>, Path(s): Path<String>) -> Result<Response, Problem> {
    let l = local(&app)?;
    let s = stem(l, &s)?;
    let bytes = std::fs::read(path(l, &s, "json")).map_err(io)?;
    // "Báo cáo (2)" duplicates as "Báo cáo (3)", not "Báo cáo (2) (2)".
    let base = match s.rsplit_once(" (") {
        Some((b, n)) if n.strip_suffix(')').is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit())) => b.to_string(),
        _ => s.clone(),
    };
    let new = (2..1000).map(|n| format!("{base} ({n})")).find(|n| !path(l, n, "json").exists()).ok_or_else(|| io("no free name"))?;
    write_atomic(&path(l, &new, "json"), &bytes).map_err(io)?;
    Ok(axum::Json(json!({ "stem": new })).into_response())
}

/// `DELETE /v1/edit/files/{stem}`: into `DIR/.trash/` with its PDF and DOCX (a name already
/// there gets the time appended).
pub async fn delete(State(app): State<Arc<App>>, Path(s): Path<String>) -> Result<Response, Problem> {
    let l = local(&app)?;
    let s = stem(l, &s)?;
    let trash = l.dir.join(".trash");
    std::fs::create_dir_all(&trash).map_err(io)?;
    let stamp = crate::sign::now().format("%Y%m%d-%H%M%S").to_string();
    let mut moved = Vec::new();
    for ext in ["json", "pdf", "docx", "signed.pdf"] {
        let from = path(l, &s, ext);
        if !from.exists() {
            continue;
        }
        let mut to = trash.join(format!("{s}.{ext}"));
        if to.exists() {
            to = trash.join(format!("{s}-{stamp}.{ext}"));
        }
        std::fs::rename(&from, &to).map_err(io)?;
        moved.push(to.display().to_string());
    }
    if moved.is_empty() {
        return Err(Problem::new(StatusCode::NOT_FOUND, "not-found", format!("no document {s}")));
    }
    Ok(axum::Json(json!({ "trash": moved })).into_response())
}

/// `GET /v1/edit/files/{stem}/{pdf|docx|signed}`: the PDF or DOCX of the JSON as saved (the
/// bytes `vanban render` makes), written beside it; `signed`: the signed PDF.
pub async fn output(State(app): State<Arc<App>>, Path((s, kind)): Path<(String, String)>) -> Result<Response, Problem> {
    let l = local(&app)?.clone();
    let s = stem(&l, &s)?;
    let (ext, media) = match kind.as_str() {
        "pdf" => ("pdf", "application/pdf"),
        "docx" => ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "signed" => ("signed.pdf", "application/pdf"),
        _ => return Err(Problem::new(StatusCode::NOT_FOUND, "not-found", format!("no output {kind}: pdf, docx or signed"))),
    };
    let bytes = if kind == "signed" {
        std::fs::read(path(&l, &s, ext)).map_err(|_| Problem::new(StatusCode::NOT_FOUND, "not-found", format!("{s} has not been signed")))?
    } else {
        let json = std::fs::read(path(&l, &s, "json")).map_err(io)?;
        let ticket = app.pool.admit()?;
        let docx = kind == "docx";
        // The folder's documents name their pictures' files in it (`src`), as `vanban render` reads them.
        let dir = l.dir.clone();
        let made = app
            .pool
            .run(&app.engine, if docx { "docx" } else { "pdf" }, Some(ticket), move |e| {
                let model = e.parse_with_warnings_in(&json, Some(&dir))?.0;
                let doc = e.prepare(&model, &json);
                if docx { e.docx(&doc) } else { e.pdf(&doc) }
            })
            .await?;
        let bytes = made.map_err(Problem::from_error)?;
        write_atomic(&path(&l, &s, ext), &bytes).map_err(io)?;
        bytes
    };
    let mut res = Bytes::from(bytes).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    if let Ok(v) = HeaderValue::from_str(&crate::serve::naming::disposition(&format!("{s}.{ext}"))) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// `GET /v1/edit/profiles`: the folder's own profiles and the organisation's (`--profiles`).
pub async fn profiles(State(app): State<Arc<App>>) -> Result<Response, Problem> {
    let l = local(&app)?;
    let read = |p: &std::path::Path| -> Result<Value, Problem> {
        match std::fs::read(p) {
            Ok(b) => serde_json::from_slice::<Value>(&b).map(|v| v["profiles"].clone()).map_err(|e| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "bad-profiles", format!("{}: {e}", p.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(json!([])),
            Err(e) => Err(io(e)),
        }
    };
    let own = read(&l.dir.join(PROFILES))?;
    let curated = l.profiles.as_deref().map(read).transpose()?.unwrap_or(json!([]));
    Ok(axum::Json(json!({ "profiles": own, "curated": curated })).into_response())
}

/// `PUT /v1/edit/profiles`: `{"profiles": [...]}` into the folder's file.
pub async fn save_profiles(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let l = local(&app)?;
    let bytes = crate::serve::body::read(&headers, body, app.options.max_body, app.options.read_timeout).await?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "bad-request", format!("not JSON: {e}")))?;
    if !v.get("profiles").is_some_and(Value::is_array) {
        return Err(Problem::new(StatusCode::BAD_REQUEST, "bad-request", "write {\"profiles\": [...]}"));
    }
    let mut text = serde_json::to_vec_pretty(&v).map_err(io)?;
    text.push(b'\n');
    write_atomic(&l.dir.join(PROFILES), &text).map_err(io)?;
    Ok(axum::Json(json!({ "saved": true })).into_response())
}
