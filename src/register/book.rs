//! The book of outgoing documents (Phụ lục IV.I): the ten numbered columns, one row an
//! entry, a voided number printed with its reason under Ghi chú.

use super::Entry;

/// The ten columns' headings, numbered as the form numbers them.
pub const HEADINGS: [&str; 10] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// One entry's ten cells (Ngày chuyển and Ký nhận are filled by hand on paper).
pub fn row(e: &Entry) -> [String; 10] {
    let date = chrono::NaiveDate::parse_from_str(&e.date, "%Y-%m-%d").map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|_| e.date.clone());
    let what = if e.subject.is_empty() { e.doc_type.clone() } else { format!("{} {}", e.doc_type, e.subject) };
    let note = e.voided.as_ref().map(|v| format!("Đã hủy: {}", v.reason)).unwrap_or_default();
    [e.symbol.clone(), date, what, e.signer.clone(), e.recipients.join("; "), e.archive.join(", "), e.copies.map(|c| c.to_string()).unwrap_or_default(), String::new(), String::new(), note]
}

/// The book as CSV (RFC 4180, UTF-8 with a byte order mark so that spreadsheet programs read
/// the Vietnamese right): a heading row "(1) Số, ký hiệu văn bản" … "(10) Ghi chú", then a row
/// an entry in the order given.
pub fn csv(entries: &[Entry]) -> Vec<u8> {
    let cell = |s: &str| if s.contains([',', '"', '\n', '\r', ';']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() };
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = HEADINGS.iter().enumerate().map(|(i, h)| cell(&format!("({}) {h}", i + 1))).collect();
    out += &head.join(",");
    out += "\r\n";
    for e in entries {
        let r: Vec<String> = row(e).iter().map(|c| cell(c)).collect();
        out += &r.join(",");
        out += "\r\n";
    }
    out.into_bytes()
}
