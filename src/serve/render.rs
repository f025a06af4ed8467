//! `POST /v1/render`, `/v1/check`, `/v1/layout`: one document in, as `vanban render`,
//! `check` and `layout` read it.

use super::app::App;
use super::body::{self, Accept};
use super::naming;
use super::problem::Problem;
use crate::formats::Format;
use crate::error::{Error, InputError, Severity};
use crate::preview::ImageFormat;
use crate::Engine;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::io::Write;
use std::sync::Arc;

/// What `/v1/render` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The signable PDF/A.
    Pdf,
    /// The editable DOCX.
    Docx,
    /// Both, in one ZIP.
    Zip,
    /// One page as a PNG image.
    Png,
}

impl Output {
    fn parse(s: &str) -> Option<Output> {
        Some(match s {
            "pdf" => Output::Pdf,
            "docx" => Output::Docx,
            "zip" => Output::Zip,
            "png" => Output::Png,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Output::Pdf => "pdf",
            Output::Docx => "docx",
            Output::Zip => "zip",
            Output::Png => "png",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            Output::Pdf => "application/pdf",
            Output::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Output::Zip => "application/zip",
            Output::Png => "image/png",
        }
    }
}

/// The query of `/v1/render`.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// pdf (the default), docx, zip or png.
    pub format: Output,
    /// The page of a PNG, from 1.
    pub page: usize,
    /// The resolution of a PNG.
    pub ppi: f64,
}

/// The parameters, or 400 naming the one that is wrong.
fn params(query: Result<Query<Vec<(String, String)>>, QueryRejection>) -> Result<Params, Problem> {
    let bad = |m: String| Problem::new(StatusCode::BAD_REQUEST, "bad-request", m);
    let Query(pairs) = query.map_err(|e| bad(format!("the query string: {e}")))?;
    let mut p = Params { format: Output::Pdf, page: 1, ppi: 144.0 };
    let mut page_given = false;
    for (k, v) in pairs {
        match k.as_str() {
            "format" => p.format = Output::parse(&v).ok_or_else(|| bad(format!("format={v}: one of pdf, docx, zip, png")))?,
            "page" => {
                p.page = v.parse().ok().filter(|n| *n >= 1).ok_or_else(|| bad(format!("page={v}: a page number from 1")))?;
                page_given = true;
            }
            "ppi" => p.ppi = v.parse().ok().filter(|n: &f64| (10.0..=600.0).contains(n)).ok_or_else(|| bad(format!("ppi={v}: a resolution from 10 to 600")))?,
            _ => return Err(bad(format!("unknown parameter \"{k}\"; known: format, page, ppi"))),
        }
    }
    if page_given && p.format != Output::Png {
        return Err(bad("page= goes with format=png".into()));
    }
    Ok(p)
}

/// What a render gave: the bytes and the warnings, or why not.
enum Made {
    File(Vec<u8>, Vec<InputError>),
    Failed(Error),
    NoPage(usize),
}

fn make(engine: &Engine, bytes: &[u8], p: Params, spare_core: bool) -> Made {
    let (model, warnings) = match engine.parse_with_warnings(bytes) {
        Ok(m) => m,
        Err(e) => return Made::Failed(e),
    };
    let doc = engine.prepare(&model, bytes);
    let out = match p.format {
        Output::Pdf => engine.pdf(&doc),
        Output::Docx => engine.docx(&doc),
        Output::Zip => crate::formats::render_formats(engine, &doc, &[Format::Pdf, Format::Docx], spare_core).and_then(|files| {
            let stem = naming::stem(bytes);
            zip_of(files.into_iter().map(|(f, b)| (format!("{stem}.{}", f.ext()), b)).collect())
        }),
        Output::Png => match engine.images(&doc, ImageFormat::Png, p.ppi) {
            Ok(mut pages) if p.page <= pages.len() => Ok(pages.swap_remove(p.page - 1)),
            Ok(pages) => return Made::NoPage(pages.len()),
            Err(e) => Err(e),
        },
    };
    match out {
        Ok(b) => Made::File(b, warnings),
        Err(e) => Made::Failed(e),
    }
}

/// A ZIP of named files, stored as they are (PDF and DOCX are compressed already) and dated
/// 1980-01-01, so the same input gives the same bytes.
pub fn zip_of(files: Vec<(String, Vec<u8>)>) -> crate::Result<Vec<u8>> {
    let err = |e: zip::result::ZipError| Error::Internal(format!("ZIP: {e}"));
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in files {
        z.start_file(name, opts).map_err(err)?;
        z.write_all(&bytes).map_err(|e| Error::Internal(format!("ZIP: {e}")))?;
    }
    z.finish().map_err(err)?;
    Ok(out.into_inner())
}

