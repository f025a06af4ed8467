//! `vanban batch INPUT... | --ndjson FILE [--out-dir DIR] [-j N] [--to pdf,docx]`: many
//! documents in parallel (worker threads; Typst uses rayon within each document), one engine
//! (fonts, layout) shared by all. A bad document is
//! reported and does not stop the others; exit 2 if any failed.

use super::args::{BatchArgs, Format};
use crate::batch::{ndjson_name, read_line, Line, Names};
use super::diagnostics::{self, MessageFormat};
use super::output::write_all;
use crate::formats::render_formats;
use super::{engine_from, read_input, report};
use crate::error::{Error, InputError, Result};
use crate::Engine;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufRead, IsTerminal};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// One document of the batch: its output stem, where it came from, and its JSON (read by the
/// worker when it is a file).
struct Job {
    name: String,
    label: String,
    bytes: Option<Result<Vec<u8>>>,
}

/// Where the documents come from, handed out one at a time as workers ask: an NDJSON stream
/// is read line by line, so a long batch never sits in memory whole and a server piping
/// documents in gets each result as soon as its line is done.
enum Feed {
    Files { jobs: std::vec::IntoIter<Job> },
    Lines { src: String, reader: Box<dyn BufRead + Send>, line: usize, names: Names, end: bool },
}

impl Feed {
    fn open(args: &BatchArgs) -> Result<Feed> {
        if let Some(src) = &args.ndjson {
            let reader: Box<dyn BufRead + Send> = if src == "-" {
                Box::new(std::io::BufReader::new(std::io::stdin()))
            } else {
                Box::new(std::io::BufReader::new(std::fs::File::open(src).map_err(|e| Error::Io(format!("{src}: {e}")))?))
            };
            return Ok(Feed::Lines { src: src.clone(), reader, line: 0, names: Names::default(), end: false });
        }
        let mut names = Names::default();
        let jobs: Vec<Job> = args
            .inputs
            .iter()
            .map(|i| {
                let stem = Path::new(i).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into());
                Job { name: names.unique(stem), label: i.clone(), bytes: None }
            })
            .collect();
        Ok(Feed::Files { jobs: jobs.into_iter() })
    }

    /// The next document, or None at the end.
    fn next(&mut self, limit: usize) -> Option<Job> {
        match self {
            Feed::Files { jobs } => jobs.next(),
            Feed::Lines { src, reader, line, names, end } => loop {
                if *end {
                    return None;
                }
                *line += 1;
                let label = format!("{src}:{line}");
                match read_line(reader.as_mut(), limit) {
                    Ok(None) => {
                        *end = true;
                        return None;
                    }
                    Ok(Some(Line::Blank)) => continue,
                    Ok(Some(Line::TooLong(n))) => {
                        let e = InputError::at("$", format!("the line is {n} bytes or more; at most {limit} are read"))
                            .code("too-large")
                            .hint("raise the limit with --max-input-size");
                        return Some(Job { name: names.unique(line.to_string()), label, bytes: Some(Err(Error::Input(vec![e]))) });
                    }
                    Ok(Some(Line::Json(bytes))) => {
                        let name = names.unique(ndjson_name(*line, &bytes));
                        return Some(Job { name, label, bytes: Some(Ok(bytes)) });
                    }
                    Err(e) => {
                        // The stream itself failed: report it on this line and read no further.
                        *end = true;
                        return Some(Job { name: names.unique(line.to_string()), label: label.clone(), bytes: Some(Err(Error::Io(format!("{label}: {e}")))) });
                    }
                }
            },
        }
    }
}

/// How many documents the progress bar expects: the inputs, or the non-blank lines of an
/// NDJSON file (counted in one quick pass); unknown for standard input.
fn total(args: &BatchArgs) -> Option<u64> {
    match args.ndjson.as_deref() {
        None => Some(args.inputs.len() as u64),
        Some("-") => None,
        Some(path) => {
            use std::io::Read;
            let mut f = std::fs::File::open(path).ok()?;
            let (mut n, mut blank, mut buf) = (0u64, true, vec![0u8; 1 << 16]);
            loop {
                let got = f.read(&mut buf).ok()?;
                if got == 0 {
                    break;
                }
                for &b in &buf[..got] {
                    if b == b'\n' {
                        n += u64::from(!blank);
                        blank = true;
                    } else if !b.is_ascii_whitespace() {
                        blank = false;
                    }
                }
            }
            Some(n + u64::from(!blank))
        }
    }
}

