//! `vanban new TYPE`: a valid starter document for any of the 29 types, with Vietnamese
//! placeholders for every field that type uses.

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

/// The starter JSON for a type slug; `None` for an unknown slug.
pub fn starter(slug: &str) -> Option<Value> {
    let ty = by_slug(slug)?;
    let mut d = json!({
        "type": ty.slug,
        "issuer": { "parent": "Ủy ban nhân dân huyện …", "name": "Ủy ban nhân dân xã …", "code": "UBND" },
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
            o.insert("bases".into(), json!(["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Căn cứ …"]));
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
            o.insert("recipients".into(), json!(["Giám đốc các sở, ban, ngành", "Chủ tịch Ủy ban nhân dân các huyện"]));
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
