//! Empty signature fields (AcroForm, `/FT /Sig`) and, on an unregistered draft, the empty
//! text fields `number`, `day` and `month` over the blanks the văn thư fills at issuance
//! (`vanban sign --field agency --number N`), added after Typst's export as an incremental
//! update: Typst's bytes stay exactly as they are, and a signer may append further updates.
//! Each widget is printable, has an empty `/AP /N`, a Vietnamese `/TU`; no NeedAppearances,
//! no JavaScript, and Info and XMP are left untouched (PDF/A).

use super::boxes::MarkedBox;
use crate::error::{Error, Result};
use lopdf::{dictionary, Document, IncrementalDocument, Object, ObjectId, Stream};

/// A field to add: its name, description and rectangle (pt from the page's top-left).
#[derive(Debug, Clone)]
pub struct Field {
    /// Field name (`signer`, `agency`, …).
    pub name: String,
    /// Description shown by readers (`/TU`).
    pub description: String,
    /// The box.
    pub rect: MarkedBox,
    /// A signature field, or a text field filled at issuance.
    pub kind: Kind,
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A signature.
    Signature,
    /// Text in the line's own size (pt) and style: read-only for people, filled by `sign`.
    Issue {
        /// Text size, pt.
        size: f64,
        /// Italic (the date line).
        italic: bool,
    },
}

/// An issuance field's description, with the draft's year (which `sign` checks the date
/// against).
pub fn issue_description(name: &str, year: i32) -> String {
    match name {
        "number" => "Số của văn bản (văn thư điền khi ban hành)".into(),
        "signing_info" => "Thông tin chữ ký số (tùy chọn)".into(),
        "day" => format!("Ngày ban hành (năm {year})"),
        _ => format!("Tháng ban hành (năm {year})"),
    }
}

/// The description (`/TU`) of an electronic copy's signature field (ô 14), before ": " and
/// the copy form and copying agency that its signed appearance shows.
pub const COPY_FIELD: &str = "Chữ ký số của cơ quan, tổ chức sao văn bản";

/// What a field is for, from its name.
pub fn description(name: &str) -> &'static str {
    if name.starts_with("agency") {
        "Chữ ký số của cơ quan, tổ chức"
    } else {
        "Chữ ký số của người có thẩm quyền"
    }
}

fn err(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("adding signature fields: {e}"))
}

/// Append the fields to `pdf` in one incremental update.
pub fn add(pdf: Vec<u8>, fields: &[Field]) -> Result<Vec<u8>> {
    if fields.is_empty() {
        return Ok(pdf);
    }
    let prev = Document::load_mem(&pdf).map_err(err)?;
    let pages = prev.get_pages();
    let root_id = prev.trailer.get(b"Root").and_then(Object::as_reference).map_err(err)?;
    let mut inc = IncrementalDocument::create_from(pdf, prev);
    inc.opt_clone_object_to_new_document(root_id).map_err(err)?;
    let mut field_ids: Vec<Object> = Vec::new();
    let mut annots: std::collections::BTreeMap<ObjectId, Vec<Object>> = std::collections::BTreeMap::new();
    for f in fields {
        let page_id = *pages.get(&(f.rect.page as u32)).ok_or_else(|| err(format!("no page {}", f.rect.page)))?;
        let height = page_height(inc.get_prev_documents(), page_id)?;
        let r = &f.rect;
        let rect = vec![r.x.into(), (height - r.y - r.h).into(), (r.x + r.w).into(), (height - r.y).into()];
        let doc = &mut inc.new_document;
        let ap = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), Object::Real(r.w as f32), Object::Real(r.h as f32)],
                "Resources" => dictionary! {},
            },
            Vec::new(),
        ));
        let mut dict = dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig",
            "T" => Object::string_literal(f.name.as_str()),
            "TU" => lopdf::text_string(&f.description),
            "Rect" => rect, "F" => 4, "P" => page_id,
            "AP" => dictionary! { "N" => ap },
        };
        if let Kind::Issue { size, italic } = f.kind {
            dict.set("FT", "Tx");
            // Read-only: people do not type the number; `sign` fills it with its appearance.
            dict.set("Ff", 1);
            dict.set("Q", if f.name == "signing_info" { 2 } else { 1 });
            // The size and style `sign` draws the value in (the font name is the layout's).
            dict.set("DA", Object::string_literal(format!("/{} {size} Tf 0 g", if italic { "VanbanItalic" } else { "VanbanRegular" })));
        }
        let id = doc.add_object(dict);
        field_ids.push(id.into());
        annots.entry(page_id).or_default().push(id.into());
    }
    for (page_id, ids) in annots {
        inc.opt_clone_object_to_new_document(page_id).map_err(err)?;
        let existing: Vec<Object> = {
            let page = inc.new_document.get_dictionary(page_id).map_err(err)?;
            match page.get(b"Annots") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(Object::Reference(r)) => inc.get_prev_documents().get_object(*r).and_then(Object::as_array).cloned().unwrap_or_default(),
                _ => Vec::new(),
            }
        };
        let mut all = existing;
        all.extend(ids);
        let page = inc.new_document.get_dictionary_mut(page_id).map_err(err)?;
        page.set("Annots", Object::Array(all));
    }
    let catalog = inc.new_document.get_dictionary_mut(root_id).map_err(err)?;
    catalog.set("AcroForm", dictionary! { "Fields" => field_ids });
    let mut out = Vec::new();
    inc.save_to(&mut out).map_err(err)?;
    Ok(out)
}

fn page_height(doc: &Document, page_id: ObjectId) -> Result<f64> {
    let page = doc.get_dictionary(page_id).map_err(err)?;
    let mb = page.get(b"MediaBox").and_then(Object::as_array).map_err(err)?;
    let n = |o: &Object| o.as_float().map(|f| f as f64).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap_or(0.0);
    Ok(n(&mb[3]) - n(&mb[1]))
}
