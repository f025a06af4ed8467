//! Text from Word and e-office databases, through the CLI: every class of character in every
//! kind of text field ends in exit 0 with both files (and a well-formed DOCX), or exit 2
//! naming the field's path with no file — never exit 1, never a panic.

mod common;

use common::docx::{all, parts, text};
use common::{fixture, pdf, tempdir, vanban};
use serde_json::Value;
use std::path::Path;

/// The fields tried, as (name, JSON path, setter).
type Setter = fn(&mut Value, &str);
const FIELDS: &[(&str, &str, Setter)] = &[
    ("subject", "$.subject", |d, v| d["subject"] = v.into()),
    ("issuer", "$.issuer.name", |d, v| d["issuer"]["name"] = v.into()),
    ("place", "$.place", |d, v| d["place"] = v.into()),
    ("recipient", "$.recipients[0]", |d, v| d["recipients"][0] = v.into()),
    ("paragraph", "$.body[0]", |d, v| d["body"][0] = v.into()),
    ("signer", "$.signer.name", |d, v| d["signer"]["name"] = v.into()),
    ("distribution", "$.distribution[0]", |d, v| d["distribution"][0] = v.into()),
];

/// One value per class: each C0 control, DEL, C1, Word's controls, the soft hyphen,
/// invisible and bidi marks, separators, a mid-text BOM, noncharacters, private use, lone
/// combining marks, astral letters, a huge token, a huge text, many lines.
fn classes() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut codes: Vec<u32> = (0..0x20).collect();
    codes.extend([0x7F, 0x80, 0x85, 0x9F, 0xAD, 0x61C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0xFDD0, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0xE000, 0xF8FF, 0xF0000, 0x2011, 0x3000, 0x1680]);
    for c in codes {
        let ch = char::from_u32(c).unwrap();
        out.push((format!("U+{c:04X}"), format!("Nguyễn{ch}Văn")));
    }
    out.push(("lone combining marks".into(), "\u{301}Văn \u{323}".into()));
    out.push(("astral letter".into(), "Văn 𝐀".into()));
    out.push(("astral CJK".into(), "Văn 𠀀".into()));
    out.push(("2,000-character token".into(), "X".repeat(2000)));
    out.push(("20,000 words".into(), vec!["chữ"; 20_000].join(" ")));
    out.push(("400 lines".into(), (0..400).map(|i| format!("dòng {i}")).collect::<Vec<_>>().join("\n")));
    out
}

/// XML 1.0's Char production.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn check_docx(bytes: &[u8], what: &str) {
    for (name, xml) in parts(bytes) {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        assert!(xml.chars().all(xml_char), "{what}: {name} holds a character XML 1.0 forbids");
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{what}: {name} is not well-formed: {e}"));
    }
}

#[test]
fn every_class_in_every_field_prints_or_is_refused_at_its_path() {
    let base: Value = serde_json::from_slice(&std::fs::read(fixture("bao-cao-612.json")).unwrap()).unwrap();
    let dir = tempdir("chars");
    let (mut rendered, mut refused) = (0, 0);
    for (field, path, set) in FIELDS {
        for (class, value) in classes() {
            let what = format!("{class} in {field}");
            let mut d = base.clone();
            set(&mut d, &value);
            std::fs::write(dir.join("in.json"), serde_json::to_vec(&d).unwrap()).unwrap();
            for f in ["in.pdf", "in.docx"] {
                let _ = std::fs::remove_file(dir.join(f));
            }
            let out = vanban(&dir, &["render", "in.json"], None);
            let err = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => {
                    rendered += 1;
                    let docx = std::fs::read(dir.join("in.docx")).unwrap_or_else(|_| panic!("{what}: no DOCX"));
                    check_docx(&docx, &what);
                    assert!(pdf::read(&std::fs::read(dir.join("in.pdf")).unwrap()).pages.len() >= 1, "{what}: PDF");
                }
                Some(2) => {
                    refused += 1;
                    assert!(err.contains(path), "{what}: the message names {path}: {err}");
                    assert!(!Path::new(&dir.join("in.pdf")).exists() && !dir.join("in.docx").exists(), "{what}: no file on refusal");
                }
                other => panic!("{what}: exit {other:?}: {err}"),
            }
        }
    }
    // Both outcomes happen: the rule neither refuses everything nor lets everything through.
    assert!(rendered > 100 && refused > 100, "rendered {rendered}, refused {refused}");
}

/// Render a variant of the seed; (exit code, stderr, DOCX document.xml, PDF text).
fn render_variant(tag: &str, edit: impl Fn(&mut Value)) -> (i32, String, String, String) {
    let mut d: Value = serde_json::from_slice(&std::fs::read(fixture("bao-cao-612.json")).unwrap()).unwrap();
    edit(&mut d);
    let dir = tempdir(tag);
    std::fs::write(dir.join("in.json"), serde_json::to_vec(&d).unwrap()).unwrap();
    let out = vanban(&dir, &["render", "in.json"], None);
    let code = out.status.code().unwrap_or(-1);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    if code != 0 {
        return (code, err, String::new(), String::new());
    }
    let xml = parts(&std::fs::read(dir.join("in.docx")).unwrap())["word/document.xml"].clone();
    let pdf_text = pdf::read(&std::fs::read(dir.join("in.pdf")).unwrap()).text();
    (code, err, xml, pdf_text)
}

