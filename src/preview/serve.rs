//! `vanban preview INPUT --serve`: a page on 127.0.0.1 showing every page of the document,
//! updated within a second after the input (or a file of `--layout DIR`) is saved. Invalid
//! input shows its error over the last good pages; the server keeps running.

use crate::engine::{Engine, Options};
use crate::error::Error;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

const PAGE: &str = include_str!("page.html");

/// What the page shows.
#[derive(Default)]
struct State {
    version: u64,
    pages: Vec<String>,
    layout: String,
    error: Option<String>,
}

/// Latest modification time of the watched files.
fn stamp(paths: &[PathBuf]) -> Option<SystemTime> {
    let mut newest = None;
    for p in paths {
        let mut files = vec![p.clone()];
        if p.is_dir() {
            files = std::fs::read_dir(p).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        }
        for f in files {
            if let Ok(t) = std::fs::metadata(&f).and_then(|m| m.modified()) {
                newest = newest.max(Some(t));
            }
        }
    }
    newest
}

fn describe(e: &Error) -> String {
    match e {
        Error::Input(v) => v.iter().map(|d| format!("{}[{}]: {d}", if d.severity == crate::error::Severity::Error { "error" } else { "warning" }, d.code)).collect::<Vec<_>>().join("\n"),
        other => other.to_string(),
    }
}

/// Render into the state: new pages on success, the error (pages kept) on failure.
fn rebuild(engine: &Engine, input: &Path, state: &Mutex<State>) {
    let result = (|| {
        let bytes = std::fs::read(input).map_err(|e| Error::Io(format!("{}: {e}", input.display())))?;
        let model = engine.parse(&bytes)?;
        let doc = engine.prepare(&model, &bytes);
        let pages = engine.images(&doc, super::ImageFormat::Svg, 72.0)?;
        let layout = engine.layout(&doc)?;
        Ok::<_, Error>((pages, layout))
    })();
    let mut s = state.lock().expect("state");
    match result {
        Ok((pages, layout)) => {
            s.pages = pages.into_iter().map(|p| String::from_utf8_lossy(&p).into_owned()).collect();
            s.layout = serde_json::to_string(&layout).unwrap_or_default();
            s.error = None;
            s.version += 1;
        }
        Err(e) => s.error = Some(describe(&e)),
    }
}

/// Serve until the process is stopped (Ctrl-C).
pub fn serve(input: PathBuf, options: Options, port: u16) -> Result<(), Error> {
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| Error::Io(format!("127.0.0.1:{port}: {e}")))?;
    let addr = server.server_addr().to_ip().map(|a| a.to_string()).unwrap_or_default();
    let state = Arc::new(Mutex::new(State::default()));
    // The watcher owns the engine: it rebuilds it when the layout folder changes.
    {
        let state = state.clone();
        let input = input.clone();
        let mut watched = vec![input.clone()];
        watched.extend(options.layout_dir.clone());
        let layout_dir = options.layout_dir.clone();
        std::thread::Builder::new()
            .stack_size(16 << 20)
            .spawn(move || {
                let mut engine = Engine::new(options.clone());
                let mut last_layout = layout_dir.as_ref().and_then(|d| stamp(&[d.clone()]));
                let mut last = None;
                loop {
                    let now = stamp(&watched);
                    if now != last {
                        last = now;
                        let layout_now = layout_dir.as_ref().and_then(|d| stamp(&[d.clone()]));
                        if layout_now != last_layout {
                            last_layout = layout_now;
                            engine = Engine::new(options.clone());
                        }
                        match &engine {
                            Ok(e) => rebuild(e, &input, &state),
                            Err(e) => state.lock().expect("state").error = Some(describe(e)),
                        }
                    }
                    std::thread::sleep(Duration::from_millis(150));
                }
            })
            .map_err(|e| Error::Internal(format!("watcher: {e}")))?;
    }
    eprintln!("vanban: serving {} on http://{addr}/ (Ctrl-C stops)", input.display());
    let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for req in server.incoming_requests() {
        let url = req.url().split('?').next().unwrap_or("/").to_string();
        let header = |v: &str| tiny_http::Header::from_bytes(&b"Content-Type"[..], v.as_bytes()).expect("header");
        let response = {
            let s = state.lock().expect("state");
            match url.as_str() {
                "/" => tiny_http::Response::from_string(PAGE).with_header(header("text/html; charset=utf-8")),
                "/state" => {
                    let v = serde_json::json!({ "input": name, "version": s.version, "pages": s.pages.len(), "error": s.error });
                    tiny_http::Response::from_string(v.to_string()).with_header(header("application/json"))
                }
                "/layout" => tiny_http::Response::from_string(if s.layout.is_empty() { "{\"pages\":[],\"elements\":[]}".to_string() } else { s.layout.clone() })
                    .with_header(header("application/json")),
                u if u.starts_with("/page/") && u.ends_with(".svg") => {
                    let n: usize = u["/page/".len()..u.len() - 4].parse().unwrap_or(0);
                    match s.pages.get(n.wrapping_sub(1)) {
                        Some(svg) => tiny_http::Response::from_string(svg.clone()).with_header(header("image/svg+xml")),
                        None => tiny_http::Response::from_string("no such page").with_status_code(404),
                    }
                }
                _ => tiny_http::Response::from_string("not found").with_status_code(404),
            }
        };
        let _ = req.respond(response);
    }
    Ok(())
}
