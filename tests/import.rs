//! `vanban import`: Word in, the model out. The round trip through vanban's own DOCX gives
//! back the same page; a document typed the way offices type them (tab-aligned header, typed
//! numbering, a closing table, tracked changes, a footnote) lands in the right fields with
//! every word kept or warned about; broken and hostile packages are refused with exit 2.

mod common;

use common::*;
use common::word::*;
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// Every fixture, one JSON per form.
fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixture("."))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 17, "the fixtures are there: {names:?}");
    names
}

/// Every line of every page: text and position (to a tenth of a point).
fn page_lines(pdf: &[u8]) -> Vec<Vec<(String, i64, i64)>> {
    common::pdf::read(pdf).pages.iter().map(|p| p.lines.iter().map(|l| (l.text.clone(), (l.x0 * 10.0).round() as i64, (l.y * 10.0).round() as i64)).collect()).collect()
}

/// The same lines, in order, at the same places: to 0.2 pt, as column widths come back
/// through the DOCX's twips (1/20 pt each, rounded per column).
fn same_page(a: &[(String, i64, i64)], b: &[(String, i64, i64)], name: &str) {
    let texts = |p: &[(String, i64, i64)]| p.iter().map(|l| l.0.clone()).collect::<Vec<_>>();
    assert_eq!(texts(a), texts(b), "{name}: the page from the imported document has the same lines");
    for (x, y) in a.iter().zip(b) {
        assert!((x.1 - y.1).abs() <= 2 && (x.2 - y.2).abs() <= 2, "{name}: {:?} moved to {:?}", x, y);
    }
}

/// PDFs are rendered without signature fields, so that an electronic copy's ô 14 is text
/// on the page and is compared too.
#[test]
fn round_trip_through_vanbans_docx() {
    let d = tempdir("import-rt");
    for name in fixtures() {
        let name = name.as_str();
        let json = fixture(&format!("{name}.json"));
        let o = vanban(&d, &["render", json.to_str().unwrap(), "--no-signature-fields", "--to", "pdf,docx", "--out-dir", "."], None);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let o = vanban(&d, &["import", &format!("{name}.docx"), "-o", &format!("{name}.imported.json")], None);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let o = vanban(&d, &["render", &format!("{name}.imported.json"), "--no-signature-fields", "--to", "pdf", "-o", &format!("{name}.imported.pdf")], None);
        assert!(o.status.success(), "{name}: the imported document renders: {}", String::from_utf8_lossy(&o.stderr));
        let a = page_lines(&std::fs::read(d.join(format!("{name}.pdf"))).unwrap());
        let b = page_lines(&std::fs::read(d.join(format!("{name}.imported.pdf"))).unwrap());
        assert_eq!(a.len(), b.len(), "{name}: pages");
        for (pa, pb) in a.iter().zip(&b) {
            same_page(pa, pb, name);
        }
        // And render takes the .docx itself.
        let o = vanban(&d, &["render", &format!("{name}.docx"), "--no-signature-fields", "--to", "pdf", "-o", &format!("{name}.direct.pdf")], None);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        for (pa, pb) in a.iter().zip(&page_lines(&std::fs::read(d.join(format!("{name}.direct.pdf"))).unwrap())) {
            same_page(pa, pb, &format!("{name} (render of the .docx)"));
        }
    }
}

/// Word files made by LibreOffice: each fixture's DOCX opened and saved again by
/// LibreOffice (its own styles, numbering and table XML) imports to the same page, and the
/// imported documents validate against the JSON Schema.
#[test]
fn round_trip_through_libreoffices_docx() {
    if !common::signing::external() {
        eprintln!("VANBAN_EXTERNAL is not 1: the LibreOffice round trip is not run");
        return;
    }
    let soffice = common::signing::tool("soffice");
    let d = tempdir("import-lo");
    let names = fixtures();
    for name in &names {
        let json = fixture(&format!("{name}.json"));
        let o = vanban(&d, &["render", json.to_str().unwrap(), "--no-signature-fields", "--to", "pdf,docx", "--out-dir", "."], None);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let o = std::process::Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", d.join("lo-profile").display()))
        .args(["--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(d.join("lo"))
        .args(names.iter().map(|n| d.join(format!("{n}.docx"))))
        .output()
        .unwrap();
    assert!(o.status.success(), "soffice: {}", String::from_utf8_lossy(&o.stderr));
    for name in &names {
        let saved = format!("lo/{name}.docx");
        assert!(d.join(&saved).exists(), "LibreOffice saved no {saved}");
        let o = vanban(&d, &["render", &saved, "--no-signature-fields", "--to", "pdf", "-o", &format!("{name}.lo.pdf")], None);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let a = page_lines(&std::fs::read(d.join(format!("{name}.pdf"))).unwrap());
        let b = page_lines(&std::fs::read(d.join(format!("{name}.lo.pdf"))).unwrap());
        assert_eq!(a.len(), b.len(), "{name}: pages");
        for (pa, pb) in a.iter().zip(&b) {
            same_page(pa, pb, &format!("{name} (saved by LibreOffice)"));
        }
        std::fs::create_dir_all(d.join("imported")).unwrap();
        let o = vanban(&d, &["import", &saved, "-o", &format!("imported/{name}.json")], None);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
    }
    // The imported documents validate against the committed JSON Schema (python-jsonschema).
    assert_eq!(validate_against_schema(&d.join("imported")), names.len());
}

/// A report typed as an office types it: the header as tab-aligned paragraphs, typed
/// numbering, a dash list, a tracked change, a footnote, and the closing as a table.
fn office_report() -> Vec<u8> {
    let mut body = String::new();
    body += &para("UBND TỈNH THÁI NGUYÊN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", false, None);
    body += &para("SỞ NỘI VỤ\tĐộc lập - Tự do - Hạnh phúc", true, None);
    body += &para("Số: 215/BC-SNV\tThái Nguyên, ngày 09 tháng 3 năm 2026", false, None);
    body += &para("", false, None);
    body += &para("BÁO CÁO", true, Some("center"));
    body += &para("Kết quả cải cách hành chính quý I năm 2026", true, Some("center"));
    body += &para("______", false, Some("center"));
    body += &para("Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên.", false, Some("center"));
    body += &para("Thực hiện Kế hoạch số 12/KH-UBND, Sở Nội vụ báo cáo như sau:", false, None);
    body += &para("I. KẾT QUẢ ĐẠT ĐƯỢC", true, None);
    body += &para("1. Cải cách thể chế", true, None);
    body += &para("- Rà soát 25 văn bản quy phạm pháp luật;", false, None);
    body += &para("- Bãi bỏ 3 văn bản không còn phù hợp.", false, None);
    // A tracked change: the insertion is kept, the deletion dropped with a warning.
    body += &format!("<w:p><w:r><w:t xml:space=\"preserve\">Tỷ lệ hồ sơ đúng hạn đạt </w:t></w:r><w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t>98%</w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>95%</w:delText></w:r></w:del><w:r><w:t xml:space=\"preserve\">.</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>1</w:t></w:r></w:p>");
    body += &para("III. PHƯƠNG HƯỚNG", true, None);
    body += &para("Tiếp tục đẩy mạnh cải cách hành chính./.", false, None);
    let left = [para("Nơi nhận:", true, None), para("- Như trên;", false, None), para("- Lưu: VT, CCHC.", false, None)];
    let right = [para("KT. GIÁM ĐỐC", true, Some("center")), para("PHÓ GIÁM ĐỐC", true, Some("center")), para("", false, None), para("Lê Thị Hoa", true, Some("center"))];
    body += &two_cells((4500, 4500), &left, &right);
    body += &para("D:\\VanBan\\2026\\bao-cao-quy-1.docx", false, None);
    let doc = document_xml(&body);
    docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &doc)])
}

fn import(d: &Path, file: &str) -> (std::process::Output, Option<Value>) {
    let o = vanban(d, &["import", file, "--message-format", "json"], None);
    let v = serde_json::from_slice(&o.stdout).ok();
    (o, v)
}

/// A document.xml body made into a .docx, imported in a fresh folder: the command's output,
/// the JSON (the import must succeed) and the folder.
fn import_body(tag: &str, body: &str) -> (std::process::Output, Value, std::path::PathBuf) {
    use common::word::{document_xml, docx, TYPES};
    let file = docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &document_xml(body))]);
    let d = tempdir(tag);
    std::fs::write(d.join("in.docx"), file).unwrap();
    let (o, v) = import(&d, "in.docx");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (o, v.expect("the import's JSON"), d)
}

