//! A signed field's look (its `/AP /N`): the signature or seal image fitted in the field, or a
//! few lines of text, laid out by Typst with vanban's own fonts (so every font is embedded
//! and subset, as PDF/A wants) and imported from that one-page PDF as a Form XObject.
//! Nothing is drawn into the page content: a later signature would see it as a change.

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use lopdf::{dictionary, Document, Object, ObjectId, Stream};
use std::collections::HashMap;

/// The layout of an appearance: reads `/appearance.json` as data, never as markup.
const SOURCE: &str = include_str!("../../layouts/nd30/appearance.typ");

/// What the field shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Look {
    /// The field's width, pt.
    pub width: f64,
    /// The field's height, pt.
    pub height: f64,
    /// Text lines, shown when there is no image (centred).
    pub lines: Vec<String>,
    /// Text size, pt.
    pub size: f64,
    /// Where text may go across the field (pt from its left): the part no other field covers.
    pub text_x0: f64,
    /// The right end of that part.
    pub text_x1: f64,
    /// The font family.
    pub font: String,
    /// Whether `/appearance.png` is drawn (fitted, centred, transparency kept).
    pub image: bool,
    /// A form field's value (the number, the day, the month), drawn on the line's baseline.
    pub value: Option<String>,
    /// The value in italic (the date line).
    pub italic: bool,
    /// The value's alignment in its blank: `right` (the number, against its symbol's "/") or
    /// `center`.
    pub align: &'static str,
}

/// The appearance as a one-page PDF of the field's size.
pub fn render(look: &Look, image: Option<&[u8]>, fonts: &FontSet) -> Result<Vec<u8>> {
    let data = serde_json::to_vec(look).map_err(|e| Error::Internal(format!("appearance data: {e}")))?;
    let files = vec![("/appearance.json", data), ("/appearance.png", image.unwrap_or_default().to_vec())];
    // PDF/A-2b rules on what is drawn (fonts embedded, no forbidden features); only the page's
    // content and resources are kept.
    crate::pdf::small::render("/appearance.typ", SOURCE, files, fonts, "vanban-appearance", false).unwrap_or_else(|msg| {
        Err(if image.is_some() {
            super::refuse("--image", "bad-image", format!("the image cannot be drawn: {msg}"), "give a PNG (transparent background) or a JPEG")
        } else {
            Error::Internal(format!("appearance layout: {msg}"))
        })
    })
}

/// Copy the first page of `pdf` into `dst` as a Form XObject of `width` × `height` pt.
pub fn import(pdf: &[u8], dst: &mut Document, width: f64, height: f64) -> Result<ObjectId> {
    let err = |e: lopdf::Error| Error::Internal(format!("importing the appearance: {e}"));
    let src = Document::load_mem(pdf).map_err(err)?;
    let page_id = *src.get_pages().get(&1).ok_or_else(|| Error::Internal("the appearance has no page".into()))?;
    let page = src.get_dictionary(page_id).map_err(err)?;
    let content = src.get_page_content(page_id);
    let mut map = HashMap::new();
    let resources = match page.get(b"Resources") {
        Ok(r) => copy(&src, r, dst, &mut map),
        Err(_) => Object::Dictionary(dictionary! {}),
    };
    let mut dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), Object::Real(width as f32), Object::Real(height as f32)],
        "Resources" => resources,
    };
    // An image with transparency comes with the page's transparency group: keep it.
    if let Ok(group) = page.get(b"Group") {
        dict.set("Group", copy(&src, group, dst, &mut map));
    }
    let mut stream = Stream::new(dict, content);
    let _ = stream.compress();
    Ok(dst.add_object(stream))
}

/// Deep copy of an object and everything it references, with fresh ids in `dst`.
fn copy(src: &Document, obj: &Object, dst: &mut Document, map: &mut HashMap<ObjectId, ObjectId>) -> Object {
    match obj {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                return Object::Reference(*new);
            }
            let new = dst.new_object_id();
            map.insert(*id, new);
            let target = src.get_object(*id).cloned().unwrap_or(Object::Null);
            let copied = copy(src, &target, dst, map);
            dst.objects.insert(new, copied);
            Object::Reference(new)
        }
        Object::Array(a) => Object::Array(a.iter().map(|o| copy(src, o, dst, map)).collect()),
        Object::Dictionary(d) => {
            let mut out = lopdf::Dictionary::new();
            for (k, v) in d.iter() {
                out.set(k.clone(), copy(src, v, dst, map));
            }
            Object::Dictionary(out)
        }
        Object::Stream(s) => {
            let mut out = lopdf::Dictionary::new();
            for (k, v) in s.dict.iter() {
                out.set(k.clone(), copy(src, v, dst, map));
            }
            Object::Stream(Stream::new(out, s.content.clone()).with_compression(false))
        }
        other => other.clone(),
    }
}