#[test]
fn words_controls_mean_what_word_means() {
    let (code, err, xml, pdf_text) = render_variant("word", |d| {
        d["body"][0] = "Dòng một\u{0B}dòng hai\tcó tab; Quyết\u{1E}định; chuyển\u{1F}đổi; so\u{AD}ft".into();
        d["place"] = "Hương\u{0B}Xuân".into();
    });
    assert_eq!(code, 0, "{err}");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let p = all(doc.root(), "p").into_iter().find(|p| text(*p).starts_with("Dòng một")).expect("the paragraph");
    assert_eq!(text(p), "Dòng mộtdòng hai có tab; Quyếtđịnh; chuyểnđổi; soft", "break, tab, hyphens");
    assert_eq!(all(p, "br").len(), 1, "Shift+Enter is a line break in the paragraph");
    assert_eq!(all(p, "noBreakHyphen").len(), 1, "Word's non-breaking hyphen is Word's own element");
    // The PDF breaks the line there too and prints the hyphen unbroken.
    let lines: Vec<&str> = pdf_text.lines().collect();
    assert!(lines.iter().any(|l| l.trim_end().ends_with("Dòng một")), "{pdf_text}");
    assert!(lines.iter().any(|l| l.contains("Quyết\u{2011}định") || l.contains("Quyết\u{2010}định")), "{pdf_text}");
    assert!(pdf_text.contains("Hương Xuân, ngày"), "a break in a one-line field is a space");
}

#[test]
fn invisible_characters_are_removed_with_a_warning() {
    let (code, err, xml, _) = render_variant("invisible", |d| d["recipients"][0] = "UBND\u{200B} huyện\u{FEFF} Nam\u{200E} Đông".into());
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("removed-char").count(), 3, "{err}");
    assert!(err.contains("$.recipients[0]") && err.contains("U+200B"), "{err}");
    assert!(xml.contains("- UBND huyện Nam Đông;"), "removed from the output");
}

#[test]
fn refused_characters_name_path_code_point_and_hint() {
    let (code, err, _, _) = render_variant("refused", |d| d["signer"]["name"] = "Nguyễn\u{202E}Văn A".into());
    assert_eq!(code, 2);
    assert!(err.contains("error[invalid-char]") && err.contains("$.signer.name") && err.contains("U+202E") && err.contains("hint"), "{err}");
    let (code, err, _, _) = render_variant("ff", |d| d["body"][0] = "a\u{0C}b".into());
    assert_eq!(code, 2);
    assert!(err.contains("page_break"), "a form feed's hint names the page break block: {err}");
}

#[test]
fn length_limits() {
    let at = |n: usize| "a".repeat(n);
    assert_eq!(render_variant("subj-ok", |d| d["subject"] = at(2000).into()).0, 0);
    let (code, err, _, _) = render_variant("subj-long", |d| d["subject"] = at(2001).into());
    assert_eq!(code, 2);
    assert!(err.contains("error[too-long]") && err.contains("$.subject") && err.contains("2000"), "{err}");
    let (code, err, _, _) = render_variant("dist-long", |d| d["distribution"][1] = at(1001).into());
    assert_eq!(code, 2);
    assert!(err.contains("$.distribution[1]") && err.contains("1000"), "{err}");
    // A paragraph has no limit of its own: 20,000 words render.
    assert_eq!(render_variant("para-long", |d| d["body"][0] = vec!["chữ"; 20_000].join(" ").into()).0, 0);
}

#[test]
fn district_level_and_empty_section_warnings() {
    let dir = tempdir("lint");
    let mut d: Value = serde_json::from_slice(&std::fs::read(fixture("bao-cao-612.json")).unwrap()).unwrap();
    let check = |d: &Value| {
        std::fs::write(dir.join("in.json"), serde_json::to_vec(d).unwrap()).unwrap();
        let out = vanban(&dir, &["check", "in.json", "--message-format", "json"], None);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["diagnostics"].as_array().unwrap().iter().map(|x| (x["code"].as_str().unwrap().to_string(), x["path"].as_str().unwrap_or("").to_string())).collect::<Vec<_>>()
    };
    // The seed (2020) names "UBND huyện Nam Đông": no warning before July 2025.
    assert!(!check(&d).iter().any(|c| c.0 == "district-level"));
    d["date"] = "2026-03-02".into();
    d["issuer"]["parent"] = "UBND huyện Nam Đông".into();
    let codes = check(&d);
    assert!(codes.contains(&("district-level".into(), "$.issuer.parent".into())), "{codes:?}");
    assert!(codes.contains(&("district-level".into(), "$.recipients[0]".into())), "{codes:?}");
    assert!(!codes.iter().any(|c| c.0 == "district-level" && c.1 == "$.issuer.name"), "a commune is not district-level");
    d["body"] = serde_json::json!(["Mở đầu.", { "section": "Mục trống" }, { "article": "Điều trống", "body": [] }]);
    let codes = check(&d);
    assert!(codes.contains(&("empty-section".into(), "$.body[1]".into())), "{codes:?}");
    assert!(codes.contains(&("empty-section".into(), "$.body[2]".into())), "{codes:?}");
}

#[test]
fn starter_reads_in_order_and_is_two_level() {
    let dir = tempdir("new");
    let out = vanban(&dir, &["new", "cong-van"], None);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let keys: Vec<&str> = s.lines().filter(|l| l.starts_with("  \"")).map(|l| l.trim().split('"').nth(1).unwrap()).collect();
    assert_eq!(&keys[..4], ["$schema", "type", "issuer", "number"], "{keys:?}");
    assert!(keys.iter().position(|k| *k == "body") < keys.iter().position(|k| *k == "signer"));
    assert!(!s.contains("huyện") && !s.contains("\"parent\""), "{s}");
    // It is a valid document that checks clean.
    std::fs::write(dir.join("cv.json"), &s).unwrap();
    let out = vanban(&dir, &["check", "--strict", "cv.json"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
