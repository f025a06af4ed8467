//! Envelopes (Nghị định 30, Phụ lục IV.II): one page an addressee — the Kính gửi recipients,
//! or where there are none the Nơi nhận items other than "Như trên" and "Lưu" — with the
//! sender's block (the issuer, its parent, `contact`), "Số/ký hiệu văn bản: …" and the
//! addressee under "Kính gửi:". DL size, 110 × 220 mm: the decree's form gives the layout of
//! the envelope, not its size.

use crate::error::Result;
use crate::model::Document;

/// The addressees of a document's envelopes.
pub fn addressees(doc: &Document) -> Vec<String> {
    if let Some(r) = doc.recipients.as_ref().filter(|r| !r.is_empty()) {
        return r.iter().map(|s| s.trim().trim_start_matches(['-', '–']).trim().trim_end_matches([';', '.', ',']).trim().to_string()).filter(|s| !s.is_empty()).collect();
    }
    let (to, _) = crate::nd30::distribution::split(doc.distribution.as_deref().unwrap_or(&[]));
    to.into_iter().filter(|s| !s.to_lowercase().starts_with("như trên")).collect()
}

/// The envelopes of `doc` as one PDF, a page each.
pub fn pdf(doc: &Document, fonts: &crate::fonts::FontSet) -> Result<Vec<u8>> {
    let to = addressees(doc);
    if to.is_empty() {
        return Err(crate::register::refuse("$.recipients", "no-addressee", "the document names no addressee: no Kính gửi, and Nơi nhận has only \"Như trên\" and \"Lưu\"", "add recipients or Nơi nhận items"));
    }
    let ty = crate::nd30::types::by_slug(&doc.doc_type);
    let number = ty.map(|t| crate::nd30::symbol::reference(doc.number, &crate::nd30::symbol::symbol(t, &doc.issuer.code, doc.unit.as_deref(), doc.symbol.as_deref()))).unwrap_or_default();
    let c = doc.contact.as_ref();
    let contact: Vec<String> = [("Địa chỉ", c.and_then(|c| c.address.clone())), ("Điện thoại", c.and_then(|c| c.phone.clone())), ("E-Mail", c.and_then(|c| c.email.clone())), ("Website", c.and_then(|c| c.website.clone()))]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}: {v}")))
        .collect();
    let style = crate::pdf::layout::Layout::embedded_style();
    let data = serde_json::json!({
        "font": style.font.family,
        "name": doc.issuer.name,
        "parent": doc.issuer.parent.clone().unwrap_or_default(),
        "contact": contact,
        "number": number,
        "recipients": to,
        "kinh_gui": crate::nd30::KINH_GUI,
    });
    let json = serde_json::to_vec(&data).map_err(|e| crate::Error::Internal(e.to_string()))?;
    crate::pdf::small::render("/envelope.typ", include_str!("../layouts/nd30/envelope.typ"), vec![("/envelope.json", json)], fonts, "vanban-envelope", true)
        .unwrap_or_else(|m| Err(crate::Error::Internal(format!("the envelope's layout: {m}"))))
}
