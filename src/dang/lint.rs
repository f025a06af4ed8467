//! The Party guide's lint (warnings on a valid Party document), codes listed in the README:
//! `dang-kt`, `dang-chuc-vu`, `dang-qdi`, `dang-kinh-gui`, `dang-punctuation`,
//! `dang-so-colon`, `dang-recipients`, and `no-nhu-tren` for công văn and tờ trình.

use super::signing::{is_cap_uy, title_names_body};
use super::text::old_punctuation;
use crate::error::InputError;
use crate::model::Document;

fn warn(path: impl Into<String>, code: &'static str, msg: impl Into<String>, hint: &str) -> InputError {
    InputError::at(path, msg).code(code).hint(hint).warning()
}

/// Every Party warning of a document.
pub fn warnings(d: &Document) -> Vec<InputError> {
    let mut out = Vec::new();
    let ty = super::types::by_slug(&d.doc_type);
    let signers: Vec<(String, &crate::model::Signer)> = match (&d.signer, &d.signers) {
        (Some(s), _) => vec![("$.signer".into(), s)],
        (None, Some(v)) => v.iter().enumerate().map(|(i, s)| (format!("$.signers[{i}]"), s)).collect(),
        _ => vec![],
    };
    let cap_uy_issuer = is_cap_uy(&d.issuer.name);
    for (path, s) in &signers {
        if let Some(head) = &s.for_ {
            if cap_uy_issuer || is_cap_uy(head) {
                out.push(warn(
                    format!("{path}.for"),
                    "dang-kt",
                    format!("K/T in a document of a cấp uỷ (\"{}\"): a cấp uỷ never signs K/T", d.issuer.name.trim()),
                    "a phó bí thư signs \"T/M ĐẢNG UỶ / PHÓ BÍ THƯ\": use on_behalf_of",
                ));
            }
        }
        if let Some(t) = s.title.as_deref().filter(|t| title_names_body(t)) {
            out.push(warn(format!("{path}.title"), "dang-chuc-vu", format!("the chức vụ \"{t}\" names the body"), "the guide writes the chức vụ alone (\"Bí thư\", not \"Bí thư Đảng uỷ xã\")"));
        }
    }
    let qdi = d.symbol.as_deref().is_some_and(|s| s.contains("QĐi")) || d.bases.iter().flatten().any(|b| b.contains("QĐi"));
    if qdi {
        out.push(warn(if d.symbol.as_deref().is_some_and(|s| s.contains("QĐi")) { "$.symbol" } else { "$.bases" }, "dang-qdi", "\"QĐi\" is the code of 2018: Quy định is coded QĐ since Hướng dẫn 05-HD/VPTW", "write QĐ"));
    }
    if d.symbol.as_deref().is_some_and(|s| s.contains(':') || s.trim_start().starts_with("Số")) {
        out.push(warn("$.symbol", "dang-so-colon", "a Party number line is \"Số 01-NQ/ĐU\": no colon, and the symbol without \"Số\"", "give the symbol alone (\"NQ/ĐU\")"));
    }
    if let Some(ty) = ty {
        let recipients = d.recipients.as_deref().unwrap_or(&[]);
        if ty.slug == "to-trinh" {
            let kinh_gui = recipients.iter().any(|r| r.trim_start().starts_with("Kính gửi"))
                || d.body.first().is_some_and(|b| matches!(b, crate::model::Block::Paragraph(p) if p.text.trim_start().starts_with("Kính gửi")));
            if kinh_gui {
                out.push(warn("$.recipients", "dang-kinh-gui", "a tờ trình is addressed \"Kính trình\" since Hướng dẫn 05-HD/VPTW, not \"Kính gửi\"", "give the recipients alone; vanban prints \"Kính trình:\""));
            }
        }
        if ty.addressee_label().is_none() && !recipients.is_empty() {
            out.push(warn("$.recipients", "dang-recipients", format!("a {} prints no Kính gửi: the recipients are not printed", ty.name.to_lowercase()), "name them in Nơi nhận"));
        }
        let dist = d.distribution.as_deref().unwrap_or(&[]);
        if ty.addressee_label().is_some() && !recipients.is_empty() && !dist.iter().any(|x| x.trim().trim_start_matches('-').trim().to_lowercase().starts_with("như trên")) {
            out.push(warn("$.distribution", "no-nhu-tren", "Nơi nhận of a công văn or tờ trình begins with \"Như trên\"", "add \"Như trên\" as the first item"));
        }
    }
    for (path, list) in [("$.bases", d.bases.as_deref()), ("$.distribution", d.distribution.as_deref()), ("$.recipients", d.recipients.as_deref())] {
        if list.is_some_and(old_punctuation) {
            out.push(warn(path, "dang-punctuation", "items end with \",\" as in 2018: Hướng dẫn 05-HD/VPTW ends each with \";\" and the last with \".\"", "leave the marks out: vanban adds the guide's"));
        }
    }
    out
}
