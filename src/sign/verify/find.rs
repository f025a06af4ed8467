//! Finding every signature of a file: the form's signature fields, then widgets on pages
//! that the form does not list (a file whose `/AcroForm` was removed still shows them), then
//! any signature dictionary the file holds. A forger must not hide a signature from the
//! verifier that a viewer would show.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};

/// One signature field or signature dictionary found.
#[derive(Debug, Clone)]
pub struct Found {
    /// Full field name, or "object N G".
    pub name: String,
    /// `acroform`, `page-annotation` or `reference`.
    pub how: &'static str,
    /// Page of the widget.
    pub page: Option<u32>,
    /// The signature dictionary, when signed.
    pub value: Option<Dictionary>,
    /// The object whose bytes hold the signature dictionary (its own, or the field's when
    /// `/V` is direct).
    pub holder: Option<ObjectId>,
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    resolve(doc, o).as_dict().ok()
}

/// Whether a dictionary is a signature value: `/Type /Sig` or `/DocTimeStamp`, or a
/// `/ByteRange` with `/Contents`.
pub fn is_signature(d: &Dictionary) -> bool {
    let ty = d.get(b"Type").ok().and_then(|t| t.as_name().ok());
    matches!(ty, Some(b"Sig" | b"DocTimeStamp")) || (d.has(b"ByteRange") && d.has(b"Contents"))
}

/// A field's signature value and the object holding it. A `/V` that is there but is no
/// readable signature dictionary (a damaged object, another kind of value) is a signature
/// that cannot be verified, never an empty field: the value is then an empty dictionary.
fn value_of(doc: &Document, id: ObjectId, d: &Dictionary) -> (Option<Dictionary>, Option<ObjectId>) {
    match d.get(b"V") {
        Ok(Object::Null) | Err(_) => (None, None),
        Ok(Object::Reference(v)) => match doc.get_dictionary(*v) {
            Ok(sd) if is_signature(sd) => (Some(sd.clone()), Some(*v)),
            _ => (Some(Dictionary::new()), Some(*v)),
        },
        Ok(Object::Dictionary(sd)) if is_signature(sd) => (Some(sd.clone()), Some(id)),
        Ok(_) => (Some(Dictionary::new()), Some(id)),
    }
}

/// The field type, looked up the `/Parent` chain.
fn field_type(doc: &Document, d: &Dictionary) -> Option<Vec<u8>> {
    let mut cur = d;
    for _ in 0..32 {
        if let Ok(ft) = cur.get(b"FT").and_then(Object::as_name) {
            return Some(ft.to_vec());
        }
        cur = cur.get(b"Parent").ok().and_then(|p| dict(doc, p))?;
    }
    None
}

/// The full name of a field, parents' names joined with dots.
fn full_name(doc: &Document, d: &Dictionary) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(d);
    for _ in 0..32 {
        let Some(c) = cur else { break };
        if let Ok(t) = c.get(b"T") {
            parts.push(lopdf::decode_text_string(t).unwrap_or_default());
        }
        cur = c.get(b"Parent").ok().and_then(|p| dict(doc, p));
    }
    parts.reverse();
    parts.join(".")
}

