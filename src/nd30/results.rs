//! Results: structured figures as the sentence `[code: ]label: [Status, ]value[ (note)].`
//! or as a table STT | Nội dung | Kết quả | Đánh giá | Ghi chú (empty columns left out).

use super::numbers::{group, percent, vn_number};
use super::text::{inline, plain, Span};
use crate::model::{ResultItem, ResultValue};

/// Statuses: slug and printed word.
pub const STATUS: [(&str, &str); 2] = [("dat", "Đạt"), ("chua-dat", "Chưa đạt")];

/// A results item's printed parts: label and note keep their inline markup, each on its own
/// (a star in the label never pairs with one in the note).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResultParts {
    /// "Tiêu chí 15: Tỷ lệ máy tính/CBCC" (code, plain, and label, inline).
    pub content: Vec<Span>,
    /// "171% (48/28)", "Có", "1.234.567", "4 màn hình".
    pub value: String,
    /// "Đạt" / "Chưa đạt".
    pub status: String,
    /// The note, without parentheses.
    pub note: Vec<Span>,
}

/// The printed value; `None` for a ratio with a zero denominator (validation refuses it).
pub fn value_text(v: &ResultValue) -> Option<String> {
    Some(match v {
        ResultValue::Bool(true) => "Có".into(),
        ResultValue::Bool(false) => "Không".into(),
        ResultValue::Number(n) => vn_number(n),
        ResultValue::Ratio(r) => {
            let [a, b] = r.ratio;
            let pct = percent(a, b, r.decimals.unwrap_or(0), r.rounding.as_deref() == Some("down"))?;
            let frac = format!("{}/{}", group(a as u128), group(b as u128));
            if r.show.as_deref() == Some("fraction") { format!("{frac} ({pct})") } else { format!("{pct} ({frac})") }
        }
        ResultValue::Count(c) => {
            let unit = c.unit.as_deref().unwrap_or("").trim();
            format!("{} {unit}", vn_number(&c.count)).trim_end().to_string()
        }
    })
}

/// The parts of one item.
pub fn parts(r: &ResultItem) -> ResultParts {
    let label = r.label.trim();
    let code = r.code.as_deref().map(str::trim).unwrap_or("");
    let mut content = if code.is_empty() { Vec::new() } else { vec![Span::plain(format!("{code}: "))] };
    content.extend(inline(label));
    ResultParts {
        content,
        value: r.value.as_ref().and_then(value_text).unwrap_or_default(),
        status: r
            .status
            .as_deref()
            .and_then(|s| STATUS.iter().find(|(k, _)| *k == s))
            .map(|(_, v)| v.to_string())
            .unwrap_or_default(),
        note: r.note.as_deref().map(|n| inline(n.trim())).unwrap_or_default(),
    }
}

/// The list sentence: `[code: ]label: [Status, ]value[ (note)].`
pub fn sentence_spans(r: &ResultItem) -> Vec<Span> {
    let p = parts(r);
    let rest: Vec<&str> = [p.status.as_str(), p.value.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
    let mut out = p.content;
    if !rest.is_empty() {
        out.push(Span::plain(format!(": {}", rest.join(", "))));
    }
    if !p.note.is_empty() {
        out.push(Span::plain(" ("));
        out.extend(p.note);
        out.push(Span::plain(")"));
    }
    out.push(Span::plain("."));
    out
}

/// The list sentence as plain text.
pub fn sentence(r: &ResultItem) -> String {
    plain(&sentence_spans(r))
}

/// A column of the results table: its title and how to read a cell from the parts.
pub type ResultColumn = (&'static str, fn(&ResultParts) -> Vec<Span>);

/// Which of the table's columns are shown after STT: Nội dung always, the others when filled.
pub fn table_columns(items: &[ResultItem]) -> Vec<ResultColumn> {
    let ps: Vec<ResultParts> = items.iter().map(parts).collect();
    let all: [ResultColumn; 4] = [
        ("Nội dung", |p| p.content.clone()),
        ("Kết quả", |p| vec![Span::plain(p.value.clone())]),
        ("Đánh giá", |p| vec![Span::plain(p.status.clone())]),
        ("Ghi chú", |p| p.note.clone()),
    ];
    all.into_iter()
        .enumerate()
        .filter(|(k, (_, f))| *k == 0 || ps.iter().any(|p| !plain(&f(p)).is_empty()))
        .map(|(_, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(j: &str) -> ResultItem {
        serde_json::from_str(j).unwrap()
    }

    #[test]
    fn the_input_md_examples() {
        assert_eq!(sentence(&item(r#"{"code":"Tiêu chí 15","label":"Tỷ lệ máy tính/CBCC","value":{"ratio":[48,28]}}"#)),
            "Tiêu chí 15: Tỷ lệ máy tính/CBCC: 171% (48/28).");
        assert_eq!(sentence(&item(r#"{"label":"Tỷ lệ hồ sơ trả đúng hạn","value":{"ratio":[743,746],"decimals":2,"rounding":"down","show":"fraction"},"status":"dat"}"#)),
            "Tỷ lệ hồ sơ trả đúng hạn: Đạt, 743/746 (99,59%).");
        assert_eq!(sentence(&item(r#"{"code":"Tiêu chí 19","label":"Màn hình tra cứu TTHC","value":{"count":4,"unit":"màn hình"},"status":"dat","note":"kèm theo biên bản giao nhận"}"#)),
            "Tiêu chí 19: Màn hình tra cứu TTHC: Đạt, 4 màn hình (kèm theo biên bản giao nhận).");
        assert_eq!(sentence(&item(r#"{"label":"Phòng họp trực tuyến","value":true}"#)), "Phòng họp trực tuyến: Có.");
        assert_eq!(sentence(&item(r#"{"label":"Tổng số văn bản đi","value":1234567}"#)), "Tổng số văn bản đi: 1.234.567.");
        assert_eq!(sentence(&item(r#"{"label":"Cán bộ đạt chuẩn kỹ năng CNTT","status":"chua-dat"}"#)), "Cán bộ đạt chuẩn kỹ năng CNTT: Chưa đạt.");
    }

    #[test]
    fn empty_columns_are_left_out() {
        let items = vec![item(r#"{"label":"A","value":1,"status":"dat"}"#), item(r#"{"label":"B","value":2}"#)];
        let titles: Vec<_> = table_columns(&items).iter().map(|c| c.0).collect();
        assert_eq!(titles, ["Nội dung", "Kết quả", "Đánh giá"]);
    }
}
