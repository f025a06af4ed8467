//! Helpers for integration tests: run the binary, read what it wrote.
#![allow(dead_code)]

pub mod docx;
pub mod forge;
pub mod http;
pub mod keys;
pub mod nginx;
pub mod pdf;
pub mod pdfa;
pub mod png;
pub mod postgres;
pub mod rng;
pub mod serve;
pub mod signing;
pub mod tsa;
pub mod word;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture's path.
pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// A fresh temporary folder.
pub fn tempdir(tag: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let d = std::env::temp_dir().join(format!("vanban-test-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Run vanban with arguments in `cwd`, optionally feeding standard input.
pub fn vanban(cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(cwd)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vanban runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// Render a JSON string to PDF bytes (panics with stderr on failure).
pub fn render_json(tag: &str, json: &str) -> Vec<u8> {
    let dir = tempdir(tag);
    std::fs::write(dir.join("in.json"), json).unwrap();
    let out = vanban(&dir, &["render", "in.json", "-o", "out.pdf"], None);
    assert!(out.status.success(), "render failed: {}", String::from_utf8_lossy(&out.stderr));
    std::fs::read(dir.join("out.pdf")).unwrap()
}

/// Render a fixture to PDF bytes.
pub fn render_fixture(name: &str) -> Vec<u8> {
    let dir = tempdir(&format!("fx-{}", name.trim_end_matches(".json")));
    let out = vanban(&dir, &["render", fixture(name).to_str().unwrap(), "-o", "out.pdf"], None);
    assert!(out.status.success(), "render failed: {}", String::from_utf8_lossy(&out.stderr));
    std::fs::read(dir.join("out.pdf")).unwrap()
}

/// Words for comparing text: lower case, punctuation stripped from word edges.
pub fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| ".,;:!?()[]{}<>\"'*/-".contains(c)).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Files in a folder (names), sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// Validate every JSON file of `dir` against the committed JSON Schema (python-jsonschema,
/// draft 2020-12); the number of files, or a panic naming the ones that do not validate.
pub fn validate_against_schema(dir: &Path) -> usize {
    let script = r#"
import json, sys, glob, jsonschema
schema = json.load(open(sys.argv[1]))
files = sorted(glob.glob(sys.argv[2] + '/*.json'))
bad = []
for f in files:
    try:
        jsonschema.validate(json.load(open(f)), schema, cls=jsonschema.Draft202012Validator)
    except jsonschema.ValidationError as e:
        bad.append(f + ': ' + e.message)
print(len(files))
sys.exit('\n'.join(bad) if bad else 0)
"#;
    let out = Command::new(signing::tool("python3"))
        .args(["-c", script, root().join("schema/vanban.schema.json").to_str().unwrap(), dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}
