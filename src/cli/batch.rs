//! `vanban batch INPUT... | --ndjson FILE [--out-dir DIR] [-j N] [--to pdf,docx]`: many
//! documents in parallel (worker threads; Typst uses rayon within each document), one engine
//! (fonts, layout) shared by all. A bad document is
//! reported and does not stop the others; exit 2 if any failed.

use super::args::{BatchArgs, Format};
use super::diagnostics::{self, MessageFormat};
use super::output::write_all;
use super::{engine_from, read_input, report};
use crate::error::{Error, InputError, Result};
use crate::Engine;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashMap;
use std::io::{BufRead, IsTerminal};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// One document of the batch: its name (output stem) and its JSON.
struct Job {
    name: String,
    label: String,
    bytes: Result<Vec<u8>>,
}

/// Output stems: from the input names; from `meta.output` or `<line>-<symbol>` for NDJSON.
/// A name taken twice gets "-2", "-3", ….
fn unique(names: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    names
        .into_iter()
        .map(|n| {
            let k = seen.entry(n.clone()).or_insert(0);
            *k += 1;
            if *k == 1 { n } else { format!("{n}-{k}") }
        })
        .collect()
}

fn safe(name: &str) -> String {
    name.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '-' } else { c }).collect::<String>().trim_matches('.').to_string()
}

/// An NDJSON document's output name: `meta.output`, else `<line>-<number>-<symbol>` read from
/// the raw JSON (the document is parsed and validated once, when it is rendered).
fn ndjson_name(line_no: usize, bytes: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) else { return line_no.to_string() };
    if let Some(s) = v.pointer("/meta/output").and_then(|o| o.as_str()).map(safe).filter(|s| !s.is_empty()) {
        return s;
    }
    let text = |p: &str| v.pointer(p).and_then(|x| x.as_str());
    let (Some(ty), Some(code)) = (text("/type").and_then(crate::nd30::types::by_slug), text("/issuer/code")) else {
        return line_no.to_string();
    };
    let sym = crate::nd30::symbol::symbol(ty, code, text("/unit"), text("/symbol"));
    let num = v.pointer("/number").and_then(|n| n.as_u64()).map(|n| format!("{n:02}-")).unwrap_or_default();
    safe(&format!("{line_no}-{num}{sym}"))
}

fn jobs(args: &BatchArgs) -> Result<Vec<Job>> {
    let mut out = Vec::new();
    if let Some(src) = &args.ndjson {
        let reader: Box<dyn BufRead> = if src == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            Box::new(std::io::BufReader::new(std::fs::File::open(src).map_err(|e| Error::Io(format!("{src}: {e}")))?))
        };
        let mut names = Vec::new();
        for (k, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::Io(format!("{src}: {e}")))?;
            if line.trim().is_empty() {
                continue;
            }
            let bytes = line.into_bytes();
            names.push(ndjson_name(k + 1, &bytes));
            out.push(Job { name: String::new(), label: format!("{src}:{}", k + 1), bytes: Ok(bytes) });
        }
        for (j, n) in out.iter_mut().zip(unique(names)) {
            j.name = n;
        }
    } else {
        let names = args.inputs.iter().map(|i| Path::new(i).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into())).collect();
        for (i, n) in args.inputs.iter().zip(unique(names)) {
            out.push(Job { name: n, label: i.clone(), bytes: read_input(i, args.engine.max_input_size) });
        }
    }
    Ok(out)
}

