//! What the format checker does not judge yet, checked on vanban's own output: authority,
//! căn cứ and proposal, marks, circulation, drafter and contact lines, appendix page numbers,
//! two signers side by side, the copy block, and `vanban new` for every type.

mod common;

use common::pdf::{read, MM};
use common::*;

#[test]
fn decision_preamble_and_attached_regulation() {
    let pdf = read(&render_fixture("quyet-dinh-ban-hanh-quy-che.json"));
    let (_, auth) = pdf.line("GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO").expect("authority heading, UPPER");
    assert!(auth.bold() && (auth.centre() - 112.5 * MM).abs() < 1.5 * MM, "bold, centred");
    let t = pdf.text();
    let t1 = t.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Theo đề nghị của Chánh Văn phòng Sở.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này",
        "Điều 2. Hiệu lực thi hành",
        "(Ban hành kèm theo Quyết định số 05/QĐ-SGDĐT ngày 02 tháng 01 năm 2026",
        "Chương I",
        "NHỮNG QUY ĐỊNH CHUNG",
    ] {
        assert!(t1.contains(want), "{want:?} in:\n{t1}");
    }
    // Căn cứ lines italic; the last one before the proposal ends ";".
    let basis = pdf.pages[0].lines.iter().find(|l| l.text.starts_with("Căn cứ Luật")).unwrap();
    assert!(basis.italic());
    assert!(t1.contains("tổ chức của Sở Giáo dục và Đào tạo;"), "the last căn cứ ends ';' before the proposal");
    // The attached regulation opens a new page whose articles count from 1 again.
    let (p, label) = pdf.line("QUY CHẾ").expect("the attached document's label");
    assert!(p > 1 && label.bold());
    let reg = &pdf.pages[p - 1];
    assert!(reg.lines.iter().any(|l| l.text.starts_with("Điều 1. Phạm vi điều chỉnh")), "articles numbered afresh");
}

#[test]
fn marks_circulation_drafter_contact() {
    let pdf = read(&render_fixture("cong-van-xa.json"));
    let p1 = &pdf.pages[0];
    let khan = p1.lines.iter().find(|l| l.text == "KHẨN").expect("KHẨN on its own line");
    assert!(khan.bold());
    let red = &khan.runs[0].fill;
    assert!(red[0] > 0.9 && red[1] < 0.1 && red[2] < 0.1, "urgency printed red: {red:?}");
    let so = p1.lines.iter().find(|l| l.text.starts_with("Số:")).unwrap();
    assert!(khan.y > so.y && (khan.centre() - so.centre()).abs() < 1.5 * MM, "under Số, in its column");
    // Drafter (ô 12) under Nơi nhận; contact (ô 13) at the foot of page 1, inside the text area.
    assert!(pdf.line("HT.(25)").is_some(), "drafter initials UPPER and copies");
    let contact = p1.lines.iter().find(|l| l.text.starts_with("Địa chỉ: Số 01 đường Hồ Chí Minh")).expect("contact line");
    assert!((contact.size() - 11.0).abs() < 0.1);
    assert!(contact.y > p1.height * 0.8 && contact.y < p1.height - 20.0 * MM, "foot of page 1, above the bottom margin");
    assert!(p1.lines.iter().any(|l| l.text.starts_with("Điện thoại: 0234 3878 123; E-mail: ubnd@namdong.gov.vn")));

    let pdf = read(&render_fixture("bao-cao-phu-luc-sao-y.json"));
    let circ = pdf.pages[0].lines.iter().find(|l| l.text == "LƯU HÀNH NỘI BỘ").expect("circulation mark");
    assert!(circ.bold() && (circ.centre() - 112.5 * MM).abs() < 1.5 * MM);
    let mat = pdf.pages[0].lines.iter().find(|l| l.text == "MẬT").expect("secrecy mark");
    assert!(mat.runs[0].fill.iter().all(|c| *c < 0.1), "secrecy mark black");
}

