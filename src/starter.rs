//! `vanban new TYPE`: a valid starter document for any of the 29 types, with Vietnamese
//! placeholders for every field that type uses. The examples follow the two-level local
//! government in force since 1 July 2025 (tỉnh/thành phố, then xã/phường; no huyện): a
//! commune's people's committee prints no parent line.

use crate::nd30::types::{by_slug, DocType};
use serde_json::{json, Value};

fn generic_body(ty: &DocType) -> Value {
    json!([
        format!("Căn cứ …, [tên cơ quan] {} như sau:", ty.name.to_lowercase()),
        { "section": "Tên mục thứ nhất", "body": [
            "Nội dung của mục; **chữ đậm** và *chữ nghiêng* viết như thế này.",
            { "list": ["Ý thứ nhất;", "Ý thứ hai."] }
        ] },
        { "section": "Tên mục thứ hai", "body": [
            { "results": { "items": [
                { "code": "Chỉ tiêu 1", "label": "Tên chỉ tiêu", "value": { "ratio": [45, 50] }, "status": "dat" }
            ] } }
        ] },
        "Câu kết thúc văn bản./."
    ])
}

fn signer() -> Value {
    json!({ "on_behalf_of": "Ủy ban nhân dân", "for": "Chủ tịch", "title": "Phó Chủ tịch", "name": "Họ và tên người ký" })
}

/// The starter of a type in a profile; `None` for a slug the profile does not have.
pub fn starter_for(profile: crate::profile::Profile, slug: &str) -> Option<Value> {
    match profile {
        crate::profile::Profile::Nd30 => starter(slug),
        crate::profile::Profile::Dang => crate::dang::starter::starter(slug),
    }
}

/// The starter JSON for a type slug; `None` for an unknown slug.
pub fn starter(slug: &str) -> Option<Value> {
    let ty = by_slug(slug)?;
    let mut d = json!({
        "$schema": "vanban.schema.json",
        "type": ty.slug,
        "issuer": { "name": "Ủy ban nhân dân xã …", "code": "UBND" },
        "number": 1,
        "place": "Địa danh",
        "date": "2026-01-15",
        "subject": format!("Trích yếu nội dung {}", ty.name.to_lowercase()),
        "recipients": ["Tên cơ quan, tổ chức nhận văn bản"],
        "body": generic_body(ty),
        "signer": signer(),
        "distribution": ["Như trên", "Lưu: VT"],
        "drafter": { "initials": "ab", "copies": 5 },
    });
    let o = d.as_object_mut().expect("an object");
    match ty.slug {
        "cong-van" => {
            o.insert("unit".into(), json!("VP"));
            o.insert("subject".into(), json!("Nội dung trích yếu của công văn"));
            o.insert("body".into(), json!(["Nội dung công văn.", "Trân trọng./."]));
            o.insert("contact".into(), json!({ "address": "Địa chỉ cơ quan", "phone": "0234 …", "email": "…@….gov.vn", "website": "….gov.vn" }));
        }
        "quyet-dinh" | "nghi-quyet" => {
            o.remove("recipients");
            o.insert("subject".into(), json!("Về việc …"));
            o.insert("authority".into(), json!("Chủ tịch Ủy ban nhân dân xã …"));
            o.insert("bases".into(), json!(["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025", "Căn cứ …"]));
            o.insert("proposal".into(), json!("Theo đề nghị của …"));
            o.insert("body".into(), json!([
                { "article": "Tên điều thứ nhất", "body": ["Nội dung Điều 1."] },
                { "article": "", "body": ["Điều không có tên: nội dung viết tiếp sau \"Điều 2.\"."] },
                { "article": "Tổ chức thực hiện", "body": ["… chịu trách nhiệm thi hành Quyết định này./."] }
            ]));
            o.insert("signer".into(), json!({ "on_behalf_of": "Ủy ban nhân dân", "title": "Chủ tịch", "name": "Họ và tên người ký" }));
            o.insert("distribution".into(), json!(["Như Điều 3", "Lưu: VT"]));
        }
        "cong-dien" => {
            o.insert("urgency".into(), json!("hoa-toc"));
            o.insert("lead".into(), json!("Chủ tịch Ủy ban nhân dân tỉnh …"));
            o.insert("recipients".into(), json!(["Giám đốc các sở, ban, ngành", "Chủ tịch Ủy ban nhân dân các xã, phường"]));
        }
        "giay-moi" => {
            o.insert("lead".into(), json!("Ủy ban nhân dân xã …"));
            o.insert("body".into(), json!(["Tới dự: …", "Thời gian: … giờ …, ngày … tháng … năm …", "Địa điểm: …", "Rất mong … tham dự./."]));
        }
        "giay-gioi-thieu" => {
            o.remove("subject");
            o.remove("recipients");
            o.insert("body".into(), json!(["[Tên cơ quan] trân trọng giới thiệu:", "Ông (bà): …", "Chức vụ: …", "Được cử đến: …", "Về việc: …", "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên trên hoàn thành nhiệm vụ.", "Giấy này có giá trị đến hết ngày …/."]));
        }
        "giay-nghi-phep" => {
            o.remove("subject");
            o.remove("recipients");
            o.insert("body".into(), json!(["Xét Đơn đề nghị nghỉ phép ngày … của ông (bà) …,", "[Tên cơ quan] cấp cho: Ông (bà) …", "Chức vụ: …", "Nghỉ phép năm … trong thời gian … ngày, kể từ ngày … đến hết ngày … tại …/."]));
        }
        "bien-ban" => {
            o.remove("recipients");
            o.remove("signer");
            o.insert("body".into(), json!(["Thời gian: …", "Địa điểm: …", "Thành phần: …", "Chủ trì: … Thư ký: …", { "section": "Nội dung", "body": [{ "list": ["…"] }] }, "Cuộc họp kết thúc lúc … giờ …./."]));
            o.insert("signers".into(), json!([{ "lines": ["Thư ký"], "name": "Họ và tên thư ký" }, { "lines": ["Chủ tọa"], "name": "Họ và tên chủ tọa" }]));
        }
        _ => {}
    }
    Some(d)
}