/// Every signature: form fields first (empty ones included, in the form's order), then
/// page widgets, then other signature dictionaries.
pub fn signatures(doc: &Document) -> Vec<Found> {
    let pages: HashMap<ObjectId, u32> = doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let mut out: Vec<Found> = Vec::new();
    let mut seen_fields: HashSet<ObjectId> = HashSet::new();
    let mut seen_values: HashSet<ObjectId> = HashSet::new();
    let page_of = |d: &Dictionary| d.get(b"P").ok().and_then(|p| p.as_reference().ok()).and_then(|p| pages.get(&p).copied());

    // 1. The form.
    let acro = doc.catalog().ok().and_then(|c| c.get(b"AcroForm").ok()).and_then(|a| dict(doc, a));
    if let Some(list) = acro.and_then(|a| a.get(b"Fields").ok()).and_then(|f| resolve(doc, f).as_array().ok()) {
        let mut stack: Vec<(ObjectId, usize)> = list.iter().rev().filter_map(|o| o.as_reference().ok()).map(|id| (id, 0)).collect();
        while let Some((id, depth)) = stack.pop() {
            if depth > 32 || !seen_fields.insert(id) {
                continue;
            }
            let Ok(d) = doc.get_dictionary(id) else {
                continue;
            };
            let kids: Vec<ObjectId> = d.get(b"Kids").ok().and_then(|k| resolve(doc, k).as_array().ok()).map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect()).unwrap_or_default();
            let named: Vec<ObjectId> = kids.iter().copied().filter(|k| doc.get_dictionary(*k).is_ok_and(|k| k.has(b"T"))).collect();
            if !named.is_empty() {
                stack.extend(named.into_iter().rev().map(|k| (k, depth + 1)));
                continue;
            }
            if field_type(doc, d).as_deref() != Some(b"Sig") {
                continue;
            }
            seen_fields.extend(kids.iter().copied());
            let widget = if d.has(b"Rect") { Some(d) } else { kids.first().and_then(|k| doc.get_dictionary(*k).ok()) };
            let page = widget.and_then(page_of).or_else(|| widget_page(doc, &pages, id, &kids));
            let (value, holder) = value_of(doc, id, d);
            if let Some(h) = holder {
                seen_values.insert(h);
            }
            out.push(Found { name: full_name(doc, d), how: "acroform", page, value, holder });
        }
    }

    // 2. Widgets on pages with /FT /Sig (own or inherited) that the form does not list.
    let mut by_page: Vec<(&u32, &ObjectId)> = pages.iter().map(|(id, n)| (n, id)).collect();
    by_page.sort();
    for (n, pid) in by_page {
        let Ok(page) = doc.get_dictionary(*pid) else {
            continue;
        };
        let Some(annots) = page.get(b"Annots").ok().and_then(|a| resolve(doc, a).as_array().ok()) else {
            continue;
        };
        for a in annots {
            let Some(d) = dict(doc, a) else { continue };
            if field_type(doc, d).as_deref() != Some(b"Sig") {
                continue;
            }
            // The field is the widget itself, or its parent.
            let (fid, fd) = match (d.has(b"T"), d.get(b"Parent").ok()) {
                (false, Some(Object::Reference(p))) => match doc.get_dictionary(*p) {
                    Ok(pd) => (Some(*p), pd),
                    Err(_) => (a.as_reference().ok(), d),
                },
                _ => (a.as_reference().ok(), d),
            };
            if fid.is_some_and(|f| seen_fields.contains(&f)) {
                continue;
            }
            let holder_id = fid.unwrap_or((0, 0));
            let (value, holder) = value_of(doc, holder_id, fd);
            if holder.is_some_and(|h| seen_values.contains(&h)) {
                continue;
            }
            if let Some(f) = fid {
                seen_fields.insert(f);
            }
            if let Some(h) = holder {
                seen_values.insert(h);
            }
            if value.is_none() {
                continue; // an empty widget outside the form is no signature
            }
            out.push(Found { name: full_name(doc, fd), how: "page-annotation", page: Some(*n), value, holder });
        }
    }

    // 3. Any other signature dictionary the file holds.
    for (id, obj) in &doc.objects {
        if seen_values.contains(id) {
            continue;
        }
        let Object::Dictionary(d) = obj else { continue };
        if is_signature(d) && !d.has(b"FT") {
            out.push(Found { name: format!("object {} {}", id.0, id.1), how: "reference", page: None, value: Some(d.clone()), holder: Some(*id) });
        }
    }
    out
}

/// The page of a widget that has no `/P`: the page whose `/Annots` lists it.
fn widget_page(doc: &Document, pages: &HashMap<ObjectId, u32>, field: ObjectId, kids: &[ObjectId]) -> Option<u32> {
    let mut ids = vec![field];
    ids.extend_from_slice(kids);
    pages.iter().find_map(|(pid, n)| {
        let annots = doc.get_dictionary(*pid).ok()?.get(b"Annots").ok().and_then(|a| resolve(doc, a).as_array().ok())?;
        annots.iter().any(|a| a.as_reference().is_ok_and(|r| ids.contains(&r))).then_some(*n)
    })
}
