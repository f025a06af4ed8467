//! `vanban new --profile dang TYPE`: a Party starter for each of the 28 types, with every part
//! the type uses (căn cứ for nghị quyết and quyết định, Kính gửi for công văn, Kính trình for
//! tờ trình, two signers for biên bản). A đảng uỷ xã under the province-level đảng bộ, as
//! the two-level local government has it since 1 July 2025.

use super::types::{by_slug, PartyType};
use serde_json::{json, Value};

fn body(ty: &PartyType) -> Value {
    json!([
        format!("Nội dung mở đầu của {} (lý do, mục đích).", ty.name.to_lowercase()),
        { "section": "Tên phần thứ nhất", "body": [
            "Nội dung; **chữ đậm** và *chữ nghiêng* viết như thế này.",
            { "list": ["Ý thứ nhất;", "Ý thứ hai."] }
        ] },
        { "section": "Tổ chức thực hiện", "body": ["Các chi bộ, cơ quan liên quan tổ chức thực hiện."] }
    ])
}

/// The Party starter for a slug; `None` for a slug that is not a Party type.
pub fn starter(slug: &str) -> Option<Value> {
    let ty = by_slug(slug)?;
    let mut d = json!({
        "$schema": "vanban.schema.json",
        "profile": "dang",
        "type": ty.slug,
        "issuer": { "parent": "Đảng bộ tỉnh …", "name": "Đảng uỷ xã …", "code": "ĐU" },
        "number": 1,
        "place": "Địa danh",
        "date": "2026-06-15",
        "subject": format!("về …"),
        "body": body(ty),
        "signer": { "on_behalf_of": "Đảng uỷ", "title": "Bí thư", "name": "Họ và tên người ký" },
        "distribution": ["Ban Thường vụ Tỉnh uỷ (để báo cáo)", "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng uỷ"],
        "drafter": { "initials": "vp", "copies": 5 },
    });
    let o = d.as_object_mut().expect("an object");
    if ty.has_bases() {
        o.insert("bases".into(), json!(["Căn cứ Điều lệ Đảng Cộng sản Việt Nam", "Căn cứ …"]));
        o.insert("proposal".into(), json!("Xét đề nghị của …"));
    }
    match ty.slug {
        "nghi-quyet" => {
            o.insert("authority".into(), json!("Ban Chấp hành Đảng bộ xã quyết nghị:"));
        }
        "quyet-dinh" => {
            o.insert("subject".into(), json!("về việc …"));
            o.insert("authority".into(), json!("Ban Thường vụ Đảng uỷ quyết định:"));
            o.insert("body".into(), json!([
                { "article": "", "body": ["Nội dung quyết định."] },
                { "article": "", "body": ["Văn phòng Đảng uỷ, các chi bộ và cá nhân liên quan chịu trách nhiệm thi hành Quyết định này."] }
            ]));
            o.insert("signer".into(), json!({ "on_behalf_of": "Ban Thường vụ", "title": "Bí thư", "name": "Họ và tên người ký" }));
            o.insert("distribution".into(), json!(["Như Điều 2", "Lưu Văn phòng Đảng uỷ"]));
        }
        "cong-van" => {
            o.insert("subject".into(), json!("về việc …"));
            o.insert("recipients".into(), json!(["Các chi bộ trực thuộc"]));
            o.insert("body".into(), json!(["Nội dung công văn.", "Đề nghị các chi bộ thực hiện."]));
            o.insert("signer".into(), json!({ "on_behalf_of": "Ban Thường vụ", "title": "Phó Bí thư", "name": "Họ và tên người ký" }));
            o.insert("distribution".into(), json!(["Như trên", "Lưu Văn phòng Đảng uỷ"]));
        }
        "to-trinh" => {
            o.insert("recipients".into(), json!(["Ban Thường vụ Tỉnh uỷ …"]));
            o.insert("distribution".into(), json!(["Như trên", "Lưu Văn phòng Đảng uỷ"]));
        }
        "bien-ban" => {
            o.remove("signer");
            o.remove("distribution");
            o.insert("body".into(), json!(["Thời gian: …", "Địa điểm: …", "Thành phần: …", "Chủ trì: …", { "section": "Nội dung", "body": [{ "list": ["…"] }] }, "Hội nghị kết thúc lúc … giờ … cùng ngày."]));
            o.insert("signers".into(), json!([
                { "lines": ["Người ghi biên bản"], "name": "Họ và tên người ghi" },
                { "lines": ["Chủ trì hội nghị"], "name": "Họ và tên người chủ trì" }
            ]));
        }
        "giay-gioi-thieu" | "giay-chung-nhan" | "giay-di-duong" | "giay-nghi-phep" | "giay-moi" | "phieu-chuyen" | "phieu-gui" | "thu-cong" => {
            o.remove("subject");
            o.insert("body".into(), json!(["Đảng uỷ xã … trân trọng giới thiệu đồng chí: …", "Chức vụ: …", "Được cử đến: …", "Về việc: …", "Đề nghị các đồng chí tạo điều kiện để đồng chí có tên trên hoàn thành nhiệm vụ."]));
            o.insert("signer".into(), json!({ "by_order_of": "Ban Thường vụ", "title": "Chánh Văn phòng", "name": "Họ và tên người ký" }));
            o.insert("distribution".into(), json!(["Như trên", "Lưu Văn phòng Đảng uỷ"]));
        }
        _ => {}
    }
    Some(d)
}