/// The imported JSON renders (exit 0); the PDF's text.
fn renders(d: &Path, v: &Value) -> String {
    std::fs::write(d.join("out.json"), serde_json::to_vec(v).unwrap()).unwrap();
    let o = vanban(d, &["render", "out.json", "-o", "out.pdf"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    common::pdf::read(&std::fs::read(d.join("out.pdf")).unwrap()).text()
}

#[test]
fn an_office_report_lands_in_the_right_fields() {
    let d = tempdir("import-office");
    std::fs::write(d.join("bao-cao.docx"), office_report()).unwrap();
    let o = vanban(&d, &["import", "bao-cao.docx", "-o", "bao-cao.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let warnings = String::from_utf8_lossy(&o.stderr).into_owned();
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("bao-cao.json")).unwrap()).unwrap();
    assert_eq!(v["type"], "bao-cao");
    assert_eq!(v["issuer"]["parent"], "UBND tỉnh Thái Nguyên");
    assert_eq!(v["issuer"]["name"], "Sở Nội vụ");
    assert_eq!(v["issuer"]["code"], "SNV");
    assert_eq!(v["number"], 215);
    assert_eq!(v["place"], "Thái Nguyên");
    assert_eq!(v["date"], "2026-03-09");
    assert_eq!(v["subject"], "Kết quả cải cách hành chính quý I năm 2026");
    assert_eq!(v["recipients"], serde_json::json!(["Ủy ban nhân dân tỉnh Thái Nguyên"]));
    let body = v["body"].as_array().unwrap();
    assert_eq!(body[0], "Thực hiện Kế hoạch số 12/KH-UBND, Sở Nội vụ báo cáo như sau:");
    assert_eq!(body[1]["section"], "KẾT QUẢ ĐẠT ĐƯỢC");
    let sub = &body[1]["body"][0];
    assert_eq!(sub["section"], "Cải cách thể chế");
    assert_eq!(sub["body"][0]["list"], serde_json::json!(["Rà soát 25 văn bản quy phạm pháp luật;", "Bãi bỏ 3 văn bản không còn phù hợp."]));
    assert_eq!(sub["body"][1], "Tỷ lệ hồ sơ đúng hạn đạt 98%.", "the insertion kept, the deletion and the footnote marker dropped");
    // "III." where the decree would give "II.": the source's label is kept as `number`.
    assert_eq!(body[2]["section"], "PHƯƠNG HƯỚNG");
    assert_eq!(body[2]["number"], "III.");
    assert_eq!(v["signer"]["for"], "Giám đốc");
    assert_eq!(v["signer"]["title"], "Phó Giám đốc");
    assert_eq!(v["signer"]["name"], "Lê Thị Hoa");
    assert_eq!(v["distribution"], serde_json::json!(["Như trên", "Lưu: VT, CCHC"]));
    for said in ["95%", "footnote", "D:\\\\VanBan\\\\2026\\\\bao-cao-quy-1.docx"] {
        assert!(warnings.contains(said) || warnings.contains(&said.replace("\\\\", "\\")), "a warning names {said}: {warnings}");
    }
    // The document validates and renders; check gives the lint.
    let o = vanban(&d, &["check", "bao-cao.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = vanban(&d, &["render", "bao-cao.docx", "--out-dir", "out"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(d.join("out/bao-cao.pdf").exists() && d.join("out/bao-cao.docx").exists());
    // --message-format json: one object per diagnostic, as elsewhere.
    let o = vanban(&d, &["import", "bao-cao.docx", "-o", "x.json", "--message-format", "json"], None);
    let err = String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout);
    assert!(err.lines().any(|l| serde_json::from_str::<Value>(l).is_ok_and(|v| v.to_string().contains("import-deleted"))), "{err}");
}

/// A decision typed in Word: the header as a borderless table, "Điều N." bold with its text
/// running on, the steps as Word's own numbering set by a list style, the closing a table.
fn office_decision() -> Vec<u8> {
    let left = [para("UBND TỈNH QUẢNG TRỊ", false, Some("center")), para("SỞ TÀI CHÍNH", true, Some("center")), para("Số: 125/QĐ-STC", false, Some("center"))];
    let right = [para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center")), para("Quảng Trị, ngày 14 tháng 11 năm 2026", false, Some("center"))];
    let mut body = two_cells((3600, 5800), &left, &right);
    body += &para("QUYẾT ĐỊNH", true, Some("center"));
    body += &para("Về việc phê duyệt dự toán kinh phí chuyển đổi số năm 2027", true, Some("center"));
    body += &para("GIÁM ĐỐC SỞ TÀI CHÍNH TỈNH QUẢNG TRỊ", true, Some("center"));
    body += &para("Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;", false, None);
    body += &para("Theo đề nghị của Trưởng phòng Quản lý ngân sách.", false, None);
    body += &para("QUYẾT ĐỊNH:", true, Some("center"));
    let article = |n: u32, text: &str| format!("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Điều {n}. </w:t></w:r><w:r><w:t>{text}</w:t></w:r></w:p>");
    body += &article(1, "Phê duyệt dự toán kinh phí chuyển đổi số năm 2027 như sau:");
    for step in ["Cấp tỉnh: 1.450.000.000 đồng;", "Cấp xã: 1.000.000.000 đồng."] {
        body += &format!("<w:p><w:pPr><w:pStyle w:val=\"ListNumber\"/></w:pPr><w:r><w:t>{step}</w:t></w:r></w:p>");
    }
    body += &article(2, "Quyết định này có hiệu lực kể từ ngày ký./.");
    let l = [para("Nơi nhận:", true, None), para("- Như Điều 2;", false, None), para("- Lưu: VT, QLNS.", false, None)];
    let r = [para("KT. GIÁM ĐỐC", true, Some("center")), para("PHÓ GIÁM ĐỐC", true, Some("center")), para("", false, None), para("Trần Văn Minh", true, Some("center"))];
    body += &two_cells((4500, 4500), &l, &r);
    let doc = document_xml(&body);
    let styles = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\"><w:style w:type=\"paragraph\" w:styleId=\"ListNumber\"><w:name w:val=\"List Number\"/><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style></w:styles>");
    let numbering = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"{W}\"><w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>");
    docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &doc), ("word/styles.xml", &styles), ("word/numbering.xml", &numbering)])
}