/// Render one job; the files written, the diagnostics.
fn one(engine: &Engine, job: &Job, args: &BatchArgs, formats: &[Format]) -> (Vec<String>, Vec<InputError>, bool) {
    let run = || -> Result<(Vec<String>, Vec<InputError>)> {
        let bytes = job.bytes.as_ref().map_err(|e| Error::Io(e.to_string()))?;
        let (model, warnings) = engine.parse_with_warnings(bytes)?;
        let doc = engine.prepare(&model, bytes);
        let dir = args.out_dir.clone().unwrap_or_default();
        let mut files = Vec::new();
        for f in formats {
            let bytes = match f {
                Format::Pdf => engine.pdf(&doc)?,
                Format::Docx => engine.docx(&doc)?,
            };
            files.push((dir.join(format!("{}.{}", job.name, f.ext())).to_string_lossy().into_owned(), bytes));
        }
        write_all(&files)?;
        Ok((files.into_iter().map(|f| f.0).collect(), warnings))
    };
    match run() {
        Ok((files, w)) => (files, w, true),
        Err(e) => (Vec::new(), diagnostics::of(&e), false),
    }
}

/// Run the command; the exit code.
pub fn batch(args: BatchArgs) -> i32 {
    if args.inputs.is_empty() == args.ndjson.is_none() {
        return report(None, &Error::Usage("give INPUT files or --ndjson FILE (one of them)".into()));
    }
    let engine = match engine_from(&args.engine) {
        Ok(e) => e,
        Err(e) => return report(None, &e),
    };
    let jobs = match jobs(&args) {
        Ok(j) => j,
        Err(e) => return report(None, &e),
    };
    let formats = if args.to.is_empty() { Format::defaults() } else { args.to.clone() };
    let bar = if std::io::stderr().is_terminal() && args.report.message_format == MessageFormat::Human {
        let b = ProgressBar::new(jobs.len() as u64);
        b.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()));
        b
    } else {
        ProgressBar::hidden()
    };
    let start = Instant::now();
    let failed = Mutex::new(0usize);
    let print = Mutex::new(());
    let next = AtomicUsize::new(0);
    let workers = args.jobs.filter(|j| *j > 0).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // Plain worker threads pulling documents from a shared index, not a rayon pool: Typst
    // itself lays pages out with rayon, and a rayon worker waiting on that would steal the
    // next whole document onto the same stack (stack overflow, memory growing with the
    // documents in flight). Typst's stack-hungry layout gets the main thread's stack size.
    let work = || loop {
        let k = next.fetch_add(1, Ordering::Relaxed);
        let Some(job) = jobs.get(k) else { break };
        let (files, diags, ok) = one(&engine, job, &args, &formats);
        if !ok {
            *failed.lock().expect("lock") += 1;
        }
        let _guard = print.lock().expect("lock");
        match args.report.message_format {
            MessageFormat::Json => {
                let v = serde_json::json!({ "name": job.name, "input": job.label, "ok": ok, "files": files, "diagnostics": diags });
                println!("{v}");
            }
            MessageFormat::Human => {
                if !diags.is_empty() {
                    bar.suspend(|| diagnostics::print(&job.label, &diags, MessageFormat::Human, args.report.lang, true));
                }
            }
        }
        bar.inc(1);
        drop(_guard);
        // The heap stays small (about 25 MB: Typst's evicted memo cache), but glibc keeps
        // the freed pages of two workers' layouts; give them back now and then.
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        if k % 50 == 49 {
            // SAFETY: malloc_trim only releases free memory at the top of glibc's arenas.
            unsafe {
                libc::malloc_trim(0);
            }
        }
    };
    let spawned = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.min(jobs.len().max(1)))
            .map(|_| std::thread::Builder::new().stack_size(16 << 20).spawn_scoped(scope, work))
            .collect();
        handles.into_iter().all(|h| h.is_ok_and(|h| h.join().is_ok()))
    });
    if !spawned {
        return report(None, &Error::Internal("a worker thread failed".into()));
    }
    bar.finish_and_clear();
    let failed = failed.into_inner().unwrap_or(0);
    let secs = start.elapsed().as_secs_f64();
    let done = jobs.len() - failed;
    eprintln!(
        "batch: {done} done, {failed} failed, {secs:.2} s, {:.0} documents per second",
        if secs > 0.0 { jobs.len() as f64 / secs } else { 0.0 }
    );
    if failed > 0 { 2 } else { 0 }
}