/// The order a person reads a document in: keys of every object of a starter are printed in
/// this order (serde_json's map would sort them alphabetically, `body` first).
const READING_ORDER: &[&str] = &[
    "$schema", "profile", "type", "section", "article", "chapter", "part", "division", "paragraph", "list", "table", "results",
    "issuer", "parent", "on_behalf_of", "for", "by_order_of", "by_delegation_of", "acting", "title", "text", "name",
    "lines", "code", "label", "number", "symbol", "unit", "place", "date", "subject", "urgency", "secrecy",
    "draft", "circulation", "authority", "bases", "proposal", "recipients", "lead", "body", "items", "marker", "value", "ratio",
    "decimals", "rounding", "show", "count", "status", "note", "signer", "signers", "distribution", "drafter",
    "initials", "copies", "contact", "address", "phone", "email", "website", "appendices", "copy", "style", "meta",
];

/// Pretty JSON (two-space indent) with object keys in [`READING_ORDER`].
pub fn to_reading_order(v: &Value) -> String {
    let mut out = String::new();
    write_value(v, 0, &mut out);
    out
}

fn write_value(v: &Value, level: usize, out: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    match v {
        Value::Object(o) if !o.is_empty() => {
            let rank = |k: &str| READING_ORDER.iter().position(|x| *x == k).unwrap_or(READING_ORDER.len());
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort_by_key(|k| rank(k));
            out.push_str("{\n");
            for (i, k) in keys.iter().enumerate() {
                out.push_str(&pad(level + 1));
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push_str(": ");
                write_value(&o[k.as_str()], level + 1, out);
                out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(level));
            out.push('}');
        }
        Value::Array(a) if !a.is_empty() => {
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                out.push_str(&pad(level + 1));
                write_value(x, level + 1, out);
                out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(level));
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_reading_order() {
        let s = to_reading_order(&starter("cong-van").unwrap());
        let at = |k: &str| s.find(&format!("\"{k}\":")).unwrap_or_else(|| panic!("{k} missing"));
        let order = ["type", "issuer", "number", "unit", "place", "date", "subject", "recipients", "body", "signer", "distribution", "drafter", "contact"];
        for w in order.windows(2) {
            assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
        }
        assert!(s.find("\"name\": \"Ủy ban nhân dân xã").unwrap() < s.find("\"code\": \"UBND\"").unwrap());
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, starter("cong-van").unwrap());
    }

    #[test]
    fn two_level_local_government() {
        for t in crate::nd30::types::TYPES {
            let s = to_reading_order(&starter(t.slug).unwrap());
            assert!(!s.to_lowercase().contains("huyện"), "{}: {s}", t.slug);
        }
    }
}