#[test]
fn an_office_decision_lands_in_the_right_fields() {
    let d = tempdir("import-decision");
    std::fs::write(d.join("qd.docx"), office_decision()).unwrap();
    let o = vanban(&d, &["import", "qd.docx", "-o", "qd.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("qd.json")).unwrap()).unwrap();
    assert_eq!(v["type"], "quyet-dinh");
    assert_eq!(v["issuer"], serde_json::json!({ "parent": "UBND tỉnh Quảng Trị", "name": "Sở Tài chính", "code": "STC" }));
    assert_eq!(v["number"], 125);
    assert_eq!((v["place"].as_str(), v["date"].as_str()), (Some("Quảng Trị"), Some("2026-11-14")));
    assert_eq!(v["subject"], "Về việc phê duyệt dự toán kinh phí chuyển đổi số năm 2027");
    assert_eq!(v["authority"], "Giám đốc Sở Tài chính tỉnh Quảng Trị");
    assert_eq!(v["bases"], serde_json::json!(["Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015"]));
    assert_eq!(v["proposal"], "Theo đề nghị của Trưởng phòng Quản lý ngân sách");
    let body = v["body"].as_array().unwrap();
    assert_eq!(body.len(), 2, "two articles: {body:?}");
    // Điều 1.'s text runs on after its label; the style's numbering is a "1." list.
    assert_eq!(body[0]["article"], "");
    assert_eq!(body[0]["body"][0], "Phê duyệt dự toán kinh phí chuyển đổi số năm 2027 như sau:");
    assert_eq!(body[0]["body"][1], serde_json::json!({ "list": ["Cấp tỉnh: 1.450.000.000 đồng;", "Cấp xã: 1.000.000.000 đồng."], "marker": "1." }));
    assert_eq!(v["signer"], serde_json::json!({ "for": "Giám đốc", "title": "Phó Giám đốc", "name": "Trần Văn Minh" }));
    assert_eq!(v["distribution"], serde_json::json!(["Như Điều 2", "Lưu: VT, QLNS"]));
    // It validates and renders; the page has the decree's lines.
    let o = vanban(&d, &["render", "qd.json", "--no-signature-fields", "--to", "pdf", "-o", "qd.pdf"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text: Vec<String> = common::pdf::read(&std::fs::read(d.join("qd.pdf")).unwrap()).pages[0].lines.iter().map(|l| l.text.clone()).collect();
    for want in ["SỞ TÀI CHÍNH", "Số: 125/QĐ-STC", "QUYẾT ĐỊNH:", "GIÁM ĐỐC SỞ TÀI CHÍNH TỈNH QUẢNG TRỊ", "1. Cấp tỉnh: 1.450.000.000 đồng;", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Minh"] {
        assert!(text.iter().any(|l| l == want), "{want:?} in {text:?}");
    }
}

/// A notice typed the older way: a table for the agency and the national title only, the
/// number and date as one tab-aligned line under it, the signing lines as centred paragraphs
/// and Nơi nhận below them.
#[test]
fn a_notice_with_its_number_under_the_header_table_and_the_signer_above_noi_nhan() {
    let left = [para("ỦY BAN NHÂN DÂN", true, Some("center")), para("PHƯỜNG HÒA CƯỜNG", true, Some("center"))];
    let right = [para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center"))];
    let mut body = two_cells((3600, 5800), &left, &right);
    body += &para("Số: 45/TB-UBND\tHòa Cường, ngày 02 tháng 12 năm 2026", false, None);
    body += &para("", false, None);
    body += &para("THÔNG BÁO", true, Some("center"));
    body += &para("Lịch tiếp công dân tháng 12 năm 2026", true, Some("center"));
    body += &para("Ủy ban nhân dân phường thông báo lịch tiếp công dân tháng 12 năm 2026./.", false, None);
    for l in ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Nguyễn Văn Hùng"] {
        body += &para(l, true, Some("center"));
    }
    body += &para("Nơi nhận:", true, None);
    // An item typed without its dash.
    body += &para("Niêm yết tại trụ sở;", false, None);
    body += &para("- Lưu: VT.", false, None);
    let doc = document_xml(&body);
    let d = tempdir("import-notice");
    std::fs::write(d.join("tb.docx"), docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &doc)])).unwrap();
    let o = vanban(&d, &["import", "tb.docx", "-o", "tb.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("import-placeholder"), "nothing is missing: {}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("tb.json")).unwrap()).unwrap();
    assert_eq!(v["type"], "thong-bao");
    assert_eq!(v["issuer"], serde_json::json!({ "name": "Ủy ban nhân dân\nphường Hòa Cường", "code": "UBND" }));
    assert_eq!((v["number"].as_u64(), v["place"].as_str(), v["date"].as_str()), (Some(45), Some("Hòa Cường"), Some("2026-12-02")));
    assert_eq!(v["body"], serde_json::json!(["Ủy ban nhân dân phường thông báo lịch tiếp công dân tháng 12 năm 2026./."]));
    assert_eq!(v["signer"], serde_json::json!({ "on_behalf_of": "Ủy ban nhân dân", "for": "Chủ tịch", "title": "Phó Chủ tịch", "name": "Nguyễn Văn Hùng" }));
    assert_eq!(v["distribution"], serde_json::json!(["Niêm yết tại trụ sở", "Lưu: VT"]));
}

/// Headings Word numbers itself (I., 1. in a multilevel list) are sections; the decree
/// numbers them again, so no `number` is written.
#[test]
fn headings_numbered_by_word_are_sections() {
    let mut body = String::new();
    body += &para("UBND TỈNH GIA LAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", false, None);
    body += &para("SỞ NỘI VỤ\tĐộc lập - Tự do - Hạnh phúc", true, None);
    body += &para("Số: 77/BC-SNV\tGia Lai, ngày 01 tháng 12 năm 2026", false, None);
    body += &para("BÁO CÁO", true, Some("center"));
    body += &para("Kết quả công tác năm 2026", true, Some("center"));
    let heading = |text: &str, lvl: u32| format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"5\"/></w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>");
    body += &heading("KẾT QUẢ ĐẠT ĐƯỢC", 0);
    body += &heading("Công tác tổ chức bộ máy", 1);
    body += &para("Hoàn thành sắp xếp tổ chức bộ máy.", false, None);
    body += &heading("Công tác cán bộ", 1);
    body += &para("Tuyển dụng 45 công chức cấp xã.", false, None);
    body += &heading("PHƯƠNG HƯỚNG NĂM 2027", 0);
    body += &para("Tiếp tục nâng cao chất lượng đội ngũ./.", false, None);
    let l = [para("Nơi nhận:", true, None), para("- Lưu: VT.", false, None)];
    let r = [para("GIÁM ĐỐC", true, Some("center")), para("", false, None), para("Lê Văn Tám", true, Some("center"))];
    body += &two_cells((4500, 4500), &l, &r);
    let doc = document_xml(&body);
    let numbering = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"{W}\"><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl></w:abstractNum><w:num w:numId=\"5\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>");
    let d = tempdir("import-word-headings");
    std::fs::write(d.join("bc.docx"), docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &doc), ("word/numbering.xml", &numbering)])).unwrap();
    let o = vanban(&d, &["import", "bc.docx", "-o", "bc.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("bc.json")).unwrap()).unwrap();
    assert_eq!(
        v["body"],
        serde_json::json!([
            { "section": "KẾT QUẢ ĐẠT ĐƯỢC", "body": [
                { "section": "Công tác tổ chức bộ máy", "body": ["Hoàn thành sắp xếp tổ chức bộ máy."] },
                { "section": "Công tác cán bộ", "body": ["Tuyển dụng 45 công chức cấp xã."] }
            ] },
            { "section": "PHƯƠNG HƯỚNG NĂM 2027", "body": ["Tiếp tục nâng cao chất lượng đội ngũ./."] }
        ])
    );
    let o = vanban(&d, &["render", "bc.json", "--no-signature-fields", "--to", "pdf", "-o", "bc.pdf"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text: Vec<String> = common::pdf::read(&std::fs::read(d.join("bc.pdf")).unwrap()).pages[0].lines.iter().map(|l| l.text.clone()).collect();
    for want in ["I. KẾT QUẢ ĐẠT ĐƯỢC", "1. Công tác tổ chức bộ máy", "2. Công tác cán bộ", "II. PHƯƠNG HƯỚNG NĂM 2027"] {
        assert!(text.iter().any(|l| l == want), "{want:?} in {text:?}");
    }
}

/// Kính gửi typed as a two-cell table: the label, and the recipients as a dash list.
#[test]
fn kinh_gui_as_a_table() {
    let mut body = String::new();
    body += &para("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, None);
    body += &para("XÃ TÂN LẬP\tĐộc lập - Tự do - Hạnh phúc", true, None);
    body += &para("Số: 318/UBND-VP\tTân Lập, ngày 20 tháng 10 năm 2026", false, None);
    body += &para("V/v thu thập dữ liệu dân cư", false, None);
    let label = [para("Kính gửi:", false, Some("right"))];
    let list = [para("- Công an xã Tân Lập;", false, None), para("- Các thôn trên địa bàn xã.", false, None)];
    body += &two_cells((2500, 6500), &label, &list);
    body += &para("Ủy ban nhân dân xã đề nghị các đơn vị rà soát thông tin dân cư./.", false, None);
    let l = [para("Nơi nhận:", true, None), para("- Như trên;", false, None), para("- Lưu: VT.", false, None)];
    let r = [para("TM. ỦY BAN NHÂN DÂN", true, Some("center")), para("CHỦ TỊCH", true, Some("center")), para("", false, None), para("Hoàng Thị Lan", true, Some("center"))];
    body += &two_cells((4500, 4500), &l, &r);
    let doc = document_xml(&body);
    let d = tempdir("import-kinh-gui");
    std::fs::write(d.join("cv.docx"), docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &doc)])).unwrap();
    let o = vanban(&d, &["import", "cv.docx", "-o", "cv.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("cv.json")).unwrap()).unwrap();
    assert_eq!(v["type"], "cong-van");
    assert_eq!(v["subject"], "thu thập dữ liệu dân cư");
    assert_eq!(v["issuer"], serde_json::json!({ "name": "Ủy ban nhân dân\nxã Tân Lập", "code": "UBND" }));
    assert_eq!(v["unit"], "VP");
    assert_eq!(v["recipients"], serde_json::json!(["Công an xã Tân Lập", "Các thôn trên địa bàn xã"]));
    assert_eq!(v["body"], serde_json::json!(["Ủy ban nhân dân xã đề nghị các đơn vị rà soát thông tin dân cư./."]));
    assert_eq!(v["signer"], serde_json::json!({ "on_behalf_of": "Ủy ban nhân dân", "title": "Chủ tịch", "name": "Hoàng Thị Lan" }));
}

/// The header and the closing typed in text boxes (VML shapes, as older Word and WPS write
/// them): the agency's box and the national title's; Nơi nhận's box and the signer's.
#[test]
fn header_and_closing_in_text_boxes() {
    let boxes = |a: &[String], b: &[String]| {
        let tb = |ps: &[String]| format!("<w:r><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>", ps.concat());
        format!("<w:p>{}{}</w:p>", tb(a), tb(b))
    };
    let mut body = boxes(
        &[para("UBND TỈNH LÂM ĐỒNG", false, Some("center")), para("SỞ Y TẾ", true, Some("center")), para("Số: 210/KH-SYT", false, Some("center"))],
        &[para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center")), para("Lâm Đồng, ngày 10 tháng 11 năm 2026", false, Some("center"))],
    );
    body += &para("KẾ HOẠCH", true, Some("center"));
    body += &para("Tiêm chủng mở rộng năm 2027", true, Some("center"));
    body += &para("Sở Y tế xây dựng kế hoạch tiêm chủng mở rộng năm 2027 như sau./.", false, None);
    body += &boxes(
        &[para("Nơi nhận:", true, None), para("- UBND tỉnh;", false, None), para("- Lưu: VT, NVY.", false, None)],
        &[para("GIÁM ĐỐC", true, None), para("", false, None), para("Phạm Thị Thu", true, None)],
    );
    let doc = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\" xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:body>{body}<w:sectPr/></w:body></w:document>");
    let d = tempdir("import-boxes");
    std::fs::write(d.join("kh.docx"), docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &doc)])).unwrap();
    let o = vanban(&d, &["import", "kh.docx", "-o", "kh.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("import-dropped") && !err.contains("import-placeholder"), "nothing left out or missing: {err}");
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("kh.json")).unwrap()).unwrap();
    assert_eq!(v["type"], "ke-hoach");
    assert_eq!(v["issuer"], serde_json::json!({ "parent": "UBND tỉnh Lâm Đồng", "name": "Sở Y tế", "code": "SYT" }));
    assert_eq!((v["number"].as_u64(), v["place"].as_str(), v["date"].as_str()), (Some(210), Some("Lâm Đồng"), Some("2026-11-10")));
    assert_eq!(v["subject"], "Tiêm chủng mở rộng năm 2027");
    assert_eq!(v["body"], serde_json::json!(["Sở Y tế xây dựng kế hoạch tiêm chủng mở rộng năm 2027 như sau./."]));
    assert_eq!(v["signer"], serde_json::json!({ "title": "Giám đốc", "name": "Phạm Thị Thu" }));
    assert_eq!(v["distribution"], serde_json::json!(["UBND tỉnh", "Lưu: VT, NVY"]));
}

