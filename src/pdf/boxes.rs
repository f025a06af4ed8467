//! Geometry read back from the laid-out document: every box the layout marked with
//! `anchor()` (signature fields now; element boxes for `vanban layout`).

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// A marked box: element kind, name, page (1-based) and its rectangle in pt from the page's
/// top-left corner.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MarkedBox {
    /// What it is ("signature_field", …).
    pub element: String,
    /// Its name ("signer", "agency", …).
    pub name: String,
    /// Page, from 1.
    pub page: usize,
    /// Left edge, pt.
    pub x: f64,
    /// Top edge, pt.
    pub y: f64,
    /// Width, pt.
    pub w: f64,
    /// Height, pt.
    pub h: f64,
}

fn length(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Length(l) => Some(l.abs.to_pt()),
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// Every box marked `<vanban-box>`, in document order.
pub fn marked(doc: &PagedDocument) -> Vec<MarkedBox> {
    let Ok(label) = Label::new(PicoStr::intern("vanban-box")).ok_or(()) else { return Vec::new() };
    let mut out = Vec::new();
    for c in doc.introspector().query(&Selector::Label(label)) {
        let Some(meta) = c.to_packed::<MetadataElem>() else { continue };
        let Value::Dict(d) = &meta.value else { continue };
        let text = |k: &str| match d.get(k) {
            Ok(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        };
        let Ok(Value::Dict(pos)) = d.get("pos") else { continue };
        let page = match pos.get("page") {
            Ok(Value::Int(p)) => *p as usize,
            _ => continue,
        };
        let (Some(x), Some(y), Some(w), Some(h)) =
            (length(pos.get("x").ok()), length(pos.get("y").ok()), length(d.get("w").ok()), length(d.get("h").ok()))
        else {
            continue;
        };
        out.push(MarkedBox { element: text("element"), name: text("name"), page, x, y, w, h });
    }
    out
}
