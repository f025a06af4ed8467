//! The PDF of the seed report and the other fixtures, opened and read.

mod common;

use common::pdf::{read, MM};
use common::*;

const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

/// Text compared without white space (lines may break anywhere, even after a "/") and
/// without case (section titles are printed UPPER).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
}

/// Every paragraph of the seed appears in the PDF, in order, up to the closing block (whose
/// two columns are checked on their own below).
#[test]
fn seed_report_every_sentence_in_order() {
    let seed = std::fs::read_to_string(root().join("tests/data/seed-bao-cao-612.txt")).unwrap();
    let pdf = read(&render_fixture("bao-cao-612.json"));
    let printed = squash(&pdf.text());
    let mut at = 0usize;
    let mut checked = 0;
    for para in seed.split("\n\n") {
        if para.trim() == "Nơi nhận:" {
            break;
        }
        // The seed is markdown: bold stars and <url> brackets are not printed text; section
        // titles lose their final "." (the format is "I. TITLE").
        let clean = para.replace("**", "").replace(['<', '>'], "");
        let want = squash(clean.trim().trim_end_matches(|c| c == '.' || c == ' ').trim_end());
        if want.is_empty() {
            continue;
        }
        let Some(i) = printed[at..].find(&want) else {
            panic!("seed paragraph not found in order: {clean:?}\nPDF from there: {:?}", printed[at..].chars().take(300).collect::<String>());
        };
        at += i + want.len();
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} seed paragraphs compared");
}

#[test]
fn seed_report_header_and_closing() {
    let pdf = read(&render_fixture("bao-cao-612.json"));
    let p1 = &pdf.pages[0];
    let line = |t: &str| p1.lines.iter().find(|l| l.text == t).unwrap_or_else(|| panic!("no line {t:?} on page 1: {:#?}", p1.lines.iter().map(|l| &l.text).collect::<Vec<_>>()));
    let qh = line(QUOC_HIEU);
    assert!(qh.bold() && (qh.size() - 13.0).abs() < 0.1, "Quốc hiệu 13 pt bold: {qh:?}");
    let tn = line(TIEU_NGU);
    assert!(tn.bold() && (tn.size() - 14.0).abs() < 0.1);
    assert!((qh.centre() - tn.centre()).abs() < 1.0, "Tiêu ngữ centred under the Quốc hiệu");
    let so = line("Số: 612/BC-UBND");
    assert!(!so.bold() && (so.size() - 13.0).abs() < 0.1);
    let date = line("Hương Xuân, ngày 05 tháng 10 năm 2020");
    assert!(date.italic() && (date.y - so.y).abs() < 3.0, "date italic, level with Số");
    assert!((date.centre() - tn.centre()).abs() < 1.0, "date centred in the right column");
    assert!(so.x1 < qh.x0, "Số stays in the left column");
    let bc = line("BÁO CÁO");
    assert!(bc.bold() && (bc.centre() - (30.0 + 82.5) * MM).abs() < 1.5, "type line centred on the text width");
    // Kính gửi: dashes aligned at or right of the colon.
    let kg = p1.lines.iter().find(|l| l.text.starts_with("Kính gửi:")).expect("Kính gửi line");
    let second = line("- Văn phòng HĐND và UBND huyện Nam Đông.");
    assert!(kg.text.ends_with("- UBND huyện Nam Đông;"));
    let dash = kg.runs.iter().find(|r| r.text.contains('-')).map(|r| r.x0).unwrap();
    assert!(second.x0 >= dash - 3.0 * MM, "second recipient under the first");
    // Closing on the last page: Nơi nhận level with the first signing line.
    let last = pdf.pages.last().unwrap();
    let nn = last.lines.iter().find(|l| l.text == "Nơi nhận:").expect("Nơi nhận");
    let tm = last.lines.iter().find(|l| l.text == "TM. ỦY BAN NHÂN DÂN").expect("signing line");
    assert!((nn.y - tm.y).abs() < 2.0, "Nơi nhận level with the first signing line: {} vs {}", nn.y, tm.y);
    assert!(nn.bold() && nn.italic() && (nn.size() - 12.0).abs() < 0.1);
    let ct = last.lines.iter().find(|l| l.text == "CHỦ TỊCH").unwrap();
    let name = last.lines.iter().find(|l| l.text == "Nguyễn Thị Bích Ngọc").unwrap();
    assert!(name.y - ct.y > 15.0 * MM, "signature space of at least 15 mm");
    assert!(name.bold());
    let items: Vec<_> = last.lines.iter().filter(|l| l.text.starts_with("- ") && (l.size() - 11.0).abs() < 0.1).map(|l| l.text.as_str()).collect();
    assert_eq!(items, ["- Như trên;", "- Lưu: VT."]);
}

