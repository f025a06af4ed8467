//! The signable PDF: PDF/A-2b with two empty signature fields, added incrementally.

mod common;

use common::pdf::{read, MM};
use common::*;
use lopdf::Object;

struct FieldInfo {
    name: String,
    tu: String,
    page: usize,
    rect: [f64; 4],
    flags: i64,
}

fn fields(bytes: &[u8]) -> Vec<FieldInfo> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<_> = doc.get_pages().into_iter().collect();
    let acro = doc.catalog().unwrap().get(b"AcroForm").unwrap().as_dict().unwrap().clone();
    let mut out = Vec::new();
    for f in acro.get(b"Fields").unwrap().as_array().unwrap() {
        let d = doc.get_dictionary(f.as_reference().unwrap()).unwrap();
        // The text fields (signing information; a draft's number and date) are tested in sign.rs.
        if d.get(b"FT").unwrap().as_name().unwrap() == b"Tx" {
            continue;
        }
        assert_eq!(d.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
        let p = d.get(b"P").unwrap().as_reference().unwrap();
        let page = pages.iter().find(|(_, id)| *id == p).unwrap().0 as usize;
        let r: Vec<f64> = d.get(b"Rect").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap() as f64).collect();
        out.push(FieldInfo {
            name: lopdf::decode_text_string(d.get(b"T").unwrap()).unwrap(),
            tu: lopdf::decode_text_string(d.get(b"TU").unwrap()).unwrap(),
            page,
            rect: [r[0], r[1], r[2], r[3]],
            flags: d.get(b"F").unwrap().as_i64().unwrap(),
        });
        let ap = d.get(b"AP").unwrap().as_dict().unwrap();
        assert!(ap.has(b"N") && ap.len() == 1, "/AP with /N only");
    }
    out
}

#[test]
fn signer_and_agency_fields_where_the_decree_puts_them() {
    let bytes = render_fixture("bao-cao-612.json");
    let f = fields(&bytes);
    assert_eq!(f.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["signer", "agency"]);
    assert_eq!(f[0].tu, "Chữ ký số của người có thẩm quyền");
    assert_eq!(f[1].tu, "Chữ ký số của cơ quan, tổ chức");
    assert!(f.iter().all(|x| x.flags == 4), "printable");
    let pdf = read(&bytes);
    let last = pdf.pages.len();
    let (sp, signer) = (f[0].page, f[0].rect);
    assert_eq!(sp, last, "on the page of the closing block");
    let page = &pdf.pages[sp - 1];
    let h = page.height;
    // PDF rect → top-left coordinates.
    let (x0, x1, top, bottom) = (signer[0], signer[2], h - signer[3], h - signer[1]);
    let title = page.lines.iter().find(|l| l.text == "CHỦ TỊCH").unwrap();
    let name = page.lines.iter().find(|l| l.text == "Nguyễn Thị Bích Ngọc").unwrap();
    let tm = page.lines.iter().find(|l| l.text == "TM. ỦY BAN NHÂN DÂN").unwrap();
    assert!(top > title.y, "below the last signing line's baseline");
    assert!(bottom < name.y - 0.7 * name.size(), "above the name's cap line");
    let col = tm.centre();
    assert!(((x0 + x1) / 2.0 - col).abs() < 1.0, "centred on the signing column");
    assert!(((x1 - x0) - 60.0 * MM).abs() < 0.5 && ((bottom - top) - 25.0 * MM).abs() < 0.5, "60 × 25 mm from the style");
    // The seal: 36 × 36 mm, vertically centred on the signer's field, its right edge a third into it.
    let a = f[1].rect;
    assert_eq!(f[1].page, sp);
    assert!(((a[2] - a[0]) - 36.0 * MM).abs() < 0.5 && ((a[3] - a[1]) - 36.0 * MM).abs() < 0.5);
    assert!(((a[1] + a[3]) / 2.0 - (signer[1] + signer[3]) / 2.0).abs() < 0.5, "vertically centred on signer");
    assert!((a[2] - (x0 + (x1 - x0) / 3.0)).abs() < 0.5, "covers the left third of the signature");
}

#[test]
fn incremental_update_keeps_typst_bytes_and_pdfa() {
    let dir = tempdir("fields");
    let input = fixture("bao-cao-612.json");
    let out = vanban(&dir, &["render", input.to_str().unwrap(), "-o", "with.pdf"], None);
    assert!(out.status.success());
    let out = vanban(&dir, &["render", input.to_str().unwrap(), "-o", "plain.pdf", "--no-signature-fields"], None);
    assert!(out.status.success());
    let with = std::fs::read(dir.join("with.pdf")).unwrap();
    let plain = std::fs::read(dir.join("plain.pdf")).unwrap();
    assert!(with.len() > plain.len() && with.starts_with(&plain), "the fields are an update appended to Typst's bytes");
    assert!(String::from_utf8_lossy(&with[plain.len()..]).contains("/Prev"));
    let doc = lopdf::Document::load_mem(&plain).unwrap();
    assert!(doc.catalog().unwrap().get(b"AcroForm").is_err(), "--no-signature-fields: no AcroForm");
    for (what, bytes) in [("with fields", &with), ("plain", &plain)] {
        let p = common::pdfa::problems(bytes, "2");
        assert!(p.is_empty(), "{what}: {p:?}");
    }
    // Deterministic, fields included.
    let out = vanban(&dir, &["render", input.to_str().unwrap(), "-o", "again.pdf"], None);
    assert!(out.status.success());
    assert!(std::fs::read(dir.join("again.pdf")).unwrap() == with);
}

#[test]
fn pdf_standards() {
    let dir = tempdir("standards");
    let input = fixture("bao-cao-612.json");
    for (std, part) in [("a-2b", Some("2")), ("a-2u", Some("2")), ("a-3b", Some("3")), ("a-1b", Some("1")), ("none", None)] {
        let name = format!("{std}.pdf");
        let out = vanban(&dir, &["render", input.to_str().unwrap(), "-o", &name, "--pdf-standard", std], None);
        assert!(out.status.success(), "{std}: {}", String::from_utf8_lossy(&out.stderr));
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        if let Some(part) = part {
            let p = common::pdfa::problems(&bytes, part);
            assert!(p.is_empty(), "{std}: {p:?}");
        } else {
            assert!(!String::from_utf8_lossy(&bytes).contains("pdfaid:part"));
            assert!(!common::pdfa::problems(&bytes, "2").is_empty(), "the PDF/A check can fail");
        }
        let _ = Object::Null;
    }
    let out = vanban(&dir, &["render", input.to_str().unwrap(), "--pdf-standard", "a-9"], None);
    assert_eq!(out.status.code(), Some(2), "an unknown standard is a usage error");
}
