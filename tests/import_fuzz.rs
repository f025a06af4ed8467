//! The Word reader against damaged and rearranged documents: the typed corpus's
//! `word/document.xml` with body blocks deleted, repeated, swapped or moved, text replaced by
//! hostile strings, and paragraphs' properties dropped. No input may panic the reader, and
//! whatever it writes must be input the contract takes in shape — every key known, every
//! character allowed, every table whole (its validator may still name a part the file lacks,
//! as `import-missing` said). Some of the results are rendered: a document that passes the
//! checks must render.
//!
//!     VANBAN_IMPORT_FUZZ=6000 VANBAN_IMPORT_FUZZ_SEED=7 cargo test --release --test import_fuzz -- --nocapture

mod common;

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use vanban::{Engine, Options};

use common::rng::Rng;

/// Text a mutation may put into a `w:t` (escaped for XML).
const TEXTS: &[&str] = &[
    "", " ", "Nơi nhận:", "NƠI NHẬN:", "Kính gửi:", "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A",
    "Số: 12/QĐ-UBND", "Số:      /", "Huế, ngày 31 tháng 2 năm 2026", "ngày … tháng … năm …", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập – Tự do – Hạnh phúc", "Điều 1.", "Điều 0. x", "Chương IV", "PHẦN", "I.", "1.1.1.1.1.", "a)", "- ", "+ ", "(", ")",
    "(Đã ký)", "V/v", "Phụ lục", "PHỤ LỤC IV", "SAO Y", "SAO Y; …; 99/99/9999; 25:61:61", "Lưu: VT.", "./.", "**", "*", "\\",
    "#panic(\"x\")", "\u{200b}", "\u{feff}", "\u{202e}", "\u{7f}", "\u{85}", "\u{e000}", "🙂", "漢字",
    "e\u{323}\u{302}", "9999999999999999999999", "&<>\"'",
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The corpus's files and their parts.
fn corpus() -> Vec<Vec<(String, Vec<u8>)>> {
    let dir = common::root().join("tests/data/typed");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "docx")).collect();
    names.sort();
    names
        .iter()
        .map(|p| common::docx::unzip(&std::fs::read(p).unwrap()))
        .collect()
}

/// One mutation of the document's XML, at the body's blocks or inside them.
fn mutate(r: &mut Rng, xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let body = doc.descendants().find(|n| n.tag_name().name() == "body").unwrap();
    let blocks: Vec<std::ops::Range<usize>> = body.children().filter(|n| n.is_element() && n.tag_name().name() != "sectPr").map(|n| n.range()).collect();
    if blocks.is_empty() {
        return xml.to_string();
    }
    let pick = |r: &mut Rng| blocks[r.below(blocks.len())].clone();
    match r.below(7) {
        // Delete a block.
        0 => {
            let b = pick(r);
            format!("{}{}", &xml[..b.start], &xml[b.end..])
        }
        // Repeat a block.
        1 => {
            let b = pick(r);
            format!("{}{}{}", &xml[..b.end], &xml[b.clone()], &xml[b.end..])
        }
        // Move a block to the start of the body or the end.
        2 => {
            let b = pick(r);
            let piece = xml[b.clone()].to_string();
            let without = format!("{}{}", &xml[..b.start], &xml[b.end..]);
            let doc = roxmltree::Document::parse(&without).unwrap();
            let body = doc.descendants().find(|n| n.tag_name().name() == "body").unwrap();
            let at = if r.below(2) == 0 {
                body.first_element_child().map(|n| n.range().start)
            } else {
                body.children().filter(|n| n.tag_name().name() == "sectPr").map(|n| n.range().start).next()
            };
            match at {
                Some(at) => format!("{}{}{}", &without[..at], piece, &without[at..]),
                None => without,
            }
        }
        // Swap two blocks.
        3 => {
            let (mut a, mut b) = (pick(r), pick(r));
            if a.start > b.start {
                std::mem::swap(&mut a, &mut b);
            }
            if a.end > b.start || a == b {
                return xml.to_string();
            }
            format!("{}{}{}{}{}", &xml[..a.start], &xml[b.clone()], &xml[a.end..b.start], &xml[a.clone()], &xml[b.end..])
        }
        // Drop every paragraph's properties (alignment, indents, numbering) in a block.
        4 => {
            let b = pick(r);
            let piece = regex_free_strip(&xml[b.clone()], "<w:pPr>", "</w:pPr>");
            format!("{}{}{}", &xml[..b.start], piece, &xml[b.end..])
        }
        // Replace one text run's text.
        _ => {
            let ts: Vec<std::ops::Range<usize>> = doc.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|n| n.first_child().map(|c| c.range())).collect();
            if ts.is_empty() {
                return xml.to_string();
            }
            let t = ts[r.below(ts.len())].clone();
            let text = TEXTS[r.below(TEXTS.len())];
            format!("{}{}{}", &xml[..t.start], escape(text), &xml[t.end..])
        }
    }
}

