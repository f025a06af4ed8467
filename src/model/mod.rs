//! The input contract (`spec/input.md`) as Rust types: one JSON object per document.
//!
//! Parsing is strict: unknown keys are errors (except under `meta` and a top-level
//! `"$schema"`), a key given twice is an error, `null` means absent. Every string is
//! normalised to NFC and put through the character rule ([`chars`]) before it reaches
//! these types (see [`parse`]).

pub mod blocks;
pub mod chars;
pub mod parse;
pub mod picture;
pub mod serialise;
pub mod suggest;
pub mod validate;

pub use blocks::*;
pub use parse::{parse_document, ParseOutcome};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One administrative document, as the JSON input states it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Ignored: lets editors find the JSON Schema.
    #[serde(rename = "$schema")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<serde_json::Value>,
    /// Which rules the document follows: "nd30" (default: Nghị định 30/2020/NĐ-CP) or "dang"
    /// (a Party document, Hướng dẫn 05-HD/VPTW of 2026). — Thể thức: "nd30" (mặc định) hoặc "dang".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// A type slug of the document's profile: one of the decree's 29 (`bao-cao`, `cong-van`, …)
    /// or the Party guide's 28 (`nghi-quyet`, `to-trinh`, …). — Loại văn bản của thể thức đã chọn.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// The issuing agency (and its parent). — Cơ quan ban hành (và cơ quan chủ quản).
    pub issuer: Issuer,
    /// Registered number; absent = not yet registered (printed blank). — Số văn bản; bỏ trống nếu chưa đăng ký.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// Explicit symbol, overriding the derived one. — Ký hiệu (nếu muốn thay ký hiệu tự tính).
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Drafting unit: the second part of a công văn's symbol. — Đơn vị soạn thảo (phần sau ký hiệu công văn).
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Place of issue, printed before the date. — Địa danh.
    #[schemars(length(max = validate::LINE_MAX))]
    pub place: String,
    /// ISO date, or a year alone for an undated draft. — Ngày ban hành (YYYY-MM-DD) hoặc chỉ năm cho dự thảo.
    pub date: String,
    /// Trích yếu (công văn: printed after "V/v"). — Trích yếu nội dung.
    #[schemars(length(max = validate::SUBJECT_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Urgency mark: khan | thuong-khan | hoa-toc. — Độ khẩn: khan, thuong-khan, hoa-toc.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgency: Option<String>,
    /// Secrecy mark: mat | toi-mat | tuyet-mat. — Độ mật: mat, toi-mat, tuyet-mat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<String>,
    /// Party documents only: the draft mark under Số (ô 11b), "Dự thảo lần 2". — Dấu dự thảo (văn bản của Đảng).
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    /// Circulation mark (ô 11). — Chỉ dẫn phạm vi lưu hành.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub circulation: Option<String>,
    /// Authority heading of decisions and resolutions. — Thẩm quyền ban hành (quyết định, nghị quyết).
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// Căn cứ lines. — Các căn cứ ban hành.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bases: Option<Vec<String>>,
    /// "Theo đề nghị của …". — Theo đề nghị của …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<String>,
    /// Kính gửi. — Nơi gửi (Kính gửi).
    #[schemars(inner(length(max = validate::LINE_MAX)))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<String>>,
    /// Lead line — Dòng dẫn (công điện, giấy mời). Công điện: who sends it ("<AGENCY OR TITLE> điện:"); giấy mời: who invites ("…
    /// trân trọng kính mời:"). Default: the issuer's name.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The numbered body. — Nội dung văn bản.
    #[serde(default)]
    pub body: Vec<Block>,
    /// The signer (one). — Người ký.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
    /// Several signers, left to right (biên bản, joint documents). — Nhiều người ký (biên bản, văn bản liên tịch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signers: Option<Vec<Signer>>,
    /// Nơi nhận items, in order, as given. — Nơi nhận.
    #[schemars(inner(length(max = validate::LINE_MAX)))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Vec<String>>,
    /// Drafter initials and number of copies (ô 12). — Ký hiệu người soạn thảo và số lượng bản.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drafter: Option<Drafter>,
    /// Address block at the foot of page 1 (ô 13). — Địa chỉ, điện thoại, thư điện tử, trang thông tin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Phụ lục and attached documents. — Phụ lục và văn bản ban hành kèm theo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appendices: Option<Vec<Appendix>>,
    /// This output is a copy (Mẫu 3.1 / 3.2). — Bản sao (sao y, sao lục, trích sao).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy: Option<Copy>,
    /// Choices inside the decree's ranges. — Tùy chọn trình bày trong phạm vi Nghị định 30.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<StyleInput>,
    /// Free; `meta.output` is read by batch. — Tự do; batch đọc `meta.output` làm tên tệp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<serde_json::Value>,
}

/// The issuing agency.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Cơ quan chủ quản (printed UPPER, regular). — Cơ quan chủ quản.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Issuing agency (printed UPPER, bold). — Tên cơ quan ban hành.
    #[schemars(length(max = validate::LINE_MAX))]
    pub name: String,
    /// The issuer's part of the symbol. — Chữ viết tắt tên cơ quan trong ký hiệu.
    #[schemars(length(max = validate::LINE_MAX))]
    pub code: String,
}

