//! Where each ND30 element landed, read from the laid-out frames (never recomputed): the
//! layout marks elements with `mark()` (two metadata tags); everything drawn between the
//! tags — text runs and rules — makes up the element's box, page by page.

use crate::style::LineMetrics;
use serde::Serialize;
use typst::foundations::{Label, Value};
use typst::introspection::{MetadataElem, Tag};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// An element's box on one page, from the page's top-left corner (pt from the layout, mm
/// in `vanban layout`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementBox {
    /// quoc_hieu, tieu_ngu, issuer, number, place_date, type, subject, body, …
    pub element: String,
    /// The input path of a body block (`$.body[3]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A signature field's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Page, from 1.
    pub page: usize,
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Baseline of the first line of text on this page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
}

struct Open {
    element: String,
    path: Option<String>,
    /// Index of this element's box on the current page in `out`.
    current: Option<usize>,
}

struct Walker {
    start: Label,
    end: Label,
    metrics: LineMetrics,
    open: Vec<Open>,
    out: Vec<ElementBox>,
    page: usize,
}

impl Walker {
    /// Add to the innermost open element only: marks do not nest, but an element running
    /// over a page break is still open while the next page's header (its page number) is
    /// drawn.
    fn extend(&mut self, min: Point, max: Point, baseline: Option<f64>) {
        if let Some(o) = self.open.last_mut() {
            let idx = match o.current {
                Some(i) if self.out[i].page == self.page => i,
                _ => {
                    self.out.push(ElementBox {
                        element: o.element.clone(),
                        path: o.path.clone(),
                        name: None,
                        page: self.page,
                        x: min.x.to_pt(),
                        y: min.y.to_pt(),
                        w: 0.0,
                        h: 0.0,
                        baseline,
                    });
                    o.current = Some(self.out.len() - 1);
                    self.out.len() - 1
                }
            };
            let b = &mut self.out[idx];
            let (x0, y0) = (b.x.min(min.x.to_pt()), b.y.min(min.y.to_pt()));
            let (x1, y1) = ((b.x + b.w).max(max.x.to_pt()), (b.y + b.h).max(max.y.to_pt()));
            b.x = x0;
            b.y = y0;
            b.w = x1 - x0;
            b.h = y1 - y0;
            if b.baseline.is_none() {
                b.baseline = baseline;
            }
        }
    }

    fn walk(&mut self, frame: &Frame, ts: Transform) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(g) => {
                    let ts = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(g.transform);
                    self.walk(&g.frame, ts);
                }
                FrameItem::Text(t) => {
                    if self.open.is_empty() {
                        continue;
                    }
                    let size = t.size.to_pt();
                    let a = Point::new(pos.x, pos.y - Abs::pt(self.metrics.ascent * size)).transform(ts);
                    let b = Point::new(pos.x + t.width(), pos.y + Abs::pt(self.metrics.descent * size)).transform(ts);
                    let base = pos.transform(ts).y.to_pt();
                    self.extend(Point::new(a.x.min(b.x), a.y.min(b.y)), Point::new(a.x.max(b.x), a.y.max(b.y)), Some(base));
                }
                FrameItem::Shape(s, _) => {
                    if self.open.is_empty() {
                        continue;
                    }
                    let r = s.bbox(true);
                    let a = (r.min + *pos).transform(ts);
                    let b = (r.max + *pos).transform(ts);
                    self.extend(Point::new(a.x.min(b.x), a.y.min(b.y)), Point::new(a.x.max(b.x), a.y.max(b.y)), None);
                }
                FrameItem::Image(_, size, _) => {
                    if self.open.is_empty() {
                        continue;
                    }
                    let a = pos.transform(ts);
                    let b = Point::new(pos.x + size.x, pos.y + size.y).transform(ts);
                    self.extend(Point::new(a.x.min(b.x), a.y.min(b.y)), Point::new(a.x.max(b.x), a.y.max(b.y)), None);
                }
                FrameItem::Tag(Tag::Start(content, _)) => {
                    let Some(meta) = content.to_packed::<MetadataElem>() else { continue };
                    if content.label() == Some(self.start) {
                        let Value::Dict(d) = &meta.value else { continue };
                        let get = |k: &str| match d.get(k) {
                            Ok(Value::Str(s)) => Some(s.to_string()),
                            _ => None,
                        };
                        self.open.push(Open { element: get("element").unwrap_or_default(), path: get("path"), current: None });
                    } else if content.label() == Some(self.end) {
                        self.open.pop();
                    }
                }
                _ => {}
            }
        }
    }
}

/// Every marked element's box, per page, in document order.
pub fn elements(doc: &PagedDocument, metrics: LineMetrics) -> Vec<ElementBox> {
    let (Some(start), Some(end)) = (Label::new(PicoStr::intern("vanban-start")), Label::new(PicoStr::intern("vanban-end"))) else {
        return Vec::new();
    };
    let mut w = Walker { start, end, metrics, open: Vec::new(), out: Vec::new(), page: 0 };
    for (k, page) in doc.pages().iter().enumerate() {
        w.page = k + 1;
        // An element still open continues on this page: a new box.
        for o in &mut w.open {
            o.current = None;
        }
        w.walk(&page.frame, Transform::identity());
    }
    w.out
}
