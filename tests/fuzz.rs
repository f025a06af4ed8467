//! A structure-aware fuzzer on the stable toolchain: it mutates the fixtures as JSON trees
//! (and sometimes as bytes) and drives parse, validation, lint and both writers in-process.
//! No input may panic, and no input that passes the checks may fail in a writer (the CLI's
//! exit 1) or give a DOCX whose XML is not well-formed. `fuzz_for_a_while` is the long run (ignored by default):
//!
//!     VANBAN_FUZZ_SECONDS=600 cargo test --release --test fuzz -- --ignored --nocapture
//!
//! Inputs that panicked, or reached a diagnostic code not seen before, are kept in
//! `tests/fuzz-corpus/`, which `fuzz_corpus_replays` runs on every `cargo test`.

mod common;

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use vanban::{Engine, Options};

use common::rng::Rng;

const STRINGS: &[&str] = &[
    "", " ", "\n", "\n\n\n", "*", "**", "***", "\\*", "\\", "#panic(\"x\")", "$x$", "[a]", "<l>", "@r", "_", "`",
    "Điều 1.", "./.", "https://a.b/c?d=e", "a/b/c/d/e/f/g", "2015-2020", "\u{0}", "\u{200b}", "\u{feff}",
    "e\u{323}\u{302}", "漢字", "🙂", "\u{202e}rtl", "KHẨN", "1.1", "II", "đ", "a)", "1.", "-", "+", "null",
    "9999999999999999999999", "-1", "0", "2026", "2026-02-29", "2028-02-29", "0001-01-01", "99999-01-01",
];

/// Characters of every class the character rule and the glyph check sort: each C0 control,
/// DEL, C1, Word's controls, the soft hyphen, zero-width and bidi marks, line and paragraph
/// separators, a BOM, noncharacters, private use, lone combining marks, astral letters.
fn hostile_char(r: &mut Rng) -> char {
    const SOME: &[char] = &[
        '\u{7F}', '\u{85}', '\u{9F}', '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{061C}',
        '\u{2028}', '\u{2029}', '\u{2060}', '\u{FEFF}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
        '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FFFE}', '\u{FFFF}', '\u{FDD0}', '\u{1FFFE}', '\u{10FFFF}',
        '\u{E000}', '\u{F8FF}', '\u{F0000}', '\u{301}', '\u{323}', '\u{309}', '\u{1D400}', '\u{20000}', '\u{1F600}',
        '\u{2011}', '\u{205F}', '\u{3000}', '\u{1680}', '\u{A0}', '\u{2007}', '\u{34F}', '\u{FE0F}',
    ];
    match r.below(3) {
        0 => char::from_u32(r.below(0x20) as u32).unwrap_or('\u{1}'),
        _ => SOME[r.below(SOME.len())],
    }
}

/// Text as it comes from Word and e-office databases, at its worst.
fn hostile_string(r: &mut Rng) -> String {
    match r.below(8) {
        0 => "X".repeat(2000),
        1 => "chữ ".repeat(if r.below(4) == 0 { 20_000 } else { 500 }),
        2 => (0..400).map(|i| format!("dòng {i}")).collect::<Vec<_>>().join("\n"),
        3 => format!("{}Văn bản", hostile_char(r)),
        4 => (0..1 + r.below(6)).map(|_| hostile_char(r)).collect(),
        _ => {
            let mut t = "Ủy ban nhân dân xã Hương Xuân".to_string();
            let at = t.char_indices().nth(r.below(20)).map_or(0, |x| x.0);
            t.insert(at, hostile_char(r));
            t
        }
    }
}

fn random_string(r: &mut Rng) -> String {
    match r.below(5) {
        4 => hostile_string(r),
        0 => STRINGS[r.below(STRINGS.len())].to_string(),
        1 => "x".repeat(r.below(3000)),
        2 => (0..r.below(40)).map(|_| char::from_u32(r.below(0x2FFFF) as u32).unwrap_or('?')).collect(),
        _ => format!("{} {}", STRINGS[r.below(STRINGS.len())], "Hươngxuân ".repeat(r.below(100))),
    }
}

