//! Previews: PNG pages, the layout JSON against the PDF's own text, the live server.

mod common;

use common::pdf::{read, MM};
use common::*;
use common::serve::{get, start, wait_for};
use std::time::{Duration, Instant};

#[test]
fn png_pages_like_the_pdf() {
    let dir = tempdir("png");
    let out = vanban(&dir, &["preview", fixture("bao-cao-612.json").to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = read(&render_fixture("bao-cao-612.json"));
    let files = files_in(&dir);
    assert_eq!(files.len(), pdf.pages.len(), "one image per page: {files:?}");
    let png = std::fs::read(dir.join("bao-cao-612-1.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let (w, h) = (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert!((w as i64 - 1191).abs() <= 2 && (h as i64 - 1684).abs() <= 2, "A4 at 144 ppi: {w}×{h}");
    let out = vanban(&dir, &["preview", fixture("bao-cao-612.json").to_str().unwrap(), "--image", "svg", "--out-dir", "."], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&std::fs::read(dir.join("bao-cao-612-1.svg")).unwrap()).starts_with("<svg"));
}

#[test]
fn layout_boxes_agree_with_the_pdf_text() {
    let dir = tempdir("layout");
    let out = vanban(&dir, &["layout", fixture("bao-cao-612.json").to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["page_size"]["w"], 210.0);
    assert_eq!(v["page_size"]["h"], 297.0);
    let els = v["elements"].as_array().unwrap();
    let pdf = read(&render_fixture("bao-cao-612.json"));
    let get = |name: &str| els.iter().find(|e| e["element"] == name).unwrap_or_else(|| panic!("{name} in the layout"));
    for (element, text) in [
        ("quoc_hieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("tieu_ngu", "Độc lập - Tự do - Hạnh phúc"),
        ("number", "Số: 612/BC-UBND"),
        ("place_date", "Hương Xuân, ngày 05 tháng 10 năm 2020"),
        ("type", "BÁO CÁO"),
        ("signer_name", "Nguyễn Thị Bích Ngọc"),
    ] {
        let e = get(element);
        let (page, line) = pdf.line(text).unwrap_or_else(|| panic!("{text} in the PDF"));
        assert_eq!(e["page"].as_u64().unwrap() as usize, page, "{element}: page");
        let f = |k: &str| e[k].as_f64().unwrap();
        assert!((f("x") - line.x0 / MM).abs() < 0.5, "{element}: left {} vs {}", f("x"), line.x0 / MM);
        assert!((f("x") + f("w") - line.x1 / MM).abs() < 0.5, "{element}: right {} vs {}", f("x") + f("w"), line.x1 / MM);
        assert!((f("baseline") - line.y / MM).abs() < 0.5, "{element}: baseline {} vs {}", f("baseline"), line.y / MM);
    }
    // Body blocks carry their input path; one that runs over a page break gives two entries.
    let body1: Vec<_> = els.iter().filter(|e| e["path"] == "$.body[1]").collect();
    assert_eq!(body1.len(), 2, "$.body[1] runs from page 1 to page 2");
    // Signature fields with their PDF names, the same rectangles as the PDF's fields.
    let signer = els.iter().find(|e| e["name"] == "signer").expect("signer field");
    assert_eq!(signer["element"], "signature_field");
    assert!((signer["w"].as_f64().unwrap() - 60.0).abs() < 0.1);
    assert!(els.iter().any(|e| e["name"] == "agency"));
    assert_eq!(els.iter().filter(|e| e["element"] == "page_number").count(), pdf.pages.len() - 1);
}

#[test]
fn live_preview_follows_the_input() {
    let dir = tempdir("serve");
    let input = dir.join("doc.json");
    std::fs::copy(fixture("to-trinh-so-tttt.json"), &input).unwrap();
    let (_server, addr) = start(&input);
    wait_for(&addr, |v| v["version"].as_u64().unwrap_or(0) >= 1);
    let page = get(&addr, "/");
    assert!(page.contains("<html") && !page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("url(http"), "a page with no assets from the internet");
    let svg1 = get(&addr, "/page/1.svg");
    assert!(svg1.starts_with("<svg"));
    let layout1 = get(&addr, "/layout");
    // Save a change: new content within a second or so.
    let t = Instant::now();
    let changed = std::fs::read_to_string(&input).unwrap().replace("Đề nghị phê duyệt", "Đề nghị thẩm định và phê duyệt lại");
    std::fs::write(&input, changed).unwrap();
    wait_for(&addr, |v| v["version"].as_u64().unwrap_or(0) >= 2);
    assert!(t.elapsed() < Duration::from_secs(3), "updated in {:?}", t.elapsed());
    assert!(get(&addr, "/page/1.svg") != svg1 && get(&addr, "/layout") != layout1, "new pages");
    // Broken JSON: the error is shown, the server keeps the last good pages and keeps running.
    std::fs::write(&input, "{ \"type\": \"to-trinh\", ").unwrap();
    let v = wait_for(&addr, |v| v["error"].is_string());
    assert!(v["error"].as_str().unwrap().contains("line"), "{v}");
    assert_eq!(v["version"], 2, "the last good pages stay");
    assert!(get(&addr, "/page/1.svg").starts_with("<svg"));
    std::fs::copy(fixture("to-trinh-so-tttt.json"), &input).unwrap();
    wait_for(&addr, |v| v["error"].is_null() && v["version"].as_u64().unwrap_or(0) >= 3);
}