/// `POST /v1/render?format=pdf|docx|zip|png&page=N&ppi=N`.
#[utoipa::path(
    post,
    path = "/v1/render",
    tag = "documents",
    params(
        ("format" = Option<String>, Query, description = "pdf (default), docx, zip (both) or png (one page)"),
        ("page" = Option<u32>, Query, description = "the page of a PNG, from 1"),
        ("ppi" = Option<f64>, Query, description = "the resolution of a PNG, 10 to 600 (default 144)"),
    ),
    request_body(content = Object, content_type = "application/json", description = "one document, as `vanban render` reads it (see /v1/schema)"),
    responses(
        (status = 200, description = "the file; Content-Disposition names it from meta.output, else <number>-<symbol>; X-Vanban-Warnings lists the codes of warnings"),
        (status = 400, description = "malformed JSON (syntax, not-utf8, duplicate-key, too-deep) or a wrong parameter", content_type = "application/problem+json"),
        (status = 408, description = "the body did not arrive within --read-timeout", content_type = "application/problem+json"),
        (status = 413, description = "the body is over --max-body", content_type = "application/problem+json"),
        (status = 415, description = "the body is not application/json", content_type = "application/problem+json"),
        (status = 422, description = "the document has errors; diagnostics name their paths", content_type = "application/problem+json"),
        (status = 503, description = "every worker busy and the queue full; Retry-After", content_type = "application/problem+json"),
        (status = 504, description = "the render took longer than --render-timeout", content_type = "application/problem+json"),
    )
)]
pub async fn render(
    State(app): State<Arc<App>>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Problem> {
    let p = params(query)?;
    let (bytes, ticket) = body::receive(&app, &headers, body, Accept::Json).await?;
    let spare_core = app.options.workers < std::thread::available_parallelism().map_or(1, |n| n.get());
    let input = bytes.clone();
    let made = app.pool.run(&app.engine, p.format.name(), Some(ticket), move |e| make(e, &input, p, spare_core)).await?;
    let (file, warnings) = match made {
        Made::File(f, w) => (f, w),
        Made::Failed(e) => return Err(Problem::from_error(e)),
        Made::NoPage(n) => return Err(Problem::new(StatusCode::BAD_REQUEST, "bad-request", format!("page={}: the document has {n} page{}", p.page, if n == 1 { "" } else { "s" }))),
    };
    let ext = p.format.name();
    let name = match p.format {
        Output::Png => format!("{}-{}.png", naming::stem(&bytes), p.page),
        _ => format!("{}.{ext}", naming::stem(&bytes)),
    };
    let asked = format!("format={ext};page={};ppi={}", p.page, p.ppi);
    let mut res = file.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(p.format.media_type()));
    if let Ok(v) = HeaderValue::from_str(&naming::disposition(&name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&naming::etag(&app.options.fingerprint, &asked, &bytes)) {
        h.insert(header::ETAG, v);
    }
    if !warnings.is_empty() {
        let codes: Vec<&str> = warnings.iter().map(|w| w.code).collect();
        if let Ok(v) = HeaderValue::from_str(&codes.join(", ")) {
            h.insert("x-vanban-warnings", v);
        }
    }
    Ok(res)
}

/// `POST /v1/check`.
#[utoipa::path(
    post,
    path = "/v1/check",
    tag = "documents",
    params(("lang" = Option<String>, Query, description = "vi: diagnostics in Vietnamese")),
    request_body(content = Object, content_type = "application/json", description = "one document"),
    responses(
        (status = 200, description = "no error: {\"ok\": true, \"diagnostics\": [warnings]}", content_type = "application/json"),
        (status = 400, description = "malformed JSON", content_type = "application/problem+json"),
        (status = 422, description = "errors, with every diagnostic", content_type = "application/problem+json"),
    )
)]
pub async fn check(State(app): State<Arc<App>>, query: Result<Query<Vec<(String, String)>>, QueryRejection>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let vi = super::lang::vietnamese(query)?;
    let (bytes, ticket) = body::receive(&app, &headers, body, Accept::Json).await?;
    let diags = app.pool.run(&app.engine, "check", Some(ticket), move |e| e.check(&bytes).diagnostics).await?;
    let diags = super::lang::in_lang(diags, vi);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(Problem::input(diags));
    }
    Ok(axum::Json(serde_json::json!({ "ok": true, "diagnostics": diags })).into_response())
}

/// `POST /v1/layout`.
#[utoipa::path(
    post,
    path = "/v1/layout",
    tag = "documents",
    request_body(content = Object, content_type = "application/json", description = "one document"),
    responses(
        (status = 200, description = "where every ND30 element landed (mm from each page's top-left) and the signature fields, as `vanban layout` prints it", content_type = "application/json"),
        (status = 422, description = "the document has errors", content_type = "application/problem+json"),
    )
)]
pub async fn layout(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Result<Response, Problem> {
    let (bytes, ticket) = body::receive(&app, &headers, body, Accept::Json).await?;
    let out = app
        .pool
        .run(&app.engine, "layout", Some(ticket), move |e| {
            let model = e.parse(&bytes)?;
            let doc = e.prepare(&model, &bytes);
            e.layout(&doc)
        })
        .await?;
    match out {
        Ok(report) => Ok(axum::Json(report).into_response()),
        Err(e) => Err(Problem::from_error(e)),
    }
}