fn random_value(r: &mut Rng, depth: usize) -> Value {
    match r.below(if depth > 3 { 5 } else { 8 }) {
        0 => Value::Null,
        1 => json!(r.below(2) == 0),
        2 => json!([0i64, 1, -1, 5, 612, i64::MAX, i64::MIN][r.below(7)]),
        3 => json!(1.5e308 * if r.below(2) == 0 { 1.0 } else { -1.0 }),
        4 => Value::String(random_string(r)),
        5 => Value::Array((0..r.below(4)).map(|_| random_value(r, depth + 1)).collect()),
        6 => {
            let keys = ["paragraph", "section", "list", "table", "results", "article", "chapter", "body", "items", "text", "marker", "number", "columns", "rows", "value", "ratio", "label", "colspan"];
            let mut m = serde_json::Map::new();
            for _ in 0..r.below(4) {
                m.insert(keys[r.below(keys.len())].into(), random_value(r, depth + 1));
            }
            Value::Object(m)
        }
        _ => {
            // Deep nesting.
            let mut v = json!("x");
            for _ in 0..r.below(200) {
                v = json!({ "section": "s", "body": [v] });
            }
            v
        }
    }
}

/// Every node of the tree, by a path of steps.
fn paths(v: &Value, here: Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| {
            let mut p = here.clone();
            p.push(Step::I(i));
            paths(x, p, out)
        }),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            let mut p = here.clone();
            p.push(Step::K(k.clone()));
            paths(x, p, out)
        }),
        _ => {}
    }
}

#[derive(Clone)]
enum Step {
    I(usize),
    K(String),
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut cur = v;
    for s in path {
        cur = match (s, cur) {
            (Step::I(i), Value::Array(a)) => a.get_mut(*i)?,
            (Step::K(k), Value::Object(o)) => o.get_mut(k)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn mutate(r: &mut Rng, v: &mut Value) {
    let mut all = Vec::new();
    paths(v, Vec::new(), &mut all);
    let path = all[r.below(all.len())].clone();
    let Some(node) = at(v, &path) else { return };
    match r.below(8) {
        6 | 7 => {
            // A valid document with hostile text in one string field: the character rule's work.
            if let Value::String(t) = node {
                if r.below(2) == 0 {
                    let at = t.char_indices().nth(r.below(t.chars().count() + 1)).map_or(t.len(), |x| x.0);
                    t.insert(at, hostile_char(r));
                } else {
                    *t = hostile_string(r);
                }
            } else {
                *node = random_value(r, 0);
            }
        }
        0 => *node = random_value(r, 0),
        1 => {
            if let Value::Object(o) = node {
                if let Some(k) = o.keys().nth(r.below(o.len().max(1))).cloned() {
                    o.remove(&k);
                }
            }
        }
        2 => {
            if let Value::Object(o) = node {
                let keys = ["recipents", "signers", "copy", "appendices", "style", "lead", "urgency", "secrecy", "circulation", "bases", "authority", "drafter", "contact", "landscape", "as"];
                o.insert(keys[r.below(keys.len())].into(), random_value(r, 1));
            }
        }
        3 => {
            if let Value::Array(a) = node {
                if !a.is_empty() {
                    let x = a[r.below(a.len())].clone();
                    for _ in 0..r.below(50) {
                        a.push(x.clone());
                    }
                }
            }
        }
        4 => {
            if let Value::String(s) = node {
                s.push_str(&random_string(r));
            }
        }
        _ => *node = Value::String(random_string(r)),
    }
}

/// Run one input through everything; `Err` with the panic message if anything panicked, or
/// with the writer's error if a document that passed the checks failed to render (the CLI's
/// exit code 1) or gave a DOCX whose XML is not well-formed.
fn run(engine: &Engine, bytes: &[u8]) -> Result<Vec<&'static str>, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let checked = engine.check(bytes);
        let codes: Vec<&'static str> = checked.diagnostics.iter().map(|d| d.code).collect();
        if let Some(doc) = checked.document {
            let prepared = engine.prepare(&doc, bytes);
            engine.pdf(&prepared).map_err(|e| format!("internal: PDF: {e}"))?;
            let docx = engine.docx(&prepared).map_err(|e| format!("internal: DOCX: {e}"))?;
            well_formed(&docx)?;
        }
        Ok(codes)
    }))
    .map_err(|e| e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default())?
}

