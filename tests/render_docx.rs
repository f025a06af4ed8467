//! The DOCX, unzipped and read: page, fonts, styles, tables, page numbers, bookmark, and
//! the promise that it is built to be edited.

mod common;

use common::docx::{all, attr, child, parts, text};
use common::*;
use vanban::{Engine, Options};

fn render_docx(name: &str) -> Vec<u8> {
    let dir = tempdir(&format!("docx-{}", name.trim_end_matches(".json")));
    let out = vanban(&dir, &["render", fixture(name).to_str().unwrap(), "-o", "out.docx"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files_in(&dir), ["out.docx"], "-o x.docx writes only that");
    std::fs::read(dir.join("out.docx")).unwrap()
}

#[test]
fn page_margins_header_and_page_numbers() {
    let p = parts(&render_docx("bao-cao-612.json"));
    let doc = roxmltree::Document::parse(&p["word/document.xml"]).unwrap();
    let sect = all(doc.root(), "sectPr").pop().expect("sectPr");
    let size = child(sect, "pgSz").unwrap();
    assert_eq!((attr(size, "w"), attr(size, "h")), (Some("11906"), Some("16838")), "A4");
    let mar = child(sect, "pgMar").unwrap();
    let m: Vec<_> = ["top", "bottom", "left", "right"].iter().map(|k| attr(mar, k).unwrap()).collect();
    assert_eq!(m, ["1134", "1134", "1701", "850"], "margins 20/20/30/15 mm");
    assert!(child(sect, "titlePg").is_some(), "a different first page");
    // The default header holds a PAGE field, centred; the first page's holds none.
    let rels = &p["word/_rels/document.xml.rels"];
    let mut default_has_page = false;
    for h in all(sect, "headerReference") {
        let id = h.attribute(("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id")).unwrap();
        let target = rels.split("<Relationship ").find(|r| r.contains(&format!("Id=\"{id}\""))).and_then(|r| r.split("Target=\"").nth(1)).and_then(|t| t.split('"').next()).unwrap();
        let xml = &p[&format!("word/{target}")];
        match attr(h, "type") {
            Some("first") => assert!(!xml.contains("PAGE"), "no page number on page 1"),
            Some("default") => {
                default_has_page = xml.contains("PAGE");
                assert!(xml.contains("VBPageNumber"), "the page number in its own style");
            }
            _ => {}
        }
    }
    assert!(default_has_page, "PAGE field in the default header");
    let styles = roxmltree::Document::parse(&p["word/styles.xml"]).unwrap();
    let pn = all(styles.root(), "style").into_iter().find(|s| attr(*s, "styleId") == Some("VBPageNumber")).unwrap();
    assert_eq!(all(pn, "sz").first().and_then(|s| attr(*s, "val")), Some("28"), "page number 14 pt");
    assert_eq!(all(pn, "jc").first().and_then(|s| attr(*s, "val")), Some("center"));
}

#[test]
fn times_new_roman_in_all_four_slots_and_vietnamese() {
    let p = parts(&render_docx("bao-cao-612.json"));
    for part in ["word/styles.xml", "word/document.xml"] {
        let x = roxmltree::Document::parse(&p[part]).unwrap();
        let fonts = all(x.root(), "rFonts");
        if part == "word/styles.xml" {
            assert!(!fonts.is_empty());
        }
        for f in fonts {
            for slot in ["ascii", "hAnsi", "cs", "eastAsia"] {
                assert_eq!(attr(f, slot), Some("Times New Roman"), "{part}: rFonts {slot}");
            }
        }
    }
    assert!(!p["word/styles.xml"].contains("Theme"), "no theme fonts");
    assert!(p["word/styles.xml"].contains(r#"<w:lang w:val="vi-VN""#), "language vi-VN");
    let core = &p["docProps/core.xml"];
    assert!(core.contains("<dc:creator>Ủy ban nhân dân xã Hương Xuân</dc:creator>"), "{core}");
    assert!(core.contains("<dc:title>Báo cáo 612/BC-UBND: Kết quả thực hiện"), "{core}");
    assert!(core.contains("2020-10-05T00:00:00Z"), "dates from the document");
}

/// Sizes, weights and alignment per element, through the named styles.
#[test]
fn element_styles_follow_the_decree() {
    let p = parts(&render_docx("bao-cao-612.json"));
    let styles = roxmltree::Document::parse(&p["word/styles.xml"]).unwrap();
    let get = |id: &str| all(styles.root(), "style").into_iter().find(|s| attr(*s, "styleId") == Some(id)).unwrap_or_else(|| panic!("style {id}"));
    let sz = |id: &str| all(get(id), "sz").first().and_then(|s| attr(*s, "val")).map(|v| v.parse::<u32>().unwrap());
    let has = |id: &str, tag: &str| !all(get(id), tag).is_empty();
    for (id, half_points, bold, italic) in [
        ("VBQuocHieu", 26, true, false),
        ("VBTieuNgu", 28, true, false),
        ("VBIssuer", 26, true, false),
        ("VBNumber", 26, false, false),
        ("VBPlaceDate", 28, false, true),
        ("VBType", 28, true, false),
        ("VBSubject", 28, true, false),
        ("VBKinhGui", 28, false, false),
        ("VBBody", 28, false, false),
        ("VBNoiNhan", 24, true, true),
        ("VBNoiNhanItem", 22, false, false),
        ("VBSigning", 28, true, false),
        ("VBSignerName", 28, true, false),
    ] {
        assert_eq!(sz(id), Some(half_points), "{id} size");
        assert_eq!(has(id, "b"), bold, "{id} bold");
        assert_eq!(has(id, "i"), italic, "{id} italic");
    }
    let body = get("VBBody");
    assert_eq!(all(body, "jc").first().and_then(|n| attr(*n, "val")), Some("both"), "justified");
    assert_eq!(all(body, "ind").first().and_then(|n| attr(*n, "firstLine")), Some("720"), "1.27 cm first-line indent");
    assert_eq!(all(body, "spacing").first().and_then(|n| attr(*n, "before")), Some("120"), "6 pt between paragraphs");
    // A paragraph added after a body paragraph, a heading or a Nơi nhận item takes the right style.
    let next = |id: &str| child(get(id), "next").and_then(|n| attr(n, "val"));
    assert_eq!(next("VBBody"), Some("VBBody"));
    assert_eq!(next("VBHeading1"), Some("VBBody"));
    assert_eq!(next("VBNoiNhan"), Some("VBNoiNhanItem"));
    assert_eq!(next("VBNoiNhanItem"), Some("VBNoiNhanItem"));
    for h in ["VBHeading1", "VBHeading2", "VBHeading3", "VBList"] {
        assert_eq!(child(get(h), "basedOn").and_then(|b| attr(b, "val")), Some("VBBody"), "{h} is a body paragraph");
    }
}

#[test]
fn layout_tables_have_no_borders_and_the_signature_place_a_bookmark() {
    let p = parts(&render_docx("bao-cao-612.json"));
    let doc = roxmltree::Document::parse(&p["word/document.xml"]).unwrap();
    let tables = all(doc.root(), "tbl");
    assert_eq!(tables.len(), 2, "header and closing");
    for t in &tables {
        let tb = all(*t, "tblBorders");
        assert!(tb.iter().all(|b| b.children().filter(|c| c.is_element()).all(|c| matches!(attr(c, "val"), Some("nil") | Some("none")))), "no table borders");
        for c in all(*t, "tcBorders") {
            for side in c.children().filter(|c| c.is_element()) {
                assert_eq!(attr(side, "val"), Some("nil"), "no cell borders");
            }
        }
    }
    // Header grid: the widths both writers share (68/97 mm by default).
    let grid: Vec<_> = all(tables[0], "gridCol").into_iter().map(|g| attr(g, "w").unwrap().parse::<i32>().unwrap()).collect();
    assert_eq!(grid.iter().sum::<i32>(), 9354, "the text width, 165 mm");
    // The closing row never splits; the bookmark sits between the signing lines and the name.
    let closing = tables[1];
    assert!(!all(closing, "cantSplit").is_empty());
    let paras: Vec<_> = all(closing, "p").into_iter().map(|p| (text(p), !all(p, "bookmarkStart").is_empty())).collect();
    let b = paras.iter().position(|(_, bm)| *bm).expect("signature bookmark");
    assert_eq!(paras[b - 1].0, "CHỦ TỊCH");
    assert_eq!(paras[b + 1].0, "Nguyễn Thị Bích Ngọc");
    assert!(all(closing, "bookmarkStart").iter().any(|n| attr(*n, "name") == Some("signature")));
    // The rules are paragraph borders: the issuer's, the Tiêu ngữ's and the subject's.
    let rules = all(doc.root(), "pBdr").len();
    assert_eq!(rules, 3);
}

/// Built to be edited: one paragraph per body paragraph, item and heading, each in a named
/// style; breaks only where the input has "\n"; nothing positioned absolutely.
#[test]
fn built_to_be_edited() {
    let engine = Engine::new(Options::default()).unwrap();
    for name in ["bao-cao-612.json", "chuong-trinh-q.json", "ke-hoach-du-thao.json", "to-trinh-so-tttt.json"] {
        let input = std::fs::read(fixture(name)).unwrap();
        let model = engine.parse(&input).unwrap();
        let prepared = engine.prepare(&model, &input);
        let bytes = engine.docx(&prepared).unwrap();
        let p = parts(&bytes);
        let xml = &p["word/document.xml"];
        let doc = roxmltree::Document::parse(xml).unwrap();
        let body_paras = all(doc.root(), "p")
            .into_iter()
            .filter(|p| all(*p, "pStyle").first().and_then(|s| attr(*s, "val")).is_some_and(|v| v == "VBBody" || v == "VBList" || v.starts_with("VBHeading")))
            .count();
        let expected = prepared.body.iter().filter(|p| matches!(p.kind, "p" | "item" | "heading")).count();
        assert_eq!(body_paras, expected, "{name}: one w:p per paragraph, item and heading");
        for p in all(doc.root(), "p") {
            assert!(!all(p, "pStyle").is_empty(), "{name}: every paragraph has a named style: {:?}", text(p));
        }
        let newlines: usize = input.windows(2).filter(|w| w == b"\\n").count();
        assert!(all(doc.root(), "br").len() <= newlines, "{name}: w:br only where the input has \\n");
        for banned in ["framePr", "txbxContent", "anchor", "drawing", "pict"] {
            assert!(all(doc.root(), banned).is_empty(), "{name}: no {banned}");
        }
        assert!(all(doc.root(), "trHeight").is_empty(), "{name}: no fixed row heights");
    }
}

#[test]
fn header_row_repeats_and_same_bytes_in_one_process() {
    let engine = Engine::new(Options::default()).unwrap();
    let render = |name: &str| {
        let input = std::fs::read(fixture(name)).unwrap();
        let model = engine.parse(&input).unwrap();
        engine.docx(&engine.prepare(&model, &input)).unwrap()
    };
    let a = render("ke-hoach-du-thao.json");
    let _ = render("bao-cao-612.json");
    let b = render("ke-hoach-du-thao.json");
    assert!(a == b, "the same input gives the same bytes, whatever came before in the process");
    let p = parts(&a);
    let doc = roxmltree::Document::parse(&p["word/document.xml"]).unwrap();
    let data_table = all(doc.root(), "tbl").into_iter().find(|t| !all(*t, "tblHeader").is_empty()).expect("a table with a repeated header row");
    let first_row = all(data_table, "tr")[0];
    assert!(!all(first_row, "tblHeader").is_empty(), "the first row repeats");
    assert!(text(first_row).contains("Nhiệm vụ"));
    // Two processes too.
    assert!(render_docx("ke-hoach-du-thao.json") == a);
}

/// A row with fewer cells than the table has columns ends in empty cells in both writers: the
/// next row starts on a row of its own in the PDF (Typst would flow it into the short one),
/// and every DOCX row covers the grid.
#[test]
fn short_table_rows_end_in_empty_cells() {
    let json = std::fs::read_to_string(fixture("bao-cao-612.json")).unwrap();
    let mut d: serde_json::Value = serde_json::from_str(&json).unwrap();
    d["body"][0] = serde_json::json!({ "table": {
        "columns": [{ "title": "STT" }, { "title": "Nội dung" }, { "title": "Ghi chú" }, { "title": "Kết quả" }],
        "rows": [["1", "Ngắn"], ["2", "Đủ", "x", "y"], [{ "text": "Tổng", "colspan": 3 }]]
    } });
    let dir = tempdir("short-rows");
    std::fs::write(dir.join("in.json"), serde_json::to_vec(&d).unwrap()).unwrap();
    let out = vanban(&dir, &["render", "in.json"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let p = parts(&std::fs::read(dir.join("in.docx")).unwrap());
    let doc = roxmltree::Document::parse(&p["word/document.xml"]).unwrap();
    let table = all(doc.root(), "tbl").into_iter().find(|t| all(*t, "t").iter().any(|n| n.text() == Some("Ngắn"))).expect("the table");
    for tr in all(table, "tr") {
        let span: usize = all(tr, "tc").iter().map(|tc| all(*tc, "gridSpan").first().and_then(|g| attr(*g, "val")).map_or(1, |v| v.parse().unwrap())).sum();
        assert_eq!(span, 4, "every row covers the four columns");
    }
    let pdf = common::pdf::read(&std::fs::read(dir.join("in.pdf")).unwrap());
    let lines: Vec<&common::pdf::Line> = pdf.pages.iter().flat_map(|p| p.lines.iter()).collect();
    let short = lines.iter().find(|l| l.text.contains("Ngắn")).expect("the short row");
    let full = lines.iter().find(|l| l.text.contains("Đủ")).expect("the full row");
    assert!(!short.text.contains("Đủ") && full.y > short.y + 2.0, "the next row below the short one: {:?} / {:?}", short.text, full.text);
}