/// `s` without every `open`…`close` span.
fn regex_free_strip(s: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        match rest[i..].find(close) {
            Some(j) => rest = &rest[i + j + close.len()..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn pack(parts: &[(String, Vec<u8>)], xml: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        for (n, b) in parts {
            w.start_file(n.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(if n == "word/document.xml" { xml.as_bytes() } else { b }).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

/// Codes that say the reader wrote something of the wrong shape: never allowed.
const SHAPE: [&str; 9] = ["syntax", "duplicate-key", "unknown-key", "invalid-type", "missing-key", "invalid-char", "too-deep", "twice", "table"];

#[test]
fn damaged_word_files_never_panic_the_reader_nor_make_input_the_contract_refuses() {
    let rounds: usize = std::env::var("VANBAN_IMPORT_FUZZ").ok().and_then(|s| s.parse().ok()).unwrap_or(300);
    let engine = Engine::new(Options::default()).unwrap();
    let files = corpus();
    assert!(files.len() >= 40, "the typed corpus has {} files", files.len());
    let seed: u64 = std::env::var("VANBAN_IMPORT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x1a2b_3c4d);
    let mut r = Rng(seed);
    let (mut imported, mut valid, mut rendered) = (0, 0, 0);
    for round in 0..rounds {
        let parts = &files[round % files.len()];
        let mut xml = String::from_utf8(parts.iter().find(|p| p.0 == "word/document.xml").unwrap().1.clone()).unwrap();
        for _ in 0..1 + r.below(3) {
            xml = mutate(&mut r, &xml);
        }
        let bytes = pack(parts, &xml);
        let got = catch_unwind(AssertUnwindSafe(|| vanban::import::import(bytes.clone())));
        let Ok(result) = got else { panic!("round {round}: the reader panicked on:\n{xml}") };
        let Ok(doc) = result else { continue };
        imported += 1;
        let json = doc.json();
        match vanban::model::parse_document(&json) {
            Ok(_) => {
                valid += 1;
                // Every fifth valid document is rendered: it must not fail in a writer.
                if valid % 5 == 0 {
                    let checked = engine.check(&json);
                    if let Some(d) = checked.document {
                        let prepared = engine.prepare(&d, &json);
                        let pdf = catch_unwind(AssertUnwindSafe(|| engine.pdf(&prepared).map(|_| ())));
                        assert!(matches!(pdf, Ok(Ok(()))), "round {round}: the PDF writer failed on:\n{}", String::from_utf8_lossy(&json));
                        rendered += 1;
                    }
                }
            }
            Err(vanban::Error::Input(errors)) => {
                let shape: Vec<_> = errors.iter().filter(|e| SHAPE.contains(&e.code)).collect();
                assert!(shape.is_empty(), "round {round}: the reader wrote what the contract refuses: {shape:?}\n{}", String::from_utf8_lossy(&json));
            }
            Err(e) => panic!("round {round}: {e}"),
        }
    }
    eprintln!("{rounds} damaged files: {imported} imported, {valid} valid, {rendered} rendered");
    assert!(imported * 10 >= rounds * 9, "only {imported} of {rounds} imported");
}