/// Every XML part of a DOCX parses.
fn well_formed(docx: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(|e| format!("DOCX zip: {e}"))?;
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(|e| e.to_string())?;
        let name = f.name().to_string();
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let mut text = String::new();
        f.read_to_string(&mut text).map_err(|e| format!("{name}: {e}"))?;
        roxmltree::Document::parse(&text).map_err(|e| format!("DOCX {name} is not well-formed: {e}"))?;
    }
    Ok(())
}

fn corpus_dir() -> std::path::PathBuf {
    common::root().join("tests/fuzz-corpus")
}

#[test]
fn fuzz_corpus_replays() {
    let engine = Engine::new(Options::default()).unwrap();
    let mut n = 0;
    for e in std::fs::read_dir(corpus_dir()).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        if let Err(m) = run(&engine, &bytes) {
            panic!("{} failed: {m}", p.display());
        }
        n += 1;
    }
    assert!(n >= 10, "the corpus holds {n} inputs");
}

#[test]
#[ignore]
fn fuzz_for_a_while() {
    let seconds: u64 = std::env::var("VANBAN_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = std::env::var("VANBAN_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_1234);
    let engine = Engine::new(Options::default()).unwrap();
    let fixtures: Vec<Value> = std::fs::read_dir(common::root().join("fixtures"))
        .unwrap()
        .map(|e| serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap())
        .collect();
    let mut r = Rng(seed);
    let mut seen: BTreeSet<&'static str> = BTreeSet::new();
    let (mut runs, mut rendered, mut panics) = (0u64, 0u64, 0u64);
    let start = std::time::Instant::now();
    std::fs::create_dir_all(corpus_dir()).unwrap();
    while start.elapsed().as_secs() < seconds {
        let mut v = fixtures[r.below(fixtures.len())].clone();
        for _ in 0..1 + r.below(4) {
            mutate(&mut r, &mut v);
        }
        let mut bytes = serde_json::to_vec(&v).unwrap();
        if r.below(10) == 0 && !bytes.is_empty() {
            // Byte-level damage too: syntax errors, invalid UTF-8.
            let i = r.below(bytes.len());
            bytes[i] = r.below(256) as u8;
        }
        runs += 1;
        match run(&engine, &bytes) {
            Ok(codes) => {
                if codes.is_empty() {
                    rendered += 1;
                }
                for c in codes {
                    // A code joins the replayed corpus once; later runs keep that
                    // sample so the corpus does not churn with every seed.
                    let file = corpus_dir().join(format!("code-{c}.json"));
                    if seen.insert(c) && !file.exists() {
                        std::fs::write(file, &bytes).unwrap();
                    }
                }
            }
            Err(m) => {
                panics += 1;
                let kind = if m.starts_with("internal") || m.starts_with("DOCX") { "internal" } else { "panic" };
                std::fs::write(corpus_dir().join(format!("{kind}-{runs}.json")), &bytes).unwrap();
                eprintln!("{kind} on run {runs}: {m}");
            }
        }
    }
    eprintln!("fuzz: {runs} runs in {}s, {rendered} rendered, {panics} panics or internal errors, codes seen: {seen:?}", start.elapsed().as_secs());
    assert_eq!(panics, 0);
}