/// A signer and the authority they sign with.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// TM. <collective>.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    /// KT. <head's title>.
    #[serde(rename = "for")]
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_: Option<String>,
    /// TL. <head's title>.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_order_of: Option<String>,
    /// TUQ. <head's title>.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_delegation_of: Option<String>,
    /// Q. before the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acting: Option<bool>,
    /// The signer's own title. — Chức vụ của người ký.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The signer's name. — Họ và tên người ký.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Explicit signing lines (printed UPPER as given), instead of the prefixes and title.
    #[schemars(inner(length(max = validate::LINE_MAX)))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<String>>,
    /// Text in the signature space, e.g. "(Đã ký)".
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Drafter initials and copies (ô 12).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Drafter {
    /// Initials of the drafter.
    #[schemars(length(max = validate::LINE_MAX))]
    pub initials: String,
    /// Number of copies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
}

/// Address, phone, e-mail, website (ô 13).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Postal address.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Telephone.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Website.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// A Phụ lục, or an attached document when it has a `type`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Type slug of an attached document (Mẫu 1.3).
    #[serde(rename = "type")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    /// Title (UPPER for a plain appendix).
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Replaces the "Phụ lục I" line; "" prints none.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Replaces the "(Kèm theo …)" line, printed whole as given.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The appendix's body.
    #[serde(default)]
    pub body: Vec<Block>,
}

/// A copy of the document (Mẫu 3.1 / 3.2).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Copy {
    /// sao-y | sao-luc | trich-sao.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// The copying agency.
    pub issuer: CopyIssuer,
    /// The copy's own number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// Place of the copy (default: the document's).
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Date of the copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Signer of the copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
    /// Nơi nhận of the copy.
    #[schemars(inner(length(max = validate::LINE_MAX)))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Vec<String>>,
    /// Electronic copy: 10 pt signing info, no paper block.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub electronic: Option<bool>,
    /// ISO 8601 signing time shown on an electronic copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<String>,
}

/// The copying agency.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CopyIssuer {
    /// Name (printed UPPER).
    #[schemars(length(max = validate::LINE_MAX))]
    pub name: String,
    /// Code for the copy's symbol.
    #[schemars(length(max = validate::LINE_MAX))]
    pub code: String,
    /// Parent agency.
    #[schemars(length(max = validate::LINE_MAX))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// The input's style choices; every value must lie inside the decree's range.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StyleInput {
    /// Body text size, 13–14 pt.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialise::whole")]
    pub body_size: Option<f64>,
    /// First-line indent: "1cm" or "1.27cm".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indent: Option<String>,
    /// A multiple 1.0–1.5, or an exact "18pt" inside that span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_spacing: Option<serde_json::Value>,
    /// Space between paragraphs, at least 6pt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph_spacing: Option<String>,
    /// Page margins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margins: Option<MarginsInput>,
    /// Quốc hiệu and agency lines: 12 or 13 pt (Tiêu ngữ and date one more).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialise::whole")]
    pub header_size: Option<f64>,
    /// The agency seal's real diameter, 20–60 mm ("40mm"): the size of the `agency` signature
    /// field, where `vanban sign` draws the seal image (default 36 mm).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seal: Option<String>,
    /// Party documents only: printed on both sides, even pages mirror the margins (left 15,
    /// right 30 mm). — In hai mặt (văn bản của Đảng).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplex: Option<bool>,
}

/// Page margins as lengths with a unit.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarginsInput {
    /// Top, 20–25 mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top: Option<String>,
    /// Bottom, 20–25 mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bottom: Option<String>,
    /// Left, 30–35 mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<String>,
    /// Right, 15–20 mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right: Option<String>,
}

/// The JSON Schema (2020-12) of the input, generated from these types.
pub fn schema() -> serde_json::Value {
    let mut s = serde_json::to_value(schemars::schema_for!(Document)).expect("a schema is JSON");
    if let Some(o) = s.as_object_mut() {
        o.insert("title".into(), "vanban input: one Vietnamese administrative document (Nghị định 30/2020/NĐ-CP) or Party document (Hướng dẫn 05-HD/VPTW, \"profile\": \"dang\")".into());
        o.insert("description".into(), "Một văn bản hành chính theo Nghị định 30/2020/NĐ-CP, hoặc văn bản của Đảng theo Hướng dẫn 05-HD/VPTW (\"profile\": \"dang\"). See spec/input.md and the README's Party section.".into());
        if let Some(p) = o.get_mut("properties").and_then(|p| p.get_mut("profile")).and_then(|p| p.as_object_mut()) {
            p.insert("enum".into(), serde_json::json!(["nd30", "dang", null]));
        }
        // Each profile its types; a key only the other profile has is refused.
        let rules: Vec<serde_json::Value> = crate::profile::Profile::ALL
            .iter()
            .map(|&pr| {
                let slugs: Vec<&str> = pr.types().iter().map(|t| t.slug).collect();
                let cond = if pr == crate::profile::Profile::Nd30 {
                    serde_json::json!({ "anyOf": [ { "not": { "required": ["profile"] } }, { "properties": { "profile": { "enum": ["nd30", null] } } } ] })
                } else {
                    serde_json::json!({ "required": ["profile"], "properties": { "profile": { "const": pr.slug() } } })
                };
                let top: Vec<&str> = pr.other().own_keys().iter().filter_map(|k| k.strip_prefix("$.")).filter(|k| !k.contains('.')).collect();
                let style: Vec<&str> = pr.other().own_keys().iter().filter_map(|k| k.strip_prefix("$.style.")).collect();
                serde_json::json!({
                    "if": cond,
                    "then": {
                        "properties": { "type": { "enum": slugs }, "style": { "not": { "anyOf": style.iter().map(|k| serde_json::json!({ "required": [k] })).collect::<Vec<_>>() } } },
                        "not": { "anyOf": top.iter().map(|k| serde_json::json!({ "required": [k] })).collect::<Vec<_>>() }
                    }
                })
            })
            .collect();
        o.insert("allOf".into(), serde_json::Value::Array(rules));
    }
    s
}