#[test]
fn two_signers_side_by_side_with_their_fields() {
    let bytes = render_fixture("bien-ban-hop.json");
    let pdf = read(&bytes);
    let last = pdf.pages.last().unwrap();
    let tk = last.lines.iter().find(|l| l.text == "THƯ KÝ").unwrap();
    let ct = last.lines.iter().find(|l| l.text == "CHỦ TỌA").unwrap();
    assert!((tk.y - ct.y).abs() < 0.5 && tk.x1 < ct.x0, "THƯ KÝ left, CHỦ TỌA right, one row");
    assert!(pdf.text().lines().all(|l| !l.contains("ngày 28 tháng 9 năm 2026,") || !l.contains("Hương Xuân,")), "no place-date line in a biên bản's header");
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let acro = doc.catalog().unwrap().get(b"AcroForm").unwrap().as_dict().unwrap().clone();
    let names: Vec<String> = acro.get(b"Fields").unwrap().as_array().unwrap().iter()
        .map(|f| lopdf::decode_text_string(doc.get_dictionary(f.as_reference().unwrap()).unwrap().get(b"T").unwrap()).unwrap())
        .collect();
    assert_eq!(names, ["signing_info", "signer", "agency", "signer_2", "agency_2"], "the optional signing information (a text field), then the signatures");
}

#[test]
fn copy_block_and_appendix_pages() {
    let bytes = render_fixture("bao-cao-phu-luc-sao-y.json");
    let pdf = read(&bytes);
    // The appendix is set landscape (it opens with a wide table) and numbers its pages from 1.
    let (ap, _) = pdf.line("Phụ lục").expect("a lone appendix is 'Phụ lục'");
    let page = &pdf.pages[ap - 1];
    assert!(page.width > page.height, "landscape");
    assert!(page.lines.iter().any(|l| l.text == "1" && l.y < 20.0 * MM), "the appendix's first page is its page 1");
    // The copy block comes last: form, number with SY, the copying agency's signer.
    let last = pdf.pages.last().unwrap();
    assert!(last.lines.iter().any(|l| l.text == "SAO Y" && l.bold()));
    assert!(last.lines.iter().any(|l| l.text == "Số: 12/SY-VP"));
    assert!(last.lines.iter().any(|l| l.text == "Kon Tum, ngày 15 tháng 01 năm 2026" && l.italic()));
    assert!(last.lines.iter().any(|l| l.text == "Lê Thị Hoa"));
    // Only the copying agency signs a copy: one field, "agency".
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let acro = doc.catalog().unwrap().get(b"AcroForm").unwrap().as_dict().unwrap().clone();
    assert_eq!(acro.get(b"Fields").unwrap().as_array().unwrap().len(), 1);

    // An electronic copy, unsigned render: 10 pt signing information at the top right of page
    // 1 (copy.signed_at). The signable render has the empty `agency` field there instead.
    let plain = tempdir("e-copy");
    let out = vanban(&plain, &["render", fixture("thong-bao-ban-sao-dien-tu.json").to_str().unwrap(), "--no-signature-fields", "-o", "p.pdf"], None);
    assert!(out.status.success());
    let signable = read(&render_fixture("thong-bao-ban-sao-dien-tu.json"));
    assert!(!signable.text().contains("SAO LỤC,"), "no page text where the field is");
    let pdf = read(&std::fs::read(plain.join("p.pdf")).unwrap());
    let p1 = &pdf.pages[0];
    let info = p1.lines.iter().find(|l| l.text.contains("SAO LỤC")).expect("ô 14 line");
    assert!((info.size() - 10.0).abs() < 0.1 && info.x1 > 190.0 * MM && info.y < 20.0 * MM, "{info:?}");
    assert!(p1.lines.iter().any(|l| l.text == "2026-02-03T09:30:00+07:00"));
    assert!(!pdf.text().contains("/SL-"), "no paper copy's number");
}

#[test]
fn a_starter_for_every_type_renders() {
    let dir = tempdir("starters");
    for t in vanban::nd30::types::TYPES {
        let out = vanban(&dir, &["new", t.slug], None);
        assert!(out.status.success(), "{}", t.slug);
        let name = format!("{}.json", t.slug);
        std::fs::write(dir.join(&name), &out.stdout).unwrap();
        let out = vanban(&dir, &["render", &name, "--to", "pdf"], None);
        assert!(out.status.success(), "{}: {}", t.slug, String::from_utf8_lossy(&out.stderr));
        let pdf = read(&std::fs::read(dir.join(format!("{}.pdf", t.slug))).unwrap());
        if t.has_type_line() {
            assert!(pdf.line(&vanban::nd30::text::upper(t.name)).is_some(), "{}: type line", t.slug);
        }
    }
    let out = vanban(&dir, &["new", "bao_cao"], None);
    assert_eq!(out.status.code(), Some(2));
}