#[test]
fn a4_fonts_embedded_page_numbers_from_page_two() {
    let bytes = render_fixture("bao-cao-612.json");
    let pdf = read(&bytes);
    assert!(pdf.pages.len() >= 2, "the seed report runs over more than one page");
    for p in &pdf.pages {
        assert!((p.width - 595.28).abs() < 1.0 && (p.height - 841.89).abs() < 1.0, "A4: {}×{}", p.width, p.height);
    }
    // Every font embedded (a FontFile2 in each descendant's descriptor).
    let mut n = 0;
    for (_, obj) in pdf.doc.objects.iter() {
        if let Ok(d) = obj.as_dict() {
            if d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor") {
                n += 1;
                assert!(d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"), "font not embedded: {d:?}");
            }
        }
    }
    assert!(n >= 3, "regular, bold, italic faces at least");
    // Page numbers: none on page 1; on each later page, its number centred in the top margin.
    let number_only = |l: &common::pdf::Line| l.text.chars().all(|c| c.is_ascii_digit());
    assert!(!pdf.pages[0].lines.iter().any(|l| number_only(l) && l.y < 25.0 * MM), "no page number on page 1");
    for (i, p) in pdf.pages.iter().enumerate().skip(1) {
        let n = p.lines.iter().find(|l| number_only(l) && l.y < 20.0 * MM).unwrap_or_else(|| panic!("no page number on page {}", i + 1));
        assert_eq!(n.text, (i + 1).to_string());
        assert!((n.centre() - (30.0 + 82.5) * MM).abs() < 1.5 * MM, "centred on the text width");
        assert!((n.size() - 14.0).abs() < 0.1 && !n.bold());
    }
}

#[test]
fn same_input_same_bytes() {
    let a = render_fixture("bao-cao-612.json");
    let b = render_fixture("bao-cao-612.json");
    assert!(a == b, "two renders differ");
    let info = String::from_utf8_lossy(&a);
    assert!(info.contains("pdfaid:part"), "PDF/A identification in the XMP");
    assert!(info.contains("2020-10-05"), "timestamps from the document's date");
}

/// Typst syntax in every text field prints as itself; `\*` prints a star.
#[test]
fn typst_syntax_in_input_prints_as_itself() {
    let hostile = r#"#panic(\"x\") $x$ [a] <l> @r _ \\ *"#;
    let json = format!(
        r#"{{
  "type": "bao-cao",
  "issuer": {{ "parent": "P {h}", "name": "N {h}", "code": "UBND" }},
  "number": 5, "place": "Hà Nội {h}", "date": "2026-01-02",
  "subject": "S {h}",
  "recipients": ["R {h}"],
  "body": [
    "B {h} and \\* star",
    {{ "section": "T {h}", "body": [ {{ "list": ["L {h}"] }} ] }},
    {{ "table": {{ "columns": [{{"title": "C {h}"}}], "rows": [["X {h}"]] }} }},
    {{ "results": {{ "items": [ {{ "label": "Lab {h}", "value": 3, "note": "Note {h}" }} ] }} }}
  ],
  "signer": {{ "title": "Chủ tịch", "name": "Name {h}" }},
  "distribution": ["D {h}", "Lưu: VT"]
}}"#,
        h = hostile
    );
    let pdf = read(&render_json("hostile", &json));
    let text = pdf.text().split_whitespace().collect::<Vec<_>>().join(" ");
    // Header columns are read column by column: the left one wraps its long lines.
    let left: String = pdf.pages[0].lines.iter().filter(|l| l.x1 < 100.0 * MM && l.y < 60.0 * MM).map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
    let printed = r#"#panic("x") $x$ [a] <l> @r _ \ *"#;
    let upper = printed.to_uppercase();
    for want in [format!("P {upper}"), format!("N {upper}")] {
        assert!(left.contains(&want), "{want:?} not printed as itself in the header: {left}");
    }
    for want in [
        format!("Hà Nội {printed}"), format!("S {printed}"),
        format!("R {printed}"), format!("B {printed} and * star"), format!("T {upper}"), format!("L {printed}"),
        format!("C {printed}"), format!("X {printed}"), format!("Lab {printed}: 3 (Note {printed})."),
        format!("Name {printed}"), format!("D {printed}"),
    ] {
        assert!(text.contains(&want), "{want:?} not printed as itself in:\n{text}");
    }
}

#[test]
fn every_fixture_renders_with_header_and_signature() {
    for entry in std::fs::read_dir(root().join("fixtures")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let pdf = read(&render_fixture(&name));
        let input: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root().join("fixtures").join(&name)).unwrap()).unwrap();
        if input["profile"] == "dang" {
            // A Party document: its own title, no Quốc hiệu (the Party tests check the rest).
            assert!(pdf.line("ĐẢNG CỘNG SẢN VIỆT NAM").is_some(), "{name}: the Party title on its own line");
            assert!(pdf.line(QUOC_HIEU).is_none(), "{name}: no Quốc hiệu in a Party document");
            assert!(pdf.line("Nơi nhận:").is_some(), "{name}: Nơi nhận");
            continue;
        }
        assert!(pdf.line(QUOC_HIEU).is_some(), "{name}: Quốc hiệu on its own line");
        assert!(pdf.line(TIEU_NGU).is_some(), "{name}: Tiêu ngữ on its own line");
        assert!(pdf.line("Nơi nhận:").is_some(), "{name}: Nơi nhận");
    }
}
