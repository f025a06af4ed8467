//! `POST /v1/batch`: NDJSON in, a ZIP out, streamed as documents finish (in input order),
//! with `results.ndjson` last: one line per input line, as `vanban batch --ndjson -
//! --message-format json` prints them. A bad line is reported and does not stop the others.

use super::app::App;
use super::body::{self, Accept};
use super::problem::Problem;
use crate::batch::{ndjson_name, read_line, Line, Names};
use crate::formats::Format;
use crate::error::{Error, InputError, Severity};
use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// One line of the body.
struct Job {
    name: String,
    label: String,
    bytes: Result<Vec<u8>, Error>,
}

/// What one line gave.
struct Done {
    name: String,
    label: String,
    files: Vec<(String, Vec<u8>)>,
    diagnostics: Vec<InputError>,
    ok: bool,
}

/// The lines of the body, named as batch names them (blank lines skipped, long ones refused).
fn jobs(bytes: &[u8], limit: usize) -> Vec<Job> {
    let mut reader = bytes;
    let mut names = Names::default();
    let mut out = Vec::new();
    let mut line = 0usize;
    // Reading a slice cannot fail.
    while let Ok(Some(l)) = read_line(&mut reader, limit) {
        line += 1;
        let label = format!("-:{line}");
        match l {
            Line::Blank => {}
            Line::TooLong(n) => {
                let e = InputError::at("$", format!("the line is {n} bytes or more; at most {limit} are read"))
                    .code("too-large")
                    .hint("raise the limit with --max-input-size");
                out.push(Job { name: names.unique(line.to_string()), label, bytes: Err(Error::Input(vec![e])) });
            }
            Line::Json(b) => out.push(Job { name: names.unique(ndjson_name(line, &b)), label, bytes: Ok(b) }),
        }
    }
    out
}

async fn one(app: Arc<App>, job: Job, formats: Arc<Vec<Format>>) -> Done {
    let Job { name, label, bytes } = job;
    let fail = |diagnostics: Vec<InputError>| Done { name: name.clone(), label: label.clone(), files: Vec::new(), diagnostics, ok: false };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return fail(e.diagnostics()),
    };
    let stem = name.clone();
    let run = app.pool.run(&app.engine, "batch", None, move |e| -> crate::Result<_> {
        let (model, warnings) = e.parse_with_warnings(&bytes)?;
        let doc = e.prepare(&model, &bytes);
        let files = crate::formats::render_formats(e, &doc, &formats, false)?;
        Ok((files.into_iter().map(|(f, b)| (format!("{stem}.{}", f.ext()), b)).collect::<Vec<_>>(), warnings))
    });
    match run.await {
        Ok(Ok((files, warnings))) => Done { name, label, files, diagnostics: warnings, ok: true },
        Ok(Err(e)) => fail(e.diagnostics()),
        Err(p) => fail(vec![InputError { path: None, severity: Severity::Error, ..InputError::at("", p.detail).code(p.kind) }]),
    }
}

/// A `Write` whose bytes are taken out as they come, to stream the ZIP.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("lock"))?.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        self.0.lock().map(|mut v| std::mem::take(&mut *v)).unwrap_or_default()
    }
}

fn formats_of(query: Result<Query<Vec<(String, String)>>, QueryRejection>) -> Result<Vec<Format>, Problem> {
    let bad = |m: String| Problem::new(StatusCode::BAD_REQUEST, "bad-request", m);
    let Query(pairs) = query.map_err(|e| bad(format!("the query string: {e}")))?;
    let mut formats = Vec::new();
    for (k, v) in pairs {
        if k != "to" {
            return Err(bad(format!("unknown parameter \"{k}\"; known: to")));
        }
        for f in v.split(',') {
            let f = match f.trim() {
                "pdf" => Format::Pdf,
                "docx" => Format::Docx,
                other => return Err(bad(format!("to={other}: pdf or docx"))),
            };
            if !formats.contains(&f) {
                formats.push(f);
            }
        }
    }
    Ok(if formats.is_empty() { Format::defaults() } else { formats })
}

/// `POST /v1/batch?to=pdf,docx`.
#[utoipa::path(
    post,
    path = "/v1/batch",
    tag = "documents",
    params(("to" = Option<String>, Query, description = "formats, comma-separated: pdf, docx (default both)")),
    request_body(content = String, content_type = "application/x-ndjson", description = "one document per line"),
    responses(
        (status = 200, description = "a ZIP, streamed: <name>.pdf and <name>.docx per document, then results.ndjson (one line per input line: name, input, ok, files, diagnostics)", content_type = "application/zip"),
        (status = 413, description = "the body is over --max-body", content_type = "application/problem+json"),
        (status = 415, description = "the body is not NDJSON", content_type = "application/problem+json"),
        (status = 503, description = "the queue is full; Retry-After", content_type = "application/problem+json"),
    )
)]
pub async fn batch(
    State(app): State<Arc<App>>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Problem> {
    let formats = Arc::new(formats_of(query)?);
    body::content_type(&headers, Accept::Ndjson)?;
    let bytes = body::read(&headers, body, app.options.max_body, app.options.read_timeout).await?;
    let ticket = app.pool.admit()?;
    let limit = app.engine.max_input_size();
    let list = jobs(&bytes, limit);
    drop(bytes);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let width = app.options.workers.max(1);
    tokio::spawn(async move {
        let _ticket = ticket;
        let sink = Sink::default();
        let mut zip = zip::ZipWriter::new_stream(sink.clone());
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let mut results = String::new();
        // In input order, up to one document per worker at a time.
        let mut done = futures_util::stream::iter(list).map(|job| one(app.clone(), job, formats.clone())).buffered(width);
        while let Some(d) = done.next().await {
            let mut names = Vec::new();
            for (name, data) in &d.files {
                if zip.start_file(name.as_str(), opts).and_then(|_| zip.write_all(data).map_err(Into::into)).is_err() {
                    let _ = tx.send(Err(std::io::Error::other("ZIP"))).await;
                    return;
                }
                names.push(name.clone());
            }
            let v = serde_json::json!({ "name": d.name, "input": d.label, "ok": d.ok, "files": names, "diagnostics": d.diagnostics });
            results.push_str(&v.to_string());
            results.push('\n');
            let chunk = sink.take();
            if !chunk.is_empty() && tx.send(Ok(Bytes::from(chunk))).await.is_err() {
                return; // the client left: what is running ends, nothing more starts
            }
        }
        let end = zip.start_file("results.ndjson", opts).and_then(|_| zip.write_all(results.as_bytes()).map_err(Into::into)).and_then(|_| zip.finish().map(|_| ()));
        let last = match end {
            Ok(()) => Ok(Bytes::from(sink.take())),
            Err(e) => Err(std::io::Error::other(format!("ZIP: {e}"))),
        };
        let _ = tx.send(last).await;
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|c| (c, rx)) });
    let mut res = Body::from_stream(stream).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"batch.zip\""));
    Ok(res)
}