/// The real report vanban reproduces (../shared/seeds), typed in Word as its office typed
/// it: the header as a table, typed "I." and "1." headings in bold, dash lists, a paragraph
/// broken in two, links, the closing as a table. It imports to the report's parts, loses no
/// word, and renders.
#[test]
fn the_seed_report_typed_in_word() {
    let Some((seed, bytes)) = common::word::seed_report() else {
        eprintln!("../shared/seeds is not here: test not run");
        return;
    };
    let lines: Vec<&str> = seed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let at = |prefix: &str| lines.iter().position(|l| l.starts_with(prefix)).unwrap();
    let noi_nhan = at("Nơi nhận");
    let d = tempdir("import-seed");
    std::fs::write(d.join("612.docx"), &bytes).unwrap();
    let o = vanban(&d, &["import", "612.docx", "-o", "612.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json = std::fs::read_to_string(d.join("612.json")).unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["type"], "bao-cao");
    assert_eq!(v["issuer"], serde_json::json!({ "name": "Ủy ban nhân dân\nxã Hương Xuân", "code": "UBND" }));
    assert_eq!((v["number"].as_u64(), v["place"].as_str(), v["date"].as_str()), (Some(612), Some("Hương Xuân"), Some("2020-10-05")));
    assert_eq!(v["subject"], "Kết quả thực hiện các tiêu chí chính quyền điện tử\ntừ ngày 01/10/2019 đến 01/10/2020");
    assert_eq!(v["recipients"], serde_json::json!(["UBND huyện Nam Đông", "Văn phòng HĐND và UBND huyện Nam Đông"]));
    let body = v["body"].as_array().unwrap();
    let sections: Vec<&str> = body.iter().filter_map(|b| b["section"].as_str()).collect();
    assert_eq!(sections.len(), 5, "I. to V.: {sections:?}");
    assert!(sections[0].starts_with("Nhóm tiêu chí đánh giá Điều kiện sẵn sàng"), "{sections:?}");
    assert_eq!(body[1]["body"][0]["section"], "Các tiêu chí về cơ sở về hạ tầng thông tin.");
    assert!(json.contains("**645/645**"), "the bold figure keeps its bold");
    assert_eq!(v["signer"], serde_json::json!({ "on_behalf_of": "Ủy ban nhân dân", "title": "Chủ tịch", "name": "Nguyễn Thị Bích Ngọc" }));
    assert_eq!(v["distribution"], serde_json::json!(["Như trên", "Lưu: VT"]));
    let warnings = String::from_utf8_lossy(&o.stderr).into_owned();
    let o = vanban(&d, &["render", "612.json", "--no-signature-fields", "--to", "pdf", "-o", "612.pdf"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Every word of the Word file is on the rendered pages (numbers, dates and signing
    // prefixes as vanban prints them from the fields) or in a warning.
    let pages: Vec<String> = common::pdf::read(&std::fs::read(d.join("612.pdf")).unwrap()).pages.iter().flat_map(|p| p.lines.iter().map(|l| l.text.clone())).collect();
    let missing = words_lost(&bytes, &(pages.join("\n") + "\n" + &warnings));
    assert!(missing.is_empty(), "words lost: {missing:?}");
    // And in order: the body's words, from the first paragraph to the last, are a
    // subsequence of the pages' words.
    let (first, last) = (at("Thực hiện Công văn"), noi_nhan);
    let source: Vec<String> = lines[first..last].iter().flat_map(|l| words(&l.replace("**", "").replace(['<', '>'], ""))).collect();
    let printed: Vec<String> = pages.iter().flat_map(|l| words(l)).collect();
    let mut it = printed.iter();
    for (n, w) in source.iter().enumerate() {
        assert!(it.any(|p| p == w), "the body's word {n} {w:?} is not where it belongs on the pages");
    }
}

/// The decree's Phụ lục III in Word, when ../shared is beside the clone.
fn phu_luc_iii() -> Option<Vec<u8>> {
    let sample = root().join("../shared/samples/nd30-phu-luc-iii-mau.docx");
    match std::fs::read(&sample) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("{} is not here: test not run", sample.display());
            None
        }
    }
}

/// Every word of a Word document's paragraphs that is neither in `out` (the JSON and the
/// warnings) nor one of the decree's fixed words.
/// Of the source's words (occurrences), how many are in `out` (the JSON alone), the decree's
/// fixed words (printed by vanban itself) counted as in: (in, all).
fn words_share(docx: &[u8], out: &str) -> (usize, usize) {
    let all = source_words(docx);
    let missing: std::collections::HashSet<String> = words_lost(docx, out).into_iter().collect();
    (all.iter().filter(|w| !missing.contains(*w)).count(), all.len())
}

/// Every word of the document's paragraphs as Word shows them, in order (blanks and Roman
/// labels aside, as `words_lost` counts them), up to the form's notes.
fn source_words(docx: &[u8]) -> Vec<String> {
    let xml = common::docx::parts(docx)["word/document.xml"].clone();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let fallback = |n: &roxmltree::Node| n.ancestors().any(|a| a.tag_name().name() == "Fallback");
    let mut out = Vec::new();
    for p in doc.descendants().filter(|n| n.tag_name().name() == "p" && !fallback(n)) {
        let own = |n: &roxmltree::Node| n.ancestors().find(|a| a.tag_name().name() == "p") == Some(p);
        let text: String = p.descendants().filter_map(|n| match n.tag_name().name() {
            "t" if own(&n) && !fallback(&n) => n.text().map(str::to_string),
            "tab" | "br" | "cr" if own(&n) => Some(" ".to_string()),
            _ => None,
        }).collect();
        let t = text.trim();
        // The decree's notes on the form ("Ghi chú: (1) Tên cơ quan …") close its page: they
        // explain the form and are no part of a document.
        if t.starts_with("Ghi chú") {
            break;
        }
        out.extend(words(&text).into_iter().filter(|w| !(w.contains('…') || w.contains("..") || w.chars().all(|c| "ivxl".contains(c)) || w.chars().all(|c| c == '.' || c == '_'))));
    }
    out
}

fn words_lost(docx: &[u8], out: &str) -> Vec<String> {
    let have: std::collections::HashSet<String> = words(&out.replace("\\n", " ")).into_iter().collect();
    let xml = common::docx::parts(docx)["word/document.xml"].clone();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    // The decree's fixed words are printed by vanban itself (the Quốc hiệu as the decree
    // spells it, also where a form has the old "HOÀ"; the lead lines of giấy mời and công
    // điện).
    let fixed: std::collections::HashSet<String> = words("CỘNG HÒA HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc Số ngày tháng năm Kính gửi Nơi nhận V/v trân trọng kính mời điện").into_iter().collect();
    let mut missing = Vec::new();
    // Each paragraph's own text (a text box's paragraphs are their own), as Word shows it (an
    // AlternateContent's Fallback repeats its Choice for older readers).
    let fallback = |n: &roxmltree::Node| n.ancestors().any(|a| a.tag_name().name() == "Fallback");
    for p in doc.descendants().filter(|n| n.tag_name().name() == "p" && !fallback(n)) {
        let own = |n: &roxmltree::Node| n.ancestors().find(|a| a.tag_name().name() == "p") == Some(p);
        // Superscript footnote numbers are reported on their own.
        let superscript = |n: &roxmltree::Node| n.ancestors().find(|a| a.tag_name().name() == "r").is_some_and(|r| r.descendants().any(|x| x.tag_name().name() == "vertAlign" && x.attribute(("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "val")) == Some("superscript")));
        let text: String = p
            .descendants()
            .filter_map(|n| match n.tag_name().name() {
                "t" if !superscript(&n) && own(&n) && !fallback(&n) => n.text().map(str::to_string),
                "tab" | "br" | "cr" if own(&n) => Some(" ".to_string()),
                _ => None,
            })
            .collect();
        for w in words(&text) {
            // Dotted placeholders ("……5……") are the forms' blanks.
            // Roman section labels are regenerated by the decree's numbering.
            if w.contains('…') || w.contains("..") || w.chars().all(|c| "ivxl".contains(c)) {
                continue;
            }
            if !have.contains(&w) && !fixed.contains(&w) && !w.chars().all(|c| c == '.' || c == '_') {
                missing.push(w);
            }
        }
    }
    missing.sort();
    missing.dedup();
    missing
}

/// The decree's own Phụ lục III, as the Government published it in Word: it imports without
/// an error, and every word of it is in the document or in a warning.
#[test]
fn the_decrees_sample_forms_lose_no_word() {
    let Some(sample) = phu_luc_iii() else { return };
    let d = tempdir("import-pl3");
    std::fs::write(d.join("pl3.docx"), &sample).unwrap();
    let o = vanban(&d, &["import", "pl3.docx", "-o", "pl3.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = std::fs::read_to_string(d.join("pl3.json")).unwrap() + &String::from_utf8_lossy(&o.stderr);
    let missing = words_lost(&sample, &out);
    assert!(missing.is_empty(), "words neither in the document nor in a warning: {missing:?}");
}

/// Phụ lục III cut at its "Mẫu 1.1 - …" captions: one Word file per form, with what follows
/// its caption up to the next (the caption itself left out), and the package's other parts.
fn sample_forms(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut b).unwrap();
        entries.push((f.name().to_string(), b));
    }
    let xml = String::from_utf8(entries.iter().find(|e| e.0 == "word/document.xml").unwrap().1.clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body = doc.descendants().find(|n| n.tag_name().name() == "body").unwrap();
    let kids: Vec<roxmltree::Node> = body.children().filter(|n| n.is_element()).collect();
    let sect = kids.iter().rposition(|n| n.tag_name().name() == "sectPr").unwrap();
    let text = |n: &roxmltree::Node| n.descendants().filter(|x| x.tag_name().name() == "t").filter_map(|x| x.text()).collect::<String>();
    let caption = |n: &roxmltree::Node| {
        let t = text(n);
        let rest = t.strip_prefix("Mẫu ")?;
        let num: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        (n.tag_name().name() == "p" && num.contains('.') && rest[num.len()..].starts_with(' ')).then_some(num)
    };
    let caps: Vec<(usize, String)> = kids.iter().enumerate().filter_map(|(k, n)| caption(n).map(|c| (k, c))).collect();
    let (head, tail) = (&xml[..kids[0].range().start], &xml[kids[sect].range().start..]);
    let mut out = Vec::new();
    for (j, (at, name)) in caps.iter().enumerate() {
        let end = caps.get(j + 1).map(|c| c.0).unwrap_or(sect);
        let slice = &xml[kids[at + 1].range().start..kids[end].range().start];
        let document = format!("{head}{slice}{tail}");
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            for (n, b) in &entries {
                w.start_file(n.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
                w.write_all(if n == "word/document.xml" { document.as_bytes() } else { b }).unwrap();
            }
            w.finish().unwrap();
        }
        out.push((name.clone(), buf.into_inner()));
    }
    out
}

/// What each of the decree's sample forms must yield: its type, the parts it has, its
/// signing lines and its Nơi nhận. The forms' dots become named placeholders with warnings.
#[test]
fn each_sample_form_yields_its_parts() {
    let Some(sample) = phu_luc_iii() else { return };
    let forms = sample_forms(&sample);
    let names: Vec<&str> = forms.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "2.1", "2.2", "3.1", "3.2"]);
    let d = tempdir("import-forms");
    let mut short: Vec<String> = Vec::new();
    let mut totals = (0usize, 0usize);
    for (name, bytes) in &forms {
        let file = format!("mau-{name}.docx");
        std::fs::write(d.join(&file), bytes).unwrap();
        let (o, v) = import(&d, &file);
        assert!(o.status.success(), "Mẫu {name}: {}", String::from_utf8_lossy(&o.stderr));
        let doc = &v.unwrap_or_else(|| panic!("Mẫu {name}: JSON"));
        let diagnostics: Value = serde_json::from_slice(&o.stderr).unwrap_or_else(|e| panic!("Mẫu {name}: diagnostics as JSON: {e}"));
        let warnings = diagnostics["diagnostics"].as_array().unwrap();
        let s = |k: &str| doc[k].as_str().unwrap_or("").to_string();
        let list = |x: &Value| x.as_array().map(|a| a.iter().map(|i| i.as_str().unwrap_or("").to_string()).collect::<Vec<_>>()).unwrap_or_default();
        let distribution = list(&doc["distribution"]);
        let articles = doc["body"].as_array().map(|b| b.iter().filter(|x| x.get("article").is_some()).count()).unwrap_or(0);
        // A blank of the form (import-placeholder) or a part it leaves out (import-missing).
        let placeholders = warnings.iter().filter(|w| w["code"] == "import-placeholder" || w["code"] == "import-missing").count();
        let ctx = format!("Mẫu {name}: {}", serde_json::to_string(doc).unwrap());
        // Every word is in the document or a warning.
        let said: Vec<&str> = warnings.iter().filter_map(|w| w["message"].as_str()).collect();
        let missing = words_lost(bytes, &(serde_json::to_string_pretty(doc).unwrap() + &said.join("\n")));
        assert!(missing.is_empty(), "Mẫu {name}: words lost: {missing:?}");
        // The words in the document itself, not only in a warning.
        // A form's instruction that stands for a value ("TÊN LOẠI VĂN BẢN", "Họ và tên") is
        // delivered as the placeholder "…" its warning quotes.
        let blanks: Vec<&str> = warnings.iter().filter(|w| w["code"] == "import-placeholder").filter_map(|w| w["message"].as_str()).collect();
        let (kept, all) = words_share(bytes, &(serde_json::to_string_pretty(doc).unwrap() + &blanks.join("\n")));
        eprintln!("Mẫu {name}: {kept}/{all} words in the JSON");
        totals.0 += kept;
        totals.1 += all;
        // Each form at least nine tenths.
        if kept * 10 < all * 9 {
            short.push(format!("Mẫu {name}: {kept}/{all}"));
        }
        // The header: the forms' agency placeholders, a placeholder code, place and date.
        if !name.starts_with('2') {
            assert_eq!(doc["issuer"]["name"], "Tên cơ quan, tổ chức", "{ctx}");
            assert_eq!(doc["issuer"]["parent"], "Tên CQ, TC chủ quản", "{ctx}");
        }
        assert!(placeholders >= 3, "{ctx}: the forms' blanks are said");
        let signer_title = doc["signer"]["title"].as_str().unwrap_or("").to_string();
        match name.as_str() {
            "1.1" => {
                assert_eq!(s("type"), "nghi-quyet", "{ctx}");
                assert_eq!(s("authority"), "…", "{ctx}");
                assert_eq!(list(&doc["bases"]), ["Căn cứ …", "Căn cứ …"], "{ctx}");
                assert_eq!(distribution, ["Như Điều", "…", "Lưu: VT, .... …"], "{ctx}");
            }
            "1.2" | "1.3" => {
                assert_eq!(s("type"), "quyet-dinh", "{ctx}");
                assert!(s("subject").starts_with(if name == "1.2" { "Về việc" } else { "Ban hành (Phê duyệt)" }), "{ctx}");
                assert_eq!(list(&doc["bases"]).len(), 2, "{ctx}");
                assert_eq!(s("proposal"), "Theo đề nghị của …", "{ctx}");
                assert_eq!(articles, 2, "{ctx}: Điều 1 and Điều …");
                assert_eq!(distribution.first().map(String::as_str), Some("Như Điều"), "{ctx}");
                let apps = doc["appendices"].as_array().map(Vec::len).unwrap_or(0);
                if name == "1.3" {
                    // The attached document, on paper and as an electronic file.
                    assert_eq!(apps, 2, "{ctx}");
                    for a in doc["appendices"].as_array().unwrap() {
                        assert_eq!(a["type"], "…", "{ctx}: the type line is TÊN LOẠI VĂN BẢN");
                        assert!(a["caption"].as_str().unwrap().starts_with("(Kèm theo Quyết định số"), "{ctx}");
                        assert!(a["body"].as_array().unwrap().iter().any(|b| b.get("article").is_some()), "{ctx}");
                    }
                } else {
                    assert_eq!(apps, 0, "{ctx}");
                }
            }
            "1.4" => {
                assert_eq!(s("type"), "…", "{ctx}: the type line is TÊN LOẠI VĂN BẢN");
                assert_eq!(distribution, ["…", "…", "Lưu: VT, .... …"], "{ctx}");
            }
            "1.5" => {
                assert_eq!(s("type"), "cong-van", "{ctx}: a V/v under Số");
                assert_eq!(s("subject"), "…", "{ctx}");
                assert_eq!(list(&doc["recipients"]), ["…", "…"], "{ctx}");
                assert_eq!(distribution.first().map(String::as_str), Some("Như trên"), "{ctx}");
            }
            "1.6" | "1.7" => {
                assert_eq!(s("type"), if name == "1.6" { "cong-dien" } else { "giay-moi" }, "{ctx}");
                assert_eq!(s("lead"), "…", "{ctx}");
                assert!(!list(&doc["recipients"]).is_empty(), "{ctx}");
                assert_eq!(distribution.len(), 3, "{ctx}");
            }
            "1.8" => {
                assert_eq!(s("type"), "giay-gioi-thieu", "{ctx}");
                assert_eq!(distribution, ["Như trên", "Lưu: VT"], "{ctx}");
            }
            "1.9" => {
                assert_eq!(s("type"), "bien-ban", "{ctx}");
                let signers = doc["signers"].as_array().unwrap_or_else(|| panic!("{ctx}: two signers"));
                let titles: Vec<&str> = signers.iter().map(|x| x["title"].as_str().unwrap()).collect();
                assert_eq!(titles, ["Thư ký", "Chủ tọa"], "{ctx}");
                assert_eq!(distribution, ["…", "Lưu: VT, Hồ sơ"], "{ctx}");
            }
            "1.10" => {
                assert_eq!(s("type"), "giay-nghi-phep", "{ctx}");
                assert_eq!(distribution.len(), 2, "{ctx}");
            }
            "2.1" | "2.2" => {
                let apps = doc["appendices"].as_array().unwrap_or_else(|| panic!("{ctx}: an appendix"));
                assert_eq!(apps.len(), 1, "{ctx}");
                assert_eq!(apps[0]["title"], "…", "{ctx}");
                assert!(apps[0]["caption"].as_str().unwrap().starts_with("(Kèm theo Văn bản số"), "{ctx}");
                assert!(doc.get("signer").is_none(), "{ctx}");
            }
            "3.1" => {
                let c = &doc["copy"];
                assert_eq!(c["form"], "…", "{ctx}: SAO Y / SAO LỤC / TRÍCH SAO is footnote 1");
                assert_eq!(c["issuer"]["name"], "Tên cơ quan, tổ chức", "{ctx}");
                assert_eq!(list(&c["distribution"]).len(), 3, "{ctx}");
                assert_eq!(c["signer"]["title"], "…", "{ctx}");
                assert_eq!(distribution.len(), 3, "{ctx}");
            }
            "3.2" => {
                assert_eq!(s("type"), "…", "{ctx}");
                assert_eq!(distribution.len(), 3, "{ctx}");
            }
            _ => unreachable!(),
        }
        // Every form but the appendix pages is signed: its signing lines are the forms'
        // placeholder ("QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ") and "Họ và tên".
        if !name.starts_with('2') && name != "1.9" {
            assert_eq!(signer_title, "…", "{ctx}");
            assert_eq!(doc["signer"]["name"], "…", "{ctx}");
        }
    }
    assert!(short.is_empty(), "forms with less than nine tenths of their words in the JSON itself: {short:?}");
    // All the forms together: nine tenths of their words in the JSON itself.
    assert!(totals.0 * 10 >= totals.1 * 9, "{}/{} words of Phụ lục III in the JSON itself", totals.0, totals.1);
}

#[test]
fn broken_and_hostile_packages_are_refused() {
    let d = tempdir("import-bad");
    let refused = |file: &str, bytes: &[u8], code: &str| {
        std::fs::write(d.join(file), bytes).unwrap();
        let o = vanban(&d, &["import", file, "-o", "out.json"], None);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert!(err.contains(&format!("error[{code}]")), "{file}: {err}");
        assert!(!d.join("out.json").exists(), "{file}: nothing written");
        // render refuses it the same way.
        let o = vanban(&d, &["render", file, "--out-dir", "r"], None);
        assert_eq!(o.status.code(), Some(2), "render {file}");
        assert!(!d.join("r").exists() || files_in(&d.join("r")).is_empty(), "render {file}: nothing written");
    };
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    refused("cu.doc", &ole, "doc-format");
    let mut enc = ole.clone();
    enc.extend("EncryptionInfo".encode_utf16().flat_map(|u| u.to_le_bytes()));
    refused("mat-khau.docx", &enc, "encrypted-docx");
    refused("not.docx", b"hello, not a zip", "not-docx");
    refused("sheet.docx", &docx(&[("[Content_Types].xml", TYPES), ("xl/workbook.xml", "<workbook/>")]), "not-docx");
    // A zip bomb: 80 MB of spaces in document.xml, a few hundred KB compressed.
    let bomb = {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("word/document.xml", zip::write::SimpleFileOptions::default().large_file(true)).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..80 {
            z.write_all(&chunk).unwrap();
        }
        z.finish().unwrap();
        buf.into_inner()
    };
    assert!(bomb.len() < 2 << 20);
    refused("bomb.docx", &bomb, "too-large");
    let deep = format!("<w:document xmlns:w=\"x\">{}{}</w:document>", "<a>".repeat(5000), "</a>".repeat(5000));
    refused("deep.docx", &docx(&[("word/document.xml", &deep)]), "too-deep");
    let (o, _) = import(&d, "missing.docx");
    assert_eq!(o.status.code(), Some(1), "a missing file is an I/O error");
}

/// Party documents typed in Word: a công văn whose header is a two-cell table (the body with
/// its star and "Số", the Party title and the date), "về việc" under Số, Kính gửi as lines,
/// the closing as a table with T/M; and a nghị quyết typed with tabs, "- Căn cứ" lines and the
/// authority's line in capitals. Both import into `"profile": "dang"` and render.
#[test]
fn party_documents_typed_in_word() {
    let d = tempdir("import-party");
    let left = [para("ĐẢNG BỘ TỈNH QUẢNG TRỊ", false, Some("center")), para("ĐẢNG UỶ XÃ CỬA TÙNG", true, Some("center")), para("*", false, Some("center")), para("Số 27-CV/ĐU", false, Some("center")), para("về việc rà soát hồ sơ đảng viên", false, Some("center"))];
    let right = [para("ĐẢNG CỘNG SẢN VIỆT NAM", true, Some("center")), para("Cửa Tùng, ngày 14 tháng 9 năm 2026", false, Some("center"))];
    let mut body = two_cells((4500, 4500), &left, &right);
    body += &para("Kính gửi: - Các chi bộ trực thuộc;", false, Some("center"));
    body += &para("- Văn phòng Đảng uỷ;", false, Some("center"));
    body += &para("Thực hiện chỉ đạo của Ban Thường vụ Tỉnh uỷ, Ban Thường vụ Đảng uỷ đề nghị các chi bộ rà soát hồ sơ đảng viên, báo cáo trước ngày 30/9/2026.", false, None);
    let l = [para("Nơi nhận:", false, None), para("- Như trên;", false, None), para("- Lưu Văn phòng Đảng uỷ.", false, None)];
    let r = [para("T/M BAN THƯỜNG VỤ", true, Some("center")), para("PHÓ BÍ THƯ", false, Some("center")), para("", false, None), para("Trần Văn Nam", true, Some("center"))];
    body += &two_cells((4500, 4500), &l, &r);
    std::fs::write(d.join("cv.docx"), docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &document_xml(&body))])).unwrap();
    let o = vanban(&d, &["import", "cv.docx", "-o", "cv.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("cv.json")).unwrap()).unwrap();
    assert_eq!((v["profile"].as_str(), v["type"].as_str()), (Some("dang"), Some("cong-van")), "{v:#}");
    assert_eq!(v["issuer"], serde_json::json!({ "parent": "Đảng bộ tỉnh Quảng Trị", "name": "Đảng uỷ xã Cửa Tùng", "code": "ĐU" }));
    assert_eq!((v["number"].as_u64(), v["place"].as_str(), v["date"].as_str()), (Some(27), Some("Cửa Tùng"), Some("2026-09-14")));
    assert_eq!(v["subject"], "về việc rà soát hồ sơ đảng viên");
    assert_eq!(v["recipients"], serde_json::json!(["Các chi bộ trực thuộc", "Văn phòng Đảng uỷ"]));
    assert_eq!(v["signer"], serde_json::json!({ "on_behalf_of": "Ban Thường vụ", "title": "Phó Bí thư", "name": "Trần Văn Nam" }));
    let o = vanban(&d, &["render", "cv.json", "--to", "pdf"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let mut body = para("ĐẢNG BỘ TỈNH QUẢNG TRỊ\tĐẢNG CỘNG SẢN VIỆT NAM", false, None);
    body += &para("ĐẢNG UỶ XÃ CỬA TÙNG", true, None);
    body += &para("*\tCửa Tùng, ngày 02 tháng 10 năm 2026", false, None);
    body += &para("Số 09-NQ/ĐU", false, None);
    body += &para("NGHỊ QUYẾT", true, Some("center"));
    body += &para("về phát triển kinh tế biển năm 2027", true, Some("center"));
    body += &para("-----", false, Some("center"));
    body += &para("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", false, None);
    body += &para("- Căn cứ Nghị quyết Đại hội Đảng bộ xã lần thứ I, nhiệm kỳ 2025 - 2030.", false, None);
    body += &para("BAN CHẤP HÀNH ĐẢNG BỘ XÃ QUYẾT NGHỊ:", true, Some("center"));
    body += &para("Tập trung lãnh đạo phát triển kinh tế biển gắn với bảo vệ chủ quyền biển, đảo.", false, None);
    let l = [para("Nơi nhận:", false, None), para("- Ban Thường vụ Tỉnh uỷ;", false, None), para("- Lưu Văn phòng Đảng uỷ.", false, None), para("VP-20", false, None)];
    let r = [para("T/M ĐẢNG UỶ", true, Some("center")), para("BÍ THƯ", false, Some("center")), para("", false, None), para("Lê Thị Hạnh", true, Some("center"))];
    body += &two_cells((4500, 4500), &l, &r);
    std::fs::write(d.join("nq.docx"), docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &document_xml(&body))])).unwrap();
    let o = vanban(&d, &["import", "nq.docx", "-o", "nq.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("nq.json")).unwrap()).unwrap();
    assert_eq!((v["profile"].as_str(), v["type"].as_str(), v["number"].as_u64()), (Some("dang"), Some("nghi-quyet"), Some(9)), "{v:#}");
    assert_eq!(v["issuer"]["name"], "Đảng uỷ xã Cửa Tùng");
    assert_eq!(v["subject"], "về phát triển kinh tế biển năm 2027");
    assert_eq!(v["bases"].as_array().map(Vec::len), Some(2), "{v:#}");
    assert_eq!(v["authority"], "BAN CHẤP HÀNH ĐẢNG BỘ XÃ QUYẾT NGHỊ:");
    assert_eq!(v["drafter"], serde_json::json!({ "initials": "VP", "copies": 20 }));
    assert_eq!(v["signer"]["on_behalf_of"], "Đảng uỷ");
    let o = vanban(&d, &["render", "nq.json", "--to", "pdf"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A short "Nơi nhận: …" line inside the body (where a guide says where papers are handed in)
/// reads like the closing's; the reading that keeps the document in its parts wins: the body
/// goes on past it, the real closing gives the signer and Nơi nhận.
#[test]
fn a_closing_misread_in_the_body_costs_nothing() {
    use common::word::{document_xml, docx, para, two_cells, QH, TYPES};
    let long = "Công chức tiếp nhận kiểm tra thành phần hồ sơ, quét toàn bộ giấy tờ và lưu vào Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, rồi hẹn ngày trả kết quả cho người nộp.";
    let mut body = String::new();
    body += &two_cells((4000, 5500), &[para("ỦY BAN NHÂN DÂN", true, Some("center")), para("XÃ ĐIỆN BÀN", true, Some("center")), para("Số: 4/HD-UBND", false, Some("center"))], &[para(QH, true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center")), para("Điện Bàn, ngày 11 tháng 8 năm 2026", false, Some("center"))]);
    body += &para("HƯỚNG DẪN", true, Some("center"));
    body += &para("Tiếp nhận hồ sơ trực tuyến", true, Some("center"));
    body += &para("Nơi nhận: Bộ phận Một cửa xã.", false, Some("both"));
    for _ in 0..4 {
        body += &para(long, false, Some("both"));
    }
    body += &two_cells((4000, 5500), &[para("Nơi nhận:", true, None), para("- Các thôn;", false, None), para("- Lưu: VT.", false, None)], &[para("TM. ỦY BAN NHÂN DÂN", true, Some("center")), para("CHỦ TỊCH", true, Some("center")), para("Lê Văn Tâm", true, Some("center"))]);
    let file = docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &document_xml(&body))]);
    let d = tempdir("import-misread");
    std::fs::write(d.join("hd.docx"), file).unwrap();
    let o = vanban(&d, &["import", "hd.docx", "-o", "hd.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("hd.json")).unwrap()).unwrap();
    let body = v["body"].as_array().unwrap();
    assert_eq!(body.len(), 5, "{}", serde_json::to_string_pretty(&v["body"]).unwrap());
    assert_eq!(body[0], "Nơi nhận: Bộ phận Một cửa xã.");
    assert_eq!(v["distribution"], serde_json::json!(["Các thôn", "Lưu: VT"]));
    assert_eq!(v["signer"]["name"], "Lê Văn Tâm");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("import-dropped"), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Mẫu 3.2 as an office types it: the electronic copy's signing information above the header
/// (form; copying agency; date; time) becomes `copy`, and a note in the signature space typed
/// over two lines is the signer's `note`; the document renders.
#[test]
fn an_electronic_copy_line_and_a_note_in_the_signature_space() {
    use common::word::{document_xml, docx, para, two_cells, QH, TYPES};
    let mut body = String::new();
    body += &para("SAO Y; Văn phòng Ủy ban nhân dân tỉnh Quảng Trị; 15/01/2026; 09:30:05", false, Some("right"));
    body += &two_cells((4000, 5500), &[para("ỦY BAN NHÂN DÂN", true, Some("center")), para("XÃ CỬA TÙNG", true, Some("center")), para("Số: 12/TB-UBND", false, Some("center"))], &[para(QH, true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center")), para("Cửa Tùng, ngày 10 tháng 01 năm 2026", false, Some("center"))]);
    body += &para("THÔNG BÁO", true, Some("center"));
    body += &para("Lịch tiếp công dân tháng 01 năm 2026", true, Some("center"));
    body += &para("Chủ tịch Ủy ban nhân dân xã tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở.", false, Some("both"));
    body += &two_cells((4000, 5500), &[para("Nơi nhận:", true, None), para("- Các thôn;", false, None), para("- Lưu: VT.", false, None)], &[para("TM. ỦY BAN NHÂN DÂN", true, Some("center")), para("CHỦ TỊCH", true, Some("center")), para("(Chữ ký của người có thẩm quyền,", false, Some("center")), para("dấu của cơ quan)", false, Some("center")), para("Hồ Văn Nam", true, Some("center"))]);
    let file = docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &document_xml(&body))]);
    let d = tempdir("import-copy-line");
    std::fs::write(d.join("tb.docx"), file).unwrap();
    let o = vanban(&d, &["import", "tb.docx", "-o", "tb.json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(d.join("tb.json")).unwrap()).unwrap();
    let c = &v["copy"];
    assert_eq!(c["form"], "sao-y", "{v}");
    assert_eq!(c["electronic"], true, "{v}");
    assert_eq!(c["issuer"]["name"], "Văn phòng Ủy ban nhân dân tỉnh Quảng Trị", "{v}");
    assert_eq!(c["date"], "2026-01-15", "{v}");
    assert_eq!(c["signed_at"], "2026-01-15T09:30:05+07:00", "{v}");
    assert_eq!(v["signer"]["note"], "(Chữ ký của người có thẩm quyền,\ndấu của cơ quan)", "{v}");
    assert_eq!(v["signer"]["name"], "Hồ Văn Nam", "{v}");
    assert_eq!(v["body"].as_array().map(Vec::len), Some(1), "{v}");
    let found = v["meta"]["import"]["found"].as_array().unwrap();
    assert!(found.iter().any(|f| f["path"] == "$.copy" && f["source"]["paragraph"] == 1), "{found:?}");
    let o = vanban(&d, &["render", "tb.json", "-o", "tb.pdf"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = common::pdf::read(&std::fs::read(d.join("tb.pdf")).unwrap()).text();
    // (The copy's ô 14 is the signature field's appearance, printed when it is signed.)
    assert!(text.contains("(Chữ ký của người có thẩm quyền,\ndấu của cơ quan)\nHồ Văn Nam"), "{text}");
}

/// Chapters whose typed labels are not the decree's sequence ("Chương II" first): the
/// contract numbers chapters itself, so the label is said (import-numbering at its
/// paragraph), never written as a key the contract refuses; the output renders.
#[test]
fn a_chapter_typed_out_of_sequence_is_said_and_the_output_renders() {
    use common::word::{para, two_cells, QH};
    let mut body = String::new();
    body += &two_cells((4000, 5500), &[para("ỦY BAN NHÂN DÂN", true, Some("center")), para("TỈNH GIA LAI", true, Some("center")), para("Số: 21/2026/QĐ-UBND", false, Some("center"))], &[para(QH, true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center")), para("Gia Lai, ngày 02 tháng 3 năm 2026", false, Some("center"))]);
    body += &para("QUY ĐỊNH", true, Some("center"));
    body += &para("Quản lý nhà văn hóa thôn", true, Some("center"));
    body += &para("Chương II", true, Some("center"));
    body += &para("QUẢN LÝ VÀ SỬ DỤNG", true, Some("center"));
    body += &para("Điều 5. Trách nhiệm của thôn", true, None);
    body += &para("Trưởng thôn chịu trách nhiệm quản lý nhà văn hóa thôn.", false, Some("both"));
    body += &para("Chương III", true, Some("center"));
    body += &para("TỔ CHỨC THỰC HIỆN", true, Some("center"));
    body += &para("Điều 6. Hiệu lực", true, None);
    body += &para("Quy định này có hiệu lực từ ngày ký.", false, Some("both"));
    body += &two_cells((4000, 5500), &[para("Nơi nhận:", true, None), para("- Các xã;", false, None), para("- Lưu: VT.", false, None)], &[para("TM. ỦY BAN NHÂN DÂN", true, Some("center")), para("CHỦ TỊCH", true, Some("center")), para("Rơ Mah Tuấn", true, Some("center"))]);
    let (o, v, d) = import_body("import-chapters", &body);
    let chapters: Vec<&Value> = v["body"].as_array().unwrap().iter().filter(|b| b.get("chapter").is_some()).collect();
    assert_eq!(chapters.len(), 2, "{v}");
    assert_eq!(chapters[0]["chapter"], "Quản lý và sử dụng", "{v}");
    assert!(chapters.iter().all(|c| c.get("number").is_none()), "{v}");
    let diagnostics: Value = serde_json::from_slice(&o.stderr).unwrap();
    let said: Vec<&Value> = diagnostics["diagnostics"].as_array().unwrap().iter().filter(|w| w["code"] == "import-numbering").collect();
    assert!(said.iter().any(|w| w["message"].as_str().unwrap().contains("\"II\"") && w["source"]["paragraph"].is_u64()), "{diagnostics}");
    renders(&d, &v);
}

/// Two habits met in files typed by others: Kính gửi's recipients broken onto lines of their
/// own inside its paragraph (Shift+Enter), and the signer's name typed under Nơi nhận's items
/// — pushed right by an indent, or flush left — with the signing lines on Nơi nhận's line
/// after a tab. Each recipient is one, and the name is the signer's, not dropped.
#[test]
fn recipients_broken_inside_kinh_gui_and_a_name_under_noi_nhan() {
    use common::word::{para, two_cells, QH};
    for indent in [Some(5670), None] {
        let mut body = String::new();
        body += &two_cells((4000, 5500), &[para("ỦY BAN NHÂN DÂN", true, Some("center")), para("XÃ ĐẠI LỘC", true, Some("center")), para("Số: 87/UBND-VP", false, Some("center")), para("V/v triển khai thu ngân sách năm 2026", false, Some("center"))], &[para(QH, true, Some("center")), para("Độc lập – Tự do – Hạnh phúc", true, Some("center")), para("Đại Lộc, ngày 15 tháng 01 năm 2026", false, Some("center"))]);
        body += "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>Kính gửi:</w:t><w:br/><w:t>- Các thôn trên địa bàn xã;</w:t><w:br/><w:t xml:space=\"preserve\">- Công chức Tài chính - Kế toán.</w:t></w:r></w:p>";
        body += &para("Ủy ban nhân dân xã đề nghị các thôn rà soát các nguồn thu trên địa bàn và báo cáo trước ngày 31 tháng 01 năm 2026./.", false, Some("both"));
        body += &para("Nơi nhận:\tCHỦ TỊCH", true, None);
        body += &para("- Như trên;", false, None);
        body += &para("- Lưu: VT.", false, None);
        body += &match indent {
            Some(tw) => format!("<w:p><w:pPr><w:ind w:left=\"{tw}\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Trần Văn Hùng</w:t></w:r></w:p>"),
            None => para("Trần Văn Hùng", true, None),
        };
        let (o, v, _) = import_body("import-habits", &body);
        assert_eq!(v["recipients"], serde_json::json!(["Các thôn trên địa bàn xã", "Công chức Tài chính - Kế toán"]), "{v}");
        assert_eq!(v["signer"]["title"], "Chủ tịch", "{indent:?}: {v}");
        assert_eq!(v["signer"]["name"], "Trần Văn Hùng", "{indent:?}: {v}");
        assert_eq!(v["distribution"], serde_json::json!(["Như trên", "Lưu: VT"]), "{v}");
        assert!(!String::from_utf8_lossy(&o.stderr).contains("import-dropped"), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

/// Capitals a style gives (`w:caps` in a paragraph style: "Quyết định" typed, QUYẾT ĐỊNH on
/// the page) are read as the page shows them; hidden text (`w:vanish`) is not on the page:
/// left out, and said with its text; an invisible mark in the text is removed and said.
#[test]
fn capitals_from_a_style_and_hidden_text() {
    use common::word::{document_xml, docx, para, two_cells, QH, TYPES, W};
    let styles = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\"><w:style w:type=\"paragraph\" w:styleId=\"TenLoai\"><w:name w:val=\"Tên loại\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:caps/></w:rPr></w:style></w:styles>");
    let mut body = String::new();
    body += &two_cells((4000, 5500), &[para("ỦY BAN NHÂN DÂN", true, Some("center")), para("XÃ ĐIỆN\u{200B} BÀN", true, Some("center")), para("Số: 9/KH-UBND", false, Some("center"))], &[para(QH, true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center")), para("Điện Bàn, ngày 11 tháng 8 năm 2026", false, Some("center"))]);
    body += "<w:p><w:pPr><w:pStyle w:val=\"TenLoai\"/></w:pPr><w:r><w:t>Kế hoạch</w:t></w:r></w:p>";
    body += &para("Tổ chức Tết Trung thu cho thiếu nhi năm 2026", true, Some("center"));
    body += "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Ủy ban nhân dân xã xây dựng kế hoạch tổ chức Tết Trung thu cho thiếu nhi trên địa bàn. </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>Ghi chú ẩn của người soạn thảo.</w:t></w:r></w:p>";
    body += &two_cells((4000, 5500), &[para("Nơi nhận:", true, None), para("- Các thôn;", false, None), para("- Lưu: VT.", false, None)], &[para("TM. ỦY BAN NHÂN DÂN", true, Some("center")), para("CHỦ TỊCH", true, Some("center")), para("Lê Văn Tâm", true, Some("center"))]);
    let file = docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &document_xml(&body)), ("word/styles.xml", &styles)]);
    let d = tempdir("import-caps");
    std::fs::write(d.join("kh.docx"), file).unwrap();
    let (o, v) = import(&d, "kh.docx");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = v.unwrap();
    assert_eq!(v["type"], "ke-hoach", "{v}");
    // A zero-width space pasted into the agency's name is removed (and said): the name is
    // cased as the decree writes it.
    assert_eq!(v["issuer"]["name"], "Ủy ban nhân dân\nxã Điện Bàn", "{v}");
    assert_eq!(v["subject"], "Tổ chức Tết Trung thu cho thiếu nhi năm 2026", "{v}");
    assert_eq!(v["body"], serde_json::json!(["Ủy ban nhân dân xã xây dựng kế hoạch tổ chức Tết Trung thu cho thiếu nhi trên địa bàn."]), "{v}");
    let diagnostics: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert!(diagnostics["diagnostics"].as_array().unwrap().iter().any(|w| w["code"] == "import-dropped" && w["message"].as_str().unwrap().contains("Ghi chú ẩn") && w["source"]["paragraph"].is_u64()), "{diagnostics}");
    assert!(diagnostics["diagnostics"].as_array().unwrap().iter().any(|w| w["code"] == "removed-char" && w["message"].as_str().unwrap().contains("zero-width space")), "{diagnostics}");
}

/// A draft as the chuyên viên leaves it for the văn thư: "Số:      /QĐ-UBND" and "ngày
/// tháng 02 năm 2026". It imports unregistered and undated (the year alone, said), and
/// renders with the blanks the decree leaves.
#[test]
fn a_draft_with_its_number_and_day_left_blank() {
    use common::word::{para, two_cells, QH};
    let mut body = String::new();
    body += &two_cells((4000, 5500), &[para("ỦY BAN NHÂN DÂN", true, Some("center")), para("PHƯỜNG HẢI CHÂU", true, Some("center")), para("Số:        /QĐ-UBND", false, Some("center"))], &[para(QH, true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center")), para("Hải Châu, ngày      tháng 02 năm 2026", false, Some("center"))]);
    body += &para("QUYẾT ĐỊNH", true, Some("center"));
    body += &para("Về việc thành lập Tổ công tác chuyển đổi số", true, Some("center"));
    body += &para("Điều 1. Thành lập Tổ công tác chuyển đổi số phường Hải Châu.", false, Some("both"));
    body += &two_cells((4000, 5500), &[para("Nơi nhận:", true, None), para("- Như Điều 1;", false, None), para("- Lưu: VT.", false, None)], &[para("CHỦ TỊCH", true, Some("center")), para("Hồ Thị Lan", true, Some("center"))]);
    let (o, v, d) = import_body("import-draft", &body);
    assert!(v.get("number").is_none(), "{v}");
    assert_eq!(v["date"], "2026", "{v}");
    assert_eq!(v["place"], "Hải Châu", "{v}");
    let diagnostics: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert!(diagnostics["diagnostics"].as_array().unwrap().iter().any(|w| w["code"] == "import-placeholder" && w["message"].as_str().unwrap().contains("leaves the day blank")), "{diagnostics}");
    let text = renders(&d, &v);
    assert!(text.contains("/QĐ-UBND") && text.contains("năm 2026"), "{text}");
}

/// A giấy mời typed freely: no national title and no number line, the date line right-aligned
/// above "TM. ỦY BAN NHÂN DÂN". The date is the document's (not a body paragraph), and the
/// output renders.
#[test]
fn a_date_line_above_a_prefixed_signing_block() {
    use common::word::para;
    let mut body = String::new();
    body += &para("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", true, None);
    body += &para("GIẤY MỜI", true, Some("center"));
    body += &para("Dự hội nghị tổng kết công tác năm 2025", true, Some("center"));
    body += &para("Ủy ban nhân dân xã Tân Phú trân trọng kính mời: Ông (Bà) Trưởng các thôn", false, Some("both"));
    body += &para("Tới dự hội nghị tổng kết công tác năm 2025, triển khai nhiệm vụ năm 2026./.", false, Some("both"));
    body += &para("Tân Phú, ngày 08 tháng 01 năm 2026", false, Some("right"));
    body += &para("TM. ỦY BAN NHÂN DÂN", true, Some("right"));
    body += &para("CHỦ TỊCH", true, Some("right"));
    body += &para("Đinh Văn Phúc", true, Some("right"));
    let (_, v, d) = import_body("import-date-above", &body);
    assert_eq!(v["date"], "2026-01-08", "{v}");
    assert_eq!(v["place"], "Tân Phú", "{v}");
    assert_eq!(v["body"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["signer"]["name"], "Đinh Văn Phúc", "{v}");
    renders(&d, &v);
}

/// A nghị quyết with no căn cứ whose body starts with a numbered heading in capitals ("I.
/// TÌNH HÌNH"), in the decree's profile and the Party's: the heading is the body's first
/// section, not the authority's line.
#[test]
fn a_resolution_that_starts_with_a_numbered_heading() {
    use common::word::{para, two_cells, QH};
    for party in [false, true] {
        let mut body = String::new();
        body += &if party {
            two_cells((4500, 5000), &[para("ĐẢNG BỘ THÀNH PHỐ HUẾ", false, Some("center")), para("ĐẢNG ỦY PHƯỜNG THUẬN HÓA", true, Some("center")), para("*", false, Some("center")), para("Số 15-NQ/ĐU", false, Some("center"))], &[para("ĐẢNG CỘNG SẢN VIỆT NAM", true, Some("center")), para("Thuận Hóa, ngày 10 tháng 3 năm 2026", false, Some("center"))])
        } else {
            two_cells((4500, 5000), &[para("HỘI ĐỒNG NHÂN DÂN", true, Some("center")), para("PHƯỜNG THUẬN HÓA", true, Some("center")), para("Số: 15/NQ-HĐND", false, Some("center"))], &[para(QH, true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center")), para("Thuận Hóa, ngày 10 tháng 3 năm 2026", false, Some("center"))])
        };
        body += &para("NGHỊ QUYẾT", true, Some("center"));
        body += &para("Về lãnh đạo chuyển đổi số năm 2026", true, Some("center"));
        body += &para("I. TÌNH HÌNH", true, None);
        body += &para("Năm 2025, công tác chuyển đổi số của phường đạt nhiều kết quả quan trọng.", false, Some("both"));
        body += &para("II. NHIỆM VỤ, GIẢI PHÁP", true, None);
        body += &para("Tập trung hoàn thành các chỉ tiêu chuyển đổi số năm 2026.", false, Some("both"));
        let signing = if party { [para("T/M ĐẢNG ỦY", true, Some("center")), para("BÍ THƯ", false, Some("center")), para("Trần Thị Mai", true, Some("center"))] } else { [para("TM. HỘI ĐỒNG NHÂN DÂN", true, Some("center")), para("CHỦ TỊCH", true, Some("center")), para("Trần Thị Mai", true, Some("center"))] };
        body += &two_cells((4500, 5000), &[para("Nơi nhận:", true, None), para("- Các chi bộ;", false, None), para("- Lưu: VT.", false, None)], &signing);
        let (_, v, _) = import_body("import-resolution", &body);
        assert!(v.get("authority").is_none(), "party {party}: {v}");
        let sections: Vec<&str> = v["body"].as_array().unwrap().iter().filter_map(|b| b["section"].as_str()).collect();
        assert_eq!(sections, ["TÌNH HÌNH", "NHIỆM VỤ, GIẢI PHÁP"], "party {party}: {v}");
        assert!(v["body"].as_array().unwrap().iter().all(|b| b.get("number").is_none()), "party {party}: {v}");
    }
}

/// The decree's labels typed in another case — "NƠI NHẬN:", "KÍNH GỬI:", "V/V" — are found
/// as the decree's: Nơi nhận is the distribution (not a second signer), Kính gửi the
/// recipients, V/V the subject; so are signing prefixes typed without their dot ("KT GIÁM
/// ĐỐC") or with dots inside ("T.L.").
#[test]
fn labels_typed_in_capitals() {
    use common::word::{para, two_cells, QH};
    let mut body = String::new();
    body += &two_cells((4500, 5000), &[para("UBND TỈNH LÀO CAI", false, Some("center")), para("SỞ NỘI VỤ", true, Some("center")), para("Số: 342/SNV-CCVC", false, Some("center")), para("V/V đăng ký nhu cầu đào tạo năm 2026", false, Some("center"))], &[para(QH, true, Some("center")), para("Độc lập - Tự do - Hạnh phúc", true, Some("center")), para("Lào Cai, ngày 03 tháng 4 năm 2026", false, Some("center"))]);
    body += &para("KÍNH GỬI: Ủy ban nhân dân các xã, phường.", false, Some("center"));
    body += &para("Sở Nội vụ đề nghị Ủy ban nhân dân các xã, phường đăng ký nhu cầu đào tạo theo mẫu gửi kèm./.", false, Some("both"));
    body += &two_cells((4500, 5000), &[para("NƠI NHẬN:", true, None), para("- Như trên;", false, None), para("- Lưu: VT, CCVC.", false, None)], &[para("KT. GIÁM ĐỐC", true, Some("center")), para("PHÓ GIÁM ĐỐC", true, Some("center")), para("Vàng A Sử", true, Some("center"))]);
    let (_, v, _) = import_body("import-labels", &body);
    assert_eq!(v["subject"], "đăng ký nhu cầu đào tạo năm 2026", "{v}");
    assert_eq!(v["recipients"], serde_json::json!(["Ủy ban nhân dân các xã, phường"]), "{v}");
    assert_eq!(v["distribution"], serde_json::json!(["Như trên", "Lưu: VT, CCVC"]), "{v}");
    assert!(v.get("signers").is_none(), "{v}");
    assert_eq!(v["signer"]["name"], "Vàng A Sử", "{v}");
    assert_eq!(v["body"].as_array().map(Vec::len), Some(1), "{v}");
    // A signing prefix typed without its dot, or with dots inside, is the decree's.
    for (typed, key) in [("KT GIÁM ĐỐC", "for"), ("T.L. GIÁM ĐỐC", "by_order_of"), ("T.M ỦY BAN NHÂN DÂN", "on_behalf_of")] {
        let body = body.replace("KT. GIÁM ĐỐC", typed);
        let (_, v, _) = import_body("import-prefix", &body);
        assert!(v["signer"][key].is_string(), "{typed}: {v}");
        assert_eq!(v["signer"]["title"], "Phó Giám đốc", "{typed}: {v}");
    }
}