/// Render one job; the files written, the diagnostics. `spare_core`: fewer workers than
/// cores, so the DOCX is written on a thread of its own beside the PDF.
fn one(engine: &Engine, job: Job, args: &BatchArgs, formats: &[Format], spare_core: bool) -> (Vec<String>, Vec<InputError>, bool) {
    let run = || -> Result<(Vec<String>, Vec<InputError>)> {
        // Inputs read from files have a folder for their pictures; a JSON Lines stream has none.
        let base = if job.bytes.is_none() { super::base_of(&job.label) } else { None };
        let bytes = match job.bytes {
            Some(b) => b?,
            None => read_input(&job.label, args.engine.max_input_size)?,
        };
        let (model, warnings) = engine.parse_with_warnings_in(&bytes, base.as_deref())?;
        let doc = engine.prepare(&model, &bytes);
        let dir = args.out_dir.clone().unwrap_or_default();
        let files: Vec<(String, Vec<u8>)> = render_formats(engine, &doc, formats, spare_core)?
            .into_iter()
            .map(|(f, bytes)| (dir.join(format!("{}.{}", job.name, f.ext())).to_string_lossy().into_owned(), bytes))
            .collect();
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
    let feed = match Feed::open(&args) {
        Ok(f) => Mutex::new(f),
        Err(e) => return report(None, &e),
    };
    let formats = if args.to.is_empty() { Format::defaults() } else { args.to.clone() };
    let bar = if std::io::stderr().is_terminal() && args.report.message_format == MessageFormat::Human {
        let b = match total(&args) {
            Some(n) => ProgressBar::new(n),
            None => ProgressBar::no_length(),
        };
        let template = if b.length().is_some() { "{bar:40} {pos}/{len} {per_sec} {eta}" } else { "{spinner} {pos} {per_sec}" };
        b.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
        b
    } else {
        ProgressBar::hidden()
    };
    let start = Instant::now();
    let failed = Mutex::new(0usize);
    let print = Mutex::new(());
    let count = AtomicUsize::new(0);
    let limit = args.engine.max_input_size;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = args.jobs.filter(|j| *j > 0).unwrap_or(cores);
    let spare_core = workers < cores;
    // Plain worker threads pulling documents from a shared feed, not a rayon pool: Typst
    // itself lays pages out with rayon, and a rayon worker waiting on that would steal the
    // next whole document onto the same stack (stack overflow, memory growing with the
    // documents in flight). Typst's stack-hungry layout gets the main thread's stack size.
    let work = || loop {
        let Some(job) = feed.lock().expect("lock").next(limit) else { break };
        let k = count.fetch_add(1, Ordering::Relaxed);
        let (name, label) = (job.name.clone(), job.label.clone());
        let (files, diags, ok) = one(&engine, job, &args, &formats, spare_core);
        if !ok {
            *failed.lock().expect("lock") += 1;
        }
        let _guard = print.lock().expect("lock");
        match args.report.message_format {
            MessageFormat::Json => {
                let v = serde_json::json!({ "name": name, "input": label, "ok": ok, "files": files, "diagnostics": diags });
                println!("{v}");
            }
            MessageFormat::Human => {
                if !diags.is_empty() {
                    bar.suspend(|| diagnostics::print(&label, &diags, MessageFormat::Human, args.report.lang, true));
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
        let handles: Vec<_> = (0..workers)
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
    let all = count.into_inner();
    let done = all - failed;
    eprintln!(
        "batch: {done} done, {failed} failed, {secs:.2} s, {:.0} documents per second",
        if secs > 0.0 { all as f64 / secs } else { 0.0 }
    );
    if failed > 0 { 2 } else { 0 }
}
