//! The model written back as the contract's JSON, for readers (the Word importer, the
//! editor's text) that build the model's own types and hand them out serialised.
//!
//! The derived structs skip absent values; the types read by hand in [`super::blocks`] and
//! [`super::picture`] are written here in their shortest accepted form (a paragraph with no
//! options is a string, a plain cell a string), so that parsing the output gives the same
//! model back.

use super::blocks::*;
use super::picture::Image;
use base64::Engine as _;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A size in points as people write it: 13, not 13.0 (13.5 stays 13.5).
pub(super) fn whole<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

impl Serialize for Block {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Block::Paragraph(p) if p.indent.is_none() && p.align.is_none() => s.serialize_str(&p.text),
            Block::Paragraph(p) => {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("paragraph", &p.text)?;
                opt(&mut m, "indent", &p.indent)?;
                opt(&mut m, "align", &p.align)?;
                m.end()
            }
            Block::Section(x) => {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("section", &x.title)?;
                opt(&mut m, "number", &x.number)?;
                m.serialize_entry("body", &x.body)?;
                m.end()
            }
            Block::List(l) => {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("list", &l.items)?;
                opt(&mut m, "marker", &l.marker)?;
                m.end()
            }
            Block::Table(t) => {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("table", &t.table)?;
                if t.landscape && t.table.landscape != Some(true) {
                    m.serialize_entry("landscape", &true)?;
                }
                m.end()
            }
            Block::Results(r) => one(s, "results", r),
            Block::Article(a) => titled(s, "article", &a.title, &a.body),
            Block::Division(d) => {
                let key = match d.kind {
                    DivisionKind::Part => "part",
                    DivisionKind::Chapter => "chapter",
                    DivisionKind::Division => "division",
                };
                titled(s, key, &d.title, &d.body)
            }
            Block::Image(i) => one(s, "image", i),
            Block::PageBreak => one(s, "page_break", &true),
        }
    }
}

/// An entry written only when it has a value.
fn opt<M: SerializeMap, T: Serialize>(m: &mut M, key: &str, value: &Option<T>) -> Result<(), M::Error> {
    match value {
        Some(v) => m.serialize_entry(key, v),
        None => Ok(()),
    }
}

/// `{key: value}`.
fn one<S: Serializer, T: Serialize + ?Sized>(s: S, key: &str, value: &T) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(1))?;
    m.serialize_entry(key, value)?;
    m.end()
}

/// `{key: title, "body": [...]}`.
fn titled<S: Serializer>(s: S, key: &str, title: &str, body: &[Block]) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(2))?;
    m.serialize_entry(key, title)?;
    m.serialize_entry("body", body)?;
    m.end()
}

impl Serialize for ListItem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.items.is_empty() && self.marker.is_none() {
            return s.serialize_str(&self.text);
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("text", &self.text)?;
        if !self.items.is_empty() {
            m.serialize_entry("items", &self.items)?;
        }
        opt(&mut m, "marker", &self.marker)?;
        m.end()
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.colspan.is_none() && self.align.is_none() && self.bold.is_none() {
            return s.serialize_str(&self.text);
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("text", &self.text)?;
        opt(&mut m, "colspan", &self.colspan)?;
        opt(&mut m, "align", &self.align)?;
        opt(&mut m, "bold", &self.bold)?;
        m.end()
    }
}

impl Serialize for ResultValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ResultValue::Bool(b) => s.serialize_bool(*b),
            ResultValue::Number(n) => n.serialize(s),
            ResultValue::Ratio(r) => r.serialize(s),
            ResultValue::Count(c) => c.serialize(s),
        }
    }
}

impl Serialize for Image {
    /// The picture itself, base64, whatever way it came in (`src` is read when parsed).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("data", &base64::engine::general_purpose::STANDARD.encode(self.picture.bytes.as_slice()))?;
        opt(&mut m, "width", &self.width)?;
        opt(&mut m, "align", &self.align)?;
        opt(&mut m, "caption", &self.caption)?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Document;

    /// A document read, written and read again is the same document, written the same.
    #[test]
    fn written_back_it_reads_the_same() {
        let src = r#"{"type": "bao-cao", "issuer": {"parent": "UBND TỈNH QUẢNG TRỊ", "name": "Sở Nội vụ", "code": "SNV"},
            "number": 15, "place": "Quảng Trị", "date": "2026-03-09", "subject": "Kết quả quý I",
            "body": ["Mở đầu.", {"paragraph": "Giữa", "align": "center"}, {"paragraph": "Không thụt", "indent": false},
              {"section": "KẾT QUẢ", "number": "A", "body": [{"list": ["một", {"text": "hai", "items": ["a"]}], "marker": "+"}]},
              {"table": {"columns": [{"title": "Chỉ tiêu", "width": "2fr"}, {"title": "Số"}], "rows": [["A", {"text": "1", "align": "right", "bold": true}], [{"text": "Cộng", "colspan": 2}]]}, "landscape": true},
              {"results": {"items": [{"label": "Đạt", "value": true}, {"label": "Tỷ lệ", "value": {"ratio": [3, 4], "decimals": 1}}, {"code": "TC 1", "label": "Hộ", "value": {"count": 12, "unit": "hộ"}, "status": "dat"}], "as": "table"}},
              {"chapter": "QUY ĐỊNH CHUNG", "body": [{"article": "Phạm vi", "body": ["Nội dung."]}]},
              {"part": "", "body": []}, {"division": "Mục một", "body": []}, {"page_break": true}],
            "signer": {"for": "Giám đốc", "title": "Phó Giám đốc", "name": "Lê Thị Hoa", "note": "(Đã ký)"},
            "distribution": ["Như trên", "Lưu: VT"], "drafter": {"initials": "NV", "copies": 3},
            "appendices": [{"title": "Danh sách", "body": ["x"]}],
            "copy": {"form": "sao-y", "issuer": {"name": "Văn phòng", "code": "VP"}, "electronic": true, "signed_at": "2026-03-10T09:00:00+07:00"},
            "style": {"body_size": 14, "line_spacing": 1.2}}"#;
        let doc: Document = serde_json::from_str(src).unwrap();
        let once = serde_json::to_string(&doc).unwrap();
        let again: Document = serde_json::from_str(&once).unwrap_or_else(|e| panic!("{e}: {once}"));
        assert_eq!(serde_json::to_string(&again).unwrap(), once);
        let v: serde_json::Value = serde_json::from_str(&once).unwrap();
        assert_eq!(v["body"][0], "Mở đầu.");
        assert_eq!(v["body"][3]["section"], "KẾT QUẢ");
        assert_eq!(v["body"][3]["body"][0]["list"][1]["items"][0], "a");
        assert_eq!(v["body"][4]["table"]["rows"][1][0]["colspan"], 2);
        assert_eq!(v["body"][4]["landscape"], true);
        assert_eq!(v["body"][5]["results"]["items"][1]["value"]["ratio"][1], 4);
        assert_eq!(v["signer"]["for"], "Giám đốc");
        assert!(v["signer"].get("on_behalf_of").is_none(), "absent values are left out: {once}");
        assert!(v.get("$schema").is_none() && v.get("meta").is_none());
        assert_eq!(v["style"]["body_size"], 14, "a whole size is written as an integer: {once}");
    }
}
