//! The render command: outputs, standard input and output, exit codes, no partial files.

mod common;

use common::pdf::{read, MM};
use common::*;

const MINIMAL: &str = r#"{
  "type": "thong-bao",
  "issuer": { "name": "Ủy ban nhân dân xã A", "code": "UBND" },
  "number": 9, "place": "A", "date": "2026-03-04",
  "subject": "Lịch tiếp công dân",
  "body": ["Nội dung thông báo./."],
  "signer": { "title": "Chủ tịch", "name": "Nguyễn Văn A" },
  "distribution": ["Lưu: VT"]
}"#;

#[test]
fn writes_stem_pdf_in_the_current_folder_and_out_dir() {
    let dir = tempdir("stem");
    std::fs::write(dir.join("tb.json"), MINIMAL).unwrap();
    let out = vanban(&dir, &["render", "tb.json"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(files_in(&dir).contains(&"tb.pdf".to_string()) && files_in(&dir).contains(&"tb.docx".to_string()), "pdf and docx by default");
    // Missing folders are made, for --out-dir and for the folder of -o.
    let out = vanban(&dir, &["render", "tb.json", "--out-dir", "sub"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files_in(&dir.join("sub")), ["tb.docx", "tb.pdf"]);
    let out = vanban(&dir, &["render", "tb.json", "--to", "docx", "--out-dir", "a/b/c"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files_in(&dir.join("a/b/c")), ["tb.docx"]);
    let out = vanban(&dir, &["render", "tb.json", "-o", "d/e/x.pdf"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files_in(&dir.join("d/e")), ["x.pdf"]);
    // A place that cannot be made (under a file) is an I/O error naming it; nothing is left.
    let out = vanban(&dir, &["render", "tb.json", "--out-dir", "tb.json/sub"], None);
    assert_eq!(out.status.code(), Some(1), "an unwritable --out-dir is an I/O error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tb.json/sub"), "{err}");
    assert_eq!(files_in(&dir), ["a", "d", "sub", "tb.docx", "tb.json", "tb.pdf"]);
}

#[test]
fn batch_and_preview_make_their_out_dir() {
    let dir = tempdir("outdirs");
    std::fs::write(dir.join("tb.json"), MINIMAL).unwrap();
    let out = vanban(&dir, &["batch", "tb.json", "--out-dir", "new/batch"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files_in(&dir.join("new/batch")).len(), 2, "PDF and DOCX written");
    let out = vanban(&dir, &["preview", "tb.json", "--out-dir", "new/preview"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files_in(&dir.join("new/preview")), ["tb-1.png"]);
}

#[test]
fn stdin_to_stdout() {
    let dir = tempdir("stdio");
    let out = vanban(&dir, &["render", "-", "-o", "-"], Some(MINIMAL.as_bytes()));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.starts_with(b"%PDF-"));
    let pdf = read(&out.stdout);
    assert!(pdf.line("THÔNG BÁO").is_some());
    assert!(files_in(&dir).is_empty(), "nothing written to disk");
    // Without -o, standard input is named stdin.pdf.
    let out = vanban(&dir, &["render", "-"], Some(MINIMAL.as_bytes()));
    assert!(out.status.success());
    assert_eq!(files_in(&dir), ["stdin.docx", "stdin.pdf"]);
    // -o - with --to docx writes the DOCX to standard output.
    let out = vanban(&dir, &["render", "-", "-o", "-", "--to", "docx"], Some(MINIMAL.as_bytes()));
    assert!(out.status.success() && out.stdout.starts_with(b"PK"));
}

#[test]
fn bad_input_exit_2_with_place_and_no_file() {
    let dir = tempdir("bad");
    let cases: &[(&str, &str)] = &[
        ("{\n  \"type\": \"bao-cao\",\n  \"issuer\": {\n", "line"),
        (&MINIMAL.replace("\"subject\"", "\"subjct\""), "subjct"),
        (&MINIMAL.replace("\"thong-bao\"", "\"thong_bao\""), "$.type"),
        (&MINIMAL.replace("\"number\": 9", "\"number\": \"9\""), "$.number"),
        (&MINIMAL.replace("\"number\": 9", "\"number\": 0"), "$.number"),
        (&MINIMAL.replace("2026-03-04", "2026-02-30"), "$.date"),
        (&MINIMAL.replace("\"Nội dung thông báo./.\"", "{\"list\": [\"a\", {\"txt\": \"b\"}]}"), "$.body[0].list[1]"),
        (&MINIMAL.replace("\"place\": \"A\",", "\"place\": \"A\", \"place\": \"B\","), "twice"),
        (&MINIMAL.replace("\"distribution\"", "\"style\": {\"body_size\": 16}, \"distribution\""), "$.style.body_size"),
        (&MINIMAL.replace("\"distribution\"", "\"style\": {\"margins\": {\"left\": \"20mm\"}}, \"distribution\""), "$.style.margins.left"),
    ];
    for (k, (json, place)) in cases.iter().enumerate() {
        let name = format!("bad{k}.json");
        std::fs::write(dir.join(&name), json).unwrap();
        let out = vanban(&dir, &["render", &name], None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "case {k}: {err}");
        assert!(err.contains(place), "case {k}: the message names {place:?}: {err}");
        assert!(!err.contains("panicked"), "case {k}: {err}");
    }
    let left: Vec<_> = files_in(&dir).into_iter().filter(|f| !f.ends_with(".json")).collect();
    assert!(left.is_empty(), "no output for bad input: {left:?}");
}

#[test]
fn one_bad_input_among_several_others_still_written() {
    let dir = tempdir("several");
    std::fs::write(dir.join("good.json"), MINIMAL).unwrap();
    std::fs::write(dir.join("bad.json"), "{").unwrap();
    let out = vanban(&dir, &["render", "bad.json", "good.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json"));
    assert_eq!(files_in(&dir), ["bad.json", "good.docx", "good.json", "good.pdf"]);
}

#[test]
fn usage_errors_and_io_errors() {
    let dir = tempdir("usage");
    std::fs::write(dir.join("a.json"), MINIMAL).unwrap();
    let out = vanban(&dir, &["render", "a.json", "-o", "a.txt"], None);
    assert_eq!(out.status.code(), Some(2), "an unknown output extension is a usage error");
    let out = vanban(&dir, &["render", "missing.json"], None);
    assert_eq!(out.status.code(), Some(1), "a missing input is an I/O error");
    assert_eq!(files_in(&dir), ["a.json"]);
}

#[test]
fn undated_draft_leaves_blanks_and_long_place_widens_the_column() {
    let pdf = read(&render_fixture("ke-hoach-du-thao.json"));
    let t = pdf.text();
    assert!(t.contains("Hương Xuân, ngày"), "{t}");
    let date = pdf.pages[0].lines.iter().find(|l| l.text.starts_with("Hương Xuân, ngày")).unwrap();
    assert!(date.text.ends_with("năm 2026") && date.text.contains("tháng"), "blank day and month: {}", date.text);
    let so = pdf.pages[0].lines.iter().find(|l| l.text.starts_with("Số:")).unwrap();
    assert!(so.text.ends_with("/KH-UBND") && !so.text.chars().any(|c| c.is_ascii_digit()), "blank number: {}", so.text);

    let pdf = read(&render_fixture("thong-bao-hcm.json"));
    let (_, date) = pdf.line("Thành phố Hồ Chí Minh, ngày 09 tháng 11 năm 2026").expect("the place-date line on one line");
    let (_, qh) = pdf.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").unwrap();
    assert!(date.x0 >= 30.0 * MM && date.x1 <= 195.0 * MM + 1.0);
    assert!((date.centre() - qh.centre()).abs() < 1.0, "same right column");
}

#[test]
fn style_13pt_1cm_and_single_recipient() {
    let pdf = read(&render_fixture("to-trinh-so-tttt.json"));
    let kg = pdf.line("Kính gửi: Ủy ban nhân dân tỉnh Thừa Thiên Huế.").expect("one recipient on the Kính gửi line");
    assert!((kg.1.size() - 13.0).abs() < 0.1);
    let body = pdf.pages[0].lines.iter().find(|l| l.text.starts_with("Căn cứ Nghị định số 42/2022")).unwrap();
    assert!((body.size() - 13.0).abs() < 0.1);
    assert!((body.x0 - (30.0 + 10.0) * MM).abs() < 0.5 * MM, "1 cm first-line indent: {}", body.x0 / MM);
    // The parent's forced break: two lines.
    assert!(pdf.line("ỦY BAN NHÂN DÂN").is_some() && pdf.line("TỈNH THỪA THIÊN HUẾ").is_some());
    // KT. signer.
    assert!(pdf.line("KT. GIÁM ĐỐC").is_some() && pdf.line("PHÓ GIÁM ĐỐC").is_some());
}
